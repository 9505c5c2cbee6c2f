//! What a token may do, action by action and application by application,
//! decided by the core's `grid` (the very policy the server runs), shown
//! before the token is ever used. Each decision is a button: choosing it
//! shows the core's explanation (the failed block and check, its rule, and a
//! suggestion) under the table.

use leptos::prelude::*;

use super::attenuation_model::{Decision, Permissions};

/// The cell someone clicked: what was asked, and the answer.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Chosen {
    action: &'static str,
    column: String,
    decision: Decision,
}

fn cell(
    action: &'static str,
    column: String,
    decision: Option<Decision>,
    chosen: RwSignal<Option<Chosen>>,
) -> impl IntoView {
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
    let label = format!("{action} on {column}: {word}");
    let this = Chosen {
        action,
        column,
        decision,
    };
    let pressed = {
        let this = this.clone();
        move || chosen.with(|c| c.as_ref() == Some(&this)).to_string()
    };
    view! {
        <td class=class>
            <button
                type="button"
                class="perm-cell"
                aria-label=label
                aria-pressed=pressed
                on:click=move |_| chosen.set(Some(this.clone()))
            >
                {text}
            </button>
        </td>
    }
    .into_any()
}

/// Why the chosen cell is what it is, from the core's `explain`.
fn explanation(c: Chosen) -> impl IntoView {
    let head = format!(
        "{} on {}: {}",
        c.action,
        c.column,
        if c.decision.allowed() {
            "allowed"
        } else {
            "denied"
        }
    );
    let Some(e) = c.decision.denied else {
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

#[component]
pub fn PermissionGrid(permissions: Permissions) -> impl IntoView {
    let allowed = permissions
        .rows
        .iter()
        .filter(|r| {
            r.organization.as_ref().is_some_and(Decision::allowed)
                || r.per_application
                    .iter()
                    .any(|d| d.as_ref().is_some_and(Decision::allowed))
        })
        .count();
    let chosen = RwSignal::new(None::<Chosen>);
    let columns = permissions.applications.clone();
    let total = permissions.rows.len();
    view! {
        <details class="permissions">
            <summary>
                {format!("Permissions: {allowed} of {total} actions allowed somewhere")}
            </summary>
            <p class="help">
                "Decided in your browser by the same policy the server runs, for each of your applications. Choose a cell to see why."
            </p>
            <div class="table-scroll">
                <table class="table">
                    <caption class="visually-hidden">
                        "What the token may do"
                    </caption>
                    <thead>
                        <tr>
                            <th scope="col">"Action"</th>
                            <th scope="col">"Organization"</th>
                            {permissions
                                .applications
                                .iter()
                                .map(|name| view! { <th scope="col">{name.clone()}</th> })
                                .collect_view()}
                        </tr>
                    </thead>
                    <tbody>
                        {permissions
                            .rows
                            .into_iter()
                            .map(|row| {
                                let action = row.action;
                                let columns = columns.clone();
                                view! {
                                    <tr>
                                        <th scope="row">
                                            <code>{row.action}</code>
                                            {row
                                                .write
                                                .then(|| {
                                                    view! { <span class="badge badge-write">"write"</span> }
                                                })}
                                        </th>
                                        {cell(action, "Organization".to_owned(), row.organization, chosen)}
                                        {row
                                            .per_application
                                            .into_iter()
                                            .zip(columns)
                                            .map(|(d, column)| cell(action, column, d, chosen))
                                            .collect_view()}
                                    </tr>
                                }
                            })
                            .collect_view()}
                    </tbody>
                </table>
            </div>
            <div class="explanation" aria-live="polite" data-testid="cell-explanation">
                {move || chosen.get().map(explanation)}
            </div>
        </details>
    }
}
