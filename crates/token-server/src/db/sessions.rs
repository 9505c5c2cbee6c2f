//! User sessions: the revocation ids of live user access and refresh tokens,
//! like Hook0's session table. Login inserts a row; refresh swaps it for a
//! new one in the same session (the old refresh token dies: one use); logout
//! deletes every row of the session.

use chrono::{DateTime, Utc};
use r2d2_sqlite::rusqlite::{params, Connection, OptionalExtension};
use uuid::Uuid;

use super::{parse_uuid, time_text};
use crate::error::ApiResult;

/// A new access/refresh pair.
#[derive(Debug, Clone)]
pub struct SessionTokens {
    pub session_id: Uuid,
    pub user_id: Uuid,
    pub access_revocation_id: Vec<u8>,
    pub refresh_revocation_id: Vec<u8>,
    pub access_expires_at: DateTime<Utc>,
    pub refresh_expires_at: DateTime<Utc>,
}

/// Stores a pair, and sweeps rows whose refresh token has expired (they can
/// no longer be used for anything) so the table stays small.
pub fn insert(conn: &Connection, s: &SessionTokens, now: DateTime<Utc>) -> ApiResult<()> {
    conn.execute(
        "DELETE FROM user_sessions WHERE refresh_expires_at < ?1",
        [time_text(now)],
    )?;
    conn.execute(
        "INSERT INTO user_sessions (session_id, user_id, access_revocation_id, refresh_revocation_id,
                                    access_expires_at, refresh_expires_at, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![
            s.session_id.to_string(),
            s.user_id.to_string(),
            s.access_revocation_id,
            s.refresh_revocation_id,
            time_text(s.access_expires_at),
            time_text(s.refresh_expires_at),
            time_text(now)
        ],
    )?;
    Ok(())
}

/// Consumes a refresh token: deletes its row (killing the paired access
/// token too) and returns its `(session_id, user_id)`, or `None` when it was
/// already used, logged out or expired. The DELETE is the atomic "use once".
pub fn take_refresh(
    conn: &Connection,
    refresh_revocation_id: &[u8],
    now: DateTime<Utc>,
) -> ApiResult<Option<(Uuid, Uuid)>> {
    let found: Option<(String, String)> = conn
        .query_row(
            "DELETE FROM user_sessions WHERE refresh_revocation_id = ?1 AND refresh_expires_at > ?2
             RETURNING session_id, user_id",
            params![refresh_revocation_id, time_text(now)],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    Ok(match found {
        Some((s, u)) => Some((parse_uuid(&s)?, parse_uuid(&u)?)),
        None => None,
    })
}

/// Ends a session: every token it issued stops working.
pub fn end(conn: &Connection, session_id: Uuid) -> ApiResult<()> {
    conn.execute(
        "DELETE FROM user_sessions WHERE session_id = ?1",
        [session_id.to_string()],
    )?;
    Ok(())
}
