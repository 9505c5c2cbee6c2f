//! `/settings`: which Hook0 API to talk to (same origin by default, kept in
//! localStorage), and the colour theme. Reachable logged out too, since a
//! wrong API location is exactly what keeps someone from logging in.

use leptos::prelude::*;
use leptos_router::components::A;

use crate::api::{self, check_base_url};
use crate::browser::{self, keys};
use crate::components::common::card::Card;
use crate::components::common::error_card::InlineError;
use crate::pages::set_page_title;

#[component]
pub fn SettingsPage() -> impl IntoView {
    set_page_title("Settings");
    let saved = browser::load(keys::API_URL).unwrap_or_default();
    let url = RwSignal::new(saved.clone());
    let message = RwSignal::new(None::<String>);
    let status = RwSignal::new(None::<String>);

    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        match check_base_url(&url.get_untracked()) {
            Err(e) => message.set(Some(e)),
            Ok(clean) => {
                message.set(None);
                if clean.is_empty() {
                    browser::forget(keys::API_URL);
                } else {
                    browser::store(keys::API_URL, &clean);
                }
                // The session belongs to the previous API: start afresh.
                browser::forget(keys::AUTH);
                status.set(Some("Saved. Reloading…".to_owned()));
                browser::reload();
            }
        }
    };
    let reset = move |_| {
        url.set(String::new());
        browser::forget(keys::API_URL);
        browser::forget(keys::AUTH);
        browser::reload();
    };

    let theme = RwSignal::new(browser::load(keys::THEME).unwrap_or_default());
    let on_theme = move |ev| {
        let value = event_target_value(&ev);
        match value.as_str() {
            "light" | "dark" => {
                browser::store(keys::THEME, &value);
                browser::apply_theme(Some(&value));
            }
            _ => {
                browser::forget(keys::THEME);
                browser::apply_theme(None);
            }
        }
        theme.set(value);
    };

    view! {
        <main id="main" class="page page-narrow">
            <p>
                <A href="/">"← Back to the dashboard"</A>
            </p>
            <h1>"Settings"</h1>
            <Card heading_id="api-heading" title="API location">
                <p class="muted">
                    "By default the dashboard talks to the API of the server it was loaded from. "
                    "Point it at another Hook0 API here; changing it logs you out."
                </p>
                <p>"In use now: " <code>{api::base_url()}</code></p>
                <form class="form" on:submit=on_submit novalidate>
                    <div class="field">
                        <label for="api-url">"API base URL"</label>
                        <input
                            id="api-url"
                            type="url"
                            placeholder="Same origin (leave empty)"
                            aria-invalid=move || message.get().is_some().to_string()
                            aria-describedby="api-url-help api-url-error"
                            prop:value=url
                            on:input=move |ev| url.set(event_target_value(&ev))
                        />
                        <p id="api-url-help" class="help">
                            "For example https://app.hook0.com. Without /api/v1. The API must allow this page's origin (CORS)."
                        </p>
                        <InlineError message id="api-url-error".to_owned() />
                    </div>
                    <div class="button-row">
                        <button type="submit" class="button button-primary">
                            "Save"
                        </button>
                        <button
                            type="button"
                            class="button"
                            on:click=reset
                            disabled=saved.is_empty()
                        >
                            "Use the same origin"
                        </button>
                    </div>
                    <p role="status">{move || status.get()}</p>
                </form>
            </Card>
            <Card heading_id="theme-heading" title="Appearance">
                <div class="field">
                    <label for="theme">"Theme"</label>
                    <select id="theme" on:change=on_theme prop:value=theme>
                        <option value="">"System"</option>
                        <option value="light">"Light"</option>
                        <option value="dark">"Dark"</option>
                    </select>
                </div>
            </Card>
        </main>
    }
}
