//! The few browser facilities the dashboard uses, each failing softly: a
//! browser without localStorage (private mode, blocked storage) or without a
//! clipboard gets a message, never a panic.

use chrono::{DateTime, Local, TimeZone, Utc};
use wasm_bindgen_futures::JsFuture;

/// localStorage keys, all in one place. No token is ever stored under any
/// of them except the user's own session (`auth`, as Hook0 does).
pub mod keys {
    /// The session: access and refresh tokens, their expiry, the user.
    pub const AUTH: &str = "auth";
    /// The API base URL chosen in Settings (absent: same origin).
    pub const API_URL: &str = "hook0-api-url";
    /// The organization last picked.
    pub const ORGANIZATION: &str = "hook0-organization";
    /// `light`, `dark`, or absent for the system's choice.
    pub const THEME: &str = "hook0-theme";
}

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

/// A value from localStorage.
pub fn load(key: &str) -> Option<String> {
    storage()?.get_item(key).ok().flatten()
}

/// Writes a value to localStorage (silently nothing if storage is blocked:
/// the app keeps working for this tab).
pub fn store(key: &str, value: &str) {
    if let Some(s) = storage() {
        let _ = s.set_item(key, value);
    }
}

/// Removes a value from localStorage.
pub fn forget(key: &str) {
    if let Some(s) = storage() {
        let _ = s.remove_item(key);
    }
}

/// "Now", from the browser's clock (chrono's `wasmbind`), to pass to the core.
pub fn now() -> DateTime<Utc> {
    Utc::now()
}

/// This page's origin (`http://127.0.0.1:8080`), for snippets when the API
/// is on the same origin.
pub fn origin() -> String {
    web_sys::window()
        .and_then(|w| w.location().origin().ok())
        .unwrap_or_default()
}

/// Sets `document.title`.
pub fn set_title(title: &str) {
    if let Some(doc) = web_sys::window().and_then(|w| w.document()) {
        doc.set_title(title);
    }
}

/// Copies text to the clipboard; the error is a sentence to show.
pub async fn copy_text(text: &str) -> Result<(), String> {
    const FAILED: &str = "Couldn't copy to clipboard. Try selecting the text manually.";
    let window = web_sys::window().ok_or(FAILED)?;
    let promise = window.navigator().clipboard().write_text(text);
    JsFuture::from(promise)
        .await
        .map(|_| ())
        .map_err(|_| FAILED.to_owned())
}

/// Reloads the page (after the API location changes).
pub fn reload() {
    if let Some(w) = web_sys::window() {
        let _ = w.location().reload();
    }
}

/// Applies a theme (`light`, `dark`, or `None` for the system's) to `<html>`.
pub fn apply_theme(theme: Option<&str>) {
    let Some(root) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element())
    else {
        return;
    };
    let _ = match theme {
        Some(t) => root.set_attribute("data-theme", t),
        None => root.remove_attribute("data-theme"),
    };
}

/// A date and time in the browser's time zone, minutes precision.
pub fn local_datetime(at: DateTime<Utc>) -> String {
    token_core::date_text::minutes(at.with_timezone(&Local).naive_local())
}

/// Reads an `<input type="datetime-local">` value (`2030-01-31T14:05`, in
/// the browser's time zone, as Hook0's dashboard reads it).
pub fn parse_datetime_local(value: &str) -> Option<DateTime<Utc>> {
    let naive = token_core::date_text::parse_local_input(value.trim())?;
    Local
        .from_local_datetime(&naive)
        .earliest()
        .map(|t| t.with_timezone(&Utc))
}

/// The last resort: a panic logs to the console (as before) and puts a
/// banner at the top of the page, so nobody is left with a frozen screen and
/// no word about it. Nothing is expected to panic; this is only a net.
pub fn install_panic_banner() {
    std::panic::set_hook(Box::new(|info| {
        console_error_panic_hook::hook(info);
        show_panic_banner();
    }));
}

fn show_panic_banner() {
    let Some(doc) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let (Some(body), None) = (doc.body(), doc.get_element_by_id("panic-banner")) else {
        return;
    };
    if let Ok(banner) = doc.create_element("div") {
        banner.set_id("panic-banner");
        banner.set_class_name("panic-banner");
        let _ = banner.set_attribute("role", "alert");
        banner.set_text_content(Some(
            "Something went wrong in the dashboard. Reload the page to continue; \
             if it happens again, please report it.",
        ));
        let _ = body.prepend_with_node_1(&banner);
    }
}
