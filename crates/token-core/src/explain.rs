//! Why a request is refused, in words, with what to change: the simulator's
//! answer when someone clicks a denied cell.

use serde::Serialize;
use uuid::Uuid;

use crate::catalogue::{Action, ActionScope};
use crate::policy::{Denial, FailedRule};

/// A denial explained.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Explanation {
    /// The block of the first failed check (`None`: the server's own rules).
    pub block: Option<usize>,
    /// That check's index in its block.
    pub check: Option<usize>,
    /// The check, as Datalog.
    pub rule: Option<String>,
    /// What happened, in words.
    pub reason: String,
    /// What would make it pass, when something would.
    pub suggestion: Option<String>,
}

/// Explains `denial` of `action` (on `application`, for application-scoped
/// actions), naming applications through `app_name` when it knows them.
pub fn explain(
    action: &Action,
    application: Option<Uuid>,
    denial: &Denial,
    app_name: impl Fn(Uuid) -> Option<String>,
) -> Explanation {
    let first = denial.failed_checks().first();
    let (reason, suggestion) = match (denial, first) {
        (Denial::Timeout, _) => (
            "The authorizer ran out of time (Hook0 answers 503 Service Unavailable).".to_owned(),
            Some("Simplify the token's custom Datalog.".to_owned()),
        ),
        (Denial::TooComplex, _) => (
            "The token's Datalog derives too many facts for Hook0's limits.".to_owned(),
            Some("Simplify the token's custom rules.".to_owned()),
        ),
        (Denial::Error { message }, _) => (
            format!("The Datalog could not be evaluated: {message}."),
            None,
        ),
        (Denial::Expired { .. }, _) => (
            "The token carries an expired_at date that has passed.".to_owned(),
            None,
        ),
        (Denial::FailedChecks { .. }, Some(failed)) => {
            explain_check(action, application, failed, &app_name)
        }
        (Denial::FailedChecks { .. }, None) => ("No policy allowed the request.".to_owned(), None),
    };
    Explanation {
        block: first.and_then(|f| f.block),
        check: first.map(|f| f.check),
        rule: first.map(|f| f.rule.clone()),
        reason,
        suggestion,
    }
}

fn explain_check(
    action: &Action,
    application: Option<Uuid>,
    failed: &FailedRule,
    app_name: &impl Fn(Uuid) -> Option<String>,
) -> (String, Option<String>) {
    let rule = failed.rule.as_str();
    let name = action.name;
    let Some(block) = failed.block else {
        return explain_server_check(name, rule);
    };
    if rule.contains("application_id(") {
        if action.scope != ActionScope::Application {
            return (
                format!("Requests for {name} carry no application id, so block {block}'s application restriction can never pass."),
                Some("Organization-level actions never carry an application id: use a token without an application restriction for them.".to_owned()),
            );
        }
        let app = application.map_or_else(
            || "this application".to_owned(),
            |id| app_name(id).unwrap_or_else(|| id.to_string()),
        );
        return (
            format!("Block {block} limits the token to other applications than {app}."),
            Some(format!("Add {app} to the token's applications.")),
        );
    }
    if rule.contains("action(") {
        return (
            format!("{name} is not among the actions block {block} allows."),
            Some(format!("Add {name} to the allowed actions.")),
        );
    }
    if rule.contains("time(") {
        return (
            format!("Block {block}'s expiry date has passed."),
            Some("Generate a new token with a later expiry.".to_owned()),
        );
    }
    (
        format!("Block {block}'s custom check failed for {name}."),
        Some("Change or remove that check.".to_owned()),
    )
}

fn explain_server_check(name: &str, rule: &str) -> (String, Option<String>) {
    if rule.contains("organization_id(") {
        (
            "The token belongs to another organization.".to_owned(),
            Some("Use a token of this organization.".to_owned()),
        )
    } else if rule.contains("valid_role(") {
        (
            format!("The user's role in this organization does not allow {name}."),
            Some("Ask an editor of the organization.".to_owned()),
        )
    } else if rule.contains("valid_type(") || rule.contains("valid_version(") {
        (
            "This is not a Hook0 access token (wrong type or version).".to_owned(),
            None,
        )
    } else if rule.contains("time(") {
        (
            "The token itself has expired.".to_owned(),
            Some("Log in again or use a fresh token.".to_owned()),
        )
    } else {
        (format!("The server's rule {rule} failed."), None)
    }
}
