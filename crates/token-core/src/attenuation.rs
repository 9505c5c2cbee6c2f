//! Attenuation: one request turned into **exactly one** appended block, by
//! one function, whichever screen asked for it.
//!
//! The Datalog is the same as Hook0's own dashboard writes, byte for byte,
//! so tokens made here behave identically on any Hook0 server:
//!
//! - one application: `check if application_id(hex:…);`
//! - several: `check if application_id($app), [hex:…, hex:…].contains($app);`
//! - expiry: `check if time($t), $t < 2030-01-01T00:00:00Z;`
//! - allowlist: `check if action($a), ["event:list", …].contains($a);`
//! - then the person's own Datalog, as written.
//!
//! ```
//! use chrono::{TimeZone, Utc};
//! use token_core::attenuation::{block_source, AttenuationRequest};
//! let now = Utc.with_ymd_and_hms(2026, 1, 1, 0, 0, 0).unwrap();
//! let request = AttenuationRequest {
//!     expires_at: Some(Utc.with_ymd_and_hms(2030, 1, 1, 0, 0, 0).unwrap()),
//!     ..AttenuationRequest::default()
//! };
//! assert_eq!(
//!     block_source(&request, now).unwrap(),
//!     "check if time($t), $t < 2030-01-01T00:00:00Z;"
//! );
//! ```

use biscuit_auth::BlockBuilder;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::catalogue;
use crate::datalog;
use crate::expiry::ensure_future;
use crate::terms::{date_term, string_term, uuid_term};
use crate::token::{token_error, Token};
use crate::CoreError;

/// What to restrict. Every field narrows; none widens.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct AttenuationRequest {
    /// Applications the token may act on: none (no restriction), one, or several.
    pub applications: Vec<Uuid>,
    /// When the token stops working.
    pub expires_at: Option<DateTime<Utc>>,
    /// Action allowlist; `None` allows every action.
    pub actions: Option<Vec<String>>,
    /// Extra Datalog appended as written (checks and rules).
    pub datalog: String,
    /// Seal the result so nobody can attenuate it further.
    pub seal: bool,
}

impl AttenuationRequest {
    /// Whether the request restricts anything at all.
    pub fn restricts_anything(&self) -> bool {
        !self.applications.is_empty()
            || self.expires_at.is_some()
            || self.actions.is_some()
            || !self.datalog.trim().is_empty()
    }
}

/// The token attenuation produced.
#[derive(Clone, PartialEq, Eq, Serialize)]
pub struct Attenuated {
    /// The new token, base64 as Hook0 reads it.
    pub token: String,
    /// The Datalog of the appended block, exactly as it was appended.
    pub block_source: String,
    /// Whether the new token was sealed.
    pub sealed: bool,
    /// Serialized size in bytes (before base64).
    pub size_bytes: usize,
}

impl std::fmt::Debug for Attenuated {
    // The token is a bearer credential: never in debug output or logs.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Attenuated")
            .field("block_source", &self.block_source)
            .field("sealed", &self.sealed)
            .field("size_bytes", &self.size_bytes)
            .finish_non_exhaustive()
    }
}

/// The Datalog block a request appends, after checking it: at least one
/// restriction, an expiry after `now`, known action names, and Datalog that
/// parses (errors carry line and column).
pub fn block_source(request: &AttenuationRequest, now: DateTime<Utc>) -> Result<String, CoreError> {
    if !request.restricts_anything() {
        return Err(CoreError::NoRestriction);
    }
    let mut lines: Vec<String> = Vec::with_capacity(4);

    match request.applications.as_slice() {
        [] => {}
        [one] => lines.push(format!("check if application_id({});", uuid_term(*one))),
        several => {
            let ids: Vec<String> = several.iter().map(|id| uuid_term(*id)).collect();
            lines.push(format!(
                "check if application_id($app), [{}].contains($app);",
                ids.join(", ")
            ));
        }
    }

    if let Some(at) = request.expires_at {
        ensure_future(at, now)?;
        lines.push(format!("check if time($t), $t < {};", date_term(at)));
    }

    if let Some(actions) = &request.actions {
        if actions.is_empty() {
            return Err(CoreError::EmptyAllowlist);
        }
        let mut names = Vec::with_capacity(actions.len());
        for name in actions {
            names.push(string_term(catalogue::action(name)?.name));
        }
        lines.push(format!(
            "check if action($a), [{}].contains($a);",
            names.join(", ")
        ));
    }

    let custom = request.datalog.trim();
    if !custom.is_empty() {
        let errors = datalog::parse_errors(custom);
        if !errors.is_empty() {
            return Err(CoreError::InvalidDatalog(errors));
        }
        lines.push(custom.to_owned());
    }
    Ok(lines.join("\n"))
}

/// Appends the request's block to `token` (and seals it if asked).
///
/// Works on a verified token and on an unverified one alike: appending needs
/// no root key, only the token itself.
pub fn attenuate(
    token: &Token,
    request: &AttenuationRequest,
    now: DateTime<Utc>,
) -> Result<Attenuated, CoreError> {
    let source = block_source(request, now)?;
    let block = BlockBuilder::new().code(&source).map_err(token_error)?;
    let mut attenuated = token.append(block)?;
    if request.seal {
        attenuated = attenuated.seal()?;
    }
    Ok(Attenuated {
        token: attenuated.to_base64()?,
        block_source: source,
        sealed: request.seal,
        size_bytes: attenuated.size_bytes()?,
    })
}
