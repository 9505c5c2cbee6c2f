//! `token-server`: serve (the default) or `add-user`. Secrets meant for the
//! operator (a generated password) go to stdout once; logs go to stderr and
//! never contain a token, a password or the key.

use std::io::BufRead;
use std::process::ExitCode;

use clap::Parser;
use token_server::config::{Cli, Command, Config};
use token_server::keys::KeySource;
use token_server::{cli, password, seed, serve, AppState};
use tracing_subscriber::EnvFilter;

fn main() -> ExitCode {
    let args = Cli::parse();
    init_logging(&args.config);
    let result = match args.command {
        Some(Command::AddUser(add)) => add_user(args.config, &add),
        Some(Command::Serve) | None => run(args.config),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("token-server: {message}");
            ExitCode::FAILURE
        }
    }
}

fn init_logging(config: &Config) {
    let filter = EnvFilter::try_new(&config.log_level).unwrap_or_else(|_| EnvFilter::new("info"));
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr);
    if config.log_json {
        builder.json().init();
    } else {
        builder.init();
    }
}

fn add_user(config: Config, add: &token_server::config::AddUser) -> Result<(), String> {
    let (state, _) = AppState::new(config).map_err(|e| e.to_string())?;
    let (secret, generated) = if add.password_stdin {
        let mut line = String::new();
        std::io::stdin()
            .lock()
            .read_line(&mut line)
            .map_err(|e| e.to_string())?;
        (line.trim_end_matches(['\r', '\n']).to_owned(), false)
    } else {
        (password::generate(), true)
    };
    let user_id = cli::add_user(
        &state.db,
        add,
        &secret,
        state.config.password_minimum_length,
    )
    .map_err(|e| format!("cannot add the user: {e:?}"))?;
    println!("user {} added ({user_id})", add.email.trim());
    if generated {
        println!("password (shown once): {secret}");
    }
    Ok(())
}

fn run(config: Config) -> Result<(), String> {
    // One async worker per core (tokio's default). Blocking threads run the
    // database work (and password hashes): no more of them than pooled
    // connections, so a burst queues in tokio instead of parking dozens of
    // threads on the pool's lock, each woken for nothing on two cores.
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .max_blocking_threads(config.database_pool_size.max(1) as usize)
        .build()
        .map_err(|e| e.to_string())?;
    runtime.block_on(async move {
        let (state, key_source) = AppState::new(config).map_err(|e| e.to_string())?;
        match key_source {
            KeySource::Generated => tracing::info!(path = %state.config.key_path().display(), "generated a new signing key (mode 0600)"),
            KeySource::File => tracing::info!(path = %state.config.key_path().display(), "signing key loaded from file"),
            KeySource::Environment => tracing::info!("signing key loaded from BISCUIT_PRIVATE_KEY"),
        }
        if state.config.demo_data {
            if let Some(secret) = seed::seed_if_empty(&state.db).map_err(|e| format!("cannot seed demo data: {e}"))? {
                println!("Demo data created. Log in as {} with password {secret}", seed::DEMO_EMAIL);
                println!("(this password is shown once and never again)");
            }
        }
        if !state.config.dist.join("index.html").exists() {
            tracing::warn!(dist = %state.config.dist.display(), "no dashboard build found: serving the API only");
        }
        let listener = tokio::net::TcpListener::bind(state.config.listen)
            .await
            .map_err(|e| format!("cannot listen on {}: {e}", state.config.listen))?;
        let addr = listener.local_addr().map_err(|e| e.to_string())?;
        println!("token-server listening on http://{addr}/");
        serve(listener, state, shutdown_signal()).await.map_err(|e| e.to_string())
    })
}

/// Ctrl-C or SIGTERM: stop accepting, finish what is in flight.
async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! { _ = ctrl_c => {}, _ = term => {} }
    tracing::info!("shutting down");
}
