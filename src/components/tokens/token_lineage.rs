//! Which root token of its organization an inspected token derives from:
//! the authority block's revocation id (the same in every token derived
//! from a root) matched against the organization's live service tokens,
//! each decoded by the core. No match means the root was deleted, so the
//! token is dead. Only the organization's token list is fetched; the
//! inspected token itself is never sent.

use leptos::prelude::*;
use leptos_router::components::A;
use token_core::inspect::inspect;
use token_core::token::Token;

use crate::api::service_tokens::{self, ServiceToken};
use crate::contexts::organizations::use_organizations;
use crate::contexts::session::use_session;
use crate::routes;

/// The live root whose authority block has `revocation_id`.
pub fn find_root<'a>(roots: &'a [ServiceToken], revocation_id: &str) -> Option<&'a ServiceToken> {
    roots.iter().find(|root| {
        Token::parse(&root.biscuit, None)
            .ok()
            .and_then(|t| inspect(&t).ok())
            .is_some_and(|i| i.root_revocation_id() == Some(revocation_id))
    })
}

#[component]
pub fn TokenLineage(
    organization_id: String,
    revocation_id: String,
    /// Whether the inspected token is itself a root (one block).
    is_root: bool,
) -> impl IntoView {
    let session = use_session();
    let organizations = use_organizations();
    // `None` while the organization list loads; then the name, if a member.
    let org_name = {
        let org = organization_id.clone();
        move || organizations.get().map(|_| organizations.name_of(&org))
    };
    let roots = {
        let org = organization_id.clone();
        LocalResource::new(move || {
            let org = org.clone();
            async move {
                session
                    .run(|c| async move { service_tokens::list(&c, &org).await })
                    .await
            }
        })
    };
    view! {
        <div class="lineage" data-testid="token-lineage" aria-live="polite">
            {move || {
                let Some(member) = org_name() else {
                    return view! { <p class="muted">"Looking for its root token…"</p> }.into_any();
                };
                let Some(org) = member else {
                    return view! {
                        <p class="alert alert-warning">
                            "Its root token belongs to another organization, one you are not a member of: it cannot be matched here."
                        </p>
                    }
                        .into_any();
                };
                match roots.get() {
                    None => view! { <p class="muted">"Looking for its root token…"</p> }.into_any(),
                    Some(Err(e)) => view! {
                        <p class="alert alert-warning">
                            {format!("The root tokens of {org} could not be listed: {e}")}
                        </p>
                    }
                        .into_any(),
                    Some(Ok(list)) => match find_root(&list, &revocation_id) {
                        Some(root) => {
                            let href = routes::service_token(&organization_id, &root.token_id);
                            let text = if is_root {
                                format!("This is the root token “{}” of {org}.", root.name)
                            } else {
                                format!("Derived from the root token “{}” of {org}.", root.name)
                            };
                            view! {
                                <p class="alert alert-info">
                                    {text} " " <A href=href>"Open it"</A>
                                </p>
                            }
                                .into_any()
                        }
                        None => view! {
                            <p class="alert alert-danger" role="alert">
                                {format!(
                                    "No live root token of {org} matches: its root has been deleted (or belongs to another organization). This token is dead: Hook0 refuses it.",
                                )}
                            </p>
                        }
                            .into_any(),
                    },
                }
            }}
        </div>
    }
}

#[cfg(test)]
mod tests {
    use chrono::Utc;
    use token_core::biscuit_auth::KeyPair;
    use token_core::mint::{service_token, ServiceTokenClaims};
    use uuid::Uuid;

    use super::*;

    fn root(key: &KeyPair, name: &str) -> ServiceToken {
        let biscuit = service_token(
            key,
            &ServiceTokenClaims {
                token_id: Uuid::from_u128(name.len() as u128),
                organization_id: Uuid::from_u128(7),
                created_at: Utc::now(),
            },
        )
        .unwrap();
        ServiceToken {
            token_id: name.to_owned(),
            name: name.to_owned(),
            biscuit: biscuit.to_base64().unwrap(),
            created_at: Utc::now(),
        }
    }

    #[test]
    fn finds_the_root_by_its_authority_revocation_id() {
        let key = KeyPair::new();
        let (a, b) = (root(&key, "a"), root(&key, "bb"));
        let id_of_b = inspect(&Token::parse(&b.biscuit, None).unwrap())
            .unwrap()
            .root_revocation_id()
            .unwrap()
            .to_owned();
        let garbage = ServiceToken {
            biscuit: "not a token".to_owned(),
            ..a.clone()
        };
        let roots = [garbage, a, b];
        assert_eq!(
            find_root(&roots, &id_of_b).map(|r| r.name.as_str()),
            Some("bb")
        );
        assert!(find_root(&roots[..2], &id_of_b).is_none());
    }
}
