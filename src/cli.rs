//! The command line: clap definitions, resolving flags and config into one request, running it,
//! and mapping the outcome to an exit code (0 success, 2 usage or input error).

use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand};

use crate::config::Config;
use crate::error::Error;
use crate::model::{Backlog, Kind};
use crate::pipeline::{self, ScanRequest};
use crate::report::{self, Format};

/// Exit code for usage and input errors.
pub const EXIT_ERROR: u8 = 2;

/// Exit code when a `--fail-on` condition is met.
pub const EXIT_THRESHOLD: u8 = 1;

/// debtscan: a prioritised tech-debt backlog from a repository's code and git history.
#[derive(Debug, Parser)]
#[command(name = "debtscan", version, about, long_about = None)]
#[command(
    after_help = "Examples:\n  debtscan scan .\n  debtscan todos . --format json\n  debtscan scan . --format json --output backlog.json"
)]
pub struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
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
}

#[derive(Debug, Args)]
#[command(
    after_help = "Examples:\n  debtscan diff yesterday.json today.json\n  debtscan diff old.json new.json --format markdown > changes.md"
)]
struct DiffArgs {
    /// The older backlog (`debtscan scan --format json`).
    old: PathBuf,
    /// The newer backlog.
    new: PathBuf,
    /// Output format: table, json or markdown.
    #[arg(long, value_enum, default_value = "table")]
    format: Format,
    /// Write the report to this file (atomically) instead of standard output.
    #[arg(short, long, value_name = "FILE")]
    output: Option<PathBuf>,
    /// A score must move by at least this many points to count as changed.
    #[arg(long, value_name = "POINTS", default_value_t = crate::diff::MIN_SCORE_CHANGE)]
    min_score_change: f64,
    /// Exit 1 when there are new items.
    #[arg(long, value_name = "CONDITION", value_parser = parse_fail_on)]
    fail_on: Vec<FailOn>,
}

#[derive(Debug, Args)]
#[command(
    after_help = "Examples:\n  debtscan explain v1:9f2c61d0a4b3e8f7\n  debtscan explain v1:9f2c --input today.json"
)]
struct ExplainArgs {
    /// The item's id (or a unique prefix of it).
    id: String,
    /// The directory to scan (unless --input is given).
    #[arg(default_value = ".")]
    path: PathBuf,
    /// Read the item from this JSON backlog instead of scanning.
    #[arg(long, value_name = "FILE")]
    input: Option<PathBuf>,
    #[command(flatten)]
    out: CommonArgs,
    #[command(flatten)]
    source: SourceArgs,
}

/// What a backlog is built from (shared by `scan`, `todos` and `explain`).
#[derive(Debug, Args)]
struct SourceArgs {
    #[command(flatten)]
    files: FilterArgs,
    /// Do not read git history (faster; ranks by severity alone).
    #[arg(long)]
    no_history: bool,
    /// Do not build the dependency graph (no cycle, god-module or hidden-coupling items, no
    /// centrality) [config: graph.enabled].
    #[arg(long)]
    no_graph: bool,
    #[command(flatten)]
    history: HistoryArgs,
}

impl SourceArgs {
    /// The scan request of `path`: with `metrics` for the whole backlog, else markers only.
    fn request(
        &self,
        path: &std::path::Path,
        out: &CommonArgs,
        config: Config,
        metrics: bool,
    ) -> Result<ScanRequest, Error> {
        // Parsed even with --no-history, so a bad --since is still an error.
        let options = self.history.options(out.quiet)?;
        let history = (!self.no_history).then_some(options);
        let graph = metrics && config.graph.enabled && !self.no_graph;
        let mut request = scan_request(path, out, &self.files, config, history, metrics);
        request.imports = graph;
        Ok(request)
    }
}

#[derive(Debug, Args)]
struct InitArgs {
    /// The directory to write debtscan.toml into.
    #[arg(default_value = ".")]
    path: PathBuf,
    /// Overwrite an existing debtscan.toml.
    #[arg(long)]
    force: bool,
    /// Print the file instead of writing it.
    #[arg(long)]
    stdout: bool,
}

/// A `--fail-on` condition.
#[derive(Debug, Clone, Copy, PartialEq)]
enum FailOn {
    /// An item is new against the baseline (or, for `diff`, the older run).
    New,
    /// An item scores at least (or above) this.
    Score { min: f64, inclusive: bool },
    /// There are more (or at least) this many items.
    Count { max: usize, inclusive: bool },
}

/// `new`, `score>=N`, `score>N`, `count>N` or `count>=N`.
fn parse_fail_on(text: &str) -> Result<FailOn, String> {
    let t: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    let usage =
        || format!("{text:?}: expected `new`, `score>=N`, `score>N`, `count>N` or `count>=N`");
    if t.eq_ignore_ascii_case("new") {
        return Ok(FailOn::New);
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
        _ => Err(usage()),
    }
}

/// How a failure names the highest item that caused it.
fn item_ref(i: &crate::model::DebtItem) -> String {
    format!(
        "{} {} (score {:.1}) at {}:{}",
        i.id, i.title, i.score, i.location.path, i.location.start_line
    )
}

/// The reason of `--fail-on new` with these new items (best first) since `against`, if any.
fn new_items_reason(new: &[&crate::model::DebtItem], against: &str) -> Option<String> {
    let top = new.first()?;
    Some(format!(
        "--fail-on new: {} new item{} since {against}, the highest {}",
        new.len(),
        crate::util::s(new.len()),
        item_ref(top)
    ))
}

impl FailOn {
    /// The reason to fail on `items`, if they meet the condition.
    fn check(&self, items: &[crate::model::DebtItem]) -> Option<String> {
        match *self {
            FailOn::New => {
                let new: Vec<_> = items
                    .iter()
                    .filter(|i| i.baseline_state == Some(crate::model::BaselineState::New))
                    .collect();
                new_items_reason(&new, "the baseline")
            }
            FailOn::Score { min, inclusive } => {
                let hit: Vec<_> = items
                    .iter()
                    .filter(|i| {
                        if inclusive {
                            i.score >= min
                        } else {
                            i.score > min
                        }
                    })
                    .collect();
                let top = hit.first()?;
                Some(format!(
                    "--fail-on score{}{min}: {} item{} at or above, the highest {}",
                    if inclusive { ">=" } else { ">" },
                    hit.len(),
                    crate::util::s(hit.len()),
                    item_ref(top)
                ))
            }
            FailOn::Count { max, inclusive } => {
                let n = items.len();
                let over = if inclusive { n >= max } else { n > max };
                over.then(|| {
                    format!(
                        "--fail-on count{}{max}: {n} item{}",
                        if inclusive { ">=" } else { ">" },
                        crate::util::s(n)
                    )
                })
            }
        }
    }
}

#[derive(Debug, Args)]
#[command(
    after_help = "Examples:\n  debtscan graph .\n  debtscan graph . --format dot > deps.dot && dot -Tsvg deps.dot > deps.svg\n  debtscan graph . --by crate --format json"
)]
struct GraphArgs {
    /// The directory to scan.
    #[arg(default_value = ".")]
    path: PathBuf,
    #[command(flatten)]
    out: CommonArgs,
    #[command(flatten)]
    files: FilterArgs,
    /// What a node is: a file (with its inline modules), a directory or a crate.
    #[arg(long, value_enum, default_value = "file")]
    by: crate::graph::analysis::Granularity,
    /// Show the N most central nodes, cycles and pairs in the table.
    #[arg(long, value_name = "N", default_value_t = 10)]
    top: usize,
    /// Do not read git history (no hidden coupling).
    #[arg(long)]
    no_history: bool,
    #[command(flatten)]
    history: HistoryArgs,
}

#[derive(Debug, Args)]
struct HotspotsArgs {
    /// The directory to scan (inside a git repository).
    #[arg(default_value = ".")]
    path: PathBuf,
    #[command(flatten)]
    out: CommonArgs,
    #[command(flatten)]
    files: FilterArgs,
    /// Also rank the functions of the hottest files by their own change (the "X-Ray").
    #[arg(long)]
    functions: bool,
    /// Count change in the N days before HEAD [config: hotspots.window_days, default 365].
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..))]
    window_days: Option<u32>,
    /// X-Ray the N hottest files [config: hotspots.xray_files, default 20].
    #[arg(long, value_name = "N")]
    xray_files: Option<usize>,
    /// Show only the N hottest files (and functions).
    #[arg(long, value_name = "N")]
    top: Option<usize>,
    #[command(flatten)]
    history: HistoryArgs,
}

/// Which files are read (shared by every command that reads source files).
#[derive(Debug, Args)]
struct FilterArgs {
    /// Only read files matching this glob (repeatable; gitignore syntax).
    #[arg(long, value_name = "GLOB")]
    include: Vec<String>,
    /// Never read files matching this glob (repeatable; gitignore syntax).
    #[arg(long, value_name = "GLOB")]
    exclude: Vec<String>,
}

/// The order of `debtscan functions`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum FunctionSort {
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
struct FunctionsArgs {
    /// The directory to scan.
    #[arg(default_value = ".")]
    path: PathBuf,
    #[command(flatten)]
    out: CommonArgs,
    #[command(flatten)]
    files: FilterArgs,
    /// Order of the list (ties in source order).
    #[arg(long, value_enum, default_value = "path")]
    sort: FunctionSort,
    /// Show only the first N functions of the order.
    #[arg(long, value_name = "N")]
    top: Option<usize>,
}

#[derive(Debug, Args)]
struct CouplingArgs {
    #[command(flatten)]
    common: ChurnArgs,
    /// Minimum average revisions of a pair [config: coupling.min_revs, default 5].
    #[arg(long, value_name = "N")]
    min_revs: Option<u32>,
    /// Minimum shared change sets [config: coupling.min_shared, default 5].
    #[arg(long, value_name = "N")]
    min_shared: Option<u32>,
    /// Minimum coupling degree in percent [config: coupling.min_degree, default 30].
    #[arg(long, value_name = "PERCENT", value_parser = clap::value_parser!(u32).range(0..=100))]
    min_degree: Option<u32>,
    /// Drop change sets with more files than this [config: coupling.max_changeset, default 30].
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..))]
    max_changeset: Option<u32>,
    /// Treat one author's commits within N days as one change set [default 0: per commit].
    #[arg(long, value_name = "N")]
    window_days: Option<u32>,
}

/// How much git history to read (shared by every command that reads it).
#[derive(Debug, Args)]
struct HistoryArgs {
    /// Ignore commits before this date (YYYY-MM-DD, UTC, or an RFC 3339 timestamp).
    #[arg(long, value_name = "DATE")]
    since: Option<String>,
    /// Read at most the N newest commits.
    #[arg(long, value_name = "N")]
    max_commits: Option<usize>,
    /// Follow only the first parent of merges (and count a merge's changes against it).
    #[arg(long)]
    first_parent: bool,
}

impl HistoryArgs {
    /// History options; a progress bar on standard error when it is a terminal and not `quiet`.
    fn options(&self, quiet: bool) -> Result<crate::history::HistoryOptions, Error> {
        let progress = if !quiet && std::io::stderr().is_terminal() {
            let bar = indicatif::ProgressBar::new(0).with_style(
                indicatif::ProgressStyle::with_template(
                    "{prefix} [{bar:30}] {pos}/{len} commits ({eta} left)",
                )
                .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar())
                .progress_chars("=> "),
            );
            bar.set_prefix("reading history");
            bar
        } else {
            indicatif::ProgressBar::hidden()
        };
        Ok(crate::history::HistoryOptions {
            since: self.since.as_deref().map(parse_date).transpose()?,
            max_commits: self.max_commits,
            first_parent: self.first_parent,
            progress,
            ..Default::default()
        })
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

/// Flags every command shares: output, config, threads, warnings.
#[derive(Debug, Args)]
struct CommonArgs {
    /// Output format.
    #[arg(long, value_enum, default_value = "table")]
    format: Format,
    /// Write the report to this file (atomically) instead of standard output.
    #[arg(short, long, value_name = "FILE")]
    output: Option<PathBuf>,
    /// Config file [default: PATH/debtscan.toml if it exists].
    #[arg(long, value_name = "FILE")]
    config: Option<PathBuf>,
    /// Worker threads [default: number of CPUs].
    #[arg(short, long, value_name = "N", value_parser = clap::value_parser!(u16).range(1..))]
    jobs: Option<u16>,
    /// Print no warnings on standard error.
    #[arg(short, long)]
    quiet: bool,
}

#[derive(Debug, Args)]
struct ChurnArgs {
    /// A directory inside the repository; only files below it are listed.
    #[arg(default_value = ".")]
    path: PathBuf,
    #[command(flatten)]
    out: CommonArgs,
    /// Show only the N files with most revisions.
    #[arg(long, value_name = "N")]
    top: Option<usize>,
    #[command(flatten)]
    history: HistoryArgs,
    /// Count every commit and file, with no noise filter (exactly what `git log --numstat` counts).
    #[arg(long)]
    raw: bool,
}

#[derive(Debug, Args)]
struct ScanArgs {
    /// The directory to scan.
    #[arg(default_value = ".")]
    path: PathBuf,
    #[command(flatten)]
    out: CommonArgs,
    /// Show only the N highest-ranked items.
    #[arg(long, value_name = "N")]
    top: Option<usize>,
    #[command(flatten)]
    source: SourceArgs,
    /// Mark each item new, unchanged or updated against this earlier JSON backlog.
    #[arg(long, value_name = "FILE")]
    baseline: Option<PathBuf>,
    /// Exit 1 when: `new` (an item not in --baseline), `score>=N` (an item scores N or more),
    /// `count>N` (more than N items). Repeatable; checked before --top.
    #[arg(long, value_name = "CONDITION", value_parser = parse_fail_on)]
    fail_on: Vec<FailOn>,
}

/// Parses the process arguments, runs the command and returns the exit code.
pub fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            return match e.kind() {
                clap::error::ErrorKind::DisplayHelp | clap::error::ErrorKind::DisplayVersion => {
                    ExitCode::SUCCESS
                }
                _ => ExitCode::from(EXIT_ERROR),
            };
        }
    };
    match run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(RunError::BrokenPipe) => ExitCode::SUCCESS,
        Err(RunError::Threshold(reason)) => {
            eprintln!("debtscan: failing: {reason}");
            ExitCode::from(EXIT_THRESHOLD)
        }
        Err(RunError::Failed(e)) => {
            eprintln!("debtscan: {e}");
            ExitCode::from(EXIT_ERROR)
        }
    }
}

enum RunError {
    /// The reader of standard output went away (`debtscan scan | head`): not a failure.
    BrokenPipe,
    /// A `--fail-on` condition was met (the report was still written); the reason.
    Threshold(String),
    Failed(Error),
}

impl From<Error> for RunError {
    fn from(e: Error) -> Self {
        RunError::Failed(e)
    }
}

fn run(cli: Cli) -> Result<(), RunError> {
    let (args, kinds): (&ScanArgs, &[Kind]) = match &cli.command {
        Command::Scan(a) => (
            a,
            &[
                Kind::Todo,
                Kind::TodoMacro,
                Kind::ComplexFunction,
                Kind::Hotspot,
                Kind::DependencyCycle,
                Kind::GodModule,
                Kind::HiddenCoupling,
            ],
        ),
        Command::Todos(a) => (a, &[Kind::Todo, Kind::TodoMacro]),
        Command::Churn(a) => return run_churn(a),
        Command::Coupling(a) => return run_coupling(a),
        Command::Functions(a) => return run_functions(a),
        Command::Hotspots(a) => return run_hotspots(a),
        Command::Graph(a) => return run_graph(a),
        Command::Diff(a) => return run_diff(a),
        Command::Explain(a) => return run_explain(a),
        Command::Init(a) => return run_init(a),
    };
    args.out.check_format(
        if matches!(cli.command, Command::Scan(_)) {
            "scan"
        } else {
            "todos"
        },
        BACKLOG_FORMATS,
    )?;
    if args.fail_on.contains(&FailOn::New) && args.baseline.is_none() {
        return Err(
            Error::Usage("--fail-on new needs --baseline FILE: new against what?".into()).into(),
        );
    }
    // A bad baseline is an error before the scan, not after minutes of work.
    let baseline = args
        .baseline
        .as_deref()
        .map(crate::diff::load)
        .transpose()?;
    let (config, _) = Config::load(args.out.config.as_deref(), &args.path)?;
    let metrics = matches!(cli.command, Command::Scan(_));
    let request = args
        .source
        .request(&args.path, &args.out, config, metrics)?;
    let mut backlog = pipeline::scan(&request)?;
    keep_kinds(&mut backlog, kinds);
    if let (Some(old), Some(file)) = (&baseline, &args.baseline) {
        if let Some(n) = crate::diff::foreign(old, &backlog) {
            return Err(Error::Backlog {
                path: file.clone(),
                message: format!(
                    "none of the {n} files this baseline names is in the scan of {}: it seems to \
                     come from another repository or directory; give a baseline written by \
                     `debtscan scan` of this tree",
                    args.path.display()
                ),
            }
            .into());
        }
        backlog.summary.baseline = Some(crate::diff::annotate(
            &mut backlog,
            old,
            &file.display().to_string(),
            crate::diff::MIN_SCORE_CHANGE,
        ));
    }
    args.out.warn(&backlog.summary.warnings);
    let failure = args.fail_on.iter().find_map(|f| f.check(&backlog.items));
    if let Some(top) = args.top {
        backlog.items.truncate(top);
    }
    let to_terminal = args.out.output.is_none() && std::io::stdout().is_terminal();
    let width = to_terminal.then(terminal_width).flatten();
    emit(
        &report::render(&backlog, args.out.format, width, &request.config.levels),
        args.out.output.as_deref(),
    )?;
    match failure {
        Some(reason) => Err(RunError::Threshold(reason)),
        None => Ok(()),
    }
}

/// The formats of a backlog.
const BACKLOG_FORMATS: &[Format] = &[
    Format::Table,
    Format::Json,
    Format::Sarif,
    Format::Codeclimate,
    Format::Markdown,
    Format::Csv,
];

fn run_diff(args: &DiffArgs) -> Result<(), RunError> {
    check_format(
        args.format,
        "diff",
        &[Format::Table, Format::Json, Format::Markdown],
    )?;
    if !(args.min_score_change.is_finite() && args.min_score_change >= 0.0) {
        return Err(Error::Usage("--min-score-change must be 0 or more".into()).into());
    }
    if let Some(f) = args.fail_on.iter().find(|f| **f != FailOn::New) {
        return Err(Error::Usage(format!(
            "`debtscan diff` fails only on `new`, not {f:?}; use `debtscan scan --fail-on`"
        ))
        .into());
    }
    let old = crate::diff::load(&args.old)?;
    let new = crate::diff::load(&args.new)?;
    let report = crate::diff::compare(
        &old,
        &new,
        (
            &args.old.display().to_string(),
            &args.new.display().to_string(),
        ),
        args.min_score_change,
    );
    let text = match args.format {
        Format::Json => report::diff::json(&report),
        Format::Markdown => report::diff::markdown(&report),
        _ => report::diff::table(&report),
    };
    emit(&text, args.output.as_deref())?;
    let new: Vec<_> = report.new.iter().collect();
    match new_items_reason(&new, "the older run").filter(|_| !args.fail_on.is_empty()) {
        Some(reason) => Err(RunError::Threshold(reason)),
        None => Ok(()),
    }
}

fn run_explain(args: &ExplainArgs) -> Result<(), RunError> {
    args.out
        .check_format("explain", &[Format::Table, Format::Json])?;
    let backlog = match &args.input {
        Some(file) => crate::diff::load(file)?,
        None => {
            let (config, _) = Config::load(args.out.config.as_deref(), &args.path)?;
            let request = args.source.request(&args.path, &args.out, config, true)?;
            let backlog = pipeline::scan(&request)?;
            args.out.warn(&backlog.summary.warnings);
            backlog
        }
    };
    let wanted = args.id.trim();
    let found: Vec<&crate::model::DebtItem> = backlog
        .items
        .iter()
        .filter(|i| i.id == wanted || (wanted.len() >= 4 && i.id.starts_with(wanted)))
        .collect();
    let source = match &args.input {
        Some(f) => f.display().to_string(),
        None => format!("the scan of {}", args.path.display()),
    };
    let item = match found.as_slice() {
        [one] => *one,
        [] => {
            return Err(Error::Usage(format!(
                "no item {wanted:?} in {source}; ids look like v1:9f2c61d0a4b3e8f7 (see \
                 `debtscan scan --format json`)"
            ))
            .into())
        }
        many => {
            return Err(Error::Usage(format!(
                "{wanted:?} matches {} items in {source}; give more of the id",
                many.len()
            ))
            .into())
        }
    };
    let text = match args.out.format {
        Format::Json => report::explain::json(item, &backlog),
        _ => report::explain::text(item, &backlog),
    };
    emit(&text, args.out.output.as_deref())
}

fn run_init(args: &InitArgs) -> Result<(), RunError> {
    let text = crate::config::DEFAULT_TOML;
    if args.stdout {
        return emit(text, None);
    }
    if !args.path.is_dir() {
        return Err(Error::NotADirectory(args.path.clone()).into());
    }
    let target = args.path.join(crate::config::FILE_NAME);
    if target.exists() && !args.force {
        return Err(Error::Usage(format!(
            "{} already exists: pass --force to overwrite it, or --stdout to print the defaults",
            target.display()
        ))
        .into());
    }
    emit(text, Some(&target))?;
    eprintln!(
        "debtscan: wrote {} (every setting at its default; delete what you do not change)",
        target.display()
    );
    Ok(())
}

impl ChurnArgs {
    fn request(&self) -> Result<pipeline::ChurnRequest, Error> {
        let (config, _) = Config::load(self.out.config.as_deref(), &self.path)?;
        Ok(pipeline::ChurnRequest {
            path: self.path.clone(),
            history_options: self.history.options(self.out.quiet)?,
            config,
            raw: self.raw,
        })
    }

    /// Runs `f` on a pool of `--jobs` threads.
    fn in_pool<T>(&self, f: impl FnOnce() -> Result<T, Error> + Send) -> Result<T, Error>
    where
        T: Send,
    {
        rayon::ThreadPoolBuilder::new()
            .num_threads(jobs(self.out.jobs))
            .build()
            .map_err(|e| Error::Internal(format!("cannot start worker threads: {e}")))?
            .install(f)
    }

    fn warn(&self, warnings: &[String]) {
        self.out.warn(warnings);
    }
}

fn run_coupling(args: &CouplingArgs) -> Result<(), RunError> {
    args.common
        .out
        .check_format("coupling", &[Format::Table, Format::Json])?;
    let request = args.common.request()?;
    let c = &request.config.coupling;
    let thresholds = crate::history::coupling::Thresholds {
        max_changeset: args.max_changeset.map_or(c.max_changeset, |n| n as usize),
        min_revs: args.min_revs.unwrap_or(c.min_revs),
        min_shared: args.min_shared.unwrap_or(c.min_shared),
        min_degree: args.min_degree.unwrap_or(c.min_degree),
        window_days: args.window_days.unwrap_or(c.window_days),
    };
    let mut coupling = args
        .common
        .in_pool(|| pipeline::coupling(&request, thresholds))?;
    args.common.warn(&coupling.warnings);
    if let Some(top) = args.common.top {
        coupling.coupling.pairs.truncate(top);
        coupling.coupling.sum_of_coupling.truncate(top);
    }
    let text = match args.common.out.format {
        Format::Json => report::coupling::json(&coupling),
        _ => report::coupling::table(&coupling),
    };
    emit(&text, args.common.out.output.as_deref())
}

fn run_churn(args: &ChurnArgs) -> Result<(), RunError> {
    args.out
        .check_format("churn", &[Format::Table, Format::Json])?;
    let request = args.request()?;
    let mut churn = args.in_pool(|| pipeline::churn(&request))?;
    args.warn(&churn.warnings);
    if let Some(top) = args.top {
        churn.files.truncate(top);
    }
    let text = match args.out.format {
        Format::Json => report::churn::json(&churn),
        _ => report::churn::table(&churn),
    };
    emit(&text, args.out.output.as_deref())
}

fn run_graph(args: &GraphArgs) -> Result<(), RunError> {
    args.out
        .check_format("graph", &[Format::Table, Format::Json, Format::Dot])?;
    let (config, _) = Config::load(args.out.config.as_deref(), &args.path)?;
    let options = args.history.options(args.out.quiet)?;
    let history = (!args.no_history).then_some(options);
    let request = scan_request(&args.path, &args.out, &args.files, config, history, false);
    let report = pipeline::graph(&request, args.by)?;
    args.out.warn(&report.warnings);
    let text = match args.out.format {
        Format::Json => report::graph::json(&report),
        Format::Dot => report::graph::dot(&report),
        _ => report::graph::table(&report, args.top),
    };
    emit(&text, args.out.output.as_deref())
}

fn run_hotspots(args: &HotspotsArgs) -> Result<(), RunError> {
    args.out
        .check_format("hotspots", &[Format::Table, Format::Json])?;
    let (mut config, _) = Config::load(args.out.config.as_deref(), &args.path)?;
    if let Some(days) = args.window_days {
        config.hotspots.window_days = days;
    }
    if let Some(n) = args.xray_files {
        config.hotspots.xray_files = n;
    }
    let history = Some(args.history.options(args.out.quiet)?);
    let request = scan_request(&args.path, &args.out, &args.files, config, history, true);
    let mut report = pipeline::hotspots(&request, args.functions)?;
    args.out.warn(&report.warnings);
    if let Some(top) = args.top {
        report.files.truncate(top);
        report.functions.truncate(top);
    }
    let text = match args.out.format {
        Format::Json => report::hotspots::json(&report),
        _ => report::hotspots::table(&report),
    };
    emit(&text, args.out.output.as_deref())
}

fn run_functions(args: &FunctionsArgs) -> Result<(), RunError> {
    args.out
        .check_format("functions", &[Format::Table, Format::Json])?;
    let (config, _) = Config::load(args.out.config.as_deref(), &args.path)?;
    let request = scan_request(&args.path, &args.out, &args.files, config, None, true);
    let mut report = pipeline::functions(&request)?;
    args.out.warn(&report.warnings);
    let key = |f: &crate::model::FunctionRecord| -> u32 {
        let m = &f.metrics;
        match args.sort {
            FunctionSort::Path => 0,
            FunctionSort::Cyclomatic => m.cyclomatic,
            FunctionSort::Cognitive => m.cognitive,
            FunctionSort::Lines => m.lines,
            FunctionSort::Nesting => m.nesting,
            FunctionSort::Params => m.params,
        }
    };
    // Stable: ties keep source order.
    report.functions.sort_by_key(|f| std::cmp::Reverse(key(f)));
    if let Some(top) = args.top {
        report.functions.truncate(top);
    }
    let text = match args.out.format {
        Format::Json => report::functions::json(&report),
        _ => report::functions::table(&report),
    };
    emit(&text, args.out.output.as_deref())
}

/// The request of a command that reads source files; `history: None` reads no git history.
fn scan_request(
    path: &std::path::Path,
    out: &CommonArgs,
    files: &FilterArgs,
    config: Config,
    history: Option<crate::history::HistoryOptions>,
    metrics: bool,
) -> ScanRequest {
    ScanRequest {
        path: path.to_path_buf(),
        config,
        include: files.include.clone(),
        exclude: files.exclude.clone(),
        history: history.is_some(),
        history_options: history.unwrap_or_default(),
        jobs: jobs(out.jobs),
        markers: true,
        metrics,
        imports: false,
    }
}

impl CommonArgs {
    /// A usage error unless `--format` is one of `allowed` for `command`.
    fn check_format(&self, command: &str, allowed: &[Format]) -> Result<(), Error> {
        check_format(self.format, command, allowed)
    }

    /// Prints run-level warnings on standard error, unless `--quiet`.
    fn warn(&self, warnings: &[String]) {
        if !self.quiet {
            for warning in warnings {
                eprintln!("debtscan: warning: {warning}");
            }
        }
    }
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

fn jobs(flag: Option<u16>) -> usize {
    flag.map(usize::from)
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()))
}

/// Writes a report to `output` (atomically) or standard output.
fn emit(text: &str, output: Option<&std::path::Path>) -> Result<(), RunError> {
    match output {
        Some(path) => report::write_atomic(path, text)?,
        None => {
            let mut stdout = std::io::stdout().lock();
            if let Err(e) = stdout
                .write_all(text.as_bytes())
                .and_then(|_| stdout.flush())
            {
                return Err(if e.kind() == std::io::ErrorKind::BrokenPipe {
                    RunError::BrokenPipe
                } else {
                    RunError::Failed(Error::Output {
                        path: "<stdout>".into(),
                        source: e,
                    })
                });
            }
        }
    }
    Ok(())
}

/// Restricts the backlog to `kinds`, re-ranking and re-counting.
fn keep_kinds(backlog: &mut Backlog, kinds: &[Kind]) {
    backlog.items.retain(|i| kinds.contains(&i.kind));
    for (i, item) in backlog.items.iter_mut().enumerate() {
        item.rank = i + 1;
    }
    backlog.summary.items = backlog.items.len();
    backlog
        .summary
        .by_kind
        .retain(|k, _| kinds.iter().any(|kind| kind.as_str() == k));
}

fn terminal_width() -> Option<usize> {
    terminal_size::terminal_size().map(|(w, _)| w.0 as usize)
}
