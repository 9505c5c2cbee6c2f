//! What a token may do, action by action and application by application,
//! decided by the core's `grid` (the very policy the server runs), shown
//! before the token is ever used. Each decision is a button: choosing it
//! shows the core's explanation (the failed block and check, its rule, and a
//! suggestion) under the table.
//!
//! The decisions are a signal: the table follows them (a chosen time, a form
//! being edited) while the `<details>` around it stays, open or closed as
//! the person left it, and the chosen cell keeps explaining its new answer.

use leptos::prelude::*;

use super::attenuation_model::{Decision, Permissions};

/// The words that set one grid apart from another on the same page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct GridText {
    /// The table's accessible name.
    pub caption: &'static str,
    /// The first word of the `<summary>` ("Permissions: 3 of 42 …").
    pub summary: &'static str,
    /// The explanation's `data-testid`.
    pub explanation: &'static str,
}

/// The chosen cell: an action, and its column (`None`: Organization).
type Chosen = (&'static str, Option<usize>);

/// The decision in a cell, with its column's name.
fn decision_at(p: &Permissions, (action, column): Chosen) -> Option<(String, Decision)> {
    let row = p.rows.iter().find(|r| r.action == action)?;
    match column {
        None => Some(("Organization".to_owned(), row.organization.clone()?)),
        Some(i) => Some((
            p.applications.get(i)?.clone(),
            row.per_application.get(i)?.clone()?,
        )),
    }
}

fn cell(
    action: &'static str,
    column: Option<usize>,
    name: &str,
    decision: Option<&Decision>,
    chosen: RwSignal<Option<Chosen>>,
) -> AnyView {
    let Some(decision) = decision else {
        return view! {
            <td class="perm perm-none">
                <span aria-hidden="true">"–"</span>
                <span class="visually-hidden">"Not applicable"</span>
            </td>
        }
        .into_any();
    };
    let (class, text, word) = if decision.allowed() {
        ("perm perm-yes", "✓ Allowed", "allowed")
    } else {
        ("perm perm-no", "✗ Denied", "denied")
    };
    let label = format!("{action} on {name}: {word}");
    let this = (action, column);
    view! {
        <td class=class>
            <button
                type="button"
                class="perm-cell"
                aria-label=label
                aria-pressed=move || (chosen.get() == Some(this)).to_string()
                on:click=move |_| chosen.set(Some(this))
            >
                {text}
            </button>
        </td>
    }
    .into_any()
}

/// Why the chosen cell is what it is, from the core's `explain`.
fn explanation(action: &str, column: String, decision: Decision) -> AnyView {
    let head = format!(
        "{action} on {column}: {}",
        if decision.allowed() {
            "allowed"
        } else {
            "denied"
        }
    );
    let Some(e) = decision.denied else {
        return view! {
            <p class="explain-head">{head}</p>
            <p>"Every check of every block passes."</p>
        }
        .into_any();
    };
    let place = match (e.block, e.check) {
        (Some(b), Some(k)) => format!("Failed: block {b}, check {k}."),
        (None, Some(k)) => format!("Failed: the server's own rule {k}."),
        _ => "No check failed: no policy allowed the request.".to_owned(),
    };
    view! {
        <p class="explain-head">{head}</p>
        <p>{place}</p>
        {e.rule.map(|r| view! { <pre class="code"><code>{r}</code></pre> })}
        <p>{e.reason}</p>
        {e.suggestion.map(|s| view! { <p class="explain-suggestion">{format!("Suggestion: {s}")}</p> })}
    }
    .into_any()
}

fn allowed_somewhere(p: &Permissions) -> usize {
    p.rows
        .iter()
        .filter(|r| {
            r.organization.as_ref().is_some_and(Decision::allowed)
                || r.per_application
                    .iter()
                    .any(|d| d.as_ref().is_some_and(Decision::allowed))
        })
        .count()
}

#[component]
pub fn PermissionGrid(
    #[prop(into)] permissions: Signal<Permissions>,
    text: GridText,
) -> impl IntoView {
    let chosen = RwSignal::new(None::<Chosen>);
    let summary = move || {
        permissions.with(|p| {
            format!(
                "{}: {} of {} actions allowed somewhere",
                text.summary,
                allowed_somewhere(p),
                p.rows.len()
            )
        })
    };
    let header = move || {
        permissions.with(|p| {
            p.applications
                .iter()
                .map(|name| view! { <th scope="col">{name.clone()}</th> })
                .collect_view()
        })
    };
    let body = move || {
        permissions.with(|p| {
            p.rows
                .iter()
                .map(|row| {
                    let action = row.action;
                    view! {
                        <tr>
                            <th scope="row">
                                <code>{action}</code>
                                {row
                                    .write
                                    .then(|| {
                                        view! { <span class="badge badge-write">"write"</span> }
                                    })}
                            </th>
                            {cell(action, None, "Organization", row.organization.as_ref(), chosen)}
                            {row
                                .per_application
                                .iter()
                                .zip(&p.applications)
                                .enumerate()
                                .map(|(i, (d, name))| cell(action, Some(i), name, d.as_ref(), chosen))
                                .collect_view()}
                        </tr>
                    }
                })
                .collect_view()
        })
    };
    let explained = move || {
        let c = chosen.get()?;
        let (column, decision) = permissions.with(|p| decision_at(p, c))?;
        Some(explanation(c.0, column, decision))
    };
    view! {
        <details class="permissions">
            <summary>{summary}</summary>
            <p class="help">
                "Decided in your browser by the same policy the server runs, for each of your applications. Choose a cell to see why."
            </p>
            <div class="table-scroll">
                <table class="table">
                    <caption class="visually-hidden">{text.caption}</caption>
                    <thead>
                        <tr>
                            <th scope="col">"Action"</th>
                            <th scope="col">"Organization"</th>
                            {header}
                        </tr>
                    </thead>
                    <tbody>{body}</tbody>
                </table>
            </div>
            <div class="explanation" aria-live="polite" data-testid=text.explanation>
                {explained}
            </div>
        </details>
    }
}
