//! What git knows about each file: how often and how recently it changed.
//!
//! One pass over the history reachable from HEAD, like `git log --no-renames`: merge commits
//! contribute no diff, every other commit is compared with its parent (the root commit with the
//! empty tree). Only tree ids are compared, so no file content is read.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

use git2::{Commit, Delta, DiffOptions, ErrorCode, Repository};

use crate::error::Error;

/// Change statistics of one file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FileHistory {
    /// Non-merge commits that touched the file.
    pub revisions: u32,
    /// Commit time (seconds since the epoch) of the earliest change.
    pub first_change: i64,
    /// Commit time of the latest change.
    pub last_change: i64,
}

/// The history of a repository as far as debtscan uses it.
#[derive(Debug, Clone, Default)]
pub struct History {
    /// HEAD commit id.
    pub head: String,
    /// Branch HEAD points to, if any.
    pub branch: Option<String>,
    /// Commit time of HEAD: the reference point for ages, so output does not depend on the clock.
    pub head_time: i64,
    /// Commits walked (merges included).
    pub commits: usize,
    /// The repository is a shallow clone.
    pub shallow: bool,
    /// Per repository-relative path; only paths that were asked for.
    pub files: HashMap<String, FileHistory>,
}

/// Where the scanned path sits in git.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Location {
    /// Not inside a git work tree.
    NotARepository,
    /// Inside the work tree rooted here.
    WorkTree(PathBuf),
}

/// Finds the git work tree containing `path`.
pub fn locate(path: &Path) -> Result<Location, Error> {
    match Repository::discover(path) {
        Ok(repo) => {
            if repo.is_bare() {
                return Err(Error::BareRepository(path.to_path_buf()));
            }
            match repo.workdir() {
                Some(dir) => Ok(Location::WorkTree(
                    dir.canonicalize().unwrap_or_else(|_| dir.to_path_buf()),
                )),
                None => Err(Error::BareRepository(path.to_path_buf())),
            }
        }
        Err(e) if e.code() == ErrorCode::NotFound => Ok(Location::NotARepository),
        Err(e) => Err(git_error(path, e)),
    }
}

/// Walks the history of the repository at `workdir` and collects statistics for `wanted` paths.
/// Returns `Ok(None)` when the repository has no commits yet.
pub fn analyse(workdir: &Path, wanted: &HashSet<String>) -> Result<Option<History>, Error> {
    let repo = Repository::open(workdir).map_err(|e| git_error(workdir, e))?;
    let head = match repo.head() {
        Ok(head) => head,
        Err(e) if matches!(e.code(), ErrorCode::UnbornBranch | ErrorCode::NotFound) => {
            return Ok(None)
        }
        Err(e) => return Err(git_error(workdir, e)),
    };
    let head_commit = head.peel_to_commit().map_err(|e| git_error(workdir, e))?;
    let mut history = History {
        head: head_commit.id().to_string(),
        branch: head
            .is_branch()
            .then(|| head.shorthand().ok().map(str::to_string))
            .flatten(),
        head_time: head_commit.time().seconds(),
        shallow: repo.is_shallow(),
        ..History::default()
    };

    let mut walk = repo.revwalk().map_err(|e| git_error(workdir, e))?;
    walk.push(head_commit.id())
        .map_err(|e| git_error(workdir, e))?;
    let mut opts = DiffOptions::new();
    opts.skip_binary_check(true).ignore_submodules(false);
    for oid in walk {
        let oid = oid.map_err(|e| git_error(workdir, e))?;
        let commit = repo.find_commit(oid).map_err(|e| git_error(workdir, e))?;
        history.commits += 1;
        if commit.parent_count() > 1 {
            continue;
        }
        let time = commit.time().seconds();
        for path in changed_paths(&repo, &commit, &mut opts, history.shallow)
            .map_err(|e| git_error(workdir, e))?
        {
            if !wanted.contains(&path) {
                continue;
            }
            let entry = history.files.entry(path).or_insert(FileHistory {
                revisions: 0,
                first_change: time,
                last_change: time,
            });
            entry.revisions += 1;
            entry.first_change = entry.first_change.min(time);
            entry.last_change = entry.last_change.max(time);
        }
    }
    Ok(Some(history))
}

/// Paths a non-merge commit changed relative to its parent.
fn changed_paths(
    repo: &Repository,
    commit: &Commit,
    opts: &mut DiffOptions,
    shallow: bool,
) -> Result<Vec<String>, git2::Error> {
    let tree = commit.tree()?;
    let parent_tree = match commit.parent(0) {
        Ok(parent) => Some(parent.tree()?),
        Err(_) if commit.parent_count() == 0 => None,
        // The boundary of a shallow clone: its parent is not here; git treats it as a root.
        Err(_) if shallow => None,
        Err(e) => return Err(e),
    };
    let diff = repo.diff_tree_to_tree(parent_tree.as_ref(), Some(&tree), Some(opts))?;
    let mut paths = Vec::with_capacity(diff.deltas().len());
    for delta in diff.deltas() {
        let file = if delta.status() == Delta::Deleted {
            delta.old_file()
        } else {
            delta.new_file()
        };
        if let Some(path) = file.path_bytes() {
            paths.push(String::from_utf8_lossy(path).into_owned());
        }
    }
    Ok(paths)
}

fn git_error(path: &Path, e: git2::Error) -> Error {
    Error::Git {
        path: path.to_path_buf(),
        message: e.message().to_string(),
    }
}
