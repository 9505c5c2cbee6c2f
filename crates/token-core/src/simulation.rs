//! The simulator's token: what an attenuation request *would* make of a
//! root token, built in memory so the grid can decide for it while the
//! request is still being edited.
//!
//! It appends the block [`attenuation::attenuate`] would append, by the same
//! function, so what the live grid shows is what Generate then hands out;
//! the result is never serialized: it lives as long as the caller holds it.
//!
//! A request that restricts nothing is refused by `attenuate`; here it
//! simulates the root token itself ([`Candidate::Unrestricted`]), which is
//! what such a token could do.
//!
//! [`attenuation::attenuate`]: crate::attenuation::attenuate

use biscuit_auth::Biscuit;
use chrono::{DateTime, Utc};
use uuid::Uuid;

use crate::attenuation::{append_block, AttenuationRequest};
use crate::grid::{grid, Row};
use crate::token::Token;
use crate::CoreError;

/// The token a request would produce, in memory.
#[derive(Debug, Clone)]
pub enum Candidate {
    /// The root with the request's block appended (and sealed if asked).
    Attenuated(Token),
    /// Nothing restricted yet: the root token as it is.
    Unrestricted(Token),
}

impl Candidate {
    /// The token to decide for.
    pub fn token(&self) -> &Token {
        match self {
            Candidate::Attenuated(t) | Candidate::Unrestricted(t) => t,
        }
    }

    /// The verified biscuit, when the root was read with the instance's key
    /// (an unverified token cannot be authorized: its content may be forged).
    pub fn verified(&self) -> Option<&Biscuit> {
        self.token().verified()
    }
}

/// What `request` would make of `root` at `now`. Errors are those of
/// [`crate::attenuation::block_source`] (invalid Datalog with line and column, an expiry in the
/// past, unknown actions…) and of appending (a sealed root).
pub fn candidate(
    root: &Token,
    request: &AttenuationRequest,
    now: DateTime<Utc>,
) -> Result<Candidate, CoreError> {
    if !request.restricts_anything() {
        return Ok(Candidate::Unrestricted(root.clone()));
    }
    let (_, token) = append_block(root, request, now)?;
    Ok(Candidate::Attenuated(token))
}

/// The grid for the candidate, decided at `at` (`now` builds the block, `at`
/// is when the requests are imagined): `None` when the root is unverified.
pub fn simulate(
    candidate: &Candidate,
    organization_id: Uuid,
    applications: &[Uuid],
    at: DateTime<Utc>,
) -> Option<Vec<Row>> {
    candidate
        .verified()
        .map(|biscuit| grid(biscuit, organization_id, applications, at))
}
