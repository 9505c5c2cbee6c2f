//! The name rules Hook0 applies, shared so the dashboard can say what is
//! wrong as the person types and the server refuses the same things.
//!
//! Hook0 validates a service-token name with `non_control_character` and
//! `length(max = 50)`, and organization and application names with a length
//! of 2 to 50. Lengths count characters, not bytes.

use serde::Serialize;

/// Longest name Hook0 accepts.
pub const MAX_NAME_CHARS: usize = 50;

/// Why a name is refused; the message is what the form shows under the field.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, thiserror::Error)]
#[serde(rename_all = "snake_case")]
pub enum NameError {
    #[error("A name is required")]
    Empty,
    #[error("Use at least {min} characters")]
    TooShort { min: usize },
    #[error("Use at most {max} characters")]
    TooLong { max: usize },
    #[error("Control characters (such as line breaks or tabs) are not allowed")]
    ControlCharacter,
}

impl NameError {
    /// The validator code Hook0 reports in a 422 `validation` tree.
    pub fn code(self) -> &'static str {
        match self {
            NameError::Empty | NameError::TooShort { .. } | NameError::TooLong { .. } => "length",
            NameError::ControlCharacter => "non_control_character",
        }
    }
}

/// A service-token name: trimmed, 1 to 50 characters, no control character.
/// Returns the trimmed name to send.
pub fn service_token_name(raw: &str) -> Result<&str, NameError> {
    check(raw, 1)
}

/// An organization or application name: trimmed, 2 to 50 characters.
pub fn entity_name(raw: &str) -> Result<&str, NameError> {
    check(raw, 2)
}

fn check(raw: &str, min: usize) -> Result<&str, NameError> {
    let name = raw.trim();
    if name.chars().any(char::is_control) {
        return Err(NameError::ControlCharacter);
    }
    let count = name.chars().count();
    match count {
        0 => Err(NameError::Empty),
        n if n < min => Err(NameError::TooShort { min }),
        n if n > MAX_NAME_CHARS => Err(NameError::TooLong {
            max: MAX_NAME_CHARS,
        }),
        _ => Ok(name),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn trims_and_counts_characters() {
        assert_eq!(service_token_name("  CI pipeline "), Ok("CI pipeline"));
        assert_eq!(service_token_name(&"é".repeat(50)).map(str::len), Ok(100));
        assert_eq!(
            service_token_name(&"é".repeat(51)),
            Err(NameError::TooLong { max: 50 })
        );
    }

    #[test]
    fn refuses_empty_short_and_control_characters() {
        assert_eq!(service_token_name("   "), Err(NameError::Empty));
        assert_eq!(entity_name("a"), Err(NameError::TooShort { min: 2 }));
        assert_eq!(service_token_name("a\nb"), Err(NameError::ControlCharacter));
        assert_eq!(
            service_token_name("a\u{7f}b"),
            Err(NameError::ControlCharacter)
        );
        assert_eq!(NameError::ControlCharacter.code(), "non_control_character");
        // Markup is just text: escaping is the view's job, not a refusal.
        assert!(service_token_name("<img src=x onerror=alert(1)>").is_ok());
    }
}
