//! Reusable pieces with no knowledge of tokens or the API's resources.

pub mod auth_card;
pub mod card;
pub mod copy_field;
pub mod dialog;
pub mod error_card;
pub mod states;
pub mod text_field;
pub mod toast_region;

use std::sync::atomic::{AtomicU64, Ordering};

/// A document-unique id for `aria-labelledby`, `for` and friends.
pub fn unique_id(prefix: &str) -> String {
    static NEXT: AtomicU64 = AtomicU64::new(1);
    format!("{prefix}-{}", NEXT.fetch_add(1, Ordering::Relaxed))
}
