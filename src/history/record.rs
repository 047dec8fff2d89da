//! One record per commit, as git stores it: its parents, times, raw author and the paths it
//! changed with their blobs. Nothing in a record depends on HEAD, the config, `.mailmap`,
//! attributes or the options of a run, so a record computed once stays true for that commit id
//! forever and can be kept between runs (the cache). What does depend on them (authors after
//! `.mailmap`, noise filters, binary attributes, recency, the paths present at HEAD) is applied
//! when the records are folded into a [`super::History`].

use std::path::Path;

use git2::{Oid, Repository};
use serde::{Deserialize, Serialize};

use super::treediff;

/// A commit id as stored (git2's `Oid` has no serde form).
pub type Id = [u8; 20];

/// The stored form of `oid`.
pub fn id(oid: Oid) -> Id {
    let mut out = [0; 20];
    out.copy_from_slice(oid.as_bytes());
    out
}

/// The `Oid` of a stored id.
pub fn oid(id: &Id) -> Oid {
    Oid::from_bytes(id).expect("20 bytes are an object id")
}

/// One side of a changed path: blob (or submodule commit) id and git file mode.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Side {
    /// Blob id, or a submodule's commit id.
    pub id: Id,
    /// Git file mode.
    pub mode: u32,
}

/// A path a commit changed, against its first parent (or the empty tree).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PathChange {
    /// Repository-relative path, `/`-separated (a non-UTF-8 name converted lossily, as the
    /// rest of debtscan names files).
    pub path: String,
    /// Before, if the path existed in the first parent.
    pub old: Option<Side>,
    /// After, if it exists in the commit.
    pub new: Option<Side>,
    /// For a merge: the path's blob in each parent after the first (submodules as `None`).
    pub other_parents: Vec<Option<Id>>,
    /// For a file the commit created by renaming another: the change (an index into the
    /// record's `changes`) that deleted the file it came from ([`super::renames::mark`]).
    pub from: Option<u32>,
}

/// What one commit is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CommitRecord {
    /// Parent commit ids, first parent first.
    pub parents: Vec<Id>,
    /// Commit time, seconds since the epoch.
    pub time: i64,
    /// Author time, seconds since the epoch.
    pub author_time: i64,
    /// Author name as written in the commit (not necessarily UTF-8).
    pub author_name: Vec<u8>,
    /// Author email as written.
    pub author_email: Vec<u8>,
    /// The subject: the message's first paragraph, lines joined (git's `%s`), as written.
    pub subject: Vec<u8>,
    /// The commit's parent was missing (the boundary of a shallow clone): diffed against the
    /// empty tree, as git does. Such a record holds only until the clone is deepened, so it
    /// is never kept between runs.
    pub boundary: bool,
    /// Whether `changes` holds a merge's diff (against its first parent, with the other
    /// parents' blobs). A merge read only for counting has none: it contributes no diff.
    pub merge_diffed: bool,
    /// Whether the renames among `changes` are marked ([`PathChange::from`]). A merge's diff
    /// repeats its branch's commits, whose renames are told there: only a `--first-parent`
    /// run, which counts the merge's own diff, asks for them (they cost most of the rename
    /// search on a merge-heavy history).
    pub renames_marked: bool,
    /// Every path changed, in git's tree order.
    pub changes: Vec<PathChange>,
    /// Blobs needed to tell renames were not here (a partial clone lacks them): the record
    /// holds only until they are, so it is never kept between runs.
    #[serde(skip)]
    pub renames_unknown: bool,
}

impl CommitRecord {
    /// A merge commit (more than one parent).
    pub fn is_merge(&self) -> bool {
        self.parents.len() > 1
    }

    /// Reads the record of `oid` from `repo`. A merge's changes are read only with
    /// `diff_merge` (tracing lines through merges, or `--first-parent`); `shallow` lets a
    /// missing parent be a boundary; a merge's renames are marked only with `merge_renames`.
    pub fn read(
        repo: &Repository,
        oid: Oid,
        diff_merge: bool,
        shallow: bool,
        merge_renames: bool,
    ) -> Result<CommitRecord, git2::Error> {
        let commit = repo.find_commit(oid)?;
        let author = commit.author();
        let parents: Vec<Id> = commit.parent_ids().map(id).collect();
        let merge = parents.len() > 1;
        let mut record = CommitRecord {
            parents,
            time: commit.time().seconds(),
            author_time: author.when().seconds(),
            author_name: author.name_bytes().to_vec(),
            author_email: author.email_bytes().to_vec(),
            subject: commit.summary_bytes().unwrap_or_default().to_vec(),
            boundary: false,
            merge_diffed: merge && diff_merge,
            renames_marked: !merge || merge_renames,
            changes: Vec::new(),
            renames_unknown: false,
        };
        if merge && !diff_merge {
            return Ok(record);
        }
        let tree = commit.tree()?;
        let parent_tree = match commit.parent(0) {
            Ok(parent) => Some(parent.tree()?),
            // libgit2 hides a shallow boundary's parents (it reads `.git/shallow` as grafts),
            // so in a shallow clone a root may be a boundary: not kept, it is read again once
            // the clone is deepened. (A true root there is read again too; it is one commit.)
            Err(_) if commit.parent_count() == 0 => {
                record.boundary = shallow;
                None
            }
            // The boundary of a shallow clone: its parent is not here; git treats it as a root.
            Err(_) if shallow => {
                record.boundary = true;
                None
            }
            Err(e) => return Err(e),
        };
        let other_trees: Vec<git2::Tree> = if merge {
            commit
                .parents()
                .skip(1)
                .map(|p| p.tree())
                .collect::<Result<_, _>>()?
        } else {
            Vec::new()
        };
        let mut changed = Vec::new();
        treediff::changed_files(repo, parent_tree.as_ref(), Some(&tree), &mut changed)?;
        record.changes = changed
            .into_iter()
            .map(|change| {
                let path = String::from_utf8_lossy(&change.path).into_owned();
                let other_parents = other_trees
                    .iter()
                    .map(|tree| {
                        let entry = tree.get_path(Path::new(&path)).ok();
                        entry
                            .filter(|e| e.filemode() != treediff::MODE_GITLINK)
                            .map(|e| id(e.id()))
                    })
                    .collect();
                let side = |s: Option<treediff::Side>| {
                    s.map(|s| Side {
                        id: id(s.id),
                        mode: s.mode as u32,
                    })
                };
                PathChange {
                    old: side(change.old),
                    new: side(change.new),
                    path,
                    other_parents,
                    from: None,
                }
            })
            .collect();
        if record.renames_marked {
            record.renames_unknown = !super::renames::mark(repo, &mut record.changes)?;
        }
        Ok(record)
    }

    /// Whether this record answers a run that needs merges diffed (`diff_merge`): a merge
    /// recorded without its diff must be read again.
    pub fn serves(&self, diff_merge: bool, merge_renames: bool) -> bool {
        !self.is_merge()
            || ((self.merge_diffed || !diff_merge) && (self.renames_marked || !merge_renames))
    }
}

impl Side {
    /// The git2 form.
    pub fn side(&self) -> treediff::Side {
        treediff::Side {
            id: oid(&self.id),
            mode: self.mode as i32,
        }
    }

    /// A submodule (gitlink) entry.
    pub fn is_gitlink(&self) -> bool {
        self.mode as i32 == treediff::MODE_GITLINK
    }
}
