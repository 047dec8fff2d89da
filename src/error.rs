//! Errors that stop a run. Problems with single files are not errors: they are counted in the
//! summary and the run goes on.

use std::path::PathBuf;

/// A run-stopping error; every variant says what to do about it.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The path to scan does not exist.
    #[error("{}: no such file or directory", .0.display())]
    PathNotFound(PathBuf),
    /// The path to scan is not a directory.
    #[error("{}: not a directory; give the root of the tree to scan", .0.display())]
    NotADirectory(PathBuf),
    /// The command needs git history and the path is not in a git work tree.
    #[error("{}: not inside a git repository; this command reads git history", .0.display())]
    NotARepository(PathBuf),
    /// A bare repository has no work tree to read.
    #[error("{}: a bare git repository has no work tree to scan; scan a clone of it instead", .0.display())]
    BareRepository(PathBuf),
    /// The config file is malformed.
    #[error("{}: invalid config: {message}", .path.display())]
    Config {
        /// The config file.
        path: PathBuf,
        /// What is wrong, with line and column where known.
        message: String,
    },
    /// An `--include` / `--exclude` glob is malformed.
    #[error("invalid glob {glob:?}: {message}")]
    Glob {
        /// The glob as given.
        glob: String,
        /// What is wrong.
        message: String,
    },
    /// The git repository could not be read.
    #[error("{}: cannot read the git repository: {message}", .path.display())]
    Git {
        /// The repository.
        path: PathBuf,
        /// What libgit2 said.
        message: String,
    },
    /// A saved backlog (`--baseline`, `diff`, `explain --input`) cannot be used.
    #[error("{}: {message}", .path.display())]
    Backlog {
        /// The file.
        path: PathBuf,
        /// What is wrong and what to do.
        message: String,
    },
    /// A test coverage report (`--coverage`, `[coverage] files`) cannot be used.
    #[error("{}: {message}", .path.display())]
    Coverage {
        /// The report as given.
        path: PathBuf,
        /// What is wrong (with the line where known) and what to do.
        message: String,
    },
    /// The cache directory cannot be inspected or cleared (`debtscan cache`); the message
    /// names it and says what to do.
    #[error("{0}")]
    Cache(String),
    /// A command-line value is malformed.
    #[error("{0}")]
    Usage(String),
    /// `debtscan sync` could not read or write the tracker; the message names the request.
    #[error("{0}")]
    Tracker(String),
    /// Writing the report failed.
    #[error("{}: cannot write the report: {source}", .path.display())]
    Output {
        /// The output file.
        path: PathBuf,
        /// The I/O error.
        source: std::io::Error,
    },
    /// A built-in query does not compile: a bug in debtscan.
    #[error("internal error: {0} (please report this)")]
    Internal(String),
}
