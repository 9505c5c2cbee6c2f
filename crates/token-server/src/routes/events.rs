//! Events: ingest (`event:ingest`) and list (`event:list`). Stored only;
//! this server sends no webhooks.

use std::collections::BTreeMap;

use axum::extract::State;
use axum::http::StatusCode;
use axum::Json;
use base64::Engine;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use uuid::Uuid;

use crate::auth::Caller;
use crate::db::events::{self, EventSummary, NewEvent};
use crate::error::{ApiError, ApiResult};
use crate::extract::{ApiJson, ApiQuery, ClientIp};
use crate::state::AppState;
use crate::validation::Validator;

use super::{list_of_application, ByApplication};

/// How many events `GET /events` returns (the newest).
const LIST_LIMIT: u32 = 100;

/// The payload encodings Hook0 accepts; anything else does not deserialize
/// (400 `JsonPayload`), as in Hook0.
#[derive(Debug, Clone, Copy, Deserialize)]
pub enum PayloadContentType {
    #[serde(rename = "application/json")]
    Json,
    #[serde(rename = "text/plain")]
    Text,
    #[serde(rename = "application/octet-stream+base64")]
    Base64,
}

impl PayloadContentType {
    fn as_str(self) -> &'static str {
        match self {
            PayloadContentType::Json => "application/json",
            PayloadContentType::Text => "text/plain",
            PayloadContentType::Base64 => "application/octet-stream+base64",
        }
    }
}

/// `POST /api/v1/event` body.
#[derive(Debug, Deserialize)]
pub struct IngestBody {
    application_id: Uuid,
    event_id: Option<Uuid>,
    event_type: String,
    payload: String,
    payload_content_type: PayloadContentType,
    metadata: Option<Map<String, Value>>,
    occurred_at: DateTime<Utc>,
    #[serde(default)]
    labels: BTreeMap<String, String>,
}

/// The answer.
#[derive(Debug, Serialize)]
pub struct Ingested {
    application_id: Uuid,
    event_id: Uuid,
    #[serde(serialize_with = "super::serialize_time")]
    received_at: DateTime<Utc>,
}

fn validate(body: &IngestBody) -> ApiResult<()> {
    let mut v = Validator::new();
    v.length("event_type", &body.event_type, 1, 152);
    if body.labels.is_empty() {
        v.fail("labels", "labels", "at least one label is required");
    }
    if body.labels.len() > 10 {
        v.fail("labels", "labels", "at most 10 labels are allowed");
    }
    for (key, value) in &body.labels {
        v.name("labels", key, 1, 50).name("labels", value, 1, 50);
    }
    v.finish()?;
    match body.payload_content_type {
        PayloadContentType::Json
            if serde_json::from_str::<serde::de::IgnoredAny>(&body.payload).is_err() =>
        {
            Err(ApiError::EventInvalidJsonPayload)
        }
        PayloadContentType::Base64
            if base64::engine::general_purpose::STANDARD
                .decode(&body.payload)
                .is_err() =>
        {
            Err(ApiError::EventInvalidBase64Payload)
        }
        _ => Ok(()),
    }
}

/// `POST /api/v1/event` → 201.
pub async fn ingest(
    State(state): State<AppState>,
    caller: Caller,
    ClientIp(ip): ClientIp,
    ApiJson(body): ApiJson<IngestBody>,
) -> ApiResult<(StatusCode, Json<Ingested>)> {
    caller
        .on_application(&state, "event:ingest", body.application_id)
        .await?;
    validate(&body)?;
    let received_at = Utc::now();
    let event = NewEvent {
        event_id: body.event_id.unwrap_or_else(Uuid::new_v4),
        application_id: body.application_id,
        event_type_name: body.event_type,
        payload: body.payload,
        payload_content_type: body.payload_content_type.as_str().to_owned(),
        ip: ip.to_string(),
        metadata: body.metadata.map(Value::Object),
        labels: serde_json::to_value(&body.labels).map_err(ApiError::internal)?,
        occurred_at: body.occurred_at,
        received_at,
    };
    let answer = Ingested {
        application_id: event.application_id,
        event_id: event.event_id,
        received_at,
    };
    state
        .db
        .run(move |conn| events::insert(conn, &event))
        .await?;
    Ok((StatusCode::CREATED, Json(answer)))
}

/// `GET /api/v1/events?application_id=`: the newest events first.
pub async fn list(
    State(state): State<AppState>,
    caller: Caller,
    ApiQuery(q): ApiQuery<ByApplication>,
) -> ApiResult<Json<Vec<EventSummary>>> {
    let read = |conn: &_, app| events::list(conn, app, LIST_LIMIT);
    list_of_application(&state, &caller, "event:list", q.application_id, read).await
}
