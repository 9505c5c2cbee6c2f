//! Inspection finds what attenuation wrote, and says it plainly.

mod common;

use chrono::{Duration, TimeZone, Utc};
use common::World;
use token_core::attenuation::{attenuate, AttenuationRequest};
use token_core::inspect::inspect;
use token_core::presets::UseCase;
use token_core::token::Token;

#[test]
fn root_token_authority_facts_and_full_access_summary() {
    let w = World::new();
    let report = inspect(&w.root_token()).unwrap();
    assert!(report.verified);
    assert!(!report.sealed);
    assert_eq!(report.blocks.len(), 1);
    assert_eq!(
        report.authority.token_type.as_deref(),
        Some("service_access")
    );
    assert_eq!(report.authority.version, Some(1));
    assert_eq!(report.authority.organization_id, Some(w.org));
    assert_eq!(report.authority.created_at, Some(w.now));
    assert!(report.restrictions.is_empty());
    assert_eq!(
        report.summary(|_| None),
        "full access to its organization · never expires"
    );
    assert_eq!(
        report.root_revocation_id(),
        Some(hex::encode(&w.root.revocation_identifiers()[0]).as_str())
    );
}

#[test]
fn recognises_application_read_only_and_expiry_with_names_resolved() {
    let w = World::new();
    let mut request = UseCase::ReadOnly
        .request(Some(w.apps[0]), w.now, None)
        .unwrap();
    request.expires_at = Some(Utc.with_ymd_and_hms(2026, 12, 28, 14, 0, 0).unwrap());
    let out = attenuate(&w.root_token(), &request, w.now).unwrap();
    let report = inspect(&Token::parse(&out.token, Some(&w.key.public())).unwrap()).unwrap();
    assert_eq!(report.blocks.len(), 2);
    assert_eq!(report.restrictions.applications, Some(vec![w.apps[0]]));
    assert_eq!(report.restrictions.actions, request.actions);
    assert!(report.restrictions.custom.is_empty());
    let summary = report.summary(|id| (id == w.apps[0]).then(|| "Billing".to_owned()));
    assert_eq!(
        summary,
        "only application Billing · read-only · expires 2026-12-28 14:00 UTC"
    );
    // Every block shares the root's revocation id at index 0.
    assert_eq!(
        report.root_revocation_id(),
        inspect(&w.root_token()).unwrap().root_revocation_id()
    );
}

#[test]
fn several_blocks_intersect_and_take_the_earliest_expiry() {
    let w = World::new();
    let first = AttenuationRequest {
        applications: vec![w.apps[0], w.apps[1]],
        expires_at: Some(w.now + Duration::days(30)),
        ..Default::default()
    };
    let second = AttenuationRequest {
        applications: vec![w.apps[1], w.apps[2]],
        expires_at: Some(w.now + Duration::days(7)),
        datalog: "check if allowed_role(\"editor\")".into(),
        ..Default::default()
    };
    let once = attenuate(&w.root_token(), &first, w.now).unwrap();
    let twice = attenuate(&Token::parse(&once.token, None).unwrap(), &second, w.now).unwrap();
    let report = inspect(&Token::parse(&twice.token, None).unwrap()).unwrap();
    assert!(!report.verified);
    assert_eq!(report.restrictions.applications, Some(vec![w.apps[1]]));
    assert_eq!(
        report.restrictions.expires_at,
        Some(w.now + Duration::days(7))
    );
    assert_eq!(report.restrictions.custom.len(), 1);
    assert_eq!(report.restrictions.custom[0].block, 2);
    assert!(report.summary(|_| None).contains("1 custom rule"));
}

#[test]
fn sealed_tokens_say_so() {
    let w = World::new();
    let request = AttenuationRequest {
        actions: Some(vec!["event:ingest".into()]),
        seal: true,
        ..Default::default()
    };
    let out = attenuate(&w.root_token(), &request, w.now).unwrap();
    let report = inspect(&Token::parse(&out.token, None).unwrap()).unwrap();
    assert!(report.sealed);
    assert_eq!(
        report.summary(|_| None),
        "only event:ingest · sealed · never expires"
    );
    assert_eq!(report.size_bytes, out.size_bytes);
}
