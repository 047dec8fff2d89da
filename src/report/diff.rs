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

/// The diff as Markdown, each item with its hidden `<!-- debtscan:ID -->` marker.
pub fn markdown(r: &DiffReport) -> String {
    let mut out = String::from("# Tech-debt changes\n\n");
    let _ = writeln!(out, "{}\n", counts_line(r));
    let item = |out: &mut String, i: &DebtItem, note: &str| {
        let _ = writeln!(
            out,
            "- **{:.1}** {} `{}` {}{} <!-- debtscan:{} -->",
            i.score,
            i.kind.as_str(),
            super::markdown::code(&at(i)),
            super::markdown::escape(&i.summary),
            note,
            i.id
        );
    };
    if !r.new.is_empty() {
        out.push_str("## New\n\n");
        for i in &r.new {
            item(&mut out, i, "");
        }
        out.push('\n');
    }
    if !r.resolved.is_empty() {
        out.push_str("## Resolved\n\n");
        for i in &r.resolved {
            item(
                &mut out,
                &i.item,
                &format!(" ({})", resolution(i.resolution)),
            );
        }
        out.push('\n');
    }
    if !r.changed.is_empty() {
        out.push_str("## Changed\n\n");
        for c in &r.changed {
            item(
                &mut out,
                &c.item,
                &format!(" (was {:.1})", c.previous.score),
            );
        }
        out.push('\n');
    }
    if !r.moved.is_empty() {
        out.push_str("## Moved\n\n");
        for c in &r.moved {
            let from = format!(
                " (from `{}:{}`)",
                super::markdown::code(&c.previous.location.path),
                c.previous.location.start_line
            );
            item(&mut out, &c.item, &from);
        }
        out.push('\n');
    }
    out
}
