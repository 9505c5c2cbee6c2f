//! Field validation with Hook0's limits and its error shape (the Rust
//! `validator` crate's): `{"field": [{"code", "message", "params"}]}`.

use std::collections::BTreeMap;

use serde::Serialize;
use serde_json::{json, Map, Value};

use crate::error::ApiError;

/// One failed rule on one field.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct FieldError {
    pub code: &'static str,
    pub message: Option<String>,
    pub params: Map<String, Value>,
}

/// Every failed rule, by field name.
pub type ValidationErrors = BTreeMap<String, Vec<FieldError>>;

/// Collects failures, then turns into `Ok` or a 422.
#[derive(Debug, Default)]
pub struct Validator {
    errors: ValidationErrors,
}

impl Validator {
    pub fn new() -> Self {
        Validator::default()
    }

    fn push(&mut self, field: &str, code: &'static str, message: String, params: Value) {
        let params = match params {
            Value::Object(map) => map,
            _ => Map::new(),
        };
        self.errors
            .entry(field.to_owned())
            .or_default()
            .push(FieldError {
                code,
                message: Some(message),
                params,
            });
    }

    /// `min..=max` characters (Unicode scalar values, like `validator`).
    pub fn length(&mut self, field: &str, value: &str, min: usize, max: usize) -> &mut Self {
        let n = value.chars().count();
        if n < min || n > max {
            self.push(
                field,
                "length",
                format!("{field} must be between {min} and {max} characters long"),
                json!({"min": min, "max": max, "value": value}),
            );
        }
        self
    }

    /// Like [`length`](Self::length), but the value is not echoed back
    /// (passwords: a 422 body must not carry the secret).
    pub fn secret_length(&mut self, field: &str, value: &str, min: usize, max: usize) -> &mut Self {
        let n = value.chars().count();
        if n < min || n > max {
            self.push(
                field,
                "length",
                format!("{field} must be between {min} and {max} characters long"),
                json!({"min": min, "max": max}),
            );
        }
        self
    }

    /// No control characters (newlines, tabs, NUL…).
    pub fn no_control_characters(&mut self, field: &str, value: &str) -> &mut Self {
        if value.chars().any(char::is_control) {
            self.push(
                field,
                "non_control_character",
                format!("{field} must not contain control characters"),
                json!({"value": value}),
            );
        }
        self
    }

    /// A display name: `min..=max` characters, no control characters.
    pub fn name(&mut self, field: &str, value: &str, min: usize, max: usize) -> &mut Self {
        self.length(field, value, min, max)
            .no_control_characters(field, value)
    }

    /// Something shaped like an e-mail address (one `@`, text either side, a
    /// dot in the domain), at most 100 characters like Hook0. Deliverability
    /// is not checked: there is no mail.
    pub fn email(&mut self, field: &str, value: &str) -> &mut Self {
        let ok = match value.split_once('@') {
            Some((local, domain)) => {
                !local.is_empty()
                    && domain.contains('.')
                    && !domain.starts_with('.')
                    && !domain.ends_with('.')
                    && !value.chars().any(|c| c.is_whitespace() || c.is_control())
                    && !domain.contains('@')
            }
            None => false,
        };
        if !ok || value.chars().count() > 100 {
            self.push(
                field,
                "email",
                format!("{field} must be an e-mail address"),
                json!({"value": value}),
            );
        }
        self
    }

    /// A custom failure.
    pub fn fail(&mut self, field: &str, code: &'static str, message: &str) -> &mut Self {
        self.push(field, code, message.to_owned(), json!({}));
        self
    }

    /// `Ok(())` when nothing failed, else the 422.
    pub fn finish(&mut self) -> Result<(), ApiError> {
        if self.errors.is_empty() {
            Ok(())
        } else {
            Err(ApiError::Validation(std::mem::take(&mut self.errors)))
        }
    }
}

/// A 422 with one failure.
pub fn single(field: &str, code: &'static str, message: &str) -> ApiError {
    let mut v = Validator::new();
    v.fail(field, code, message);
    ApiError::Validation(v.errors)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn length_counts_characters_not_bytes() {
        assert!(Validator::new()
            .length("name", &"é".repeat(50), 1, 50)
            .finish()
            .is_ok());
        assert!(Validator::new()
            .length("name", &"é".repeat(51), 1, 50)
            .finish()
            .is_err());
    }

    #[test]
    fn control_characters_and_tree_shape() {
        let Err(ApiError::Validation(tree)) = Validator::new().name("name", "a\nb", 1, 50).finish()
        else {
            panic!("expected a validation error");
        };
        assert_eq!(tree["name"][0].code, "non_control_character");
    }

    #[test]
    fn emails() {
        assert!(Validator::new().email("email", "a@b.co").finish().is_ok());
        for bad in ["", "a", "a@b", "@b.co", "a b@c.de", "a@.b"] {
            assert!(
                Validator::new().email("email", bad).finish().is_err(),
                "{bad}"
            );
        }
    }
}
