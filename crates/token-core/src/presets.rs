//! Use-case presets from the Hook0 guide's table, plus the two allowlists the
//! guide and docs describe (read-only, ingest-only). A preset fills in an
//! [`AttenuationRequest`]; the person can still change every field after.

use chrono::{DateTime, Utc};
use serde::Serialize;
use uuid::Uuid;

use crate::attenuation::AttenuationRequest;
use crate::catalogue::READ_ONLY_ACTIONS;
use crate::expiry::ExpiryPreset;
use crate::CoreError;

/// Actions an ingest-only token may do: send events, nothing else.
pub const INGEST_ONLY_ACTIONS: [&str; 1] = ["event:ingest"];

/// The guide's attenuation use cases.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum UseCase {
    AiAssistant,
    CiCdPipeline,
    Development,
    ProductionMonitoring,
    Contractor,
    ReadOnly,
    IngestOnly,
}

/// How a use case restricts the application.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ApplicationRule {
    /// Exactly one application must be chosen.
    Required,
    /// One may be chosen.
    Optional,
}

impl UseCase {
    /// Every use case, in the guide's order, then the allowlists.
    pub const ALL: [UseCase; 7] = [
        UseCase::AiAssistant,
        UseCase::CiCdPipeline,
        UseCase::Development,
        UseCase::ProductionMonitoring,
        UseCase::Contractor,
        UseCase::ReadOnly,
        UseCase::IngestOnly,
    ];

    /// A stable machine name.
    pub fn key(self) -> &'static str {
        match self {
            UseCase::AiAssistant => "ai_assistant",
            UseCase::CiCdPipeline => "ci_cd",
            UseCase::Development => "development",
            UseCase::ProductionMonitoring => "monitoring",
            UseCase::Contractor => "contractor",
            UseCase::ReadOnly => "read_only",
            UseCase::IngestOnly => "ingest_only",
        }
    }

    /// The use case with this [`key`](Self::key).
    pub fn from_key(key: &str) -> Option<UseCase> {
        Self::ALL.into_iter().find(|u| u.key() == key)
    }

    /// The guide's name for it.
    pub fn label(self) -> &'static str {
        match self {
            UseCase::AiAssistant => "AI assistant",
            UseCase::CiCdPipeline => "CI/CD pipeline",
            UseCase::Development => "Development / testing",
            UseCase::ProductionMonitoring => "Production monitoring",
            UseCase::Contractor => "Contractor access",
            UseCase::ReadOnly => "Read-only",
            UseCase::IngestOnly => "Ingest-only",
        }
    }

    /// The guide's recommendation, in words.
    pub fn description(self) -> &'static str {
        match self {
            UseCase::AiAssistant => "Single application, expires in 30 days",
            UseCase::CiCdPipeline => "Single application, no expiry",
            UseCase::Development => "Test application only, expires in 7 days",
            UseCase::ProductionMonitoring => "Read-only access, no expiry",
            UseCase::Contractor => "Specific application until the end of the project",
            UseCase::ReadOnly => "List and read everything, change nothing",
            UseCase::IngestOnly => "Send events, nothing else",
        }
    }

    /// Whether an application is part of the preset.
    pub fn application(self) -> ApplicationRule {
        match self {
            UseCase::AiAssistant
            | UseCase::CiCdPipeline
            | UseCase::Development
            | UseCase::Contractor => ApplicationRule::Required,
            UseCase::ProductionMonitoring | UseCase::ReadOnly | UseCase::IngestOnly => {
                ApplicationRule::Optional
            }
        }
    }

    /// The expiry the preset picks.
    pub fn expiry(self) -> ExpiryPreset {
        match self {
            UseCase::AiAssistant => ExpiryPreset::Days30,
            UseCase::Development => ExpiryPreset::Days7,
            UseCase::Contractor => ExpiryPreset::Custom,
            UseCase::CiCdPipeline
            | UseCase::ProductionMonitoring
            | UseCase::ReadOnly
            | UseCase::IngestOnly => ExpiryPreset::Never,
        }
    }

    /// The action allowlist the preset sets, if any.
    pub fn actions(self) -> Option<&'static [&'static str]> {
        match self {
            UseCase::ProductionMonitoring | UseCase::ReadOnly => Some(&READ_ONLY_ACTIONS),
            UseCase::IngestOnly => Some(&INGEST_ONLY_ACTIONS),
            _ => None,
        }
    }

    /// The attenuation request this preset makes for `application` (required
    /// for some presets) at `now`; `end` is the contractor's end date.
    pub fn request(
        self,
        application: Option<Uuid>,
        now: DateTime<Utc>,
        end: Option<DateTime<Utc>>,
    ) -> Result<AttenuationRequest, CoreError> {
        if self.application() == ApplicationRule::Required && application.is_none() {
            return Err(CoreError::MissingApplication);
        }
        Ok(AttenuationRequest {
            applications: application.into_iter().collect(),
            expires_at: self.expiry().resolve(now, end)?,
            actions: self
                .actions()
                .map(|names| names.iter().map(|n| (*n).to_owned()).collect()),
            datalog: String::new(),
            seal: false,
        })
    }
}
