//! `/`: straight to the remembered organization's service tokens, or the
//! only one, or the picker.

use leptos::prelude::*;
use leptos_router::hooks::use_navigate;
use leptos_router::NavigateOptions;

use crate::components::common::error_card::ErrorCard;
use crate::components::common::states::Skeleton;
use crate::contexts::organizations::{remembered, use_organizations};
use crate::routes;

#[component]
pub fn HomePage() -> impl IntoView {
    let organizations = use_organizations();
    let navigate = use_navigate();
    // Syncs with the router only.
    Effect::new(move || {
        let Some(Ok(list)) = organizations.get() else {
            return;
        };
        let last = remembered();
        let target = match list.as_slice() {
            [only] => routes::service_tokens(&only.organization_id),
            _ => match last.filter(|id| list.iter().any(|o| &o.organization_id == id)) {
                Some(id) => routes::service_tokens(&id),
                None => routes::ORGANIZATIONS.to_owned(),
            },
        };
        navigate(
            &target,
            NavigateOptions {
                replace: true,
                ..Default::default()
            },
        );
    });
    move || match organizations.get() {
        Some(Err(error)) => view! {
            <ErrorCard error on_retry=move |_| organizations.refetch() />
        }
        .into_any(),
        _ => view! { <Skeleton label="Loading your organizations" /> }.into_any(),
    }
}
