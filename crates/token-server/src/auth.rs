//! Authentication and authorization of protected requests, in the order
//! Hook0 applies them:
//!
//! 1. `Authorization: Bearer <biscuit>` (401 without it, 400 if unreadable);
//! 2. the biscuit verifies with the server key (else 403 `AuthInvalidBiscuit`);
//! 3. its authority block's revocation id is a live token this server
//!    issued (a service token not deleted, a session token not used or
//!    ended; else 403 `AuthInvalidBiscuit`): this is what makes a deleted
//!    root revoke every token derived from it;
//! 4. the token core's Hook0 authorizer allows the route's action (else 403
//!    `Forbidden`, or 503 when it runs out of time).
//!
//! Steps 1-3 are the [`Caller`] extractor; step 4 is [`Caller::authorize`]
//! and friends, called by each route with its action. The policy itself
//! lives only in `token_core::policy`.
//!
//! Before step 3, Datalog that a token holder appended is screened for its
//! cost ([`join_steps`]): biscuit-auth 6.0.0 checks its time limit only
//! *between* rules and checks, so a single check joining a few predicates
//! (`check if n($a), n($b), n($c), n($d), …` over 60 facts: 13 million
//! combinations) runs for minutes on an async worker whatever the 30 ms
//! limit says. Anyone holding a token can append such a block (no key is
//! needed), so such tokens are refused (403 `Forbidden`) before they run.

use std::collections::HashMap;

use axum::extract::FromRequestParts;
use axum::http::header::AUTHORIZATION;
use axum::http::request::Parts;
use axum::http::HeaderMap;
use chrono::{DateTime, Utc};
use token_core::biscuit_auth::{Biscuit, BlockBuilder};
use token_core::catalogue::{self, Action};
use token_core::policy::{self, AuthorizationRequest, Authorized, Denial};
use uuid::Uuid;

use crate::db::applications::{self, Application};
use crate::db::revocation::{self, LiveToken};
use crate::error::{ApiError, ApiResult};
use crate::state::AppState;

/// The bearer token's text, from the header (step 1).
pub fn bearer(headers: &HeaderMap) -> ApiResult<&str> {
    let value = headers
        .get(AUTHORIZATION)
        .ok_or(ApiError::NoAuthorizationHeader)?;
    let text = value
        .to_str()
        .map_err(|_| ApiError::InvalidAuthorizationHeader)?;
    let (scheme, token) = text
        .trim()
        .split_once(' ')
        .ok_or(ApiError::InvalidAuthorizationHeader)?;
    if !scheme.eq_ignore_ascii_case("bearer") || token.trim().is_empty() {
        return Err(ApiError::InvalidAuthorizationHeader);
    }
    Ok(token.trim())
}

/// Verifies a token with the server key and returns it with its authority
/// block's revocation id (step 2); appended Datalog too costly to run is
/// refused here, before it can run anywhere.
pub fn verify(state: &AppState, token: &str) -> ApiResult<(Biscuit, Vec<u8>)> {
    let biscuit =
        Biscuit::from_base64(token, state.public_key).map_err(|_| ApiError::InvalidBiscuit)?;
    if biscuit.block_count() > 1 {
        let steps = join_steps(&biscuit);
        if steps.is_none_or(|s| s > MAX_JOIN_STEPS) {
            tracing::debug!(?steps, "appended Datalog too costly to authorize");
            return Err(ApiError::Forbidden);
        }
    }
    let revocation_id = biscuit
        .revocation_identifiers()
        .into_iter()
        .next()
        .ok_or(ApiError::InvalidBiscuit)?;
    Ok((biscuit, revocation_id))
}

/// The most join steps (combinations of facts tried by rule and check
/// bodies) the Datalog appended to a token may ask for. Every token Hook0's
/// dashboard or ours makes needs a few dozen; a few hundred thousand run in
/// well under the 30 ms limit.
pub const MAX_JOIN_STEPS: u64 = 200_000;

/// biscuit-auth's default `max_facts` and `max_iterations`, which the
/// authorizer keeps: no predicate can hold more facts, no rule runs more often.
const MAX_FACTS: u64 = 1000;
const MAX_ITERATIONS: u64 = 100;

/// Facts the authorizer itself may add under any one name (`time`,
/// `action`, `allowed_role`, the base policy's own facts…).
const AMBIENT_FACTS: u64 = 8;

/// An upper bound on the join steps the appended blocks' rules and checks
/// can take, from how many facts each predicate name can hold; `None` when
/// a block cannot be read back.
///
/// A body `p($a), q($b)` tries at most `|p| × |q|` combinations. `|p|` is
/// the facts declared under that name in any block, plus the authorizer's,
/// plus what rules can derive (at most [`MAX_FACTS`]). Rules are re-applied
/// until nothing new appears, so their cost counts once per rule (the
/// longest chain of derivations), at most [`MAX_ITERATIONS`] times.
pub fn join_steps(biscuit: &Biscuit) -> Option<u64> {
    let blocks = (0..biscuit.block_count())
        .map(|i| {
            let source = biscuit.print_block_source(i).ok()?;
            // The Datalog parser recurses on nesting: a block built from
            // raw operations with thousands of nested parentheses or `!`
            // would overflow the worker's stack when read back.
            (nesting(&source) <= MAX_NESTING).then_some(())?;
            BlockBuilder::new().code(&source).ok()
        })
        .collect::<Option<Vec<_>>>()?;
    let mut counts: HashMap<&str, u64> = HashMap::new();
    for fact in blocks.iter().flat_map(|b| &b.facts) {
        *counts.entry(&fact.predicate.name).or_insert(AMBIENT_FACTS) += 1;
    }
    let size = |counts: &HashMap<&str, u64>, name: &str| {
        counts.get(name).copied().unwrap_or(AMBIENT_FACTS).max(1)
    };
    let body_steps = |counts: &HashMap<&str, u64>,
                      rule: &token_core::biscuit_auth::builder::Rule| {
        rule.body
            .iter()
            .fold(1u64, |steps, p| steps.saturating_mul(size(counts, &p.name)))
    };
    let appended = &blocks[1..];
    let rules: Vec<_> = appended.iter().flat_map(|b| &b.rules).collect();
    // What rules can derive, to a fixpoint (or the cap) of the estimate.
    for _ in 0..rules.len().min(MAX_ITERATIONS as usize) {
        let mut changed = false;
        for rule in &rules {
            let derived = body_steps(&counts, rule).min(MAX_FACTS);
            let entry = counts.entry(&rule.head.name).or_insert(AMBIENT_FACTS);
            let grown = (*entry + derived).min(MAX_FACTS);
            changed |= grown != *entry;
            *entry = grown;
        }
        if !changed {
            break;
        }
    }
    let iterations = (rules.len() as u64 + 1).min(MAX_ITERATIONS);
    let rule_steps = rules
        .iter()
        .map(|r| body_steps(&counts, r).saturating_mul(iterations))
        .fold(0u64, u64::saturating_add);
    let check_steps = appended
        .iter()
        .flat_map(|b| &b.checks)
        .flat_map(|c| &c.queries)
        .map(|q| body_steps(&counts, q))
        .fold(0u64, u64::saturating_add);
    Some(rule_steps.saturating_add(check_steps))
}

/// The deepest nesting of brackets and `!` a block may have to be read
/// back (the tokens the dashboards make nest 2 or 3 deep).
const MAX_NESTING: usize = 64;

/// How deep `source` nests: open brackets, and `!` in a row, counted
/// everywhere (inside strings too: an overestimate is only a refusal).
fn nesting(source: &str) -> usize {
    let (mut depth, mut bangs, mut deepest) = (0usize, 0usize, 0usize);
    for c in source.chars() {
        match c {
            '(' | '[' | '{' => depth += 1,
            ')' | ']' | '}' => depth = depth.saturating_sub(1),
            _ => {}
        }
        match c {
            '!' => bangs += 1,
            c if c.is_whitespace() || c == '(' => {}
            _ => bangs = 0,
        }
        deepest = deepest.max(depth + bangs);
    }
    deepest
}

/// A verified, live token (steps 1-3).
pub struct Caller {
    pub biscuit: Biscuit,
    pub live: LiveToken,
    /// One "now" per request: the revocation check and the authorizer agree.
    pub now: DateTime<Utc>,
    /// The authorizer's time budget (configuration).
    pub time_limit: std::time::Duration,
}

impl std::fmt::Debug for Caller {
    // Never print the token.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Caller")
            .field("live", &self.live)
            .finish_non_exhaustive()
    }
}

impl FromRequestParts<AppState> for Caller {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> ApiResult<Caller> {
        let (biscuit, revocation_id) = verify(state, bearer(&parts.headers)?)?;
        // Before the database: a flood costs a signature check, not a query.
        state.limits.check_api(&revocation_id)?;
        let now = Utc::now();
        let live = state
            .db
            .run(move |conn| revocation::live_token(conn, &revocation_id, now))
            .await?
            .ok_or(ApiError::InvalidBiscuit)?;
        Ok(Caller {
            biscuit,
            live,
            now,
            time_limit: state.config.authorization_time_limit(),
        })
    }
}

/// The catalogue entry for a route's action: the names are constants in the
/// routes, so a miss is a programming error (500), never a silent pass.
pub fn action(name: &str) -> ApiResult<&'static Action> {
    catalogue::action(name).map_err(ApiError::internal)
}

impl Caller {
    /// Runs the core's Hook0 authorizer (step 4).
    pub fn authorize(&self, request: &AuthorizationRequest) -> ApiResult<Authorized> {
        policy::authorize(&self.biscuit, request).map_err(|denial| {
            tracing::debug!(
                action = request.action.name,
                ?denial,
                "authorization denied"
            );
            match denial {
                Denial::Timeout => ApiError::ServiceUnavailable,
                _ => ApiError::Forbidden,
            }
        })
    }

    /// A request for `action` at this request's time.
    pub fn request(
        &self,
        name: &str,
        organization_id: Option<Uuid>,
    ) -> ApiResult<AuthorizationRequest> {
        Ok(
            AuthorizationRequest::new(action(name)?, organization_id, self.now)
                .with_time_limit(self.time_limit),
        )
    }

    /// Authorizes an organization-scoped (or organization-less) action.
    pub fn on_organization(
        &self,
        name: &str,
        organization_id: Option<Uuid>,
    ) -> ApiResult<Authorized> {
        self.authorize(&self.request(name, organization_id)?)
    }

    /// Authorizes an application-scoped action: resolves the application's
    /// organization first; an unknown or deleted application is 403, as in
    /// Hook0 (a 404 would tell a stranger which ids exist).
    pub async fn on_application(
        &self,
        state: &AppState,
        name: &str,
        application_id: Uuid,
    ) -> ApiResult<Application> {
        let request_action = action(name)?;
        let application = state
            .db
            .run(move |conn| applications::get(conn, application_id))
            .await?
            .ok_or(ApiError::Forbidden)?;
        let request =
            AuthorizationRequest::new(request_action, Some(application.organization_id), self.now)
                .on_application(application_id)
                .with_time_limit(self.time_limit);
        self.authorize(&request)?;
        Ok(application)
    }

    /// The user behind a user access token; service tokens get 403 on the
    /// routes that only make sense for a person (create organization, logout).
    pub fn user(&self) -> ApiResult<(Uuid, Uuid)> {
        match self.live {
            LiveToken::UserAccess {
                session_id,
                user_id,
            } => Ok((session_id, user_id)),
            LiveToken::Service { .. } | LiveToken::Refresh { .. } => Err(ApiError::Forbidden),
        }
    }
}
