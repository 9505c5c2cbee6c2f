//! The seed's promises, end to end: tokens minted by the server, attenuated
//! by the token core exactly as the dashboard does, then used over HTTP.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use chrono::{Duration, Utc};
use common::{attenuate, Server, Session, PASSWORD};
use serde_json::json;
use token_core::attenuation::AttenuationRequest;
use token_core::biscuit_auth::KeyPair;
use token_core::mint::{self, ServiceTokenClaims};
use token_core::presets::UseCase;
use token_server::cli;
use token_server::config::AddUser;
use uuid::Uuid;

/// An organization with two applications (an event type each) and a root token.
struct World {
    server: Server,
    ada: Session,
    org: String,
    app: String,
    other_app: String,
    token_id: String,
    root: String,
}

async fn world() -> World {
    let server = Server::start().await;
    let ada = server.signup("ada@example.com").await;
    let org = ada.organization_id.clone();
    let app = server.application(&ada.access, &org, "Billing").await;
    let other_app = server.application(&ada.access, &org, "Storefront").await;
    server.event_type(&ada.access, &app).await;
    server.event_type(&ada.access, &other_app).await;
    let (token_id, root) = server.service_token(&ada.access, &org, "root").await;
    World {
        server,
        ada,
        org,
        app,
        other_app,
        token_id,
        root,
    }
}

impl World {
    fn read_only(&self) -> String {
        let request = UseCase::ReadOnly.request(None, Utc::now(), None).unwrap();
        attenuate::with(&self.root, &request, Utc::now())
    }

    fn one_application(&self) -> String {
        let request = AttenuationRequest {
            applications: vec![Uuid::parse_str(&self.app).unwrap()],
            ..Default::default()
        };
        attenuate::with(&self.root, &request, Utc::now())
    }

    /// Every `service_token:*` route, called with `token`.
    async fn service_token_routes(&self, token: &str) -> Vec<common::Answer> {
        let (s, org, id) = (&self.server, &self.org, &self.token_id);
        vec![
            s.get(
                &format!("/api/v1/service_token?organization_id={org}"),
                token,
            )
            .await,
            s.post(
                "/api/v1/service_token",
                Some(token),
                json!({"organization_id": org, "name": "x"}),
            )
            .await,
            s.get(
                &format!("/api/v1/service_token/{id}?organization_id={org}"),
                token,
            )
            .await,
            s.put(
                &format!("/api/v1/service_token/{id}"),
                token,
                json!({"organization_id": org, "name": "x"}),
            )
            .await,
            s.delete(
                &format!("/api/v1/service_token/{id}?organization_id={org}"),
                token,
            )
            .await,
        ]
    }
}

#[tokio::test]
async fn a_root_token_lists_applications_and_ingests_events() {
    let w = world().await;
    let apps = w
        .server
        .get(
            &format!("/api/v1/applications?organization_id={}", w.org),
            &w.root,
        )
        .await;
    assert_eq!(apps.ok(200).as_array().unwrap().len(), 2);
    w.server.ingest(&w.root, &w.app).await.ok(201);
    w.server.ingest(&w.root, &w.other_app).await.ok(201);
    let listed = w
        .server
        .get(
            &format!("/api/v1/service_token?organization_id={}", w.org),
            &w.root,
        )
        .await;
    assert_eq!(listed.ok(200)[0]["token_id"], w.token_id.as_str());
}

#[tokio::test]
async fn a_read_only_token_lists_but_cannot_ingest_or_touch_service_tokens() {
    let w = world().await;
    let token = w.read_only();
    let apps = w
        .server
        .get(
            &format!("/api/v1/applications?organization_id={}", w.org),
            &token,
        )
        .await;
    assert_eq!(apps.ok(200).as_array().unwrap().len(), 2);
    w.server
        .get(&format!("/api/v1/events?application_id={}", w.app), &token)
        .await
        .ok(200);
    w.server
        .get(&format!("/api/v1/applications/{}", w.app), &token)
        .await
        .ok(200);
    w.server
        .ingest(&token, &w.app)
        .await
        .problem(403, "Forbidden");
    for answer in w.service_token_routes(&token).await {
        answer.problem(403, "Forbidden");
    }
    // Nothing was changed behind the 403s: the root is still listed, named "root".
    let listed = w
        .server
        .get(
            &format!("/api/v1/service_token?organization_id={}", w.org),
            &w.root,
        )
        .await;
    assert_eq!(listed.ok(200).as_array().unwrap().len(), 1);
    assert_eq!(listed.body[0]["name"], "root");
}

#[tokio::test]
async fn a_one_application_token_stays_in_its_application() {
    let w = world().await;
    let token = w.one_application();
    w.server.ingest(&token, &w.app).await.ok(201);
    w.server
        .get(&format!("/api/v1/applications/{}", w.app), &token)
        .await
        .ok(200);
    w.server
        .get(
            &format!("/api/v1/event_types?application_id={}", w.app),
            &token,
        )
        .await
        .ok(200);

    w.server
        .ingest(&token, &w.other_app)
        .await
        .problem(403, "Forbidden");
    w.server
        .get(&format!("/api/v1/applications/{}", w.other_app), &token)
        .await
        .problem(403, "Forbidden");
    // Organization-level actions carry no application_id fact: refused.
    w.server
        .get(
            &format!("/api/v1/applications?organization_id={}", w.org),
            &token,
        )
        .await
        .problem(403, "Forbidden");
    w.server
        .get(
            &format!("/api/v1/service_token?organization_id={}", w.org),
            &token,
        )
        .await
        .problem(403, "Forbidden");
}

#[tokio::test]
async fn an_expired_attenuation_is_refused() {
    let w = world().await;
    let past = Utc::now() - Duration::hours(2);
    let request = AttenuationRequest {
        expires_at: Some(past + Duration::hours(1)),
        ..Default::default()
    };
    let expired = attenuate::with(&w.root, &request, past);
    w.server
        .ingest(&expired, &w.app)
        .await
        .problem(403, "Forbidden");
    w.server
        .get(
            &format!("/api/v1/applications?organization_id={}", w.org),
            &expired,
        )
        .await
        .problem(403, "Forbidden");
    // The same restriction a day ahead works.
    let request = AttenuationRequest {
        expires_at: Some(Utc::now() + Duration::days(1)),
        ..Default::default()
    };
    let fresh = attenuate::with(&w.root, &request, Utc::now());
    w.server.ingest(&fresh, &w.app).await.ok(201);
}

#[tokio::test]
async fn deleting_the_root_revokes_it_and_every_derived_token_at_once() {
    let w = world().await;
    let read_only = w.read_only();
    let one_app = w.one_application();
    // A token derived twice (an attenuation of an attenuation).
    let deeper = attenuate::with(
        &one_app,
        &AttenuationRequest {
            expires_at: Some(Utc::now() + Duration::days(7)),
            ..Default::default()
        },
        Utc::now(),
    );
    let (_, sibling) = w
        .server
        .service_token(&w.ada.access, &w.org, "sibling")
        .await;
    for token in [&w.root, &one_app, &deeper] {
        w.server.ingest(token, &w.app).await.ok(201);
    }

    let path = format!(
        "/api/v1/service_token/{}?organization_id={}",
        w.token_id, w.org
    );
    assert_eq!(w.server.delete(&path, &w.ada.access).await.status, 204);

    let apps = format!("/api/v1/applications?organization_id={}", w.org);
    for token in [&w.root, &read_only, &one_app, &deeper] {
        w.server
            .get(&apps, token)
            .await
            .problem(403, "AuthInvalidBiscuit");
        w.server
            .ingest(token, &w.app)
            .await
            .problem(403, "AuthInvalidBiscuit");
    }
    // Another root of the same organization is untouched.
    w.server.ingest(&sibling, &w.app).await.ok(201);
}

#[tokio::test]
async fn a_token_signed_by_another_key_is_refused() {
    let w = world().await;
    let claims = ServiceTokenClaims {
        token_id: Uuid::new_v4(),
        organization_id: Uuid::parse_str(&w.org).unwrap(),
        created_at: Utc::now(),
    };
    let forged = mint::service_token(&KeyPair::new(), &claims)
        .unwrap()
        .to_base64()
        .unwrap();
    w.server
        .get(
            &format!("/api/v1/applications?organization_id={}", w.org),
            &forged,
        )
        .await
        .problem(403, "AuthInvalidBiscuit");
    w.server
        .ingest(&forged, &w.app)
        .await
        .problem(403, "AuthInvalidBiscuit");
    // Signed by the right key but never issued (not in the database): refused too.
    let unknown = mint::service_token(&w.server.state.key, &claims)
        .unwrap()
        .to_base64()
        .unwrap();
    w.server
        .ingest(&unknown, &w.app)
        .await
        .problem(403, "AuthInvalidBiscuit");
}

#[tokio::test]
async fn a_token_of_organization_a_is_refused_in_organization_b() {
    let w = world().await;
    let bob = w.server.signup("bob@example.com").await;
    let bob_app = w
        .server
        .application(&bob.access, &bob.organization_id, "Bob's app")
        .await;
    w.server.event_type(&bob.access, &bob_app).await;
    let b = &bob.organization_id;
    for path in [
        format!("/api/v1/applications?organization_id={b}"),
        format!("/api/v1/service_token?organization_id={b}"),
        format!("/api/v1/organizations/{b}"),
        format!("/api/v1/applications/{bob_app}"),
        format!("/api/v1/events?application_id={bob_app}"),
    ] {
        w.server.get(&path, &w.root).await.problem(403, "Forbidden");
    }
    w.server
        .ingest(&w.root, &bob_app)
        .await
        .problem(403, "Forbidden");
    w.server
        .post(
            "/api/v1/service_token",
            Some(&w.root),
            json!({"organization_id": b, "name": "steal"}),
        )
        .await
        .problem(403, "Forbidden");
}

#[tokio::test]
async fn a_viewer_reads_but_cannot_create_tokens() {
    let w = world().await;
    let add = AddUser {
        email: "viv@example.com".to_owned(),
        first_name: "Viv".to_owned(),
        last_name: "Viewer".to_owned(),
        password_stdin: true,
        organization_id: Some(Uuid::parse_str(&w.org).unwrap()),
        role: "viewer".to_owned(),
    };
    cli::add_user(&w.server.state.db, &add, PASSWORD, 12).unwrap();
    let viv = w.server.login("viv@example.com", PASSWORD).await;
    let orgs = w.server.get("/api/v1/organizations", &viv.access).await;
    assert_eq!(orgs.ok(200)[0]["role"], "viewer");

    w.server
        .get(
            &format!("/api/v1/applications?organization_id={}", w.org),
            &viv.access,
        )
        .await
        .ok(200);
    w.server
        .post(
            "/api/v1/service_token",
            Some(&viv.access),
            json!({"organization_id": w.org, "name": "mine"}),
        )
        .await
        .problem(403, "Forbidden");
    w.server
        .get(
            &format!("/api/v1/service_token?organization_id={}", w.org),
            &viv.access,
        )
        .await
        .problem(403, "Forbidden");
    w.server
        .ingest(&viv.access, &w.app)
        .await
        .problem(403, "Forbidden");
}

#[tokio::test]
async fn attenuated_tokens_share_their_roots_rate_limit_bucket() {
    let server = Server::start_with(|c| c.api_rate_limit_per_second = 1).await;
    let ada = server.signup("ada@example.com").await;
    let org = ada.organization_id.clone();
    // Ada's own access token has a bucket of 1 per second too: one call a
    // second while setting up.
    let second = std::time::Duration::from_millis(1100);
    tokio::time::sleep(second).await;
    let (_, root) = server.service_token(&ada.access, &org, "root").await;
    tokio::time::sleep(second).await;
    let (_, other_root) = server.service_token(&ada.access, &org, "other").await;
    let derived = attenuate::with(
        &root,
        &UseCase::ReadOnly.request(None, Utc::now(), None).unwrap(),
        Utc::now(),
    );
    let apps = format!("/api/v1/applications?organization_id={org}");
    // Empty the root's bucket (1 per second: a slow machine may need a
    // call or two more to get there)...
    let mut emptied = false;
    for _ in 0..40 {
        if server.get(&apps, &root).await.status == 429 {
            emptied = true;
            break;
        }
    }
    assert!(emptied, "the root is rate limited at some point");
    // ...and its attenuation is limited with it (the next token comes back
    // after a second: the very next request is well within that, even on a
    // loaded machine)...
    let limited = server.get(&apps, &derived).await;
    limited.problem(429, "RateLimited");
    assert!(limited.headers.contains_key("retry-after"));
    // ...while another root has its own bucket.
    server.get(&apps, &other_root).await.ok(200);
}
