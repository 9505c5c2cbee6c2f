//! `GET /instance`: the public key and the instance's settings (no auth).

use serde::Deserialize;

use super::{ApiError, Client};

/// What the dashboard reads of `/instance`; other fields are ignored.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct InstanceConfig {
    /// The Ed25519 public key as 64 hex characters.
    pub biscuit_public_key: String,
    #[serde(default)]
    pub registration_disabled: bool,
    #[serde(default)]
    pub password_minimum_length: Option<u32>,
}

pub async fn get(client: &Client) -> Result<InstanceConfig, ApiError> {
    client.get("/instance", &[]).await
}
