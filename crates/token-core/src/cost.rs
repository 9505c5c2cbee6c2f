//! What running a token's Datalog may cost, estimated before it runs.
//!
//! biscuit-auth 6.0.0 checks its time limit only *between* rules and checks,
//! so one check joining a few predicates (`check if n($a), n($b), n($c),
//! n($d), …` over 60 facts: 13 million combinations) runs for minutes
//! whatever Hook0's 30 ms limit says, and its Datalog parser recurses on
//! nesting, so a block built from thousands of nested parentheses overflows
//! the stack when read back. Anyone holding a token can append such a block
//! (no key is needed), so [`crate::policy::authorize`] refuses tokens over
//! these bounds before running them, the dashboard's editor refuses to
//! produce them, and the simulator shows the same refusal.

use std::collections::HashMap;

use biscuit_auth::builder::Rule;
use biscuit_auth::{Biscuit, BlockBuilder};

/// The most join steps (combinations of facts tried by rule and check
/// bodies) Datalog appended to a token may ask for. The tokens Hook0's
/// dashboard or ours make need a few dozen; a few hundred thousand run in
/// well under 30 ms.
pub const MAX_JOIN_STEPS: u64 = 200_000;

/// The deepest nesting of brackets and `!` a block may have to be read
/// (the tokens the dashboards make nest 2 or 3 deep).
pub const MAX_NESTING: usize = 64;

/// biscuit-auth's default `max_facts` and `max_iterations`, which the
/// authorizer keeps: no predicate can hold more facts, no rule runs more often.
const MAX_FACTS: u64 = 1000;
const MAX_ITERATIONS: u64 = 100;

/// Facts the authorizer itself may add under any one name (`time`,
/// `action`, `allowed_role`, the base policy's own facts…).
const AMBIENT_FACTS: u64 = 8;

/// How deep `source` nests: open brackets, and `!` in a row, counted
/// everywhere (inside strings too: an overestimate is only a refusal).
pub fn nesting(source: &str) -> usize {
    let (mut depth, mut bangs, mut deepest) = (0usize, 0usize, 0usize);
    for c in source.chars() {
        match c {
            '(' | '[' | '{' => depth += 1,
            ')' | ']' | '}' => depth = depth.saturating_sub(1),
            _ => {}
        }
        match c {
            '!' => bangs += 1,
            c if c.is_whitespace() || c == '(' => {}
            _ => bangs = 0,
        }
        deepest = deepest.max(depth + bangs);
    }
    deepest
}

/// Whether `source` is shallow enough to be parsed safely.
pub fn parse_safe(source: &str) -> bool {
    nesting(source) <= MAX_NESTING
}

/// The join-step bound of a token's appended blocks; `None` when a block
/// cannot be read back (too deep, or printed in a form that does not parse).
pub fn join_steps(token: &Biscuit) -> Option<u64> {
    let sources = (0..token.block_count())
        .map(|i| token.print_block_source(i).ok())
        .collect::<Option<Vec<String>>>()?;
    join_steps_of_sources(&sources)
}

/// The join-step bound of blocks given as Datalog, the first being the
/// authority block (whose facts count, whose checks are Hook0's own).
///
/// A body `p($a), q($b)` tries at most `|p| × |q|` combinations. `|p|` is
/// the facts declared under that name in any block, plus the authorizer's,
/// plus what rules can derive (at most `MAX_FACTS`). Rules are re-applied
/// until nothing new appears, so their cost counts once per rule (the
/// longest chain of derivations), at most `MAX_ITERATIONS` times.
pub fn join_steps_of_sources(sources: &[String]) -> Option<u64> {
    let blocks = sources
        .iter()
        .map(|source| {
            parse_safe(source).then_some(())?;
            BlockBuilder::new().code(source).ok()
        })
        .collect::<Option<Vec<_>>>()?;
    let mut counts: HashMap<&str, u64> = HashMap::new();
    for fact in blocks.iter().flat_map(|b| &b.facts) {
        *counts.entry(&fact.predicate.name).or_insert(AMBIENT_FACTS) += 1;
    }
    let appended = blocks.get(1..).unwrap_or_default();
    let rules: Vec<&Rule> = appended.iter().flat_map(|b| &b.rules).collect();
    // What rules can derive, to a fixpoint (or the cap) of the estimate.
    for _ in 0..rules.len().min(MAX_ITERATIONS as usize) {
        let mut changed = false;
        for rule in &rules {
            let derived = body_steps(&counts, rule).min(MAX_FACTS);
            let entry = counts.entry(&rule.head.name).or_insert(AMBIENT_FACTS);
            let grown = (*entry + derived).min(MAX_FACTS);
            changed |= grown != *entry;
            *entry = grown;
        }
        if !changed {
            break;
        }
    }
    let iterations = (rules.len() as u64 + 1).min(MAX_ITERATIONS);
    let rule_steps = rules
        .iter()
        .map(|r| body_steps(&counts, r).saturating_mul(iterations))
        .fold(0u64, u64::saturating_add);
    let check_steps = appended
        .iter()
        .flat_map(|b| &b.checks)
        .flat_map(|c| &c.queries)
        .map(|q| body_steps(&counts, q))
        .fold(0u64, u64::saturating_add);
    Some(rule_steps.saturating_add(check_steps))
}

/// The combinations a rule body tries: the product of its predicates' sizes.
fn body_steps(counts: &HashMap<&str, u64>, rule: &Rule) -> u64 {
    rule.body.iter().fold(1u64, |steps, p| {
        let size = counts
            .get(p.name.as_str())
            .copied()
            .unwrap_or(AMBIENT_FACTS)
            .max(1);
        steps.saturating_mul(size)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn appended(source: &str) -> Option<u64> {
        join_steps_of_sources(&[String::new(), source.to_owned()])
    }

    #[test]
    fn ordinary_restrictions_cost_a_few_steps() {
        let read_only = "check if action($a), [\"event:list\", \"event:get\"].contains($a);\ncheck if time($t), $t < 2030-01-01T00:00:00Z;";
        assert!(appended(read_only).unwrap() < 100);
    }

    #[test]
    fn joins_multiply_and_rules_feed_checks() {
        let facts: String = (0..60).map(|i| format!("n({i});")).collect();
        let runaway =
            format!("{facts} check if n($a), n($b), n($c), n($d), $a + $b + $c + $d == -1;");
        assert!(appended(&runaway).unwrap() > MAX_JOIN_STEPS);
        let derived = "p($x) <- time($x); q($x, $y) <- p($x), p($y); check if q($a, $b), q($c, $d), q($e, $f);";
        assert!(appended(derived).unwrap() > 1_000);
    }

    #[test]
    fn deep_nesting_is_measured_without_parsing() {
        let deep = format!("check if {}true{}", "(".repeat(5000), ")".repeat(5000));
        assert_eq!(nesting(&deep), 5000);
        assert!(!parse_safe(&deep));
        assert_eq!(appended(&deep), None);
        assert_eq!(nesting(&format!("check if {}true", "!".repeat(70))), 70);
        assert!(parse_safe("check if [1, [2]].contains(1)"));
    }
}
