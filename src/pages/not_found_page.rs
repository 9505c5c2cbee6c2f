//! Any path no route matches.

use leptos::prelude::*;
use leptos_router::components::A;

use crate::pages::set_page_title;

#[component]
pub fn NotFoundPage() -> impl IntoView {
    set_page_title("Page not found");
    view! {
        <main id="main" class="auth-page">
            <section class="card auth-card">
                <h1>"Page not found"</h1>
                <p>"There is nothing at this address."</p>
                <A href="/">"Go to the dashboard"</A>
            </section>
        </main>
    }
}
