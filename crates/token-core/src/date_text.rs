//! Dates as people read and type them (`2030-01-31 14:05`), written and read
//! by hand instead of through chrono's `format`/`parse_from_str`: chrono's
//! strftime interpreter and generic parser are ~20 KB of the dashboard's wasm
//! for these three fixed layouts. The tests check every function against
//! chrono itself, so the output is the same as before.

use chrono::{Datelike, NaiveDate, NaiveDateTime, NaiveTime, Timelike};

/// `2030-01-31 14:05`, as chrono's `%Y-%m-%d %H:%M`.
pub fn minutes(at: NaiveDateTime) -> String {
    format!("{} {:02}:{:02}", date(at.date()), at.hour(), at.minute())
}

/// `2030-01-31 14:05:09`, as chrono's `%Y-%m-%d %H:%M:%S` (a leap second
/// shows as `:60`, as chrono writes it).
pub fn seconds(at: NaiveDateTime) -> String {
    let leap = u32::from(at.nanosecond() >= 1_000_000_000);
    format!("{}:{:02}", minutes(at), at.second() + leap)
}

/// `2030-01-31`, as chrono's `%Y-%m-%d`: the year has at least four digits,
/// and a sign when it is outside 0..=9999.
fn date(day: NaiveDate) -> String {
    let year = day.year();
    if (0..=9999).contains(&year) {
        format!("{year:04}-{:02}-{:02}", day.month(), day.day())
    } else {
        format!("{year:+05}-{:02}-{:02}", day.month(), day.day())
    }
}

/// Reads what an `<input type="datetime-local">` holds, `2030-01-31T14:05`
/// or `2030-01-31T14:05:09`, exactly as chrono's `parse_from_str` with
/// `%Y-%m-%dT%H:%M` or `%Y-%m-%dT%H:%M:%S` does: whitespace is skipped
/// before each number; the year has one to four digits, or any number after
/// a `+`/`-`; the other fields one or two digits; nothing may follow; `:60`
/// is a leap second.
pub fn parse_local_input(value: &str) -> Option<NaiveDateTime> {
    let (year, rest) = year(value)?;
    let (month, rest) = number(rest.strip_prefix('-')?, 2)?;
    let (day, rest) = number(rest.strip_prefix('-')?, 2)?;
    let (hour, rest) = number(rest.strip_prefix('T')?, 2)?;
    let (minute, rest) = number(rest.strip_prefix(':')?, 2)?;
    let second = match rest {
        "" => 0,
        _ => match number(rest.strip_prefix(':')?, 2)? {
            (second, "") => second,
            _ => return None,
        },
    };
    let time = match second {
        60 => NaiveTime::from_hms_milli_opt(hour, minute, 59, 1_000)?,
        _ => NaiveTime::from_hms_opt(hour, minute, second)?,
    };
    let year = i32::try_from(year).ok()?;
    Some(NaiveDate::from_ymd_opt(year, month, day)?.and_time(time))
}

/// chrono's `%Y`: after a sign any number of digits, else one to four.
fn year(s: &str) -> Option<(i64, &str)> {
    let s = s.trim_start();
    if let Some(rest) = s.strip_prefix('-') {
        let (v, rest) = digits(rest, usize::MAX)?;
        Some((-v, rest))
    } else if let Some(rest) = s.strip_prefix('+') {
        digits(rest, usize::MAX)
    } else {
        digits(s, 4)
    }
}

/// A month, day, hour, minute or second: whitespace, then one or two digits.
fn number(s: &str, max: usize) -> Option<(u32, &str)> {
    let (v, rest) = digits(s.trim_start(), max)?;
    Some((u32::try_from(v).ok()?, rest))
}

/// One to `max` ASCII digits (`None` on none, or on overflow).
fn digits(s: &str, max: usize) -> Option<(i64, &str)> {
    let len = s.bytes().take(max).take_while(u8::is_ascii_digit).count();
    if len == 0 {
        return None;
    }
    let value = s[..len].bytes().try_fold(0i64, |n, d| {
        n.checked_mul(10)?.checked_add(i64::from(d - b'0'))
    })?;
    Some((value, &s[len..]))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chrono_parse(value: &str) -> Option<NaiveDateTime> {
        NaiveDateTime::parse_from_str(value, "%Y-%m-%dT%H:%M")
            .or_else(|_| NaiveDateTime::parse_from_str(value, "%Y-%m-%dT%H:%M:%S"))
            .ok()
    }

    fn at(secs: i64, nanos: u32) -> Option<NaiveDateTime> {
        chrono::DateTime::from_timestamp(secs, nanos).map(|t| t.naive_utc())
    }

    #[test]
    fn writes_what_chrono_writes() {
        let cases = [
            at(0, 0),
            at(1_900_000_000, 0),
            at(-62_167_219_200, 0),           // year 0
            at(-62_167_219_201, 0),           // year -1
            at(253_402_300_800, 0),           // year 10000
            at(1_900_000_019, 1_500_000_000), // leap second
            NaiveDate::from_ymd_opt(-262_000, 1, 1).map(|d| d.and_hms_opt(1, 2, 3).unwrap()),
        ];
        for t in cases.into_iter().map(Option::unwrap) {
            assert_eq!(minutes(t), t.format("%Y-%m-%d %H:%M").to_string());
            assert_eq!(seconds(t), t.format("%Y-%m-%d %H:%M:%S").to_string());
        }
    }

    #[test]
    fn reads_what_chrono_reads() {
        for value in [
            "2030-01-31T14:05",
            "2030-01-31T14:05:09",
            "2030-1-3T4:5",
            "2030-01-31T14:05:60",
            "275760-09-13T00:00",
            "+12345-01-01T00:00",
            "-0001-01-01T00:00",
            "2030-02-30T14:05",
            "2030-01-31T24:00",
            "2030-01-31 14:05",
            "2030-01-31T14:05:",
            "2030-01-31T14:05:09.5",
            "2030-01-31T14:05Z",
            "203-01-31T14:05",
            "2030-001-31T14:05",
            " 2030-01-31T14:05",
            "2030-01-31T 14:05",
            "2030- 1-31T14:05",
            "-1-01-01T00:00",
            "99999999999999999999-01-01T00:00",
            "+99999999999999999999-01-01T00:00",
            "",
        ] {
            assert_eq!(parse_local_input(value), chrono_parse(value), "{value:?}");
        }
    }

    /// proptest is a native-only dev-dependency (the core also runs its
    /// tests in the browser).
    #[cfg(not(target_arch = "wasm32"))]
    mod properties {
        use super::*;
        use proptest::prelude::*;

        proptest! {
            #[test]
            fn writes_like_chrono(secs in -50_000_000_000i64..250_000_000_000, nanos in 0u32..2_000_000_000) {
                if let Some(t) = at(secs, nanos) {
                    prop_assert_eq!(minutes(t), t.format("%Y-%m-%d %H:%M").to_string());
                    prop_assert_eq!(seconds(t), t.format("%Y-%m-%d %H:%M:%S").to_string());
                }
            }

            #[test]
            fn reads_like_chrono(value in "[-+]?[0-9]{1,6}-[ 0-9]{1,3}-[0-9]{1,3}T ?[0-9]{1,3}:[0-9]{1,3}(:[0-9]{1,3})?") {
                prop_assert_eq!(parse_local_input(&value), chrono_parse(&value));
            }

            #[test]
            fn round_trips(secs in 0i64..250_000_000_000) {
                let t = at(secs, 0).unwrap();
                let typed = seconds(t).replacen(' ', "T", 1);
                prop_assert_eq!(parse_local_input(&typed), Some(t));
            }
        }
    }
}
