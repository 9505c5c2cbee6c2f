//! Organizations and who belongs to them.

use chrono::{DateTime, Utc};
use r2d2_sqlite::rusqlite::{params, Connection, OptionalExtension};
use serde::Serialize;
use uuid::Uuid;

use super::{parse_uuid, time_text, users};
use crate::error::ApiResult;

/// A member, as `GET /organizations/{id}` lists it.
#[derive(Debug, Clone, Serialize)]
pub struct Member {
    pub user_id: Uuid,
    pub email: String,
    pub first_name: String,
    pub last_name: String,
    pub role: String,
}

/// Creates an organization with `owner` (if any) as its editor. Callers
/// run it in a transaction with whatever else must happen atomically.
pub fn create(
    conn: &Connection,
    name: &str,
    owner: Option<Uuid>,
    now: DateTime<Utc>,
) -> ApiResult<Uuid> {
    let organization_id = Uuid::new_v4();
    conn.execute(
        "INSERT INTO organizations (organization_id, name, created_at) VALUES (?1, ?2, ?3)",
        params![organization_id.to_string(), name, time_text(now)],
    )?;
    if let Some(user_id) = owner {
        users::set_membership(conn, user_id, organization_id, "editor")?;
    }
    Ok(organization_id)
}

/// The organization's name, if it exists.
pub fn name(conn: &Connection, organization_id: Uuid) -> ApiResult<Option<String>> {
    Ok(conn
        .query_row(
            "SELECT name FROM organizations WHERE organization_id = ?1",
            [organization_id.to_string()],
            |r| r.get(0),
        )
        .optional()?)
}

/// Every member, by e-mail.
pub fn members(conn: &Connection, organization_id: Uuid) -> ApiResult<Vec<Member>> {
    let mut stmt = conn.prepare_cached(
        "SELECT u.user_id, u.email, u.first_name, u.last_name, m.role FROM memberships m
         JOIN users u ON u.user_id = m.user_id WHERE m.organization_id = ?1 ORDER BY u.email",
    )?;
    let rows = stmt.query_map([organization_id.to_string()], |row| {
        Ok(Member {
            user_id: parse_uuid(&row.get::<_, String>(0)?)?,
            email: row.get(1)?,
            first_name: row.get(2)?,
            last_name: row.get(3)?,
            role: row.get(4)?,
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// Live applications and members, for the consumption figures.
pub fn counts(conn: &Connection, organization_id: Uuid) -> ApiResult<(i64, i64)> {
    Ok(conn.query_row(
        "SELECT (SELECT COUNT(*) FROM applications WHERE organization_id = ?1 AND deleted_at IS NULL),
                (SELECT COUNT(*) FROM memberships WHERE organization_id = ?1)",
        [organization_id.to_string()],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?)
}
