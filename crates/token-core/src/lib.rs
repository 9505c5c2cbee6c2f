//! # token-core
//!
//! Every rule about Hook0 service tokens, in pure Rust: no web, no clock, no
//! I/O. The dashboard (compiled to wasm) and the server link the same code, so
//! what the browser simulates is exactly what the server enforces.
//!
//! | module | what it owns |
//! | --- | --- |
//! | [`catalogue`] | every Hook0 action: resource, read/write, viewer, scope |
//! | [`token`] | reading keys and tokens, verified or not |
//! | [`attenuation`] | a request → exactly one appended block |
//! | [`expiry`], [`presets`] | expiry presets and the guide's use cases |
//! | [`inspect`] | blocks, facts, revocation ids, restrictions, summary |
//! | [`matrix`] | the resource × none/read/write permission matrix |
//! | [`datalog`] | validation with line/column, and lints |
//! | [`cost`] | what a token's Datalog may cost, bounded before it runs |
//! | [`policy`], [`grid`], [`explain`] | the Hook0 authorizer, every action × application, and why a cell is denied |
//! | [`simulation`] | the grid of the token an attenuation request would make, before it is made |
//! | [`names`] | Hook0's name rules, for forms and the server alike |
//! | [`snippets`] | shell, curl and MCP configuration for a token |
//! | [`mint`] | root tokens in Hook0's formats (server side) |
//! | [`date_text`] | the few fixed date layouts, written and read without strftime |
//!
//! "Now" is always an argument: `SystemTime::now()` panics in the browser.
//!
//! ```
//! use biscuit_auth::KeyPair;
//! use chrono::{Duration, TimeZone, Utc};
//! use token_core::{attenuation, catalogue, mint, policy, token::Token};
//! use uuid::Uuid;
//!
//! let now = Utc.with_ymd_and_hms(2026, 11, 28, 12, 0, 0).unwrap();
//! let key = KeyPair::new();
//! let (org, app) = (Uuid::new_v4(), Uuid::new_v4());
//! let root = mint::service_token(&key, &mint::ServiceTokenClaims {
//!     token_id: Uuid::new_v4(), organization_id: org, created_at: now,
//! }).unwrap();
//!
//! // Restrict it to one application for 30 days, in the browser or anywhere.
//! let request = attenuation::AttenuationRequest {
//!     applications: vec![app],
//!     expires_at: Some(now + Duration::days(30)),
//!     ..Default::default()
//! };
//! let root = Token::parse(&root.to_base64().unwrap(), Some(&key.public())).unwrap();
//! let derived = attenuation::attenuate(&root, &request, now).unwrap();
//!
//! // The server's decision for that token.
//! let token = Token::parse(&derived.token, Some(&key.public())).unwrap();
//! let biscuit = token.verified().unwrap();
//! let ingest = catalogue::action("event:ingest").unwrap();
//! let on_app = policy::AuthorizationRequest::new(ingest, Some(org), now).on_application(app);
//! assert!(policy::authorize(biscuit, &on_app).is_ok());
//! let list = catalogue::action("application:list").unwrap();
//! assert!(policy::authorize(biscuit, &policy::AuthorizationRequest::new(list, Some(org), now)).is_err());
//! ```

pub mod attenuation;
pub mod catalogue;
pub mod cost;
pub mod datalog;
pub mod date_text;
mod error;
pub mod expiry;
pub mod explain;
pub mod grid;
pub mod inspect;
pub mod matrix;
pub mod mint;
pub mod names;
pub mod policy;
pub mod presets;
pub mod simulation;
pub mod snippets;
pub mod terms;
pub mod token;

pub use error::CoreError;

/// The biscuit-auth this crate is built on, re-exported so callers use the
/// very same types (keys, `Biscuit`) without a second version.
pub use biscuit_auth;
