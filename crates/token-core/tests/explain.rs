//! Every kind of denial gets a reason and, where one exists, a fix.

mod common;

use chrono::Duration;
use common::World;
use token_core::attenuation::AttenuationRequest;
use token_core::catalogue::action;
use token_core::explain::explain;
use token_core::inspect::restrictions_of_source;
use token_core::matrix::Matrix;
use token_core::policy::{authorize, AuthorizationRequest};
use uuid::Uuid;

/// The explanation of `name` being refused to `token` (it must be refused).
#[allow(clippy::unwrap_used)] // a helper of tests: a panic is the failure report
fn why(
    w: &World,
    token: &biscuit_auth::Biscuit,
    name: &str,
    app: Option<Uuid>,
) -> token_core::explain::Explanation {
    let denial = w.decide(token, name, app).unwrap_err();
    let names = |id: Uuid| (id == w.apps[1]).then(|| "Billing".to_owned());
    explain(action(name).unwrap(), app, &denial, names)
}

#[test]
fn application_restrictions_explain_both_ways_they_fail() {
    let w = World::new();
    let token = w.derive(&AttenuationRequest {
        applications: vec![w.apps[0]],
        ..Default::default()
    });
    let other = why(&w, &token, "event:ingest", Some(w.apps[1]));
    assert_eq!((other.block, other.check), (Some(1), Some(0)));
    assert_eq!(
        other.suggestion.as_deref(),
        Some("Add Billing to the token's applications.")
    );
    let org_level = why(&w, &token, "application:list", None);
    assert!(org_level
        .suggestion
        .unwrap()
        .contains("Organization-level actions never carry an application id"));
}

#[test]
fn allowlist_expiry_and_organization_are_named() {
    let w = World::new();
    let read_only = w.derive(&AttenuationRequest {
        actions: Some(Matrix::read_only().actions()),
        ..Default::default()
    });
    let e = why(&w, &read_only, "event:ingest", Some(w.apps[0]));
    assert_eq!(
        e.suggestion.as_deref(),
        Some("Add event:ingest to the allowed actions.")
    );
    assert!(e.rule.unwrap().contains("action($a)"));

    let expiring = w.derive(&AttenuationRequest {
        expires_at: Some(w.now + Duration::days(1)),
        ..Default::default()
    });
    let denial = w
        .decide_at(
            &expiring,
            "application:list",
            None,
            w.now + Duration::days(2),
        )
        .unwrap_err();
    let e = explain(action("application:list").unwrap(), None, &denial, |_| None);
    assert_eq!(e.reason, "Block 1's expiry date has passed.");

    let request = AuthorizationRequest::new(
        action("application:list").unwrap(),
        Some(Uuid::new_v4()),
        w.now,
    );
    let denial = authorize(&w.root, &request).unwrap_err();
    let e = explain(request.action, None, &denial, |_| None);
    assert_eq!(e.block, None);
    assert_eq!(e.reason, "The token belongs to another organization.");
}

#[test]
fn editing_datalog_reads_the_allowlist_back_into_the_matrix() {
    let source = format!(
        "check if action($a), [{}].contains($a);",
        Matrix::read_only()
            .actions()
            .iter()
            .map(|a| format!("\"{a}\""))
            .collect::<Vec<_>>()
            .join(", ")
    );
    let found = restrictions_of_source(&source).unwrap();
    assert_eq!(
        Matrix::from_actions(&found.actions.unwrap()),
        Ok(Matrix::read_only())
    );
    assert!(restrictions_of_source("check if (").is_none());
}
