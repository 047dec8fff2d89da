//! Where a run starts: HEAD, or the commit `--as-of REV` names. Everything that reads history
//! or the tree (the history pass, following files for the X-Ray, marker introductions, the
//! listing of files) starts at the same commit, resolved once.

use std::path::Path;

use git2::{Commit, ErrorCode, ObjectType, Oid, Repository};

use crate::error::Error;

/// The commit a run reads instead of HEAD (`--as-of REV`): its tree is the code analysed, its
/// history what is reachable from it, its time the reference point of ages.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Start {
    /// The revision as the user gave it (reported as `repository.as_of`).
    pub rev: String,
    /// Its commit (a tag peeled to the commit it names).
    pub commit: Oid,
    /// The commit's time, seconds since the epoch.
    pub time: i64,
}

impl Start {
    /// Resolves `rev` (anything `git rev-parse` understands that names a commit: a hash, a
    /// branch, a tag, `HEAD~3`) in the repository containing `path`. Errors say what is wrong
    /// and what to do: no repository, no such revision (in a shallow clone, that the commit
    /// may be beyond its boundary), a revision naming a tree or a blob.
    pub fn resolve(path: &Path, rev: &str) -> Result<Start, Error> {
        if rev.trim().is_empty() {
            return Err(Error::Usage("--as-of needs a revision".into()));
        }
        if !path.exists() {
            return Err(Error::PathNotFound(path.to_path_buf()));
        }
        let repo = match Repository::discover(path) {
            Ok(repo) => repo,
            Err(e) if e.code() == ErrorCode::NotFound => {
                return Err(Error::Usage(format!(
                    "--as-of {rev}: {} is not inside a git repository; --as-of reads a \
                     commit's tree and history",
                    path.display()
                )))
            }
            Err(e) => {
                return Err(Error::Git {
                    path: path.to_path_buf(),
                    message: e.message().to_string(),
                })
            }
        };
        let object = repo.revparse_single(rev).map_err(|e| {
            let why = if repo.is_shallow() {
                "; the repository is a shallow clone, so commits older than its boundary are \
                 not here: `git fetch --unshallow` (or `--deepen N`) fetches them"
            } else {
                ""
            };
            Error::Usage(format!(
                "--as-of {rev}: no such revision in {} ({}){why}",
                path.display(),
                e.message()
            ))
        })?;
        let commit = object.peel_to_commit().map_err(|_| {
            let kind = match object.kind() {
                Some(ObjectType::Tree) => "a directory (a tree)",
                Some(ObjectType::Blob) => "a file (a blob)",
                _ => "no commit",
            };
            Error::Usage(format!(
                "--as-of {rev}: names {kind}, not a commit; give a commit, branch or tag"
            ))
        })?;
        // A commit whose tree is missing is beyond what this repository holds.
        commit.tree().map_err(|e| {
            Error::Usage(format!(
                "--as-of {rev}: the commit's files are not in {} ({})",
                path.display(),
                e.message()
            ))
        })?;
        Ok(Start {
            rev: rev.to_string(),
            commit: commit.id(),
            time: commit.time().seconds(),
        })
    }
}

/// The commit a walk starts from and the branch it is on: `start`'s commit (on no branch: it is
/// a revision, not a checkout), else HEAD's and its branch. `None` when HEAD is unborn.
pub(crate) fn commit<'r>(
    repo: &'r Repository,
    start: Option<&Start>,
) -> Result<Option<(Commit<'r>, Option<String>)>, git2::Error> {
    if let Some(start) = start {
        return Ok(Some((repo.find_commit(start.commit)?, None)));
    }
    let head = match repo.head() {
        Ok(head) => head,
        Err(e) if matches!(e.code(), ErrorCode::UnbornBranch | ErrorCode::NotFound) => {
            return Ok(None)
        }
        Err(e) => return Err(e),
    };
    Ok(Some((head.peel_to_commit()?, super::branch_of(&head))))
}
