//! Which files differ between two trees, and by how many lines, counted the way
//! `git diff --numstat --no-renames` counts them.
//!
//! libgit2's own tree diff goes through generic iterators and reports a type change (file to
//! symlink) as a deletion plus an addition; git reports one change. This compares tree entries
//! directly, as git does: equal subtrees are skipped by id without being read.

use std::cmp::Ordering;

use git2::{Oid, Repository, Tree, TreeEntry};

/// Git's file mode for a tree (directory) entry.
const MODE_TREE: i32 = 0o040000;
/// Git's file mode for a submodule (gitlink) entry.
pub(crate) const MODE_GITLINK: i32 = 0o160000;
/// git decides that a file is binary by a NUL byte among its first 8,000 bytes.
const BINARY_PROBE: usize = 8000;

/// One side of a changed file: its blob (or submodule commit) id and mode.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Side {
    /// Blob id, or the commit id of a submodule.
    pub id: Oid,
    /// Git file mode (`0o100644`, `0o100755`, `0o120000`, `0o160000`).
    pub mode: i32,
}

/// A file that differs between two trees.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    /// Path from the repository root, `/`-separated, as stored (not necessarily UTF-8).
    pub path: Vec<u8>,
    /// Before, if the file existed.
    pub old: Option<Side>,
    /// After, if the file exists.
    pub new: Option<Side>,
}

/// Appends every file that differs between `old` (or the empty tree) and `new` to `out`.
pub fn changed_files(
    repo: &Repository,
    old: Option<&Tree>,
    new: Option<&Tree>,
    out: &mut Vec<Change>,
) -> Result<(), git2::Error> {
    let mut prefix = Vec::new();
    walk(repo, old, new, &mut prefix, out)
}

fn walk(
    repo: &Repository,
    old: Option<&Tree>,
    new: Option<&Tree>,
    prefix: &mut Vec<u8>,
    out: &mut Vec<Change>,
) -> Result<(), git2::Error> {
    let olds: Vec<TreeEntry> = old.map(|t| t.iter().collect()).unwrap_or_default();
    let news: Vec<TreeEntry> = new.map(|t| t.iter().collect()).unwrap_or_default();
    let (mut i, mut j) = (0, 0);
    while i < olds.len() || j < news.len() {
        let order = match (olds.get(i), news.get(j)) {
            (Some(a), Some(b)) => tree_order(a, b),
            (Some(_), None) => Ordering::Less,
            _ => Ordering::Greater,
        };
        match order {
            Ordering::Less => {
                entry(repo, Some(&olds[i]), None, prefix, out)?;
                i += 1;
            }
            Ordering::Greater => {
                entry(repo, None, Some(&news[j]), prefix, out)?;
                j += 1;
            }
            Ordering::Equal => {
                let (a, b) = (&olds[i], &news[j]);
                if a.id() != b.id() || a.filemode() != b.filemode() {
                    entry(repo, Some(a), Some(b), prefix, out)?;
                }
                i += 1;
                j += 1;
            }
        }
    }
    Ok(())
}

/// One entry present on either or both sides (with the same name and kind).
fn entry(
    repo: &Repository,
    old: Option<&TreeEntry>,
    new: Option<&TreeEntry>,
    prefix: &mut Vec<u8>,
    out: &mut Vec<Change>,
) -> Result<(), git2::Error> {
    let name = old.or(new).map(|e| e.name_bytes()).unwrap_or_default();
    let len = prefix.len();
    prefix.extend_from_slice(name);
    let is_tree = |e: Option<&TreeEntry>| e.is_some_and(|e| e.filemode() == MODE_TREE);
    if is_tree(old) || is_tree(new) {
        let subtree = |e: Option<&TreeEntry>| match e {
            Some(e) if e.filemode() == MODE_TREE => repo.find_tree(e.id()).map(Some),
            _ => Ok(None),
        };
        let (a, b) = (subtree(old)?, subtree(new)?);
        prefix.push(b'/');
        walk(repo, a.as_ref(), b.as_ref(), prefix, out)?;
    } else {
        let side = |e: Option<&TreeEntry>| {
            e.map(|e| Side {
                id: e.id(),
                mode: e.filemode(),
            })
        };
        out.push(Change {
            path: prefix.clone(),
            old: side(old),
            new: side(new),
        });
    }
    prefix.truncate(len);
    Ok(())
}

/// Git's tree entry order: by name, where a directory sorts as if its name ended in `/`.
/// Called for every entry pair of every tree compared, so it allocates nothing: a directory's
/// `/` is chained onto its name.
fn tree_order(a: &TreeEntry, b: &TreeEntry) -> Ordering {
    let tail = |e: &TreeEntry| -> &'static [u8] {
        if e.filemode() == MODE_TREE {
            b"/"
        } else {
            b""
        }
    };
    let x = a.name_bytes().iter().chain(tail(a));
    let y = b.name_bytes().iter().chain(tail(b));
    x.cmp(y)
}

/// Lines added and deleted by a change; `(0, 0)` when either side is binary, as
/// `git diff --numstat` prints `-` for binary files.
pub fn line_counts(
    repo: &Repository,
    old: Option<Side>,
    new: Option<Side>,
) -> Result<(u32, u32), git2::Error> {
    if let (Some(a), Some(b)) = (old, new) {
        if a.id == b.id {
            return Ok((0, 0)); // a mode change only
        }
    }
    let gitlink = |s: Option<Side>| s.is_some_and(|s| s.mode == MODE_GITLINK);
    if gitlink(old) || gitlink(new) {
        // git shows a submodule as the one line naming its commit.
        let text = |s: Option<Side>| match s {
            Some(s) if s.mode == MODE_GITLINK => {
                format!("Subproject commit {}\n", s.id).into_bytes()
            }
            _ => Vec::new(),
        };
        return diffed_lines(&text(old), &text(new));
    }
    let blob = |s: Option<Side>| s.map(|s| repo.find_blob(s.id)).transpose();
    let (old, new) = (blob(old)?, blob(new)?);
    // The binary decision is made here, git's way.
    let binary = |b: &Option<git2::Blob>| b.as_ref().is_some_and(|b| is_binary(b.content()));
    if binary(&old) || binary(&new) {
        return Ok((0, 0));
    }
    match (&old, &new) {
        (Some(a), Some(b)) => diffed_lines(a.content(), b.content()),
        // An added or deleted file: every line counts, no diff needed.
        (None, Some(b)) => Ok((count_lines(b.content()), 0)),
        (Some(a), None) => Ok((0, count_lines(a.content()))),
        (None, None) => Ok((0, 0)),
    }
}

/// Lines added and deleted between two texts: the sums of xdiff's hunks, which is what
/// `git diff --numstat` counts (where a hunk sits does not change the sums).
pub(super) fn diffed_lines(old: &[u8], new: &[u8]) -> Result<(u32, u32), git2::Error> {
    let hunks = super::xdiff::hunks(old, new, false)?;
    Ok(hunks
        .iter()
        .fold((0, 0), |(added, deleted), &(_, old_lines, _, new_lines)| {
            (added + new_lines, deleted + old_lines)
        }))
}

/// Lines in a text, the last one counted even without a final newline.
fn count_lines(bytes: &[u8]) -> u32 {
    let newlines = bytes.iter().filter(|&&b| b == b'\n').count();
    (newlines + usize::from(!bytes.is_empty() && !bytes.ends_with(b"\n"))) as u32
}

pub(super) fn is_binary(bytes: &[u8]) -> bool {
    bytes[..bytes.len().min(BINARY_PROBE)].contains(&0)
}
