//! Authentication and authorization of protected requests, in the order
//! Hook0 applies them:
//!
//! 1. `Authorization: Bearer <biscuit>` (401 without it, 400 if unreadable);
//! 2. the biscuit verifies with the server key (else 403 `AuthInvalidBiscuit`);
//! 3. its authority block's revocation id is a live token this server
//!    issued (a service token not deleted, a session token not used or
//!    ended; else 403 `AuthInvalidBiscuit`): this is what makes a deleted
//!    root revoke every token derived from it;
//! 4. the token core's Hook0 authorizer allows the route's action (else 403
//!    `Forbidden`, or 503 when it runs out of time).
//!
//! Steps 1-3 are the [`Caller`] extractor; step 4 is [`Caller::authorize`]
//! and friends, called by each route with its action. The policy itself
//! lives only in `token_core::policy`.
//!
//! Step 4 starts with the core's cost screen (`token_core::cost`): appended
//! Datalog that biscuit-auth could not stop in time is refused (403
//! `Forbidden`) before it runs.
//!
//! Step 2 and the screen depend on the token's bytes only, so their result
//! is kept in [`crate::token_cache`]; steps 3 and 4 (revocation, time,
//! expiry, the action) run on every request.

use std::sync::Arc;

use axum::extract::FromRequestParts;
use axum::http::header::AUTHORIZATION;
use axum::http::request::Parts;
use axum::http::HeaderMap;
use chrono::{DateTime, Utc};
use token_core::biscuit_auth::{Biscuit, PublicKey};
use token_core::catalogue::{self, Action};
use token_core::policy::{AuthorizationRequest, Authorized, Denial};
use uuid::Uuid;

use crate::db::applications::{self, Application};
use crate::db::revocation::{self, LiveToken};
use crate::error::{ApiError, ApiResult};
use crate::state::AppState;
use crate::token_cache::Verified;

/// The bearer token's text, from the header (step 1).
pub fn bearer(headers: &HeaderMap) -> ApiResult<&str> {
    let value = headers
        .get(AUTHORIZATION)
        .ok_or(ApiError::NoAuthorizationHeader)?;
    let text = value
        .to_str()
        .map_err(|_| ApiError::InvalidAuthorizationHeader)?;
    let (scheme, token) = text
        .trim()
        .split_once(' ')
        .ok_or(ApiError::InvalidAuthorizationHeader)?;
    if !scheme.eq_ignore_ascii_case("bearer") || token.trim().is_empty() {
        return Err(ApiError::InvalidAuthorizationHeader);
    }
    Ok(token.trim())
}

/// Verifies a token with `key` (the server's) and returns it with its
/// authority block's revocation id (step 2): `None` when it does not verify
/// or has no revocation id (the caller answers `AuthInvalidBiscuit`).
pub fn verify(token: &str, key: PublicKey) -> Option<(Biscuit, Vec<u8>)> {
    let biscuit = Biscuit::from_base64(token, key).ok()?;
    let revocation_id = biscuit.revocation_identifiers().into_iter().next()?;
    Some((biscuit, revocation_id))
}

/// A verified, live token (steps 1-3).
pub struct Caller {
    /// The token, verified and screened (shared with the token cache).
    pub token: Arc<Verified>,
    pub live: LiveToken,
    /// One "now" per request: the revocation check and the authorizer agree.
    pub now: DateTime<Utc>,
    /// The authorizer's time budget (configuration).
    pub time_limit: std::time::Duration,
}

impl std::fmt::Debug for Caller {
    // Never print the token.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Caller")
            .field("live", &self.live)
            .finish_non_exhaustive()
    }
}

impl FromRequestParts<AppState> for Caller {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> ApiResult<Caller> {
        let token = state
            .tokens
            .verify(bearer(&parts.headers)?, state.public_key)
            .ok_or(ApiError::InvalidBiscuit)?;
        // Before the database: a flood costs a signature check (or a cache
        // hit), not a query.
        state.limits.check_api(&token.revocation_id)?;
        let now = Utc::now();
        let live = match state.live.service_tokens.get(&token.revocation_id) {
            Some(live) => live,
            None => live_token(state, &token.revocation_id, now).await?,
        };
        Ok(Caller {
            token,
            live,
            now,
            time_limit: state.config.authorization_time_limit(),
        })
    }
}

/// Step 3 from the database; a live service token's answer is kept (see
/// [`crate::live_cache`] for why that stays right when it is deleted).
async fn live_token(
    state: &AppState,
    revocation_id: &[u8],
    now: DateTime<Utc>,
) -> ApiResult<LiveToken> {
    let generation = state.live.service_tokens.generation();
    let id = revocation_id.to_vec();
    let live = state
        .db
        .run(move |conn| revocation::live_token(conn, &id, now))
        .await?
        .ok_or(ApiError::InvalidBiscuit)?;
    if matches!(live, LiveToken::Service { .. }) {
        state
            .live
            .service_tokens
            .insert(revocation_id.to_vec(), live, generation);
    }
    Ok(live)
}

/// The catalogue entry for a route's action: the names are constants in the
/// routes, so a miss is a programming error (500), never a silent pass.
pub fn action(name: &str) -> ApiResult<&'static Action> {
    catalogue::action(name).map_err(ApiError::internal)
}

impl Caller {
    /// Runs the core's Hook0 authorizer (step 4).
    pub fn authorize(&self, request: &AuthorizationRequest) -> ApiResult<Authorized> {
        let screened = self.token.screened.as_ref().map_err(Clone::clone);
        screened
            .and_then(|token| token.authorize(request))
            .map_err(|denial| {
                tracing::debug!(
                    action = request.action.name,
                    ?denial,
                    "authorization denied"
                );
                match denial {
                    Denial::Timeout => ApiError::ServiceUnavailable,
                    _ => ApiError::Forbidden,
                }
            })
    }

    /// A request for `action` at this request's time.
    pub fn request(
        &self,
        name: &str,
        organization_id: Option<Uuid>,
    ) -> ApiResult<AuthorizationRequest> {
        Ok(
            AuthorizationRequest::new(action(name)?, organization_id, self.now)
                .with_time_limit(self.time_limit),
        )
    }

    /// Authorizes an organization-scoped (or organization-less) action.
    pub fn on_organization(
        &self,
        name: &str,
        organization_id: Option<Uuid>,
    ) -> ApiResult<Authorized> {
        self.authorize(&self.request(name, organization_id)?)
    }

    /// Authorizes an application-scoped action: resolves the application's
    /// organization first; an unknown or deleted application is 403, as in
    /// Hook0 (a 404 would tell a stranger which ids exist).
    pub async fn on_application(
        &self,
        state: &AppState,
        name: &str,
        application_id: Uuid,
    ) -> ApiResult<Application> {
        let request_action = action(name)?;
        let application = match state.live.applications.get(&application_id) {
            Some(application) => application,
            None => {
                let generation = state.live.applications.generation();
                let application = state
                    .db
                    .run(move |conn| applications::get(conn, application_id))
                    .await?
                    .ok_or(ApiError::Forbidden)?;
                state
                    .live
                    .applications
                    .insert(application_id, application.clone(), generation);
                application
            }
        };
        let request =
            AuthorizationRequest::new(request_action, Some(application.organization_id), self.now)
                .on_application(application_id)
                .with_time_limit(self.time_limit);
        self.authorize(&request)?;
        Ok(application)
    }

    /// The user behind a user access token; service tokens get 403 on the
    /// routes that only make sense for a person (create organization, logout).
    pub fn user(&self) -> ApiResult<(Uuid, Uuid)> {
        match self.live {
            LiveToken::UserAccess {
                session_id,
                user_id,
            } => Ok((session_id, user_id)),
            LiveToken::Service { .. } | LiveToken::Refresh { .. } => Err(ApiError::Forbidden),
        }
    }
}
