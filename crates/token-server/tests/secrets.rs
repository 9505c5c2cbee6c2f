//! Secrets and headers (issue 7). `binary.rs` already checks the first
//! start (key file 0600, demo password printed once) and debug-level logs
//! of login, token creation and a denied request; this adds the rest:
//!
//! - logs at **trace** level, text and JSON, while registering, logging in
//!   (right, wrong, unknown), refreshing (and replaying a used refresh
//!   token), creating a root token, using it, attenuating it and using the
//!   attenuated token (allowed, denied, refused as too costly), a token put
//!   in a URL, and logging out: no password, token or key in them;
//! - a key given in `BISCUIT_PRIVATE_KEY` never reaches the log either;
//! - a key file others can read is reported, without its content;
//! - security headers, a CSP whose `script-src` has no `'unsafe-inline'`,
//!   on every kind of response (page, asset, API success and errors).

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::process::Process;
use common::Server;
use reqwest::Method;
use serde_json::{json, Value};
use token_core::attenuation::AttenuationRequest;
use token_core::biscuit_auth::KeyPair;

/// The API of one running server, for a scripted flow of calls.
struct Api {
    client: reqwest::Client,
    base: String,
}

/// One call being described: `api.post("auth/login").json(…).expect(201)`.
struct Call {
    request: reqwest::RequestBuilder,
}

impl Api {
    fn new(url: &str) -> Api {
        Api {
            client: reqwest::Client::new(),
            base: format!("{url}/api/v1"),
        }
    }

    fn call(&self, method: Method, path: &str) -> Call {
        Call {
            request: self.client.request(method, format!("{}/{path}", self.base)),
        }
    }

    fn get(&self, path: &str) -> Call {
        self.call(Method::GET, path)
    }

    fn post(&self, path: &str) -> Call {
        self.call(Method::POST, path)
    }
}

impl Call {
    fn token(self, token: &str) -> Self {
        Call {
            request: self.request.bearer_auth(token),
        }
    }

    fn json(self, body: Value) -> Self {
        Call {
            request: self.request.json(&body),
        }
    }

    /// Sends the call, asserts its status (`why` says what the step
    /// checks), and returns the JSON body (`null` when there is none).
    async fn expect(self, status: u16, why: &str) -> Value {
        let response = self.request.send().await.unwrap();
        assert_eq!(response.status().as_u16(), status, "{why}");
        response.json().await.unwrap_or(Value::Null)
    }
}

fn text(v: &Value, field: &str) -> String {
    v[field]
        .as_str()
        .unwrap_or_else(|| panic!("{field} in {v}"))
        .to_owned()
}

/// Every secret-bearing request the API has; returns the secrets used.
async fn exercise(url: &str, email: &str) -> Vec<String> {
    let api = Api::new(url);
    let password = format!("pw-{}", uuid::Uuid::new_v4());
    let wrong = format!("wrong-{}", uuid::Uuid::new_v4());
    let unknown_users = format!("unknown-{}", uuid::Uuid::new_v4());
    let too_short = "tiny-pw-9".to_owned();
    let account = |password: &str| json!({"first_name": "Sam", "last_name": "Secret", "email": email, "password": password});

    api.post("register")
        .json(account(&too_short))
        .expect(422, "a password too short")
        .await;
    api.post("register")
        .json(account(&password))
        .expect(201, "registered")
        .await;
    api.post("auth/login")
        .json(json!({"email": email, "password": wrong}))
        .expect(401, "a wrong password")
        .await;
    api.post("auth/login")
        .json(json!({"email": "nobody@example.com", "password": unknown_users}))
        .expect(401, "an unknown user")
        .await;
    let first = api
        .post("auth/login")
        .json(json!({"email": email, "password": password}))
        .expect(201, "logged in")
        .await;
    let (access1, refresh1) = (text(&first, "access_token"), text(&first, "refresh_token"));
    let second = api
        .post("auth/refresh")
        .token(&refresh1)
        .expect(201, "refreshed")
        .await;
    let (access2, refresh2) = (
        text(&second, "access_token"),
        text(&second, "refresh_token"),
    );
    api.post("auth/refresh")
        .token(&refresh1)
        .expect(403, "a used refresh token")
        .await;
    let orgs = api
        .get("organizations")
        .token(&access2)
        .expect(200, "organizations")
        .await;
    let org = text(&orgs[0], "organization_id");
    let app = api
        .post("applications")
        .token(&access2)
        .json(json!({"organization_id": org, "name": "Shop"}))
        .expect(201, "an application")
        .await;
    let app = text(&app, "application_id");
    let created = api
        .post("service_token")
        .token(&access2)
        .json(json!({"organization_id": org, "name": "ci"}))
        .expect(201, "a root token")
        .await;
    let root = text(&created, "biscuit");
    api.get(&format!("service_token?organization_id={org}"))
        .token(&root)
        .expect(200, "the root token at work")
        .await;

    let now = chrono::Utc::now();
    let read_only = common::attenuate::with(
        &root,
        &AttenuationRequest {
            applications: vec![app.parse().unwrap()],
            actions: Some(vec![
                "application:get".to_owned(),
                "event_type:list".to_owned(),
            ]),
            ..AttenuationRequest::default()
        },
        now,
    );
    api.get(&format!("applications/{app}"))
        .token(&read_only)
        .expect(200, "allowed")
        .await;
    api.post("event_types")
        .token(&read_only)
        .json(json!({"application_id": app, "service": "a", "resource_type": "b", "verb": "c"}))
        .expect(403, "denied, with its failed checks logged at debug")
        .await;
    let facts: String = (0..60).map(|i| format!("n({i});")).collect();
    // Appended with biscuit itself: the core's editor refuses to write it.
    let runaway = common::attenuate::raw(
        &root,
        &format!("{facts} check if n($a), n($b), n($c), n($d), $a + $b + $c + $d == -1;"),
    );
    api.get(&format!("applications/{app}"))
        .token(&runaway)
        .expect(403, "too costly")
        .await;

    // A client that puts a token in the URL: not accepted from there, and
    // the request line is logged without its query.
    api.get(&format!("organizations?access_token={access2}"))
        .expect(401, "a token in the URL is not read")
        .await;
    api.post("auth/logout")
        .token(&access2)
        .expect(204, "logged out")
        .await;

    vec![
        password,
        wrong,
        unknown_users,
        too_short,
        access1,
        refresh1,
        access2,
        refresh2,
        root,
        read_only,
        runaway,
    ]
}

#[track_caller]
fn assert_clean(logs: &str, secrets: &[String]) {
    for secret in secrets {
        assert!(!logs.contains(secret.as_str()), "a secret reached the log");
        // Not even a recognizable piece of a token.
        if secret.len() > 100 {
            for piece in [
                &secret[..40],
                &secret[secret.len() / 2..secret.len() / 2 + 40],
                &secret[secret.len() - 40..],
            ] {
                assert!(!logs.contains(piece), "a piece of a token reached the log");
            }
        }
    }
}

#[tokio::test]
async fn trace_logs_never_contain_a_password_token_or_key() {
    let dir = tempfile::tempdir().unwrap();

    // Text logs at trace level, key generated into the key file.
    let server = Process::start(dir.path(), "text", &["--log-level", "trace"], &[]);
    let mut secrets = exercise(&server.url, "sam@example.com").await;
    let logs = server.terminate();
    let key = std::fs::read_to_string(dir.path().join("server.key")).unwrap();
    secrets.push(key.trim().to_owned());
    assert!(logs.contains("TRACE"), "trace level was on");
    assert!(logs.contains("/api/v1/auth/login"), "requests are logged");
    assert_clean(&logs, &secrets);

    // JSON logs at trace level, key from BISCUIT_PRIVATE_KEY.
    let env_key = KeyPair::new().private().to_bytes_hex();
    let server = Process::start(
        dir.path(),
        "json",
        &["--log-level", "trace", "--log-json"],
        &[("BISCUIT_PRIVATE_KEY", &env_key)],
    );
    let mut secrets = exercise(&server.url, "sam2@example.com").await;
    let logs = server.terminate();
    secrets.push(env_key);
    assert!(logs.contains("\"level\":\"TRACE\""), "JSON trace lines");
    assert_clean(&logs, &secrets);
}

#[tokio::test]
async fn a_key_file_others_can_read_is_reported_without_its_content() {
    let dir = tempfile::tempdir().unwrap();
    let first = Process::start(dir.path(), "first", &[], &[]);
    first.terminate();
    let key_path = dir.path().join("server.key");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&key_path).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600, "created owner-only");
        std::fs::set_permissions(&key_path, std::fs::Permissions::from_mode(0o644)).unwrap();
        let second = Process::start(dir.path(), "second", &["--log-level", "trace"], &[]);
        let logs = second.terminate();
        assert!(logs.contains("readable by other users"), "{logs}");
        let key = std::fs::read_to_string(&key_path).unwrap();
        assert!(!logs.contains(key.trim()));
    }
}

/// The CSP's directives, by name.
fn directives(csp: &str) -> std::collections::HashMap<String, Vec<String>> {
    csp.split(';')
        .filter_map(|d| {
            let mut parts = d.split_whitespace();
            let name = parts.next()?.to_ascii_lowercase();
            Some((name, parts.map(str::to_owned).collect()))
        })
        .collect()
}

#[tokio::test]
async fn security_headers_and_a_strict_csp_on_every_kind_of_response() {
    // A stock Trunk page with an inline loader script: allowed by its hash,
    // never by 'unsafe-inline'.
    let dir = tempfile::tempdir().unwrap();
    let dist = dir.path().join("dist");
    std::fs::create_dir_all(&dist).unwrap();
    std::fs::write(
        dist.join("index.html"),
        r#"<html><head><script type="module">import init from '/app.js'; init();</script></head></html>"#,
    )
    .unwrap();
    std::fs::write(dist.join("app.js"), "export default function init() {}").unwrap();
    let mut config = common::config(&dir);
    config.body_limit_bytes = 1024;
    let server = Server::start_in(dir, config).await;
    let session = server.signup("ada@example.com").await;
    let org = session.organization_id.clone();

    let big = json!({"organization_id": org, "name": "x".repeat(2000)});
    let responses = [
        ("page", server.request(Method::GET, "/tokens/new")),
        ("asset", server.request(Method::GET, "/app.js")),
        ("missing asset", server.request(Method::GET, "/missing.js")),
        ("API 200", server.request(Method::GET, "/api/v1/instance")),
        (
            "API 401",
            server.request(Method::GET, "/api/v1/organizations"),
        ),
        (
            "API 403",
            server
                .request(Method::GET, "/api/v1/organizations")
                .bearer_auth("garbage"),
        ),
        ("API 404", server.request(Method::GET, "/api/v1/nothing")),
        (
            "API 405",
            server.request(Method::PATCH, "/api/v1/applications"),
        ),
        (
            "API 413",
            server
                .request(Method::POST, "/api/v1/applications")
                .bearer_auth(&session.access)
                .json(&big),
        ),
        (
            "API 422",
            server
                .request(Method::POST, "/api/v1/applications")
                .bearer_auth(&session.access)
                .json(&json!({"organization_id": org, "name": ""})),
        ),
    ];
    for (what, request) in responses {
        let answer = server.raw(request).await;
        let h = &answer.headers;
        let csp = h
            .get("content-security-policy")
            .unwrap_or_else(|| panic!("{what}: no CSP"))
            .to_str()
            .unwrap();
        let d = directives(csp);
        let script = &d["script-src"];
        for forbidden in [
            "'unsafe-inline'",
            "'unsafe-eval'",
            "*",
            "data:",
            "http:",
            "https:",
            "blob:",
        ] {
            assert!(
                !script.iter().any(|s| s == forbidden),
                "{what}: script-src has {forbidden}: {csp}"
            );
        }
        assert!(
            script.iter().any(|s| s.starts_with("'sha256-")),
            "{what}: the inline script's hash: {csp}"
        );
        assert!(
            !d["style-src"].iter().any(|s| s == "'unsafe-inline'"),
            "{what}: {csp}"
        );
        assert_eq!(d["default-src"], ["'self'"], "{what}");
        assert_eq!(d["object-src"], ["'none'"], "{what}");
        assert_eq!(d["frame-ancestors"], ["'none'"], "{what}");
        assert_eq!(d["base-uri"], ["'self'"], "{what}");
        assert_eq!(h["x-content-type-options"], "nosniff", "{what}");
        assert_eq!(h["x-frame-options"], "DENY", "{what}");
        assert_eq!(h["referrer-policy"], "no-referrer", "{what}");
        if what.starts_with("API") {
            assert_eq!(
                h["cache-control"], "no-store",
                "{what}: API answers carry tokens"
            );
        }
    }
}
