//! The guide's use-case table, as presets, and the authorization grid.

mod common;

use chrono::Duration;
use common::World;
use token_core::catalogue::{Access, ActionScope, ACTIONS};
use token_core::expiry::ExpiryPreset;
use token_core::grid::grid;
use token_core::presets::{ApplicationRule, UseCase};
use token_core::CoreError;

#[test]
fn each_use_case_matches_the_guide() {
    let w = World::new();
    let app = Some(w.apps[0]);
    let ai = UseCase::AiAssistant.request(app, w.now, None).unwrap();
    assert_eq!(ai.applications, vec![w.apps[0]]);
    assert_eq!(ai.expires_at, Some(w.now + Duration::days(30)));
    assert_eq!(ai.actions, None);

    let ci = UseCase::CiCdPipeline.request(app, w.now, None).unwrap();
    assert_eq!((ci.applications.len(), ci.expires_at), (1, None));

    let dev = UseCase::Development.request(app, w.now, None).unwrap();
    assert_eq!(dev.expires_at, Some(w.now + Duration::days(7)));

    let monitoring = UseCase::ProductionMonitoring
        .request(None, w.now, None)
        .unwrap();
    assert_eq!(monitoring.expires_at, None);
    assert_eq!(monitoring.actions.as_ref().map(Vec::len), Some(15));

    let end = w.now + Duration::days(45);
    let contractor = UseCase::Contractor.request(app, w.now, Some(end)).unwrap();
    assert_eq!(contractor.expires_at, Some(end));

    let ingest = UseCase::IngestOnly.request(None, w.now, None).unwrap();
    assert_eq!(ingest.actions, Some(vec!["event:ingest".to_owned()]));
}

#[test]
fn presets_that_need_an_application_or_an_end_date_say_so() {
    let w = World::new();
    for case in UseCase::ALL {
        if case.application() == ApplicationRule::Required {
            assert_eq!(
                case.request(None, w.now, None).unwrap_err(),
                CoreError::MissingApplication,
                "{case:?}"
            );
        }
    }
    assert_eq!(UseCase::Contractor.expiry(), ExpiryPreset::Custom);
    assert_eq!(
        UseCase::Contractor
            .request(Some(w.apps[0]), w.now, None)
            .unwrap_err(),
        CoreError::MissingCustomExpiry
    );
    for case in UseCase::ALL {
        assert_eq!(UseCase::from_key(case.key()), Some(case));
    }
}

#[test]
fn grid_of_every_preset_matches_its_promise() {
    let w = World::new();
    let end = Some(w.now + Duration::days(10));
    for case in UseCase::ALL {
        let request = case.request(Some(w.apps[0]), w.now, end).unwrap();
        let token = w.derive(&request);
        let rows = grid(&token, w.org, &w.apps, w.now);
        assert_eq!(rows.len(), ACTIONS.len());
        for row in &rows {
            for cell in &row.cells {
                let in_allowlist = case
                    .actions()
                    .is_none_or(|names| names.contains(&row.action.name));
                let app_ok = match row.action.scope {
                    ActionScope::Application => cell.application_id == Some(w.apps[0]),
                    // The application restriction closes every action that
                    // carries no application id.
                    _ => request.applications.is_empty(),
                };
                let expected = in_allowlist && app_ok;
                assert_eq!(
                    cell.allowed(),
                    expected,
                    "{case:?} {} on {:?}",
                    row.action.name,
                    cell.application_id
                );
            }
        }
        if case == UseCase::ReadOnly {
            let writes_allowed = rows
                .iter()
                .filter(|r| r.action.access == Access::Write)
                .any(|r| r.cells.iter().any(|c| c.allowed()));
            assert!(!writes_allowed);
        }
    }
}
