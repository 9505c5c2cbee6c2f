//! Log in with e-mail and password; errors under the fields and above the
//! form; afterwards back to `redirect_to` when it is a safe relative path.

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::{use_navigate, use_query_map};
use leptos_router::NavigateOptions;

use crate::api::{self, ApiError, Client};
use crate::components::common::auth_card::{AuthCard, FormAlert, SwitchLink};
use crate::components::common::text_field::TextField;
use crate::contexts::instance::use_instance;
use crate::contexts::session::use_session;
use crate::pages::set_page_title;
use crate::routes;

fn email_error(email: &str) -> Option<String> {
    let email = email.trim();
    if email.is_empty() {
        Some("The e-mail address is required".to_owned())
    } else if !email.contains('@') || email.starts_with('@') || email.ends_with('@') {
        Some("Enter a valid e-mail address".to_owned())
    } else {
        None
    }
}

fn password_error(password: &str) -> Option<String> {
    password
        .is_empty()
        .then(|| "The password is required".to_owned())
}

/// What to say when the API refuses the login.
fn login_failure(error: &ApiError) -> String {
    match error.id() {
        Some("AuthFailedLogin") => "Wrong e-mail or password.".to_owned(),
        Some("AuthEmailNotVerified") => {
            "This e-mail address is not verified yet: follow the link Hook0 sent you.".to_owned()
        }
        _ => error.to_string(),
    }
}

#[component]
pub fn LoginPage() -> impl IntoView {
    set_page_title("Log in");
    let session = use_session();
    let instance = use_instance();
    let query = use_query_map();
    let navigate = use_navigate();
    let target = Memo::new(move |_| {
        query
            .read()
            .get("redirect_to")
            .and_then(|t| routes::safe_redirect(&t).map(str::to_owned))
            .unwrap_or_else(|| "/".to_owned())
    });

    let email = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let submitted = RwSignal::new(false);
    let pending = RwSignal::new(false);
    let failure = RwSignal::new(session.take_notice().map(|n| (n, false)));

    let email_message = Signal::derive(move || {
        if submitted.get() {
            email.with(|e| email_error(e))
        } else {
            None
        }
    });
    let password_message = Signal::derive(move || {
        if submitted.get() {
            password.with(|p| password_error(p))
        } else {
            None
        }
    });

    // Already logged in (or just logged in): go where the person was going.
    let go = navigate.clone();
    Effect::new(move || {
        if session.is_logged_in() {
            go(
                &target.get_untracked(),
                NavigateOptions {
                    replace: true,
                    ..Default::default()
                },
            );
        }
    });

    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        submitted.set(true);
        let (e, p) = (email.get_untracked(), password.get_untracked());
        if email_error(&e).is_some() || password_error(&p).is_some() || pending.get_untracked() {
            return;
        }
        pending.set(true);
        failure.set(None);
        leptos::task::spawn_local(async move {
            match api::auth::login(&Client::anonymous(), e.trim(), &p).await {
                Ok(response) => session.start(response),
                Err(error) => failure.set(Some((login_failure(&error), true))),
            }
            pending.set(false);
        });
    };

    view! {
        <AuthCard heading_id="login-heading" title="Log in">
            <FormAlert outcome=failure />
            <form class="form" on:submit=on_submit novalidate>
                <TextField
                    id="login-email"
                    label="E-mail"
                    kind="email"
                    autocomplete="username"
                    autofocus=true
                    required=true
                    message=email_message
                    value=email
                    on_input=move |v| email.set(v)
                />
                <TextField
                    id="login-password"
                    label="Password"
                    kind="password"
                    autocomplete="current-password"
                    required=true
                    message=password_message
                    value=password
                    on_input=move |v| password.set(v)
                />
                <button type="submit" class="button button-primary" disabled=pending>
                    {move || if pending.get() { "Logging in…" } else { "Log in" }}
                </button>
            </form>
            {move || {
                let open = instance
                    .and_then(|i| i.config())
                    .and_then(Result::ok)
                    .is_some_and(|c| !c.registration_disabled);
                open.then(|| {
                    view! {
                        <SwitchLink
                            question="No account yet?"
                            href=routes::REGISTER
                            label="Create an account"
                        />
                    }
                })
            }}
            <p class="muted small">
                "API: " <code>{api::base_url()}</code> " · "
                <A href=routes::SETTINGS>"Change the API location"</A>
            </p>
        </AuthCard>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn checks_the_fields_before_calling_the_api() {
        assert!(email_error("").is_some());
        assert!(email_error("demo").is_some());
        assert!(email_error("@x").is_some());
        assert_eq!(email_error(" demo@example.com "), None);
        assert!(password_error("").is_some());
        assert_eq!(password_error("x"), None);
    }
}
