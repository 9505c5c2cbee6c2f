//! Organizations: list, create (user tokens only, answers **200** like
//! Hook0), get.

use axum::extract::State;
use axum::Json;
use chrono::Utc;
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};
use uuid::Uuid;

use crate::auth::Caller;
use crate::db::organizations::{self, Member};
use crate::db::revocation::LiveToken;
use crate::db::users::{self, Membership};
use crate::error::{ApiError, ApiResult};
use crate::extract::{ApiJson, IdPath};
use crate::state::AppState;
use crate::validation::Validator;

/// One row of `GET /organizations`.
#[derive(Debug, Serialize)]
pub struct OrganizationRow {
    organization_id: Uuid,
    role: String,
    name: String,
    plan: Option<Value>,
}

impl From<Membership> for OrganizationRow {
    fn from(m: Membership) -> Self {
        OrganizationRow {
            organization_id: m.organization_id,
            role: m.role,
            name: m.name,
            plan: None,
        }
    }
}

/// Hook0's `OrganizationInfo`.
#[derive(Debug, Serialize)]
pub struct OrganizationInfo {
    organization_id: Uuid,
    name: String,
    plan: Option<Value>,
    users: Vec<Member>,
    quotas: Value,
    consumption: Value,
}

/// `GET /api/v1/organizations`: a user's memberships; a service token sees
/// exactly its own organization, as an editor.
pub async fn list(
    State(state): State<AppState>,
    caller: Caller,
) -> ApiResult<Json<Vec<OrganizationRow>>> {
    caller.on_organization("organization:list", None)?;
    let live = caller.live;
    let rows = state
        .db
        .run(move |conn| match live {
            LiveToken::UserAccess { user_id, .. } | LiveToken::Refresh { user_id, .. } => {
                users::memberships(conn, user_id)
            }
            LiveToken::Service {
                organization_id, ..
            } => Ok(organizations::name(conn, organization_id)?
                .map(|name| Membership {
                    organization_id,
                    role: "editor".to_owned(),
                    name,
                })
                .into_iter()
                .collect()),
        })
        .await?;
    Ok(Json(rows.into_iter().map(OrganizationRow::from).collect()))
}

/// `POST /api/v1/organizations` body.
#[derive(Debug, Deserialize)]
pub struct NewOrganization {
    name: String,
}

/// → **200** `OrganizationInfo`; the caller becomes its editor (and must
/// refresh to get a token that says so).
pub async fn create(
    State(state): State<AppState>,
    caller: Caller,
    ApiJson(body): ApiJson<NewOrganization>,
) -> ApiResult<Json<OrganizationInfo>> {
    let (_, user_id) = caller.user()?;
    caller.on_organization("organization:create", None)?;
    Validator::new().name("name", &body.name, 2, 50).finish()?;
    let organization_id = state
        .db
        .run(move |conn| {
            let tx = conn.transaction()?;
            let id = organizations::create(&tx, &body.name, Some(user_id), Utc::now())?;
            tx.commit()?;
            Ok(id)
        })
        .await?;
    info(&state, organization_id).await.map(Json)
}

/// `GET /api/v1/organizations/{id}`.
pub async fn get(
    State(state): State<AppState>,
    caller: Caller,
    IdPath(id): IdPath,
) -> ApiResult<Json<OrganizationInfo>> {
    caller.on_organization("organization:get", Some(id))?;
    info(&state, id).await.map(Json)
}

async fn info(state: &AppState, organization_id: Uuid) -> ApiResult<OrganizationInfo> {
    state
        .db
        .run(move |conn| {
            let name = organizations::name(conn, organization_id)?.ok_or(ApiError::NotFound)?;
            let users = organizations::members(conn, organization_id)?;
            let (applications, members) = organizations::counts(conn, organization_id)?;
            Ok(OrganizationInfo {
                organization_id,
                name,
                plan: None,
                users,
                // No quotas here (quota_enforcement is false): null = unlimited.
                quotas: json!({
                    "members_per_organization_limit": null,
                    "applications_per_organization_limit": null,
                    "events_per_day_limit": null,
                    "days_of_events_retention_limit": null,
                }),
                consumption: json!({ "applications": applications, "members": members, "events_per_day": null }),
            })
        })
        .await
}
