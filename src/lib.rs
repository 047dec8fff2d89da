//! debtscan turns a repository into a prioritised, explained tech-debt backlog.
//!
//! Data flows one way: [`walk`] lists the files, [`parse`] extracts per-file facts with
//! tree-sitter, [`history`] mines git, [`score`] turns facts into ranked [`model::DebtItem`]s and
//! [`report`] renders the [`model::Backlog`]. [`scan`] runs the whole pipeline.

pub mod cli;
pub mod config;
pub mod diff;
pub mod error;
pub mod graph;
pub mod history;
pub mod hotspots;
pub mod lang;
pub mod model;
pub mod parse;
pub mod report;
pub mod score;
pub mod stats;
pub mod walk;
pub mod xray;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::config::Config;
pub use crate::error::Error;
use crate::history::{History, Location};
use crate::model::{Backlog, HistoryInfo, RepositoryInfo, SkipReason, Summary, Tool};
use crate::parse::{FileFacts, TagSet};

/// Everything a scan needs, resolved from flags and config.
#[derive(Debug, Clone)]
pub struct ScanRequest {
    /// The directory to scan.
    pub path: PathBuf,
    /// Settings.
    pub config: Config,
    /// Extra include globs.
    pub include: Vec<String>,
    /// Extra exclude globs.
    pub exclude: Vec<String>,
    /// Use git history.
    pub history: bool,
    /// How to walk it.
    pub history_options: history::HistoryOptions,
    /// Worker threads (at least 1).
    pub jobs: usize,
    /// Find comment markers and debt macros.
    pub markers: bool,
    /// Measure function complexity (parses every file; markers alone need not).
    pub metrics: bool,
    /// Read module declarations and imports, and build the dependency graph.
    pub imports: bool,
}

/// What the walk, the parse and the history pass gathered, before scoring.
pub struct Collected {
    /// Where the repository's work tree is, if any.
    location: Location,
    /// The directory paths are relative to: the work tree, or the scanned directory.
    base: PathBuf,
    /// Facts of every parsed file, in walk order.
    pub facts: Vec<FileFacts>,
    history: HistoryState,
    /// Files left out, with the reason.
    skipped: Vec<(String, SkipReason)>,
    /// Files analysed only in part.
    partial: Vec<(String, SkipReason)>,
    /// What to tell the user on standard error (and in the report).
    pub warnings: Vec<String>,
    /// The history options in effect.
    effective: history::HistoryOptions,
    pool: rayon::ThreadPool,
}

impl Collected {
    /// The history, when it was read and the repository has commits.
    pub fn history(&self) -> Option<&History> {
        match &self.history {
            HistoryState::Available(h) => Some(h),
            _ => None,
        }
    }

    /// The `repository` block of a report.
    pub fn repository(&self, req: &ScanRequest) -> RepositoryInfo {
        let available = self.history();
        // Without history (--no-history), HEAD is still worth naming.
        let (head, branch) = match (available, &self.location) {
            (Some(h), _) => (Some(h.head.clone()), h.branch.clone()),
            (None, Location::WorkTree(dir)) => match history::head(dir) {
                Some((head, branch)) => (Some(head), branch),
                None => (None, None),
            },
            (None, Location::NotARepository) => (None, None),
        };
        RepositoryInfo {
            root: req.path.display().to_string(),
            head,
            branch,
            history: history_info(available, &self.effective),
        }
    }

    /// The `summary` block of a report about `items` items.
    fn summary(&self, items: &[model::DebtItem]) -> Summary {
        let mut by_kind = BTreeMap::new();
        for item in items {
            *by_kind.entry(item.kind.as_str().to_string()).or_insert(0) += 1;
        }
        Summary {
            items: items.len(),
            by_kind,
            files_scanned: self.facts.len(),
            skipped_files: model::group_files(self.skipped.clone()),
            partial_files: model::group_files(self.partial.clone()),
            warnings: self.warnings.clone(),
            baseline: None,
        }
    }
}

/// Runs the pipeline and returns the ranked backlog (all items; `--top` is a report concern).
pub fn scan(req: &ScanRequest) -> Result<Backlog, Error> {
    let mut collected = collect(req, true)?;
    if let (HistoryState::Available(h), Location::WorkTree(dir)) =
        (&collected.history, &collected.location)
    {
        let facts = &mut collected.facts;
        collected
            .pool
            .install(|| attach_introductions(dir, h, &collected.effective.aliases, facts))?;
    }
    let hotspots = analyse_hotspots(&collected, req, true)?;
    let missing = collected.history().and_then(|h| h.missing.warning());
    collected.warnings.extend(missing);
    let dependencies = req.imports.then(|| {
        let (g, hidden) = dependency_graph(&collected, &req.config);
        collected.warnings.extend(g.warnings.iter().cloned());
        graph::DependencyFacts {
            analysed: graph::analysis::analyse(&g, graph::analysis::Granularity::File),
            hidden,
        }
    });
    let items = score::rank(
        &collected.facts,
        collected.history(),
        hotspots.as_ref(),
        dependencies.as_ref(),
        &req.config,
    );
    Ok(Backlog {
        schema_version: model::SCHEMA_VERSION,
        tool: tool(),
        repository: collected.repository(req),
        summary: collected.summary(&items),
        scoring: req.config.score.clone(),
        items,
        code_index: code_index(&collected.facts),
    })
}

/// The [`model::CodeIndex`] of the scanned files, when every one of them was parsed for its
/// symbols (without them, a missing entry would not mean the code is gone).
fn code_index(facts: &[FileFacts]) -> Option<model::CodeIndex> {
    let mut entries = Vec::new();
    for f in facts {
        entries.push(model::CodeIndex::entry(&f.path, None));
        for symbol in f.symbols.as_ref()? {
            entries.push(model::CodeIndex::entry(&f.path, Some(symbol)));
        }
    }
    entries.sort_unstable();
    entries.dedup();
    Some(model::CodeIndex {
        hash: model::CodeIndex::HASH.into(),
        entries,
    })
}

/// Walks, parses and (if asked) reads history; `trace_lines` records every file version so
/// marker lines can be traced to the commits that wrote them.
pub fn collect(req: &ScanRequest, trace_lines: bool) -> Result<Collected, Error> {
    let root = check_root(&req.path)?;
    let location = history::locate(&root)?;
    let base = match &location {
        Location::WorkTree(dir) if root.starts_with(dir) => dir.clone(),
        _ => root.clone(),
    };
    let walked = walk::walk(&walk::WalkRequest {
        root: &root,
        base: &base,
        config: &req.config.walk,
        include: &req.include,
        exclude: &req.exclude,
        threads: req.jobs,
    })?;

    let tags = TagSet::new(req.config.markers.tags.keys());
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(req.jobs.max(1))
        .build()
        .map_err(|e| Error::Internal(format!("cannot start worker threads: {e}")))?;
    let mut warnings = Vec::new();

    // Noise filters as for `churn`, and every file version for tracing marker lines.
    let effective = match &location {
        Location::WorkTree(dir) => {
            history_options(dir, &req.config, &req.history_options, false, trace_lines)
        }
        Location::NotARepository => req.history_options.clone(),
    };
    let (parsed, history) = pool.install(|| {
        rayon::join(
            || {
                walked
                    .files
                    .par_iter()
                    .map(|file| analyse_file(file, req, &tags))
                    .collect::<Vec<_>>()
            },
            || match (&location, req.history) {
                (_, false) => Ok(HistoryState::Disabled),
                (Location::NotARepository, true) => Ok(HistoryState::NotARepository),
                (Location::WorkTree(dir), true) => {
                    history::analyse(dir, &effective).map(|h| match h {
                        Some(h) => HistoryState::Available(Box::new(h)),
                        None => HistoryState::NoCommits,
                    })
                }
            },
        )
    });
    let history = history?;

    let mut facts = Vec::new();
    let mut skipped = walked.skipped;
    let mut partial = Vec::new();
    for (rel, outcome) in walked.files.iter().map(|f| &f.rel).zip(parsed) {
        match outcome {
            FileOutcome::Skipped(reason) => skipped.push((rel.clone(), reason)),
            FileOutcome::Parsed { facts: f, lossy } => {
                if lossy {
                    partial.push((rel.clone(), SkipReason::NonUtf8));
                }
                if f.syntax_errors {
                    partial.push((rel.clone(), SkipReason::SyntaxErrors));
                }
                facts.push(f);
            }
            FileOutcome::Failed(e) => return Err(e),
        }
    }

    match &history {
        HistoryState::Available(h) if h.shallow => warnings.push(shallow_warning(h)),
        HistoryState::NotARepository => warnings.push(format!(
            "{} is not inside a git repository: history skipped, items ranked by severity alone",
            req.path.display()
        )),
        HistoryState::NoCommits => warnings.push(
            "the repository has no commits yet: history skipped, items ranked by severity alone"
                .into(),
        ),
        _ => {}
    }
    Ok(Collected {
        location,
        base,
        facts,
        history,
        skipped,
        partial,
        warnings,
        effective,
        pool,
    })
}

/// Ranks hotspots from what `collect` gathered (with metrics and history); with `xray`, also
/// the functions of the hottest files. `None` without history.
fn analyse_hotspots(
    collected: &Collected,
    req: &ScanRequest,
    xray: bool,
) -> Result<Option<hotspots::Hotspots>, Error> {
    let (Some(h), Location::WorkTree(workdir)) = (collected.history(), &collected.location) else {
        return Ok(None);
    };
    let config = &req.config.hotspots;
    let activity =
        hotspots::window_activity(h, config.window_days, req.config.history.half_life_days);
    let files = hotspots::rank_files(&collected.facts, &activity);
    let mut functions = Vec::new();
    if xray {
        let paths = hotspots::xray_candidates(&files, config);
        let mut options = collected.effective.clone();
        options.since = Some(
            options
                .since
                .map_or(activity.since, |s| s.max(activity.since)),
        );
        options.max_commits = None;
        let xrays = collected.pool.install(|| {
            xray::xray(
                workdir,
                &paths,
                &options,
                h.head_time,
                req.config.walk.max_file_size,
                &h.missing,
            )
        })?;
        functions = hotspots::rank_functions(&collected.facts, &xrays, config.window_days);
    }
    Ok(Some(hotspots::Hotspots {
        window: activity.window,
        files,
        functions,
        xray,
    }))
}

/// The dependency graph of what `collect` gathered (with imports), and the hidden coupling
/// in it when there is history.
fn dependency_graph(
    collected: &Collected,
    config: &Config,
) -> (graph::FileGraph, Vec<model::HiddenCoupling>) {
    let (manifests, unread) = read_manifests(&collected.base, &collected.facts);
    let mut g = graph::build(&collected.facts, &manifests);
    g.warnings.extend(unread);
    let hidden = match collected.history() {
        Some(h) => {
            let mut thresholds = history::coupling::Thresholds::from(&config.coupling);
            thresholds.min_degree = thresholds
                .min_degree
                .min(config.graph.hidden_coupling_degree);
            let coupling = history::coupling::analyse(&h.change_sets, thresholds);
            graph::analysis::hidden_coupling(
                &g,
                &coupling.pairs,
                config.graph.hidden_coupling_degree,
            )
        }
        None => Vec::new(),
    };
    (g, hidden)
}

/// The `Cargo.toml` manifests that may describe the parsed files, as `(relative path, text)`,
/// and warnings about the ones that could not be read.
fn read_manifests(base: &Path, facts: &[FileFacts]) -> (Vec<(String, String)>, Vec<String>) {
    // A manifest is a few kilobytes; anything huge is not one worth reading.
    const MAX_MANIFEST: u64 = 1 << 20;
    let candidates = graph::manifest_candidates(
        facts
            .iter()
            .filter(|f| f.imports.is_some())
            .map(|f| f.path.as_str()),
    );
    let mut found = Vec::new();
    let mut warnings = Vec::new();
    for rel in candidates {
        let path = base.join(&rel);
        // Not followed if a link, so a manifest outside the repository is never read.
        let Ok(meta) = std::fs::symlink_metadata(&path) else {
            continue;
        };
        if !meta.is_file() {
            continue;
        }
        if meta.len() > MAX_MANIFEST {
            warnings.push(format!("{rel} is larger than 1 MB: not read"));
            continue;
        }
        match std::fs::read_to_string(&path) {
            Ok(text) => found.push((rel, text)),
            Err(e) => warnings.push(format!("{rel} cannot be read ({e}): not used")),
        }
    }
    (found, warnings)
}

/// The dependency graph of the files below `req.path`, with nodes at `granularity`; with
/// history, the change coupling no dependency explains.
pub fn graph(
    req: &ScanRequest,
    granularity: graph::analysis::Granularity,
) -> Result<model::GraphReport, Error> {
    let mut req = req.clone();
    req.markers = false;
    req.metrics = false;
    req.imports = true;
    let collected = collect(&req, false)?;
    let (g, hidden) = dependency_graph(&collected, &req.config);
    let analysed = graph::analysis::analyse(&g, granularity);
    let mut warnings = collected.warnings.clone();
    warnings.extend(collected.history().and_then(|h| h.missing.warning()));
    if g.files.is_empty() {
        warnings.push(format!(
            "no Rust source files below {}: the dependency graph is empty",
            req.path.display()
        ));
    }
    warnings.extend(g.warnings.iter().cloned());
    let summary = model::GraphSummary {
        nodes: analysed.nodes.len(),
        edges: analysed.edges.len(),
        references: analysed.edges.iter().map(|e| u64::from(e.count)).sum(),
        crates: g.crates,
        cycles: analysed.cycles.len(),
        nodes_in_cycles: analysed.cycles.iter().map(|c| c.members.len()).sum(),
        largest_cycle: analysed.cycles.first().map_or(0, |c| c.members.len()),
        unresolved: g.unresolved.values().sum(),
        hidden_coupling: hidden.len(),
    };
    Ok(model::GraphReport {
        schema_version: model::SCHEMA_VERSION,
        tool: tool(),
        repository: collected.repository(&req),
        granularity: granularity.as_str().to_string(),
        summary,
        nodes: analysed.nodes,
        edges: analysed.edges,
        cycles: analysed.cycles,
        hidden_coupling: hidden,
        unresolved: g.unresolved,
        warnings,
    })
}

/// Files ranked by recent change × complexity; with `functions`, the functions of the hottest
/// files too. Reads only the history of the window (and `--since`, if later).
pub fn hotspots(req: &ScanRequest, functions: bool) -> Result<model::HotspotReport, Error> {
    let mut req = req.clone();
    req.metrics = true;
    req.history = true;
    let root = check_root(&req.path)?;
    let Location::WorkTree(workdir) = history::locate(&root)? else {
        return Err(Error::NotARepository(req.path.clone()));
    };
    if let Some(head_time) = history::head_time(&workdir)? {
        let start = head_time - i64::from(req.config.hotspots.window_days) * 86_400;
        let since = &mut req.history_options.since;
        *since = Some(since.map_or(start, |s| s.max(start)));
    }
    let collected = collect(&req, false)?;
    let analysis = analyse_hotspots(&collected, &req, functions)?;
    let mut warnings = collected.warnings.clone();
    warnings.extend(collected.history().and_then(|h| h.missing.warning()));
    if analysis.is_none() {
        warnings.push("no history: nothing can be a hotspot".into());
    }
    let (window, files, functions) = match analysis {
        Some(a) => (a.window, a.files, a.functions),
        None => (
            model::Window {
                days: req.config.hotspots.window_days,
                since: String::new(),
                commits: 0,
            },
            Vec::new(),
            Vec::new(),
        ),
    };
    Ok(model::HotspotReport {
        schema_version: model::SCHEMA_VERSION,
        tool: tool(),
        repository: collected.repository(&req),
        window,
        files,
        functions,
        warnings,
    })
}

/// Every function of the files below `req.path`, with per-file totals, in source order.
pub fn functions(req: &ScanRequest) -> Result<model::FunctionsReport, Error> {
    let mut req = req.clone();
    req.history = false;
    req.metrics = true;
    let collected = collect(&req, false)?;
    let mut files = Vec::new();
    let mut functions = Vec::new();
    let mut facts: Vec<&FileFacts> = collected.facts.iter().collect();
    facts.sort_by(|a, b| a.path.cmp(&b.path));
    for f in facts {
        let Some(metrics) = &f.metrics else {
            continue;
        };
        files.push(model::FileComplexity::of(&f.path, metrics));
        functions.extend(metrics.functions.iter().map(|m| model::FunctionRecord {
            path: f.path.clone(),
            metrics: m.clone(),
        }));
    }
    Ok(model::FunctionsReport {
        schema_version: model::SCHEMA_VERSION,
        tool: tool(),
        root: req.path.display().to_string(),
        files,
        functions,
        skipped_files: model::group_files(collected.skipped),
        partial_files: model::group_files(collected.partial),
        warnings: collected.warnings,
    })
}

/// Blames every marker line and records who wrote it and when.
fn attach_introductions(
    workdir: &Path,
    h: &History,
    aliases: &history::Aliases,
    facts: &mut [FileFacts],
) -> Result<(), Error> {
    let requests: Vec<(String, Vec<u32>)> = facts
        .iter()
        .filter(|f| !f.markers.is_empty())
        .map(|f| {
            (
                f.path.clone(),
                f.markers.iter().map(|m| m.start_line).collect(),
            )
        })
        .collect();
    if requests.is_empty() {
        return Ok(());
    }
    let found = history::blame::introductions(workdir, h, &requests).map_err(|e| Error::Git {
        path: workdir.to_path_buf(),
        message: e.message().to_string(),
    })?;
    for file in facts {
        for m in &mut file.markers {
            if let Some(Some(intro)) = found.get(&(file.path.clone(), m.start_line)) {
                m.marker.introduced = Some(model::Introduced {
                    commit: intro.commit.clone(),
                    author: aliases.resolve(intro.author.clone()),
                    date: timestamp(intro.time),
                    time: intro.time,
                });
            }
        }
    }
    Ok(())
}

/// The `history` block of a report.
fn history_info(history: Option<&History>, options: &history::HistoryOptions) -> HistoryInfo {
    HistoryInfo {
        available: history.is_some(),
        excluded: history.map(|h| h.excluded.clone()).unwrap_or_default(),
        commits_analyzed: history.map_or(0, |h| h.commits),
        since: options.since.map(timestamp),
        max_commits: options.max_commits,
        first_parent: options.first_parent,
        shallow: history.is_some_and(|h| h.shallow),
    }
}

/// Seconds since the epoch as RFC 3339 UTC (`2025-10-08T12:34:56Z`).
pub fn timestamp(seconds: i64) -> String {
    jiff::Timestamp::from_second(seconds)
        .map(|t| t.to_string())
        .unwrap_or_else(|_| seconds.to_string())
}

/// The walk options completed from the config and the repository: recency half-life and,
/// unless `raw`, the noise filters (`.git-blame-ignore-revs`, bot authors, lock files,
/// generated and vendored paths as the walk defines them).
fn history_options(
    workdir: &Path,
    config: &Config,
    base: &history::HistoryOptions,
    raw: bool,
    trace_lines: bool,
) -> history::HistoryOptions {
    let mut options = base.clone();
    options.half_life_days = config.history.half_life_days;
    // Tracing marker lines needs every version; the history commands do not.
    options.versions = trace_lines;
    options.aliases = std::sync::Arc::new(history::Aliases::new(&config.history.aliases));
    options.filters = (!raw).then(|| {
        let rules = walk::PathRules::new(workdir, &config.walk);
        history::NoiseFilters {
            ignore_revs: history::NoiseFilters::read_ignore_revs(workdir),
            bot_patterns: config
                .history
                .bots
                .iter()
                .map(|b| b.to_lowercase())
                .collect(),
            exclude_path: Some(std::sync::Arc::new(move |path: &str| rules.noise(path))),
        }
    });
    options
}

/// What `debtscan churn` needs.
#[derive(Debug, Clone)]
pub struct ChurnRequest {
    /// A directory inside the repository; only files below it are reported.
    pub path: PathBuf,
    /// How to walk the history (filters are added from `config` unless `raw`).
    pub history_options: history::HistoryOptions,
    /// Settings.
    pub config: Config,
    /// Count everything: no noise filter.
    pub raw: bool,
}

/// The history of the repository containing `req.path`, for the history commands: the
/// analysis, the repository block of the report, warnings, and the path prefix of `req.path`.
fn command_history(
    req: &ChurnRequest,
) -> Result<(Option<History>, RepositoryInfo, Vec<String>, String), Error> {
    let root = check_root(&req.path)?;
    let Location::WorkTree(workdir) = history::locate(&root)? else {
        return Err(Error::NotARepository(req.path.clone()));
    };
    let prefix = walk::relative(&workdir, &root);
    let options = history_options(&workdir, &req.config, &req.history_options, req.raw, false);
    let analysed = history::analyse(&workdir, &options)?;
    let mut warnings = Vec::new();
    match &analysed {
        None => warnings.push("the repository has no commits yet".to_string()),
        Some(h) if h.shallow => warnings.push(shallow_warning(h)),
        Some(_) => {}
    }
    warnings.extend(analysed.as_ref().and_then(|h| h.missing.warning()));
    let repository = RepositoryInfo {
        root: req.path.display().to_string(),
        head: analysed.as_ref().map(|h| h.head.clone()),
        branch: analysed.as_ref().and_then(|h| h.branch.clone()),
        history: history_info(analysed.as_ref(), &options),
    };
    Ok((analysed, repository, warnings, prefix))
}

/// Whether a repository-relative path lies below `prefix` (empty: the whole repository).
fn below(prefix: &str, path: &str) -> bool {
    prefix.is_empty()
        || path
            .strip_prefix(prefix)
            .is_some_and(|rest| rest.starts_with('/'))
}

/// Change coupling between the files present at HEAD below `req.path`.
pub fn coupling(
    req: &ChurnRequest,
    thresholds: history::coupling::Thresholds,
) -> Result<model::CouplingReport, Error> {
    let (analysed, repository, warnings, prefix) = command_history(req)?;
    let sets: Vec<history::ChangeSet> = analysed
        .map(|h| h.change_sets)
        .unwrap_or_default()
        .into_iter()
        .map(|mut set| {
            set.files.retain(|f| below(&prefix, f));
            set
        })
        .collect();
    Ok(model::CouplingReport {
        schema_version: model::SCHEMA_VERSION,
        tool: tool(),
        repository,
        coupling: history::coupling::analyse(&sets, thresholds),
        warnings,
    })
}

/// Per-file change statistics of the files present at HEAD below `req.path`.
pub fn churn(req: &ChurnRequest) -> Result<model::ChurnReport, Error> {
    let (analysed, repository, warnings, prefix) = command_history(req)?;
    let mut files = Vec::new();
    if let Some(h) = &analysed {
        for (path, stats) in &h.files {
            if !below(&prefix, path) {
                continue;
            }
            let main = stats.main_author();
            files.push(model::FileChurn {
                path: path.clone(),
                revisions: stats.revisions,
                added: stats.added,
                deleted: stats.deleted,
                authors: stats.authors.len(),
                main_author: main.map(|(name, _)| name.to_string()),
                main_author_share: round3(main.map_or(0.0, |(_, share)| share)),
                fragmentation: round3(stats.fragmentation()),
                weighted_revisions: round3(stats.weighted_revisions),
                first_change: timestamp(stats.first_change),
                last_change: timestamp(stats.last_change),
            });
        }
    }
    files.sort_by(|a, b| {
        b.revisions
            .cmp(&a.revisions)
            .then_with(|| a.path.cmp(&b.path))
    });
    Ok(model::ChurnReport {
        schema_version: model::SCHEMA_VERSION,
        tool: tool(),
        repository,
        files,
        warnings,
    })
}

/// `x` rounded to three decimals, as reports print ratios.
pub(crate) fn round3(x: f64) -> f64 {
    (x * 1000.0).round() / 1000.0
}

/// This debtscan, as reports name it.
pub(crate) fn tool() -> Tool {
    Tool {
        name: env!("CARGO_PKG_NAME").into(),
        version: env!("CARGO_PKG_VERSION").into(),
    }
}

fn shallow_warning(h: &History) -> String {
    format!(
        "shallow clone: only {} commits of history are available, so activity is \
         understated; run `git fetch --unshallow` for full history",
        h.commits
    )
}

enum HistoryState {
    Disabled,
    NotARepository,
    NoCommits,
    Available(Box<History>),
}

enum FileOutcome {
    Parsed { facts: FileFacts, lossy: bool },
    Skipped(SkipReason),
    Failed(Error),
}

fn analyse_file(file: &walk::SourceFile, req: &ScanRequest, tags: &TagSet) -> FileOutcome {
    let loaded = match walk::load(file, &req.config.walk) {
        Ok(loaded) => loaded,
        Err(reason) => return FileOutcome::Skipped(reason),
    };
    let rules = req.config.complexity.rules();
    let wanted = parse::Wanted {
        markers: req.markers,
        metrics: req.metrics.then_some(&rules),
        imports: req.imports,
    };
    match parse::parse_file(&file.rel, &loaded.text, file.language, tags, wanted) {
        Ok(facts) => FileOutcome::Parsed {
            facts,
            lossy: loaded.lossy,
        },
        Err(e) => FileOutcome::Failed(e),
    }
}

/// The scan root, canonicalised, or a clear error.
fn check_root(path: &Path) -> Result<PathBuf, Error> {
    let meta = std::fs::metadata(path).map_err(|_| Error::PathNotFound(path.to_path_buf()))?;
    if !meta.is_dir() {
        return Err(Error::NotADirectory(path.to_path_buf()));
    }
    path.canonicalize()
        .map_err(|_| Error::PathNotFound(path.to_path_buf()))
}
