//! Advanced mode: several applications, expiry, an action allowlist with
//! one-click presets and a permission matrix, sealing, and custom Datalog
//! validated as you type (line, column and message from the core, then its
//! lints). The allowlist (`Draft::actions`) is the one state: the matrix and
//! the individual action checkboxes both show and write it, and typing Datalog
//! whose allowlist is a matrix writes that allowlist too.

use leptos::prelude::*;
use token_core::catalogue::{Access, Resource, READ_ONLY_ACTIONS};
use token_core::datalog::{DatalogIssue, DatalogReport};
use token_core::inspect::restrictions_of_source;
use token_core::matrix::{Matrix, NotAMatrix};
use token_core::presets::INGEST_ONLY_ACTIONS;
use uuid::Uuid;

use super::attenuation_model::Draft;
use super::permission_matrix::PermissionMatrix;
use super::simple_form::ExpiryPicker;
use crate::api::applications::Application;

fn names(list: &[&str]) -> Option<Vec<String>> {
    Some(list.iter().map(|n| (*n).to_owned()).collect())
}

#[component]
fn ApplicationChecklist(
    draft: Draft,
    #[prop(into)] applications: Signal<Vec<Application>>,
) -> impl IntoView {
    view! {
        <fieldset class="checklist">
            <legend>"Applications"</legend>
            <p class="help">"None ticked: any application."</p>
            {move || {
                let apps = applications.get();
                if apps.is_empty() {
                    return view! { <p class="muted">"This organization has no application."</p> }
                        .into_any();
                }
                apps.into_iter()
                    .filter_map(|a| Uuid::parse_str(&a.application_id).ok().map(|id| (id, a.name)))
                    .map(|(id, name)| {
                        view! {
                            <label class="check">
                                <input
                                    type="checkbox"
                                    prop:checked=move || draft.applications.with(|l| l.contains(&id))
                                    on:change=move |ev| {
                                        let on = event_target_checked(&ev);
                                        draft
                                            .applications
                                            .update(|l| {
                                                l.retain(|x| *x != id);
                                                if on {
                                                    l.push(id);
                                                }
                                            });
                                    }
                                />
                                {name}
                            </label>
                        }
                    })
                    .collect_view()
                    .into_any()
            }}
        </fieldset>
    }
}

/// The one-click allowlists after "All actions": a label and the actions
/// it allows.
const PRESETS: [(&str, &[&str]); 3] = [
    ("Read-only", &READ_ONLY_ACTIONS),
    ("Ingest-only", &INGEST_ONLY_ACTIONS),
    ("No actions", &[]),
];

#[component]
fn ActionAllowlist(draft: Draft) -> impl IntoView {
    let restricted = move || draft.actions.with(Option::is_some);
    let toggle = move |name: &'static str, on: bool| {
        draft.actions.update(|a| {
            let list = a.get_or_insert_with(Vec::new);
            list.retain(|n| n != name);
            if on {
                list.push(name.to_owned());
            }
        });
    };
    view! {
        <fieldset class="checklist">
            <legend>"Allowed actions"</legend>
            <div class="button-row">
                <button
                    type="button"
                    class="button button-small"
                    aria-pressed=move || (!restricted()).to_string()
                    on:click=move |_| draft.actions.set(None)
                >
                    "All actions"
                </button>
                {PRESETS
                    .map(|(label, actions)| {
                        view! {
                            <button
                                type="button"
                                class="button button-small"
                                on:click=move |_| draft.actions.set(names(actions))
                            >
                                {label}
                            </button>
                        }
                    })
                    .collect_view()}
            </div>
            <PermissionMatrix draft />
            <Show
                when=restricted
                fallback=|| view! { <p class="help">"Every action is allowed."</p> }
            >
                <p class="help">
                    {move || {
                        format!(
                            "{} actions allowed.",
                            draft.actions.with(|a| a.as_ref().map_or(0, Vec::len)),
                        )
                    }}
                </p>
                <div class="action-groups">
                    {Resource::ALL
                        .into_iter()
                        .filter(|r| *r != Resource::Session)
                        .map(|resource| {
                            view! {
                                <div class="action-group">
                                    <p class="action-group-title">{resource.label()}</p>
                                    {resource
                                        .actions()
                                        .map(|action| {
                                            let name = action.name;
                                            view! {
                                                <label class="check">
                                                    <input
                                                        type="checkbox"
                                                        prop:checked=move || {
                                                            draft
                                                                .actions
                                                                .with(|a| {
                                                                    a.as_ref().is_some_and(|l| l.iter().any(|n| n == name))
                                                                })
                                                        }
                                                        on:change=move |ev| toggle(name, event_target_checked(&ev))
                                                    />
                                                    <code>{name}</code>
                                                    {(action.access == Access::Write)
                                                        .then(|| view! { <span class="badge badge-write">"write"</span> })}
                                                </label>
                                            }
                                        })
                                        .collect_view()}
                                </div>
                            }
                        })
                        .collect_view()}
                </div>
            </Show>
        </fieldset>
    }
}

/// The source line an issue is on, and a caret under its column.
fn pointer(source: &str, issue: &DatalogIssue) -> Option<String> {
    let line = source.lines().nth(issue.line.checked_sub(1)?)?;
    let pad = " ".repeat(issue.column.saturating_sub(1).min(line.chars().count()));
    Some(format!("{line}\n{pad}^"))
}

fn issue_line(issue: &DatalogIssue) -> String {
    format!(
        "Line {}, column {}: {}",
        issue.line, issue.column, issue.message
    )
}

/// The action allowlist a Datalog source states, as a matrix: `None` when
/// it states none (or does not parse).
fn datalog_matrix(source: &str) -> Option<Result<(Matrix, Vec<String>), NotAMatrix>> {
    let actions = restrictions_of_source(source)?.actions?;
    Some(Matrix::from_actions(&actions).map(|m| (m, actions)))
}

#[component]
fn DatalogEditor(draft: Draft, #[prop(into)] report: Signal<DatalogReport>) -> impl IntoView {
    let has_errors = move || report.with(|r| !r.errors.is_empty());
    let not_a_matrix = Memo::new(move |_| {
        draft.datalog.with(|text| match datalog_matrix(text) {
            Some(Err(e)) => Some(format!(
                "The Datalog's allowlist cannot be shown as a matrix: {e}."
            )),
            _ => None,
        })
    });
    let on_input = move |ev| {
        let text = event_target_value(&ev);
        if let Some(Ok((_, actions))) = datalog_matrix(&text) {
            draft.actions.set(Some(actions));
        }
        draft.datalog.set(text);
    };
    view! {
        <div class="field">
            <label for="attenuation-datalog">"Custom Datalog claims"</label>
            <textarea
                id="attenuation-datalog"
                class="mono"
                rows="5"
                spellcheck="false"
                autocomplete="off"
                placeholder="check if time($t), $t < 2030-12-31T23:59:59Z;"
                aria-describedby="attenuation-datalog-help attenuation-datalog-issues"
                aria-invalid=move || has_errors().to_string()
                prop:value=move || draft.datalog.get()
                on:input=on_input
            ></textarea>
            <p id="attenuation-datalog-help" class="help">
                "Biscuit Datalog checks and rules, appended in the same block. Checked as you type. An action allowlist typed here sets the permission matrix."
            </p>
            <p class="help" aria-live="polite">{move || not_a_matrix.get()}</p>
            <div id="attenuation-datalog-issues" aria-live="polite">
                {move || {
                    let r = report.get();
                    let at = r
                        .errors
                        .first()
                        .and_then(|i| draft.datalog.with(|text| pointer(text, i)));
                    view! {
                        {at
                            .map(|text| {
                                view! {
                                    <pre class="code issue-pointer" aria-hidden="true">
                                        {text}
                                    </pre>
                                }
                            })}
                        <ul class="issues">
                            {r
                                .errors
                                .iter()
                                .map(|i| view! { <li class="issue issue-error">{issue_line(i)}</li> })
                                .collect_view()}
                            {r
                                .warnings
                                .iter()
                                .map(|i| {
                                    view! {
                                        <li class="issue issue-warning">
                                            {format!("Warning: {}", issue_line(i))}
                                        </li>
                                    }
                                })
                                .collect_view()}
                        </ul>
                    }
                }}
            </div>
        </div>
    }
}

#[component]
pub fn AdvancedForm(
    draft: Draft,
    #[prop(into)] applications: Signal<Vec<Application>>,
    #[prop(into)] report: Signal<DatalogReport>,
) -> impl IntoView {
    view! {
        <ApplicationChecklist draft applications />
        <ExpiryPicker draft />
        <ActionAllowlist draft />
        <DatalogEditor draft report />
        <label class="check">
            <input
                type="checkbox"
                prop:checked=move || draft.seal.get()
                on:change=move |ev| draft.seal.set(event_target_checked(&ev))
            />
            "Seal the token (nobody can restrict it further)"
        </label>
    }
}

#[cfg(test)]
mod tests {
    use token_core::datalog::Severity;

    use super::*;

    #[test]
    fn points_at_the_column() {
        let issue = DatalogIssue {
            severity: Severity::Error,
            line: 2,
            column: 3,
            offset: 0,
            len: 1,
            message: "x".to_owned(),
        };
        assert_eq!(pointer("a\nbcdef", &issue).as_deref(), Some("bcdef\n  ^"));
        let past_end = DatalogIssue { line: 9, ..issue };
        assert_eq!(pointer("a", &past_end), None);
    }
}
