//! `/organizations/:organization_id/service_tokens` and its dialogs
//! (`…/new`, `…/:id/edit`): the organization's root tokens in a table, with
//! a name filter, loading, empty and error states; create, rename, delete.
//!
//! The dialogs (`dialogs.rs`) are child routes, so the list stays mounted
//! (and loaded) while one is open, and each dialog has its own deep link.

use std::sync::Arc;

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

/// One token of the table with what the filter and the Name sort compare,
/// lower-cased once when the list arrives rather than on every keystroke
/// and every comparison.
struct Row {
    token: ServiceToken,
    search_key: String,
    /// Whether the filter shows the row; only written when it changes.
    visible: RwSignal<bool>,
}

impl Row {
    fn new(token: ServiceToken, needle: &str) -> Self {
        let search_key = token.name.to_lowercase();
        let visible = RwSignal::new(needle.is_empty() || search_key.contains(needle));
        Row {
            token,
            search_key,
            visible,
        }
    }

    /// Whether the row matches a filter already trimmed and lower-cased.
    fn matches(&self, needle: &str) -> bool {
        needle.is_empty() || self.search_key.contains(needle)
    }
}

/// The filter as typed, in the form `Row::matches` takes.
fn filter_needle(filter: &str) -> String {
    filter.trim().to_lowercase()
}

/// Sorts in place; ties keep the API's order (oldest first).
fn sort_rows(rows: &mut [Arc<Row>], key: SortKey, ascending: bool) {
    rows.sort_by(|a, b| {
        let order = match key {
            SortKey::Name => a.search_key.cmp(&b.search_key),
            SortKey::CreatedAt => a.token.created_at.cmp(&b.token.created_at),
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

/// The table. Every token's row is built once per list (and moved, never
/// rebuilt, when the sort changes); the filter only hides and shows rows:
/// one pass over precomputed lower-case names per keystroke, writing only
/// the rows whose visibility changes, so a keystroke that changes nothing
/// touches no row at all (bench: `scripts/bench --only list`).
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
    let initial = filter.with_untracked(|f| filter_needle(f));
    let rows: Arc<Vec<Arc<Row>>> = Arc::new(
        list.into_iter()
            .map(|t| Arc::new(Row::new(t, &initial)))
            .collect(),
    );
    let no_match = RwSignal::new(!rows.iter().any(|r| r.visible.get_untracked()));
    {
        let rows = Arc::clone(&rows);
        Effect::new(move || {
            let needle = filter.with(|f| filter_needle(f));
            let mut any = false;
            for row in rows.iter() {
                let shown = row.matches(&needle);
                any |= shown;
                if row.visible.get_untracked() != shown {
                    row.visible.set(shown);
                }
            }
            if no_match.get_untracked() == any {
                no_match.set(!any);
            }
        });
    }
    let sorted = move || {
        let (key, ascending) = sort.get();
        let mut sorted = rows.to_vec();
        sort_rows(&mut sorted, key, ascending);
        sorted
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
                    <For
                        each=sorted
                        key=|r| (r.token.token_id.clone(), r.token.name.clone())
                        let:row
                    >
                        <TokenRow row=row org=org.get_untracked() deleting />
                    </For>
                </tbody>
            </table>
            <Show when=move || no_match.get()>
                <p class="muted empty-filter">"No service token matches this filter."</p>
            </Show>
        </div>
    }
    .into_any()
}

/// One token's row. Plain `<a>` links: the router handles their clicks as
/// it does `<A>`'s, without a reactive `aria-current` per link (a thousand
/// rows, two links each).
#[component]
fn TokenRow(row: Arc<Row>, org: String, deleting: RwSignal<Option<ServiceToken>>) -> impl IntoView {
    // Inline `display` (set through the CSSOM, which the page's CSP allows)
    // rather than `hidden`, which the narrow layout's `display: block` rows
    // would override.
    let visible = row.visible;
    let token = &row.token;
    let name = token.name.clone();
    let biscuit = token.biscuit.clone();
    let to_delete = token.clone();
    view! {
        <tr style:display=move || (!visible.get()).then_some("none")>
            <th scope="row">
                // The title shows a name the fixed-width column cuts short.
                <a href=routes::service_token(&org, &token.token_id) title=name.clone()>
                    {name.clone()}
                </a>
            </th>
            <td class="token-cell">
                <CopyField
                    value=Signal::derive(move || biscuit.clone())
                    label=format!("Token of {name}")
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
                <a
                    href=routes::edit_service_token(&org, &token.token_id)
                    class="button button-small"
                    aria-label=format!("Edit {name}")
                >
                    "Edit"
                </a>
                <button
                    type="button"
                    class="button button-small button-danger"
                    aria-label=format!("Delete {name}")
                    on:click=move |_| deleting.set(Some(to_delete.clone()))
                >
                    "Delete"
                </button>
            </td>
        </tr>
    }
}

/// The title of the bare list (the dialogs set their own).
#[component]
pub fn ListTitle() -> impl IntoView {
    set_page_title("Service Tokens");
}
