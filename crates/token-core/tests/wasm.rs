//! The core in a real browser: run with
//! `CHROMEDRIVER=/usr/bin/chromedriver cargo test --target wasm32-unknown-unknown -p token-core`
//! (`scripts/test` does it). Plain `#[test]`s are not run there: use
//! `#[wasm_bindgen_test]`.
#![cfg(target_arch = "wasm32")]

use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen_test]
fn catalogue_lookup_works_in_the_browser() {
    assert!(token_core::catalogue::action("event:ingest").is_ok());
}
