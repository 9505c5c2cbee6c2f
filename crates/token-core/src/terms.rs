//! How Hook0 writes values inside Datalog, in one place so every block the
//! project produces spells them the same way Hook0's dashboard does.

use chrono::{DateTime, SecondsFormat, TimeZone, Utc};
use uuid::Uuid;

/// A UUID as a Datalog byte string: `hex:` and its 32 lowercase hex digits.
pub fn uuid_term(id: Uuid) -> String {
    format!("hex:{}", hex::encode(id.as_bytes()))
}

/// A time as a Datalog date: RFC 3339 in UTC, whole seconds (Datalog dates
/// have second precision; the fraction is dropped, never rounded up).
pub fn date_term(at: DateTime<Utc>) -> String {
    at.to_rfc3339_opts(SecondsFormat::Secs, true)
}

/// A Datalog string literal, quotes and escapes included.
pub fn string_term(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Drops the sub-second part, as a Datalog date would.
pub fn whole_seconds(at: DateTime<Utc>) -> DateTime<Utc> {
    Utc.timestamp_opt(at.timestamp(), 0).single().unwrap_or(at)
}

/// A Datalog date (seconds since the epoch) as a UTC time.
pub fn date_from_secs(secs: u64) -> Option<DateTime<Utc>> {
    i64::try_from(secs)
        .ok()
        .and_then(|s| Utc.timestamp_opt(s, 0).single())
}

/// A UTC time as Datalog date seconds; times before 1970 become 0.
pub fn secs_from_date(at: DateTime<Utc>) -> u64 {
    u64::try_from(at.timestamp()).unwrap_or(0)
}

/// A byte string that holds a UUID, back to the UUID.
pub fn uuid_from_bytes(bytes: &[u8]) -> Option<Uuid> {
    Uuid::from_slice(bytes).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uuid_is_hex_bytes_without_hyphens() {
        let id = Uuid::parse_str("c02f0d5c-6a2b-4f57-9d3e-1b2c3d4e5f60").unwrap();
        assert_eq!(uuid_term(id), "hex:c02f0d5c6a2b4f579d3e1b2c3d4e5f60");
    }

    #[test]
    fn date_drops_fraction_and_ends_in_z() {
        let at = DateTime::parse_from_rfc3339("2030-01-01T00:00:00.999Z")
            .unwrap()
            .with_timezone(&Utc);
        assert_eq!(date_term(at), "2030-01-01T00:00:00Z");
        assert_eq!(whole_seconds(at).timestamp_subsec_nanos(), 0);
    }

    #[test]
    fn strings_are_escaped() {
        assert_eq!(string_term(r#"a"b\c"#), r#""a\"b\\c""#);
    }
}
