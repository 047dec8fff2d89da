//! JSON Schema validation for integration tests.
//!
//! Schemas are vendored under `tests/schemas/` (see the README there) and are
//! resolved entirely offline: the `jsonschema` dev-dependency is built without
//! its HTTP/file resolvers, so a schema with a non-local `$ref` fails to compile
//! instead of reaching the network.
//!
//! The draft is taken from the schema's `$schema` keyword (the official SARIF
//! 2.1.0 schema declares draft-04); schemas without `$schema` are treated as
//! draft-07. `format` is never asserted.
#![allow(dead_code)]

use std::path::Path;

use jsonschema::{Draft, Validator};
use serde_json::Value;

/// Path of the vendored SARIF 2.1.0 schema, relative to `CARGO_MANIFEST_DIR`.
pub const SARIF_2_1_0: &str = "tests/schemas/sarif-schema-2.1.0.json";

/// At most this many errors are reported by [`validate`].
pub const MAX_ERRORS: usize = 20;

/// Loads and compiles the schema at `schema_path` (relative to
/// `CARGO_MANIFEST_DIR`). Panics if the file is missing, is not JSON, or is not
/// a valid schema.
pub fn compile(schema_path: &str) -> Validator {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(schema_path);
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("cannot read schema {}: {e}", path.display()));
    let schema: Value = serde_json::from_str(&text)
        .unwrap_or_else(|e| panic!("schema {} is not JSON: {e}", path.display()));
    let mut options = jsonschema::options().should_validate_formats(false);
    if schema.get("$schema").is_none() {
        options = options.with_draft(Draft::Draft7);
    }
    options
        .build(&schema)
        .unwrap_or_else(|e| panic!("schema {} does not compile: {e}", path.display()))
}

/// Validates `instance` against the schema at `schema_path`.
///
/// On failure returns one line per error, `<instance path>: <message>`, where
/// the instance path is a JSON Pointer (`/` for the root). At most
/// [`MAX_ERRORS`] errors are listed; a final line says how many were left out.
pub fn validate(schema_path: &str, instance: &Value) -> Result<(), Vec<String>> {
    let validator = compile(schema_path);
    let mut errors = Vec::new();
    let mut total = 0usize;
    for error in validator.iter_errors(instance) {
        total += 1;
        if errors.len() < MAX_ERRORS {
            let pointer = error.instance_path().as_str();
            let pointer = if pointer.is_empty() { "/" } else { pointer };
            errors.push(format!("{pointer}: {error}"));
        }
    }
    if total == 0 {
        return Ok(());
    }
    if total > errors.len() {
        errors.push(format!("... and {} more", total - errors.len()));
    }
    Err(errors)
}

/// Panics, listing the validation errors, unless `instance` is valid against the
/// schema at `schema_path` (relative to `CARGO_MANIFEST_DIR`).
///
/// ```ignore
/// let sarif: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
/// common::schema::assert_valid(common::schema::SARIF_2_1_0, &sarif);
/// ```
#[track_caller]
pub fn assert_valid(schema_path: &str, instance: &Value) {
    if let Err(errors) = validate(schema_path, instance) {
        panic!(
            "instance does not match schema {schema_path}:\n  {}",
            errors.join("\n  ")
        );
    }
}
