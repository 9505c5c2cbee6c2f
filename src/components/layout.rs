//! The frame of every signed-in page.

pub mod app_shell;
pub mod organization_switcher;
