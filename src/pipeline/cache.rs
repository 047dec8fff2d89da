//! Opening a repository's cache for a run, and `debtscan cache info|clear`.

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

/// The key of the repository at `workdir`: its root commits reachable from HEAD (a shallow
/// clone's boundary commits count as roots), sorted, comma-separated. `None` without commits.
///
/// Walking the whole history costs about as much as `git rev-list --max-parents=0 HEAD`
/// (a second on 100k commits), so the notes of the cache directory are read first: when a
/// HEAD seen before is this HEAD or one of its ancestors, only the commits since are walked.
fn identify(workdir: &Path, settings: &CacheSettings) -> Result<Option<Identity>, git2::Error> {
    let repo = Repository::open(workdir)?;
    let head = match repo.head().and_then(|h| h.peel_to_commit()) {
        Ok(commit) => commit.id(),
        Err(_) => return Ok(None),
    };
    // A shallow clone's roots move with every fetch: nothing seen before is worth reusing.
    if !repo.is_shallow() {
        let odb = repo.odb()?;
        for note in cache::notes(settings) {
            let (Some(key), Some(seen)) = (note.key, note.head) else {
                continue;
            };
            let (Ok(seen), Some(known)) = (Oid::from_str(&seen), parse_key(&key)) else {
                continue;
            };
            if seen == head {
                return Ok(Some(Identity { key, head }));
            }
            if odb.exists(seen) && repo.graph_descendant_of(head, seen)? {
                let mut roots = roots(&repo, head, Some(seen))?;
                roots.extend(known);
                return Ok(Some(Identity {
                    key: key_of(roots),
                    head,
                }));
            }
        }
    }
    Ok(Some(Identity {
        key: key_of(roots(&repo, head, None)?),
        head,
    }))
}

/// The commits without parents reachable from `head` but not from `hide`.
fn roots(repo: &Repository, head: Oid, hide: Option<Oid>) -> Result<Vec<Oid>, git2::Error> {
    let mut walk = repo.revwalk()?;
    walk.push(head)?;
    if let Some(hide) = hide {
        walk.hide(hide)?;
    }
    let mut roots = Vec::new();
    for oid in walk {
        let oid = oid?;
        if repo.find_commit(oid)?.parent_count() == 0 {
            roots.push(oid);
        }
    }
    Ok(roots)
}

fn key_of(mut roots: Vec<Oid>) -> String {
    roots.sort();
    roots.dedup();
    let hex: Vec<String> = roots.iter().map(Oid::to_string).collect();
    hex.join(",")
}

fn parse_key(key: &str) -> Option<Vec<Oid>> {
    key.split(',').map(|h| Oid::from_str(h).ok()).collect()
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
