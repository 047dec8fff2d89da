//! Where a file created by a commit came from, read from the history pass's records: the
//! files the same commit deleted are the only candidates, so a commit's rename question costs
//! nothing when it deleted nothing, and never a diff of whole trees. Blame (tracing marker
//! lines) and the X-Ray (following a file's functions) ask it alike.

use std::collections::HashMap;

use git2::{Oid, Repository};

use super::{find_blob, FastHash, History};

/// Per commit, the files it deleted with their last blob.
pub struct Deletions<'h>(HashMap<Oid, Vec<(&'h str, Oid)>, FastHash>);

impl<'h> Deletions<'h> {
    /// Every deletion the history pass recorded (it records versions only when asked to).
    pub fn of(history: &'h History) -> Deletions<'h> {
        let mut by_commit: HashMap<Oid, Vec<(&str, Oid)>, FastHash> = HashMap::default();
        for (path, versions) in &history.versions {
            for v in versions {
                if let (Some(old), None) = (v.old, v.new) {
                    by_commit
                        .entry(history.commit_of(v))
                        .or_default()
                        .push((path.as_str(), old));
                }
            }
        }
        Deletions(by_commit)
    }

    /// The file `path` (created in `commit` as `blob`, whose content is `new_blob`) was renamed
    /// from, if any: a file the commit deleted with the same content, or else the deleted file
    /// most similar to it, provided at least half of the new file's lines come from it (git's
    /// default rename threshold is 50% similarity). Files with the same name are tried first;
    /// at most [`RENAME_CANDIDATES`] are compared. In a partial clone, a candidate whose blob
    /// is absent cannot be compared.
    pub fn source(
        &self,
        repo: &Repository,
        commit: Oid,
        path: &str,
        blob: Oid,
        new_blob: &git2::Blob,
        partial: bool,
    ) -> Result<Rename<'h>, git2::Error> {
        let Some(deleted) = self.0.get(&commit) else {
            return Ok(Rename::None);
        };
        if let Some(&(from, old)) = deleted.iter().find(|(_, old)| *old == blob) {
            return Ok(Rename::From(from, old));
        }
        let name = |p: &str| p.rsplit('/').next().unwrap_or(p).to_string();
        let mut absent = Vec::new();
        let new_lines = new_blob.content().split(|&b| b == b'\n').count().max(1);
        let mut candidates: Vec<&(&str, Oid)> = deleted.iter().collect();
        candidates.sort_by_key(|(p, _)| name(p) != name(path));
        let mut best: Option<(usize, (&str, Oid))> = None;
        for &&(from, old) in candidates.iter().take(RENAME_CANDIDATES) {
            let Some(old_blob) = find_blob(repo, old, partial)? else {
                absent.push(old);
                continue;
            };
            let (a, b) = (old_blob.size(), new_blob.size());
            if a > 2 * b + 64 || b > 2 * a + 64 {
                continue; // too different in size to be 50% similar
            }
            let (added, _) = super::treediff::diffed_lines(old_blob.content(), new_blob.content())?;
            let added = added as usize;
            if added * 2 <= new_lines && best.is_none_or(|(fewest, _)| added < fewest) {
                best = Some((added, (from, old)));
            }
        }
        Ok(match best {
            Some((_, (from, old))) => Rename::From(from, old),
            None if absent.is_empty() => Rename::None,
            None => Rename::Unknown(absent),
        })
    }

    /// A known answer for a file created in `commit`, as a [`Rename`] naming the deletion it
    /// came from; `None` when that deletion is not among this history's (then it is asked
    /// again).
    pub fn recall(&self, commit: Oid, known: Option<(String, Oid)>) -> Option<Rename<'h>> {
        let Some((from, old)) = known else {
            return Some(Rename::None);
        };
        let deleted = self.0.get(&commit)?;
        let &(path, old) = deleted.iter().find(|(p, o)| *p == from && *o == old)?;
        Some(Rename::From(path, old))
    }
}

/// What an earlier run found of where files came from (a cache): per commit, path created and
/// its blob, the path and blob it was renamed from, or `None` for a new file. A function of
/// the commit alone, whose deletions are all the candidates.
pub trait KnownRenames: Sync {
    /// The answer for `path`, created in `commit` as `blob`, if known.
    fn rename(&self, commit: Oid, path: &str, blob: Oid) -> Option<Option<(String, Oid)>>;
}

/// A rename answer computed in this run, for a later one: `(commit, path, blob, source)`.
pub type LearnedRename = (Oid, String, Oid, Option<(String, Oid)>);

/// Where a file created by a commit came from.
pub enum Rename<'h> {
    /// Renamed from this path, whose last blob this was.
    From(&'h str, Oid),
    /// Not a rename.
    None,
    /// No present file qualifies, but a partial clone lacks these candidates' blobs.
    Unknown(Vec<Oid>),
}

/// How many deleted files a rename search compares at most.
const RENAME_CANDIDATES: usize = 300;
