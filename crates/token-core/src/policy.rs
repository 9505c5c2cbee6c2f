//! The Hook0 authorizer policy: the one definition of what a token may do,
//! run by the server on every request and by the dashboard to simulate.
//!
//! Semantics (shared/hook0-api.md, "The authorizer"):
//!
//! 1. the token's `type` is `master_access`, `service_access` or
//!    `user_access`, with a supported `version`;
//! 2. `deny if` an `expired_at` fact is older than `time`;
//! 3. for an organization-scoped action on organization O, a user token needs
//!    `organization_role(O, role)` with an allowed role, a service token must
//!    carry `organization_id(O)`, and `check if organization_id(O)` holds;
//! 4. ambient facts: `time`, `action`, `application_id` (application-scoped
//!    actions only), `allowed_role`, and extra facts the route adds;
//! 5. `allow if true`, within Hook0's run limits (30 ms).
//!
//! The time is an argument, never read from a clock, so the browser can ask
//! "would this token work next month?".

use std::sync::LazyLock;
use std::time::Duration;

use biscuit_auth::builder::{self, Check, CheckKind, Fact, Term};
use biscuit_auth::builder_ext::AuthorizerExt;
use biscuit_auth::error::{FailedCheck, Logic, MatchedPolicy, RunLimit, Token as TokenError};
use biscuit_auth::{AuthorizerBuilder, AuthorizerLimits, Biscuit};
use chrono::{DateTime, Utc};
use serde::Serialize;
use uuid::Uuid;

use crate::catalogue::{Action, ActionScope};
use crate::cost;
use crate::terms::{secs_from_date, uuid_from_bytes};

/// Hook0's default authorization time budget.
pub const MAX_AUTHORIZATION_TIME: Duration = Duration::from_millis(30);

/// The rules every request shares, parsed once.
const BASE_POLICY: &str = r#"
valid_types(["master_access", "service_access", "user_access"]);
valid_type($t) <- type($t), valid_types($vt), $vt.contains($t);
check if valid_type($t);

supported_version("service_access", 1);
supported_version("user_access", 1);
valid_version($t, $v) <- type($t), version($v), supported_version($t, $v);
valid_version("master_access", 0) <- type("master_access");
check if valid_version($t, $v);

expired($t) <- expired_at($exp), time($t), $exp < $t;
deny if expired($t);
"#;

/// Role rules for organization-scoped actions that do not depend on which
/// organization is asked for.
const ROLE_POLICY: &str = r#"
role($r) <- type("user_access"), organization_id($id), organization_role($id, $r);
valid_role($r) <- role($r), allowed_role($r);
valid_role("service") <- type("service_access");
valid_role("master") <- type("master_access");
check if valid_role($r);
"#;

static BASE: LazyLock<AuthorizerBuilder> = LazyLock::new(|| {
    // Both sources are constants of this file, covered by every test.
    #[allow(clippy::expect_used)]
    AuthorizerBuilder::new()
        .code(BASE_POLICY)
        .expect("the base policy parses")
});

/// The base policy with the role rules, merged once: organization-scoped
/// requests (nearly all of them) clone this instead of merging per request.
static BASE_AND_ROLES: LazyLock<AuthorizerBuilder> = LazyLock::new(|| {
    #[allow(clippy::expect_used)]
    BASE.clone()
        .code(ROLE_POLICY)
        .expect("the role policy parses")
});

/// One request to authorize.
#[derive(Debug, Clone)]
pub struct AuthorizationRequest {
    pub action: &'static Action,
    /// The organization the request is about; `None` only for
    /// organization-less actions.
    pub organization_id: Option<Uuid>,
    /// The application, for application-scoped actions (ignored otherwise,
    /// as Hook0 adds no `application_id` fact to other requests).
    pub application_id: Option<Uuid>,
    /// The `time` fact.
    pub time: DateTime<Utc>,
    /// Extra ambient facts a route adds (`service_token_id(…)`, …).
    pub extra_facts: Vec<Fact>,
    /// The authorizer's time budget: [`MAX_AUTHORIZATION_TIME`] unless the
    /// server is configured otherwise.
    pub max_time: Duration,
}

impl AuthorizationRequest {
    /// A request for `action` in `organization_id` at `time`.
    pub fn new(
        action: &'static Action,
        organization_id: Option<Uuid>,
        time: DateTime<Utc>,
    ) -> Self {
        AuthorizationRequest {
            action,
            organization_id,
            application_id: None,
            time,
            extra_facts: Vec::new(),
            max_time: MAX_AUTHORIZATION_TIME,
        }
    }

    /// The same request with another time budget.
    pub fn with_time_limit(mut self, max_time: Duration) -> Self {
        self.max_time = max_time;
        self
    }

    /// The same request about one application.
    pub fn on_application(mut self, application_id: Uuid) -> Self {
        self.application_id = Some(application_id);
        self
    }

    /// Adds a `service_token_id(…)` fact, as Hook0 does for edit and delete.
    pub fn with_service_token(mut self, service_token_id: Uuid) -> Self {
        self.extra_facts.push(builder::fact(
            "service_token_id",
            &[builder::bytes(service_token_id.as_bytes())],
        ));
        self
    }
}

/// The kind of token that was authorized.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum TokenType {
    Master,
    Service,
    User,
}

/// An allowed request, with what the server needs to know about its caller.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Authorized {
    pub token_type: TokenType,
    /// The user of a user token.
    pub user_id: Option<Uuid>,
    /// The session of a user token.
    pub session_id: Option<Uuid>,
}

/// One check that failed, located in the token.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FailedRule {
    /// The block that holds the check; `None` for the authorizer's own.
    pub block: Option<usize>,
    /// The check's index within its block.
    pub check: usize,
    /// The check as Datalog.
    pub rule: String,
}

/// Why a request was refused.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Denial {
    /// Checks failed (a block's restriction, or the authorizer's own rules).
    FailedChecks { checks: Vec<FailedRule> },
    /// The `deny if expired` policy matched.
    Expired { checks: Vec<FailedRule> },
    /// The authorizer ran out of time: Hook0 answers 503.
    Timeout,
    /// Too many facts or iterations, or appended Datalog that could run past
    /// any time limit ([`crate::cost`]): the token's Datalog is too heavy.
    TooComplex,
    /// The Datalog could not be evaluated (an expression error, say).
    Error { message: String },
}

impl Denial {
    /// Whether the server should answer 503 rather than 403.
    pub fn is_timeout(&self) -> bool {
        matches!(self, Denial::Timeout)
    }

    /// The failed checks, if any.
    pub fn failed_checks(&self) -> &[FailedRule] {
        match self {
            Denial::FailedChecks { checks } | Denial::Expired { checks } => checks,
            _ => &[],
        }
    }
}

/// Runs the Hook0 policy for one request, after [`screen`]ing the token.
pub fn authorize(token: &Biscuit, request: &AuthorizationRequest) -> Result<Authorized, Denial> {
    screen(token)?;
    authorize_screened(token, request)
}

/// Refuses a token whose appended Datalog could run past any time limit or
/// cannot be read back safely ([`crate::cost`]): biscuit-auth would check its
/// clock too late. Root tokens (one block) pass at no cost.
pub fn screen(token: &Biscuit) -> Result<(), Denial> {
    if token.block_count() <= 1 {
        return Ok(());
    }
    match cost::join_steps(token) {
        Some(steps) if steps <= cost::MAX_JOIN_STEPS => Ok(()),
        _ => Err(Denial::TooComplex),
    }
}

/// A token that passed [`screen`]: the only way to get one is
/// [`Screened::new`], so [`Screened::authorize`] cannot skip the screen.
/// The screen depends on the token alone (never on the time or the
/// request), so a server may keep a `Screened` for a token it sees again and
/// still run the whole policy, expiry included, on every request.
#[derive(Debug, Clone)]
pub struct Screened(Biscuit);

impl Screened {
    /// Screens `token` once.
    pub fn new(token: Biscuit) -> Result<Screened, Denial> {
        screen(&token)?;
        Ok(Screened(token))
    }

    /// The token.
    pub fn token(&self) -> &Biscuit {
        &self.0
    }

    /// Runs the Hook0 policy for one request: [`authorize`] without
    /// screening again.
    pub fn authorize(&self, request: &AuthorizationRequest) -> Result<Authorized, Denial> {
        authorize_screened(&self.0, request)
    }
}

/// [`authorize`] for a token already [`screen`]ed (the grid screens once
/// for hundreds of cells).
pub(crate) fn authorize_screened(
    token: &Biscuit,
    request: &AuthorizationRequest,
) -> Result<Authorized, Denial> {
    let mut builder = match request.organization_id {
        Some(_) => BASE_AND_ROLES.clone(),
        None => BASE.clone(),
    };
    if let Some(org) = request.organization_id {
        let org_term = builder::bytes(org.as_bytes());
        builder = add_facts_and_checks(
            builder,
            [
                // organization_id(O) <- type("user_access"), organization_role(O, $r);
                builder::rule(
                    "organization_id",
                    std::slice::from_ref(&org_term),
                    &[
                        builder::pred("type", &[builder::string("user_access")]),
                        builder::pred("organization_role", &[org_term.clone(), builder::var("r")]),
                    ],
                ),
                // organization_id(O) <- type("master_access");
                builder::rule(
                    "organization_id",
                    std::slice::from_ref(&org_term),
                    &[builder::pred("type", &[builder::string("master_access")])],
                ),
            ],
            // check if organization_id(O);
            builder::check(
                &[builder::pred("organization_id", &[org_term])],
                CheckKind::One,
            ),
        )?;
    } else if request.action.scope != ActionScope::OrganizationLess {
        return Err(Denial::Error {
            message: format!(
                "{} needs an organization: a request for it always names one",
                request.action.name
            ),
        });
    }

    let mut facts = Vec::with_capacity(4 + request.extra_facts.len());
    facts.push(builder::fact(
        "time",
        &[Term::Date(secs_from_date(request.time))],
    ));
    facts.push(builder::fact(
        "action",
        &[builder::string(request.action.name)],
    ));
    if request.action.scope == ActionScope::Application {
        if let Some(app) = request.application_id {
            facts.push(builder::fact(
                "application_id",
                &[builder::bytes(app.as_bytes())],
            ));
        }
    }
    for role in request.action.allowed_roles() {
        facts.push(builder::fact("allowed_role", &[builder::string(role)]));
    }
    facts.extend(request.extra_facts.iter().cloned());
    for fact in facts {
        builder = builder.fact(fact).map_err(evaluation_error)?;
    }

    let mut authorizer = builder
        .allow_all()
        .set_limits(AuthorizerLimits {
            max_time: request.max_time,
            ..AuthorizerLimits::default()
        })
        .build(token)
        .map_err(denial)?;
    authorizer.authorize().map_err(denial)?;

    let token_type = match first_string(&mut authorizer, "type").as_deref() {
        Some("master_access") => TokenType::Master,
        Some("service_access") => TokenType::Service,
        _ => TokenType::User,
    };
    Ok(Authorized {
        token_type,
        user_id: first_uuid(&mut authorizer, "user_id"),
        session_id: first_uuid(&mut authorizer, "session_id"),
    })
}

fn add_facts_and_checks<const N: usize>(
    mut builder: AuthorizerBuilder,
    rules: [builder::Rule; N],
    check: Check,
) -> Result<AuthorizerBuilder, Denial> {
    for rule in rules {
        builder = builder.rule(rule).map_err(evaluation_error)?;
    }
    builder.check(check).map_err(evaluation_error)
}

fn first_string(authorizer: &mut biscuit_auth::Authorizer, predicate: &str) -> Option<String> {
    let rule = builder::rule(
        "data",
        &[builder::var("v")],
        &[builder::pred(predicate, &[builder::var("v")])],
    );
    let found: Vec<(String,)> = authorizer.query(rule).ok()?;
    found.into_iter().next().map(|(s,)| s)
}

fn first_uuid(authorizer: &mut biscuit_auth::Authorizer, predicate: &str) -> Option<Uuid> {
    let rule = builder::rule(
        "data",
        &[builder::var("v")],
        &[builder::pred(predicate, &[builder::var("v")])],
    );
    let found: Vec<(Vec<u8>,)> = authorizer.query(rule).ok()?;
    found
        .into_iter()
        .next()
        .and_then(|(b,)| uuid_from_bytes(&b))
}

fn evaluation_error(e: TokenError) -> Denial {
    Denial::Error {
        message: e.to_string(),
    }
}

fn failed_rules(checks: Vec<FailedCheck>) -> Vec<FailedRule> {
    checks
        .into_iter()
        .map(|c| match c {
            FailedCheck::Block(b) => FailedRule {
                block: Some(b.block_id as usize),
                check: b.check_id as usize,
                rule: b.rule,
            },
            FailedCheck::Authorizer(a) => FailedRule {
                block: None,
                check: a.check_id as usize,
                rule: a.rule,
            },
        })
        .collect()
}

fn denial(e: TokenError) -> Denial {
    match e {
        TokenError::FailedLogic(Logic::Unauthorized { policy, checks }) => match policy {
            MatchedPolicy::Deny(_) => Denial::Expired {
                checks: failed_rules(checks),
            },
            MatchedPolicy::Allow(_) => Denial::FailedChecks {
                checks: failed_rules(checks),
            },
        },
        TokenError::FailedLogic(Logic::NoMatchingPolicy { checks }) => Denial::FailedChecks {
            checks: failed_rules(checks),
        },
        TokenError::RunLimit(RunLimit::Timeout) => Denial::Timeout,
        TokenError::RunLimit(_) => Denial::TooComplex,
        other => evaluation_error(other),
    }
}

/// What a valid refresh token says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RefreshGrant {
    pub token_id: Uuid,
    pub session_id: Uuid,
    pub user_id: Uuid,
}

const REFRESH_POLICY: &str = r#"
check if type("refresh");
check if version(1);
"#;

static REFRESH: LazyLock<AuthorizerBuilder> = LazyLock::new(|| {
    #[allow(clippy::expect_used)]
    AuthorizerBuilder::new()
        .code(REFRESH_POLICY)
        .expect("the refresh policy parses")
});

/// Accepts a refresh token (and nothing else: an access token sent to the
/// refresh endpoint fails here) that has not expired at `time`.
pub fn authorize_refresh(token: &Biscuit, time: DateTime<Utc>) -> Result<RefreshGrant, Denial> {
    let mut authorizer = REFRESH
        .clone()
        .fact(builder::fact("time", &[Term::Date(secs_from_date(time))]))
        .map_err(evaluation_error)?
        .allow_all()
        .set_limits(AuthorizerLimits {
            max_time: MAX_AUTHORIZATION_TIME,
            ..AuthorizerLimits::default()
        })
        .build(token)
        .map_err(denial)?;
    authorizer.authorize().map_err(denial)?;
    let missing = || Denial::Error {
        message: "the refresh token lacks an id".to_owned(),
    };
    Ok(RefreshGrant {
        token_id: first_uuid(&mut authorizer, "token_id").ok_or_else(missing)?,
        session_id: first_uuid(&mut authorizer, "session_id").ok_or_else(missing)?,
        user_id: first_uuid(&mut authorizer, "user_id").ok_or_else(missing)?,
    })
}
