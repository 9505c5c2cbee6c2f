//! The attenuation panel of a token page: a simple and an advanced form,
//! an always-visible preview of exactly the block that will be appended, and
//! Generate, which attenuates in the browser through the core (no request
//! leaves the page) and shows the new token once.
//!
//! The panel only gathers choices into a [`DraftValues`]; the core turns
//! them into an `AttenuationRequest`, the block, the token and its summary
//! (see [`super::attenuation_model`]).
//! Attenuated tokens live in this component's memory only: never stored,
//! gone when the page is left.
//!
//! Under Generate, the live simulator decides every action for the token the
//! form would make right now (built in memory by the core, dropped after
//! each decision), so the effect of each choice shows before anything is
//! generated. Typing pauses before it recomputes: a full grid costs tens of
//! milliseconds, too much for every keystroke.

use std::time::Duration;

use chrono::{DateTime, Utc};

use leptos::prelude::*;
use token_core::attenuation::block_source;
use token_core::datalog::{validate, DatalogReport};

use super::advanced_form::AdvancedForm;
use super::attenuation_model::{generate, simulate, Draft, DraftValues, Generated, Mode};
use super::block_preview::BlockPreview;
use super::generated_token::GeneratedToken;
use super::simple_form::SimpleForm;
use super::simulator::{Simulator, LIVE};
use crate::api::applications::Application;
use crate::browser;
use crate::components::common::card::Card;
use crate::contexts::instance::use_instance;

/// How long typing must pause before the simulator recomputes.
const TYPING_PAUSE: Duration = Duration::from_millis(300);

#[component]
pub fn AttenuationPanel(
    /// The root token (base64).
    #[prop(into)]
    root: Signal<String>,
    #[prop(into)] organization_id: Signal<String>,
    /// The organization's applications, to restrict to.
    #[prop(into)]
    applications: Signal<Vec<Application>>,
) -> impl IntoView {
    let instance = use_instance();
    let mode = RwSignal::new(Mode::Simple);
    let draft = Draft::default();
    // Each result remembers the choices it was made from, and shows only
    // while the form still says the same thing.
    let outcome = RwSignal::new(None::<(DraftValues, Result<Generated, String>)>);

    // "Now" for expiry presets and lints, refreshed every 15 seconds; the
    // preview and Generate use the same value, so what is previewed is
    // exactly what is appended.
    let now = RwSignal::new(browser::now());
    if let Ok(handle) =
        set_interval_with_handle(move || now.set(browser::now()), Duration::from_secs(15))
    {
        on_cleanup(move || handle.clear());
    }

    let values = Memo::new(move |_| draft.values(mode.get()));
    let preview = Memo::new(move |_| {
        let v = values.get();
        let now = now.get();
        v.request(now)
            .and_then(|r| block_source(&r, now))
            .map_err(|e| e.to_string())
    });
    let report = Memo::new(move |_| {
        let v = values.get();
        if v.mode == Mode::Advanced {
            validate(&v.datalog, &v.lint_context(now.get()))
        } else {
            DatalogReport::default()
        }
    });

    // The simulator follows the form: at once for a click or a choice, after
    // a pause in typing (Datalog, a custom date) so keys stay responsive.
    let settled = RwSignal::new(values.get_untracked());
    let typing_timer = StoredValue::new(None::<TimeoutHandle>);
    Effect::new(move || {
        let latest = values.get();
        if let Some(timer) = typing_timer.get_value() {
            timer.clear();
        }
        let typed = settled.with_untracked(|s| {
            s.datalog != latest.datalog || s.custom_expiry != latest.custom_expiry
        });
        if !typed {
            if settled.with_untracked(|s| *s != latest) {
                settled.set(latest);
            }
            return;
        }
        let pause = set_timeout_with_handle(move || settled.set(latest), TYPING_PAUSE);
        typing_timer.set_value(pause.ok());
    });
    on_cleanup(move || {
        if let Some(timer) = typing_timer.get_value() {
            timer.clear();
        }
    });
    let catching_up = Signal::derive(move || values.with(|v| settled.with(|s| s != v)));
    let simulated = move |at: Option<DateTime<Utc>>| {
        let key = instance.and_then(|i| i.public_key()).and_then(Result::ok);
        let now = now.get();
        settled.with(|v| {
            applications.with(|apps| {
                simulate(
                    &root.get(),
                    v,
                    now,
                    at.unwrap_or(now),
                    key.as_ref(),
                    &organization_id.get(),
                    apps,
                )
            })
        })
    };

    let current = move || {
        outcome.with(|o| match o {
            Some((made_from, result)) if *made_from == values.get() => Some(result.clone()),
            _ => None,
        })
    };
    let failure = move || current().and_then(Result::err);
    let generated = move || current().and_then(Result::ok);

    let simple_radio = NodeRef::<leptos::html::Button>::new();
    let advanced_radio = NodeRef::<leptos::html::Button>::new();
    let switch_mode = move |next: Mode| {
        if mode.get_untracked() != next {
            draft.reset();
            mode.set(next);
        }
    };

    let on_generate = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let key = instance.and_then(|i| i.public_key()).and_then(Result::ok);
        let made_from = values.get_untracked();
        let result = generate(
            &root.get_untracked(),
            &made_from,
            now.get_untracked(),
            key,
            &organization_id.get_untracked(),
            &applications.get_untracked(),
        );
        outcome.set(Some((made_from, result.map_err(|e| e.to_string()))));
    };
    let key_problem = move || instance.and_then(|i| i.public_key()).and_then(Result::err);

    view! {
        <Card heading_id="attenuation-heading" title="Token Attenuation & Permissions">
            <p class="muted">
                "Restrict this token and generate a new one, right here in your browser: nothing is sent to the server. "
                "Hook0 only stores the root token, never attenuated ones; but if you revoke the root token, every token derived from it is revoked too."
            </p>
            <div
                class="segmented"
                role="radiogroup"
                aria-label="Configuration mode"
                on:keydown=move |ev: leptos::ev::KeyboardEvent| {
                    // The radio pattern: arrows move the choice (and focus).
                    let next = match ev.key().as_str() {
                        "ArrowLeft" | "ArrowUp" => Mode::Simple,
                        "ArrowRight" | "ArrowDown" => Mode::Advanced,
                        _ => return,
                    };
                    ev.prevent_default();
                    switch_mode(next);
                    let target = match next {
                        Mode::Simple => simple_radio,
                        Mode::Advanced => advanced_radio,
                    };
                    if let Some(button) = target.get_untracked() {
                        let _ = button.focus();
                    }
                }
            >
                // Roving tabindex: only the checked choice is in the tab order.
                {[(Mode::Simple, simple_radio, "Simple"), (Mode::Advanced, advanced_radio, "Advanced")]
                    .map(|(choice, node, label)| {
                        view! {
                            <button
                                type="button"
                                role="radio"
                                node_ref=node
                                tabindex=move || if mode.get() == choice { "0" } else { "-1" }
                                aria-checked=move || (mode.get() == choice).to_string()
                                on:click=move |_| switch_mode(choice)
                            >
                                {label}
                            </button>
                        }
                    })
                    .collect_view()}
            </div>
            <p class="help">
                {move || match mode.get() {
                    Mode::Simple => {
                        "Quickly scope your token to a single application with preset expiry durations."
                    }
                    Mode::Advanced => {
                        "Full control: several applications, an action allowlist and custom Datalog, checked as you type."
                    }
                }}
            </p>
            {move || {
                key_problem()
                    .map(|message| {
                        view! {
                            <p class="alert alert-warning" role="alert">
                                {message}
                                " The token can still be attenuated, but its signature cannot be checked here."
                            </p>
                        }
                    })
            }}
            <form class="form attenuation-form" on:submit=on_generate novalidate>
                {move || match mode.get() {
                    Mode::Simple => view! { <SimpleForm draft applications /> }.into_any(),
                    Mode::Advanced => {
                        view! { <AdvancedForm draft applications report /> }.into_any()
                    }
                }}
                <BlockPreview preview />
                <p class="field-error" role="alert">
                    {failure}
                </p>
                <div class="button-row">
                    <button
                        type="submit"
                        class="button button-primary"
                        disabled=move || {
                            preview.with(Result::is_err) || !report.with(DatalogReport::is_ok)
                                || instance.is_some_and(|i| i.config().is_none())
                        }
                    >
                        "Generate Attenuated Token"
                    </button>
                </div>
            </form>
            <div class="live-simulation">
                <h3>"What the token being built would do"</h3>
                <p class="help">
                    "Decided as you edit, in your browser, for the token Generate would make now: nothing is sent."
                </p>
                <Simulator text=LIVE decide=simulated pending=catching_up />
            </div>
            {move || {
                generated()
                    .map(|g| {
                        view! {
                            <GeneratedToken
                                generated=g
                                organization_id=organization_id.get_untracked()
                                applications
                            />
                        }
                    })
            }}
        </Card>
    }
}
