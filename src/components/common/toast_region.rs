//! Where toasts appear: a polite live region (errors assertive).

use leptos::prelude::*;

use crate::contexts::toasts::{use_toasts, ToastKind};

#[component]
pub fn ToastRegion() -> impl IntoView {
    let toasts = use_toasts();
    view! {
        <div class="toast-region" role="region" aria-label="Notifications">
            <For each=move || toasts.list().get() key=|t| t.id let:toast>
                {
                    let (class, role) = match toast.kind {
                        ToastKind::Success => ("toast toast-success", "status"),
                        ToastKind::Error => ("toast toast-error", "alert"),
                    };
                    let id = toast.id;
                    view! {
                        <div class=class role=role>
                            <div class="toast-text">
                                <strong>{toast.title}</strong>
                                <span>{toast.body}</span>
                            </div>
                            <button
                                type="button"
                                class="button-icon"
                                aria-label="Dismiss notification"
                                on:click=move |_| toasts.dismiss(id)
                            >
                                "×"
                            </button>
                        </div>
                    }
                }
            </For>
        </div>
    }
}
