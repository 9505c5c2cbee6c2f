//! The revocation check every protected request makes: is this authority
//! block's revocation id a live root token? Attenuated tokens share their
//! root's block-0 id, so one lookup covers the root and everything derived
//! from it.

use chrono::{DateTime, Utc};
use r2d2_sqlite::rusqlite::{params, Connection, OptionalExtension};
use uuid::Uuid;

use super::{parse_uuid, time_text};
use crate::error::ApiResult;

/// What a live revocation id belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LiveToken {
    /// A service token that is not deleted.
    Service {
        token_id: Uuid,
        organization_id: Uuid,
    },
    /// A user access token whose session row is still there.
    UserAccess { session_id: Uuid, user_id: Uuid },
}

/// Looks the id up among live service tokens and user access tokens.
pub fn live_token(
    conn: &Connection,
    revocation_id: &[u8],
    now: DateTime<Utc>,
) -> ApiResult<Option<LiveToken>> {
    let mut stmt = conn.prepare_cached(
        "SELECT 's', token_id, organization_id FROM service_tokens
           WHERE revocation_id = ?1 AND (expired_at IS NULL OR expired_at > ?2)
         UNION ALL
         SELECT 'u', session_id, user_id FROM user_sessions
           WHERE access_revocation_id = ?1 AND access_expires_at > ?2
         LIMIT 1",
    )?;
    let row: Option<(String, String, String)> = stmt
        .query_row(params![revocation_id, time_text(now)], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?))
        })
        .optional()?;
    Ok(match row {
        Some((kind, a, b)) if kind == "s" => Some(LiveToken::Service {
            token_id: parse_uuid(&a)?,
            organization_id: parse_uuid(&b)?,
        }),
        Some((_, a, b)) => Some(LiveToken::UserAccess {
            session_id: parse_uuid(&a)?,
            user_id: parse_uuid(&b)?,
        }),
        None => None,
    })
}
