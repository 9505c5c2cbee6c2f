//! The token Generate made: shown once with a copy button, its summary in
//! plain words, a warning when its application restriction rules out
//! organization-level actions, the simulator (its permissions at any
//! moment), its decoded blocks, and ready-to-paste snippets built from it by
//! the core.

use leptos::prelude::*;
use token_core::snippets::{
    curl_ingest_event, curl_list_applications, mcp_config, shell_export, McpClient,
};

use uuid::Uuid;

use super::attenuation_model::{token_permissions, Generated};
use super::simulator::{Simulator, TOKEN};
use crate::api;
use crate::api::applications::Application;
use crate::components::common::copy_field::CopyField;

const COPIED: &str = "The service token has been copied to the clipboard.";
const SNIPPET_COPIED: &str = "The snippet has been copied to the clipboard.";

#[component]
pub fn GeneratedToken(
    generated: Generated,
    organization_id: String,
    /// The organization's applications: the simulator's columns.
    #[prop(into)]
    applications: Signal<Vec<Application>>,
) -> impl IntoView {
    let Generated {
        token,
        inspection,
        summary,
        impossible_org_actions,
        key,
    } = generated;
    let verified = key.is_some();
    // The simulator reads the token again at each chosen moment (in memory,
    // with the key it was checked with).
    let decide = {
        let token = token.clone();
        let organization = Uuid::parse_str(&organization_id).ok();
        move |at: Option<chrono::DateTime<chrono::Utc>>| {
            applications.with(|apps| {
                token_permissions(
                    &token,
                    key.as_ref(),
                    organization,
                    apps,
                    at.unwrap_or_else(crate::browser::now),
                )
            })
        }
    };
    let api_url = api::base_url();
    let read_only = inspection.restrictions.is_read_only();
    let first_app = inspection
        .restrictions
        .applications
        .as_ref()
        .and_then(|a| a.first().copied());
    let curl = match first_app {
        Some(app) => curl_ingest_event(&api_url, &app.to_string()),
        None => curl_list_applications(&api_url, &organization_id),
    };
    let snippets: Vec<(String, String)> = [
        ("Shell".to_owned(), shell_export(&token)),
        ("curl".to_owned(), curl),
    ]
    .into_iter()
    .chain(McpClient::ALL.into_iter().map(|client| {
        (
            format!("MCP: {} ({})", client.label(), client.config_file()),
            mcp_config(&token, &api_url, read_only),
        )
    }))
    .collect();
    // Tall enough to read a snippet whole (long lines wrap).
    let rows_of = |text: &str| (text.lines().count() as u32 + 2).clamp(3, 14);
    let token_value = token.clone();
    // The result appears below the form: take focus there (and scroll to
    // it), so keyboard and screen-reader users land on it. DOM sync only.
    let heading = NodeRef::<leptos::html::H3>::new();
    Effect::new(move || {
        if let Some(h) = heading.get() {
            let _ = h.focus();
        }
    });

    view! {
        <section class="generated" aria-labelledby="generated-heading">
            <h3 id="generated-heading" tabindex="-1" node_ref=heading>
                "Attenuated token"
            </h3>
            <p class="alert alert-warning" role="alert">
                "This token is shown only once. Copy it now: it is not stored anywhere."
            </p>
            <CopyField
                value=Signal::derive(move || token_value.clone())
                label="Attenuated token"
                copied_message=COPIED
                block=true
            />
            <p class="summary">
                <strong>"What it can do: "</strong>
                <span data-testid="token-summary">{summary}</span>
            </p>
            <p class="muted small" data-testid="token-size">
                {format!("Size: {} bytes", inspection.size_bytes)}
            </p>
            {(!verified)
                .then(|| {
                    view! {
                        <p class="alert alert-info">
                            "Its signature was not checked: the instance's public key is unavailable."
                        </p>
                    }
                })}
            {(!impossible_org_actions.is_empty())
                .then(|| {
                    view! {
                        <div class="alert alert-warning" role="note">
                            <p>
                                <strong>"Organization-level actions are impossible with this token."</strong>
                                " It is restricted to applications, and organization-level requests carry no application, so Hook0 refuses: "
                                {impossible_org_actions.join(", ")} "."
                            </p>
                        </div>
                    }
                })}
            {verified.then(|| view! { <Simulator text=TOKEN decide /> })}
            <details class="decoded" open>
                <summary>"Decoded blocks"</summary>
                {inspection
                    .blocks
                    .iter()
                    .map(|b| {
                        view! {
                            <div class="decoded-block">
                                <p class="decoded-block-title">
                                    {format!("Block {}", b.index)}
                                    <span class="muted small">
                                        {format!(" · revocation id {}…", b.revocation_id.get(..16).unwrap_or(&b.revocation_id))}
                                    </span>
                                </p>
                                <pre class="code"><code>{b.source.clone()}</code></pre>
                            </div>
                        }
                    })
                    .collect_view()}
            </details>
            <h4>"Use it"</h4>
            {snippets
                .into_iter()
                .map(|(label, text)| {
                    let rows = rows_of(&text);
                    view! {
                        <div class="snippet">
                            <p class="snippet-title">{label.clone()}</p>
                            <CopyField
                                value=Signal::derive(move || text.clone())
                                label=label
                                copied_message=SNIPPET_COPIED
                                block=true
                                rows
                            />
                        </div>
                    }
                })
                .collect_view()}
        </section>
    }
}
