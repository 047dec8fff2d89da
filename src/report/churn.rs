//! The report of `debtscan churn`: per-file change statistics as a table or JSON.

use std::fmt::Write;

use crate::model::ChurnReport;

/// Renders the report as JSON (pretty, deterministic, newline-terminated).
pub fn json(report: &ChurnReport) -> String {
    crate::util::pretty_json(report)
}

/// Renders the report as an aligned table, most revisions first.
pub fn table(report: &ChurnReport) -> String {
    let mut out = String::new();
    let header = [
        "REVS",
        "ADDED",
        "DELETED",
        "AUTHORS",
        "OWNER%",
        "LAST CHANGE",
        "PATH",
    ];
    let rows: Vec<[String; 7]> = report
        .files
        .iter()
        .map(|f| {
            [
                f.revisions.to_string(),
                format!("+{}", f.added),
                format!("-{}", f.deleted),
                f.authors.to_string(),
                format!("{:.0}", 100.0 * f.main_author_share),
                f.last_change
                    .get(..10)
                    .unwrap_or(&f.last_change)
                    .to_string(),
                f.path.clone(),
            ]
        })
        .collect();
    out.push_str(&super::columns(header, &rows, 5));
    let h = &report.repository.history;
    let _ = writeln!(
        out,
        "\n{} files · {} commits{}",
        report.files.len(),
        h.commits_analyzed,
        if h.shallow { " (shallow clone)" } else { "" }
    );
    out
}
