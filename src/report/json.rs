//! The backlog as JSON (schema_version 1): pretty-printed, deterministic, newline-terminated.

use crate::model::Backlog;

/// Renders the backlog as JSON.
pub fn render(backlog: &Backlog) -> String {
    crate::util::pretty_json(backlog)
}
