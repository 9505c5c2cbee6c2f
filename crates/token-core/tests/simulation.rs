//! The simulator's token: the same block as Generate, decided cell by cell
//! like the generated token, at any moment.

mod common;

use biscuit_auth::Biscuit;
use chrono::Duration;
use common::World;
use token_core::attenuation::{attenuate, AttenuationRequest};
use token_core::catalogue::{Access, ActionScope, Resource};
use token_core::grid::{grid, Row};
use token_core::matrix::Matrix;
use token_core::simulation::{candidate, simulate, Candidate};
use token_core::token::Token;
use token_core::CoreError;

/// The simulated grid of `request` on the world's root, decided at `at`.
#[allow(clippy::unwrap_used)] // a helper of tests: a panic is the failure report
fn rows(w: &World, request: &AttenuationRequest, at: chrono::DateTime<chrono::Utc>) -> Vec<Row> {
    let c = candidate(&w.root_token(), request, w.now).unwrap();
    simulate(&c, w.org, &w.apps, at).unwrap()
}

/// Whether `name` is allowed on application `app` (or at organization
/// level, for actions with one cell).
#[allow(clippy::unwrap_used)] // a helper of tests: a panic is the failure report
fn allowed(rows: &[Row], name: &str, app: usize) -> bool {
    let row = rows.iter().find(|r| r.action.name == name).unwrap();
    match row.action.scope {
        ActionScope::Application => row.cells[app].allowed(),
        _ => row.cells[0].allowed(),
    }
}

#[test]
fn appends_exactly_the_block_attenuate_appends() {
    let w = World::new();
    let request = AttenuationRequest {
        applications: vec![w.apps[0]],
        expires_at: Some(w.now + Duration::days(30)),
        actions: Some(Matrix::read_only().actions()),
        datalog: "check if time($t), $t < 2030-01-01T00:00:00Z;".to_owned(),
        seal: false,
    };
    let Candidate::Attenuated(simulated) = candidate(&w.root_token(), &request, w.now).unwrap()
    else {
        panic!("a restricting request attenuates");
    };
    let generated = attenuate(&w.root_token(), &request, w.now).unwrap();
    let generated = Biscuit::from_base64(&generated.token, w.key.public()).unwrap();
    assert_eq!(simulated.block_count(), 2);
    assert_eq!(
        simulated.block_source(1).unwrap(),
        generated.print_block_source(1).unwrap()
    );
    // The same grid as the generated token's, cell for cell.
    assert_eq!(
        simulate(&Candidate::Attenuated(simulated), w.org, &w.apps, w.now).unwrap(),
        grid(&generated, w.org, &w.apps, w.now)
    );
}

#[test]
fn read_only_denies_every_write_and_allows_reads() {
    let w = World::new();
    let read_only = AttenuationRequest {
        actions: Some(Matrix::read_only().actions()),
        ..Default::default()
    };
    let rows = rows(&w, &read_only, w.now);
    assert!(!allowed(&rows, "event:ingest", 0));
    assert!(allowed(&rows, "event_type:list", 1));
    assert!(allowed(&rows, "application:list", 0));
    let writes = rows
        .iter()
        .filter(|r| r.action.access == Access::Write && r.action.resource != Resource::Session);
    for row in writes {
        assert!(
            row.cells.iter().all(|c| !c.allowed()),
            "{} is a write",
            row.action.name
        );
    }
}

#[test]
fn one_application_denies_the_other_columns_and_organization_actions() {
    let w = World::new();
    let one = AttenuationRequest {
        applications: vec![w.apps[0]],
        ..Default::default()
    };
    let rows = rows(&w, &one, w.now);
    assert!(allowed(&rows, "event:ingest", 0));
    assert!(!allowed(&rows, "event:ingest", 1));
    assert!(!allowed(&rows, "application:list", 0));
    let others_denied = rows
        .iter()
        .filter(|r| r.action.scope == ActionScope::Application)
        .all(|r| !r.cells[1].allowed() && !r.cells[2].allowed());
    assert!(
        others_denied,
        "nothing is allowed on the other applications"
    );
}

#[test]
fn decides_at_the_chosen_time_to_show_expiry() {
    let w = World::new();
    let one_day = AttenuationRequest {
        expires_at: Some(w.now + Duration::days(1)),
        ..Default::default()
    };
    assert!(allowed(&rows(&w, &one_day, w.now), "event:ingest", 0));
    let later = rows(&w, &one_day, w.now + Duration::days(2));
    assert!(later.iter().all(|r| r.cells.iter().all(|c| !c.allowed())));
}

#[test]
fn nothing_restricted_simulates_the_root_itself() {
    let w = World::new();
    let c = candidate(&w.root_token(), &AttenuationRequest::default(), w.now).unwrap();
    assert!(matches!(c, Candidate::Unrestricted(_)));
    assert_eq!(c.token().block_count(), 1);
    let rows = simulate(&c, w.org, &w.apps, w.now).unwrap();
    assert!(allowed(&rows, "event:ingest", 1));
}

#[test]
fn invalid_datalog_is_an_error_not_a_grid() {
    let w = World::new();
    let broken = AttenuationRequest {
        datalog: "check if nope(".to_owned(),
        ..Default::default()
    };
    let error = candidate(&w.root_token(), &broken, w.now).unwrap_err();
    assert!(matches!(error, CoreError::InvalidDatalog(_)), "{error:?}");
}

#[test]
fn an_unverified_root_has_no_grid_and_sealing_is_simulated() {
    let w = World::new();
    let sealed_one = AttenuationRequest {
        applications: vec![w.apps[1]],
        seal: true,
        ..Default::default()
    };
    let unverified_root = Token::parse(&w.root.to_base64().unwrap(), None).unwrap();
    let unverified = candidate(&unverified_root, &sealed_one, w.now).unwrap();
    assert!(simulate(&unverified, w.org, &w.apps, w.now).is_none());
    let sealed = candidate(&w.root_token(), &sealed_one, w.now).unwrap();
    assert!(sealed.token().is_sealed());
    let rows = simulate(&sealed, w.org, &w.apps, w.now).unwrap();
    assert!(allowed(&rows, "event:ingest", 1));
    assert!(!allowed(&rows, "event:ingest", 0));
}
