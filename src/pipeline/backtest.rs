//! `backtest`: the backlog ranked at a past commit T against where the commits after T landed,
//! side by side with simple baselines (past churn, size, complexity, random).

use std::collections::HashSet;

use super::collect::check_root;
use super::scan::scan_collected;
use super::touched;
use super::ScanRequest;
use crate::backtest::{self as measures, FileAtT};
use crate::error::Error;
use crate::history::backtest::{self as git, Pick};
use crate::history::Location;
use crate::model::{self, Tool};
use crate::util;

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
    /// How many windows, each one `--months` period further back and measured up to the
    /// next one's T (1: T to HEAD only).
    pub windows: u32,
    /// Files or functions.
    pub level: measures::Level,
}

/// Ranks the code as it was at T (its tree read from git objects, with the history up to T, as
/// `scan --as-of T` does) and measures the rankings by the commits from T to HEAD; with several
/// windows, again at T₂ one period before T measured up to T, and so on, pooled.
pub fn backtest(req: &BacktestRequest) -> Result<measures::BacktestReport, Error> {
    let root = check_root(&req.scan.path)?;
    let Location::WorkTree(workdir) = crate::history::locate(&root)? else {
        return Err(Error::NotARepository(req.scan.path.clone()));
    };
    let config = &req.scan.config.backtest;
    let patterns = measures::FixPatterns::new(&config.fix_patterns, &config.mechanical_patterns)
        .map_err(|e| Error::Usage(format!("backtest.{e}")))?;
    let given = req.scan.path.display().to_string();
    let mut windows = Vec::new();
    let mut warnings = Vec::new();
    let mut newest: Option<model::RepositoryInfo> = None;
    // The end of the next window back: HEAD first, then each window's T.
    let mut end: Option<(git2::Oid, i64)> = None;
    for n in 1..=req.windows.max(1) {
        let pick = match &req.at {
            Pick::MonthsBack(m) => Pick::MonthsBack(m.saturating_mul(n)),
            rev => rev.clone(),
        };
        let picked = match git::pick(&workdir, &pick) {
            Ok(p) => p,
            Err(e) if n > 1 => {
                warnings.push(format!(
                    "only {} of the {} windows fit in the history: {e}",
                    n - 1,
                    req.windows
                ));
                break;
            }
            Err(e) => return Err(e),
        };
        if end.is_some_and(|(previous, _)| previous == picked.at) {
            warnings.push(format!(
                "only {} of the {} windows: window {n} would start at the same commit as window \
                 {} (no first-parent commit in between); give a shorter --months",
                n - 1,
                req.windows,
                n - 1
            ));
            break;
        }
        let until = end.unwrap_or((picked.head, picked.head_time));
        let (window, scan_warnings, repository) =
            one_window(req, &workdir, &patterns, &pick, &picked, until)?;
        warnings.extend(scan_warnings);
        if newest.is_none() {
            let head = crate::history::head(&workdir);
            let mut repository = repository;
            repository.root = given.clone();
            repository.head = Some(picked.head.to_string());
            repository.head_date = Some(crate::util::timestamp(picked.head_time));
            repository.branch = head.and_then(|(_, branch, _)| branch);
            // The report is about HEAD; T is its `at`.
            repository.as_of = None;
            newest = Some(repository);
        }
        windows.push(window);
        end = Some((picked.at, picked.at_time));
    }
    let Some(repository) = newest else {
        return Err(Error::Internal("the back-test measured no window".into()));
    };
    let rankings = measures::pool(&windows);
    let verdict = measures::verdict(
        &rankings,
        &[
            measures::CHURN,
            measures::SIZE,
            measures::COMPLEXITY,
            measures::RANDOM,
        ],
        &windows
            .iter()
            .map(|w| w.fixes.as_slice())
            .collect::<Vec<_>>(),
    );
    warnings.dedup();
    let first = &windows[0];
    Ok(measures::BacktestReport {
        schema_version: model::SCHEMA_VERSION,
        tool: Tool::current(),
        repository,
        at: first.at.clone(),
        window: first.window.clone(),
        level: req.level,
        fix_patterns: config.fix_patterns.clone(),
        mechanical_patterns: config.mechanical_patterns.clone(),
        files: first.files,
        backlog_files: first.backlog_files,
        backlog_items: first.backlog_items,
        rankings,
        verdict,
        windows,
        warnings,
    })
}

/// Ranks the code at `picked.at` and measures the rankings by the commits after it up to
/// `until` (a commit and its time): the window, the scan's warnings and the repository as the
/// scan at T saw it.
fn one_window(
    req: &BacktestRequest,
    workdir: &std::path::Path,
    patterns: &measures::FixPatterns,
    pick: &Pick,
    picked: &git::Picked,
    (until, until_time): (git2::Oid, i64),
) -> Result<(measures::WindowReport, Vec<String>, model::RepositoryInfo), Error> {
    let at = picked.at;
    let mut scan = req.scan.clone();
    scan.history_options.start = Some(crate::history::Start {
        rev: at.to_string(),
        commit: at,
        time: picked.at_time,
    });
    scan.history = true;
    scan.metrics = true;
    let (backlog, collected) = scan_collected(&scan)?;

    let history = collected.history();
    let roles = crate::score::code_roles(&scan.config.roles, &collected.facts);
    let mut ranked_functions: Vec<Vec<bool>> = Vec::new();
    let files: Vec<(&crate::parse::FileFacts, u64)> = collected
        .facts
        .iter()
        .zip(roles)
        // At function level each function has its own role: a production file's test module
        // is test code, and it is all a test ranking takes from that file.
        .filter(|(_, (role, function_roles))| match req.level {
            measures::Level::File => req.roles.contains(role),
            measures::Level::Function => function_roles.iter().any(|r| req.roles.contains(r)),
        })
        .map(|(f, (_, function_roles))| {
            let revisions = history
                .and_then(|h| h.files.get(&f.path))
                .map_or(0, |s| u64::from(s.revisions));
            ranked_functions.push(
                function_roles
                    .iter()
                    .map(|r| req.roles.contains(r))
                    .collect(),
            );
            (f, revisions)
        })
        .collect();
    let ranked: HashSet<String> = files.iter().map(|(f, _)| f.path.clone()).collect();
    let universe: Vec<FileAtT> = match req.level {
        measures::Level::File => files
            .iter()
            .map(|(f, revisions)| FileAtT {
                path: f.path.clone(),
                lines: f.lines,
                cyclomatic: f.metrics.as_ref().map_or(0, |m| {
                    m.functions.iter().map(|x| u64::from(x.cyclomatic)).sum()
                }),
                revisions: *revisions,
            })
            .collect(),
        measures::Level::Function => touched::functions_at_t(
            (files.iter().copied()).zip(ranked_functions.iter().map(Vec::as_slice)),
        ),
    };
    let known: HashSet<String> = universe.iter().map(|f| f.path.clone()).collect();
    let changes = git::changes_after(workdir, until, at, &ranked)?;
    // Only the function level reads the versions around each change.
    let mut touched = match req.level {
        measures::Level::File => None,
        measures::Level::Function => Some(touched::Touched::new(
            git::Blobs::open(workdir)?,
            &collected.facts,
        )),
    };
    let mut commits: Vec<measures::Commit> = Vec::with_capacity(changes.len());
    for c in changes {
        let subject = patterns.classify(&c.subject);
        let units = match &mut touched {
            None => c.files,
            Some(touched) => touched.units(&c, &known)?,
        };
        commits.push(measures::Commit {
            fix: subject == measures::Subject::Fix,
            mechanical: subject == measures::Subject::Mechanical,
            files: units,
        });
    }

    // Each item counts where it lies: its file, or at function level its function at T
    // (items outside every function, such as a cycle or a file's hotspot, name none).
    let by_path: std::collections::HashMap<&str, &crate::parse::FileFacts> =
        files.iter().map(|(f, _)| (f.path.as_str(), *f)).collect();
    let placed: Vec<(String, f64)> = backlog
        .items
        .iter()
        .filter_map(|i| {
            let unit = match req.level {
                measures::Level::File => i.location.path.clone(),
                measures::Level::Function => {
                    touched::unit_of(by_path.get(i.location.path.as_str())?, &i.location)?
                }
            };
            Some((unit, i.score))
        })
        .collect();
    let (backlog_order, named) = measures::backlog_order(
        placed.iter().map(|(unit, score)| (unit.as_str(), *score)),
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
    let fixes = measures::fix_hits(&rankings, &req.cuts, named, &commits);
    let warnings = backlog.summary.warnings.clone();
    let window = measures::WindowReport {
        at: measures::At {
            commit: at.to_string(),
            date: util::timestamp(picked.at_time),
            chosen_by: match pick {
                Pick::MonthsBack(n) => format!("--months {n}"),
                Pick::Rev(rev) => format!("--at {rev}"),
            },
        },
        window: measures::WindowSummary::of(&commits, util::timestamp(until_time)),
        files: universe.len(),
        backlog_files: named,
        backlog_items: backlog.items.len(),
        rankings: measured,
        fixes,
    };
    Ok((window, warnings, backlog.repository.clone()))
}
