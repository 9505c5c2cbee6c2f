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
            <svg
                class="empty-state-icon"
                aria-hidden="true"
                viewBox="0 0 24 24"
                width="40"
                height="40"
                fill="none"
                stroke="currentColor"
                stroke-width="1.75"
                stroke-linecap="round"
                stroke-linejoin="round"
            >
                // A key (Lucide's "key-round" shape).
                <circle cx="7.5" cy="15.5" r="5.5"></circle>
                <path d="m21 2-9.6 9.6"></path>
                <path d="m15.5 7.5 3 3L22 7l-3-3"></path>
            </svg>
            <h3>{title}</h3>
            <p class="muted">{text}</p>
            {children()}
        </div>
    }
}
