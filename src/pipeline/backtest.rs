//! `backtest`: the backlog ranked at a past commit T against where the commits after T landed,
//! side by side with simple baselines (past churn, size, complexity, random).

use std::collections::HashSet;

use super::collect::check_root;
use super::scan::scan_collected;
use super::ScanRequest;
use crate::backtest::{self as measures, FileAtT};
use crate::error::Error;
use crate::history::backtest::{self as git, Pick};
use crate::history::Location;
use crate::model::{self, Tool};
use crate::{util, walk};

/// How T is chosen.
pub type BacktestAt = Pick;

/// What `debtscan backtest` needs.
#[derive(Debug, Clone)]
pub struct BacktestRequest {
    /// The scan to run at T (its `path` is the directory in the real repository).
    pub scan: ScanRequest,
    /// How T is chosen.
    pub at: BacktestAt,
    /// The cuts: each ranking is measured on its top k files for each k (and on as many files
    /// as the backlog names).
    pub cuts: Vec<usize>,
    /// The code roles ranked and measured (files by their path's role, items by theirs).
    pub roles: Vec<model::Role>,
}

/// Ranks the code as it was at T (in a temporary checkout outside the repository, whose
/// history ends at T) and measures the rankings by the commits from T to HEAD.
pub fn backtest(req: &BacktestRequest) -> Result<measures::BacktestReport, Error> {
    let root = check_root(&req.scan.path)?;
    let Location::WorkTree(workdir) = crate::history::locate(&root)? else {
        return Err(Error::NotARepository(req.scan.path.clone()));
    };
    let patterns = measures::FixPatterns::new(&req.scan.config.backtest.fix_patterns)
        .map_err(|e| Error::Usage(format!("backtest.fix_patterns: {e}")))?;
    let picked = git::pick(&workdir, &req.at)?;
    let checkout = git::checkout(&workdir, picked.at)?;
    let prefix = walk::relative(&workdir, &root);
    let scanned = checkout.path().join(&prefix);
    if !scanned.is_dir() {
        return Err(Error::Usage(format!(
            "{} did not exist at {}: nothing to rank there",
            req.scan.path.display(),
            picked.at
        )));
    }
    let mut scan = req.scan.clone();
    scan.path = scanned;
    scan.history = true;
    scan.metrics = true;
    let (backlog, collected) = scan_collected(&scan)?;

    let history = collected.history();
    let roles = crate::score::file_roles(&scan.config.roles, &collected.facts);
    let universe: Vec<FileAtT> = collected
        .facts
        .iter()
        .zip(roles)
        .filter(|(_, role)| req.roles.contains(role))
        .map(|(f, _)| FileAtT {
            path: f.path.clone(),
            lines: f.lines,
            cyclomatic: f.metrics.as_ref().map_or(0, |m| {
                m.functions.iter().map(|x| u64::from(x.cyclomatic)).sum()
            }),
            revisions: history
                .and_then(|h| h.files.get(&f.path))
                .map_or(0, |s| u64::from(s.revisions)),
        })
        .collect();
    let known: HashSet<String> = universe.iter().map(|f| f.path.clone()).collect();
    let commits: Vec<measures::Commit> =
        git::changes_after(&workdir, picked.head, picked.at, &known)?
            .into_iter()
            .map(|c| measures::Commit {
                fix: patterns.is_fix(&c.subject),
                files: c.files,
            })
            .collect();

    let (backlog_order, named) = measures::backlog_order(
        backlog
            .items
            .iter()
            .map(|i| (i.location.path.as_str(), i.score)),
        &universe,
    );
    let rankings = [
        (measures::BACKLOG, backlog_order),
        (
            measures::CHURN,
            measures::order_by(&universe, |f| f.revisions),
        ),
        (
            measures::SIZE,
            measures::order_by(&universe, |f| u64::from(f.lines)),
        ),
        (
            measures::COMPLEXITY,
            measures::order_by(&universe, |f| f.cyclomatic),
        ),
        (
            measures::RANDOM,
            measures::shuffled(&universe, measures::RANDOM_SEED),
        ),
    ];
    let measured = measures::evaluate(&rankings, &req.cuts, named, &commits);
    let verdict = measures::verdict(
        &measured,
        &[
            measures::CHURN,
            measures::SIZE,
            measures::COMPLEXITY,
            measures::RANDOM,
        ],
    );

    // Warnings name the checkout; the user knows the directory they gave.
    let temp = checkout.path().join(&prefix).display().to_string();
    let given = req.scan.path.display().to_string();
    let warnings = backlog
        .summary
        .warnings
        .iter()
        .map(|w| w.replace(&temp, &given))
        .collect();
    let head = crate::history::head(&workdir);
    let mut repository = backlog.repository.clone();
    repository.root = given;
    repository.head = Some(picked.head.to_string());
    repository.branch = head.and_then(|(_, branch)| branch);
    Ok(measures::BacktestReport {
        schema_version: model::SCHEMA_VERSION,
        tool: Tool::current(),
        repository,
        at: measures::At {
            commit: picked.at.to_string(),
            date: util::timestamp(picked.at_time),
            chosen_by: match &req.at {
                Pick::MonthsBack(n) => format!("--months {n}"),
                Pick::Rev(rev) => format!("--at {rev}"),
            },
        },
        window: measures::WindowSummary::of(&commits, util::timestamp(picked.head_time)),
        fix_patterns: req.scan.config.backtest.fix_patterns.clone(),
        files: universe.len(),
        backlog_files: named,
        backlog_items: backlog.items.len(),
        rankings: measured,
        verdict,
        warnings,
    })
}
