//! Simple mode: one application, an expiry preset (default 30 days), and
//! the guide's use-case presets. Also the expiry picker both modes share.

use leptos::prelude::*;
use token_core::expiry::ExpiryPreset;
use token_core::presets::UseCase;
use uuid::Uuid;

use super::attenuation_model::Draft;
use crate::api::applications::Application;

/// The application `<select>`: "Any application" or one of them.
#[component]
fn ApplicationSelect(
    draft: Draft,
    #[prop(into)] applications: Signal<Vec<Application>>,
) -> impl IntoView {
    let selected = move || {
        draft
            .applications
            .with(|a| a.first().map(Uuid::to_string))
            .unwrap_or_default()
    };
    view! {
        <div class="field">
            <label for="attenuation-application">"Reduce scope to one of your applications"</label>
            <select
                id="attenuation-application"
                aria-describedby="attenuation-application-help"
                on:change=move |ev| {
                    let value = event_target_value(&ev);
                    draft.applications.set(Uuid::parse_str(&value).ok().into_iter().collect());
                }
                prop:value=selected
            >
                <option value="">"Any application"</option>
                {move || {
                    applications
                        .get()
                        .into_iter()
                        .map(|a| {
                            view! { <option value=a.application_id.clone()>{a.name}</option> }
                        })
                        .collect_view()
                }}
            </select>
            <p id="attenuation-application-help" class="help">
                "By default, tokens can access any of your applications."
            </p>
        </div>
    }
}

/// The expiry presets, and a date field for a custom one.
#[component]
pub fn ExpiryPicker(draft: Draft) -> impl IntoView {
    view! {
        <div class="field">
            <label for="attenuation-expiry">"Expiry"</label>
            <select
                id="attenuation-expiry"
                aria-describedby="attenuation-expiry-help"
                prop:value=move || draft.expiry.get().key()
                on:change=move |ev| {
                    if let Some(p) = ExpiryPreset::from_key(&event_target_value(&ev)) {
                        draft.expiry.set(p);
                    }
                }
            >
                {ExpiryPreset::ALL
                    .into_iter()
                    .map(|p| view! { <option value=p.key()>{p.label()}</option> })
                    .collect_view()}
            </select>
            <p id="attenuation-expiry-help" class="help">
                "By default, tokens do not expire. Setting an expiry is recommended."
            </p>
        </div>
        <Show when=move || draft.expiry.get() == ExpiryPreset::Custom>
            <div class="field">
                <label for="attenuation-custom-expiry">"Custom expiry date"</label>
                <input
                    id="attenuation-custom-expiry"
                    type="datetime-local"
                    aria-describedby="attenuation-custom-expiry-help"
                    prop:value=move || draft.custom_expiry.get()
                    on:input=move |ev| draft.custom_expiry.set(event_target_value(&ev))
                />
                <p id="attenuation-custom-expiry-help" class="help">
                    "In your browser's time zone."
                </p>
            </div>
        </Show>
    }
}

/// One-click presets from the Hook0 guide; each fills the expiry and
/// allowlist, the application stays to be chosen.
#[component]
fn UseCasePresets(draft: Draft) -> impl IntoView {
    view! {
        <fieldset class="use-cases">
            <legend>"Use case presets"</legend>
            <div class="use-case-grid">
                {UseCase::ALL
                    .into_iter()
                    .map(|uc| {
                        view! {
                            <button
                                type="button"
                                class="use-case"
                                aria-pressed=move || (draft.use_case.get() == Some(uc)).to_string()
                                on:click=move |_| draft.apply_use_case(uc)
                            >
                                <strong>{uc.label()}</strong>
                                <span class="muted small">{uc.description()}</span>
                            </button>
                        }
                    })
                    .collect_view()}
            </div>
            {move || {
                draft
                    .actions
                    .get()
                    .map(|names| {
                        view! {
                            <p class="help">
                                {format!("Allowed actions: {}", names.join(", "))}
                            </p>
                        }
                    })
            }}
            <Show when=move || draft.use_case.get().is_some()>
                <div>
                    <button
                        type="button"
                        class="button button-small"
                        on:click=move |_| draft.clear_use_case()
                    >
                        "Clear preset"
                    </button>
                </div>
            </Show>
        </fieldset>
    }
}

#[component]
pub fn SimpleForm(
    draft: Draft,
    #[prop(into)] applications: Signal<Vec<Application>>,
) -> impl IntoView {
    view! {
        <UseCasePresets draft />
        <ApplicationSelect draft applications />
        <ExpiryPicker draft />
    }
}
