//! Applications: list and create are organization-scoped; get, edit and
//! delete are application-scoped (unknown or deleted id → 403, like Hook0).

use axum::extract::State;
use axum::http::StatusCode;
use axum::Json;
use chrono::Utc;

use crate::auth::Caller;
use crate::db::applications::{self, Application};
use crate::error::{ApiError, ApiResult};
use crate::extract::{ApiJson, ApiQuery, IdPath};
use crate::state::AppState;
use crate::validation::Validator;

use super::{list_of_organization, ByOrganization, NamedInOrganization};

/// `GET /api/v1/applications?organization_id=`.
pub async fn list(
    State(state): State<AppState>,
    caller: Caller,
    ApiQuery(q): ApiQuery<ByOrganization>,
) -> ApiResult<Json<Vec<Application>>> {
    let org = q.organization_id;
    list_of_organization(&state, &caller, "application:list", org, applications::list).await
}

/// `POST /api/v1/applications` → 201.
pub async fn create(
    State(state): State<AppState>,
    caller: Caller,
    ApiJson(body): ApiJson<NamedInOrganization>,
) -> ApiResult<(StatusCode, Json<Application>)> {
    caller.on_organization("application:create", Some(body.organization_id))?;
    Validator::new().name("name", &body.name, 2, 50).finish()?;
    let created = state
        .db
        .run(move |conn| applications::create(conn, body.organization_id, &body.name, Utc::now()))
        .await?;
    Ok((StatusCode::CREATED, Json(created)))
}

/// `GET /api/v1/applications/{id}`.
pub async fn get(
    State(state): State<AppState>,
    caller: Caller,
    IdPath(id): IdPath,
) -> ApiResult<Json<Application>> {
    Ok(Json(
        caller.on_application(&state, "application:get", id).await?,
    ))
}

/// `PUT /api/v1/applications/{id}`: renames. The body's organization must
/// be the application's own (moving applications is not supported): 404.
pub async fn edit(
    State(state): State<AppState>,
    caller: Caller,
    IdPath(id): IdPath,
    ApiJson(body): ApiJson<NamedInOrganization>,
) -> ApiResult<Json<Application>> {
    let application = caller
        .on_application(&state, "application:edit", id)
        .await?;
    if application.organization_id != body.organization_id {
        return Err(ApiError::NotFound);
    }
    Validator::new().name("name", &body.name, 2, 50).finish()?;
    let name = body.name.clone();
    let renamed = state
        .db
        .run(move |conn| applications::rename(conn, id, &name))
        .await?;
    // Committed: the cached application had the old name.
    state.live.applications.invalidate();
    if !renamed {
        return Err(ApiError::NotFound);
    }
    Ok(Json(Application {
        name: body.name,
        ..application
    }))
}

/// `DELETE /api/v1/applications/{id}` → 204 (soft delete).
pub async fn delete(
    State(state): State<AppState>,
    caller: Caller,
    IdPath(id): IdPath,
) -> ApiResult<StatusCode> {
    caller
        .on_application(&state, "application:delete", id)
        .await?;
    let deleted = state
        .db
        .run(move |conn| applications::delete(conn, id, Utc::now()))
        .await?;
    // Committed: no request may find the application live in memory any more.
    state.live.applications.invalidate();
    if !deleted {
        return Err(ApiError::NotFound);
    }
    Ok(StatusCode::NO_CONTENT)
}
