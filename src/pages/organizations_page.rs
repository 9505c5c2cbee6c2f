//! `/organizations`: pick an organization (remembered for next time), or
//! create one. Creating refreshes the session, because the access token
//! lists the memberships it was minted with.

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_navigate;
use leptos_router::NavigateOptions;
use token_core::names::entity_name;

use crate::api::organizations;
use crate::components::common::card::Card;
use crate::components::common::error_card::{ErrorCard, InlineError};
use crate::components::common::states::{EmptyState, Skeleton};
use crate::contexts::organizations::{remember, use_organizations};
use crate::contexts::session::use_session;
use crate::contexts::toasts::use_toasts;
use crate::pages::set_page_title;
use crate::routes;

#[component]
pub fn OrganizationsPage() -> impl IntoView {
    set_page_title("Organizations");
    let organizations = use_organizations();

    let list = move || match organizations.get() {
        None => view! { <Skeleton label="Loading your organizations" /> }.into_any(),
        Some(Err(error)) => view! {
            <ErrorCard error on_retry=move |_| organizations.refetch() />
        }
        .into_any(),
        Some(Ok(list)) if list.is_empty() => view! {
            <EmptyState
                title="No organization yet"
                text="Create one below to start managing service tokens."
            >
                ""
            </EmptyState>
        }
        .into_any(),
        Some(Ok(list)) => view! {
            <ul class="org-list">
                {list
                    .into_iter()
                    .map(|o| {
                        let id = o.organization_id.clone();
                        view! {
                            <li>
                                <A
                                    href=routes::service_tokens(&o.organization_id)
                                    attr:class="org-link"
                                    on:click=move |_| remember(&id)
                                >
                                    <span class="org-name">{o.name}</span>
                                    <span class="badge">{o.role}</span>
                                </A>
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        }
        .into_any(),
    };

    view! {
        <div class="page">
            <h1>"Organizations"</h1>
            <Card heading_id="pick-heading" title="Choose an organization">
                {list}
            </Card>
            <CreateOrganization />
        </div>
    }
}

#[component]
fn CreateOrganization() -> impl IntoView {
    let session = use_session();
    let organizations = use_organizations();
    let toasts = use_toasts();
    let navigate = use_navigate();
    let name = RwSignal::new(String::new());
    let touched = RwSignal::new(false);
    let pending = RwSignal::new(false);
    let server_error = RwSignal::new(None::<String>);
    let message = Signal::derive(move || {
        if !touched.get() {
            return server_error.get();
        }
        name.with(|n| entity_name(n).err().map(|e| e.to_string()))
            .or_else(|| server_error.get())
    });

    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        touched.set(true);
        let raw = name.get_untracked();
        let Ok(valid) = entity_name(&raw).map(str::to_owned) else {
            return;
        };
        if pending.get_untracked() {
            return;
        }
        pending.set(true);
        server_error.set(None);
        let navigate = navigate.clone();
        leptos::task::spawn_local(async move {
            let created = session
                .run(|c| async move { organizations::create(&c, &valid).await })
                .await;
            match created {
                Ok(org) => {
                    // The new membership is only in a freshly minted token.
                    let _ = session.refresh().await;
                    organizations.refetch();
                    remember(&org.organization_id);
                    toasts.success("Success", "Organization created.");
                    navigate(
                        &routes::service_tokens(&org.organization_id),
                        NavigateOptions::default(),
                    );
                }
                Err(e) => server_error.set(Some(e.to_string())),
            }
            pending.set(false);
        });
    };

    view! {
        <Card heading_id="create-org-heading" title="Create an organization">
            <form class="form form-inline" on:submit=on_submit novalidate>
                <div class="field">
                    <label for="organization-name">"Organization name"</label>
                    <input
                        id="organization-name"
                        type="text"
                        maxlength="200"
                        aria-invalid=move || message.get().is_some().to_string()
                        aria-describedby="organization-name-error"
                        prop:value=name
                        on:input=move |ev| {
                            name.set(event_target_value(&ev));
                            touched.set(true);
                        }
                    />
                    <InlineError message id="organization-name-error".to_owned() />
                </div>
                <button type="submit" class="button button-primary" disabled=pending>
                    "Create organization"
                </button>
            </form>
        </Card>
    }
}
