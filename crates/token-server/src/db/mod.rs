//! Persistence: one SQLite file, opened through a small r2d2 pool. Every
//! query is synchronous rusqlite code run on tokio's blocking pool
//! ([`Db::run`]), so a slow disk never stalls the async workers.
//!
//! Each connection gets WAL (readers never wait for the writer),
//! `foreign_keys=ON` (off by default in SQLite), `busy_timeout` (writers
//! queue instead of failing with SQLITE_BUSY) and `synchronous=NORMAL` (in
//! WAL mode this survives a process crash; only a power loss can drop the
//! last transactions).

pub mod applications;
pub mod events;
pub mod organizations;
pub mod revocation;
mod schema;
pub mod service_tokens;
pub mod sessions;
pub mod users;

use std::path::Path;
use std::time::Duration;

use chrono::{DateTime, SecondsFormat, Utc};
use r2d2_sqlite::rusqlite::{self, Connection};
use r2d2_sqlite::SqliteConnectionManager;
use uuid::Uuid;

use crate::error::ApiError;

pub use rusqlite::Error as SqlError;

/// The connection pool.
#[derive(Clone)]
pub struct Db {
    pool: r2d2::Pool<SqliteConnectionManager>,
}

impl std::fmt::Debug for Db {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Db")
            .field("state", &self.pool.state())
            .finish()
    }
}

/// Why the database could not be opened.
#[derive(Debug, thiserror::Error)]
pub enum OpenError {
    #[error("cannot open the connection pool: {0}")]
    Pool(#[from] r2d2::Error),
    #[error("cannot migrate the database: {0}")]
    Sql(#[from] rusqlite::Error),
}

impl Db {
    /// Opens (creating if needed) the database and applies pending migrations.
    pub fn open(path: &Path, pool_size: u32) -> Result<Db, OpenError> {
        // Switching a new file to WAL takes an exclusive lock, for which
        // SQLite's busy handler does not wait: done by one connection before
        // the pool opens several at once (which logged "database is locked"
        // on a fresh file). The mode is stored in the file, so the pool's own
        // `journal_mode = WAL` is then a no-op.
        Connection::open(path)?.pragma_update(None, "journal_mode", "WAL")?;
        let manager = SqliteConnectionManager::file(path).with_init(|c| {
            c.busy_timeout(Duration::from_secs(5))?;
            // Room for every query of the server (`prepare_cached`), so the
            // hot ones are never re-parsed.
            c.set_prepared_statement_cache_capacity(64);
            c.execute_batch(
                "PRAGMA journal_mode = WAL;
                 PRAGMA synchronous = NORMAL;
                 PRAGMA foreign_keys = ON;",
            )
        });
        let pool = r2d2::Pool::builder()
            .max_size(pool_size.max(1))
            // A connection to a local file does not go stale: no test query
            // on every check-out.
            .test_on_check_out(false)
            .build(manager)?;
        let mut conn = pool.get()?;
        schema::migrate(&mut conn)?;
        Ok(Db { pool })
    }

    /// Runs `f` with a pooled connection on the blocking thread pool.
    pub async fn run<T, F>(&self, f: F) -> Result<T, ApiError>
    where
        T: Send + 'static,
        F: FnOnce(&mut Connection) -> Result<T, ApiError> + Send + 'static,
    {
        let pool = self.pool.clone();
        tokio::task::spawn_blocking(move || {
            let mut conn = pool.get().map_err(ApiError::internal)?;
            f(&mut conn)
        })
        .await
        .map_err(ApiError::internal)?
    }

    /// Runs `f` on the current thread (command-line tools, start-up).
    pub fn run_sync<T>(
        &self,
        f: impl FnOnce(&mut Connection) -> Result<T, ApiError>,
    ) -> Result<T, ApiError> {
        let mut conn = self.pool.get().map_err(ApiError::internal)?;
        f(&mut conn)
    }
}

impl From<rusqlite::Error> for ApiError {
    fn from(e: rusqlite::Error) -> Self {
        ApiError::internal(e)
    }
}

/// Whether `e` is a UNIQUE or PRIMARY KEY violation (a 409, not a 500).
pub fn is_unique_violation(e: &rusqlite::Error) -> bool {
    matches!(
        e.sqlite_error_code(),
        Some(rusqlite::ErrorCode::ConstraintViolation)
    ) && matches!(
        e,
        rusqlite::Error::SqliteFailure(f, _)
            if f.extended_code == rusqlite::ffi::SQLITE_CONSTRAINT_UNIQUE
                || f.extended_code == rusqlite::ffi::SQLITE_CONSTRAINT_PRIMARYKEY
    )
}

/// Timestamps are stored as fixed-width RFC 3339 text (microseconds, `Z`),
/// so SQL string comparison orders them correctly.
pub fn time_text(at: DateTime<Utc>) -> String {
    at.to_rfc3339_opts(SecondsFormat::Micros, true)
}

/// Reads a stored timestamp back.
pub fn parse_time(text: &str) -> rusqlite::Result<DateTime<Utc>> {
    DateTime::parse_from_rfc3339(text)
        .map(|t| t.with_timezone(&Utc))
        .map_err(|e| {
            rusqlite::Error::FromSqlConversionFailure(0, rusqlite::types::Type::Text, Box::new(e))
        })
}

/// Reads a stored UUID back.
pub fn parse_uuid(text: &str) -> rusqlite::Result<Uuid> {
    Uuid::parse_str(text).map_err(|e| {
        rusqlite::Error::FromSqlConversionFailure(0, rusqlite::types::Type::Text, Box::new(e))
    })
}
