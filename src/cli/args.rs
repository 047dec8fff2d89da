//! The command line as clap sees it: what each command accepts, its help text and the value
//! parsers of its flags. Nothing here decides anything; `resolve` turns these into settings.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

use crate::model::Role;
use crate::report::Format;

/// debtscan: a prioritised tech-debt backlog from a repository's code and git history.
#[derive(Debug, Parser)]
#[command(name = "debtscan", version, about, long_about = None)]
#[command(
    after_help = "Examples:\n  debtscan scan .\n  debtscan todos . --format json\n  debtscan scan . --format json --output backlog.json"
)]
pub struct Cli {
    #[command(subcommand)]
    pub(super) command: Command,
}

#[derive(Debug, Subcommand)]
pub(super) enum Command {
    /// The ranked backlog of every debt item.
    Scan(ScanArgs),
    /// Only self-admitted debt: TODO/FIXME/HACK-style comment markers and todo!() macros.
    Todos(ScanArgs),
    /// Per-file change statistics from git history: revisions, lines added and deleted, authors.
    Churn(ChurnArgs),
    /// Files that change together (code-maat's change coupling), strongest pairs first.
    Coupling(CouplingArgs),
    /// Every function with its complexity: cyclomatic, cognitive, lines, nesting, parameters.
    Functions(FunctionsArgs),
    /// Files (and with --functions, their functions) ranked by recent change × complexity.
    Hotspots(HotspotsArgs),
    /// The dependency graph: modules, imports, cycles, central modules, hidden coupling.
    Graph(GraphArgs),
    /// Compare two JSON backlogs: new, resolved, changed and moved items.
    Diff(DiffArgs),
    /// The full breakdown of one item's score.
    Explain(ExplainArgs),
    /// Write a debtscan.toml with every setting, its default and what it does.
    Init(InitArgs),
    /// Check the ranking against history: rank the code as it was a year ago and measure how
    /// well that ranking points at where the fixes since then landed, against simple baselines.
    Backtest(BacktestArgs),
    /// Show or clear the incremental cache of history and parse facts.
    #[command(subcommand)]
    Cache(CacheCommand),
    /// Keep one tracker issue per backlog item (GitHub, GitLab or Redmine): plan the creates,
    /// updates, closes and reopens, then make them (or print the plan with --dry-run).
    Sync(SyncArgs),
}

/// The trackers `sync` writes to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub(super) enum TrackerKind {
    Github,
    Gitlab,
    Redmine,
}

#[derive(Debug, Args)]
#[command(
    after_help = "Tokens come from the environment: GITHUB_TOKEN, GITLAB_TOKEN, REDMINE_API_KEY.\n\nExamples:\n  debtscan sync backlog.json --tracker github --project acme/shop --dry-run\n  debtscan sync backlog.json --tracker github --dry-run --format json --output plan.json\n  debtscan sync backlog.json --tracker github --apply plan.json\n  debtscan sync backlog.json --tracker redmine --url https://redmine.example.com --project shop"
)]
pub(super) struct SyncArgs {
    /// The backlog (`debtscan scan --format json`, complete: no --top), ideally written with
    /// --baseline so that moved and reworded items keep their issues.
    pub(super) backlog: PathBuf,
    /// The tracker.
    #[arg(long, value_enum)]
    pub(super) tracker: TrackerKind,
    /// GitHub `owner/repo` [default: $GITHUB_REPOSITORY], GitLab project id or path
    /// [default: $CI_PROJECT_ID], Redmine project identifier [default: $REDMINE_PROJECT].
    #[arg(long, value_name = "PROJECT")]
    pub(super) project: Option<String>,
    /// The API base: GitHub [default: $GITHUB_API_URL, else https://api.github.com], GitLab
    /// [default: $CI_API_V4_URL, else https://gitlab.com/api/v4], Redmine's address
    /// [default: $REDMINE_URL].
    #[arg(long, value_name = "URL")]
    pub(super) url: Option<String>,
    /// Redmine: the id of the issue custom field holding the item id [default:
    /// $REDMINE_ID_FIELD, else the project's field named "debtscan id"].
    #[arg(long, value_name = "ID")]
    pub(super) redmine_field: Option<u64>,
    /// Print the plan (what would be created, updated, closed, reopened) and write nothing.
    #[arg(long, conflicts_with = "apply")]
    pub(super) dry_run: bool,
    /// Carry out a plan written by --dry-run --format json (after a person reviewed it).
    #[arg(long, value_name = "PLAN")]
    pub(super) apply: Option<PathBuf>,
    /// Output format of the plan or of what was done: table or json.
    #[arg(long, value_enum, default_value = "table")]
    pub(super) format: Format,
    /// Write the plan or report to this file (atomically) instead of standard output.
    #[arg(short, long, value_name = "FILE")]
    pub(super) output: Option<PathBuf>,
    /// Items under this score get no new issue.
    #[arg(long, value_name = "SCORE", default_value_t = 0.0)]
    pub(super) min_score: f64,
    /// Items under this severity (info, minor, major, critical, blocker) get no new issue.
    #[arg(long, value_name = "LEVEL", default_value = "major")]
    pub(super) min_severity: String,
    /// New issues per run, at most (highest ranked first; the rest come in later runs).
    #[arg(long, value_name = "N", default_value_t = 10)]
    pub(super) max_create: usize,
    /// Close an issue once its item has been absent from this many runs.
    #[arg(long, value_name = "RUNS", default_value_t = 3)]
    pub(super) close_after: u32,
    /// What makes two runs different when counting absences [default: the backlog's commit].
    #[arg(long, value_name = "KEY")]
    pub(super) run_id: Option<String>,
    /// The label that marks debtscan's issues (GitHub, GitLab).
    #[arg(long, value_name = "NAME", default_value = "debtscan")]
    pub(super) label: String,
    /// Milliseconds between two writes (trackers ask for at most one per second).
    #[arg(long, value_name = "MS", default_value_t = 1000, hide = true)]
    pub(super) write_interval_ms: u64,
}

/// `debtscan cache …`.
#[derive(Debug, Subcommand)]
pub(super) enum CacheCommand {
    /// Where the cache of PATH's repository is, its size, tables, segments and entries, and
    /// the other repositories cached in the same directory.
    Info(CacheInfoArgs),
    /// Delete the cache of PATH's repository (waits for runs using it), or with --all every
    /// repository's cache in the cache directory.
    Clear(CacheClearArgs),
}

#[derive(Debug, Args)]
#[command(after_help = "Examples:\n  debtscan cache info\n  debtscan cache info . --format json")]
pub(super) struct CacheInfoArgs {
    /// A directory inside the repository.
    #[arg(default_value = ".")]
    pub(super) path: PathBuf,
    /// The cache directory [default: $XDG_CACHE_HOME/debtscan, else ~/.cache/debtscan].
    #[arg(long, value_name = "DIR")]
    pub(super) cache_dir: Option<PathBuf>,
    /// Output format: table or json.
    #[arg(long, value_enum, default_value = "table")]
    pub(super) format: Format,
    /// Config file, for `[cache] max_size` [default: PATH/debtscan.toml if it exists].
    #[arg(long, value_name = "FILE")]
    pub(super) config: Option<PathBuf>,
}

#[derive(Debug, Args)]
#[command(after_help = "Examples:\n  debtscan cache clear\n  debtscan cache clear --all")]
pub(super) struct CacheClearArgs {
    /// A directory inside the repository whose cache to delete.
    #[arg(default_value = ".")]
    pub(super) path: PathBuf,
    /// The cache directory [default: $XDG_CACHE_HOME/debtscan, else ~/.cache/debtscan].
    #[arg(long, value_name = "DIR")]
    pub(super) cache_dir: Option<PathBuf>,
    /// Delete every repository's cache in the cache directory.
    #[arg(long, conflicts_with = "path")]
    pub(super) all: bool,
    /// Print nothing on standard error.
    #[arg(short, long)]
    pub(super) quiet: bool,
}

/// Where the incremental cache is (shared by every command that reads history or parses).
#[derive(Debug, Args)]
pub(super) struct CacheArgs {
    /// Keep the cache in DIR [default: $XDG_CACHE_HOME/debtscan, else ~/.cache/debtscan].
    #[arg(long, value_name = "DIR")]
    pub(super) cache_dir: Option<PathBuf>,
    /// Neither read nor write the cache (the report is the same, computed from scratch).
    #[arg(long, conflicts_with = "cache_dir")]
    pub(super) no_cache: bool,
}

#[derive(Debug, Args)]
#[command(
    after_help = "Examples:\n  debtscan backtest .\n  debtscan backtest . --months 6\n  debtscan backtest . --at v1.2.0 --format json"
)]
pub(super) struct BacktestArgs {
    /// The directory to scan (inside a git repository).
    #[arg(default_value = ".")]
    pub(super) path: PathBuf,
    #[command(flatten)]
    pub(super) out: CommonArgs,
    #[command(flatten)]
    pub(super) files: FilterArgs,
    /// Rank the code at the newest commit on HEAD's first-parent line at least N months older
    /// than HEAD [default: 12].
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..=1200), conflicts_with = "at")]
    pub(super) months: Option<u32>,
    /// Rank the code at this commit (a hash, tag or other revision; an ancestor of HEAD).
    #[arg(long, value_name = "REV")]
    pub(super) at: Option<String>,
    /// Back-test N windows, each --months further back and measured up to the next one's T,
    /// and pool their measures: more fixes, less noise [default: 1].
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..=10), conflicts_with = "at")]
    pub(super) windows: Option<u32>,
    /// Measure each ranking's top N files (repeatable or comma-separated) [default: 10,25,50];
    /// the number of files the backlog names is always measured too.
    #[arg(long = "top", value_name = "N", value_delimiter = ',', value_parser = clap::value_parser!(u32).range(1..))]
    pub(super) top: Vec<u32>,
    /// Rank and count files, or the functions of the code at T (each commit after T counted
    /// for every function it changed).
    #[arg(long, value_enum, default_value = "file")]
    pub(super) level: crate::backtest::Level,
    /// Do not build the dependency graph for the ranking at T [config: graph.enabled].
    #[arg(long)]
    pub(super) no_graph: bool,
    /// Rank and measure only files of this code role (repeatable): production, test, bench,
    /// example, build or docs [default: production; a fix's new regression test is not where
    /// the fix landed].
    #[arg(long = "role", value_name = "ROLE", value_parser = parse_role)]
    pub(super) roles: Vec<Role>,
    #[command(flatten)]
    pub(super) cache: CacheArgs,
}

#[derive(Debug, Args)]
#[command(
    after_help = "Examples:\n  debtscan diff yesterday.json today.json\n  debtscan diff old.json new.json --format markdown > changes.md"
)]
pub(super) struct DiffArgs {
    /// The older backlog (`debtscan scan --format json`).
    pub(super) old: PathBuf,
    /// The newer backlog.
    pub(super) new: PathBuf,
    /// Output format: table, json or markdown.
    #[arg(long, value_enum, default_value = "table")]
    pub(super) format: Format,
    /// Write the report to this file (atomically) instead of standard output.
    #[arg(short, long, value_name = "FILE")]
    pub(super) output: Option<PathBuf>,
    /// A score must move by at least this many points to count as changed.
    #[arg(long, value_name = "POINTS", default_value_t = crate::diff::MIN_SCORE_CHANGE)]
    pub(super) min_score_change: f64,
    /// Exit 1 when there are new items.
    #[arg(long, value_name = "CONDITION", value_parser = parse_fail_on)]
    pub(super) fail_on: Vec<FailOn>,
}

#[derive(Debug, Args)]
#[command(
    after_help = "Examples:\n  debtscan explain v1:9f2c61d0a4b3e8f7\n  debtscan explain v1:9f2c --input today.json"
)]
pub(super) struct ExplainArgs {
    /// The item's id (or a unique prefix of it).
    pub(super) id: String,
    /// The directory to scan (unless --input is given).
    #[arg(default_value = ".")]
    pub(super) path: PathBuf,
    /// Read the item from this JSON backlog instead of scanning.
    #[arg(long, value_name = "FILE")]
    pub(super) input: Option<PathBuf>,
    #[command(flatten)]
    pub(super) out: CommonArgs,
    #[command(flatten)]
    pub(super) source: SourceArgs,
}

/// What a backlog is built from (shared by `scan`, `todos` and `explain`).
#[derive(Debug, Args)]
pub(super) struct SourceArgs {
    #[command(flatten)]
    pub(super) files: FilterArgs,
    /// Do not read git history (faster; ranks by severity alone).
    #[arg(long)]
    pub(super) no_history: bool,
    /// Do not build the dependency graph (no cycle, god-module or hidden-coupling items, no
    /// centrality) [config: graph.enabled].
    #[arg(long)]
    pub(super) no_graph: bool,
    /// Report only items of this code role (repeatable): production, test, bench, example,
    /// build or docs [config: roles.report].
    #[arg(long = "role", value_name = "ROLE", value_parser = parse_role)]
    pub(super) roles: Vec<Role>,
    /// Count edges only test code makes (test targets, `#[cfg(test)]`, dev-dependencies) in
    /// cycles, god modules and centrality [config: graph.include_test_edges].
    #[arg(long)]
    pub(super) include_test_edges: bool,
    /// A test coverage report, LCOV or Cobertura XML (repeatable): complex and hot code the
    /// tests barely run ranks higher [config: coverage.files].
    #[arg(long = "coverage", value_name = "FILE")]
    pub(super) coverage: Vec<PathBuf>,
    #[command(flatten)]
    pub(super) history: HistoryArgs,
    #[command(flatten)]
    pub(super) cache: CacheArgs,
}

fn parse_role(text: &str) -> Result<Role, String> {
    Role::from_name(text).ok_or_else(|| {
        let names: Vec<&str> = Role::ALL.iter().map(|r| r.as_str()).collect();
        format!("not a role; use one of {}", names.join(", "))
    })
}

#[derive(Debug, Args)]
pub(super) struct InitArgs {
    /// The directory to write debtscan.toml into.
    #[arg(default_value = ".")]
    pub(super) path: PathBuf,
    /// Overwrite an existing debtscan.toml.
    #[arg(long)]
    pub(super) force: bool,
    /// Print the file instead of writing it.
    #[arg(long)]
    pub(super) stdout: bool,
}

/// A `--fail-on` condition.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) enum FailOn {
    /// An item is new against the baseline (or, for `diff`, the older run).
    New,
    /// An item scores at least (or above) this.
    Score { min: f64, inclusive: bool },
    /// There are more (or at least) this many items.
    Count { max: usize, inclusive: bool },
    /// An item of the baseline scores at least this many points more than it did there.
    Worse { by: f64 },
}

/// `--fail-on worse` without a figure: a rise of this many points (a score moves by a point
/// or so from one commit to the next as the percentiles drift).
pub(super) const WORSE_BY: f64 = 5.0;

/// `new`, `score>=N`, `score>N`, `count>N` or `count>=N`.
pub(super) fn parse_fail_on(text: &str) -> Result<FailOn, String> {
    let t: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    let usage = || {
        format!(
            "{text:?}: expected `new`, `worse`, `worse>=N`, `score>=N`, `score>N`, `count>N` \
             or `count>=N`"
        )
    };
    if t.eq_ignore_ascii_case("new") {
        return Ok(FailOn::New);
    }
    if t.eq_ignore_ascii_case("worse") {
        return Ok(FailOn::Worse { by: WORSE_BY });
    }
    let (name, inclusive, number) = if let Some((n, v)) = t.split_once(">=") {
        (n, true, v)
    } else if let Some((n, v)) = t.split_once('>') {
        (n, false, v)
    } else {
        return Err(usage());
    };
    match name.to_ascii_lowercase().as_str() {
        "score" => match number.parse::<f64>() {
            Ok(min) if min.is_finite() && (0.0..=100.0).contains(&min) => {
                Ok(FailOn::Score { min, inclusive })
            }
            _ => Err(format!("{text:?}: a score is a number from 0 to 100")),
        },
        "count" => number
            .parse::<usize>()
            .map(|max| FailOn::Count { max, inclusive })
            .map_err(|_| format!("{text:?}: a count is a whole number")),
        "worse" if inclusive => match number.parse::<f64>() {
            Ok(by) if by.is_finite() && by > 0.0 && by <= 100.0 => Ok(FailOn::Worse { by }),
            _ => Err(format!(
                "{text:?}: a rise is a number of points above 0, up to 100"
            )),
        },
        _ => Err(usage()),
    }
}

#[derive(Debug, Args)]
#[command(
    after_help = "Examples:\n  debtscan graph .\n  debtscan graph . --format dot > deps.dot && dot -Tsvg deps.dot > deps.svg\n  debtscan graph . --by crate --format json"
)]
pub(super) struct GraphArgs {
    /// The directory to scan.
    #[arg(default_value = ".")]
    pub(super) path: PathBuf,
    #[command(flatten)]
    pub(super) out: CommonArgs,
    #[command(flatten)]
    pub(super) files: FilterArgs,
    /// What a node is: a file (with its inline modules), a directory or a crate.
    #[arg(long, value_enum, default_value = "file")]
    pub(super) by: crate::graph::analysis::Granularity,
    /// Show the N most central nodes, cycles and pairs in the table.
    #[arg(long, value_name = "N", default_value_t = 10)]
    pub(super) top: usize,
    /// Do not read git history (no hidden coupling).
    #[arg(long)]
    pub(super) no_history: bool,
    /// Count edges only test code makes (test targets, `#[cfg(test)]`, dev-dependencies) in
    /// cycles and measures [config: graph.include_test_edges].
    #[arg(long)]
    pub(super) include_test_edges: bool,
    #[command(flatten)]
    pub(super) history: HistoryArgs,
    #[command(flatten)]
    pub(super) cache: CacheArgs,
}

#[derive(Debug, Args)]
pub(super) struct HotspotsArgs {
    /// The directory to scan (inside a git repository).
    #[arg(default_value = ".")]
    pub(super) path: PathBuf,
    #[command(flatten)]
    pub(super) out: CommonArgs,
    #[command(flatten)]
    pub(super) files: FilterArgs,
    /// Also rank the functions of the hottest files by their own change (the "X-Ray").
    #[arg(long)]
    pub(super) functions: bool,
    /// Count change in exactly the N days before HEAD, however few commits they hold
    /// [config: hotspots.window_days, default 365, stretched to hold
    /// hotspots.window_min_commits].
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..))]
    pub(super) window_days: Option<u32>,
    /// X-Ray the N hottest files [config: hotspots.xray_files, default 20].
    #[arg(long, value_name = "N")]
    pub(super) xray_files: Option<usize>,
    /// Show only the N hottest files (and functions).
    #[arg(long, value_name = "N")]
    pub(super) top: Option<usize>,
    #[command(flatten)]
    pub(super) history: HistoryArgs,
    #[command(flatten)]
    pub(super) cache: CacheArgs,
}

/// Which files are read (shared by every command that reads source files).
#[derive(Debug, Args)]
pub(super) struct FilterArgs {
    /// Only read files matching this glob (repeatable; gitignore syntax).
    #[arg(long, value_name = "GLOB")]
    pub(super) include: Vec<String>,
    /// Never read files matching this glob (repeatable; gitignore syntax).
    #[arg(long, value_name = "GLOB")]
    pub(super) exclude: Vec<String>,
    /// Only read files in these languages (comma-separated: rust, python, go, javascript,
    /// typescript, tsx, lua; `typescript` includes `.tsx`).
    #[arg(long, value_name = "LANG,…", value_delimiter = ',', value_parser = language)]
    pub(super) languages: Vec<crate::lang::LangId>,
}

/// A language named on the command line, which this build must support.
fn language(name: &str) -> Result<crate::lang::LangId, String> {
    let built: Vec<&str> = crate::lang::LANGUAGES.iter().map(|l| l.name()).collect();
    let id =
        crate::lang::LangId::from_name(&name.trim().to_ascii_lowercase()).ok_or_else(|| {
            format!(
                "unknown language `{name}`; this build reads: {}",
                built.join(", ")
            )
        })?;
    match crate::lang::get(id) {
        Some(_) => Ok(id),
        None => Err(format!(
            "`{name}` is not built into this binary (cargo feature lang-{id}); it reads: {}",
            built.join(", ")
        )),
    }
}

/// The order of `debtscan functions`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub(super) enum FunctionSort {
    /// Source order: path, then line.
    Path,
    /// Highest cyclomatic complexity first.
    Cyclomatic,
    /// Highest cognitive complexity first.
    Cognitive,
    /// Longest first.
    Lines,
    /// Deepest nesting first.
    Nesting,
    /// Most parameters first.
    Params,
}

#[derive(Debug, Args)]
pub(super) struct FunctionsArgs {
    /// The directory to scan.
    #[arg(default_value = ".")]
    pub(super) path: PathBuf,
    #[command(flatten)]
    pub(super) out: CommonArgs,
    #[command(flatten)]
    pub(super) files: FilterArgs,
    /// Order of the list (ties in source order).
    #[arg(long, value_enum, default_value = "path")]
    pub(super) sort: FunctionSort,
    /// Show only the first N functions of the order.
    #[arg(long, value_name = "N")]
    pub(super) top: Option<usize>,
    #[command(flatten)]
    pub(super) cache: CacheArgs,
    #[command(flatten)]
    pub(super) as_of: AsOfArgs,
}

#[derive(Debug, Args)]
pub(super) struct CouplingArgs {
    #[command(flatten)]
    pub(super) common: ChurnArgs,
    /// Minimum average revisions of a pair [config: coupling.min_revs, default 5].
    #[arg(long, value_name = "N")]
    pub(super) min_revs: Option<u32>,
    /// Minimum shared change sets [config: coupling.min_shared, default 5].
    #[arg(long, value_name = "N")]
    pub(super) min_shared: Option<u32>,
    /// Minimum coupling degree in percent [config: coupling.min_degree, default 30].
    #[arg(long, value_name = "PERCENT", value_parser = clap::value_parser!(u32).range(0..=100))]
    pub(super) min_degree: Option<u32>,
    /// Drop change sets with more files than this [config: coupling.max_changeset, default 30].
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..))]
    pub(super) max_changeset: Option<u32>,
    /// Treat one author's commits within N days as one change set [default 0: per commit].
    #[arg(long, value_name = "N")]
    pub(super) window_days: Option<u32>,
}

/// How much git history to read (shared by every command that reads it).
#[derive(Debug, Args)]
pub(super) struct HistoryArgs {
    /// Ignore commits before this date (YYYY-MM-DD, UTC, or an RFC 3339 timestamp).
    #[arg(long, value_name = "DATE")]
    pub(super) since: Option<String>,
    /// Read at most the N newest commits.
    #[arg(long, value_name = "N")]
    pub(super) max_commits: Option<usize>,
    /// Follow only the first parent of merges (and count a merge's changes against it).
    #[arg(long)]
    pub(super) first_parent: bool,
    #[command(flatten)]
    pub(super) as_of: AsOfArgs,
}

/// Which commit to analyse (shared by every command that reads files or history).
#[derive(Debug, Args)]
pub(super) struct AsOfArgs {
    /// Analyse the code and history as of this commit (a hash, branch, tag or `HEAD~N`), read
    /// from git objects: no checkout, and the work tree is not read.
    #[arg(long, value_name = "REV")]
    pub(super) as_of: Option<String>,
}

/// Flags every command shares: output, config, threads, warnings.
#[derive(Debug, Args)]
pub(super) struct CommonArgs {
    /// Output format.
    #[arg(long, value_enum, default_value = "table")]
    pub(super) format: Format,
    /// Write the report to this file (atomically) instead of standard output.
    #[arg(short, long, value_name = "FILE")]
    pub(super) output: Option<PathBuf>,
    /// Config file [default: PATH/debtscan.toml if it exists].
    #[arg(long, value_name = "FILE")]
    pub(super) config: Option<PathBuf>,
    /// Worker threads [default: number of CPUs].
    #[arg(short, long, value_name = "N", value_parser = clap::value_parser!(u16).range(1..))]
    pub(super) jobs: Option<u16>,
    /// Print no warnings (and no progress) on standard error.
    #[arg(short, long)]
    pub(super) quiet: bool,
    /// Print the wall time of each phase (walk, parse, history, X-Ray, graph…) on standard error.
    #[arg(long)]
    pub(super) timings: bool,
}

#[derive(Debug, Args)]
pub(super) struct ChurnArgs {
    /// A directory inside the repository; only files below it are listed.
    #[arg(default_value = ".")]
    pub(super) path: PathBuf,
    #[command(flatten)]
    pub(super) out: CommonArgs,
    /// Show only the N files with most revisions.
    #[arg(long, value_name = "N")]
    pub(super) top: Option<usize>,
    #[command(flatten)]
    pub(super) history: HistoryArgs,
    /// Count every commit and file, with no noise filter and each path on its own (exactly
    /// what `git log --no-renames --numstat` counts).
    #[arg(long)]
    pub(super) raw: bool,
    /// With `--raw`, still follow each file back through its renames, as the default does
    /// (what `git log --follow --numstat -- FILE` counts).
    #[arg(long, requires = "raw")]
    pub(super) follow: bool,
    #[command(flatten)]
    pub(super) cache: CacheArgs,
}

#[derive(Debug, Args)]
pub(super) struct ScanArgs {
    /// The directory to scan.
    #[arg(default_value = ".")]
    pub(super) path: PathBuf,
    #[command(flatten)]
    pub(super) out: CommonArgs,
    /// Show only the N highest-ranked items.
    #[arg(long, value_name = "N")]
    pub(super) top: Option<usize>,
    #[command(flatten)]
    pub(super) source: SourceArgs,
    /// Mark each item new, unchanged or updated against this earlier JSON backlog.
    #[arg(long, value_name = "FILE")]
    pub(super) baseline: Option<PathBuf>,
    /// Earlier JSON backlogs (nightly runs) for the HTML report's trend: total score and items
    /// by kind per run, in the order of their commits' dates. With --format html.
    #[arg(long, value_name = "FILE", num_args = 1..)]
    pub(super) history: Vec<PathBuf>,
    /// Exit 1 when: `new` (an item not in --baseline), `worse` / `worse>=N` (an item of
    /// --baseline scores N more, default 5), `score>=N` (an item scores N or more), `count>N`
    /// (more than N items). Repeatable; checked before --top.
    #[arg(long, value_name = "CONDITION", value_parser = parse_fail_on)]
    pub(super) fail_on: Vec<FailOn>,
    /// The repository's address on its forge, for items' permalinks: a web address
    /// (https://github.com/owner/repo) or a remote URL (git@gitlab.com:group/repo.git)
    /// [default: the `origin` remote; none for an unknown host].
    #[arg(long, value_name = "URL")]
    pub(super) remote_url: Option<String>,
}
