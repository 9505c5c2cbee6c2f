//! The revocation check every authenticated request makes: is this authority
//! block's revocation id a live token the server issued? Attenuated tokens
//! share their root's block-0 id, so one lookup covers the root and
//! everything derived from it.

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
    /// A user access token of a session that was not ended.
    UserAccess { session_id: Uuid, user_id: Uuid },
    /// A refresh token not used yet. Like Hook0, it passes this check on
    /// any route; the authorizer then refuses it everywhere but refresh.
    Refresh { session_id: Uuid, user_id: Uuid },
}

/// Looks the id up among live service tokens and session tokens.
pub fn live_token(
    conn: &Connection,
    revocation_id: &[u8],
    now: DateTime<Utc>,
) -> ApiResult<Option<LiveToken>> {
    let mut stmt = conn.prepare_cached(
        "SELECT 'service', token_id, organization_id FROM service_tokens
           WHERE revocation_id = ?1 AND (expired_at IS NULL OR expired_at > ?2)
         UNION ALL
         SELECT kind, session_id, user_id FROM session_tokens
           WHERE revocation_id = ?1 AND expires_at > ?2
         LIMIT 1",
    )?;
    let row: Option<(String, String, String)> = stmt
        .query_row(params![revocation_id, time_text(now)], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?))
        })
        .optional()?;
    let Some((kind, a, b)) = row else {
        return Ok(None);
    };
    let (a, b) = (parse_uuid(&a)?, parse_uuid(&b)?);
    Ok(Some(match kind.as_str() {
        "service" => LiveToken::Service {
            token_id: a,
            organization_id: b,
        },
        "user_access" => LiveToken::UserAccess {
            session_id: a,
            user_id: b,
        },
        _ => LiveToken::Refresh {
            session_id: a,
            user_id: b,
        },
    }))
}
