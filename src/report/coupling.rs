//! The report of `debtscan coupling`: pairs of files that change together.

use std::fmt::Write;

use crate::model::CouplingReport;

/// Renders the report as JSON (pretty, deterministic, newline-terminated).
pub fn json(report: &CouplingReport) -> String {
    crate::util::pretty_json(report)
}

/// Renders the pairs as an aligned table, with the thresholds that selected them.
pub fn table(report: &CouplingReport) -> String {
    let c = &report.coupling;
    let t = &c.thresholds;
    let mut out = String::new();
    if c.pairs.is_empty() {
        let _ = writeln!(out, "No coupled files.");
    } else {
        let header = ["DEGREE", "SHARED", "REVS A", "REVS B", "FILE A", "FILE B"];
        let rows: Vec<[String; 6]> = c
            .pairs
            .iter()
            .map(|p| {
                [
                    format!("{}%", p.degree),
                    p.shared.to_string(),
                    p.revisions_a.to_string(),
                    p.revisions_b.to_string(),
                    p.path_a.clone(),
                    p.path_b.clone(),
                ]
            })
            .collect();
        out.push_str(&super::columns(header, &rows, 4));
        out.push('\n');
    }
    let _ = writeln!(
        out,
        "{} pairs from {} change sets ({} dropped with more than {} files) · thresholds: \
         average revisions >= {}, shared >= {}, degree >= {}%{}",
        c.pairs.len(),
        c.change_sets,
        c.dropped_large,
        t.max_changeset,
        t.min_revs,
        t.min_shared,
        t.min_degree,
        if t.window_days > 0 {
            format!(
                ", one author's commits within {} days grouped",
                t.window_days
            )
        } else {
            String::new()
        }
    );
    out
}
