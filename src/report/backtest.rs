//! The report of `debtscan backtest`: the rankings side by side per cut, as a table or JSON.

use std::fmt::Write;

use crate::backtest::{BacktestReport, Measures, BACKLOG};

/// Renders the report as JSON (pretty, deterministic, newline-terminated).
pub fn json(report: &BacktestReport) -> String {
    crate::util::pretty_json(report)
}

/// Renders the report as three small tables (fix recall, change recall, precision), the
/// rankings as rows with the backlog first, the cuts as columns, and the verdict.
pub fn table(report: &BacktestReport) -> String {
    let mut out = String::new();
    let w = &report.window;
    let unit = match report.level {
        crate::backtest::Level::File => "file",
        crate::backtest::Level::Function => "function",
    };
    let at = &report.at;
    let _ = writeln!(
        out,
        "Back-test of {}: ranked at {} ({}, {}), measured by the {} to HEAD ({}).",
        report.repository.root,
        at.commit.get(..10).unwrap_or(&at.commit),
        at.date.get(..10).unwrap_or(&at.date),
        at.chosen_by,
        crate::util::count(w.commits, "commit"),
        w.until.get(..10).unwrap_or(&w.until),
    );
    let _ = writeln!(
        out,
        "{} fix{}{}; {} to the {} at T ({} by fixes); the backlog names {} ({}).",
        w.fix_commits,
        if w.fix_commits == 1 { "" } else { "es" },
        mechanical(w.mechanical_commits),
        crate::util::count(w.file_changes, "change"),
        crate::util::count(report.files, unit),
        w.fix_file_changes,
        crate::util::count(report.backlog_files, unit),
        crate::util::count(report.backlog_items, "item"),
    );
    if report.windows.len() > 1 {
        for (k, win) in report.windows.iter().enumerate().skip(1) {
            let _ =
                writeln!(
                out,
                "Window {}: ranked at {} ({}), measured by the {} to {}: {} fix{}{}, {} by fixes \
                 to its {}.",
                k + 1,
                win.at.commit.get(..10).unwrap_or(&win.at.commit),
                win.at.date.get(..10).unwrap_or(&win.at.date),
                crate::util::count(win.window.commits, "commit"),
                win.window.until.get(..10).unwrap_or(&win.window.until),
                win.window.fix_commits,
                if win.window.fix_commits == 1 { "" } else { "es" },
                mechanical(win.window.mechanical_commits),
                crate::util::count(win.window.fix_file_changes, "change"),
                crate::util::count(win.files, unit),
            );
        }
        let fixes: usize = report
            .windows
            .iter()
            .map(|w| w.window.fix_file_changes)
            .sum();
        let _ = writeln!(
            out,
            "Pooled over {} windows: {} by fixes; NAMED sums each window's named files.",
            report.windows.len(),
            crate::util::count(fixes, "change"),
        );
    }
    let names = ranking_names(report);
    let Some(first) = names.first().and_then(|n| report.rankings.get(*n)) else {
        return out;
    };
    let cuts: Vec<String> = first
        .iter()
        .map(|m| {
            if m.k == "named" {
                format!("NAMED ({})", m.files)
            } else {
                format!("TOP {}", m.k)
            }
        })
        .collect();
    let blocks: [(&str, Measure); 3] = [
        ("FIX RECALL", |m| m.fix_recall),
        ("CHANGE RECALL", |m| m.change_recall),
        ("PRECISION", |m| m.precision),
    ];
    for (title, value) in blocks {
        out.push('\n');
        let name_width = names
            .iter()
            .map(|n| n.len())
            .chain([title.len()])
            .max()
            .unwrap_or(0);
        let mut line = format!("{title:<name_width$}");
        for cut in &cuts {
            let _ = write!(line, "  {cut:>8}");
        }
        let _ = writeln!(out, "{}", line.trim_end());
        for name in &names {
            let mut line = format!("{name:<name_width$}");
            for (cut, m) in cuts.iter().zip(&report.rankings[*name]) {
                let cell = format!("{:.1}%", 100.0 * value(m));
                let _ = write!(line, "  {cell:>width$}", width = cut.len().max(8));
            }
            let _ = writeln!(out, "{}", line.trim_end());
        }
    }
    out.push('\n');
    let v = &report.verdict;
    let detail: Vec<String> = v
        .cuts
        .iter()
        .map(|c| {
            let cut = if c.k == "named" {
                "named".to_string()
            } else {
                format!("top {}", c.k)
            };
            format!(
                "{cut}: {} ({:.1}% vs {} {:.1}%, {:+.1} points, {:.0}% interval {:+.1} to {:+.1})",
                c.backlog,
                100.0 * c.backlog_fix_recall,
                c.best_baseline,
                100.0 * c.best_fix_recall,
                100.0 * c.difference,
                100.0 * crate::backtest::CONFIDENCE,
                100.0 * c.interval[0],
                100.0 * c.interval[1],
            )
        })
        .collect();
    let summary = if detail.is_empty() {
        "nothing to compare".to_string()
    } else if v.beats_best_baseline {
        "beats it".to_string()
    } else if v.at_least_as_good {
        "is at least as good, not better beyond chance".to_string()
    } else {
        "is worse at some cut".to_string()
    };
    let _ = writeln!(
        out,
        "The backlog against the best baseline in fix recall: {summary}."
    );
    for line in detail {
        let _ = writeln!(out, "  {line}");
    }
    out
}

/// One measure of a ranking at a cut.
type Measure = fn(&Measures) -> f64;

/// The rankings in table order: the backlog, then the baselines as the report names them.
fn ranking_names(report: &BacktestReport) -> Vec<&str> {
    let mut names: Vec<&str> = report.rankings.keys().map(String::as_str).collect();
    names.sort_by_key(|n| (*n != BACKLOG, crate::backtest::order_of(n)));
    names
}

/// " (N mechanical fixes not counted)" when there are any: formatting, lints, typos,
/// documentation and CI fixes matched `backtest.mechanical_patterns`.
fn mechanical(commits: usize) -> String {
    match commits {
        0 => String::new(),
        1 => " (1 mechanical fix not counted)".to_string(),
        n => format!(" ({n} mechanical fixes not counted)"),
    }
}
