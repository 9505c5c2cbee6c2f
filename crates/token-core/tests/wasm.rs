//! The core in a real browser: run with
//! `CHROMEDRIVER=/usr/bin/chromedriver cargo test --target wasm32-unknown-unknown -p token-core`
//! (`scripts/test` does it). Plain `#[test]`s are not run there: use
//! `#[wasm_bindgen_test]`.
//!
//! These prove what only the browser can break: randomness for the
//! ephemeral block key (getrandom's `js`), the authorizer's run limits
//! (biscuit's `wasm` feature reads `performance.now()`), and that no code
//! path reads the clock (`SystemTime::now()` panics in wasm).
#![cfg(target_arch = "wasm32")]

mod common;

use chrono::Duration;
use common::World;
use token_core::attenuation::{attenuate, AttenuationRequest};
use token_core::catalogue::ACTIONS;
use token_core::datalog::{validate, LintContext};
use token_core::grid::grid;
use token_core::inspect::inspect;
use token_core::presets::UseCase;
use token_core::token::{parse_public_key, Token};
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen_test]
fn catalogue_lookup_works_in_the_browser() {
    assert!(token_core::catalogue::action("event:ingest").is_ok());
}

#[wasm_bindgen_test]
fn attenuates_with_the_key_as_instance_publishes_it() {
    let w = World::new();
    let key = parse_public_key(&hex::encode(w.key.public().to_bytes())).unwrap();
    let root = Token::parse(&w.root.to_base64().unwrap(), Some(&key)).unwrap();
    let request = UseCase::AiAssistant
        .request(Some(w.apps[0]), w.now, None)
        .unwrap();
    let out = attenuate(&root, &request, w.now).unwrap();
    let derived = Token::parse(&out.token, Some(&key)).unwrap();
    assert_eq!(derived.block_count(), 2);
    let report = inspect(&derived).unwrap();
    assert_eq!(report.restrictions.applications, Some(vec![w.apps[0]]));
    assert_eq!(
        report.restrictions.expires_at,
        Some(w.now + Duration::days(30))
    );
}

#[wasm_bindgen_test]
fn the_browser_simulates_what_the_server_enforces() {
    let w = World::new();
    let read_only = w.derive(&UseCase::ReadOnly.request(None, w.now, None).unwrap());
    assert!(w.decide(&read_only, "event:list", Some(w.apps[0])).is_ok());
    assert!(w
        .decide(&read_only, "event:ingest", Some(w.apps[0]))
        .is_err());
    let expiring = w.derive(&AttenuationRequest {
        expires_at: Some(w.now + Duration::days(1)),
        ..Default::default()
    });
    assert!(w
        .decide_at(
            &expiring,
            "application:list",
            None,
            w.now + Duration::days(2)
        )
        .is_err());
}

#[wasm_bindgen_test]
fn the_grid_covers_every_action() {
    let w = World::new();
    let rows = grid(&w.root, w.org, &w.apps, w.now);
    assert_eq!(rows.len(), ACTIONS.len());
    assert!(rows
        .iter()
        .filter(|r| r.action.scope != token_core::catalogue::ActionScope::OrganizationLess)
        .all(|r| r.cells.iter().all(|c| c.allowed())));
}

#[wasm_bindgen_test]
fn validation_reports_positions_in_the_browser() {
    let w = World::new();
    let report = validate("check if time($t),\n  $t <", &LintContext::new(w.now));
    assert_eq!(report.errors[0].line, 2);
}
