//! The one error type of the server, answered as RFC 7807
//! `application/problem+json` with Hook0's `id`s, titles and statuses, so a
//! client written for Hook0 reads our errors unchanged.

use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use serde::Serialize;

use crate::validation::ValidationErrors;

/// Everything a request can fail with.
#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    #[error("body is not JSON of the expected shape: {0}")]
    JsonPayload(String),
    #[error("request body too large")]
    PayloadTooLarge,
    #[error("the Authorization header is not visible ASCII or not a Bearer token")]
    InvalidAuthorizationHeader,
    #[error("no Authorization header")]
    NoAuthorizationHeader,
    #[error("wrong email or password")]
    FailedLogin,
    #[error("refresh token refused")]
    FailedRefresh,
    #[error("token does not verify or is revoked")]
    InvalidBiscuit,
    #[error("insufficient rights")]
    Forbidden,
    #[error("not found")]
    NotFound,
    #[error("method not allowed")]
    MethodNotAllowed,
    #[error("user already exists")]
    UserAlreadyExist,
    #[error("event already ingested")]
    EventAlreadyIngested,
    #[error("event type already exists")]
    EventTypeAlreadyExist,
    #[error("event type does not exist")]
    EventTypeDoesNotExist,
    #[error("payload is not valid JSON")]
    EventInvalidJsonPayload,
    #[error("payload is not valid base64")]
    EventInvalidBase64Payload,
    #[error("validation failed")]
    Validation(ValidationErrors),
    #[error("rate limited, retry in {retry_after_secs}s")]
    RateLimited { retry_after_secs: u64 },
    #[error("authorizer timed out")]
    ServiceUnavailable,
    /// The message goes to the log only; the client sees an opaque 500.
    #[error("internal error: {0}")]
    Internal(String),
}

impl ApiError {
    /// Wraps any unexpected failure (database, pool, task) as a 500.
    pub fn internal(e: impl std::fmt::Display) -> ApiError {
        ApiError::Internal(e.to_string())
    }

    /// `(status, id, title, detail)` as Hook0 writes them.
    fn parts(&self) -> (StatusCode, &'static str, &'static str, String) {
        use ApiError as E;
        use StatusCode as S;
        match self {
            E::JsonPayload(d) => (S::BAD_REQUEST, "JsonPayload", "Provided body could not be decoded as JSON", d.clone()),
            E::PayloadTooLarge => (S::PAYLOAD_TOO_LARGE, "PayloadTooLarge", "Request body is too large", "The request body exceeds the size this server accepts.".into()),
            E::InvalidAuthorizationHeader => (S::BAD_REQUEST, "AuthInvalidAuthorizationHeader", "Invalid Authorization header", "The Authorization header must be `Bearer <token>` in visible ASCII.".into()),
            E::NoAuthorizationHeader => (S::UNAUTHORIZED, "AuthNoAuthorizationHeader", "No Authorization header was found in the HTTP request", "`Authorization` header must be provided and must contain a bearer token.".into()),
            E::FailedLogin => (S::UNAUTHORIZED, "AuthFailedLogin", "Login failed", "The provided credentials do not match ones of a valid user.".into()),
            E::FailedRefresh => (S::UNAUTHORIZED, "AuthFailedRefresh", "Refreshing access token failed", "The provided refresh token is not valid, was already used or has expired.".into()),
            E::InvalidBiscuit => (S::FORBIDDEN, "AuthInvalidBiscuit", "Invalid Biscuit", "The provided authentication token (Biscuit) is not valid, was not created using the current private key or is expired.".into()),
            E::Forbidden => (S::FORBIDDEN, "Forbidden", "Insufficient rights", "You don't have the right to access or edit this resource.".into()),
            E::NotFound => (S::NOT_FOUND, "NotFound", "Item not found", "Could not find the item. Check the identifier or that you have the right to access it.".into()),
            E::MethodNotAllowed => (S::METHOD_NOT_ALLOWED, "MethodNotAllowed", "Method not allowed", "This path exists but does not accept this HTTP method: see the Allow header.".into()),
            E::UserAlreadyExist => (S::CONFLICT, "UserAlreadyExist", "This user already exist", "A user with the same email address already exists.".into()),
            E::EventAlreadyIngested => (S::CONFLICT, "EventAlreadyIngested", "This event was already ingested", "An event with the same ID already exists in this application.".into()),
            E::EventTypeAlreadyExist => (S::CONFLICT, "EventTypeAlreadyExist", "This event type already exist", "An event type with the same name already exists in this application.".into()),
            E::EventTypeDoesNotExist => (S::BAD_REQUEST, "EventTypeDoesNotExist", "This event type does not exist", "Create the event type in this application before sending events of it.".into()),
            E::EventInvalidJsonPayload => (S::BAD_REQUEST, "EventInvalidJsonPayload", "Invalid event payload", "The payload is declared as application/json but is not valid JSON.".into()),
            E::EventInvalidBase64Payload => (S::BAD_REQUEST, "EventInvalidBase64Payload", "Invalid event payload", "The payload is declared as application/octet-stream+base64 but is not valid base64.".into()),
            E::Validation(_) => (S::UNPROCESSABLE_ENTITY, "Validation", "Provided input is malformed", "Some fields are invalid: see `validation`.".into()),
            E::RateLimited { .. } => (S::TOO_MANY_REQUESTS, "RateLimited", "Too many requests", "Slow down: retry after the number of seconds in the Retry-After header.".into()),
            E::ServiceUnavailable => (S::SERVICE_UNAVAILABLE, "ServiceUnavailable", "Service unavailable", "The authorization took too long; retry later.".into()),
            E::Internal(_) => (S::INTERNAL_SERVER_ERROR, "InternalServerError", "Internal server error", "Something went wrong on our side; the details are in the server log.".into()),
        }
    }
}

/// The problem+json body.
#[derive(Debug, Serialize)]
struct Problem<'a> {
    #[serde(rename = "type")]
    kind: String,
    title: &'a str,
    status: u16,
    detail: String,
    id: &'a str,
    validation: Option<&'a ValidationErrors>,
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let (status, id, title, detail) = self.parts();
        if let ApiError::Internal(message) = &self {
            // Never contains a token, password or key: callers wrap database
            // and task errors only.
            tracing::error!(error = %message, "internal error");
        }
        let problem = Problem {
            kind: format!(
                "https://documentation.hook0.com/reference/error-codes#{}",
                id.to_lowercase()
            ),
            title,
            status: status.as_u16(),
            detail,
            id,
            validation: match &self {
                ApiError::Validation(v) => Some(v),
                _ => None,
            },
        };
        let body = serde_json::to_vec(&problem).unwrap_or_default();
        let mut response = (status, body).into_response();
        let headers = response.headers_mut();
        headers.insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/problem+json"),
        );
        match self {
            ApiError::RateLimited { retry_after_secs } => {
                headers.insert(
                    header::RETRY_AFTER,
                    HeaderValue::from(retry_after_secs.max(1)),
                );
            }
            ApiError::ServiceUnavailable => {
                headers.insert(header::RETRY_AFTER, HeaderValue::from_static("5"));
            }
            _ => {}
        }
        response
    }
}

/// Result of a handler.
pub type ApiResult<T> = Result<T, ApiError>;

#[cfg(test)]
mod tests {
    use super::*;

    async fn body(response: Response) -> serde_json::Value {
        let bytes = axum::body::to_bytes(response.into_body(), 1 << 16)
            .await
            .unwrap();
        serde_json::from_slice(&bytes).unwrap()
    }

    #[tokio::test]
    async fn timeout_is_503_with_retry_after_5() {
        let response = ApiError::ServiceUnavailable.into_response();
        assert_eq!(response.status(), StatusCode::SERVICE_UNAVAILABLE);
        assert_eq!(response.headers()[header::RETRY_AFTER], "5");
        assert_eq!(body(response).await["id"], "ServiceUnavailable");
    }

    #[tokio::test]
    async fn internal_errors_are_opaque() {
        let response = ApiError::internal("disk I/O error at /secret/path").into_response();
        assert_eq!(response.status(), StatusCode::INTERNAL_SERVER_ERROR);
        let body = body(response).await;
        assert_eq!(body["id"], "InternalServerError");
        assert!(!body.to_string().contains("secret"));
        assert!(body["validation"].is_null());
    }
}
