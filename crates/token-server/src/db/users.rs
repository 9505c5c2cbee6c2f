//! Users and their organization memberships.

use chrono::{DateTime, Utc};
use r2d2_sqlite::rusqlite::{params, Connection, OptionalExtension, Row};
use serde::Serialize;
use uuid::Uuid;

use super::{is_unique_violation, parse_uuid, time_text};
use crate::error::{ApiError, ApiResult};

/// A user as stored (the password hash never leaves this module's callers
/// in a response).
#[derive(Debug, Clone)]
pub struct User {
    pub user_id: Uuid,
    pub email: String,
    pub first_name: String,
    pub last_name: String,
    pub password_hash: String,
}

/// One membership, as `GET /organizations` lists it.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Membership {
    pub organization_id: Uuid,
    pub role: String,
    pub name: String,
}

/// The fields of a new user.
#[derive(Debug, Clone)]
pub struct NewUser<'a> {
    pub email: &'a str,
    pub first_name: &'a str,
    pub last_name: &'a str,
    pub password_hash: &'a str,
}

fn user_from_row(row: &Row<'_>) -> r2d2_sqlite::rusqlite::Result<User> {
    Ok(User {
        user_id: parse_uuid(&row.get::<_, String>(0)?)?,
        email: row.get(1)?,
        first_name: row.get(2)?,
        last_name: row.get(3)?,
        password_hash: row.get(4)?,
    })
}

/// Inserts a user; a taken e-mail (case-insensitive) is 409 `UserAlreadyExist`.
pub fn insert(conn: &Connection, user: &NewUser<'_>, now: DateTime<Utc>) -> ApiResult<Uuid> {
    let user_id = Uuid::new_v4();
    conn.execute(
        "INSERT INTO users (user_id, email, first_name, last_name, password_hash, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![
            user_id.to_string(),
            user.email,
            user.first_name,
            user.last_name,
            user.password_hash,
            time_text(now)
        ],
    )
    .map_err(|e| {
        if is_unique_violation(&e) {
            ApiError::UserAlreadyExist
        } else {
            e.into()
        }
    })?;
    Ok(user_id)
}

/// The user with this e-mail (case-insensitive).
pub fn by_email(conn: &Connection, email: &str) -> ApiResult<Option<User>> {
    Ok(conn
        .query_row(
            "SELECT user_id, email, first_name, last_name, password_hash FROM users WHERE email = ?1",
            [email],
            user_from_row,
        )
        .optional()?)
}

/// The user with this id.
pub fn by_id(conn: &Connection, user_id: Uuid) -> ApiResult<Option<User>> {
    Ok(conn
        .query_row(
            "SELECT user_id, email, first_name, last_name, password_hash FROM users WHERE user_id = ?1",
            [user_id.to_string()],
            user_from_row,
        )
        .optional()?)
}

/// Whether any user exists (demo data goes only into an empty database).
pub fn any(conn: &Connection) -> ApiResult<bool> {
    Ok(conn.query_row("SELECT EXISTS (SELECT 1 FROM users)", [], |r| r.get(0))?)
}

/// Adds (or changes) a membership.
pub fn set_membership(
    conn: &Connection,
    user_id: Uuid,
    organization_id: Uuid,
    role: &str,
) -> ApiResult<()> {
    conn.execute(
        "INSERT INTO memberships (user_id, organization_id, role) VALUES (?1, ?2, ?3)
         ON CONFLICT (user_id, organization_id) DO UPDATE SET role = excluded.role",
        params![user_id.to_string(), organization_id.to_string(), role],
    )?;
    Ok(())
}

/// Every organization the user belongs to, oldest first.
pub fn memberships(conn: &Connection, user_id: Uuid) -> ApiResult<Vec<Membership>> {
    let mut stmt = conn.prepare_cached(
        "SELECT o.organization_id, m.role, o.name FROM memberships m
         JOIN organizations o ON o.organization_id = m.organization_id
         WHERE m.user_id = ?1 ORDER BY o.created_at, o.organization_id",
    )?;
    let rows = stmt.query_map([user_id.to_string()], |row| {
        Ok(Membership {
            organization_id: parse_uuid(&row.get::<_, String>(0)?)?,
            role: row.get(1)?,
            name: row.get(2)?,
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}
