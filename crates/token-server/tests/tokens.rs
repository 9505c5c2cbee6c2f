//! The seed's promises, end to end: tokens minted by the server, attenuated
//! by the token core exactly as the dashboard does, then used over HTTP.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use chrono::{Duration, Utc};
use common::{attenuate, paths, Expect, Fixture, Server, Step, PASSWORD};
use serde_json::json;
use token_core::attenuation::AttenuationRequest;
use token_core::biscuit_auth::KeyPair;
use token_core::mint::{self, ServiceTokenClaims};
use token_core::presets::UseCase;
use token_server::cli;
use token_server::config::AddUser;
use uuid::Uuid;

/// The usual fixture plus a second application (with its event type).
struct World {
    fixture: Fixture,
    other_app: String,
}

impl std::ops::Deref for World {
    type Target = Fixture;

    fn deref(&self) -> &Fixture {
        &self.fixture
    }
}

async fn world() -> World {
    let fixture = Fixture::start().await;
    let (server, ada) = (&fixture.server, &fixture.ada);
    let other_app = server
        .application(&ada.access, &fixture.org, "Storefront")
        .await;
    server.event_type(&ada.access, &other_app).await;
    World { fixture, other_app }
}

const FORBIDDEN: Expect = Expect::Problem(403, "Forbidden");
const INVALID: Expect = Expect::Problem(403, "AuthInvalidBiscuit");

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

    /// Every `service_token:*` route, each refused with `expect`.
    fn service_token_routes(&self, expect: Expect) -> Vec<(&'static str, Step, Expect)> {
        let (org, id) = (&self.org, &self.token_id);
        let body = json!({"organization_id": org, "name": "x"});
        vec![
            ("list tokens", Step::get(paths::service_tokens(org)), expect),
            (
                "create a token",
                Step::post("/api/v1/service_token", body.clone()),
                expect,
            ),
            (
                "read a token",
                Step::get(paths::service_token(id, org)),
                expect,
            ),
            (
                "rename a token",
                Step::put(format!("/api/v1/service_token/{id}"), body),
                expect,
            ),
            (
                "delete a token",
                Step::delete(paths::service_token(id, org)),
                expect,
            ),
        ]
    }
}

#[tokio::test]
async fn a_root_token_lists_applications_and_ingests_events() {
    let w = world().await;
    let apps = w.server.get(&paths::applications(&w.org), &w.root).await;
    assert_eq!(apps.list().len(), 2);
    w.server.ingest(&w.root, &w.app).await.ok(201);
    w.server.ingest(&w.root, &w.other_app).await.ok(201);
    let listed = w.server.get(&paths::service_tokens(&w.org), &w.root).await;
    assert_eq!(listed.ok(200)[0]["token_id"], w.token_id.as_str());
}

#[tokio::test]
async fn a_read_only_token_lists_but_cannot_ingest_or_touch_service_tokens() {
    let w = world().await;
    let token = w.read_only();
    let apps = w.server.get(&paths::applications(&w.org), &token).await;
    assert_eq!(apps.list().len(), 2);
    let mut table = vec![
        (
            "list events",
            Step::get(paths::events(&w.app)),
            Expect::Ok(200),
        ),
        (
            "read an application",
            Step::get(paths::application(&w.app)),
            Expect::Ok(200),
        ),
        ("ingest", Step::ingest(&w.app), FORBIDDEN),
    ];
    table.extend(w.service_token_routes(FORBIDDEN));
    w.server.check(&token, &table).await;
    // Nothing was changed behind the 403s: the root is still listed, named "root".
    let listed = w.server.get(&paths::service_tokens(&w.org), &w.root).await;
    assert_eq!(listed.list().len(), 1);
    assert_eq!(listed.body[0]["name"], "root");
}

#[tokio::test]
async fn a_one_application_token_stays_in_its_application() {
    let w = world().await;
    let token = w.one_application();
    let (app, other) = (&w.app, &w.other_app);
    let table = [
        (
            "ingest in its application",
            Step::ingest(app),
            Expect::Ok(201),
        ),
        (
            "read its application",
            Step::get(paths::application(app)),
            Expect::Ok(200),
        ),
        (
            "list its event types",
            Step::get(paths::event_types(app)),
            Expect::Ok(200),
        ),
        (
            "ingest in another application",
            Step::ingest(other),
            FORBIDDEN,
        ),
        (
            "read another application",
            Step::get(paths::application(other)),
            FORBIDDEN,
        ),
        // Organization-level actions carry no application_id fact: refused.
        (
            "list the organization's applications",
            Step::get(paths::applications(&w.org)),
            FORBIDDEN,
        ),
        (
            "list the organization's tokens",
            Step::get(paths::service_tokens(&w.org)),
            FORBIDDEN,
        ),
    ];
    w.server.check(&token, &table).await;
}

#[tokio::test]
async fn an_expired_attenuation_is_refused() {
    let w = world().await;
    let past = Utc::now() - Duration::hours(2);
    let expired = attenuate::expiring(&w.root, past + Duration::hours(1), past);
    let table = [
        ("ingest", Step::ingest(&w.app), FORBIDDEN),
        (
            "list applications",
            Step::get(paths::applications(&w.org)),
            FORBIDDEN,
        ),
    ];
    w.server.check(&expired, &table).await;
    // The same restriction a day ahead works.
    let fresh = attenuate::expiring(&w.root, Utc::now() + Duration::days(1), Utc::now());
    w.server.ingest(&fresh, &w.app).await.ok(201);
}

#[tokio::test]
async fn deleting_the_root_revokes_it_and_every_derived_token_at_once() {
    let w = world().await;
    let read_only = w.read_only();
    let one_app = w.one_application();
    // A token derived twice (an attenuation of an attenuation).
    let deeper = attenuate::expiring(&one_app, Utc::now() + Duration::days(7), Utc::now());
    let (_, sibling) = w
        .server
        .service_token(&w.ada.access, &w.org, "sibling")
        .await;
    for token in [&w.root, &one_app, &deeper] {
        w.server.ingest(token, &w.app).await.ok(201);
    }

    let path = paths::service_token(&w.token_id, &w.org);
    assert_eq!(w.server.delete(&path, &w.ada.access).await.status, 204);

    for (what, token) in [
        ("root", &w.root),
        ("read-only", &read_only),
        ("one application", &one_app),
        ("derived twice", &deeper),
    ] {
        let apps = Step::get(paths::applications(&w.org));
        let list = format!("{what}: list applications");
        let ingest = format!("{what}: ingest");
        let table = [
            (&*list, apps, INVALID),
            (&*ingest, Step::ingest(&w.app), INVALID),
        ];
        w.server.check(token, &table).await;
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
    let table = [
        (
            "list applications",
            Step::get(paths::applications(&w.org)),
            INVALID,
        ),
        ("ingest", Step::ingest(&w.app), INVALID),
    ];
    w.server.check(&forged, &table).await;
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
    let steal = json!({"organization_id": b, "name": "steal"});
    let table = [
        (
            "list B's applications",
            Step::get(paths::applications(b)),
            FORBIDDEN,
        ),
        (
            "list B's tokens",
            Step::get(paths::service_tokens(b)),
            FORBIDDEN,
        ),
        (
            "read B",
            Step::get(format!("/api/v1/organizations/{b}")),
            FORBIDDEN,
        ),
        (
            "read B's application",
            Step::get(paths::application(&bob_app)),
            FORBIDDEN,
        ),
        (
            "list B's events",
            Step::get(paths::events(&bob_app)),
            FORBIDDEN,
        ),
        (
            "ingest in B's application",
            Step::ingest(&bob_app),
            FORBIDDEN,
        ),
        (
            "create a token in B",
            Step::post("/api/v1/service_token", steal),
            FORBIDDEN,
        ),
    ];
    w.server.check(&w.root, &table).await;
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

    let mine = json!({"organization_id": w.org, "name": "mine"});
    let table = [
        (
            "list applications",
            Step::get(paths::applications(&w.org)),
            Expect::Ok(200),
        ),
        (
            "create a token",
            Step::post("/api/v1/service_token", mine),
            FORBIDDEN,
        ),
        (
            "list tokens",
            Step::get(paths::service_tokens(&w.org)),
            FORBIDDEN,
        ),
        ("ingest", Step::ingest(&w.app), FORBIDDEN),
    ];
    w.server.check(&viv.access, &table).await;
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
    let apps = paths::applications(&org);
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
