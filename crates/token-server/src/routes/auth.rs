//! Sessions: login, refresh (one use) and logout. Tokens are minted by the
//! token core in Hook0's formats; their revocation ids go in the session
//! table so logout and refresh can end them.

use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::Json;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use token_core::mint::{self, RefreshClaims, UserAccessClaims};
use token_core::policy;
use uuid::Uuid;

use crate::auth::{bearer, verify, Caller};
use crate::db::revocation;
use crate::db::sessions::{self, SessionTokens};
use crate::db::users::{self, User};
use crate::error::{ApiError, ApiResult};
use crate::extract::{ApiJson, ClientIp};
use crate::password;
use crate::state::AppState;
use crate::validation::Validator;

/// `POST /auth/login` body.
#[derive(Debug, Deserialize)]
pub struct Login {
    email: String,
    password: String,
}

/// Hook0's `LoginResponse`.
#[derive(Serialize)]
pub struct LoginResponse {
    access_token: String,
    #[serde(serialize_with = "super::serialize_time")]
    access_token_expiration: DateTime<Utc>,
    refresh_token: String,
    #[serde(serialize_with = "super::serialize_time")]
    refresh_token_expiration: DateTime<Utc>,
    user_id: Uuid,
    email: String,
    first_name: String,
    last_name: String,
}

/// `POST /api/v1/auth/login` → 201.
pub async fn login(
    State(state): State<AppState>,
    ClientIp(ip): ClientIp,
    ApiJson(body): ApiJson<Login>,
) -> ApiResult<(StatusCode, Json<LoginResponse>)> {
    state.limits.check_auth(ip)?;
    // Hook0's LoginPost limits.
    Validator::new()
        .name("email", &body.email, 1, 100)
        .secret_length("password", &body.password, 1, 100)
        .finish()?;
    let email = body.email.trim().to_owned();
    let user = state
        .db
        .run(move |conn| users::by_email(conn, &email))
        .await?;
    let hash = user.as_ref().map_or_else(
        || password::decoy_hash().to_owned(),
        |u| u.password_hash.clone(),
    );
    let matches = tokio::task::spawn_blocking(move || password::verify(&body.password, &hash))
        .await
        .map_err(ApiError::internal)?;
    match user {
        Some(user) if matches => {
            let response = issue(&state, user, Uuid::new_v4()).await?;
            Ok((StatusCode::CREATED, Json(response)))
        }
        _ => Err(ApiError::FailedLogin),
    }
}

/// `POST /api/v1/auth/refresh` with the refresh token as bearer → 201.
///
/// As in Hook0: the token must verify and be live (else 403
/// `AuthInvalidBiscuit`, which is what a refresh token used twice gets),
/// then pass the core's refresh checks (else 401 `AuthFailedRefresh`, e.g.
/// an access token sent instead). The old access token keeps working until
/// it expires; the old refresh token is dead.
pub async fn refresh(
    State(state): State<AppState>,
    headers: HeaderMap,
) -> ApiResult<(StatusCode, Json<LoginResponse>)> {
    let (biscuit, revocation_id) =
        verify(bearer(&headers)?, state.public_key).ok_or(ApiError::InvalidBiscuit)?;
    let now = Utc::now();
    let id = revocation_id.clone();
    if state
        .db
        .run(move |conn| revocation::live_token(conn, &id, now))
        .await?
        .is_none()
    {
        return Err(ApiError::InvalidBiscuit);
    }
    policy::authorize_refresh(&biscuit, now).map_err(|_| ApiError::FailedRefresh)?;
    let found = state
        .db
        .run(move |conn| {
            let Some((session_id, user_id)) = sessions::take_refresh(conn, &revocation_id, now)?
            else {
                return Ok(None);
            };
            Ok(users::by_id(conn, user_id)?.map(|u| (session_id, u)))
        })
        .await?;
    // None here: a concurrent refresh consumed the token first.
    let (session_id, user) = found.ok_or(ApiError::InvalidBiscuit)?;
    Ok((
        StatusCode::CREATED,
        Json(issue(&state, user, session_id).await?),
    ))
}

/// `POST /api/v1/auth/logout` → 204: every token of the session stops working.
pub async fn logout(State(state): State<AppState>, caller: Caller) -> ApiResult<StatusCode> {
    let (session_id, _) = caller.user()?;
    caller.on_organization("auth:logout", None)?;
    state
        .db
        .run(move |conn| sessions::end(conn, session_id))
        .await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Mints an access/refresh pair for `user` in `session_id` (memberships
/// read now, as Hook0 does) and records their revocation ids.
async fn issue(state: &AppState, user: User, session_id: Uuid) -> ApiResult<LoginResponse> {
    let now = Utc::now();
    let user_id = user.user_id;
    let roles = state
        .db
        .run(move |conn| users::memberships(conn, user_id))
        .await?
        .into_iter()
        .map(|m| (m.organization_id, m.role))
        .collect();
    let access = mint::user_access_token(
        &state.key,
        &UserAccessClaims {
            token_id: Uuid::new_v4(),
            session_id,
            user_id,
            email: user.email.clone(),
            first_name: user.first_name.clone(),
            last_name: user.last_name.clone(),
            roles,
            created_at: now,
        },
    )
    .map_err(ApiError::internal)?;
    let refresh = mint::refresh_token(
        &state.key,
        &RefreshClaims {
            token_id: Uuid::new_v4(),
            session_id,
            user_id,
            created_at: now,
        },
    )
    .map_err(ApiError::internal)?;
    let first_id =
        |b: &token_core::biscuit_auth::Biscuit| b.revocation_identifiers().into_iter().next();
    let tokens = SessionTokens {
        session_id,
        user_id,
        access_revocation_id: first_id(&access)
            .ok_or_else(|| ApiError::internal("no revocation id"))?,
        refresh_revocation_id: first_id(&refresh)
            .ok_or_else(|| ApiError::internal("no revocation id"))?,
        access_expires_at: now + mint::USER_ACCESS_LIFETIME,
        refresh_expires_at: now + mint::REFRESH_LIFETIME,
    };
    let response = LoginResponse {
        access_token: access.to_base64().map_err(ApiError::internal)?,
        access_token_expiration: tokens.access_expires_at,
        refresh_token: refresh.to_base64().map_err(ApiError::internal)?,
        refresh_token_expiration: tokens.refresh_expires_at,
        user_id,
        email: user.email,
        first_name: user.first_name,
        last_name: user.last_name,
    };
    state
        .db
        .run(move |conn| sessions::insert(conn, &tokens, now))
        .await?;
    Ok(response)
}
