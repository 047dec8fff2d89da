//! The report of `debtscan diff`: what changed between two runs.

use std::fmt::Write;

use crate::model::{DebtItem, DiffReport, Resolution};

/// `3 new · 2 resolved (1 fixed, 1 vanished with its code) · 1 changed · 1 moved · 80 unchanged`
pub fn counts_line(r: &DiffReport) -> String {
    let c = &r.counts;
    let mut resolved = format!("{} resolved", c.resolved);
    if c.resolved > 0 {
        let mut parts = Vec::new();
        if c.fixed > 0 {
            parts.push(format!("{} fixed", c.fixed));
        }
        if c.vanished > 0 {
            parts.push(format!("{} vanished with their code", c.vanished));
        }
        let unknown = c.resolved - c.fixed - c.vanished;
        if unknown > 0 {
            parts.push(format!("{unknown} of unknown cause"));
        }
        let _ = write!(resolved, " ({})", parts.join(", "));
    }
    let mut changed = format!("{} changed", c.changed);
    if c.merged > 0 {
        let _ = write!(changed, " ({} earlier items merged into them)", c.merged);
    }
    format!(
        "{} new · {resolved} · {changed} · {} moved · {} unchanged",
        c.new, c.moved, c.unchanged
    )
}

fn at(i: &DebtItem) -> String {
    format!("{}:{}", i.location.path, i.location.start_line)
}

fn resolution(r: Resolution) -> &'static str {
    match r {
        Resolution::Fixed => "fixed: its code is still there",
        Resolution::Vanished => "vanished with its code",
        Resolution::Unknown => "resolved",
    }
}

/// The diff for people.
pub fn table(r: &DiffReport) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "{} → {}", r.runs.old.file, r.runs.new.file);
    let _ = writeln!(out, "{}", counts_line(r));
    let mut section = |title: &str, rows: Vec<[String; 4]>| {
        if rows.is_empty() {
            return;
        }
        let _ = writeln!(out, "\n{title}");
        out.push_str(&super::columns(
            ["SCORE", "KIND", "LOCATION", "TITLE"],
            &rows,
            1,
        ));
    };
    section(
        "NEW",
        r.new
            .iter()
            .map(|i| {
                [
                    format!("{:.1}", i.score),
                    i.kind.as_str().into(),
                    at(i),
                    i.summary.clone(),
                ]
            })
            .collect(),
    );
    section(
        "RESOLVED",
        r.resolved
            .iter()
            .map(|i| {
                [
                    format!("{:.1}", i.item.score),
                    i.item.kind.as_str().into(),
                    at(&i.item),
                    format!("{} ({})", i.item.summary, resolution(i.resolution)),
                ]
            })
            .collect(),
    );
    section(
        "CHANGED",
        r.changed
            .iter()
            .map(|c| {
                let mut title = c.item.summary.clone();
                if c.previous.title != c.item.summary {
                    let _ = write!(title, " (was: {})", c.previous.title);
                }
                if !c.merged.is_empty() {
                    let _ = write!(title, " (and {} more earlier items)", c.merged.len());
                }
                [
                    format!("{:.1} (was {:.1})", c.item.score, c.previous.score),
                    c.item.kind.as_str().into(),
                    at(&c.item),
                    title,
                ]
            })
            .collect(),
    );
    section(
        "MOVED",
        r.moved
            .iter()
            .map(|c| {
                [
                    format!("{:.1}", c.item.score),
                    c.item.kind.as_str().into(),
                    format!(
                        "{}:{} → {}",
                        c.previous.location.path,
                        c.previous.location.start_line,
                        at(&c.item)
                    ),
                    c.item.summary.clone(),
                ]
            })
            .collect(),
    );
    out
}

/// The diff as one JSON object.
pub fn json(r: &DiffReport) -> String {
    crate::util::pretty_json(r)
}

/// The diff as Markdown, each item with its hidden `<!-- debtscan:ID -->` marker, within
/// [`super::markdown::MAX_CHARS`]: what does not fit (the last entries, moved before changed
/// before resolved before new) is counted in a note instead.
pub fn markdown(r: &DiffReport) -> String {
    markdown_within(r, super::markdown::MAX_CHARS)
}

fn markdown_within(r: &DiffReport, budget: usize) -> String {
    let entry = |i: &DebtItem, note: &str| {
        format!(
            "- **{:.1}** {} `{}` {}{} <!-- debtscan:{} -->\n",
            i.score,
            i.kind.as_str(),
            super::markdown::code(&at(i)),
            super::markdown::escape(&i.summary),
            note,
            i.id
        )
    };
    let sections: [(&str, Vec<String>); 4] = [
        ("New", r.new.iter().map(|i| entry(i, "")).collect()),
        (
            "Resolved",
            (r.resolved.iter())
                .map(|i| entry(&i.item, &format!(" ({})", resolution(i.resolution))))
                .collect(),
        ),
        (
            "Changed",
            (r.changed.iter())
                .map(|c| entry(&c.item, &format!(" (was {:.1})", c.previous.score)))
                .collect(),
        ),
        (
            "Moved",
            (r.moved.iter())
                .map(|c| {
                    let from = format!(
                        " (from `{}:{}`)",
                        super::markdown::code(&c.previous.location.path),
                        c.previous.location.start_line
                    );
                    entry(&c.item, &from)
                })
                .collect(),
        ),
    ];
    let mut out = String::from("# Tech-debt changes\n\n");
    let _ = writeln!(out, "{}\n", counts_line(r));
    // Room for the closing note, so that it fits too.
    let room = budget.saturating_sub(300);
    let mut left_out = 0;
    for (name, lines) in sections {
        if lines.is_empty() {
            continue;
        }
        let heading = format!("## {name}\n\n");
        if left_out > 0 || out.chars().count() + heading.len() >= room {
            left_out += lines.len();
            continue;
        }
        out.push_str(&heading);
        let mut used = out.chars().count();
        for line in lines {
            let cost = line.chars().count();
            if left_out > 0 || used + cost > room {
                left_out += 1;
                continue;
            }
            used += cost;
            out.push_str(&line);
        }
        out.push('\n');
    }
    if left_out > 0 {
        let _ = writeln!(
            out,
            "_{left_out} more entr{} not shown: this report stays under {budget} characters; \
             `--format json` has them all._",
            if left_out == 1 { "y" } else { "ies" }
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A backlog of `n` marker items, as JSON.
    fn backlog(n: usize) -> crate::model::Backlog {
        let items: Vec<String> = (0..n)
            .map(|k| {
                format!(
                    r#"{{"id": "v1:{k:016x}", "kind": "todo", "rank": {r}, "score": 50.0,
                    "title": "TODO: item {k}", "summary": "TODO: item {k} with a longer text",
                    "location": {{"path": "src/f{k}.rs", "start_line": 1, "end_line": 1,
                    "symbol": null}}, "related": [], "signals": {{"severity": 0.5,
                    "interest": 1.0}}, "explanation": [], "weak_id": "w1:{k:016x}"}}"#,
                    r = k + 1
                )
            })
            .collect();
        let text = format!(
            r#"{{"schema_version": 1, "tool": {{"name": "debtscan", "version": "0"}},
            "repository": {{"root": ".", "head": null, "branch": null, "history":
            {{"available": false, "commits_analyzed": 0, "since": null, "max_commits": null,
            "first_parent": false, "shallow": false, "excluded": []}}}},
            "summary": {{"items": {n}, "by_kind": {{}}, "files_scanned": {n},
            "skipped_files": [], "partial_files": [], "warnings": []}},
            "scoring": {{}}, "items": [{}]}}"#,
            items.join(",")
        );
        crate::diff::parse(&text).expect("a backlog")
    }

    #[test]
    fn markdown_stays_within_its_budget() {
        let report = crate::diff::compare(&backlog(0), &backlog(300), ("old", "new"), 1.0);
        assert_eq!(report.new.len(), 300);
        let whole = markdown_within(&report, usize::MAX);
        assert!(whole.contains("item 299"));
        assert!(!whole.contains("not shown"));
        let cut = markdown_within(&report, 4_000);
        assert!(cut.chars().count() <= 4_000, "{}", cut.chars().count());
        let shown = cut.matches("<!-- debtscan:").count();
        assert!(shown > 10 && shown < 300, "{shown}");
        assert!(
            cut.contains(&format!("_{} more entries not shown", 300 - shown)),
            "{cut}"
        );
    }
}
