//! `/organizations/:organization_id/service_tokens` and its dialogs
//! (`…/new`, `…/:id/edit`): the organization's root tokens in a table, with
//! a name filter, loading, empty and error states; create, rename, delete.
//!
//! The dialogs (`dialogs.rs`) are child routes, so the list stays mounted
//! (and loaded) while one is open, and each dialog has its own deep link.

use leptos::prelude::*;
use leptos_router::components::{Outlet, A};
use leptos_router::hooks::use_params_map;

use crate::api::service_tokens::{self, ServiceToken};
use crate::api::ApiError;
use crate::components::common::copy_field::CopyField;
use crate::components::common::error_card::ErrorCard;
use crate::components::common::states::{EmptyState, Skeleton};
use crate::contexts::organizations::{remember, use_organizations};
use crate::contexts::session::use_session;
use crate::pages::set_page_title;
use crate::routes;

mod dialogs;
mod table;

use dialogs::DeleteDialog;
pub use dialogs::{CreateTokenDialog, EditTokenDialog};
use table::TokenTable;

const TOKEN_COPIED: &str = "The service token has been copied to the clipboard.";

/// What the list page shares with its dialogs.
#[derive(Clone, Copy)]
pub(super) struct ListContext {
    organization_id: Memo<String>,
    tokens: LocalResource<Result<Vec<ServiceToken>, ApiError>>,
}

pub(super) fn use_list_context() -> Option<ListContext> {
    use_context::<ListContext>()
}

#[component]
pub fn ServiceTokensPage() -> impl IntoView {
    let session = use_session();
    let params = use_params_map();
    let organization_id =
        Memo::new(move |_| params.read().get("organization_id").unwrap_or_default());
    let tokens = LocalResource::new(move || {
        let org = organization_id.get();
        async move {
            session
                .run(|c| async move { service_tokens::list(&c, &org).await })
                .await
        }
    });
    provide_context(ListContext {
        organization_id,
        tokens,
    });
    // Syncs with localStorage only: this organization is the one to reopen.
    Effect::new(move || remember(&organization_id.get()));

    let organizations = use_organizations();
    let filter = RwSignal::new(String::new());
    let deleting = RwSignal::new(None::<ServiceToken>);
    let new_href = move || routes::new_service_token(&organization_id.get());

    let body = move || match tokens.get() {
        None => view! {
            <Skeleton count=3 label="Loading service tokens" />
        }
        .into_any(),
        Some(Err(error)) => view! {
            <ErrorCard error on_retry=move |_| tokens.refetch() />
        }
        .into_any(),
        Some(Ok(list)) if list.is_empty() => view! {
            <EmptyState
                title="No service tokens"
                text="Service tokens provide scoped API access for your applications."
            >
                <A href=new_href attr:class="button button-primary">
                    "Create service token"
                </A>
            </EmptyState>
        }
        .into_any(),
        Some(Ok(list)) => view! { <TokenTable list filter deleting /> }.into_any(),
    };

    view! {
        <div class="page">
            <div class="page-header">
                <div>
                    <h1>"Service Tokens"</h1>
                    <p class="muted">
                        {move || {
                            organizations
                                .name_of(&organization_id.get())
                                .map(|name| format!("{name} · "))
                                .unwrap_or_default()
                        }}
                        "Organization-wide API keys for programmatic access to Hook0. "
                        <a
                            href="https://documentation.hook0.com/concepts/service-tokens/"
                            target="_blank"
                            rel="noopener noreferrer"
                        >
                            "Documentation"
                        </a>
                    </p>
                </div>
                <A href=new_href attr:class="button button-primary">
                    "Create service token"
                </A>
            </div>
            <section class="card" aria-labelledby="tokens-heading">
                <div class="card-header">
                    <h2 id="tokens-heading">"Service Tokens"</h2>
                    <div class="field field-compact">
                        <label for="token-filter" class="visually-hidden">
                            "Filter by name"
                        </label>
                        <input
                            id="token-filter"
                            type="search"
                            placeholder="Filter by name"
                            prop:value=filter
                            on:input=move |ev| filter.set(event_target_value(&ev))
                        />
                    </div>
                </div>
                {body}
            </section>
            <section class="card" aria-labelledby="ai-heading">
                <h2 id="ai-heading">
                    "AI Assistants " <span class="badge badge-read">"MCP"</span>
                </h2>
                <p class="muted">
                    "Manage your webhooks from Claude, Cursor, or any MCP-compatible assistant."
                </p>
                <p>
                    "Open a token and generate a restricted one for the assistant: its snippets include the MCP configuration with "
                    <code>"HOOK0_API_TOKEN"</code> ", " <code>"HOOK0_API_URL"</code>
                    " and, for read-only tokens, " <code>"HOOK0_READ_ONLY"</code>
                    ". Never hand an assistant the root token."
                </p>
                <a
                    class="button button-small"
                    href="https://documentation.hook0.com/reference/mcp/"
                    target="_blank"
                    rel="noopener noreferrer"
                >
                    "MCP setup guide"
                </a>
            </section>
            <section class="card" aria-labelledby="quick-ref-heading">
                <h2 id="quick-ref-heading">"Quick reference"</h2>
                <p class="muted">"Use these identifiers when making API calls."</p>
                <CopyField
                    value=Signal::derive(move || organization_id.get())
                    label="Organization ID"
                    copied_message="The organization ID has been copied to the clipboard."
                />
            </section>
            <DeleteDialog deleting />
            <Outlet />
        </div>
    }
}

/// The title of the bare list (the dialogs set their own).
#[component]
pub fn ListTitle() -> impl IntoView {
    set_page_title("Service Tokens");
}
