//! Property tests: attenuation never widens, and inspection reads back what
//! attenuation wrote, over random requests and random restrictions.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use chrono::Duration;
use common::World;
use proptest::prelude::*;
use token_core::attenuation::{attenuate, AttenuationRequest};
use token_core::catalogue::{ActionScope, ACTIONS};
use token_core::inspect::inspect;
use token_core::token::Token;

/// The shape of a random attenuation: applications, expiry in days from
/// "now", action allowlist. Built into a request against a [`World`].
type Shape = (Vec<usize>, Option<i64>, Option<Vec<&'static str>>);

fn shape() -> impl Strategy<Value = Shape> {
    (
        proptest::sample::subsequence(vec![0usize, 1, 2], 0..=3),
        proptest::option::of(1i64..400),
        proptest::option::of(proptest::sample::subsequence(
            ACTIONS.iter().map(|a| a.name).collect::<Vec<_>>(),
            1..8,
        )),
    )
        .prop_filter("restricts something", |(apps, days, actions)| {
            !apps.is_empty() || days.is_some() || actions.is_some()
        })
}

fn build(w: &World, (apps, days, actions): Shape) -> AttenuationRequest {
    AttenuationRequest {
        applications: apps.into_iter().map(|i| w.apps[i]).collect(),
        expires_at: days.map(|d| w.now + Duration::days(d)),
        actions: actions.map(|names| names.into_iter().map(str::to_owned).collect()),
        datalog: String::new(),
        seal: false,
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn attenuation_never_widens(
        raw in shape(),
        later_days in 0i64..500,
        app_index in 0usize..4,
    ) {
        let w = World::new();
        let r = build(&w, raw);
        let derived = w.derive(&r);
        let time = w.now + Duration::days(later_days);
        let app = w.apps.get(app_index).copied().unwrap_or_else(uuid::Uuid::new_v4);
        for a in ACTIONS.iter() {
            let target = (a.scope == ActionScope::Application).then_some(app);
            if w.decide_at(&derived, a.name, target, time).is_ok() {
                prop_assert!(
                    w.decide_at(&w.root, a.name, target, time).is_ok(),
                    "{} allowed for the derived token but not its root", a.name
                );
            }
        }
    }

    #[test]
    fn inspection_finds_what_attenuation_wrote(raw in shape()) {
        let w = World::new();
        let r = build(&w, raw);
        let out = attenuate(&w.root_token(), &r, w.now).unwrap();
        let found = inspect(&Token::parse(&out.token, None).unwrap()).unwrap().restrictions;
        let expected_apps = (!r.applications.is_empty()).then(|| r.applications.clone());
        prop_assert_eq!(found.applications, expected_apps);
        prop_assert_eq!(found.expires_at, r.expires_at);
        let expected_actions = r.actions.as_ref().map(|names| {
            ACTIONS.iter().filter(|a| names.iter().any(|n| n == a.name)).map(|a| a.name.to_owned()).collect::<Vec<_>>()
        });
        prop_assert_eq!(found.actions, expected_actions);
        prop_assert!(found.custom.is_empty());
    }
}
