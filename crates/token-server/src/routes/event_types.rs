//! Event types: `service.resource_type.verb`, per application.

use axum::extract::State;
use axum::http::StatusCode;
use axum::Json;
use chrono::Utc;
use serde::Deserialize;
use uuid::Uuid;

use crate::auth::Caller;
use crate::db::events::{self, EventType};
use crate::error::ApiResult;
use crate::extract::{ApiJson, ApiQuery};
use crate::state::AppState;
use crate::validation::Validator;

use super::{list_of_application, ByApplication};

/// `POST /api/v1/event_types` body. Each part: 1..=50 characters, no
/// control characters (Hook0's limits; like Hook0, a dot inside a part is
/// accepted even though it makes the joined name ambiguous).
#[derive(Debug, Deserialize)]
pub struct NewEventType {
    application_id: Uuid,
    service: String,
    resource_type: String,
    verb: String,
}

/// → 201; 409 `EventTypeAlreadyExist`.
pub async fn create(
    State(state): State<AppState>,
    caller: Caller,
    ApiJson(body): ApiJson<NewEventType>,
) -> ApiResult<(StatusCode, Json<EventType>)> {
    caller
        .on_application(&state, "event_type:create", body.application_id)
        .await?;
    let mut v = Validator::new();
    for (field, value) in [
        ("service", &body.service),
        ("resource_type", &body.resource_type),
        ("verb", &body.verb),
    ] {
        v.name(field, value, 1, 50);
    }
    v.finish()?;
    let event_type = EventType::new(&body.service, &body.resource_type, &body.verb);
    let stored = event_type.clone();
    state
        .db
        .run(move |conn| events::create_type(conn, body.application_id, &stored, Utc::now()))
        .await?;
    Ok((StatusCode::CREATED, Json(event_type)))
}

/// `GET /api/v1/event_types?application_id=`.
pub async fn list(
    State(state): State<AppState>,
    caller: Caller,
    ApiQuery(q): ApiQuery<ByApplication>,
) -> ApiResult<Json<Vec<EventType>>> {
    let app = q.application_id;
    list_of_application(&state, &caller, "event_type:list", app, events::list_types).await
}
