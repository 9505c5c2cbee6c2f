//! The verified-token cache never decides alone: a token it holds is still
//! refused once its root is deleted, its session ended, or its expiry
//! passed, and a token the cost screen refused stays refused.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use chrono::{Duration, SubsecRound, Utc};
use common::{attenuate, paths, Fixture};
use token_core::attenuation::AttenuationRequest;

#[tokio::test]
async fn a_cached_token_of_a_deleted_root_is_refused_at_once() {
    let Fixture {
        server,
        ada,
        org,
        app,
        token_id,
        root,
    } = Fixture::start().await;
    let one_app = AttenuationRequest {
        applications: vec![app.parse().unwrap()],
        ..Default::default()
    };
    let derived = attenuate::with(&root, &one_app, Utc::now());
    for token in [&root, &derived] {
        server.ingest(token, &app).await.ok(201);
        server.ingest(token, &app).await.ok(201);
    }
    // Both are cached now, besides Ada's access token (the fixture's steps).
    assert_eq!(server.state.tokens.usage().0, 3);

    let path = paths::service_token(&token_id, &org);
    assert_eq!(server.delete(&path, &ada.access).await.status, 204);
    for token in [&root, &derived] {
        server
            .ingest(token, &app)
            .await
            .problem(403, "AuthInvalidBiscuit");
    }
}

#[tokio::test]
async fn a_cached_access_token_of_an_ended_session_is_refused() {
    let Fixture {
        server, ada, org, ..
    } = Fixture::start().await;
    let apps = paths::applications(&org);
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
    let Fixture {
        server, app, root, ..
    } = Fixture::start().await;
    // Biscuit dates are whole seconds: expire at the start of a second a
    // little ahead, so the token surely works now and surely not after.
    let expires_at = Utc::now().trunc_subsecs(0) + Duration::seconds(3);
    let token = attenuate::expiring(&root, expires_at, Utc::now());
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
    let Fixture {
        server, app, root, ..
    } = Fixture::start().await;
    // A join far past the core's cost bound (see token_core::cost).
    let facts: String = (0..60).map(|i| format!("n({i});")).collect();
    let hostile = attenuate::raw(
        &root,
        &format!("{facts}\ncheck if n($a), n($b), n($c), n($d), $a + $b + $c + $d == -1;"),
    );
    let held = server.state.tokens.usage().0;
    for _ in 0..2 {
        server
            .ingest(&hostile, &app)
            .await
            .problem(403, "Forbidden");
    }
    // It verified, so it is cached with the screen's refusal.
    assert_eq!(server.state.tokens.usage().0, held + 1);
    server.ingest(&root, &app).await.ok(201);
}
