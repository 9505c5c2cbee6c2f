//! `GET /applications?organization_id=`: what an attenuated token can be
//! restricted to.

use serde::Deserialize;

use super::{ApiError, Client};

#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct Application {
    pub application_id: String,
    pub name: String,
}

pub async fn list(client: &Client, organization_id: &str) -> Result<Vec<Application>, ApiError> {
    client
        .get("/applications", &[("organization_id", organization_id)])
        .await
}
