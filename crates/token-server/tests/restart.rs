//! Durability: stop the server, start it again on the same SQLite file and
//! key file, and everything (data, tokens, sessions, revocations) is there.
//! Also the first-start demo data.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use chrono::{Duration, Utc};
use common::{attenuate, config, Server};
use token_core::attenuation::AttenuationRequest;
use token_server::seed;

#[tokio::test]
async fn data_and_tokens_survive_a_restart() {
    let server = Server::start().await;
    let ada = server.signup("ada@example.com").await;
    let org = ada.organization_id.clone();
    let app = server.application(&ada.access, &org, "Billing").await;
    server.event_type(&ada.access, &app).await;
    let (_, root) = server.service_token(&ada.access, &org, "kept").await;
    let (deleted_id, deleted) = server.service_token(&ada.access, &org, "deleted").await;
    let derived = attenuate::with(
        &root,
        &AttenuationRequest {
            expires_at: Some(Utc::now() + Duration::days(1)),
            ..Default::default()
        },
        Utc::now(),
    );
    server.ingest(&derived, &app).await.ok(201);
    let path = format!("/api/v1/service_token/{deleted_id}?organization_id={org}");
    assert_eq!(server.delete(&path, &ada.access).await.status, 204);
    let public_key = server.state.public_key.to_bytes_hex();

    let dir = server.stop().await;
    let config = config(&dir);
    let server = Server::start_in(dir, config).await;
    assert_eq!(
        server.state.public_key.to_bytes_hex(),
        public_key,
        "same key"
    );

    // Old tokens still work: the root, its attenuation, the user's session.
    let apps = server
        .get(
            &format!("/api/v1/applications?organization_id={org}"),
            &root,
        )
        .await;
    assert_eq!(apps.ok(200)[0]["name"], "Billing");
    server.ingest(&derived, &app).await.ok(201);
    let events = server
        .get(&format!("/api/v1/events?application_id={app}"), &ada.access)
        .await;
    assert_eq!(events.ok(200).as_array().unwrap().len(), 2);
    let tokens = server
        .get(
            &format!("/api/v1/service_token?organization_id={org}"),
            &ada.access,
        )
        .await;
    assert_eq!(tokens.ok(200).as_array().unwrap().len(), 1);
    assert_eq!(tokens.body[0]["name"], "kept");
    // The revocation survived too.
    server
        .ingest(&deleted, &app)
        .await
        .problem(403, "AuthInvalidBiscuit");
    // And the password.
    server.login("ada@example.com", common::PASSWORD).await;
}

#[tokio::test]
async fn demo_data_goes_into_an_empty_database_once() {
    let server = Server::start().await;
    let secret = seed::seed_if_empty(&server.state.db)
        .unwrap()
        .expect("seeded");
    assert!(
        seed::seed_if_empty(&server.state.db).unwrap().is_none(),
        "only once"
    );
    let demo = server.login(seed::DEMO_EMAIL, &secret).await;
    let apps = server
        .get(
            &format!(
                "/api/v1/applications?organization_id={}",
                demo.organization_id
            ),
            &demo.access,
        )
        .await;
    let apps = apps.ok(200).as_array().unwrap().clone();
    assert_eq!(apps.len(), 2);
    for app in apps {
        let id = app["application_id"].as_str().unwrap();
        let types = server
            .get(
                &format!("/api/v1/event_types?application_id={id}"),
                &demo.access,
            )
            .await;
        assert_eq!(types.ok(200).as_array().unwrap().len(), 1);
    }
}
