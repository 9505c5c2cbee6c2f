//! Attenuation produces exactly one block, in Hook0's own Datalog.

mod common;

use chrono::{Duration, TimeZone, Utc};
use common::World;
use token_core::attenuation::{attenuate, block_source, AttenuationRequest};
use token_core::catalogue::READ_ONLY_ACTIONS;
use token_core::token::Token;
use token_core::CoreError;
use uuid::Uuid;

fn expiry_2030() -> chrono::DateTime<Utc> {
    Utc.with_ymd_and_hms(2030, 1, 1, 0, 0, 0).unwrap()
}

#[test]
fn one_application_and_expiry_is_hook0_dashboard_datalog_byte_for_byte() {
    let w = World::new();
    let app = Uuid::parse_str("c02f0d5c-6a2b-4f57-9d3e-1b2c3d4e5f60").unwrap();
    let request = AttenuationRequest {
        applications: vec![app],
        expires_at: Some(expiry_2030()),
        ..Default::default()
    };
    let expected = "check if application_id(hex:c02f0d5c6a2b4f579d3e1b2c3d4e5f60);\n\
                    check if time($t), $t < 2030-01-01T00:00:00Z;";
    assert_eq!(block_source(&request, w.now).unwrap(), expected);

    // And biscuit-auth prints the appended block back identically.
    let out = attenuate(&w.root_token(), &request, w.now).unwrap();
    let token = Token::parse(&out.token, Some(&w.key.public())).unwrap();
    assert_eq!(token.block_count(), 2, "exactly one block is appended");
    assert_eq!(token.block_source(1).unwrap().trim_end(), expected);
    assert_eq!(out.block_source, expected);
}

#[test]
fn several_applications_become_one_membership_check() {
    let w = World::new();
    let request = AttenuationRequest {
        applications: vec![w.apps[0], w.apps[1]],
        ..Default::default()
    };
    let source = block_source(&request, w.now).unwrap();
    assert_eq!(source.lines().count(), 1);
    assert!(source.starts_with("check if application_id($app), [hex:"));
    assert!(source.ends_with("].contains($app);"));
    let derived = w.derive(&request);
    assert!(w.decide(&derived, "event:ingest", Some(w.apps[0])).is_ok());
    assert!(w.decide(&derived, "event:ingest", Some(w.apps[1])).is_ok());
    assert!(w.decide(&derived, "event:ingest", Some(w.apps[2])).is_err());
}

#[test]
fn allowlist_is_the_documented_contains_check() {
    let w = World::new();
    let request = AttenuationRequest {
        actions: Some(READ_ONLY_ACTIONS.iter().map(|s| s.to_string()).collect()),
        ..Default::default()
    };
    let expected = format!(
        "check if action($a), [{}].contains($a);",
        READ_ONLY_ACTIONS
            .iter()
            .map(|a| format!("\"{a}\""))
            .collect::<Vec<_>>()
            .join(", ")
    );
    assert_eq!(block_source(&request, w.now).unwrap(), expected);
    let token = Token::parse(
        &attenuate(&w.root_token(), &request, w.now).unwrap().token,
        Some(&w.key.public()),
    )
    .unwrap();
    // Hook0 runs biscuit-auth 6.0.0, which reads schema versions 3 to 6.
    let version = token.block_version(1).unwrap();
    assert!((3..=6).contains(&version), "block version {version}");
}

#[test]
fn custom_datalog_joins_the_same_block_after_the_generated_checks() {
    let w = World::new();
    let request = AttenuationRequest {
        applications: vec![w.apps[0]],
        datalog: "  check if action(\"event:list\")  ".to_owned(),
        ..Default::default()
    };
    let out = attenuate(&w.root_token(), &request, w.now).unwrap();
    assert_eq!(
        out.block_source.lines().last(),
        Some("check if action(\"event:list\")")
    );
    let token = Token::parse(&out.token, None).unwrap();
    assert_eq!(token.block_count(), 2);
}

#[test]
fn works_on_an_unverified_token_too() {
    let w = World::new();
    let unverified = Token::parse(&w.root.to_base64().unwrap(), None).unwrap();
    assert!(!unverified.is_verified());
    let request = AttenuationRequest {
        expires_at: Some(w.now + Duration::days(7)),
        ..Default::default()
    };
    let out = attenuate(&unverified, &request, w.now).unwrap();
    // The result verifies with the real key: appending needs no root key.
    let verified = Token::parse(&out.token, Some(&w.key.public())).unwrap();
    assert_eq!(verified.block_count(), 2);
}

#[test]
fn refuses_requests_that_restrict_nothing_or_expire_in_the_past() {
    let w = World::new();
    let root = w.root_token();
    assert_eq!(
        attenuate(&root, &AttenuationRequest::default(), w.now).unwrap_err(),
        CoreError::NoRestriction
    );
    let blank = AttenuationRequest {
        datalog: " \n\t ".to_owned(),
        ..Default::default()
    };
    assert_eq!(
        attenuate(&root, &blank, w.now).unwrap_err(),
        CoreError::NoRestriction
    );
    for at in [w.now, w.now - Duration::seconds(1)] {
        let past = AttenuationRequest {
            expires_at: Some(at),
            ..Default::default()
        };
        let err = attenuate(&root, &past, w.now).unwrap_err();
        assert_eq!(err.to_string(), "The expiration date must be in the future");
    }
}

#[test]
fn refuses_unknown_actions_empty_allowlists_and_bad_datalog() {
    let w = World::new();
    let root = w.root_token();
    let unknown = AttenuationRequest {
        actions: Some(vec!["event:destroy".to_owned()]),
        ..Default::default()
    };
    assert_eq!(
        attenuate(&root, &unknown, w.now).unwrap_err(),
        CoreError::UnknownAction("event:destroy".to_owned())
    );
    let empty = AttenuationRequest {
        actions: Some(vec![]),
        ..Default::default()
    };
    assert_eq!(
        attenuate(&root, &empty, w.now).unwrap_err(),
        CoreError::EmptyAllowlist
    );
    let bad = AttenuationRequest {
        datalog: "check if\nnonsense((".to_owned(),
        ..Default::default()
    };
    match attenuate(&root, &bad, w.now).unwrap_err() {
        CoreError::InvalidDatalog(issues) => assert!(!issues.is_empty()),
        other => panic!("expected invalid Datalog, got {other:?}"),
    }
}

#[test]
fn sealed_tokens_cannot_be_attenuated_again() {
    let w = World::new();
    let request = AttenuationRequest {
        applications: vec![w.apps[0]],
        seal: true,
        ..Default::default()
    };
    let out = attenuate(&w.root_token(), &request, w.now).unwrap();
    assert!(out.sealed);
    let sealed = Token::parse(&out.token, Some(&w.key.public())).unwrap();
    assert!(sealed.is_sealed());
    assert!(!w.root_token().is_sealed());
    let again = AttenuationRequest {
        expires_at: Some(w.now + Duration::days(1)),
        ..Default::default()
    };
    assert_eq!(
        attenuate(&sealed, &again, w.now).unwrap_err(),
        CoreError::Sealed
    );
    // Sealed, it still authorizes like before.
    let biscuit = sealed.verified().unwrap();
    assert!(w.decide(biscuit, "event:list", Some(w.apps[0])).is_ok());
}

#[test]
fn debug_output_never_contains_the_token() {
    let w = World::new();
    let request = AttenuationRequest {
        applications: vec![w.apps[0]],
        ..Default::default()
    };
    let out = attenuate(&w.root_token(), &request, w.now).unwrap();
    let printed = format!("{out:?} {:?}", w.root_token());
    assert!(!printed.contains(&out.token[..20]));
    assert!(!printed.contains(&w.root.to_base64().unwrap()[..20]));
}
