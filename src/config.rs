//! `debtscan.toml`: every tunable with its documented default, read with serde + toml.
//! Unknown keys and bad values are errors that name the file, line and column.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::error::Error;
use crate::model::Role;
pub use crate::model::{RoleWeights, ScoreConfig};

/// The file name looked up at the root of the scanned tree when `--config` is not given.
pub const FILE_NAME: &str = "debtscan.toml";

/// Every setting with its default and a comment, as `debtscan init` writes it.
pub const DEFAULT_TOML: &str = include_str!("debtscan.default.toml");

/// Everything configurable.
#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(default, deny_unknown_fields)]
pub struct Config {
    /// Which files are read.
    pub walk: WalkConfig,
    /// Which comment markers count, and how severe each is.
    pub markers: MarkerConfig,
    /// How git history is read.
    pub history: HistoryConfig,
    /// Change coupling thresholds (code-maat's defaults).
    pub coupling: CouplingConfig,
    /// Function complexity: rules and the thresholds of `complex-function` items.
    pub complexity: ComplexityConfig,
    /// Hotspots: the change window and how many files get a function-level X-Ray.
    pub hotspots: HotspotConfig,
    /// The dependency graph: cycles, god modules, hidden coupling.
    pub graph: GraphConfig,
    /// The scoring model: how much each factor of interest weighs.
    pub score: ScoreConfig,
    /// Score levels, for SARIF levels and GitLab Code Quality severities.
    pub levels: LevelConfig,
    /// Code roles: which paths are tests, benches, examples…, and which roles are reported.
    pub roles: RoleConfig,
    /// `debtscan backtest`: what makes a commit a fix.
    pub backtest: BacktestConfig,
    /// Test coverage reports read by every scan (`--coverage` replaces them).
    pub coverage: CoverageConfig,
    /// The incremental cache.
    pub cache: CacheConfig,
    /// Tracker-ready items and `debtscan sync`.
    pub tracker: TrackerConfig,
}

/// `[tracker]` (README, "Tracker-ready items" and "Syncing with a tracker").
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(default, deny_unknown_fields)]
pub struct TrackerConfig {
    /// Suggested assignees per item, at most.
    pub max_assignees: usize,
    /// A person → their tracker login: keyed by `Name <email>`, an email, a name, or a marker
    /// owner as written.
    pub logins: BTreeMap<String, String>,
}

impl Default for TrackerConfig {
    fn default() -> Self {
        TrackerConfig {
            max_assignees: 3,
            logins: BTreeMap::new(),
        }
    }
}

/// `[cache]` (README, "Cache").
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(default, deny_unknown_fields)]
pub struct CacheConfig {
    /// Bytes one repository's cache may hold; the oldest entries are pruned above it.
    pub max_size: u64,
}

impl Default for CacheConfig {
    fn default() -> Self {
        CacheConfig { max_size: 1 << 30 }
    }
}

/// `[coverage]` (README, "Coverage").
#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(default, deny_unknown_fields)]
pub struct CoverageConfig {
    /// LCOV or Cobertura reports, relative to the config file's directory.
    pub files: Vec<PathBuf>,
}

/// `[roles]` (README, "Code roles").
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(default, deny_unknown_fields)]
pub struct RoleConfig {
    /// Path globs (gitignore syntax, repository-relative) → role, checked before the built-in
    /// conventions of each language.
    pub paths: BTreeMap<String, Role>,
    /// Only items of these roles are reported (`--role` replaces it).
    pub report: Vec<Role>,
}

impl Default for RoleConfig {
    fn default() -> Self {
        RoleConfig {
            paths: BTreeMap::new(),
            report: Role::ALL.to_vec(),
        }
    }
}

/// Words that make a fix mechanical: formatting, lints and warnings, typos, documentation, CI,
/// in every language's tools (Python's mypy, ruff and pre-commit hooks, JavaScript's ESLint and
/// Prettier, Go's gofmt and golangci-lint; Python's type hints change no behaviour). (Not
/// "format", "comment" or "grammar": "fix the format of sizes" is a defect, and an editor has
/// comment and grammar features; not "black", a colour, nor "typing" or "types", which in
/// TypeScript are what a library's users compile against.)
const MECHANICAL_WORDS: &str = r"\b(rustfmt|fmt|clippy|lints?|linting|shellcheck|codespell|mypy|ruff|flake8|pylint|isort|pre-commit|eslint|prettier|gofmt|goimports|golangci(-lint)?|staticcheck|type[ -]hints?|warnings|deprecation|typos?|spelling|misspell\w*|docs|documentation|doc[ -]comments?|doc-?tests?|readme|changelog|ci|msrv)\b";

/// Code hygiene that changes no behaviour: compiler warnings (unused and dead code,
/// deprecations), code formatting, merge conflicts, help text and examples. (Not "unused" or
/// "warning" alone: "fix implementation of unused `RwLock::try_*` methods" and "fix warning
/// highlight" are defects.)
const MECHANICAL_HYGIENE: &str = r"\b(unused[ -](imports?|variables?|bindings?|fields?|code|mut|dependenc(y|ies))|allow[ (]unused|dead[ -]code|needless_\w+|(compiler|rustc|build|import) warnings?|depr[ie]cat\w*|(code|source) format(ting)?|(un)?format(ting)? (of )?(the )?(code|source)|trailing commas?|autofmt|merge[ -]conflicts?|help (text|message|string)s?|examples?)\b";

/// Conventional-commit types of mechanical changes: `docs:`, `style(x):`, `ci:`, `chore:`,
/// `build:`, and dependency bumps of any type (`fix(deps):`).
const MECHANICAL_TYPES: &str = r"^((docs?|style|ci|chore|build)(\([^)]*\))?|\w+\(deps\))!?:";

/// `[backtest]`
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(default, deny_unknown_fields)]
pub struct BacktestConfig {
    /// Regular expressions (case-insensitive); a commit whose subject matches one is a fix.
    pub fix_patterns: Vec<String>,
    /// Regular expressions (case-insensitive); a fix whose subject also matches one is
    /// mechanical (formatting, lints, typos, documentation, CI) and not counted as a fix.
    pub mechanical_patterns: Vec<String>,
}

impl Default for BacktestConfig {
    fn default() -> Self {
        BacktestConfig {
            fix_patterns: vec![
                r"\b(fix|fixes|fixed|bug|bugfix|hotfix|regression|crash|panic)\b".to_string(),
            ],
            mechanical_patterns: vec![
                MECHANICAL_WORDS.to_string(),
                MECHANICAL_HYGIENE.to_string(),
                MECHANICAL_TYPES.to_string(),
            ],
        }
    }
}

/// `[levels]`: score thresholds (0–100) of GitLab Code Quality severities; SARIF uses `error`
/// from `critical` up, `warning` from `major` up and `note` below.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(default, deny_unknown_fields)]
pub struct LevelConfig {
    /// `blocker` from this score.
    pub blocker: f64,
    /// `critical` (SARIF `error`) from this score.
    pub critical: f64,
    /// `major` (SARIF `warning`) from this score.
    pub major: f64,
    /// `minor` from this score; `info` below.
    pub minor: f64,
}

impl Default for LevelConfig {
    fn default() -> Self {
        LevelConfig {
            blocker: 90.0,
            critical: 70.0,
            major: 40.0,
            minor: 20.0,
        }
    }
}

/// `[graph]`
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(default, deny_unknown_fields)]
pub struct GraphConfig {
    /// Build the dependency graph during `scan` (its items and centrality).
    pub enabled: bool,
    /// Severity of a cycle whose cut removes one reference; more references grow it towards
    /// `cycle_max_severity`.
    pub cycle_severity: f64,
    /// Severity of a cycle whose cut removes 15 references or more.
    pub cycle_max_severity: f64,
    /// A cycle of more files than this is a tangle: its item leads with the uses to cut.
    pub max_cycle_items: usize,
    /// A module is a `god-module` when its fan-in and its fan-out are both at this
    /// percentile or above …
    pub god_module_percentile: f64,
    /// … both at least this many modules …
    pub god_module_min_fan: usize,
    /// … and it has at least this many lines.
    pub god_module_min_lines: u32,
    /// Severity of a god module at the top of both fans; half of it at the percentile.
    pub god_module_severity: f64,
    /// Change coupling degree (percent) from which a pair with no dependency path between
    /// them is `hidden-coupling`.
    pub hidden_coupling_degree: u32,
    /// Severity of hidden coupling at `hidden_coupling_degree`; it grows towards
    /// `hidden_coupling_max_severity` at 100%.
    pub hidden_coupling_severity: f64,
    /// Severity of hidden coupling at 100%.
    pub hidden_coupling_max_severity: f64,
    /// Count test-only edges (from test code, or to dev-dependencies) in cycles, god modules
    /// and centrality.
    pub include_test_edges: bool,
}

impl Default for GraphConfig {
    fn default() -> Self {
        GraphConfig {
            enabled: true,
            cycle_severity: 0.5,
            cycle_max_severity: 0.85,
            max_cycle_items: 30,
            god_module_percentile: 0.9,
            god_module_min_fan: 5,
            god_module_min_lines: 200,
            god_module_severity: 0.6,
            hidden_coupling_degree: 50,
            hidden_coupling_severity: 0.4,
            hidden_coupling_max_severity: 0.7,
            include_test_edges: false,
        }
    }
}

/// `[complexity]`
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(default, deny_unknown_fields)]
pub struct ComplexityConfig {
    /// A closure spanning at least this many lines is measured as a function of its own.
    pub closure_lines: u32,
    /// A function is a `complex-function` item at this cyclomatic complexity or more …
    pub cyclomatic: u32,
    /// … or at this cognitive complexity or more …
    pub cognitive: u32,
    /// … or at this many lines or more; these two only with at least `min_cognitive`.
    pub lines: u32,
    /// Below this cognitive complexity, neither cyclomatic complexity nor length makes a
    /// `complex-function` (a flat table of cases or straight-line code reads at a glance).
    pub min_cognitive: u32,
    /// Severity of a function exactly at a threshold; it grows towards 1 with the excess.
    pub severity: f64,
    /// A file with this many lines of code or more is a `large-file` item (0: never).
    pub file_lines: u32,
    /// Severity of a file of exactly `file_lines`; each doubling adds 0.1 …
    pub file_severity: f64,
    /// … up to this.
    pub file_max_severity: f64,
}

impl Default for ComplexityConfig {
    fn default() -> Self {
        ComplexityConfig {
            closure_lines: 20,
            cyclomatic: 10,
            cognitive: 15,
            lines: 80,
            min_cognitive: 10,
            severity: 0.4,
            file_lines: 1000,
            file_severity: 0.2,
            file_max_severity: 0.5,
        }
    }
}

/// `[hotspots]`
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(default, deny_unknown_fields)]
pub struct HotspotConfig {
    /// Only commits this many days before HEAD count as recent change.
    pub window_days: u32,
    /// … or longer, so that the window holds at least this many non-merge commits (0: the
    /// calendar window alone; [`crate::history::active_window_days`]).
    pub window_min_commits: u32,
    /// Files with fewer commits than this in the window are never hotspots.
    pub min_revisions: u32,
    /// A file or function is a `hotspot` item when change × complexity (both percentiles,
    /// 0–1) reaches this.
    pub min_score: f64,
    /// How many of the hottest files get a function-level X-Ray.
    pub xray_files: usize,
    /// Severity of a hotspot item at `min_score` …
    pub severity: f64,
    /// … growing linearly to this at a score of 1.
    pub max_severity: f64,
    /// A file is a `fix-prone` item with at least this many fix commits in the window (0:
    /// never).
    pub fix_prone_min_fixes: u32,
    /// Severity of a `fix-prone` item at `fix_prone_min_fixes`; at `r` times as many it
    /// closes the gap to 1 by `1 − 1/r`.
    pub fix_prone_severity: f64,
    /// A fix commit that changes more files than this is a sweep (a style or CLI-wide
    /// change), not evidence about each file: it makes no file fix-prone.
    pub fix_prone_max_files: usize,
}

impl Default for HotspotConfig {
    fn default() -> Self {
        HotspotConfig {
            window_days: 365,
            window_min_commits: 300,
            min_revisions: 5,
            min_score: 0.85,
            xray_files: 20,
            severity: 0.5,
            max_severity: 0.9,
            fix_prone_min_fixes: 3,
            fix_prone_severity: 0.4,
            fix_prone_max_files: 30,
        }
    }
}

/// `[history]`
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(default, deny_unknown_fields)]
pub struct HistoryConfig {
    /// Half-life, in days, of the recency weighting of revisions.
    pub half_life_days: f64,
    /// Case-insensitive substrings of `Name <email>` that mark bot authors, whose commits are
    /// left out of activity and ownership (unless `--raw`).
    pub bots: Vec<String>,
    /// Author aliases applied after `.mailmap`: an identity (`Name <email>`, or just the
    /// email) → the canonical `Name <email>` it is counted as.
    pub aliases: BTreeMap<String, String>,
}

impl Default for HistoryConfig {
    fn default() -> Self {
        HistoryConfig {
            half_life_days: 180.0,
            bots: ["[bot]", "dependabot", "renovate", "github-actions"]
                .map(String::from)
                .to_vec(),
            aliases: BTreeMap::new(),
        }
    }
}

/// `[coupling]`
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(default, deny_unknown_fields)]
pub struct CouplingConfig {
    /// Change sets with more files than this are dropped (mass edits couple everything).
    pub max_changeset: usize,
    /// Minimum average revisions of the two files.
    pub min_revs: u32,
    /// Minimum number of shared change sets.
    pub min_shared: u32,
    /// Minimum coupling degree, percent.
    pub min_degree: u32,
    /// Group one author's commits within this many days into one logical change set (0: off).
    pub window_days: u32,
}

impl Default for CouplingConfig {
    fn default() -> Self {
        CouplingConfig {
            max_changeset: 30,
            min_revs: 5,
            min_shared: 5,
            min_degree: 30,
            window_days: 0,
        }
    }
}

/// `[walk]`
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(default, deny_unknown_fields)]
pub struct WalkConfig {
    /// Globs (gitignore syntax, relative to the scanned path); when non-empty only matching files are read.
    pub include: Vec<String>,
    /// Globs of paths never read.
    pub exclude: Vec<String>,
    /// Directory names whose contents are vendored third-party code.
    pub vendored_dirs: Vec<String>,
    /// Files larger than this many bytes are skipped as `too-large`.
    pub max_file_size: u64,
    /// Files with a line longer than this many bytes are skipped as `minified`.
    pub max_line_length: usize,
}

impl Default for WalkConfig {
    fn default() -> Self {
        WalkConfig {
            include: Vec::new(),
            exclude: Vec::new(),
            vendored_dirs: vec![
                "vendor".into(),
                "third_party".into(),
                "third-party".into(),
                "node_modules".into(),
                // Python's convention for vendored packages (pip, setuptools).
                "_vendor".into(),
            ],
            max_file_size: 1024 * 1024,
            max_line_length: 10_000,
        }
    }
}

/// `[markers]`
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(default, deny_unknown_fields)]
pub struct MarkerConfig {
    /// Tag → severity (0–1). Replaces the default table entirely when given.
    pub tags: BTreeMap<String, f64>,
    /// Debt macro name (without `!`) → severity (0–1). `todo!` says "unfinished";
    /// `unimplemented!` often marks a deliberately unsupported path (test doubles), so it weighs less.
    pub macros: BTreeMap<String, f64>,
    /// Markers of one kind and tag whose normalised text is at least this many characters and
    /// the same in several places become one item with several locations (0: never).
    pub cluster_min_length: usize,
    /// The most a marker that waits on an outside event ("when MSRV is 1.81", "once X is
    /// stabilized") can weigh: a reminder with nothing to do before then, not a defect.
    pub deferred: f64,
}

impl Default for MarkerConfig {
    fn default() -> Self {
        let tags = [
            ("BUG", 1.0),
            ("FIXME", 0.9),
            ("HACK", 0.8),
            ("XXX", 0.5),
            ("KLUDGE", 0.8),
            ("WORKAROUND", 0.6),
            ("TODO", 0.5),
            ("OPTIMIZE", 0.4),
            ("REFACTOR", 0.4),
        ];
        MarkerConfig {
            tags: tags.iter().map(|(t, s)| (t.to_string(), *s)).collect(),
            macros: [
                ("todo".to_string(), 0.9),
                ("unimplemented".to_string(), 0.6),
                // Python's `raise NotImplementedError`: like `unimplemented!()`, it may stay.
                ("NotImplementedError".to_string(), 0.6),
            ]
            .into_iter()
            .collect(),
            cluster_min_length: 12,
            deferred: 0.3,
        }
    }
}

impl Config {
    /// Parses and validates TOML text; `origin` names the file in errors.
    pub fn from_toml(text: &str, origin: &Path) -> Result<Config, Error> {
        let config: Config = toml::from_str(text).map_err(|e| Error::Config {
            path: origin.to_path_buf(),
            message: e.to_string().trim_end().to_string(),
        })?;
        config.validate().map_err(|message| Error::Config {
            path: origin.to_path_buf(),
            message,
        })?;
        Ok(config)
    }

    /// Loads `explicit` if given (it must exist), else `<root>/debtscan.toml` if present, else defaults.
    pub fn load(explicit: Option<&Path>, root: &Path) -> Result<(Config, Option<PathBuf>), Error> {
        let path = match explicit {
            Some(p) => p.to_path_buf(),
            None => {
                let candidate = root.join(FILE_NAME);
                if !candidate.is_file() {
                    return Ok((Config::default(), None));
                }
                candidate
            }
        };
        let meta = std::fs::metadata(&path).map_err(|e| Error::Config {
            path: path.clone(),
            message: format!("cannot read it: {e}"),
        })?;
        // A config is a few hundred bytes; refuse to slurp something absurd.
        if meta.len() > 1024 * 1024 {
            return Err(Error::Config {
                path,
                message: "larger than 1 MiB; is this really a debtscan config?".into(),
            });
        }
        let text = std::fs::read_to_string(&path).map_err(|e| Error::Config {
            path: path.clone(),
            message: format!("cannot read it as UTF-8 text: {e}"),
        })?;
        Ok((Config::from_toml(&text, &path)?, Some(path)))
    }

    fn validate(&self) -> Result<(), String> {
        if self.walk.max_file_size == 0 {
            return Err("walk.max_file_size must be at least 1".into());
        }
        if self.walk.max_line_length == 0 {
            return Err("walk.max_line_length must be at least 1".into());
        }
        if self.markers.tags.is_empty() {
            return Err("markers.tags is empty: no marker could ever be found".into());
        }
        for (tag, severity) in &self.markers.tags {
            if tag.is_empty() || !tag.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
                return Err(format!(
                    "markers.tags: {tag:?} is not a tag (use letters, digits and _ only)"
                ));
            }
            check_severity(&format!("markers.tags.{tag}"), *severity)?;
        }
        check_severity("markers.deferred", self.markers.deferred)?;
        for (name, severity) in &self.markers.macros {
            check_severity(&format!("markers.macros.{name}"), *severity)?;
        }
        let h = self.history.half_life_days;
        if !(h.is_finite() && h > 0.0) {
            return Err(format!(
                "history.half_life_days = {h}: must be a positive number of days"
            ));
        }
        crate::fixes::FixPatterns::new(
            &self.backtest.fix_patterns,
            &self.backtest.mechanical_patterns,
        )
        .map_err(|e| format!("backtest.{e}"))?;
        if self.coupling.max_changeset == 0 {
            return Err("coupling.max_changeset must be at least 1".into());
        }
        if self.coupling.min_degree > 100 {
            return Err(format!(
                "coupling.min_degree = {}: a degree is a percentage, 0 to 100",
                self.coupling.min_degree
            ));
        }
        if self.complexity.closure_lines == 0 {
            return Err("complexity.closure_lines must be at least 1".into());
        }
        check_severity("complexity.severity", self.complexity.severity)?;
        check_severity("complexity.file_severity", self.complexity.file_severity)?;
        check_severity(
            "complexity.file_max_severity",
            self.complexity.file_max_severity,
        )?;
        check_severity("hotspots.severity", self.hotspots.severity)?;
        check_severity("hotspots.max_severity", self.hotspots.max_severity)?;
        check_severity(
            "hotspots.fix_prone_severity",
            self.hotspots.fix_prone_severity,
        )?;
        if !(0.0..=1.0).contains(&self.hotspots.min_score) {
            return Err(format!(
                "hotspots.min_score = {}: a score is between 0 and 1",
                self.hotspots.min_score
            ));
        }
        if self.hotspots.window_days == 0 {
            return Err("hotspots.window_days must be at least 1".into());
        }
        let g = &self.graph;
        for (name, value) in [
            ("graph.cycle_severity", g.cycle_severity),
            ("graph.cycle_max_severity", g.cycle_max_severity),
            ("graph.god_module_severity", g.god_module_severity),
            ("graph.hidden_coupling_severity", g.hidden_coupling_severity),
            (
                "graph.hidden_coupling_max_severity",
                g.hidden_coupling_max_severity,
            ),
        ] {
            check_severity(name, value)?;
        }
        check_unit("graph.god_module_percentile", g.god_module_percentile)?;
        if g.hidden_coupling_degree > 100 {
            return Err(format!(
                "graph.hidden_coupling_degree = {}: a degree is a percentage, 0 to 100",
                g.hidden_coupling_degree
            ));
        }
        let s = &self.score;
        check_unit("score.interest_floor", s.interest_floor)?;
        check_unit("score.coverage_weight", s.coverage_weight)?;
        let weights = [
            ("score.change_weight", s.change_weight),
            ("score.churn_weight", s.churn_weight),
            ("score.centrality_weight", s.centrality_weight),
            ("score.knowledge_weight", s.knowledge_weight),
        ];
        for (name, value) in weights {
            if !(value.is_finite() && value >= 0.0) {
                return Err(format!("{name} = {value}: a weight must be 0 or more"));
            }
        }
        if weights.iter().all(|(_, w)| *w == 0.0) {
            return Err(
                "score: every weight is 0, so nothing could raise interest; \
                        give at least one of change_weight, churn_weight, centrality_weight, \
                        knowledge_weight a positive value"
                    .into(),
            );
        }
        for role in Role::ALL {
            check_unit(
                &format!("score.role_weights.{}", role.as_str()),
                s.role_weights.of(role),
            )?;
        }
        for glob in self.roles.paths.keys() {
            if let Err(e) = globset::Glob::new(glob) {
                return Err(format!("roles.paths: {glob:?} is not a glob ({e})"));
            }
        }
        if self.roles.report.is_empty() {
            return Err("roles.report is empty: no item could ever be reported".into());
        }
        let l = &self.levels;
        let levels = [
            ("levels.minor", l.minor),
            ("levels.major", l.major),
            ("levels.critical", l.critical),
            ("levels.blocker", l.blocker),
        ];
        for (name, value) in levels {
            if !(value.is_finite() && (0.0..=100.0).contains(&value)) {
                return Err(format!("{name} = {value}: a score is between 0 and 100"));
            }
        }
        for pair in levels.windows(2) {
            if pair[0].1 > pair[1].1 {
                return Err(format!(
                    "{} = {} is above {} = {}: levels must not decrease from minor to blocker",
                    pair[0].0, pair[0].1, pair[1].0, pair[1].1
                ));
            }
        }
        if self.cache.max_size < 1 << 20 {
            return Err(format!(
                "cache.max_size = {}: at least 1048576 bytes (1 MiB); --no-cache turns the cache off",
                self.cache.max_size
            ));
        }
        if self.coverage.files.iter().any(|f| f.as_os_str().is_empty()) {
            return Err("coverage.files: an empty path names no report".into());
        }
        for (from, to) in &self.history.aliases {
            if from.trim().is_empty() || to.trim().is_empty() {
                return Err(format!(
                    "history.aliases: {from:?} = {to:?}: neither side may be empty"
                ));
            }
        }
        Ok(())
    }

    /// Severity of a debt macro, by name with or without the `!`.
    pub fn macro_severity(&self, name: &str) -> f64 {
        let name = name.trim_end_matches('!');
        self.markers.macros.get(name).copied().unwrap_or(0.9)
    }

    /// Severity of a tag as written in a comment (matched case-insensitively).
    pub fn tag_severity(&self, tag: &str) -> f64 {
        self.markers
            .tags
            .iter()
            .find(|(t, _)| t.eq_ignore_ascii_case(tag))
            .map(|(_, s)| *s)
            .unwrap_or(0.5)
    }
}

fn check_unit(key: &str, value: f64) -> Result<(), String> {
    if value.is_finite() && (0.0..=1.0).contains(&value) {
        Ok(())
    } else {
        Err(format!("{key} = {value}: must be between 0 and 1"))
    }
}

fn check_severity(key: &str, value: f64) -> Result<(), String> {
    if value.is_finite() && (0.0..=1.0).contains(&value) {
        Ok(())
    } else {
        Err(format!(
            "{key} = {value}: a severity must be between 0 and 1"
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<Config, String> {
        Config::from_toml(text, Path::new("debtscan.toml")).map_err(|e| e.to_string())
    }

    #[test]
    fn empty_file_gives_defaults() {
        assert_eq!(parse("").unwrap(), Config::default());
    }

    #[test]
    fn unknown_key_names_line_and_column() {
        let err = parse("[walk]\nmax_file_size = 10\nexclud = []\n").unwrap_err();
        assert!(err.contains("debtscan.toml"), "{err}");
        assert!(err.contains("line 3"), "{err}");
        assert!(err.contains("column 1"), "{err}");
        assert!(err.contains("exclud"), "{err}");
    }

    #[test]
    fn wrong_type_is_an_error() {
        let err = parse("[walk]\nmax_file_size = \"big\"\n").unwrap_err();
        assert!(err.contains("line 2"), "{err}");
    }

    #[test]
    fn bad_values_are_errors() {
        assert!(parse("[markers.tags]\nTODO = 3.0\n")
            .unwrap_err()
            .contains("between 0 and 1"));
        assert!(parse("[markers.tags]\nTODO = -1\n").is_err());
        assert!(parse("[markers.tags]\n\"TO DO\" = 0.5\n").is_err());
        assert!(parse("[walk]\nmax_file_size = 0\n").is_err());
        assert!(parse("[walk]\nmax_file_size = -5\n").is_err());
        assert!(parse("[history]\nhalf_life_days = 0\n").is_err());
        assert!(parse("[coupling]\nmin_degree = 150\n").is_err());
        assert!(parse("[coupling]\nmax_changeset = 0\n").is_err());
        assert!(parse("[cache]\nmax_size = 1000\n")
            .unwrap_err()
            .contains("--no-cache"));
        assert!(parse("[backtest]\nfix_patterns = [\"(fix\"]\n")
            .unwrap_err()
            .contains("backtest.fix_patterns: \"(fix\" is not a regular expression"));
    }

    /// The keys of every table, recursively, as dotted paths.
    fn keys(v: &toml::Value, prefix: &str, out: &mut Vec<String>) {
        if let toml::Value::Table(t) = v {
            for (k, v) in t {
                let path = format!("{prefix}{k}");
                // Tables of user-chosen keys: only the table itself is a setting.
                if !matches!(
                    path.as_str(),
                    "markers.tags" | "markers.macros" | "history.aliases" | "tracker.logins"
                ) {
                    keys(v, &format!("{path}."), out);
                }
                out.push(path);
            }
        }
    }

    #[test]
    fn the_init_template_is_every_default_and_nothing_else() {
        assert_eq!(parse(DEFAULT_TOML).unwrap(), Config::default());
        let (mut written, mut all) = (Vec::new(), Vec::new());
        keys(&toml::from_str(DEFAULT_TOML).unwrap(), "", &mut written);
        keys(
            &toml::Value::try_from(Config::default()).unwrap(),
            "",
            &mut all,
        );
        written.sort();
        all.sort();
        assert_eq!(written, all);
    }

    #[test]
    fn the_readme_shows_the_init_template() {
        let readme = include_str!("../README.md");
        let section = readme
            .split("## Configuration: `debtscan.toml`")
            .nth(1)
            .expect("the README has a configuration section");
        let block = section
            .split("```toml\n")
            .nth(1)
            .and_then(|rest| rest.split("```").next())
            .expect("with a toml block");
        assert_eq!(block, DEFAULT_TOML);
    }

    #[test]
    fn weights_and_levels_are_checked() {
        assert!(parse("[score]\nchange_weight = -1\n")
            .unwrap_err()
            .contains("0 or more"));
        assert!(parse(
            "[score]\nchange_weight = 0\nchurn_weight = 0\ncentrality_weight = 0\nknowledge_weight = 0\n"
        )
        .unwrap_err()
        .contains("every weight is 0"));
        assert!(parse("[score]\ninterest_floor = 1.5\n").is_err());
        assert!(parse("[levels]\nmajor = 80\n")
            .unwrap_err()
            .contains("must not decrease"));
        assert!(parse("[levels]\nblocker = 101\n").is_err());
        assert!(parse("[history.aliases]\n\"a@x\" = \"\"\n").is_err());
    }

    #[test]
    fn custom_tags_replace_defaults() {
        let c = parse("[markers.tags]\nNOTE = 0.1\n").unwrap();
        assert_eq!(c.markers.tags.len(), 1);
        assert_eq!(c.tag_severity("note"), 0.1);
    }

    #[test]
    fn the_default_patterns_tell_defect_fixes_from_mechanical_ones() {
        use crate::backtest::Subject::{Fix, Mechanical, Other};
        let config = BacktestConfig::default();
        let p = crate::fixes::FixPatterns::new(&config.fix_patterns, &config.mechanical_patterns)
            .unwrap();
        // Subjects from the calibration repositories' histories.
        let cases = [
            ("fix: only store top-level recursive dir size", Fix),
            ("fixed formatting of terminal title", Fix),
            ("Fix blank buffer picker preview on doc with no views", Fix),
            ("Fix precedence of ui.virtual.whitespace (#8750)", Fix),
            (
                "Add a language to fix Rust highlights in format-args macros",
                Fix,
            ),
            ("fix(fs): Major and minor device on MacOS", Fix),
            (
                "refactor: fix rustfmt issues and place skips where needed",
                Mechanical,
            ),
            ("Fix clippy warnings (#1851)", Mechanical),
            ("fix(lints): clippy 1.93 (#15232)", Mechanical),
            ("Fix typos found by codespell (#1872)", Mechanical),
            (
                "net: fix ambiguity in `TcpStream::try_write_vectored` docs (#7067)",
                Mechanical,
            ),
            ("ci: fix wasm32-wasip1 tests (#7788)", Mechanical),
            ("fix(ci): fmt, windows, and nix fixes", Mechanical),
            ("chore: fix deprecated circleci image (#6379)", Mechanical),
            (
                "docs(readme): fix codeblocks in zsh completions",
                Mechanical,
            ),
            ("Fix deprecation warning from chrono", Mechanical),
            ("fix: allow unused imports for freebsd", Mechanical),
            ("fix(windows): rustc false dead code positives", Mechanical),
            ("fix: merge conflict with main", Mechanical),
            ("fix: Re-align `--git-ignore` in help message", Mechanical),
            ("fix: Format the code correctly this time", Mechanical),
            ("fix(deps): bump libc from 0.2.165 to 0.2.167", Mechanical),
            ("build(release): fix version bump", Mechanical),
            // Other languages' tools (pip, click, cobra, zustand).
            ("Fix mypy 1.14.1 error (#13148)", Mechanical),
            (
                "[pre-commit.ci] auto fixes from pre-commit.com hooks",
                Mechanical,
            ),
            ("Fix Ruff UP038 warning", Mechanical),
            ("fix flake8 finding", Mechanical),
            ("Fix type hints for resolvelib 1.1.0", Mechanical),
            ("examples: fix prettier / lint", Mechanical),
            (
                "test: incorporate eslint-plugin-testing-library and fix reported issues",
                Mechanical,
            ),
            ("fix golangci-lint findings", Mechanical),
            (
                "fix(types): preserve handler response typing in createHandlers (#4492)",
                Fix,
            ),
            (
                "Validate style() color arguments, fix explicit black color argument",
                Fix,
            ),
            (
                "net: fix examples for `TcpSocket::{set_nodelay,nodelay}` (#6840)",
                Mechanical,
            ),
            (
                "sync: fix implementation of unused `RwLock::try_*` methods (#7587)",
                Fix,
            ),
            ("Fix warning highlight for trailing whitespace (#1037)", Fix),
            ("fix: dereferencing links groups.", Fix),
            ("Fix --help --pager=builtin", Fix),
            ("eza: add --color-scale", Other),
            ("docs: explain the config", Other),
        ];
        for (subject, expected) in cases {
            assert_eq!(p.classify(subject), expected, "{subject}");
        }
    }
}
