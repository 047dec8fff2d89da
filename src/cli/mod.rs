//! The command line: [`args`] is what clap parses, [`resolve`] turns it, the config file and the
//! environment into one settings value, and [`run`] carries the settings out. `main` probes the
//! environment once and maps the outcome to an exit code (0 success, 1 a `--fail-on` condition,
//! 2 usage or input error).

mod args;
mod resolve;
mod run;
mod sync;

use std::io::IsTerminal;
use std::process::ExitCode;

use clap::Parser;

pub use args::Cli;

use resolve::{Environment, Settings};
use run::RunError;

/// Exit code for usage and input errors.
pub const EXIT_ERROR: u8 = 2;

/// Exit code when a `--fail-on` condition is met.
pub const EXIT_THRESHOLD: u8 = 1;

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
    let outcome = resolve::resolve(cli, &probe())
        .map_err(RunError::from)
        .and_then(run);
    match outcome {
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

/// The one place the CLI looks at the process it runs in; everything else gets the answer.
fn probe() -> Environment {
    Environment {
        stdout_is_terminal: std::io::stdout().is_terminal(),
        stderr_is_terminal: std::io::stderr().is_terminal(),
        width: terminal_size::terminal_size().map(|(w, _)| usize::from(w.0)),
        cpus: std::thread::available_parallelism().map_or(1, |n| n.get()),
    }
}

fn run(settings: Settings) -> Result<(), RunError> {
    match settings {
        Settings::Scan(s) | Settings::Todos(s) => run::scan(s),
        Settings::Churn(s) => run::churn(s),
        Settings::Coupling(s) => run::coupling(s),
        Settings::Functions(s) => run::functions(s),
        Settings::Hotspots(s) => run::hotspots(s),
        Settings::Graph(s) => run::graph(s),
        Settings::Diff(s) => run::diff(s),
        Settings::Explain(s) => run::explain(s),
        Settings::Init(s) => run::init(s),
        Settings::Backtest(s) => run::backtest(s),
        Settings::CacheInfo(s) => run::cache_info(s),
        Settings::CacheClear(s) => run::cache_clear(s),
        Settings::Sync(s) => sync::run(s),
    }
}
