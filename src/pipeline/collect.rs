//! Walking, parsing and reading history: what every command starts from.

use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

use rayon::prelude::*;

use super::cached_parse::{Fresh, ParseCache};
use crate::config::Config;
use crate::error::Error;
use crate::history::{self, History, Location};
use crate::model::{self, HistoryInfo, RepositoryInfo, SkipReason, Summary};
use crate::parse::versions::Outline;
use crate::parse::{self, FileFacts, TagSet};
use crate::{util, walk};

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
    /// Only files in these languages (`--languages`; all when empty).
    pub languages: Vec<crate::lang::LangId>,
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
    /// Test coverage reports, already read (`scan` and `explain` only; empty: none).
    pub coverage: Vec<crate::coverage::Report>,
    /// The incremental cache (`--cache-dir`, `--no-cache`).
    pub cache: crate::cache::CacheSettings,
}

/// What the walk, the parse and the history pass gathered, before scoring.
pub struct Collected {
    /// Where the repository's work tree is, if any.
    pub(super) location: Location,
    /// The directory paths are relative to: the work tree, or the scanned directory.
    pub(super) base: PathBuf,
    /// The scanned directory relative to `base` (empty when it is `base` itself).
    pub(super) scope: String,
    /// Facts of every parsed file, in walk order.
    pub facts: Vec<FileFacts>,
    /// The X-Ray outlines of the files parsed in this run (not taken from the cache), when
    /// lines are traced and metrics measured: the X-Ray's walk back through each file's
    /// versions starts from there.
    pub(super) seeds: crate::xray::Seeds,
    pub(super) history: HistoryState,
    /// Files left out, with the reason.
    pub(super) skipped: Vec<(String, SkipReason)>,
    /// Files analysed only in part.
    pub(super) partial: Vec<(String, SkipReason)>,
    /// What to tell the user on standard error (and in the report).
    pub warnings: Vec<String>,
    /// The repository's cache, when it has commits and the cache is enabled and usable.
    pub cache: Option<crate::cache::Cache>,
    /// The history options in effect.
    pub(super) effective: history::HistoryOptions,
    pub(super) pool: rayon::ThreadPool,
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
        let start = self.effective.start.as_ref();
        // Without history (--no-history), HEAD (or the --as-of commit) is still worth naming.
        let (head, branch, time) = match (available, &self.location) {
            (Some(h), _) => (Some(h.head.clone()), h.branch.clone(), Some(h.head_time)),
            (None, _) if start.is_some() => (
                start.map(|s| s.commit.to_string()),
                None,
                start.map(|s| s.time),
            ),
            (None, Location::WorkTree(dir)) => match history::head(dir) {
                Some((head, branch, time)) => (Some(head), branch, Some(time)),
                None => (None, None, None),
            },
            (None, Location::NotARepository) => (None, None, None),
        };
        RepositoryInfo {
            root: req.path.display().to_string(),
            head_date: time.map(crate::util::timestamp),
            head,
            branch,
            as_of: start.map(|s| s.rev.clone()),
            history: history_info(available, &self.effective),
        }
    }

    /// The `summary` block of a report about `items` items.
    pub(super) fn summary(&self, items: &[model::DebtItem]) -> Summary {
        let mut by_kind = BTreeMap::new();
        let mut by_role = BTreeMap::new();
        for item in items {
            *by_kind.entry(item.kind.as_str().to_string()).or_insert(0) += 1;
            *by_role.entry(item.role.as_str().to_string()).or_insert(0) += 1;
        }
        let language_of: HashMap<&str, crate::lang::LangId> = (self.facts.iter())
            .map(|f| (f.path.as_str(), f.language))
            .collect();
        let mut languages: BTreeMap<String, model::LanguageSummary> = BTreeMap::new();
        for f in &self.facts {
            let entry = languages
                .entry(f.language.as_str().to_string())
                .or_default();
            entry.files += 1;
            entry.code_lines += f.metrics.as_ref().map_or(0, |m| u64::from(m.code_lines));
        }
        for item in items {
            if let Some(language) = language_of.get(item.location.path.as_str()) {
                (languages.entry(language.as_str().to_string()).or_default()).items += 1;
            }
        }
        Summary {
            items: items.len(),
            by_kind,
            by_role,
            languages,
            files_scanned: self.facts.len(),
            skipped_files: model::group_files(self.skipped.clone()),
            partial_files: model::group_files(self.partial.clone()),
            warnings: self.warnings.clone(),
            baseline: None,
            coverage: None,
            window: None,
        }
    }
}

/// Where a scan reads from, resolved once: the scanned directory and the work tree around it.
pub(super) struct Place {
    /// The scanned directory, canonical.
    pub(super) root: PathBuf,
    /// Where the repository's work tree is, if any.
    pub(super) location: Location,
    /// The directory paths are relative to: the work tree, or the scanned directory.
    pub(super) base: PathBuf,
}

impl Place {
    /// Finds the scanned directory and the work tree around it.
    pub(super) fn of(req: &ScanRequest) -> Result<Place, Error> {
        let root = check_root(&req.path)?;
        let location = history::locate(&root)?;
        let base = match &location {
            Location::WorkTree(dir) if root.starts_with(dir) => dir.clone(),
            _ => root.clone(),
        };
        Ok(Place {
            root,
            location,
            base,
        })
    }

    /// `req` with the hotspot window in effect in this place's repository
    /// ([`history::active_window_days`]), which every later phase reads: the line counts, the
    /// hotspots and fix-prone files, a function's change, the backlog cache's key. With it,
    /// the configured days when the window was stretched beyond them.
    pub(super) fn windowed<'r>(
        &self,
        req: &'r ScanRequest,
    ) -> Result<(Cow<'r, ScanRequest>, Option<u32>), Error> {
        let Location::WorkTree(dir) = &self.location else {
            return Ok((Cow::Borrowed(req), None));
        };
        let hotspots = &req.config.hotspots;
        let days = match req.history {
            true => history::active_window_days(
                dir,
                &req.history_options,
                hotspots.window_days,
                hotspots.window_min_commits,
            )?,
            false => hotspots.window_days,
        };
        if days == hotspots.window_days {
            return Ok((Cow::Borrowed(req), None));
        }
        let configured = hotspots.window_days;
        let mut req = req.clone();
        req.config.hotspots.window_days = days;
        Ok((Cow::Owned(req), Some(configured)))
    }

    /// The repository whose objects files are read from (`--as-of`), or `None` when they are
    /// read from the work tree.
    fn objects(&self, req: &ScanRequest) -> Result<Option<PathBuf>, Error> {
        match (&req.history_options.start, &self.location) {
            (None, _) => Ok(None),
            (Some(_), Location::WorkTree(dir)) => Ok(Some(dir.clone())),
            (Some(start), Location::NotARepository) => Err(Error::Usage(format!(
                "--as-of {}: {} is not inside a git repository",
                start.rev,
                req.path.display()
            ))),
        }
    }

    /// Lists the files to analyse: from the work tree, or as of a commit from its tree (never
    /// from the work tree).
    pub(super) fn walk(&self, req: &ScanRequest) -> Result<walk::Walk, Error> {
        let objects = self.objects(req)?;
        let walking = req.history_options.progress.phase("walk", "files");
        let walked = match (&req.history_options.start, objects.as_deref()) {
            (Some(start), Some(repo)) => walk::tree::list(&walk::tree::TreeRequest {
                repo,
                commit: start.commit,
                rev: &start.rev,
                scope: &walk::relative(&self.base, &self.root),
                root: &self.root,
                shown: &req.path,
                config: &req.config.walk,
                include: &req.include,
                exclude: &req.exclude,
            })?,
            _ => walk::walk(&walk::WalkRequest {
                root: &self.root,
                base: &self.base,
                config: &req.config.walk,
                include: &req.include,
                exclude: &req.exclude,
                threads: req.jobs,
            })?,
        };
        let mut walked = walked;
        if !req.languages.is_empty() {
            (walked.files).retain(|f| req.languages.iter().any(|l| l.selects(f.language.id)));
        }
        walking.inc(walked.files.len() as u64);
        Ok(walked)
    }
}

/// Walks, parses and (if asked) reads history; `trace_lines` records every file version so
/// marker lines can be traced to the commits that wrote them.
pub fn collect(req: &ScanRequest, trace_lines: bool) -> Result<Collected, Error> {
    let place = Place::of(req)?;
    let walked = place.walk(req)?;
    collect_walked(req, trace_lines, place, walked)
}

/// What a scan that found no source file says, rather than report a clean repository.
fn no_sources_warning(req: &ScanRequest) -> String {
    let read: Vec<&str> = match req.languages.is_empty() {
        true => crate::lang::LANGUAGES.iter().map(|l| l.name()).collect(),
        false => req.languages.iter().map(|l| l.as_str()).collect(),
    };
    format!(
        "no source files in a language debtscan reads ({}) below {}: nothing was analysed, \
         so no items does not mean no debt",
        read.join(", "),
        req.path.display()
    )
}

/// [`collect`] of the files `walked` listed in `place`.
pub(super) fn collect_walked(
    req: &ScanRequest,
    trace_lines: bool,
    place: Place,
    walked: walk::Walk,
) -> Result<Collected, Error> {
    let objects = place.objects(req)?;
    let objects = objects.as_deref();
    let Place {
        root,
        location,
        base,
    } = place;
    let progress = &req.history_options.progress;
    // Opened before the history pass, which reads and fills it.
    let (cache, cache_warning) = match &location {
        Location::WorkTree(dir) if req.cache.enabled => {
            let _opening = progress.phase("cache", "");
            super::cache::open(&req.cache, dir, req.config.cache.max_size)
        }
        _ => (None, None),
    };

    let tags = TagSet::new(req.config.markers.tags.keys());
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(req.jobs.max(1))
        .build()
        .map_err(|e| Error::Internal(format!("cannot start worker threads: {e}")))?;
    let mut warnings: Vec<String> = cache_warning.into_iter().collect();
    if walked.files.is_empty() {
        warnings.push(no_sources_warning(req));
    }

    // Noise filters as for `churn`, and every file version for tracing marker lines.
    let mut effective = match &location {
        Location::WorkTree(dir) => {
            history_options(dir, &req.config, &req.history_options, false, trace_lines)
        }
        Location::NotARepository => req.history_options.clone(),
    };
    // Lines are read only as the churn of the hotspot window (README, "The scoring model"):
    // an older commit's blobs are never diffed, the bulk of a cold scan's history pass.
    effective.lines_window_days = Some(req.config.hotspots.window_days);
    if effective.versions {
        let sources = walked.files.iter().map(|f| f.rel.clone()).collect();
        effective.sources = Some(std::sync::Arc::new(sources));
    }
    let (parsed, history) = pool.install(|| {
        rayon::join(
            || {
                let parsing = progress.phase("parse", "files");
                parsing.set_length(walked.files.len() as u64);
                let rules = parse::Rules::from(&req.config.complexity);
                let wanted = parse::Wanted {
                    markers: req.markers,
                    metrics: req.metrics.then_some(&rules),
                    imports: req.imports,
                };
                let cached = cache.as_ref().map(|c| ParseCache::open(c, wanted, &tags));
                let outline = trace_lines && req.history;
                let parsed = AtomicUsize::new(0);
                // Looked up in parallel; what was parsed is filed once all is done. Largest
                // first: a large file parsed last kept one thread busy while the other idled.
                let mut by_size: Vec<usize> = (0..walked.files.len()).collect();
                by_size.sort_by_key(|&i| std::cmp::Reverse(walked.files[i].size));
                let (outcomes, fresh): (Vec<_>, Vec<_>) = by_size
                    .par_iter()
                    .map(|&i| &walked.files[i])
                    // Small jobs, so that a thread done with the history pass takes its share
                    // of the files left: in larger ones, one thread parsed alone at the end.
                    .with_max_len(16)
                    .map_init(
                        || walk::Reader::open(objects),
                        |reader, file| {
                            let outcome = match reader {
                                Ok(reader) => analyse_file(
                                    reader,
                                    file,
                                    (req, &tags, wanted, outline),
                                    (cached.as_ref(), &parsed),
                                ),
                                Err(e) => (
                                    FileOutcome::Failed(Error::Git {
                                        path: objects.unwrap_or(&root).to_path_buf(),
                                        message: e.message().to_string(),
                                    }),
                                    Vec::new(),
                                ),
                            };
                            parsing.inc(1);
                            outcome
                        },
                    )
                    .unzip();
                if let Some(cached) = cached {
                    cached.save(fresh.into_iter().flatten());
                }
                let parsed = parsed.into_inner() as f64 / 1e6;
                parsing.note(format!("{parsed:.1} MB parsed"));
                // Back in walk order.
                let mut in_order: Vec<(usize, FileOutcome)> =
                    by_size.into_iter().zip(outcomes).collect();
                in_order.sort_unstable_by_key(|(i, _)| *i);
                in_order
                    .into_iter()
                    .map(|(_, outcome)| outcome)
                    .collect::<Vec<_>>()
            },
            || match (&location, req.history) {
                (_, false) => Ok(HistoryState::Disabled),
                (Location::NotARepository, true) => Ok(HistoryState::NotARepository),
                (Location::WorkTree(dir), true) => {
                    super::cached_history::analyse(dir, &effective, cache.as_ref()).map(|h| match h
                    {
                        Some(h) => HistoryState::Available(Box::new(h)),
                        None => HistoryState::NoCommits,
                    })
                }
            },
        )
    });
    let history = history?;

    let mut facts = Vec::new();
    let mut seeds = crate::xray::Seeds::default();
    let mut skipped = walked.skipped;
    let mut partial = Vec::new();
    for (file, outcome) in walked.files.iter().zip(parsed) {
        let rel = &file.rel;
        match outcome {
            FileOutcome::Skipped(reason) => skipped.push((rel.clone(), reason)),
            FileOutcome::Parsed {
                facts: f,
                lossy,
                outline,
            } => {
                if let Some((blob, outline)) = outline.map(|o| *o) {
                    seeds.insert(file.language.id, blob, outline);
                }
                if lossy {
                    partial.push((rel.clone(), SkipReason::NonUtf8));
                }
                if f.syntax_errors {
                    partial.push((rel.clone(), SkipReason::SyntaxErrors));
                }
                facts.push(*f);
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
    // Damaged segments dropped and saves that failed while collecting.
    warnings.extend(cache.iter().flat_map(|c| c.warnings()));
    Ok(Collected {
        scope: walk::relative(&base, &root),
        location,
        base,
        facts,
        seeds,
        history,
        skipped,
        partial,
        warnings,
        cache,
        effective,
        pool,
    })
}

/// The walk options completed from the config and the repository: recency half-life and,
/// unless `raw`, the noise filters (`.git-blame-ignore-revs`, bot authors, lock files,
/// generated and vendored paths as the walk defines them) and following files through renames.
pub(super) fn history_options(
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
    // The config's patterns were checked when it was loaded.
    options.fixes = (!raw)
        .then(|| {
            let b = &config.backtest;
            crate::fixes::FixPatterns::new(&b.fix_patterns, &b.mechanical_patterns).ok()
        })
        .flatten();
    // `--raw` counts as `git log --no-renames --numstat` does, unless asked to follow.
    options.follow_renames |= !raw;
    options.filters = (!raw).then(|| {
        let (rules, ignore_revs) = match &base.start {
            None => (
                walk::PathRules::new(workdir, &config.walk),
                history::NoiseFilters::read_ignore_revs(workdir),
            ),
            // As of a commit, its own `.gitattributes` and `.git-blame-ignore-revs`.
            Some(start) => {
                let text = |name| committed_text(workdir, start.commit, name);
                (
                    walk::PathRules::with_gitattributes(
                        text(".gitattributes").as_deref(),
                        &config.walk,
                    ),
                    history::NoiseFilters::parse_ignore_revs(
                        &text(".git-blame-ignore-revs").unwrap_or_default(),
                    ),
                )
            }
        };
        history::NoiseFilters {
            ignore_revs,
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

/// The text of a small file at the root of `commit`'s tree, if it is there and UTF-8 (as the
/// same file is read from the work tree otherwise: unreadable means absent).
fn committed_text(workdir: &Path, commit: git2::Oid, name: &str) -> Option<String> {
    const MAX: u64 = 1 << 20;
    let repo = git2::Repository::open(workdir).ok()?;
    let bytes = walk::tree::read(&repo, commit, name, MAX).ok()??;
    String::from_utf8(bytes).ok()
}

/// The `history` block of a report.
pub(super) fn history_info(
    history: Option<&History>,
    options: &history::HistoryOptions,
) -> HistoryInfo {
    HistoryInfo {
        available: history.is_some(),
        excluded: history.map(|h| h.excluded.clone()).unwrap_or_default(),
        commits_analyzed: history.map_or(0, |h| h.commits),
        since: options.since.map(util::timestamp),
        max_commits: options.max_commits,
        first_parent: options.first_parent,
        shallow: history.is_some_and(|h| h.shallow),
    }
}

pub(super) fn shallow_warning(h: &History) -> String {
    format!(
        "shallow clone: only {} commits of history are available, so activity is \
         understated; run `git fetch --unshallow` for full history",
        h.commits
    )
}

pub(super) enum HistoryState {
    Disabled,
    NotARepository,
    NoCommits,
    Available(Box<History>),
}

enum FileOutcome {
    Parsed {
        facts: Box<FileFacts>,
        lossy: bool,
        /// The X-Ray outline, if asked for and parsed now, under the text's blob id.
        outline: Option<Box<(git2::Oid, Outline)>>,
    },
    Skipped(SkipReason),
    Failed(Error),
}

/// Loads and parses one file, or takes its facts from the cache; with the entries to file for
/// what was parsed. With `outline`, a file parsed now is outlined for the X-Ray too. A large
/// file is read in pieces ([`parse::chunks`]), each found in the cache or parsed on its own.
fn analyse_file(
    reader: &walk::Reader,
    file: &walk::SourceFile,
    (req, tags, wanted, outline): (&ScanRequest, &TagSet, parse::Wanted, bool),
    (cached, bytes_parsed): (Option<&ParseCache>, &AtomicUsize),
) -> (FileOutcome, Vec<Fresh>) {
    let loaded = match reader.load(file, &req.config.walk) {
        Ok(loaded) => loaded,
        Err(reason) => return (FileOutcome::Skipped(reason), Vec::new()),
    };
    let (text, lossy) = (&loaded.text, loaded.lossy);
    // The X-Ray reads versions from git: a lossy text is not its blob's.
    let outline = outline && !lossy;
    let seed = |o: Option<Outline>| {
        let o = o?;
        let id = git2::Oid::hash_object(git2::ObjectType::Blob, text.as_bytes()).ok()?;
        Some(Box::new((id, o)))
    };
    let parsed = |facts, outline| FileOutcome::Parsed {
        facts: Box::new(facts),
        lossy,
        outline,
    };
    let mut fresh = Vec::new();
    // A file read in pieces is filed whole too: an unchanged one is then a single lookup.
    let key = cached.and_then(|c| c.key(file, text));
    if let Some(facts) = cached.zip(key.as_ref()).and_then(|(c, k)| c.get(k, file)) {
        return (parsed(facts, None), fresh);
    }
    // Pieces only where every piece is parsed: a piece skipping the parser (markers alone
    // wanted, no tag in it) would read no scopes where the whole file's parse does.
    let parsed_always = wanted.metrics.is_some() || wanted.imports;
    let pieces = match parsed_always {
        true => parse::chunks::cuts(file.language, text),
        false => Vec::new(),
    };
    if pieces.len() > 1 {
        let how = (tags, wanted, outline);
        match read_pieces(file, text, &pieces, how, (cached, bytes_parsed), &mut fresh) {
            Ok(Some((facts, outline))) => {
                fresh.extend(key.and_then(|k| ParseCache::fresh(k, &facts)));
                return (parsed(facts, seed(outline)), fresh);
            }
            // A syntax error that joining pieces did not mend: read whole.
            Ok(None) => {}
            Err(e) => return (FileOutcome::Failed(e), fresh),
        }
    }
    bytes_parsed.fetch_add(text.len(), Ordering::Relaxed);
    match parse::parse_file_outlined(&file.rel, text, file.language, tags, wanted, outline) {
        Ok((facts, outline)) => {
            fresh.extend(key.and_then(|k| ParseCache::fresh(k, &facts)));
            (parsed(facts, seed(outline)), fresh)
        }
        Err(e) => (FileOutcome::Failed(e), fresh),
    }
}

/// How far a piece with a syntax error is joined with the pieces after it, one step at a time:
/// 1, 2, 4 and 8 more (at most 15); then with all the rest of the file. A string cut apart is
/// whole again after a few. A test module of fixtures (rust-analyzer's hold Rust code in raw
/// strings, items in column 0 and all) is cut in many places inside its strings, and mends
/// only joined to its end: the rest of the file, usually the module itself, is one piece and
/// the code before it stays in pieces. An error of the code itself (`let x = (1;`) is not
/// mended by joining, which then costs those few parses and one of the rest before the file
/// is read whole.
const MAX_JOIN_STEP: usize = 8;

/// The facts of `file` (whose text is `text`) from its `pieces`, each taken from the cache or
/// parsed on its own (and then added to `fresh`). A piece with a syntax error is read again
/// joined with the pieces after it, one, then two, four…, then all the rest, until the joined
/// text parses clean (a string or comment that ran across a cut is whole again); `None` when
/// joining does not mend it ([`MAX_JOIN_STEP`]). The outline is there when asked for and every
/// piece used was parsed now.
fn read_pieces(
    file: &walk::SourceFile,
    text: &str,
    pieces: &[std::ops::Range<usize>],
    (tags, wanted, outline): (&TagSet, parse::Wanted, bool),
    (cached, parsed): (Option<&ParseCache>, &AtomicUsize),
    fresh: &mut Vec<Fresh>,
) -> Result<Option<(FileFacts, Option<Outline>)>, Error> {
    let rows = parse::chunks::rows(text, pieces);
    let mut read = |piece: &str| -> Result<(FileFacts, Option<Outline>), Error> {
        let key = cached.and_then(|c| c.piece_key(file.language, piece));
        if let Some(known) = cached.zip(key.as_ref()).and_then(|(c, k)| c.get(k, file)) {
            return Ok((known, None));
        }
        parsed.fetch_add(piece.len(), Ordering::Relaxed);
        let (f, o) =
            parse::parse_file_outlined(&file.rel, piece, file.language, tags, wanted, outline)?;
        fresh.extend(key.and_then(|k| ParseCache::fresh(k, &f)));
        Ok((f, o))
    };
    let mut facts = Vec::with_capacity(pieces.len());
    let mut outlines = Vec::with_capacity(pieces.len());
    let mut all_outlined = true;
    let mut first = 0;
    while first < pieces.len() {
        let (mut end, mut step) = (first + 1, 1);
        loop {
            let joined = &text[pieces[first].start..pieces[end - 1].end];
            let (piece_facts, piece_outline) = read(joined)?;
            if !piece_facts.syntax_errors {
                facts.push((rows[first], piece_facts));
                match piece_outline {
                    Some(o) => outlines.push((rows[first], o)),
                    None => all_outlined = false,
                }
                break;
            }
            // From the first piece, the rest is the whole file, read whole by the caller.
            if end == pieces.len() || (step > MAX_JOIN_STEP && first == 0) {
                return Ok(None);
            }
            end = match step > MAX_JOIN_STEP {
                true => pieces.len(),
                false => (end + step).min(pieces.len()),
            };
            step *= 2;
        }
        first = end;
    }
    let outline = all_outlined.then(|| parse::chunks::join_outlines(text, outlines));
    let lines = text.lines().count() as u32;
    Ok(Some((
        parse::chunks::join(&file.rel, file.language.id, lines, facts),
        outline,
    )))
}

/// The scan root, canonicalised, or a clear error.
pub(super) fn check_root(path: &Path) -> Result<PathBuf, Error> {
    let meta = std::fs::metadata(path).map_err(|_| Error::PathNotFound(path.to_path_buf()))?;
    if !meta.is_dir() {
        return Err(Error::NotADirectory(path.to_path_buf()));
    }
    path.canonicalize()
        .map_err(|_| Error::PathNotFound(path.to_path_buf()))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every Rust file of the repository at `$DEBTSCAN_PIECES_REPO` read in pieces as the scan
    /// reads it, against the same file parsed whole: the facts (and the outline) must be the
    /// same. An oracle for the rules that cut files, run by hand on real repositories:
    /// `DEBTSCAN_PIECES_REPO=/path cargo test --release pieces_equal_whole -- --ignored`.
    #[test]
    #[ignore]
    fn pieces_equal_whole_on_a_real_repository() {
        let Some(repo) = std::env::var_os("DEBTSCAN_PIECES_REPO") else {
            return;
        };
        let repo = PathBuf::from(repo);
        let config = crate::config::Config::default();
        let walked = walk::walk(&walk::WalkRequest {
            root: &repo,
            base: &repo,
            config: &config.walk,
            include: &[],
            exclude: &[],
            threads: 2,
        })
        .unwrap();
        let rules = parse::Rules::from(&config.complexity);
        let wanted = parse::Wanted {
            markers: true,
            metrics: Some(&rules),
            imports: true,
        };
        let tags = TagSet::new(config.markers.tags.keys());
        let (mut cut, mut whole_read, mut differ) = (0, Vec::new(), Vec::new());
        for file in &walked.files {
            let Ok(loaded) = walk::load(file, &config.walk) else {
                continue;
            };
            let text = &loaded.text;
            let pieces = parse::chunks::cuts(file.language, text);
            if pieces.len() < 2 {
                continue;
            }
            cut += 1;
            let how = (&tags, wanted, true);
            let Some((facts, outline)) = read_pieces(
                file,
                text,
                &pieces,
                how,
                (None, &AtomicUsize::new(0)),
                &mut Vec::new(),
            )
            .unwrap() else {
                whole_read.push((text.len(), file.rel.clone()));
                continue;
            };
            let (expected, expected_outline) =
                parse::parse_file_outlined(&file.rel, text, file.language, &tags, wanted, true)
                    .unwrap();
            if facts != expected || outline != expected_outline {
                differ.push(file.rel.clone());
            }
        }
        // The largest of those read whole after all: a syntax error joining did not mend.
        whole_read.sort_unstable_by(|a, b| b.cmp(a));
        eprintln!(
            "{cut} files cut, {} read whole after all {:?}, {} differ",
            whole_read.len(),
            &whole_read[..whole_read.len().min(10)],
            differ.len()
        );
        assert!(differ.is_empty(), "{differ:#?}");
    }
}
