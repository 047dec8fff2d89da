//! The backlog as SARIF 2.1.0, for GitHub code scanning and other SARIF viewers.
//!
//! One rule per kind; one result per item with its level from the score, the score as SARIF's
//! `rank`, the fingerprint under `partialFingerprints["debtscan/v1"]` (never a line-derived
//! hash, so an item keeps its alert when lines move), clusters and couplings as
//! `relatedLocations`, and `baselineState` when the run had a baseline.

use serde_json::{json, Value};

use super::rules::{self, RULES};
use crate::config::LevelConfig;
use crate::model::{Backlog, DebtItem, Location};

/// At most this many results: GitHub code scanning's limit per run.
pub const MAX_RESULTS: usize = 5_000;

/// The `partialFingerprints` key of debtscan's fingerprint.
pub const FINGERPRINT_KEY: &str = "debtscan/v1";

/// Renders `backlog` as a SARIF log.
pub fn render(backlog: &Backlog, levels: &LevelConfig) -> String {
    let shown = backlog.items.len().min(MAX_RESULTS);
    let mut notes: Vec<Value> = backlog
        .summary
        .warnings
        .iter()
        .map(|w| json!({"level": "warning", "message": {"text": w}}))
        .collect();
    if shown < backlog.items.len() {
        notes.push(json!({
            "level": "note",
            "message": {"text": format!(
                "{} of {} items left out: SARIF output keeps the {MAX_RESULTS} highest-ranked; \
                 the JSON report has them all",
                backlog.items.len() - shown,
                backlog.items.len()
            )}
        }));
    }
    let rules: Vec<Value> = RULES
        .iter()
        .map(|r| {
            json!({
                "id": r.kind.as_str(),
                "name": r.name,
                "shortDescription": {"text": r.short},
                "fullDescription": {"text": r.full},
                "help": {"text": r.help, "markdown": r.help},
                "defaultConfiguration": {"level": "warning"},
                "properties": {"tags": ["tech-debt", r.category.to_lowercase()]}
            })
        })
        .collect();
    let results: Vec<Value> = backlog.items[..shown]
        .iter()
        .map(|i| result(i, levels))
        .collect();
    let mut run = json!({
        "tool": {"driver": {
            "name": backlog.tool.name,
            "version": backlog.tool.version,
            "semanticVersion": backlog.tool.version,
            "rules": rules
        }},
        "invocations": [{
            "executionSuccessful": true,
            "toolExecutionNotifications": notes
        }],
        "columnKind": "unicodeCodePoints",
        "properties": {
            "items": backlog.summary.items,
            "by_kind": backlog.summary.by_kind,
            "head": backlog.repository.head,
            "branch": backlog.repository.branch
        }
    });
    // Moved in, not through `json!`, which would copy every result (twice: 60 ms of a SARIF
    // report of cargo's 551 items, more than the rest of a run whose backlog was cached).
    run["results"] = Value::Array(results);
    let mut log = json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
    });
    log["runs"] = Value::Array(vec![run]);
    crate::util::pretty_json(&log)
}

fn result(item: &DebtItem, levels: &LevelConfig) -> Value {
    let mut message = item.summary.clone();
    if let Some(first) = item.explanation.first() {
        message.push_str(&format!(" ({first})"));
    }
    let mut location = json!({"physicalLocation": physical(&item.location)});
    if let Some(symbol) = &item.location.symbol {
        location["logicalLocations"] = json!([{"fullyQualifiedName": symbol}]);
    }
    let mut result = json!({
        "ruleId": item.kind.as_str(),
        "ruleIndex": rules::index(item.kind),
        "level": rules::sarif_level(item.score, levels),
        "rank": item.score,
        "message": {"text": message},
        "locations": [location],
        "partialFingerprints": {FINGERPRINT_KEY: item.id},
        "properties": {
            "id": item.id,
            "score": item.score,
            "rank": item.rank,
            "explanation": item.explanation,
            "signals": item.signals
        }
    });
    if !item.related.is_empty() {
        result["relatedLocations"] = item
            .related
            .iter()
            .enumerate()
            .map(|(k, l)| {
                json!({
                    "id": k + 1,
                    "physicalLocation": physical(l),
                    "message": {"text": format!("also part of: {}", item.summary)}
                })
            })
            .collect();
    }
    if let Some(state) = item.baseline_state {
        result["baselineState"] = json!(state.as_str());
    }
    result
}

fn physical(l: &Location) -> Value {
    json!({
        "artifactLocation": {"uri": uri(&l.path)},
        "region": {"startLine": l.start_line.max(1), "endLine": l.end_line.max(l.start_line).max(1)}
    })
}

/// A relative URI reference for a repository path: each segment percent-encoded.
fn uri(path: &str) -> String {
    use percent_encoding::{utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};
    // RFC 3986 unreserved characters stay as they are.
    const SEGMENT: &AsciiSet = &NON_ALPHANUMERIC
        .remove(b'-')
        .remove(b'.')
        .remove(b'_')
        .remove(b'~');
    path.split('/')
        .map(|s| utf8_percent_encode(s, SEGMENT).to_string())
        .collect::<Vec<_>>()
        .join("/")
}

#[cfg(test)]
mod tests {
    #[test]
    fn uris_encode_what_is_not_unreserved() {
        assert_eq!(super::uri("src/a b/ü#.rs"), "src/a%20b/%C3%BC%23.rs");
    }
}
