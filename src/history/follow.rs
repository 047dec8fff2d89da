//! The commits that changed a few chosen files, followed back through renames: the input of the
//! function-level X-Ray. Counted as the history pass counts (merges contribute no diff unless
//! `first_parent`; noise filters drop ignored revisions and bot commits), within the options'
//! `since` bound.

use std::collections::HashMap;
use std::path::Path;

use git2::{Delta, DiffFindOptions, ObjectType, Oid, Repository, Tree};

use super::{git_error, walk, HistoryOptions};
use crate::error::Error;

/// One commit's change to a followed file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileRevision {
    /// The commit.
    pub commit: Oid,
    /// Its commit time, seconds since the epoch.
    pub time: i64,
    /// The file's blob before (`None`: the commit created the file).
    pub old: Option<Oid>,
    /// The file's blob after.
    pub new: Oid,
}

/// The followed history of one file.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Followed {
    /// Its revisions, oldest first.
    pub revisions: Vec<FileRevision>,
    /// Earlier paths of the file, most recent first.
    pub renamed_from: Vec<String>,
}

/// Follows each of `paths` (as named at HEAD) back through the commits `options` select.
pub fn follow(
    workdir: &Path,
    paths: &[String],
    options: &HistoryOptions,
) -> Result<HashMap<String, Followed>, Error> {
    let err = |e| git_error(workdir, e);
    let repo = Repository::open(workdir).map_err(err)?;
    let start = options.start.as_ref();
    let head = match super::start::commit(&repo, start) {
        Ok(Some((commit, _))) => commit,
        _ => return Ok(HashMap::new()),
    };
    let mailmap = super::mailmap::Mailmap::at(&repo, start.map(|s| s.commit));
    let partial = super::partial_clone(&repo);
    let shallow = repo.is_shallow();
    // Per followed file: its name at the current point of the walk, or `None` once its
    // creation has been passed.
    let mut current: Vec<Option<String>> = paths.iter().cloned().map(Some).collect();
    let mut out: Vec<Followed> = vec![Followed::default(); paths.len()];
    let filters = options.filters.as_ref();
    for oid in walk(&repo, head.id(), options).map_err(err)? {
        if current.iter().all(Option::is_none) {
            break;
        }
        let commit = repo.find_commit(oid).map_err(err)?;
        if commit.parent_count() > 1 && !options.first_parent {
            continue;
        }
        if let Some(f) = filters {
            if f.ignore_revs.contains(&oid) {
                continue;
            }
            let author = options.aliases.resolve(mailmap.identity(&commit.author()));
            if f.is_bot(&author) {
                continue;
            }
        }
        let tree = commit.tree().map_err(err)?;
        let parent_tree = match commit.parent(0) {
            Ok(parent) => Some(parent.tree().map_err(err)?),
            Err(_) if commit.parent_count() == 0 || shallow => None,
            Err(e) => return Err(err(e)),
        };
        for (k, name) in current.iter_mut().enumerate() {
            let Some(path) = name.as_deref() else {
                continue;
            };
            let Some(new) = blob_at(&tree, path) else {
                continue; // not in this commit (another branch, or deleted and re-added)
            };
            let mut old = parent_tree.as_ref().and_then(|t| blob_at(t, path));
            if old == Some(new) {
                continue;
            }
            let mut next_name = Some(path.to_string());
            if old.is_none() {
                next_name = None;
                if let Some(parent) = &parent_tree {
                    if let Some((from, blob)) =
                        rename_source(&repo, parent, &tree, path, partial).map_err(err)?
                    {
                        old = Some(blob);
                        out[k].renamed_from.push(from.clone());
                        next_name = Some(from);
                    }
                }
            }
            out[k].revisions.push(FileRevision {
                commit: oid,
                time: commit.time().seconds(),
                old,
                new,
            });
            *name = next_name;
        }
    }
    Ok(paths
        .iter()
        .cloned()
        .zip(out.into_iter().map(|mut f| {
            f.revisions.reverse();
            f
        }))
        .collect())
}

/// The blob at `path` in `tree`, if it is a file (not a directory or submodule).
fn blob_at(tree: &Tree, path: &str) -> Option<Oid> {
    let entry = tree.get_path(Path::new(path)).ok()?;
    (entry.kind() == Some(ObjectType::Blob)).then(|| entry.id())
}

/// Where `path`, created between `parent` and `tree`, was renamed from (git's rename detection,
/// 50% similarity), with the source blob. In a partial clone lacking the blobs to compare, only
/// a rename without edits (same blob id) is found.
fn rename_source(
    repo: &Repository,
    parent: &Tree,
    tree: &Tree,
    path: &str,
    partial: bool,
) -> Result<Option<(String, Oid)>, git2::Error> {
    let mut diff = repo.diff_tree_to_tree(Some(parent), Some(tree), None)?;
    match diff.find_similar(Some(DiffFindOptions::new().renames(true))) {
        Ok(()) => {}
        Err(e) if super::absent(&e, partial) => {
            diff = repo.diff_tree_to_tree(Some(parent), Some(tree), None)?;
            diff.find_similar(Some(
                DiffFindOptions::new().renames(true).exact_match_only(true),
            ))?;
        }
        Err(e) => return Err(e),
    }
    for delta in diff.deltas() {
        if delta.status() != Delta::Renamed {
            continue;
        }
        let to = delta.new_file().path().and_then(|p| p.to_str());
        let from = delta.old_file().path().and_then(|p| p.to_str());
        if let (Some(to), Some(from)) = (to, from) {
            if to == path {
                return Ok(Some((from.to_string(), delta.old_file().id())));
            }
        }
    }
    Ok(None)
}
