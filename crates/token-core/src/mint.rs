//! Minting root tokens in Hook0's exact formats: service tokens (no expiry,
//! facts only), user access tokens (5 minutes) and refresh tokens
//! (30 minutes). The server signs with its private key; the times are
//! arguments, as everywhere in this crate.

use biscuit_auth::builder::{self, Term};
use biscuit_auth::{Biscuit, KeyPair};
use chrono::{DateTime, Duration, Utc};
use uuid::Uuid;

use crate::terms::secs_from_date;
use crate::token::token_error;
use crate::CoreError;

/// Lifetime of a user access token.
pub const USER_ACCESS_LIFETIME: Duration = Duration::minutes(5);
/// Lifetime of a refresh token.
pub const REFRESH_LIFETIME: Duration = Duration::minutes(30);

/// What goes into a root service token's authority block.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ServiceTokenClaims {
    /// The biscuit's `token_id` fact (this server makes it equal to the API id).
    pub token_id: Uuid,
    pub organization_id: Uuid,
    pub created_at: DateTime<Utc>,
}

/// `type("service_access"); version(1); token_id(hex:…); created_at(…); organization_id(hex:…);`
pub fn service_token(key: &KeyPair, claims: &ServiceTokenClaims) -> Result<Biscuit, CoreError> {
    build(
        key,
        vec![
            fact_str("type", "service_access"),
            builder::fact("version", &[builder::int(1)]),
            fact_uuid("token_id", claims.token_id),
            fact_date("created_at", claims.created_at),
            fact_uuid("organization_id", claims.organization_id),
        ],
        None,
    )
}

/// What goes into a user access token.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UserAccessClaims {
    pub token_id: Uuid,
    pub session_id: Uuid,
    pub user_id: Uuid,
    pub email: String,
    pub first_name: String,
    pub last_name: String,
    /// `(organization, "editor" | "viewer")` for every membership.
    pub roles: Vec<(Uuid, String)>,
    pub created_at: DateTime<Utc>,
}

/// A user access token that expires [`USER_ACCESS_LIFETIME`] after `created_at`.
pub fn user_access_token(key: &KeyPair, claims: &UserAccessClaims) -> Result<Biscuit, CoreError> {
    let mut facts = vec![
        fact_str("type", "user_access"),
        builder::fact("version", &[builder::int(1)]),
        fact_uuid("session_id", claims.session_id),
        fact_uuid("token_id", claims.token_id),
        fact_date("created_at", claims.created_at),
        fact_uuid("user_id", claims.user_id),
        fact_str("email", &claims.email),
        fact_str("first_name", &claims.first_name),
        fact_str("last_name", &claims.last_name),
    ];
    for (organization, role) in &claims.roles {
        facts.push(builder::fact(
            "organization_role",
            &[
                builder::bytes(organization.as_bytes()),
                builder::string(role),
            ],
        ));
    }
    build(key, facts, Some(claims.created_at + USER_ACCESS_LIFETIME))
}

/// What goes into a refresh token.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RefreshClaims {
    pub token_id: Uuid,
    pub session_id: Uuid,
    pub user_id: Uuid,
    pub created_at: DateTime<Utc>,
}

/// A one-use refresh token that expires [`REFRESH_LIFETIME`] after `created_at`.
pub fn refresh_token(key: &KeyPair, claims: &RefreshClaims) -> Result<Biscuit, CoreError> {
    build(
        key,
        vec![
            fact_str("type", "refresh"),
            builder::fact("version", &[builder::int(1)]),
            fact_uuid("token_id", claims.token_id),
            fact_uuid("session_id", claims.session_id),
            fact_uuid("user_id", claims.user_id),
            fact_date("created_at", claims.created_at),
        ],
        Some(claims.created_at + REFRESH_LIFETIME),
    )
}

fn fact_str(name: &str, value: &str) -> builder::Fact {
    builder::fact(name, &[builder::string(value)])
}

fn fact_uuid(name: &str, value: Uuid) -> builder::Fact {
    builder::fact(name, &[builder::bytes(value.as_bytes())])
}

fn fact_date(name: &str, value: DateTime<Utc>) -> builder::Fact {
    builder::fact(name, &[Term::Date(secs_from_date(value))])
}

fn build(
    key: &KeyPair,
    facts: Vec<builder::Fact>,
    expires_at: Option<DateTime<Utc>>,
) -> Result<Biscuit, CoreError> {
    let mut token = Biscuit::builder();
    for fact in facts {
        token = token.fact(fact).map_err(token_error)?;
    }
    if let Some(at) = expires_at {
        // check if time($t), $t < <expiry>;
        let check = builder::Check {
            queries: vec![builder::constrained_rule(
                "query",
                &[builder::var("t")],
                &[builder::pred("time", &[builder::var("t")])],
                &[builder::Expression {
                    ops: vec![
                        builder::Op::Value(builder::var("t")),
                        builder::Op::Value(Term::Date(secs_from_date(at))),
                        builder::Op::Binary(builder::Binary::LessThan),
                    ],
                }],
            )],
            kind: builder::CheckKind::One,
        };
        token = token.check(check).map_err(token_error)?;
    }
    token.build(key).map_err(token_error)
}
