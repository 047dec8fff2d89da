//! When each marker line was written, and by whom.
//!
//! libgit2's blame is far slower than `git blame` (libgit2 issue 3027): about 40 ms a line on
//! tokio. So lines are traced back through what the history pass recorded: every commit's
//! parents, and for every file the commits that changed it with its blob before and after.
//! This is blame's own algorithm: walk from HEAD along parents to the next commit that changed
//! the file, diff its change, and a line either was added there (its introduction) or maps to a
//! line of the parent's version; a merge hands each line to the first parent that has it; a file
//! created by a rename continues under its old name. Where the recorded history ends (a shallow
//! boundary), libgit2's blame, restricted to the remaining lines, decides. Commits in
//! `.git-blame-ignore-revs` pass a rewritten line on to its previous version, as `git blame
//! --ignore-revs-file` does (positionally; git matches lines by similarity). Work-tree changes
//! are diffed against HEAD first: uncommitted lines have no introduction.

use std::collections::HashMap;
use std::path::Path;

use git2::{BlameOptions, DiffOptions, ObjectType, Oid, Patch, Repository};

use super::{History, Version};
use rayon::prelude::*;

/// The commit that introduced a line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Introduction {
    /// Commit id.
    pub commit: String,
    /// `Name <email>` after `.mailmap`.
    pub author: String,
    /// Author time, seconds since the epoch.
    pub time: i64,
}

/// Per commit, the files it deleted with their last blob.
type Deletions<'h> = HashMap<Oid, Vec<(&'h str, Oid)>>;

/// Per path, its versions by commit.
type ByCommit<'h> = HashMap<&'h str, HashMap<Oid, &'h Version>>;

/// Per path, walked commits and the change found at or before each (saves re-walking).
type Memo<'h> = HashMap<String, HashMap<Oid, Option<&'h Version>>>;

/// The history pass's records, indexed for tracing.
struct Index<'h> {
    history: &'h History,
    deletions: Deletions<'h>,
    by_commit: ByCommit<'h>,
    /// For the authors of lines libgit2's blame places.
    mailmap: super::mailmap::Mailmap,
    /// A partial clone: a line whose trace needs a missing blob is left without introduction.
    partial: bool,
    /// The commit lines are traced from (`--as-of`); `None`: HEAD, with the work tree's
    /// changes on top.
    start: Option<Oid>,
}

impl<'h> Index<'h> {
    /// From `commit` back along first parents, the first commit that changed `path`. Every
    /// commit walked is remembered in `memo`, so later walks down the same line stop early.
    fn change_at_or_before(
        &self,
        path: &str,
        commit: Oid,
        memo: &mut Memo<'h>,
    ) -> Option<&'h Version> {
        let versions = self.by_commit.get(path)?;
        if !memo.contains_key(path) {
            memo.insert(path.to_string(), HashMap::new());
        }
        let memo = memo.get_mut(path)?;
        let mut walked = Vec::new();
        let mut at = commit;
        let found = loop {
            if let Some(&known) = memo.get(&at) {
                break known;
            }
            if let Some(&v) = versions.get(&at) {
                break Some(v);
            }
            walked.push(at);
            match self.history.parents.get(&at).and_then(|p| p.first()) {
                Some(&parent) => at = parent,
                None => break None,
            }
        };
        for w in walked {
            memo.insert(w, found);
        }
        found
    }

    fn parents(&self, commit: Oid) -> &'h [Oid] {
        self.history.parents.get(&commit).map_or(&[], Vec::as_slice)
    }
}

/// A blamed line: `(path, line)` and who introduced it.
type Blamed = ((String, u32), Option<Introduction>);

/// Blames `lines` (1-based) of each repository-relative path. A line that is not committed yet
/// maps to `None`, and so does one whose trace needs a blob a partial clone lacks (counted in
/// `history.missing`); files that cannot be blamed (not in HEAD) are left out. From a `start`
/// commit (`--as-of`) the lines are that commit's, and the work tree is not read.
pub fn introductions(
    workdir: &Path,
    history: &History,
    files: &[(String, Vec<u32>)],
    start: Option<Oid>,
) -> Result<HashMap<(String, u32), Option<Introduction>>, git2::Error> {
    // Files each commit deleted, to follow a file back through a rename, and each file's
    // versions by commit.
    let mut deletions: Deletions = HashMap::new();
    let mut by_commit: ByCommit = HashMap::new();
    for (path, versions) in &history.versions {
        for v in versions {
            if let (Some(old), None) = (v.old, v.new) {
                deletions
                    .entry(v.commit)
                    .or_default()
                    .push((path.as_str(), old));
            }
            by_commit
                .entry(path.as_str())
                .or_default()
                .insert(v.commit, v);
        }
    }
    let repo = Repository::open(workdir)?;
    let index = Index {
        history,
        deletions,
        by_commit,
        mailmap: super::mailmap::Mailmap::at(&repo, start),
        partial: super::partial_clone(&repo),
        start,
    };
    let results: Vec<Result<Vec<Blamed>, git2::Error>> = files
        .par_iter()
        .map_init(
            || Repository::open(workdir),
            |repo, (path, lines)| match repo {
                Ok(repo) => trace_lines(repo, workdir, &index, path, lines),
                Err(e) => Err(git2::Error::from_str(e.message())),
            },
        )
        .collect();
    let mut out = HashMap::new();
    for r in results {
        out.extend(r?);
    }
    Ok(out)
}

/// Where a line of a new blob comes from, given the diff from the old blob.
enum Origin {
    /// Added by this change (`hunk_old` is the old hunk's first line and length, if any).
    Added { hunk_old: (u32, u32), offset: u32 },
    /// The same line in the old blob.
    Old(u32),
}

/// A hunk's `(old_start, old_lines, new_start, new_lines)`.
/// A line-diff hunk: `(old_start, old_lines, new_start, new_lines)`, numbered as git does.
pub(crate) type Hunk = (u32, u32, u32, u32);

fn origin(hunks: &[Hunk], line: u32) -> Origin {
    let mut shift: i64 = 0;
    for &(old_start, old_lines, new_start, new_lines) in hunks {
        if new_lines > 0 && (new_start..new_start + new_lines).contains(&line) {
            return Origin::Added {
                hunk_old: (old_start, old_lines),
                offset: line - new_start,
            };
        }
        let before = if new_lines == 0 {
            new_start < line
        } else {
            new_start + new_lines <= line
        };
        if !before {
            break;
        }
        shift += i64::from(old_lines) - i64::from(new_lines);
    }
    Origin::Old((i64::from(line) + shift).max(1) as u32)
}

/// Diff options as `git blame` uses them: no context, and the indent heuristic (git's default
/// since 2.14), which decides where an ambiguous hunk sits and so who gets a line.
fn options() -> DiffOptions {
    let mut opts = DiffOptions::new();
    opts.context_lines(0)
        .force_text(true)
        .indent_heuristic(true);
    opts
}

/// git trims the common tail of two texts before diffing them without context (xdiff-interface.c,
/// `trim_common_tail`): whole 1,024-byte blocks, then back to a line end. It changes how an
/// ambiguous change is aligned, so blame must do the same to agree with git.
fn trim_common_tail<'a>(a: &'a [u8], b: &'a [u8]) -> (&'a [u8], &'a [u8]) {
    const BLOCK: usize = 1024;
    let smaller = a.len().min(b.len());
    let mut trimmed = 0;
    while BLOCK + trimmed <= smaller
        && a[a.len() - trimmed - BLOCK..a.len() - trimmed]
            == b[b.len() - trimmed - BLOCK..b.len() - trimmed]
    {
        trimmed += BLOCK;
    }
    let start = a.len() - trimmed;
    let mut recovered = 0;
    while recovered < trimmed {
        recovered += 1;
        if a[start + recovered - 1] == b'\n' {
            break;
        }
    }
    let cut = trimmed - recovered;
    (&a[..a.len() - cut], &b[..b.len() - cut])
}

/// The hunks between two blobs, computed as `git blame` computes them.
pub(crate) fn blob_hunks(old: &git2::Blob, new: &git2::Blob) -> Result<Vec<Hunk>, git2::Error> {
    let (a, b) = trim_common_tail(old.content(), new.content());
    let patch = if a.len() == old.content().len() {
        // Nothing trimmed: diff the blobs themselves (buffers would be re-hashed with SHA-1).
        Patch::from_blobs(old, None, new, None, Some(&mut options()))?
    } else {
        Patch::from_buffers(a, None, b, None, Some(&mut options()))?
    };
    hunks(&patch)
}

/// The hunks between two texts, quickly: the lines both share at the start and at the end are
/// set aside before diffing, so a small edit to a large file diffs only its changed middle.
/// Where a change could be aligned in several ways the result may differ from git's; line
/// counts per hunk do not.
pub(crate) fn trimmed_hunks(old: &[u8], new: &[u8]) -> Result<Vec<Hunk>, git2::Error> {
    let mut prefix = old.iter().zip(new).take_while(|(a, b)| a == b).count();
    // Back to the start of a line; a shared line must end in a newline to be set aside.
    prefix = old[..prefix]
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |i| i + 1);
    let (a, b) = (&old[prefix..], &new[prefix..]);
    let mut suffix = a
        .iter()
        .rev()
        .zip(b.iter().rev())
        .take_while(|(x, y)| x == y)
        .count();
    // Forward to just after a newline, so whole lines are set aside (never the unfinished
    // last line of one side).
    while suffix > 0 && a[a.len() - suffix] != b'\n' {
        suffix -= 1;
    }
    // Keep the newline that ends the last differing line.
    suffix = suffix.saturating_sub(1);
    let (a, b) = (&a[..a.len() - suffix], &b[..b.len() - suffix]);
    if a == b {
        return Ok(Vec::new());
    }
    let shift = old[..prefix].iter().filter(|&&c| c == b'\n').count() as u32;
    let patch = Patch::from_buffers(a, None, b, None, Some(&mut options()))?;
    Ok(hunks(&patch)?
        .into_iter()
        .map(|(os, ol, ns, nl)| (os + shift, ol, ns + shift, nl))
        .collect())
}

fn hunks(patch: &Patch) -> Result<Vec<Hunk>, git2::Error> {
    (0..patch.num_hunks())
        .map(|h| {
            let (hunk, _) = patch.hunk(h)?;
            Ok((
                hunk.old_start(),
                hunk.old_lines(),
                hunk.new_start(),
                hunk.new_lines(),
            ))
        })
        .collect()
}

fn introduction(v: &Version) -> Introduction {
    Introduction {
        commit: v.commit.to_string(),
        author: v.author.to_string(),
        time: v.author_time,
    }
}

/// A blob, or `None` when a partial clone lacks it.
fn find_blob(
    repo: &Repository,
    oid: Oid,
    partial: bool,
) -> Result<Option<git2::Blob<'_>>, git2::Error> {
    match repo.find_blob(oid) {
        Ok(blob) => Ok(Some(blob)),
        Err(e) if super::absent(&e, partial) => Ok(None),
        Err(e) => Err(e),
    }
}

fn trace_lines<'h>(
    repo: &Repository,
    workdir: &Path,
    index: &Index<'h>,
    path: &str,
    lines: &[u32],
) -> Result<Vec<Blamed>, git2::Error> {
    // Lines that could not be traced for want of these blobs.
    let mut unplaced: Vec<u32> = Vec::new();
    let mut missing: Vec<Oid> = Vec::new();
    let mut out = trace_or_miss(
        repo,
        workdir,
        index,
        path,
        lines,
        &mut unplaced,
        &mut missing,
    )?;
    if !unplaced.is_empty() {
        index
            .history
            .missing
            .introductions(&missing, unplaced.len());
        out.extend(unplaced.into_iter().map(|l| ((path.to_string(), l), None)));
    }
    Ok(out)
}

fn trace_or_miss<'h>(
    repo: &Repository,
    workdir: &Path,
    index: &Index<'h>,
    path: &str,
    lines: &[u32],
    unplaced: &mut Vec<u32>,
    missing: &mut Vec<Oid>,
) -> Result<Vec<Blamed>, git2::Error> {
    let head_commit = match index.start {
        Some(start) => repo.find_commit(start)?,
        None => repo.head()?.peel_to_commit()?,
    };
    let head = head_commit.tree()?;
    let Ok(entry) = head.get_path(Path::new(path)) else {
        // Not committed at all: every line is new.
        return Ok(lines
            .iter()
            .map(|&l| ((path.to_string(), l), None))
            .collect());
    };
    let mut out = Vec::with_capacity(lines.len());
    let key = |l: u32| (path.to_string(), l);
    // (line in the work tree, line in the blob being traced)
    let mut pending: Vec<(u32, u32)> = Vec::with_capacity(lines.len());
    // As of a commit, the lines are the committed ones.
    let on_disk = match index.start {
        Some(_) => Some(entry.id()),
        None => Oid::hash_file(ObjectType::Blob, workdir.join(path)).ok(),
    };
    if on_disk == Some(entry.id()) {
        pending.extend(lines.iter().map(|&l| (l, l)));
    } else {
        let content = std::fs::read(workdir.join(path)).unwrap_or_default();
        let Some(committed) = find_blob(repo, entry.id(), index.partial)? else {
            missing.push(entry.id());
            unplaced.extend(lines);
            return Ok(out);
        };
        let patch = Patch::from_buffers(
            committed.content(),
            None,
            &content,
            None,
            Some(&mut options()),
        )?;
        let hunks = hunks(&patch)?;
        for &l in lines {
            match origin(&hunks, l) {
                Origin::Added { .. } => out.push((key(l), None)),
                Origin::Old(n) => pending.push((l, n)),
            }
        }
    }
    // Lines still to place, in groups that share the file (its name changes at renames), its
    // blob, and the commit from which to look further back.
    struct Trace<'v> {
        lines: Vec<(u32, u32)>,
        path: &'v str,
        blob: Oid,
        commit: Oid,
    }
    let mut memo = Memo::new();
    let mut work = vec![Trace {
        lines: std::mem::take(&mut pending),
        path,
        blob: entry.id(),
        commit: head_commit.id(),
    }];
    while let Some(mut t) = work.pop() {
        if t.lines.is_empty() {
            continue;
        }
        let v = match index.change_at_or_before(t.path, t.commit, &mut memo) {
            Some(v) if v.new == Some(t.blob) => v,
            _ => {
                // The recorded history ends here (a shallow boundary, a filtered walk).
                pending.extend(t.lines);
                continue;
            }
        };
        let Some(new_blob) = find_blob(repo, t.blob, index.partial)? else {
            missing.push(t.blob);
            unplaced.extend(t.lines.drain(..).map(|(l, _)| l));
            continue;
        };
        let parent_commits = index.parents(v.commit);
        // Each parent's version of the file, and for a file created here, the file it was
        // renamed from.
        let mut parents: Vec<(&str, Oid, Oid)> = Vec::new();
        if let (Some(old), Some(&first)) = (v.old, parent_commits.first()) {
            parents.push((t.path, old, first));
        } else if v.old.is_none() && v.merge_parents.is_empty() {
            match rename_source(repo, index, v.commit, t.path, t.blob, &new_blob)? {
                Rename::From(from, old) => {
                    if let Some(&first) = parent_commits.first() {
                        parents.push((from, old, first));
                    }
                }
                Rename::None => {}
                Rename::Unknown(blobs) => {
                    // The file may have been renamed from one of these: who wrote the lines
                    // cannot be told.
                    missing.extend(blobs);
                    unplaced.extend(t.lines.drain(..).map(|(l, _)| l));
                    continue;
                }
            }
        }
        for (blob, &commit) in v.merge_parents.iter().zip(parent_commits.iter().skip(1)) {
            if let Some(blob) = blob {
                parents.push((t.path, *blob, commit));
            }
        }
        for (parent_path, parent_blob, parent_commit) in parents {
            if t.lines.is_empty() {
                break;
            }
            let Some(old_blob) = find_blob(repo, parent_blob, index.partial)? else {
                missing.push(parent_blob);
                unplaced.extend(t.lines.drain(..).map(|(l, _)| l));
                break;
            };
            let hunks = blob_hunks(&old_blob, &new_blob)?;
            let mut from_parent = Vec::new();
            let mut rest = Vec::new();
            for (l, cur) in t.lines.drain(..) {
                match origin(&hunks, cur) {
                    Origin::Added {
                        hunk_old: (start, len),
                        offset,
                    } if v.ignored && len > 0 => {
                        // An ignored revision rewrote the line: credit its previous version.
                        from_parent.push((l, start + offset.min(len - 1)));
                    }
                    Origin::Added { .. } => rest.push((l, cur)),
                    Origin::Old(n) => from_parent.push((l, n)),
                }
            }
            t.lines = rest;
            work.push(Trace {
                lines: from_parent,
                path: parent_path,
                blob: parent_blob,
                commit: parent_commit,
            });
        }
        // Whatever no parent had, this commit wrote.
        out.extend(
            t.lines
                .drain(..)
                .map(|(l, _)| (key(l), Some(introduction(v)))),
        );
    }
    if !pending.is_empty() {
        let rest: Vec<u32> = pending.iter().map(|&(l, _)| l).collect();
        match blame_lines(repo, workdir, path, &rest, index) {
            Ok(found) => out.extend(found),
            Err(e) if super::absent(&e, index.partial) => {
                missing.extend(object_id_in(e.message()));
                unplaced.extend(rest);
            }
            // libgit2's blame rebuilds every signature it meets and refuses an empty name or
            // email; those lines stay without an introduction rather than failing the run.
            Err(e)
                if e.class() == git2::ErrorClass::Invalid && e.message().contains("signature") =>
            {
                out.extend(rest.into_iter().map(|l| ((path.to_string(), l), None)));
            }
            Err(e) => return Err(e),
        }
    }
    Ok(out)
}

/// The object id a libgit2 "object not found" message names, if it names a full one.
fn object_id_in(message: &str) -> Option<Oid> {
    message
        .split(|c: char| !c.is_ascii_hexdigit())
        .find(|w| w.len() == 40)
        .and_then(|w| Oid::from_str(w).ok())
}

/// Where a file created by a commit came from.
enum Rename<'h> {
    /// Renamed from this path, whose last blob this was.
    From(&'h str, Oid),
    /// Not a rename.
    None,
    /// No present file qualifies, but a partial clone lacks these candidates' blobs.
    Unknown(Vec<Oid>),
}

/// The file a newly created `path` was renamed from in `commit`, if any: a deleted file with
/// the same content, or else the deleted file most similar to it, provided at least half of
/// the new file's lines come from it (git's default rename threshold is 50% similarity).
/// Files with the same name are tried first; at most [`RENAME_CANDIDATES`] are compared.
fn rename_source<'h>(
    repo: &Repository,
    index: &Index<'h>,
    commit: Oid,
    path: &str,
    blob: Oid,
    new_blob: &git2::Blob,
) -> Result<Rename<'h>, git2::Error> {
    let Some(deleted) = index.deletions.get(&commit) else {
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
        let Some(old_blob) = find_blob(repo, old, index.partial)? else {
            absent.push(old);
            continue;
        };
        let (a, b) = (old_blob.size(), new_blob.size());
        if a > 2 * b + 64 || b > 2 * a + 64 {
            continue; // too different in size to be 50% similar
        }
        let patch = Patch::from_blobs(&old_blob, None, new_blob, None, Some(&mut options()))?;
        let (_, added, _) = patch.line_stats()?;
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

/// How many deleted files a rename search compares at most.
const RENAME_CANDIDATES: usize = 300;

/// libgit2's blame for lines the history trace could not place.
fn blame_lines(
    repo: &Repository,
    workdir: &Path,
    path: &str,
    lines: &[u32],
    index: &Index,
) -> Result<Vec<Blamed>, git2::Error> {
    let mailmap = &index.mailmap;
    let head = match index.start {
        Some(start) => repo.find_commit(start)?.tree()?,
        None => repo.head()?.peel_to_tree()?,
    };
    let Ok(entry) = head.get_path(Path::new(path)) else {
        // Not committed at all: every line is new.
        return Ok(lines
            .iter()
            .map(|&l| ((path.to_string(), l), None))
            .collect());
    };
    // As of a commit, the lines are the committed ones; the work tree is not read.
    let clean = index.start.is_some()
        || Oid::hash_file(ObjectType::Blob, workdir.join(path)).ok() == Some(entry.id());
    let mut out = Vec::with_capacity(lines.len());
    if clean {
        for &line in lines {
            let mut opts = BlameOptions::new();
            opts.min_line(line as usize).max_line(line as usize);
            if let Some(start) = index.start {
                opts.newest_commit(start);
            }
            let blame = repo.blame_file(Path::new(path), Some(&mut opts))?;
            out.push((
                (path.to_string(), line),
                hunk_introduction(repo, &blame, line, mailmap),
            ));
        }
    } else {
        let committed = repo.blame_file(Path::new(path), None)?;
        let content = std::fs::read(workdir.join(path)).unwrap_or_default();
        let blame = committed.blame_buffer(&content)?;
        for &line in lines {
            out.push((
                (path.to_string(), line),
                hunk_introduction(repo, &blame, line, mailmap),
            ));
        }
    }
    Ok(out)
}

/// The introduction of a blamed line; its author is mapped here, as the history pass maps
/// authors, rather than by libgit2 (which refuses empty names and emails).
fn hunk_introduction(
    repo: &Repository,
    blame: &git2::Blame,
    line: u32,
    mailmap: &super::mailmap::Mailmap,
) -> Option<Introduction> {
    let hunk = blame.get_line(line as usize)?;
    let id = hunk.final_commit_id();
    if id.is_zero() {
        return None;
    }
    let (author, time) = match repo.find_commit(id) {
        Ok(c) => (mailmap.identity(&c.author()), c.author().when().seconds()),
        Err(_) => {
            let signature = hunk.final_signature()?;
            (mailmap.identity(&signature), signature.when().seconds())
        }
    };
    Some(Introduction {
        commit: id.to_string(),
        author,
        time,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn common_tail_is_trimmed_in_blocks_back_to_a_line_end() {
        let tail: Vec<u8> = b"common line\n".repeat(200);
        let a = [b"old first\n".as_slice(), &tail].concat();
        let b = [b"new first line\n".as_slice(), &tail].concat();
        let (x, y) = trim_common_tail(&a, &b);
        assert!(x.len() < a.len() && y.len() < b.len());
        assert_eq!(a.len() - x.len(), b.len() - y.len());
        assert!(x.ends_with(b"\n") && y.ends_with(b"\n"));
        assert!(x.starts_with(b"old first\n") && y.starts_with(b"new first line\n"));
        // Short texts are left alone.
        assert_eq!(
            trim_common_tail(b"a\nb\n", b"c\nb\n"),
            (&b"a\nb\n"[..], &b"c\nb\n"[..])
        );
    }

    #[test]
    fn trimmed_hunks_equal_whole_file_hunks_in_line_counts() {
        let cases: [(&str, &str); 6] = [
            ("a\nb\nc\n", "a\nB\nc\n"),
            ("a\nb\nc\n", "a\nb\nc\nd\n"),
            ("a\nb\nc\n", "x\na\nb\nc\n"),
            ("a\nb\nc", "a\nb\nC"),
            ("a\nb\nc\n", "a\nc\n"),
            ("same\n", "same\n"),
        ];
        for (old, new) in cases {
            let whole = hunks(
                &Patch::from_buffers(
                    old.as_bytes(),
                    None,
                    new.as_bytes(),
                    None,
                    Some(&mut options()),
                )
                .unwrap(),
            )
            .unwrap();
            assert_eq!(
                trimmed_hunks(old.as_bytes(), new.as_bytes()).unwrap(),
                whole,
                "{old:?} -> {new:?}"
            );
        }
    }

    #[test]
    fn origin_maps_lines_through_hunks() {
        // old: a b c d ; new: a X c d e  → line 2 replaced, line 5 appended.
        let hunks = [(2, 1, 2, 1), (4, 0, 5, 1)];
        assert!(matches!(origin(&hunks, 1), Origin::Old(1)));
        assert!(matches!(origin(&hunks, 2), Origin::Added { .. }));
        assert!(matches!(origin(&hunks, 4), Origin::Old(4)));
        assert!(matches!(origin(&hunks, 5), Origin::Added { .. }));
        // A pure deletion of old lines 2-3 shifts later lines up.
        let hunks = [(2, 2, 1, 0)];
        assert!(matches!(origin(&hunks, 2), Origin::Old(4)));
    }
}
