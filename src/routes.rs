//! The one route table of the dashboard, and the href builders every link and
//! redirect uses (no `format!` URLs scattered in views).
//!
//! The service-token paths are Hook0's own (`frontend/src/routes.ts`), so a
//! Hook0 user's bookmarks work here too.

use leptos::prelude::*;
use leptos_router::components::{ParentRoute, Route, Router, Routes};
use leptos_router::hooks::{use_location, use_navigate};
use leptos_router::{path, NavigateOptions};

use crate::components::layout::app_shell::AppShell;
use crate::pages::actions_page::ActionsPage;
use crate::pages::home_page::HomePage;
use crate::pages::inspect_page::InspectPage;
use crate::pages::login_page::LoginPage;
use crate::pages::not_found_page::NotFoundPage;
use crate::pages::organizations_page::OrganizationsPage;
use crate::pages::register_page::RegisterPage;
use crate::pages::service_token_page::ServiceTokenPage;
use crate::pages::service_tokens_page::{
    CreateTokenDialog, EditTokenDialog, ListTitle, ServiceTokensPage,
};
use crate::pages::settings_page::SettingsPage;

/// The login page.
pub const LOGIN: &str = "/login";
/// The registration page (shown when the instance allows registration).
pub const REGISTER: &str = "/register";
/// The organization picker.
pub const ORGANIZATIONS: &str = "/organizations";
/// The API location and theme.
pub const SETTINGS: &str = "/settings";
/// The action catalogue, for reference.
pub const ACTIONS: &str = "/actions";
/// The token inspector.
pub const INSPECT: &str = "/inspect";

/// Every screen, in one place. Pages under the shell require a session.
#[component]
pub fn AppRoutes() -> impl IntoView {
    view! {
        <Router>
            <Routes fallback=|| view! { <NotFoundPage /> }>
                <Route path=path!("/login") view=LoginPage />
                <Route path=path!("/register") view=RegisterPage />
                <Route path=path!("/settings") view=SettingsPage />
                <ParentRoute path=path!("") view=AppShell>
                    <Route path=path!("") view=HomePage />
                    <Route path=path!("/actions") view=ActionsPage />
                    <Route path=path!("/inspect") view=InspectPage />
                    <Route path=path!("/organizations") view=OrganizationsPage />
                    <ParentRoute
                        path=path!("/organizations/:organization_id/service_tokens")
                        view=ServiceTokensPage
                    >
                        <Route path=path!("") view=ListTitle />
                        <Route path=path!("/new") view=CreateTokenDialog />
                        <Route
                            path=path!("/:service_token_id/edit")
                            view=EditTokenDialog
                        />
                    </ParentRoute>
                    <Route
                        path=path!(
                            "/organizations/:organization_id/service_tokens/:service_token_id"
                        )
                        view=ServiceTokenPage
                    />
                    // Hook0's old spelling, rewritten as Hook0 does.
                    <Route
                        path=path!("/organizations/:organization_id/services_tokens")
                        view=LegacyRedirect
                    />
                    <Route
                        path=path!(
                            "/organizations/:organization_id/services_tokens/:service_token_id"
                        )
                        view=LegacyRedirect
                    />
                </ParentRoute>
            </Routes>
        </Router>
    }
}

/// Rewrites Hook0's old `services_tokens` paths to `service_tokens`.
#[component]
fn LegacyRedirect() -> impl IntoView {
    let location = use_location();
    let navigate = use_navigate();
    let target =
        location
            .pathname
            .get_untracked()
            .replacen("/services_tokens", "/service_tokens", 1);
    // Syncs with the router only.
    Effect::new(move || {
        navigate(
            &target,
            NavigateOptions {
                replace: true,
                ..Default::default()
            },
        )
    });
}

/// `/organizations/{org}/service_tokens`
pub fn service_tokens(organization_id: &str) -> String {
    format!("/organizations/{organization_id}/service_tokens")
}

/// `/organizations/{org}/service_tokens/new`
pub fn new_service_token(organization_id: &str) -> String {
    format!("{}/new", service_tokens(organization_id))
}

/// `/organizations/{org}/service_tokens/{id}`
pub fn service_token(organization_id: &str, token_id: &str) -> String {
    format!("{}/{token_id}", service_tokens(organization_id))
}

/// `/organizations/{org}/service_tokens/{id}/edit`
pub fn edit_service_token(organization_id: &str, token_id: &str) -> String {
    format!("{}/edit", service_token(organization_id, token_id))
}

/// `/login`, with `redirect_to` when there is a safe page to come back to.
pub fn login(redirect_to: Option<&str>) -> String {
    match redirect_to.and_then(safe_redirect) {
        Some(target) => format!("{LOGIN}?redirect_to={}", encode_query_value(target)),
        None => LOGIN.to_owned(),
    }
}

/// `redirect_to` if it is a safe relative path, as Hook0's login page checks
/// it: it starts with `/`, not with `//` (another host), and is not the login
/// or register page (a loop). A backslash after the first `/` is refused
/// too, because browsers read `/\host` as `//host`.
pub fn safe_redirect(target: &str) -> Option<&str> {
    let path = target.split(['?', '#']).next().unwrap_or_default();
    let is_auth_page = [LOGIN, REGISTER]
        .iter()
        .any(|page| path == *page || path.strip_prefix(page) == Some("/"));
    (target.starts_with('/')
        && !target.starts_with("//")
        && !target.starts_with("/\\")
        && !target.chars().any(char::is_control)
        && !is_auth_page)
        .then_some(target)
}

/// Percent-encodes a query value (RFC 3986 unreserved characters and `/`
/// stay as they are).
fn encode_query_value(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for byte in value.bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' | b'/' => {
                out.push(byte as char)
            }
            _ => out.push_str(&format!("%{byte:02X}")),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builds_hook0_paths() {
        assert_eq!(service_tokens("o"), "/organizations/o/service_tokens");
        assert_eq!(
            new_service_token("o"),
            "/organizations/o/service_tokens/new"
        );
        assert_eq!(service_token("o", "t"), "/organizations/o/service_tokens/t");
        assert_eq!(
            edit_service_token("o", "t"),
            "/organizations/o/service_tokens/t/edit"
        );
    }

    #[test]
    fn redirects_only_to_safe_relative_paths() {
        assert_eq!(safe_redirect("/organizations"), Some("/organizations"));
        assert_eq!(safe_redirect("/a?b=c"), Some("/a?b=c"));
        for bad in [
            "https://evil.example",
            "//evil.example",
            "/\\evil.example",
            "/login",
            "/login?redirect_to=/x",
            "/register",
            "relative",
            "",
        ] {
            assert_eq!(safe_redirect(bad), None, "{bad}");
        }
    }

    #[test]
    fn login_keeps_a_safe_target_encoded() {
        assert_eq!(login(None), "/login");
        assert_eq!(login(Some("//evil")), "/login");
        assert_eq!(
            login(Some("/organizations/o/service_tokens?x=1")),
            "/login?redirect_to=/organizations/o/service_tokens%3Fx%3D1"
        );
    }
}
