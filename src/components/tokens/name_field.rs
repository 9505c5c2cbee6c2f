//! The service-token name input, checked as the person types with Hook0's
//! own rule from the core (`names::service_token_name`: required, at most
//! 50 characters, no control characters).

use leptos::prelude::*;
use token_core::names::{service_token_name, MAX_NAME_CHARS};

use crate::components::common::error_card::InlineError;

/// The message for a name, if it is refused.
pub fn name_message(raw: &str) -> Option<String> {
    service_token_name(raw).err().map(|e| e.to_string())
}

#[component]
pub fn NameField(
    name: RwSignal<String>,
    /// Show the rule's message (after the first keystroke or a submit).
    touched: RwSignal<bool>,
    /// What the server said about the name, if anything.
    #[prop(into)]
    server_error: Signal<Option<String>>,
    id: &'static str,
) -> impl IntoView {
    let error_id = format!("{id}-error");
    let message = Signal::derive(move || {
        let rule = if touched.get() {
            name.with(|n| name_message(n))
        } else {
            None
        };
        rule.or_else(|| server_error.get())
    });
    let count = move || name.with(|n| n.trim().chars().count());
    view! {
        <div class="field">
            <label for=id>"Name"</label>
            <input
                id=id
                type="text"
                placeholder="Name"
                autocomplete="off"
                autofocus
                aria-invalid=move || message.get().is_some().to_string()
                aria-describedby=format!("{id}-count {error_id}")
                prop:value=name
                on:input=move |ev| {
                    name.set(event_target_value(&ev));
                    touched.set(true);
                }
            />
            <p
                id=format!("{id}-count")
                class=move || { if count() > MAX_NAME_CHARS { "help help-over" } else { "help" } }
            >
                {move || format!("{} / {MAX_NAME_CHARS} characters", count())}
            </p>
            <InlineError message id=error_id />
        </div>
    }
}
