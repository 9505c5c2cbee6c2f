//! The Hook0 authorizer policy: Hook0's own observed outcomes.

mod common;

use chrono::Duration;
use common::World;
use token_core::attenuation::AttenuationRequest;
use token_core::catalogue::{action, ActionScope, ACTIONS};
use token_core::mint::{self, RefreshClaims};
use token_core::policy::{authorize, authorize_refresh, AuthorizationRequest, Denial, TokenType};
use token_core::presets::UseCase;
use uuid::Uuid;

#[test]
fn root_token_is_allowed_everywhere_in_its_organization() {
    let w = World::new();
    for a in ACTIONS
        .iter()
        .filter(|a| a.scope != ActionScope::OrganizationLess)
    {
        let app = (a.scope == ActionScope::Application).then_some(w.apps[0]);
        assert!(w.decide(&w.root, a.name, app).is_ok(), "{} refused", a.name);
    }
}

#[test]
fn root_token_is_refused_in_another_organization() {
    let w = World::new();
    let other_org = Uuid::new_v4();
    for a in ACTIONS
        .iter()
        .filter(|a| a.scope != ActionScope::OrganizationLess)
    {
        let mut request = AuthorizationRequest::new(a, Some(other_org), w.now);
        if a.scope == ActionScope::Application {
            request = request.on_application(w.apps[0]);
        }
        let denial = authorize(&w.root, &request).unwrap_err();
        assert!(
            denial
                .failed_checks()
                .iter()
                .any(|c| c.block.is_none() && c.rule.contains("organization_id")),
            "{}: {denial:?}",
            a.name
        );
    }
}

#[test]
fn one_application_token_works_there_only_and_not_for_organization_actions() {
    let w = World::new();
    let token = w.derive(&AttenuationRequest {
        applications: vec![w.apps[0]],
        ..Default::default()
    });
    assert!(w.decide(&token, "event:ingest", Some(w.apps[0])).is_ok());
    assert!(w.decide(&token, "application:get", Some(w.apps[0])).is_ok());
    let other = w
        .decide(&token, "event:ingest", Some(w.apps[1]))
        .unwrap_err();
    assert_eq!(other.failed_checks()[0].block, Some(1));
    assert_eq!(other.failed_checks()[0].check, 0);
    // The consequence users trip over: no application_id fact on org-level actions.
    for name in [
        "application:list",
        "organization:get",
        "service_token:list",
        "events_per_day:organization",
    ] {
        let denial = w.decide(&token, name, None).unwrap_err();
        assert!(
            denial.failed_checks()[0].rule.contains("application_id"),
            "{name}: {denial:?}"
        );
    }
}

#[test]
fn read_only_preset_denies_ingest_and_every_service_token_action() {
    let w = World::new();
    let request = UseCase::ReadOnly.request(None, w.now, None).unwrap();
    let token = w.derive(&request);
    assert!(w.decide(&token, "application:list", None).is_ok());
    assert!(w.decide(&token, "event:list", Some(w.apps[0])).is_ok());
    assert!(w.decide(&token, "event:ingest", Some(w.apps[0])).is_err());
    for a in ACTIONS
        .iter()
        .filter(|a| a.name.starts_with("service_token:"))
    {
        assert!(
            w.decide(&token, a.name, None).is_err(),
            "{} allowed",
            a.name
        );
    }
}

#[test]
fn expired_attenuation_is_denied_after_its_date_and_allowed_before() {
    let w = World::new();
    let token = w.derive(&AttenuationRequest {
        expires_at: Some(w.now + Duration::days(7)),
        ..Default::default()
    });
    assert!(w.decide(&token, "application:list", None).is_ok());
    let later = w.now + Duration::days(8);
    let denial = w
        .decide_at(&token, "application:list", None, later)
        .unwrap_err();
    assert!(denial.failed_checks()[0].rule.contains("time($t)"));
}

#[test]
fn viewers_read_but_cannot_create_tokens_and_editors_can() {
    let w = World::new();
    let viewer = w.user_token(vec![(w.org, "viewer".into())]);
    assert!(w.decide(&viewer, "application:list", None).is_ok());
    assert!(w.decide(&viewer, "service_token:create", None).is_err());
    assert!(w.decide(&viewer, "service_token:list", None).is_err());
    let editor = w.user_token(vec![(w.org, "editor".into())]);
    assert!(w.decide(&editor, "service_token:create", None).is_ok());
    let stranger = w.user_token(vec![(Uuid::new_v4(), "editor".into())]);
    assert!(w.decide(&stranger, "application:list", None).is_err());
    // Organization-less actions need no membership at all.
    assert!(w.decide(&stranger, "organization:list", None).is_ok());
}

#[test]
fn user_tokens_expire_after_five_minutes_and_report_their_claims() {
    let w = World::new();
    let token = w.user_token(vec![(w.org, "editor".into())]);
    let request =
        AuthorizationRequest::new(action("organization:get").unwrap(), Some(w.org), w.now);
    let who = authorize(&token, &request).unwrap();
    assert_eq!(who.token_type, TokenType::User);
    assert!(who.user_id.is_some() && who.session_id.is_some());
    let late = w.now + Duration::minutes(5) + Duration::seconds(1);
    assert!(w.decide_at(&token, "organization:get", None, late).is_err());
}

#[test]
fn service_tokens_report_their_type() {
    let w = World::new();
    let request =
        AuthorizationRequest::new(action("application:list").unwrap(), Some(w.org), w.now);
    assert_eq!(
        authorize(&w.root, &request).unwrap().token_type,
        TokenType::Service
    );
}

#[test]
fn refresh_tokens_are_accepted_only_by_the_refresh_policy() {
    let w = World::new();
    let claims = RefreshClaims {
        token_id: Uuid::new_v4(),
        session_id: Uuid::new_v4(),
        user_id: Uuid::new_v4(),
        created_at: w.now,
    };
    let refresh = mint::refresh_token(&w.key, &claims).unwrap();
    let grant = authorize_refresh(&refresh, w.now).unwrap();
    assert_eq!(grant.session_id, claims.session_id);
    assert_eq!(grant.user_id, claims.user_id);
    assert!(authorize_refresh(&refresh, w.now + Duration::minutes(31)).is_err());
    // An access token sent to refresh fails, and a refresh token is no access token.
    assert!(authorize_refresh(&w.user_token(vec![]), w.now).is_err());
    assert!(authorize_refresh(&w.root, w.now).is_err());
    assert!(w.decide(&refresh, "organization:list", None).is_err());
}

#[test]
fn organization_scoped_action_without_organization_is_an_error_not_a_pass() {
    let w = World::new();
    let request = AuthorizationRequest::new(action("application:list").unwrap(), None, w.now);
    assert!(matches!(
        authorize(&w.root, &request),
        Err(Denial::Error { .. })
    ));
}

#[test]
fn runaway_datalog_is_stopped_by_the_run_limits() {
    let w = World::new();
    // Ten facts joined three ways: 1,010 facts, past Hook0's max_facts,
    // yet cheap enough for the cost screen to let it run.
    let token = w.derive(&AttenuationRequest {
        datalog: "n(0); n(1); n(2); n(3); n(4); n(5); n(6); n(7); n(8); n(9);\n\
                  p($a, $b, $c) <- n($a), n($b), n($c);\n\
                  check if p(9, 9, 9);"
            .into(),
        ..Default::default()
    });
    assert_eq!(token_core::policy::screen(&token), Ok(()));
    let denial = w.decide(&token, "application:list", None).unwrap_err();
    assert!(
        matches!(denial, Denial::TooComplex | Denial::Timeout),
        "{denial:?}"
    );
}
