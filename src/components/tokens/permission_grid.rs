//! What a token may do, action by action and application by application,
//! decided by the core's `grid` (the very policy the server runs), shown
//! before the token is ever used.

use leptos::prelude::*;

use super::attenuation_model::Permissions;

fn cell(decision: Option<bool>) -> impl IntoView {
    match decision {
        None => view! {
            <td class="perm perm-none">
                <span aria-hidden="true">"–"</span>
                <span class="visually-hidden">"Not applicable"</span>
            </td>
        }
        .into_any(),
        Some(true) => view! { <td class="perm perm-yes">"✓ Allowed"</td> }.into_any(),
        Some(false) => view! { <td class="perm perm-no">"✗ Denied"</td> }.into_any(),
    }
}

#[component]
pub fn PermissionGrid(permissions: Permissions) -> impl IntoView {
    let allowed = permissions
        .rows
        .iter()
        .filter(|r| r.organization == Some(true) || r.per_application.contains(&Some(true)))
        .count();
    let total = permissions.rows.len();
    view! {
        <details class="permissions">
            <summary>
                {format!("Permissions: {allowed} of {total} actions allowed somewhere")}
            </summary>
            <p class="help">
                "Decided in your browser by the same policy the server runs, for each of your applications."
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
                                        {cell(row.organization)}
                                        {row.per_application.into_iter().map(cell).collect_view()}
                                    </tr>
                                }
                            })
                            .collect_view()}
                    </tbody>
                </table>
            </div>
        </details>
    }
}
