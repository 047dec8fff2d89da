//! The report of `debtscan hotspots`: files (and functions) ranked by change × complexity.

use std::fmt::Write;

use crate::model::HotspotReport;

/// Renders the report as JSON (pretty, deterministic, newline-terminated).
pub fn json(report: &HotspotReport) -> String {
    crate::util::pretty_json(report)
}

/// Renders the files (and functions, if any) as aligned tables, hottest first.
pub fn table(report: &HotspotReport) -> String {
    let mut out = String::new();
    let header = [
        "RANK",
        "SCORE",
        "REVS",
        "LOC",
        "CYC",
        "MAX",
        "PATH",
        "MOST COMPLEX",
    ];
    let rows: Vec<[String; 8]> = report
        .files
        .iter()
        .map(|f| {
            [
                f.rank.to_string(),
                format!("{:.2}", f.score),
                f.revisions.to_string(),
                f.code_lines.to_string(),
                f.cyclomatic.to_string(),
                f.max_cyclomatic.to_string(),
                f.path.clone(),
                f.max_cyclomatic_symbol.clone().unwrap_or_default(),
            ]
        })
        .collect();
    out.push_str(&super::columns(header, &rows, 6));
    if !report.functions.is_empty() {
        let header = [
            "RANK", "SCORE", "REVS", "CYC", "COG", "LINES", "LOCATION", "FUNCTION",
        ];
        let rows: Vec<[String; 8]> = report
            .functions
            .iter()
            .map(|f| {
                [
                    f.rank.to_string(),
                    format!("{:.2}", f.score),
                    f.revisions.to_string(),
                    f.cyclomatic.to_string(),
                    f.cognitive.to_string(),
                    f.lines.to_string(),
                    format!("{}:{}", f.path, f.start_line),
                    f.symbol.clone(),
                ]
            })
            .collect();
        out.push('\n');
        out.push_str(&super::columns(header, &rows, 6));
    }
    let w = &report.window;
    let _ = writeln!(
        out,
        "\nchange counted in {} commits of the {} days before HEAD (since {}); \
         score = change percentile × complexity percentile",
        w.commits,
        w.days,
        w.since.get(..10).unwrap_or(&w.since),
    );
    out
}
