//! `scan`, `graph`, `hotspots` and `functions`: the reports built from parsed files.

use std::path::Path;

use super::cached_backlog;
use super::collect::{collect, collect_walked, Collected, HistoryState, Place, ScanRequest};
use crate::config::Config;
use crate::error::Error;
use crate::graph as dependencies;
use crate::history::{self, Location};
use crate::hotspots as hot;
use crate::model::{self, Backlog, Tool};
use crate::parse::FileFacts;
use crate::{score, util, walk, xray};

/// Runs the pipeline and returns the ranked backlog (all items; `--top` is a report concern).
/// With a cache, a scan whose inputs are all unchanged since an earlier run returns that run's
/// backlog ([`cached_backlog`]).
pub fn scan(req: &ScanRequest) -> Result<Backlog, Error> {
    let place = Place::of(req)?;
    let (req, stretched_from) = place.windowed(req)?;
    let req = &*req;
    let walked = place.walk(req)?;
    let memo = {
        let _looking = req.history_options.progress.phase("backlog cache", "");
        cached_backlog::Memo::open(req, &place, &walked)
    };
    if let Some(backlog) = memo.as_ref().and_then(|m| m.get()) {
        return Ok(backlog);
    }
    let (mut backlog, collected) = scan_walked(req, place, walked, stretched_from)?;
    for warning in memo.iter().flat_map(|m| &m.warnings) {
        if !backlog.summary.warnings.contains(warning) {
            backlog.summary.warnings.push(warning.clone());
        }
    }
    // A run whose cache warned (a damaged segment, a failed save) says so in its own report,
    // not in a later one.
    let warned = collected.cache.iter().any(|c| !c.warnings().is_empty());
    if let Some(memo) = memo.filter(|m| !warned && m.warnings.is_empty()) {
        memo.keep(&backlog);
    }
    // The facts (a record of every file version in history) are freed while the report is
    // written, not before: 65 ms of a 1 s warm scan of cargo.
    std::thread::spawn(move || drop(collected));
    Ok(backlog)
}

/// [`scan`], and the facts the backlog was built from (for the back-test's baselines).
pub(super) fn scan_collected(req: &ScanRequest) -> Result<(Backlog, Collected), Error> {
    let place = Place::of(req)?;
    let (req, stretched_from) = place.windowed(req)?;
    let walked = place.walk(&req)?;
    scan_walked(&req, place, walked, stretched_from)
}

/// [`scan_collected`] of the files `walked` listed in `place`; `stretched_from`: the
/// configured window days, when [`Place::windowed`] stretched them.
fn scan_walked(
    req: &ScanRequest,
    place: Place,
    walked: walk::Walk,
    stretched_from: Option<u32>,
) -> Result<(Backlog, Collected), Error> {
    let mut collected = collect_walked(req, true, place, walked)?;
    // Marker introductions, the X-Ray and the graph each read what was collected and nothing
    // of one another: they run side by side (on a warm cache, one after another they were
    // most of a rerun's time). The graph, one job, starts first beside the introductions: the
    // X-Ray, split across files, fills in wherever a thread is free (started first, its
    // thread then waited while the graph ran alone after the two others).
    let (introductions, (dependencies, hotspots)) = {
        let collected = &collected;
        collected.pool.install(|| {
            rayon::join(
                || find_introductions(collected, req),
                || {
                    rayon::join(
                        || req.imports.then(|| graph_facts(collected, req)),
                        || analyse_hotspots(collected, req, Xray::ForScoring),
                    )
                },
            )
        })
    };
    if let Some(found) = introductions? {
        attach_introductions(&mut collected.facts, &found, &collected.effective.aliases);
    }
    // Their cache warnings are taken below with the other late ones, in one order whichever
    // finished first.
    let (hotspots, _) = hotspots?;
    let missing = collected.history().and_then(|h| h.missing.warning());
    collected.warnings.extend(missing);
    let dependencies = dependencies.map(|(facts, warnings)| {
        collected.warnings.extend(warnings);
        facts
    });
    let coverage = (!req.coverage.is_empty()).then(|| {
        let scanned: Vec<&str> = collected.facts.iter().map(|f| f.path.as_str()).collect();
        crate::coverage::map(&req.coverage, &collected.base, &collected.scope, &scanned)
    });
    collected
        .warnings
        .extend(coverage.iter().flat_map(|c| c.warnings()));
    // Saves after collecting (introductions, X-Ray) may have warned too.
    let mut late: Vec<String> = collected.cache.iter().flat_map(|c| c.warnings()).collect();
    late.sort();
    for warning in late {
        if !collected.warnings.contains(&warning) {
            collected.warnings.push(warning);
        }
    }
    let scoring = req.history_options.progress.phase("score", "items");
    let items = score::rank(
        &collected.facts,
        collected.history(),
        hotspots.as_ref(),
        dependencies.as_ref(),
        coverage.as_ref(),
        &req.config,
    );
    scoring.inc(items.len() as u64);
    drop(scoring);
    let mut summary = collected.summary(&items);
    summary.window = hotspots.as_ref().map(|h| model::ChangeWindow {
        days: h.window.days,
        since: h.window.since.clone(),
        commits: h.window.commits,
        stretched_from,
    });
    summary.coverage = coverage.map(|c| {
        c.summary(collected.facts.iter().map(|f| {
            let functions = f.metrics.as_ref().map(|m| m.functions.as_slice());
            (f.path.as_str(), functions.unwrap_or_default())
        }))
    });
    let backlog = Backlog {
        schema_version: model::SCHEMA_VERSION,
        tool: Tool::current(),
        repository: collected.repository(req),
        summary,
        scoring: req.config.score.clone(),
        items,
        code_index: code_index(&collected.facts),
        files: hotspots
            .iter()
            .flat_map(|h| &h.files)
            .map(|f| model::FileFigures {
                path: f.path.clone(),
                code_lines: f.code_lines,
                score: f.score,
                revisions: f.revisions,
            })
            .collect(),
    };
    Ok((backlog, collected))
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

/// Which files the hotspot analysis X-Rays.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Xray {
    /// None: files only.
    None,
    /// The `hotspots.xray_files` hottest, for the function ranking.
    Hottest,
    /// Those, and every file holding a complex function, so that each function item's change
    /// is its function's own (at most [`MAX_TRACKED_VERSIONS`] versions a file beyond the
    /// hottest).
    ForScoring,
}

/// The most commits in the window a file beyond the hottest may have for its functions to be
/// followed. Each is a diff and an incremental parse; a file changed more often than this is
/// among the hottest anyway in all but the busiest repositories, and past it the cost grows
/// with no bound worth paying for one item's change factor.
const MAX_TRACKED_VERSIONS: u32 = 150;

/// Ranks hotspots from what `collect` gathered (with metrics and history); with an X-Ray, also
/// the functions of the hottest files, and for scoring the function-level history of every
/// file holding a complex function. `None` without history. Also returns the cache's
/// warnings that arose meanwhile.
fn analyse_hotspots(
    collected: &Collected,
    req: &ScanRequest,
    xray: Xray,
) -> Result<(Option<hot::Hotspots>, Vec<String>), Error> {
    let (Some(h), Location::WorkTree(workdir)) = (collected.history(), &collected.location) else {
        return Ok((None, Vec::new()));
    };
    let mut cache_warnings = Vec::new();
    let config = &req.config.hotspots;
    let activity = hot::window_activity(
        h,
        config.window_days,
        req.config.history.half_life_days,
        config.fix_prone_max_files,
    );
    let own = crate::score::own_role_code(&req.config.roles, &collected.facts);
    let files = hot::rank_files(&collected.facts, &activity, &own);
    let mut functions = Vec::new();
    let mut function_history = xray::FunctionHistory::default();
    if xray != Xray::None {
        let hottest = hot::xray_candidates(&files, config);
        let mut paths = hottest.clone();
        if xray == Xray::ForScoring {
            let (tracked, untracked) = scoring_candidates(collected, &files, &hottest, req);
            paths.extend(tracked);
            function_history.untracked = untracked;
        }
        let mut options = collected.effective.clone();
        options.since = Some(
            options
                .since
                .map_or(activity.since, |s| s.max(activity.since)),
        );
        // Each file in the language the scan read it in (a `.h` is C++ in a C++ tree).
        let read_as: std::collections::HashMap<&str, crate::lang::LangId> = (collected.facts)
            .iter()
            .map(|f| (f.path.as_str(), f.language))
            .collect();
        let paths: Vec<(String, &'static crate::lang::LanguageDef)> = paths
            .into_iter()
            .filter_map(|p| {
                let def = match read_as.get(p.as_str()) {
                    Some(id) => crate::lang::get(*id)?,
                    None => crate::lang::for_path(std::path::Path::new(&p))?,
                };
                Some((p, def))
            })
            .collect();
        let cache = collected.cache.as_ref();
        let max_size = req.config.walk.max_file_size;
        let (mut xrays, warnings) = collected.pool.install(|| {
            let known = (cache, &collected.seeds);
            super::cached_xray::xray(known, workdir, h, &paths, &options, max_size)
        })?;
        cache_warnings = warnings;
        // The function ranking stays among the hottest files' functions: a percentile among
        // whichever files hold complex functions would move with them.
        let hot_xrays: std::collections::HashMap<String, xray::FileXRay> = hottest
            .iter()
            .filter_map(|p| Some((p.clone(), xrays.get(p)?.clone())))
            .collect();
        functions = hot::rank_functions(&collected.facts, &hot_xrays, config.window_days);
        if xray == Xray::ForScoring {
            function_history.files = std::mem::take(&mut xrays);
        }
    }
    let hotspots = hot::Hotspots {
        window: activity.window,
        files,
        functions,
        xray: xray != Xray::None,
        function_history,
    };
    Ok((Some(hotspots), cache_warnings))
}

/// The files beyond `hottest` whose functions scoring follows: those holding a complex
/// function that changed in the window (a file that did not has no function change to find),
/// and apart, with why, those changed too often to follow.
fn scoring_candidates(
    collected: &Collected,
    files: &[crate::model::FileHotspot],
    hottest: &[String],
    req: &ScanRequest,
) -> (Vec<String>, std::collections::HashMap<String, String>) {
    let recent: std::collections::HashMap<&str, u32> = files
        .iter()
        .map(|f| (f.path.as_str(), f.revisions))
        .collect();
    let mut tracked = Vec::new();
    let mut untracked = std::collections::HashMap::new();
    for f in &collected.facts {
        let complex = f.metrics.as_ref().is_some_and(|m| {
            m.functions
                .iter()
                .any(|x| score::is_complex(x, &req.config.complexity))
        });
        let revisions = recent.get(f.path.as_str()).copied().unwrap_or(0);
        if !complex || revisions == 0 || hottest.contains(&f.path) {
            continue;
        }
        if revisions > MAX_TRACKED_VERSIONS {
            untracked.insert(
                f.path.clone(),
                format!(
                    "its {revisions} commits in the window are more than the \
                     {MAX_TRACKED_VERSIONS} whose versions are followed function by function"
                ),
            );
        } else {
            tracked.push(f.path.clone());
        }
    }
    (tracked, untracked)
}

/// What scoring takes from the dependency graph, and the graph's warnings.
fn graph_facts(
    collected: &Collected,
    req: &ScanRequest,
) -> (dependencies::DependencyFacts, Vec<String>) {
    let _phase = req.history_options.progress.phase("graph", "files");
    let (mut g, hidden) = dependency_graph(collected, &req.config);
    let facts = dependencies::DependencyFacts {
        analysed: dependencies::analysis::analyse(
            &g,
            dependencies::analysis::Granularity::File,
            req.config.graph.include_test_edges,
        ),
        hidden,
        dead: std::mem::take(&mut g.dead),
    };
    (facts, std::mem::take(&mut g.warnings))
}

/// The dependency graph of what `collect` gathered (with imports), and the hidden coupling
/// in it when there is history.
fn dependency_graph(
    collected: &Collected,
    config: &Config,
) -> (dependencies::FileGraph, Vec<model::HiddenCoupling>) {
    let start = collected.effective.start.as_ref().map(|s| s.commit);
    let (manifests, unread) = read_manifests(&collected.base, start, &collected.facts);
    // Files the walk or the parser skipped: what they declare is unknown.
    let skipped = collected.skipped.iter().map(|(p, _)| p.clone()).collect();
    let roles = crate::score::file_roles(&config.roles, &collected.facts);
    let test_code: std::collections::BTreeSet<String> = collected
        .facts
        .iter()
        .zip(roles)
        .filter(|(_, role)| role.exercises_the_product())
        .map(|(f, _)| f.path.clone())
        .collect();
    let mut g = dependencies::build(
        &collected.facts,
        &manifests,
        &collected.scope,
        (&skipped, &test_code),
    );
    g.warnings.extend(unread);
    let hidden = match collected.history() {
        Some(h) => {
            let mut thresholds = history::coupling::Thresholds::from(&config.coupling);
            thresholds.min_degree = thresholds
                .min_degree
                .min(config.graph.hidden_coupling_degree);
            let coupling = history::coupling::analyse(&h.change_sets, thresholds);
            dependencies::analysis::hidden_coupling(
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
/// and warnings about the ones that could not be read: from the work tree at `base`, or, as of
/// a `start` commit, from its tree (`base` is then the repository's work tree).
fn read_manifests(
    base: &Path,
    start: Option<git2::Oid>,
    facts: &[FileFacts],
) -> (Vec<(String, String)>, Vec<String>) {
    // A manifest is a few kilobytes; anything huge is not one worth reading.
    const MAX_MANIFEST: u64 = 1 << 20;
    let candidates = dependencies::manifest_candidates(
        facts
            .iter()
            .filter(|f| f.imports.is_some())
            .map(|f| f.path.as_str()),
    );
    let mut found = Vec::new();
    let mut warnings = Vec::new();
    if let Some(commit) = start {
        let repo = match git2::Repository::open(base) {
            Ok(repo) => repo,
            Err(e) => {
                let message = e.message();
                warnings.push(format!("manifests cannot be read ({message}): not used"));
                return (found, warnings);
            }
        };
        for rel in candidates {
            use walk::tree::ReadError;
            match walk::tree::read(&repo, commit, &rel, MAX_MANIFEST) {
                Ok(None) => {}
                Ok(Some(bytes)) => match String::from_utf8(bytes) {
                    Ok(text) => found.push((rel, text)),
                    Err(_) => warnings.push(format!(
                        "{rel} cannot be read (stream did not contain valid UTF-8): not used"
                    )),
                },
                Err(ReadError::TooLarge) => {
                    warnings.push(format!("{rel} is larger than 1 MB: not read"))
                }
                Err(ReadError::Git(e)) => {
                    warnings.push(format!("{rel} cannot be read ({e}): not used"))
                }
            }
        }
        return (found, warnings);
    }
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
    granularity: dependencies::analysis::Granularity,
) -> Result<model::GraphReport, Error> {
    let mut req = req.clone();
    req.markers = false;
    req.metrics = false;
    req.imports = true;
    let collected = collect(&req, false)?;
    let (g, hidden) = dependency_graph(&collected, &req.config);
    let include_test_edges = req.config.graph.include_test_edges;
    let analysed = dependencies::analysis::analyse(&g, granularity, include_test_edges);
    let mut warnings = collected.warnings.clone();
    warnings.extend(collected.history().and_then(|h| h.missing.warning()));
    if g.files.is_empty() {
        let graphed: Vec<&str> = crate::lang::LANGUAGES
            .iter()
            .filter(|l| l.resolver != crate::lang::Resolver::None)
            .map(|l| l.name())
            .collect();
        warnings.push(format!(
            "no source files below {} in a language with a dependency graph ({}): the \
             dependency graph is empty",
            req.path.display(),
            graphed.join(", ")
        ));
    }
    warnings.extend(g.warnings.iter().cloned());
    let summary = model::GraphSummary {
        nodes: analysed.nodes.len(),
        edges: analysed.edges.len(),
        test_edges: analysed
            .edges
            .iter()
            .filter(|e| e.kinds.test_only())
            .count(),
        test_edges_included: include_test_edges,
        references: analysed.edges.iter().map(|e| u64::from(e.count)).sum(),
        packages: g.packages,
        cycles: analysed.cycles.len(),
        nodes_in_cycles: analysed.cycles.iter().map(|c| c.members.len()).sum(),
        largest_cycle: analysed.cycles.first().map_or(0, |c| c.members.len()),
        unresolved: g.unresolved.values().sum(),
        hidden_coupling: hidden.len(),
    };
    Ok(model::GraphReport {
        schema_version: model::SCHEMA_VERSION,
        tool: Tool::current(),
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
    let place = Place::of(&req)?;
    let Location::WorkTree(workdir) = &place.location else {
        return Err(Error::NotARepository(req.path.clone()));
    };
    let mut req = place.windowed(&req)?.0.into_owned();
    let head_time = match &req.history_options.start {
        Some(start) => Some(start.time),
        None => history::head_time(workdir)?,
    };
    if let Some(head_time) = head_time {
        let start = util::window_start(head_time, req.config.hotspots.window_days);
        let since = &mut req.history_options.since;
        *since = Some(since.map_or(start, |s| s.max(start)));
    }
    // The X-Ray follows files through the versions the history pass records.
    let collected = collect(&req, functions)?;
    let xray = if functions { Xray::Hottest } else { Xray::None };
    let (analysis, cache_warnings) = analyse_hotspots(&collected, &req, xray)?;
    let mut warnings = collected.warnings.clone();
    warnings.extend(cache_warnings);
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
        tool: Tool::current(),
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
        files.push(metrics.totals(&f.path));
        functions.extend(metrics.functions.iter().map(|m| model::FunctionRecord {
            path: f.path.clone(),
            metrics: m.clone(),
        }));
    }
    Ok(model::FunctionsReport {
        schema_version: model::SCHEMA_VERSION,
        tool: Tool::current(),
        root: req.path.display().to_string(),
        files,
        functions,
        skipped_files: model::group_files(collected.skipped),
        partial_files: model::group_files(collected.partial),
        warnings: collected.warnings,
    })
}

/// Blames every marker line of the scanned files, per `(path, line)`: who wrote it and when,
/// or, for a line older than the analysed history, the commit at its edge that already holds
/// it. `None` without history in a work tree, or without markers.
fn find_introductions(
    collected: &Collected,
    req: &ScanRequest,
) -> Result<Option<history::blame::Attributions>, Error> {
    let (HistoryState::Available(h), Location::WorkTree(workdir)) =
        (&collected.history, &collected.location)
    else {
        return Ok(None);
    };
    let requests: Vec<(String, Vec<u32>)> = collected
        .facts
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
        return Ok(None);
    }
    let _phase = req
        .history_options
        .progress
        .phase("introductions", "markers");
    let (options, cache) = (&collected.effective, collected.cache.as_ref());
    super::cached_history::introductions(workdir, h, &requests, options, cache)
        .map(Some)
        .map_err(|e| Error::Git {
            path: workdir.to_path_buf(),
            message: e.message().to_string(),
        })
}

/// Records on each marker where it was introduced, or the edge of history it predates.
fn attach_introductions(
    facts: &mut [FileFacts],
    found: &history::blame::Attributions,
    aliases: &history::Aliases,
) {
    use history::blame::Attribution;
    for file in facts {
        for m in &mut file.markers {
            match found.get(&(file.path.clone(), m.start_line)) {
                Some(Some(Attribution::Written(intro))) => {
                    m.marker.introduced = Some(model::Introduced {
                        commit: intro.commit.clone(),
                        author: aliases.resolve(intro.author.clone()),
                        date: util::timestamp(intro.time),
                        time: intro.time,
                    });
                }
                Some(Some(Attribution::BeforeHistory(edge))) => {
                    m.marker.predates_history = Some(model::PredatesHistory {
                        commit: edge.commit.clone(),
                        date: util::timestamp(edge.time),
                        time: edge.time,
                    });
                }
                Some(None) | None => {}
            }
        }
    }
}
