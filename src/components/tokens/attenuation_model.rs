//! The attenuation form's model, without any view: the choices the forms
//! write ([`Draft`]), a snapshot of them ([`DraftValues`]) turned into the
//! core's `AttenuationRequest`, and Generate ([`generate`]): attenuate,
//! inspect, and decide every action, all in the browser through the core;
//! and the live simulation of the token the choices would make ([`simulate`]).

use chrono::{DateTime, Utc};
use leptos::prelude::*;
use token_core::attenuation::{attenuate, AttenuationRequest};
use token_core::biscuit_auth::PublicKey;
use token_core::catalogue::{Access, ActionScope, Resource};
use token_core::datalog::LintContext;
use token_core::expiry::ExpiryPreset;
use token_core::explain::{explain, Explanation};
use token_core::grid::{grid, Row};
use token_core::inspect::{inspect, Inspection};
use token_core::presets::{ApplicationRule, UseCase};
use token_core::simulation::{self, candidate};
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
    /// The key the signature chain was checked with (`None`: unchecked,
    /// so the grid cannot decide for it).
    pub key: Option<PublicKey>,
}

/// What the token may do, action by action, application by application.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
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

/// The grid's columns: the applications with their names, or, when none is
/// known, one the token does not name (what "any application" means to the
/// policy).
fn columns(applications: &[Application]) -> Vec<(Uuid, String)> {
    let mut apps: Vec<(Uuid, String)> = applications
        .iter()
        .filter_map(|a| {
            Uuid::parse_str(&a.application_id)
                .ok()
                .map(|id| (id, a.name.clone()))
        })
        .collect();
    if apps.is_empty() {
        apps.push((Uuid::nil(), "Any application".to_owned()));
    }
    apps
}

/// The core's grid rows as a table: organization-level actions in one
/// column, application-scoped ones per application, each denial explained.
fn table(rows: Vec<Row>, apps: Vec<(Uuid, String)>) -> Permissions {
    let app_name = |id: Uuid| {
        apps.iter()
            .find(|(a, _)| *a == id)
            .map(|(_, name)| name.clone())
    };
    let rows = rows
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
                    per_application: vec![None; apps.len()],
                },
            }
        })
        .collect();
    Permissions {
        applications: apps.into_iter().map(|(_, name)| name).collect(),
        rows,
    }
}

/// Every action's decision for a verified token at `at`.
pub fn permissions(
    biscuit: &token_core::biscuit_auth::Biscuit,
    organization: Uuid,
    applications: &[Application],
    at: DateTime<Utc>,
) -> Permissions {
    let apps = columns(applications);
    let ids: Vec<Uuid> = apps.iter().map(|(id, _)| *id).collect();
    table(grid(biscuit, organization, &ids, at), apps)
}

/// Every action's decision for a token (base64) read with `key`, at `at`;
/// or why there is none, in words.
pub fn token_permissions(
    token: &str,
    key: Option<&PublicKey>,
    organization: Option<Uuid>,
    applications: &[Application],
    at: DateTime<Utc>,
) -> Result<Permissions, String> {
    let Some(organization) = organization else {
        return Err("The token names no organization: there is nothing to decide.".to_owned());
    };
    let Some(key) = key else {
        return Err(NO_KEY.to_owned());
    };
    let token = Token::parse(token, Some(key)).map_err(|e| e.to_string())?;
    let biscuit = token.verified().ok_or(NO_KEY)?;
    Ok(permissions(biscuit, organization, applications, at))
}

const NO_KEY: &str =
    "The instance's public key is unavailable: decisions need the token's signature checked first.";

/// The live simulation: every action's decision, at `at`, for the token
/// `values` would make of `root` at `now`, built in memory by the core and
/// dropped after (nothing is sent or kept). When the choices cannot make a
/// token yet, says what to fix instead of showing a stale grid.
pub fn simulate(
    root: &str,
    values: &DraftValues,
    now: DateTime<Utc>,
    at: DateTime<Utc>,
    key: Option<&PublicKey>,
    organization_id: &str,
    applications: &[Application],
) -> Result<Permissions, String> {
    let organization =
        Uuid::parse_str(organization_id).map_err(|_| "No organization.".to_owned())?;
    let key = key.ok_or(NO_KEY)?;
    // Why the choices make no token yet, as what to fix; the form already
    // shows the error itself (the editor with line and column, the preview).
    let unfinished = |e: CoreError| match e {
        CoreError::InvalidDatalog(_) => {
            "Fix the Datalog to see the simulation: it does not parse yet.".to_owned()
        }
        _ => "The simulation waits for a valid block: see what the preview says to fix.".to_owned(),
    };
    let request = values.request(now).map_err(unfinished)?;
    let root = Token::parse(root, Some(key)).map_err(|e| e.to_string())?;
    let candidate = candidate(&root, &request, now).map_err(unfinished)?;
    let apps = columns(applications);
    let ids: Vec<Uuid> = apps.iter().map(|(id, _)| *id).collect();
    let rows = simulation::simulate(&candidate, organization, &ids, at).ok_or(NO_KEY)?;
    Ok(table(rows, apps))
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
        key: key.filter(|_| parsed.is_verified()),
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

    /// A root token of organization 7 and its key, plus two applications.
    fn world() -> (String, PublicKey, Vec<Application>) {
        let key = token_core::biscuit_auth::KeyPair::new();
        let root = token_core::mint::service_token(
            &key,
            &token_core::mint::ServiceTokenClaims {
                token_id: Uuid::from_u128(9),
                organization_id: Uuid::from_u128(7),
                created_at: now(),
            },
        )
        .unwrap();
        let apps = [(1, "Billing"), (2, "Storefront")]
            .map(|(n, name)| Application {
                application_id: Uuid::from_u128(n).to_string(),
                name: name.to_owned(),
            })
            .to_vec();
        (root.to_base64().unwrap(), key.public(), apps)
    }

    fn cell(p: &Permissions, action: &str, column: Option<usize>) -> bool {
        let row = p.rows.iter().find(|r| r.action == action).unwrap();
        match column {
            None => row.organization.as_ref().unwrap().allowed(),
            Some(i) => row.per_application[i].as_ref().unwrap().allowed(),
        }
    }

    #[test]
    fn the_live_simulation_follows_the_choices() {
        let (root, key, apps) = world();
        let org = Uuid::from_u128(7).to_string();
        let mut v = values(Mode::Simple);
        v.applications = vec![Uuid::from_u128(1)];
        let p = simulate(&root, &v, now(), now(), Some(&key), &org, &apps).unwrap();
        assert_eq!(p.applications, ["Billing", "Storefront"]);
        assert!(cell(&p, "event:ingest", Some(0)));
        assert!(!cell(&p, "event:ingest", Some(1)));
        assert!(!cell(&p, "application:list", None));
        // At a moment after the 30-day expiry, nothing is allowed.
        let later = now() + chrono::Duration::days(31);
        let p = simulate(&root, &v, now(), later, Some(&key), &org, &apps).unwrap();
        assert!(!cell(&p, "event:ingest", Some(0)));
    }

    #[test]
    fn the_live_simulation_says_what_to_fix_instead_of_a_grid() {
        let (root, key, apps) = world();
        let org = Uuid::from_u128(7).to_string();
        let mut v = values(Mode::Advanced);
        v.datalog = "check if nope(".to_owned();
        let e = simulate(&root, &v, now(), now(), Some(&key), &org, &apps).unwrap_err();
        assert!(
            e.starts_with("Fix the Datalog to see the simulation"),
            "{e}"
        );
        v.datalog.clear();
        let e = simulate(&root, &v, now(), now(), None, &org, &apps).unwrap_err();
        assert!(e.contains("public key is unavailable"), "{e}");
    }
}
