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

use biscuit_auth::builder::{Binary, Check, CheckKind, Expression, Op, Predicate, Rule, Term};
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
    block(request, now).map(|(source, _)| source)
}

/// The block as text (what the person sees and Hook0's dashboard writes) and
/// the checks this module writes, built term by term rather than printed and
/// then parsed back (the parse was ~25 of ~400 µs of an attenuation in
/// Chromium). The person's own Datalog is only checked here: [`attenuate`]
/// parses it into the block, so a preview of the text never parses it twice.
/// `tests::built_checks_equal_their_parsed_text` keeps text and checks in step.
fn block(
    request: &AttenuationRequest,
    now: DateTime<Utc>,
) -> Result<(String, BlockBuilder), CoreError> {
    if !request.restricts_anything() {
        return Err(CoreError::NoRestriction);
    }
    let mut lines: Vec<String> = Vec::with_capacity(4);
    let mut builder = BlockBuilder::new();

    match request.applications.as_slice() {
        [] => {}
        [one] => {
            lines.push(format!("check if application_id({});", uuid_term(*one)));
            builder = builder
                .check(check(predicate("application_id", uuid_bytes(*one)), None))
                .map_err(token_error)?;
        }
        several => {
            let ids: Vec<String> = several.iter().map(|id| uuid_term(*id)).collect();
            lines.push(format!(
                "check if application_id($app), [{}].contains($app);",
                ids.join(", ")
            ));
            let terms = several.iter().map(|id| uuid_bytes(*id)).collect();
            builder = builder
                .check(contains_check("application_id", "app", terms))
                .map_err(token_error)?;
        }
    }

    if let Some(at) = request.expires_at {
        ensure_future(at, now)?;
        let line = format!("check if time($t), $t < {};", date_term(at));
        builder = match u64::try_from(at.timestamp()) {
            Ok(secs) => builder.check(check(
                predicate("time", variable("t")),
                Some(Expression {
                    ops: vec![
                        Op::Value(variable("t")),
                        Op::Value(Term::Date(secs)),
                        Op::Binary(Binary::LessThan),
                    ],
                }),
            )),
            // Before 1970 (only with a "now" before 1970): the parser decides.
            Err(_) => builder.code(&line),
        }
        .map_err(token_error)?;
        lines.push(line);
    }

    if let Some(actions) = &request.actions {
        if actions.is_empty() {
            return Err(CoreError::EmptyAllowlist);
        }
        let mut names = Vec::with_capacity(actions.len());
        let mut terms = Vec::with_capacity(actions.len());
        for name in actions {
            let name = catalogue::action(name)?.name;
            names.push(string_term(name));
            terms.push(Term::Str(name.to_owned()));
        }
        lines.push(format!(
            "check if action($a), [{}].contains($a);",
            names.join(", ")
        ));
        builder = builder
            .check(contains_check("action", "a", terms))
            .map_err(token_error)?;
    }

    let custom = request.datalog.trim();
    if !custom.is_empty() {
        // The checks with positions, and the nesting guard that keeps
        // biscuit's recursive parser from overflowing in `attenuate`.
        let errors = datalog::parse_errors(custom);
        if !errors.is_empty() {
            return Err(CoreError::InvalidDatalog(errors));
        }
        lines.push(custom.to_owned());
    }
    Ok((lines.join("\n"), builder))
}

fn variable(name: &str) -> Term {
    Term::Variable(name.to_owned())
}

fn uuid_bytes(id: Uuid) -> Term {
    Term::Bytes(id.as_bytes().to_vec())
}

fn predicate(name: &str, term: Term) -> Predicate {
    Predicate::new(name.to_owned(), vec![term])
}

/// `check if <body>[, <expression>];`, as the parser builds it: one query
/// whose head is the empty `query()` predicate.
fn check(body: Predicate, expression: Option<Expression>) -> Check {
    Check {
        queries: vec![Rule::new(
            Predicate::new("query".to_owned(), Vec::<Term>::new()),
            vec![body],
            expression.into_iter().collect(),
            Vec::new(),
        )],
        kind: CheckKind::One,
    }
}

/// `check if <fact>($var), [<terms>].contains($var);`
fn contains_check(fact: &str, var: &str, terms: Vec<Term>) -> Check {
    check(
        predicate(fact, variable(var)),
        Some(Expression {
            ops: vec![
                Op::Value(Term::Array(terms)),
                Op::Value(variable(var)),
                Op::Binary(Binary::Contains),
            ],
        }),
    )
}

/// The whole block: [`block`]'s checks and the person's own Datalog.
fn full_block(
    request: &AttenuationRequest,
    now: DateTime<Utc>,
) -> Result<(String, BlockBuilder), CoreError> {
    let (source, mut builder) = block(request, now)?;
    let custom = request.datalog.trim();
    if !custom.is_empty() {
        builder = builder.code(custom).map_err(token_error)?;
    }
    Ok((source, builder))
}

/// `token` with the request's block appended (and sealed if asked), in
/// memory, with the block's text: what [`attenuate`] serializes and what the
/// live simulation (`crate::simulation`) decides for, so both are the same
/// token.
pub(crate) fn append_block(
    token: &Token,
    request: &AttenuationRequest,
    now: DateTime<Utc>,
) -> Result<(String, Token), CoreError> {
    let (source, block) = full_block(request, now)?;
    let mut attenuated = token.append(block)?;
    if request.seal {
        attenuated = attenuated.seal()?;
    }
    Ok((source, attenuated))
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
    let (source, attenuated) = append_block(token, request, now)?;
    // One serialization for both the text and its size (attenuation is timed
    // against biscuit-wasm, which serializes once).
    let (token, size_bytes) = attenuated.to_base64_with_size()?;
    Ok(Attenuated {
        token,
        block_source: source,
        sealed: request.seal,
        size_bytes,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn now() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 1, 1, 0, 0, 0).unwrap()
    }

    fn app(n: u128) -> Uuid {
        Uuid::from_u128(0x0194_0000_0000_7000_8000_0000_0000_0000 + n)
    }

    /// The block built term by term is the very block its text parses to.
    #[test]
    fn built_checks_equal_their_parsed_text() {
        let requests = [
            AttenuationRequest {
                applications: vec![app(1)],
                ..AttenuationRequest::default()
            },
            AttenuationRequest {
                applications: vec![app(1), app(2), app(3)],
                expires_at: Some(Utc.with_ymd_and_hms(2030, 1, 1, 0, 0, 0).unwrap()),
                ..AttenuationRequest::default()
            },
            AttenuationRequest {
                expires_at: Some(Utc.with_ymd_and_hms(2026, 3, 1, 12, 30, 5).unwrap()),
                actions: Some(vec!["event:list".to_owned(), "application:get".to_owned()]),
                datalog: "check if user($u);".to_owned(),
                ..AttenuationRequest::default()
            },
        ];
        for request in &requests {
            let (source, built) = full_block(request, now()).expect("a block");
            let parsed = BlockBuilder::new().code(&source).expect("its text parses");
            assert_eq!(format!("{built:?}"), format!("{parsed:?}"), "{source}");
            assert_eq!(built.to_string(), parsed.to_string());
        }
    }
}
