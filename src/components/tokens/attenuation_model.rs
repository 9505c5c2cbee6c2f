//! The attenuation form's model, without any view: the choices the forms
//! write ([`Draft`]), a snapshot of them ([`DraftValues`]) turned into the
//! core's `AttenuationRequest`, and Generate ([`generate`]): attenuate,
//! inspect, and decide every action, all in the browser through the core.

use chrono::{DateTime, Utc};
use leptos::prelude::*;
use token_core::attenuation::{attenuate, AttenuationRequest};
use token_core::catalogue::{Access, ActionScope, Resource};
use token_core::datalog::LintContext;
use token_core::expiry::ExpiryPreset;
use token_core::explain::{explain, Explanation};
use token_core::grid::grid;
use token_core::inspect::{inspect, Inspection};
use token_core::presets::{ApplicationRule, UseCase};
use token_core::token::Token;
use token_core::CoreError;
use uuid::Uuid;

use crate::api::applications::Application;
use crate::browser;

/// Simple or advanced, like Hook0's "Configuration mode".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    Simple,
    Advanced,
}

/// Every choice of the forms, as signals the forms write.
#[derive(Debug, Clone, Copy)]
pub struct Draft {
    pub applications: RwSignal<Vec<Uuid>>,
    pub expiry: RwSignal<ExpiryPreset>,
    /// The `datetime-local` text of a custom expiry (browser time zone).
    pub custom_expiry: RwSignal<String>,
    pub use_case: RwSignal<Option<UseCase>>,
    /// The action allowlist; `None` allows every action.
    pub actions: RwSignal<Option<Vec<String>>>,
    pub datalog: RwSignal<String>,
    pub seal: RwSignal<bool>,
}

impl Default for Draft {
    /// Nothing chosen, a 30-day expiry (Hook0's default).
    fn default() -> Draft {
        Draft {
            applications: RwSignal::new(Vec::new()),
            expiry: RwSignal::new(ExpiryPreset::default()),
            custom_expiry: RwSignal::new(String::new()),
            use_case: RwSignal::new(None),
            actions: RwSignal::new(None),
            datalog: RwSignal::new(String::new()),
            seal: RwSignal::new(false),
        }
    }
}

impl Draft {
    /// Back to the defaults (30-day expiry, nothing else), as a mode switch does.
    pub fn reset(&self) {
        self.applications.set(Vec::new());
        self.expiry.set(ExpiryPreset::default());
        self.custom_expiry.set(String::new());
        self.use_case.set(None);
        self.actions.set(None);
        self.datalog.set(String::new());
        self.seal.set(false);
    }

    /// Applies a use-case preset: its expiry and allowlist (the application
    /// stays the person's choice).
    pub fn apply_use_case(&self, use_case: UseCase) {
        self.use_case.set(Some(use_case));
        self.expiry.set(use_case.expiry());
        self.actions.set(
            use_case
                .actions()
                .map(|names| names.iter().map(|n| (*n).to_owned()).collect()),
        );
    }

    /// Drops the use-case preset and what it set (expiry back to the
    /// default, no allowlist); the application stays.
    pub fn clear_use_case(&self) {
        self.use_case.set(None);
        self.actions.set(None);
        self.expiry.set(ExpiryPreset::default());
    }

    /// The current choices, read reactively.
    pub fn values(&self, mode: Mode) -> DraftValues {
        DraftValues {
            mode,
            applications: self.applications.get(),
            expiry: self.expiry.get(),
            custom_expiry: self.custom_expiry.get(),
            use_case: self.use_case.get(),
            actions: self.actions.get(),
            datalog: self.datalog.get(),
            seal: self.seal.get(),
        }
    }
}

/// A snapshot of the choices.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DraftValues {
    pub mode: Mode,
    pub applications: Vec<Uuid>,
    pub expiry: ExpiryPreset,
    pub custom_expiry: String,
    pub use_case: Option<UseCase>,
    pub actions: Option<Vec<String>>,
    pub datalog: String,
    pub seal: bool,
}

impl DraftValues {
    /// The attenuation request these choices make at `now`. The simple mode
    /// keeps one application and no custom Datalog.
    pub fn request(&self, now: DateTime<Utc>) -> Result<AttenuationRequest, CoreError> {
        let simple = self.mode == Mode::Simple;
        let applications: Vec<Uuid> = if simple {
            self.applications.iter().take(1).copied().collect()
        } else {
            self.applications.clone()
        };
        if let Some(use_case) = self.use_case {
            if use_case.application() == ApplicationRule::Required && applications.is_empty() {
                return Err(CoreError::MissingApplication);
            }
        }
        let custom = browser::parse_datetime_local(&self.custom_expiry);
        Ok(AttenuationRequest {
            applications,
            expires_at: self.expiry.resolve(now, custom)?,
            actions: self.actions.clone(),
            datalog: if simple {
                String::new()
            } else {
                self.datalog.clone()
            },
            seal: !simple && self.seal,
        })
    }

    /// The lints' view of the rest of the block.
    pub fn lint_context(&self, now: DateTime<Utc>) -> LintContext {
        LintContext {
            now,
            restricted_to_applications: !self.applications.is_empty(),
            allowlist: self.actions.clone(),
        }
    }
}

/// What Generate produced: shown once, kept nowhere else.
#[derive(Clone, PartialEq, Eq)]
pub struct Generated {
    pub token: String,
    pub inspection: Inspection,
    pub summary: String,
    /// Organization-level actions the token can never do (its application
    /// restriction leaves their requests without an application id).
    pub impossible_org_actions: Vec<&'static str>,
    /// Whether the signature chain was checked with the instance's key.
    pub verified: bool,
    /// Every action's decision, by the policy the server runs (verified
    /// tokens only).
    pub permissions: Option<Permissions>,
}

/// What the token may do, action by action, application by application.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Permissions {
    /// Column names after "Organization": the applications.
    pub applications: Vec<String>,
    pub rows: Vec<PermissionRow>,
}

/// One action: a decision at organization level, or one per application.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PermissionRow {
    pub action: &'static str,
    pub write: bool,
    /// `Some` for actions without an application.
    pub organization: Option<Decision>,
    /// One per application, `None` for organization-level actions.
    pub per_application: Vec<Option<Decision>>,
}

/// One cell: allowed, or denied with the core's explanation of why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decision {
    /// `None`: allowed.
    pub denied: Option<Explanation>,
}

impl Decision {
    pub fn allowed(&self) -> bool {
        self.denied.is_none()
    }
}

pub fn permissions(
    biscuit: &token_core::biscuit_auth::Biscuit,
    organization: Uuid,
    applications: &[Application],
    now: DateTime<Utc>,
) -> Permissions {
    let mut apps: Vec<(Uuid, String)> = applications
        .iter()
        .filter_map(|a| {
            Uuid::parse_str(&a.application_id)
                .ok()
                .map(|id| (id, a.name.clone()))
        })
        .collect();
    if apps.is_empty() {
        // No application known: ask about one the token does not name,
        // which is what "any application" means to the policy.
        apps.push((Uuid::nil(), "Any application".to_owned()));
    }
    let ids: Vec<Uuid> = apps.iter().map(|(id, _)| *id).collect();
    let app_name = |id: Uuid| {
        apps.iter()
            .find(|(a, _)| *a == id)
            .map(|(_, name)| name.clone())
    };
    let rows = grid(biscuit, organization, &ids, now)
        .into_iter()
        // Session actions belong to user tokens, never to service tokens.
        .filter(|row| row.action.resource != Resource::Session)
        .map(|row| {
            let write = row.action.access == Access::Write;
            let decide = |cell: &token_core::grid::Cell| Decision {
                denied: cell
                    .denial
                    .as_ref()
                    .map(|d| explain(row.action, cell.application_id, d, app_name)),
            };
            match row.action.scope {
                ActionScope::Application => PermissionRow {
                    action: row.action.name,
                    write,
                    organization: None,
                    per_application: row.cells.iter().map(|c| Some(decide(c))).collect(),
                },
                ActionScope::Organization | ActionScope::OrganizationLess => PermissionRow {
                    action: row.action.name,
                    write,
                    // Asked once per application: denied if any was.
                    organization: Some(
                        row.cells
                            .iter()
                            .find(|c| !c.allowed())
                            .map_or(Decision { denied: None }, decide),
                    ),
                    per_application: vec![None; ids.len()],
                },
            }
        })
        .collect();
    Permissions {
        applications: apps.into_iter().map(|(_, name)| name).collect(),
        rows,
    }
}

impl std::fmt::Debug for Generated {
    // The token is a bearer credential: never in debug output.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Generated")
            .field("summary", &self.summary)
            .finish_non_exhaustive()
    }
}

/// Attenuates `root` with `values` at `now`, entirely in the browser.
pub fn generate(
    root: &str,
    values: &DraftValues,
    now: DateTime<Utc>,
    key: Option<token_core::biscuit_auth::PublicKey>,
    organization_id: &str,
    applications: &[Application],
) -> Result<Generated, CoreError> {
    let request = values.request(now)?;
    let token = Token::parse(root, key.as_ref())?;
    let attenuated = attenuate(&token, &request, now)?;
    let parsed = Token::parse(&attenuated.token, key.as_ref())?;
    let inspection = inspect(&parsed)?;
    let summary = inspection.summary(|id| {
        applications
            .iter()
            .find(|a| Uuid::parse_str(&a.application_id).ok() == Some(id))
            .map(|a| a.name.clone())
    });
    let permissions = match (parsed.verified(), Uuid::parse_str(organization_id)) {
        (Some(biscuit), Ok(org)) => Some(permissions(biscuit, org, applications, now)),
        _ => None,
    };
    let impossible_org_actions = match (
        parsed.verified(),
        Uuid::parse_str(organization_id),
        inspection.restrictions.applications.is_some(),
    ) {
        (Some(biscuit), Ok(org), true) => grid(biscuit, org, &[], now)
            .into_iter()
            .filter(|row| row.action.scope == ActionScope::Organization)
            .filter(|row| row.cells.iter().all(|c| !c.allowed()))
            .map(|row| row.action.name)
            .collect(),
        _ => Vec::new(),
    };
    Ok(Generated {
        token: attenuated.token,
        verified: parsed.is_verified(),
        permissions,
        inspection,
        summary,
        impossible_org_actions,
    })
}

#[cfg(test)]
mod tests {
    use chrono::TimeZone;

    use super::*;

    fn now() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, 28, 12, 0, 0).unwrap()
    }

    fn values(mode: Mode) -> DraftValues {
        DraftValues {
            mode,
            applications: vec![Uuid::from_u128(1), Uuid::from_u128(2)],
            expiry: ExpiryPreset::Days30,
            custom_expiry: String::new(),
            use_case: None,
            actions: None,
            datalog: "check if time($t), $t < 2030-01-01T00:00:00Z;".to_owned(),
            seal: true,
        }
    }

    #[test]
    fn simple_mode_keeps_one_application_and_no_custom_datalog() {
        let request = values(Mode::Simple).request(now()).unwrap();
        assert_eq!(request.applications, vec![Uuid::from_u128(1)]);
        assert!(request.datalog.is_empty());
        assert!(!request.seal);
        assert_eq!(request.expires_at, Some(now() + chrono::Duration::days(30)));
    }

    #[test]
    fn advanced_mode_passes_everything_through() {
        let request = values(Mode::Advanced).request(now()).unwrap();
        assert_eq!(request.applications.len(), 2);
        assert!(request.seal);
        assert!(!request.datalog.is_empty());
    }

    #[test]
    fn presets_that_need_an_application_say_so() {
        let mut v = values(Mode::Simple);
        v.applications.clear();
        v.use_case = Some(UseCase::AiAssistant);
        assert_eq!(v.request(now()), Err(CoreError::MissingApplication));
        v.use_case = Some(UseCase::ReadOnly);
        assert!(v.request(now()).is_ok());
    }

    #[test]
    fn a_custom_expiry_must_be_given() {
        let mut v = values(Mode::Simple);
        v.expiry = ExpiryPreset::Custom;
        assert_eq!(v.request(now()), Err(CoreError::MissingCustomExpiry));
        v.custom_expiry = "2031-01-01T10:00".to_owned();
        assert!(v.request(now()).unwrap().expires_at.is_some());
    }
}
