//! The backlog as JSON (schema_version 1): pretty-printed, deterministic, newline-terminated.

use crate::model::Backlog;

/// Renders the backlog as JSON.
pub fn render(backlog: &Backlog) -> String {
    let mut out = serde_json::to_string_pretty(backlog).expect("a backlog always serialises");
    out.push('\n');
    out
}
