//! The backlog as an aligned table for people, fitted to the terminal width.

use std::fmt::Write;

use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

use crate::model::Backlog;

/// Renders the ranked items and a one-line summary. `width` is the terminal width; `None`
/// (output is not a terminal) keeps every column whole.
pub fn render(backlog: &Backlog, width: Option<usize>) -> String {
    let mut out = String::new();
    let s = &backlog.summary;
    if s.files_scanned == 0 {
        // Not "no debt": nothing was read (the summary's warning says why).
        let _ = writeln!(
            out,
            "No source files analysed: nothing was read, so no debt is known."
        );
    } else if backlog.items.is_empty() {
        let _ = writeln!(out, "No debt items found in {} files.", s.files_scanned);
    } else {
        let rows: Vec<[String; 5]> = backlog
            .items
            .iter()
            .map(|i| {
                [
                    i.rank.to_string(),
                    format!("{:.1}", i.score),
                    i.kind.as_str().to_string(),
                    format!("{}:{}", i.location.path, i.location.start_line),
                    match (i.baseline_state, i.baseline_score) {
                        (Some(crate::model::BaselineState::New), _) => {
                            format!("[new] {}", i.summary)
                        }
                        (_, Some(then)) if i.score - then >= 1.0 => {
                            format!("[+{:.1}] {}", i.score - then, i.summary)
                        }
                        _ => i.summary.clone(),
                    },
                ]
            })
            .collect();
        let header = ["#", "SCORE", "KIND", "LOCATION", "TITLE"];
        let mut widths = header.map(|h| h.width());
        for row in &rows {
            for (w, cell) in widths.iter_mut().zip(row) {
                *w = (*w).max(cell.width());
            }
        }
        if let Some(total) = width {
            // Location may take up to half the line; the title gets what is left.
            let fixed = widths[0] + widths[1] + widths[2] + 4 * 2;
            let budget = total.saturating_sub(fixed);
            widths[3] = widths[3].min(budget / 2).max(8);
            widths[4] = budget.saturating_sub(widths[3] + 2).max(10);
        }
        let line = |out: &mut String, cells: [&str; 5]| {
            let mut text = String::new();
            for (k, cell) in cells.iter().enumerate() {
                let cell = match k {
                    3 => truncate_left(cell, widths[k]),
                    _ => truncate(cell, widths[k]),
                };
                let pad = widths[k].saturating_sub(cell.width());
                if k > 0 {
                    text.push_str("  ");
                }
                if k <= 1 {
                    text.push_str(&" ".repeat(pad));
                    text.push_str(&cell);
                } else if k == 4 {
                    text.push_str(&cell);
                } else {
                    text.push_str(&cell);
                    text.push_str(&" ".repeat(pad));
                }
            }
            let _ = writeln!(out, "{}", text.trim_end());
        };
        line(&mut out, header);
        for row in &rows {
            line(&mut out, [&row[0], &row[1], &row[2], &row[3], &row[4]]);
        }
        out.push('\n');
    }
    let _ = writeln!(out, "{}", summary_line(backlog));
    out
}

/// `12 of 40 items (30 todo, 10 todo-macro) · 210 files scanned · 3 skipped (2 minified, 1 binary)`,
/// then history and, with `--coverage`, what the reports covered.
pub fn summary_line(backlog: &Backlog) -> String {
    let s = &backlog.summary;
    let kinds: Vec<String> = s.by_kind.iter().map(|(k, n)| format!("{n} {k}")).collect();
    let mut line = if backlog.items.len() < s.items {
        format!("{} of {} items", backlog.items.len(), s.items)
    } else {
        format!("{} item{}", s.items, crate::util::s(s.items))
    };
    if !kinds.is_empty() {
        let _ = write!(line, " ({})", kinds.join(", "));
    }
    let _ = write!(line, " · {} files scanned", s.files_scanned);
    let skipped: usize = s.skipped_files.iter().map(|g| g.count).sum();
    if skipped > 0 {
        let reasons: Vec<String> = s
            .skipped_files
            .iter()
            .map(|g| format!("{} {}", g.count, g.reason.as_str()))
            .collect();
        let _ = write!(line, " · {skipped} skipped ({})", reasons.join(", "));
    }
    let partial: usize = s.partial_files.iter().map(|g| g.count).sum();
    if partial > 0 {
        let _ = write!(line, " · {partial} parsed in part");
    }
    let h = &backlog.repository.history;
    if h.available {
        let _ = write!(
            line,
            " · {} commits{}",
            h.commits_analyzed,
            if h.shallow { " (shallow clone)" } else { "" }
        );
    } else {
        line.push_str(" · no history");
    }
    // A stretched window is said: "hot" then reaches further back than a year.
    if let Some((w, from)) = s.window.as_ref().and_then(|w| Some((w, w.stretched_from?))) {
        let _ = write!(
            line,
            " · change counted over {} days (the {from} before HEAD held too few commits)",
            w.days,
        );
    }
    if let Some(c) = &s.coverage {
        let files: Vec<&str> = c.reports.iter().map(|r| r.file.as_str()).collect();
        let _ = write!(
            line,
            " · coverage of {} and {} from {}",
            crate::util::count(c.files, "file"),
            crate::util::count(c.functions, "function"),
            files.join(", ")
        );
    }
    if let Some(b) = &s.baseline {
        let fixed = (b.gone.iter())
            .filter(|g| g.resolution == crate::model::Resolution::Fixed)
            .count();
        let _ = write!(
            line,
            " · against {}: {} new, {} updated, {} gone ({fixed} fixed)",
            b.file, b.new, b.updated, b.absent
        );
    }
    line
}

/// Cuts `s` to `width` columns, ending in `…` when cut.
fn truncate(s: &str, width: usize) -> String {
    if s.width() <= width {
        return s.to_string();
    }
    let mut out = String::new();
    let mut used = 0;
    for c in s.chars() {
        let w = c.width().unwrap_or(0);
        if used + w + 1 > width {
            break;
        }
        out.push(c);
        used += w;
    }
    out.push('…');
    out
}

/// Cuts `s` to `width` columns from the left (keeps the file name of a long path).
fn truncate_left(s: &str, width: usize) -> String {
    if s.width() <= width {
        return s.to_string();
    }
    let mut kept: Vec<char> = Vec::new();
    let mut used = 0;
    for c in s.chars().rev() {
        let w = c.width().unwrap_or(0);
        if used + w + 1 > width {
            break;
        }
        kept.push(c);
        used += w;
    }
    let mut out = String::from("…");
    out.extend(kept.into_iter().rev());
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn truncation_respects_width() {
        assert_eq!(truncate("hello world", 6), "hello…");
        assert_eq!(truncate("hi", 6), "hi");
        assert_eq!(
            truncate_left("src/deep/path/file.rs:10", 12),
            "…/file.rs:10"
        );
        assert_eq!(truncate("日本語テキスト", 5).width(), 5);
    }
}
