//! The instance's configuration (`GET /instance`): fetched once per page
//! load and cached, like Hook0's `useInstanceConfig`. Its public key is what
//! tokens are verified with in the browser.

use leptos::prelude::*;
use token_core::biscuit_auth::PublicKey;
use token_core::token::parse_public_key;

use crate::api::instance::InstanceConfig;
use crate::api::{self, ApiError, Client};

#[derive(Clone, Copy)]
pub struct Instance {
    config: LocalResource<Result<InstanceConfig, ApiError>>,
}

impl Instance {
    /// `None` while loading.
    pub fn config(&self) -> Option<Result<InstanceConfig, ApiError>> {
        self.config.get()
    }

    /// The public key, once loaded and readable; the error is a sentence.
    pub fn public_key(&self) -> Option<Result<PublicKey, String>> {
        self.config.get().map(|r| match r {
            Ok(c) => parse_public_key(&c.biscuit_public_key).map_err(|e| e.to_string()),
            Err(e) => Err(format!(
                "An error occurred while getting the biscuit public key from Hook0: {e}"
            )),
        })
    }

    /// Fetches it again (the Retry of an error card).
    pub fn retry(&self) {
        self.config.refetch();
    }
}

pub fn provide_instance() {
    let config = LocalResource::new(|| async { api::instance::get(&Client::anonymous()).await });
    provide_context(Instance { config });
}

pub fn use_instance() -> Option<Instance> {
    use_context::<Instance>()
}
