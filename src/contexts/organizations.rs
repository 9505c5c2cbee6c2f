//! The user's organizations (for the picker and the top-bar switcher), and
//! the one they picked last, remembered in localStorage.

use leptos::prelude::*;

use crate::api::organizations::{self, Organization};
use crate::api::ApiError;
use crate::browser::{self, keys};
use crate::contexts::session::Session;

#[derive(Clone, Copy)]
pub struct Organizations {
    list: LocalResource<Result<Vec<Organization>, ApiError>>,
}

impl Organizations {
    /// `None` while loading.
    pub fn get(&self) -> Option<Result<Vec<Organization>, ApiError>> {
        self.list.get()
    }

    /// Loads the list again (after creating one, or on Retry).
    pub fn refetch(&self) {
        self.list.refetch();
    }

    /// The name of an organization, once the list is loaded.
    pub fn name_of(&self, organization_id: &str) -> Option<String> {
        self.list.with(|l| {
            l.as_ref()?
                .as_ref()
                .ok()?
                .iter()
                .find(|o| o.organization_id == organization_id)
                .map(|o| o.name.clone())
        })
    }
}

/// Provides the list, loaded again whenever the user changes.
pub fn provide_organizations(session: Session) {
    let user = Memo::new(move |_| session.user_id());
    let list = LocalResource::new(move || {
        let user = user.get();
        async move {
            match user {
                Some(_) => {
                    session
                        .run(|c| async move { organizations::list(&c).await })
                        .await
                }
                None => Ok(Vec::new()),
            }
        }
    });
    provide_context(Organizations { list });
}

pub fn use_organizations() -> Organizations {
    expect_context::<Organizations>()
}

/// The organization picked last, if any.
pub fn remembered() -> Option<String> {
    browser::load(keys::ORGANIZATION).filter(|id| !id.is_empty())
}

/// Remembers the organization picked.
pub fn remember(organization_id: &str) {
    browser::store(keys::ORGANIZATION, organization_id);
}
