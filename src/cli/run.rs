//! Running a command from its resolved settings: the pipeline, the `--fail-on` checks and the
//! report. Nothing here looks at flags or the terminal; `resolve` decided all of that.

use std::io::Write;

use crate::error::Error;
use crate::history::HistoryOptions;
use crate::model::{Backlog, DebtItem, Kind};
use crate::pipeline;
use crate::report::{self, Format};

use super::args::{FailOn, FunctionSort};
use super::resolve::{
    BacktestSettings, CacheClearSettings, CacheInfoSettings, ChurnSettings, CouplingSettings,
    DiffSettings, ExplainSettings, ExplainSource, FunctionsSettings, GraphSettings,
    HotspotsSettings, InitSettings, Output, ScanSettings,
};

/// How a command ends other than with success.
pub enum RunError {
    /// The reader of standard output went away (`debtscan scan | head`): not a failure.
    BrokenPipe,
    /// A `--fail-on` condition was met (the report was still written); the reason.
    Threshold(String),
    /// The command failed.
    Failed(Error),
}

impl From<Error> for RunError {
    fn from(e: Error) -> Self {
        RunError::Failed(e)
    }
}

/// `scan` and `todos`.
pub fn scan(mut s: ScanSettings) -> Result<(), RunError> {
    show_progress(&mut s.request.history_options, s.progress, s.timings);
    let mut backlog = pipeline::scan(&s.request)?;
    keep_kinds(&mut backlog, s.kinds);
    if let Some(baseline) = &s.baseline {
        if let Some(n) = crate::diff::foreign(&baseline.backlog, &backlog) {
            return Err(Error::Backlog {
                path: baseline.file.clone(),
                message: format!(
                    "none of the {n} files this baseline names is in the scan of {}: it seems to \
                     come from another repository or directory; give a baseline written by \
                     `debtscan scan` of this tree",
                    s.request.path.display()
                ),
            }
            .into());
        }
        backlog.summary.baseline = Some(crate::diff::annotate(
            &mut backlog,
            &baseline.backlog,
            &baseline.file.display().to_string(),
            crate::diff::MIN_SCORE_CHANGE,
        ));
    }
    if let Some(owners) = &s.people.owners {
        if !owners.skipped.is_empty() {
            let lines: Vec<String> = owners.skipped.iter().map(|n| n.to_string()).collect();
            backlog.summary.warnings.push(format!(
                "{}: {} {} no owner rule (negation or a bad pattern), left out of \
                 suggested assignees",
                owners.file,
                if lines.len() == 1 { "line" } else { "lines" },
                lines.join(", ") + if lines.len() == 1 { " is" } else { " are" }
            ));
        }
    }
    warn(s.quiet, &backlog.summary.warnings);
    report::tracker::prepare(
        &mut backlog,
        &s.request.config.levels,
        s.forge.as_ref(),
        &s.people,
    );
    let failure = s.fail_on.iter().find_map(|f| f.check(&backlog.items));
    // A trend mixing in another tree's backlogs would draw numbers that mean nothing.
    for (file, run) in &s.trend {
        if let Some(n) = crate::diff::foreign_paths(&run.paths, &backlog) {
            return Err(Error::Backlog {
                path: file.clone(),
                message: format!(
                    "none of the {n} files this backlog names is in the scan of {}: it seems \
                     to come from another repository or directory; give --history backlogs \
                     written by `debtscan scan` of this tree",
                    s.request.path.display()
                ),
            }
            .into());
        }
    }
    // This run's point of the trend counts every item, before --top.
    let mut trend: Vec<_> = std::mem::take(&mut s.trend)
        .into_iter()
        .map(|(_, r)| r)
        .collect();
    if !trend.is_empty() {
        trend.push(report::html::trend::Run::totals(
            &backlog, "this run", s.kinds,
        ));
        report::html::trend::order(&mut trend);
    }
    if let Some(top) = s.top {
        backlog.items.truncate(top);
    }
    let text = match s.output.format {
        Format::Html => report::html::render(&backlog, &trend),
        format => report::render(&backlog, format, s.width, &s.request.config.levels),
    };
    emit(&text, &s.output)?;
    // The process ends here: freeing the backlog's many small allocations one by one took
    // 70 ms of a 1 s warm run on cargo, for memory the exit returns at once.
    std::mem::forget(backlog);
    match failure {
        Some(reason) => Err(RunError::Threshold(reason)),
        None => Ok(()),
    }
}

/// `diff`.
pub fn diff(s: DiffSettings) -> Result<(), RunError> {
    let old = crate::diff::load(&s.old)?;
    let new = crate::diff::load(&s.new)?;
    let report = crate::diff::compare(
        &old,
        &new,
        (&s.old.display().to_string(), &s.new.display().to_string()),
        s.min_score_change,
    );
    let text = match s.output.format {
        Format::Json => report::diff::json(&report),
        Format::Markdown => report::diff::markdown(&report),
        _ => report::diff::table(&report),
    };
    emit(&text, &s.output)?;
    let new: Vec<_> = report.new.iter().collect();
    match new_items_reason(&new, "the older run").filter(|_| s.fail_on_new) {
        Some(reason) => Err(RunError::Threshold(reason)),
        None => Ok(()),
    }
}

/// `explain`.
pub fn explain(s: ExplainSettings) -> Result<(), RunError> {
    let (backlog, source) = match s.source {
        ExplainSource::Input(file) => (crate::diff::load(&file)?, file.display().to_string()),
        ExplainSource::Scan(mut request) => {
            show_progress(&mut request.history_options, s.progress, s.timings);
            let backlog = pipeline::scan(&request)?;
            warn(s.quiet, &backlog.summary.warnings);
            (backlog, format!("the scan of {}", request.path.display()))
        }
    };
    let wanted = s.id.as_str();
    let found: Vec<&DebtItem> = backlog
        .items
        .iter()
        .filter(|i| i.id == wanted || (wanted.len() >= 4 && i.id.starts_with(wanted)))
        .collect();
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
    let text = match s.output.format {
        Format::Json => report::explain::json(item, &backlog),
        _ => report::explain::text(item, &backlog),
    };
    emit(&text, &s.output)
}

/// `init`.
pub fn init(s: InitSettings) -> Result<(), RunError> {
    let text = crate::config::DEFAULT_TOML;
    if s.stdout {
        return write(text, None);
    }
    if !s.dir.is_dir() {
        return Err(Error::NotADirectory(s.dir).into());
    }
    let target = s.dir.join(crate::config::FILE_NAME);
    if target.exists() && !s.force {
        return Err(Error::Usage(format!(
            "{} already exists: pass --force to overwrite it, or --stdout to print the defaults",
            target.display()
        ))
        .into());
    }
    write(text, Some(&target))?;
    eprintln!(
        "debtscan: wrote {} (every setting at its default; delete what you do not change)",
        target.display()
    );
    Ok(())
}

/// `coupling`.
pub fn coupling(mut s: CouplingSettings) -> Result<(), RunError> {
    show_progress(&mut s.request.history_options, s.progress, s.timings);
    let mut coupling = in_pool(s.jobs, || pipeline::coupling(&s.request, s.thresholds))?;
    warn(s.quiet, &coupling.warnings);
    if let Some(top) = s.top {
        coupling.coupling.pairs.truncate(top);
        coupling.coupling.sum_of_coupling.truncate(top);
    }
    let text = match s.output.format {
        Format::Json => report::coupling::json(&coupling),
        _ => report::coupling::table(&coupling),
    };
    emit(&text, &s.output)
}

/// `churn`.
pub fn churn(mut s: ChurnSettings) -> Result<(), RunError> {
    show_progress(&mut s.request.history_options, s.progress, s.timings);
    let mut churn = in_pool(s.jobs, || pipeline::churn(&s.request))?;
    warn(s.quiet, &churn.warnings);
    if let Some(top) = s.top {
        churn.files.truncate(top);
    }
    let text = match s.output.format {
        Format::Json => report::churn::json(&churn),
        _ => report::churn::table(&churn),
    };
    emit(&text, &s.output)
}

/// `graph`.
pub fn graph(mut s: GraphSettings) -> Result<(), RunError> {
    show_progress(&mut s.request.history_options, s.progress, s.timings);
    let report = pipeline::graph(&s.request, s.by)?;
    warn(s.quiet, &report.warnings);
    let text = match s.output.format {
        Format::Json => report::graph::json(&report),
        Format::Dot => report::graph::dot(&report),
        _ => report::graph::table(&report, s.top),
    };
    emit(&text, &s.output)
}

/// `hotspots`.
pub fn hotspots(mut s: HotspotsSettings) -> Result<(), RunError> {
    show_progress(&mut s.request.history_options, s.progress, s.timings);
    let mut report = pipeline::hotspots(&s.request, s.functions)?;
    warn(s.quiet, &report.warnings);
    if let Some(top) = s.top {
        report.files.truncate(top);
        report.functions.truncate(top);
    }
    let text = match s.output.format {
        Format::Json => report::hotspots::json(&report),
        _ => report::hotspots::table(&report),
    };
    emit(&text, &s.output)
}

/// `backtest`.
pub fn backtest(mut s: BacktestSettings) -> Result<(), RunError> {
    show_progress(&mut s.request.scan.history_options, s.progress, s.timings);
    let report = pipeline::backtest(&s.request)?;
    warn(s.quiet, &report.warnings);
    let text = match s.output.format {
        Format::Json => report::backtest::json(&report),
        _ => report::backtest::table(&report),
    };
    emit(&text, &s.output)
}

/// `cache info`.
pub fn cache_info(s: CacheInfoSettings) -> Result<(), RunError> {
    let report = pipeline::cache_info(&s.request)?;
    let text = match s.format {
        Format::Json => crate::util::pretty_json(&report),
        _ => cache_table(&report, &s.request.path, s.max_size),
    };
    write(&text, None)
}

/// The text of `cache info`.
fn cache_table(report: &pipeline::CacheReport, path: &std::path::Path, max_size: u64) -> String {
    use crate::cache::human_size;
    use std::fmt::Write as _;
    let info = &report.info;
    let mut out = String::new();
    let state = match info.format {
        None => "nothing cached yet".to_string(),
        Some(f) if f > info.supported_format => format!(
            "format {f}, written by a newer debtscan: not used by this one (format {})",
            info.supported_format
        ),
        Some(f) => format!("format {f}"),
    };
    let _ = writeln!(out, "cache directory: {} ({state})", info.dir.display());
    let _ = writeln!(
        out,
        "max_size:        {} per repository",
        human_size(max_size)
    );
    let current = info.repositories.iter().find(|r| r.current);
    match (&report.repository_key, current) {
        (None, _) => {
            let _ = writeln!(
                out,
                "{}: not a git repository with commits; nothing of it is cached",
                path.display()
            );
        }
        (Some(_), None) => {
            let _ = writeln!(
                out,
                "this repository: no cache yet (the next scan writes it)"
            );
        }
        (Some(_), Some(repo)) => {
            let _ = writeln!(
                out,
                "this repository: {} ({})",
                repo.note.dir.display(),
                human_size(repo.bytes)
            );
            let rows: Vec<[String; 4]> = repo
                .tables
                .iter()
                .map(|t| {
                    [
                        t.segments.to_string(),
                        t.entries.to_string(),
                        human_size(t.bytes),
                        format!("{} v{}", t.name, t.version),
                    ]
                })
                .collect();
            if rows.is_empty() {
                out.push_str("  no entries yet\n");
            } else {
                let table =
                    crate::report::columns(["SEGMENTS", "ENTRIES", "SIZE", "TABLE"], &rows, 3);
                for line in table.lines() {
                    let _ = writeln!(out, "  {line}");
                }
            }
            if !repo.damaged.is_empty() {
                let _ = writeln!(
                    out,
                    "  damaged segments: {} (dropped by the next run that reads them)",
                    repo.damaged.len()
                );
            }
            if repo.newer > 0 {
                let _ = writeln!(
                    out,
                    "  segments of a newer debtscan: {} (left alone)",
                    repo.newer
                );
            }
        }
    }
    let others: Vec<_> = info.repositories.iter().filter(|r| !r.current).collect();
    if !others.is_empty() {
        let bytes: u64 = others.iter().map(|r| r.bytes).sum();
        let _ = writeln!(
            out,
            "other repositories: {} ({})",
            others.len(),
            human_size(bytes)
        );
        for r in others {
            let name = r.note.dir.file_name().unwrap_or_default().to_string_lossy();
            let path = r
                .note
                .path
                .as_ref()
                .map_or("?".into(), |p| p.display().to_string());
            let _ = writeln!(
                out,
                "  {name}  {}  last seen at {path}",
                human_size(r.bytes)
            );
        }
    }
    out
}

/// `cache clear`.
pub fn cache_clear(s: CacheClearSettings) -> Result<(), RunError> {
    let cleared = pipeline::cache_clear(&s.request)?;
    if !s.quiet {
        let what = if s.request.all {
            format!(
                "the caches of {} repositor{}",
                cleared.repositories,
                if cleared.repositories == 1 {
                    "y"
                } else {
                    "ies"
                }
            )
        } else {
            format!("the cache of {}", s.request.path.display())
        };
        if cleared.repositories == 0 {
            eprintln!(
                "debtscan: nothing to clear in {} ({what} is empty)",
                cleared.dir.display()
            );
        } else {
            eprintln!(
                "debtscan: removed {what} from {} ({})",
                cleared.dir.display(),
                crate::cache::human_size(cleared.bytes)
            );
        }
    }
    Ok(())
}

/// `functions`.
pub fn functions(s: FunctionsSettings) -> Result<(), RunError> {
    let mut report = pipeline::functions(&s.request)?;
    warn(s.quiet, &report.warnings);
    let key = |f: &crate::model::FunctionRecord| -> u32 {
        let m = &f.metrics;
        match s.sort {
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
    if let Some(top) = s.top {
        report.functions.truncate(top);
    }
    let text = match s.output.format {
        Format::Json => report::functions::json(&report),
        _ => report::functions::table(&report),
    };
    emit(&text, &s.output)
}

impl FailOn {
    /// The reason to fail on `items`, if they meet the condition.
    fn check(&self, items: &[DebtItem]) -> Option<String> {
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
            FailOn::Worse { by } => {
                let mut worse: Vec<(&DebtItem, f64)> = (items.iter())
                    .filter_map(|i| Some((i, i.score - i.baseline_score?)))
                    .filter(|(_, rise)| *rise >= by - 1e-9)
                    .collect();
                worse.sort_by(|a, b| b.1.total_cmp(&a.1));
                let (top, rise) = worse.first()?;
                Some(format!(
                    "--fail-on worse>={by}: {} item{} of the baseline scored {by} or more points \
                     higher, the most {} (+{rise:.1}, from {:.1})",
                    worse.len(),
                    crate::util::s(worse.len()),
                    item_ref(top),
                    top.baseline_score.unwrap_or_default()
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

/// How a failure names the highest item that caused it.
fn item_ref(i: &DebtItem) -> String {
    format!(
        "{} {} (score {:.1}) at {}:{}",
        i.id, i.summary, i.score, i.location.path, i.location.start_line
    )
}

/// The reason of `--fail-on new` with these new items (best first) since `against`, if any.
fn new_items_reason(new: &[&DebtItem], against: &str) -> Option<String> {
    let top = new.first()?;
    Some(format!(
        "--fail-on new: {} new item{} since {against}, the highest {}",
        new.len(),
        crate::util::s(new.len()),
        item_ref(top)
    ))
}

/// Shows the run's phases on standard error when `show` (resolve decided it is watched), and
/// their wall times with `timings`.
fn show_progress(options: &mut HistoryOptions, show: bool, timings: bool) {
    options.progress = crate::progress::Progress::new(show, timings);
}

/// Runs `f` on a pool of `jobs` threads.
fn in_pool<T: Send>(jobs: usize, f: impl FnOnce() -> Result<T, Error> + Send) -> Result<T, Error> {
    rayon::ThreadPoolBuilder::new()
        .num_threads(jobs)
        .build()
        .map_err(|e| Error::Internal(format!("cannot start worker threads: {e}")))?
        .install(f)
}

/// Prints run-level warnings on standard error, unless `quiet`.
fn warn(quiet: bool, warnings: &[String]) {
    if !quiet {
        for warning in warnings {
            eprintln!("debtscan: warning: {warning}");
        }
    }
}

/// Writes a report where `output` says.
pub(super) fn emit(text: &str, output: &Output) -> Result<(), RunError> {
    write(text, output.file.as_deref())
}

/// Writes `text` to `file` (atomically) or standard output.
fn write(text: &str, file: Option<&std::path::Path>) -> Result<(), RunError> {
    match file {
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
