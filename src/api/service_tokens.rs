//! `/service_token`: the organization's root tokens (list, get, create,
//! rename, delete). Deleting one revokes every token derived from it.

use chrono::{DateTime, Utc};
use gloo_net::http::Method;
use serde::{Deserialize, Serialize};

use super::{ApiError, Client};

/// A root service token as Hook0 returns it, biscuit included.
#[derive(Clone, PartialEq, Eq, Deserialize)]
pub struct ServiceToken {
    pub token_id: String,
    pub name: String,
    pub biscuit: String,
    pub created_at: DateTime<Utc>,
}

impl std::fmt::Debug for ServiceToken {
    // The biscuit is a bearer credential: never in debug output.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ServiceToken")
            .field("token_id", &self.token_id)
            .field("name", &self.name)
            .field("created_at", &self.created_at)
            .finish_non_exhaustive()
    }
}

#[derive(Serialize)]
struct NameBody<'a> {
    organization_id: &'a str,
    name: &'a str,
}

fn path(token_id: &str) -> String {
    format!("/service_token/{token_id}")
}

pub async fn list(client: &Client, organization_id: &str) -> Result<Vec<ServiceToken>, ApiError> {
    client
        .get("/service_token", &[("organization_id", organization_id)])
        .await
}

pub async fn get(
    client: &Client,
    organization_id: &str,
    token_id: &str,
) -> Result<ServiceToken, ApiError> {
    client
        .get(&path(token_id), &[("organization_id", organization_id)])
        .await
}

pub async fn create(
    client: &Client,
    organization_id: &str,
    name: &str,
) -> Result<ServiceToken, ApiError> {
    let body = NameBody {
        organization_id,
        name,
    };
    client
        .call(Method::POST, "/service_token", &[], Some(&body))
        .await
}

pub async fn rename(
    client: &Client,
    organization_id: &str,
    token_id: &str,
    name: &str,
) -> Result<ServiceToken, ApiError> {
    let body = NameBody {
        organization_id,
        name,
    };
    client
        .call(Method::PUT, &path(token_id), &[], Some(&body))
        .await
}

pub async fn delete(
    client: &Client,
    organization_id: &str,
    token_id: &str,
) -> Result<(), ApiError> {
    client
        .call_empty(
            Method::DELETE,
            &path(token_id),
            &[("organization_id", organization_id)],
        )
        .await
}
