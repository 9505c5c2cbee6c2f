//! Benchmark set-up helper for `scripts/bench-server`: logs in through the
//! API, creates an organization, an application with an event type and a
//! root service token, attenuates it with the token core (as the dashboard
//! would), and prints shell assignments for the script to `eval`:
//! `ORG=…`, `APP=…`, `ROOT=…`, `AUDITOR=…` (an attenuated token that may
//! only list and read service tokens, for 30 days) and `INGEST=…` (an
//! ingest-only token for that one application).
//!
//! Usage: `bench_setup <base-url> <email>` with the password on stdin.
//! Tokens go to stdout only, never into a URL or a log.

#![allow(clippy::expect_used, clippy::unwrap_used)]

use std::io::BufRead;

use chrono::{Duration, Utc};
use serde_json::{json, Value};
use token_core::attenuation::{attenuate, AttenuationRequest};
use token_core::presets::UseCase;
use token_core::token::Token;
use uuid::Uuid;

async fn send(request: reqwest::RequestBuilder, expected: u16) -> Value {
    let response = request.send().await.expect("server reachable");
    let status = response.status().as_u16();
    let body: Value = response.json().await.unwrap_or(Value::Null);
    assert_eq!(status, expected, "unexpected answer: {body}");
    body
}

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let mut args = std::env::args().skip(1);
    let base = args.next().expect("usage: bench_setup <base-url> <email>");
    let email = args.next().expect("usage: bench_setup <base-url> <email>");
    let mut password = String::new();
    std::io::stdin()
        .lock()
        .read_line(&mut password)
        .expect("password on stdin");
    let http = reqwest::Client::new();
    let url = |path: &str| format!("{base}/api/v1{path}");

    let login = json!({"email": email, "password": password.trim_end()});
    let session = send(http.post(url("/auth/login")).json(&login), 201).await;
    let access = session["access_token"].as_str().unwrap();
    let org = send(
        http.post(url("/organizations"))
            .bearer_auth(access)
            .json(&json!({"name": "Bench"})),
        200,
    )
    .await;
    let org = org["organization_id"].as_str().unwrap().to_owned();
    // The access token predates the membership: refresh, as a client must.
    let refresh = session["refresh_token"].as_str().unwrap();
    let session = send(http.post(url("/auth/refresh")).bearer_auth(refresh), 201).await;
    let access = session["access_token"].as_str().unwrap();

    let app = send(
        http.post(url("/applications"))
            .bearer_auth(access)
            .json(&json!({"organization_id": org, "name": "Bench app"})),
        201,
    )
    .await;
    let app = app["application_id"].as_str().unwrap().to_owned();
    let event_type = json!({"application_id": app, "service": "bench", "resource_type": "thing", "verb": "happened"});
    send(
        http.post(url("/event_types"))
            .bearer_auth(access)
            .json(&event_type),
        201,
    )
    .await;
    let token = send(
        http.post(url("/service_token"))
            .bearer_auth(access)
            .json(&json!({"organization_id": org, "name": "bench"})),
        201,
    )
    .await;
    let root = token["biscuit"].as_str().unwrap().to_owned();

    let now = Utc::now();
    let parsed = Token::parse(&root, None).expect("a token");
    let auditor = AttenuationRequest {
        expires_at: Some(now + Duration::days(30)),
        actions: Some(vec![
            "service_token:list".to_owned(),
            "service_token:get".to_owned(),
        ]),
        ..Default::default()
    };
    let auditor = attenuate(&parsed, &auditor, now).expect("attenuates").token;
    let app_id = Uuid::parse_str(&app).unwrap();
    let ingest = UseCase::IngestOnly
        .request(Some(app_id), now, None)
        .expect("preset");
    let ingest = attenuate(&parsed, &ingest, now).expect("attenuates").token;

    // Base64 URL-safe with `=`: safe inside single quotes.
    println!("ORG='{org}'");
    println!("APP='{app}'");
    println!("ROOT='{root}'");
    println!("AUDITOR='{auditor}'");
    println!("INGEST='{ingest}'");
}
