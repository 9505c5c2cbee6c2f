//! The card the logged-out pages (log in, create an account) stand in: the
//! product's name, a heading, an alert line, and the link to the other page.

use leptos::prelude::*;
use leptos_router::components::A;

/// The page's `<main>` and its centred card, headed by the product's name
/// and `title` (an `<h1>` with `heading_id`, which labels the card).
#[component]
pub fn AuthCard(
    heading_id: &'static str,
    title: &'static str,
    children: Children,
) -> impl IntoView {
    view! {
        <main id="main" class="auth-page">
            <section class="card auth-card" aria-labelledby=heading_id>
                <p class="brand brand-large">{crate::PRODUCT_NAME}</p>
                <h1 id=heading_id>{title}</h1>
                {children()}
            </section>
        </main>
    }
}

/// What the last submission gave, above the form: `(message, is_error)`, an
/// error in red, a notice (such as "check your e-mail") in blue.
#[component]
pub fn FormAlert(#[prop(into)] outcome: Signal<Option<(String, bool)>>) -> impl IntoView {
    move || {
        outcome.get().map(|(message, is_error)| {
            let class = if is_error {
                "alert alert-danger"
            } else {
                "alert alert-info"
            };
            view! {
                <p class=class role="alert">
                    {message}
                </p>
            }
        })
    }
}

/// The small line under the form that leads to the other page: "No account
/// yet? Create an account", "Already have an account? Log in".
#[component]
pub fn SwitchLink(
    question: &'static str,
    href: &'static str,
    label: &'static str,
) -> impl IntoView {
    view! {
        <p class="small">
            {question} " " <A href=href>{label}</A>
        </p>
    }
}
