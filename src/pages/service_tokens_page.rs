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
use crate::browser;
use crate::components::common::copy_field::CopyField;
use crate::components::common::error_card::ErrorCard;
use crate::components::common::states::{EmptyState, Skeleton};
use crate::contexts::organizations::{remember, use_organizations};
use crate::contexts::session::use_session;
use crate::pages::set_page_title;
use crate::routes;

mod dialogs;

use dialogs::DeleteDialog;
pub use dialogs::{CreateTokenDialog, EditTokenDialog};

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

/// The column the table is sorted by.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum SortKey {
    Name,
    CreatedAt,
}

/// Sorts in place; ties keep the API's order (oldest first).
fn sort_tokens(list: &mut [ServiceToken], key: SortKey, ascending: bool) {
    list.sort_by(|a, b| {
        let order = match key {
            SortKey::Name => a.name.to_lowercase().cmp(&b.name.to_lowercase()),
            SortKey::CreatedAt => a.created_at.cmp(&b.created_at),
        };
        if ascending {
            order
        } else {
            order.reverse()
        }
    });
}

/// A column header that sorts the table, with `aria-sort` for screen readers.
#[component]
fn SortHeader(label: &'static str, key: SortKey, sort: RwSignal<(SortKey, bool)>) -> impl IntoView {
    let state = move || {
        let (current, ascending) = sort.get();
        match (current == key, ascending) {
            (false, _) => "none",
            (true, true) => "ascending",
            (true, false) => "descending",
        }
    };
    view! {
        <th scope="col" aria-sort=state>
            <button
                type="button"
                class="sort-button"
                on:click=move |_| {
                    sort.update(|(current, ascending)| {
                        if *current == key {
                            *ascending = !*ascending;
                        } else {
                            *current = key;
                            *ascending = true;
                        }
                    })
                }
            >
                {label}
                <span aria-hidden="true" class="sort-mark">
                    {move || match state() {
                        "ascending" => " ▲",
                        "descending" => " ▼",
                        _ => "",
                    }}
                </span>
            </button>
        </th>
    }
}

#[component]
fn TokenTable(
    list: Vec<ServiceToken>,
    filter: RwSignal<String>,
    deleting: RwSignal<Option<ServiceToken>>,
) -> impl IntoView {
    let Some(ctx) = use_list_context() else {
        return ().into_any();
    };
    let org = ctx.organization_id;
    let sort = RwSignal::new((SortKey::CreatedAt, true));
    let rows = move || {
        let needle = filter.get().trim().to_lowercase();
        let mut rows = list
            .iter()
            .filter(|t| needle.is_empty() || t.name.to_lowercase().contains(&needle))
            .cloned()
            .collect::<Vec<_>>();
        let (key, ascending) = sort.get();
        sort_tokens(&mut rows, key, ascending);
        rows
    };
    let no_match = {
        let rows = rows.clone();
        move || rows().is_empty()
    };
    view! {
        <div class="table-scroll">
            <table class="table tokens-table">
                <thead>
                    <tr>
                        <SortHeader label="Name" key=SortKey::Name sort />
                        <th scope="col">"Token"</th>
                        <SortHeader label="Created at" key=SortKey::CreatedAt sort />
                        <th scope="col">
                            <span class="visually-hidden">"Actions"</span>
                        </th>
                    </tr>
                </thead>
                <tbody>
                    <For each=rows key=|t| (t.token_id.clone(), t.name.clone()) let:token>
                        {
                            let org_id = org.get_untracked();
                            let name = token.name.clone();
                            let edit_label = format!("Edit {name}");
                            let delete_label = format!("Delete {name}");
                            let token_label = format!("Token of {name}");
                            let biscuit = token.biscuit.clone();
                            let to_delete = token.clone();
                            view! {
                                <tr>
                                    <th scope="row">
                                        <A href=routes::service_token(&org_id, &token.token_id)>
                                            {name}
                                        </A>
                                    </th>
                                    <td class="token-cell">
                                        <CopyField
                                            value=Signal::derive(move || biscuit.clone())
                                            label=token_label
                                            maskable=true
                                            copied_message=TOKEN_COPIED
                                        />
                                    </td>
                                    <td>
                                        <time datetime=token
                                            .created_at
                                            .to_rfc3339()>{browser::local_datetime(token.created_at)}</time>
                                    </td>
                                    <td class="actions-cell">
                                        <A
                                            href=routes::edit_service_token(&org_id, &token.token_id)
                                            attr:class="button button-small"
                                            attr:aria-label=edit_label
                                        >
                                            "Edit"
                                        </A>
                                        <button
                                            type="button"
                                            class="button button-small button-danger"
                                            aria-label=delete_label
                                            on:click=move |_| deleting.set(Some(to_delete.clone()))
                                        >
                                            "Delete"
                                        </button>
                                    </td>
                                </tr>
                            }
                        }
                    </For>
                </tbody>
            </table>
            <Show when=no_match>
                <p class="muted empty-filter">"No service token matches this filter."</p>
            </Show>
        </div>
    }
    .into_any()
}

/// The title of the bare list (the dialogs set their own).
#[component]
pub fn ListTitle() -> impl IntoView {
    set_page_title("Service Tokens");
}
