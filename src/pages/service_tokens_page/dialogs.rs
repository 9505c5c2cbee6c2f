//! The service-token dialogs: create (`…/new`, the new token shown once),
//! rename (`…/:id/edit`) and the delete confirmation. Create and rename are
//! child routes of the list page; delete is the list page's own state.

use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_params_map};
use leptos_router::NavigateOptions;
use token_core::names::service_token_name;

use super::{use_list_context, ListContext, TOKEN_COPIED};
use crate::api::service_tokens::{self, ServiceToken};
use crate::components::common::copy_field::CopyField;
use crate::components::common::dialog::{Dialog, DialogVariant};
use crate::components::tokens::name_field::NameField;
use crate::contexts::session::use_session;
use crate::contexts::toasts::use_toasts;
use crate::pages::set_page_title;
use crate::routes;

/// Back to the list, closing whichever dialog is open.
fn close_to_list(ctx: Option<ListContext>) -> impl Fn() + Clone {
    let navigate = use_navigate();
    move || {
        if let Some(ctx) = ctx {
            navigate(
                &routes::service_tokens(&ctx.organization_id.get_untracked()),
                NavigateOptions::default(),
            );
        }
    }
}

/// A name form's state (create and rename share it): the field, whether
/// its rule shows yet, one submission at a time, and the server's refusal.
#[derive(Clone, Copy)]
struct NameForm {
    name: RwSignal<String>,
    touched: RwSignal<bool>,
    pending: RwSignal<bool>,
    server_error: RwSignal<Option<String>>,
}

impl NameForm {
    fn new() -> NameForm {
        NameForm {
            name: RwSignal::new(String::new()),
            touched: RwSignal::new(false),
            pending: RwSignal::new(false),
            server_error: RwSignal::new(None),
        }
    }

    /// Starts a submission: the valid name to send, or `None` when the
    /// core's rule refuses it (its message now shows) or one is running.
    fn begin(self) -> Option<String> {
        self.touched.set(true);
        if self.pending.get_untracked() {
            return None;
        }
        let valid = self
            .name
            .with_untracked(|raw| service_token_name(raw).map(str::to_owned))
            .ok()?;
        self.pending.set(true);
        self.server_error.set(None);
        Some(valid)
    }

    /// Ends the submission begun by [`NameForm::begin`].
    fn end(self, error: Option<String>) {
        self.pending.set(false);
        self.server_error.set(error);
    }
}

/// The name field with Cancel and a submit button.
fn name_form_view(
    form: NameForm,
    id: &'static str,
    submit_label: &'static str,
    submit: impl Fn() + 'static,
    cancel: impl Fn() + 'static,
) -> impl IntoView {
    let NameForm {
        name,
        touched,
        pending,
        server_error,
    } = form;
    view! {
        <form
            class="form"
            novalidate
            on:submit=move |ev| {
                ev.prevent_default();
                submit();
            }
        >
            <NameField name touched server_error=server_error id />
            <div class="button-row">
                <button type="button" class="button" on:click=move |_| cancel()>
                    "Cancel"
                </button>
                <button type="submit" class="button button-primary" disabled=pending>
                    {submit_label}
                </button>
            </div>
        </form>
    }
}

/// `…/new`: the name, then the new token, shown once.
#[component]
pub fn CreateTokenDialog() -> impl IntoView {
    set_page_title("New Service Token");
    let session = use_session();
    let toasts = use_toasts();
    let ctx = use_list_context();
    let close = close_to_list(ctx);
    let form = NameForm::new();
    let created = RwSignal::new(None::<ServiceToken>);
    let done_button = NodeRef::<leptos::html::Button>::new();
    // Syncs focus with the DOM: once the token shows, focus moves to "Done"
    // (the dialog was already open, so `autofocus` alone would not).
    Effect::new(move || {
        if let Some(button) = done_button.get() {
            let _ = button.focus();
        }
    });

    let submit = move || {
        let Some((ctx, valid)) = ctx.zip(form.begin()) else {
            return;
        };
        let org = ctx.organization_id.get_untracked();
        leptos::task::spawn_local(async move {
            let result = session
                .run(|c| async move { service_tokens::create(&c, &org, &valid).await })
                .await;
            match result {
                Ok(token) => {
                    toasts.success("Success", "Service token created.");
                    created.set(Some(token));
                    ctx.tokens.refetch();
                    form.end(None);
                }
                Err(e) => form.end(Some(e.to_string())),
            }
        });
    };
    let on_close = {
        let close = close.clone();
        move |_| close()
    };

    view! {
        <Dialog title="Create service token" on_close>
            {move || match created.get() {
                None => {
                    let close = close.clone();
                    name_form_view(form, "service-token-name", "Confirm", submit, close)
                        .into_any()
                }
                Some(token) => {
                    let close = close.clone();
                    let biscuit = token.biscuit.clone();
                    view! {
                        <div class="created-token">
                            <p class="alert alert-warning" role="alert">
                                "Store this token now: this dialog shows it once. "
                                "It has full access to your organization; keep it confidential."
                            </p>
                            <p>"Service token " <strong>{token.name.clone()}</strong> " created."</p>
                            <CopyField
                                value=Signal::derive(move || biscuit.clone())
                                label="New service token"
                                copied_message=TOKEN_COPIED
                                block=true
                            />
                            <div class="button-row">
                                <button
                                    type="button"
                                    class="button button-primary"
                                    node_ref=done_button
                                    on:click=move |_| close()
                                >
                                    "Done"
                                </button>
                            </div>
                        </div>
                    }
                        .into_any()
                }
            }}
        </Dialog>
    }
}

/// `…/:id/edit`: rename (the biscuit is unchanged).
#[component]
pub fn EditTokenDialog() -> impl IntoView {
    set_page_title("Edit Service Token");
    let session = use_session();
    let toasts = use_toasts();
    let params = use_params_map();
    let token_id = Memo::new(move |_| params.read().get("service_token_id").unwrap_or_default());
    let ctx = use_list_context();
    let close = close_to_list(ctx);
    let form = NameForm::new();

    // The current name, once the list has it (a deep link loads it first).
    let current = Memo::new(move |_| {
        let ctx = ctx?;
        let id = token_id.get();
        ctx.tokens.with(|l| {
            l.as_ref()?
                .as_ref()
                .ok()?
                .iter()
                .find(|t| t.token_id == id)
                .map(|t| t.name.clone())
        })
    });
    // Fills the field once from loaded data (the person edits it after).
    Effect::new(move || {
        if let Some(n) = current.get() {
            if !form.touched.get_untracked() {
                form.name.set(n);
            }
        }
    });

    let submit = {
        let close = close.clone();
        move || {
            let Some((ctx, valid)) = ctx.zip(form.begin()) else {
                return;
            };
            let org = ctx.organization_id.get_untracked();
            let id = token_id.get_untracked();
            let close = close.clone();
            leptos::task::spawn_local(async move {
                let result = session
                    .run(|c| async move { service_tokens::rename(&c, &org, &id, &valid).await })
                    .await;
                match result {
                    Ok(_) => {
                        form.end(None);
                        toasts.success("Success", "Service token updated.");
                        ctx.tokens.refetch();
                        close();
                    }
                    Err(e) => form.end(Some(e.to_string())),
                }
            });
        }
    };
    let on_close = {
        let close = close.clone();
        move |_| close()
    };

    view! {
        <Dialog title="Edit" on_close>
            {name_form_view(form, "service-token-edit-name", "Save", submit, close)}
        </Dialog>
    }
}

/// Delete confirmation: says that every derived token stops working too.
#[component]
pub(super) fn DeleteDialog(deleting: RwSignal<Option<ServiceToken>>) -> impl IntoView {
    let session = use_session();
    let toasts = use_toasts();
    let ctx = use_list_context();
    let pending = RwSignal::new(false);
    let error = RwSignal::new(None::<String>);
    let close = move || {
        deleting.set(None);
        error.set(None);
    };
    let confirm = move |_| {
        let (Some(ctx), Some(token)) = (ctx, deleting.get_untracked()) else {
            return;
        };
        pending.set(true);
        let org = ctx.organization_id.get_untracked();
        leptos::task::spawn_local(async move {
            let id = token.token_id.clone();
            let result = session
                .run(|c| async move { service_tokens::delete(&c, &org, &id).await })
                .await;
            pending.set(false);
            match result {
                Ok(()) => {
                    toasts.success("Success", "Service token deleted.");
                    deleting.set(None);
                    ctx.tokens.refetch();
                }
                Err(e) => error.set(Some(e.to_string())),
            }
        });
    };
    move || {
        deleting.get().map(|token| {
            view! {
                <Dialog title="Delete" variant=DialogVariant::Danger on_close=move |_| close()>
                    <p>
                        "Delete service token " <strong>{token.name.clone()}</strong>
                        "? Every token derived from it will be revoked as well."
                    </p>
                    <p class="field-error" role="alert">
                        {move || error.get()}
                    </p>
                    <div class="button-row">
                        <button type="button" class="button" autofocus on:click=move |_| close()>
                            "Cancel"
                        </button>
                        <button
                            type="button"
                            class="button button-danger"
                            disabled=pending
                            on:click=confirm
                        >
                            "Delete"
                        </button>
                    </div>
                </Dialog>
            }
        })
    }
}
