//! `/organizations`: the ones the user belongs to, and creating one.

use gloo_net::http::Method;
use serde::{Deserialize, Serialize};

use super::{ApiError, Client};

/// One organization of the user, with their role in it.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct Organization {
    pub organization_id: String,
    pub name: String,
    #[serde(default)]
    pub role: String,
}

#[derive(Serialize)]
struct NewOrganization<'a> {
    name: &'a str,
}

/// What `POST /organizations` answers (Hook0's `OrganizationInfo`).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct CreatedOrganization {
    pub organization_id: String,
    pub name: String,
}

pub async fn list(client: &Client) -> Result<Vec<Organization>, ApiError> {
    client.get("/organizations", &[]).await
}

/// `POST /organizations` (answers 200); refresh the session afterwards so
/// the new membership is in the access token.
pub async fn create(client: &Client, name: &str) -> Result<CreatedOrganization, ApiError> {
    client
        .call(
            Method::POST,
            "/organizations",
            &[],
            Some(&NewOrganization { name }),
        )
        .await
}
