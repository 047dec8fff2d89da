//! Opening a repository's cache for a run, and `debtscan cache info|clear`.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use git2::{Oid, Repository};

use super::collect::check_root;
use crate::cache::{self, Cache, CacheSettings};
use crate::error::Error;
use crate::history::Location;

/// What `debtscan cache info` and `debtscan cache clear` need.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CacheRequest {
    /// A directory inside the repository whose cache is meant.
    pub path: PathBuf,
    /// Where the cache directory is (`enabled` is ignored).
    pub cache: CacheSettings,
    /// `clear --all`: every repository's cache in the directory.
    pub all: bool,
}

/// `debtscan cache info`: the cache directory, every repository's cache in it, and which of
/// them is `req.path`'s.
#[derive(Debug, Clone, serde::Serialize)]
pub struct CacheReport {
    /// The directory and its contents.
    #[serde(flatten)]
    pub info: cache::DirInfo,
    /// The repository key of `req.path` (`None`: not a repository with commits).
    pub repository_key: Option<String>,
}

/// A repository as the cache knows it: the key its directory is named after and HEAD.
struct Identity {
    key: String,
    head: Oid,
}

/// Opens the cache of the repository whose work tree is `workdir`, capped at `max_size`
/// bytes: `None` without commits or when disabled, with a warning when it cannot be used.
pub(super) fn open(
    settings: &CacheSettings,
    workdir: &Path,
    max_size: u64,
) -> (Option<Cache>, Option<String>) {
    if !settings.enabled {
        return (None, None);
    }
    let identity = match identify(workdir, settings) {
        Ok(Some(identity)) => identity,
        Ok(None) => return (None, None),
        Err(e) => return (None, Some(format!("no cache: {e}"))),
    };
    let (cache, warning) = Cache::open(settings, &identity.key, workdir);
    if let Some(cache) = &cache {
        cache.set_max_size(max_size);
        cache.set_note(&identity.head.to_string(), workdir);
    }
    (cache, warning)
}

/// The key of the repository at `workdir`: the root commit HEAD's first parents lead to (in
/// a shallow clone, its boundary). `None` without commits.
///
/// One root, not all of them: finding every root is a walk of the whole history (0.7 s on
/// cargo's 23k commits, a cold run's whole budget for opening the cache), while the first
/// parents are a fraction of it (7.4k on cargo) and the walk stops at a HEAD a cache note
/// names. It also keeps the key when an unrelated history is merged in, as a subtree or a
/// vendored project is, so the cache survives the merge. Only the directory depends on it:
/// every entry is filed under content, never under the key.
fn identify(workdir: &Path, settings: &CacheSettings) -> Result<Option<Identity>, git2::Error> {
    let repo = Repository::open(workdir)?;
    let head = match repo.head().and_then(|h| h.peel_to_commit()) {
        Ok(commit) => commit.id(),
        Err(_) => return Ok(None),
    };
    // A shallow clone's boundary moves with every fetch: nothing seen before is worth reusing.
    let mut seen: HashMap<Oid, String> = HashMap::new();
    if !repo.is_shallow() {
        for note in cache::notes(settings) {
            if let (Some(key), Some(Ok(head))) = (note.key, note.head.map(|h| Oid::from_str(&h))) {
                seen.insert(head, key);
            }
        }
    }
    let mut commit = head;
    loop {
        if let Some(key) = seen.remove(&commit) {
            return Ok(Some(Identity { key, head }));
        }
        // libgit2 gives a shallow boundary no parents, as git does.
        match repo.find_commit(commit)?.parent_id(0) {
            Ok(parent) => commit = parent,
            Err(_) => break,
        }
    }
    Ok(Some(Identity {
        key: commit.to_string(),
        head,
    }))
}

/// The key of the repository containing `path`, if it is one with commits.
fn key_of_path(path: &Path, settings: &CacheSettings) -> Result<Option<String>, Error> {
    let root = check_root(path)?;
    let Location::WorkTree(workdir) = crate::history::locate(&root)? else {
        return Ok(None);
    };
    identify(&workdir, settings)
        .map(|found| found.map(|i| i.key))
        .map_err(|e| Error::Git {
            path: workdir,
            message: e.message().to_string(),
        })
}

/// `debtscan cache info`.
pub fn cache_info(req: &CacheRequest) -> Result<CacheReport, Error> {
    let repository_key = key_of_path(&req.path, &req.cache)?;
    let info = cache::inspect(&req.cache, repository_key.as_deref()).map_err(Error::Cache)?;
    Ok(CacheReport {
        info,
        repository_key,
    })
}

/// `debtscan cache clear`: this repository's cache, or with `all` the whole directory.
pub fn cache_clear(req: &CacheRequest) -> Result<cache::Cleared, Error> {
    if req.all {
        return cache::clear(&req.cache, None).map_err(Error::Cache);
    }
    let Some(key) = key_of_path(&req.path, &req.cache)? else {
        return Err(Error::Usage(format!(
            "{} is not inside a git repository with commits, so it has no cache; `debtscan \
             cache clear --all` clears the whole cache directory",
            req.path.display()
        )));
    };
    cache::clear(&req.cache, Some(&key)).map_err(Error::Cache)
}
