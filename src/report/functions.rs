//! The report of `debtscan functions`: every function with its complexity, as a table or JSON.

use std::fmt::Write;

use crate::model::FunctionsReport;

/// Renders the report as JSON (pretty, deterministic, newline-terminated).
pub fn json(report: &FunctionsReport) -> String {
    crate::util::pretty_json(report)
}

/// Renders the functions as an aligned table in the report's order, with totals below.
pub fn table(report: &FunctionsReport) -> String {
    let header = [
        "CYC", "COG", "LINES", "NEST", "PARAMS", "LOCATION", "FUNCTION",
    ];
    let rows: Vec<[String; 7]> = report
        .functions
        .iter()
        .map(|f| {
            let m = &f.metrics;
            [
                m.cyclomatic.to_string(),
                m.cognitive.to_string(),
                m.lines.to_string(),
                m.nesting.to_string(),
                m.params.to_string(),
                format!("{}:{}", f.path, m.start_line),
                m.symbol.clone(),
            ]
        })
        .collect();
    let mut out = super::columns(header, &rows, 5);
    let functions: usize = report.files.iter().map(|f| f.functions).sum();
    let cyclomatic: u32 = report.files.iter().map(|f| f.cyclomatic).sum();
    let code_lines: u32 = report.files.iter().map(|f| f.code_lines).sum();
    let _ = write!(
        out,
        "\n{} in {} · {code_lines} lines of code · cyclomatic {cyclomatic}",
        crate::util::count(functions, "function"),
        crate::util::count(report.files.len(), "file"),
    );
    if functions > 0 {
        let _ = write!(
            out,
            " (mean {:.1})",
            f64::from(cyclomatic) / functions as f64
        );
    }
    if report.functions.len() < functions {
        let _ = write!(out, " · {} shown", report.functions.len());
    }
    out.push('\n');
    out
}
