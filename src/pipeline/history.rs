//! `churn` and `coupling`: the reports built from git history alone.

use std::path::PathBuf;

use super::collect::{check_root, history_info, history_options, shallow_warning};
use crate::config::Config;
use crate::error::Error;
use crate::history::{self, History, Location};
use crate::model::{self, RepositoryInfo, Tool};
use crate::{util, walk};

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
    /// The incremental cache (`--cache-dir`, `--no-cache`).
    pub cache: crate::cache::CacheSettings,
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
    let (cache, cache_warning) =
        super::cache::open(&req.cache, &workdir, req.config.cache.max_size);
    let analysed = super::cached_history::analyse(&workdir, &options, cache.as_ref())?;
    let mut warnings: Vec<String> = cache_warning.into_iter().collect();
    match &analysed {
        None => warnings.push("the repository has no commits yet".to_string()),
        Some(h) if h.shallow => warnings.push(shallow_warning(h)),
        Some(_) => {}
    }
    warnings.extend(analysed.as_ref().and_then(|h| h.missing.warning()));
    warnings.extend(cache.iter().flat_map(|c| c.warnings()));
    let repository = RepositoryInfo {
        root: req.path.display().to_string(),
        head: analysed.as_ref().map(|h| h.head.clone()),
        branch: analysed.as_ref().and_then(|h| h.branch.clone()),
        head_date: analysed
            .as_ref()
            .map(|h| crate::util::timestamp(h.head_time)),
        as_of: options.start.as_ref().map(|s| s.rev.clone()),
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
        tool: Tool::current(),
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
                main_author_share: util::round3(main.map_or(0.0, |(_, share)| share)),
                fragmentation: util::round3(stats.fragmentation()),
                weighted_revisions: util::round3(stats.weighted_revisions),
                first_change: util::timestamp(stats.first_change),
                last_change: util::timestamp(stats.last_change),
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
        tool: Tool::current(),
        repository,
        files,
        warnings,
    })
}
