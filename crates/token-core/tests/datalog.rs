//! The advanced editor's validation: positions, messages and lints.

use chrono::{TimeZone, Utc};
use token_core::datalog::{validate, LintContext, Severity};

fn ctx() -> LintContext {
    LintContext::new(Utc.with_ymd_and_hms(2026, 11, 28, 12, 0, 0).unwrap())
}

const READ_ONLY_RECIPE: &str = r#"check if action($a), ["organization:list", "organization:get", "application:list", "application:get", "event_type:list", "event_type:get", "subscription:list", "subscription:get", "event:list", "event:get", "request_attempt:list", "request_attempt:get", "response:get", "events_per_day:application", "events_per_day:organization"].contains($a)"#;

#[test]
fn the_documented_read_only_recipe_is_valid_and_clean() {
    let report = validate(READ_ONLY_RECIPE, &ctx());
    assert_eq!(report.errors, vec![]);
    assert_eq!(report.warnings, vec![]);
}

#[test]
fn syntax_errors_have_line_column_and_a_message() {
    let source = "check if time($t), $t < 2030-01-01T00:00:00Z;\ncheck if action($a), [\"event:list\"].contains(";
    let report = validate(source, &ctx());
    assert_eq!(report.errors.len(), 1);
    let e = &report.errors[0];
    assert_eq!(e.severity, Severity::Error);
    assert_eq!(e.line, 2);
    assert!(e.column >= 1);
    assert!(!e.message.is_empty());
    assert!(!e.message.contains("ErrorKind"));
}

#[test]
fn policies_are_explained() {
    let report = validate("allow if true", &ctx());
    assert_eq!(report.errors.len(), 1);
    assert!(report.errors[0]
        .message
        .contains("policies belong to the server"));
    assert_eq!((report.errors[0].line, report.errors[0].column), (1, 1));
}

#[test]
fn unclosed_strings_and_unbound_variables_are_located() {
    let report = validate("check if action(\"event:list)", &ctx());
    assert!(!report.errors.is_empty());
    let report = validate("check if time($t);\nfoo($x) <- bar($y);", &ctx());
    assert_eq!(report.errors.len(), 1);
    assert_eq!(report.errors[0].line, 2);
    assert!(report.errors[0].message.contains("$x") || report.errors[0].message.contains("bound"));
}

#[test]
fn columns_count_characters_not_bytes() {
    let source = "check if email(\"é\") ??";
    let report = validate(source, &ctx());
    let e = &report.errors[0];
    assert_eq!(e.line, 1);
    assert!(e.offset > source.find('é').unwrap(), "{e:?}");
    assert_eq!(e.column, source[..e.offset].chars().count() + 1);
    assert_eq!(e.column, e.offset, "é is two bytes but one column");
}

#[test]
fn lints_unknown_actions_with_a_suggestion() {
    let report = validate(
        r#"check if action($a), ["event:lsit"].contains($a)"#,
        &ctx(),
    );
    assert!(report.is_ok());
    assert_eq!(report.warnings.len(), 1);
    let w = &report.warnings[0];
    assert!(
        w.message.contains("did you mean \"event:list\""),
        "{}",
        w.message
    );
    assert_eq!(w.column, 23);
}

#[test]
fn lints_predicates_hook0_never_provides() {
    let report = validate(r#"check if resource("events"), operation("read")"#, &ctx());
    let names: Vec<&str> = report.warnings.iter().map(|w| w.message.as_str()).collect();
    assert_eq!(names.len(), 2, "{names:?}");
    assert!(names[0].contains("\"resource\""));
    // A predicate the block defines itself is fine.
    let own = validate("ok(true); check if ok(true)", &ctx());
    assert_eq!(own.warnings, vec![]);
}

#[test]
fn lints_dates_in_the_past() {
    let report = validate("check if time($t), $t < 2025-01-01T00:00:00Z", &ctx());
    assert_eq!(report.warnings.len(), 1);
    assert!(report.warnings[0]
        .message
        .contains("2025-01-01 00:00:00 UTC is in the past"));
}

#[test]
fn lints_an_application_restriction_with_organization_level_actions() {
    let mut with_app = ctx();
    with_app.restricted_to_applications = true;
    let report = validate(READ_ONLY_RECIPE, &with_app);
    assert_eq!(report.warnings.len(), 1);
    let message = &report.warnings[0].message;
    for org_level in [
        "organization:list",
        "application:list",
        "events_per_day:organization",
    ] {
        assert!(message.contains(org_level), "{message}");
    }
    assert!(!message.contains("event:list,"));
    // The same when the Datalog itself restricts the application.
    let inline = format!(
        "check if application_id(hex:00112233445566778899aabbccddeeff);\n{READ_ONLY_RECIPE}"
    );
    assert_eq!(validate(&inline, &ctx()).warnings.len(), 1);
}

#[test]
fn escapes_inside_strings_are_refused_because_they_do_not_read_back() {
    let report = validate(r#"check if action("a\"b")"#, &ctx());
    assert_eq!(report.errors.len(), 1);
    assert_eq!(report.errors[0].column, 19);
    assert!(report.errors[0].message.contains("inside strings"));
    // A backslash outside a string is the parser's business, not this rule's.
    assert!(validate(r#"check if action("a/b")"#, &ctx()).is_ok());
}
