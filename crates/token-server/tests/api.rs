//! Every endpoint's success and its documented errors, over real HTTP
//! against a real SQLite file.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::{event, paths, Expect, Server, Step, PASSWORD};
use reqwest::Method;
use serde_json::{json, Value};

#[tokio::test]
async fn instance_publishes_the_public_key_as_64_hex() {
    let server = Server::start().await;
    let answer = server
        .call(Method::GET, "/api/v1/instance", None, None)
        .await;
    let body = answer.ok(200);
    let key = body["biscuit_public_key"].as_str().unwrap();
    assert_eq!(key.len(), 64);
    assert!(key
        .chars()
        .all(|c| c.is_ascii_hexdigit() && !c.is_ascii_uppercase()));
    assert_eq!(key, server.state.public_key.to_bytes_hex());
    assert_eq!(body["registration_disabled"], false);
    assert_eq!(body["password_minimum_length"], 12);
    assert_eq!(body["quota_enforcement"], false);
    assert_eq!(body["application_secret_compatibility"], false);
}

#[tokio::test]
async fn the_router_also_runs_without_a_socket() {
    use tower::ServiceExt;
    let server = Server::start().await;
    let request = axum::http::Request::get("/api/v1/instance/")
        .body(axum::body::Body::empty())
        .unwrap();
    let response = token_server::app(server.state.clone())
        .oneshot(request)
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    let bytes = axum::body::to_bytes(response.into_body(), 1 << 16)
        .await
        .unwrap();
    let body: serde_json::Value = serde_json::from_slice(&bytes).unwrap();
    assert_eq!(
        body["biscuit_public_key"],
        server.state.public_key.to_bytes_hex()
    );
}

#[tokio::test]
async fn register_login_and_their_errors() {
    let server = Server::start().await;
    let body = json!({"first_name": "Ada", "last_name": "Lovelace", "email": "ada@example.com", "password": PASSWORD});
    let created = server.post("/api/v1/register", None, body.clone()).await;
    let created = created.ok(201);
    assert!(created["organization_id"].is_string() && created["user_id"].is_string());

    // Same e-mail, any case: 409.
    let mut dup = body.clone();
    dup["email"] = json!("ADA@example.com");
    server
        .post("/api/v1/register", None, dup)
        .await
        .problem(409, "UserAlreadyExist");

    // Validation tree: short password, bad e-mail, long name; the password is never echoed.
    let bad = json!({"first_name": "x".repeat(51), "last_name": "L", "email": "nope", "password": "short"});
    let answer = server.post("/api/v1/register", None, bad).await;
    answer.problem(422, "Validation");
    let tree = &answer.body["validation"];
    assert_eq!(tree["first_name"][0]["code"], "length");
    assert_eq!(tree["first_name"][0]["params"]["max"], 50);
    assert_eq!(tree["email"][0]["code"], "email");
    assert_eq!(tree["password"][0]["code"], "length");
    assert!(!answer.text.contains("short"));

    // Login: 201 with Hook0's LoginResponse; wrong password or unknown user: 401.
    let session = server.login("ada@example.com", PASSWORD).await;
    for field in ["access_token_expiration", "refresh_token_expiration"] {
        let at = session.login[field].as_str().unwrap();
        assert!(at.ends_with('Z') && at.contains('.'), "{field}: {at}");
    }
    assert_eq!(session.login["email"], "ada@example.com");
    assert_eq!(session.login["first_name"], "Ada");
    assert_eq!(session.login["user_id"], created["user_id"]);
    for (email, password) in [
        ("ada@example.com", "wrong password!"),
        ("nobody@example.com", PASSWORD),
    ] {
        server
            .post(
                "/api/v1/auth/login",
                None,
                json!({"email": email, "password": password}),
            )
            .await
            .problem(401, "AuthFailedLogin");
    }
}

#[tokio::test]
async fn malformed_bodies_headers_and_sizes() {
    let server = Server::start_with(|c| c.body_limit_bytes = 4096).await;
    let session = server.signup("ada@example.com").await;
    let login = |body: &'static str| {
        server
            .request(Method::POST, "/api/v1/auth/login")
            .body(body)
    };
    let as_json = |body| login(body).header("content-type", "application/json");
    let organizations = || server.request(Method::GET, "/api/v1/organizations");
    let big = json!({"organization_id": session.organization_id, "name": "x".repeat(10_000)});
    let latin1 = reqwest::header::HeaderValue::from_bytes(b"Bearer \xe9t\xe9").unwrap();
    let bad_json = Expect::Problem(400, "JsonPayload");
    let bad_header = Expect::Problem(400, "AuthInvalidAuthorizationHeader");
    let table = [
        ("malformed JSON", as_json("{not json"), bad_json),
        (
            "a number for the e-mail",
            as_json(r#"{"email": 3}"#),
            bad_json,
        ),
        ("no content type", login("{}"), bad_json),
        (
            "a body over the limit",
            server
                .request(Method::POST, "/api/v1/applications")
                .bearer_auth(&session.access)
                .json(&big),
            Expect::Problem(413, "PayloadTooLarge"),
        ),
        // No header: 401; not visible ASCII or not Bearer: 400; garbage token: 403.
        (
            "no Authorization header",
            organizations(),
            Expect::Problem(401, "AuthNoAuthorizationHeader"),
        ),
        (
            "a Latin-1 header",
            organizations().header("authorization", latin1),
            bad_header,
        ),
        (
            "basic auth",
            organizations().header("authorization", "Basic YTpi"),
            bad_header,
        ),
        (
            "not a biscuit",
            organizations().bearer_auth("not-a-biscuit"),
            Expect::Problem(403, "AuthInvalidBiscuit"),
        ),
        // Unknown API paths are problem+json 404s, not the dashboard.
        (
            "an unknown API path",
            server
                .request(Method::GET, "/api/v1/nothing-here")
                .bearer_auth(&session.access),
            Expect::Problem(404, "NotFound"),
        ),
    ];
    for (why, request, expect) in table {
        server.raw(request).await.expect(expect, why);
    }
}

#[tokio::test]
async fn organizations_list_create_get() {
    let server = Server::start().await;
    let ada = server.signup("ada@example.com").await;
    let bob = server.signup("bob@example.com").await;

    let list = server.get("/api/v1/organizations", &ada.access).await;
    let list = list.list().clone();
    assert_eq!(list.len(), 1);
    assert_eq!(list[0]["role"], "editor");
    assert_eq!(list[0]["name"], "Ada Lovelace's personal organization");
    assert!(list[0]["plan"].is_null());

    // Create answers 200 (not 201), like Hook0.
    let organization = |name: &str| Step::post("/api/v1/organizations", json!({"name": name}));
    let created = server.send(&organization("Acme"), &ada.access).await;
    let org = created.ok(200)["organization_id"]
        .as_str()
        .unwrap()
        .to_owned();
    assert_eq!(created.body["users"][0]["email"], "ada@example.com");
    assert_eq!(created.body["users"][0]["role"], "editor");
    server
        .send(&organization("A"), &ada.access)
        .await
        .problem(422, "Validation");

    // The access token predates the membership; after a refresh it works.
    server
        .get(&format!("/api/v1/organizations/{org}"), &ada.access)
        .await
        .problem(403, "Forbidden");
    let refreshed = server
        .call(
            Method::POST,
            "/api/v1/auth/refresh",
            Some(&ada.refresh),
            None,
        )
        .await;
    let access = refreshed.ok(201)["access_token"]
        .as_str()
        .unwrap()
        .to_owned();
    let info = server
        .get(&format!("/api/v1/organizations/{org}"), &access)
        .await;
    assert_eq!(info.ok(200)["name"], "Acme");
    assert_eq!(info.body["consumption"]["members"], 1);
    assert_eq!(
        server
            .get("/api/v1/organizations", &access)
            .await
            .list()
            .len(),
        2
    );

    // Another user's organization: 403; a service token cannot create organizations.
    server
        .get(&format!("/api/v1/organizations/{org}"), &bob.access)
        .await
        .problem(403, "Forbidden");
    let (_, root) = server.service_token(&access, &org, "ci").await;
    server
        .send(&organization("Other"), &root)
        .await
        .problem(403, "Forbidden");
    let seen = server.get("/api/v1/organizations", &root).await;
    assert_eq!(seen.list().len(), 1);
    assert_eq!(seen.body[0]["organization_id"], org.as_str());
    assert_eq!(seen.body[0]["role"], "editor");
}

#[tokio::test]
async fn applications_crud() {
    let server = Server::start().await;
    let ada = server.signup("ada@example.com").await;
    let org = &ada.organization_id;
    let t = ada.access.as_str();

    let app = server.application(t, org, "Billing").await;
    let list = server.get(&paths::applications(org), t).await;
    assert_eq!(list.ok(200)[0]["application_id"], app.as_str());
    assert_eq!(list.body[0]["organization_id"], org.as_str());
    assert_eq!(list.body[0]["name"], "Billing");

    let path = paths::application(&app);
    assert_eq!(server.get(&path, t).await.ok(200)["name"], "Billing");
    let rename = |name: &str| Step::put(&path, json!({"organization_id": org, "name": name}));
    let renamed = server.send(&rename("Invoices"), t).await;
    assert_eq!(renamed.ok(200)["name"], "Invoices");
    let bad = server.send(&rename("a\u{7}b"), t).await;
    bad.problem(422, "Validation");
    assert_eq!(
        bad.body["validation"]["name"][0]["code"],
        "non_control_character"
    );
    server
        .create("/api/v1/applications", t, org, "x")
        .await
        .problem(422, "Validation");

    // Delete: 204, then the application is unknown: 403 (not 404), like Hook0.
    assert_eq!(server.delete(&path, t).await.status, 204);
    let forbidden = Expect::Problem(403, "Forbidden");
    let unknown = paths::application(&uuid::Uuid::new_v4().to_string());
    let table = [
        ("read a deleted application", Step::get(&path), forbidden),
        ("delete it again", Step::delete(&path), forbidden),
        ("read an unknown application", Step::get(unknown), forbidden),
    ];
    server.check(t, &table).await;
    assert_eq!(
        server.get(&paths::applications(org), t).await.ok(200),
        &json!([])
    );
    // A missing query parameter is a validation error.
    server
        .get("/api/v1/applications", t)
        .await
        .problem(422, "Validation");
}

#[tokio::test]
async fn service_tokens_crud_and_errors() {
    let server = Server::start().await;
    let ada = server.signup("ada@example.com").await;
    let bob = server.signup("bob@example.com").await;
    let org = &ada.organization_id;
    let t = ada.access.as_str();

    let (first, biscuit) = server.service_token(t, org, "first").await;
    let (second, _) = server.service_token(t, org, "second").await;
    let list = server.get(&paths::service_tokens(org), t).await;
    let list = list.list().clone();
    assert_eq!(list.len(), 2);
    assert_eq!(list[0]["token_id"], first.as_str(), "oldest first");
    assert_eq!(list[0]["biscuit"], biscuit.as_str());
    assert!(list[0]["created_at"].as_str().unwrap().ends_with('Z'));

    let path = |id: &str| paths::service_token(id, org);
    // `PUT` carries the organization in its body, not in the query.
    let rename = |id: &str, name: &str| {
        let body = json!({"organization_id": org, "name": name});
        Step::put(format!("/api/v1/service_token/{id}"), body)
    };
    assert_eq!(server.get(&path(&first), t).await.ok(200)["name"], "first");
    let renamed = server.send(&rename(&first, "renamed"), t).await;
    assert_eq!(renamed.ok(200)["name"], "renamed");
    assert_eq!(
        renamed.body["biscuit"],
        biscuit.as_str(),
        "rename keeps the biscuit"
    );

    // 51 characters and control characters: 422 with the validation tree.
    let long = server
        .create("/api/v1/service_token", t, org, &"x".repeat(51))
        .await;
    long.problem(422, "Validation");
    assert_eq!(long.body["validation"]["name"][0]["code"], "length");
    assert_eq!(long.body["validation"]["name"][0]["params"]["max"], 50);
    let ok50 = server
        .create("/api/v1/service_token", t, org, &"é".repeat(50))
        .await;
    ok50.ok(201);
    server
        .send(&rename(&first, "a\nb"), t)
        .await
        .problem(422, "Validation");

    // Delete: 204, then 404 on get, edit and delete; the list shrinks.
    assert_eq!(server.delete(&path(&second), t).await.status, 204);
    let not_found = Expect::Problem(404, "NotFound");
    let table = [
        ("read a deleted token", Step::get(path(&second)), not_found),
        ("delete it again", Step::delete(path(&second)), not_found),
        ("rename it", rename(&second, "x"), not_found),
        (
            "read an unknown token",
            Step::get(path(&uuid::Uuid::new_v4().to_string())),
            not_found,
        ),
    ];
    server.check(t, &table).await;
    assert_eq!(
        server
            .get(&paths::service_tokens(org), t)
            .await
            .list()
            .len(),
        2
    );

    // Another organization's token: Bob is refused in Ada's organization,
    // and asking about it through his own organization finds nothing.
    server
        .get(&path(&first), &bob.access)
        .await
        .problem(403, "Forbidden");
    let via_bob = paths::service_token(&first, &bob.organization_id);
    server
        .get(&via_bob, &bob.access)
        .await
        .problem(404, "NotFound");
}

#[tokio::test]
async fn event_types_and_events() {
    let server = Server::start().await;
    let ada = server.signup("ada@example.com").await;
    let t = ada.access.as_str();
    let app = server.application(t, &ada.organization_id, "Billing").await;

    assert_eq!(server.event_type(t, &app).await, "billing.invoice.paid");
    let dup = json!({"application_id": app, "service": "billing", "resource_type": "invoice", "verb": "paid"});
    server
        .post("/api/v1/event_types", Some(t), dup)
        .await
        .problem(409, "EventTypeAlreadyExist");
    let bad = json!({"application_id": app, "service": "bil\u{0}ling", "resource_type": "", "verb": "paid"});
    let bad = server.post("/api/v1/event_types", Some(t), bad).await;
    bad.problem(422, "Validation");
    assert!(
        bad.body["validation"]["service"].is_array()
            && bad.body["validation"]["resource_type"].is_array()
    );
    let types = server.get(&paths::event_types(&app), t).await;
    assert_eq!(types.ok(200)[0]["service_name"], "billing");
    assert_eq!(types.body[0]["resource_type_name"], "invoice");
    assert_eq!(types.body[0]["verb_name"], "paid");

    // Ingest: 201, trailing slash ignored; a repeated id is 409.
    let mut body = event(&app);
    let id = uuid::Uuid::new_v4().to_string();
    body["event_id"] = json!(id);
    let ingested = server.post("/api/v1/event/", Some(t), body.clone()).await;
    assert_eq!(ingested.ok(201)["event_id"], id.as_str());
    assert_eq!(ingested.body["application_id"], app.as_str());
    assert!(ingested.body["received_at"]
        .as_str()
        .unwrap()
        .ends_with('Z'));
    // The valid event with one thing changed.
    let changed = |change: fn(&mut Value)| {
        let mut body = event(&app);
        change(&mut body);
        Step::post("/api/v1/event", body)
    };
    let no_labels = changed(|b| b["labels"] = json!({}));
    let answer = server.send(&no_labels, t).await;
    answer.problem(422, "Validation");
    assert!(answer.body["validation"]["labels"].is_array());
    let table = [
        (
            "a repeated event id",
            Step::post("/api/v1/event", body),
            Expect::Problem(409, "EventAlreadyIngested"),
        ),
        (
            "an unknown event type",
            changed(|b| b["event_type"] = json!("billing.invoice.void")),
            Expect::Problem(400, "EventTypeDoesNotExist"),
        ),
        (
            "a payload that is not JSON",
            changed(|b| b["payload"] = json!("{nope")),
            Expect::Problem(400, "EventInvalidJsonPayload"),
        ),
        (
            "an unknown payload content type",
            changed(|b| b["payload_content_type"] = json!("image/png")),
            Expect::Problem(400, "JsonPayload"),
        ),
    ];
    server.check(t, &table).await;

    let events = server.get(&paths::events(&app), t).await;
    let events = events.list().clone();
    assert_eq!(events.len(), 1);
    assert_eq!(events[0]["event_id"], id.as_str());
    assert_eq!(events[0]["event_type_name"], "billing.invoice.paid");
    assert_eq!(events[0]["labels"]["tenant"], "acme");
    assert_eq!(events[0]["ip"], "127.0.0.1");
}

#[tokio::test]
async fn refresh_is_one_use_and_logout_ends_the_session() {
    let server = Server::start().await;
    let ada = server.signup("ada@example.com").await;
    let refresh = |token: &str| {
        let token = token.to_owned();
        let server = &server;
        async move {
            server
                .call(Method::POST, "/api/v1/auth/refresh", Some(&token), None)
                .await
        }
    };

    // An access token is live but is not a refresh token: 401.
    refresh(&ada.access).await.problem(401, "AuthFailedRefresh");
    let first = refresh(&ada.refresh).await;
    let first = first.ok(201).clone();
    assert_eq!(first["user_id"], ada.login["user_id"]);
    // Used once: the old refresh token is no longer live, as in Hook0.
    refresh(&ada.refresh)
        .await
        .problem(403, "AuthInvalidBiscuit");
    // The old access token lives on until its 5 minutes are up (Hook0 too).
    server
        .get("/api/v1/organizations", &ada.access)
        .await
        .ok(200);
    // A refresh token is live, but the authorizer refuses it on API routes.
    let new_refresh = first["refresh_token"].as_str().unwrap();
    server
        .get("/api/v1/organizations", new_refresh)
        .await
        .problem(403, "Forbidden");
    // A service token is not a refresh token either.
    let (_, root) = server
        .service_token(&ada.access, &ada.organization_id, "ci")
        .await;
    refresh(&root).await.problem(401, "AuthFailedRefresh");
    server
        .call(Method::POST, "/api/v1/auth/logout", Some(&root), None)
        .await
        .problem(403, "Forbidden");

    // Logout ends every token of the session, old and new.
    let access = first["access_token"].as_str().unwrap();
    let out = server
        .call(Method::POST, "/api/v1/auth/logout", Some(access), None)
        .await;
    assert_eq!(out.status, 204);
    for token in [access, ada.access.as_str()] {
        server
            .get("/api/v1/organizations", token)
            .await
            .problem(403, "AuthInvalidBiscuit");
    }
    refresh(new_refresh)
        .await
        .problem(403, "AuthInvalidBiscuit");
    // A token from another key: 403 AuthInvalidBiscuit before anything else.
    refresh("En0KEwoEMTIzNBgDIgkKBwgKEgMYgAgSJAgAEiB")
        .await
        .problem(403, "AuthInvalidBiscuit");
}

#[tokio::test]
async fn rate_limits_answer_429_with_retry_after() {
    let server = Server::start_with(|c| {
        c.auth_rate_limit_per_minute = 3;
        c.api_rate_limit_per_second = 5;
    })
    .await;
    let ada = server.signup("ada@example.com").await; // register + login: 2 attempts
    let wrong = json!({"email": "ada@example.com", "password": "wrong password!"});
    server
        .post("/api/v1/auth/login", None, wrong.clone())
        .await
        .problem(401, "AuthFailedLogin");
    let limited = server.post("/api/v1/auth/login", None, wrong).await;
    limited.problem(429, "RateLimited");
    let retry: u64 = limited.headers["retry-after"]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    assert!((1..=60).contains(&retry));

    // API calls: per root token. signup's login used one call already.
    let mut statuses = Vec::new();
    for _ in 0..10 {
        statuses.push(server.get("/api/v1/organizations", &ada.access).await);
    }
    let last = statuses.last().unwrap();
    last.problem(429, "RateLimited");
    assert!(last.headers.contains_key("retry-after"));
    assert_eq!(statuses[0].status, 200);
}

#[tokio::test]
async fn security_headers_cors_and_the_dashboard() {
    let server =
        Server::start_with(|c| c.cors_origins = vec!["http://localhost:3000".to_owned()]).await;
    let dist = server.dist();
    std::fs::create_dir_all(&dist).unwrap();
    std::fs::write(dist.join("index.html"), "<html>app</html>").unwrap();
    std::fs::write(
        dist.join("dashboard-0123456789abcdef_bg.wasm"),
        [0u8, 97, 115, 109],
    )
    .unwrap();

    let page = server.raw(server.request(Method::GET, "/tokens/new")).await;
    assert_eq!(page.status, 200, "deep links get index.html");
    assert_eq!(page.text, "<html>app</html>");
    assert_eq!(page.headers["cache-control"], "no-cache");
    let csp = page.headers["content-security-policy"].to_str().unwrap();
    assert!(csp.contains("script-src 'self' 'wasm-unsafe-eval'"));
    assert!(!csp.contains("script-src 'self' 'unsafe-inline'"));
    assert_eq!(page.headers["x-content-type-options"], "nosniff");
    assert_eq!(page.headers["x-frame-options"], "DENY");
    assert_eq!(page.headers["referrer-policy"], "no-referrer");
    assert!(page.headers.contains_key("x-request-id"));

    let wasm = server
        .raw(server.request(Method::GET, "/dashboard-0123456789abcdef_bg.wasm"))
        .await;
    assert_eq!(wasm.status, 200);
    assert_eq!(
        wasm.headers["cache-control"],
        "public, max-age=31536000, immutable"
    );
    let missing = server
        .raw(server.request(Method::GET, "/missing-file.js"))
        .await;
    assert_eq!(missing.status, 404, "missing assets are not index.html");

    let api = server
        .raw(server.request(Method::GET, "/api/v1/instance"))
        .await;
    assert_eq!(api.headers["cache-control"], "no-store");

    let preflight = server
        .request(Method::OPTIONS, "/api/v1/service_token")
        .header("origin", "http://localhost:3000")
        .header("access-control-request-method", "POST")
        .header(
            "access-control-request-headers",
            "authorization, content-type",
        );
    let preflight = server.raw(preflight).await;
    assert_eq!(
        preflight.headers["access-control-allow-origin"],
        "http://localhost:3000"
    );
    assert_eq!(preflight.headers["access-control-max-age"], "3600");
    let other = server
        .request(Method::GET, "/api/v1/instance")
        .header("origin", "https://evil.example");
    assert!(!server
        .raw(other)
        .await
        .headers
        .contains_key("access-control-allow-origin"));
}

#[tokio::test]
async fn precompressed_assets_are_sent_as_they_are() {
    // A release build has `.br` and `.gz` copies beside each asset
    // (scripts/precompress.mjs); the contents here only tell them apart.
    let server = Server::start().await;
    let dist = server.dist();
    std::fs::create_dir_all(&dist).unwrap();
    std::fs::write(dist.join("index.html"), "<html>app</html>").unwrap();
    let js = "dashboard-0123456789abcdef.js";
    std::fs::write(dist.join(js), "console.log('plain')").unwrap();
    std::fs::write(dist.join(format!("{js}.br")), "brotli copy").unwrap();
    std::fs::write(dist.join(format!("{js}.gz")), "gzip copy").unwrap();
    let path = format!("/{js}");

    let brotli = server
        .raw(
            server
                .request(Method::GET, &path)
                .header("accept-encoding", "gzip, br"),
        )
        .await;
    assert_eq!(brotli.status, 200);
    assert_eq!(brotli.headers["content-encoding"], "br");
    assert_eq!(brotli.text, "brotli copy");
    let content_type = brotli.headers["content-type"].to_str().unwrap();
    assert!(content_type.contains("javascript"), "{content_type}");
    assert_eq!(
        brotli.headers["cache-control"],
        "public, max-age=31536000, immutable"
    );
    let vary: Vec<_> = brotli.headers.get_all("vary").iter().collect();
    assert!(
        vary.iter()
            .any(|v| v.to_str().unwrap().contains("accept-encoding")),
        "caches must key on Accept-Encoding: {vary:?}"
    );

    let gzip = server
        .raw(
            server
                .request(Method::GET, &path)
                .header("accept-encoding", "gzip"),
        )
        .await;
    assert_eq!(gzip.headers["content-encoding"], "gzip");
    assert_eq!(gzip.text, "gzip copy");

    let plain = server.raw(server.request(Method::GET, &path)).await;
    assert!(!plain.headers.contains_key("content-encoding"));
    assert_eq!(plain.text, "console.log('plain')");
}
