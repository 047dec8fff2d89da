//! debtscan turns a repository into a prioritised, explained tech-debt backlog.
//!
//! Data flows one way: [`walk`] lists the files, [`parse`] extracts per-file facts with
//! tree-sitter, [`history`] mines git, [`graph`] builds the dependency graph, [`score`] turns
//! facts into ranked [`model::DebtItem`]s and [`report`] renders the [`model::Backlog`].
//! [`pipeline`] runs the stages; [`scan`] is the whole of it. [`coverage`] reads test coverage
//! reports, an optional input of the score. [`cache`] keeps computed facts between runs, filed
//! under the content they were computed from.

pub mod backtest;
pub mod cache;
pub mod cli;
pub mod codeowners;
pub mod config;
pub mod coverage;
pub mod diff;
pub mod error;
pub mod fixes;
pub mod graph;
pub mod history;
pub mod hotspots;
pub mod lang;
pub mod model;
pub mod parse;
pub mod pipeline;
pub mod progress;
pub mod report;
pub mod score;
pub mod stats;
pub mod sync;
pub mod util;
pub mod walk;
pub mod xray;

pub use crate::error::Error;
pub use crate::pipeline::{
    churn, collect, coupling, functions, graph, hotspots, scan, ChurnRequest, ScanRequest,
};
