//! An API error as a card: the problem's title and status, its detail, and
//! a Retry button. A network failure says the API cannot be reached.

use leptos::prelude::*;

use crate::api::ApiError;

#[component]
pub fn ErrorCard(
    error: ApiError,
    /// Shown as a Retry button when given.
    #[prop(optional, into)]
    on_retry: Option<Callback<()>>,
) -> impl IntoView {
    view! {
        <section class="card error-card" role="alert">
            <h2 class="error-card-title">{error.title()}</h2>
            <p>{error.detail()}</p>
            {on_retry
                .map(|retry| {
                    view! {
                        <button type="button" class="button" on:click=move |_| retry.run(())>
                            "Retry"
                        </button>
                    }
                })}
        </section>
    }
}

/// A one-line inline error (under a field or a form).
#[component]
pub fn InlineError(#[prop(into)] message: Signal<Option<String>>, id: String) -> impl IntoView {
    view! {
        <p id=id class="field-error" role="alert" aria-live="polite">
            {move || message.get()}
        </p>
    }
}
