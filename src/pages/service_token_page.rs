//! `/organizations/:organization_id/service_tokens/:service_token_id`: the
//! root token (masked, reveal, copy) with its warning, and the attenuation
//! panel.

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;

use crate::api::service_tokens::{self, ServiceToken};
use crate::api::{applications, ApiError};
use crate::components::common::copy_field::CopyField;
use crate::components::common::error_card::ErrorCard;
use crate::components::common::states::Skeleton;
use crate::components::tokens::attenuation_panel::AttenuationPanel;
use crate::components::tokens::root_inspection::RootInspection;
use crate::contexts::session::use_session;
use crate::pages::set_page_title;
use crate::routes;

#[component]
pub fn ServiceTokenPage() -> impl IntoView {
    let session = use_session();
    let params = use_params_map();
    let organization_id =
        Memo::new(move |_| params.read().get("organization_id").unwrap_or_default());
    let token_id = Memo::new(move |_| params.read().get("service_token_id").unwrap_or_default());

    let token = LocalResource::new(move || {
        let (org, id) = (organization_id.get(), token_id.get());
        async move {
            session
                .run(|c| async move { service_tokens::get(&c, &org, &id).await })
                .await
        }
    });
    let apps = LocalResource::new(move || {
        let org = organization_id.get();
        async move {
            session
                .run(|c| async move { applications::list(&c, &org).await })
                .await
        }
    });

    // Syncs the document title with the loaded name.
    Effect::new(move || match token.get() {
        Some(Ok(t)) => set_page_title(&format!("Service Token {}", t.name)),
        _ => set_page_title("Service Token"),
    });

    let back = move || routes::service_tokens(&organization_id.get());
    view! {
        <div class="page">
            <p>
                <A href=back>"← Service tokens"</A>
            </p>
            {move || match token.get() {
                None => view! {
                    <h1>"Service Token"</h1>
                    <Skeleton count=4 label="Loading the service token" />
                }
                .into_any(),
                Some(Err(error)) => view! {
                    <h1>"Service Token"</h1>
                    <ErrorCard error on_retry=move |_| token.refetch() />
                }
                .into_any(),
                Some(Ok(t)) => view! { <TokenView token=t apps organization_id /> }.into_any(),
            }}
        </div>
    }
}

#[component]
fn TokenView(
    token: ServiceToken,
    apps: LocalResource<Result<Vec<applications::Application>, ApiError>>,
    organization_id: Memo<String>,
) -> impl IntoView {
    let root = token.biscuit.clone();
    let root_signal = Signal::derive(move || root.clone());
    let app_list = Signal::derive(move || apps.get().and_then(Result::ok).unwrap_or_default());
    view! {
        <h1>"Service Token " <span class="token-name">{token.name.clone()}</span></h1>
        <section class="card" aria-labelledby="root-token-heading">
            <h2 id="root-token-heading">"Root token"</h2>
            <p class="alert alert-warning" role="note">
                "This token has full access to your organization. Keep it confidential."
            </p>
            <CopyField
                value=root_signal
                label="Root token"
                maskable=true
                copied_message="The service token has been copied to the clipboard."
            />
            <RootInspection root=root_signal />
        </section>
        {move || match apps.get() {
            None => view! { <Skeleton count=3 label="Loading applications" /> }.into_any(),
            Some(Err(error)) => view! {
                <ErrorCard error on_retry=move |_| apps.refetch() />
            }
            .into_any(),
            Some(Ok(_)) => view! {
                <AttenuationPanel
                    root=root_signal
                    organization_id=organization_id
                    applications=app_list
                />
            }
            .into_any(),
        }}
    }
}
