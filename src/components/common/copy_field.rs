//! A read-only value with a Copy button and, for secrets, a Show/Hide
//! toggle. Masked, it shows `•` repeated `min(len, 32)` times, as Hook0's
//! `Hook0CopyField` does; the secret is only in the DOM while revealed.
//!
//! A masked value is plain text, not a read-only `<input>`: the service
//! tokens list has one per row, and a thousand inputs (each with its own
//! editor inside) made the list several times slower to lay out. The input
//! appears when the value is revealed, where selecting part of it helps.

use std::time::Duration;

use leptos::prelude::*;

use crate::browser;
use crate::contexts::toasts::{use_toasts, Toasts};

/// How long a Copy button says "Copied ✓" (Hook0's 1.5 s).
const COPIED_FEEDBACK: Duration = Duration::from_millis(1500);

/// Copies `text` to the clipboard, then says so: a toast with
/// `copied_message`, and `copied` set for a moment so the button can show
/// "Copied ✓". A refused copy is an error toast instead.
pub fn copy_with_feedback(
    text: String,
    copied: RwSignal<bool>,
    toasts: Toasts,
    copied_message: &'static str,
) {
    leptos::task::spawn_local(async move {
        match browser::copy_text(&text).await {
            Ok(()) => {
                copied.set(true);
                toasts.success("Copied!", copied_message);
                set_timeout(move || copied.set(false), COPIED_FEEDBACK);
            }
            Err(message) => toasts.error("Error", &message),
        }
    });
}

/// A masked secret: `•` repeated `min(len, 32)` times.
pub fn mask(value: &str) -> String {
    "•".repeat(value.chars().count().min(32))
}

#[component]
pub fn CopyField(
    /// The value to show and copy.
    #[prop(into)]
    value: Signal<String>,
    /// The field's accessible name ("Token of CI pipeline").
    #[prop(into)]
    label: String,
    /// Masked until revealed.
    #[prop(optional)]
    maskable: bool,
    /// The toast after a successful copy.
    #[prop(default = "The value has been copied to the clipboard.")]
    copied_message: &'static str,
    /// Show as a multi-line block (long tokens, snippets) instead of one line.
    #[prop(optional)]
    block: bool,
    /// Visible lines of a block field.
    #[prop(default = 4)]
    rows: u32,
) -> impl IntoView {
    let toasts = use_toasts();
    let revealed = RwSignal::new(!maskable);
    let copied = RwSignal::new(false);
    let shown = Signal::derive(move || {
        if revealed.get() {
            value.get()
        } else {
            value.with(|v| mask(v))
        }
    });
    let copy = move |_| copy_with_feedback(value.get_untracked(), copied, toasts, copied_message);
    // One line, read-only: the unmasked field, and the masked one once revealed.
    let line = move |label: String| {
        view! {
            <input
                class="copy-field-value mono"
                type="text"
                readonly
                spellcheck="false"
                aria-label=label
                prop:value=shown
            />
        }
    };
    let field = if block {
        view! {
            <textarea
                class="copy-field-value mono"
                readonly
                rows=rows.to_string()
                spellcheck="false"
                aria-label=label.clone()
                prop:value=shown
            ></textarea>
        }
        .into_any()
    } else if maskable {
        // The dots are a picture of a hidden value (role img, since a plain
        // span cannot carry a name): named "…, hidden" for screen readers.
        let masked_label = format!("{label}, hidden");
        let revealed_label = label.clone();
        view! {
            <Show
                when=move || revealed.get()
                fallback=move || {
                    view! {
                        <span
                            class="copy-field-value copy-field-masked mono"
                            role="img"
                            aria-label=masked_label.clone()
                        >
                            {move || shown.get()}
                        </span>
                    }
                }
            >
                {line(revealed_label.clone())}
            </Show>
        }
        .into_any()
    } else {
        line(label.clone()).into_any()
    };
    view! {
        <div class="copy-field" class:copy-field-block=block>
            {field}
            <div class="copy-field-actions">
                {maskable
                    .then(|| {
                        view! {
                            <button
                                type="button"
                                class="button button-small"
                                aria-pressed=move || revealed.get().to_string()
                                aria-label=move || {
                                    if revealed.get() { "Hide" } else { "Show" }
                                }
                                on:click=move |_| revealed.update(|r| *r = !*r)
                            >
                                {move || if revealed.get() { "Hide" } else { "Show" }}
                            </button>
                        }
                    })}
                <button type="button" class="button button-small" on:click=copy>
                    {move || if copied.get() { "Copied ✓" } else { "Copy" }}
                </button>
            </div>
        </div>
    }
}
