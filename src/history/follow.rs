//! The commits that changed a few chosen files, followed back through renames: the input of the
//! function-level X-Ray. Read from the history pass's records (every file version it saw), not
//! from a second walk: counted as that pass counts (merges contribute no diff unless
//! `first_parent`; noise filters drop ignored revisions and bot commits), within the options'
//! `since` bound and the commits the pass read (`--max-commits` cuts both alike).

use std::collections::HashMap;

use git2::{Oid, Repository};
use rayon::prelude::*;

use super::renames::{Deletions, KnownRenames, LearnedRename, Rename};
use super::{find_blob, CommitInfo, History, HistoryOptions, Version};

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

/// Follows each of `paths` (as named at HEAD) back through the versions `history` recorded
/// (it must have been read with [`HistoryOptions::versions`]), keeping the commits `options`
/// select. A file created by a rename continues under its old name, from the commit that
/// renamed it back. Rename answers `known` holds are taken as they are; those computed are
/// returned for a later run.
pub fn follow(
    repo: &Repository,
    history: &History,
    paths: &[String],
    options: &HistoryOptions,
    known: &dyn KnownRenames,
) -> Result<(HashMap<String, Followed>, Vec<LearnedRename>), git2::Error> {
    let deletions = Deletions::of(history);
    let partial = super::partial_clone(repo);
    // One file at a time was a tenth of a warm scan of cargo, on one core. Each rayon job
    // opens its own handle (git2's are not shared across threads).
    let dir = repo.path().to_path_buf();
    paths
        .par_iter()
        .map_init(
            || Repository::open(&dir),
            |opened, path| {
                let repo = opened
                    .as_ref()
                    .map_err(|e| git2::Error::from_str(e.message()))?;
                let mut learned = Vec::new();
                let how = (options, known, &mut learned);
                let followed = follow_one(repo, history, &deletions, path, how, partial)?;
                Ok(((path.clone(), followed), learned))
            },
        )
        .collect::<Result<Vec<_>, git2::Error>>()
        .map(|all| {
            let (followed, learned): (_, Vec<Vec<LearnedRename>>) = all.into_iter().unzip();
            (followed, learned.into_iter().flatten().collect())
        })
}

fn follow_one(
    repo: &Repository,
    history: &History,
    deletions: &Deletions,
    path: &str,
    (options, known, learned): (&HistoryOptions, &dyn KnownRenames, &mut Vec<LearnedRename>),
    partial: bool,
) -> Result<Followed, git2::Error> {
    let mut out = Followed::default();
    // The versions still to read under the current name, newest first.
    let mut versions: &[Version] = history.versions.get(path).map_or(&[], Vec::as_slice);
    let mut name = path;
    while let Some((v, older)) = versions.split_first() {
        versions = older;
        let Some(new) = v.new else {
            continue; // deleted here (and re-added later): not a version of the file
        };
        let Some(info) = history.info(v) else {
            continue;
        };
        if !counted(v, info, options) {
            continue;
        }
        let commit = info.id;
        let mut revision = FileRevision {
            commit,
            time: info.time,
            old: v.old,
            new,
        };
        if v.old.is_some() {
            out.revisions.push(revision);
            continue;
        }
        // Created here: renamed from a file the same commit deleted, or new.
        let recalled = known
            .rename(commit, name, new)
            .and_then(|answer| deletions.recall(commit, answer));
        let rename = match recalled {
            Some(rename) => rename,
            None => {
                let rename = match find_blob(repo, new, partial)? {
                    Some(blob) => deletions.source(repo, commit, name, new, &blob, partial)?,
                    None => Rename::Unknown(vec![new]),
                };
                // A partial clone's unknown answer is never kept: a fetch may settle it.
                let answer = match &rename {
                    Rename::From(from, old) => Some(Some((from.to_string(), *old))),
                    Rename::None => Some(None),
                    Rename::Unknown(_) => None,
                };
                if let Some(answer) = answer {
                    learned.push((commit, name.to_string(), new, answer));
                }
                rename
            }
        };
        let from = match rename {
            Rename::From(from, old) => Some((from, old)),
            Rename::None | Rename::Unknown(_) => None,
        };
        match from {
            Some((from, old)) => {
                revision.old = Some(old);
                out.revisions.push(revision);
                out.renamed_from.push(from.to_string());
                name = from;
                // The old name's versions older than the commit that renamed it.
                let all = history.versions.get(from).map_or(&[][..], Vec::as_slice);
                versions = match all.iter().position(|o| o.commit == v.commit) {
                    Some(at) => &all[at + 1..],
                    None => &[],
                };
            }
            None => {
                out.revisions.push(revision);
                break;
            }
        }
    }
    out.revisions.reverse();
    Ok(out)
}

/// Whether a recorded version is one of the commits the options count: in the `since` bound,
/// not a merge (unless merges are diffed against their first parent), not an ignored revision
/// or a bot's commit.
fn counted(v: &Version, info: &CommitInfo, options: &HistoryOptions) -> bool {
    if options.since.is_some_and(|since| info.time < since) {
        return false;
    }
    if v.from_merge() {
        return false;
    }
    match &options.filters {
        Some(f) => !info.ignored && !f.is_bot(&info.author),
        None => true,
    }
}
