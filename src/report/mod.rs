//! Output formats. Every format renders the same [`Backlog`], so they never disagree.

pub mod churn;
pub mod coupling;
pub mod json;
pub mod table;

use std::io::Write;
use std::path::Path;

use crate::error::Error;
use crate::model::Backlog;

/// An output format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// An aligned table for people (the default).
    Table,
    /// The versioned JSON backlog (schema_version 1).
    Json,
}

/// Renders `backlog` in `format`; `width` is the terminal width for the table, if any.
pub fn render(backlog: &Backlog, format: Format, width: Option<usize>) -> String {
    match format {
        Format::Table => table::render(backlog, width),
        Format::Json => json::render(backlog),
    }
}

/// Writes `content` to `path` atomically: a temporary file in the same directory, then a
/// rename, so a reader never sees a half-written report and a failure leaves nothing behind.
pub fn write_atomic(path: &Path, content: &str) -> Result<(), Error> {
    let err = |source| Error::Output {
        path: path.to_path_buf(),
        source,
    };
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let mut tmp = tempfile::Builder::new()
        .prefix(".debtscan-")
        .suffix(".tmp")
        .tempfile_in(dir)
        .map_err(err)?;
    tmp.write_all(content.as_bytes()).map_err(err)?;
    tmp.as_file().sync_all().map_err(err)?;
    tmp.persist(path).map_err(|e| err(e.error))?;
    Ok(())
}
