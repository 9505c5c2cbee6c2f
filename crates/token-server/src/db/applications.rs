//! Applications. Deletion is soft (`deleted_at`), like Hook0: a deleted
//! application disappears from every read and its id is refused (403).

use chrono::{DateTime, Utc};
use r2d2_sqlite::rusqlite::{params, Connection, OptionalExtension};
use serde::Serialize;
use uuid::Uuid;

use super::{parse_uuid, time_text};
use crate::error::ApiResult;

/// An application, as the API returns it.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Application {
    pub application_id: Uuid,
    pub organization_id: Uuid,
    pub name: String,
}

/// Creates an application.
pub fn create(
    conn: &Connection,
    organization_id: Uuid,
    name: &str,
    now: DateTime<Utc>,
) -> ApiResult<Application> {
    let application_id = Uuid::new_v4();
    conn.execute(
        "INSERT INTO applications (application_id, organization_id, name, created_at) VALUES (?1, ?2, ?3, ?4)",
        params![application_id.to_string(), organization_id.to_string(), name, time_text(now)],
    )?;
    Ok(Application {
        application_id,
        organization_id,
        name: name.to_owned(),
    })
}

/// The live application with this id (any organization: callers authorize
/// against the organization it returns).
pub fn get(conn: &Connection, application_id: Uuid) -> ApiResult<Option<Application>> {
    let row: Option<(String, String)> = conn
        .prepare_cached(
            "SELECT organization_id, name FROM applications WHERE application_id = ?1 AND deleted_at IS NULL",
        )?
        .query_row([application_id.to_string()], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?;
    Ok(match row {
        Some((org, name)) => Some(Application {
            application_id,
            organization_id: parse_uuid(&org)?,
            name,
        }),
        None => None,
    })
}

/// Live applications of an organization, oldest first.
pub fn list(conn: &Connection, organization_id: Uuid) -> ApiResult<Vec<Application>> {
    let mut stmt = conn.prepare_cached(
        "SELECT application_id, name FROM applications
         WHERE organization_id = ?1 AND deleted_at IS NULL ORDER BY created_at, application_id",
    )?;
    let rows = stmt.query_map([organization_id.to_string()], |r| {
        Ok(Application {
            application_id: parse_uuid(&r.get::<_, String>(0)?)?,
            organization_id,
            name: r.get(1)?,
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// Renames a live application; `false` if there is none.
pub fn rename(conn: &Connection, application_id: Uuid, name: &str) -> ApiResult<bool> {
    let n = conn.execute(
        "UPDATE applications SET name = ?2 WHERE application_id = ?1 AND deleted_at IS NULL",
        params![application_id.to_string(), name],
    )?;
    Ok(n == 1)
}

/// Soft-deletes a live application; `false` if there is none.
pub fn delete(conn: &Connection, application_id: Uuid, now: DateTime<Utc>) -> ApiResult<bool> {
    let n = conn.execute(
        "UPDATE applications SET deleted_at = ?2 WHERE application_id = ?1 AND deleted_at IS NULL",
        params![application_id.to_string(), time_text(now)],
    )?;
    Ok(n == 1)
}
