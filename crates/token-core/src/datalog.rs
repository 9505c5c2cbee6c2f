//! Datalog validation for the advanced attenuation editor: syntax errors with
//! line, column and a human message, then lints for Datalog that parses but
//! can never do what its author meant on a Hook0 server.
//!
//! biscuit-auth's own errors carry neither position nor (usually) message, so
//! this module calls its parser directly: the parser's error points into the
//! source text, which gives the position.
//!
//! ```
//! use chrono::{TimeZone, Utc};
//! use token_core::datalog::{validate, LintContext};
//! let ctx = LintContext::new(Utc.with_ymd_and_hms(2026, 1, 1, 0, 0, 0).unwrap());
//! let report = validate("check if action($a),\n  [\"event:lsit\"].contains($a", &ctx);
//! assert_eq!(report.errors[0].line, 2);
//! let report = validate(r#"check if action($a), ["event:lsit"].contains($a)"#, &ctx);
//! assert!(report.errors.is_empty());
//! assert!(report.warnings[0].message.contains("did you mean \"event:list\""));
//! ```

use std::collections::BTreeSet;

use biscuit_auth::BlockBuilder;
use biscuit_parser::builder::{Op, Predicate, Rule, Term};
use biscuit_parser::parser::parse_block_source;
use chrono::{DateTime, Utc};
use serde::Serialize;

use crate::catalogue::{self, ActionScope, ACTIONS};
use crate::cost;
use crate::terms::date_from_secs;

/// How bad an issue is: errors block generation, warnings do not.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    Error,
    Warning,
}

/// One problem, located in the source (1-based line and column in
/// characters; `offset` and `len` in bytes, for highlighting).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DatalogIssue {
    pub severity: Severity,
    pub line: usize,
    pub column: usize,
    pub offset: usize,
    pub len: usize,
    pub message: String,
}

impl std::fmt::Display for DatalogIssue {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "line {}, column {}: {}",
            self.line, self.column, self.message
        )
    }
}

/// What the editor shows: errors (nothing can be generated) and warnings.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct DatalogReport {
    pub errors: Vec<DatalogIssue>,
    pub warnings: Vec<DatalogIssue>,
}

impl DatalogReport {
    /// No errors (warnings allowed).
    pub fn is_ok(&self) -> bool {
        self.errors.is_empty()
    }
}

/// What the lints need to know beyond the text itself.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LintContext {
    /// Dates before this are reported as in the past.
    pub now: DateTime<Utc>,
    /// The same block also restricts the token to applications.
    pub restricted_to_applications: bool,
    /// The same block's action allowlist, if any.
    pub allowlist: Option<Vec<String>>,
}

impl LintContext {
    /// A context with no other restriction in the block.
    pub fn new(now: DateTime<Utc>) -> Self {
        LintContext {
            now,
            restricted_to_applications: false,
            allowlist: None,
        }
    }
}

/// Predicates a Hook0 authorizer can make true: authority facts of each
/// token type, the ambient facts of a request, and what its own rules derive.
const PROVIDED_PREDICATES: [&str; 29] = [
    // authority block
    "type",
    "version",
    "token_id",
    "created_at",
    "organization_id",
    "session_id",
    "user_id",
    "email",
    "first_name",
    "last_name",
    "organization_role",
    "expired_at",
    // ambient, per request
    "time",
    "action",
    "application_id",
    "allowed_role",
    "service_token_id",
    "subscription_id",
    "labels",
    "event_type_names",
    "label_key",
    "label_value",
    // derived by the authorizer's own rules
    "valid_types",
    "valid_type",
    "supported_version",
    "valid_version",
    "expired",
    "role",
    "valid_role",
];

/// Syntax errors only (what blocks appending), with positions.
pub fn parse_errors(source: &str) -> Vec<DatalogIssue> {
    validate_syntax(source).err().unwrap_or_default()
}

/// Syntax errors, then (when it parses) lints.
pub fn validate(source: &str, ctx: &LintContext) -> DatalogReport {
    match validate_syntax(source) {
        Err(errors) => DatalogReport {
            errors,
            warnings: Vec::new(),
        },
        Ok(statements) => DatalogReport {
            errors: Vec::new(),
            warnings: lint(source, &statements, ctx),
        },
    }
}

/// A parsed statement and where it stands in the source.
struct Statement {
    offset: usize,
    text_len: usize,
    rules: Vec<Rule>,
    defines: Option<String>,
}

fn validate_syntax(source: &str) -> Result<Vec<Statement>, Vec<DatalogIssue>> {
    // biscuit's parser recurses on nesting: refuse before it can overflow.
    if !cost::parse_safe(source) {
        return Err(vec![issue(
            source,
            Severity::Error,
            0,
            source.len(),
            format!(
                "nested more than {} levels deep (brackets or !): no token block needs that, and the parser cannot read it safely",
                cost::MAX_NESTING
            ),
        )]);
    }
    if let Some(at) = escape_in_string(source) {
        return Err(vec![issue(
            source,
            Severity::Error,
            at,
            1,
            "escapes (\\\" or \\\\) inside strings are not allowed: biscuit-auth 6.0 prints strings without them, so the token could not be read back".to_owned(),
        )]);
    }
    let parsed = match parse_block_source(source) {
        Ok(parsed) => parsed,
        Err(errors) => {
            return Err(errors
                .iter()
                .map(|e| {
                    let (offset, len, message) = refine(source, offset_in(source, e.input), e);
                    let message = message.unwrap_or_else(|| describe_parse_error(source, offset));
                    issue(source, Severity::Error, offset, len, message)
                })
                .collect());
        }
    };

    let mut statements = Vec::new();
    for (text, fact) in &parsed.facts {
        statements.push(Statement {
            offset: offset_in(source, text),
            text_len: text.len(),
            rules: Vec::new(),
            defines: Some(fact.predicate.name.clone()),
        });
    }
    for (text, rule) in &parsed.rules {
        statements.push(Statement {
            offset: offset_in(source, text),
            text_len: text.len(),
            rules: vec![rule.clone()],
            defines: Some(rule.head.name.clone()),
        });
    }
    for (text, check) in &parsed.checks {
        statements.push(Statement {
            offset: offset_in(source, text),
            text_len: text.len(),
            rules: check.queries.clone(),
            defines: None,
        });
    }
    statements.sort_by_key(|s| s.offset);

    // What parses can still be refused when the block is built: parameters
    // left unbound, facts with variables, rule heads with unbound variables.
    // Building statement by statement tells which one.
    let errors: Vec<DatalogIssue> = statements
        .iter()
        .filter_map(|s| {
            let text = &source[s.offset..s.offset + s.text_len];
            BlockBuilder::new().code(text).err().map(|e| {
                issue(
                    source,
                    Severity::Error,
                    s.offset,
                    s.text_len,
                    describe_build_error(&e),
                )
            })
        })
        .collect();
    if !errors.is_empty() {
        return Err(errors);
    }
    match cost::join_steps_of_sources(&[String::new(), source.to_owned()]) {
        Some(steps) if steps > cost::MAX_JOIN_STEPS => Err(vec![issue(
            source,
            Severity::Error,
            0,
            source.len(),
            format!(
                "checking a request could try about {steps} combinations of facts; servers refuse tokens above {} because the authorizer cannot stop such a run in time: join fewer predicates or declare fewer facts",
                cost::MAX_JOIN_STEPS
            ),
        )]),
        _ => Ok(statements),
    }
}

fn describe_build_error(e: &biscuit_auth::error::Token) -> String {
    use biscuit_auth::error::Token as T;
    use biscuit_parser::error::LanguageError as L;
    match e {
        T::Language(L::Parameters {
            missing_parameters, ..
        }) if !missing_parameters.is_empty() => format!(
            "parameters such as {{{}}} cannot be used here: write the value itself",
            missing_parameters[0]
        ),
        _ => "this statement uses a variable that is not bound: every variable in a fact or a rule head must appear in the rule's body".to_owned(),
    }
}

/// The offset of the first backslash inside a string literal, if any.
fn escape_in_string(source: &str) -> Option<usize> {
    let mut in_string = false;
    for (at, c) in source.char_indices() {
        match c {
            '"' => in_string = !in_string,
            '\\' if in_string => return Some(at),
            _ => {}
        }
    }
    None
}

/// The block parser reports a statement it cannot read at the statement's
/// start, usually without a message. Parsing that statement alone with the
/// parser for its kind (check, rule or fact) finds the real position and
/// often a message.
fn refine(
    source: &str,
    offset: usize,
    e: &biscuit_parser::parser::Error<'_>,
) -> (usize, usize, Option<String>) {
    let rest = &source[offset..];
    let statement = rest.split(';').next().unwrap_or(rest);
    let trimmed = statement.trim_start();
    let lower = trimmed.to_ascii_lowercase();
    let deeper = if lower.starts_with("check") || lower.starts_with("reject") {
        biscuit_parser::parser::check(statement).err()
    } else if statement.contains("<-") {
        biscuit_parser::parser::rule(statement).err()
    } else if !trimmed.is_empty() && !lower.starts_with("allow") && !lower.starts_with("deny") {
        biscuit_parser::parser::fact(statement).err()
    } else {
        None
    };
    match deeper {
        Some(nom::Err::Error(inner) | nom::Err::Failure(inner)) => {
            let at = offset_in(source, inner.input);
            // Keep the block parser's verdict when the statement parses
            // alone (the problem is then what follows it).
            if at > offset || inner.message.is_some() {
                return (
                    at,
                    inner.input.len().max(1),
                    inner.message.map(clean_message),
                );
            }
            (offset, e.input.len(), e.message.clone())
        }
        _ => (offset, e.input.len(), e.message.clone()),
    }
}

/// The parser's messages quote whole remaining input; keep them short.
fn clean_message(message: String) -> String {
    if message.chars().count() > 120 {
        let short: String = message.chars().take(117).collect();
        format!("{short}…")
    } else {
        message
    }
}

/// The byte offset of `part` inside `whole`. The parser hands back slices of
/// the text it was given, so the distance between the two starts is the
/// position; anything else (which the parser never returns) maps to the end.
fn offset_in(whole: &str, part: &str) -> usize {
    let start = whole.as_ptr() as usize;
    let at = part.as_ptr() as usize;
    if at >= start && at <= start + whole.len() {
        at - start
    } else {
        whole.len()
    }
}

/// A message for a parse error the parser left without one, from what
/// stands at the error position.
fn describe_parse_error(source: &str, offset: usize) -> String {
    let rest = source[offset..].trim_start();
    let word: String = rest
        .chars()
        .take_while(|c| !c.is_whitespace() && *c != ';')
        .take(24)
        .collect();
    let lower = rest.to_ascii_lowercase();
    if rest.is_empty() {
        "the statement ends too early: something is missing at the end".to_owned()
    } else if lower.starts_with("allow if") || lower.starts_with("deny if") {
        "allow and deny policies belong to the server's authorizer: a token block can only hold facts, rules and checks (check if …, check all …, reject if …)".to_owned()
    } else if source[..offset].matches('"').count() % 2 == 1 || rest.matches('"').count() % 2 == 1 {
        "a string is not closed: add the missing double quote".to_owned()
    } else if rest.starts_with("check") || rest.starts_with("reject") {
        format!("expected \"check if\", \"check all\" or \"reject if\" followed by a condition, found \"{word}\"")
    } else if rest.starts_with(|c: char| c.is_ascii_lowercase()) {
        format!("\"{word}\" is not a valid fact, rule or check: a check starts with \"check if\", a rule is written head($x) <- body($x)")
    } else {
        format!("unexpected \"{word}\"")
    }
}

fn issue(
    source: &str,
    severity: Severity,
    offset: usize,
    len: usize,
    message: String,
) -> DatalogIssue {
    let offset = offset.min(source.len());
    let before = &source[..offset];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let column = source[line_start..offset].chars().count() + 1;
    DatalogIssue {
        severity,
        line,
        column,
        offset,
        len,
        message,
    }
}

fn lint(source: &str, statements: &[Statement], ctx: &LintContext) -> Vec<DatalogIssue> {
    let defined: BTreeSet<&str> = statements
        .iter()
        .filter_map(|s| s.defines.as_deref())
        .collect();
    let mut warnings = Vec::new();
    let mut allowlisted: Vec<(&'static catalogue::Action, usize)> = Vec::new();
    let mut restricts_application = ctx.restricted_to_applications;

    for statement in statements {
        let text = &source[statement.offset..statement.offset + statement.text_len];
        let at = |needle: &str| statement.offset + text.find(needle).unwrap_or(0);
        for rule in &statement.rules {
            for predicate in &rule.body {
                let name = predicate.name.as_str();
                if !PROVIDED_PREDICATES.contains(&name) && !defined.contains(name) {
                    let needle = format!("{name}(");
                    warnings.push(issue(
                        source,
                        Severity::Warning,
                        at(&needle),
                        name.len(),
                        format!("Hook0 never provides \"{name}\" facts, so this can never match"),
                    ));
                }
                if name == "application_id" && statement.defines.is_none() {
                    restricts_application = true;
                }
            }
            for name in action_names(rule) {
                let quoted = format!("\"{name}\"");
                match catalogue::action(&name) {
                    Ok(action) => allowlisted.push((action, at(&quoted))),
                    Err(_) => warnings.push(issue(
                        source,
                        Severity::Warning,
                        at(&quoted),
                        quoted.len(),
                        unknown_action_message(&name),
                    )),
                }
            }
            for secs in dates(rule) {
                if let Some(date) = date_from_secs(secs).filter(|d| *d <= ctx.now) {
                    warnings.push(issue(
                        source,
                        Severity::Warning,
                        statement.offset,
                        statement.text_len,
                        format!(
                            "{} UTC is in the past",
                            crate::date_text::seconds(date.naive_utc())
                        ),
                    ));
                }
            }
        }
    }

    if restricts_application {
        let from_context = ctx
            .allowlist
            .iter()
            .flatten()
            .filter_map(|n| catalogue::action(n).ok().map(|a| (a, 0)));
        let mut blocked: Vec<(&str, usize)> = allowlisted
            .iter()
            .copied()
            .chain(from_context)
            .filter(|(a, _)| a.scope != ActionScope::Application)
            .map(|(a, at)| (a.name, at))
            .collect();
        blocked.sort();
        blocked.dedup_by_key(|(name, _)| *name);
        if let Some((_, at)) = blocked.first() {
            let names: Vec<&str> = blocked.iter().map(|(n, _)| *n).collect();
            warnings.push(issue(
                source,
                Severity::Warning,
                *at,
                0,
                format!(
                    "{} never carry an application id, so a token restricted to an application can never do them",
                    names.join(", ")
                ),
            ));
        }
    }
    warnings
}

/// Action names a rule tests: `action("x")`, and the strings of a list or
/// set it checks an `action($a)` variable against.
fn action_names(rule: &Rule) -> Vec<String> {
    let mut names = Vec::new();
    let mut action_vars = Vec::new();
    for Predicate { name, terms } in &rule.body {
        if name == "action" {
            match terms.first() {
                Some(Term::Str(s)) => names.push(s.clone()),
                Some(Term::Variable(v)) => action_vars.push(v.clone()),
                _ => {}
            }
        }
    }
    if !action_vars.is_empty() {
        for expression in &rule.expressions {
            let mentions_var = expression
                .ops
                .iter()
                .any(|op| matches!(op, Op::Value(Term::Variable(v)) if action_vars.contains(v)));
            if mentions_var {
                for op in &expression.ops {
                    if let Op::Value(term) = op {
                        collect_strings(term, &mut names);
                    }
                }
            }
        }
    }
    names
}

fn collect_strings(term: &Term, out: &mut Vec<String>) {
    match term {
        Term::Str(s) => out.push(s.clone()),
        Term::Array(items) => items.iter().for_each(|t| collect_strings(t, out)),
        Term::Set(items) => items.iter().for_each(|t| collect_strings(t, out)),
        _ => {}
    }
}

fn dates(rule: &Rule) -> Vec<u64> {
    rule.expressions
        .iter()
        .flat_map(|e| e.ops.iter())
        .filter_map(|op| match op {
            Op::Value(Term::Date(secs)) => Some(*secs),
            _ => None,
        })
        .collect()
}

fn unknown_action_message(name: &str) -> String {
    let closest = ACTIONS
        .iter()
        .map(|a| (edit_distance(name, a.name), a.name))
        .min();
    match closest {
        Some((distance, known)) if distance <= 3 => {
            format!("\"{name}\" is not a Hook0 action: did you mean \"{known}\"?")
        }
        _ => format!("\"{name}\" is not a Hook0 action, so it can never be allowed"),
    }
}

/// Levenshtein distance, for "did you mean" suggestions on short names.
fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut previous: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut current = vec![i + 1; b.len() + 1];
        for (j, cb) in b.iter().enumerate() {
            let substitution = previous[j] + usize::from(ca != *cb);
            current[j + 1] = substitution.min(previous[j + 1] + 1).min(current[j] + 1);
        }
        previous = current;
    }
    previous[b.len()]
}
