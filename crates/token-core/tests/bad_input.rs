//! Bad input never panics and always gets a typed error a person can read.

mod common;

use biscuit_auth::KeyPair;
use common::World;
use token_core::attenuation::{attenuate, AttenuationRequest};
use token_core::catalogue::action;
use token_core::datalog::{validate, LintContext};
use token_core::inspect::inspect;
use token_core::token::{parse_public_key, Token};
use token_core::CoreError;

#[test]
fn public_keys_must_be_64_hex_characters() {
    let w = World::new();
    let hex = hex::encode(w.key.public().to_bytes());
    assert!(parse_public_key(&hex).is_ok());
    assert!(parse_public_key(&format!("  {hex}\n")).is_ok());
    assert!(parse_public_key(&format!("ed25519/{hex}")).is_ok());
    for bad in ["", "zz", &hex[..63], &format!("{hex}00"), &"g".repeat(64)] {
        assert_eq!(
            parse_public_key(bad).unwrap_err(),
            CoreError::InvalidPublicKey,
            "{bad:?}"
        );
    }
}

#[test]
fn malformed_tokens_are_refused_with_a_reason() {
    let w = World::new();
    let good = w.root.to_base64().unwrap();
    let cases = [
        String::new(),
        "   ".to_owned(),
        "not base64 at all!".to_owned(),
        "AAAA".to_owned(),
        good[..good.len() / 2].to_owned(),
        format!("{good}AAAA"),
    ];
    for case in &cases {
        for key in [None, Some(w.key.public())] {
            match Token::parse(case, key.as_ref()) {
                Err(CoreError::MalformedToken(reason)) => assert!(!reason.is_empty()),
                Err(CoreError::WrongKey) if key.is_some() => {}
                other => panic!("{case:?} with key {}: {other:?}", key.is_some()),
            }
        }
    }
    // White space around a pasted token is forgiven.
    assert!(Token::parse(&format!("\n {good} \n"), Some(&w.key.public())).is_ok());
}

#[test]
fn a_token_of_another_key_is_wrong_key_not_malformed() {
    let w = World::new();
    let other = KeyPair::new();
    let err = Token::parse(&w.root.to_base64().unwrap(), Some(&other.public())).unwrap_err();
    assert_eq!(err, CoreError::WrongKey);
    assert_eq!(
        err.to_string(),
        "This token was not signed by this Hook0 instance's key"
    );
}

#[test]
fn huge_or_garbage_datalog_gets_errors_not_panics() {
    let w = World::new();
    let ctx = LintContext::new(w.now);
    let megabyte = "check if action(\"event:list\");\n".repeat(32 * 1024);
    assert!(megabyte.len() >= 1_000_000);
    // A megabyte of checks parses, and is refused for what it would cost
    // on every request: an error, not a hang or a panic.
    let report = validate(&megabyte, &ctx);
    assert!(report.errors[0].message.contains("combinations of facts"));
    let garbage: String = (0..20_000u32)
        .map(|i| char::from_u32(33 + (i * 7919) % 90).unwrap_or('x'))
        .collect();
    assert!(!validate(&garbage, &ctx).is_ok());
    for weird in [
        "\0",
        "\u{feff}check if true",
        "/* unterminated",
        "check if true; //",
        ";;;",
        "(((((",
        "\"",
        "hex:",
    ] {
        let _ = validate(weird, &ctx); // must return, whatever it says
        let request = AttenuationRequest {
            datalog: weird.to_owned(),
            ..Default::default()
        };
        let _ = attenuate(&w.root_token(), &request, w.now);
    }
}

#[test]
fn unknown_actions_are_errors() {
    assert!(action("event:destroy").is_err());
    assert!(action("").is_err());
    assert!(action("EVENT:INGEST").is_err());
}

#[test]
fn inspecting_any_decodable_token_works() {
    let w = World::new();
    let report = inspect(&Token::parse(&w.root.to_base64().unwrap(), None).unwrap()).unwrap();
    assert!(!report.verified);
    assert_eq!(report.blocks.len(), 1);
}

#[test]
fn deep_nesting_is_refused_before_the_parser_can_overflow() {
    let w = World::new();
    let ctx = LintContext::new(w.now);
    for deep in [
        format!("check if {}true{}", "(".repeat(20_000), ")".repeat(20_000)),
        format!("check if {}true", "!".repeat(20_000)),
        format!(
            "check if {}1{}.contains(1)",
            "[".repeat(20_000),
            "]".repeat(20_000)
        ),
    ] {
        let report = validate(&deep, &ctx);
        assert!(
            report.errors[0].message.contains("nested more than 64"),
            "{:?}",
            report.errors
        );
        let request = AttenuationRequest {
            datalog: deep,
            ..Default::default()
        };
        assert!(matches!(
            attenuate(&w.root_token(), &request, w.now),
            Err(CoreError::InvalidDatalog(_))
        ));
    }
}

#[test]
fn datalog_too_costly_to_authorize_is_refused_by_the_editor_and_the_policy() {
    let w = World::new();
    let facts: String = (0..60).map(|i| format!("n({i});")).collect();
    let runaway = format!("{facts}\ncheck if n($a), n($b), n($c), n($d), $a + $b + $c + $d == -1;");
    let report = validate(&runaway, &LintContext::new(w.now));
    assert!(
        report.errors[0].message.contains("combinations of facts"),
        "{:?}",
        report.errors
    );

    // Built without the editor (anyone can append a block with biscuit
    // itself), the policy refuses it before running it.
    let block = biscuit_auth::BlockBuilder::new().code(&runaway).unwrap();
    let token = w.root.append(block).unwrap();
    let started = std::time::Instant::now();
    let denial = w.decide(&token, "application:list", None).unwrap_err();
    assert_eq!(denial, token_core::policy::Denial::TooComplex);
    assert!(started.elapsed() < std::time::Duration::from_secs(1));
}
