//! Durability: stop the server, start it again on the same SQLite file and
//! key file, and everything (data, tokens, sessions, revocations) is there.
//! Also the first-start demo data.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use chrono::{Duration, Utc};
use common::{attenuate, config, paths, Fixture, Server};
use token_server::seed;

#[tokio::test]
async fn data_and_tokens_survive_a_restart() {
    // The fixture's root is kept; a second root is deleted.
    let Fixture {
        server,
        ada,
        org,
        app,
        root,
        ..
    } = Fixture::start().await;
    let (deleted_id, deleted) = server.service_token(&ada.access, &org, "deleted").await;
    let derived = attenuate::expiring(&root, Utc::now() + Duration::days(1), Utc::now());
    server.ingest(&derived, &app).await.ok(201);
    let path = paths::service_token(&deleted_id, &org);
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
    let apps = server.get(&paths::applications(&org), &root).await;
    assert_eq!(apps.ok(200)[0]["name"], "Billing");
    server.ingest(&derived, &app).await.ok(201);
    let events = server.get(&paths::events(&app), &ada.access).await;
    assert_eq!(events.list().len(), 2);
    let tokens = server.get(&paths::service_tokens(&org), &ada.access).await;
    assert_eq!(tokens.list().len(), 1);
    assert_eq!(tokens.body[0]["name"], "root", "the root that was kept");
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
        .get(&paths::applications(&demo.organization_id), &demo.access)
        .await;
    let apps = apps.list().clone();
    assert_eq!(apps.len(), 2);
    for app in apps {
        let id = app["application_id"].as_str().unwrap();
        let types = server.get(&paths::event_types(id), &demo.access).await;
        assert_eq!(types.list().len(), 1);
    }
}
