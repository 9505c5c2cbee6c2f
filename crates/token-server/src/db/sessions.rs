//! User sessions: the revocation ids of live user access and refresh tokens,
//! one row per token like Hook0's `iam.token`. Login and refresh insert a
//! pair; refresh consumes its refresh token (one use); logout deletes every
//! token of the session.

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

/// Stores a pair, and sweeps expired rows (they can no longer be used for
/// anything) so the table stays small.
pub fn insert(conn: &Connection, s: &SessionTokens, now: DateTime<Utc>) -> ApiResult<()> {
    let now = time_text(now);
    conn.execute("DELETE FROM session_tokens WHERE expires_at < ?1", [&now])?;
    let mut stmt = conn.prepare_cached(
        "INSERT INTO session_tokens (revocation_id, kind, session_id, user_id, expires_at, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?;
    let (session, user) = (s.session_id.to_string(), s.user_id.to_string());
    stmt.execute(params![
        s.access_revocation_id,
        "user_access",
        session,
        user,
        time_text(s.access_expires_at),
        now
    ])?;
    stmt.execute(params![
        s.refresh_revocation_id,
        "refresh",
        session,
        user,
        time_text(s.refresh_expires_at),
        now
    ])?;
    Ok(())
}

/// Consumes a live refresh token: deletes its row and returns its
/// `(session_id, user_id)`; `None` when it was already used, logged out or
/// expired. The DELETE is the atomic "use once": of two concurrent
/// refreshes with the same token, exactly one gets a row back.
pub fn take_refresh(
    conn: &Connection,
    revocation_id: &[u8],
    now: DateTime<Utc>,
) -> ApiResult<Option<(Uuid, Uuid)>> {
    let found: Option<(String, String)> = conn
        .query_row(
            "DELETE FROM session_tokens
             WHERE revocation_id = ?1 AND kind = 'refresh' AND expires_at > ?2
             RETURNING session_id, user_id",
            params![revocation_id, time_text(now)],
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
        "DELETE FROM session_tokens WHERE session_id = ?1",
        [session_id.to_string()],
    )?;
    Ok(())
}
