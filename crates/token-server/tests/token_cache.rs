//! The verified-token cache never decides alone: a token it holds is still
//! refused once its root is deleted, its session ended, or its expiry
//! passed, and a token the cost screen refused stays refused.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use chrono::{Duration, SubsecRound, Utc};
use common::{attenuate, Server};
use token_core::attenuation::AttenuationRequest;

/// A server, a signed-up user's organization and application, a root token.
async fn world() -> (Server, common::Session, String, String, String) {
    let server = Server::start().await;
    let ada = server.signup("ada@example.com").await;
    let org = ada.organization_id.clone();
    let app = server.application(&ada.access, &org, "Billing").await;
    server.event_type(&ada.access, &app).await;
    let (token_id, root) = server.service_token(&ada.access, &org, "root").await;
    (server, ada, org, app, format!("{token_id} {root}"))
}

#[tokio::test]
async fn a_cached_token_of_a_deleted_root_is_refused_at_once() {
    let (server, ada, org, app, id_root) = world().await;
    let (token_id, root) = id_root.split_once(' ').unwrap();
    let one_app = AttenuationRequest {
        applications: vec![app.parse().unwrap()],
        ..Default::default()
    };
    let derived = attenuate::with(root, &one_app, Utc::now());
    for token in [root, derived.as_str()] {
        server.ingest(token, &app).await.ok(201);
        server.ingest(token, &app).await.ok(201);
    }
    // Both are cached now (besides the user's own access token).
    assert!(server.state.tokens.usage().0 >= 2);

    let path = format!("/api/v1/service_token/{token_id}?organization_id={org}");
    assert_eq!(server.delete(&path, &ada.access).await.status, 204);
    for token in [root, derived.as_str()] {
        server
            .ingest(token, &app)
            .await
            .problem(403, "AuthInvalidBiscuit");
    }
}

#[tokio::test]
async fn a_cached_access_token_of_an_ended_session_is_refused() {
    let (server, ada, org, _, _) = world().await;
    let apps = format!("/api/v1/applications?organization_id={org}");
    server.get(&apps, &ada.access).await.ok(200);
    server
        .post(
            "/api/v1/auth/logout",
            Some(&ada.access),
            serde_json::json!({}),
        )
        .await
        .ok(204);
    server
        .get(&apps, &ada.access)
        .await
        .problem(403, "AuthInvalidBiscuit");
}

#[tokio::test]
async fn a_cached_attenuated_token_is_refused_after_its_expiry() {
    let (server, _, _, app, id_root) = world().await;
    let (_, root) = id_root.split_once(' ').unwrap();
    // Biscuit dates are whole seconds: expire at the start of a second a
    // little ahead, so the token surely works now and surely not after.
    let expires_at = Utc::now().trunc_subsecs(0) + Duration::seconds(3);
    let request = AttenuationRequest {
        expires_at: Some(expires_at),
        ..Default::default()
    };
    let token = attenuate::with(root, &request, Utc::now());
    server.ingest(&token, &app).await.ok(201);
    server.ingest(&token, &app).await.ok(201);
    let (cached, _) = server.state.tokens.usage();

    let wait = (expires_at - Utc::now()).to_std().unwrap_or_default();
    tokio::time::sleep(wait + std::time::Duration::from_millis(200)).await;
    server.ingest(&token, &app).await.problem(403, "Forbidden");
    // Refused by the authorizer, from the cache: nothing was verified anew.
    assert_eq!(server.state.tokens.usage().0, cached);
}

#[tokio::test]
async fn a_token_the_screen_refused_stays_refused_when_cached() {
    let (server, _, _, app, id_root) = world().await;
    let (_, root) = id_root.split_once(' ').unwrap();
    // A join far past the core's cost bound (see token_core::cost).
    let facts: String = (0..60).map(|i| format!("n({i});")).collect();
    let hostile = attenuate::raw(
        root,
        &format!("{facts}\ncheck if n($a), n($b), n($c), n($d), $a + $b + $c + $d == -1;"),
    );
    for _ in 0..2 {
        server
            .ingest(&hostile, &app)
            .await
            .problem(403, "Forbidden");
    }
    server.ingest(root, &app).await.ok(201);
}
