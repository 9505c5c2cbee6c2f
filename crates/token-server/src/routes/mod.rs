//! The `/api/v1` routes, one file per resource, and what they share.

mod applications;
mod auth;
mod event_types;
mod events;
mod instance;
mod organizations;
mod register;
mod service_tokens;

use axum::routing::{get, post};
use axum::{Json, Router};
use chrono::{DateTime, SecondsFormat, Utc};
use r2d2_sqlite::rusqlite::Connection;
use serde::{Deserialize, Serializer};
use uuid::Uuid;

use crate::auth::Caller;
use crate::error::ApiResult;
use crate::state::AppState;

/// Every API route. Paths carry no trailing slash: the app strips one from
/// requests first, so `/api/v1/event/` reaches `/api/v1/event`.
pub fn api() -> Router<AppState> {
    Router::new()
        .route("/api/v1/instance", get(instance::get))
        .route("/api/v1/auth/login", post(auth::login))
        .route("/api/v1/auth/refresh", post(auth::refresh))
        .route("/api/v1/auth/logout", post(auth::logout))
        .route("/api/v1/register", post(register::register))
        .route(
            "/api/v1/organizations",
            get(organizations::list).post(organizations::create),
        )
        .route("/api/v1/organizations/{id}", get(organizations::get))
        .route(
            "/api/v1/applications",
            get(applications::list).post(applications::create),
        )
        .route(
            "/api/v1/applications/{id}",
            get(applications::get)
                .put(applications::edit)
                .delete(applications::delete),
        )
        .route(
            "/api/v1/service_token",
            get(service_tokens::list).post(service_tokens::create),
        )
        .route(
            "/api/v1/service_token/{id}",
            get(service_tokens::get)
                .put(service_tokens::edit)
                .delete(service_tokens::delete),
        )
        .route(
            "/api/v1/event_types",
            get(event_types::list).post(event_types::create),
        )
        .route("/api/v1/event", post(events::ingest))
        .route("/api/v1/events", get(events::list))
}

/// Hook0's timestamp format: RFC 3339, UTC, microseconds, `Z`.
pub fn serialize_time<S: Serializer>(at: &DateTime<Utc>, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(&at.to_rfc3339_opts(SecondsFormat::Micros, true))
}

/// `?organization_id=`.
#[derive(Debug, Deserialize)]
pub struct ByOrganization {
    organization_id: Uuid,
}

/// `?application_id=`.
#[derive(Debug, Deserialize)]
pub struct ByApplication {
    application_id: Uuid,
}

/// Body of create and edit, for applications and service tokens alike.
#[derive(Debug, Deserialize)]
pub struct NamedInOrganization {
    organization_id: Uuid,
    name: String,
}

/// A list of an organization: authorizes `action` there, then answers what
/// `read` finds for it.
async fn list_of_organization<T: Send + 'static>(
    state: &AppState,
    caller: &Caller,
    action: &str,
    organization_id: Uuid,
    read: impl FnOnce(&Connection, Uuid) -> ApiResult<T> + Send + 'static,
) -> ApiResult<Json<T>> {
    caller.on_organization(action, Some(organization_id))?;
    let found = state
        .db
        .run(move |conn| read(conn, organization_id))
        .await?;
    Ok(Json(found))
}

/// A list of an application: authorizes `action` on it (unknown or deleted
/// → 403, like Hook0), then answers what `read` finds for it.
async fn list_of_application<T: Send + 'static>(
    state: &AppState,
    caller: &Caller,
    action: &str,
    application_id: Uuid,
    read: impl FnOnce(&Connection, Uuid) -> ApiResult<T> + Send + 'static,
) -> ApiResult<Json<T>> {
    caller.on_application(state, action, application_id).await?;
    let found = state.db.run(move |conn| read(conn, application_id)).await?;
    Ok(Json(found))
}
