//! Calls to a server known only by its URL (the binary running as a child
//! process): JSON in, the status and the JSON body out. The in-process
//! [`super::Server`] has its own client; this one is for the binary tests.

use reqwest::Method;
use serde_json::{json, Value};

/// One server's URL and the client that calls it; paths are absolute
/// (`/api/v1/…`, as in [`super::paths`]).
#[derive(Clone)]
pub struct Remote {
    client: reqwest::Client,
    base: String,
}

impl Remote {
    /// The API of the server listening at `url`, called with `client`
    /// (cloning a client shares its connection pool and settings).
    pub fn new(client: &reqwest::Client, url: &str) -> Remote {
        Remote {
            client: client.clone(),
            base: url.trim_end_matches('/').to_owned(),
        }
    }

    /// Any call; `token` goes in `Authorization: Bearer`. Returns the
    /// status and the JSON body (`null` when there is none).
    pub async fn send(
        &self,
        method: Method,
        path: &str,
        token: Option<&str>,
        body: Option<&Value>,
    ) -> (u16, Value) {
        let mut request = self.client.request(method, format!("{}{path}", self.base));
        if let Some(token) = token {
            request = request.bearer_auth(token);
        }
        if let Some(body) = body {
            request = request.json(body);
        }
        let response = request.send().await.unwrap();
        let status = response.status().as_u16();
        (status, response.json().await.unwrap_or(Value::Null))
    }

    /// `GET {path}` with `token`.
    pub async fn get(&self, path: &str, token: &str) -> (u16, Value) {
        self.send(Method::GET, path, Some(token), None).await
    }

    /// `POST {path}` with `body` and, if any, `token`.
    pub async fn post(&self, path: &str, token: Option<&str>, body: Value) -> (u16, Value) {
        self.send(Method::POST, path, token, Some(&body)).await
    }

    /// Logs in (asserting 201) and returns Hook0's LoginResponse.
    pub async fn login(&self, email: &str, password: &str) -> Value {
        let body = json!({"email": email, "password": password});
        let (status, login) = self.post("/api/v1/auth/login", None, body).await;
        assert_eq!(status, 201, "login of {email}: {login}");
        login
    }
}
