//! The command line: clap definitions, resolving flags and config into one request, running it,
//! and mapping the outcome to an exit code (0 success, 2 usage or input error).

use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand};

use crate::config::Config;
use crate::error::Error;
use crate::model::{Backlog, Kind};
use crate::report::{self, Format};
use crate::ScanRequest;

/// Exit code for usage and input errors.
pub const EXIT_ERROR: u8 = 2;

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
    fn options(&self) -> Result<crate::history::HistoryOptions, Error> {
        Ok(crate::history::HistoryOptions {
            since: self.since.as_deref().map(parse_date).transpose()?,
            max_commits: self.max_commits,
            first_parent: self.first_parent,
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

#[derive(Debug, Args)]
struct ChurnArgs {
    /// A directory inside the repository; only files below it are listed.
    #[arg(default_value = ".")]
    path: PathBuf,
    /// Output format.
    #[arg(long, value_enum, default_value = "table")]
    format: Format,
    /// Write the report to this file (atomically) instead of standard output.
    #[arg(short, long, value_name = "FILE")]
    output: Option<PathBuf>,
    /// Show only the N files with most revisions.
    #[arg(long, value_name = "N")]
    top: Option<usize>,
    #[command(flatten)]
    history: HistoryArgs,
    /// Count every commit and file, with no noise filter (exactly what `git log --numstat` counts).
    #[arg(long)]
    raw: bool,
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
struct ScanArgs {
    /// The directory to scan.
    #[arg(default_value = ".")]
    path: PathBuf,
    /// Output format.
    #[arg(long, value_enum, default_value = "table")]
    format: Format,
    /// Write the report to this file (atomically) instead of standard output.
    #[arg(short, long, value_name = "FILE")]
    output: Option<PathBuf>,
    /// Show only the N highest-ranked items.
    #[arg(long, value_name = "N")]
    top: Option<usize>,
    /// Only read files matching this glob (repeatable; gitignore syntax).
    #[arg(long, value_name = "GLOB")]
    include: Vec<String>,
    /// Never read files matching this glob (repeatable; gitignore syntax).
    #[arg(long, value_name = "GLOB")]
    exclude: Vec<String>,
    /// Config file [default: PATH/debtscan.toml if it exists].
    #[arg(long, value_name = "FILE")]
    config: Option<PathBuf>,
    /// Worker threads [default: number of CPUs].
    #[arg(short, long, value_name = "N", value_parser = clap::value_parser!(u16).range(1..))]
    jobs: Option<u16>,
    /// Do not read git history (faster; ranks by severity alone).
    #[arg(long)]
    no_history: bool,
    #[command(flatten)]
    history: HistoryArgs,
    /// Print no warnings on standard error.
    #[arg(short, long)]
    quiet: bool,
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
        Err(RunError::Failed(e)) => {
            eprintln!("debtscan: {e}");
            ExitCode::from(EXIT_ERROR)
        }
    }
}

enum RunError {
    /// The reader of standard output went away (`debtscan scan | head`): not a failure.
    BrokenPipe,
    Failed(Error),
}

impl From<Error> for RunError {
    fn from(e: Error) -> Self {
        RunError::Failed(e)
    }
}

fn run(cli: Cli) -> Result<(), RunError> {
    let (args, kinds): (&ScanArgs, &[Kind]) = match &cli.command {
        Command::Scan(a) => (a, &[Kind::Todo, Kind::TodoMacro]),
        Command::Todos(a) => (a, &[Kind::Todo, Kind::TodoMacro]),
        Command::Churn(a) => return run_churn(a),
    };
    let (config, _) = Config::load(args.config.as_deref(), &args.path)?;
    let request = ScanRequest {
        path: args.path.clone(),
        config,
        include: args.include.clone(),
        exclude: args.exclude.clone(),
        history: !args.no_history,
        history_options: args.history.options()?,
        jobs: jobs(args.jobs),
    };
    let mut backlog = crate::scan(&request)?;
    keep_kinds(&mut backlog, kinds);
    if !args.quiet {
        for warning in &backlog.summary.warnings {
            eprintln!("debtscan: warning: {warning}");
        }
    }
    if let Some(top) = args.top {
        backlog.items.truncate(top);
    }
    let to_terminal = args.output.is_none() && std::io::stdout().is_terminal();
    let width = to_terminal.then(terminal_width).flatten();
    emit(
        &report::render(&backlog, args.format, width),
        args.output.as_deref(),
    )
}

fn run_churn(args: &ChurnArgs) -> Result<(), RunError> {
    let (config, _) = Config::load(args.config.as_deref(), &args.path)?;
    let request = crate::ChurnRequest {
        path: args.path.clone(),
        history_options: args.history.options()?,
        config,
        raw: args.raw,
    };
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(jobs(args.jobs))
        .build()
        .map_err(|e| Error::Internal(format!("cannot start worker threads: {e}")))?;
    let mut churn = pool.install(|| crate::churn(&request))?;
    if !args.quiet {
        for warning in &churn.warnings {
            eprintln!("debtscan: warning: {warning}");
        }
    }
    if let Some(top) = args.top {
        churn.files.truncate(top);
    }
    let text = match args.format {
        Format::Table => report::churn::table(&churn),
        Format::Json => report::churn::json(&churn),
    };
    emit(&text, args.output.as_deref())
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
