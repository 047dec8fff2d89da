//! Function-level hotspots ("X-Ray"): for a few files, which of their functions each commit in
//! the window changed. The file's versions are read from git, each parsed incrementally from
//! the one before, and every hunk of every commit is mapped to the functions holding its lines
//! (deleted lines in the old version, added lines in the new one). Functions are matched across
//! versions by symbol path, so a function keeps its count while it moves within its file.

use std::collections::HashMap;
use std::path::Path;

use git2::{Oid, Repository};
use rayon::prelude::*;

use crate::error::Error;
use crate::history::{self, follow::FileRevision, HistoryOptions};
use crate::lang::{self, LanguageDef};
use crate::parse::versions::{Hunk, ParsedVersion};

/// How often one function changed in the window.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct FunctionChanges {
    /// Commits that changed at least one of its lines.
    pub revisions: u32,
    /// The same, each weighted by recency (`0.5^(age / half-life)`, age before HEAD).
    pub weighted: f64,
}

/// The X-Ray of one file.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct FileXRay {
    /// Per symbol path.
    pub functions: HashMap<String, FunctionChanges>,
    /// Commits in the window that changed the file.
    pub revisions: u32,
    /// Versions left out: binary, or larger than the walk's size limit.
    pub skipped_versions: u32,
    /// Earlier paths the file was followed through.
    pub renamed_from: Vec<String>,
}

/// X-Rays `paths` (repository-relative, present at HEAD) over the commits `options` select.
/// `head_time` and `half_life_days` weight each change by its recency; versions larger than
/// `max_size` bytes are skipped.
pub fn xray(
    workdir: &Path,
    paths: &[String],
    options: &HistoryOptions,
    head_time: i64,
    max_size: u64,
) -> Result<HashMap<String, FileXRay>, Error> {
    let followed = history::follow::follow(workdir, paths, options)?;
    let err = |e: git2::Error| Error::Git {
        path: workdir.to_path_buf(),
        message: e.message().to_string(),
    };
    followed
        .into_par_iter()
        .filter_map(|(path, f)| Some((lang::for_path(Path::new(&path))?, path, f)))
        .map(|(def, path, f)| {
            let repo = Repository::open(workdir).map_err(err)?;
            let weight = |time: i64| {
                let age_days = (head_time - time).max(0) as f64 / 86_400.0;
                0.5f64.powf(age_days / options.half_life_days)
            };
            let mut out = file_xray(&repo, def, &f.revisions, &weight, max_size, &err)?;
            out.renamed_from = f.renamed_from;
            Ok((path, out))
        })
        .collect()
}

/// Walks one file's revisions, oldest first, keeping the last parsed version for the next.
fn file_xray(
    repo: &Repository,
    def: &'static LanguageDef,
    revisions: &[FileRevision],
    weight: &dyn Fn(i64) -> f64,
    max_size: u64,
    err: &dyn Fn(git2::Error) -> Error,
) -> Result<FileXRay, Error> {
    let mut out = FileXRay {
        revisions: revisions.len() as u32,
        ..FileXRay::default()
    };
    let mut previous: Option<(Oid, ParsedVersion)> = None;
    for rev in revisions {
        let new_blob = repo.find_blob(rev.new).map_err(err)?;
        if new_blob.is_binary() || new_blob.size() as u64 > max_size {
            out.skipped_versions += 1;
            previous = None;
            continue;
        }
        let new_text = String::from_utf8_lossy(new_blob.content()).into_owned();
        let old_blob = match rev.old {
            Some(old) => Some(repo.find_blob(old).map_err(err)?),
            None => None,
        }
        .filter(|b| !b.is_binary() && b.size() as u64 <= max_size);
        let old_version = match (previous.take(), &old_blob) {
            (Some((oid, v)), Some(b)) if oid == b.id() => Some(v),
            (_, Some(b)) => {
                let text = String::from_utf8_lossy(b.content()).into_owned();
                Some(ParsedVersion::parse(def, text)?)
            }
            (_, None) => None,
        };
        let hunks: Vec<Hunk> = match &old_blob {
            Some(old) => history::blame::blob_hunks(old, &new_blob)
                .map_err(err)?
                .into_iter()
                .map(|(old_start, old_lines, new_start, new_lines)| Hunk {
                    old_start,
                    old_lines,
                    new_start,
                    new_lines,
                })
                .collect(),
            None => Vec::new(),
        };
        let (new, touched) = match &old_version {
            None => {
                // Created (or first readable) here: every line is new.
                let new = ParsedVersion::parse(def, new_text)?;
                let touched = new.functions_at(def, &[(1, new.line_count())])?;
                (new, touched)
            }
            Some(old) => {
                let deleted: Vec<(u32, u32)> =
                    hunks.iter().map(|h| (h.old_start, h.old_lines)).collect();
                let added: Vec<(u32, u32)> =
                    hunks.iter().map(|h| (h.new_start, h.new_lines)).collect();
                let mut touched = old.functions_at(def, &deleted)?;
                let new = old.next(def, new_text, &hunks)?;
                touched.extend(new.functions_at(def, &added)?);
                (new, touched)
            }
        };
        for symbol in touched {
            let entry = out.functions.entry(symbol).or_default();
            entry.revisions += 1;
            entry.weighted += weight(rev.time);
        }
        previous = Some((rev.new, new));
    }
    Ok(out)
}
