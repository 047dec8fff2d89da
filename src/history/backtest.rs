//! The git side of `debtscan backtest`: choosing the past commit T and what the commits after T
//! changed. The code at T is read from git objects (`walk::tree`), so the repository is only
//! read.

use std::collections::{HashMap, HashSet};
use std::path::Path;

use git2::{Delta, DiffFindOptions, DiffOptions, Oid, Repository, Sort};

use super::git_error;
use crate::error::Error;
use crate::util;

/// How T is chosen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Pick {
    /// The newest commit on HEAD's first-parent line at least this many months older than
    /// HEAD's commit.
    MonthsBack(u32),
    /// This revision (anything `git rev-parse` understands), an ancestor of HEAD.
    Rev(String),
}

/// HEAD and the chosen T.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Picked {
    /// HEAD's commit.
    pub head: Oid,
    /// Its commit time.
    pub head_time: i64,
    /// T.
    pub at: Oid,
    /// T's commit time.
    pub at_time: i64,
}

/// Finds HEAD and T in the repository at `workdir`; a usage error when there is no such T.
pub fn pick(workdir: &Path, how: &Pick) -> Result<Picked, Error> {
    let err = |e| git_error(workdir, e);
    let repo = Repository::open(workdir).map_err(err)?;
    let head = repo.head().and_then(|h| h.peel_to_commit()).map_err(|_| {
        Error::Usage(format!(
            "{}: the repository has no commits: there is nothing to back-test",
            workdir.display()
        ))
    })?;
    let head_time = head.time().seconds();
    let at = match how {
        Pick::MonthsBack(months) => {
            let cutoff = months_before(head_time, *months).ok_or_else(|| {
                Error::Usage(format!("--months {months}: too far back from HEAD's date"))
            })?;
            let mut commit = head.clone();
            loop {
                if commit.time().seconds() <= cutoff {
                    break commit;
                }
                match commit.parent(0) {
                    Ok(parent) => commit = parent,
                    Err(_) => {
                        let age = (head_time - commit.time().seconds()) / util::DAY;
                        return Err(Error::Usage(format!(
                            "{}: the history is shorter than {months} month{}: the oldest commit \
                             on HEAD's first-parent line ({}, {}) is {} older than HEAD; give \
                             fewer --months or a commit with --at REV",
                            workdir.display(),
                            util::s(*months),
                            short(commit.id()),
                            date(commit.time().seconds()),
                            util::count(age, "day"),
                        )));
                    }
                }
            }
        }
        Pick::Rev(rev) => {
            let commit = repo
                .revparse_single(rev)
                .and_then(|o| o.peel_to_commit())
                .map_err(|e| {
                    Error::Usage(format!(
                        "--at {rev}: no such commit in {} ({})",
                        workdir.display(),
                        e.message()
                    ))
                })?;
            if commit.id() == head.id() {
                return Err(Error::Usage(format!(
                    "--at {rev} is HEAD: there are no commits after it to measure the ranking by"
                )));
            }
            if !repo
                .graph_descendant_of(head.id(), commit.id())
                .map_err(err)?
            {
                return Err(Error::Usage(format!(
                    "--at {rev} ({}) is not an ancestor of HEAD: the back-test measures the \
                     commits from it to HEAD",
                    short(commit.id())
                )));
            }
            commit
        }
    };
    Ok(Picked {
        head: head.id(),
        head_time,
        at: at.id(),
        at_time: at.time().seconds(),
    })
}

/// `time` minus `months` calendar months (UTC), or `None` out of range.
fn months_before(time: i64, months: u32) -> Option<i64> {
    let utc = jiff::tz::TimeZone::UTC;
    let civil = utc.to_datetime(jiff::Timestamp::from_second(time).ok()?);
    let span = jiff::Span::new().try_months(i64::from(months)).ok()?;
    let earlier = civil.checked_sub(span).ok()?;
    Some(utc.to_timestamp(earlier).ok()?.as_second())
}

fn short(oid: Oid) -> String {
    oid.to_string().chars().take(10).collect()
}

fn date(time: i64) -> String {
    util::timestamp(time).chars().take(10).collect()
}

/// A non-merge commit after T: its subject and the files it changed, by their names at T.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    /// The first line of its message.
    pub subject: String,
    /// Files of `known` it changed, by their names at T (sorted, each once).
    pub files: Vec<String>,
    /// Of those, the ones it modified (a file added or deleted has no two versions), with the
    /// blobs before and after: where the function-level back-test reads which functions
    /// changed.
    pub modified: Vec<Modified>,
}

/// A file a commit modified: its name at T and its blobs before and after the commit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Modified {
    /// Its name at T.
    pub name: String,
    /// The blob before the commit.
    pub old: Oid,
    /// The blob after it.
    pub new: Oid,
}

/// The non-merge commits reachable from `head` and not from `at`, oldest first, each with the
/// files of `known` (paths at T) it changed. A path renamed after T (as libgit2's rename
/// detection finds it: 50% alike) is counted under its name at T; files that did not exist at
/// T are left out.
pub fn changes_after(
    workdir: &Path,
    head: Oid,
    at: Oid,
    known: &HashSet<String>,
) -> Result<Vec<Change>, Error> {
    let err = |e| git_error(workdir, e);
    let repo = Repository::open(workdir).map_err(err)?;
    let mut walk = repo.revwalk().map_err(err)?;
    walk.set_sorting(Sort::TOPOLOGICAL | Sort::REVERSE)
        .map_err(err)?;
    walk.push(head).map_err(err)?;
    walk.hide(at).map_err(err)?;
    // A path after T → its name at T (`None`: it was renamed away and names nothing at T).
    let mut origin: HashMap<String, Option<String>> = HashMap::new();
    let resolve = |origin: &HashMap<String, Option<String>>, path: &str| -> Option<String> {
        match origin.get(path) {
            Some(name) => name.clone(),
            None => known.contains(path).then(|| path.to_string()),
        }
    };
    let mut out = Vec::new();
    for oid in walk {
        let commit = repo.find_commit(oid.map_err(err)?).map_err(err)?;
        if commit.parent_count() > 1 {
            continue;
        }
        let tree = commit.tree().map_err(err)?;
        let parent = match commit.parent(0) {
            Ok(p) => Some(p.tree().map_err(err)?),
            Err(_) => None,
        };
        let mut options = DiffOptions::new();
        options.ignore_submodules(true);
        let mut diff = repo
            .diff_tree_to_tree(parent.as_ref(), Some(&tree), Some(&mut options))
            .map_err(err)?;
        diff.find_similar(Some(DiffFindOptions::new().renames(true)))
            .map_err(err)?;
        let mut files = Vec::new();
        let mut modified = Vec::new();
        for delta in diff.deltas() {
            let old = delta
                .old_file()
                .path_bytes()
                .map(|p| String::from_utf8_lossy(p).into_owned());
            let new = delta
                .new_file()
                .path_bytes()
                .map(|p| String::from_utf8_lossy(p).into_owned());
            let name = match (delta.status(), old, new) {
                (Delta::Renamed, Some(old), Some(new)) => {
                    let name = resolve(&origin, &old);
                    origin.insert(old, None);
                    origin.insert(new, name.clone());
                    name
                }
                (Delta::Deleted, Some(old), _) => resolve(&origin, &old),
                (_, _, Some(new)) => resolve(&origin, &new),
                (_, Some(old), None) => resolve(&origin, &old),
                _ => None,
            };
            let (old, new) = (delta.old_file().id(), delta.new_file().id());
            if let Some(name) = &name {
                if matches!(delta.status(), Delta::Modified | Delta::Renamed)
                    && !old.is_zero()
                    && !new.is_zero()
                    && old != new
                {
                    modified.push(Modified {
                        name: name.clone(),
                        old,
                        new,
                    });
                }
            }
            files.extend(name);
        }
        files.sort();
        files.dedup();
        out.push(Change {
            subject: String::from_utf8_lossy(commit.summary_bytes().unwrap_or_default())
                .into_owned(),
            files,
            modified,
        });
    }
    Ok(out)
}

/// Reads the texts of blobs of the repository, for the function-level back-test.
pub struct Blobs {
    repo: Repository,
    workdir: std::path::PathBuf,
}

impl Blobs {
    /// Versions larger than this are not read: a generated file's functions are no one's.
    const MAX_BYTES: usize = 1 << 20;

    /// Opens the repository of `workdir`.
    pub fn open(workdir: &Path) -> Result<Blobs, Error> {
        Ok(Blobs {
            repo: Repository::open(workdir).map_err(|e| git_error(workdir, e))?,
            workdir: workdir.to_path_buf(),
        })
    }

    /// A blob's text, or `None` when it is missing (a partial clone), larger than 1 MiB or not
    /// UTF-8.
    pub fn text(&self, oid: Oid) -> Result<Option<String>, Error> {
        let blob = match super::find_blob(&self.repo, oid, true) {
            Ok(Some(b)) => b,
            Ok(None) => return Ok(None),
            Err(e) => return Err(git_error(&self.workdir, e)),
        };
        if blob.size() > Self::MAX_BYTES {
            return Ok(None);
        }
        Ok(std::str::from_utf8(blob.content()).ok().map(str::to_string))
    }
}
