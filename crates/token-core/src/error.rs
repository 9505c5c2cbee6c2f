//! The one error type of the token core.
//!
//! Every message is written for the person using the dashboard: it says what
//! is wrong and, where it helps, what to do. None of them contains a token.

use crate::datalog::DatalogIssue;

/// Everything that can go wrong in the token core.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CoreError {
    /// The public key is not 64 hex characters of an Ed25519 key.
    #[error("The public key is not valid: expected 64 hexadecimal characters of an Ed25519 key")]
    InvalidPublicKey,
    /// The text is not a biscuit at all (bad base64, truncated, not protobuf).
    #[error("This is not a valid token: {0}")]
    MalformedToken(String),
    /// A well-formed biscuit whose signature does not match the key.
    #[error("This token was not signed by this Hook0 instance's key")]
    WrongKey,
    /// The Datalog does not parse; each issue has a line and column.
    #[error("{}", describe_datalog_errors(.0))]
    InvalidDatalog(Vec<DatalogIssue>),
    /// An attenuation request that restricts nothing.
    #[error("Choose at least one restriction: an application, an expiration date, allowed actions or custom Datalog")]
    NoRestriction,
    /// An expiry at or before "now".
    #[error("The expiration date must be in the future")]
    ExpiryNotInFuture,
    /// An expiry preset that needs a date was given none.
    #[error("Choose the custom expiration date")]
    MissingCustomExpiry,
    /// A use-case preset that needs an application was given none.
    #[error("Choose the application this token is for")]
    MissingApplication,
    /// An action allowlist that names an action Hook0 does not have.
    #[error("Unknown Hook0 action \"{0}\"")]
    UnknownAction(String),
    /// An action allowlist with nothing in it would deny every request.
    #[error("Allow at least one action: an empty allowlist would make the token useless")]
    EmptyAllowlist,
    /// A sealed token cannot take another block.
    #[error("This token is sealed: it cannot be attenuated any further")]
    Sealed,
    /// biscuit-auth failed where it should not (signing, serializing).
    #[error("The token could not be processed: {0}")]
    Biscuit(String),
}

fn describe_datalog_errors(issues: &[DatalogIssue]) -> String {
    match issues.first() {
        Some(first) if issues.len() == 1 => format!("Invalid Datalog: {first}"),
        Some(first) => format!("Invalid Datalog: {first} (and {} more)", issues.len() - 1),
        None => "Invalid Datalog".to_owned(),
    }
}

impl From<crate::catalogue::UnknownAction> for CoreError {
    fn from(e: crate::catalogue::UnknownAction) -> Self {
        CoreError::UnknownAction(e.0)
    }
}
