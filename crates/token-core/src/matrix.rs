//! The permission matrix: one row per Hook0 resource, each set to none,
//! read or write (write includes read), compiled to the action allowlist,
//! and read back from an allowlist whenever that allowlist is exactly such
//! a matrix.
//!
//! ```
//! use token_core::matrix::{Level, Matrix};
//! use token_core::catalogue::{Resource, READ_ONLY_ACTIONS};
//! let read_only = Matrix::read_only();
//! assert_eq!(read_only.level(Resource::ServiceToken), Level::None);
//! assert_eq!(read_only.actions(), READ_ONLY_ACTIONS.map(String::from).to_vec());
//! assert_eq!(Matrix::from_actions(&read_only.actions()), Ok(read_only));
//! ```

use std::collections::BTreeMap;

use serde::Serialize;

use crate::catalogue::{Access, Resource, ACTIONS};

/// One cell choice of a matrix row.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Level {
    None,
    Read,
    Write,
}

impl Level {
    pub const ALL: [Level; 3] = [Level::None, Level::Read, Level::Write];

    pub fn label(self) -> &'static str {
        match self {
            Level::None => "None",
            Level::Read => "Read",
            Level::Write => "Write",
        }
    }

    /// Whether a row at this level allows an action of this access.
    pub fn allows(self, access: Access) -> bool {
        match self {
            Level::None => false,
            Level::Read => access == Access::Read,
            Level::Write => true,
        }
    }
}

/// The resources a service token can act on: the matrix rows. Session
/// actions (logout, change password) belong to user tokens only.
pub fn rows() -> impl Iterator<Item = Resource> {
    Resource::ALL
        .into_iter()
        .filter(|r| *r != Resource::Session)
}

/// A level per resource; rows not set are [`Level::None`].
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Matrix {
    levels: BTreeMap<Resource, Level>,
}

/// Why an allowlist cannot be shown as a matrix.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum NotAMatrix {
    #[error("this allowlist gives only part of {resource} (such as {action}); a matrix row allows all of a resource's read actions, or all of its actions")]
    Partial {
        action: String,
        resource: &'static str,
    },
    #[error("\"{0}\" is not an action a matrix row can hold")]
    Outside(String),
}

impl Matrix {
    /// Every row at the same level.
    pub fn all(level: Level) -> Matrix {
        Matrix {
            levels: rows().map(|r| (r, level)).collect(),
        }
    }

    /// The documented read-only token: every row read, except service tokens
    /// and application secrets (credentials), which stay at none.
    pub fn read_only() -> Matrix {
        let mut m = Matrix::all(Level::Read);
        m.set(Resource::ServiceToken, Level::None);
        m.set(Resource::ApplicationSecret, Level::None);
        m
    }

    pub fn level(&self, resource: Resource) -> Level {
        self.levels.get(&resource).copied().unwrap_or(Level::None)
    }

    pub fn set(&mut self, resource: Resource, level: Level) {
        self.levels.insert(resource, level);
    }

    /// The allowlist, in catalogue order.
    pub fn actions(&self) -> Vec<String> {
        ACTIONS
            .iter()
            .filter(|a| self.level(a.resource).allows(a.access))
            .map(|a| a.name.to_owned())
            .collect()
    }

    /// The matrix whose allowlist is exactly `names`, or why there is none.
    pub fn from_actions(names: &[String]) -> Result<Matrix, NotAMatrix> {
        for name in names {
            let known = ACTIONS.iter().find(|a| a.name == name);
            match known {
                Some(a) if a.resource != Resource::Session => {}
                _ => return Err(NotAMatrix::Outside(name.clone())),
            }
        }
        let mut matrix = Matrix::default();
        for resource in rows() {
            let allowed = |access: Access| {
                ACTIONS
                    .iter()
                    .filter(|a| a.resource == resource && a.access == access)
                    .map(|a| names.iter().any(|n| n == a.name))
                    .collect::<Vec<bool>>()
            };
            let (reads, writes) = (allowed(Access::Read), allowed(Access::Write));
            let read_state = all_or_none(&reads);
            // Resources with no write action (responses, analytics…) are
            // "read" when allowed: their writes follow their reads.
            let write_state = if writes.is_empty() {
                read_state.map(|_| false)
            } else {
                all_or_none(&writes)
            };
            let level = match (read_state, write_state) {
                (Some(true), Some(true)) => Level::Write,
                (Some(true), Some(false)) => Level::Read,
                (Some(false), Some(false)) => Level::None,
                _ => {
                    let action = ACTIONS
                        .iter()
                        .find(|a| a.resource == resource && names.iter().any(|n| n == a.name))
                        .map_or_else(String::new, |a| a.name.to_owned());
                    return Err(NotAMatrix::Partial {
                        action,
                        resource: resource.label(),
                    });
                }
            };
            matrix.set(resource, level);
        }
        Ok(matrix)
    }
}

/// `Some(true)` if every item is true (or there are none), `Some(false)` if
/// every item is false, `None` if mixed.
fn all_or_none(items: &[bool]) -> Option<bool> {
    if items.iter().all(|b| *b) {
        Some(true)
    } else if items.iter().all(|b| !*b) {
        Some(false)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalogue::READ_ONLY_ACTIONS;
    use crate::presets::INGEST_ONLY_ACTIONS;

    fn names(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| (*s).to_owned()).collect()
    }

    #[test]
    fn read_only_matrix_is_the_documented_allowlist() {
        assert_eq!(Matrix::read_only().actions(), names(&READ_ONLY_ACTIONS));
        assert_eq!(
            Matrix::from_actions(&names(&READ_ONLY_ACTIONS)),
            Ok(Matrix::read_only())
        );
    }

    #[test]
    fn every_uniform_matrix_round_trips() {
        for level in Level::ALL {
            for row in rows() {
                let mut m = Matrix::all(Level::None);
                m.set(row, level);
                let back = Matrix::from_actions(&m.actions()).unwrap();
                assert_eq!(back.actions(), m.actions(), "{row:?} at {level:?}");
            }
        }
        let everything = Matrix::all(Level::Write);
        assert_eq!(
            everything.actions().len(),
            40,
            "every action but the session's"
        );
    }

    #[test]
    fn partial_allowlists_say_why_they_are_not_a_matrix() {
        let err = Matrix::from_actions(&names(&INGEST_ONLY_ACTIONS)).unwrap_err();
        assert!(err.to_string().contains("event:ingest"), "{err}");
        assert!(matches!(
            Matrix::from_actions(&names(&["auth:logout"])),
            Err(NotAMatrix::Outside(_))
        ));
        assert!(matches!(
            Matrix::from_actions(&names(&["nope"])),
            Err(NotAMatrix::Outside(_))
        ));
    }
}
