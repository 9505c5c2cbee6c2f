//! One file per screen. Pages read route parameters, own their resources
//! and actions, and compose components.

pub mod actions_page;
pub mod home_page;
pub mod inspect_page;
pub mod login_page;
pub mod not_found_page;
pub mod organizations_page;
pub mod register_page;
pub mod service_token_page;
pub mod service_tokens_page;
pub mod settings_page;

/// `document.title` for a page: "Service Tokens — Hook0 Service Tokens".
pub fn set_page_title(title: &str) {
    crate::browser::set_title(&format!("{title} — {}", crate::PRODUCT_NAME));
}
