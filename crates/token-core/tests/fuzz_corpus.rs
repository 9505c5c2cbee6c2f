//! The short version of the fuzzing (issue 7): every file of the seed
//! corpus, `fuzz/corpus/<target>/`, replayed through the very bodies the
//! cargo-fuzz targets run (`fuzz/src/targets.rs`, included below). A crash
//! the fuzzer finds is saved there and stays a regression test.
//!
//! The seeds themselves are written by the ignored test at the end:
//! `cargo test -p token-core --test fuzz_corpus -- --ignored`.

#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "../../../fuzz/src/targets.rs"]
mod targets;

use std::path::{Path, PathBuf};

use chrono::Duration;
use token_core::attenuation::{attenuate, AttenuationRequest};
use token_core::biscuit_auth::Biscuit;
use token_core::mint::{self, UserAccessClaims};
use token_core::token::Token;
use uuid::Uuid;

fn corpus_dir(target: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../fuzz/corpus")
        .join(target)
}

/// Runs `body` on every file of the target's corpus; a panic names the file.
fn replay(target: &str, body: fn(&[u8])) {
    let dir = corpus_dir(target);
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    assert!(
        files.len() >= 5,
        "{target}: a seed corpus, not {} files",
        files.len()
    );
    for file in files {
        let data = std::fs::read(&file).unwrap();
        if std::panic::catch_unwind(|| body(&data)).is_err() {
            panic!("{target}: {} fails", file.display());
        }
    }
}

#[test]
fn token_parse_corpus() {
    replay("token_parse", targets::token_parse);
}

#[test]
fn attenuation_corpus() {
    replay("attenuation", targets::attenuation);
}

#[test]
fn datalog_validate_corpus() {
    replay("datalog_validate", targets::datalog_validate);
}

#[test]
fn authorizer_corpus() {
    replay("authorizer", targets::authorizer);
}

/// The base64 alphabet the targets use matches biscuit-auth's own.
#[test]
fn the_targets_base64_is_biscuits() {
    let w = targets::world();
    let biscuit = Biscuit::from_base64(&w.root, w.public).unwrap();
    assert_eq!(targets::base64_url(&biscuit.to_vec().unwrap()), w.root);
}

/// Datalog seeds: the blocks the dashboards write, and things people paste.
const DATALOG: &[&str] = &[
    "check if application_id(hex:0123456789abcdef0123456789abcdef);",
    "check if time($t), $t < 2030-01-01T00:00:00Z;",
    "check if action($a), [\"event:list\", \"event:get\"].contains($a);",
    "check if application_id($app), [hex:00000000000000000000000000000002, hex:00000000000000000000000000000003].contains($app);",
    "allowed($a) <- action($a), $a.starts_with(\"event:\");\ncheck if allowed($a);",
    "check all action($a), $a != \"service_token:delete\";",
    "reject if action(\"event:ingest\");",
    "check if time($t), $t > 2020-01-01T00:00:00Z, $t < 2031-12-31T23:59:59Z;",
    "check if labels($l), $l.get(\"tenant\") == \"acme\";",
    "check if action($a) trusting authority;",
    "n(1); n(2); n(3);\npair($a, $b) <- n($a), n($b);\ncheck if pair(1, 3);",
    "check if action($a), $a.length() > 3 && $a.contains(\"list\") || false;",
    "check if application_id(hex:0123);",
    "check if action($a) $a == 1",
    "check if unbound($x) <- foo($y);",
    "// a comment only\n",
    "check if action(\"événement\"); // ünïcödé\n",
    "",
];

/// Writes the seed corpus (run once, by hand; the files are committed).
#[test]
#[ignore = "writes fuzz/corpus: run by hand"]
fn write_seed_corpus() {
    let w = targets::world();
    let write = |target: &str, name: &str, data: &[u8]| {
        let dir = corpus_dir(target);
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join(format!("seed-{name}")), data).unwrap();
    };
    let root = Token::parse(&w.root, Some(&w.public)).unwrap();
    let derive = |request: AttenuationRequest| attenuate(&root, &request, w.now).unwrap().token;
    let user = mint::user_access_token(
        &w.key,
        &UserAccessClaims {
            token_id: Uuid::from_u128(4),
            session_id: Uuid::from_u128(5),
            user_id: Uuid::from_u128(6),
            email: "ada@example.com".to_owned(),
            first_name: "Ada".to_owned(),
            last_name: "Lovelace".to_owned(),
            roles: vec![(w.org, "editor".to_owned())],
            created_at: w.now,
        },
    )
    .unwrap()
    .to_base64()
    .unwrap();
    let tokens = [
        ("root", w.root.clone()),
        ("user", user),
        (
            "read-only",
            derive(AttenuationRequest {
                actions: Some(vec!["event:list".to_owned(), "application:get".to_owned()]),
                ..AttenuationRequest::default()
            }),
        ),
        (
            "app-expiry-sealed",
            derive(AttenuationRequest {
                applications: vec![w.apps[0]],
                expires_at: Some(w.now + Duration::days(30)),
                seal: true,
                ..AttenuationRequest::default()
            }),
        ),
    ];
    for (name, token) in &tokens {
        write("token_parse", &format!("{name}.txt"), token.as_bytes());
        let raw = Biscuit::from_base64(token, w.public)
            .unwrap()
            .to_vec()
            .unwrap();
        write(
            "token_parse",
            &format!("{name}.bin"),
            &[&[0u8][..], &raw].concat(),
        );
    }
    write(
        "token_parse",
        "padded.txt",
        format!("\n  {}  \n", w.root).as_bytes(),
    );
    write(
        "token_parse",
        "truncated.txt",
        &w.root.as_bytes()[..w.root.len() / 2],
    );
    write("token_parse", "garbage.txt", b"not a token at all!");

    for (i, source) in DATALOG.iter().enumerate() {
        write("datalog_validate", &format!("{i:02}.dl"), source.as_bytes());
        write(
            "authorizer",
            &format!("{i:02}.dl"),
            &[&[(i * 37) as u8][..], source.as_bytes()].concat(),
        );
    }
    for (name, flags, selector, datalog) in [
        ("allowlist", 0x10u8, 0xffu8, ""),
        ("apps-expiry", 0x84, 100, ""),
        (
            "sealed",
            0x01,
            0,
            "check if time($t), $t < 2030-01-01T00:00:00Z;",
        ),
        ("unknown-action", 0x30, 0x0f, "event:nope"),
        ("past-expiry", 0x80, 1, ""),
        (
            "unverified-root",
            0x42,
            0,
            "check if action(\"event:list\");",
        ),
        ("bad-datalog", 0x00, 0, "check if action($a"),
        ("rules", 0x00, 0, DATALOG[4]),
    ] {
        write(
            "attenuation",
            name,
            &[&[flags, selector][..], datalog.as_bytes()].concat(),
        );
    }
}
