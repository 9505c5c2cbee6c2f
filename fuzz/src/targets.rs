//! The bodies of the token core's fuzz targets. Each takes arbitrary bytes,
//! drives the entry points the dashboard and the server call with input
//! they do not control, and panics only when an invariant breaks (or when
//! the core itself panics, which is the bug being hunted).
//!
//! Shared by the cargo-fuzz targets (`fuzz/fuzz_targets/*.rs`) and by the
//! corpus replay in the normal test run
//! (`crates/token-core/tests/fuzz_corpus.rs`), so a crash found by the
//! fuzzer and saved into `fuzz/corpus/<target>/` stays a regression test.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::sync::OnceLock;

use chrono::{DateTime, Duration, TimeZone, Utc};
use token_core::attenuation::{attenuate, block_source, AttenuationRequest};
use token_core::biscuit_auth::{Algorithm, BlockBuilder, KeyPair, PrivateKey, PublicKey};
use token_core::catalogue::ACTIONS;
use token_core::datalog::{parse_errors, validate, LintContext};
use token_core::grid::grid;
use token_core::inspect::{inspect, restrictions_of_source};
use token_core::mint::{self, ServiceTokenClaims};
use token_core::policy::{authorize, AuthorizationRequest};
use token_core::token::Token;
use uuid::Uuid;

/// A fixed instance: the key is constant so that tokens saved in the corpus
/// verify on every run.
pub struct World {
    pub key: KeyPair,
    pub public: PublicKey,
    pub org: Uuid,
    pub apps: [Uuid; 2],
    pub now: DateTime<Utc>,
    /// A root service token of `org`, base64.
    pub root: String,
}

// biscuit's own Datalog parser recurses on nesting: text nested a few
// thousand deep (`((((…` or `!!!!…`) overflows the stack (SIGSEGV; found
// by the authorizer target). The core now refuses such text before
// parsing it (`token_core::cost`), which the validation and attenuation
// targets exercise; the authorizer target calls biscuit's parser directly
// and skips such input with the core's own rule.
use token_core::cost::{nesting, MAX_NESTING};

/// The one [`World`].
pub fn world() -> &'static World {
    static WORLD: OnceLock<World> = OnceLock::new();
    WORLD.get_or_init(|| {
        let private = PrivateKey::from_bytes(&[7; 32], Algorithm::Ed25519).expect("a fixed key");
        let key = KeyPair::from(&private);
        let org = Uuid::from_u128(0x0123_4567_89ab_cdef_0123_4567_89ab_cdef);
        let now = Utc.with_ymd_and_hms(2026, 11, 28, 12, 0, 0).unwrap();
        let root = mint::service_token(
            &key,
            &ServiceTokenClaims {
                token_id: Uuid::from_u128(1),
                organization_id: org,
                created_at: now,
            },
        )
        .unwrap()
        .to_base64()
        .unwrap();
        World {
            public: key.public(),
            key,
            org,
            apps: [Uuid::from_u128(2), Uuid::from_u128(3)],
            now,
            root,
        }
    })
}

/// URL-safe base64 with padding, as biscuit-auth writes tokens.
pub fn base64_url(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            *chunk.get(1).unwrap_or(&0),
            *chunk.get(2).unwrap_or(&0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(char::from(ALPHABET[((n >> (18 - 6 * i)) & 63) as usize]));
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// Token parsing and inspection. A first byte of 0 means "the rest is a
/// raw biscuit" (base64-encoded here, so the fuzzer mutates the protobuf
/// itself); anything else is read as pasted text.
pub fn token_parse(data: &[u8]) {
    let w = world();
    let text = match data.split_first() {
        Some((0, raw)) => base64_url(raw),
        _ => String::from_utf8_lossy(data).into_owned(),
    };
    for key in [None, Some(&w.public)] {
        let Ok(token) = Token::parse(&text, key) else {
            continue;
        };
        assert_eq!(token.is_verified(), key.is_some());
        if let Ok(inspection) = inspect(&token) {
            let _ = inspection.summary(|_| None);
            let _ = inspection.root_revocation_id();
        }
        for index in 0..token.block_count() {
            let _ = token.block_source(index);
            let _ = token.block_version(index);
        }
        assert_eq!(token.revocation_ids().len(), token.block_count());
        let _ = token.size_bytes();
        let _ = token.is_sealed();
        // What was read can be written and read back.
        let written = token.to_base64().expect("a token read can be written");
        let again = Token::parse(&written, key).expect("a written token reads back");
        assert_eq!(again.block_count(), token.block_count());
        // The dashboard's permission grid: every action × application.
        if let Some(biscuit) = token.verified() {
            let _ = grid(biscuit, w.org, &w.apps, w.now);
        }
    }
}

/// Attenuation requests with arbitrary Datalog. Byte 0: flags (seal,
/// expiry, application count, allowlist, an unknown action, unverified
/// root); byte 1: which actions, and the expiry in days from now (maybe in
/// the past); the rest: the Datalog.
pub fn attenuation(data: &[u8]) {
    let w = world();
    let [flags, selector, rest @ ..] = data else {
        return;
    };
    let datalog = String::from_utf8_lossy(rest).into_owned();
    let actions = (flags & 0b1_0000 != 0).then(|| {
        let mut names: Vec<String> = ACTIONS
            .iter()
            .enumerate()
            .filter(|(i, _)| (selector >> (i % 8)) & 1 == 1)
            .map(|(_, a)| a.name.to_owned())
            .collect();
        if flags & 0b10_0000 != 0 {
            names.push(datalog.lines().next().unwrap_or_default().to_owned());
        }
        names
    });
    let request = AttenuationRequest {
        applications: w
            .apps
            .iter()
            .chain(&[Uuid::nil()])
            .take(usize::from((flags >> 1) & 3))
            .copied()
            .collect(),
        expires_at: (flags & 0b1000_0000 != 0)
            .then(|| w.now + Duration::days(i64::from(*selector) - 64)),
        actions,
        datalog,
        seal: flags & 1 != 0,
    };
    let verified_root = flags & 0b100_0000 == 0;
    let root = Token::parse(&w.root, verified_root.then_some(&w.public)).unwrap();
    let Ok(out) = attenuate(&root, &request, w.now) else {
        assert!(
            block_source(&request, w.now).is_err() || !request.datalog.trim().is_empty(),
            "a request whose block is fine but that cannot be appended"
        );
        return;
    };
    assert_eq!(
        block_source(&request, w.now).as_ref(),
        Ok(&out.block_source)
    );
    assert_eq!(out.sealed, request.seal);
    // The new token verifies with the instance key, has one more block,
    // and that block reads back as Datalog biscuit-auth parses again (the
    // server's cost screen relies on that).
    let token = Token::parse(&out.token, Some(&w.public)).expect("an attenuated token verifies");
    assert_eq!(token.block_count(), 2);
    assert_eq!(token.is_sealed(), request.seal);
    let printed = token.block_source(1).unwrap();
    // Known exception (found by this target): biscuit-auth 6.0.0 prints a
    // string without escaping it, so a string holding a quote or a
    // backslash (written `\"` or `\\` in the source) does not read back.
    // The server refuses such tokens (it cannot screen what it cannot read).
    assert!(
        BlockBuilder::new().code(&printed).is_ok() || request.datalog.contains('\\'),
        "the appended block's printed source does not parse: {printed}"
    );
    let inspection = inspect(&token).unwrap();
    let _ = inspection.summary(|_| None);
}

/// Datalog validation of arbitrary text, with the lints' contexts.
pub fn datalog_validate(data: &[u8]) {
    let w = world();
    let text = String::from_utf8_lossy(data);
    let mut ctx = LintContext::new(w.now);
    ctx.restricted_to_applications = data.len() % 2 == 1;
    if data.len().is_multiple_of(3) {
        ctx.allowlist = Some(vec!["event:list".to_owned(), "event:ingest".to_owned()]);
    }
    let report = validate(&text, &ctx);
    let errors = parse_errors(&text);
    assert_eq!(report.is_ok(), errors.is_empty());
    for issue in report.errors.iter().chain(&report.warnings) {
        assert!(issue.line >= 1 && issue.column >= 1, "{issue:?}");
        // Inside the text, or (an error at the very end: "something is
        // missing") a one-character caret just after it.
        assert!(
            issue.offset + issue.len <= text.len()
                || (issue.offset == text.len() && issue.len <= 1),
            "{issue:?} in {} bytes",
            text.len()
        );
        assert!(text.is_char_boundary(issue.offset), "{issue:?}");
        assert!(!issue.message.is_empty());
    }
    let _ = restrictions_of_source(&text);
}

/// The Hook0 authorizer with arbitrary Datalog appended to a real root
/// token: byte 0 picks the action and whether the request names the
/// token's organization and an application.
pub fn authorizer(data: &[u8]) {
    let w = world();
    let Some((&selector, rest)) = data.split_first() else {
        return;
    };
    let source = String::from_utf8_lossy(rest);
    if nesting(&source) > MAX_NESTING {
        return;
    }
    let Ok(block) = BlockBuilder::new().code(source.as_ref()) else {
        return;
    };
    let root = Token::parse(&w.root, Some(&w.public)).unwrap();
    let Ok(token) = root.append(block) else {
        return;
    };
    let biscuit = token.verified().unwrap();
    let action = &ACTIONS[usize::from(selector) % ACTIONS.len()];
    let org = if selector & 0x40 == 0 {
        w.org
    } else {
        Uuid::nil()
    };
    let mut request = AuthorizationRequest::new(action, Some(org), w.now);
    if selector & 0x80 != 0 {
        request = request.on_application(w.apps[0]);
    }
    let _ = authorize(biscuit, &request);
}
