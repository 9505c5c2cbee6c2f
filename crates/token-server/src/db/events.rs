//! Event types and ingested events. Events are only stored: this server
//! delivers no webhooks (it exists for token management).

use chrono::{DateTime, Utc};
use r2d2_sqlite::rusqlite::{params, Connection};
use serde::Serialize;
use serde_json::Value;
use uuid::Uuid;

use super::{is_unique_violation, parse_time, parse_uuid, time_text};
use crate::error::{ApiError, ApiResult};

/// An event type, as the API returns it.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct EventType {
    pub service_name: String,
    pub resource_type_name: String,
    pub verb_name: String,
    pub event_type_name: String,
}

impl EventType {
    /// `service.resource_type.verb`.
    pub fn new(service: &str, resource_type: &str, verb: &str) -> EventType {
        EventType {
            service_name: service.to_owned(),
            resource_type_name: resource_type.to_owned(),
            verb_name: verb.to_owned(),
            event_type_name: format!("{service}.{resource_type}.{verb}"),
        }
    }
}

/// Creates an event type; a repeated name is 409 `EventTypeAlreadyExist`.
pub fn create_type(
    conn: &Connection,
    application_id: Uuid,
    t: &EventType,
    now: DateTime<Utc>,
) -> ApiResult<()> {
    conn.execute(
        "INSERT INTO event_types (application_id, event_type_name, service_name, resource_type_name, verb_name, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![application_id.to_string(), t.event_type_name, t.service_name, t.resource_type_name, t.verb_name, time_text(now)],
    )
    .map_err(|e| if is_unique_violation(&e) { ApiError::EventTypeAlreadyExist } else { e.into() })?;
    Ok(())
}

/// Event types of an application, by name.
pub fn list_types(conn: &Connection, application_id: Uuid) -> ApiResult<Vec<EventType>> {
    let mut stmt = conn.prepare_cached(
        "SELECT service_name, resource_type_name, verb_name, event_type_name FROM event_types
         WHERE application_id = ?1 ORDER BY event_type_name",
    )?;
    let rows = stmt.query_map([application_id.to_string()], |r| {
        Ok(EventType {
            service_name: r.get(0)?,
            resource_type_name: r.get(1)?,
            verb_name: r.get(2)?,
            event_type_name: r.get(3)?,
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// An event to store.
#[derive(Debug, Clone)]
pub struct NewEvent {
    pub event_id: Uuid,
    pub application_id: Uuid,
    pub event_type_name: String,
    pub payload: String,
    pub payload_content_type: String,
    pub ip: String,
    pub metadata: Option<Value>,
    pub labels: Value,
    pub occurred_at: DateTime<Utc>,
    pub received_at: DateTime<Utc>,
}

/// Stores an event: 400 `EventTypeDoesNotExist` for an unknown type, 409
/// `EventAlreadyIngested` for a repeated id. One statement decides both, so
/// concurrent ingests cannot race between a check and the insert.
pub fn insert(conn: &Connection, e: &NewEvent) -> ApiResult<()> {
    let inserted = conn
        .prepare_cached(
            "INSERT INTO events (event_id, application_id, event_type_name, payload, payload_content_type,
                                 ip, metadata, labels, occurred_at, received_at)
             SELECT ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10
             WHERE EXISTS (SELECT 1 FROM event_types WHERE application_id = ?2 AND event_type_name = ?3)",
        )?
        .execute(params![
            e.event_id.to_string(),
            e.application_id.to_string(),
            e.event_type_name,
            e.payload,
            e.payload_content_type,
            e.ip,
            e.metadata.as_ref().map(Value::to_string),
            e.labels.to_string(),
            time_text(e.occurred_at),
            time_text(e.received_at)
        ])
        .map_err(|err| if is_unique_violation(&err) { ApiError::EventAlreadyIngested } else { err.into() })?;
    if inserted == 0 {
        return Err(ApiError::EventTypeDoesNotExist);
    }
    Ok(())
}

/// An event, as `GET /events` lists it (without its payload, like Hook0's list).
#[derive(Debug, Clone, Serialize)]
pub struct EventSummary {
    pub event_id: Uuid,
    pub application_id: Uuid,
    pub event_type_name: String,
    pub payload_content_type: String,
    pub ip: String,
    pub metadata: Option<Value>,
    pub labels: Value,
    #[serde(serialize_with = "crate::routes::serialize_time")]
    pub occurred_at: DateTime<Utc>,
    #[serde(serialize_with = "crate::routes::serialize_time")]
    pub received_at: DateTime<Utc>,
}

/// The most recent `limit` events of an application, newest first.
pub fn list(conn: &Connection, application_id: Uuid, limit: u32) -> ApiResult<Vec<EventSummary>> {
    let mut stmt = conn.prepare_cached(
        "SELECT event_id, event_type_name, payload_content_type, ip, metadata, labels, occurred_at, received_at
         FROM events WHERE application_id = ?1 ORDER BY received_at DESC, event_id LIMIT ?2",
    )?;
    let rows = stmt.query_map(params![application_id.to_string(), limit], |r| {
        let json = |text: String| serde_json::from_str(&text).unwrap_or(Value::Null);
        Ok(EventSummary {
            event_id: parse_uuid(&r.get::<_, String>(0)?)?,
            application_id,
            event_type_name: r.get(1)?,
            payload_content_type: r.get(2)?,
            ip: r.get(3)?,
            metadata: r.get::<_, Option<String>>(4)?.map(json),
            labels: json(r.get(5)?),
            occurred_at: parse_time(&r.get::<_, String>(6)?)?,
            received_at: parse_time(&r.get::<_, String>(7)?)?,
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}
