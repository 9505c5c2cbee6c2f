//! The authorization grid: every action × a list of applications, decided by
//! the same [`policy::authorize`](crate::policy::authorize) the server runs.
//!
//! Organization-level and organization-less actions get one cell (their
//! requests carry no application id); application-scoped actions get one
//! cell per application.

use biscuit_auth::Biscuit;
use chrono::{DateTime, Utc};
use serde::Serialize;
use uuid::Uuid;

use crate::catalogue::{Action, ActionScope, ACTIONS};
use crate::policy::{authorize_screened, screen, AuthorizationRequest, Denial};

/// One decision of the grid.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Cell {
    /// The application asked about (`None` for actions without one).
    pub application_id: Option<Uuid>,
    /// `None` when allowed, the reason otherwise.
    pub denial: Option<Denial>,
}

impl Cell {
    pub fn allowed(&self) -> bool {
        self.denial.is_none()
    }
}

/// One action's decisions.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Row {
    pub action: &'static Action,
    pub cells: Vec<Cell>,
}

/// Decides every action of the catalogue for `token` in `organization_id`
/// at `time`, against each of `applications`.
pub fn grid(
    token: &Biscuit,
    organization_id: Uuid,
    applications: &[Uuid],
    time: DateTime<Utc>,
) -> Vec<Row> {
    // The cost screen reads every block back: once for the whole grid.
    let screened = screen(token);
    ACTIONS
        .iter()
        .map(|action| {
            let targets: Vec<Option<Uuid>> = match action.scope {
                ActionScope::Application => applications.iter().copied().map(Some).collect(),
                ActionScope::Organization | ActionScope::OrganizationLess => vec![None],
            };
            let cells = targets
                .into_iter()
                .map(|application_id| {
                    let organization = match action.scope {
                        ActionScope::OrganizationLess => None,
                        _ => Some(organization_id),
                    };
                    let mut request = AuthorizationRequest::new(action, organization, time);
                    request.application_id = application_id;
                    let decision = match &screened {
                        Ok(()) => authorize_screened(token, &request).err(),
                        Err(denial) => Some(denial.clone()),
                    };
                    Cell {
                        application_id,
                        denial: decision,
                    }
                })
                .collect();
            Row { action, cells }
        })
        .collect()
}
