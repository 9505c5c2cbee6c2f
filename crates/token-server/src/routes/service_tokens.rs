//! Service tokens: root biscuits minted by the token core with their
//! biscuit `token_id` equal to the API `token_id`. Delete is a soft delete
//! that revokes the root and every token attenuated from it.

use axum::extract::State;
use axum::http::StatusCode;
use axum::Json;
use token_core::mint::{self, ServiceTokenClaims};
use uuid::Uuid;

use crate::auth::Caller;
use crate::db::service_tokens::{self, NewServiceToken, ServiceToken};
use crate::error::{ApiError, ApiResult};
use crate::extract::{ApiJson, ApiQuery, IdPath};
use crate::state::AppState;
use crate::validation::Validator;

use super::{list_of_organization, ByOrganization, NamedInOrganization};

/// Hook0's limits: at most 50 characters (no minimum), no control characters.
fn validate(body: &NamedInOrganization) -> ApiResult<()> {
    Validator::new().name("name", &body.name, 0, 50).finish()
}

/// `GET /api/v1/service_token?organization_id=`: live tokens, oldest first.
pub async fn list(
    State(state): State<AppState>,
    caller: Caller,
    ApiQuery(q): ApiQuery<ByOrganization>,
) -> ApiResult<Json<Vec<ServiceToken>>> {
    let (org, now) = (q.organization_id, caller.now);
    let read = move |conn: &_, org| service_tokens::list(conn, org, now);
    list_of_organization(&state, &caller, "service_token:list", org, read).await
}

/// `POST /api/v1/service_token` → 201.
pub async fn create(
    State(state): State<AppState>,
    caller: Caller,
    ApiJson(body): ApiJson<NamedInOrganization>,
) -> ApiResult<(StatusCode, Json<ServiceToken>)> {
    caller.on_organization("service_token:create", Some(body.organization_id))?;
    validate(&body)?;
    let claims = ServiceTokenClaims {
        token_id: Uuid::new_v4(),
        organization_id: body.organization_id,
        created_at: caller.now,
    };
    let biscuit = mint::service_token(&state.key, &claims).map_err(ApiError::internal)?;
    let revocation_id = biscuit
        .revocation_identifiers()
        .into_iter()
        .next()
        .ok_or_else(|| ApiError::internal("a minted token has no revocation id"))?;
    let text = biscuit.to_base64().map_err(ApiError::internal)?;
    let created = state
        .db
        .run(move |conn| {
            service_tokens::insert(
                conn,
                &NewServiceToken {
                    token_id: claims.token_id,
                    organization_id: claims.organization_id,
                    name: &body.name,
                    biscuit: &text,
                    revocation_id: &revocation_id,
                    created_at: claims.created_at,
                },
            )
        })
        .await?;
    Ok((StatusCode::CREATED, Json(created)))
}

/// `GET /api/v1/service_token/{id}?organization_id=` (404 when deleted or
/// in another organization).
pub async fn get(
    State(state): State<AppState>,
    caller: Caller,
    IdPath(id): IdPath,
    ApiQuery(q): ApiQuery<ByOrganization>,
) -> ApiResult<Json<ServiceToken>> {
    // Hook0 adds `service_token_id` for edit and delete only.
    caller.on_organization("service_token:get", Some(q.organization_id))?;
    let now = caller.now;
    let found = state
        .db
        .run(move |conn| service_tokens::get(conn, q.organization_id, id, now))
        .await?;
    found.map(Json).ok_or(ApiError::NotFound)
}

/// `PUT /api/v1/service_token/{id}`: renames; the biscuit is unchanged.
pub async fn edit(
    State(state): State<AppState>,
    caller: Caller,
    IdPath(id): IdPath,
    ApiJson(body): ApiJson<NamedInOrganization>,
) -> ApiResult<Json<ServiceToken>> {
    caller.authorize(
        &caller
            .request("service_token:edit", Some(body.organization_id))?
            .with_service_token(id),
    )?;
    validate(&body)?;
    let now = caller.now;
    let found = state
        .db
        .run(move |conn| service_tokens::rename(conn, body.organization_id, id, &body.name, now))
        .await?;
    found.map(Json).ok_or(ApiError::NotFound)
}

/// `DELETE /api/v1/service_token/{id}?organization_id=` → 204.
pub async fn delete(
    State(state): State<AppState>,
    caller: Caller,
    IdPath(id): IdPath,
    ApiQuery(q): ApiQuery<ByOrganization>,
) -> ApiResult<StatusCode> {
    caller.authorize(
        &caller
            .request("service_token:delete", Some(q.organization_id))?
            .with_service_token(id),
    )?;
    let now = caller.now;
    let deleted = state
        .db
        .run(move |conn| service_tokens::delete(conn, q.organization_id, id, now))
        .await?;
    // Committed: no request may find the token live in memory any more.
    state.live.service_tokens.invalidate();
    if deleted {
        Ok(StatusCode::NO_CONTENT)
    } else {
        Err(ApiError::NotFound)
    }
}
