//! The Hook0 action catalogue: every action name the Hook0 API authorizes,
//! with what it touches and who may do it.
//!
//! This is the single list the dashboard (action pickers, permission matrix,
//! simulator rows) and the server (which action a route is) both read. An
//! unknown name is an error ([`UnknownAction`]), never a silent pass.
//!
//! ```
//! use token_core::catalogue::{action, Access, ActionScope};
//! let ingest = action("event:ingest").unwrap();
//! assert_eq!(ingest.access, Access::Write);
//! assert_eq!(ingest.scope, ActionScope::Application);
//! assert!(!ingest.viewer_allowed);
//! assert!(action("event:destroy").is_err());
//! ```

use serde::Serialize;

/// The kind of Hook0 object an action works on: one row of the permission matrix.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Resource {
    Organization,
    ServiceToken,
    Application,
    ApplicationSecret,
    EventType,
    Subscription,
    Event,
    RequestAttempt,
    Response,
    Analytics,
    Session,
}

impl Resource {
    /// Every resource, in the order the guide's action table lists them.
    pub const ALL: [Resource; 11] = [
        Resource::Organization,
        Resource::ServiceToken,
        Resource::Application,
        Resource::ApplicationSecret,
        Resource::EventType,
        Resource::Subscription,
        Resource::Event,
        Resource::RequestAttempt,
        Resource::Response,
        Resource::Analytics,
        Resource::Session,
    ];

    /// The label a person reads ("Event type").
    pub fn label(self) -> &'static str {
        match self {
            Resource::Organization => "Organization",
            Resource::ServiceToken => "Service token",
            Resource::Application => "Application",
            Resource::ApplicationSecret => "Application secret",
            Resource::EventType => "Event type",
            Resource::Subscription => "Subscription",
            Resource::Event => "Event",
            Resource::RequestAttempt => "Request attempt",
            Resource::Response => "Response",
            Resource::Analytics => "Analytics",
            Resource::Session => "Session",
        }
    }

    /// The actions of this resource, in catalogue order.
    pub fn actions(self) -> impl Iterator<Item = &'static Action> {
        ACTIONS.iter().filter(move |a| a.resource == self)
    }
}

/// Whether an action only reads or also changes something.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Access {
    Read,
    Write,
}

/// What a request for this action carries, which decides what an attenuated
/// token can be restricted to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ActionScope {
    /// Carries `organization_id` and `application_id` facts.
    Application,
    /// Carries `organization_id` but **no** `application_id`: a token
    /// restricted to an application can never do it.
    Organization,
    /// Carries neither (listing or creating organizations, session actions).
    OrganizationLess,
}

/// One Hook0 action.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
pub struct Action {
    /// The exact name Hook0's authorizer puts in `action("…")`.
    pub name: &'static str,
    pub resource: Resource,
    pub access: Access,
    /// Whether an organization `viewer` may do it (`editor` always may).
    pub viewer_allowed: bool,
    pub scope: ActionScope,
}

impl Action {
    /// The roles the authorizer accepts for a user token, as it states them
    /// in `allowed_role(…)` facts.
    pub fn allowed_roles(&self) -> &'static [&'static str] {
        if self.viewer_allowed {
            &["editor", "viewer"]
        } else {
            &["editor"]
        }
    }

    /// The verb after the colon (`ingest` in `event:ingest`).
    pub fn verb(&self) -> &'static str {
        self.name
            .split_once(':')
            .map_or(self.name, |(_, verb)| verb)
    }
}

/// The name was not in the catalogue.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown Hook0 action \"{0}\"")]
pub struct UnknownAction(pub String);

/// Looks an action up by its exact name.
pub fn action(name: &str) -> Result<&'static Action, UnknownAction> {
    ACTIONS
        .iter()
        .find(|a| a.name == name)
        .ok_or_else(|| UnknownAction(name.to_owned()))
}

/// Every read action a service token may use: the documented read-only
/// allowlist, in the guide's order.
pub const READ_ONLY_ACTIONS: [&str; 15] = [
    "organization:list",
    "organization:get",
    "application:list",
    "application:get",
    "event_type:list",
    "event_type:get",
    "subscription:list",
    "subscription:get",
    "event:list",
    "event:get",
    "request_attempt:list",
    "request_attempt:get",
    "response:get",
    "events_per_day:application",
    "events_per_day:organization",
];

const fn a(
    name: &'static str,
    resource: Resource,
    access: Access,
    viewer_allowed: bool,
    scope: ActionScope,
) -> Action {
    Action {
        name,
        resource,
        access,
        viewer_allowed,
        scope,
    }
}

use Access::{Read as R, Write as W};
use ActionScope::{Application as App, Organization as Org, OrganizationLess as NoOrg};
use Resource as Res;

/// The whole catalogue (shared/hook0-api.md, "Action names").
pub const ACTIONS: [Action; 42] = [
    a("organization:list", Res::Organization, R, false, NoOrg),
    a("organization:get", Res::Organization, R, true, Org),
    a("organization:create", Res::Organization, W, false, NoOrg),
    a("organization:edit", Res::Organization, W, false, Org),
    a("organization:delete", Res::Organization, W, false, Org),
    a("organization:invite", Res::Organization, W, false, Org),
    a("organization:revoke", Res::Organization, W, false, Org),
    a("organization:edit_role", Res::Organization, W, false, Org),
    a("service_token:list", Res::ServiceToken, R, false, Org),
    a("service_token:get", Res::ServiceToken, R, false, Org),
    a("service_token:create", Res::ServiceToken, W, false, Org),
    a("service_token:edit", Res::ServiceToken, W, false, Org),
    a("service_token:delete", Res::ServiceToken, W, false, Org),
    a("application:list", Res::Application, R, true, Org),
    a("application:get", Res::Application, R, true, App),
    a("application:create", Res::Application, W, false, Org),
    a("application:edit", Res::Application, W, false, App),
    a("application:delete", Res::Application, W, false, App),
    a(
        "application_secret:list",
        Res::ApplicationSecret,
        R,
        false,
        App,
    ),
    a(
        "application_secret:create",
        Res::ApplicationSecret,
        W,
        false,
        App,
    ),
    a(
        "application_secret:edit",
        Res::ApplicationSecret,
        W,
        false,
        App,
    ),
    a(
        "application_secret:delete",
        Res::ApplicationSecret,
        W,
        false,
        App,
    ),
    a("event_type:list", Res::EventType, R, true, App),
    a("event_type:get", Res::EventType, R, true, App),
    a("event_type:create", Res::EventType, W, false, App),
    a("event_type:delete", Res::EventType, W, false, App),
    a("subscription:list", Res::Subscription, R, true, App),
    a("subscription:get", Res::Subscription, R, true, App),
    a("subscription:create", Res::Subscription, W, false, App),
    a("subscription:edit", Res::Subscription, W, false, App),
    a("subscription:delete", Res::Subscription, W, false, App),
    a("event:list", Res::Event, R, true, App),
    a("event:get", Res::Event, R, true, App),
    a("event:ingest", Res::Event, W, false, App),
    a("event:replay", Res::Event, W, false, App),
    a("request_attempt:list", Res::RequestAttempt, R, true, App),
    a("request_attempt:get", Res::RequestAttempt, R, true, App),
    a("response:get", Res::Response, R, true, App),
    a("events_per_day:application", Res::Analytics, R, true, App),
    a("events_per_day:organization", Res::Analytics, R, true, Org),
    a("auth:logout", Res::Session, W, false, NoOrg),
    a("auth:change_password", Res::Session, W, false, NoOrg),
];
