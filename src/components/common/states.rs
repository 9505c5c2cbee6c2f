//! Loading skeletons and empty states.

use leptos::prelude::*;

/// `count` grey bars while something loads; announced as busy.
#[component]
pub fn Skeleton(#[prop(default = 3)] count: usize, #[prop(into)] label: String) -> impl IntoView {
    view! {
        <div class="skeleton-group" role="status" aria-busy="true" aria-label=label>
            {(0..count).map(|_| view! { <div class="skeleton-line"></div> }).collect_view()}
        </div>
    }
}

/// Nothing here yet, and what to do about it.
#[component]
pub fn EmptyState(
    #[prop(into)] title: String,
    #[prop(into)] text: String,
    children: Children,
) -> impl IntoView {
    view! {
        <div class="empty-state">
            <div class="empty-state-icon" aria-hidden="true">
                "🔑"
            </div>
            <h3>{title}</h3>
            <p class="muted">{text}</p>
            {children()}
        </div>
    }
}
