//! `/actions`: the Hook0 action catalogue, for reference when writing an
//! allowlist or custom Datalog.

use leptos::prelude::*;

use crate::components::catalogue_table::CatalogueTable;
use crate::pages::set_page_title;

#[component]
pub fn ActionsPage() -> impl IntoView {
    set_page_title("Actions");
    view! {
        <div class="page">
            <h1>"Actions"</h1>
            <p class="muted">
                "Every action the Hook0 authorizer checks. An attenuated token's allowlist names some of them."
            </p>
            <CatalogueTable />
        </div>
    }
}
