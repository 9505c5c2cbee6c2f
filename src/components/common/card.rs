//! A titled card: the `<section class="card">` most pages are made of.

use leptos::prelude::*;

/// A card headed by an `<h2>` (`title`, with `heading_id`) that labels it,
/// so the heading's id and the section's `aria-labelledby` cannot drift apart.
#[component]
pub fn Card(heading_id: &'static str, title: &'static str, children: Children) -> impl IntoView {
    view! {
        <section class="card" aria-labelledby=heading_id>
            <h2 id=heading_id>{title}</h2>
            {children()}
        </section>
    }
}
