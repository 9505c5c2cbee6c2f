//! The shell of signed-in pages: a skip link, the top bar (product name,
//! organization switcher, navigation, user, log out) and the page.
//!
//! It is also the auth guard: without a session it sends the person to the
//! login page with `redirect_to` set to where they were, so an expired
//! session comes back to the same page after logging in again.

use leptos::prelude::*;
use leptos_router::components::{Outlet, A};
use leptos_router::hooks::{use_location, use_navigate};
use leptos_router::NavigateOptions;

use super::organization_switcher::OrganizationSwitcher;
use crate::contexts::organizations::{provide_organizations, remembered};
use crate::contexts::session::use_session;
use crate::routes;
use crate::PRODUCT_NAME;

/// The organization in the current path (`/organizations/{id}/…`).
pub fn organization_in_path(path: &str) -> Option<String> {
    let rest = path.strip_prefix("/organizations/")?;
    let id = rest.split('/').next()?;
    (!id.is_empty()).then(|| id.to_owned())
}

#[component]
pub fn AppShell() -> impl IntoView {
    let session = use_session();
    provide_organizations(session);
    let location = use_location();
    let navigate = use_navigate();

    // Syncs with the router only: leave for the login page when the
    // session is gone (never logged in, expired, or logged out elsewhere).
    Effect::new(move || {
        if !session.is_logged_in() {
            let here = format!(
                "{}{}",
                location.pathname.get_untracked(),
                location.search.get_untracked()
            );
            let back = (here != "/").then_some(here.as_str());
            navigate(
                &routes::login(back),
                NavigateOptions {
                    replace: true,
                    ..Default::default()
                },
            );
        }
    });

    let current_org =
        Memo::new(move |_| organization_in_path(&location.pathname.get()).or_else(remembered));
    let tokens_href = move || {
        current_org
            .get()
            .map(|id| routes::service_tokens(&id))
            .unwrap_or_else(|| routes::ORGANIZATIONS.to_owned())
    };
    let logout = move |_| {
        leptos::task::spawn_local(async move { session.logout().await });
    };

    view! {
        <a class="skip-link" href="#main">
            "Skip to content"
        </a>
        <header class="topbar">
            <div class="topbar-inner">
                <A href="/" attr:class="brand">
                    {PRODUCT_NAME}
                </A>
                <OrganizationSwitcher current=current_org />
                <nav class="topbar-nav" aria-label="Main">
                    <A href=tokens_href>"Service tokens"</A>
                    <A href=routes::INSPECT>"Inspect"</A>
                    <A href=routes::ACTIONS>"Actions"</A>
                    <A href=routes::SETTINGS>"Settings"</A>
                </nav>
                <div class="topbar-user">
                    <span class="muted user-label">{move || session.user_label()}</span>
                    <button type="button" class="button button-small" on:click=logout>
                        "Log out"
                    </button>
                </div>
            </div>
        </header>
        <main id="main" class="app-main" tabindex="-1">
            <Show when=move || session.is_logged_in()>
                <Outlet />
            </Show>
        </main>
    }
}

#[cfg(test)]
mod tests {
    use super::organization_in_path;

    #[test]
    fn reads_the_organization_from_the_path() {
        assert_eq!(
            organization_in_path("/organizations/abc/service_tokens").as_deref(),
            Some("abc")
        );
        assert_eq!(organization_in_path("/organizations"), None);
        assert_eq!(organization_in_path("/organizations/"), None);
        assert_eq!(organization_in_path("/settings"), None);
    }
}
