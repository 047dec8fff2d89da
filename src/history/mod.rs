//! What git knows about each file: how often, how much and how recently it changed, and who
//! changed it.
//!
//! One pass over the history reachable from HEAD, counted like
//! `git log --no-renames --numstat HEAD`: merge commits contribute no diff (with
//! `first_parent`, a merge is compared with its first parent, as `git log --first-parent`
//! does), every other commit is compared with its parent (the root commit, and the boundary of a
//! shallow clone, with the empty tree), and binary files count revisions but no lines.
//! Commits are diffed on all worker threads, one libgit2 repository handle per thread, and the
//! results are merged in walk order, so the outcome does not depend on the thread count.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

pub mod backtest;
pub mod blame;
pub mod coupling;
pub mod follow;
pub mod mailmap;
mod order;
pub mod record;
pub mod renames;
pub mod start;
mod treediff;
pub(crate) mod xdiff;

use git2::{Commit, ErrorCode, Oid, Repository, Sort};
use rayon::prelude::*;

use crate::error::Error;
pub use crate::model::Exclusion;
pub use record::CommitRecord;
pub use start::Start;

/// Seconds in a day.
const DAY: f64 = crate::util::DAY as f64;

/// Decides whether a path is noise, and why (`lock file`, `generated`, `vendored`).
pub type PathFilter = std::sync::Arc<dyn Fn(&str) -> Option<&'static str> + Send + Sync>;

/// Changes that are noise for activity and ownership, and are left out unless `--raw`.
#[derive(Clone, Default)]
pub struct NoiseFilters {
    /// Commits listed in `.git-blame-ignore-revs` (mass reformatting and the like).
    pub ignore_revs: HashSet<Oid>,
    /// Lower-case substrings of `Name <email>` that mark a bot author.
    pub bot_patterns: Vec<String>,
    /// Files never counted: lock files, generated and vendored paths.
    pub exclude_path: Option<PathFilter>,
}

impl std::fmt::Debug for NoiseFilters {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("NoiseFilters")
            .field("ignore_revs", &self.ignore_revs.len())
            .field("bot_patterns", &self.bot_patterns)
            .field("exclude_path", &self.exclude_path.is_some())
            .finish()
    }
}

impl NoiseFilters {
    /// Reads `.git-blame-ignore-revs` from the work tree root (lines of full commit ids;
    /// `#` comments). Unreadable or absent: no commits are ignored.
    pub fn read_ignore_revs(workdir: &Path) -> HashSet<Oid> {
        let text = std::fs::read_to_string(workdir.join(".git-blame-ignore-revs"));
        NoiseFilters::parse_ignore_revs(&text.unwrap_or_default())
    }

    /// The commits a `.git-blame-ignore-revs` holding `text` lists.
    pub fn parse_ignore_revs(text: &str) -> HashSet<Oid> {
        text.lines()
            .filter_map(|l| Oid::from_str(l.split('#').next().unwrap_or("").trim()).ok())
            .filter(|oid| !oid.is_zero())
            .collect()
    }

    fn is_bot(&self, author: &str) -> bool {
        let author = author.to_lowercase();
        self.bot_patterns
            .iter()
            .any(|p| author.contains(p.as_str()))
    }

    fn path_reason(&self, path: &str) -> Option<&'static str> {
        self.exclude_path.as_ref().and_then(|f| f(path))
    }
}

/// Author aliases from `history.aliases`, applied after `.mailmap`: one person with several
/// identities counts once for ownership and knowledge risk.
#[derive(Debug, Clone, Default)]
pub struct Aliases {
    /// Full `Name <email>` identities → canonical identity.
    identities: HashMap<String, String>,
    /// Lower-case emails → canonical identity.
    emails: HashMap<String, String>,
}

impl Aliases {
    /// Aliases from config keys: a full `Name <email>` or just an email.
    pub fn new<'a>(entries: impl IntoIterator<Item = (&'a String, &'a String)>) -> Aliases {
        let mut aliases = Aliases::default();
        for (from, to) in entries {
            let from = from.trim();
            if from.contains('<') {
                aliases
                    .identities
                    .insert(from.to_string(), to.trim().to_string());
            } else {
                let email = from.trim_matches(['<', '>']).to_lowercase();
                aliases.emails.insert(email, to.trim().to_string());
            }
        }
        aliases
    }

    /// The canonical identity of `author` (`Name <email>`).
    pub fn resolve(&self, author: String) -> String {
        if let Some(to) = self.identities.get(&author) {
            return to.clone();
        }
        let email = author
            .rsplit_once('<')
            .map(|(_, e)| e.trim_end_matches('>').to_lowercase());
        match email.and_then(|e| self.emails.get(&e)) {
            Some(to) => to.clone(),
            None => author,
        }
    }
}

/// Whether `repo` is a partial clone (`git clone --filter`): a promisor remote may hold objects
/// it lacks. libgit2 cannot fetch from one, so a missing blob there is expected, not corruption.
pub(crate) fn partial_clone(repo: &Repository) -> bool {
    let Ok(config) = repo.config() else {
        return false;
    };
    if config.get_string("extensions.partialclone").is_ok() {
        return true;
    }
    let Ok(mut entries) = config.entries(Some(r"^remote\..*\.promisor$")) else {
        return false;
    };
    let mut names = Vec::new();
    while let Some(Ok(entry)) = entries.next() {
        names.extend(entry.name().map(str::to_string));
    }
    names
        .iter()
        .any(|name| config.get_bool(name).unwrap_or(false))
}

/// Whether `e` is a missing object that a partial clone may lack.
pub(crate) fn absent(e: &git2::Error, partial: bool) -> bool {
    partial && e.code() == ErrorCode::NotFound
}

/// Blobs of a partial clone that are not here, and what could not be measured without them.
/// Shared by the history pass, marker introductions and the X-Ray, which record into it as
/// they meet missing blobs; the report gets one warning for all of them.
#[derive(Debug, Default)]
pub struct Missing(std::sync::Mutex<MissingCounts>);

#[derive(Debug, Clone, Default, PartialEq, Eq)]
struct MissingCounts {
    blobs: HashSet<Oid>,
    /// File changes whose lines could not be counted.
    line_counts: usize,
    /// Marker lines left without an introduction.
    introductions: usize,
    /// File versions the X-Ray could not read or compare.
    versions: usize,
}

impl Clone for Missing {
    fn clone(&self) -> Self {
        Missing(std::sync::Mutex::new(self.counts()))
    }
}

impl Missing {
    fn counts(&self) -> MissingCounts {
        self.0.lock().map(|c| c.clone()).unwrap_or_default()
    }

    fn record(&self, blobs: &[Oid], update: impl FnOnce(&mut MissingCounts)) {
        // A poisoned lock only means another thread panicked while counting; keep counting.
        let mut counts = self.0.lock().unwrap_or_else(|e| e.into_inner());
        counts.blobs.extend(blobs.iter().copied());
        update(&mut counts);
    }

    /// `changes` file changes with missing `blobs` whose lines could not be counted.
    pub fn line_counts(&self, blobs: &[Oid], changes: usize) {
        self.record(blobs, |c| c.line_counts += changes);
    }

    /// `lines` marker lines left without an introduction for lack of `blobs`.
    pub fn introductions(&self, blobs: &[Oid], lines: usize) {
        self.record(blobs, |c| c.introductions += lines);
    }

    /// `versions` file versions the X-Ray could not use for lack of `blobs`.
    pub fn versions(&self, blobs: &[Oid], versions: usize) {
        self.record(blobs, |c| c.versions += versions);
    }

    /// Distinct blobs found missing.
    pub fn blobs(&self) -> usize {
        self.counts().blobs.len()
    }

    /// The warning for the report, if any blob was missing.
    pub fn warning(&self) -> Option<String> {
        let c = self.counts();
        if c.blobs.is_empty() {
            return None;
        }
        let plural = crate::util::count::<usize>;
        let mut parts = Vec::new();
        if c.line_counts > 0 {
            parts.push(format!(
                "the line counts of {}",
                plural(c.line_counts, "file change")
            ));
        }
        if c.introductions > 0 {
            parts.push(format!(
                "the introductions of {}",
                plural(c.introductions, "marker line")
            ));
        }
        if c.versions > 0 {
            parts.push(format!(
                "{} for the function X-Ray",
                plural(c.versions, "file version")
            ));
        }
        let what = match parts.split_last() {
            None => "nothing".to_string(),
            Some((last, [])) => last.clone(),
            Some((last, rest)) => format!("{} and {last}", rest.join(", ")),
        };
        let n = c.blobs.len();
        Some(format!(
            "{} of the history {} missing (a partial clone): {what} could not be measured; \
             run `git fetch --refetch --no-filter` to fetch them",
            plural(n, "blob"),
            if n == 1 { "is" } else { "are" },
        ))
    }
}

/// The files one commit changed (present at HEAD and not filtered), for change coupling.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChangeSet {
    /// Commit time.
    pub time: i64,
    /// Author after `.mailmap`.
    pub author: std::sync::Arc<str>,
    /// Every path the commit changed, including files gone at HEAD (code-maat's change set size).
    pub size: usize,
    /// Changed paths present at HEAD, sorted: one shared copy of each path for all the sets
    /// (a set per commit of the history: 37 of u-boot's 212 MB with a `String` each).
    pub files: Vec<std::sync::Arc<str>>,
    /// When its subject makes it a fix ([`HistoryOptions::fixes`]): which fix.
    pub fix: Option<std::sync::Arc<Fix>>,
    /// With `fix`, in a commit whose lines were counted: how many lines it changed in each
    /// of `files`, so a fix-prone file's fixes say how much of each landed there.
    pub fix_lines: Option<Box<FixLines>>,
}

/// The lines a fix commit added and deleted in each file it changed ([`ChangeSet::fix_lines`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FixLines {
    /// Per file of [`ChangeSet::files`], in its order; `None` where they were not counted (a
    /// file followed from an earlier name, a binary file, a missing blob).
    pub files: Vec<Option<u32>>,
    /// The sum of those counted.
    pub total: u32,
}

/// A fix commit, as a fix-prone item names it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fix {
    /// The commit.
    pub id: Oid,
    /// Its subject: a fix cherry-picked onto a maintenance branch that is merged back keeps
    /// it, and counts as one fix.
    pub subject: String,
}

/// How the history is walked.
#[derive(Debug, Clone)]
pub struct HistoryOptions {
    /// Follow only first parents (and diff merges against their first parent).
    pub first_parent: bool,
    /// Ignore commits older than this (seconds since the epoch, commit time).
    pub since: Option<i64>,
    /// Walk at most this many commits from HEAD.
    pub max_commits: Option<usize>,
    /// Half-life of the recency weighting, in days.
    pub half_life_days: f64,
    /// Noise filters; `None` counts everything (`--raw`).
    pub filters: Option<NoiseFilters>,
    /// Record every file version, merges included, for tracing lines to the commit that
    /// wrote them ([`History::versions`]); costs time and memory, so only when needed.
    pub versions: bool,
    /// Author aliases applied after `.mailmap`.
    pub aliases: std::sync::Arc<Aliases>,
    /// Where the run's phases are reported (hidden unless the caller shows them); it rides
    /// here because every command that reads files or history takes these options.
    pub progress: crate::progress::Progress,
    /// The commit to start from instead of HEAD (`--as-of`); with one, nothing is read from
    /// the work tree.
    pub start: Option<Start>,
    /// Count lines only for the commits of this many days before HEAD; older commits count
    /// as revisions but add no lines (their blobs are never diffed). `None`: every commit's.
    pub lines_window_days: Option<u32>,
    /// With [`Self::versions`]: the files the scan reads at HEAD. Only their versions are
    /// recorded, and those of files gone at HEAD that may be sources (a language's name or
    /// extension, or none), which a scanned file may have been renamed from. `None`: every
    /// path that may be a source.
    pub sources: Option<std::sync::Arc<PathSet>>,
    /// What makes a commit a fix ([`ChangeSet::fix`]); `None`: no commit is one.
    pub fixes: Option<crate::fixes::FixPatterns>,
    /// Count a file's commits from before it was renamed as its own ([`History::files`],
    /// [`History::change_sets`]), as `git log --follow` lists them; a renaming commit's lines
    /// are its diff from the old file. `false`: every path on its own, as
    /// `git log --no-renames` counts.
    pub follow_renames: bool,
}

impl Default for HistoryOptions {
    fn default() -> Self {
        HistoryOptions {
            first_parent: false,
            since: None,
            max_commits: None,
            half_life_days: 180.0,
            filters: None,
            versions: false,
            aliases: Default::default(),
            progress: crate::progress::Progress::hidden(),
            start: None,
            lines_window_days: None,
            sources: None,
            fixes: None,
            follow_renames: false,
        }
    }
}

/// The hasher of the history's maps: keyed by paths and commit ids, looked up for every
/// change of every commit, where SipHash was about 7% of a warm run's fold (cargo). Their
/// order is never relied on.
pub type FastHash = foldhash::fast::RandomState;

/// A map keyed by repository-relative path.
pub type PathMap<V> = HashMap<String, V, FastHash>;

/// A set of repository-relative paths.
pub type PathSet = HashSet<String, FastHash>;

/// Change statistics of one file.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct FileHistory {
    /// Commits that touched the file.
    pub revisions: u32,
    /// Lines added over all those commits (text files only, as `git log --numstat`).
    pub added: u64,
    /// Lines deleted.
    pub deleted: u64,
    /// Commit time (seconds since the epoch) of the earliest change.
    pub first_change: i64,
    /// Commit time of the latest change.
    pub last_change: i64,
    /// Revisions weighted by recency: each counts `0.5^(age / half-life)`, age before HEAD.
    pub weighted_revisions: f64,
    /// Revisions per author (after `.mailmap`), keyed by `Name <email>`.
    pub authors: BTreeMap<String, u32>,
}

impl FileHistory {
    /// The author with most revisions and their share of all revisions.
    pub fn main_author(&self) -> Option<(&str, f64)> {
        let total: u32 = self.authors.values().sum();
        // Ties go to the alphabetically first author, so the answer is deterministic.
        let (name, count) = self
            .authors
            .iter()
            .max_by(|a, b| a.1.cmp(b.1).then_with(|| b.0.cmp(a.0)))?;
        Some((name.as_str(), *count as f64 / total.max(1) as f64))
    }

    /// Knowledge fragmentation `1 − Σ pᵢ²` over authors' shares of revisions: 0 when one
    /// person made every change, towards 1 when many people each made a few.
    pub fn fragmentation(&self) -> f64 {
        let total: u32 = self.authors.values().sum();
        if total == 0 {
            return 0.0;
        }
        1.0 - self
            .authors
            .values()
            .map(|&n| {
                let p = n as f64 / total as f64;
                p * p
            })
            .sum::<f64>()
    }
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
    /// Per repository-relative path, for paths present at HEAD.
    pub files: PathMap<FileHistory>,
    /// Per non-merge commit counted, newest first.
    pub change_sets: Vec<ChangeSet>,
    /// What the noise filters left out.
    pub excluded: Vec<Exclusion>,
    /// Per path whose lines may be traced ([`HistoryOptions::sources`]): the commits that
    /// changed it (merges: against their first parent), in walk order, newest first; no noise
    /// filter (ignored revisions are flagged in [`Self::walked`]). Only when
    /// [`HistoryOptions::versions`] is set.
    pub versions: PathMap<Vec<Version>>,
    /// Every commit walked, when versions are recorded: what its versions share, kept once.
    pub walked: Commits,
    /// Blobs of a partial clone that are not here, and what went unmeasured; later passes
    /// (introductions, X-Ray) add theirs.
    pub missing: Missing,
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

/// One file in one commit's diff.
struct FileChange {
    path: String,
    added: u32,
    deleted: u32,
    /// Blobs a partial clone lacks, without which `added` and `deleted` could not be counted.
    missing: Vec<Oid>,
    /// Blob ids before and after (`None`: absent, or a submodule).
    old: Option<Oid>,
    new: Option<Oid>,
    /// For a merge: the file's blob in each parent after the first.
    other_parents: Vec<Option<Oid>>,
    /// With [`HistoryOptions::follow_renames`], for a file the commit created by a rename:
    /// the path it was renamed from.
    from: Option<String>,
    /// For a path gone at HEAD whose lines count if it is an earlier name of a file at HEAD:
    /// its two sides, to count them then.
    uncounted: Option<(Option<treediff::Side>, Option<treediff::Side>)>,
    /// Whether `added` and `deleted` were counted (in the lines window, not binary, no blob
    /// missing).
    counted: bool,
}

/// One commit's version of a file, for tracing lines back to the commit that wrote them. What
/// all of a commit's versions share (its id, parents, author and times) is kept once, in the
/// history's table of commits, and a merge's blobs in the other parents in a side table:
/// versions are the part of a history that grows with every file every commit touches (52
/// bytes each; 80 with the commit's id and a boxed slice of merge blobs in each, which held
/// 131 of u-boot's 275 MB).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Version {
    /// The commit: its place in the history's table of commits ([`History::commit_of`]).
    commit: u32,
    /// Where its merge blobs start in the side table ([`History::merge_parents`]);
    /// [`NOT_A_MERGE`] for other commits.
    merge: u32,
    /// The file's blob before the commit (`None`: the commit created it).
    pub old: Option<Oid>,
    /// The file's blob after the commit.
    pub new: Option<Oid>,
}

impl Version {
    /// Whether a merge made it (its blobs in the other parents: [`History::merge_parents`]).
    pub fn from_merge(&self) -> bool {
        self.merge != NOT_A_MERGE
    }
}

/// [`Version::merge`] of a version made by a commit with one parent or none.
const NOT_A_MERGE: u32 = u32::MAX;

/// What every version a commit recorded shares.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CommitInfo {
    /// Its id.
    pub id: Oid,
    /// Where its parents start in the history's table of parents, and how many it has.
    parents: (u32, u32),
    /// Its author after `.mailmap` (one allocation per author, shared by their commits).
    pub author: std::sync::Arc<str>,
    /// Author time, seconds since the epoch.
    pub author_time: i64,
    /// Commit time, seconds since the epoch (what `--since` and recency weights read).
    pub time: i64,
    /// Listed in `.git-blame-ignore-revs`.
    pub ignored: bool,
}

/// Every commit a history pass walked, when versions are recorded: what their versions share,
/// kept once, in flat tables (a commit's parents and a merge version's blobs are slices of
/// one vector each, not an allocation each).
#[derive(Debug, Clone, Default)]
pub struct Commits {
    /// By the index versions name them by.
    info: Vec<CommitInfo>,
    /// Each commit's index, by id.
    index: HashMap<Oid, u32, FastHash>,
    /// Parents, first parent first, in slices [`CommitInfo::parents`] names.
    parents: Vec<Oid>,
    /// A merge version's blob in each parent after the first, in slices [`Version::merge`]
    /// starts (as many as its commit has parents after the first).
    merge_blobs: Vec<Option<Oid>>,
}

impl Commits {
    /// Adds a commit (`id`, its `parents`, its author's shared name and its other facts);
    /// the index versions name it by.
    fn add(
        &mut self,
        id: Oid,
        parents: &[Oid],
        (author, author_time, time, ignored): (std::sync::Arc<str>, i64, i64, bool),
    ) -> u32 {
        let at = self.info.len() as u32;
        self.info.push(CommitInfo {
            id,
            parents: (self.parents.len() as u32, parents.len() as u32),
            author,
            author_time,
            time,
            ignored,
        });
        self.parents.extend_from_slice(parents);
        self.index.insert(id, at);
        at
    }

    /// Files a merge version's blobs in its other parents; where they start.
    fn add_merge_blobs(&mut self, blobs: &[Option<Oid>]) -> u32 {
        if blobs.is_empty() {
            return NOT_A_MERGE;
        }
        let at = self.merge_blobs.len() as u32;
        self.merge_blobs.extend_from_slice(blobs);
        at
    }
}

impl History {
    /// The details of the commit of `version`; `None` only for a version this history did not
    /// record.
    pub fn info(&self, version: &Version) -> Option<&CommitInfo> {
        self.walked.info.get(version.commit as usize)
    }

    /// The commit that made `version`.
    pub fn commit_of(&self, version: &Version) -> Oid {
        self.info(version).map_or(Oid::ZERO_SHA1, |c| c.id)
    }

    /// The version of `versions` (one path's, as this history recorded them) that `commit`
    /// made, if it changed the path: a binary search, as a path's versions are in walk order,
    /// the order of their commits' places in the table.
    pub fn version_by<'v>(&self, versions: &'v [Version], commit: Oid) -> Option<&'v Version> {
        let at = *self.walked.index.get(&commit)?;
        let i = versions.binary_search_by_key(&at, |v| v.commit).ok()?;
        Some(&versions[i])
    }

    /// The parents of `commit`, if it was walked (empty for a root or a shallow boundary).
    pub fn parents(&self, commit: Oid) -> Option<&[Oid]> {
        let at = *self.walked.index.get(&commit)?;
        let (start, n) = self.walked.info[at as usize].parents;
        self.walked
            .parents
            .get(start as usize..(start + n) as usize)
    }

    /// For a version a merge made: the file's blob in each parent after the first (`old` is
    /// the first parent's). Empty for other commits.
    pub fn merge_parents(&self, version: &Version) -> &[Option<Oid>] {
        if version.merge == NOT_A_MERGE {
            return &[];
        }
        let n = self
            .info(version)
            .map_or(0, |c| c.parents.1.saturating_sub(1));
        let start = version.merge as usize;
        self.walked
            .merge_blobs
            .get(start..start + n as usize)
            .unwrap_or_default()
    }
}

/// What one commit changed.
struct CommitChanges {
    /// A merge: recorded for tracing lines only; it contributes no diff to any count.
    merge: bool,
    oid: Oid,
    time: i64,
    author_time: i64,
    author: String,
    /// Paths changed, including those gone at HEAD.
    size: usize,
    files: Vec<FileChange>,
    parents: Vec<Oid>,
    /// When its subject makes it a fix: which fix.
    fix: Option<std::sync::Arc<Fix>>,
}

/// The commit time of HEAD, or `None` in a repository without commits.
pub fn head_time(workdir: &Path) -> Result<Option<i64>, Error> {
    let repo = Repository::open(workdir).map_err(|e| git_error(workdir, e))?;
    let commit = repo.head().and_then(|h| h.peel_to_commit());
    Ok(commit.ok().map(|c| c.time().seconds()))
}

/// The days of the hotspot window in effect: `days` before the start commit (`options.start`,
/// else HEAD), or more, back to the `min_commits`-th newest non-merge commit when the `days`
/// hold fewer, or to the first commit when the whole history holds fewer. A project that paused
/// for a year keeps its last active stretch as its recent change, rather than having none; in a
/// busy repository the calendar window holds that many commits and stands. `min_commits` 0, an
/// unborn HEAD or a directory outside a repository: `days`.
pub fn active_window_days(
    workdir: &Path,
    options: &HistoryOptions,
    days: u32,
    min_commits: u32,
) -> Result<u32, Error> {
    if min_commits == 0 {
        return Ok(days);
    }
    let repo = Repository::open(workdir).map_err(|e| git_error(workdir, e))?;
    let walked = (|| -> Result<Option<i64>, git2::Error> {
        let Some((head, _)) = start::commit(&repo, options.start.as_ref())? else {
            return Ok(None);
        };
        let head_time = head.time().seconds();
        // Newest first by commit time, parents read as they come: libgit2's own time-sorted
        // walk reads every commit of the history before it yields the first (0.24 s of
        // cargo's 0.06 s warm rerun).
        let mut queue = std::collections::BinaryHeap::from([(head_time, head.id())]);
        let mut seen = HashSet::from([head.id()]);
        let (mut counted, mut oldest) = (0, head_time);
        while let Some((time, oid)) = queue.pop() {
            let commit = repo.find_commit(oid)?;
            let parents = commit.parent_ids().take(match options.first_parent {
                true => 1,
                false => usize::MAX,
            });
            for parent in parents {
                // A parent beyond a shallow or partial clone's objects ends that line.
                if let (true, Ok(p)) = (seen.insert(parent), repo.find_commit(parent)) {
                    queue.push((p.time().seconds(), parent));
                }
            }
            if commit.parent_count() > 1 {
                continue;
            }
            counted += 1;
            oldest = time;
            if counted >= min_commits {
                break;
            }
        }
        Ok(Some(head_time - oldest))
    })();
    let span = walked.map_err(|e| git_error(workdir, e))?;
    let needed = span.map_or(0, |s| (s.max(0) + crate::util::DAY - 1) / crate::util::DAY);
    Ok(days.max(u32::try_from(needed).unwrap_or(u32::MAX)))
}

/// HEAD's commit id and branch, without reading history; `None` without commits or when
/// the repository cannot be read (history errors are reported where history is read).
pub fn head(workdir: &Path) -> Option<(String, Option<String>, i64)> {
    let repo = Repository::open(workdir).ok()?;
    let head = repo.head().ok()?;
    let commit = head.peel_to_commit().ok()?;
    Some((
        commit.id().to_string(),
        branch_of(&head),
        commit.time().seconds(),
    ))
}

/// The branch `head` is on, if it is on one.
fn branch_of(head: &git2::Reference) -> Option<String> {
    head.is_branch()
        .then(|| head.shorthand().ok().map(str::to_string))
        .flatten()
}

/// Walks the history of the repository at `workdir` and collects statistics for every path
/// present at HEAD. Returns `Ok(None)` when the repository has no commits yet.
pub fn analyse(workdir: &Path, options: &HistoryOptions) -> Result<Option<History>, Error> {
    Ok(analyse_with(workdir, options, &NothingKnown)?.map(|(history, _)| history))
}

/// [`analyse`], reusing what an earlier run learned (`known`), and returning what this run
/// read from git for a later one.
pub fn analyse_with(
    workdir: &Path,
    options: &HistoryOptions,
    known: &dyn Known,
) -> Result<Option<(History, Learned)>, Error> {
    let err = |e| git_error(workdir, e);
    // libgit2 re-hashes every object it reads (SHA-1 with collision detection): more than a
    // third of the time of this pass. git itself does not verify on read either; corruption
    // still surfaces as a zlib or delta error naming the object.
    git2::opts::strict_hash_verification(false);
    bound_memory();
    let repo = Repository::open(workdir).map_err(err)?;
    let start = options.start.as_ref();
    let Some((head_commit, branch)) = start::commit(&repo, start).map_err(err)? else {
        return Ok(None);
    };
    let phase = options.progress.phase("history", "commits");
    let mut history = History {
        head: head_commit.id().to_string(),
        branch,
        head_time: head_commit.time().seconds(),
        shallow: repo.is_shallow(),
        ..History::default()
    };
    let at_head = paths_at_head(&head_commit).map_err(err)?;
    let mut learned = Learned::default();
    let how = WalkOf::new(&repo, head_commit.id(), options);
    let boundaries = shallow_boundaries(&repo);
    let oids = match known.walk(&how) {
        Some(oids) => oids,
        None => {
            let oids = walk(&repo, &how, known, &boundaries).map_err(err)?;
            if known.keeps() {
                learned.walk = Some((how, oids.clone()));
            }
            oids
        }
    };
    history.commits = oids.len();
    phase.set_length(oids.len() as u64);
    let scope = Scope {
        options,
        shallow: history.shallow,
        boundaries,
        wanted: &at_head,
        binary: &binary_by_attribute(&repo, start, &at_head).map_err(err)?,
        lines_since: options
            .lines_window_days
            .map(|days| crate::util::window_start(history.head_time, days)),
    };
    let mut fold = Fold::default();
    let workers = Mutex::new(Vec::new());
    let read_batch = |batch: &[Oid]| -> Vec<BatchPart> {
        // Contiguous chunks keep each worker's object cache warm on related commits.
        let chunk = (batch.len() / (rayon::current_num_threads() * 8)).clamp(16, 512);
        batch
            .par_chunks(chunk)
            .map_init(
                || Pooled::take(&workers, workdir, start),
                |worker, chunk| {
                    let worker = worker.get()?;
                    let mut learned = Learned::default();
                    let changes = chunk
                        .iter()
                        .map(|oid| {
                            let changes = worker.changes(*oid, &scope, known, &mut learned);
                            phase.inc(1);
                            changes
                        })
                        .collect::<Result<Vec<_>, _>>()?;
                    Ok((changes, learned))
                },
            )
            .collect()
    };
    let mut fold_batch = |read: Vec<BatchPart>| -> Result<(), Error> {
        for part in read {
            let (changes, part_learned) = part.map_err(err)?;
            learned.records.extend(part_learned.records);
            learned.line_counts.extend(part_learned.line_counts);
            for change in changes.into_iter().flatten() {
                fold.commit(&mut history, change, &at_head, options);
            }
        }
        // A cold run over a long history learns a record per commit: handed on in parts,
        // they never pile up (220 MB at 105k commits).
        if learned.records.len() >= KEEP_EVERY {
            known.keep(Learned {
                records: std::mem::take(&mut learned.records),
                line_counts: std::mem::take(&mut learned.line_counts),
                walk: None,
            });
        }
        Ok(())
    };
    // Records are read in batches and folded as they come, so that only two batches of
    // commits' changes are held at once, not the whole history's. The fold is serial: it
    // folds one batch while the next is read (one after the other, a warm rerun's second
    // core sat idle through every fold).
    let mut pending: Option<Vec<BatchPart>> = None;
    for batch in oids.chunks(BATCH) {
        let (read, folded) = rayon::join(
            || read_batch(batch),
            || pending.take().map_or(Ok(()), &mut fold_batch),
        );
        folded?;
        pending = Some(read);
    }
    if let Some(read) = pending {
        fold_batch(read)?;
    }
    drop(phase);
    let Fold {
        ignored_revs,
        bots,
        excluded_paths,
        uncounted,
        ..
    } = fold;
    let counted: Vec<_> = uncounted
        .par_iter()
        .filter(|(path, _, _)| !scope.binary.contains(&**path))
        .map_init(
            || Pooled::take(&workers, workdir, start),
            |worker, (path, old, new)| {
                let mut part = Learned::default();
                let mut missing = Vec::new();
                let counts = worker
                    .get()?
                    .count(*old, *new, known, &mut part, &mut missing)?;
                Ok((path, counts, missing, part.line_counts))
            },
        )
        .collect::<Result<_, git2::Error>>()
        .map_err(err)?;
    for (path, (added, deleted), missing, line_counts) in counted {
        learned.line_counts.extend(line_counts);
        if !missing.is_empty() {
            history.missing.line_counts(&missing, 1);
        }
        if let Some(entry) = history.files.get_mut(&**path) {
            entry.added += u64::from(added);
            entry.deleted += u64::from(deleted);
        }
    }
    let filters = options.filters.as_ref();
    if filters.is_some() {
        let mut excluded = vec![
            Exclusion {
                what: "commits".into(),
                reason: "listed in .git-blame-ignore-revs".into(),
                count: ignored_revs,
            },
            Exclusion {
                what: "commits".into(),
                reason: "bot author".into(),
                count: bots,
            },
        ];
        for (reason, paths) in excluded_paths {
            excluded.push(Exclusion {
                what: "files".into(),
                reason: reason.into(),
                count: paths.len(),
            });
        }
        history.excluded = excluded;
    }
    Ok(Some((history, learned)))
}

/// Caps what libgit2 keeps in memory: its object cache (256 MiB by default, filled with trees
/// a single pass never reads again) and the pack windows it keeps mapped (8 GiB by default on
/// 64-bit systems, so a whole pack counts in the resident size once read). The cache limit
/// holds for each repository handle, and a scan opens several at once (one per history worker,
/// per X-Ray worker, for introductions): at 64 MiB each, rust-analyzer's cold scan peaked at
/// 430 MB and cargo's at 325 MB; at 16 MiB, 312 MB and 206 MB, in the same time (3 alternating
/// runs each). Most of what remains of libgit2's share is the mapped pack, as for `git log`.
fn bound_memory() {
    const CACHE: isize = 16 << 20;
    const MAPPED: usize = 256 << 20;
    // SAFETY: process-wide libgit2 settings, read when it caches an object or maps a pack
    // window; set before this pass opens its handles, and only ever to the same values.
    unsafe {
        let _ = git2::opts::set_cache_max_size(CACHE);
        let _ = git2::opts::set_mwindow_mapped_limit(MAPPED);
    }
}

/// Everything the commits a history pass analyses depend on: HEAD, how the walk goes, and the
/// shallow boundary (which libgit2 reads as grafts, so deepening a clone changes the walk).
/// The commits reachable from HEAD never change under their ids, so a walk is a function of
/// this and can be kept.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WalkOf {
    /// The commit the walk starts from.
    pub head: Oid,
    /// Children before parents (needed to trace lines; and without `since`, the order used).
    pub topological: bool,
    /// `--first-parent`.
    pub first_parent: bool,
    /// `--since`, seconds since the epoch.
    pub since: Option<i64>,
    /// `--max-commits`.
    pub max_commits: Option<usize>,
    /// The contents of `.git/shallow` and `.git/info/grafts` (empty in a full clone).
    pub grafts: Vec<u8>,
}

impl WalkOf {
    fn new(repo: &Repository, head: Oid, options: &HistoryOptions) -> WalkOf {
        let mut grafts = Vec::new();
        for file in ["shallow", "info/grafts"] {
            let bytes = std::fs::read(repo.path().join(file)).unwrap_or_default();
            grafts.extend_from_slice(&(bytes.len() as u64).to_le_bytes());
            grafts.extend_from_slice(&bytes);
        }
        WalkOf {
            head,
            // Tracing lines needs children before parents, which makes libgit2 read the whole
            // graph before the first commit. Counting does not: newest first by commit time
            // lets a `since` bound end the walk early, as `git log --since` does.
            topological: options.versions || options.since.is_none(),
            first_parent: options.first_parent,
            since: options.since,
            max_commits: options.max_commits,
            grafts,
        }
    }

    /// All of it as bytes, for a cache key.
    pub fn bytes(&self) -> Vec<u8> {
        let mut out = self.head.as_bytes().to_vec();
        out.push(u8::from(self.topological));
        out.push(u8::from(self.first_parent));
        out.extend_from_slice(&self.since.map_or([0xff; 9], |s| {
            let mut b = [0; 9];
            b[1..].copy_from_slice(&s.to_le_bytes());
            b
        }));
        out.extend_from_slice(
            &self
                .max_commits
                .map_or(u64::MAX, |m| m as u64)
                .to_le_bytes(),
        );
        out.extend_from_slice(&self.grafts);
        out
    }
}

/// Commit ids to analyse, newest first: those at or after `since`, at most `max_commits`. A
/// traced history is ordered by [`order`], from the records `known` holds where it can; a
/// counted one walks back by commit time ([`by_time`]).
fn walk(
    repo: &Repository,
    how: &WalkOf,
    known: &dyn Known,
    boundaries: &HashSet<Oid>,
) -> Result<Vec<Oid>, git2::Error> {
    let commits = match how.topological {
        true => order::date_order(repo, how.head, how.first_parent, known, boundaries)?,
        false => by_time(repo, how)?,
    };
    let recent = commits
        .into_iter()
        .filter(|&(_, time)| how.since.is_none_or(|since| time >= since))
        .map(|(oid, _)| oid);
    Ok(recent.take(how.max_commits.unwrap_or(usize::MAX)).collect())
}

/// The commits from HEAD at or after `since`, newest first by commit time, with their times;
/// the walk ends early once `since` is passed, as `git log --since` does (clock skew can put a
/// newer commit behind an older one, so only after a run of older ones; git stops after 5), or
/// once it has `max_commits`.
fn by_time(repo: &Repository, how: &WalkOf) -> Result<Vec<(Oid, i64)>, git2::Error> {
    let mut revwalk = repo.revwalk()?;
    revwalk.set_sorting(Sort::TIME)?;
    if how.first_parent {
        revwalk.simplify_first_parent()?;
    }
    revwalk.push(how.head)?;
    let mut commits = Vec::new();
    let mut too_old = 0;
    for oid in revwalk {
        let oid = oid?;
        let time = repo.find_commit(oid)?.time().seconds();
        if how.since.is_some_and(|since| time < since) {
            too_old += 1;
            if too_old >= SINCE_SLOP {
                break;
            }
            continue;
        }
        too_old = 0;
        commits.push((oid, time));
        if how.max_commits.is_some_and(|max| commits.len() >= max) {
            break;
        }
    }
    Ok(commits)
}

/// How many commits older than `since` in a row end a time-ordered walk.
const SINCE_SLOP: usize = 100;

/// Every file path in HEAD's tree.
fn paths_at_head(head: &Commit) -> Result<PathSet, git2::Error> {
    let mut paths = PathSet::default();
    head.tree()?
        .walk(git2::TreeWalkMode::PreOrder, |dir, entry| {
            if entry.kind() != Some(git2::ObjectType::Tree) {
                paths.insert(format!(
                    "{dir}{}",
                    String::from_utf8_lossy(entry.name_bytes())
                ));
            }
            git2::TreeWalkResult::Ok
        })?;
    Ok(paths)
}

/// A worker taken from a pool for one rayon job and put back when the job is done: rayon
/// calls `map_init`'s init once per job, not per thread, and opening a repository and its
/// `.mailmap` that often was a measurable share of a run that finds everything cached.
struct Pooled<'p> {
    worker: Option<Result<Worker, git2::Error>>,
    pool: &'p Mutex<Vec<Worker>>,
}

impl<'p> Pooled<'p> {
    fn take(pool: &'p Mutex<Vec<Worker>>, workdir: &Path, start: Option<&Start>) -> Pooled<'p> {
        let idle = pool.lock().unwrap_or_else(|p| p.into_inner()).pop();
        Pooled {
            worker: Some(idle.map_or_else(|| Worker::open(workdir, start), Ok)),
            pool,
        }
    }

    fn get(&self) -> Result<&Worker, git2::Error> {
        match &self.worker {
            Some(Ok(worker)) => Ok(worker),
            Some(Err(e)) => Err(git2::Error::from_str(e.message())),
            None => Err(git2::Error::from_str("no worker")),
        }
    }
}

impl Drop for Pooled<'_> {
    fn drop(&mut self) {
        if let Some(Ok(worker)) = self.worker.take() {
            self.pool
                .lock()
                .unwrap_or_else(|p| p.into_inner())
                .push(worker);
        }
    }
}

/// A worker thread's own repository handle (libgit2 handles are not shared across threads).
struct Worker {
    repo: Repository,
    mailmap: mailmap::Mailmap,
    /// A partial clone: a missing blob leaves its lines uncounted instead of failing.
    partial: bool,
}

impl Worker {
    /// A handle on the repository at `workdir`. From a `start` commit, `.mailmap` is that
    /// commit's, as in a checkout of it.
    fn open(workdir: &Path, start: Option<&Start>) -> Result<Worker, git2::Error> {
        let repo = Repository::open(workdir)?;
        Ok(Worker {
            mailmap: mailmap::Mailmap::at(&repo, start.map(|s| s.commit)),
            partial: partial_clone(&repo),
            repo,
        })
    }

    /// The changes of one commit, from its record (known from an earlier run, or read now and
    /// returned to be kept); `None` for a merge commit unless versions are recorded (a merge
    /// contributes no diff to any count). Lines are counted only for paths in `wanted` and
    /// commits in the lines window ([`Scope::lines_since`]), and
    /// counts read now are added to `learned`.
    fn changes(
        &self,
        oid: Oid,
        scope: &Scope,
        known: &dyn Known,
        learned: &mut Learned,
    ) -> Result<Option<CommitChanges>, git2::Error> {
        let options = scope.options;
        let diff_merge = options.versions || options.first_parent;
        let read;
        // A commit that is this clone's shallow boundary has no parent here, whatever a
        // record read in a deeper clone of the same commit says.
        let usable = !scope.boundaries.contains(&oid);
        // Only a first-parent walk counts a merge's own diff, renames included.
        let merge_renames = options.first_parent && options.follow_renames;
        let serves = |r: &&CommitRecord| usable && r.serves(diff_merge, merge_renames);
        let record = match known.record(oid).filter(serves) {
            Some(record) => record,
            None => {
                read =
                    CommitRecord::read(&self.repo, oid, diff_merge, scope.shallow, merge_renames)?;
                if !read.boundary && !read.renames_unknown && known.keeps() {
                    learned.records.push((oid, read.clone()));
                }
                &read
            }
        };
        let merge = record.is_merge() && !options.first_parent;
        if merge && !options.versions {
            return Ok(None);
        }
        let author = options.aliases.resolve(
            self.mailmap
                .identity_of(&record.author_name, &record.author_email),
        );
        let lines = scope.lines_since.is_none_or(|since| record.time >= since);
        let mut files = Vec::with_capacity(record.changes.len());
        for change in &record.changes {
            // Files gone at HEAD matter for their versions (blame follows renames through
            // them) and, followed through renames, as earlier names of files at HEAD: which
            // they are, only the fold knows, so their lines are counted there if needed.
            let wanted_here = scope.wanted.contains(&change.path);
            if !wanted_here && !options.versions && !options.follow_renames {
                continue;
            }
            let from = (change.from)
                .filter(|_| options.follow_renames)
                .and_then(|i| record.changes.get(i as usize));
            // A renamed file's change is its diff from the file it was renamed from.
            let old = match from {
                Some(source) => source.old.map(|s| s.side()),
                None => change.old.map(|s| s.side()),
            };
            let new = change.new.map(|s| s.side());
            let mut missing = Vec::new();
            let countable = lines && !merge;
            let counted = countable && wanted_here && !scope.binary.contains(&change.path);
            let (added, deleted) = if counted {
                self.count(old, new, known, learned, &mut missing)?
            } else {
                (0, 0)
            };
            let blob = |side: Option<record::Side>| side.filter(|s| !s.is_gitlink()).map(|s| s.id);
            let counted = counted && missing.is_empty();
            files.push(FileChange {
                counted,
                other_parents: if merge {
                    change
                        .other_parents
                        .iter()
                        .map(|b| b.as_ref().map(record::oid))
                        .collect()
                } else {
                    Vec::new()
                },
                old: blob(change.old).as_ref().map(record::oid),
                new: blob(change.new).as_ref().map(record::oid),
                path: change.path.clone(),
                added,
                deleted,
                missing,
                from: from.map(|source| source.path.clone()),
                uncounted: (countable && !wanted_here).then_some((old, new)),
            });
        }
        Ok(Some(CommitChanges {
            parents: if options.versions {
                record.parents.iter().map(record::oid).collect()
            } else {
                Vec::new()
            },
            merge,
            oid,
            time: record.time,
            author_time: record.author_time,
            author,
            size: record.changes.len(),
            files,
            fix: options.fixes.as_ref().and_then(|p| {
                let subject = String::from_utf8_lossy(&record.subject);
                p.is_fix(&subject).then(|| {
                    std::sync::Arc::new(Fix {
                        id: oid,
                        subject: subject.into_owned(),
                    })
                })
            }),
        }))
    }
}

impl Worker {
    /// Lines added and deleted between two sides, known or counted (and then learned); blobs
    /// a partial clone lacks go to `missing`, and count nothing.
    fn count(
        &self,
        old: Option<treediff::Side>,
        new: Option<treediff::Side>,
        known: &dyn Known,
        learned: &mut Learned,
        missing: &mut Vec<Oid>,
    ) -> Result<(u32, u32), git2::Error> {
        let key = (old.map(|s| s.id), new.map(|s| s.id));
        if let Some(counts) = known.line_counts(key.0, key.1) {
            return Ok(counts);
        }
        match treediff::line_counts(&self.repo, old, new) {
            Ok(counts) => {
                if known.keeps() {
                    learned.line_counts.push((key, counts));
                }
                Ok(counts)
            }
            Err(e) if absent(&e, self.partial) => {
                *missing = self.absent_blobs(old, new);
                if missing.is_empty() {
                    return Err(e);
                }
                Ok((0, 0))
            }
            Err(e) => Err(e),
        }
    }

    /// The blobs of a change that are not in the object database.
    fn absent_blobs(&self, old: Option<treediff::Side>, new: Option<treediff::Side>) -> Vec<Oid> {
        let odb = self.repo.odb().ok();
        [old, new]
            .into_iter()
            .flatten()
            .filter(|s| s.mode != 0o160000)
            .map(|s| s.id)
            .filter(|&id| !odb.as_ref().is_some_and(|odb| odb.exists(id)))
            .collect()
    }
}

/// A blob, or `None` when a partial clone lacks it.
pub(crate) fn find_blob(
    repo: &Repository,
    oid: Oid,
    partial: bool,
) -> Result<Option<git2::Blob<'_>>, git2::Error> {
    match repo.find_blob(oid) {
        Ok(blob) => Ok(Some(blob)),
        Err(e) if absent(&e, partial) => Ok(None),
        Err(e) => Err(e),
    }
}

/// The paths of `wanted` that `.gitattributes` marks binary (`binary`, `-diff`): git counts no
/// lines for them. As `git log` does, the attributes of the current checkout decide for every
/// commit; from a `start` commit, that commit's, read from an index of its tree held in memory
/// (the repository's index file is not touched). Resolved once per path, before the workers
/// start: looked up in each worker, libgit2 re-read the index on every call (a third of a
/// warm run's CPU on cargo).
fn binary_by_attribute(
    repo: &Repository,
    start: Option<&Start>,
    wanted: &PathSet,
) -> Result<PathSet, git2::Error> {
    let mut flags = git2::AttrCheckFlags::FILE_THEN_INDEX;
    let mut at_start = None;
    if let Some(start) = start {
        let at = Repository::open(repo.path())?;
        let mut index = git2::Index::new()?;
        index.read_tree(&at.find_commit(start.commit)?.tree()?)?;
        at.set_index(&mut index)?;
        flags = git2::AttrCheckFlags::INDEX_ONLY;
        at_start = Some(at);
    }
    let repo = at_start.as_ref().unwrap_or(repo);
    if !has_attributes(repo, start.is_some(), wanted) {
        return Ok(PathSet::default());
    }
    // Looking one path up loads the index once and keeps it for the rest.
    let mut binary = PathSet::default();
    for path in wanted {
        let value = repo.get_attr(Path::new(path), "diff", flags);
        if matches!(
            value.map(git2::AttrValue::from_string),
            Ok(git2::AttrValue::False)
        ) {
            binary.insert(path.clone());
        }
    }
    Ok(binary)
}

/// Whether any attributes file could apply to `wanted`: a `.gitattributes` in a directory of
/// theirs (committed, or in the work tree unless `committed_only`), `info/attributes`, or a
/// user's attributes file (`core.attributesFile`, else `$XDG_CONFIG_HOME/git/attributes`).
/// Without one, looking every path up is a walk of stat calls up its directories that can only
/// answer "not binary".
fn has_attributes(repo: &Repository, committed_only: bool, wanted: &PathSet) -> bool {
    if repo.path().join("info").join("attributes").exists() {
        return true;
    }
    let config = repo.config().ok();
    if user_attributes_file(config.as_ref()).is_some_and(|u| u.exists()) {
        return true;
    }
    if wanted
        .iter()
        .any(|p| p == ".gitattributes" || p.ends_with("/.gitattributes"))
    {
        return true;
    }
    let dirs = directories(wanted.iter().map(String::as_str));
    match (committed_only, repo.workdir()) {
        (false, Some(workdir)) => dirs
            .iter()
            .any(|d| workdir.join(d).join(".gitattributes").exists()),
        _ => false,
    }
}

/// The user's attributes file git reads: `core.attributesFile` in `config`, else
/// `$XDG_CONFIG_HOME/git/attributes` (`~/.config/git/attributes`).
pub(crate) fn user_attributes_file(config: Option<&git2::Config>) -> Option<PathBuf> {
    let configured = config.and_then(|c| c.get_path("core.attributesFile").ok());
    configured.or_else(|| {
        let base = std::env::var_os("XDG_CONFIG_HOME")
            .map(PathBuf::from)
            .or_else(|| std::env::var_os("HOME").map(|h| Path::new(&h).join(".config")))?;
        Some(base.join("git").join("attributes"))
    })
}

/// The directories holding `paths` (`/`-separated, repository-relative), each with every
/// directory above it, the root (`""`) included: where a `.gitattributes` could apply to them.
pub(crate) fn directories<'p>(paths: impl Iterator<Item = &'p str>) -> BTreeSet<&'p str> {
    let mut dirs = BTreeSet::from([""]);
    for path in paths {
        let mut at = path;
        while let Some(slash) = at.rfind('/') {
            at = &at[..slash];
            if !dirs.insert(at) {
                break;
            }
        }
    }
    dirs
}

/// How many commits are read before their changes are folded.
const BATCH: usize = 4096;

/// How many records learned are handed to [`Known::keep`] at once: each hand-over is a cache
/// segment, and the records wait in memory until then (four batches' worth held 20 MB more
/// at the peak of rust-analyzer's cold scan).
const KEEP_EVERY: usize = BATCH;

/// The commits a shallow clone's history ends at (`.git/shallow`): git diffs them against
/// nothing. Empty in a full clone.
fn shallow_boundaries(repo: &Repository) -> HashSet<Oid> {
    let text = std::fs::read_to_string(repo.path().join("shallow")).unwrap_or_default();
    text.lines()
        .filter_map(|line| Oid::from_str(line.trim()).ok())
        .collect()
}

/// What a commit's changes are read with, shared by the workers.
struct Scope<'a> {
    options: &'a HistoryOptions,
    shallow: bool,
    /// The shallow boundary: no record of these is taken from an earlier run.
    boundaries: HashSet<Oid>,
    /// Paths present at HEAD: only their lines are counted.
    wanted: &'a PathSet,
    /// Paths of `wanted` that `.gitattributes` marks binary: git counts no lines for them.
    binary: &'a PathSet,
    /// Commits older than this (commit time) count no lines ([`HistoryOptions::lines_window_days`]).
    lines_since: Option<i64>,
}

/// What the fold has left out so far.
#[derive(Default)]
struct Fold {
    ignored_revs: usize,
    bots: usize,
    excluded_paths: BTreeMap<&'static str, HashSet<String>>,
    /// One shared copy of each path and author the change sets and commits name.
    shared: HashSet<std::sync::Arc<str>, FastHash>,
    /// Earlier names of files at HEAD, as far as the walk has gone ([`FileChange::from`]).
    renamed: HashMap<String, std::sync::Arc<str>, FastHash>,
    /// Changes made to files at HEAD under an earlier name, whose lines are still to count.
    uncounted: Vec<Uncounted>,
}

/// A file at HEAD and the two sides of a change made to it under an earlier name.
type Uncounted = (
    std::sync::Arc<str>,
    Option<treediff::Side>,
    Option<treediff::Side>,
);

/// Whether a scan could read the file at `path` as source: its name or extension is a
/// language's, or it has no extension (a script is known by its `#!` line, which only its
/// content tells). Only the files a scan reads have lines to trace or functions to follow, so
/// only their versions are recorded, and those of the files they may have been renamed from:
/// documentation, data, build files and the sources of languages debtscan does not parse were
/// most of the versions of a repository such as u-boot. A scanned file renamed from another
/// kind of file is taken as created by the rename.
fn may_be_source(path: &str) -> bool {
    let path = Path::new(path);
    path.extension().is_none() || crate::lang::for_path(path).is_some()
}

impl Fold {
    /// The shared copy of `text`.
    fn share(&mut self, text: &str) -> std::sync::Arc<str> {
        match self.shared.get(text) {
            Some(shared) => shared.clone(),
            None => {
                let shared: std::sync::Arc<str> = text.into();
                self.shared.insert(shared.clone());
                shared
            }
        }
    }

    /// Adds one commit's changes to `history`, in walk order: the authors after `.mailmap`
    /// (already applied), noise filters, the paths present at HEAD and recency weights.
    fn commit(
        &mut self,
        history: &mut History,
        change: CommitChanges,
        at_head: &PathSet,
        options: &HistoryOptions,
    ) {
        let filters = options.filters.as_ref();
        let ignored = filters.is_some_and(|f| f.ignore_revs.contains(&change.oid));
        if options.versions {
            let commit = history.walked.add(
                change.oid,
                &change.parents,
                (
                    self.share(&change.author),
                    change.author_time,
                    change.time,
                    ignored,
                ),
            );
            let traced = |path: &str| match &options.sources {
                Some(sources) if at_head.contains(path) => sources.contains(path),
                _ => may_be_source(path),
            };
            for file in change.files.iter().filter(|f| traced(&f.path)) {
                let merge = history.walked.add_merge_blobs(&file.other_parents);
                let versions = match history.versions.get_mut(file.path.as_str()) {
                    Some(versions) => versions,
                    None => history.versions.entry(file.path.clone()).or_default(),
                };
                // A quarter more at a time, not twice as much: the spare capacity of 80k
                // paths' vectors is held at once (45% of u-boot's versions when doubling).
                if versions.len() == versions.capacity() {
                    versions.reserve_exact((versions.len() / 4).max(2));
                }
                debug_assert!(versions.last().is_none_or(|v| v.commit < commit));
                versions.push(Version {
                    commit,
                    merge,
                    old: file.old,
                    new: file.new,
                });
            }
        }
        if change.merge {
            return;
        }
        if let Some(f) = filters {
            if ignored {
                self.ignored_revs += 1;
                return;
            }
            if f.is_bot(&change.author) {
                self.bots += 1;
                return;
            }
        }
        let age_days = (history.head_time - change.time).max(0) as f64 / DAY;
        let weight = crate::util::recency_weight(age_days, options.half_life_days);
        let mut set = ChangeSet {
            time: change.time,
            author: self.share(&change.author),
            size: change.size,
            files: Vec::new(),
            fix_lines: None,
            fix: change.fix,
        };
        let mut fix_lines: Vec<Option<u32>> = Vec::new();
        // The files this commit renamed into a file at HEAD: their deletions are that file's
        // change.
        let followed = |path: &str| self.renamed.contains_key(path) || at_head.contains(path);
        let sources: HashSet<String> = (change.files.iter())
            .filter(|f| followed(&f.path))
            .filter_map(|f| f.from.clone())
            .collect();
        let mut renamed = Vec::new();
        // A file counts once per commit. Only an earlier name can repeat a path (the file and
        // its earlier name both changed), so nothing is looked up until one appears: a commit
        // of thousands of files stays linear.
        let mut counted: Option<HashSet<std::sync::Arc<str>, FastHash>> = None;
        for file in change.files {
            if file.new.is_none() && sources.contains(&file.path) {
                continue;
            }
            // An earlier name of a file at HEAD is that file, before its rename.
            let (path, earlier) = match self.renamed.get(file.path.as_str()) {
                Some(head) => (head.clone(), true),
                None if at_head.contains(&file.path) => (self.share(&file.path), false),
                None => continue,
            };
            if let Some(from) = file.from {
                renamed.push((from, path.clone()));
            } else if file.old.is_none() {
                // Created here: older commits' changes to this name were another file's.
                self.renamed.remove(file.path.as_str());
            }
            if earlier && counted.is_none() {
                counted = Some(set.files.iter().cloned().collect());
            }
            if counted.as_mut().is_some_and(|c| !c.insert(path.clone())) {
                continue;
            }
            if let Some(reason) = filters.and_then(|f| f.path_reason(&path)) {
                self.excluded_paths
                    .entry(reason)
                    .or_default()
                    .insert(path.to_string());
                continue;
            }
            set.files.push(path.clone());
            if set.fix.is_some() {
                fix_lines.push(file.counted.then(|| file.added + file.deleted));
            }
            if let Some((old, new)) = file.uncounted {
                self.uncounted.push((path.clone(), old, new));
            }
            // The change's own path is the file's unless it is an earlier name: no copy then.
            let key = if earlier { path.to_string() } else { file.path };
            let entry = history.files.entry(key).or_insert_with(|| FileHistory {
                first_change: change.time,
                last_change: change.time,
                ..FileHistory::default()
            });
            if !file.missing.is_empty() {
                history.missing.line_counts(&file.missing, 1);
            }
            entry.revisions += 1;
            entry.added += u64::from(file.added);
            entry.deleted += u64::from(file.deleted);
            entry.first_change = entry.first_change.min(change.time);
            entry.last_change = entry.last_change.max(change.time);
            entry.weighted_revisions += weight;
            *entry.authors.entry(change.author.clone()).or_insert(0) += 1;
        }
        // After this commit's own changes: the walk meets a file's older commits after the
        // commit that renamed it.
        self.renamed.extend(renamed);
        if fix_lines.iter().any(Option::is_some) {
            let mut both: Vec<_> = set.files.drain(..).zip(fix_lines).collect();
            both.sort();
            let (files, lines): (Vec<_>, Vec<_>) = both.into_iter().unzip();
            set.files = files;
            set.fix_lines = Some(Box::new(FixLines {
                total: lines.iter().flatten().sum(),
                files: lines,
            }));
        } else {
            set.files.sort();
        }
        history.change_sets.push(set);
    }
}

/// What an earlier run learned and this one may reuse (the cache); lookups only.
pub trait Known: Sync {
    /// The record of `commit`, if known.
    fn record(&self, commit: Oid) -> Option<&CommitRecord>;
    /// Lines added and deleted between two blobs (`None`: the file is absent on that side),
    /// if known.
    fn line_counts(&self, old: Option<Oid>, new: Option<Oid>) -> Option<(u32, u32)>;
    /// Whether what is read should be returned to be kept (nothing is kept without a cache).
    fn keeps(&self) -> bool {
        true
    }
    /// The commits a walk returns, if an earlier run made the same one.
    fn walk(&self, _: &WalkOf) -> Option<Vec<Oid>> {
        None
    }
    /// Takes part of what the pass read, as it goes (records and line counts), so that a long
    /// history is never all held at once. What it does not take is returned at the end.
    fn keep(&self, _: Learned) {}
}

/// Nothing known: every record and count is read from git.
pub struct NothingKnown;

impl Known for NothingKnown {
    fn record(&self, _: Oid) -> Option<&CommitRecord> {
        None
    }
    fn line_counts(&self, _: Option<Oid>, _: Option<Oid>) -> Option<(u32, u32)> {
        None
    }
    fn keeps(&self) -> bool {
        false
    }
}

/// The blobs before and after a change (`None`: the file is absent on that side).
pub type BlobPair = (Option<Oid>, Option<Oid>);

/// One worker's share of a batch: each commit's changes (`None`: a merge not diffed), and what
/// it read from git.
type BatchPart = Result<(Vec<Option<CommitChanges>>, Learned), git2::Error>;

/// What a history pass read from git that a later run can reuse: records of commits (never a
/// shallow boundary's, which holds only until the clone is deepened) and line counts by blob
/// pair.
#[derive(Debug, Default)]
pub struct Learned {
    /// Commit records read from git.
    pub records: Vec<(Oid, CommitRecord)>,
    /// Lines added and deleted per (old blob, new blob).
    pub line_counts: Vec<(BlobPair, (u32, u32))>,
    /// The walk, when it was read from git.
    pub walk: Option<(WalkOf, Vec<Oid>)>,
}

fn git_error(path: &Path, e: git2::Error) -> Error {
    let mut message = e.message().to_string();
    // A missing object outside a partial clone (whose gaps are tolerated) is a damaged
    // repository: say how to find out what is missing.
    if e.code() == git2::ErrorCode::NotFound && e.class() == git2::ErrorClass::Odb {
        message.push_str(
            "; the repository lacks an object its history needs: `git fsck` names what is \
             missing (a clone from a damaged mirror can be repaired by fetching again)",
        );
    }
    Error::Git {
        path: path.to_path_buf(),
        message,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Commits `files` (path, content; `None` deletes) on top of HEAD.
    fn commit(repo: &Repository, files: &[(&str, Option<&str>)], time: i64) {
        let root = repo.workdir().unwrap();
        let mut index = repo.index().unwrap();
        for (path, content) in files {
            match content {
                Some(text) => {
                    std::fs::write(root.join(path), text).unwrap();
                    index.add_path(Path::new(path)).unwrap();
                }
                None => {
                    std::fs::remove_file(root.join(path)).unwrap();
                    index.remove_path(Path::new(path)).unwrap();
                }
            }
        }
        index.write().unwrap();
        let tree = repo.find_tree(index.write_tree().unwrap()).unwrap();
        let sig = git2::Signature::new("A", "a@x", &git2::Time::new(time, 0)).unwrap();
        let parent = repo.head().ok().map(|h| h.peel_to_commit().unwrap());
        let parents: Vec<&git2::Commit> = parent.iter().collect();
        repo.commit(Some("HEAD"), &sig, &sig, "c", &tree, &parents)
            .unwrap();
    }

    #[test]
    fn versions_are_recorded_for_scanned_files_and_the_sources_they_may_come_from() {
        let dir = tempfile::tempdir().unwrap();
        let repo = Repository::init(dir.path()).unwrap();
        std::fs::create_dir_all(dir.path().join("src")).unwrap();
        let all = [
            ("src/lib.rs", Some("fn a() {}\n")),
            ("src/old.rs", Some("fn o() {}\n")),
            ("notes.md", Some("# notes\n")),
            ("Makefile", Some("all:\n")),
            ("gone.txt", Some("text\n")),
        ];
        commit(&repo, &all, 1_700_000_000);
        let changes = [
            ("src/lib.rs", Some("fn a() { b() }\n")),
            ("src/old.rs", None),
            ("notes.md", Some("# more notes\n")),
            ("Makefile", Some("all: x\n")),
            ("gone.txt", None),
        ];
        commit(&repo, &changes, 1_700_086_400);
        let recorded = |sources: Option<&[&str]>| {
            let options = HistoryOptions {
                versions: true,
                sources: sources
                    .map(|s| std::sync::Arc::new(s.iter().map(|p| p.to_string()).collect())),
                ..HistoryOptions::default()
            };
            let history = analyse(dir.path(), &options).unwrap().unwrap();
            let mut paths: Vec<(String, usize)> = history
                .versions
                .iter()
                .map(|(p, v)| (p.clone(), v.len()))
                .collect();
            paths.sort();
            paths
        };
        // The scan reads src/lib.rs; src/old.rs, gone at HEAD, may be where a scanned file
        // came from. The notes, the data gone at HEAD and the Makefile the scan does not read
        // have nothing to trace.
        assert_eq!(
            recorded(Some(&["src/lib.rs"])),
            [("src/lib.rs".to_string(), 2), ("src/old.rs".to_string(), 2)]
        );
        // Without the scan's files: every path that may be a source (an extensionless file
        // may be a script).
        assert_eq!(
            recorded(None),
            [
                ("Makefile".to_string(), 2),
                ("src/lib.rs".to_string(), 2),
                ("src/old.rs".to_string(), 2)
            ]
        );
    }

    #[test]
    fn a_version_stays_small() {
        // One per file per commit (merges included): the part of a history that grows with
        // the repository's size; what a commit's versions share is its `CommitInfo`.
        assert!(std::mem::size_of::<Version>() <= 52);
    }
}
