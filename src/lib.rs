//! The Hook0 Service Tokens dashboard: a Leptos app rendered in the browser
//! (client-side, compiled to wasm by Trunk).
//!
//! Every rule about tokens lives in [`token_core`]; this crate owns the views
//! ([`pages`], [`components`]), the API client ([`api`]), app-wide state
//! ([`contexts`]) and the route table ([`routes`]).

pub mod api;
pub mod browser;
pub mod components;
pub mod contexts;
pub mod pages;
pub mod routes;

use leptos::prelude::*;

use components::common::toast_region::ToastRegion;
use contexts::instance::provide_instance;
use contexts::session::provide_session;
use contexts::toasts::provide_toasts;

/// The product name, as every page title and header shows it.
pub const PRODUCT_NAME: &str = "Hook0 Service Tokens";

/// The root component, mounted on `<body>` by `main`: the app-wide contexts,
/// the routes, and the toasts.
#[component]
pub fn App() -> impl IntoView {
    browser::apply_theme(browser::load(browser::keys::THEME).as_deref());
    provide_toasts();
    pages::provide_page_announcer();
    provide_instance();
    provide_session();
    view! {
        <routes::AppRoutes />
        <ToastRegion />
        <pages::PageAnnouncement />
    }
}
