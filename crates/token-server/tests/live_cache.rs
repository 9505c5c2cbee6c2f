//! Answers kept in memory (live service tokens, applications) change as
//! soon as the database does: a deleted or renamed application and a
//! deleted root show on the very next request, however often they were
//! read before.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::{paths, Fixture};
use serde_json::json;

#[tokio::test]
async fn a_deleted_application_is_refused_on_the_next_request() {
    let f = Fixture::start().await;
    for _ in 0..3 {
        f.server.ingest(&f.root, &f.app).await.ok(201);
    }
    let path = paths::application(&f.app);
    assert_eq!(f.server.delete(&path, &f.ada.access).await.status, 204);
    f.server
        .ingest(&f.root, &f.app)
        .await
        .problem(403, "Forbidden");
    f.server.get(&path, &f.root).await.problem(403, "Forbidden");
}

#[tokio::test]
async fn a_renamed_application_reads_back_with_its_new_name() {
    let f = Fixture::start().await;
    let path = paths::application(&f.app);
    assert_eq!(
        f.server.get(&path, &f.ada.access).await.ok(200)["name"],
        "Billing"
    );
    let body = json!({"organization_id": f.org, "name": "Invoices"});
    f.server.put(&path, &f.ada.access, body).await.ok(200);
    assert_eq!(
        f.server.get(&path, &f.ada.access).await.ok(200)["name"],
        "Invoices"
    );
}

#[tokio::test]
async fn a_deleted_root_is_refused_however_often_it_was_read() {
    let f = Fixture::start().await;
    let list = paths::service_tokens(&f.org);
    for _ in 0..3 {
        f.server.get(&list, &f.root).await.ok(200);
    }
    let path = paths::service_token(&f.token_id, &f.org);
    // The root deletes itself: its own request passed the check just before.
    assert_eq!(f.server.delete(&path, &f.root).await.status, 204);
    f.server
        .get(&list, &f.root)
        .await
        .problem(403, "AuthInvalidBiscuit");
}
