//! Where a file created by a commit came from, read from the history pass's records: the
//! files the same commit deleted are the only candidates, so a commit's rename question costs
//! nothing when it deleted nothing, and never a diff of whole trees. Blame (tracing marker
//! lines) and the X-Ray (following a file's functions) ask it alike.

use std::collections::HashMap;

use git2::{Oid, Repository};

use super::record::{oid, PathChange, Side};
use super::{absent, find_blob, FastHash, History};

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
    /// from, if any, among the files the commit deleted ([`source_among`]).
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
        Ok(
            match source_among(repo, deleted, path, blob, new_blob, partial)? {
                Source::At(i) => Rename::From(deleted[i].0, deleted[i].1),
                Source::None => Rename::None,
                Source::Unknown(absent) => Rename::Unknown(absent),
            },
        )
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

/// The largest file whose rename is told by comparing contents (a larger one, such as a
/// generated file or an image, must keep its content to be followed).
const MAX_COMPARED: usize = 1 << 20;

/// How many deleted files a rename search compares at most, the likeliest first: a commit
/// that moves a tree of modified files asks once per file, so the cost is bounded per file.
const RENAME_CANDIDATES: usize = 32;

/// Which of `deleted` a file created as `path` (blob `blob`, content `new_blob`) was renamed
/// from.
pub(super) enum Source {
    /// The deletion at this index.
    At(usize),
    /// None of them.
    None,
    /// None of those present, but a partial clone lacks these candidates' blobs.
    Unknown(Vec<Oid>),
}

/// The rename rule, one for every question debtscan asks (blame, the X-Ray, file histories):
/// a deleted file with the same content, or else the deleted file most similar to it,
/// provided the bytes of the lines they share are at least half of the larger one's (git's
/// default rename threshold, 50% similarity, measured as git does against the larger file:
/// a file split out of a larger one is new). Candidates are compared likeliest first (the
/// same file name, then the same extension, then the same directory: a move keeps the name, a
/// rename the place), at most [`RENAME_CANDIDATES`]. A binary file, or one over
/// [`MAX_COMPARED`] bytes, is renamed only with its content unchanged. In a partial clone, a
/// candidate whose blob is absent cannot be compared.
pub(super) fn source_among(
    repo: &Repository,
    deleted: &[(&str, Oid)],
    path: &str,
    blob: Oid,
    new_blob: &git2::Blob,
    partial: bool,
) -> Result<Source, git2::Error> {
    let same = (0..deleted.len()).filter(|&i| deleted[i].1 == blob);
    if let Some(i) = same.min_by_key(|&i| unlikeliness(deleted[i].0, path)) {
        return Ok(Source::At(i));
    }
    if new_blob.size() > MAX_COMPARED || super::treediff::is_binary(new_blob.content()) {
        return Ok(Source::None);
    }
    let mut absent_blobs = Vec::new();
    // Only the likeliest few are compared, so only they are put in order (a tree moved with
    // edits asks once per file among thousands of deletions); the index breaks ties, as the
    // order of `deleted` would.
    let mut candidates: Vec<usize> = (0..deleted.len()).collect();
    let key = |&i: &usize| (unlikeliness(deleted[i].0, path), i);
    if candidates.len() > RENAME_CANDIDATES {
        candidates.select_nth_unstable_by_key(RENAME_CANDIDATES, key);
        candidates.truncate(RENAME_CANDIDATES);
    }
    candidates.sort_unstable_by_key(key);
    let mut best: Option<(usize, usize)> = None;
    let odb = repo.odb()?;
    let b = new_blob.size();
    for i in candidates {
        let old = deleted[i].1;
        // The size first, from the object's header: most candidates end here, unread.
        let a = match odb.read_header(old) {
            Ok((size, _)) => size,
            Err(e) if absent(&e, partial) => {
                absent_blobs.push(old);
                continue;
            }
            Err(e) => return Err(e),
        };
        if a > 2 * b + 64 || b > 2 * a + 64 {
            continue; // too different in size to be 50% similar
        }
        let Some(old_blob) = find_blob(repo, old, partial)? else {
            absent_blobs.push(old);
            continue;
        };
        if super::treediff::is_binary(old_blob.content()) {
            continue;
        }
        let kept = kept_bytes(old_blob.content(), new_blob.content())?;
        if kept * 2 >= a.max(b).max(1) && best.is_none_or(|(most, _)| kept > most) {
            best = Some((kept, i));
        }
    }
    Ok(match best {
        Some((_, i)) => Source::At(i),
        None if absent_blobs.is_empty() => Source::None,
        None => Source::Unknown(absent_blobs),
    })
}

/// The bytes of `new` in lines a diff from `old` keeps.
fn kept_bytes(old: &[u8], new: &[u8]) -> Result<usize, git2::Error> {
    let hunks = super::xdiff::hunks(old, new, false)?;
    let starts: Vec<usize> = std::iter::once(0)
        .chain(
            new.iter()
                .enumerate()
                .filter(|(_, &c)| c == b'\n')
                .map(|(i, _)| i + 1),
        )
        .collect();
    let line_start = |line: u32| starts.get(line as usize).copied().unwrap_or(new.len());
    let added: usize = hunks
        .iter()
        .filter(|&&(_, _, _, lines)| lines > 0)
        .map(|&(_, _, start, lines)| line_start(start - 1 + lines) - line_start(start - 1))
        .sum();
    Ok(new.len() - added.min(new.len()))
}

/// How unlikely a rename from `from` to `to` is, before comparing contents: a different file
/// name, extension and directory, in that order of weight.
fn unlikeliness(from: &str, to: &str) -> (bool, bool, bool) {
    fn split(path: &str) -> (&str, &str) {
        path.rsplit_once('/').unwrap_or(("", path))
    }
    fn extension(name: &str) -> Option<&str> {
        name.rsplit_once('.').map(|(_, e)| e)
    }
    let (from_dir, from_name) = split(from);
    let (to_dir, to_name) = split(to);
    (
        from_name != to_name,
        extension(from_name) != extension(to_name),
        from_dir != to_dir,
    )
}

/// Marks each file `changes` create that was renamed from a file they delete
/// ([`PathChange::from`], by [`source_among`]); each deleted file is the source of one file
/// at most, files with their content unchanged first. Returns `false` when blobs needed to
/// answer were not here: telling
/// renames is best effort, so a partial clone, or a mirror that left out its largest files,
/// leaves the question open rather than failing the history.
pub(super) fn mark(repo: &Repository, changes: &mut [PathChange]) -> Result<bool, git2::Error> {
    // Any missing object is taken as one a partial clone may lack.
    const LENIENT: bool = true;
    let file = |side: Option<Side>| side.filter(|s| !s.is_gitlink()).map(|s| oid(&s.id));
    let deleted: Vec<(usize, Oid)> = (changes.iter().enumerate())
        .filter(|(_, c)| c.new.is_none())
        .filter_map(|(i, c)| file(c.old).map(|blob| (i, blob)))
        .collect();
    if deleted.is_empty() {
        return Ok(true);
    }
    let created: Vec<(usize, Oid)> = (changes.iter().enumerate())
        .filter(|(_, c)| c.old.is_none())
        .filter_map(|(i, c)| file(c.new).map(|blob| (i, blob)))
        .collect();
    let mut taken = vec![false; deleted.len()];
    let mut found: Vec<(usize, usize)> = Vec::new();
    let mut rest = Vec::new();
    // A move of a whole tree is thousands of files with their content unchanged.
    let mut by_blob: HashMap<Oid, Vec<usize>, FastHash> = HashMap::default();
    for (d, &(_, blob)) in deleted.iter().enumerate() {
        by_blob.entry(blob).or_default().push(d);
    }
    for &(i, blob) in &created {
        let same = by_blob.get(&blob).into_iter().flatten();
        let likeliest = (same.filter(|&&d| !taken[d]))
            .min_by_key(|&&d| unlikeliness(&changes[deleted[d].0].path, &changes[i].path));
        match likeliest {
            Some(&d) => {
                taken[d] = true;
                found.push((i, deleted[d].0));
            }
            None => rest.push((i, blob)),
        }
    }
    let mut known = true;
    let odb = repo.odb()?;
    for (i, blob) in rest {
        let free: Vec<usize> = (0..deleted.len()).filter(|&d| !taken[d]).collect();
        if free.is_empty() {
            break;
        }
        // Too large to compare (`source_among`'s rule): not even read.
        match odb.read_header(blob) {
            Ok((size, _)) if size > MAX_COMPARED => continue,
            Ok(_) => {}
            Err(e) if absent(&e, LENIENT) => {
                known = false;
                continue;
            }
            Err(e) => return Err(e),
        }
        let Some(new_blob) = find_blob(repo, blob, LENIENT)? else {
            known = false;
            continue;
        };
        let candidates: Vec<(&str, Oid)> = free
            .iter()
            .map(|&d| (changes[deleted[d].0].path.as_str(), deleted[d].1))
            .collect();
        match source_among(
            repo,
            &candidates,
            &changes[i].path,
            blob,
            &new_blob,
            LENIENT,
        )? {
            Source::At(c) => {
                taken[free[c]] = true;
                found.push((i, deleted[free[c]].0));
            }
            Source::None => {}
            Source::Unknown(_) => known = false,
        }
    }
    for (i, d) in found {
        changes[i].from = Some(d as u32);
    }
    Ok(known)
}
