//! Expiry presets (none, 7 days, 30 days, 90 days, 1 year, custom), resolved
//! from a `now` the caller passes in: the core never reads a clock, because
//! `SystemTime::now()` panics in the browser's wasm.

use chrono::{DateTime, Duration, Months, Utc};
use serde::{Deserialize, Serialize};

use crate::CoreError;

/// The expiry choices of the simple attenuation mode. Hook0's dashboard
/// defaults to [`ExpiryPreset::Days30`], and so does [`Default`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ExpiryPreset {
    Never,
    Days7,
    #[default]
    Days30,
    Days90,
    Year1,
    Custom,
}

impl ExpiryPreset {
    /// Every preset, in the order a picker lists them.
    pub const ALL: [ExpiryPreset; 6] = [
        ExpiryPreset::Never,
        ExpiryPreset::Days7,
        ExpiryPreset::Days30,
        ExpiryPreset::Days90,
        ExpiryPreset::Year1,
        ExpiryPreset::Custom,
    ];

    /// What a person reads.
    pub fn label(self) -> &'static str {
        match self {
            ExpiryPreset::Never => "No expiry",
            ExpiryPreset::Days7 => "7 days",
            ExpiryPreset::Days30 => "30 days",
            ExpiryPreset::Days90 => "90 days",
            ExpiryPreset::Year1 => "1 year",
            ExpiryPreset::Custom => "Custom",
        }
    }

    /// A stable machine name (for `<option value>` and URLs).
    pub fn key(self) -> &'static str {
        match self {
            ExpiryPreset::Never => "never",
            ExpiryPreset::Days7 => "7d",
            ExpiryPreset::Days30 => "30d",
            ExpiryPreset::Days90 => "90d",
            ExpiryPreset::Year1 => "1y",
            ExpiryPreset::Custom => "custom",
        }
    }

    /// The preset with this [`key`](Self::key).
    pub fn from_key(key: &str) -> Option<ExpiryPreset> {
        Self::ALL.into_iter().find(|p| p.key() == key)
    }

    /// The expiry this preset gives at `now`: `None` for no expiry, the
    /// custom date for [`ExpiryPreset::Custom`]. A date at or before `now` is
    /// rejected with "The expiration date must be in the future".
    pub fn resolve(
        self,
        now: DateTime<Utc>,
        custom: Option<DateTime<Utc>>,
    ) -> Result<Option<DateTime<Utc>>, CoreError> {
        let at = match self {
            ExpiryPreset::Never => return Ok(None),
            ExpiryPreset::Days7 => now + Duration::days(7),
            ExpiryPreset::Days30 => now + Duration::days(30),
            ExpiryPreset::Days90 => now + Duration::days(90),
            // A calendar year, like date-fns' addYears in Hook0's dashboard
            // (29 February becomes 28 February).
            ExpiryPreset::Year1 => now
                .checked_add_months(Months::new(12))
                .ok_or(CoreError::ExpiryNotInFuture)?,
            ExpiryPreset::Custom => custom.ok_or(CoreError::MissingCustomExpiry)?,
        };
        ensure_future(at, now)?;
        Ok(Some(at))
    }
}

/// Rejects an expiry that is not strictly after `now`, at Datalog's
/// one-second precision.
pub fn ensure_future(at: DateTime<Utc>, now: DateTime<Utc>) -> Result<(), CoreError> {
    if at.timestamp() <= now.timestamp() {
        Err(CoreError::ExpiryNotInFuture)
    } else {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn now() -> DateTime<Utc> {
        DateTime::parse_from_rfc3339("2026-02-28T12:00:00Z")
            .unwrap()
            .with_timezone(&Utc)
    }

    #[test]
    fn presets_add_days_and_a_calendar_year() {
        let at = |p: ExpiryPreset| p.resolve(now(), None).unwrap().unwrap().to_rfc3339();
        assert_eq!(at(ExpiryPreset::Days7), "2026-03-07T12:00:00+00:00");
        assert_eq!(at(ExpiryPreset::Days30), "2026-03-30T12:00:00+00:00");
        assert_eq!(at(ExpiryPreset::Days90), "2026-05-29T12:00:00+00:00");
        assert_eq!(at(ExpiryPreset::Year1), "2027-02-28T12:00:00+00:00");
        assert_eq!(ExpiryPreset::Never.resolve(now(), None).unwrap(), None);
    }

    #[test]
    fn custom_must_be_given_and_in_the_future() {
        assert_eq!(
            ExpiryPreset::Custom.resolve(now(), None),
            Err(CoreError::MissingCustomExpiry)
        );
        let past = now() - Duration::seconds(1);
        let err = ExpiryPreset::Custom.resolve(now(), Some(past)).unwrap_err();
        assert_eq!(err.to_string(), "The expiration date must be in the future");
        assert_eq!(
            ExpiryPreset::Custom.resolve(now(), Some(now())),
            Err(CoreError::ExpiryNotInFuture)
        );
        let later = now() + Duration::hours(1);
        assert_eq!(
            ExpiryPreset::Custom.resolve(now(), Some(later)),
            Ok(Some(later))
        );
    }

    #[test]
    fn keys_round_trip_and_default_is_thirty_days() {
        for p in ExpiryPreset::ALL {
            assert_eq!(ExpiryPreset::from_key(p.key()), Some(p));
        }
        assert_eq!(ExpiryPreset::default(), ExpiryPreset::Days30);
    }
}
