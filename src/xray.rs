//! Function-level hotspots ("X-Ray"): for a few files, which of their functions each commit in
//! the window changed. The file's versions are read from git, each parsed incrementally from
//! the one before, and every hunk of every commit is mapped to the functions holding its lines
//! (deleted lines in the old version, added lines in the new one). Functions are matched across
//! versions by symbol path, so a function keeps its count while it moves within its file.

use std::collections::HashMap;
use std::path::Path;
use std::rc::Rc;

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
/// `max_size` bytes are skipped, and so are those whose blobs a partial clone lacks (recorded
/// in `missing`).
pub fn xray(
    workdir: &Path,
    paths: &[String],
    options: &HistoryOptions,
    head_time: i64,
    max_size: u64,
    missing: &history::Missing,
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
            let partial = history::partial_clone(&repo);
            let weight = |time: i64| {
                let age_days = (head_time - time).max(0) as f64 / crate::util::DAY as f64;
                crate::util::recency_weight(age_days, options.half_life_days)
            };
            let mut versions = Versions {
                repo: &repo,
                def,
                max_size,
                err: &err,
                partial,
                missing: Vec::new(),
                recent: Vec::new(),
            };
            let (mut out, unused) = file_xray(&mut versions, &f.revisions, &weight)?;
            if unused > 0 {
                missing.versions(&versions.missing, unused);
            }
            out.renamed_from = f.renamed_from;
            Ok((path, out))
        })
        .collect()
}

/// Walks one file's revisions, oldest first. Every version after the first is parsed
/// incrementally from a version already parsed: the one before it when history is linear, else
/// the most recently parsed one (on a merged branch, usually a close relative). Also returns
/// how many revisions could not be used because a blob is missing.
fn file_xray(
    versions: &mut Versions,
    revisions: &[FileRevision],
    weight: &dyn Fn(i64) -> f64,
) -> Result<(FileXRay, usize), Error> {
    let def = versions.def;
    let err = versions.err;
    let mut out = FileXRay {
        revisions: revisions.len() as u32,
        ..FileXRay::default()
    };
    let mut unused = 0;
    for rev in revisions {
        let new_text = match versions.text(rev.new)? {
            Text::Usable(text) => text,
            Text::Unusable => {
                out.skipped_versions += 1;
                continue;
            }
            Text::Missing => {
                unused += 1;
                continue;
            }
        };
        let old = match rev.old {
            Some(oid) => match versions.get(oid)? {
                Text::Usable(old) => Some(old),
                Text::Unusable => None,
                Text::Missing => {
                    // Which functions this commit changed cannot be told; its version is
                    // still the base for the next one.
                    unused += 1;
                    let new = versions.derive(new_text)?;
                    versions.remember(rev.new, new);
                    continue;
                }
            },
            None => None,
        };
        let (new, touched) = match &old {
            None => {
                // Created (or first readable) here: every line is new.
                let new = versions.derive(new_text)?;
                let touched = new.functions_at(def, &[(1, new.line_count())])?;
                (new, touched)
            }
            Some(old) => {
                let hunks = hunks(old.text().as_bytes(), new_text.as_bytes()).map_err(err)?;
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
        versions.remember(rev.new, new);
    }
    Ok((out, unused))
}

/// A version's text, if it can be used.
enum Text<T> {
    Usable(T),
    /// Binary, or too large to parse.
    Unusable,
    /// A partial clone lacks the blob.
    Missing,
}

/// How many parsed versions of a file are kept for reuse.
const RECENT_VERSIONS: usize = 8;

/// The parsed versions of one file, most recent last.
struct Versions<'a> {
    repo: &'a Repository,
    def: &'static LanguageDef,
    max_size: u64,
    err: &'a dyn Fn(git2::Error) -> Error,
    /// A partial clone, where blobs may be missing.
    partial: bool,
    /// Blobs found missing.
    missing: Vec<Oid>,
    recent: Vec<(Oid, Rc<ParsedVersion>)>,
}

impl Versions<'_> {
    /// The text of a blob.
    fn text(&mut self, oid: Oid) -> Result<Text<String>, Error> {
        let blob = match self.repo.find_blob(oid) {
            Ok(blob) => blob,
            Err(e) if history::absent(&e, self.partial) => {
                self.missing.push(oid);
                return Ok(Text::Missing);
            }
            Err(e) => return Err((self.err)(e)),
        };
        if blob.is_binary() || blob.size() as u64 > self.max_size {
            return Ok(Text::Unusable);
        }
        Ok(Text::Usable(
            String::from_utf8_lossy(blob.content()).into_owned(),
        ))
    }

    /// The parsed version of a blob, from the cache or derived.
    fn get(&mut self, oid: Oid) -> Result<Text<Rc<ParsedVersion>>, Error> {
        if let Some((_, v)) = self.recent.iter().find(|(o, _)| *o == oid) {
            return Ok(Text::Usable(v.clone()));
        }
        let text = match self.text(oid)? {
            Text::Usable(text) => text,
            Text::Unusable => return Ok(Text::Unusable),
            Text::Missing => return Ok(Text::Missing),
        };
        let version = Rc::new(self.derive(text)?);
        self.recent.push((oid, version.clone()));
        self.trim();
        Ok(Text::Usable(version))
    }

    /// Parses `text`, incrementally from the most recent version if there is one.
    fn derive(&self, text: String) -> Result<ParsedVersion, Error> {
        match self.recent.last() {
            Some((_, base)) => {
                let hunks = hunks(base.text().as_bytes(), text.as_bytes()).map_err(self.err)?;
                base.next(self.def, text, &hunks)
            }
            None => ParsedVersion::parse(self.def, text),
        }
    }

    fn remember(&mut self, oid: Oid, version: ParsedVersion) {
        self.recent.retain(|(o, _)| *o != oid);
        self.recent.push((oid, Rc::new(version)));
        self.trim();
    }

    fn trim(&mut self) {
        if self.recent.len() > RECENT_VERSIONS {
            self.recent.remove(0);
        }
    }
}

/// The line hunks between two texts.
fn hunks(old: &[u8], new: &[u8]) -> Result<Vec<Hunk>, git2::Error> {
    Ok(history::blame::trimmed_hunks(old, new)?
        .into_iter()
        .map(|(old_start, old_lines, new_start, new_lines)| Hunk {
            old_start,
            old_lines,
            new_start,
            new_lines,
        })
        .collect())
}
