//! The cache directory on disk: where it is, its format version, the locks, loading and
//! writing segments, pruning, and what `debtscan cache info|clear` see and do.

use std::fs::{self, File, OpenOptions, TryLockError};
use std::io::{ErrorKind, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant, SystemTime};

use serde::de::DeserializeOwned;
use serde::Serialize;

use super::segment::{self, Rejected};
use super::{CacheSettings, Key, FORMAT_VERSION};

/// How long a run waits for a lock held by `cache clear` (or `clear` for a run's).
const LOCK_WAIT: Duration = Duration::from_secs(if cfg!(test) { 1 } else { 10 });

/// Temporary files older than this are leftovers of a crashed run, not writes in progress.
const STALE_TEMP: Duration = Duration::from_secs(3600);

const VERSION_FILE: &str = "VERSION";
const VERSION_PREFIX: &str = "debtscan cache format ";
const NOTE_FILE: &str = "REPO";
const LOCK_FILE: &str = "lock";
const MAINTENANCE_FILE: &str = "maintenance.lock";
const TAG_FILE: &str = "CACHEDIR.TAG";
const TAG: &str = "Signature: 8a477f597d28d172789f06886806bc55\n\
                   # This file is a cache directory tag created by debtscan.\n\
                   # For information about cache directory tags see https://bford.info/cachedir/\n";

/// The default cache directory: `$XDG_CACHE_HOME/debtscan`, else `$HOME/.cache/debtscan`
/// (on Windows `%LOCALAPPDATA%\debtscan` before `HOME`); relative values are ignored, as the
/// XDG specification asks. `None` when none of them is set.
pub fn default_dir() -> Option<PathBuf> {
    let absolute = |var: &str| {
        std::env::var_os(var)
            .filter(|v| !v.is_empty())
            .map(PathBuf::from)
            .filter(|p| p.is_absolute())
    };
    if let Some(dir) = absolute("XDG_CACHE_HOME") {
        return Some(dir.join("debtscan"));
    }
    if cfg!(windows) {
        if let Some(dir) = absolute("LOCALAPPDATA") {
            return Some(dir.join("debtscan"));
        }
    }
    absolute("HOME").map(|home| home.join(".cache").join("debtscan"))
}

/// The cache directory the settings name, made absolute.
fn base_dir(settings: &CacheSettings) -> Result<PathBuf, String> {
    let dir = match &settings.dir {
        Some(dir) => dir.clone(),
        None => default_dir().ok_or_else(|| {
            "no cache directory: neither XDG_CACHE_HOME nor HOME is set; pass --cache-dir DIR, \
             or --no-cache"
                .to_string()
        })?,
    };
    if dir.is_absolute() {
        return Ok(dir);
    }
    std::env::current_dir()
        .map(|cwd| cwd.join(&dir))
        .map_err(|e| format!("cannot resolve the cache directory {}: {e}", dir.display()))
}

/// The directory of one repository inside the cache directory.
pub(super) fn repo_dir_name(repo_key: &str) -> String {
    format!("r-{}", Key::of(&[repo_key.as_bytes()]).hex())
}

/// Whether `dir` (which may not exist yet) is `root` or below it.
pub(super) fn inside(dir: &Path, root: &Path) -> bool {
    let root = root.canonicalize().unwrap_or_else(|_| root.to_path_buf());
    // Resolve the deepest existing ancestor, so symbolic links and `..` cannot hide it.
    let mut existing = dir.to_path_buf();
    let mut rest = Vec::new();
    while !existing.exists() {
        match (existing.parent(), existing.file_name()) {
            (Some(parent), Some(name)) => {
                rest.push(name.to_os_string());
                existing = parent.to_path_buf();
            }
            _ => break,
        }
    }
    let mut resolved = existing.canonicalize().unwrap_or(existing);
    resolved.extend(rest.iter().rev());
    resolved.starts_with(&root)
}

/// Opens the directory of repository `repo_key`, creating it, and takes the shared lock:
/// the directory and the lock, or a warning that says what to do.
pub(super) fn open(
    settings: &CacheSettings,
    repo_key: &str,
    scanned_root: &Path,
) -> Result<(PathBuf, File), String> {
    let base = base_dir(settings)?;
    if settings.dir.is_none() && inside(&base, scanned_root) {
        return Err(format!(
            "the default cache directory {} is inside the scanned tree {}, where debtscan does \
             not write: pass --cache-dir DIR to cache elsewhere, or --no-cache",
            base.display(),
            scanned_root.display()
        ));
    }
    let unusable = |what: &Path, e: std::io::Error| {
        format!(
            "cannot use the cache directory {}: {e}; going on without a cache (pass --cache-dir \
             DIR naming a writable directory, or --no-cache)",
            what.display()
        )
    };
    fs::create_dir_all(&base).map_err(|e| unusable(&base, e))?;
    check_version(&base)?;
    let root = base.join(repo_dir_name(repo_key));
    // `cache clear` may remove the directory between creating it and locking it: try again.
    for _ in 0..3 {
        fs::create_dir_all(&root).map_err(|e| unusable(&root, e))?;
        let lock = OpenOptions::new()
            .read(true)
            .write(true)
            .create(true)
            .truncate(false)
            .open(root.join(LOCK_FILE))
            .map_err(|e| unusable(&root, e))?;
        match wait_for(|| lock.try_lock_shared()) {
            Ok(()) => {}
            Err(None) => {
                return Err(format!(
                    "the cache {} has been locked by another debtscan (`debtscan cache clear`?) \
                     for {} s: going on without it",
                    root.display(),
                    LOCK_WAIT.as_secs()
                ))
            }
            Err(Some(e)) => return Err(unusable(&root, e)),
        }
        if root.join(LOCK_FILE).exists() {
            return Ok((root, lock));
        }
    }
    Err(format!(
        "the cache {} keeps being cleared: going on without it",
        root.display()
    ))
}

/// Retries `attempt` until it stops saying "would block", for at most [`LOCK_WAIT`]:
/// `Err(None)` on time-out, `Err(Some(e))` on another error. A file system that cannot lock
/// at all (some network file systems) counts as locked: segments are written atomically, so
/// the lock only keeps `cache clear` from removing a directory in use.
fn wait_for(attempt: impl Fn() -> Result<(), TryLockError>) -> Result<(), Option<std::io::Error>> {
    let start = Instant::now();
    loop {
        match attempt() {
            Ok(()) => return Ok(()),
            Err(TryLockError::Error(e)) if e.kind() == ErrorKind::Unsupported => return Ok(()),
            Err(TryLockError::Error(e)) => return Err(Some(e)),
            Err(TryLockError::WouldBlock) if start.elapsed() >= LOCK_WAIT => return Err(None),
            Err(TryLockError::WouldBlock) => std::thread::sleep(Duration::from_millis(50)),
        }
    }
}

/// The format of the cache directory `base` from its `VERSION` file: `Ok(None)` without one,
/// `Err` when the file is not a debtscan one.
fn read_version(base: &Path) -> Result<Option<u32>, String> {
    match fs::read_to_string(base.join(VERSION_FILE)) {
        Ok(text) => text
            .trim()
            .strip_prefix(VERSION_PREFIX)
            .and_then(|n| n.parse().ok())
            .map(Some)
            .ok_or_else(|| {
                format!(
                    "{} holds a VERSION file that debtscan did not write: it does not look like \
                     a debtscan cache; pass --cache-dir DIR naming another directory, or \
                     --no-cache",
                    base.display()
                )
            }),
        Err(e) if e.kind() == ErrorKind::NotFound => Ok(None),
        Err(e) => Err(format!(
            "cannot read {}: {e}; pass --cache-dir DIR or --no-cache",
            base.join(VERSION_FILE).display()
        )),
    }
}

/// Checks (or writes) the format of the cache directory: a newer one is left alone, an
/// older one emptied and taken over.
fn check_version(base: &Path) -> Result<(), String> {
    match read_version(base)? {
        Some(FORMAT_VERSION) => return Ok(()),
        Some(newer) if newer > FORMAT_VERSION => return Err(newer_warning(base, newer)),
        Some(_older) => {
            remove_repositories(base, None)?;
        }
        None => {}
    }
    let write = |name: &str, text: &str| {
        write_atomic(&base.join(name), text.as_bytes()).map_err(|e| {
            format!(
                "cannot write in the cache directory {}: {e}; going on without a cache (pass \
                 --cache-dir DIR naming a writable directory, or --no-cache)",
                base.display()
            )
        })
    };
    write(TAG_FILE, TAG)?;
    write(VERSION_FILE, &format!("{VERSION_PREFIX}{FORMAT_VERSION}\n"))
}

fn newer_warning(base: &Path, format: u32) -> String {
    format!(
        "the cache in {} was written by a newer debtscan (format {format}; this one reads \
         format {FORMAT_VERSION}): left alone and not used; use --cache-dir DIR for this \
         version, or `debtscan cache clear --all` to start afresh",
        base.display()
    )
}

/// Writes `bytes` to `path` through a temporary file in the same directory and a rename, so
/// readers see the old file or the new one, never half of one.
fn write_atomic(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    use std::sync::atomic::{AtomicU64, Ordering};
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let dir = path.parent().unwrap_or(Path::new("."));
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy())
        .unwrap_or_default();
    let temp = dir.join(format!(
        ".{name}.{}.{}.tmp",
        std::process::id(),
        COUNTER.fetch_add(1, Ordering::Relaxed)
    ));
    let outcome = File::create(&temp)
        .and_then(|mut f| f.write_all(bytes))
        .and_then(|()| fs::rename(&temp, path));
    if outcome.is_err() {
        let _ = fs::remove_file(&temp);
    }
    outcome
}

/// The directory of a table's segments of layout `version`.
pub(super) fn table_dir(root: &Path, table: &str, version: u32) -> PathBuf {
    root.join(table).join(format!("v{version}"))
}

/// Writes a segment into `dir` under its checksum's name; its path.
pub(super) fn write_segment(dir: &Path, bytes: &[u8]) -> Result<PathBuf, String> {
    fs::create_dir_all(dir).map_err(|e| e.to_string())?;
    let path = dir.join(segment::file_name(bytes));
    write_atomic(&path, bytes).map_err(|e| e.to_string())?;
    Ok(path)
}

/// The exclusive maintenance lock of a repository's cache, if nobody else holds it.
pub(super) fn maintenance_lock(root: &Path) -> Option<File> {
    let file = OpenOptions::new()
        .read(true)
        .write(true)
        .create(true)
        .truncate(false)
        .open(root.join(MAINTENANCE_FILE))
        .ok()?;
    file.try_lock().ok()?;
    Some(file)
}

/// What loading a table found.
pub(super) struct Loaded<V> {
    pub(super) entries: Vec<(Key, V)>,
    pub(super) segments: Vec<PathBuf>,
    pub(super) warnings: Vec<String>,
}

/// The `v<N>` directories below a table's directory, with N.
fn versions(table_root: &Path) -> Vec<(u32, PathBuf)> {
    let Ok(entries) = fs::read_dir(table_root) else {
        return Vec::new();
    };
    entries
        .flatten()
        .filter_map(|e| {
            let name = e.file_name();
            let n = name.to_str()?.strip_prefix('v')?.parse().ok()?;
            Some((n, e.path()))
        })
        .collect()
}

/// The files of a directory, sorted by name (so loading is deterministic).
fn files(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = match fs::read_dir(dir) {
        Ok(entries) => entries.flatten().map(|e| e.path()).collect(),
        Err(_) => Vec::new(),
    };
    files.sort();
    files
}

fn has_extension(path: &Path, ext: &str) -> bool {
    path.extension().is_some_and(|e| e == ext)
}

/// Deletes a temporary file left by a run that crashed (not one being written right now).
fn remove_if_stale(path: &Path) {
    let age = fs::metadata(path)
        .and_then(|m| m.modified())
        .ok()
        .and_then(|t| SystemTime::now().duration_since(t).ok());
    if age.is_some_and(|age| age > STALE_TEMP) {
        let _ = fs::remove_file(path);
    }
}

/// Loads every segment of table `name`, layout `version`; deletes the segments of older
/// layouts and damaged segments (with a warning), leaves those of newer formats alone.
pub(super) fn load_table<V: DeserializeOwned + Send>(
    root: &Path,
    name: &str,
    version: u32,
) -> Loaded<V> {
    let table_root = root.join(name);
    for (n, dir) in versions(&table_root) {
        if n < version {
            let _ = fs::remove_dir_all(dir);
        }
    }
    let mut loaded = Loaded {
        entries: Vec::new(),
        segments: Vec::new(),
        warnings: Vec::new(),
    };
    for path in files(&table_dir(root, name, version)) {
        if has_extension(&path, "tmp") {
            remove_if_stale(&path);
            continue;
        }
        if !has_extension(&path, "seg") {
            continue;
        }
        let bytes = match fs::read(&path) {
            Ok(bytes) => bytes,
            // Compacted away by a concurrent run since the listing: its entries are in another.
            Err(e) if e.kind() == ErrorKind::NotFound => continue,
            Err(e) => {
                loaded.warnings.push(format!(
                    "cannot read the cache segment {}: {e}; its entries are computed again",
                    path.display()
                ));
                continue;
            }
        };
        match segment::decode::<V>(&bytes, name, version) {
            Ok(entries) => {
                loaded.entries.extend(entries);
                loaded.segments.push(path);
            }
            Err(Rejected::Newer(_)) => {}
            Err(Rejected::Older(_)) => {
                let _ = fs::remove_file(&path);
            }
            Err(Rejected::Corrupt(reason)) => {
                let removed = match fs::remove_file(&path) {
                    Ok(()) => "deleted it".to_string(),
                    Err(e) => format!("could not delete it: {e}"),
                };
                loaded.warnings.push(format!(
                    "dropped a damaged cache segment {} ({reason}; {removed}); its entries are \
                     computed again",
                    path.display()
                ));
            }
        }
    }
    loaded
}

/// One segment file on disk.
struct SegmentFile {
    path: PathBuf,
    bytes: u64,
    modified: SystemTime,
}

/// Every segment (and temporary file) of a repository's cache, by table and version.
fn segment_files(root: &Path) -> Vec<(String, u32, SegmentFile)> {
    let mut out = Vec::new();
    let Ok(tables) = fs::read_dir(root) else {
        return out;
    };
    for table in tables.flatten() {
        if !table.file_type().is_ok_and(|t| t.is_dir()) {
            continue;
        }
        let name = table.file_name().to_string_lossy().into_owned();
        for (version, dir) in versions(&table.path()) {
            for path in files(&dir) {
                let Ok(meta) = fs::metadata(&path) else {
                    continue;
                };
                if meta.is_file() {
                    let file = SegmentFile {
                        path,
                        bytes: meta.len(),
                        modified: meta.modified().unwrap_or(SystemTime::UNIX_EPOCH),
                    };
                    out.push((name.clone(), version, file));
                }
            }
        }
    }
    out
}

/// Deletes the oldest segments of a repository's cache until it holds at most `max` bytes
/// (and temporary files left by crashed runs). Skipped while another run maintains it.
pub(super) fn prune(root: &Path, max: u64) -> Option<String> {
    let _maintenance = maintenance_lock(root)?;
    let mut segments: Vec<SegmentFile> = Vec::new();
    for (_, _, file) in segment_files(root) {
        if has_extension(&file.path, "tmp") {
            remove_if_stale(&file.path);
        } else {
            segments.push(file);
        }
    }
    let mut total: u64 = segments.iter().map(|s| s.bytes).sum();
    if total <= max {
        return None;
    }
    segments.sort_by(|a, b| a.modified.cmp(&b.modified).then(a.path.cmp(&b.path)));
    let count = segments.len();
    let mut removed = 0;
    for s in &segments {
        if total <= max {
            break;
        }
        if fs::remove_file(&s.path).is_ok() {
            total -= s.bytes;
            removed += 1;
        }
    }
    (removed == count).then(|| {
        format!(
            "the cache of this repository needs more than [cache] max_size ({}): everything in \
             it was pruned; raise max_size in debtscan.toml",
            human_size(max)
        )
    })
}

/// `12.3 MiB`.
pub fn human_size(bytes: u64) -> String {
    const UNITS: [&str; 5] = ["B", "KiB", "MiB", "GiB", "TiB"];
    let mut value = bytes as f64;
    let mut unit = 0;
    while value >= 1024.0 && unit + 1 < UNITS.len() {
        value /= 1024.0;
        unit += 1;
    }
    if unit == 0 {
        format!("{bytes} B")
    } else {
        format!("{value:.1} {}", UNITS[unit])
    }
}

/// What the cache remembers about one repository (its `REPO` file).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RepoNote {
    /// The directory of its cache.
    pub dir: PathBuf,
    /// The repository key (the root commit HEAD's first parents lead to) the directory is
    /// named after.
    pub key: Option<String>,
    /// HEAD when it was last opened.
    pub head: Option<String>,
    /// Its work tree when it was last opened.
    pub path: Option<PathBuf>,
}

fn read_note(dir: &Path) -> RepoNote {
    let mut note = RepoNote {
        dir: dir.to_path_buf(),
        key: None,
        head: None,
        path: None,
    };
    let text = fs::read_to_string(dir.join(NOTE_FILE)).unwrap_or_default();
    for line in text.lines() {
        match line.split_once(' ') {
            Some(("key", v)) => note.key = Some(v.to_string()),
            Some(("head", v)) => note.head = Some(v.to_string()),
            Some(("path", v)) => note.path = Some(PathBuf::from(v)),
            _ => {}
        }
    }
    // A note copied into the wrong directory names another repository: not trusted.
    if note.key.as_deref().map(repo_dir_name).as_deref() != dir.file_name().and_then(|n| n.to_str())
    {
        note.key = None;
        note.head = None;
    }
    note
}

/// Rewrites a repository's note when its HEAD or work tree changed.
pub(super) fn write_note(root: &Path, key: &str, head: &str, workdir: &Path) {
    let mut text = format!("key {key}\nhead {head}\n");
    if let Some(path) = workdir.to_str().filter(|p| !p.contains('\n')) {
        text.push_str(&format!("path {path}\n"));
    }
    if fs::read_to_string(root.join(NOTE_FILE)).ok().as_deref() != Some(text.as_str()) {
        let _ = write_atomic(&root.join(NOTE_FILE), text.as_bytes());
    }
}

/// The repository directories of a cache directory.
fn repositories(base: &Path) -> Vec<PathBuf> {
    files(base)
        .into_iter()
        .filter(|p| {
            p.is_dir()
                && p.file_name()
                    .and_then(|n| n.to_str())
                    .and_then(|n| n.strip_prefix("r-"))
                    .is_some_and(|hex| {
                        hex.len() == 32 && hex.bytes().all(|b| b.is_ascii_hexdigit())
                    })
        })
        .collect()
}

/// The notes of every repository cached in the settings' directory (nothing is created or
/// locked): how the pipeline finds a repository's key without walking all of its history.
pub fn notes(settings: &CacheSettings) -> Vec<RepoNote> {
    let Ok(base) = base_dir(settings) else {
        return Vec::new();
    };
    if read_version(&base) != Ok(Some(FORMAT_VERSION)) {
        return Vec::new();
    }
    repositories(&base).iter().map(|d| read_note(d)).collect()
}

/// A cache directory as `debtscan cache info` shows it.
#[derive(Debug, Clone, Serialize)]
pub struct DirInfo {
    /// The cache directory.
    pub dir: PathBuf,
    /// Whether it exists.
    pub exists: bool,
    /// The format of its `VERSION` file (`None`: none yet).
    pub format: Option<u32>,
    /// The format this debtscan reads and writes.
    pub supported_format: u32,
    /// Bytes of every repository's segments.
    pub bytes: u64,
    /// One entry per repository.
    pub repositories: Vec<RepoCache>,
}

/// One repository's cache.
#[derive(Debug, Clone, Serialize)]
pub struct RepoCache {
    /// What the cache remembers about the repository.
    #[serde(flatten)]
    pub note: RepoNote,
    /// The repository asked about (`cache info PATH`).
    pub current: bool,
    /// Bytes of its segments.
    pub bytes: u64,
    /// Its tables.
    pub tables: Vec<TableInfo>,
    /// Segments that fail their checksum (deleted by the next run that loads them).
    pub damaged: Vec<PathBuf>,
    /// Segments of a newer format (left alone).
    pub newer: usize,
}

/// One table of one layout version.
#[derive(Debug, Clone, Serialize)]
pub struct TableInfo {
    /// The table.
    pub name: String,
    /// The layout version of its values.
    pub version: u32,
    /// Segment files.
    pub segments: usize,
    /// Entries in them (an entry saved twice by concurrent runs counts twice).
    pub entries: u64,
    /// Bytes.
    pub bytes: u64,
}

/// Everything in the cache directory of `settings`, every segment's checksum verified; the
/// repository `current_key` marked. Reads only.
pub fn inspect(settings: &CacheSettings, current_key: Option<&str>) -> Result<DirInfo, String> {
    let base = base_dir(settings)?;
    let format = read_version(&base)?;
    let current = current_key.map(repo_dir_name);
    let mut info = DirInfo {
        exists: base.is_dir(),
        dir: base.clone(),
        format,
        supported_format: FORMAT_VERSION,
        bytes: 0,
        repositories: Vec::new(),
    };
    for dir in repositories(&base) {
        let mut repo = RepoCache {
            current: current.as_deref() == dir.file_name().and_then(|n| n.to_str()),
            note: read_note(&dir),
            bytes: 0,
            tables: Vec::new(),
            damaged: Vec::new(),
            newer: 0,
        };
        for (name, version, file) in segment_files(&dir) {
            if !has_extension(&file.path, "seg") {
                continue;
            }
            repo.bytes += file.bytes;
            let header = match fs::read(&file.path) {
                Ok(bytes) => segment::check(&bytes).map(|(h, _)| h),
                Err(_) => continue,
            };
            match header {
                Ok(h) if h.table == name && h.version == version => {
                    let at = repo
                        .tables
                        .iter()
                        .position(|t| t.name == name && t.version == version);
                    let table = match at {
                        Some(i) => &mut repo.tables[i],
                        None => {
                            repo.tables.push(TableInfo {
                                name: name.clone(),
                                version,
                                segments: 0,
                                entries: 0,
                                bytes: 0,
                            });
                            repo.tables.last_mut().expect("just pushed")
                        }
                    };
                    table.segments += 1;
                    table.entries += h.entries;
                    table.bytes += file.bytes;
                }
                Err(Rejected::Newer(_)) => repo.newer += 1,
                _ => repo.damaged.push(file.path),
            }
        }
        repo.tables
            .sort_by(|a, b| a.name.cmp(&b.name).then(a.version.cmp(&b.version)));
        info.bytes += repo.bytes;
        info.repositories.push(repo);
    }
    // The repository asked about first, then by directory.
    info.repositories.sort_by_key(|r| !r.current);
    Ok(info)
}

/// What `debtscan cache clear` removed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cleared {
    /// The cache directory.
    pub dir: PathBuf,
    /// Repository caches removed.
    pub repositories: usize,
    /// Bytes they held.
    pub bytes: u64,
}

/// Removes the cache of repository `repo_key` (or, with `None`, of every repository and the
/// directory's own files) from the settings' cache directory. Waits a while for runs using
/// it; an error says what is in the way.
pub fn clear(settings: &CacheSettings, repo_key: Option<&str>) -> Result<Cleared, String> {
    let base = base_dir(settings)?;
    let mut cleared = Cleared {
        dir: base.clone(),
        repositories: 0,
        bytes: 0,
    };
    match read_version(&base) {
        // Nothing of debtscan's here: nothing to remove.
        Ok(None) => return Ok(cleared),
        Ok(Some(_)) => {}
        Err(e) => return Err(e),
    }
    let (count, bytes) = remove_repositories(&base, repo_key)?;
    cleared.repositories = count;
    cleared.bytes = bytes;
    if repo_key.is_none() {
        for name in [VERSION_FILE, TAG_FILE] {
            let _ = fs::remove_file(base.join(name));
        }
        // Only if empty: it may be a directory the user keeps other things in.
        let _ = fs::remove_dir(&base);
    }
    Ok(cleared)
}

/// Removes the repository directories of `base` (only `repo_key`'s, if given), each under
/// its exclusive lock: how many and their segments' bytes.
fn remove_repositories(base: &Path, repo_key: Option<&str>) -> Result<(usize, u64), String> {
    let wanted = repo_key.map(repo_dir_name);
    let (mut count, mut bytes) = (0, 0);
    for dir in repositories(base) {
        if wanted
            .as_deref()
            .is_some_and(|w| dir.file_name().and_then(|n| n.to_str()) != Some(w))
        {
            continue;
        }
        let size: u64 = segment_files(&dir).iter().map(|(_, _, f)| f.bytes).sum();
        let _lock = match OpenOptions::new().write(true).open(dir.join(LOCK_FILE)) {
            Ok(lock) => match wait_for(|| lock.try_lock()) {
                Ok(()) => Some(lock),
                Err(None) => {
                    return Err(format!(
                        "the cache {} is in use by a running debtscan; try again when it ends",
                        dir.display()
                    ))
                }
                Err(Some(e)) => return Err(format!("cannot lock {}: {e}", dir.display())),
            },
            Err(e) if e.kind() == ErrorKind::NotFound => None,
            Err(e) => return Err(format!("cannot lock {}: {e}", dir.display())),
        };
        fs::remove_dir_all(&dir).map_err(|e| format!("cannot remove {}: {e}", dir.display()))?;
        count += 1;
        bytes += size;
    }
    Ok((count, bytes))
}
