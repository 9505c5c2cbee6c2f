//! Configuration: every setting is a command-line flag and an environment
//! variable (clap), so the same binary runs from a shell, a systemd unit or a
//! container without a config file.

use std::net::SocketAddr;
use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

/// Hook0-compatible token server on embedded SQLite.
#[derive(Debug, Parser)]
#[command(name = "token-server", version, about)]
pub struct Cli {
    #[command(flatten)]
    pub config: Config,
    #[command(subcommand)]
    pub command: Option<Command>,
}

/// What to do; serving is the default.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Serve the API and the dashboard (the default).
    Serve,
    /// Add a user (and optionally a membership), then exit.
    AddUser(AddUser),
}

/// `token-server add-user`.
#[derive(Debug, Args)]
pub struct AddUser {
    #[arg(long)]
    pub email: String,
    #[arg(long)]
    pub first_name: String,
    #[arg(long)]
    pub last_name: String,
    /// Read the password from the first line of standard input instead of
    /// generating one (a password on the command line would show in `ps`).
    #[arg(long)]
    pub password_stdin: bool,
    /// Make the user a member of this organization...
    #[arg(long)]
    pub organization_id: Option<uuid::Uuid>,
    /// ...with this role.
    #[arg(long, default_value = "editor", value_parser = ["editor", "viewer"])]
    pub role: String,
}

/// Server settings shared by every subcommand.
#[derive(Debug, Clone, Args)]
pub struct Config {
    /// Address to listen on.
    #[arg(long, env = "LISTEN", default_value = "127.0.0.1:8080")]
    pub listen: SocketAddr,

    /// SQLite database file (created if missing).
    #[arg(long, env = "DATABASE_PATH", default_value = "token-server.db")]
    pub database: PathBuf,

    /// File holding the Ed25519 private key as hex; generated (mode 0600) on
    /// first start. Defaults to the database path with a `.key` extension.
    #[arg(long, env = "KEY_FILE")]
    pub key_file: Option<PathBuf>,

    /// The private key as 64 hex characters, like Hook0's variable of the
    /// same name; wins over the key file. Environment only in practice: a
    /// flag would show in `ps`.
    #[arg(long, env = "BISCUIT_PRIVATE_KEY", hide_env_values = true)]
    pub biscuit_private_key: Option<Secret>,

    /// Origins allowed by CORS, comma-separated (exact match). Empty: no CORS
    /// headers, the dashboard must be served by this server.
    #[arg(long, env = "CORS_ORIGINS", value_delimiter = ',')]
    pub cors_origins: Vec<String>,

    /// The dashboard's built `dist/` folder, served at `/`.
    #[arg(long, env = "DIST_DIR", default_value = "dist")]
    pub dist: PathBuf,

    /// Seed demo data (user, organization, two applications) into an empty database.
    #[arg(long, env = "DEMO_DATA", default_value_t = true, action = clap::ArgAction::Set)]
    pub demo_data: bool,

    /// Log filter (tracing `EnvFilter` syntax).
    #[arg(long, env = "LOG_LEVEL", default_value = "info")]
    pub log_level: String,

    /// Log as JSON lines instead of human-readable text.
    #[arg(long, env = "LOG_JSON")]
    pub log_json: bool,

    /// Login and register attempts allowed per client IP per minute (0: unlimited).
    #[arg(long, env = "AUTH_RATE_LIMIT_PER_MINUTE", default_value_t = 120)]
    pub auth_rate_limit_per_minute: u32,

    /// API requests allowed per root token per second, shared by every token
    /// derived from it (0: unlimited). Generous so benchmarks measure the server.
    #[arg(long, env = "API_RATE_LIMIT_PER_SECOND", default_value_t = 50_000)]
    pub api_rate_limit_per_second: u32,

    /// Largest request body accepted, in bytes.
    #[arg(long, env = "BODY_LIMIT_BYTES", default_value_t = 1_048_576)]
    pub body_limit_bytes: usize,

    /// Minimum password length for register and add-user.
    #[arg(long, env = "PASSWORD_MINIMUM_LENGTH", default_value_t = 12)]
    pub password_minimum_length: usize,

    /// SQLite connections in the pool.
    #[arg(long, env = "DATABASE_POOL_SIZE", default_value_t = 8)]
    pub database_pool_size: u32,

    /// Time budget of one authorization, in milliseconds (Hook0: 30); past
    /// it the request gets 503 with `Retry-After: 5`.
    #[arg(long, env = "AUTHORIZATION_TIME_LIMIT_MS", default_value_t = 30)]
    pub authorization_time_limit_ms: u64,

    /// Verified tokens kept in memory so a token sent again skips its
    /// signature checks (0: off). Revocation and expiry are still checked on
    /// every request.
    #[arg(long, env = "TOKEN_CACHE_ENTRIES", default_value_t = 10_000)]
    pub token_cache_entries: usize,
}

/// A secret setting: its `Debug` never shows the value, so printing the
/// configuration (or an error holding it) cannot leak the key.
#[derive(Clone)]
pub struct Secret(String);

impl Secret {
    /// The value, for the one place that needs it.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Debug for Secret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Secret(..)")
    }
}

impl std::str::FromStr for Secret {
    type Err = std::convert::Infallible;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Ok(Secret(s.to_owned()))
    }
}

impl Config {
    /// The authorizer's time budget.
    pub fn authorization_time_limit(&self) -> std::time::Duration {
        std::time::Duration::from_millis(self.authorization_time_limit_ms)
    }

    /// The key file actually used.
    pub fn key_path(&self) -> PathBuf {
        self.key_file
            .clone()
            .unwrap_or_else(|| self.database.with_extension("key"))
    }

    /// Settings for tests and tools: everything default, files under `dir`.
    pub fn for_dir(dir: &std::path::Path) -> Config {
        Config {
            listen: SocketAddr::from(([127, 0, 0, 1], 0)),
            database: dir.join("token-server.db"),
            key_file: None,
            biscuit_private_key: None,
            cors_origins: Vec::new(),
            dist: dir.join("dist"),
            demo_data: false,
            log_level: "info".to_owned(),
            log_json: false,
            auth_rate_limit_per_minute: 0,
            api_rate_limit_per_second: 0,
            body_limit_bytes: 1_048_576,
            password_minimum_length: 12,
            database_pool_size: 4,
            // Tests share two cores with compilers: Hook0's 30 ms would turn
            // a descheduled thread into a flaky 503. Tests of the timeout
            // itself set their own budget.
            authorization_time_limit_ms: 2_000,
            token_cache_entries: 10_000,
        }
    }
}
