//! Output formats. Every format renders the same [`Backlog`], so they never disagree.

pub mod backtest;
pub mod churn;
pub mod codeclimate;
pub mod coupling;
pub mod csv;
pub mod diff;
pub mod explain;
pub mod functions;
pub mod graph;
pub mod hotspots;
pub mod html;
pub mod json;
pub mod markdown;
pub mod rules;
pub mod sarif;
pub mod table;
pub mod tracker;

use std::io::Write;
use std::path::Path;

use crate::error::Error;
use crate::model::Backlog;

/// An output format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// An aligned table for people (the default).
    Table,
    /// The versioned JSON report (schema_version 1).
    Json,
    /// SARIF 2.1.0, for GitHub code scanning (`scan`, `todos`).
    Sarif,
    /// GitLab Code Quality (Code Climate issues) (`scan`, `todos`).
    Codeclimate,
    /// A Markdown report for a pull-request comment or a wiki (`scan`, `todos`, `diff`).
    Markdown,
    /// One row per item, for spreadsheets (`scan`, `todos`).
    Csv,
    /// Graphviz (`debtscan graph` only).
    Dot,
    /// One self-contained HTML page with pictures and the table (`scan`, `todos`).
    Html,
}

impl Format {
    /// The name on the command line.
    pub fn as_str(self) -> &'static str {
        match self {
            Format::Table => "table",
            Format::Json => "json",
            Format::Sarif => "sarif",
            Format::Codeclimate => "codeclimate",
            Format::Markdown => "markdown",
            Format::Csv => "csv",
            Format::Dot => "dot",
            Format::Html => "html",
        }
    }
}

/// Renders `backlog` in `format`; `width` is the terminal width for the table, if any;
/// `levels` map scores to SARIF levels and Code Quality severities.
pub fn render(
    backlog: &Backlog,
    format: Format,
    width: Option<usize>,
    levels: &crate::config::LevelConfig,
) -> String {
    match format {
        Format::Json => json::render(backlog),
        Format::Sarif => sarif::render(backlog, levels),
        Format::Codeclimate => codeclimate::render(backlog, levels),
        Format::Markdown => markdown::render(backlog),
        Format::Csv => csv::render(backlog),
        Format::Html => html::render(backlog, &[]),
        Format::Table | Format::Dot => table::render(backlog, width),
    }
}

/// Aligns `rows` under `header`: the first `numeric` columns right-aligned, the rest left,
/// two spaces apart, one line each (trailing spaces trimmed).
pub fn columns<const N: usize>(header: [&str; N], rows: &[[String; N]], numeric: usize) -> String {
    use std::fmt::Write as _;
    let mut widths = header.map(|h| h.chars().count());
    for row in rows {
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = (*w).max(cell.chars().count());
        }
    }
    let mut out = String::new();
    let header = header.map(str::to_string);
    for row in std::iter::once(&header).chain(rows) {
        let mut text = String::new();
        for (k, cell) in row.iter().enumerate() {
            if k > 0 {
                text.push_str("  ");
            }
            if k < numeric {
                let _ = write!(text, "{cell:>w$}", w = widths[k]);
            } else {
                let _ = write!(text, "{cell:<w$}", w = widths[k]);
            }
        }
        let _ = writeln!(out, "{}", text.trim_end());
    }
    out
}

/// Writes `content` to `path` atomically: a temporary file in the same directory, then a
/// rename, so a reader never sees a half-written report and a failure leaves nothing behind.
/// A path that is not a regular file (`/dev/null`, `/dev/stdout`, a FIFO) is written in place,
/// since renaming over it would replace the device; a symbolic link is followed, so the link
/// stays and its target gets the report.
pub fn write_atomic(path: &Path, content: &str) -> Result<(), Error> {
    let err = |source| Error::Output {
        path: path.to_path_buf(),
        source,
    };
    if let Ok(meta) = std::fs::metadata(path) {
        if meta.is_dir() {
            return Err(err(std::io::Error::other("it is a directory")));
        }
        if !meta.is_file() {
            let mut file = std::fs::OpenOptions::new()
                .write(true)
                .open(path)
                .map_err(err)?;
            return file.write_all(content.as_bytes()).map_err(err);
        }
    }
    let target = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
    let dir = match target.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let mut tmp = tempfile::Builder::new()
        .prefix(".debtscan-")
        .suffix(".tmp")
        .tempfile_in(dir)
        .map_err(err)?;
    tmp.write_all(content.as_bytes()).map_err(err)?;
    // A temporary file is private (0600); a report is not: keep the permissions of the file
    // it replaces, or give a new one the usual 0644.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&target).map_or(0o644, |m| m.permissions().mode());
        tmp.as_file()
            .set_permissions(std::fs::Permissions::from_mode(mode))
            .map_err(err)?;
    }
    tmp.as_file().sync_all().map_err(err)?;
    tmp.persist(&target).map_err(|e| err(e.error))?;
    Ok(())
}
