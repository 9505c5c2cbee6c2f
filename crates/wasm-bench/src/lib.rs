//! The token core's attenuation compiled to wasm for `scripts/bench`, so the
//! browser page in `end2end/bench/` can time it from JavaScript side by side
//! with npm `@biscuit-auth/biscuit-wasm` (the library Hook0's own dashboard
//! uses). Timing from JavaScript for both libraries keeps the comparison fair:
//! each call pays the same string crossings into and out of wasm.
//!
//! Never shipped: the dashboard calls `token_core` directly.

use biscuit_auth::{KeyPair, PublicKey};
use chrono::{DateTime, Duration, TimeZone, Utc};
use token_core::attenuation::{attenuate, block_source, AttenuationRequest};
use token_core::catalogue::READ_ONLY_ACTIONS;
use token_core::mint::{service_token, ServiceTokenClaims};
use token_core::token::{parse_public_key, Token};
use uuid::Uuid;
use wasm_bindgen::prelude::*;

/// A fixed "now", so every run appends the same block (the core takes the
/// time as an argument; the bench has no reason to read the clock).
fn now() -> Result<DateTime<Utc>, JsError> {
    Utc.with_ymd_and_hms(2026, 11, 28, 12, 0, 0)
        .single()
        .ok_or_else(|| JsError::new("invalid fixed date"))
}

/// The same attenuation as the core's Criterion bench (`benches/token_ops.rs`)
/// and a typical dashboard "Generate": one application, 30 days, the
/// read-only action allowlist.
fn request(now: DateTime<Utc>) -> AttenuationRequest {
    AttenuationRequest {
        applications: vec![Uuid::from_u128(0x0194_0000_0000_7000_8000_0000_0000_0001)],
        expires_at: Some(now + Duration::days(30)),
        actions: Some(READ_ONLY_ACTIONS.iter().map(|s| (*s).to_owned()).collect()),
        ..Default::default()
    }
}

fn js_error(error: impl std::fmt::Display) -> JsError {
    JsError::new(&error.to_string())
}

/// A fresh root service token in Hook0's format, as JSON
/// `{"token": base64, "public_key": hex}` (a throwaway key, bench only).
#[wasm_bindgen]
pub fn sample_root_token() -> Result<String, JsError> {
    let key = KeyPair::new();
    let root = service_token(
        &key,
        &ServiceTokenClaims {
            token_id: Uuid::from_u128(0x0194_0000_0000_7000_8000_0000_0000_0002),
            organization_id: Uuid::from_u128(0x0194_0000_0000_7000_8000_0000_0000_0003),
            created_at: now()?,
        },
    )
    .map_err(js_error)?;
    let token = root.to_base64().map_err(js_error)?;
    Ok(
        serde_json::json!({ "token": token, "public_key": key.public().to_bytes_hex() })
            .to_string(),
    )
}

/// The core's attenuation with the instance key already parsed, as the
/// dashboard holds it.
#[wasm_bindgen]
pub struct Attenuator {
    key: PublicKey,
    request: AttenuationRequest,
    now: DateTime<Utc>,
}

#[wasm_bindgen]
impl Attenuator {
    /// `public_key_hex`: 64 hex characters, as `GET /api/v1/instance` gives it.
    #[wasm_bindgen(constructor)]
    pub fn new(public_key_hex: &str) -> Result<Attenuator, JsError> {
        let now = now()?;
        Ok(Attenuator {
            key: parse_public_key(public_key_hex).map_err(js_error)?,
            request: request(now),
            now,
        })
    }

    /// The Datalog block `attenuate` appends, for the other library to append
    /// the very same text.
    pub fn block_source(&self) -> Result<String, JsError> {
        block_source(&self.request, self.now).map_err(js_error)
    }

    /// One operation: parse the base64 token, verify it with the key, append
    /// the block, serialize to base64.
    pub fn attenuate(&self, token: &str) -> Result<String, JsError> {
        let parsed = Token::parse(token, Some(&self.key)).map_err(js_error)?;
        Ok(attenuate(&parsed, &self.request, self.now)
            .map_err(js_error)?
            .token)
    }
}
