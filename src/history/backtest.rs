//! The git side of `debtscan backtest`: choosing the past commit T, a throw-away checkout of it
//! outside the repository (which is only read), and what the commits after T changed.

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

/// A checkout of commit `at` of the repository at `workdir` in a new temporary directory,
/// with HEAD detached at `at`. The source repository is only read: the checkout's object
/// database borrows its objects through `objects/info/alternates`, so nothing is copied.
/// The directory is removed when the returned value is dropped.
pub fn checkout(workdir: &Path, at: Oid) -> Result<tempfile::TempDir, Error> {
    let err = |e| git_error(workdir, e);
    let io = |what: &str, e: std::io::Error| {
        Error::Internal(format!(
            "cannot prepare the back-test checkout ({what}): {e}"
        ))
    };
    let source = Repository::open(workdir).map_err(err)?;
    let objects = source
        .commondir()
        .join("objects")
        .canonicalize()
        .map_err(|e| io("the repository's object directory", e))?;
    let Some(objects_text) = objects.to_str() else {
        return Err(Error::Usage(format!(
            "{}: the repository's path is not UTF-8, which a git alternates file cannot name",
            objects.display()
        )));
    };
    let dir = tempfile::Builder::new()
        .prefix("debtscan-backtest-")
        .tempdir()
        .map_err(|e| io("temporary directory", e))?;
    let temp = dir
        .path()
        .canonicalize()
        .map_err(|e| io("temporary directory", e))?;
    let canonical_workdir = workdir
        .canonicalize()
        .unwrap_or_else(|_| workdir.to_path_buf());
    if temp.starts_with(&canonical_workdir) {
        return Err(Error::Usage(format!(
            "the temporary directory {} is inside the repository; set TMPDIR to a directory \
             outside it",
            temp.display()
        )));
    }
    let git_dir = Repository::init(&temp).map_err(err)?.path().to_path_buf();
    let info = git_dir.join("objects").join("info");
    std::fs::create_dir_all(&info).map_err(|e| io("objects/info", e))?;
    std::fs::write(info.join("alternates"), format!("{objects_text}\n"))
        .map_err(|e| io("alternates", e))?;
    // A shallow source's boundary holds for the checkout too.
    let shallow = source.commondir().join("shallow");
    if shallow.is_file() {
        std::fs::copy(&shallow, git_dir.join("shallow")).map_err(|e| io("shallow", e))?;
    }
    // Opened again so the object database reads the alternates.
    let repo = Repository::open(&temp).map_err(err)?;
    repo.set_head_detached(at).map_err(err)?;
    repo.checkout_head(Some(git2::build::CheckoutBuilder::new().force()))
        .map_err(err)?;
    Ok(dir)
}

/// A non-merge commit after T: its subject and the files it changed, by their names at T.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    /// The first line of its message.
    pub subject: String,
    /// Files of `known` it changed, by their names at T (sorted, each once).
    pub files: Vec<String>,
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
            files.extend(name);
        }
        files.sort();
        files.dedup();
        out.push(Change {
            subject: String::from_utf8_lossy(commit.summary_bytes().unwrap_or_default())
                .into_owned(),
            files,
        });
    }
    Ok(out)
}
