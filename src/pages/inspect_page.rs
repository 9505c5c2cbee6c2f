//! `/inspect`: paste any token and read it, decoded by the core in the
//! browser: whether this instance signed it, what it may do in plain words
//! and action by action, and its blocks. The first thing to try when a
//! token gets "Authentication failed", and which root token of the
//! organization it derives from (or that its root is gone). Nothing is sent and nothing is kept:
//! the token lives in this page's memory only.

use leptos::prelude::*;
use token_core::inspect::{inspect, Inspection};
use token_core::token::Token;

use crate::api::applications::Application;
use crate::browser;
use crate::components::tokens::attenuation_model::{permissions, Permissions};
use crate::components::tokens::permission_grid::PermissionGrid;
use crate::components::tokens::token_lineage::TokenLineage;
use crate::contexts::instance::use_instance;
use crate::pages::set_page_title;

/// What the page shows for a pasted token.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Reading {
    inspection: Inspection,
    summary: String,
    /// `Ok` with a sentence when verified, `Err` with why not.
    signature: Result<String, String>,
    permissions: Option<Permissions>,
}

fn read(
    text: &str,
    key: Option<token_core::biscuit_auth::PublicKey>,
    at: chrono::DateTime<chrono::Utc>,
) -> Result<Reading, String> {
    let (token, signature) = match Token::parse(text, key.as_ref()) {
        Ok(t) if key.is_some() => (t, Ok("Signed by this instance's key.".to_owned())),
        Ok(t) => (
            t,
            Err(
                "The instance's public key is unavailable: the signature was not checked."
                    .to_owned(),
            ),
        ),
        Err(e) => (
            Token::parse(text, None).map_err(|e| e.to_string())?,
            Err(e.to_string()),
        ),
    };
    let inspection = inspect(&token).map_err(|e| e.to_string())?;
    let summary = inspection.summary(|_| None);
    // Decisions need a verified token and its organization; the
    // applications are the ones the token itself names, if any.
    let permissions = match (token.verified(), inspection.authority.organization_id) {
        (Some(biscuit), Some(org)) => {
            let apps: Vec<Application> = inspection
                .restrictions
                .applications
                .iter()
                .flatten()
                .map(|id| Application {
                    application_id: id.to_string(),
                    name: format!("App {}", &id.to_string()[..8]),
                })
                .collect();
            Some(permissions(biscuit, org, &apps, at))
        }
        _ => None,
    };
    Ok(Reading {
        inspection,
        summary,
        signature,
        permissions,
    })
}

/// Where the token comes from, when it names its organization.
fn lineage(inspection: &Inspection) -> impl IntoView {
    let org = inspection.authority.organization_id?;
    let revocation_id = inspection.root_revocation_id()?.to_owned();
    Some(view! {
        <TokenLineage
            organization_id=org.to_string()
            revocation_id
            is_root=inspection.blocks.len() == 1
        />
    })
}

#[component]
pub fn InspectPage() -> impl IntoView {
    set_page_title("Inspect a token");
    let instance = use_instance();
    let text = RwSignal::new(String::new());
    let when = RwSignal::new(String::new());
    let reading = Memo::new(move |_| {
        let key = instance.and_then(|i| i.public_key()).and_then(Result::ok);
        // The grid at the chosen moment (browser time zone), or now.
        let at = when
            .with(|w| browser::parse_datetime_local(w))
            .unwrap_or_else(browser::now);
        text.with(|t| (!t.trim().is_empty()).then(|| read(t, key, at)))
    });
    view! {
        <div class="page">
            <h1>"Inspect a token"</h1>
            <section class="card" aria-labelledby="inspect-heading">
                <h2 id="inspect-heading">"Token"</h2>
                <p class="muted">
                    "Paste a service token (root or attenuated) to see what it may do. "
                    "It is decoded here, in your browser: it is not sent anywhere, and it is forgotten when you leave this page."
                </p>
                <div class="field">
                    <label for="inspect-token">"Token to inspect"</label>
                    <textarea
                        id="inspect-token"
                        class="mono"
                        rows="5"
                        spellcheck="false"
                        autocomplete="off"
                        prop:value=move || text.get()
                        on:input=move |ev| text.set(event_target_value(&ev))
                    ></textarea>
                </div>
                <div class="field">
                    <label for="inspect-at">"Decide the permissions at"</label>
                    <input
                        id="inspect-at"
                        type="datetime-local"
                        aria-describedby="inspect-at-help"
                        prop:value=move || when.get()
                        on:input=move |ev| when.set(event_target_value(&ev))
                    />
                    <p id="inspect-at-help" class="help">
                        "Empty: now. Choose a later moment to see the token expire."
                    </p>
                </div>
                {move || match reading.get() {
                    None => ().into_any(),
                    Some(Err(message)) => view! {
                        <p class="alert alert-danger" role="alert">
                            {message}
                        </p>
                    }
                    .into_any(),
                    Some(Ok(r)) => {
                        let signature = match r.signature {
                            Ok(s) => view! { <p class="muted small">{s}</p> }.into_any(),
                            Err(s) => view! {
                                <p class="alert alert-warning" role="alert">
                                    {s}
                                </p>
                            }
                            .into_any(),
                        };
                        view! {
                            <p class="summary">
                                <strong>"What it can do: "</strong>
                                <span data-testid="inspect-summary">{r.summary}</span>
                            </p>
                            <p class="muted small">
                                {format!("Size: {} bytes", r.inspection.size_bytes)}
                            </p>
                            {signature}
                            {lineage(&r.inspection)}
                            {r.permissions.map(|p| view! { <PermissionGrid permissions=p /> })}
                            <details class="decoded" open>
                                <summary>"Decoded blocks"</summary>
                                {r
                                    .inspection
                                    .blocks
                                    .into_iter()
                                    .map(|b| {
                                        view! {
                                            <p class="decoded-block-title">
                                                {format!("Block {}", b.index)}
                                            </p>
                                            <pre class="code">
                                                <code>{b.source}</code>
                                            </pre>
                                        }
                                    })
                                    .collect_view()}
                            </details>
                        }
                            .into_any()
                    }
                }}
            </section>
        </div>
    }
}
