//! Plain data types shared by every stage: what was found, and the backlog built from it.
//! No I/O happens here; the JSON shape of [`Backlog`] is the public, versioned schema.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

/// Version of the JSON schema of [`Backlog`]. Bump it on any incompatible change.
pub const SCHEMA_VERSION: u32 = 1;

/// The kind of a debt item. Each kind has a documented meaning (README, "Kinds").
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Kind {
    /// A TODO/FIXME/HACK-style marker in a comment.
    Todo,
    /// A `todo!()` / `unimplemented!()` style macro: code that panics where work is unfinished.
    TodoMacro,
    /// A function above a complexity threshold (cyclomatic, cognitive or length).
    ComplexFunction,
    /// A file or function that is both complex and changed often (change × complexity).
    Hotspot,
    /// Files that depend on each other in a cycle (a strongly connected component).
    DependencyCycle,
    /// A module that many modules use and that uses many modules, and is large.
    GodModule,
    /// Files that change together although neither uses the other.
    HiddenCoupling,
    /// A file so large that finding one's way in it is a cost of its own.
    LargeFile,
    /// A Rust file that no target of its Cargo package compiles: dead code.
    DeadFile,
    /// A file that fix after fix has landed in lately: where defects were, more follow.
    FixProne,
}

/// What a piece of code is for (README, "Code roles"): debt in test, bench or example code is
/// real but cheaper than the same debt in the code users run.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize, Deserialize,
)]
#[serde(rename_all = "kebab-case")]
pub enum Role {
    /// The code the product runs.
    #[default]
    Production,
    /// Tests: test directories and files, `#[cfg(test)]` modules, `#[test]` functions.
    Test,
    /// Benchmarks.
    Bench,
    /// Examples.
    Example,
    /// Build scripts (`build.rs`).
    Build,
    /// Stubs that exist only for documentation (`#[cfg(docsrs)]`, `#[cfg(doc)]`).
    Docs,
}

impl Role {
    /// Every role, in the order reports list them.
    pub const ALL: [Role; 6] = [
        Role::Production,
        Role::Test,
        Role::Bench,
        Role::Example,
        Role::Build,
        Role::Docs,
    ];

    /// The name used in every output format and in the config.
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Production => "production",
            Role::Test => "test",
            Role::Bench => "bench",
            Role::Example => "example",
            Role::Build => "build",
            Role::Docs => "docs",
        }
    }

    /// The role named `name`, if any.
    pub fn from_name(name: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|r| r.as_str() == name)
    }

    /// Tests, benches and examples: code that exercises the product rather than being part of
    /// it. Its imports are no dependency of the product, and a fix that touches it adds the
    /// test that shows the fix, not the defect.
    pub fn exercises_the_product(self) -> bool {
        matches!(self, Role::Test | Role::Bench | Role::Example)
    }
}

impl Kind {
    /// Every kind, in declaration order (what `scan` reports).
    pub const ALL: [Kind; 10] = [
        Kind::Todo,
        Kind::TodoMacro,
        Kind::ComplexFunction,
        Kind::Hotspot,
        Kind::DependencyCycle,
        Kind::GodModule,
        Kind::HiddenCoupling,
        Kind::LargeFile,
        Kind::DeadFile,
        Kind::FixProne,
    ];

    /// The name used in every output format.
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Todo => "todo",
            Kind::TodoMacro => "todo-macro",
            Kind::ComplexFunction => "complex-function",
            Kind::Hotspot => "hotspot",
            Kind::DependencyCycle => "dependency-cycle",
            Kind::GodModule => "god-module",
            Kind::HiddenCoupling => "hidden-coupling",
            Kind::LargeFile => "large-file",
            Kind::DeadFile => "dead-file",
            Kind::FixProne => "fix-prone",
        }
    }
}

/// A marker as extracted from one source file, before scoring.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FoundMarker {
    /// `Todo` for comment markers, `TodoMacro` for macros.
    pub kind: Kind,
    /// Tag, text and annotations.
    pub marker: MarkerInfo,
    /// 1-based line holding the tag.
    pub start_line: u32,
    /// 1-based last line of the marker's text.
    pub end_line: u32,
    /// Enclosing symbol path, e.g. `net::<Client as Retry>::retry`.
    pub symbol: Option<String>,
}

/// Why a file was left out, or only partly analysed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum SkipReason {
    /// `.gitattributes` says `linguist-generated`, or the file's header says `@generated`/`DO NOT EDIT`.
    Generated,
    /// `.gitattributes` says `linguist-vendored`, or the path is in a vendored directory.
    Vendored,
    /// The file holds a NUL byte.
    Binary,
    /// The file is larger than `walk.max_file_size`.
    TooLarge,
    /// A line is longer than `walk.max_line_length`.
    Minified,
    /// The file could not be read (permissions, I/O error).
    Unreadable,
    /// A symbolic link; links are not followed, so loops cannot hang the walk.
    Symlink,
    /// Not a regular file (FIFO, socket, device); reading it could block.
    NotRegular,
    /// Not valid UTF-8: invalid bytes were replaced and the file parsed anyway.
    NonUtf8,
    /// The parser reported syntax errors: markers were taken from the parts that parsed.
    SyntaxErrors,
}

impl SkipReason {
    /// The name used in every output format.
    pub fn as_str(self) -> &'static str {
        match self {
            SkipReason::Generated => "generated",
            SkipReason::Vendored => "vendored",
            SkipReason::Binary => "binary",
            SkipReason::TooLarge => "too-large",
            SkipReason::Minified => "minified",
            SkipReason::Unreadable => "unreadable",
            SkipReason::Symlink => "symlink",
            SkipReason::NotRegular => "not-regular",
            SkipReason::NonUtf8 => "non-utf8",
            SkipReason::SyntaxErrors => "syntax-errors",
        }
    }

    /// A sentence a person can act on.
    pub fn describe(self) -> &'static str {
        match self {
            SkipReason::Generated => {
                "generated code (.gitattributes or an @generated / DO NOT EDIT header)"
            }
            SkipReason::Vendored => "vendored code",
            SkipReason::Binary => "binary (contains a NUL byte)",
            SkipReason::TooLarge => "larger than walk.max_file_size",
            SkipReason::Minified => "minified (a line longer than walk.max_line_length)",
            SkipReason::Unreadable => "unreadable",
            SkipReason::Symlink => "symbolic link (not followed)",
            SkipReason::NotRegular => "not a regular file",
            SkipReason::NonUtf8 => "not valid UTF-8 (invalid bytes replaced, parsed anyway)",
            SkipReason::SyntaxErrors => "syntax errors (parsed as far as possible)",
        }
    }
}

/// Files grouped under one reason, with a few example paths.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FileGroup {
    /// Why.
    pub reason: SkipReason,
    /// How many files (or directories, for vendored directories).
    pub count: usize,
    /// Up to [`SAMPLE_PATHS`] paths, sorted.
    pub sample: Vec<String>,
}

/// How many example paths a [`FileGroup`] keeps.
pub const SAMPLE_PATHS: usize = 10;

/// Where an item is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Location {
    /// Repository-relative path with `/` separators.
    pub path: String,
    /// 1-based first line.
    pub start_line: u32,
    /// 1-based last line.
    pub end_line: u32,
    /// Enclosing symbol path, if any.
    pub symbol: Option<String>,
}

/// The numbers that went into an item's score. Absent signals are omitted from JSON.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Signals {
    /// Severity of the kind/tag, 0–1.
    pub severity: f64,
    /// Commits that touched the file.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub revisions: Option<u32>,
    /// Lines added plus deleted in the file in the hotspot window (`hotspots.window_days`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub churn: Option<u64>,
    /// Days between the file's last change and the HEAD commit.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub days_since_change: Option<u32>,
    /// Days between the marker's introduction and the HEAD commit.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub age_days: Option<u32>,
    /// Cyclomatic complexity of the function (or, for a file hotspot, of the file).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub complexity: Option<u32>,
    /// Cognitive complexity of the function.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cognitive: Option<u32>,
    /// Commits in the hotspot window that changed the function (X-Ray) or the file.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub recent_revisions: Option<u32>,
    /// Hotspot score: change percentile × complexity percentile, 0–1.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub hotspot: Option<f64>,
    /// Fix commits in the hotspot window that changed the file (`fix-prone`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fixes: Option<u32>,
    /// Files that use the file (dependency graph).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fan_in: Option<u32>,
    /// Files the file uses.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fan_out: Option<u32>,
    /// PageRank of the file in the dependency graph.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pagerank: Option<f64>,
    /// Files in the dependency cycle.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cycle_size: Option<u32>,
    /// Change coupling degree, percent.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub coupling_degree: Option<u32>,
    /// The file's revisions weighted by recency (`history.half_life_days`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub weighted_revisions: Option<f64>,
    /// Distinct authors of the file.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub authors: Option<u32>,
    /// The author of most of the file's revisions.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub main_author: Option<String>,
    /// Their share of the revisions, 0–1.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub main_author_share: Option<f64>,
    /// Days between their last commit (anywhere in the repository) and HEAD.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub main_author_idle_days: Option<u32>,
    /// Change factor, 0–1 (README, "The scoring model").
    #[serde(skip_serializing_if = "Option::is_none")]
    pub change: Option<f64>,
    /// Churn factor, 0–1.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub churn_factor: Option<f64>,
    /// Centrality factor, 0–1.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub centrality: Option<f64>,
    /// Knowledge factor, 0–1.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub knowledge: Option<f64>,
    /// Interest, from `score.interest_floor` to 1 (1 when no factor is known).
    pub interest: f64,
}

/// What a marker says: its tag, text and annotations.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct MarkerInfo {
    /// The tag as configured (`TODO`, `FIXME`, …) or the macro (`todo!`).
    pub tag: String,
    /// The text: comment syntax stripped, whitespace collapsed.
    pub text: String,
    /// `alice` from `TODO(alice)` or `TODO(@alice)`.
    pub owner: Option<String>,
    /// First issue reference: `#123`, `owner/repo#123`, `ABC-123` or an issue URL.
    pub issue: Option<String>,
    /// Due date (`YYYY-MM-DD`) from `TODO(2026-06-01)` or `by 2026-06-01`.
    pub due: Option<String>,
    /// Number of `!` right after the tag (`TODO!!` is 2).
    pub priority: u8,
    /// The commit that wrote the marker's line, from git blame (absent without history, when
    /// the line is not committed yet, or when it is older than the analysed history).
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub introduced: Option<Introduced>,
    /// Set instead of `introduced` when the line is older than the analysed history
    /// (`--max-commits`, `--since`, a shallow clone).
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub predates_history: Option<PredatesHistory>,
}

/// Who wrote a marker line, and when.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Introduced {
    /// Commit id.
    pub commit: String,
    /// `Name <email>` after `.mailmap`.
    pub author: String,
    /// Author date, RFC 3339 UTC.
    pub date: String,
    /// Author time in seconds since the epoch (not serialised; `date` carries it).
    #[serde(skip)]
    pub time: i64,
}

/// A marker line older than the analysed history: the commit at its edge that already holds
/// the line. Who wrote it lies beyond; it was written on or before `date`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PredatesHistory {
    /// The first commit reached, tracing the line back, that was not analysed (the parent of
    /// the oldest analysed one), or a shallow clone's boundary commit.
    pub commit: String,
    /// Its commit date, RFC 3339 UTC.
    pub date: String,
    /// Its commit time in seconds since the epoch (not serialised; `date` carries it).
    #[serde(skip)]
    pub time: i64,
}

/// One backlog entry.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DebtItem {
    /// Stable fingerprint, `v1:` + 16 hex digits (see README, "Fingerprints").
    pub id: String,
    /// The kind.
    pub kind: Kind,
    /// 1-based position in the ranked backlog.
    pub rank: usize,
    /// 0–100.
    pub score: f64,
    /// A short, stable title for an issue tracker: what and where, at most 100 characters, no
    /// figure that drifts from run to run (README, "Tracker-ready items").
    #[serde(default)]
    pub title: String,
    /// One line for a person, with the figures (what the table shows).
    #[serde(default)]
    pub summary: String,
    /// The severity level from the score and `[levels]`: `info`, `minor`, `major`, `critical`
    /// or `blocker` (GitLab Code Quality's scale; SARIF maps it to note, warning, error).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub severity: Option<String>,
    /// A link to the item's lines at the scanned commit on the repository's forge (GitHub,
    /// GitLab, Codeberg, Bitbucket), from the `origin` remote or `--remote-url`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub permalink: Option<String>,
    /// An issue body in Markdown: what, where, why it ranks here, what to do, the evidence,
    /// and the hidden `<!-- debtscan:ID -->` marker a tracker sync finds it by.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub body: Option<String>,
    /// Who could take it, best first: the marker's owner, the path's `CODEOWNERS`, the main
    /// author of its code; each with a tracker login where one is known (`[tracker.logins]`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub suggested_assignees: Vec<Assignee>,
    /// Where it is.
    pub location: Location,
    /// Other places that belong to the same item.
    pub related: Vec<Location>,
    /// What the code at `location` is for (for a group of places, the most weighty role among
    /// them). Absent in backlogs written before roles: read as `production`.
    #[serde(default)]
    pub role: Role,
    /// Inputs of the score.
    pub signals: Signals,
    /// Why it ranks where it does, one reason per entry.
    pub explanation: Vec<String>,
    /// Present for marker kinds.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub marker: Option<MarkerInfo>,
    /// The test coverage of the item's code, for `complex-function` and `hotspot` items whose
    /// code a `--coverage` report instruments.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub coverage: Option<ItemCoverage>,
    /// A path-free fingerprint (kind, enclosing symbol, content), which `diff` uses to follow an
    /// item whose file was renamed or moved.
    pub weak_id: String,
    /// Against `--baseline`: whether the item is new, unchanged or updated.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub baseline_state: Option<BaselineState>,
    /// Against `--baseline`: the item's score there (absent for a new item).
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub baseline_score: Option<f64>,
    /// Against `--baseline`: the id the item had there, when it differs (moved, reworded, a
    /// multi-file item whose files changed), so a tracker sync keeps that id's issue.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub baseline_id: Option<String>,
    /// For a `dependency-cycle`: the uses between its files, each with its references and
    /// whether it is one of the uses to remove. Every use between the members when the cycle
    /// has at most `graph.max_cycle_items` files; for a larger tangle, the uses to remove only.
    #[serde(skip_serializing_if = "Vec::is_empty", default)]
    pub uses: Vec<ItemUse>,
    /// For a `hidden-coupling` item: its coupled pairs, strongest first (one for a pair; for
    /// a group, every pair that joined it).
    #[serde(skip_serializing_if = "Vec::is_empty", default)]
    pub coupled: Vec<HiddenCoupling>,
}

/// One file's use of another inside a dependency cycle.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ItemUse {
    /// The file that uses.
    pub from: String,
    /// The file it uses.
    pub to: String,
    /// Import references from `from` to `to`.
    pub references: u32,
    /// Whether removing this use is part of breaking the cycle.
    pub cut: bool,
}

/// A person who could take an item, and why (README, "Tracker-ready items").
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Assignee {
    /// The tracker login, when known: a marker owner or `@user` as written, a person mapped by
    /// `[tracker.logins]`, or the login of a GitHub `users.noreply` email.
    pub login: Option<String>,
    /// Where the suggestion comes from.
    pub source: AssigneeSource,
    /// The person as the source names them (`alice`, `@alice`, `Ana <ana@example.com>`).
    pub person: String,
}

/// Where a suggested assignee comes from, in order of precedence.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum AssigneeSource {
    /// `TODO(alice)`: the marker names who takes it.
    MarkerOwner,
    /// The `CODEOWNERS` line that owns the item's path.
    Codeowners,
    /// The author of most commits to the item's code (its function, else its file).
    MainAuthor,
}

/// An item's state against a baseline run (SARIF's `baselineState`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum BaselineState {
    /// Not in the baseline.
    New,
    /// In the baseline, with the same score and text.
    Unchanged,
    /// In the baseline (by id, or by weak id after a rename), with another score, text or
    /// location.
    Updated,
}

impl BaselineState {
    /// The name used in every output format.
    pub fn as_str(self) -> &'static str {
        match self {
            BaselineState::New => "new",
            BaselineState::Unchanged => "unchanged",
            BaselineState::Updated => "updated",
        }
    }
}

/// Short hashes of every scanned file (`path`) and every named scope in it (`path` and
/// symbol), so `debtscan diff` can tell whether the code around a resolved item is gone.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CodeIndex {
    /// How each entry is made: `xxh3-64/32` (the high 32 bits, as 8 hex digits, of XXH3-64 over
    /// `path` U+001F `symbol`; the symbol is empty for the file itself).
    pub hash: String,
    /// The entries, sorted.
    pub entries: Vec<String>,
}

impl CodeIndex {
    /// The scheme of [`CodeIndex::entry`].
    pub const HASH: &'static str = "xxh3-64/32";

    /// The entry of `symbol` in `path` (`None`: the file).
    pub fn entry(path: &str, symbol: Option<&str>) -> String {
        let key = format!("{path}\u{1f}{}", symbol.unwrap_or(""));
        format!("{:08x}", xxhash_rust::xxh3::xxh3_64(key.as_bytes()) >> 32)
    }

    /// Whether the index holds `symbol` in `path`.
    pub fn contains(&self, path: &str, symbol: Option<&str>) -> bool {
        self.entries
            .binary_search(&CodeIndex::entry(path, symbol))
            .is_ok()
    }
}

/// The tool that wrote a backlog.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Tool {
    /// Always `debtscan`.
    pub name: String,
    /// Crate version.
    pub version: String,
}

impl Tool {
    /// This debtscan, as reports name it.
    pub fn current() -> Tool {
        Tool {
            name: env!("CARGO_PKG_NAME").into(),
            version: env!("CARGO_PKG_VERSION").into(),
        }
    }
}

/// What history was available.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HistoryInfo {
    /// Whether git history was used at all.
    pub available: bool,
    /// Non-merge and merge commits walked from HEAD.
    pub commits_analyzed: usize,
    /// Lower date bound, if any (RFC 3339 UTC).
    pub since: Option<String>,
    /// Limit on commits walked, if any.
    pub max_commits: Option<usize>,
    /// Only first parents were followed.
    pub first_parent: bool,
    /// The repository is a shallow clone: history is cut off.
    pub shallow: bool,
    /// What the noise filters left out (empty with `--raw`).
    pub excluded: Vec<Exclusion>,
}

/// The scanned repository.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RepositoryInfo {
    /// The scanned path as given on the command line.
    pub root: String,
    /// HEAD commit id, if the repository has one; with `--as-of`, the commit scanned.
    pub head: Option<String>,
    /// Current branch, if HEAD is on one (none with `--as-of`).
    pub branch: Option<String>,
    /// The commit time of `head` (UTC, RFC 3339): the time the backlog describes, which the
    /// HTML report's trend orders earlier backlogs by. Absent without a commit and in
    /// backlogs written before it was recorded.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub head_date: Option<String>,
    /// The revision given to `--as-of`: the files and history are as of its commit (`head`),
    /// not the work tree. Absent for a scan of the work tree.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub as_of: Option<String>,
    /// History coverage.
    pub history: HistoryInfo,
}

/// Counts for the whole run.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Summary {
    /// Items found (before `--top`).
    pub items: usize,
    /// Items per kind.
    pub by_kind: BTreeMap<String, usize>,
    /// Items per role (absent in backlogs written before roles).
    #[serde(default)]
    pub by_role: BTreeMap<String, usize>,
    /// Per language (`rust`, `python`, …): files analysed, their code lines and the items
    /// located in them (absent in backlogs written before languages were counted).
    #[serde(default)]
    pub languages: BTreeMap<String, LanguageSummary>,
    /// Source files analysed.
    pub files_scanned: usize,
    /// Files left out, by reason.
    pub skipped_files: Vec<FileGroup>,
    /// Files analysed only in part, by reason.
    pub partial_files: Vec<FileGroup>,
    /// Run-level warnings (no history, shallow clone, …).
    pub warnings: Vec<String>,
    /// Counts against `--baseline`, when one was given.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub baseline: Option<BaselineSummary>,
    /// What the `--coverage` reports covered, when any was given.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub coverage: Option<CoverageSummary>,
    /// The window recent change was counted in, when history was read.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub window: Option<ChangeWindow>,
}

/// What a scan read of one language.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct LanguageSummary {
    /// Source files analysed.
    pub files: usize,
    /// Their lines of code (without blank and comment lines; 0 where complexity was not
    /// measured, as for `todos`).
    pub code_lines: u64,
    /// Items located in them.
    pub items: usize,
}

/// The window a scan counted recent change in: `hotspots.window_days` before HEAD, or more
/// when they held fewer than `hotspots.window_min_commits` commits (see README, "Hotspots").
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChangeWindow {
    /// Days before HEAD's commit time.
    pub days: u32,
    /// Its start, RFC 3339 UTC.
    pub since: String,
    /// Commits in it (after noise filters).
    pub commits: usize,
    /// `hotspots.window_days`, when the window was stretched beyond them.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub stretched_from: Option<u32>,
}

/// How the test coverage reports of a run (`--coverage`, `[coverage] files`) met the scan.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CoverageSummary {
    /// The reports, in the order given.
    pub reports: Vec<CoverageSource>,
    /// Scanned files some report covers (with at least one instrumented line).
    pub files: usize,
    /// Functions of those files with at least one instrumented line.
    pub functions: usize,
    /// Scanned files with functions that no report names: their coverage is unknown and
    /// changes nothing.
    pub files_not_in_report: usize,
    /// File paths of the reports that match no scanned file (named in a warning).
    pub unmatched_paths: usize,
}

/// One coverage report as the summary names it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CoverageSource {
    /// The file as given.
    pub file: String,
    /// `lcov` or `cobertura`.
    pub format: String,
    /// How many source files it describes.
    pub paths: usize,
}

/// The test coverage of an item's code: lines the report instruments and how many of them
/// the tests ran.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct ItemCoverage {
    /// Instrumented lines run at least once.
    pub covered: u32,
    /// Lines the coverage tool instrumented (at least 1).
    pub instrumented: u32,
    /// `covered / instrumented`, rounded to 3 decimals.
    pub share: f64,
}

/// The ranked backlog: the one value every report format is rendered from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Backlog {
    /// [`SCHEMA_VERSION`].
    pub schema_version: u32,
    /// Who wrote it.
    pub tool: Tool,
    /// What was scanned.
    pub repository: RepositoryInfo,
    /// Counts.
    pub summary: Summary,
    /// The scoring model's parameters for this run (README, "The scoring model").
    pub scoring: ScoreConfig,
    /// Items, best first.
    pub items: Vec<DebtItem>,
    /// Hashes of the scanned code, for `debtscan diff` (absent when symbols were not read).
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub code_index: Option<CodeIndex>,
    /// Every scanned file the hotspot analysis measured, for the HTML report's hotspot map.
    /// Not part of the JSON schema (a tracker script has no use for a line per file); the
    /// backlog cache keeps it beside the backlog.
    #[serde(skip)]
    pub files: Vec<FileFigures>,
}

/// What the hotspot map shows of one scanned file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FileFigures {
    /// Relative to the repository root.
    pub path: String,
    /// Lines of code.
    pub code_lines: u32,
    /// Hotspot score, 0–1 (0: unchanged in the window).
    pub score: f64,
    /// Commits in the window.
    pub revisions: u32,
}

/// Groups `(path, reason)` pairs by reason with sorted sample paths, in reason order.
pub fn group_files(mut files: Vec<(String, SkipReason)>) -> Vec<FileGroup> {
    files.sort_by(|a, b| a.1.cmp(&b.1).then_with(|| a.0.cmp(&b.0)));
    let mut groups: Vec<FileGroup> = Vec::new();
    for (path, reason) in files {
        match groups.last_mut() {
            Some(g) if g.reason == reason => {
                g.count += 1;
                if g.sample.len() < SAMPLE_PATHS {
                    g.sample.push(path);
                }
            }
            _ => groups.push(FileGroup {
                reason,
                count: 1,
                sample: vec![path],
            }),
        }
    }
    groups
}

/// Change statistics of one file, as `debtscan churn` reports them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FileChurn {
    /// Repository-relative path.
    pub path: String,
    /// Commits that touched the file.
    pub revisions: u32,
    /// Lines added (text files; as `git log --numstat`).
    pub added: u64,
    /// Lines deleted.
    pub deleted: u64,
    /// Distinct authors (after `.mailmap`).
    pub authors: usize,
    /// The author with most revisions.
    pub main_author: Option<String>,
    /// Their share of revisions, 0–1.
    pub main_author_share: f64,
    /// `1 − Σ pᵢ²` over authors' shares of revisions.
    pub fragmentation: f64,
    /// Revisions weighted by recency (half-life in `history.half_life_days`).
    pub weighted_revisions: f64,
    /// Commit time of the first change, RFC 3339 UTC.
    pub first_change: String,
    /// Commit time of the last change, RFC 3339 UTC.
    pub last_change: String,
}

/// The report of `debtscan churn`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ChurnReport {
    /// [`SCHEMA_VERSION`].
    pub schema_version: u32,
    /// Who wrote it.
    pub tool: Tool,
    /// What was scanned.
    pub repository: RepositoryInfo,
    /// Per file, most revisions first.
    pub files: Vec<FileChurn>,
    /// Run-level warnings.
    pub warnings: Vec<String>,
}

/// The report of `debtscan coupling`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CouplingReport {
    /// [`SCHEMA_VERSION`].
    pub schema_version: u32,
    /// Who wrote it.
    pub tool: Tool,
    /// What was scanned.
    pub repository: RepositoryInfo,
    /// Thresholds, counts, pairs and sums of coupling.
    #[serde(flatten)]
    pub coupling: Coupling,
    /// Run-level warnings.
    pub warnings: Vec<String>,
}

/// The complexity of one function (README, "Complexity").
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FunctionMetrics {
    /// Symbol path, e.g. `net::Client::retry` or `run::{closure#1}`.
    pub symbol: String,
    /// 1-based first line.
    pub start_line: u32,
    /// 1-based last line.
    pub end_line: u32,
    /// McCabe's cyclomatic complexity.
    pub cyclomatic: u32,
    /// SonarSource's cognitive complexity.
    pub cognitive: u32,
    /// `end_line - start_line + 1`.
    pub lines: u32,
    /// Deepest nesting level reached.
    pub nesting: u32,
    /// Number of parameters, `self` included.
    pub params: u32,
    /// Set when the function is a dispatch: one top-level multi-way branch with many arms
    /// spanning most of its body (README, "What counts as complex").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dispatch: Option<Dispatch>,
}

/// The arms of a dispatch function: a reader reads one arm at a time, so the function is
/// judged by its largest arm rather than by the sum (README, "What counts as complex").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Dispatch {
    /// Number of arms.
    pub arms: u32,
    /// Cognitive complexity of the largest arm, as counted in the function (its nesting
    /// starts at the arm's level).
    pub max_arm_cognitive: u32,
    /// Cognitive complexity of all arms together; the function's `cognitive` less this is
    /// what lies outside the arms, the branch's own increment included.
    pub arms_cognitive: u32,
}

/// One function of `debtscan functions`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FunctionRecord {
    /// Repository-relative path.
    pub path: String,
    /// The metrics.
    #[serde(flatten)]
    pub metrics: FunctionMetrics,
}

/// Complexity totals of one file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FileComplexity {
    /// Repository-relative path.
    pub path: String,
    /// Lines holding anything but whitespace and comments.
    pub code_lines: u32,
    /// Number of functions.
    pub functions: usize,
    /// Sum of the functions' cyclomatic complexity.
    pub cyclomatic: u32,
    /// Sum of the functions' cognitive complexity.
    pub cognitive: u32,
    /// The highest cyclomatic complexity of a function (0 without functions).
    pub max_cyclomatic: u32,
    /// The function that has it (the first of equals).
    pub max_cyclomatic_symbol: Option<String>,
}

/// The report of `debtscan functions`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FunctionsReport {
    /// [`SCHEMA_VERSION`].
    pub schema_version: u32,
    /// Who wrote it.
    pub tool: Tool,
    /// The scanned path as given on the command line.
    pub root: String,
    /// Per file, in path order.
    pub files: Vec<FileComplexity>,
    /// Every function, in the requested order.
    pub functions: Vec<FunctionRecord>,
    /// Files left out, by reason.
    pub skipped_files: Vec<FileGroup>,
    /// Files analysed only in part, by reason.
    pub partial_files: Vec<FileGroup>,
    /// Run-level warnings.
    pub warnings: Vec<String>,
}

/// A file ranked by recent change × complexity (README, "Hotspots").
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FileHotspot {
    /// Repository-relative path.
    pub path: String,
    /// 1-based position, hottest first.
    pub rank: usize,
    /// `change_percentile × complexity_percentile`, 0–1.
    pub score: f64,
    /// Commits in the window that changed the file.
    pub revisions: u32,
    /// The same, weighted by recency.
    pub weighted_revisions: f64,
    /// How many of `revisions` are fixes (README, "Kinds": `fix-prone`).
    #[serde(default)]
    pub fixes: u32,
    /// Those fixes, oldest first: short id, date and subject (for the item's explanation).
    #[serde(skip)]
    pub fix_commits: Vec<String>,
    /// Percentile of `weighted_revisions` among the scanned files (0 when unchanged).
    pub change_percentile: f64,
    /// Percentile of `cyclomatic` among the scanned files (0 without functions).
    pub complexity_percentile: f64,
    /// Lines of code of the file's own role (a production file's test module left out).
    pub code_lines: u32,
    /// Sum of the functions' cyclomatic complexity.
    pub cyclomatic: u32,
    /// The highest cyclomatic complexity of one function.
    pub max_cyclomatic: u32,
    /// The function that has it.
    pub max_cyclomatic_symbol: Option<String>,
    /// Why it ranks here.
    pub explanation: Vec<String>,
}

/// A function inside an X-Rayed file, ranked by its own change × its complexity.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FunctionHotspot {
    /// Repository-relative path.
    pub path: String,
    /// Symbol path.
    pub symbol: String,
    /// 1-based first line (at HEAD).
    pub start_line: u32,
    /// 1-based last line.
    pub end_line: u32,
    /// 1-based position, hottest first.
    pub rank: usize,
    /// `change_percentile × complexity_percentile`, 0–1.
    pub score: f64,
    /// Commits in the window that changed one of its lines.
    pub revisions: u32,
    /// The same, weighted by recency.
    pub weighted_revisions: f64,
    /// Percentile of `weighted_revisions` among the X-Rayed functions (0 when unchanged).
    pub change_percentile: f64,
    /// Percentile of `cyclomatic` among all functions of the scan.
    pub complexity_percentile: f64,
    /// Cyclomatic complexity.
    pub cyclomatic: u32,
    /// Cognitive complexity.
    pub cognitive: u32,
    /// Length in lines.
    pub lines: u32,
    /// Why it ranks here.
    pub explanation: Vec<String>,
}

/// The change window of a hotspot analysis.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Window {
    /// Days before HEAD's commit time.
    pub days: u32,
    /// Its start, RFC 3339 UTC.
    pub since: String,
    /// Commits in the window (after noise filters).
    pub commits: usize,
}

/// The report of `debtscan hotspots`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct HotspotReport {
    /// [`SCHEMA_VERSION`].
    pub schema_version: u32,
    /// Who wrote it.
    pub tool: Tool,
    /// What was scanned.
    pub repository: RepositoryInfo,
    /// The window change is counted in.
    pub window: Window,
    /// Files, hottest first.
    pub files: Vec<FileHotspot>,
    /// Functions of the hottest files, hottest first (with `--functions`).
    pub functions: Vec<FunctionHotspot>,
    /// Run-level warnings.
    pub warnings: Vec<String>,
}

/// A node of the dependency graph: a file, or a directory or package of files.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct GraphNode {
    /// Path of the file or directory, or name of the package.
    pub id: String,
    /// The package its files belong to, when they all belong to one.
    pub package: Option<String>,
    /// Module path (files only, when a crate target declares the file).
    pub module: Option<String>,
    /// Files in it.
    pub files: usize,
    /// Lines of its files.
    pub lines: u64,
    /// Nodes with an edge into it.
    pub fan_in: usize,
    /// Nodes it has an edge to.
    pub fan_out: usize,
    /// `fan_out / (fan_in + fan_out)`, 0 when isolated.
    pub instability: f64,
    /// PageRank (damping 0.85) over the edges, summing to 1.
    pub pagerank: f64,
    /// 1-based position by PageRank, most central first.
    pub rank: usize,
    /// Index of its cycle in `cycles`, if it is in one.
    pub cycle: Option<usize>,
}

/// An edge of the dependency graph: `from` uses something `to` defines.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct GraphEdge {
    /// The using node.
    pub from: String,
    /// The used node.
    pub to: String,
    /// References, all kinds.
    pub count: u32,
    /// References by kind (`use`, `reexport`, `path`).
    pub kinds: Counts,
    /// First line in `from` with such a reference (files only; 0 otherwise): its first use of
    /// `to` in non-test code, else its first reference of any kind.
    #[serde(skip)]
    pub line: u32,
    /// Both ends are in the same cycle.
    pub cycle: bool,
}

/// An edge named by a cycle.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EdgeRef {
    /// The using node.
    pub from: String,
    /// The used node.
    pub to: String,
    /// References.
    pub count: u32,
}

/// A dependency cycle: a strongly connected component of more than one node.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GraphCycle {
    /// Members, sorted.
    pub members: Vec<String>,
    /// Every edge between members.
    pub edges: Vec<EdgeRef>,
    /// Edges whose removal breaks every cycle among the members (a greedy feedback arc set:
    /// small, not always the smallest).
    pub cut: Vec<EdgeRef>,
    /// A shortest cycle through the first member, which is repeated at the end.
    pub example: Vec<String>,
}

/// Two files that change together although neither uses the other, directly or through one
/// other file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HiddenCoupling {
    /// One file.
    pub a: String,
    /// The other.
    pub b: String,
    /// Coupling degree, percent.
    pub degree: u32,
    /// Change sets with both.
    pub shared: u32,
    /// Change sets with `a`.
    pub revisions_a: u32,
    /// Change sets with `b`.
    pub revisions_b: u32,
}

/// Counts of a dependency graph.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GraphSummary {
    /// Nodes.
    pub nodes: usize,
    /// Edges.
    pub edges: usize,
    /// Edges whose every reference is test-only (counted in `edges`).
    #[serde(default)]
    pub test_edges: usize,
    /// Whether test-only edges count in the measures and cycles (`--include-test-edges`).
    #[serde(default)]
    pub test_edges_included: bool,
    /// References behind the edges.
    pub references: u64,
    /// Packages.
    pub packages: usize,
    /// Cycles.
    pub cycles: usize,
    /// Nodes in cycles.
    pub nodes_in_cycles: usize,
    /// Members of the largest cycle (0 without cycles).
    pub largest_cycle: usize,
    /// `use` leaves naming no module of the repository (external crates and the like).
    pub unresolved: usize,
    /// Pairs of hidden coupling.
    pub hidden_coupling: usize,
}

/// The report of `debtscan graph`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct GraphReport {
    /// [`SCHEMA_VERSION`].
    pub schema_version: u32,
    /// Who wrote it.
    pub tool: Tool,
    /// What was scanned.
    pub repository: RepositoryInfo,
    /// `file`, `directory` or `crate`.
    pub granularity: String,
    /// Counts.
    pub summary: GraphSummary,
    /// Nodes, in id order.
    pub nodes: Vec<GraphNode>,
    /// Edges, in `(from, to)` order.
    pub edges: Vec<GraphEdge>,
    /// Cycles, largest first.
    pub cycles: Vec<GraphCycle>,
    /// Hidden coupling between files, strongest first (needs history).
    pub hidden_coupling: Vec<HiddenCoupling>,
    /// Unresolved `use` leaves by first path segment.
    pub unresolved: BTreeMap<String, usize>,
    /// Run-level warnings.
    pub warnings: Vec<String>,
}

/// How a resolved item went away.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Resolution {
    /// Its code is still there (the enclosing symbol, or the file): the comment was removed,
    /// the function simplified, the cycle broken.
    Fixed,
    /// It vanished with its code: the enclosing symbol, or the whole file, is gone.
    Vanished,
    /// The newer run has no code index to tell.
    Unknown,
}

/// Where an item was, and how it scored, in the older run.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Previous {
    /// Its id then (differs from `id` for a moved item).
    pub id: String,
    /// Its score then.
    pub score: f64,
    /// Its title then.
    pub title: String,
    /// Its location then.
    pub location: Location,
}

/// An item of the newer run that the older run also had (by id, or by weak id when moved).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ChangedItem {
    /// The item as it is now.
    #[serde(flatten)]
    pub item: DebtItem,
    /// What it was.
    pub previous: Previous,
    /// Other items of the older run that are now part of this one (README, "Fingerprints":
    /// a hidden-coupling pair inside a group, a cycle inside a larger cycle).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub merged: Vec<Previous>,
}

/// An item of the older run that the newer one does not have.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ResolvedItem {
    /// The item as it was.
    #[serde(flatten)]
    pub item: DebtItem,
    /// Whether its code is still there.
    pub resolution: Resolution,
}

/// Counts of a diff.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DiffCounts {
    /// Items only in the newer run.
    pub new: usize,
    /// Items only in the older run.
    pub resolved: usize,
    /// … of which their code is still there.
    pub fixed: usize,
    /// … of which vanished with their code.
    pub vanished: usize,
    /// Same id, another score (by at least the threshold), title or set of places.
    pub changed: usize,
    /// Same content, another path: followed by weak id across a rename.
    pub moved: usize,
    /// Same id, same score and title.
    pub unchanged: usize,
    /// Items only in the older run that are now part of a changed item (its `merged`).
    #[serde(default)]
    pub merged: usize,
}

/// One side of a diff.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DiffSide {
    /// The backlog file.
    pub file: String,
    /// Its HEAD commit, if any.
    pub head: Option<String>,
    /// Its items.
    pub items: usize,
}

/// The two runs of a diff.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DiffRuns {
    /// The older run.
    pub old: DiffSide,
    /// The newer run.
    pub new: DiffSide,
}

/// The report of `debtscan diff`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DiffReport {
    /// [`SCHEMA_VERSION`].
    pub schema_version: u32,
    /// Who wrote it.
    pub tool: Tool,
    /// The two runs compared.
    pub runs: DiffRuns,
    /// A score must move by at least this much to count as changed.
    pub min_score_change: f64,
    /// Counts.
    pub counts: DiffCounts,
    /// Items only in the newer run, best first.
    pub new: Vec<DebtItem>,
    /// Items only in the older run, best first (as they were ranked then).
    pub resolved: Vec<ResolvedItem>,
    /// Items in both with another score, title or set of places, best first.
    pub changed: Vec<ChangedItem>,
    /// Items followed across a rename, best first.
    pub moved: Vec<ChangedItem>,
}

/// What a noise filter left out, for the report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Exclusion {
    /// `commits` or `files`.
    pub what: String,
    /// Why.
    pub reason: String,
    /// How many.
    pub count: usize,
}

/// What `--baseline` found: the counts of each state and the items the baseline had that
/// this run does not.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct BaselineSummary {
    /// The baseline file.
    pub file: String,
    /// Items not in the baseline.
    pub new: usize,
    /// Items in it, unchanged.
    pub unchanged: usize,
    /// Items in it with another score, title, places or path.
    pub updated: usize,
    /// Baseline items this run does not have.
    pub absent: usize,
    /// Those items, each with how it went, so that one run tells a tracker sync what to
    /// close (absent in backlogs written before it).
    #[serde(default)]
    pub gone: Vec<GoneItem>,
}

/// A baseline item this run does not have.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GoneItem {
    /// Its id.
    pub id: String,
    /// Its kind.
    pub kind: Kind,
    /// Its tracker title.
    pub title: String,
    /// Where it was.
    pub location: Location,
    /// `fixed` (its code is still there), `vanished` (gone with its code) or `unknown`.
    pub resolution: Resolution,
}

/// `[score]`: `score = 100 × severity × interest`, with
/// `interest = interest_floor + (1 − interest_floor) × Σ wᵢ·fᵢ / Σ wᵢ` over the factors known
/// for the item's file (README, "The scoring model").
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(default, deny_unknown_fields)]
pub struct ScoreConfig {
    /// Interest of an item in code nobody changes, nobody depends on and everybody knows.
    pub interest_floor: f64,
    /// Weight of the change factor: percentile of the file's recency-weighted revisions.
    pub change_weight: f64,
    /// Weight of the churn factor: percentile of the lines added and deleted in the file in
    /// the hotspot window.
    pub churn_weight: f64,
    /// Weight of the centrality factor: the file's PageRank percentile in the dependency graph.
    pub centrality_weight: f64,
    /// Weight of the knowledge factor: the main author's share of the file's revisions, when
    /// they have been inactive for `inactive_days`.
    pub knowledge_weight: f64,
    /// An author with no commit in this many days before HEAD is inactive.
    pub inactive_days: u32,
    /// How far untested code's severity rises (README, "Coverage"): a `complex-function` or
    /// `hotspot` item whose code has covered share `c` closes `coverage_weight × (1 − c)` of
    /// the gap between its severity and 1. Absent in backlogs written before coverage.
    pub coverage_weight: f64,
    /// The score of an item is multiplied by its role's weight (README, "Code roles").
    pub role_weights: RoleWeights,
}

/// The default of [`ScoreConfig::coverage_weight`].
fn default_coverage_weight() -> f64 {
    0.5
}

/// `[score.role_weights]`: how much debt in each role counts, 0–1.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(default, deny_unknown_fields)]
pub struct RoleWeights {
    /// The code the product runs.
    pub production: f64,
    /// Tests.
    pub test: f64,
    /// Benchmarks.
    pub bench: f64,
    /// Examples.
    pub example: f64,
    /// Build scripts.
    pub build: f64,
    /// Documentation-only stubs.
    pub docs: f64,
}

impl Default for RoleWeights {
    fn default() -> Self {
        RoleWeights {
            production: 1.0,
            test: 0.4,
            bench: 0.4,
            example: 0.5,
            build: 0.6,
            docs: 0.2,
        }
    }
}

impl RoleWeights {
    /// The weight of `role`.
    pub fn of(&self, role: Role) -> f64 {
        match role {
            Role::Production => self.production,
            Role::Test => self.test,
            Role::Bench => self.bench,
            Role::Example => self.example,
            Role::Build => self.build,
            Role::Docs => self.docs,
        }
    }
}

impl Default for ScoreConfig {
    fn default() -> Self {
        ScoreConfig {
            interest_floor: 0.3,
            change_weight: 0.45,
            churn_weight: 0.15,
            centrality_weight: 0.25,
            knowledge_weight: 0.15,
            inactive_days: 180,
            coverage_weight: default_coverage_weight(),
            role_weights: RoleWeights::default(),
        }
    }
}

/// Thresholds (code-maat's defaults are `[coupling]`'s).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Thresholds {
    /// Change sets with more files than this are dropped.
    pub max_changeset: usize,
    /// Minimum average revisions of the pair.
    pub min_revs: u32,
    /// Minimum shared change sets.
    pub min_shared: u32,
    /// Minimum degree, percent.
    pub min_degree: u32,
    /// Logical change sets: one author's commits within this many days (0: one per commit).
    pub window_days: u32,
}

/// Two files that change together.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Pair {
    /// The first path (in byte order).
    pub path_a: String,
    /// The second path.
    pub path_b: String,
    /// `floor(100 × shared / average revisions)`.
    pub degree: u32,
    /// Change sets containing both.
    pub shared: u32,
    /// Change sets containing `path_a`.
    pub revisions_a: u32,
    /// Change sets containing `path_b`.
    pub revisions_b: u32,
}

/// The outcome of a coupling analysis.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Coupling {
    /// The thresholds used, so an empty result is never a mystery.
    pub thresholds: Thresholds,
    /// Change sets analysed (after grouping, before dropping).
    pub change_sets: usize,
    /// Change sets dropped for having more than `max_changeset` files.
    pub dropped_large: usize,
    /// Kept pairs, strongest first.
    pub pairs: Vec<Pair>,
    /// Per file: how many times it changed together with another file (code-maat's "sum of
    /// coupling", over all pairs, before thresholds), highest first.
    pub sum_of_coupling: Vec<(String, u64)>,
}

/// How a reference names another module.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum RefKind {
    /// A leaf of a `use` tree.
    Use,
    /// A leaf of a `use` with a visibility (`pub use`): a re-export.
    Reexport,
    /// A qualified path in code (`crate::a::f()`).
    Path,
}

impl RefKind {
    /// The name used in reports.
    pub fn as_str(self) -> &'static str {
        match self {
            RefKind::Use => "use",
            RefKind::Reexport => "reexport",
            RefKind::Path => "path",
        }
    }
}

/// References from one file to another, by kind.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Counts {
    /// `use` leaves.
    #[serde(rename = "use", skip_serializing_if = "is_zero")]
    pub uses: u32,
    /// `pub use` leaves (re-exports).
    #[serde(rename = "reexport", skip_serializing_if = "is_zero")]
    pub reexports: u32,
    /// Qualified paths in code.
    #[serde(rename = "path", skip_serializing_if = "is_zero")]
    pub paths: u32,
    /// Of those references, how many are test-only (made from test code, or to a crate only
    /// dev-depended on). An edge whose every reference is one is left out of the analysis
    /// unless test edges are included.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub test: u32,
    /// Of the re-exports, how many are made from test code.
    #[serde(skip)]
    pub test_reexports: u32,
    /// First line of the using file with such a reference.
    #[serde(skip)]
    pub line: u32,
    /// First line of the using file with a reference of its own non-test code that is a use
    /// (not a re-export only); 0 when there is none.
    #[serde(skip)]
    pub use_line: u32,
}

fn is_zero(n: &u32) -> bool {
    *n == 0
}

impl Counts {
    /// Notes a use on `line` ([`Self::use_line`]).
    pub fn note_use_line(&mut self, line: u32) {
        self.use_line = match self.use_line {
            0 => line,
            first => first.min(line),
        };
    }

    /// Counts one reference.
    pub fn add(&mut self, kind: RefKind) {
        match kind {
            RefKind::Use => self.uses += 1,
            RefKind::Reexport => self.reexports += 1,
            RefKind::Path => self.paths += 1,
        }
    }

    /// All references.
    pub fn total(&self) -> u32 {
        self.uses + self.reexports + self.paths
    }

    /// Whether every reference is test-only.
    pub fn test_only(&self) -> bool {
        self.test > 0 && self.test >= self.total()
    }

    /// Whether every reference is a named re-export (`pub use x::X`): the using module exposes
    /// the items as a facade and uses none of them itself. Without `include_test`, test
    /// code's references are left out, as they are from every other measure: a test module
    /// that names a re-exported item does not make its production module use it.
    pub fn reexport_only(&self, include_test: bool) -> bool {
        let (reexports, others) = match include_test {
            true => (self.reexports, self.uses + self.paths),
            false => (
                self.reexports.saturating_sub(self.test_reexports),
                (self.uses + self.paths)
                    .saturating_sub(self.test.saturating_sub(self.test_reexports)),
            ),
        };
        reexports > 0 && others == 0
    }

    /// The sum of two counts (the first line of both).
    pub fn merged(&self, other: &Counts) -> Counts {
        Counts {
            uses: self.uses + other.uses,
            reexports: self.reexports + other.reexports,
            paths: self.paths + other.paths,
            test: self.test + other.test,
            test_reexports: self.test_reexports + other.test_reexports,
            line: self.line.min(other.line),
            use_line: match (self.use_line, other.use_line) {
                (0, line) | (line, 0) => line,
                (a, b) => a.min(b),
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_is_in_all_once_in_declaration_order() {
        // Fails to compile when a variant is added: add it to `Kind::ALL` too.
        let position = |k: Kind| match k {
            Kind::Todo => 0,
            Kind::TodoMacro => 1,
            Kind::ComplexFunction => 2,
            Kind::Hotspot => 3,
            Kind::DependencyCycle => 4,
            Kind::GodModule => 5,
            Kind::HiddenCoupling => 6,
            Kind::LargeFile => 7,
            Kind::DeadFile => 8,
            Kind::FixProne => 9,
        };
        for (i, k) in Kind::ALL.into_iter().enumerate() {
            assert_eq!(position(k), i, "{k:?}");
        }
    }
}
