//! The pipeline: `walk → parse → history → graph → score`, and one entry point per command.
//! [`collect`] gathers the facts every command needs; [`scan`] turns them into the backlog; the
//! other entry points build their own reports from the same facts.

mod backtest;
mod cache;
mod cached_backlog;
mod cached_history;
mod cached_parse;
mod cached_xray;
mod collect;
mod history;
mod scan;
mod touched;

pub use backtest::{backtest, BacktestAt, BacktestRequest};
pub use cache::{cache_clear, cache_info, CacheReport, CacheRequest};
pub use collect::{collect, Collected, ScanRequest};
pub use history::{churn, coupling, ChurnRequest};
pub use scan::{functions, graph, hotspots, scan};
