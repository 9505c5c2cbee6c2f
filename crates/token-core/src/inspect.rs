//! Token inspection: the blocks with their Datalog and revocation ids, the
//! authority facts, and the restrictions later blocks add, recognised into a
//! structured summary and a short plain-language one.
//!
//! Recognition reads the Datalog the same way [`crate::attenuation`] writes
//! it; a check of any other shape is kept, word for word, as "custom".

use biscuit_parser::builder::{Binary, Check, CheckKind, Op, Predicate, Rule, Term};
use biscuit_parser::parser::parse_block_source;
use chrono::{DateTime, Utc};
use serde::Serialize;
use uuid::Uuid;

use crate::catalogue::{self, Access};
use crate::cost;
use crate::terms::{date_from_secs, uuid_from_bytes};
use crate::token::Token;
use crate::CoreError;

/// One block of a token.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct BlockInfo {
    pub index: usize,
    /// The Datalog, as biscuit-auth prints it.
    pub source: String,
    /// Hex revocation id; block 0's is what Hook0 looks up on every request.
    pub revocation_id: String,
    /// Serialization schema version.
    pub version: u32,
}

/// The authority block's facts that Hook0 defines.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct AuthorityFacts {
    /// `service_access`, `user_access`, `refresh`, `master_access`, …
    pub token_type: Option<String>,
    pub version: Option<i64>,
    pub token_id: Option<Uuid>,
    pub organization_id: Option<Uuid>,
    pub created_at: Option<DateTime<Utc>>,
    pub user_id: Option<Uuid>,
    pub session_id: Option<Uuid>,
    pub email: Option<String>,
    /// `(organization, role)` memberships of a user token.
    pub organization_roles: Vec<(Uuid, String)>,
    /// The expiry the authority block itself sets (user and refresh tokens).
    pub expires_at: Option<DateTime<Utc>>,
}

/// A restriction this module does not recognise, kept as written.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CustomRule {
    pub block: usize,
    pub source: String,
}

/// What the attenuation blocks, taken together, restrict.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Restrictions {
    /// `None`: any application. `Some(ids)`: only these (possibly none,
    /// when two blocks name disjoint applications).
    pub applications: Option<Vec<Uuid>>,
    /// The earliest expiry of all blocks.
    pub expires_at: Option<DateTime<Utc>>,
    /// `None`: any action. `Some(names)`: only these, in catalogue order.
    pub actions: Option<Vec<String>>,
    /// Everything else, block by block.
    pub custom: Vec<CustomRule>,
}

impl Restrictions {
    /// Whether the allowlist leaves only read actions.
    pub fn is_read_only(&self) -> bool {
        self.actions.as_ref().is_some_and(|names| {
            names
                .iter()
                .all(|n| catalogue::action(n).is_ok_and(|a| a.access == Access::Read))
        })
    }

    /// Whether anything is restricted at all.
    pub fn is_empty(&self) -> bool {
        self.applications.is_none()
            && self.expires_at.is_none()
            && self.actions.is_none()
            && self.custom.is_empty()
    }
}

/// Everything inspection finds in a token.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Inspection {
    pub verified: bool,
    pub sealed: bool,
    pub size_bytes: usize,
    pub blocks: Vec<BlockInfo>,
    pub authority: AuthorityFacts,
    pub restrictions: Restrictions,
}

impl Inspection {
    /// Block 0's revocation id: the id Hook0 stores for the root token, and
    /// the same for every token derived from it.
    pub fn root_revocation_id(&self) -> Option<&str> {
        self.blocks.first().map(|b| b.revocation_id.as_str())
    }

    /// A one-line description, applications named through `app_name` when it
    /// knows them: "only application Billing · read-only · expires 2026-12-28 14:00 UTC".
    pub fn summary(&self, app_name: impl Fn(Uuid) -> Option<String>) -> String {
        let r = &self.restrictions;
        let mut parts = Vec::new();
        match r.applications.as_deref() {
            None => {}
            Some([]) => parts.push("no application at all".to_owned()),
            Some([one]) => parts.push(format!("only application {}", name_of(*one, &app_name))),
            Some(many) => {
                let names: Vec<String> = many.iter().map(|id| name_of(*id, &app_name)).collect();
                parts.push(format!("only applications {}", names.join(", ")));
            }
        }
        match r.actions.as_deref() {
            None => {}
            Some(_) if r.is_read_only() => parts.push("read-only".to_owned()),
            Some([one]) => parts.push(format!("only {one}")),
            Some(many) => parts.push(format!("{} actions allowed", many.len())),
        }
        if let Some(at) = r.expires_at.or(self.authority.expires_at) {
            parts.push(format!(
                "expires {} UTC",
                crate::date_text::minutes(at.naive_utc())
            ));
        }
        if !r.custom.is_empty() {
            let n = r.custom.len();
            parts.push(format!("{n} custom rule{}", if n == 1 { "" } else { "s" }));
        }
        if self.sealed {
            parts.push("sealed".to_owned());
        }
        if r.is_empty() && self.authority.token_type.as_deref() == Some("service_access") {
            parts.insert(0, "full access to its organization".to_owned());
        }
        if r.expires_at.is_none() && self.authority.expires_at.is_none() {
            parts.push("never expires".to_owned());
        }
        parts.join(" · ")
    }
}

fn name_of(id: Uuid, app_name: &impl Fn(Uuid) -> Option<String>) -> String {
    app_name(id).unwrap_or_else(|| id.to_string())
}

/// Inspects a token (verified or not).
pub fn inspect(token: &Token) -> Result<Inspection, CoreError> {
    let revocation_ids = token.revocation_ids();
    let mut blocks = Vec::with_capacity(token.block_count());
    for index in 0..token.block_count() {
        blocks.push(BlockInfo {
            index,
            source: token.block_source(index)?,
            revocation_id: revocation_ids
                .get(index)
                .map(hex::encode)
                .unwrap_or_default(),
            version: token.block_version(index)?,
        });
    }
    let authority = blocks
        .first()
        .map(|b| authority_facts(&b.source))
        .unwrap_or_default();
    let restrictions = restrictions(&blocks[1.min(blocks.len())..]);
    Ok(Inspection {
        verified: token.is_verified(),
        sealed: token.is_sealed(),
        size_bytes: token.size_bytes()?,
        blocks,
        authority,
        restrictions,
    })
}

fn authority_facts(source: &str) -> AuthorityFacts {
    let mut facts = AuthorityFacts::default();
    if !cost::parse_safe(source) {
        return facts;
    }
    let Ok(parsed) = parse_block_source(source) else {
        return facts;
    };
    for (_, fact) in &parsed.facts {
        let Predicate { name, terms } = &fact.predicate;
        match (name.as_str(), terms.as_slice()) {
            ("type", [Term::Str(s)]) => facts.token_type = Some(s.clone()),
            ("version", [Term::Integer(v)]) => facts.version = Some(*v),
            ("token_id", [Term::Bytes(b)]) => facts.token_id = uuid_from_bytes(b),
            ("organization_id", [Term::Bytes(b)]) => facts.organization_id = uuid_from_bytes(b),
            ("user_id", [Term::Bytes(b)]) => facts.user_id = uuid_from_bytes(b),
            ("session_id", [Term::Bytes(b)]) => facts.session_id = uuid_from_bytes(b),
            ("created_at", [Term::Date(d)]) => facts.created_at = date_from_secs(*d),
            ("email", [Term::Str(s)]) => facts.email = Some(s.clone()),
            ("organization_role", [Term::Bytes(b), Term::Str(role)]) => {
                if let Some(org) = uuid_from_bytes(b) {
                    facts.organization_roles.push((org, role.clone()));
                }
            }
            _ => {}
        }
    }
    for (_, check) in &parsed.checks {
        if let Some(Recognised::Expiry(at)) = recognise(check) {
            facts.expires_at = Some(at);
        }
    }
    facts
}

/// A check in one of the shapes attenuation writes.
enum Recognised {
    Applications(Vec<Uuid>),
    Expiry(DateTime<Utc>),
    Actions(Vec<String>),
}

/// The restrictions one block's Datalog would add, as if it were appended
/// (the advanced editor reads the allowlist back into the permission matrix
/// with this). `None` when the source does not parse.
pub fn restrictions_of_source(source: &str) -> Option<Restrictions> {
    cost::parse_safe(source).then_some(())?;
    parse_block_source(source).ok()?;
    Some(restrictions(&[BlockInfo {
        index: 1,
        source: source.to_owned(),
        revocation_id: String::new(),
        version: 0,
    }]))
}

fn restrictions(blocks: &[BlockInfo]) -> Restrictions {
    let mut r = Restrictions::default();
    for block in blocks {
        // Too deep to parse safely, or not parseable (biscuit-auth 6.0.0
        // prints strings unescaped): the whole block is kept as custom.
        let parsed = cost::parse_safe(&block.source)
            .then(|| parse_block_source(&block.source).ok())
            .flatten();
        let Some(parsed) = parsed else {
            r.custom.push(CustomRule {
                block: block.index,
                source: block.source.clone(),
            });
            continue;
        };
        for (text, check) in &parsed.checks {
            match recognise(check) {
                Some(Recognised::Applications(ids)) => {
                    r.applications = Some(match r.applications.take() {
                        None => ids,
                        Some(before) => before.into_iter().filter(|id| ids.contains(id)).collect(),
                    });
                }
                Some(Recognised::Expiry(at)) => {
                    r.expires_at = Some(r.expires_at.map_or(at, |before| before.min(at)));
                }
                Some(Recognised::Actions(names)) => {
                    let ordered: Vec<String> = catalogue::ACTIONS
                        .iter()
                        .filter(|a| names.iter().any(|n| n == a.name))
                        .filter(|a| {
                            r.actions
                                .as_ref()
                                .is_none_or(|before| before.iter().any(|n| n == a.name))
                        })
                        .map(|a| a.name.to_owned())
                        .collect();
                    r.actions = Some(ordered);
                }
                None => r.custom.push(CustomRule {
                    block: block.index,
                    source: text.trim().to_owned(),
                }),
            }
        }
        let others = parsed
            .facts
            .iter()
            .map(|(t, _)| *t)
            .chain(parsed.rules.iter().map(|(t, _)| *t));
        for text in others {
            r.custom.push(CustomRule {
                block: block.index,
                source: text.trim().to_owned(),
            });
        }
    }
    r
}

fn recognise(check: &Check) -> Option<Recognised> {
    let [Rule {
        body,
        expressions,
        scopes,
        ..
    }] = check.queries.as_slice()
    else {
        return None;
    };
    if check.kind != CheckKind::One || !scopes.is_empty() {
        return None;
    }
    let [Predicate { name, terms }] = body.as_slice() else {
        return None;
    };
    match (name.as_str(), terms.as_slice(), expressions.as_slice()) {
        ("application_id", [Term::Bytes(b)], []) => {
            Some(Recognised::Applications(vec![uuid_from_bytes(b)?]))
        }
        ("application_id", [Term::Variable(v)], [e]) => {
            let ids = contains_list(&e.ops, v)?
                .iter()
                .map(|t| match t {
                    Term::Bytes(b) => uuid_from_bytes(b),
                    _ => None,
                })
                .collect::<Option<Vec<Uuid>>>()?;
            Some(Recognised::Applications(ids))
        }
        ("action", [Term::Str(s)], []) => Some(Recognised::Actions(vec![s.clone()])),
        ("action", [Term::Variable(v)], [e]) => {
            let names = contains_list(&e.ops, v)?
                .iter()
                .map(|t| match t {
                    Term::Str(s) => Some(s.clone()),
                    _ => None,
                })
                .collect::<Option<Vec<String>>>()?;
            Some(Recognised::Actions(names))
        }
        ("time", [Term::Variable(v)], [e]) => match e.ops.as_slice() {
            [Op::Value(Term::Variable(x)), Op::Value(Term::Date(d)), Op::Binary(Binary::LessThan)]
                if x == v =>
            {
                Some(Recognised::Expiry(date_from_secs(*d)?))
            }
            _ => None,
        },
        _ => None,
    }
}

/// The items of `[…].contains($v)` (list or set), if that is the expression.
fn contains_list<'a>(ops: &'a [Op], var: &str) -> Option<Vec<&'a Term>> {
    match ops {
        [Op::Value(list), Op::Value(Term::Variable(x)), Op::Binary(Binary::Contains)]
            if x == var =>
        {
            match list {
                Term::Array(items) => Some(items.iter().collect()),
                Term::Set(items) => Some(items.iter().collect()),
                _ => None,
            }
        }
        _ => None,
    }
}
