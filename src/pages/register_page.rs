//! `/register`, when the instance allows it: a user and their personal
//! organization, then straight into the dashboard (or, on a Hook0 that
//! verifies e-mail addresses first, a message saying so).

use leptos::prelude::*;
use leptos_router::hooks::use_navigate;
use leptos_router::NavigateOptions;

use crate::api::{self, Client};
use crate::components::common::auth_card::{AuthCard, FormAlert, SwitchLink};
use crate::components::common::text_field::TextField;
use crate::contexts::instance::use_instance;
use crate::contexts::session::use_session;
use crate::pages::set_page_title;
use crate::routes;

/// The form's fields, checked before anything is sent.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
struct Form {
    first_name: String,
    last_name: String,
    email: String,
    password: String,
}

/// Field → message, for the fields that are wrong.
fn problems(form: &Form, min_password: usize) -> Vec<(&'static str, String)> {
    let mut out = Vec::new();
    let required = |v: &str| v.trim().is_empty();
    if required(&form.first_name) {
        out.push(("first_name", "The first name is required".to_owned()));
    }
    if required(&form.last_name) {
        out.push(("last_name", "The last name is required".to_owned()));
    }
    let email = form.email.trim();
    if !email.contains('@') || email.starts_with('@') || email.ends_with('@') {
        out.push(("email", "Enter a valid e-mail address".to_owned()));
    }
    if form.password.chars().count() < min_password {
        out.push((
            "password",
            format!("Use at least {min_password} characters"),
        ));
    }
    out
}

#[component]
pub fn RegisterPage() -> impl IntoView {
    set_page_title("Create an account");
    let session = use_session();
    let instance = use_instance();
    let navigate = use_navigate();
    let form = RwSignal::new(Form::default());
    let submitted = RwSignal::new(false);
    let pending = RwSignal::new(false);
    let outcome = RwSignal::new(None::<(String, bool)>);
    let min_password = Memo::new(move |_| {
        instance
            .and_then(|i| i.config())
            .and_then(Result::ok)
            .and_then(|c| c.password_minimum_length)
            .unwrap_or(12) as usize
    });
    let disabled = Memo::new(move |_| {
        instance
            .and_then(|i| i.config())
            .and_then(Result::ok)
            .is_some_and(|c| c.registration_disabled)
    });
    let message_for = move |field: &'static str| {
        Signal::derive(move || {
            if !submitted.get() {
                return None;
            }
            form.with(|f| problems(f, min_password.get()))
                .into_iter()
                .find(|(name, _)| *name == field)
                .map(|(_, m)| m)
        })
    };

    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        submitted.set(true);
        let f = form.get_untracked();
        if !problems(&f, min_password.get_untracked()).is_empty() || pending.get_untracked() {
            return;
        }
        pending.set(true);
        outcome.set(None);
        let navigate = navigate.clone();
        leptos::task::spawn_local(async move {
            let client = Client::anonymous();
            let email = f.email.trim().to_owned();
            let registered = api::auth::register(
                &client,
                f.first_name.trim(),
                f.last_name.trim(),
                &email,
                &f.password,
            )
            .await;
            match registered {
                Err(e) => outcome.set(Some((e.to_string(), true))),
                Ok(_) => match api::auth::login(&client, &email, &f.password).await {
                    Ok(response) => {
                        session.start(response);
                        navigate("/", NavigateOptions::default());
                    }
                    Err(e) if e.id() == Some("AuthEmailNotVerified") => outcome.set(Some((
                        "Account created. Follow the link in the e-mail Hook0 sent you, then log in."
                            .to_owned(),
                        false,
                    ))),
                    Err(e) => outcome.set(Some((e.to_string(), true))),
                },
            }
            pending.set(false);
        });
    };

    // One input of the form: its name (as `problems` says it), label, type,
    // autocomplete hint, and where its text lives in `Form`.
    let field = move |name: &'static str,
                      label: &'static str,
                      kind: &'static str,
                      autocomplete: &'static str,
                      get: fn(&Form) -> String,
                      set: fn(&mut Form, String)| {
        view! {
            <TextField
                id=format!("register-{name}")
                label
                kind
                autocomplete
                message=message_for(name)
                value=Signal::derive(move || form.with(get))
                on_input=move |v| form.update(|f| set(f, v))
            />
        }
    };

    view! {
        <AuthCard heading_id="register-heading" title="Create an account">
            {move || {
                disabled
                    .get()
                    .then(|| {
                        view! {
                            <p class="alert alert-info" role="alert">
                                "Registration is disabled on this instance."
                            </p>
                        }
                    })
            }}
            <FormAlert outcome />
            <form class="form" on:submit=on_submit novalidate hidden=disabled>
                {field(
                    "first_name",
                    "First name",
                    "text",
                    "given-name",
                    |f| f.first_name.clone(),
                    |f, v| f.first_name = v,
                )}
                {field(
                    "last_name",
                    "Last name",
                    "text",
                    "family-name",
                    |f| f.last_name.clone(),
                    |f, v| f.last_name = v,
                )}
                {field(
                    "email",
                    "E-mail",
                    "email",
                    "username",
                    |f| f.email.clone(),
                    |f, v| f.email = v,
                )}
                {field(
                    "password",
                    "Password",
                    "password",
                    "new-password",
                    |f| f.password.clone(),
                    |f, v| f.password = v,
                )}
                <p class="help">
                    {move || format!("At least {} characters.", min_password.get())}
                </p>
                <button type="submit" class="button button-primary" disabled=pending>
                    "Create account"
                </button>
            </form>
            <SwitchLink question="Already have an account?" href=routes::LOGIN label="Log in" />
        </AuthCard>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_every_wrong_field() {
        let empty = problems(&Form::default(), 12);
        let fields: Vec<&str> = empty.iter().map(|(f, _)| *f).collect();
        assert_eq!(fields, ["first_name", "last_name", "email", "password"]);
        let ok = Form {
            first_name: "Ada".into(),
            last_name: "Lovelace".into(),
            email: "ada@example.com".into(),
            password: "correct horse battery".into(),
        };
        assert!(problems(&ok, 12).is_empty());
    }
}
