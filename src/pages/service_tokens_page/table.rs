//! The service-tokens table: sortable by name and creation date, filtered by
//! name, one row per root token with its masked token, Show/Copy, Edit and
//! Delete.
//!
//! Built for an organization with a thousand tokens
//! (`scripts/bench --only list`):
//! - every row is built once per list, moved (never rebuilt) when the sort
//!   changes, and only hidden or shown by the filter;
//! - a row is as few DOM nodes and attributes as it can be, since building
//!   them (each one a call from wasm into the DOM) is most of the render
//!   time: the token cell is lighter than a full `CopyField`;
//! - the strings every row repeats are interned, so each crossing into the
//!   DOM reuses one JavaScript string instead of decoding the same UTF-8
//!   again;
//! - the list is read as bytes, not text (`api::read_json`).
//!
//! Not done: `content-visibility: auto` on the rows. It cut the layout of
//! a thousand rows from ~120 ms to ~10 ms, but Chromium (156) then marks
//! the cells of every row below the fold "not rendered" and leaves them out
//! of the accessibility tree: a screen reader would find empty rows
//! (end2end `token-list-long.spec.ts` guards against it).

use std::sync::Arc;

use leptos::either::Either;
use leptos::prelude::*;

use super::{use_list_context, TOKEN_COPIED};
use crate::api::service_tokens::ServiceToken;
use crate::browser;
use crate::components::common::copy_field::{copy_with_feedback, mask};
use crate::contexts::toasts::{use_toasts, Toasts};
use crate::routes;

/// The strings that every row passes to the DOM, most of them several
/// times: attribute names, static values and labels, and the mask (every
/// token is longer than the 32 dots it shows).
fn intern_row_strings() {
    const ROW_STRINGS: &[&str] = &[
        "class",
        "type",
        "href",
        "role",
        "aria-label",
        "datetime",
        "button",
        "button button-small",
        "button button-small button-danger",
        "token-cell",
        "copy-field",
        "actions-cell",
        "copy-field-value copy-field-masked mono",
        "copy-field-value mono",
        "img",
        "row",
        "text",
        "readonly",
        "spellcheck",
        "false",
        "Show",
        "Copy",
        "Edit",
        "Delete",
    ];
    for text in ROW_STRINGS {
        wasm_bindgen::intern(text);
    }
    wasm_bindgen::intern(&mask(&"x".repeat(32)));
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
    /// The row's place in the list as the API sent it: the key of its view,
    /// which the sort moves and never rebuilds.
    index: usize,
    token: ServiceToken,
    search_key: String,
    /// Whether the filter shows the row; only written when it changes.
    visible: RwSignal<bool>,
}

impl Row {
    fn new(index: usize, token: ServiceToken, needle: &str) -> Self {
        let search_key = token.name.to_lowercase();
        let visible = RwSignal::new(needle.is_empty() || search_key.contains(needle));
        Row {
            index,
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

/// The table. The filter makes one pass over precomputed lower-case names
/// per keystroke and writes only the rows whose visibility changes, so a
/// keystroke that changes nothing touches no row at all.
#[component]
pub(super) fn TokenTable(
    list: Vec<ServiceToken>,
    filter: RwSignal<String>,
    deleting: RwSignal<Option<ServiceToken>>,
) -> impl IntoView {
    let Some(ctx) = use_list_context() else {
        return ().into_any();
    };
    intern_row_strings();
    let org = ctx.organization_id;
    let toasts = use_toasts();
    let sort = RwSignal::new((SortKey::CreatedAt, true));
    let initial = filter.with_untracked(|f| filter_needle(f));
    let rows: Arc<Vec<Arc<Row>>> = Arc::new(
        list.into_iter()
            .enumerate()
            .map(|(i, t)| Arc::new(Row::new(i, t, &initial)))
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
                        key=|r| r.index
                        let:row
                    >
                        {token_row(row, &org.get_untracked(), deleting, toasts)}
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

/// One token's row: a plain function rather than a component (no owner or
/// type-erased view per row). Plain `<a>` links: the router handles their
/// clicks as it does `<A>`'s, without a reactive `aria-current` per link.
fn token_row(
    row: Arc<Row>,
    org: &str,
    deleting: RwSignal<Option<ServiceToken>>,
    toasts: Toasts,
) -> impl IntoView {
    // Inline `display` (set through the CSSOM, which the page's CSP allows)
    // rather than `hidden`, which the narrow layout's `display: block` rows
    // would override.
    let visible = row.visible;
    let token = &row.token;
    let name = &token.name;
    let to_delete = Arc::clone(&row);
    view! {
        <tr style:display=move || (!visible.get()).then_some("none")>
            <th scope="row">
                <a href=routes::service_token(org, &token.token_id)>
                    {name.clone()}
                </a>
            </th>
            {token_cell(Arc::clone(&row), toasts)}
            <td>
                <time datetime=token
                    .created_at
                    .to_rfc3339()>{browser::local_datetime(token.created_at)}</time>
            </td>
            <td class="actions-cell">
                <a
                    href=routes::edit_service_token(org, &token.token_id)
                    class="button button-small"
                    aria-label=format!("Edit {name}")
                >
                    "Edit"
                </a>
                <button
                    type="button"
                    class="button button-small button-danger"
                    aria-label=format!("Delete {name}")
                    on:click=move |_| deleting.set(Some(to_delete.token.clone()))
                >
                    "Delete"
                </button>
            </td>
        </tr>
    }
}

/// The token column: what `CopyField` shows for a masked secret (the dots,
/// named "Token of …, hidden"; Show/Hide; Copy with its feedback), with
/// two elements and several effects fewer, and the labels of the revealed
/// field made only when it is revealed. The token is only in the DOM while revealed.
fn token_cell(row: Arc<Row>, toasts: Toasts) -> impl IntoView {
    let revealed = RwSignal::new(false);
    let copied = RwSignal::new(false);
    let masked_label = format!("Token of {}, hidden", row.token.name);
    let to_copy = Arc::clone(&row);
    let value = move || {
        if revealed.get() {
            Either::Left(view! {
                <input
                    class="copy-field-value mono"
                    type="text"
                    readonly
                    spellcheck="false"
                    aria-label=format!("Token of {}", row.token.name)
                    prop:value=row.token.biscuit.clone()
                />
            })
        } else {
            Either::Right(view! {
                // The dots are a picture of a hidden value (role img, since
                // a plain span cannot carry a name).
                <span
                    class="copy-field-value copy-field-masked mono"
                    role="img"
                    aria-label=masked_label.clone()
                >
                    {mask(&row.token.biscuit)}
                </span>
            })
        }
    };
    view! {
        <td class="token-cell">
            <div class="copy-field">
            {value}
            <button
                type="button"
                class="button button-small"
                on:click=move |_| revealed.update(|r| *r = !*r)
            >
                {move || if revealed.get() { "Hide" } else { "Show" }}
            </button>
            <button
                type="button"
                class="button button-small"
                on:click=move |_| {
                    copy_with_feedback(to_copy.token.biscuit.clone(), copied, toasts, TOKEN_COPIED)
                }
            >
                {move || if copied.get() { "Copied ✓" } else { "Copy" }}
            </button>
            </div>
        </td>
    }
}
