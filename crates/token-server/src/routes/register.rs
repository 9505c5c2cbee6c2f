//! `POST /api/v1/register`: a user and their personal organization. Unlike
//! Hook0 there is no e-mail verification: the account works at once.

use axum::extract::State;
use axum::http::StatusCode;
use axum::Json;
use chrono::Utc;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::db::{organizations, users};
use crate::error::{ApiError, ApiResult};
use crate::extract::{ApiJson, ClientIp};
use crate::password;
use crate::state::AppState;
use crate::validation::Validator;

/// The body.
#[derive(Debug, Deserialize)]
pub struct Registration {
    first_name: String,
    last_name: String,
    email: String,
    password: String,
}

/// The answer.
#[derive(Debug, Serialize)]
pub struct Registered {
    organization_id: Uuid,
    user_id: Uuid,
}

/// → 201 `{"organization_id", "user_id"}`; 409 `UserAlreadyExist`.
pub async fn register(
    State(state): State<AppState>,
    ClientIp(ip): ClientIp,
    ApiJson(body): ApiJson<Registration>,
) -> ApiResult<(StatusCode, Json<Registered>)> {
    state.limits.check_auth(ip)?;
    let email = body.email.trim().to_owned();
    let min = state.config.password_minimum_length;
    Validator::new()
        .name("first_name", &body.first_name, 1, 50)
        .name("last_name", &body.last_name, 1, 50)
        .email("email", &email)
        .secret_length("password", &body.password, min, 100)
        .finish()?;
    let secret = body.password;
    let hash = tokio::task::spawn_blocking(move || password::hash(&secret))
        .await
        .map_err(ApiError::internal)?
        .map_err(ApiError::internal)?;
    let (first, last) = (body.first_name, body.last_name);
    let (organization_id, user_id) = state
        .db
        .run(move |conn| {
            let now = Utc::now();
            let tx = conn.transaction()?;
            let user = users::NewUser {
                email: &email,
                first_name: &first,
                last_name: &last,
                password_hash: &hash,
            };
            let user_id = users::insert(&tx, &user, now)?;
            let name = format!("{first} {last}'s personal organization");
            let organization_id = organizations::create(&tx, &name, Some(user_id), now)?;
            tx.commit()?;
            Ok((organization_id, user_id))
        })
        .await?;
    Ok((
        StatusCode::CREATED,
        Json(Registered {
            organization_id,
            user_id,
        }),
    ))
}
