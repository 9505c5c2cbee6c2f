//! Crash durability (issue 7): the server binary creates service tokens as
//! fast as four clients ask, is killed with SIGKILL at a random moment,
//! and restarts on the same files. Every token whose 201 reached a client
//! must exist with the same biscuit and name, and work; the database must
//! pass `PRAGMA integrity_check` after every kill.
//!
//! The short version (one kill) runs with the other tests; the long one
//! (ten kills) with `cargo test -p token-server --test crash -- --ignored`.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::path::Path;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use common::paths;
use common::process::Process;
use common::remote::Remote;
use rand::Rng;
use serde_json::{json, Value};

const WRITERS: usize = 4;

/// A token whose creation was acknowledged (201 received).
#[derive(Debug, Clone)]
struct Acknowledged {
    token_id: String,
    name: String,
    biscuit: String,
}

async fn login(api: &Remote) -> String {
    let login = api.login("crash@example.com", common::PASSWORD).await;
    login["access_token"].as_str().unwrap().to_owned()
}

fn integrity_check(dir: &Path) -> String {
    let db = token_server::db::Db::open(&dir.join("server.db"), 1).unwrap();
    db.run_sync(|conn| Ok(conn.query_row("PRAGMA integrity_check", [], |r| r.get::<_, String>(0))?))
        .unwrap()
}

/// Runs `cycles` write-kill-restart-verify cycles; returns (acknowledged,
/// found) over all of them.
async fn crash_cycles(cycles: usize) -> (usize, usize) {
    let dir = tempfile::tempdir().unwrap();
    let client = reqwest::Client::builder()
        .timeout(Duration::from_secs(30))
        .build()
        .unwrap();
    let server = Process::start(dir.path(), "start", &[], &[]);
    let crash = json!({"first_name": "C", "last_name": "Rash", "email": "crash@example.com", "password": common::PASSWORD});
    let (status, registered) = Remote::new(&client, &server.url)
        .post("/api/v1/register", None, crash)
        .await;
    assert_eq!(status, 201);
    let org = registered["organization_id"].as_str().unwrap().to_owned();
    let mut server = server;
    let mut acknowledged: Vec<Acknowledged> = Vec::new();
    let mut found_total = 0;
    for cycle in 0..cycles {
        let access = login(&Remote::new(&client, &server.url)).await;
        let acked = Arc::new(Mutex::new(Vec::new()));
        let writers: Vec<_> = (0..WRITERS)
            .map(|w| {
                let (client, url, access, org, acked) = (
                    client.clone(),
                    server.url.clone(),
                    access.clone(),
                    org.clone(),
                    acked.clone(),
                );
                tokio::spawn(async move {
                    for n in 0.. {
                        let name = format!("c{cycle}-w{w}-{n}");
                        let sent = client
                            .post(format!("{url}/api/v1/service_token"))
                            .bearer_auth(&access)
                            .json(&json!({"organization_id": org, "name": name}))
                            .send()
                            .await;
                        // After the kill: refused or reset connections.
                        let Ok(response) = sent else { break };
                        if response.status() != 201 {
                            break;
                        }
                        let Ok(body) = response.json::<Value>().await else {
                            break;
                        };
                        acked.lock().unwrap().push(Acknowledged {
                            token_id: body["token_id"].as_str().unwrap().to_owned(),
                            name: body["name"].as_str().unwrap().to_owned(),
                            biscuit: body["biscuit"].as_str().unwrap().to_owned(),
                        });
                    }
                })
            })
            .collect();
        let delay = rand::thread_rng().gen_range(300..1500);
        tokio::time::sleep(Duration::from_millis(delay)).await;
        server.kill();
        for writer in writers {
            writer.await.unwrap();
        }
        let acked = std::mem::take(&mut *acked.lock().unwrap());
        assert!(
            !acked.is_empty(),
            "cycle {cycle}: some tokens were created before the kill"
        );
        assert_eq!(
            integrity_check(dir.path()),
            "ok",
            "cycle {cycle}: after the kill"
        );

        server = Process::start(dir.path(), &format!("restart-{cycle}"), &[], &[]);
        let api = Remote::new(&client, &server.url);
        let access = login(&api).await;
        let (_, listed) = api.get(&paths::service_tokens(&org), &access).await;
        let listed = listed.as_array().expect("the token list").clone();
        let prefix = format!("c{cycle}-");
        let found = listed
            .iter()
            .filter(|t| t["name"].as_str().unwrap().starts_with(&prefix))
            .count();
        acknowledged.extend(acked.iter().cloned());
        // Every token acknowledged so far, this cycle's and earlier ones.
        for token in &acknowledged {
            let path = paths::service_token(&token.token_id, &org);
            let (status, got) = api.get(&path, &access).await;
            assert_eq!(status, 200, "acknowledged token {} lost", token.name);
            assert_eq!(got["biscuit"], token.biscuit.as_str());
            assert_eq!(got["name"], token.name.as_str());
            let (used, _) = api.get(&paths::applications(&org), &token.biscuit).await;
            assert_eq!(used, 200, "acknowledged token {} works", token.name);
        }
        assert!(found >= acked.len());
        eprintln!(
            "crash cycle {cycle}: killed after {delay} ms, {} acknowledged, {found} found after restart",
            acked.len()
        );
        found_total += found;
    }
    server.terminate();
    assert_eq!(integrity_check(dir.path()), "ok");
    (acknowledged.len(), found_total)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn acknowledged_tokens_survive_a_sigkill() {
    let (acknowledged, found) = crash_cycles(1).await;
    eprintln!("1 kill: {acknowledged} acknowledged, {found} found");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "long: ten kills; run with --ignored"]
async fn acknowledged_tokens_survive_ten_sigkills() {
    let (acknowledged, found) = crash_cycles(10).await;
    eprintln!("10 kills: {acknowledged} acknowledged, {found} found");
}
