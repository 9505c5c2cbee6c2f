//! The Hook0 Service Tokens dashboard: a Leptos app rendered in the browser
//! (client-side, compiled to wasm by Trunk).
//!
//! Every rule about tokens lives in [`token_core`]; this crate only owns views.
//! For now the page shows the product name and the action catalogue, which
//! proves the core runs in the browser; the full dashboard replaces it.

pub mod components;

use components::catalogue_table::CatalogueTable;
use leptos::prelude::*;

/// The product name, as every page title and header shows it.
pub const PRODUCT_NAME: &str = "Hook0 Service Tokens";

/// The root component, mounted on `<body>` by `main`.
#[component]
pub fn App() -> impl IntoView {
    view! {
        <header class="app-header">
            <h1 class="app-title">{PRODUCT_NAME}</h1>
            <p class="app-tagline">
                "Create, restrict and inspect Biscuit service tokens for the Hook0 API."
            </p>
        </header>
        <main class="app-main">
            <CatalogueTable />
        </main>
    }
}
