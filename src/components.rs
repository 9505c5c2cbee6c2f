//! Small view pieces that take typed props; pages compose them.
//!
//! - `common`: dialogs, copy fields, error cards, skeletons, toasts;
//! - `layout`: the shell around every signed-in page (top bar, switcher);
//! - `tokens`: the service-token pieces (attenuation panel and its parts).

pub mod catalogue_table;
pub mod common;
pub mod layout;
pub mod tokens;
