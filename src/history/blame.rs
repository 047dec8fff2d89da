//! When each marker line was written, and by whom.
//!
//! libgit2's blame is far slower than `git blame` (libgit2 issue 3027): about 40 ms a line on
//! tokio. So lines are traced back through what the history pass recorded: every commit's
//! parents, and for every file the commits that changed it with its blob before and after.
//! This is blame's own algorithm: walk from HEAD along parents to the next commit that changed
//! the file, diff its change, and a line either was added there (its introduction) or maps to a
//! line of the parent's version; a merge hands each line to the first parent that has it; a file
//! created by a rename continues under its old name. As with `git blame -w`, lines that differ
//! only in whitespace are the same line: a re-indenting commit (a formatter run, code moved into
//! a block) wrote none of them. Commits in `.git-blame-ignore-revs` pass a
//! rewritten line on to its previous version, as `git blame --ignore-revs-file` does
//! (positionally; git matches lines by similarity). Work-tree changes are diffed against HEAD
//! first: uncommitted lines have no introduction.
//!
//! Where the analysed history ends (`--max-commits`, `--since`, a shallow clone's boundary) a
//! line still being traced is older than that history: it is reported as such, with the commit
//! at the edge that already holds it ([`Attribution::BeforeHistory`]). Going on with libgit2's
//! blame would cost 0.1–0.4 s a line (rust-analyzer: 324 s of CPU with `--max-commits 5000`
//! instead of 35 s with full history); a cut history is asked for to be fast. The one exact
//! answer that costs nothing is kept: a line held by a root commit was written there.

use std::collections::{HashMap, HashSet};
use std::path::Path;

use git2::{ObjectType, Oid, Repository};

use super::renames::{Deletions, Rename};
pub(crate) use super::xdiff::Hunk;
use super::{find_blob, History, Version};
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

/// Who wrote a marker line, as far as the analysed history tells.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Attribution {
    /// The commit that wrote the line.
    Written(Introduction),
    /// The line is older than the analysed history (`--max-commits`, `--since`, a shallow
    /// clone): it is already in this commit, where that history ends.
    BeforeHistory(Edge),
}

/// The commit at the edge of the analysed history that already holds a line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Edge {
    /// Commit id: the first commit reached, tracing the line back, that was not analysed (the
    /// parent of the oldest analysed one), or a shallow clone's boundary commit.
    pub commit: String,
    /// Its commit time, seconds since the epoch: the line was written then or earlier. (The
    /// author time could be older than an ancestor's after a rebase; the commit time is a
    /// bound.)
    pub time: i64,
}

/// Introductions an earlier run traced (the cache), by the version a trace starts from: the
/// commit that last changed the file at or before HEAD. From that version back the history
/// never changes, so neither does who wrote its lines (given the same ignored revisions).
pub trait KnownLines: Sync {
    /// Where `line` of `path`, as version `version` holds it, was written: the commit and the
    /// file's path there.
    fn written(&self, version: Oid, path: &str, line: u32) -> Option<(Oid, String)>;
}

/// Nothing known: every line is traced.
pub struct NoLinesKnown;

impl KnownLines for NoLinesKnown {
    fn written(&self, _: Oid, _: &str, _: u32) -> Option<(Oid, String)> {
        None
    }
}

/// A line traced in this run, to be kept: `(version, path, line)` and where it was written.
pub type LearnedLine = ((Oid, String, u32), (Oid, String));

/// Who wrote each asked-for line, by `(path, line)`.
pub type Attributions = HashMap<(String, u32), Option<Attribution>>;

/// Lines that could not be traced for want of blobs (a partial clone), and those blobs.
#[derive(Default)]
struct Gaps {
    unplaced: Vec<u32>,
    missing: Vec<Oid>,
}

/// Per path, walked commits and what was found at or before each (saves re-walking).
type Memo<'h> = HashMap<String, HashMap<Oid, Found<'h>>>;

/// What lies at or before a commit, back along first parents, for one path.
#[derive(Debug, Clone, Copy)]
enum Found<'h> {
    /// The first commit that changed the path.
    Change(&'h Version),
    /// No analysed commit changed it: the first commit reached that was not analysed.
    Edge(Oid),
    /// A root commit that does not have the path: the records do not account for the line.
    Lost,
}

/// The history pass's records, indexed for tracing.
struct Index<'h> {
    history: &'h History,
    deletions: Deletions<'h>,
    /// For the author of a root commit beyond the analysed history.
    mailmap: super::mailmap::Mailmap,
    /// A partial clone: a line whose trace needs a missing blob is left without introduction.
    partial: bool,
    /// A shallow clone's boundary commits: the history pass diffs them against the empty tree,
    /// but the lines they hold are older.
    shallow_boundary: HashSet<Oid>,
    /// The commit lines are traced from (`--as-of`); `None`: HEAD, with the work tree's
    /// changes on top.
    start: Option<Oid>,
    /// What earlier runs traced.
    known: &'h dyn KnownLines,
}

impl<'h> Index<'h> {
    /// From `commit` back along first parents, the first commit that changed `path`, or the
    /// first commit reached that the history pass did not analyse. Every commit walked is
    /// remembered in `memo`, so later walks down the same line stop early.
    fn change_at_or_before(&self, path: &str, commit: Oid, memo: &mut Memo<'h>) -> Found<'h> {
        let versions = self.history.versions.get(path);
        let memo = memo.entry(path.to_string()).or_default();
        let mut walked = Vec::new();
        let mut at = commit;
        let found = loop {
            if let Some(&known) = memo.get(&at) {
                break known;
            }
            if let Some(v) = versions.and_then(|vs| self.history.version_by(vs, at)) {
                break Found::Change(v);
            }
            let Some(parents) = self.history.parents(at) else {
                break Found::Edge(at);
            };
            walked.push(at);
            match parents.first() {
                Some(&parent) => at = parent,
                None => break Found::Lost,
            }
        };
        for w in walked {
            memo.insert(w, found);
        }
        found
    }

    /// What to say of lines that the commit `at`, where the analysed history ends, already
    /// holds: a root commit wrote them (exact, and no dearer than the guess); any other commit
    /// bounds their age. `None` when the commit itself is absent (beyond a shallow boundary).
    fn beyond(&self, repo: &Repository, at: Oid) -> Option<Attribution> {
        let commit = repo.find_commit(at).ok()?;
        if commit.parent_count() == 0 && !self.shallow_boundary.contains(&at) {
            let author = commit.author();
            return Some(Attribution::Written(Introduction {
                commit: at.to_string(),
                author: self.mailmap.identity(&author),
                time: author.when().seconds(),
            }));
        }
        Some(Attribution::BeforeHistory(Edge {
            commit: at.to_string(),
            time: commit.time().seconds(),
        }))
    }

    /// Who an earlier run found wrote `line` of `path` as `version` holds it: the writing
    /// commit's version (so its author is this run's, after `.mailmap`), the commit and the
    /// path there. `None` unless that commit is among this run's versions.
    fn written(&self, version: Oid, path: &str, line: u32) -> Option<(&'h Version, Oid, String)> {
        let (commit, at) = self.known.written(version, path, line)?;
        let v = self
            .history
            .version_by(self.history.versions.get(at.as_str())?, commit)?;
        Some((v, commit, at))
    }

    fn parents(&self, commit: Oid) -> &'h [Oid] {
        self.history.parents(commit).unwrap_or_default()
    }
}

/// A blamed line: `(path, line)` and who introduced it.
type Blamed = ((String, u32), Option<Attribution>);

/// Blames `lines` (1-based) of each repository-relative path. A line older than the analysed
/// history maps to [`Attribution::BeforeHistory`]. A line that is not committed yet maps to
/// `None`, and so does one whose trace needs a blob a partial clone lacks (counted in
/// `history.missing`) or that the recorded history does not account for. From a `start`
/// commit (`--as-of`) the lines are that commit's, and the work tree is not read.
pub fn introductions(
    workdir: &Path,
    history: &History,
    files: &[(String, Vec<u32>)],
    start: Option<Oid>,
    known: &dyn KnownLines,
) -> Result<(Attributions, Vec<LearnedLine>), git2::Error> {
    // Files each commit deleted, to follow a file back through a rename. A path's version at
    // a commit is a binary search in its versions (walk order), not a map of every version
    // of every path (35 MB more at u-boot's million versions, and a third of a warm rerun's
    // introductions to build).
    let deletions = Deletions::of(history);
    let repo = Repository::open(workdir)?;
    let index = Index {
        history,
        deletions,
        mailmap: super::mailmap::Mailmap::at(&repo, start),
        partial: super::partial_clone(&repo),
        shallow_boundary: shallow_boundary(&repo),
        start,
        known,
    };
    type Traced = (Vec<Blamed>, Vec<LearnedLine>);
    let results: Vec<Result<Traced, git2::Error>> = files
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
    let mut learned = Vec::new();
    for r in results {
        let (blamed, lines) = r?;
        out.extend(blamed);
        learned.extend(lines);
    }
    Ok((out, learned))
}

/// The boundary commits of a shallow clone, from the `shallow` file git keeps (libgit2 reads it
/// but does not expose it); empty for a complete clone.
fn shallow_boundary(repo: &Repository) -> HashSet<Oid> {
    if !repo.is_shallow() {
        return HashSet::new();
    }
    std::fs::read_to_string(repo.commondir().join("shallow"))
        .unwrap_or_default()
        .lines()
        .filter_map(|l| Oid::from_str(l.trim()).ok())
        .collect()
}

/// Where a line of a new blob comes from, given the diff from the old blob.
enum Origin {
    /// Added by this change (`hunk_old` is the old hunk's first line and length, if any).
    Added { hunk_old: (u32, u32), offset: u32 },
    /// The same line in the old blob.
    Old(u32),
}

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

/// The hunks between two blobs, computed as `git blame -w` computes them: a commit that only
/// re-indents or re-spaces a line (a formatter run, code moved into a block) did not write it,
/// so its author and age stay those of the commit that wrote its text.
pub(crate) fn blob_hunks(old: &git2::Blob, new: &git2::Blob) -> Result<Vec<Hunk>, git2::Error> {
    let (a, b) = trim_common_tail(old.content(), new.content());
    super::xdiff::hunks_ignoring_whitespace(a, b)
}

/// The hunks git's diff gives: no context, and the indent heuristic (git's default since
/// 2.14), which decides where an ambiguous hunk sits. Blame itself also ignores whitespace
/// ([`blob_hunks`]); these are the whitespace-aware hunks [`trimmed_hunks`] cuts down.
fn blame_hunks(old: &[u8], new: &[u8]) -> Result<Vec<Hunk>, git2::Error> {
    super::xdiff::hunks(old, new, true)
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
    Ok(blame_hunks(a, b)?
        .into_iter()
        .map(|(os, ol, ns, nl)| (os + shift, ol, ns + shift, nl))
        .collect())
}

fn introduction(history: &History, v: &Version) -> Attribution {
    let info = history.info(v);
    Attribution::Written(Introduction {
        commit: history.commit_of(v).to_string(),
        author: info.map_or_else(String::new, |i| i.author.to_string()),
        time: info.map_or(0, |i| i.author_time),
    })
}

fn trace_lines<'h>(
    repo: &Repository,
    workdir: &Path,
    index: &Index<'h>,
    path: &str,
    lines: &[u32],
) -> Result<(Vec<Blamed>, Vec<LearnedLine>), git2::Error> {
    let mut gaps = Gaps::default();
    let mut learned = Vec::new();
    let mut out = trace_or_miss(repo, workdir, index, path, lines, &mut gaps, &mut learned)?;
    if !gaps.unplaced.is_empty() {
        let unplaced = gaps.unplaced;
        index
            .history
            .missing
            .introductions(&gaps.missing, unplaced.len());
        out.extend(unplaced.into_iter().map(|l| ((path.to_string(), l), None)));
    }
    Ok((out, learned))
}

/// Traces `lines` of `path` back to the commits that wrote them. Lines a partial clone cannot
/// trace go to `gaps` instead of the answer; the lines traced from the version the trace starts
/// from go to `learned`, for the next run.
fn trace_or_miss<'h>(
    repo: &Repository,
    workdir: &Path,
    index: &Index<'h>,
    path: &str,
    lines: &[u32],
    gaps: &mut Gaps,
    learned: &mut Vec<LearnedLine>,
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
    let mut file = FileTrace::new(repo, index, path, gaps, lines.len());
    let Some(committed_lines) = file.committed_lines(workdir, lines, entry.id())? else {
        return Ok(file.out);
    };
    file.work.push(Trace {
        lines: committed_lines,
        path,
        blob: entry.id(),
        commit: head_commit.id(),
    });
    while let Some(t) = file.work.pop() {
        file.step(t)?;
    }
    file.learn(learned);
    Ok(file.out)
}

/// Lines still to place, in a group that shares the file (its name changes at renames), its
/// blob, and the commit from which to look further back.
struct Trace<'a> {
    /// (line in the work tree, line in `blob`).
    lines: Vec<(u32, u32)>,
    path: &'a str,
    blob: Oid,
    commit: Oid,
}

/// A parent's file that a version's lines may come from: `(path, blob, parent commit)`.
type Source<'a> = (&'a str, Oid, Oid);

/// One file's trace in progress: what it has answered, what it is still to place, and what it
/// has learned on the way. The steps of a trace share all of it, so they are its methods.
struct FileTrace<'a, 'h> {
    repo: &'a Repository,
    index: &'a Index<'h>,
    /// The path asked about: every answer is keyed by it, whatever the file was called before.
    path: &'a str,
    gaps: &'a mut Gaps,
    out: Vec<Blamed>,
    work: Vec<Trace<'a>>,
    memo: Memo<'h>,
    /// The version the trace starts from, and its lines traced now (line in the work tree,
    /// line in the version): kept for the next run.
    first: Option<(Oid, Vec<(u32, u32)>)>,
    /// Where each line traced now was written: the commit and the path there.
    written_at: HashMap<u32, (Oid, String)>,
}

impl<'a, 'h> FileTrace<'a, 'h> {
    /// A trace with nothing answered yet, room for `lines` answers.
    fn new(
        repo: &'a Repository,
        index: &'a Index<'h>,
        path: &'a str,
        gaps: &'a mut Gaps,
        lines: usize,
    ) -> Self {
        FileTrace {
            repo,
            index,
            path,
            gaps,
            out: Vec::with_capacity(lines),
            work: Vec::new(),
            memo: Memo::new(),
            first: None,
            written_at: HashMap::new(),
        }
    }

    /// The answer's key for line `l`.
    fn key(&self, l: u32) -> (String, u32) {
        (self.path.to_string(), l)
    }

    /// Answers `said` for every line in `lines`, which is left empty.
    fn settle(&mut self, lines: &mut Vec<(u32, u32)>, said: &Option<Attribution>) {
        for (l, _) in lines.drain(..) {
            self.out.push((self.key(l), said.clone()));
        }
    }

    /// Leaves every line in `lines` without an answer for want of the blobs `missing`, so the
    /// partial clone's gap is counted; `lines` is left empty.
    fn unplace(&mut self, lines: &mut Vec<(u32, u32)>, missing: impl IntoIterator<Item = Oid>) {
        self.gaps.missing.extend(missing);
        self.gaps.unplaced.extend(lines.drain(..).map(|(l, _)| l));
    }

    /// The asked-for lines as the committed blob `blob` numbers them: `(line in the work
    /// tree, line in the blob)`. A line the work tree added is answered (no introduction) and
    /// left out. `None` when a partial clone lacks the blob (the lines are left to `gaps`).
    fn committed_lines(
        &mut self,
        workdir: &Path,
        lines: &[u32],
        blob: Oid,
    ) -> Result<Option<Vec<(u32, u32)>>, git2::Error> {
        // As of a commit, the lines are the committed ones.
        let unchanged = self.index.start.is_some()
            || Oid::hash_file(ObjectType::Blob, workdir.join(self.path)).ok() == Some(blob);
        if unchanged {
            return Ok(Some(lines.iter().map(|&l| (l, l)).collect()));
        }
        let content = std::fs::read(workdir.join(self.path)).unwrap_or_default();
        let Some(committed) = find_blob(self.repo, blob, self.index.partial)? else {
            self.gaps.missing.push(blob);
            self.gaps.unplaced.extend(lines);
            return Ok(None);
        };
        let hunks = super::xdiff::hunks_ignoring_whitespace(committed.content(), &content)?;
        let mut committed_lines = Vec::with_capacity(lines.len());
        for &l in lines {
            match origin(&hunks, l) {
                Origin::Added { .. } => self.out.push((self.key(l), None)),
                Origin::Old(n) => committed_lines.push((l, n)),
            }
        }
        Ok(Some(committed_lines))
    }

    /// Places the lines of one group: each either was written by the version that produced
    /// its blob, or moves on to a parent's group (pushed onto `work`), or gets what the
    /// records can tell of it.
    fn step(&mut self, mut t: Trace<'a>) -> Result<(), git2::Error> {
        if t.lines.is_empty() {
            return Ok(());
        }
        let Some(v) = self.version(&mut t) else {
            return Ok(());
        };
        self.take_known(v, &mut t);
        // The first version reached is the one the trace starts from: the next run may
        // start there too.
        if self.first.is_none() {
            self.first = Some((self.index.history.commit_of(v), t.lines.clone()));
        }
        if t.lines.is_empty() {
            return Ok(());
        }
        let Some(new_blob) = find_blob(self.repo, t.blob, self.index.partial)? else {
            self.unplace(&mut t.lines, [t.blob]);
            return Ok(());
        };
        let Some(sources) = self.sources(v, &mut t, &new_blob)? else {
            return Ok(());
        };
        self.hand_to_parents(v, &mut t, sources, &new_blob)?;
        // Whatever no parent had, this commit wrote.
        for (l, _) in t.lines.drain(..) {
            self.written_at
                .insert(l, (self.index.history.commit_of(v), t.path.to_string()));
            self.out
                .push((self.key(l), Some(introduction(self.index.history, v))));
        }
        Ok(())
    }

    /// Moves the group's lines that a parent had into a new group for that parent (onto
    /// `work`), parents in order, so a merge hands each line to the first parent that has it.
    /// What no parent had stays in the group.
    fn hand_to_parents(
        &mut self,
        v: &Version,
        t: &mut Trace<'a>,
        sources: Vec<Source<'a>>,
        new_blob: &git2::Blob,
    ) -> Result<(), git2::Error> {
        // A parent whose file is this very blob takes every line, whichever parent it is, as
        // in git (blame.c, `pass_blame`): a merge that took a file from its second parent
        // (a subtree sync) hands all of it there, not what matches to the first parent.
        if let Some(&(path, blob, commit)) = sources.iter().find(|&&(_, b, _)| b == t.blob) {
            self.work.push(Trace {
                lines: std::mem::take(&mut t.lines),
                path,
                blob,
                commit,
            });
            return Ok(());
        }
        for (parent_path, parent_blob, parent_commit) in sources {
            if t.lines.is_empty() {
                break;
            }
            let Some(old_blob) = find_blob(self.repo, parent_blob, self.index.partial)? else {
                self.unplace(&mut t.lines, [parent_blob]);
                break;
            };
            let hunks = blob_hunks(&old_blob, new_blob)?;
            let ignored = self.index.history.info(v).is_some_and(|i| i.ignored);
            self.work.push(Trace {
                lines: from_parent(ignored, &mut t.lines, &hunks),
                path: parent_path,
                blob: parent_blob,
                commit: parent_commit,
            });
        }
        Ok(())
    }

    /// The version that produced the group's blob, the one to diff against its parents.
    /// `None` when there is none to diff: the lines are then answered with what can be told
    /// (older than the analysed history, or nothing).
    fn version(&mut self, t: &mut Trace<'a>) -> Option<&'h Version> {
        let index = self.index;
        let said = match index.change_at_or_before(t.path, t.commit, &mut self.memo) {
            Found::Change(v) if v.new == Some(t.blob) && !at_shallow_boundary(index, v) => {
                return Some(v);
            }
            // A shallow boundary is diffed against the empty tree, but its lines are older.
            Found::Change(v) if v.new == Some(t.blob) => {
                index.beyond(self.repo, index.history.commit_of(v))
            }
            // The analysed history ends here: `at` holds these lines as they are.
            Found::Edge(at) => index.beyond(self.repo, at),
            // The records do not produce this blob: who wrote the lines cannot be told.
            Found::Change(_) | Found::Lost => None,
        };
        self.settle(&mut t.lines, &said);
        None
    }

    /// Answers the lines an earlier run traced from `v` (it was its HEAD's) and drops them
    /// from the group: a file changed since is traced only down to where that run began.
    fn take_known(&mut self, v: &Version, t: &mut Trace<'a>) {
        let index = self.index;
        let commit = index.history.commit_of(v);
        t.lines
            .retain(|&(l, cur)| match index.written(commit, t.path, cur) {
                Some((vx, commit, at)) => {
                    self.out.push((
                        (self.path.to_string(), l),
                        Some(introduction(index.history, vx)),
                    ));
                    self.written_at.insert(l, (commit, at));
                    false
                }
                None => true,
            });
    }

    /// The parents' files `v`'s lines may come from, first parent first. `None` when a
    /// partial clone lacks the blobs a rename search needs (the lines are left to `gaps`).
    fn sources(
        &mut self,
        v: &Version,
        t: &mut Trace<'a>,
        new_blob: &git2::Blob,
    ) -> Result<Option<Vec<Source<'a>>>, git2::Error> {
        let parent_commits = self.index.parents(self.index.history.commit_of(v));
        let first = match self.first_parent_file(v, t, new_blob)? {
            Rename::From(path, blob) => parent_commits.first().map(|&c| (path, blob, c)),
            Rename::None => None,
            Rename::Unknown(blobs) => {
                // The file may have been renamed from one of these: who wrote the lines
                // cannot be told.
                self.unplace(&mut t.lines, blobs);
                return Ok(None);
            }
        };
        let merged = (self.index.history.merge_parents(v).iter())
            .zip(parent_commits.iter().skip(1))
            .filter_map(|(blob, &commit)| blob.map(|b| (t.path, b, commit)));
        Ok(Some(first.into_iter().chain(merged).collect()))
    }

    /// The file in `v`'s first parent that its lines may come from, as a [`Rename`]: the same
    /// path when the commit changed it, the file it was renamed from when the commit created
    /// it (not in a merge), else none.
    fn first_parent_file(
        &self,
        v: &Version,
        t: &Trace<'a>,
        new_blob: &git2::Blob,
    ) -> Result<Rename<'a>, git2::Error> {
        let index = self.index;
        let commit = index.history.commit_of(v);
        match v.old {
            Some(old) if !index.parents(commit).is_empty() => Ok(Rename::From(t.path, old)),
            None if !v.from_merge() => {
                index
                    .deletions
                    .source(self.repo, commit, t.path, t.blob, new_blob, index.partial)
            }
            _ => Ok(Rename::None),
        }
    }

    /// Adds to `learned` where each line of the starting version traced now was written, so
    /// the next run can take it from the cache.
    fn learn(&self, learned: &mut Vec<LearnedLine>) {
        let Some((version, to_learn)) = &self.first else {
            return;
        };
        for &(l, n) in to_learn {
            if let Some((commit, at)) = self.written_at.get(&l) {
                learned.push(((*version, self.path.to_string(), n), (*commit, at.clone())));
            }
        }
    }
}

/// Whether `v` is a shallow clone's boundary commit creating the file: the history pass diffs
/// it against the empty tree, so it did not write the lines it holds.
fn at_shallow_boundary(index: &Index, v: &Version) -> bool {
    v.old.is_none() && index.shallow_boundary.contains(&index.history.commit_of(v))
}

/// Takes from `lines` of a version's blob those a parent had, given the diff from the
/// parent's blob, renumbered as the parent's blob numbers them; the rest stay in `lines`. The
/// version's commit is `ignored` when `.git-blame-ignore-revs` lists it.
fn from_parent(ignored: bool, lines: &mut Vec<(u32, u32)>, hunks: &[Hunk]) -> Vec<(u32, u32)> {
    let mut from_parent = Vec::new();
    let mut rest = Vec::new();
    for (l, cur) in lines.drain(..) {
        match parent_line(ignored, hunks, cur) {
            Some(n) => from_parent.push((l, n)),
            None => rest.push((l, cur)),
        }
    }
    *lines = rest;
    from_parent
}

/// The parent's line that line `cur` of `v`'s blob comes from, or `None` if `v` wrote it. A
/// line an ignored revision rewrote comes from the line at the same place in its previous
/// version (git's `--ignore-revs-file` picks the most similar line of the hunk instead).
fn parent_line(ignored: bool, hunks: &[Hunk], cur: u32) -> Option<u32> {
    match origin(hunks, cur) {
        Origin::Added {
            hunk_old: (start, len),
            offset,
        } if ignored && len > 0 => Some(start + offset.min(len - 1)),
        Origin::Added { .. } => None,
        Origin::Old(n) => Some(n),
    }
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
            let whole = blame_hunks(old.as_bytes(), new.as_bytes()).unwrap();
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
