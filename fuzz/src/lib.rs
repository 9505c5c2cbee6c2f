//! The fuzz targets' bodies, shared with the token core's corpus replay
//! test (`crates/token-core/tests/fuzz_corpus.rs` includes the same file).
#![forbid(unsafe_code)]

#[path = "targets.rs"]
pub mod targets;
