//! A labelled one-line input with its inline error, as the log-in and
//! registration forms write each of their fields.

use leptos::prelude::*;

use super::error_card::InlineError;

/// A label, an input and the error under it. The error's id is
/// `{id}-error`: the input points at it with `aria-describedby`, and is
/// `aria-invalid` while there is a message.
#[component]
pub fn TextField(
    /// The input's id (the label's `for`).
    #[prop(into)]
    id: String,
    label: &'static str,
    /// The input's `type`: `text`, `email`, `password`…
    kind: &'static str,
    autocomplete: &'static str,
    /// What the input shows.
    #[prop(into)]
    value: Signal<String>,
    /// Called with the new text at each keystroke.
    #[prop(into)]
    on_input: Callback<String>,
    /// The error to show, if any.
    #[prop(into)]
    message: Signal<Option<String>>,
    /// Adds the `required` attribute.
    #[prop(optional)]
    required: bool,
    /// Adds the `autofocus` attribute (one field per page at most).
    #[prop(optional)]
    autofocus: bool,
) -> impl IntoView {
    let error_id = format!("{id}-error");
    view! {
        <div class="field">
            <label for=id.clone()>{label}</label>
            <input
                id=id
                type=kind
                autocomplete=autocomplete
                autofocus=autofocus
                required=required
                aria-invalid=move || message.get().is_some().to_string()
                aria-describedby=error_id.clone()
                prop:value=value
                on:input=move |ev| on_input.run(event_target_value(&ev))
            />
            <InlineError message id=error_id />
        </div>
    }
}
