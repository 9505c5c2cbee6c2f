//! The Hook0 action catalogue as a table, read from the token core.

use leptos::prelude::*;
use token_core::catalogue::{Access, Action, ActionScope, ACTIONS};

/// Every action a Hook0 token can be checked against: name, resource,
/// read/write, whether viewers may do it, and what the request carries.
#[component]
pub fn CatalogueTable() -> impl IntoView {
    view! {
        <section class="card" aria-labelledby="catalogue-heading">
            <h2 id="catalogue-heading">"Action catalogue"</h2>
            <p class="muted">
                {format!("{} actions the Hook0 authorizer checks.", ACTIONS.len())}
            </p>
            <div class="table-scroll">
                <table class="table">
                    <thead>
                        <tr>
                            <th scope="col">"Action"</th>
                            <th scope="col">"Resource"</th>
                            <th scope="col">"Access"</th>
                            <th scope="col">"Viewers"</th>
                            <th scope="col">"Scope"</th>
                        </tr>
                    </thead>
                    <tbody>{ACTIONS.iter().map(action_row).collect_view()}</tbody>
                </table>
            </div>
        </section>
    }
}

fn action_row(action: &'static Action) -> impl IntoView {
    let (access, access_class) = match action.access {
        Access::Read => ("Read", "badge badge-read"),
        Access::Write => ("Write", "badge badge-write"),
    };
    view! {
        <tr>
            <th scope="row">
                <code>{action.name}</code>
            </th>
            <td>{action.resource.label()}</td>
            <td>
                <span class=access_class>{access}</span>
            </td>
            <td>{if action.viewer_allowed { "Allowed" } else { "Editors only" }}</td>
            <td>{scope_label(action.scope)}</td>
        </tr>
    }
}

/// What a request for the action carries, in words.
fn scope_label(scope: ActionScope) -> &'static str {
    match scope {
        ActionScope::Application => "Application",
        ActionScope::Organization => "Organization",
        ActionScope::OrganizationLess => "No organization",
    }
}
