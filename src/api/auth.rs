//! Login, refresh and logout (`/auth/*`).

use chrono::{DateTime, Utc};
use gloo_net::http::Method;
use serde::{Deserialize, Serialize};

use super::{ApiError, Client};

/// What login and refresh answer: the user's tokens and who they are.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LoginResponse {
    pub access_token: String,
    pub access_token_expiration: DateTime<Utc>,
    pub refresh_token: String,
    pub refresh_token_expiration: DateTime<Utc>,
    pub user_id: String,
    pub email: String,
    #[serde(default)]
    pub first_name: String,
    #[serde(default)]
    pub last_name: String,
}

impl std::fmt::Debug for LoginResponse {
    // Tokens stay out of debug output.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("LoginResponse")
            .field("access_token_expiration", &self.access_token_expiration)
            .field("refresh_token_expiration", &self.refresh_token_expiration)
            .field("email", &self.email)
            .finish_non_exhaustive()
    }
}

#[derive(Serialize)]
struct Credentials<'a> {
    email: &'a str,
    password: &'a str,
}

/// `POST /auth/login` (401 `AuthFailedLogin` on a wrong password).
pub async fn login(
    client: &Client,
    email: &str,
    password: &str,
) -> Result<LoginResponse, ApiError> {
    let body = Credentials { email, password };
    client
        .call(Method::POST, "/auth/login", &[], Some(&body))
        .await
}

/// `POST /auth/refresh`, with the refresh token as the bearer (one use).
pub async fn refresh(refresh_token: &str) -> Result<LoginResponse, ApiError> {
    Client::with_token(refresh_token)
        .call::<(), _>(Method::POST, "/auth/refresh", &[], None)
        .await
}

/// `POST /auth/logout`: ends the session's tokens on the server.
pub async fn logout(client: &Client) -> Result<(), ApiError> {
    client.call_empty(Method::POST, "/auth/logout", &[]).await
}

#[derive(Serialize)]
struct Registration<'a> {
    first_name: &'a str,
    last_name: &'a str,
    email: &'a str,
    password: &'a str,
}

/// What `POST /register` answers.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct Registered {
    pub organization_id: String,
    pub user_id: String,
}

/// `POST /register`: a user and their personal organization (Hook0 then
/// asks for e-mail verification; this project's server does not).
pub async fn register(
    client: &Client,
    first_name: &str,
    last_name: &str,
    email: &str,
    password: &str,
) -> Result<Registered, ApiError> {
    let body = Registration {
        first_name,
        last_name,
        email,
        password,
    };
    client
        .call(Method::POST, "/register", &[], Some(&body))
        .await
}
