//! What every request shares: the database, the key, the settings, the rate
//! limiters and the precomputed security headers. Cheap to clone (one `Arc`).

use std::sync::Arc;

use axum::http::HeaderValue;
use token_core::biscuit_auth::{KeyPair, PublicKey};

use crate::config::Config;
use crate::db::{Db, OpenError};
use crate::keys::{self, KeyError, KeySource};
use crate::live_cache::LiveCaches;
use crate::rate_limit::RateLimits;
use crate::token_cache::TokenCache;
use crate::web;

/// Token text the token cache may hold, besides its entry count: 16 MiB
/// (a parsed token takes a small multiple of its text).
const TOKEN_CACHE_BYTES: usize = 16 << 20;

/// The shared state.
#[derive(Clone)]
pub struct AppState(Arc<Inner>);

/// The fields behind the `Arc`.
pub struct Inner {
    pub db: Db,
    pub key: KeyPair,
    pub public_key: PublicKey,
    pub config: Config,
    pub limits: RateLimits,
    pub csp: HeaderValue,
    /// Tokens already verified and screened.
    pub tokens: TokenCache,
    /// Live service tokens and applications, as last read.
    pub live: LiveCaches,
}

impl std::fmt::Debug for AppState {
    // Hand-written so the private key can never reach a log line.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("AppState")
            .field("db", &self.0.db)
            .field("public_key", &self.0.public_key.to_bytes_hex())
            .finish_non_exhaustive()
    }
}

impl std::ops::Deref for AppState {
    type Target = Inner;
    fn deref(&self) -> &Inner {
        &self.0
    }
}

/// Why the server could not start.
#[derive(Debug, thiserror::Error)]
pub enum StartError {
    #[error(transparent)]
    Key(#[from] KeyError),
    #[error(transparent)]
    Db(#[from] OpenError),
}

impl AppState {
    /// Opens the database (migrating it) and loads or creates the key.
    pub fn new(config: Config) -> Result<(AppState, KeySource), StartError> {
        if let Some(dir) = config
            .database
            .parent()
            .filter(|d| !d.as_os_str().is_empty())
        {
            std::fs::create_dir_all(dir).map_err(|source| KeyError::Io {
                path: dir.to_owned(),
                source,
            })?;
        }
        let db = Db::open(&config.database, config.database_pool_size)?;
        let (key, source) = keys::load_or_create(
            config.biscuit_private_key.as_ref().map(|s| s.expose()),
            &config.key_path(),
        )?;
        let csp = web::content_security_policy(&config.dist);
        Ok((
            AppState(Arc::new(Inner {
                db,
                public_key: key.public(),
                key,
                limits: RateLimits::new(
                    config.auth_rate_limit_per_minute,
                    config.api_rate_limit_per_second,
                ),
                csp,
                tokens: TokenCache::new(config.token_cache_entries, TOKEN_CACHE_BYTES),
                live: LiveCaches::default(),
                config,
            })),
            source,
        ))
    }
}
