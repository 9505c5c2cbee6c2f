//! A benchmark, not a timed test: the full simulator grid (every catalogue
//! action × 20 applications) in headless Chromium, timed with
//! `performance.now()` and reported as a median on the console. Ignored by
//! default; `scripts/bench-grid` runs it with the native Criterion bench of
//! the same grid (`cargo bench -p token-core`, "grid: every action x 20
//! applications").
#![cfg(target_arch = "wasm32")]

mod common;

use biscuit_auth::KeyPair;
use chrono::{TimeZone, Utc};
use common::{applications, mint_root};
use token_core::catalogue::ACTIONS;
use token_core::grid::grid;
use uuid::Uuid;
use wasm_bindgen_test::{console_log, wasm_bindgen_test, wasm_bindgen_test_configure};

wasm_bindgen_test_configure!(run_in_browser);

const RUNS: usize = 30;

fn now_ms() -> f64 {
    js_sys::Reflect::get(&js_sys::global(), &"performance".into())
        .ok()
        .and_then(|p| {
            let now = js_sys::Reflect::get(&p, &"now".into()).ok()?;
            js_sys::Function::from(now).call0(&p).ok()?.as_f64()
        })
        .unwrap_or_else(js_sys::Date::now)
}

#[wasm_bindgen_test]
#[ignore = "a benchmark: scripts/bench-grid runs it"]
fn grid_every_action_x_20_applications() {
    let now = Utc.with_ymd_and_hms(2026, 11, 28, 12, 0, 0).unwrap();
    let key = KeyPair::new();
    let org = Uuid::new_v4();
    let apps = applications(20);
    let root = mint_root(&key, org, now);
    // One warm-up run, then RUNS timed ones.
    let rows = grid(&root, org, &apps, now);
    assert_eq!(rows.len(), ACTIONS.len());
    let mut times: Vec<f64> = (0..RUNS)
        .map(|_| {
            let start = now_ms();
            let rows = grid(&root, org, &apps, now);
            let took = now_ms() - start;
            assert_eq!(rows.len(), ACTIONS.len());
            took
        })
        .collect();
    times.sort_by(f64::total_cmp);
    console_log!(
        "BENCH grid: {} actions x {} applications in Chromium: median {:.2} ms (min {:.2}, max {:.2}, {} runs)",
        ACTIONS.len(),
        apps.len(),
        times[RUNS / 2],
        times[0],
        times[RUNS - 1],
        RUNS
    );
}
