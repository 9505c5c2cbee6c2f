//! # token-server
//!
//! A Hook0-compatible token server on embedded SQLite: the part of the Hook0
//! API that service-token management needs (shared/hook0-api.md), with the
//! same paths, JSON, status codes and problem ids, so the dashboard cannot
//! tell it from a real Hook0. Every authorization decision is the token
//! core's Hook0 policy (`token_core::policy`); this crate owns HTTP,
//! persistence, sessions and keys.
//!
//! | module | what it owns |
//! | --- | --- |
//! | [`config`] | flags and environment variables |
//! | [`web`] | the router with every layer, static files, CSP |
//! | [`routes`] | one file per API resource |
//! | [`auth`] | bearer → verified, live token → core authorizer |
//! | [`token_cache`] | verified tokens kept in memory (bounded) |
//! | [`live_cache`] | live service tokens and applications, invalidated on change |
//! | [`db`] | SQLite pool, migrations, queries |
//! | [`error`], [`validation`], [`extract`] | problem+json answers |
//! | [`keys`], [`password`], [`rate_limit`] | secrets and abuse limits |
//! | [`seed`], [`cli`] | demo data and `add-user` |
//!
//! Tests drive [`app`] over a real socket with [`serve`].

pub mod auth;
pub mod cli;
pub mod config;
pub mod db;
pub mod error;
pub mod extract;
pub mod keys;
pub mod live_cache;
pub mod password;
pub mod rate_limit;
pub mod routes;
pub mod seed;
pub mod state;
pub mod token_cache;
pub mod validation;
pub mod web;

use std::future::Future;
use std::net::SocketAddr;
use std::time::Duration;

pub use state::AppState;
pub use web::app;

/// Serves [`app`] on `listener` until `shutdown` resolves, then finishes the
/// requests in flight.
pub async fn serve(
    listener: tokio::net::TcpListener,
    state: AppState,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    let sweeper = {
        let state = state.clone();
        tokio::spawn(async move {
            let mut tick = tokio::time::interval(Duration::from_secs(60));
            loop {
                tick.tick().await;
                state.limits.sweep();
            }
        })
    };
    let service = app(state).into_make_service_with_connect_info::<SocketAddr>();
    let result = axum::serve(listener, service)
        .with_graceful_shutdown(shutdown)
        .await;
    sweeper.abort();
    result
}
