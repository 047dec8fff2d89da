//! Checks that `common::schema` validates against the vendored official SARIF
//! 2.1.0 schema: a minimal valid log passes and broken logs are rejected.

mod common;

use common::schema::{assert_valid, validate, SARIF_2_1_0};
use serde_json::{json, Value};

/// A small but complete SARIF 2.1.0 log, shaped like the output of a code scanner.
fn minimal_log() -> Value {
    json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {
                "driver": {
                    "name": "debtscan",
                    "informationUri": "https://example.invalid/debtscan",
                    "rules": [{
                        "id": "DS001",
                        "name": "Hotspot",
                        "shortDescription": { "text": "Complex code that changes often." }
                    }]
                }
            },
            "results": [{
                "ruleId": "DS001",
                "ruleIndex": 0,
                "level": "warning",
                "message": { "text": "parse_args is complex and changed 12 times." },
                "locations": [{
                    "physicalLocation": {
                        "artifactLocation": { "uri": "src/main.rs" },
                        "region": { "startLine": 42 }
                    }
                }],
                "partialFingerprints": { "debtscan/v1": "0123456789abcdef" }
            }]
        }]
    })
}

fn first_result(log: &mut Value) -> &mut serde_json::Map<String, Value> {
    log["runs"][0]["results"][0]
        .as_object_mut()
        .expect("result object")
}

#[test]
fn vendored_schema_is_the_official_one() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(SARIF_2_1_0);
    let schema: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    assert_eq!(
        schema["id"],
        "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
    );
    assert_eq!(schema["properties"]["version"]["enum"], json!(["2.1.0"]));
}

#[test]
fn minimal_log_is_valid() {
    let log = minimal_log();
    assert_eq!(validate(SARIF_2_1_0, &log), Ok(()));
    assert_valid(SARIF_2_1_0, &log);
}

#[test]
fn unknown_level_is_rejected() {
    let mut log = minimal_log();
    first_result(&mut log).insert("level".into(), json!("severe"));
    let errors = validate(SARIF_2_1_0, &log).expect_err("level \"severe\" must be rejected");
    assert!(
        errors
            .iter()
            .any(|e| e.starts_with("/runs/0/results/0/level:") && e.contains("severe")),
        "{errors:#?}"
    );
}

#[test]
fn result_without_message_is_rejected() {
    let mut log = minimal_log();
    first_result(&mut log).remove("message");
    let errors = validate(SARIF_2_1_0, &log).expect_err("a result needs a message");
    assert!(
        errors
            .iter()
            .any(|e| e.starts_with("/runs/0/results/0:") && e.contains("message")),
        "{errors:#?}"
    );
}

#[test]
fn wrong_version_and_extra_property_are_both_reported() {
    let mut log = minimal_log();
    log["version"] = json!("2.0.0");
    log["unexpected"] = json!(true);
    let errors = validate(SARIF_2_1_0, &log).expect_err("must be rejected");
    assert!(
        errors.iter().any(|e| e.starts_with("/version:")),
        "{errors:#?}"
    );
    assert!(
        errors
            .iter()
            .any(|e| e.starts_with("/:") && e.contains("unexpected")),
        "{errors:#?}"
    );
}

#[test]
fn assert_valid_panics_with_the_errors() {
    let mut log = minimal_log();
    first_result(&mut log).insert("level".into(), json!("severe"));
    let panic = std::panic::catch_unwind(|| assert_valid(SARIF_2_1_0, &log))
        .expect_err("assert_valid must panic on an invalid log");
    let message = panic
        .downcast_ref::<String>()
        .expect("panic message is a String");
    assert!(message.contains(SARIF_2_1_0), "{message}");
    assert!(message.contains("/runs/0/results/0/level"), "{message}");
}
