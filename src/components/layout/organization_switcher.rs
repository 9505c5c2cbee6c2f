//! The organization switcher in the top bar: a labelled `<select>`; picking
//! one remembers it and opens its service tokens.

use leptos::prelude::*;
use leptos_router::hooks::use_navigate;
use leptos_router::NavigateOptions;

use crate::contexts::organizations::{remember, use_organizations};
use crate::routes;

#[component]
pub fn OrganizationSwitcher(#[prop(into)] current: Signal<Option<String>>) -> impl IntoView {
    let organizations = use_organizations();
    let navigate = use_navigate();
    let on_change = move |ev| {
        let id = event_target_value(&ev);
        if id == "__new" {
            navigate(routes::ORGANIZATIONS, NavigateOptions::default());
        } else if !id.is_empty() {
            remember(&id);
            navigate(&routes::service_tokens(&id), NavigateOptions::default());
        }
    };
    move || {
        let Some(Ok(list)) = organizations.get() else {
            return ().into_any();
        };
        if list.is_empty() {
            return ().into_any();
        }
        let selected = current.get().unwrap_or_default();
        let known = list.iter().any(|o| o.organization_id == selected);
        view! {
            <div class="org-switcher">
                <label for="organization-switcher" class="visually-hidden">
                    "Organization"
                </label>
                <select id="organization-switcher" on:change=on_change.clone()>
                    {(!known)
                        .then(|| {
                            view! {
                                <option value="" selected>
                                    "Choose an organization"
                                </option>
                            }
                        })}
                    {list
                        .into_iter()
                        .map(|o| {
                            let is_selected = o.organization_id == selected;
                            view! {
                                <option value=o.organization_id.clone() selected=is_selected>
                                    {o.name}
                                </option>
                            }
                        })
                        .collect_view()}
                    <option value="__new">"+ New organization…"</option>
                </select>
            </div>
        }
        .into_any()
    }
}
