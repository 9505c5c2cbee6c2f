//! `token-server add-user`: creates a user (and optionally a membership)
//! directly in the database, for first setups and for giving someone a
//! viewer role, which the API has no route for.

use chrono::Utc;
use uuid::Uuid;

use crate::config::AddUser;
use crate::db::{organizations, users, Db};
use crate::error::{ApiError, ApiResult};
use crate::password;
use crate::validation::Validator;

/// Adds the user with `secret` as password; returns the new user's id.
pub fn add_user(
    db: &Db,
    args: &AddUser,
    secret: &str,
    password_minimum_length: usize,
) -> ApiResult<Uuid> {
    let email = args.email.trim();
    Validator::new()
        .email("email", email)
        .name("first_name", &args.first_name, 1, 50)
        .name("last_name", &args.last_name, 1, 50)
        .secret_length("password", secret, password_minimum_length, 100)
        .finish()?;
    let hash = password::hash(secret).map_err(ApiError::internal)?;
    db.run_sync(|conn| {
        let tx = conn.transaction()?;
        let user = users::NewUser {
            email,
            first_name: &args.first_name,
            last_name: &args.last_name,
            password_hash: &hash,
        };
        let user_id = users::insert(&tx, &user, Utc::now())?;
        if let Some(org) = args.organization_id {
            if organizations::name(&tx, org)?.is_none() {
                return Err(ApiError::NotFound);
            }
            users::set_membership(&tx, user_id, org, &args.role)?;
        }
        tx.commit()?;
        Ok(user_id)
    })
}
