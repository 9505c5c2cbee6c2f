//! `/inspect`: paste any token and read it, decoded by the core in the
//! browser: whether this instance signed it, what it may do in plain words
//! and action by action, and its blocks. The first thing to try when a
//! token gets "Authentication failed", and which root token of the
//! organization it derives from (or that its root is gone). Application ids
//! read as names once the organization's application list arrives (a bonus:
//! inspecting never waits for it, and works without it). Nothing is sent and
//! nothing is kept: the token lives in this page's memory only.

use leptos::prelude::*;
use token_core::inspect::Inspection;
use uuid::Uuid;

use crate::api::applications::{self, Application};
use crate::api::ApiError;
use crate::browser;
use crate::components::common::card::Card;
use crate::components::tokens::attenuation_model::token_permissions;
use crate::components::tokens::root_inspection::{read, DecodedBlocks, SignatureLine};
use crate::components::tokens::simulator::{Simulator, TOKEN};
use crate::components::tokens::token_lineage::TokenLineage;
use crate::contexts::instance::use_instance;
use crate::contexts::organizations::use_organizations;
use crate::contexts::session::use_session;
use crate::pages::set_page_title;

/// The first 8 hex digits of an id: enough to tell applications apart.
fn short(id: Uuid) -> String {
    id.simple().to_string()[..8].to_owned()
}

/// An application's name: from the organization's list once it is loaded
/// (`known`), else its short id, said to be unknown when the list is
/// loaded and lacks it (another organization's, or deleted).
fn app_label(id: Uuid, known: Option<&[Application]>) -> String {
    let Some(list) = known else {
        return format!("Application {}", short(id));
    };
    list.iter()
        .find(|a| Uuid::parse_str(&a.application_id).ok() == Some(id))
        .map_or_else(
            || format!("Unknown application {}", short(id)),
            |a| a.name.clone(),
        )
}

/// The simulator's columns: every application of the organization (when
/// known), then those the token names that the organization lacks; while
/// the list is unknown, the ones the token names.
fn columns(named: Option<&[Uuid]>, known: Option<&[Application]>) -> Vec<Application> {
    let mut columns: Vec<Application> = known.map(<[Application]>::to_vec).unwrap_or_default();
    for id in named.unwrap_or_default() {
        if !columns
            .iter()
            .any(|a| Uuid::parse_str(&a.application_id).ok() == Some(*id))
        {
            columns.push(Application {
                application_id: id.to_string(),
                name: app_label(*id, known),
            });
        }
    }
    columns
}

/// Where the token comes from, when it names its organization.
fn lineage(inspection: &Inspection) -> impl IntoView {
    let org = inspection.authority.organization_id?;
    let revocation_id = inspection.root_revocation_id()?.to_owned();
    Some(view! {
        <TokenLineage
            organization_id=org.to_string()
            revocation_id
            is_root=inspection.blocks.len() == 1
        />
    })
}

#[component]
pub fn InspectPage() -> impl IntoView {
    set_page_title("Inspect a token");
    let instance = use_instance();
    let session = use_session();
    let organizations = use_organizations();
    let text = RwSignal::new(String::new());
    let key = move || instance.and_then(|i| i.public_key()).and_then(Result::ok);
    let reading = Memo::new(move |_| {
        let key = key();
        text.with(|t| (!t.trim().is_empty()).then(|| read(t, key)))
    });
    // Application names are a bonus: the token's organization's list, when
    // the user is a member of it. Inspecting never waits for it.
    let organization = Memo::new(move |_| {
        reading.with(|r| {
            r.as_ref()?
                .as_ref()
                .ok()?
                .inspection
                .authority
                .organization_id
        })
    });
    let apps = LocalResource::new(move || {
        let org = organization
            .get()
            .map(|o| o.to_string())
            .filter(|o| organizations.name_of(o).is_some());
        async move {
            match org {
                Some(org) => Some(
                    session
                        .run(|c| async move { applications::list(&c, &org).await })
                        .await,
                ),
                None => None,
            }
        }
    });
    let known = move || apps.get().flatten().and_then(Result::ok);
    let apps_error = move || apps.get().flatten().and_then(Result::err);
    view! {
        <div class="page">
            <h1>"Inspect a token"</h1>
            <Card heading_id="inspect-heading" title="Token">
                <p class="muted">
                    "Paste a service token (root or attenuated) to see what it may do. "
                    "It is decoded here, in your browser: it is not sent anywhere, and it is forgotten when you leave this page."
                </p>
                <div class="field">
                    <label for="inspect-token">"Token to inspect"</label>
                    <textarea
                        id="inspect-token"
                        class="mono"
                        rows="5"
                        spellcheck="false"
                        autocomplete="off"
                        prop:value=move || text.get()
                        on:input=move |ev| text.set(event_target_value(&ev))
                    ></textarea>
                </div>
                {move || match reading.get() {
                    None => ().into_any(),
                    Some(Err(message)) => view! {
                        <p class="alert alert-danger" role="alert">
                            {message}
                        </p>
                    }
                    .into_any(),
                    Some(Ok(r)) => {
                        let inspection = r.inspection.clone();
                        let summary = move || {
                            let known = known();
                            inspection.summary(|id| Some(app_label(id, known.as_deref())))
                        };
                        let named = r.inspection.restrictions.applications.clone();
                        let org = r.inspection.authority.organization_id;
                        // Read again at each chosen moment: the token stays
                        // in this page's memory, nowhere else. (This reading's
                        // text: a new one rebuilds all of this.)
                        let pasted = text.get_untracked();
                        let decide = move |at: Option<chrono::DateTime<chrono::Utc>>| {
                            let known = known();
                            let columns = columns(named.as_deref(), known.as_deref());
                            token_permissions(
                                &pasted,
                                key().as_ref(),
                                org,
                                &columns,
                                at.unwrap_or_else(browser::now),
                            )
                        };
                        view! {
                            <p class="summary">
                                <strong>"What it can do: "</strong>
                                <span data-testid="inspect-summary">{summary}</span>
                            </p>
                            <p class="muted small">
                                {format!("Size: {} bytes", r.inspection.size_bytes)}
                            </p>
                            <SignatureLine signature=r.signature />
                            {move || {
                                apps_error()
                                    .map(|e: ApiError| {
                                        view! {
                                            <p class="muted small">
                                                {format!(
                                                    "Application names could not be loaded ({e}): short ids are shown instead.",
                                                )}
                                            </p>
                                        }
                                    })
                            }}
                            {lineage(&r.inspection)}
                            <Simulator text=TOKEN decide />
                            <DecodedBlocks blocks=r.inspection.blocks open=true />
                        }
                            .into_any()
                    }
                }}
            </Card>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn app(n: u128, name: &str) -> Application {
        Application {
            application_id: Uuid::from_u128(n).to_string(),
            name: name.to_owned(),
        }
    }

    #[test]
    fn names_come_from_the_list_and_unknown_ids_say_so() {
        let id = Uuid::from_u128(0xabcdef12_0000_0000_0000_000000000001);
        let list = [app(0xabcdef12_0000_0000_0000_000000000001, "Billing")];
        assert_eq!(app_label(id, Some(&list)), "Billing");
        assert_eq!(app_label(id, None), "Application abcdef12");
        assert_eq!(app_label(id, Some(&[])), "Unknown application abcdef12");
    }

    #[test]
    fn columns_are_the_organization_s_applications_then_foreign_ones() {
        let billing = app(1, "Billing");
        let store = app(2, "Storefront");
        let foreign = Uuid::from_u128(3);
        let known = [billing.clone(), store.clone()];
        let named = [Uuid::from_u128(1), foreign];
        let cols = columns(Some(&named), Some(&known));
        let names: Vec<&str> = cols.iter().map(|a| a.name.as_str()).collect();
        assert_eq!(
            names,
            ["Billing", "Storefront", "Unknown application 00000000"]
        );
        // Not loaded (yet): only what the token names, by short id.
        let cols = columns(Some(&named), None);
        assert_eq!(cols.len(), 2);
        assert_eq!(cols[0].name, "Application 00000000");
        // A token naming no application, list unknown: no column (the grid
        // then asks about "any application").
        assert!(columns(None, None).is_empty());
    }
}
