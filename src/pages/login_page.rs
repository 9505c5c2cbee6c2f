//! Log in with e-mail and password; errors under the fields and above the
//! form; afterwards back to `redirect_to` when it is a safe relative path.

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::{use_navigate, use_query_map};
use leptos_router::NavigateOptions;

use crate::api::{self, ApiError, Client};
use crate::components::common::error_card::InlineError;
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
        <main id="main" class="auth-page">
            <section class="card auth-card" aria-labelledby="login-heading">
                <p class="brand brand-large">{crate::PRODUCT_NAME}</p>
                <h1 id="login-heading">"Log in"</h1>
                {move || {
                    failure
                        .get()
                        .map(|(message, is_error)| {
                            let class = if is_error { "alert alert-danger" } else { "alert alert-info" };
                            view! {
                                <p class=class role="alert">
                                    {message}
                                </p>
                            }
                        })
                }}
                <form class="form" on:submit=on_submit novalidate>
                    <div class="field">
                        <label for="login-email">"E-mail"</label>
                        <input
                            id="login-email"
                            type="email"
                            autocomplete="username"
                            autofocus
                            required
                            aria-invalid=move || email_message.get().is_some().to_string()
                            aria-describedby="login-email-error"
                            prop:value=email
                            on:input=move |ev| email.set(event_target_value(&ev))
                        />
                        <InlineError message=email_message id="login-email-error".to_owned() />
                    </div>
                    <div class="field">
                        <label for="login-password">"Password"</label>
                        <input
                            id="login-password"
                            type="password"
                            autocomplete="current-password"
                            required
                            aria-invalid=move || password_message.get().is_some().to_string()
                            aria-describedby="login-password-error"
                            prop:value=password
                            on:input=move |ev| password.set(event_target_value(&ev))
                        />
                        <InlineError
                            message=password_message
                            id="login-password-error".to_owned()
                        />
                    </div>
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
                            <p class="small">
                                "No account yet? " <A href=routes::REGISTER>"Create an account"</A>
                            </p>
                        }
                    })
                }}
                <p class="muted small">
                    "API: " <code>{api::base_url()}</code> " · "
                    <A href=routes::SETTINGS>"Change the API location"</A>
                </p>
            </section>
        </main>
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
