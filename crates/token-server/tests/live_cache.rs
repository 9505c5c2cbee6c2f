//! Answers kept in memory (live service tokens, applications) change as
//! soon as the database does: a deleted or renamed application and a
//! deleted root show on the very next request, however often they were
//! read before.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::Server;
use serde_json::json;

#[tokio::test]
async fn a_deleted_application_is_refused_on_the_next_request() {
    let server = Server::start().await;
    let ada = server.signup("ada@example.com").await;
    let org = ada.organization_id.clone();
    let app = server.application(&ada.access, &org, "Billing").await;
    server.event_type(&ada.access, &app).await;
    let (_, root) = server.service_token(&ada.access, &org, "root").await;
    for _ in 0..3 {
        server.ingest(&root, &app).await.ok(201);
    }
    let path = format!("/api/v1/applications/{app}");
    assert_eq!(server.delete(&path, &ada.access).await.status, 204);
    server.ingest(&root, &app).await.problem(403, "Forbidden");
    server.get(&path, &root).await.problem(403, "Forbidden");
}

#[tokio::test]
async fn a_renamed_application_reads_back_with_its_new_name() {
    let server = Server::start().await;
    let ada = server.signup("ada@example.com").await;
    let org = ada.organization_id.clone();
    let app = server.application(&ada.access, &org, "Billing").await;
    let path = format!("/api/v1/applications/{app}");
    assert_eq!(
        server.get(&path, &ada.access).await.ok(200)["name"],
        "Billing"
    );
    let body = json!({"organization_id": org, "name": "Invoices"});
    server.put(&path, &ada.access, body).await.ok(200);
    assert_eq!(
        server.get(&path, &ada.access).await.ok(200)["name"],
        "Invoices"
    );
}

#[tokio::test]
async fn a_deleted_root_is_refused_however_often_it_was_read() {
    let server = Server::start().await;
    let ada = server.signup("ada@example.com").await;
    let org = ada.organization_id.clone();
    let (token_id, root) = server.service_token(&ada.access, &org, "root").await;
    let list = format!("/api/v1/service_token?organization_id={org}");
    for _ in 0..3 {
        server.get(&list, &root).await.ok(200);
    }
    let path = format!("/api/v1/service_token/{token_id}?organization_id={org}");
    // The root deletes itself: its own request passed the check just before.
    assert_eq!(server.delete(&path, &root).await.status, 204);
    server
        .get(&list, &root)
        .await
        .problem(403, "AuthInvalidBiscuit");
}
