//! An incremental cache of facts that never go stale because each is filed under the content
//! it was computed from (commit ids, blob ids, content hashes, the query and config hashes).
//!
//! Layout of a cache directory (`--cache-dir`, else `$XDG_CACHE_HOME/debtscan`, else
//! `$HOME/.cache/debtscan`):
//! ```text
//! VERSION                         "debtscan cache format N": a newer N is left alone
//! CACHEDIR.TAG                    tells backup tools to skip the directory
//! r-<xxh3 of the repository key>/ one per repository (the root of HEAD's first parents)
//!   REPO                          the key, HEAD and work tree last seen (for `cache info`)
//!   lock                          shared by every run using it; exclusive for `cache clear`
//!   maintenance.lock              whoever holds it compacts and prunes; the others skip
//!   <table>/v<layout>/<xxh3>.seg  immutable segments of entries (see `segment`)
//! ```
//! Segments are written to a temporary file and renamed, so a reader sees whole files or
//! nothing; a damaged one fails its checksum and is deleted, never trusted. Nothing here is
//! an error: a cache that cannot be used is a warning, and the run goes on without it.
//! A leaf module: std, serde, postcard and xxhash only.

mod segment;
mod store;

use std::collections::HashMap;
use std::fs::File;
use std::hash::{BuildHasherDefault, Hasher};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};

use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

pub use store::{
    clear, default_dir, human_size, inspect, notes, Cleared, DirInfo, RepoCache, RepoNote,
    TableInfo,
};

/// The layout of the whole cache directory and of every segment; bump it when either
/// changes. A directory or segment of a newer format is left alone; an older one is deleted.
/// 2: each value framed with its length.
pub const FORMAT_VERSION: u32 = 2;

/// The fingerprint of the sources this debtscan was built from (see `build.rs`), for entries
/// that depend on the code that computed them rather than on data alone.
pub const BUILD: &str = env!("DEBTSCAN_SOURCE_HASH");

/// `[cache] max_size` when the config does not say: 1 GiB per repository.
pub const DEFAULT_MAX_SIZE: u64 = 1 << 30;

/// A table with more segments than this is compacted into one when it is next saved.
const MAX_SEGMENTS: usize = 16;

/// A 128-bit content key (xxh3-128 over the parts, each length-prefixed so ("ab","c") != ("a","bc")).
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug, Serialize, Deserialize)]
pub struct Key(pub u128);

impl Key {
    /// The key of `parts`, in order.
    pub fn of(parts: &[&[u8]]) -> Key {
        let mut hasher = xxhash_rust::xxh3::Xxh3::new();
        for part in parts {
            hasher.update(&(part.len() as u64).to_le_bytes());
            hasher.update(part);
        }
        Key(hasher.digest128())
    }

    /// The key as 32 hex digits.
    pub fn hex(&self) -> String {
        format!("{:032x}", self.0)
    }
}

/// A table's entries in memory. Keys are xxh3 digests already, so hashing them again (with
/// the default SipHash) only costs: loading and looking up cargo's tables took a fifth of a
/// warm run's history pass.
type Entries<V> = HashMap<Key, V, BuildHasherDefault<KeyHasher>>;

/// Hashes a [`Key`] to its own low and high halves folded together.
#[derive(Default)]
struct KeyHasher(u64);

impl Hasher for KeyHasher {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        // Only keys are hashed, through `write_u128`; anything else still hashes soundly.
        for &b in bytes {
            self.0 = self.0.rotate_left(8) ^ u64::from(b);
        }
    }

    fn write_u128(&mut self, n: u128) {
        self.0 = (n as u64) ^ ((n >> 64) as u64);
    }
}

/// How the cache was asked for (resolved once by the CLI).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct CacheSettings {
    /// Use a cache at all (`--no-cache` turns it off).
    pub enabled: bool,
    /// `--cache-dir`; `None` is the default directory ([`default_dir`]).
    pub dir: Option<PathBuf>,
}

/// What every handle on one repository's cache shares; the shared lock is released when the
/// last [`Cache`] or [`Table`] of it is dropped.
struct Shared {
    /// This repository's directory inside the cache directory.
    root: PathBuf,
    /// The repository key it is named after.
    key: String,
    /// Held shared while the cache is in use, so `cache clear` cannot pull it away.
    _lock: File,
    /// Prune the oldest segments above this many bytes.
    max_size: AtomicU64,
    warnings: Mutex<Vec<String>>,
}

impl Shared {
    fn warn(&self, warning: String) {
        let mut warnings = self.warnings.lock().unwrap_or_else(|p| p.into_inner());
        if !warnings.contains(&warning) {
            warnings.push(warning);
        }
    }
}

/// One repository's cache, open and locked (shared) for this run.
pub struct Cache {
    shared: Arc<Shared>,
}

impl std::fmt::Debug for Cache {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Cache")
            .field("root", &self.shared.root)
            .finish()
    }
}

impl Cache {
    /// Opens (creating) the cache of the repository identified by `repo_key` (as hex, the root
    /// commit HEAD's first parents lead to) under the settings' dir or the default
    /// ($XDG_CACHE_HOME/debtscan, else $HOME/.cache/debtscan). The default directory is never
    /// used inside `scanned_root` (a warning says so); an explicit `--cache-dir` is the user's
    /// choice. Returns `None` when disabled; when unusable (read-only, not creatable, locked
    /// too long, written by a newer debtscan…) `None` and a warning that says what to do.
    /// Never an error: the scan goes on without a cache.
    pub fn open(
        settings: &CacheSettings,
        repo_key: &str,
        scanned_root: &Path,
    ) -> (Option<Cache>, Option<String>) {
        if !settings.enabled {
            return (None, None);
        }
        match store::open(settings, repo_key, scanned_root) {
            Ok((root, lock)) => (
                Some(Cache {
                    shared: Arc::new(Shared {
                        root,
                        key: repo_key.to_string(),
                        _lock: lock,
                        max_size: AtomicU64::new(DEFAULT_MAX_SIZE),
                        warnings: Mutex::new(Vec::new()),
                    }),
                }),
                None,
            ),
            Err(warning) => (None, Some(warning)),
        }
    }

    /// Caps this repository's cache at `bytes` (`[cache] max_size`): each save prunes the
    /// oldest segments above it.
    pub fn set_max_size(&self, bytes: u64) {
        self.shared.max_size.store(bytes, Ordering::Relaxed);
    }

    /// This repository's directory inside the cache directory.
    pub fn dir(&self) -> &Path {
        &self.shared.root
    }

    /// Remembers HEAD and the work tree of this repository next to its entries (only written
    /// when they changed), so the next run can find the repository key without walking the
    /// whole history and `cache info` can name the repository.
    pub fn set_note(&self, head: &str, workdir: &Path) {
        store::write_note(&self.shared.root, &self.shared.key, head, workdir);
    }

    /// The entries of table `name` whose values have layout `version` (bump it when V
    /// changes: entries of an older version are deleted, of a newer one left alone). Loads
    /// the table's segments into memory; damaged ones are deleted with a warning.
    pub fn table<V: Serialize + DeserializeOwned + Send>(
        &self,
        name: &'static str,
        version: u32,
    ) -> Table<V> {
        debug_assert!(
            !name.is_empty()
                && name
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-'),
            "table names are lower-case words: {name}"
        );
        let loaded = store::load_table(&self.shared.root, name, version);
        for warning in loaded.warnings {
            self.shared.warn(warning);
        }
        let mut entries = Entries::default();
        for (key, value) in loaded.entries {
            entries.entry(key).or_insert(value);
        }
        Table {
            name,
            version,
            shared: Arc::clone(&self.shared),
            entries,
            fresh: Vec::new(),
            segments: loaded.segments,
        }
    }

    /// A handle that only adds entries to table `name`, without loading it: for a pass that
    /// reads a large table through one handle and streams what it learns through this one,
    /// [`Table::flush`]ing as it goes, so that what it learned is never all in memory.
    pub fn appender<V: Serialize + DeserializeOwned>(
        &self,
        name: &'static str,
        version: u32,
    ) -> Table<V> {
        Table {
            name,
            version,
            shared: Arc::clone(&self.shared),
            entries: Entries::default(),
            fresh: Vec::new(),
            segments: Vec::new(),
        }
    }

    /// Warnings gathered (damaged segments dropped, a save that failed) for the report.
    pub fn warnings(&self) -> Vec<String> {
        let warnings = self.shared.warnings.lock();
        warnings.unwrap_or_else(|p| p.into_inner()).clone()
    }
}

/// The entries of one table: those loaded from its segments and those inserted since.
pub struct Table<V> {
    name: &'static str,
    version: u32,
    shared: Arc<Shared>,
    entries: Entries<V>,
    /// Keys inserted since loading or the last save, in order.
    fresh: Vec<Key>,
    /// The segment files the entries came from (compaction replaces exactly these).
    segments: Vec<PathBuf>,
}

impl<V> std::fmt::Debug for Table<V> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Table")
            .field("name", &self.name)
            .field("version", &self.version)
            .field("entries", &self.entries.len())
            .field("fresh", &self.fresh.len())
            .finish()
    }
}

impl<V: Serialize + DeserializeOwned> Table<V> {
    /// The value filed under `key`, if any.
    pub fn get(&self, key: &Key) -> Option<&V> {
        self.entries.get(key)
    }

    /// Files a new entry, kept in memory until [`Table::save`]. A key already present keeps
    /// its value: content-addressed, both are the same.
    pub fn insert(&mut self, key: Key, value: V) {
        if let std::collections::hash_map::Entry::Vacant(slot) = self.entries.entry(key) {
            slot.insert(value);
            self.fresh.push(key);
        }
    }

    /// The number of entries, loaded and inserted.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether the table has no entry.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Writes the entries inserted since loading as one new immutable segment, atomically
    /// (temporary file + rename in the same directory); with too many segments, writes all
    /// entries as one and deletes the segments they came from. Then prunes the repository's
    /// cache to `max_size`. Failures (disk full, read-only) become a warning, never an error.
    pub fn save(&mut self) {
        // With nothing new, still compact a table that others' flushes filled with segments.
        if self.fresh.is_empty() && self.segments.len() < MAX_SEGMENTS {
            return;
        }
        let root = &self.shared.root;
        let dir = store::table_dir(root, self.name, self.version);
        let maintenance = (self.segments.len() >= MAX_SEGMENTS)
            .then(|| store::maintenance_lock(root))
            .flatten();
        if maintenance.is_none() && self.fresh.is_empty() {
            return;
        }
        let encoded = if maintenance.is_some() {
            segment::encode(self.name, self.version, self.entries.iter())
        } else {
            let fresh = self.fresh.iter().map(|k| (k, &self.entries[k]));
            segment::encode(self.name, self.version, fresh)
        };
        let written = encoded.and_then(|bytes| store::write_segment(&dir, &bytes));
        match written {
            Ok(path) => {
                if maintenance.is_some() {
                    for old in self.segments.drain(..) {
                        if old != path {
                            let _ = std::fs::remove_file(&old);
                        }
                    }
                }
                self.segments.push(path);
                self.fresh.clear();
            }
            Err(e) => {
                self.unsaved(&dir, &e);
                // Kept: a later save may succeed.
                return;
            }
        }
        drop(maintenance);
        self.prune();
    }
}

impl<V: Serialize + DeserializeOwned> Table<V> {
    /// Writes the entries inserted since the last flush as one new segment and forgets them
    /// (they are on disk for the next run; this one no longer finds them). Never compacts.
    /// A failure is a warning, and the entries are dropped all the same: holding them would
    /// defeat the point, and the next run computes them again.
    pub fn flush(&mut self) {
        if self.fresh.is_empty() {
            return;
        }
        let dir = store::table_dir(&self.shared.root, self.name, self.version);
        let fresh = self.fresh.iter().map(|k| (k, &self.entries[k]));
        let written = segment::encode(self.name, self.version, fresh)
            .and_then(|b| store::write_segment(&dir, &b));
        if let Err(e) = written {
            self.unsaved(&dir, &e);
        }
        for key in self.fresh.drain(..) {
            self.entries.remove(&key);
        }
        self.prune();
    }

    /// Warns that this table's new entries could not be written to `dir`.
    fn unsaved(&self, dir: &Path, e: &str) {
        self.shared.warn(format!(
            "cannot save the cache table {} in {}: {e}; the next run computes it again \
             (free some space, or pass --cache-dir DIR elsewhere or --no-cache)",
            self.name,
            dir.display()
        ));
    }

    /// Prunes the repository's cache to its maximum size.
    fn prune(&self) {
        let max = self.shared.max_size.load(Ordering::Relaxed);
        if let Some(warning) = store::prune(&self.shared.root, max) {
            self.shared.warn(warning);
        }
    }

    /// [`Table::save`] for a table that keeps only what the latest run filed: the entries
    /// inserted since loading replace all others (the segments loaded are deleted once the new
    /// one is written). For large entries a later run needs only if nothing changed, such as
    /// the history walk from one HEAD, which would otherwise pile up one per HEAD.
    pub fn save_replacing(&mut self) {
        if self.fresh.is_empty() {
            return;
        }
        // Without the loaded segments, the save writes only the fresh entries (no compaction).
        let old = std::mem::take(&mut self.segments);
        self.save();
        if self.fresh.is_empty() {
            for path in old {
                let _ = std::fs::remove_file(path);
            }
        } else {
            // Not written: the old segments stay.
            self.segments = old;
        }
    }
}

#[cfg(test)]
mod tests;
