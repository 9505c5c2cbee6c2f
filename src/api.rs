//! A typed client for the Hook0 API over gloo-net: one function per call,
//! one file per resource, errors read from `application/problem+json`.
//!
//! Tokens travel in the `Authorization` header only, never in a URL (URLs
//! end up in logs and browser history).

pub mod applications;
pub mod auth;
pub mod instance;
pub mod organizations;
pub mod service_tokens;

use std::collections::BTreeMap;
use std::fmt;

use gloo_net::http::{Method, RequestBuilder, Response};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

use crate::browser;

/// One field's validation failure in a 422 `Validation` problem.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct FieldError {
    #[serde(default)]
    pub code: String,
    #[serde(default)]
    pub message: Option<String>,
}

/// An RFC 7807 problem as Hook0 writes it; clients match on `id`.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct Problem {
    #[serde(default)]
    pub id: String,
    #[serde(default)]
    pub title: String,
    #[serde(default)]
    pub detail: Option<String>,
    #[serde(default)]
    pub status: u16,
    /// Field name → failures, for 422 `Validation` only.
    #[serde(default)]
    pub validation: Option<BTreeMap<String, Vec<FieldError>>>,
}

/// Everything a call can end with besides success.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ApiError {
    /// The API answered with a problem (4xx, 5xx).
    Problem(Problem),
    /// No answer at all: the server is down, the URL is wrong, CORS refused.
    Unreachable { base: String },
    /// The API answered something this client cannot read.
    UnexpectedResponse { status: u16, reason: String },
}

impl ApiError {
    /// The problem's `id`, when the API sent one.
    pub fn id(&self) -> Option<&str> {
        match self {
            ApiError::Problem(p) => Some(p.id.as_str()),
            _ => None,
        }
    }

    /// The HTTP status, when there was an answer.
    pub fn status(&self) -> Option<u16> {
        match self {
            ApiError::Problem(p) => Some(p.status),
            ApiError::UnexpectedResponse { status, .. } => Some(*status),
            ApiError::Unreachable { .. } => None,
        }
    }

    /// A short heading for an error card: "Insufficient rights (403)".
    pub fn title(&self) -> String {
        match self {
            ApiError::Problem(p) if p.title.is_empty() => format!("Error ({})", p.status),
            ApiError::Problem(p) => format!("{} ({})", p.title, p.status),
            ApiError::Unreachable { .. } => "The API cannot be reached".to_owned(),
            ApiError::UnexpectedResponse { status, .. } => {
                format!("Unexpected response ({status})")
            }
        }
    }

    /// The explanation under the heading.
    pub fn detail(&self) -> String {
        match self {
            ApiError::Problem(p) => {
                let mut text = p.detail.clone().unwrap_or_default();
                for (field, errors) in p.validation.iter().flatten() {
                    for e in errors {
                        let message = e.message.clone().unwrap_or_else(|| e.code.clone());
                        text.push_str(&format!(" {field}: {message}."));
                    }
                }
                text.trim().to_owned()
            }
            ApiError::Unreachable { base } => format!(
                "The Hook0 API at {base} cannot be reached. Check your connection, that the \
                 server is running, or the API location in Settings."
            ),
            ApiError::UnexpectedResponse { reason, .. } => reason.clone(),
        }
    }

    /// Whether the session is over (Hook0's dashboard logs out on it).
    pub fn is_invalid_session(&self) -> bool {
        self.id() == Some("AuthInvalidBiscuit")
    }
}

impl fmt::Display for ApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let detail = self.detail();
        if let ApiError::Unreachable { .. } = self {
            // The detail already says it all.
            write!(f, "{detail}")
        } else if detail.is_empty() {
            write!(f, "{}", self.title())
        } else {
            write!(f, "{}: {detail}", self.title())
        }
    }
}

/// The API base URL: the one saved in Settings, or this page's origin.
/// Never ends with `/`; `/api/v1` is added by the client.
pub fn base_url() -> String {
    browser::load(browser::keys::API_URL)
        .map(|u| u.trim().trim_end_matches('/').to_owned())
        .filter(|u| !u.is_empty())
        .unwrap_or_else(browser::origin)
}

/// Checks a base URL typed in Settings: `http(s)://host[:port][/path]`.
pub fn check_base_url(raw: &str) -> Result<String, String> {
    let url = raw.trim().trim_end_matches('/');
    if url.is_empty() {
        return Ok(String::new());
    }
    let parsed = web_sys::Url::new(url).map_err(|_| {
        "Enter a full URL, such as https://app.hook0.com or http://127.0.0.1:8080".to_owned()
    })?;
    match parsed.protocol().as_str() {
        "http:" | "https:" => {}
        _ => return Err("The URL must start with http:// or https://".to_owned()),
    }
    if !parsed.search().is_empty() || !parsed.hash().is_empty() {
        return Err("Leave out any ?query or #fragment".to_owned());
    }
    Ok(url.trim_end_matches("/api/v1").to_owned())
}

/// A client for one API, with or without a bearer token.
#[derive(Clone)]
pub struct Client {
    base: String,
    token: Option<String>,
}

impl fmt::Debug for Client {
    // The bearer token stays out of debug output.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Client")
            .field("base", &self.base)
            .field("authenticated", &self.token.is_some())
            .finish()
    }
}

impl Client {
    /// A client for the configured API, without a token.
    pub fn anonymous() -> Client {
        Client {
            base: base_url(),
            token: None,
        }
    }

    /// A client sending `token` as `Authorization: Bearer`.
    pub fn with_token(token: &str) -> Client {
        Client {
            base: base_url(),
            token: Some(token.to_owned()),
        }
    }

    fn request(&self, method: Method, path: &str, query: &[(&str, &str)]) -> RequestBuilder {
        let url = format!("{}/api/v1{path}", self.base);
        let mut builder = RequestBuilder::new(&url)
            .method(method)
            .header("Accept", "application/json");
        if !query.is_empty() {
            builder = builder.query(query.iter().copied());
        }
        if let Some(token) = &self.token {
            builder = builder.header("Authorization", &format!("Bearer {token}"));
        }
        builder
    }

    async fn send(
        &self,
        builder: RequestBuilder,
        body: Option<String>,
    ) -> Result<Response, ApiError> {
        let request = match body {
            Some(json) => builder
                .header("Content-Type", "application/json")
                .body(json),
            None => builder.build(),
        }
        .map_err(|e| ApiError::UnexpectedResponse {
            status: 0,
            reason: format!("The request could not be built: {e}"),
        })?;
        let response = request.send().await.map_err(|_| ApiError::Unreachable {
            base: self.base.clone(),
        })?;
        if response.ok() {
            Ok(response)
        } else {
            Err(problem_of(response).await)
        }
    }

    /// `GET` and read JSON.
    pub async fn get<T: DeserializeOwned>(
        &self,
        path: &str,
        query: &[(&str, &str)],
    ) -> Result<T, ApiError> {
        let response = self
            .send(self.request(Method::GET, path, query), None)
            .await?;
        read_json(response).await
    }

    /// A call with a JSON body (or none) that answers JSON.
    pub async fn call<B: Serialize, T: DeserializeOwned>(
        &self,
        method: Method,
        path: &str,
        query: &[(&str, &str)],
        body: Option<&B>,
    ) -> Result<T, ApiError> {
        let body = body.map(encode).transpose()?;
        let response = self.send(self.request(method, path, query), body).await?;
        read_json(response).await
    }

    /// A call whose answer has no body worth reading (204).
    pub async fn call_empty(
        &self,
        method: Method,
        path: &str,
        query: &[(&str, &str)],
    ) -> Result<(), ApiError> {
        self.send(self.request(method, path, query), None)
            .await
            .map(|_| ())
    }
}

fn encode<B: Serialize>(body: &B) -> Result<String, ApiError> {
    serde_json::to_string(body).map_err(|e| ApiError::UnexpectedResponse {
        status: 0,
        reason: format!("The request could not be encoded: {e}"),
    })
}

async fn read_json<T: DeserializeOwned>(response: Response) -> Result<T, ApiError> {
    let status = response.status();
    // Bytes rather than text: no JavaScript string decoded from UTF-8 and
    // encoded back into wasm memory (a 1,000-token list is ~0.5 MB).
    let body = response
        .binary()
        .await
        .map_err(|_| ApiError::UnexpectedResponse {
            status,
            reason: "The response body could not be read.".to_owned(),
        })?;
    serde_json::from_slice(&body).map_err(|e| ApiError::UnexpectedResponse {
        status,
        reason: format!("The response is not what a Hook0 API sends: {e}"),
    })
}

/// Reads a problem+json body; anything else becomes a problem named after
/// the status, so the person still sees what happened.
async fn problem_of(response: Response) -> ApiError {
    let status = response.status();
    let status_text = response.status_text();
    let text = response.text().await.unwrap_or_default();
    match serde_json::from_str::<Problem>(&text) {
        Ok(mut problem) if !problem.title.is_empty() || !problem.id.is_empty() => {
            if problem.status == 0 {
                problem.status = status;
            }
            ApiError::Problem(problem)
        }
        _ => ApiError::Problem(Problem {
            id: String::new(),
            title: if status_text.is_empty() {
                "Error".to_owned()
            } else {
                status_text
            },
            detail: None,
            status,
            validation: None,
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn problem(json: &str) -> ApiError {
        ApiError::Problem(serde_json::from_str(json).unwrap())
    }

    #[test]
    fn shows_a_problem_title_status_and_detail() {
        let e = problem(
            r#"{"type":"x","title":"Insufficient rights","status":403,"detail":"Denied.","id":"Forbidden","validation":null}"#,
        );
        assert_eq!(e.title(), "Insufficient rights (403)");
        assert_eq!(e.to_string(), "Insufficient rights (403): Denied.");
        assert!(!e.is_invalid_session());
    }

    #[test]
    fn lists_validation_failures_by_field() {
        let e = problem(
            r#"{"title":"Validation error","status":422,"detail":"Invalid body","id":"Validation","validation":{"name":[{"code":"length","message":"Too long","params":{}}]}}"#,
        );
        assert_eq!(e.detail(), "Invalid body name: Too long.");
    }

    #[test]
    fn knows_a_dead_session_and_an_unreachable_api() {
        let e = problem(r#"{"title":"Invalid token","status":403,"id":"AuthInvalidBiscuit"}"#);
        assert!(e.is_invalid_session());
        let down = ApiError::Unreachable {
            base: "http://127.0.0.1:1".to_owned(),
        };
        assert_eq!(down.title(), "The API cannot be reached");
        assert!(down
            .to_string()
            .starts_with("The Hook0 API at http://127.0.0.1:1 cannot be reached."));
    }
}
