//! Shared fixtures: a real key pair, an organization with applications, a
//! root service token minted the way the server mints it, and a fixed "now".
//! The native benchmark (`benches/token_ops.rs`) and the browser one
//! (`tests/wasm_bench.rs`) mint their roots with [`mint_root`] too.
#![allow(dead_code, clippy::unwrap_used)]

use biscuit_auth::{Biscuit, KeyPair};
use chrono::{DateTime, TimeZone, Utc};
use token_core::attenuation::{attenuate, AttenuationRequest};
use token_core::catalogue::action;
use token_core::mint::{self, ServiceTokenClaims, UserAccessClaims};
use token_core::policy::{authorize, AuthorizationRequest, Denial};
use token_core::token::Token;
use uuid::Uuid;

/// One Hook0 instance: its key, one organization, three applications.
pub struct World {
    pub key: KeyPair,
    pub org: Uuid,
    pub apps: [Uuid; 3],
    pub now: DateTime<Utc>,
    pub root: Biscuit,
}

/// A root service token of `org` (a fresh token id) minted with `key` at
/// `now`, the way the server mints it.
pub fn mint_root(key: &KeyPair, org: Uuid, now: DateTime<Utc>) -> Biscuit {
    let claims = ServiceTokenClaims {
        token_id: Uuid::new_v4(),
        organization_id: org,
        created_at: now,
    };
    mint::service_token(key, &claims).unwrap()
}

/// `n` fresh application ids.
pub fn applications(n: usize) -> Vec<Uuid> {
    (0..n).map(|_| Uuid::new_v4()).collect()
}

impl World {
    pub fn new() -> World {
        let key = KeyPair::new();
        let org = Uuid::new_v4();
        let now = Utc.with_ymd_and_hms(2026, 11, 28, 15, 25, 40).unwrap();
        let root = mint_root(&key, org, now);
        World {
            key,
            org,
            apps: [Uuid::new_v4(), Uuid::new_v4(), Uuid::new_v4()],
            now,
            root,
        }
    }

    /// The root token as the dashboard receives it: base64, verified.
    pub fn root_token(&self) -> Token {
        Token::parse(&self.root.to_base64().unwrap(), Some(&self.key.public())).unwrap()
    }

    /// The root attenuated with `request`, read back verified.
    pub fn derive(&self, request: &AttenuationRequest) -> Biscuit {
        let out = attenuate(&self.root_token(), request, self.now).unwrap();
        Biscuit::from_base64(&out.token, self.key.public()).unwrap()
    }

    /// A user access token with these `(organization, role)` memberships.
    pub fn user_token(&self, roles: Vec<(Uuid, String)>) -> Biscuit {
        mint::user_access_token(
            &self.key,
            &UserAccessClaims {
                token_id: Uuid::new_v4(),
                session_id: Uuid::new_v4(),
                user_id: Uuid::new_v4(),
                email: "ada@example.com".into(),
                first_name: "Ada".into(),
                last_name: "Lovelace".into(),
                roles,
                created_at: self.now,
            },
        )
        .unwrap()
    }

    /// The server's decision for `token` doing `name` (on `app` if given) now.
    pub fn decide(&self, token: &Biscuit, name: &str, app: Option<Uuid>) -> Result<(), Denial> {
        self.decide_at(token, name, app, self.now)
    }

    pub fn decide_at(
        &self,
        token: &Biscuit,
        name: &str,
        app: Option<Uuid>,
        time: DateTime<Utc>,
    ) -> Result<(), Denial> {
        let action = action(name).unwrap();
        let org = match action.scope {
            token_core::catalogue::ActionScope::OrganizationLess => None,
            _ => Some(self.org),
        };
        let mut request = AuthorizationRequest::new(action, org, time);
        request.application_id = app;
        authorize(token, &request).map(|_| ())
    }
}
