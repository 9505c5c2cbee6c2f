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

use leptos::prelude::*;

/// The page title, announced to screen readers after each navigation (a
/// client-side route change is otherwise silent for them).
#[derive(Debug, Clone, Copy)]
pub struct PageAnnouncer(RwSignal<String>);

/// Provides the announcer; render [`PageAnnouncement`] once.
pub fn provide_page_announcer() {
    provide_context(PageAnnouncer(RwSignal::new(String::new())));
}

/// A polite live region with the current page's title.
#[component]
pub fn PageAnnouncement() -> impl IntoView {
    let title = use_context::<PageAnnouncer>().map(|a| a.0);
    view! {
        <div class="visually-hidden" aria-live="polite" aria-atomic="true">
            {move || title.map(|t| t.get()).unwrap_or_default()}
        </div>
    }
}

/// `document.title` for a page: "Service Tokens — Hook0 Service Tokens",
/// also announced to screen readers.
pub fn set_page_title(title: &str) {
    crate::browser::set_title(&format!("{title} — {}", crate::PRODUCT_NAME));
    if let Some(PageAnnouncer(announced)) = use_context::<PageAnnouncer>() {
        if announced.get_untracked() != title {
            announced.set(title.to_owned());
        }
    }
}
