//! `GET /api/v1/instance`: what a client needs before anything else, above
//! all the public key that verifies this server's tokens.

use axum::extract::State;
use axum::Json;
use serde_json::{json, Value};

use crate::state::AppState;

/// The instance configuration (no authentication).
pub async fn get(State(state): State<AppState>) -> Json<Value> {
    Json(json!({
        // 64 lowercase hex characters, no `ed25519/` prefix, as Hook0 writes it.
        "biscuit_public_key": state.public_key.to_bytes_hex(),
        "registration_disabled": false,
        "password_minimum_length": state.config.password_minimum_length,
        "application_secret_compatibility": false,
        "quota_enforcement": false,
    }))
}
