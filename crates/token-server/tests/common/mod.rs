//! Shared fixtures: a real server on a real socket (127.0.0.1, port 0) over
//! a real SQLite file in a temp directory, a small JSON client, helpers
//! for the usual first steps (register, log in, make a service token), the
//! usual [`Fixture`] (a user, an application, a root token), the API's
//! [`paths`], and [`Expect`] for table-driven tests whose failures name
//! the case.

#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

pub mod process;
pub mod remote;

use std::collections::BTreeMap;
use std::path::PathBuf;

use reqwest::{Method, StatusCode};
use serde_json::{json, Value};
use tempfile::TempDir;
use token_server::config::Config;
use token_server::AppState;
use tokio::sync::oneshot;
use tokio::task::JoinHandle;

pub const PASSWORD: &str = "correct horse battery staple";

/// A running server.
pub struct Server {
    pub base: String,
    pub state: AppState,
    pub dir: TempDir,
    client: reqwest::Client,
    stop: Option<oneshot::Sender<()>>,
    task: Option<JoinHandle<std::io::Result<()>>>,
}

/// One HTTP answer, body parsed as JSON when it is JSON.
#[derive(Debug)]
pub struct Answer {
    pub status: StatusCode,
    pub headers: reqwest::header::HeaderMap,
    pub body: Value,
    pub text: String,
}

impl Answer {
    /// Asserts a problem+json answer with this status and Hook0 id.
    #[track_caller]
    pub fn problem(&self, status: u16, id: &str) -> &Self {
        self.problem_for(status, id, "problem")
    }

    /// [`Answer::problem`] whose failure messages begin with `why`.
    #[track_caller]
    fn problem_for(&self, status: u16, id: &str, why: &str) -> &Self {
        let body = &self.text;
        assert_eq!(self.status.as_u16(), status, "{why}: status; body: {body}");
        assert_eq!(self.body["id"], id, "{why}: problem id; body: {body}");
        assert_eq!(self.body["status"], status, "{why}: status in the body");
        assert_eq!(
            self.headers["content-type"], "application/problem+json",
            "{why}: content type"
        );
        assert_eq!(
            self.body["type"],
            format!(
                "https://documentation.hook0.com/reference/error-codes#{}",
                id.to_lowercase()
            ),
            "{why}: type"
        );
        assert!(
            self.body["title"].is_string() && self.body["detail"].is_string(),
            "{why}: title and detail; body: {body}"
        );
        if id != "Validation" {
            assert!(
                self.body["validation"].is_null(),
                "{why}: no validation tree"
            );
        }
        self
    }

    /// Asserts the status and returns the body.
    #[track_caller]
    pub fn ok(&self, status: u16) -> &Value {
        assert_eq!(self.status.as_u16(), status, "status; body: {}", self.text);
        &self.body
    }

    /// Asserts 200 and a JSON array, and returns its items.
    #[track_caller]
    pub fn list(&self) -> &Vec<Value> {
        let items = self.ok(200).as_array();
        items.unwrap_or_else(|| panic!("a JSON array; body: {}", self.text))
    }

    /// Asserts `expect` for the case `why`: a failure names the case.
    #[track_caller]
    pub fn expect(&self, expect: Expect, why: &str) -> &Self {
        match expect {
            Expect::Ok(status) => {
                let body = &self.text;
                assert_eq!(self.status.as_u16(), status, "{why}: status; body: {body}");
                self
            }
            Expect::Problem(status, id) => self.problem_for(status, id, why),
        }
    }
}

/// What one request of a table-driven test must get back.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Expect {
    /// This success status.
    Ok(u16),
    /// A problem+json answer with this status and Hook0 id.
    Problem(u16, &'static str),
}

/// One request of a table-driven test; the table gives the token.
#[derive(Debug, Clone)]
pub struct Step {
    pub method: Method,
    pub path: String,
    pub body: Option<Value>,
}

impl Step {
    pub fn get(path: impl Into<String>) -> Step {
        Step::new(Method::GET, path, None)
    }

    pub fn post(path: impl Into<String>, body: Value) -> Step {
        Step::new(Method::POST, path, Some(body))
    }

    pub fn put(path: impl Into<String>, body: Value) -> Step {
        Step::new(Method::PUT, path, Some(body))
    }

    pub fn delete(path: impl Into<String>) -> Step {
        Step::new(Method::DELETE, path, None)
    }

    /// One event of `billing.invoice.paid` sent to `app`.
    pub fn ingest(app: &str) -> Step {
        Step::post("/api/v1/event", event(app))
    }

    fn new(method: Method, path: impl Into<String>, body: Option<Value>) -> Step {
        Step {
            method,
            path: path.into(),
            body,
        }
    }
}

/// The API paths the tests call, written once.
pub mod paths {
    pub fn applications(org: &str) -> String {
        format!("/api/v1/applications?organization_id={org}")
    }

    pub fn application(app: &str) -> String {
        format!("/api/v1/applications/{app}")
    }

    pub fn service_tokens(org: &str) -> String {
        format!("/api/v1/service_token?organization_id={org}")
    }

    /// One token, as `GET` and `DELETE` address it (`PUT` has the
    /// organization in its body instead).
    pub fn service_token(id: &str, org: &str) -> String {
        format!("/api/v1/service_token/{id}?organization_id={org}")
    }

    pub fn event_types(app: &str) -> String {
        format!("/api/v1/event_types?application_id={app}")
    }

    pub fn events(app: &str) -> String {
        format!("/api/v1/events?application_id={app}")
    }
}

/// The usual fixture: Ada signed up (her personal organization), its
/// application "Billing" with `billing.invoice.paid`, and a root service
/// token named "root".
pub struct Fixture {
    pub server: Server,
    pub ada: Session,
    pub org: String,
    pub app: String,
    pub token_id: String,
    pub root: String,
}

impl Fixture {
    /// The fixture on a fresh server.
    pub async fn start() -> Fixture {
        Fixture::on(Server::start().await).await
    }

    /// The fixture on `server` (a server with adjusted settings).
    pub async fn on(server: Server) -> Fixture {
        let ada = server.signup("ada@example.com").await;
        let org = ada.organization_id.clone();
        let app = server.application(&ada.access, &org, "Billing").await;
        server.event_type(&ada.access, &app).await;
        let (token_id, root) = server.service_token(&ada.access, &org, "root").await;
        Fixture {
            server,
            ada,
            org,
            app,
            token_id,
            root,
        }
    }
}

/// Test settings: no demo data, no rate limits unless a test sets them.
pub fn config(dir: &TempDir) -> Config {
    Config::for_dir(dir.path())
}

impl Server {
    /// A fresh server in a fresh temp directory.
    pub async fn start() -> Server {
        Server::start_with(|_| {}).await
    }

    /// A fresh server with adjusted settings.
    pub async fn start_with(adjust: impl FnOnce(&mut Config)) -> Server {
        let dir = tempfile::tempdir().unwrap();
        let mut config = config(&dir);
        adjust(&mut config);
        Server::start_in(dir, config).await
    }

    /// A server on an existing directory (a restart).
    pub async fn start_in(dir: TempDir, config: Config) -> Server {
        let (state, _) = AppState::new(config).unwrap();
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let base = format!("http://{}", listener.local_addr().unwrap());
        let (stop, stopped) = oneshot::channel::<()>();
        let task = tokio::spawn(token_server::serve(listener, state.clone(), async move {
            let _ = stopped.await;
        }));
        Server {
            base,
            state,
            dir,
            client: reqwest::Client::new(),
            stop: Some(stop),
            task: Some(task),
        }
    }

    /// Stops the server (graceful) and hands back its directory.
    pub async fn stop(mut self) -> TempDir {
        drop(std::mem::take(&mut self.client));
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        if let Some(task) = self.task.take() {
            tokio::time::timeout(std::time::Duration::from_secs(10), task)
                .await
                .expect("server stops")
                .unwrap()
                .unwrap();
        }
        let dir = tempfile::tempdir().unwrap();
        std::mem::replace(&mut self.dir, dir)
    }

    pub fn dist(&self) -> PathBuf {
        self.state.config.dist.clone()
    }

    /// Any request; `token` goes in `Authorization: Bearer`.
    pub async fn call(
        &self,
        method: Method,
        path: &str,
        token: Option<&str>,
        body: Option<Value>,
    ) -> Answer {
        let mut request = self.client.request(method, format!("{}{path}", self.base));
        if let Some(token) = token {
            request = request.bearer_auth(token);
        }
        if let Some(body) = body {
            request = request.json(&body);
        }
        Answer::from(request.send().await.unwrap()).await
    }

    pub async fn raw(&self, request: reqwest::RequestBuilder) -> Answer {
        Answer::from(request.send().await.unwrap()).await
    }

    pub fn request(&self, method: Method, path: &str) -> reqwest::RequestBuilder {
        self.client.request(method, format!("{}{path}", self.base))
    }

    pub async fn get(&self, path: &str, token: &str) -> Answer {
        self.call(Method::GET, path, Some(token), None).await
    }

    pub async fn post(&self, path: &str, token: Option<&str>, body: Value) -> Answer {
        self.call(Method::POST, path, token, Some(body)).await
    }

    pub async fn put(&self, path: &str, token: &str, body: Value) -> Answer {
        self.call(Method::PUT, path, Some(token), Some(body)).await
    }

    pub async fn delete(&self, path: &str, token: &str) -> Answer {
        self.call(Method::DELETE, path, Some(token), None).await
    }

    /// Registers `email` (personal organization included) and logs in.
    pub async fn signup(&self, email: &str) -> Session {
        let registered = self
            .post(
                "/api/v1/register",
                None,
                json!({"first_name": "Ada", "last_name": "Lovelace", "email": email, "password": PASSWORD}),
            )
            .await;
        let organization_id = registered.ok(201)["organization_id"]
            .as_str()
            .unwrap()
            .to_owned();
        let mut session = self.login(email, PASSWORD).await;
        session.organization_id = organization_id;
        session
    }

    /// Logs in; the session's organization is its first membership.
    pub async fn login(&self, email: &str, password: &str) -> Session {
        let answer = self
            .post(
                "/api/v1/auth/login",
                None,
                json!({"email": email, "password": password}),
            )
            .await;
        let body = answer.ok(201).clone();
        let access = body["access_token"].as_str().unwrap().to_owned();
        let orgs = self.get("/api/v1/organizations", &access).await;
        let organization_id = orgs.ok(200)[0]["organization_id"]
            .as_str()
            .unwrap_or_default()
            .to_owned();
        Session {
            access,
            refresh: body["refresh_token"].as_str().unwrap().to_owned(),
            organization_id,
            login: body,
        }
    }

    /// `POST`s `{organization_id, name}` to `path` (an application or a
    /// service token), whatever the answer.
    pub async fn create(&self, path: &str, token: &str, org: &str, name: &str) -> Answer {
        let body = json!({"organization_id": org, "name": name});
        self.post(path, Some(token), body).await
    }

    /// Creates an application in `org`.
    pub async fn application(&self, token: &str, org: &str, name: &str) -> String {
        let answer = self.create("/api/v1/applications", token, org, name).await;
        answer.ok(201)["application_id"]
            .as_str()
            .unwrap()
            .to_owned()
    }

    /// Creates `billing.invoice.paid` in `app`.
    pub async fn event_type(&self, token: &str, app: &str) -> String {
        let answer = self
            .post(
                "/api/v1/event_types",
                Some(token),
                json!({"application_id": app, "service": "billing", "resource_type": "invoice", "verb": "paid"}),
            )
            .await;
        answer.ok(201)["event_type_name"]
            .as_str()
            .unwrap()
            .to_owned()
    }

    /// Creates a root service token; returns `(token_id, biscuit)`.
    pub async fn service_token(&self, token: &str, org: &str, name: &str) -> (String, String) {
        let answer = self.create("/api/v1/service_token", token, org, name).await;
        let body = answer.ok(201);
        (
            body["token_id"].as_str().unwrap().to_owned(),
            body["biscuit"].as_str().unwrap().to_owned(),
        )
    }

    /// Every row of every table as text (`quote()` of each column), rows
    /// sorted: equal snapshots mean the database did not change.
    pub fn snapshot(&self) -> BTreeMap<String, Vec<String>> {
        self.state
            .db
            .run_sync(|conn| {
                let tables = conn
                    .prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")?
                    .query_map([], |r| r.get::<_, String>(0))?
                    .collect::<Result<Vec<String>, _>>()?;
                let mut out = BTreeMap::new();
                for table in tables {
                    let columns = conn
                        .prepare("SELECT name FROM pragma_table_info(?1)")?
                        .query_map([&table], |r| r.get::<_, String>(0))?
                        .collect::<Result<Vec<String>, _>>()?;
                    let row = columns
                        .iter()
                        .map(|c| format!("quote(\"{c}\")"))
                        .collect::<Vec<_>>()
                        .join(" || '|' || ");
                    let mut rows = conn
                        .prepare(&format!("SELECT {row} FROM \"{table}\""))?
                        .query_map([], |r| r.get::<_, String>(0))?
                        .collect::<Result<Vec<String>, _>>()?;
                    rows.sort();
                    out.insert(table, rows);
                }
                Ok(out)
            })
            .unwrap()
    }

    /// Sends `step` with `token`.
    pub async fn send(&self, step: &Step, token: &str) -> Answer {
        let (method, body) = (step.method.clone(), step.body.clone());
        self.call(method, &step.path, Some(token), body).await
    }

    /// Sends each step of `table` with `token`, in order, and asserts its
    /// answer; a failure names the step's `why`.
    pub async fn check(&self, token: &str, table: &[(&str, Step, Expect)]) {
        for (why, step, expect) in table {
            self.send(step, token).await.expect(*expect, why);
        }
    }

    /// Sends one event of `billing.invoice.paid`.
    pub async fn ingest(&self, token: &str, app: &str) -> Answer {
        self.post("/api/v1/event", Some(token), event(app)).await
    }
}

/// A valid event body.
pub fn event(app: &str) -> Value {
    json!({
        "application_id": app,
        "event_type": "billing.invoice.paid",
        "payload": "{\"amount\": 42}",
        "payload_content_type": "application/json",
        "occurred_at": "2026-11-28T12:00:00Z",
        "labels": {"tenant": "acme"},
    })
}

/// A logged-in user.
#[derive(Debug, Clone)]
pub struct Session {
    pub access: String,
    pub refresh: String,
    pub organization_id: String,
    pub login: Value,
}

impl Answer {
    /// Reads a response someone else sent.
    pub async fn read(response: reqwest::Response) -> Answer {
        Answer::from(response).await
    }

    async fn from(response: reqwest::Response) -> Answer {
        let status = response.status();
        let headers = response.headers().clone();
        let text = response.text().await.unwrap();
        let body = serde_json::from_str(&text).unwrap_or(Value::Null);
        Answer {
            status,
            headers,
            body,
            text,
        }
    }
}

/// Tokens attenuated by the core, exactly as the dashboard makes them.
pub mod attenuate {
    use chrono::{DateTime, Utc};
    use token_core::attenuation::{attenuate, AttenuationRequest};
    use token_core::token::Token;

    /// Appends one block for `request` to `root` (read without the key, as
    /// a browser holding only the token would).
    pub fn with(root: &str, request: &AttenuationRequest, now: DateTime<Utc>) -> String {
        let token = Token::parse(root, None).unwrap();
        attenuate(&token, request, now).unwrap().token
    }

    /// Appends one block that only sets an expiry, as of `now`.
    pub fn expiring(root: &str, expires_at: DateTime<Utc>, now: DateTime<Utc>) -> String {
        let request = AttenuationRequest {
            expires_at: Some(expires_at),
            ..Default::default()
        };
        with(root, &request, now)
    }

    /// Appends `datalog` as one block with biscuit-auth itself, the way a
    /// hostile token holder would: no editor, no cost screen, no lint.
    pub fn raw(root: &str, datalog: &str) -> String {
        use token_core::biscuit_auth::{BlockBuilder, UnverifiedBiscuit};
        let token = UnverifiedBiscuit::from_base64(root).unwrap();
        let block = BlockBuilder::new().code(datalog).unwrap();
        token.append(block).unwrap().to_base64().unwrap()
    }
}
