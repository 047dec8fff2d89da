//! One step from what the user asked for to what a command does: the parsed flags, the config
//! file and the environment become one settings value per command, with every choice made.
//! It probes nothing itself (the caller passes the [`Environment`]), so a test can resolve real
//! argument vectors against a fake terminal. The only files it reads are the config file and a
//! `--baseline`, and the only repository it opens is the one `--as-of REV` is resolved in,
//! because their errors must come before minutes of scanning.

use std::path::{Path, PathBuf};

use crate::cache::CacheSettings;
use crate::codeowners::CodeOwners;
use crate::config::Config;
use crate::error::Error;
use crate::graph::analysis::Granularity;
use crate::history::coupling::Thresholds;
use crate::history::{HistoryOptions, Start};
use crate::model::{Backlog, Kind, Role};
use crate::pipeline::{BacktestAt, BacktestRequest, CacheRequest, ChurnRequest, ScanRequest};
use crate::report::Format;

use super::args::{
    AsOfArgs, BacktestArgs, CacheArgs, CacheClearArgs, CacheCommand, CacheInfoArgs, ChurnArgs, Cli,
    Command, CommonArgs, CouplingArgs, DiffArgs, ExplainArgs, FailOn, FilterArgs, FunctionSort,
    FunctionsArgs, GraphArgs, HistoryArgs, HotspotsArgs, InitArgs, ScanArgs, SourceArgs,
};

/// What the CLI needs to know about the process it runs in, probed once by `cli::main`.
/// The only environment variables debtscan reads are those naming the default cache
/// directory (`XDG_CACHE_HOME`, `HOME`), and the cache reads them where it is opened.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Environment {
    /// Standard output is a terminal (the table is then fitted to its width).
    pub stdout_is_terminal: bool,
    /// Standard error is a terminal (the history progress bar is shown there).
    pub stderr_is_terminal: bool,
    /// The terminal's width in columns, if there is one.
    pub width: Option<usize>,
    /// Logical CPUs: the default of `--jobs`.
    pub cpus: usize,
}

/// A command with everything it needs decided.
#[derive(Debug)]
pub enum Settings {
    /// `debtscan scan`.
    Scan(ScanSettings),
    /// `debtscan todos`: a scan that keeps only marker items.
    Todos(ScanSettings),
    /// `debtscan churn`.
    Churn(ChurnSettings),
    /// `debtscan coupling`.
    Coupling(CouplingSettings),
    /// `debtscan functions`.
    Functions(FunctionsSettings),
    /// `debtscan hotspots`.
    Hotspots(HotspotsSettings),
    /// `debtscan graph`.
    Graph(GraphSettings),
    /// `debtscan diff`.
    Diff(DiffSettings),
    /// `debtscan explain`.
    Explain(ExplainSettings),
    /// `debtscan init`.
    Init(InitSettings),
    /// `debtscan backtest`.
    Backtest(BacktestSettings),
    /// `debtscan cache info`.
    CacheInfo(CacheInfoSettings),
    /// `debtscan cache clear`.
    CacheClear(CacheClearSettings),
    /// `debtscan sync`.
    Sync(super::sync::SyncSettings),
}

/// Where a report goes and in which format.
#[derive(Debug, Clone, PartialEq)]
pub struct Output {
    /// The format, already checked to be one the command writes.
    pub format: Format,
    /// The file to write (atomically); `None` is standard output.
    pub file: Option<PathBuf>,
}

/// `scan` and `todos`.
#[derive(Debug)]
pub struct ScanSettings {
    /// What to scan and how.
    pub request: ScanRequest,
    /// The item kinds the command reports.
    pub kinds: &'static [Kind],
    /// Where the report goes.
    pub output: Output,
    /// Keep only this many items (after the `--fail-on` check).
    pub top: Option<usize>,
    /// Exit 1 when one of these holds.
    pub fail_on: Vec<FailOn>,
    /// The earlier backlog to mark items against, already read.
    pub baseline: Option<Baseline>,
    /// The totals of the earlier backlogs the HTML report's trend shows (`--history`, and
    /// `--baseline` with `--format html`), already read, with the files they came from.
    pub trend: Vec<(PathBuf, crate::report::html::trend::Run)>,
    /// The width to fit the table to: only when it goes to a terminal.
    pub width: Option<usize>,
    /// No warnings on standard error.
    pub quiet: bool,
    /// Show progress bars on standard error (someone watches it).
    pub progress: bool,
    /// Print each phase's wall time on standard error (`--timings`).
    pub timings: bool,
    /// The forge items link to (`--remote-url`, else the `origin` remote), if known.
    pub forge: Option<crate::report::tracker::Forge>,
    /// What suggests assignees: `CODEOWNERS` and `[tracker]`.
    pub people: crate::report::tracker::People,
}

/// A `--baseline` backlog and the file it came from (errors and the report name the file).
#[derive(Debug)]
pub struct Baseline {
    /// The file as given.
    pub file: PathBuf,
    /// Its backlog.
    pub backlog: Backlog,
}

/// `churn`.
#[derive(Debug)]
pub struct ChurnSettings {
    /// What history to read and how.
    pub request: ChurnRequest,
    /// Where the report goes.
    pub output: Output,
    /// Keep only this many files.
    pub top: Option<usize>,
    /// Worker threads.
    pub jobs: usize,
    /// No warnings on standard error.
    pub quiet: bool,
    /// Show progress bars on standard error (someone watches it).
    pub progress: bool,
    /// Print each phase's wall time on standard error (`--timings`).
    pub timings: bool,
}

/// `coupling`.
#[derive(Debug)]
pub struct CouplingSettings {
    /// What history to read and how.
    pub request: ChurnRequest,
    /// The thresholds: flags over `[coupling]`.
    pub thresholds: Thresholds,
    /// Where the report goes.
    pub output: Output,
    /// Keep only this many pairs (and sums of coupling).
    pub top: Option<usize>,
    /// Worker threads.
    pub jobs: usize,
    /// No warnings on standard error.
    pub quiet: bool,
    /// Show progress bars on standard error (someone watches it).
    pub progress: bool,
    /// Print each phase's wall time on standard error (`--timings`).
    pub timings: bool,
}

/// `functions`.
#[derive(Debug)]
pub struct FunctionsSettings {
    /// What to scan (no history).
    pub request: ScanRequest,
    /// The order of the list.
    pub sort: FunctionSort,
    /// Where the report goes.
    pub output: Output,
    /// Keep only this many functions.
    pub top: Option<usize>,
    /// No warnings on standard error.
    pub quiet: bool,
}

/// `hotspots`.
#[derive(Debug)]
pub struct HotspotsSettings {
    /// What to scan; `[hotspots]` already carries `--window-days` and `--xray-files`.
    pub request: ScanRequest,
    /// Also rank the functions of the hottest files.
    pub functions: bool,
    /// Where the report goes.
    pub output: Output,
    /// Keep only this many files (and functions).
    pub top: Option<usize>,
    /// No warnings on standard error.
    pub quiet: bool,
    /// Show progress bars on standard error (someone watches it).
    pub progress: bool,
    /// Print each phase's wall time on standard error (`--timings`).
    pub timings: bool,
}

/// `graph`.
#[derive(Debug)]
pub struct GraphSettings {
    /// What to scan.
    pub request: ScanRequest,
    /// What a node is.
    pub by: Granularity,
    /// Where the report goes.
    pub output: Output,
    /// How many central nodes, cycles and pairs the table shows.
    pub top: usize,
    /// No warnings on standard error.
    pub quiet: bool,
    /// Show progress bars on standard error (someone watches it).
    pub progress: bool,
    /// Print each phase's wall time on standard error (`--timings`).
    pub timings: bool,
}

/// `diff`.
#[derive(Debug)]
pub struct DiffSettings {
    /// The older backlog file.
    pub old: PathBuf,
    /// The newer backlog file.
    pub new: PathBuf,
    /// Where the report goes.
    pub output: Output,
    /// The smallest score move that counts as changed.
    pub min_score_change: f64,
    /// Exit 1 when there are new items (`--fail-on new`, the only condition `diff` takes).
    pub fail_on_new: bool,
}

/// `explain`.
#[derive(Debug)]
pub struct ExplainSettings {
    /// The id or id prefix, trimmed.
    pub id: String,
    /// Where the item comes from.
    pub source: ExplainSource,
    /// Where the report goes.
    pub output: Output,
    /// No warnings on standard error.
    pub quiet: bool,
    /// Show progress bars on standard error (someone watches it).
    pub progress: bool,
    /// Print each phase's wall time on standard error (`--timings`).
    pub timings: bool,
}

/// Where `explain` finds its item.
#[derive(Debug)]
pub enum ExplainSource {
    /// A saved JSON backlog (`--input`); the config and history flags are then not read.
    Input(PathBuf),
    /// A scan of the tree (boxed: a request is large and `Input` tiny).
    Scan(Box<ScanRequest>),
}

/// `backtest`.
#[derive(Debug)]
pub struct BacktestSettings {
    /// What to rank at which commit.
    pub request: BacktestRequest,
    /// Where the report goes.
    pub output: Output,
    /// No warnings on standard error.
    pub quiet: bool,
    /// Show progress bars on standard error (someone watches it).
    pub progress: bool,
    /// Print each phase's wall time on standard error (`--timings`).
    pub timings: bool,
}

/// `cache info`.
#[derive(Debug, Clone, PartialEq)]
pub struct CacheInfoSettings {
    /// Whose cache, and where the cache directory is.
    pub request: CacheRequest,
    /// `[cache] max_size` of PATH's config, shown beside the size.
    pub max_size: u64,
    /// Table or JSON.
    pub format: Format,
}

/// `cache clear`.
#[derive(Debug, Clone, PartialEq)]
pub struct CacheClearSettings {
    /// Whose cache (or `all`), and where the cache directory is.
    pub request: CacheRequest,
    /// Say nothing on standard error.
    pub quiet: bool,
}

/// `init`.
#[derive(Debug, Clone, PartialEq)]
pub struct InitSettings {
    /// The directory to write debtscan.toml into.
    pub dir: PathBuf,
    /// Overwrite an existing file.
    pub force: bool,
    /// Print the file instead of writing it.
    pub stdout: bool,
}

/// The kinds `scan` reports.
const SCAN_KINDS: &[Kind] = &Kind::ALL;

/// The kinds `todos` reports.
const TODO_KINDS: &[Kind] = &[Kind::Todo, Kind::TodoMacro];

/// The formats of a backlog.
const BACKLOG_FORMATS: &[Format] = &[
    Format::Table,
    Format::Json,
    Format::Sarif,
    Format::Codeclimate,
    Format::Markdown,
    Format::Csv,
    Format::Html,
];

/// The formats of the commands with a table and JSON only.
const TABLE_OR_JSON: &[Format] = &[Format::Table, Format::Json];

/// Resolves the parsed command line against the config file and `env`. Errors are checked in
/// the order the commands always checked them, so the first one reported does not change.
pub fn resolve(cli: Cli, env: &Environment) -> Result<Settings, Error> {
    Ok(match cli.command {
        Command::Scan(a) => Settings::Scan(backlog(a, "scan", SCAN_KINDS, true, env)?),
        Command::Todos(a) => Settings::Todos(backlog(a, "todos", TODO_KINDS, false, env)?),
        Command::Churn(a) => Settings::Churn(churn(a, env)?),
        Command::Coupling(a) => Settings::Coupling(coupling(a, env)?),
        Command::Functions(a) => Settings::Functions(functions(a, env)?),
        Command::Hotspots(a) => Settings::Hotspots(hotspots(a, env)?),
        Command::Graph(a) => Settings::Graph(graph(a, env)?),
        Command::Diff(a) => Settings::Diff(diff(a)?),
        Command::Explain(a) => Settings::Explain(explain(a, env)?),
        Command::Init(a) => Settings::Init(init(a)),
        Command::Backtest(a) => Settings::Backtest(backtest(a, env)?),
        Command::Cache(CacheCommand::Info(a)) => Settings::CacheInfo(cache_info(a)?),
        Command::Cache(CacheCommand::Clear(a)) => Settings::CacheClear(cache_clear(a)),
        Command::Sync(a) => Settings::Sync(super::sync::settings(a, &super::sync::env_var)?),
    })
}

/// The settings of `scan` or `todos`: `metrics` reads everything `scan` needs, not only markers.
fn backlog(
    args: ScanArgs,
    command: &str,
    kinds: &'static [Kind],
    metrics: bool,
    env: &Environment,
) -> Result<ScanSettings, Error> {
    let output = output(&args.out, command, BACKLOG_FORMATS)?;
    if args.baseline.is_none() {
        // Conditions that compare with the baseline.
        let against = args.fail_on.iter().find_map(|f| match f {
            FailOn::New => Some(("new", "new against")),
            FailOn::Worse { .. } => Some(("worse", "worse than")),
            _ => None,
        });
        if let Some((word, against)) = against {
            return Err(Error::Usage(format!(
                "--fail-on {word} needs --baseline FILE: {against} what?"
            )));
        }
    }
    if !args.history.is_empty() && output.format != Format::Html {
        return Err(Error::Usage(format!(
            "--history draws the HTML report's trend: add --format html (--format {} compares \
             with one earlier run: --baseline FILE)",
            output.format.as_str()
        )));
    }
    // A bad baseline or history file is an error before the scan, not after minutes of work.
    let baseline = match args.baseline {
        Some(file) => Some(Baseline {
            backlog: crate::diff::load(&file)?,
            file,
        }),
        None => None,
    };
    let mut trend = Vec::new();
    if output.format == Format::Html {
        let earlier = args.history.iter().map(|f| (f, None));
        let base = baseline.iter().filter(|b| !args.history.contains(&b.file));
        for (file, loaded) in earlier.chain(base.map(|b| (&b.file, Some(&b.backlog)))) {
            let read;
            let backlog = match loaded {
                Some(b) => b,
                None => {
                    read = crate::diff::load(file)?;
                    &read
                }
            };
            let name = file.file_name().map_or_else(
                || file.display().to_string(),
                |n| n.to_string_lossy().into_owned(),
            );
            let run =
                crate::report::html::trend::Run::of(backlog, &name, kinds).map_err(|message| {
                    Error::Backlog {
                        path: file.clone(),
                        message,
                    }
                })?;
            trend.push((file.clone(), run));
        }
    }
    let forge = match &args.remote_url {
        Some(url) => Some(crate::report::tracker::Forge::of(url).ok_or_else(|| {
            Error::Usage(format!(
                "--remote-url {url}: not an address on GitHub, GitLab, Codeberg/Gitea or \
                 Bitbucket, so debtscan cannot write links to it; give the repository's web \
                 address, such as https://github.com/owner/repo"
            ))
        })?),
        None => origin_forge(&args.path),
    };
    let (request, progress) = source_request(&args.path, &args.out, &args.source, metrics, env)?;
    // Only a table someone reads on a terminal is fitted to it; files and pipes get the default.
    let width = if output.file.is_none() && env.stdout_is_terminal {
        env.width
    } else {
        None
    };
    let people = crate::report::tracker::People {
        owners: repository_root(&args.path).and_then(|root| CodeOwners::load(&root)),
        logins: request.config.tracker.logins.clone(),
        max: request.config.tracker.max_assignees,
    };
    Ok(ScanSettings {
        people,
        request,
        kinds,
        width,
        output,
        top: args.top,
        fail_on: args.fail_on,
        baseline,
        trend,
        quiet: args.out.quiet,
        progress,
        timings: args.out.timings,
        forge,
    })
}

/// The work tree root of the repository containing `path` (`path` itself outside one).
fn repository_root(path: &Path) -> Option<std::path::PathBuf> {
    match git2::Repository::discover(path) {
        Ok(repo) => repo.workdir().map(Path::to_path_buf),
        Err(_) => Some(path.to_path_buf()),
    }
}

/// The forge of the repository's `origin` remote, if it has one on a known forge.
fn origin_forge(path: &Path) -> Option<crate::report::tracker::Forge> {
    let repo = git2::Repository::discover(path).ok()?;
    let remote = repo.find_remote("origin").ok()?;
    crate::report::tracker::Forge::of(remote.url().ok()?)
}

/// The scan request of `scan`, `todos` and `explain`: with `metrics` the whole backlog, else
/// markers only; and whether to show progress.
fn source_request(
    path: &Path,
    out: &CommonArgs,
    source: &SourceArgs,
    metrics: bool,
    env: &Environment,
) -> Result<(ScanRequest, bool), Error> {
    let (config, config_file) = Config::load(out.config.as_deref(), path)?;
    // Read before the scan, like the config: a bad report is an error before minutes of work.
    let coverage = coverage_reports(&source.coverage, &config, config_file.as_deref(), metrics)?;
    // Parsed even with --no-history, so a bad --since is still an error.
    let options = history_options(&source.history)?;
    let start = as_of(path, &source.history.as_of)?;
    let history = (!source.no_history).then_some(options);
    let graph = metrics && config.graph.enabled && !source.no_graph;
    let progress = progress(out, env);
    let files = &source.files;
    let mut request = scan_request(path, out, files, config, history, start, metrics, env);
    request.cache = cache_settings(&source.cache);
    request.imports = graph;
    if !source.roles.is_empty() {
        request.config.roles.report = source.roles.clone();
    }
    request.config.graph.include_test_edges |= source.include_test_edges;
    request.coverage = coverage;
    Ok((request, progress))
}

/// The coverage reports of a backlog: `--coverage` files as given, else `[coverage] files`
/// relative to the config file's directory. Only the whole backlog (`metrics`) uses them:
/// `todos` ranks markers, which coverage does not move, so a flag there is a mistake.
fn coverage_reports(
    flags: &[PathBuf],
    config: &Config,
    config_file: Option<&Path>,
    metrics: bool,
) -> Result<Vec<crate::coverage::Report>, Error> {
    if !metrics {
        if flags.is_empty() {
            return Ok(Vec::new());
        }
        return Err(Error::Usage(
            "--coverage: `debtscan todos` ranks markers, which coverage does not change; use \
             `debtscan scan --coverage FILE`"
                .into(),
        ));
    }
    let files: Vec<PathBuf> = if flags.is_empty() {
        let dir = config_file.and_then(Path::parent).unwrap_or(Path::new(""));
        config.coverage.files.iter().map(|f| dir.join(f)).collect()
    } else {
        flags.to_vec()
    };
    files
        .iter()
        .map(|f| crate::coverage::load(f, &f.display().to_string()))
        .collect()
}

fn churn(args: ChurnArgs, env: &Environment) -> Result<ChurnSettings, Error> {
    let output = output(&args.out, "churn", TABLE_OR_JSON)?;
    Ok(ChurnSettings {
        request: churn_request(&args)?,
        output,
        top: args.top,
        jobs: jobs(&args.out, env),
        quiet: args.out.quiet,
        progress: progress(&args.out, env),
        timings: args.out.timings,
    })
}

fn churn_request(args: &ChurnArgs) -> Result<ChurnRequest, Error> {
    let config = load_config(&args.out, &args.path)?;
    let mut history_options = history_options(&args.history)?;
    history_options.start = as_of(&args.path, &args.history.as_of)?;
    history_options.follow_renames = args.follow;
    Ok(ChurnRequest {
        path: args.path.clone(),
        history_options,
        config,
        raw: args.raw,
        cache: cache_settings(&args.cache),
    })
}

fn coupling(args: CouplingArgs, env: &Environment) -> Result<CouplingSettings, Error> {
    let common = &args.common;
    let output = output(&common.out, "coupling", TABLE_OR_JSON)?;
    let request = churn_request(common)?;
    let c = &request.config.coupling;
    let thresholds = Thresholds {
        max_changeset: args.max_changeset.map_or(c.max_changeset, |n| n as usize),
        min_revs: args.min_revs.unwrap_or(c.min_revs),
        min_shared: args.min_shared.unwrap_or(c.min_shared),
        min_degree: args.min_degree.unwrap_or(c.min_degree),
        window_days: args.window_days.unwrap_or(c.window_days),
    };
    Ok(CouplingSettings {
        request,
        thresholds,
        output,
        top: common.top,
        jobs: jobs(&common.out, env),
        quiet: common.out.quiet,
        progress: progress(&common.out, env),
        timings: common.out.timings,
    })
}

fn functions(args: FunctionsArgs, env: &Environment) -> Result<FunctionsSettings, Error> {
    let output = output(&args.out, "functions", TABLE_OR_JSON)?;
    let config = load_config(&args.out, &args.path)?;
    let start = as_of(&args.path, &args.as_of)?;
    let mut request = scan_request(
        &args.path,
        &args.out,
        &args.files,
        config,
        None,
        start,
        true,
        env,
    );
    request.cache = cache_settings(&args.cache);
    Ok(FunctionsSettings {
        request,
        sort: args.sort,
        output,
        top: args.top,
        quiet: args.out.quiet,
    })
}

fn hotspots(args: HotspotsArgs, env: &Environment) -> Result<HotspotsSettings, Error> {
    let output = output(&args.out, "hotspots", TABLE_OR_JSON)?;
    let mut config = load_config(&args.out, &args.path)?;
    // Days asked for on the command line are the window: it is not stretched to hold
    // `window_min_commits` (that is for the scan's unattended default).
    if let Some(days) = args.window_days {
        config.hotspots.window_days = days;
        config.hotspots.window_min_commits = 0;
    }
    if let Some(n) = args.xray_files {
        config.hotspots.xray_files = n;
    }
    let history = Some(history_options(&args.history)?);
    let start = as_of(&args.path, &args.history.as_of)?;
    let mut request = scan_request(
        &args.path,
        &args.out,
        &args.files,
        config,
        history,
        start,
        true,
        env,
    );
    request.cache = cache_settings(&args.cache);
    Ok(HotspotsSettings {
        request,
        functions: args.functions,
        output,
        top: args.top,
        quiet: args.out.quiet,
        progress: progress(&args.out, env),
        timings: args.out.timings,
    })
}

fn graph(args: GraphArgs, env: &Environment) -> Result<GraphSettings, Error> {
    let output = output(
        &args.out,
        "graph",
        &[Format::Table, Format::Json, Format::Dot],
    )?;
    let mut config = load_config(&args.out, &args.path)?;
    config.graph.include_test_edges |= args.include_test_edges;
    // Parsed even with --no-history, so a bad --since is still an error.
    let options = history_options(&args.history)?;
    let start = as_of(&args.path, &args.history.as_of)?;
    let history = (!args.no_history).then_some(options);
    let mut request = scan_request(
        &args.path,
        &args.out,
        &args.files,
        config,
        history,
        start,
        false,
        env,
    );
    request.cache = cache_settings(&args.cache);
    Ok(GraphSettings {
        progress: progress(&args.out, env),
        timings: args.out.timings,
        request,
        by: args.by,
        output,
        top: args.top,
        quiet: args.out.quiet,
    })
}

fn diff(args: DiffArgs) -> Result<DiffSettings, Error> {
    check_format(
        args.format,
        "diff",
        &[Format::Table, Format::Json, Format::Markdown],
    )?;
    if !(args.min_score_change.is_finite() && args.min_score_change >= 0.0) {
        return Err(Error::Usage("--min-score-change must be 0 or more".into()));
    }
    if let Some(f) = args.fail_on.iter().find(|f| **f != FailOn::New) {
        return Err(Error::Usage(format!(
            "`debtscan diff` fails only on `new`, not {f:?}; use `debtscan scan --fail-on`"
        )));
    }
    Ok(DiffSettings {
        old: args.old,
        new: args.new,
        output: Output {
            format: args.format,
            file: args.output,
        },
        min_score_change: args.min_score_change,
        fail_on_new: !args.fail_on.is_empty(),
    })
}

fn explain(args: ExplainArgs, env: &Environment) -> Result<ExplainSettings, Error> {
    let output = output(&args.out, "explain", TABLE_OR_JSON)?;
    // With --input nothing is scanned, so the config and history flags are not even read.
    let (source, progress) = match args.input {
        Some(file) => (ExplainSource::Input(file), false),
        None => {
            let (request, progress) =
                source_request(&args.path, &args.out, &args.source, true, env)?;
            (ExplainSource::Scan(Box::new(request)), progress)
        }
    };
    Ok(ExplainSettings {
        id: args.id.trim().to_string(),
        source,
        output,
        quiet: args.out.quiet,
        progress,
        timings: args.out.timings,
    })
}

/// The default of `backtest --months`.
const BACKTEST_MONTHS: u32 = 12;

fn backtest(args: BacktestArgs, env: &Environment) -> Result<BacktestSettings, Error> {
    let output = output(&args.out, "backtest", TABLE_OR_JSON)?;
    let mut config = load_config(&args.out, &args.path)?;
    let graph = config.graph.enabled && !args.no_graph;
    let mut roles = args.roles.clone();
    if roles.is_empty() {
        roles.push(Role::Production);
    }
    roles.sort_unstable();
    roles.dedup();
    config.roles.report = roles.clone();
    let mut scan = scan_request(
        &args.path,
        &args.out,
        &args.files,
        config,
        Some(HistoryOptions::default()),
        None,
        true,
        env,
    );
    scan.imports = graph;
    scan.cache = cache_settings(&args.cache);
    let at = match args.at {
        Some(rev) if rev.trim().is_empty() => {
            return Err(Error::Usage("--at needs a commit".into()))
        }
        Some(rev) => BacktestAt::Rev(rev.trim().to_string()),
        None => BacktestAt::MonthsBack(args.months.unwrap_or(BACKTEST_MONTHS)),
    };
    let mut cuts: Vec<usize> = args.top.iter().map(|k| *k as usize).collect();
    if cuts.is_empty() {
        cuts = crate::backtest::CUTS.to_vec();
    }
    cuts.sort_unstable();
    cuts.dedup();
    Ok(BacktestSettings {
        request: BacktestRequest {
            scan,
            at,
            cuts,
            roles,
            windows: args.windows.unwrap_or(1),
            level: args.level,
        },
        output,
        quiet: args.out.quiet,
        progress: progress(&args.out, env),
        timings: args.out.timings,
    })
}

fn cache_info(args: CacheInfoArgs) -> Result<CacheInfoSettings, Error> {
    check_format(args.format, "cache info", TABLE_OR_JSON)?;
    let (config, _) = Config::load(args.config.as_deref(), &args.path)?;
    Ok(CacheInfoSettings {
        request: CacheRequest {
            path: args.path,
            cache: CacheSettings {
                enabled: true,
                dir: args.cache_dir,
            },
            all: false,
        },
        max_size: config.cache.max_size,
        format: args.format,
    })
}

fn cache_clear(args: CacheClearArgs) -> CacheClearSettings {
    CacheClearSettings {
        request: CacheRequest {
            path: args.path,
            cache: CacheSettings {
                enabled: true,
                dir: args.cache_dir,
            },
            all: args.all,
        },
        quiet: args.quiet,
    }
}

/// The cache as the flags ask for it: on unless `--no-cache`, in `--cache-dir` or the default.
fn cache_settings(args: &CacheArgs) -> CacheSettings {
    CacheSettings {
        enabled: !args.no_cache,
        dir: args.cache_dir.clone(),
    }
}

fn init(args: InitArgs) -> InitSettings {
    InitSettings {
        dir: args.path,
        force: args.force,
        stdout: args.stdout,
    }
}

/// The output of a command that writes one of `allowed`.
fn output(out: &CommonArgs, command: &str, allowed: &[Format]) -> Result<Output, Error> {
    check_format(out.format, command, allowed)?;
    Ok(Output {
        format: out.format,
        file: out.output.clone(),
    })
}

/// A usage error unless `format` is one of `allowed` for `command`.
fn check_format(format: Format, command: &str, allowed: &[Format]) -> Result<(), Error> {
    if allowed.contains(&format) {
        return Ok(());
    }
    let names: Vec<&str> = allowed.iter().map(|f| f.as_str()).collect();
    Err(Error::Usage(format!(
        "--format {}: `debtscan {command}` writes {}",
        format.as_str(),
        names.join(" or ")
    )))
}

/// `--config FILE`, else `PATH/debtscan.toml` when present, else the defaults.
fn load_config(out: &CommonArgs, path: &Path) -> Result<Config, Error> {
    Ok(Config::load(out.config.as_deref(), path)?.0)
}

/// The history options of the flags; the progress bar stays hidden (the runner shows it).
fn history_options(args: &HistoryArgs) -> Result<HistoryOptions, Error> {
    Ok(HistoryOptions {
        since: args.since.as_deref().map(parse_date).transpose()?,
        max_commits: args.max_commits,
        first_parent: args.first_parent,
        ..Default::default()
    })
}

/// The commit `--as-of REV` names, resolved in the repository containing `path` (a tag is
/// peeled to its commit): an unknown revision, a commit beyond a shallow clone's boundary or a
/// path outside git is an error now, before any work.
fn as_of(path: &Path, args: &AsOfArgs) -> Result<Option<Start>, Error> {
    args.as_of
        .as_deref()
        .map(|rev| Start::resolve(path, rev.trim()))
        .transpose()
}

/// Progress bars only where someone watches them, and not when asked to be quiet.
fn progress(out: &CommonArgs, env: &Environment) -> bool {
    !out.quiet && env.stderr_is_terminal
}

fn jobs(out: &CommonArgs, env: &Environment) -> usize {
    out.jobs.map_or(env.cpus, usize::from)
}

/// The request of a command that reads source files; `history: None` reads no git history;
/// `start`: the files (and history) are a commit's (`--as-of`), with or without history.
#[allow(clippy::too_many_arguments)]
fn scan_request(
    path: &Path,
    out: &CommonArgs,
    files: &FilterArgs,
    config: Config,
    history: Option<HistoryOptions>,
    start: Option<Start>,
    metrics: bool,
    env: &Environment,
) -> ScanRequest {
    let read_history = history.is_some();
    let mut history_options = history.unwrap_or_default();
    history_options.start = start;
    ScanRequest {
        path: path.to_path_buf(),
        config,
        include: files.include.clone(),
        exclude: files.exclude.clone(),
        languages: files.languages.clone(),
        history: read_history,
        history_options,
        jobs: jobs(out, env),
        markers: true,
        metrics,
        imports: false,
        coverage: Vec::new(),
        cache: CacheSettings::default(),
    }
}

/// `YYYY-MM-DD` (midnight UTC) or an RFC 3339 timestamp, as seconds since the epoch.
fn parse_date(text: &str) -> Result<i64, Error> {
    if let Ok(ts) = text.parse::<jiff::Timestamp>() {
        return Ok(ts.as_second());
    }
    text.parse::<jiff::civil::Date>()
        .ok()
        .and_then(|d| {
            jiff::tz::TimeZone::UTC
                .to_timestamp(d.to_datetime(jiff::civil::Time::midnight()))
                .ok()
        })
        .map(|t| t.as_second())
        .ok_or_else(|| Error::Usage(format!("--since {text:?}: expected a date like 2025-01-31")))
}

#[cfg(test)]
mod tests {
    //! One row per case: an argument vector, an environment, and either the facts of the
    //! settings it resolves to or the error it stops with. `{dir}` in a row stands for a
    //! temporary directory holding `plain/` (no config), `repo/debtscan.toml`, `git/` (a git
    //! repository: `{c0}`, `{c1}`, `{c2}` are its commits), `other.toml`, `bad.toml`,
    //! `unknown.toml`, `big.toml`, `baseline.json`, `broken.json` and `lcov.info`.

    use std::fmt;

    use clap::Parser;

    use super::*;

    /// Both streams on a 120-column terminal, 4 CPUs: an interactive run.
    const TTY: Environment = Environment {
        stdout_is_terminal: true,
        stderr_is_terminal: true,
        width: Some(120),
        cpus: 4,
    };
    /// Both streams redirected, as in CI.
    const PIPED: Environment = Environment {
        stdout_is_terminal: false,
        stderr_is_terminal: false,
        width: None,
        cpus: 4,
    };
    /// `debtscan scan > file` typed in a terminal: progress is watched, the report is not.
    const STDERR_TTY: Environment = Environment {
        stdout_is_terminal: false,
        stderr_is_terminal: true,
        width: Some(100),
        cpus: 2,
    };
    /// `debtscan scan 2>log` in a terminal.
    const STDOUT_TTY: Environment = Environment {
        stdout_is_terminal: true,
        stderr_is_terminal: false,
        width: Some(80),
        cpus: 1,
    };
    /// A terminal whose size cannot be read.
    const TTY_NO_SIZE: Environment = Environment {
        stdout_is_terminal: true,
        stderr_is_terminal: true,
        width: None,
        cpus: 8,
    };

    enum Expect {
        /// Resolves; each named fact has this value (other facts are not checked).
        Is(&'static [(&'static str, &'static str)]),
        /// Resolution fails with exactly this message (as printed after `debtscan: `).
        Fails(&'static str),
        /// clap rejects the arguments with a message containing this.
        Rejects(&'static str),
    }
    use Expect::{Fails, Is, Rejects};

    type Row = (&'static [&'static str], Environment, Expect);

    const SCAN_KIND_NAMES: &str =
        "[Todo, TodoMacro, ComplexFunction, Hotspot, DependencyCycle, GodModule, HiddenCoupling, LargeFile, DeadFile, FixProne]";

    #[rustfmt::skip]
    const BACKLOG_ROWS: &[Row] = &[
        // Defaults, and what the environment decides.
        (&["scan", "{dir}/plain"], TTY, Is(&[
            ("command", "scan"), ("path", "{dir}/plain"), ("format", "Table"), ("output", "None"),
            ("top", "None"), ("fail_on", "[]"), ("baseline", "None"), ("quiet", "false"),
            ("width", "Some(120)"), ("progress", "true"), ("jobs", "4"), ("kinds", SCAN_KIND_NAMES),
            ("history", "true"), ("markers", "true"), ("metrics", "true"), ("graph", "true"),
            ("include", "[]"), ("exclude", "[]"), ("since", "None"), ("max_commits", "None"),
            ("first_parent", "false"), ("config.min_revs", "5"),
        ])),
        (&["scan"], PIPED, Is(&[("path", "."), ("width", "None"), ("progress", "false")])),
        (&["scan", "{dir}/plain"], STDERR_TTY, Is(&[("width", "None"), ("progress", "true"), ("jobs", "2")])),
        (&["scan", "{dir}/plain"], STDOUT_TTY, Is(&[("width", "Some(80)"), ("progress", "false"), ("jobs", "1")])),
        (&["scan", "{dir}/plain"], TTY_NO_SIZE, Is(&[("width", "None"), ("progress", "true"), ("jobs", "8")])),
        // Formats: the width goes with every format on a terminal, as it always did.
        (&["scan", "{dir}/plain", "--format", "json"], TTY, Is(&[("format", "Json"), ("width", "Some(120)")])),
        (&["scan", "{dir}/plain", "--format", "sarif"], PIPED, Is(&[("format", "Sarif")])),
        (&["scan", "{dir}/plain", "--format", "codeclimate"], PIPED, Is(&[("format", "Codeclimate")])),
        (&["scan", "{dir}/plain", "--format", "markdown"], PIPED, Is(&[("format", "Markdown")])),
        (&["scan", "{dir}/plain", "--format", "csv"], PIPED, Is(&[("format", "Csv")])),
        (&["scan", "{dir}/plain", "--format", "table"], PIPED, Is(&[("format", "Table")])),
        (&["scan", "{dir}/plain", "--format", "dot"], TTY, Fails(
            "--format dot: `debtscan scan` writes table or json or sarif or codeclimate or markdown or csv or html",
        )),
        (&["scan", "{dir}/plain", "--format", "yaml"], TTY, Rejects("invalid value 'yaml' for '--format <FORMAT>'")),
        // A report written to a file is not fitted to the terminal.
        (&["scan", "{dir}/plain", "-o", "out.txt"], TTY, Is(&[("output", "Some(out.txt)"), ("width", "None"), ("progress", "true")])),
        (&["scan", "{dir}/plain", "--output", "b.json", "--format", "json"], TTY, Is(&[("output", "Some(b.json)"), ("format", "Json")])),
        (&["scan", "{dir}/plain", "--top", "5"], TTY, Is(&[("top", "Some(5)")])),
        (&["scan", "{dir}/plain", "--top", "0"], TTY, Is(&[("top", "Some(0)")])),
        (&["scan", "{dir}/plain", "--top", "many"], TTY, Rejects("invalid value 'many' for '--top <N>'")),
        // --fail-on in all its forms.
        (&["scan", "{dir}/plain", "--fail-on", "score>=50"], TTY, Is(&[("fail_on", "[Score { min: 50.0, inclusive: true }]")])),
        (&["scan", "{dir}/plain", "--fail-on", "score>70.5"], TTY, Is(&[("fail_on", "[Score { min: 70.5, inclusive: false }]")])),
        (&["scan", "{dir}/plain", "--fail-on", "count>10"], TTY, Is(&[("fail_on", "[Count { max: 10, inclusive: false }]")])),
        (&["scan", "{dir}/plain", "--fail-on", " Count >= 3 "], TTY, Is(&[("fail_on", "[Count { max: 3, inclusive: true }]")])),
        (&["scan", "{dir}/plain", "--fail-on", "score>=50", "--fail-on", "count>3"], TTY, Is(&[(
            "fail_on", "[Score { min: 50.0, inclusive: true }, Count { max: 3, inclusive: false }]",
        )])),
        (&["scan", "{dir}/plain", "--fail-on", "NEW", "--baseline", "{dir}/baseline.json"], TTY, Is(&[
            ("fail_on", "[New]"), ("baseline", "Some({dir}/baseline.json)"),
        ])),
        (&["scan", "{dir}/plain", "--fail-on", "new"], TTY, Fails("--fail-on new needs --baseline FILE: new against what?")),
        (&["scan", "{dir}/plain", "--fail-on", "often"], TTY, Rejects(
            "\"often\": expected `new`, `worse`, `worse>=N`, `score>=N`, `score>N`, `count>N` or `count>=N`",
        )),
        (&["scan", "{dir}/plain", "--fail-on", "worse"], TTY, Fails("--fail-on worse needs --baseline FILE: worse than what?")),
        (&["scan", "{dir}/plain", "--fail-on", "worse>=2.5"], TTY, Fails("--fail-on worse needs --baseline FILE: worse than what?")),
        (&["scan", "{dir}/plain", "--fail-on", "worse>=0"], TTY, Rejects("\"worse>=0\": a rise is a number of points above 0, up to 100")),
        (&["scan", "{dir}/plain", "--fail-on", "worse>3"], TTY, Rejects("\"worse>3\": expected `new`")),
        (&["scan", "{dir}/plain", "--fail-on", "score>=101"], TTY, Rejects("\"score>=101\": a score is a number from 0 to 100")),
        (&["scan", "{dir}/plain", "--fail-on", "count>1.5"], TTY, Rejects("\"count>1.5\": a count is a whole number")),
        (&["scan", "{dir}/plain", "--fail-on", "lines>3"], TTY, Rejects("\"lines>3\": expected `new`")),
        // --baseline is read now: a bad one fails before the scan.
        (&["scan", "{dir}/plain", "--baseline", "{dir}/baseline.json"], TTY, Is(&[("baseline", "Some({dir}/baseline.json)"), ("fail_on", "[]")])),
        (&["scan", "{dir}/plain", "--baseline", "{dir}/missing.json"], TTY, Fails(
            "{dir}/missing.json: cannot read it: No such file or directory (os error 2)",
        )),
        (&["scan", "{dir}/plain", "--baseline", "{dir}/broken.json"], TTY, Fails(
            "{dir}/broken.json: truncated JSON (EOF while parsing a value at line 1 column 9); write it again with `debtscan scan --format json --output FILE`",
        )),
        // --coverage is read now too, each report once per flag; `todos` ranks nothing it moves.
        (&["scan", "{dir}/plain"], TTY, Is(&[("coverage", "[]")])),
        (&["scan", "{dir}/plain", "--coverage", "{dir}/lcov.info", "--coverage", "{dir}/lcov.info"], TTY, Is(&[
            ("coverage", "[\"{dir}/lcov.info (lcov, 1 file)\", \"{dir}/lcov.info (lcov, 1 file)\"]"),
        ])),
        (&["scan", "{dir}/plain", "--coverage", "{dir}/broken.json"], TTY, Fails(
            "{dir}/broken.json: line 1: neither LCOV (the first record is not `TN:` or `SF:`) nor Cobertura XML; give an LCOV file (`cargo llvm-cov --lcov --output-path lcov.info`) or a Cobertura XML file (`cargo tarpaulin --out Xml`, `coverage xml`)",
        )),
        (&["explain", "v1:9f2c", "{dir}/plain", "--coverage", "{dir}/lcov.info"], TTY, Is(&[("coverage", "[\"{dir}/lcov.info (lcov, 1 file)\"]")])),
        (&["explain", "v1:9f2c", "--input", "x.json", "--coverage", "{dir}/missing.info"], TTY, Is(&[("input", "Some(x.json)")])),
        (&["todos", "{dir}/plain", "--coverage", "{dir}/lcov.info"], TTY, Fails(
            "--coverage: `debtscan todos` ranks markers, which coverage does not change; use `debtscan scan --coverage FILE`",
        )),
        // Which files are read.
        (&["scan", "{dir}/plain", "--include", "src/**", "--include", "*.rs", "--exclude", "vendor/"], TTY, Is(&[
            ("include", "[\"src/**\", \"*.rs\"]"), ("exclude", "[\"vendor/\"]"),
        ])),
        (&["todos", "{dir}/plain", "--languages", "rust,TypeScript", "--languages", "go"], TTY, Is(&[
            ("languages", "[Rust, TypeScript, Go]"),
        ])),
        (&["scan", "{dir}/plain", "--languages", "cobol"], TTY, Rejects("unknown language `cobol`; this build reads: rust")),
        (&["scan", "{dir}/plain", "--no-history"], TTY, Is(&[("history", "false"), ("progress", "true"), ("timings", "false"), ("graph", "true")])),
        (&["scan", "{dir}/plain", "--timings", "-q"], PIPED, Is(&[("timings", "true"), ("progress", "false"), ("quiet", "true")])),
        (&["scan", "{dir}/plain", "--no-graph"], TTY, Is(&[("graph", "false"), ("history", "true")])),
        (&["scan", "{dir}/plain"], TTY, Is(&[("config.roles", "\"production,test,bench,example,build,docs\"")])),
        (&["scan", "{dir}/plain", "--role", "production", "--role", "build"], TTY, Is(&[("config.roles", "\"production,build\"")])),
        (&["todos", "{dir}/plain", "--role", "test"], PIPED, Is(&[("config.roles", "\"test\"")])),
        (&["scan", "{dir}/plain", "--role", "tests"], TTY, Rejects("invalid value 'tests' for '--role <ROLE>': not a role; use one of production, test, bench, example, build, docs")),
        (&["scan", "{dir}/plain"], TTY, Is(&[("config.include_test_edges", "false")])),
        (&["scan", "{dir}/plain", "--include-test-edges"], TTY, Is(&[("config.include_test_edges", "true"), ("graph", "true")])),
        (&["scan", "{dir}/repo"], TTY, Is(&[("config.include_test_edges", "true")])),
        // History flags.
        (&["scan", "{dir}/plain", "--since", "2024-01-31"], TTY, Is(&[("since", "Some(1706659200)")])),
        (&["scan", "{dir}/plain", "--since", "2024-01-31T12:00:00Z"], TTY, Is(&[("since", "Some(1706702400)")])),
        (&["scan", "{dir}/plain", "--since", "yesterday"], TTY, Fails("--since \"yesterday\": expected a date like 2025-01-31")),
        (&["scan", "{dir}/plain", "--since", "2024-02-30"], TTY, Fails("--since \"2024-02-30\": expected a date like 2025-01-31")),
        (&["scan", "{dir}/plain", "--no-history", "--since", "soon"], TTY, Fails("--since \"soon\": expected a date like 2025-01-31")),
        (&["scan", "{dir}/plain", "--max-commits", "100"], TTY, Is(&[("max_commits", "Some(100)")])),
        (&["scan", "{dir}/plain", "--first-parent"], TTY, Is(&[("first_parent", "true")])),
        // Threads and quiet.
        (&["scan", "{dir}/plain", "--jobs", "3"], TTY, Is(&[("jobs", "3")])),
        (&["scan", "{dir}/plain", "-j", "16"], STDOUT_TTY, Is(&[("jobs", "16")])),
        (&["scan", "{dir}/plain", "-j", "0"], TTY, Rejects("invalid value '0' for '--jobs <N>'")),
        (&["scan", "{dir}/plain", "-q"], TTY, Is(&[("quiet", "true"), ("progress", "false"), ("width", "Some(120)")])),
        (&["scan", "{dir}/plain", "--quiet"], STDERR_TTY, Is(&[("quiet", "true"), ("progress", "false")])),
        // The config file: --config, else PATH/debtscan.toml, else defaults; flags win.
        (&["scan", "{dir}/plain", "--config", "{dir}/other.toml"], TTY, Is(&[("config.min_revs", "9"), ("graph", "true")])),
        (&["scan", "{dir}/repo"], TTY, Is(&[("config.min_revs", "7"), ("graph", "false")])),
        (&["scan", "{dir}/repo", "--config", "{dir}/other.toml"], TTY, Is(&[("config.min_revs", "9"), ("graph", "true")])),
        (&["scan", "{dir}/plain", "--config", "{dir}/bad.toml"], TTY, Fails(
            "{dir}/bad.toml: invalid config: TOML parse error at line 2, column 12\n  |\n2 | min_revs = \"many\"\n  |            ^^^^^^\ninvalid type: string \"many\", expected u32",
        )),
        (&["scan", "{dir}/plain", "--config", "{dir}/unknown.toml"], TTY, Fails(
            "{dir}/unknown.toml: invalid config: TOML parse error at line 1, column 2\n  |\n1 | [couplin]\n  |  ^^^^^^^\nunknown field `couplin`, expected one of `walk`, `markers`, `history`, `coupling`, `complexity`, `hotspots`, `graph`, `score`, `levels`, `roles`, `backtest`, `coverage`, `cache`, `tracker`",
        )),
        (&["scan", "{dir}/plain", "--config", "{dir}/missing.toml"], TTY, Fails(
            "{dir}/missing.toml: invalid config: cannot read it: No such file or directory (os error 2)",
        )),
        // Errors come in the order they always did.
        (&["scan", "{dir}/plain", "--format", "dot", "--config", "{dir}/bad.toml"], TTY, Fails(
            "--format dot: `debtscan scan` writes table or json or sarif or codeclimate or markdown or csv or html",
        )),
        (&["scan", "{dir}/plain", "--fail-on", "new", "--config", "{dir}/bad.toml"], TTY, Fails(
            "--fail-on new needs --baseline FILE: new against what?",
        )),
        (&["scan", "{dir}/plain", "--baseline", "{dir}/missing.json", "--config", "{dir}/bad.toml"], TTY, Fails(
            "{dir}/missing.json: cannot read it: No such file or directory (os error 2)",
        )),
        (&["scan", "{dir}/plain", "--config", "{dir}/missing.toml", "--since", "soon"], TTY, Fails(
            "{dir}/missing.toml: invalid config: cannot read it: No such file or directory (os error 2)",
        )),
        // todos: the same flags, markers only.
        (&["todos", "{dir}/plain"], TTY, Is(&[
            ("command", "todos"), ("kinds", "[Todo, TodoMacro]"), ("metrics", "false"), ("graph", "false"),
            ("markers", "true"), ("history", "true"), ("progress", "true"), ("width", "Some(120)"),
        ])),
        (&["todos", "{dir}/plain", "--format", "csv", "-o", "t.csv"], TTY, Is(&[("format", "Csv"), ("output", "Some(t.csv)"), ("width", "None")])),
        (&["todos", "{dir}/plain", "--format", "dot"], TTY, Fails(
            "--format dot: `debtscan todos` writes table or json or sarif or codeclimate or markdown or csv or html",
        )),
        (&["todos", "{dir}/plain", "--top", "3", "--fail-on", "count>0", "-q"], TTY, Is(&[
            ("top", "Some(3)"), ("fail_on", "[Count { max: 0, inclusive: false }]"), ("quiet", "true"), ("progress", "false"),
        ])),
        (&["todos", "{dir}/plain", "--no-history", "--no-graph", "-j", "2"], PIPED, Is(&[("history", "false"), ("graph", "false"), ("jobs", "2")])),
        (&["todos", "{dir}/repo"], PIPED, Is(&[("config.min_revs", "7")])),
        (&["todos", "{dir}/plain", "--since", "2025-01-01", "--max-commits", "5", "--first-parent"], PIPED, Is(&[
            ("since", "Some(1735689600)"), ("max_commits", "Some(5)"), ("first_parent", "true"),
        ])),
        // The cache: on by default, in the default directory; --no-cache or --cache-dir DIR.
        (&["scan", "{dir}/plain"], TTY, Is(&[("cache", "CacheSettings { enabled: true, dir: None }")])),
        (&["scan", "{dir}/plain", "--no-cache"], TTY, Is(&[("cache", "CacheSettings { enabled: false, dir: None }")])),
        (&["scan", "{dir}/plain", "--cache-dir", "{dir}/c"], TTY, Is(&[("cache", "CacheSettings { enabled: true, dir: Some(\"{dir}/c\") }")])),
        (&["scan", "{dir}/plain", "--cache-dir", "rel", "--no-history"], TTY, Is(&[("cache", "CacheSettings { enabled: true, dir: Some(\"rel\") }")])),
        (&["scan", "{dir}/plain", "--no-cache", "--cache-dir", "{dir}/c"], TTY, Rejects("'--no-cache' cannot be used with '--cache-dir <DIR>'")),
        (&["scan", "{dir}/plain", "--cache-dir"], TTY, Rejects("a value is required for '--cache-dir <DIR>'")),
        (&["todos", "{dir}/plain", "--no-cache"], PIPED, Is(&[("cache", "CacheSettings { enabled: false, dir: None }")])),
        (&["explain", "v1:9f2c", "{dir}/plain", "--cache-dir", "{dir}/c"], TTY, Is(&[("cache", "CacheSettings { enabled: true, dir: Some(\"{dir}/c\") }")])),
        (&["explain", "v1:9f2c", "{dir}/plain"], TTY, Is(&[("cache", "CacheSettings { enabled: true, dir: None }")])),
    ];

    #[rustfmt::skip]
    const HISTORY_ROWS: &[Row] = &[
        // churn
        (&["churn", "{dir}/plain"], TTY, Is(&[
            ("command", "churn"), ("path", "{dir}/plain"), ("format", "Table"), ("output", "None"), ("top", "None"),
            ("jobs", "4"), ("quiet", "false"), ("progress", "true"), ("raw", "false"), ("since", "None"),
            ("max_commits", "None"), ("first_parent", "false"), ("config.min_revs", "5"),
        ])),
        (&["churn"], PIPED, Is(&[("path", "."), ("progress", "false")])),
        (&["churn", "{dir}/plain", "--format", "json", "-o", "c.json", "--top", "10"], TTY, Is(&[
            ("format", "Json"), ("output", "Some(c.json)"), ("top", "Some(10)"),
        ])),
        (&["churn", "{dir}/plain", "--raw"], TTY, Is(&[("raw", "true")])),
        (&["churn", "{dir}/plain", "--since", "2025-01-01", "--max-commits", "50", "--first-parent"], TTY, Is(&[
            ("since", "Some(1735689600)"), ("max_commits", "Some(50)"), ("first_parent", "true"),
        ])),
        (&["churn", "{dir}/plain", "--since", "nope"], TTY, Fails("--since \"nope\": expected a date like 2025-01-31")),
        (&["churn", "{dir}/plain", "--format", "sarif"], TTY, Fails("--format sarif: `debtscan churn` writes table or json")),
        (&["churn", "{dir}/plain", "-q", "-j", "2"], TTY, Is(&[("quiet", "true"), ("progress", "false"), ("jobs", "2")])),
        (&["churn", "{dir}/plain"], STDERR_TTY, Is(&[("progress", "true"), ("jobs", "2")])),
        (&["churn", "{dir}/repo"], TTY, Is(&[("config.min_revs", "7")])),
        (&["churn", "{dir}/repo", "--config", "{dir}/other.toml"], TTY, Is(&[("config.min_revs", "9")])),
        (&["churn", "{dir}/plain", "--config", "{dir}/bad.toml", "--since", "nope"], TTY, Fails(
            "{dir}/bad.toml: invalid config: TOML parse error at line 2, column 12\n  |\n2 | min_revs = \"many\"\n  |            ^^^^^^\ninvalid type: string \"many\", expected u32",
        )),
        (&["churn", "{dir}/plain", "--no-history"], TTY, Rejects("unexpected argument '--no-history'")),
        // coupling: thresholds are flags over [coupling] over code-maat's defaults.
        (&["coupling", "{dir}/plain"], TTY, Is(&[
            ("command", "coupling"), ("min_revs", "5"), ("min_shared", "5"), ("min_degree", "30"),
            ("max_changeset", "30"), ("window_days", "0"), ("format", "Table"), ("top", "None"),
            ("jobs", "4"), ("progress", "true"), ("raw", "false"),
        ])),
        (&["coupling", "{dir}/repo"], TTY, Is(&[("min_revs", "7"), ("window_days", "2"), ("min_shared", "5")])),
        (&["coupling", "{dir}/repo", "--min-revs", "3"], TTY, Is(&[("min_revs", "3"), ("window_days", "2")])),
        (&["coupling", "{dir}/plain", "--config", "{dir}/other.toml"], TTY, Is(&[("min_revs", "9")])),
        (&["coupling", "{dir}/plain", "--min-shared", "2", "--min-degree", "50", "--max-changeset", "10", "--window-days", "7"], TTY, Is(&[
            ("min_shared", "2"), ("min_degree", "50"), ("max_changeset", "10"), ("window_days", "7"),
        ])),
        (&["coupling", "{dir}/plain", "--min-degree", "101"], TTY, Rejects("invalid value '101' for '--min-degree <PERCENT>'")),
        (&["coupling", "{dir}/plain", "--max-changeset", "0"], TTY, Rejects("invalid value '0' for '--max-changeset <N>'")),
        (&["coupling", "{dir}/plain", "--format", "markdown"], TTY, Fails("--format markdown: `debtscan coupling` writes table or json")),
        (&["coupling", "{dir}/plain", "--top", "5", "--raw", "-q", "-j", "2", "--format", "json", "-o", "p.json"], TTY, Is(&[
            ("top", "Some(5)"), ("raw", "true"), ("quiet", "true"), ("progress", "false"), ("jobs", "2"),
            ("format", "Json"), ("output", "Some(p.json)"),
        ])),
        (&["coupling", "{dir}/plain", "--since", "2024-01-31", "--first-parent"], PIPED, Is(&[
            ("since", "Some(1706659200)"), ("first_parent", "true"), ("progress", "false"),
        ])),
        (&["coupling", "{dir}/plain", "--config", "{dir}/unknown.toml"], PIPED, Fails(
            "{dir}/unknown.toml: invalid config: TOML parse error at line 1, column 2\n  |\n1 | [couplin]\n  |  ^^^^^^^\nunknown field `couplin`, expected one of `walk`, `markers`, `history`, `coupling`, `complexity`, `hotspots`, `graph`, `score`, `levels`, `roles`, `backtest`, `coverage`, `cache`, `tracker`",
        )),
        // hotspots: --window-days and --xray-files are flags over [hotspots].
        (&["hotspots", "{dir}/plain"], TTY, Is(&[
            ("command", "hotspots"), ("functions", "false"), ("top", "None"), ("config.window_days", "365"),
            ("config.window_min_commits", "300"),
            ("config.xray_files", "20"), ("history", "true"), ("metrics", "true"), ("graph", "false"),
            ("progress", "true"), ("jobs", "4"), ("format", "Table"),
        ])),
        (&["hotspots", "{dir}/plain", "--functions", "--top", "5"], TTY, Is(&[("functions", "true"), ("top", "Some(5)")])),
        (&["hotspots", "{dir}/repo"], TTY, Is(&[("config.window_days", "30"), ("config.window_min_commits", "300"), ("config.xray_files", "4")])),
        (&["hotspots", "{dir}/repo", "--window-days", "10", "--xray-files", "2"], TTY, Is(&[("config.window_days", "10"), ("config.window_min_commits", "0"), ("config.xray_files", "2")])),
        (&["hotspots", "{dir}/plain", "--config", "{dir}/other.toml"], TTY, Is(&[("config.window_days", "60"), ("config.xray_files", "20")])),
        (&["hotspots", "{dir}/plain", "--window-days", "0"], TTY, Rejects("invalid value '0' for '--window-days <N>'")),
        (&["hotspots", "{dir}/plain", "--format", "csv"], TTY, Fails("--format csv: `debtscan hotspots` writes table or json")),
        (&["hotspots", "{dir}/plain", "--since", "2025-01-01", "--max-commits", "10", "--first-parent", "-q"], TTY, Is(&[
            ("since", "Some(1735689600)"), ("max_commits", "Some(10)"), ("first_parent", "true"), ("progress", "false"),
        ])),
        (&["hotspots", "{dir}/plain", "--include", "src/**", "--exclude", "tests/", "-j", "3", "--format", "json", "-o", "h.json"], PIPED, Is(&[
            ("include", "[\"src/**\"]"), ("exclude", "[\"tests/\"]"), ("jobs", "3"), ("format", "Json"), ("output", "Some(h.json)"),
        ])),
        (&["hotspots", "{dir}/plain", "--since", "later"], TTY, Fails("--since \"later\": expected a date like 2025-01-31")),
        // The cache flags of the history commands.
        (&["churn", "{dir}/plain"], TTY, Is(&[("cache", "CacheSettings { enabled: true, dir: None }")])),
        (&["churn", "{dir}/plain", "--no-cache"], TTY, Is(&[("cache", "CacheSettings { enabled: false, dir: None }")])),
        (&["coupling", "{dir}/plain", "--cache-dir", "{dir}/c"], TTY, Is(&[("cache", "CacheSettings { enabled: true, dir: Some(\"{dir}/c\") }")])),
        (&["coupling", "{dir}/plain", "--no-cache", "--cache-dir", "x"], TTY, Rejects("cannot be used with")),
        (&["hotspots", "{dir}/plain"], TTY, Is(&[("cache", "CacheSettings { enabled: true, dir: None }")])),
        (&["hotspots", "{dir}/plain", "--no-cache", "--functions"], TTY, Is(&[("cache", "CacheSettings { enabled: false, dir: None }"), ("functions", "true")])),
    ];

    #[rustfmt::skip]
    const SOURCE_ROWS: &[Row] = &[
        // functions: no history at all.
        (&["functions", "{dir}/plain"], TTY, Is(&[
            ("command", "functions"), ("sort", "Path"), ("top", "None"), ("history", "false"), ("metrics", "true"),
            ("graph", "false"), ("markers", "true"), ("format", "Table"), ("output", "None"), ("jobs", "4"), ("quiet", "false"),
        ])),
        (&["functions", "{dir}/plain", "--sort", "cyclomatic"], TTY, Is(&[("sort", "Cyclomatic")])),
        (&["functions", "{dir}/plain", "--sort", "cognitive"], TTY, Is(&[("sort", "Cognitive")])),
        (&["functions", "{dir}/plain", "--sort", "lines"], TTY, Is(&[("sort", "Lines")])),
        (&["functions", "{dir}/plain", "--sort", "nesting"], TTY, Is(&[("sort", "Nesting")])),
        (&["functions", "{dir}/plain", "--sort", "params"], TTY, Is(&[("sort", "Params")])),
        (&["functions", "{dir}/plain", "--sort", "size"], TTY, Rejects("invalid value 'size' for '--sort <SORT>'")),
        (&["functions", "{dir}/plain", "--top", "10", "--format", "json", "-o", "f.json"], TTY, Is(&[
            ("top", "Some(10)"), ("format", "Json"), ("output", "Some(f.json)"),
        ])),
        (&["functions", "{dir}/plain", "--format", "dot"], TTY, Fails("--format dot: `debtscan functions` writes table or json")),
        (&["functions", "{dir}/plain", "--include", "*.rs", "--exclude", "gen/", "-j", "3", "-q"], TTY, Is(&[
            ("include", "[\"*.rs\"]"), ("exclude", "[\"gen/\"]"), ("jobs", "3"), ("quiet", "true"),
        ])),
        (&["functions", "{dir}/repo"], TTY, Is(&[("config.min_revs", "7")])),
        (&["functions", "{dir}/plain", "--config", "{dir}/bad.toml"], TTY, Fails(
            "{dir}/bad.toml: invalid config: TOML parse error at line 2, column 12\n  |\n2 | min_revs = \"many\"\n  |            ^^^^^^\ninvalid type: string \"many\", expected u32",
        )),
        (&["functions", "{dir}/plain", "--since", "2025-01-01"], TTY, Rejects("unexpected argument '--since'")),
        // graph
        (&["graph", "{dir}/plain"], TTY, Is(&[
            ("command", "graph"), ("by", "File"), ("top", "10"), ("history", "true"), ("metrics", "false"),
            ("graph", "false"), ("format", "Table"), ("progress", "true"), ("jobs", "4"), ("quiet", "false"),
        ])),
        (&["graph", "{dir}/plain", "--format", "dot"], TTY, Is(&[("format", "Dot")])),
        (&["graph", "{dir}/plain", "--format", "json", "-o", "g.json"], TTY, Is(&[("format", "Json"), ("output", "Some(g.json)")])),
        (&["graph", "{dir}/plain", "--format", "sarif"], TTY, Fails("--format sarif: `debtscan graph` writes table or json or dot")),
        (&["graph", "{dir}/plain", "--by", "directory"], TTY, Is(&[("by", "Directory")])),
        (&["graph", "{dir}/plain", "--by", "crate", "--top", "3"], TTY, Is(&[("by", "Package"), ("top", "3")])),
        (&["graph", "{dir}/plain", "--by", "package"], TTY, Is(&[("by", "Package")])),
        (&["graph", "{dir}/plain"], TTY, Is(&[("config.include_test_edges", "false")])),
        (&["graph", "{dir}/plain", "--include-test-edges", "--by", "package"], TTY, Is(&[("config.include_test_edges", "true"), ("by", "Package")])),
        (&["graph", "{dir}/repo"], TTY, Is(&[("config.include_test_edges", "true")])),
        (&["explain", "v1:9f2c", "{dir}/plain", "--include-test-edges"], TTY, Is(&[("config.include_test_edges", "true")])),
        (&["graph", "{dir}/plain", "--by", "module"], TTY, Rejects("invalid value 'module' for '--by <BY>'")),
        (&["graph", "{dir}/plain", "--no-history"], TTY, Is(&[("history", "false"), ("progress", "true")])),
        (&["graph", "{dir}/plain"], TTY, Is(&[("cache", "CacheSettings { enabled: true, dir: None }")])),
        (&["graph", "{dir}/plain", "--no-cache", "--no-history"], TTY, Is(&[("cache", "CacheSettings { enabled: false, dir: None }")])),
        (&["functions", "{dir}/plain"], TTY, Is(&[("cache", "CacheSettings { enabled: true, dir: None }")])),
        (&["functions", "{dir}/plain", "--cache-dir", "{dir}/c"], TTY, Is(&[("cache", "CacheSettings { enabled: true, dir: Some(\"{dir}/c\") }")])),
        (&["graph", "{dir}/plain", "--no-history", "--since", "soon"], TTY, Fails("--since \"soon\": expected a date like 2025-01-31")),
        (&["graph", "{dir}/plain", "--since", "2024-01-31", "--max-commits", "7", "--first-parent", "-q"], TTY, Is(&[
            ("since", "Some(1706659200)"), ("max_commits", "Some(7)"), ("first_parent", "true"), ("progress", "false"),
        ])),
        (&["graph", "{dir}/plain", "--include", "src/**", "-j", "2"], PIPED, Is(&[("include", "[\"src/**\"]"), ("jobs", "2"), ("progress", "false")])),
        (&["graph", "{dir}/repo", "--config", "{dir}/other.toml"], TTY, Is(&[("config.min_revs", "9")])),
        (&["graph", "{dir}/plain", "--no-graph"], TTY, Rejects("unexpected argument '--no-graph'")),
        // explain: a scan like `scan`'s, unless --input names a saved backlog.
        (&["explain", "v1:9f2c", "{dir}/plain"], TTY, Is(&[
            ("command", "explain"), ("id", "v1:9f2c"), ("input", "None"), ("format", "Table"), ("output", "None"),
            ("history", "true"), ("metrics", "true"), ("graph", "true"), ("progress", "true"), ("quiet", "false"), ("jobs", "4"),
        ])),
        (&["explain", " v1:9f2c61d0a4b3e8f7 "], PIPED, Is(&[("id", "v1:9f2c61d0a4b3e8f7"), ("path", "."), ("progress", "false")])),
        (&["explain", "v1:9f2c", "--input", "{dir}/baseline.json"], TTY, Is(&[("input", "Some({dir}/baseline.json)"), ("progress", "false")])),
        (&["explain", "v1:9f2c", "--input", "x.json", "--config", "{dir}/bad.toml", "--since", "soon"], TTY, Is(&[("input", "Some(x.json)")])),
        (&["explain", "v1:9f2c", "{dir}/plain", "--format", "markdown"], TTY, Fails("--format markdown: `debtscan explain` writes table or json")),
        (&["explain", "v1:9f2c", "{dir}/plain", "--format", "json", "-o", "e.json"], TTY, Is(&[("format", "Json"), ("output", "Some(e.json)")])),
        (&["explain", "v1:9f2c", "{dir}/plain", "--no-history", "--no-graph"], TTY, Is(&[("history", "false"), ("graph", "false"), ("progress", "true")])),
        (&["explain", "v1:9f2c", "{dir}/repo", "-q", "-j", "5"], TTY, Is(&[("graph", "false"), ("quiet", "true"), ("progress", "false"), ("jobs", "5")])),
        (&["explain", "v1:9f2c", "{dir}/plain", "--include", "a/**", "--exclude", "b/", "--since", "2025-01-01", "--max-commits", "3", "--first-parent"], TTY, Is(&[
            ("include", "[\"a/**\"]"), ("exclude", "[\"b/\"]"), ("since", "Some(1735689600)"), ("max_commits", "Some(3)"), ("first_parent", "true"),
        ])),
        (&["explain", "v1:9f2c", "{dir}/plain", "--since", "soon"], TTY, Fails("--since \"soon\": expected a date like 2025-01-31")),
        (&["explain", "v1:9f2c", "{dir}/plain", "--config", "{dir}/missing.toml"], TTY, Fails(
            "{dir}/missing.toml: invalid config: cannot read it: No such file or directory (os error 2)",
        )),
        (&["explain"], TTY, Rejects("the following required arguments were not provided")),
    ];

    #[rustfmt::skip]
    const AS_OF_ROWS: &[Row] = &[
        // Resolved once, in the repository holding PATH: a tag is peeled to its commit.
        (&["scan", "{dir}/git"], TTY, Is(&[("as_of", "None"), ("history", "true")])),
        (&["scan", "{dir}/git", "--as-of", "HEAD~2"], TTY, Is(&[("as_of", "Some(HEAD~2 at {c0})"), ("history", "true")])),
        (&["scan", "{dir}/git", "--as-of", "main"], TTY, Is(&[("as_of", "Some(main at {c2})")])),
        (&["scan", "{dir}/git", "--as-of", "v1"], TTY, Is(&[("as_of", "Some(v1 at {c0})")])),
        (&["scan", "{dir}/git", "--as-of", "{c1}"], TTY, Is(&[("as_of", "Some({c1} at {c1})")])),
        (&["todos", "{dir}/git/sub", "--as-of", "light"], PIPED, Is(&[("as_of", "Some(light at {c1})"), ("path", "{dir}/git/sub")])),
        // Without history the files are still the commit's.
        (&["scan", "{dir}/git", "--as-of", " HEAD~1 ", "--no-history"], TTY, Is(&[("as_of", "Some(HEAD~1 at {c1})"), ("history", "false")])),
        (&["explain", "v1:9f2c", "{dir}/git", "--as-of", "v1"], TTY, Is(&[("as_of", "Some(v1 at {c0})")])),
        (&["explain", "v1:9f2c", "--input", "x.json", "--as-of", "nope"], TTY, Is(&[("input", "Some(x.json)")])),
        (&["functions", "{dir}/git", "--as-of", "HEAD~1"], TTY, Is(&[("as_of", "Some(HEAD~1 at {c1})"), ("history", "false")])),
        (&["hotspots", "{dir}/git", "--as-of", "HEAD~1"], TTY, Is(&[("as_of", "Some(HEAD~1 at {c1})")])),
        (&["graph", "{dir}/git", "--as-of", "HEAD~1", "--no-history"], TTY, Is(&[("as_of", "Some(HEAD~1 at {c1})"), ("history", "false")])),
        (&["churn", "{dir}/git", "--as-of", "v1"], TTY, Is(&[("as_of", "Some(v1 at {c0})")])),
        (&["coupling", "{dir}/git", "--as-of", "light"], TTY, Is(&[("as_of", "Some(light at {c1})")])),
        // Bad revisions stop the run before any work, naming the revision.
        (&["scan", "{dir}/git", "--as-of", "nope"], TTY, Fails("--as-of nope: no such revision in {dir}/git (revspec 'nope' not found)")),
        (&["scan", "{dir}/git", "--as-of", "HEAD~3"], TTY, Fails("--as-of HEAD~3: no such revision in {dir}/git (parent 0 does not exist)")),
        (&["todos", "{dir}/git", "--as-of", "HEAD:sub"], TTY, Fails("--as-of HEAD:sub: names a directory (a tree), not a commit; give a commit, branch or tag")),
        (&["scan", "{dir}/git", "--as-of", "HEAD:sub/a.rs"], TTY, Fails("--as-of HEAD:sub/a.rs: names a file (a blob), not a commit; give a commit, branch or tag")),
        (&["scan", "{dir}/git", "--as-of", " "], TTY, Fails("--as-of needs a revision")),
        (&["functions", "{dir}/plain", "--as-of", "HEAD"], TTY, Fails(
            "--as-of HEAD: {dir}/plain is not inside a git repository; --as-of reads a commit's tree and history",
        )),
        (&["churn", "{dir}/missing", "--as-of", "HEAD"], TTY, Fails("{dir}/missing: no such file or directory")),
        // The usual order: the format and the config first.
        (&["scan", "{dir}/git", "--as-of", "nope", "--format", "dot"], TTY, Fails(
            "--format dot: `debtscan scan` writes table or json or sarif or codeclimate or markdown or csv or html",
        )),
        (&["scan", "{dir}/git", "--as-of", "nope", "--since", "soon"], TTY, Fails("--since \"soon\": expected a date like 2025-01-31")),
        (&["backtest", "{dir}/git", "--as-of", "HEAD~1"], TTY, Rejects("unexpected argument '--as-of'")),
    ];

    #[rustfmt::skip]
    const BACKTEST_ROWS: &[Row] = &[
        // backtest: a whole scan at T (history always, the graph unless off), table or JSON.
        (&["backtest", "{dir}/plain"], TTY, Is(&[
            ("command", "backtest"), ("path", "{dir}/plain"), ("at", "MonthsBack(12)"), ("cuts", "[10, 25, 50]"), ("format", "Table"), ("output", "None"),
            ("history", "true"), ("metrics", "true"), ("markers", "true"), ("graph", "true"), ("progress", "true"), ("quiet", "false"), ("jobs", "4"),
            ("since", "None"), ("max_commits", "None"), ("first_parent", "false"),
        ])),
        (&["backtest"], PIPED, Is(&[("path", "."), ("at", "MonthsBack(12)"), ("progress", "false")])),
        (&["backtest", "{dir}/plain", "--months", "6"], TTY, Is(&[("at", "MonthsBack(6)"), ("windows", "1")])),
        (&["backtest", "{dir}/plain", "--windows", "3"], TTY, Is(&[("at", "MonthsBack(12)"), ("windows", "3")])),
        (&["backtest", "{dir}/plain", "--windows", "0"], TTY, Rejects("0 is not in 1..=10")),
        (&["backtest", "{dir}/plain", "--windows", "2", "--at", "v1"], TTY, Rejects("cannot be used with")),
        // Production code by default: a fix's new regression test is not where the fix landed.
        (&["backtest", "{dir}/plain"], TTY, Is(&[("roles", "[Production]"), ("config.roles", "\"production\"")])),
        (&["backtest", "{dir}/plain", "--role", "test", "--role", "production", "--role", "test"], TTY, Is(&[("roles", "[Production, Test]"), ("config.roles", "\"production,test\"")])),
        (&["backtest", "{dir}/plain", "--top", "5,1", "--top", "5"], TTY, Is(&[("cuts", "[1, 5]")])),
        (&["backtest", "{dir}/plain", "--top", "0"], TTY, Rejects("0 is not in 1..")),
        (&["backtest", "{dir}/plain", "--months", "0"], TTY, Rejects("0 is not in 1..=1200")),
        (&["backtest", "{dir}/plain", "--months", "-3"], TTY, Rejects("unexpected argument '-3'")),
        (&["backtest", "{dir}/plain", "--at", "v1.2.0"], TTY, Is(&[("at", "Rev(\"v1.2.0\")")])),
        (&["backtest", "{dir}/plain", "--at", " 9f2c61d "], TTY, Is(&[("at", "Rev(\"9f2c61d\")")])),
        (&["backtest", "{dir}/plain", "--at", " "], TTY, Fails("--at needs a commit")),
        (&["backtest", "{dir}/plain", "--at", "HEAD~3", "--months", "6"], TTY, Rejects("cannot be used with")),
        (&["backtest", "{dir}/plain", "--format", "json", "-o", "bt.json", "-q", "-j", "2"], TTY, Is(&[
            ("format", "Json"), ("output", "Some(bt.json)"), ("quiet", "true"), ("progress", "false"), ("jobs", "2"),
        ])),
        (&["backtest", "{dir}/plain", "--format", "sarif"], TTY, Fails("--format sarif: `debtscan backtest` writes table or json")),
        (&["backtest", "{dir}/plain", "--no-graph", "--include", "src/**", "--exclude", "tests/"], STDERR_TTY, Is(&[
            ("graph", "false"), ("include", "[\"src/**\"]"), ("exclude", "[\"tests/\"]"), ("progress", "true"), ("jobs", "2"),
        ])),
        (&["backtest", "{dir}/repo"], TTY, Is(&[("graph", "false"), ("config.window_days", "30")])),
        (&["backtest", "{dir}/plain", "--config", "{dir}/bad.toml"], TTY, Fails(
            "{dir}/bad.toml: invalid config: TOML parse error at line 2, column 12\n  |\n2 | min_revs = \"many\"\n  |            ^^^^^^\ninvalid type: string \"many\", expected u32",
        )),
        (&["backtest", "{dir}/plain", "--since", "2025-01-01"], TTY, Rejects("unexpected argument '--since'")),
        (&["backtest", "{dir}/plain", "--no-history"], TTY, Rejects("unexpected argument '--no-history'")),
        (&["backtest", "{dir}/plain"], TTY, Is(&[("cache", "CacheSettings { enabled: true, dir: None }")])),
        (&["backtest", "{dir}/plain", "--no-cache"], TTY, Is(&[("cache", "CacheSettings { enabled: false, dir: None }")])),
    ];

    #[rustfmt::skip]
    const OTHER_ROWS: &[Row] = &[
        // diff: no config and no environment.
        (&["diff", "a.json", "b.json"], TTY, Is(&[
            ("command", "diff"), ("old", "a.json"), ("new", "b.json"), ("format", "Table"), ("output", "None"),
            ("min_score_change", "1.0"), ("fail_on_new", "false"),
        ])),
        (&["diff", "a.json", "b.json", "--format", "markdown", "-o", "changes.md"], TTY, Is(&[("format", "Markdown"), ("output", "Some(changes.md)")])),
        (&["diff", "a.json", "b.json", "--format", "json"], PIPED, Is(&[("format", "Json")])),
        (&["diff", "a.json", "b.json", "--format", "sarif"], TTY, Fails("--format sarif: `debtscan diff` writes table or json or markdown")),
        (&["diff", "a.json", "b.json", "--min-score-change", "2.5"], TTY, Is(&[("min_score_change", "2.5")])),
        (&["diff", "a.json", "b.json", "--min-score-change=-1"], TTY, Fails("--min-score-change must be 0 or more")),
        (&["diff", "a.json", "b.json", "--min-score-change", "NaN"], TTY, Fails("--min-score-change must be 0 or more")),
        (&["diff", "a.json", "b.json", "--fail-on", "new"], TTY, Is(&[("fail_on_new", "true")])),
        (&["diff", "a.json", "b.json", "--fail-on", "score>=5"], TTY, Fails(
            "`debtscan diff` fails only on `new`, not Score { min: 5.0, inclusive: true }; use `debtscan scan --fail-on`",
        )),
        (&["diff", "a.json", "b.json", "--format", "csv", "--fail-on", "count>1"], TTY, Fails("--format csv: `debtscan diff` writes table or json or markdown")),
        (&["diff", "a.json"], TTY, Rejects("the following required arguments were not provided")),
        (&["diff", "a.json", "b.json", "-q"], TTY, Rejects("unexpected argument '-q'")),
        // init: resolution decides nothing but where.
        (&["init"], TTY, Is(&[("command", "init"), ("dir", "."), ("force", "false"), ("stdout", "false")])),
        (&["init", "{dir}/plain", "--force"], TTY, Is(&[("dir", "{dir}/plain"), ("force", "true")])),
        (&["init", "--stdout"], PIPED, Is(&[("stdout", "true")])),
        (&["init", "--format", "json"], TTY, Rejects("unexpected argument '--format'")),
        // cache info and clear: no scan, only where and whose.
        (&["cache", "info"], TTY, Is(&[
            ("command", "cache info"), ("path", "."), ("dir", "None"), ("all", "false"), ("format", "Table"), ("max_size", "1073741824"),
        ])),
        (&["cache", "info", "{dir}/plain", "--cache-dir", "{dir}/c", "--format", "json"], PIPED, Is(&[
            ("path", "{dir}/plain"), ("dir", "Some({dir}/c)"), ("format", "Json"),
        ])),
        (&["cache", "info", "{dir}/plain", "--config", "{dir}/big.toml"], TTY, Is(&[("max_size", "2097152")])),
        (&["cache", "info", "{dir}/plain", "--config", "{dir}/bad.toml"], TTY, Fails(
            "{dir}/bad.toml: invalid config: TOML parse error at line 2, column 12\n  |\n2 | min_revs = \"many\"\n  |            ^^^^^^\ninvalid type: string \"many\", expected u32",
        )),
        (&["cache", "info", "--format", "csv"], TTY, Fails("--format csv: `debtscan cache info` writes table or json")),
        (&["cache", "clear"], TTY, Is(&[("command", "cache clear"), ("path", "."), ("dir", "None"), ("all", "false"), ("quiet", "false")])),
        (&["cache", "clear", "{dir}/plain", "--cache-dir", "{dir}/c", "-q"], TTY, Is(&[("path", "{dir}/plain"), ("dir", "Some({dir}/c)"), ("quiet", "true")])),
        (&["cache", "clear", "--all"], TTY, Is(&[("all", "true"), ("path", ".")])),
        (&["cache", "clear", "{dir}/plain", "--all"], TTY, Rejects("cannot be used with")),
        (&["cache", "info", "--no-cache"], TTY, Rejects("unexpected argument '--no-cache'")),
        (&["cache"], TTY, Rejects("Usage: debtscan cache <COMMAND>")),
        (&["cache", "prune"], TTY, Rejects("unrecognized subcommand 'prune'")),
        // No command.
        (&[], TTY, Rejects("Usage: debtscan <COMMAND>")),
        (&["lint"], TTY, Rejects("unrecognized subcommand 'lint'")),
    ];

    /// A value shown as is, not quoted (paths read better in rows that way).
    struct Raw(String);

    impl fmt::Debug for Raw {
        fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str(&self.0)
        }
    }

    fn raw(path: &Path) -> Raw {
        Raw(path.display().to_string())
    }

    #[derive(Default)]
    struct Facts(Vec<(&'static str, String)>);

    impl Facts {
        fn put(&mut self, key: &'static str, value: impl fmt::Debug) {
            self.0.push((key, format!("{value:?}")));
        }

        fn command(&mut self, name: &str) {
            self.put("command", Raw(name.into()));
        }

        fn output(&mut self, o: &Output) {
            self.put("format", o.format);
            self.put("output", o.file.as_deref().map(raw));
        }

        fn history(&mut self, o: &HistoryOptions) {
            self.put("since", o.since);
            self.put("max_commits", o.max_commits);
            self.put("first_parent", o.first_parent);
            let start = o.start.as_ref();
            self.put(
                "as_of",
                start.map(|s| Raw(format!("{} at {}", s.rev, s.commit))),
            );
        }

        fn config(&mut self, c: &Config) {
            self.put("config.min_revs", c.coupling.min_revs);
            self.put("config.window_days", c.hotspots.window_days);
            self.put("config.window_min_commits", c.hotspots.window_min_commits);
            self.put("config.xray_files", c.hotspots.xray_files);
            let roles: Vec<&str> = c.roles.report.iter().map(|r| r.as_str()).collect();
            self.put("config.roles", roles.join(","));
            self.put("config.include_test_edges", c.graph.include_test_edges);
        }

        fn scan(&mut self, r: &ScanRequest) {
            self.put("path", raw(&r.path));
            self.put("include", &r.include);
            self.put("exclude", &r.exclude);
            if !r.languages.is_empty() {
                self.put("languages", &r.languages);
            }
            self.put("history", r.history);
            self.history(&r.history_options);
            self.put("jobs", r.jobs);
            self.put("markers", r.markers);
            self.put("metrics", r.metrics);
            self.put("graph", r.imports);
            self.put("cache", &r.cache);
            let reports: Vec<String> = r
                .coverage
                .iter()
                .map(|c| {
                    let files = c.records.len();
                    format!(
                        "{} ({}, {files} file{})",
                        c.name,
                        c.format.as_str(),
                        if files == 1 { "" } else { "s" }
                    )
                })
                .collect();
            self.put("coverage", reports);
            self.config(&r.config);
        }

        fn cache_request(&mut self, r: &CacheRequest) {
            self.put("path", raw(&r.path));
            self.put("dir", r.cache.dir.as_deref().map(raw));
            self.put("all", r.all);
        }

        fn churn(&mut self, r: &ChurnRequest) {
            self.put("path", raw(&r.path));
            self.history(&r.history_options);
            self.put("raw", r.raw);
            self.put("cache", &r.cache);
            self.config(&r.config);
        }
    }

    /// Every setting as a named fact, so rows can name the few they are about.
    fn facts(settings: &Settings) -> Vec<(&'static str, String)> {
        let mut f = Facts::default();
        match settings {
            Settings::Scan(s) | Settings::Todos(s) => {
                f.command(if matches!(settings, Settings::Scan(_)) {
                    "scan"
                } else {
                    "todos"
                });
                f.scan(&s.request);
                f.put("kinds", s.kinds);
                f.output(&s.output);
                f.put("top", s.top);
                f.put("fail_on", &s.fail_on);
                f.put("baseline", s.baseline.as_ref().map(|b| raw(&b.file)));
                f.put("width", s.width);
                f.put("quiet", s.quiet);
                f.put("progress", s.progress);
                f.put("timings", s.timings);
            }
            Settings::Churn(s) => {
                f.command("churn");
                f.churn(&s.request);
                f.output(&s.output);
                f.put("top", s.top);
                f.put("jobs", s.jobs);
                f.put("quiet", s.quiet);
                f.put("progress", s.progress);
                f.put("timings", s.timings);
            }
            Settings::Coupling(s) => {
                f.command("coupling");
                f.churn(&s.request);
                let t = &s.thresholds;
                f.put("min_revs", t.min_revs);
                f.put("min_shared", t.min_shared);
                f.put("min_degree", t.min_degree);
                f.put("max_changeset", t.max_changeset);
                f.put("window_days", t.window_days);
                f.output(&s.output);
                f.put("top", s.top);
                f.put("jobs", s.jobs);
                f.put("quiet", s.quiet);
                f.put("progress", s.progress);
                f.put("timings", s.timings);
            }
            Settings::Functions(s) => {
                f.command("functions");
                f.scan(&s.request);
                f.put("sort", s.sort);
                f.output(&s.output);
                f.put("top", s.top);
                f.put("quiet", s.quiet);
            }
            Settings::Hotspots(s) => {
                f.command("hotspots");
                f.scan(&s.request);
                f.put("functions", s.functions);
                f.output(&s.output);
                f.put("top", s.top);
                f.put("quiet", s.quiet);
                f.put("progress", s.progress);
                f.put("timings", s.timings);
            }
            Settings::Graph(s) => {
                f.command("graph");
                f.scan(&s.request);
                f.put("by", s.by);
                f.output(&s.output);
                f.put("top", s.top);
                f.put("quiet", s.quiet);
                f.put("progress", s.progress);
                f.put("timings", s.timings);
            }
            Settings::Diff(s) => {
                f.command("diff");
                f.put("old", raw(&s.old));
                f.put("new", raw(&s.new));
                f.output(&s.output);
                f.put("min_score_change", s.min_score_change);
                f.put("fail_on_new", s.fail_on_new);
            }
            Settings::Explain(s) => {
                f.command("explain");
                f.put("id", Raw(s.id.clone()));
                match &s.source {
                    ExplainSource::Input(file) => f.put("input", Some(raw(file))),
                    ExplainSource::Scan(request) => {
                        f.put("input", None::<Raw>);
                        f.scan(request);
                    }
                }
                f.output(&s.output);
                f.put("quiet", s.quiet);
                f.put("progress", s.progress);
                f.put("timings", s.timings);
            }
            Settings::Backtest(s) => {
                f.command("backtest");
                f.scan(&s.request.scan);
                f.put("at", &s.request.at);
                f.put("cuts", &s.request.cuts);
                f.put("roles", &s.request.roles);
                f.put("windows", s.request.windows);
                f.output(&s.output);
                f.put("quiet", s.quiet);
                f.put("progress", s.progress);
                f.put("timings", s.timings);
            }
            Settings::CacheInfo(s) => {
                f.command("cache info");
                f.cache_request(&s.request);
                f.put("max_size", s.max_size);
                f.put("format", s.format);
            }
            Settings::CacheClear(s) => {
                f.command("cache clear");
                f.cache_request(&s.request);
                f.put("quiet", s.quiet);
            }
            Settings::Sync(s) => {
                f.command("sync");
                f.put("backlog", raw(&s.backlog));
                f.put("project", Raw(s.project.clone()));
                f.put("url", Raw(s.url.clone()));
                f.put("mode", &s.mode);
                f.output(&s.output);
            }
            Settings::Init(s) => {
                f.command("init");
                f.put("dir", raw(&s.dir));
                f.put("force", s.force);
                f.put("stdout", s.stdout);
            }
        }
        f.0
    }

    /// A git repository at `dir` with three commits on `main` (their ids, oldest first), the
    /// tag `v1` (annotated) on the first and `light` (lightweight) on the second.
    fn git_fixture(dir: &Path) -> Vec<String> {
        let repo = git2::Repository::init_opts(
            dir,
            git2::RepositoryInitOptions::new().initial_head("main"),
        )
        .unwrap();
        let mut ids: Vec<git2::Oid> = Vec::new();
        for i in 0..3 {
            std::fs::create_dir_all(dir.join("sub")).unwrap();
            std::fs::write(dir.join("sub/a.rs"), format!("// TODO: step {i}\n")).unwrap();
            let mut index = repo.index().unwrap();
            index.add_path(Path::new("sub/a.rs")).unwrap();
            index.write().unwrap();
            let tree = repo.find_tree(index.write_tree().unwrap()).unwrap();
            let time = git2::Time::new(1_700_000_000 + i64::from(i) * 86_400, 0);
            let sig = git2::Signature::new("Ana", "ana@example.com", &time).unwrap();
            let parents: Vec<git2::Commit> = ids
                .last()
                .map(|&p| repo.find_commit(p).unwrap())
                .into_iter()
                .collect();
            let parents: Vec<&git2::Commit> = parents.iter().collect();
            let id = repo
                .commit(Some("HEAD"), &sig, &sig, &format!("c{i}"), &tree, &parents)
                .unwrap();
            ids.push(id);
        }
        let sig =
            git2::Signature::new("Ana", "ana@example.com", &git2::Time::new(1_700_000_000, 0))
                .unwrap();
        repo.tag(
            "v1",
            &repo.find_object(ids[0], None).unwrap(),
            &sig,
            "release",
            false,
        )
        .unwrap();
        repo.tag_lightweight("light", &repo.find_object(ids[1], None).unwrap(), false)
            .unwrap();
        ids.iter().map(|id| id.to_string()).collect()
    }

    /// The temporary tree the rows' `{dir}` stands for, and the commits `{c0}`… of `{dir}/git`.
    fn fixture() -> (tempfile::TempDir, Vec<String>) {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        std::fs::create_dir(root.join("plain")).unwrap();
        std::fs::create_dir(root.join("repo")).unwrap();
        let files = [
            (
                "repo/debtscan.toml",
                "[coupling]\nmin_revs = 7\nwindow_days = 2\n\n[hotspots]\nwindow_days = 30\n\
                 xray_files = 4\n\n[graph]\nenabled = false\ninclude_test_edges = true\n",
            ),
            (
                "other.toml",
                "[coupling]\nmin_revs = 9\n\n[hotspots]\nwindow_days = 60\n",
            ),
            ("bad.toml", "[coupling]\nmin_revs = \"many\"\n"),
            ("unknown.toml", "[couplin]\nmin_revs = 1\n"),
            ("big.toml", "[cache]\nmax_size = 2097152\n"),
            ("broken.json", "{\"items\":"),
            ("lcov.info", "SF:a.rs\nDA:1,1\nend_of_record\n"),
        ];
        for (name, text) in files {
            std::fs::write(root.join(name), text).unwrap();
        }
        // A real (empty) backlog, as `debtscan scan --format json` writes it.
        let plain = root.join("plain");
        let Settings::Scan(s) = resolved(&["scan", plain.to_str().unwrap(), "-q"], &PIPED).unwrap()
        else {
            unreachable!()
        };
        let backlog = crate::pipeline::scan(&s.request).unwrap();
        let json = crate::report::render(&backlog, Format::Json, None, &s.request.config.levels);
        std::fs::write(root.join("baseline.json"), json).unwrap();
        let commits = git_fixture(&root.join("git"));
        (dir, commits)
    }

    fn resolved(args: &[&str], env: &Environment) -> Result<Settings, String> {
        let argv = std::iter::once("debtscan").chain(args.iter().copied());
        let cli = Cli::try_parse_from(argv).map_err(|e| format!("clap: {e}"))?;
        resolve(cli, env).map_err(|e| e.to_string())
    }

    fn check(rows: &[Row]) {
        let (dir, commits) = fixture();
        let base = dir.path().display().to_string();
        let fill = |text: &str| {
            let mut text = text.replace("{dir}", &base);
            for (i, c) in commits.iter().enumerate() {
                text = text.replace(&format!("{{c{i}}}"), c);
            }
            text
        };
        let mut failures = Vec::new();
        for (args, env, expect) in rows {
            let args: Vec<String> = args.iter().map(|a| fill(a)).collect();
            let args: Vec<&str> = args.iter().map(String::as_str).collect();
            let outcome = resolved(&args, env);
            let problem = match (expect, &outcome) {
                (Is(wanted), Ok(settings)) => {
                    let have = facts(settings);
                    wanted
                        .iter()
                        .filter_map(|(key, value)| {
                            let value = fill(value);
                            match have.iter().find(|(k, _)| k == key) {
                                Some((_, v)) if *v == value => None,
                                Some((_, v)) => Some(format!("{key} is {v}, not {value}")),
                                None => Some(format!("no fact {key}")),
                            }
                        })
                        .collect::<Vec<_>>()
                        .join("; ")
                }
                (Fails(text), Err(e)) if *e == fill(text) => String::new(),
                (Rejects(text), Err(e)) if e.starts_with("clap: ") && e.contains(&fill(text)) => {
                    String::new()
                }
                (_, Ok(_)) => "resolved, but should not have".into(),
                (_, Err(e)) => format!("failed with {e:?}"),
            };
            if !problem.is_empty() {
                failures.push(format!("{args:?} {env:?}: {problem}"));
            }
        }
        assert!(failures.is_empty(), "{}", failures.join("\n"));
    }

    #[test]
    fn scan_and_todos() {
        check(BACKLOG_ROWS);
    }

    #[test]
    fn history_commands() {
        check(HISTORY_ROWS);
    }

    #[test]
    fn source_commands() {
        check(SOURCE_ROWS);
    }

    #[test]
    fn backtest() {
        check(BACKTEST_ROWS);
    }

    #[test]
    fn as_of() {
        check(AS_OF_ROWS);
    }

    #[test]
    fn diff_init_and_no_command() {
        check(OTHER_ROWS);
    }
}
