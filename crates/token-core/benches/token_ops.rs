//! Per-operation times of the token core, natively: attenuate, inspect,
//! validate Datalog, authorize one request, and the full simulator grid
//! (every action × 20 applications). `cargo bench -p token-core`.

// The tests' fixtures: the root is minted as in every core test.
#[path = "../tests/common/mod.rs"]
mod common;

use std::hint::black_box;

use biscuit_auth::KeyPair;
use chrono::{Duration, TimeZone, Utc};
use criterion::{criterion_group, criterion_main, Criterion};
use token_core::attenuation::{attenuate, AttenuationRequest};
use token_core::catalogue::{action, READ_ONLY_ACTIONS};
use token_core::datalog::{validate, LintContext};
use token_core::grid::grid;
use token_core::inspect::inspect;
use token_core::policy::{authorize, AuthorizationRequest};
use token_core::token::Token;
use uuid::Uuid;

fn token_ops(c: &mut Criterion) {
    let now = Utc
        .with_ymd_and_hms(2026, 11, 28, 12, 0, 0)
        .single()
        .expect("valid date");
    let key = KeyPair::new();
    let org = Uuid::new_v4();
    let apps = common::applications(20);
    let root = common::mint_root(&key, org, now);
    let root_b64 = root.to_base64().expect("serialize");
    let public = key.public();
    let request = AttenuationRequest {
        applications: vec![apps[0]],
        expires_at: Some(now + Duration::days(30)),
        actions: Some(READ_ONLY_ACTIONS.iter().map(|s| (*s).to_owned()).collect()),
        ..Default::default()
    };

    // The dashboard's "Generate": parse + verify + append + serialize.
    c.bench_function("attenuate (parse, verify, append, serialize)", |b| {
        b.iter(|| {
            let token = Token::parse(black_box(&root_b64), Some(&public)).expect("parse");
            black_box(attenuate(&token, &request, now).expect("attenuate"))
        })
    });

    let derived_b64 = attenuate(
        &Token::parse(&root_b64, Some(&public)).expect("parse"),
        &request,
        now,
    )
    .expect("attenuate")
    .token;
    c.bench_function("inspect (parse, verify, decode blocks, summary)", |b| {
        b.iter(|| {
            let token = Token::parse(black_box(&derived_b64), Some(&public)).expect("parse");
            let report = inspect(&token).expect("inspect");
            black_box(report.summary(|_| None))
        })
    });

    let recipe = format!(
        "check if action($a), [{}].contains($a)",
        READ_ONLY_ACTIONS.map(|a| format!("\"{a}\"")).join(", ")
    );
    let ctx = LintContext::new(now);
    c.bench_function("validate the read-only recipe", |b| {
        b.iter(|| black_box(validate(black_box(&recipe), &ctx)))
    });

    let derived = Token::parse(&derived_b64, Some(&public)).expect("parse");
    let biscuit = derived.verified().expect("verified").clone();
    let one = AuthorizationRequest::new(action("event:list").expect("known"), Some(org), now)
        .on_application(apps[0]);
    c.bench_function("authorize one request", |b| {
        b.iter(|| black_box(authorize(&biscuit, black_box(&one))))
    });

    c.bench_function("grid: every action x 20 applications", |b| {
        b.iter(|| black_box(grid(&biscuit, org, &apps, now)))
    });
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(20).measurement_time(std::time::Duration::from_secs(3));
    targets = token_ops
}
criterion_main!(benches);
