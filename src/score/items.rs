//! Items from per-file facts and hotspots: markers, `todo!()` macros, complex functions and
//! hotspots, each with its severity.

use std::collections::HashMap;

use super::{Draft, Model};
use crate::config::Config;
use crate::hotspots::Hotspots;
use crate::model::{DebtItem, FoundMarker, Kind, Location, Signals};
use crate::parse::FileFacts;

/// The normalised content of a marker that identifies it: tag and whitespace-collapsed text.
pub(super) fn marker_content(tag: &str, text: &str) -> String {
    format!("{} {}", tag.to_uppercase(), text)
}

/// The marker items of one file.
pub(super) fn markers(file: &FileFacts, model: &Model, config: &Config, out: &mut Vec<DebtItem>) {
    let mut seen: HashMap<(Kind, Option<&str>, String), usize> = HashMap::new();
    for m in &file.markers {
        let content = marker_content(&m.marker.tag, &m.marker.text);
        let occurrence = seen
            .entry((m.kind, m.symbol.as_deref(), content.clone()))
            .or_insert(0);
        out.push(marker(file, m, content, *occurrence, model, config));
        *occurrence += 1;
    }
}

fn marker(
    file: &FileFacts,
    m: &FoundMarker,
    content: String,
    occurrence: usize,
    model: &Model,
    config: &Config,
) -> DebtItem {
    let tag = &m.marker.tag;
    let (base, mut severity_why) = match m.kind {
        Kind::TodoMacro => {
            let s = config.macro_severity(tag);
            (
                s,
                vec![format!("{tag}() panics when reached: severity {s:.2}")],
            )
        }
        _ => {
            let s = config.tag_severity(tag);
            (s, vec![format!("{tag} marker: severity {s:.2}")])
        }
    };
    // Each `!` closes a quarter of the remaining gap to the maximum severity.
    let priority = m.marker.priority.min(4);
    let severity = 1.0 - (1.0 - base) * 0.75f64.powi(i32::from(priority));
    if priority > 0 {
        severity_why.push(format!(
            "marked urgent with {}: each ! closes a quarter of the gap to 1 (severity {severity:.2})",
            "!".repeat(usize::from(m.marker.priority))
        ));
    }
    let interest = model.interest(&file.path, m.symbol.as_deref());
    let mut context = Vec::new();
    let age_days = match (&m.marker.introduced, model.history()) {
        (Some(intro), Some(h)) => {
            let age = ((h.head_time - intro.time).max(0) / crate::util::DAY) as u32;
            context.push(format!(
                "written {age} days before HEAD by {}",
                intro.author
            ));
            Some(age)
        }
        _ => None,
    };
    if let Some(owner) = &m.marker.owner {
        context.push(format!("owner: {owner}"));
    }
    if let Some(issue) = &m.marker.issue {
        context.push(format!("tracked as {issue}"));
    }
    if let Some(due) = &m.marker.due {
        context.push(format!("due {due}"));
    }
    let title = match (m.kind, m.marker.text.is_empty()) {
        (Kind::TodoMacro, true) => format!("{tag}()"),
        (Kind::TodoMacro, false) => format!("{tag}({:?})", m.marker.text),
        (_, true) => tag.clone(),
        (_, false) => format!("{tag}: {}", m.marker.text),
    };
    Draft {
        kind: m.kind,
        location: Location {
            path: file.path.clone(),
            start_line: m.start_line,
            end_line: m.end_line,
            symbol: m.symbol.clone(),
        },
        related: Vec::new(),
        content,
        occurrence,
        title,
        severity,
        severity_why,
        interest,
        context,
        signals: Signals {
            age_days,
            ..Signals::default()
        },
        marker: Some(m.marker.clone()),
    }
    .finish()
}

/// `complex-function` items: functions at or above a threshold of `[complexity]`.
pub(super) fn complex_functions(
    file: &FileFacts,
    model: &Model,
    config: &Config,
    out: &mut Vec<DebtItem>,
) {
    let Some(metrics) = &file.metrics else {
        return;
    };
    let c = &config.complexity;
    let mut seen: HashMap<&str, usize> = HashMap::new();
    for f in &metrics.functions {
        let ratios = [
            (f.cyclomatic, c.cyclomatic, "cyclomatic"),
            (f.cognitive, c.cognitive, "cognitive"),
            (f.lines, c.lines, "lines"),
        ];
        let over: Vec<String> = ratios
            .iter()
            .filter(|(v, t, _)| *t > 0 && v >= t)
            .map(|(v, t, name)| format!("{name} {v} ≥ {t}"))
            .collect();
        if over.is_empty() {
            continue;
        }
        let excess = ratios
            .iter()
            .filter(|(_, t, _)| *t > 0)
            .map(|(v, t, _)| f64::from(*v) / f64::from(*t))
            .fold(1.0, f64::max);
        // At a threshold the configured severity; twice over it, half the gap to 1 closed.
        let severity = 1.0 - (1.0 - c.severity) / excess;
        let occurrence = seen.entry(f.symbol.as_str()).or_insert(0);
        out.push(
            Draft {
                kind: Kind::ComplexFunction,
                location: Location {
                    path: file.path.clone(),
                    start_line: f.start_line,
                    end_line: f.end_line,
                    symbol: Some(f.symbol.clone()),
                },
                related: Vec::new(),
                content: String::new(),
                occurrence: *occurrence,
                title: format!(
                    "Complex function `{}`: cyclomatic {}, cognitive {}, {} lines",
                    f.symbol, f.cyclomatic, f.cognitive, f.lines
                ),
                severity,
                severity_why: vec![format!(
                    "{}: severity {:.2} at a threshold, {severity:.2} at {excess:.2} times it",
                    over.join(", "),
                    c.severity
                )],
                interest: model.interest(&file.path, Some(&f.symbol)),
                context: Vec::new(),
                signals: Signals {
                    complexity: Some(f.cyclomatic),
                    cognitive: Some(f.cognitive),
                    ..Signals::default()
                },
                marker: None,
            }
            .finish(),
        );
        *occurrence += 1;
    }
}

/// `hotspot` items: files and X-Rayed functions whose hotspot score reaches
/// `hotspots.min_score` with at least `hotspots.min_revisions` commits in the window.
pub(super) fn hotspots(h: &Hotspots, model: &Model, config: &Config, out: &mut Vec<DebtItem>) {
    let c = &config.hotspots;
    // From the configured severity at `min_score` up to `max_severity` at a score of 1.
    let severity = |score: f64| {
        let span = (1.0 - c.min_score).max(f64::EPSILON);
        let t = ((score - c.min_score) / span).clamp(0.0, 1.0);
        c.severity + (c.max_severity.max(c.severity) - c.severity) * t
    };
    // A file and a function hotspot differ only in where they are and what they measure.
    let item = |location: Location, title: String, reasons: &[String], score: f64, signals| {
        let severity = severity(score);
        let mut severity_why = reasons.to_vec();
        severity_why.push(format!(
            "hotspot score {score:.2} = change percentile × complexity percentile, from {:.2} at \
             {:.2} to {:.2} at 1: severity {severity:.2}",
            c.severity, c.min_score, c.max_severity
        ));
        let interest = model.interest(&location.path, location.symbol.as_deref());
        Draft {
            kind: Kind::Hotspot,
            content: if location.symbol.is_some() {
                "function"
            } else {
                "file"
            }
            .into(),
            location,
            related: Vec::new(),
            occurrence: 0,
            title,
            severity,
            severity_why,
            interest,
            context: Vec::new(),
            signals,
            marker: None,
        }
        .finish()
    };
    let hot = |score: f64, revisions: u32| score >= c.min_score && revisions >= c.min_revisions;
    for f in h.files.iter().filter(|f| hot(f.score, f.revisions)) {
        out.push(item(
            Location {
                path: f.path.clone(),
                start_line: 1,
                end_line: 1,
                symbol: None,
            },
            format!(
                "Hotspot file: {} commits in {} days, cyclomatic {}",
                f.revisions, h.window.days, f.cyclomatic
            ),
            &f.explanation,
            f.score,
            Signals {
                complexity: Some(f.cyclomatic),
                recent_revisions: Some(f.revisions),
                hotspot: Some(f.score),
                ..Signals::default()
            },
        ));
    }
    for f in h.functions.iter().filter(|f| hot(f.score, f.revisions)) {
        out.push(item(
            Location {
                path: f.path.clone(),
                start_line: f.start_line,
                end_line: f.end_line,
                symbol: Some(f.symbol.clone()),
            },
            format!(
                "Hotspot function `{}`: {} commits in {} days, cyclomatic {}",
                f.symbol, f.revisions, h.window.days, f.cyclomatic
            ),
            &f.explanation,
            f.score,
            Signals {
                complexity: Some(f.cyclomatic),
                cognitive: Some(f.cognitive),
                recent_revisions: Some(f.revisions),
                hotspot: Some(f.score),
                ..Signals::default()
            },
        ));
    }
}
