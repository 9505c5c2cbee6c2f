//! The `token-server` binary itself: first start (key file 0600, demo
//! login printed once, URL printed), `add-user`, a restart, and logs that
//! never contain a token, a password or the key, even at debug level.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::io::{BufRead, BufReader, Read, Write};
use std::path::Path;
use std::process::{Child, Command, Stdio};

mod common;

use common::paths;
use common::process::BIN;
use common::remote::Remote;
use serde_json::json;

/// A running binary with its stdout lines read so far.
struct Running {
    child: Child,
    url: String,
    stdout: Vec<String>,
}

fn start(dir: &Path) -> Running {
    let mut child = Command::new(BIN)
        .args([
            "--listen",
            "127.0.0.1:0",
            "--log-level",
            "debug",
            "--demo-data",
            "true",
        ])
        .arg("--database")
        .arg(dir.join("server.db"))
        .arg("--dist")
        .arg(dir.join("dist"))
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    let mut stdout = Vec::new();
    let url = loop {
        let line = lines.next().expect("the server prints its URL").unwrap();
        stdout.push(line.clone());
        if let Some(url) = line.strip_prefix("token-server listening on ") {
            break url.trim_end_matches('/').to_owned();
        }
    };
    Running { child, url, stdout }
}

/// SIGTERM (graceful), then everything it wrote to stderr.
fn stop(mut running: Running) -> String {
    let pid = running.child.id().to_string();
    Command::new("kill").args(["-TERM", &pid]).status().unwrap();
    let mut stderr = String::new();
    running
        .child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut stderr)
        .unwrap();
    assert!(
        running.child.wait().unwrap().success(),
        "graceful exit; log: {stderr}"
    );
    stderr
}

#[tokio::test]
async fn first_start_add_user_restart_and_clean_logs() {
    let dir = tempfile::tempdir().unwrap();
    let client = reqwest::Client::new();

    // First start: a key file readable by its owner only, the demo login once.
    let running = start(dir.path());
    let key_path = dir.path().join("server.key");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&key_path).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600);
    }
    let demo_line = running
        .stdout
        .iter()
        .find(|l| l.starts_with("Demo data created"))
        .expect("demo login printed");
    let password = demo_line.rsplit(' ').next().unwrap().to_owned();
    let api = Remote::new(&client, &running.url);
    let session = api.login("demo@example.com", &password).await;
    let access = session["access_token"].as_str().unwrap().to_owned();
    let (_, orgs) = api.get("/api/v1/organizations", &access).await;
    let org = orgs[0]["organization_id"].as_str().unwrap().to_owned();
    let ci = json!({"organization_id": org, "name": "ci"});
    let (_, created) = api.post("/api/v1/service_token", Some(&access), ci).await;
    let root = created["biscuit"].as_str().unwrap().to_owned();
    // A denied request (logged at debug with its failed checks) and a bad one.
    let other_org = uuid::Uuid::new_v4().to_string();
    let denied = api.get(&paths::applications(&other_org), &root).await;
    assert_eq!(denied.0, 403, "another organization's applications");
    let wrong = json!({"email": "demo@example.com", "password": "not the password"});
    let bad = api.post("/api/v1/auth/login", None, wrong).await;
    assert_eq!(bad.0, 401, "a wrong password");
    let log_first = stop(running);

    // add-user with the password on stdin.
    let mut add = Command::new(BIN)
        .arg("--database")
        .arg(dir.path().join("server.db"))
        .args([
            "add-user",
            "--email",
            "viv@example.com",
            "--first-name",
            "Viv",
            "--last-name",
            "Viewer",
        ])
        .args([
            "--password-stdin",
            "--role",
            "viewer",
            "--organization-id",
            &org,
        ])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    add.stdin
        .take()
        .unwrap()
        .write_all(b"viewer password 123\n")
        .unwrap();
    let added = add.wait_with_output().unwrap();
    assert!(added.status.success());
    let added = String::from_utf8(added.stdout).unwrap();
    assert!(added.contains("viv@example.com") && !added.contains("viewer password"));

    // Restart: no new demo login, old tokens work, the new user logs in.
    let running = start(dir.path());
    assert!(
        !running.stdout.iter().any(|l| l.contains("password")),
        "printed once only"
    );
    let api = Remote::new(&client, &running.url);
    let (status, _) = api.get(&paths::applications(&org), &root).await;
    assert_eq!(status, 200, "the root of before the restart");
    let viv = api.login("viv@example.com", "viewer password 123").await;
    let viv_access = viv["access_token"].as_str().unwrap().to_owned();
    let log_second = stop(running);

    let key = std::fs::read_to_string(&key_path).unwrap();
    let logs = format!("{log_first}\n{log_second}");
    assert!(
        logs.contains("request"),
        "the log has request lines: {logs}"
    );
    for secret in [
        key.trim(),
        &password,
        &access,
        &root,
        &viv_access,
        "viewer password 123",
        "not the password",
    ] {
        assert!(!logs.contains(secret), "a secret reached the log");
    }
    // Not even a recognizable piece of a token (its first 40 characters).
    assert!(!logs.contains(&root[..40]) && !logs.contains(&access[..40]));
}
