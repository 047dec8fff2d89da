//! The backlog as a GitLab Code Quality report: a JSON array of Code Climate issues.

use serde_json::{json, Value};

use super::rules;
use crate::config::LevelConfig;
use crate::model::Backlog;

/// Renders `backlog` as a Code Quality report. The fingerprint is the item's id, unique per
/// item, so GitLab follows an item across runs as debtscan does.
pub fn render(backlog: &Backlog, levels: &LevelConfig) -> String {
    let issues: Vec<Value> = backlog
        .items
        .iter()
        .map(|i| {
            let rule = rules::rule(i.kind);
            let mut body = i
                .explanation
                .iter()
                .map(|e| format!("- {e}"))
                .collect::<Vec<_>>()
                .join("\n");
            body.push_str(&format!("\n\n{}", rule.help));
            let mut issue = json!({
                "type": "issue",
                "check_name": i.kind.as_str(),
                "description": format!("{} (score {:.1})", i.summary, i.score),
                "content": {"body": body},
                "categories": [rule.category],
                "fingerprint": i.id,
                "severity": rules::severity(i.score, levels),
                "location": {
                    "path": i.location.path,
                    "lines": {"begin": i.location.start_line.max(1), "end": i.location.end_line.max(1)}
                }
            });
            if !i.related.is_empty() {
                issue["other_locations"] = i
                    .related
                    .iter()
                    .map(|l| {
                        json!({"path": l.path, "lines": {"begin": l.start_line.max(1), "end": l.end_line.max(1)}})
                    })
                    .collect();
            }
            issue
        })
        .collect();
    crate::util::pretty_json(&issues)
}
