//! `dead-file` items: Rust files that no target of their Cargo package compiles. The graph
//! finds them (a file no `mod`, `include!` or `#[path]` reaches); here each becomes an item,
//! because code the compiler never reads still costs every reader, search and refactoring
//! that meets it, and rots unseen.

use super::{Draft, Model};
use crate::graph::DeadFile;
use crate::model::{DebtItem, Kind, Location, Signals};

/// The severity of a dead file of a few lines: cheap to carry, but still misleading.
const MIN_SEVERITY: f64 = 0.2;

/// The severity of a dead file of [`FULL_LINES`] lines or more.
const MAX_SEVERITY: f64 = 0.5;

/// From this size on, a dead file has the maximum severity.
const FULL_LINES: u32 = 500;

/// Adds one item per dead file to `out`.
pub(super) fn items(dead: &[DeadFile], model: &Model, out: &mut Vec<DebtItem>) {
    for d in dead {
        out.push(item(d, model));
    }
}

fn place(path: &str, lines: u32) -> Location {
    Location {
        path: path.to_string(),
        start_line: 1,
        end_line: lines.max(1),
        symbol: None,
    }
}

fn item(d: &DeadFile, model: &Model) -> DebtItem {
    let lines = d.lines + d.declares.iter().map(|(_, n)| n).sum::<u32>();
    let t = f64::from(lines.min(FULL_LINES)) / f64::from(FULL_LINES);
    let severity = MIN_SEVERITY + (MAX_SEVERITY - MIN_SEVERITY) * t;
    let name = d.path.rsplit('/').next().unwrap_or(&d.path);
    let stem = name.strip_suffix(".rs").unwrap_or(name);
    let mut severity_why = vec![format!(
        "no `mod` declaration, `include!` or `#[path]` reaches it from any target in {}: the \
         compiler never reads it, so it is neither built nor tested",
        d.manifest
    )];
    let size = match d.declares.len() {
        0 => format!("{lines} lines"),
        n => {
            let names: Vec<&str> = d.declares.iter().map(|(p, _)| p.as_str()).collect();
            severity_why.push(format!(
                "the {n} file{} it declares {} dead with it: {}",
                crate::util::s(n),
                if n == 1 { "is" } else { "are" },
                names.join(", ")
            ));
            format!("{lines} lines with the files it declares")
        }
    };
    severity_why.push(format!(
        "{size}: severity {MIN_SEVERITY:.2} for a few lines, growing to {MAX_SEVERITY:.2} at \
         {FULL_LINES} lines: {severity:.2}"
    ));
    let context = vec![format!(
        "to fix: delete it (git history keeps it), or declare it with `mod {stem};` in the \
         module it belongs to"
    )];
    Draft {
        kind: Kind::DeadFile,
        location: place(&d.path, d.lines),
        related: d.declares.iter().map(|(p, n)| place(p, *n)).collect(),
        content: String::new(),
        occurrence: 0,
        summary: format!("Dead file: no crate target compiles {} ({size})", d.path),
        severity,
        severity_why,
        interest: model.interest(&d.path, None),
        context,
        signals: Signals::default(),
        marker: None,
        coverage: None,
    }
    .finish()
}
