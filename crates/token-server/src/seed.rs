//! Demo data for a first start on an empty database: a user with a
//! generated password (returned so `main` prints it once, to stdout, never
//! to the log), an organization, two applications with an event type each.

use chrono::Utc;

use crate::db::events::{self, EventType};
use crate::db::{applications, organizations, users, Db};
use crate::error::{ApiError, ApiResult};
use crate::password;

/// The demo login.
pub const DEMO_EMAIL: &str = "demo@example.com";

/// Seeds the database if it has no user yet; returns the demo password then.
pub fn seed_if_empty(db: &Db) -> ApiResult<Option<String>> {
    db.run_sync(|conn| {
        if users::any(conn)? {
            return Ok(None);
        }
        let secret = password::generate();
        let hash = password::hash(&secret).map_err(ApiError::internal)?;
        let now = Utc::now();
        let tx = conn.transaction()?;
        let user = users::NewUser {
            email: DEMO_EMAIL,
            first_name: "Demo",
            last_name: "User",
            password_hash: &hash,
        };
        let user_id = users::insert(&tx, &user, now)?;
        let org = organizations::create(&tx, "Demo organization", Some(user_id), now)?;
        for (name, (service, resource, verb)) in [
            ("Billing", ("billing", "invoice", "paid")),
            ("Storefront", ("shop", "order", "created")),
        ] {
            let app = applications::create(&tx, org, name, now)?;
            events::create_type(
                &tx,
                app.application_id,
                &EventType::new(service, resource, verb),
                now,
            )?;
        }
        tx.commit()?;
        Ok(Some(secret))
    })
}
