//! Root service tokens. Deletion is soft: `expired_at = now` takes the
//! token's revocation id out of the live set, which revokes the root and
//! every token attenuated from it on the very next request.

use chrono::{DateTime, Utc};
use r2d2_sqlite::rusqlite::{params, Connection, OptionalExtension, Row};
use serde::Serialize;
use uuid::Uuid;

use super::{parse_time, parse_uuid, time_text};
use crate::error::ApiResult;

/// A service token, as the API returns it (the full root biscuit included,
/// as Hook0 does on every list and get).
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct ServiceToken {
    pub token_id: Uuid,
    pub name: String,
    pub biscuit: String,
    #[serde(serialize_with = "crate::routes::serialize_time")]
    pub created_at: DateTime<Utc>,
}

/// A token to store.
#[derive(Debug, Clone)]
pub struct NewServiceToken<'a> {
    pub token_id: Uuid,
    pub organization_id: Uuid,
    pub name: &'a str,
    pub biscuit: &'a str,
    pub revocation_id: &'a [u8],
    pub created_at: DateTime<Utc>,
}

const COLUMNS: &str = "token_id, name, biscuit, created_at";
const LIVE: &str = "organization_id = ?1 AND (expired_at IS NULL OR expired_at > ?2)";

fn from_row(row: &Row<'_>) -> r2d2_sqlite::rusqlite::Result<ServiceToken> {
    Ok(ServiceToken {
        token_id: parse_uuid(&row.get::<_, String>(0)?)?,
        name: row.get(1)?,
        biscuit: row.get(2)?,
        created_at: parse_time(&row.get::<_, String>(3)?)?,
    })
}

/// Stores a new root token.
pub fn insert(conn: &Connection, t: &NewServiceToken<'_>) -> ApiResult<ServiceToken> {
    conn.execute(
        "INSERT INTO service_tokens (token_id, organization_id, name, biscuit, revocation_id, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![
            t.token_id.to_string(),
            t.organization_id.to_string(),
            t.name,
            t.biscuit,
            t.revocation_id,
            time_text(t.created_at)
        ],
    )?;
    Ok(ServiceToken {
        token_id: t.token_id,
        name: t.name.to_owned(),
        biscuit: t.biscuit.to_owned(),
        created_at: t.created_at,
    })
}

/// Live tokens of an organization, oldest first.
pub fn list(
    conn: &Connection,
    organization_id: Uuid,
    now: DateTime<Utc>,
) -> ApiResult<Vec<ServiceToken>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {COLUMNS} FROM service_tokens WHERE {LIVE} ORDER BY created_at, token_id"
    ))?;
    let rows = stmt.query_map(
        params![organization_id.to_string(), time_text(now)],
        from_row,
    )?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// One live token of the organization.
pub fn get(
    conn: &Connection,
    organization_id: Uuid,
    token_id: Uuid,
    now: DateTime<Utc>,
) -> ApiResult<Option<ServiceToken>> {
    Ok(conn
        .prepare_cached(&format!(
            "SELECT {COLUMNS} FROM service_tokens WHERE {LIVE} AND token_id = ?3"
        ))?
        .query_row(
            params![
                organization_id.to_string(),
                time_text(now),
                token_id.to_string()
            ],
            from_row,
        )
        .optional()?)
}

/// Renames a live token; the biscuit is unchanged.
pub fn rename(
    conn: &Connection,
    organization_id: Uuid,
    token_id: Uuid,
    name: &str,
    now: DateTime<Utc>,
) -> ApiResult<Option<ServiceToken>> {
    let n = conn.execute(
        &format!("UPDATE service_tokens SET name = ?4 WHERE {LIVE} AND token_id = ?3"),
        params![
            organization_id.to_string(),
            time_text(now),
            token_id.to_string(),
            name
        ],
    )?;
    if n == 0 {
        return Ok(None);
    }
    get(conn, organization_id, token_id, now)
}

/// Soft-deletes a live token; `false` if there was none.
pub fn delete(
    conn: &Connection,
    organization_id: Uuid,
    token_id: Uuid,
    now: DateTime<Utc>,
) -> ApiResult<bool> {
    let n = conn.execute(
        &format!("UPDATE service_tokens SET expired_at = ?2 WHERE {LIVE} AND token_id = ?3"),
        params![
            organization_id.to_string(),
            time_text(now),
            token_id.to_string()
        ],
    )?;
    Ok(n == 1)
}
