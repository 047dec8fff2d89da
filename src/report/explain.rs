//! The full breakdown of one item, for `debtscan explain`.

use std::fmt::Write;

use super::rules;
use crate::model::{Backlog, DebtItem};

/// The item for people: what it is, where, every step of its score and what to do.
pub fn text(item: &DebtItem, backlog: &Backlog) -> String {
    let mut out = String::new();
    let rule = rules::rule(item.kind);
    let _ = writeln!(out, "{}\n", item.summary);
    let mut row = |k: &str, v: String| {
        let _ = writeln!(out, "  {k:<10}{v}");
    };
    row("id", format!("{} (weak id {})", item.id, item.weak_id));
    row("kind", format!("{}: {}", item.kind.as_str(), rule.short));
    row(
        "rank",
        format!("{} of {}", item.rank, backlog.summary.items.max(item.rank)),
    );
    row(
        "score",
        format!(
            "{:.1} = 100 × severity {:.3} × interest {:.3}",
            item.score, item.signals.severity, item.signals.interest
        ),
    );
    let l = &item.location;
    let mut at = format!("{}:{}", l.path, l.start_line);
    if l.end_line > l.start_line {
        let _ = write!(at, "-{}", l.end_line);
    }
    if let Some(s) = &l.symbol {
        let _ = write!(at, " in {s}");
    }
    row("location", at);
    for r in &item.related {
        row("also at", format!("{}:{}", r.path, r.start_line));
    }
    if let Some(m) = &item.marker {
        let mut parts = vec![format!("tag {}", m.tag)];
        if let Some(o) = &m.owner {
            parts.push(format!("owner {o}"));
        }
        if let Some(i) = &m.issue {
            parts.push(format!("issue {i}"));
        }
        if let Some(d) = &m.due {
            parts.push(format!("due {d}"));
        }
        if let Some(intro) = &m.introduced {
            parts.push(format!(
                "written in {} by {} on {}",
                intro.commit.get(..12).unwrap_or(&intro.commit),
                intro.author,
                intro.date.get(..10).unwrap_or(&intro.date)
            ));
        }
        row("marker", parts.join(" · "));
    }
    if let Some(c) = &item.coverage {
        row(
            "coverage",
            format!(
                "{} of {} instrumented lines run by tests",
                c.covered, c.instrumented
            ),
        );
    }
    if let Some(state) = item.baseline_state {
        row("baseline", state.as_str().to_string());
    }
    out.push_str("\nWhy it ranks here\n");
    for e in &item.explanation {
        let _ = writeln!(out, "  - {e}");
    }
    let s = &backlog.scoring;
    let _ = writeln!(
        out,
        "\nThe model ([score] in debtscan.toml)\n  score = 100 × severity × interest\n  \
         interest = {:.2} + {:.2} × weighted mean of change ({:.2}), churn ({:.2}), centrality \
         ({:.2}), knowledge ({:.2}) over the factors this run measured\n  an author is inactive \
         after {} days without a commit",
        s.interest_floor,
        1.0 - s.interest_floor,
        s.change_weight,
        s.churn_weight,
        s.centrality_weight,
        s.knowledge_weight,
        s.inactive_days
    );
    if backlog.summary.coverage.is_some() {
        let _ = writeln!(
            out,
            "  with test coverage, a complex or hot item's severity becomes severity + (1 − \
             severity) × coverage_weight ({:.2}) × its untested share",
            s.coverage_weight
        );
    }
    out.push_str("\nSignals\n");
    if let Ok(serde_json::Value::Object(map)) = serde_json::to_value(&item.signals) {
        for (k, v) in map {
            let _ = writeln!(out, "  {k:<22}{v}");
        }
    }
    let _ = writeln!(out, "\nWhat to do\n  {}", rule.help);
    out
}

/// The item as JSON, with its rule and the model's parameters.
pub fn json(item: &DebtItem, backlog: &Backlog) -> String {
    let rule = rules::rule(item.kind);
    let value = serde_json::json!({
        "schema_version": backlog.schema_version,
        "item": item,
        "rule": {"id": item.kind.as_str(), "name": rule.name, "description": rule.full, "help": rule.help},
        "scoring": backlog.scoring,
    });
    crate::util::pretty_json(&value)
}
