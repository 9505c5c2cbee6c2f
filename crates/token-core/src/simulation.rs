//! The simulator's token: what an attenuation request *would* make of a
//! root token, built in memory so the grid can decide for it while the
//! request is still being edited.
//!
//! It appends exactly the block [`attenuation::attenuate`] would append (the
//! same [`block_source`]), so what the live grid shows is what Generate then
//! hands out; it only skips the base64 round trip, and the result is never
//! serialized: it lives as long as the caller holds it.
//!
//! A request that restricts nothing is refused by `attenuate`; here it
//! simulates the root token itself ([`Candidate::Unrestricted`]), which is
//! what such a token could do.
//!
//! [`attenuation::attenuate`]: crate::attenuation::attenuate

use biscuit_auth::{Biscuit, BlockBuilder};
use chrono::{DateTime, Utc};
use uuid::Uuid;

use crate::attenuation::{block_source, AttenuationRequest};
use crate::grid::{grid, Row};
use crate::token::{token_error, Token};
use crate::CoreError;

/// The token a request would produce, in memory.
#[derive(Debug, Clone)]
pub enum Candidate {
    /// The root with the request's block appended (and sealed if asked).
    Attenuated(Token),
    /// Nothing restricted yet: the root token as it is.
    Unrestricted(Token),
}

impl Candidate {
    /// The token to decide for.
    pub fn token(&self) -> &Token {
        match self {
            Candidate::Attenuated(t) | Candidate::Unrestricted(t) => t,
        }
    }

    /// The verified biscuit, when the root was read with the instance's key
    /// (an unverified token cannot be authorized: its content may be forged).
    pub fn verified(&self) -> Option<&Biscuit> {
        self.token().verified()
    }
}

/// What `request` would make of `root` at `now`. Errors are those of
/// [`block_source`] (invalid Datalog with line and column, an expiry in the
/// past, unknown actions…) and of appending (a sealed root).
pub fn candidate(
    root: &Token,
    request: &AttenuationRequest,
    now: DateTime<Utc>,
) -> Result<Candidate, CoreError> {
    if !request.restricts_anything() {
        return Ok(Candidate::Unrestricted(root.clone()));
    }
    let source = block_source(request, now)?;
    let block = BlockBuilder::new().code(&source).map_err(token_error)?;
    let mut token = root.append(block)?;
    if request.seal {
        token = token.seal()?;
    }
    Ok(Candidate::Attenuated(token))
}

/// The grid for the candidate, decided at `at` (`now` builds the block, `at`
/// is when the requests are imagined): `None` when the root is unverified.
pub fn simulate(
    candidate: &Candidate,
    organization_id: Uuid,
    applications: &[Uuid],
    at: DateTime<Utc>,
) -> Option<Vec<Row>> {
    candidate
        .verified()
        .map(|biscuit| grid(biscuit, organization_id, applications, at))
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use biscuit_auth::KeyPair;
    use chrono::{Duration, TimeZone};

    use super::*;
    use crate::attenuation::attenuate;
    use crate::catalogue::{Access, ActionScope};
    use crate::matrix::Matrix;
    use crate::mint::{service_token, ServiceTokenClaims};

    struct World {
        key: KeyPair,
        org: Uuid,
        apps: [Uuid; 2],
        now: DateTime<Utc>,
    }

    impl World {
        fn new() -> World {
            World {
                key: KeyPair::new(),
                org: Uuid::from_u128(7),
                apps: [Uuid::from_u128(1), Uuid::from_u128(2)],
                now: Utc.with_ymd_and_hms(2026, 11, 28, 12, 0, 0).unwrap(),
            }
        }

        fn root(&self, key: Option<&KeyPair>) -> Token {
            let biscuit = service_token(
                &self.key,
                &ServiceTokenClaims {
                    token_id: Uuid::from_u128(9),
                    organization_id: self.org,
                    created_at: self.now,
                },
            )
            .unwrap();
            Token::parse(
                &biscuit.to_base64().unwrap(),
                key.map(|k| k.public()).as_ref(),
            )
            .unwrap()
        }

        fn rows(&self, request: &AttenuationRequest, at: DateTime<Utc>) -> Vec<Row> {
            let c = candidate(&self.root(Some(&self.key)), request, self.now).unwrap();
            simulate(&c, self.org, &self.apps, at).unwrap()
        }
    }

    /// Whether `name` is allowed on application `app` (or at organization
    /// level when it has one cell).
    fn allowed(rows: &[Row], name: &str, app: usize) -> bool {
        let row = rows.iter().find(|r| r.action.name == name).unwrap();
        let cell = if row.cells.len() == 1 {
            &row.cells[0]
        } else {
            &row.cells[app]
        };
        cell.allowed()
    }

    #[test]
    fn appends_exactly_the_block_attenuate_appends() {
        let w = World::new();
        let root = w.root(Some(&w.key));
        let request = AttenuationRequest {
            applications: vec![w.apps[0]],
            expires_at: Some(w.now + Duration::days(30)),
            actions: Some(Matrix::read_only().actions()),
            datalog: "check if time($t), $t < 2030-01-01T00:00:00Z;".to_owned(),
            seal: false,
        };
        let Candidate::Attenuated(simulated) = candidate(&root, &request, w.now).unwrap() else {
            panic!("a restricting request attenuates");
        };
        let generated = attenuate(&root, &request, w.now).unwrap();
        assert_eq!(simulated.block_count(), 2);
        assert_eq!(
            simulated.block_source(1).unwrap(),
            Token::parse(&generated.token, None)
                .unwrap()
                .block_source(1)
                .unwrap()
        );
        // The same grid as the generated token's, cell for cell.
        let from_generated = grid(
            Token::parse(&generated.token, Some(&w.key.public()))
                .unwrap()
                .verified()
                .unwrap(),
            w.org,
            &w.apps,
            w.now,
        );
        assert_eq!(
            simulate(&Candidate::Attenuated(simulated), w.org, &w.apps, w.now).unwrap(),
            from_generated
        );
    }

    #[test]
    fn read_only_denies_every_write_and_allows_reads() {
        let w = World::new();
        let rows = w.rows(
            &AttenuationRequest {
                actions: Some(Matrix::read_only().actions()),
                ..Default::default()
            },
            w.now,
        );
        assert!(!allowed(&rows, "event:ingest", 0));
        assert!(allowed(&rows, "event_type:list", 1));
        assert!(allowed(&rows, "application:list", 0));
        for row in rows
            .iter()
            .filter(|r| r.action.access == Access::Write)
            .filter(|r| r.action.resource != crate::catalogue::Resource::Session)
        {
            assert!(
                row.cells.iter().all(|c| !c.allowed()),
                "{} is a write",
                row.action.name
            );
        }
    }

    #[test]
    fn one_application_denies_the_other_column_and_organization_actions() {
        let w = World::new();
        let rows = w.rows(
            &AttenuationRequest {
                applications: vec![w.apps[0]],
                ..Default::default()
            },
            w.now,
        );
        assert!(allowed(&rows, "event:ingest", 0));
        assert!(!allowed(&rows, "event:ingest", 1));
        assert!(!allowed(&rows, "application:list", 0));
        let other_column = rows
            .iter()
            .filter(|r| r.action.scope == ActionScope::Application)
            .all(|r| !r.cells[1].allowed());
        assert!(other_column, "nothing is allowed on the other application");
    }

    #[test]
    fn decides_at_the_chosen_time_to_show_expiry() {
        let w = World::new();
        let request = AttenuationRequest {
            expires_at: Some(w.now + Duration::days(1)),
            ..Default::default()
        };
        assert!(allowed(&w.rows(&request, w.now), "event:ingest", 0));
        let later = w.rows(&request, w.now + Duration::days(2));
        assert!(later.iter().all(|r| r.cells.iter().all(|c| !c.allowed())));
    }

    #[test]
    fn nothing_restricted_simulates_the_root_itself() {
        let w = World::new();
        let root = w.root(Some(&w.key));
        let c = candidate(&root, &AttenuationRequest::default(), w.now).unwrap();
        assert!(matches!(c, Candidate::Unrestricted(_)));
        assert_eq!(c.token().block_count(), 1);
        let rows = simulate(&c, w.org, &w.apps, w.now).unwrap();
        assert!(allowed(&rows, "event:ingest", 1));
    }

    #[test]
    fn invalid_datalog_is_an_error_not_a_grid() {
        let w = World::new();
        let request = AttenuationRequest {
            datalog: "check if nope(".to_owned(),
            ..Default::default()
        };
        let error = candidate(&w.root(Some(&w.key)), &request, w.now).unwrap_err();
        assert!(matches!(error, CoreError::InvalidDatalog(_)), "{error:?}");
    }

    #[test]
    fn an_unverified_root_has_no_grid_and_sealing_is_simulated() {
        let w = World::new();
        let request = AttenuationRequest {
            applications: vec![w.apps[1]],
            seal: true,
            ..Default::default()
        };
        let unverified = candidate(&w.root(None), &request, w.now).unwrap();
        assert!(simulate(&unverified, w.org, &w.apps, w.now).is_none());
        let sealed = candidate(&w.root(Some(&w.key)), &request, w.now).unwrap();
        assert!(sealed.token().is_sealed());
        let rows = simulate(&sealed, w.org, &w.apps, w.now).unwrap();
        assert!(allowed(&rows, "event:ingest", 1));
        assert!(!allowed(&rows, "event:ingest", 0));
    }
}
