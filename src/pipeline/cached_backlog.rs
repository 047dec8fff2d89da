//! A scan whose inputs are all what an earlier run read gets that run's backlog back, without
//! reading history, parsing or scoring again: the nightly run of a repository where nothing
//! happened, or a second command on the same tree (`explain` after `scan`).
//!
//! The backlog is filed under everything it is computed from: how debtscan was built, the
//! resolved request and config, HEAD and the shallow boundary, git's config and the user's and
//! the system's attributes files, every file the walk listed (by content), and the files read
//! beside them by name (`.mailmap`, `.git-blame-ignore-revs`, every `.gitattributes` git could
//! consult, the `Cargo.toml` manifests the graph may read). Each of those is read again on
//! every run, so the entry is content-addressed like every other: a changed input is another
//! key, never a stale answer. Only the latest backlog is kept (it is as large as the JSON
//! report).
//!
//! Not filed: a run given coverage reports (they change with every test run), a run whose
//! cache warned (its warnings are its own), a partial clone (a fetch brings blobs without
//! moving HEAD), a run during which HEAD moved or a file read for the key changed (its backlog
//! may be of other inputs than the key's), and a backlog that does not read back as itself.

use std::path::{Path, PathBuf};
use std::time::SystemTime;

use git2::{Oid, Repository};
use rayon::prelude::*;

use super::collect::{Place, ScanRequest};
use crate::cache::{Key, Table};
use crate::history::Location;
use crate::model::Backlog;
use crate::walk::{Origin, Walk};

/// Layout of the `backlogs` table's values (a [`Backlog`] as JSON).
const BACKLOG_LAYOUT: u32 = 1;

/// The backlog an earlier run filed under this run's inputs, and where to file this run's.
pub(super) struct Memo {
    table: Table<Vec<u8>>,
    key: Key,
    /// What loading the table found damaged (and dropped): the run's report says so.
    pub(super) warnings: Vec<String>,
    /// The work tree, HEAD's commit and the files read for the key, as they were when it was
    /// computed: a file edited or a commit made while the scan ran leaves a backlog of other
    /// inputs than the key's, which is not filed.
    workdir: PathBuf,
    head: Option<Oid>,
    stamps: Vec<(PathBuf, Option<Stamp>)>,
}

/// A file's size and modification time.
type Stamp = (u64, SystemTime);

/// The stamp of the file at `path`, if there is one.
fn stamp(path: &Path) -> Option<Stamp> {
    let meta = std::fs::metadata(path).ok()?;
    Some((meta.len(), meta.modified().ok()?))
}

/// HEAD's commit in the repository at `workdir`.
fn head_of(workdir: &Path) -> Option<Oid> {
    let repo = Repository::open(workdir).ok()?;
    let commit = repo.head().ok()?.peel_to_commit().ok()?;
    Some(commit.id())
}

impl Memo {
    /// The memo of a scan of `walked` in `place`; `None` without a usable cache or for a run
    /// that is never filed (see the module's documentation).
    pub(super) fn open(req: &ScanRequest, place: &Place, walked: &Walk) -> Option<Memo> {
        let Location::WorkTree(workdir) = &place.location else {
            return None;
        };
        // Filters ride on the request only when a caller set them up itself.
        let filtered = req.history_options.filters.is_some();
        if !req.cache.enabled || !req.coverage.is_empty() || filtered {
            return None;
        }
        let parts = inputs(req, place, workdir, walked)?;
        // A warning about the cache is the run's to give: collecting opens it again.
        let (cache, _) = super::cache::open(&req.cache, workdir, req.config.cache.max_size);
        let cache = cache?;
        let table = cache.table("backlogs", BACKLOG_LAYOUT);
        Some(Memo {
            table,
            key: Key::of(&[&parts.bytes]),
            warnings: cache.warnings(),
            workdir: workdir.to_path_buf(),
            head: parts.head,
            stamps: parts.stamps,
        })
    }

    /// The backlog filed under this run's inputs, if any.
    pub(super) fn get(&self) -> Option<Backlog> {
        read(self.table.get(&self.key)?)
    }

    /// Files `backlog` under this run's inputs, in place of the one filed before.
    pub(super) fn keep(mut self, backlog: &Backlog) {
        let moved = head_of(&self.workdir) != self.head;
        if moved || self.stamps.iter().any(|(path, was)| stamp(path) != *was) {
            return;
        }
        let Ok(bytes) = serde_json::to_vec(&(backlog, &backlog.files)) else {
            return;
        };
        // A value JSON cannot hold as it is (a NaN) would come back as another backlog.
        match read(&bytes) {
            Some(read) if read == *backlog => {}
            _ => return,
        }
        self.table.insert(self.key, bytes);
        self.table.save_replacing();
    }
}

/// The backlog written as `bytes` (with its per-file figures, which its JSON leaves out), and
/// the times JSON leaves out (each marker's date carries its time).
fn read(bytes: &[u8]) -> Option<Backlog> {
    let (mut backlog, files): (Backlog, Vec<crate::model::FileFigures>) =
        serde_json::from_slice(bytes).ok()?;
    backlog.files = files;
    let seconds = |date: &str| date.parse::<jiff::Timestamp>().ok().map(|t| t.as_second());
    for marker in backlog.items.iter_mut().filter_map(|i| i.marker.as_mut()) {
        if let Some(introduced) = &mut marker.introduced {
            introduced.time = seconds(&introduced.date)?;
        }
        if let Some(edge) = &mut marker.predates_history {
            edge.time = seconds(&edge.date)?;
        }
    }
    Some(backlog)
}

/// Everything a scan's backlog is computed from, as bytes, and the stamps of the files read;
/// `None` when some of it cannot be read (nothing is filed then).
fn inputs(req: &ScanRequest, place: &Place, workdir: &Path, walked: &Walk) -> Option<Parts> {
    let mut parts = Parts::default();
    parts.add("build", crate::cache::BUILD.as_bytes());
    let o = &req.history_options;
    let request = format!(
        "{:?}",
        (
            (&req.path, &place.root, &place.base),
            (&req.config, &req.include, &req.exclude, &req.languages),
            (req.history, req.markers, req.metrics, req.imports),
            (o.first_parent, o.since, o.max_commits, o.half_life_days),
            (o.versions, o.lines_window_days),
            o.start.as_ref().map(|s| (&s.rev, s.commit, s.time)),
        )
    );
    parts.add("request", request.as_bytes());
    // Where git looks for the user's attributes file.
    for var in ["HOME", "XDG_CONFIG_HOME"] {
        let value = std::env::var_os(var).unwrap_or_default();
        parts.add(var, value.as_encoded_bytes());
    }
    let repo = Repository::open(workdir).ok()?;
    git_state(&repo, workdir, &mut parts)?;
    attributes(&repo, workdir, walked, &mut parts)?;
    files(req, walked, &mut parts)?;
    manifests(&place.base, walked, &mut parts);
    Some(parts)
}

/// HEAD, the shallow boundary and grafts, git's config (all levels, includes resolved) and
/// the mailmap and ignored revisions it leads to.
fn git_state(repo: &Repository, workdir: &Path, parts: &mut Parts) -> Option<()> {
    match repo.head() {
        Ok(head) => {
            parts.add("head", head.name_bytes());
            let commit = head.peel_to_commit().ok()?.id();
            parts.add("head-commit", commit.as_bytes());
            parts.head = Some(commit);
        }
        Err(_) => parts.add("head", b"unborn"),
    }
    for file in ["shallow", "info/grafts", "info/attributes"] {
        parts.file(file, &repo.path().join(file));
    }
    let config = repo.config().ok()?.snapshot().ok()?;
    let mut entries = config.entries(None).ok()?;
    while let Some(entry) = entries.next() {
        let entry = entry.ok()?;
        // Its blobs come from a remote: a fetch changes what is missing with HEAD unmoved.
        if entry
            .name_bytes()
            .eq_ignore_ascii_case(b"extensions.partialclone")
        {
            return None;
        }
        parts.add("config", entry.name_bytes());
        parts.add("level", &(entry.level() as i32).to_le_bytes());
        parts.add("value", entry.value_bytes());
    }
    drop(entries);
    if let Ok(file) = config.get_path("mailmap.file") {
        parts.file("mailmap.file", &workdir.join(file));
    }
    if let Ok(rev) = config.get_string("mailmap.blob") {
        let blob = repo.revparse_single(&rev).map(|o| o.id());
        parts.add(
            "mailmap.blob",
            blob.map(|id| id.to_string()).unwrap_or_default().as_bytes(),
        );
    }
    if let Some(user) = crate::history::user_attributes_file(Some(&config)) {
        parts.file("user attributes", &user);
    }
    // SAFETY: reads a process-wide libgit2 setting that debtscan never sets.
    let system = unsafe { git2::opts::get_search_path(git2::ConfigLevel::System) };
    let system = system
        .map(|p| p.to_string_lossy().into_owned())
        .unwrap_or_default();
    for dir in system.split(':').filter(|d| !d.is_empty()) {
        parts.file("system attributes", &Path::new(dir).join("gitattributes"));
    }
    for file in [".mailmap", ".git-blame-ignore-revs"] {
        parts.file(file, &workdir.join(file));
    }
    Some(())
}

/// Every `.gitattributes` git could consult: at the root and in each directory holding a
/// tracked or a listed file.
fn attributes(repo: &Repository, workdir: &Path, walked: &Walk, parts: &mut Parts) -> Option<()> {
    let index = repo.index().ok()?;
    let tracked: Vec<String> = index
        .iter()
        .map(|e| String::from_utf8_lossy(&e.path).into_owned())
        .collect();
    let listed = walked.files.iter().map(|f| f.rel.as_str());
    for dir in crate::history::directories(tracked.iter().map(String::as_str).chain(listed)) {
        parts.file(dir, &workdir.join(dir).join(".gitattributes"));
    }
    Some(())
}

/// Every file the walk listed, by content (a blob by its id), and those it left out.
fn files(req: &ScanRequest, walked: &Walk, parts: &mut Parts) -> Option<()> {
    let max = req.config.walk.max_file_size;
    let hashes: Vec<(Vec<u8>, Option<Stamp>)> = walked
        .files
        .par_iter()
        .map(|f| match &f.origin {
            Origin::Blob(id) => (id.as_bytes().to_vec(), None),
            // Stamped before it is read: an edit while reading changes the stamp.
            Origin::Disk(path) => {
                let was = stamp(path);
                (content_hash(path, f.size, max), was)
            }
        })
        .collect();
    for (file, (hash, was)) in walked.files.iter().zip(hashes) {
        if let Origin::Disk(path) = &file.origin {
            parts.stamps.push((path.clone(), was));
        }
        parts.add("file", file.rel.as_bytes());
        parts.add("language", file.language.name().as_bytes());
        parts.add("size", &file.size.to_le_bytes());
        parts.add("content", &hash);
    }
    for (path, reason) in &walked.skipped {
        parts.add("skipped", path.as_bytes());
        parts.add("reason", format!("{reason:?}").as_bytes());
    }
    Some(())
}

/// The manifests the graph may read for the listed files (a superset of those it reads).
fn manifests(base: &Path, walked: &Walk, parts: &mut Parts) {
    let paths = walked.files.iter().map(|f| f.rel.as_str());
    for rel in crate::graph::manifest_candidates(paths) {
        let path = base.join(&rel);
        let file = std::fs::symlink_metadata(&path).is_ok_and(|m| m.is_file());
        parts.add("manifest", rel.as_bytes());
        match file {
            true => parts.file("manifest text", &path),
            false => parts.add("manifest text", b"not a file"),
        }
    }
}

/// The content hash of the listed file at `path` of `size` bytes, read as the walk reads it
/// (one byte past the size limit `max`); nothing for one larger than `max`, which its size (a
/// part already) decides.
fn content_hash(path: &Path, size: u64, max: u64) -> Vec<u8> {
    if size > max {
        return Vec::new();
    }
    match crate::walk::read_at_most(path, max + 1, size) {
        Ok(bytes) => Key::of(&[&bytes]).0.to_le_bytes().to_vec(),
        Err(_) => b"unreadable".to_vec(),
    }
}

/// The inputs as bytes: labelled, length-prefixed parts, so that no two lists of parts run
/// together into the same bytes.
#[derive(Default)]
struct Parts {
    bytes: Vec<u8>,
    /// The files read by name, with their stamps before reading.
    stamps: Vec<(PathBuf, Option<Stamp>)>,
    /// HEAD's commit, as read for the key.
    head: Option<Oid>,
}

impl Parts {
    fn add(&mut self, label: &str, part: &[u8]) {
        for piece in [label.as_bytes(), part] {
            self.bytes
                .extend_from_slice(&(piece.len() as u64).to_le_bytes());
            self.bytes.extend_from_slice(piece);
        }
    }

    /// The content of the file at `path`, or that there is none.
    fn file(&mut self, label: &str, path: &Path) {
        let was = stamp(path);
        self.stamps.push((path.to_path_buf(), was));
        // Most are absent (a `.gitattributes` in each directory): one call tells.
        if was.is_none() {
            return self.add(label, b"absent");
        }
        match std::fs::read(path) {
            Ok(bytes) => self.add(label, &Key::of(&[&bytes]).0.to_le_bytes()),
            Err(e) => self.add(label, format!("{:?}", e.kind()).as_bytes()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_edit_changes_a_stamp() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.rs");
        std::fs::write(&path, "fn a() {}\n").unwrap();
        let was = stamp(&path);
        assert!(was.is_some());
        assert_eq!(stamp(&path), was);
        // Same length, a later time.
        std::thread::sleep(std::time::Duration::from_millis(20));
        std::fs::write(&path, "fn b() {}\n").unwrap();
        assert_ne!(stamp(&path), was);
        std::fs::remove_file(&path).unwrap();
        assert_eq!(stamp(&path), None);
    }

    #[test]
    fn parts_do_not_run_together() {
        let of = |list: &[(&str, &[u8])]| {
            let mut parts = Parts::default();
            for (label, part) in list {
                parts.add(label, part);
            }
            parts.bytes
        };
        assert_ne!(of(&[("a", b"bc")]), of(&[("ab", b"c")]));
        assert_ne!(
            of(&[("a", b""), ("b", b"")]),
            of(&[("a", b"\x01\0\0\0\0\0\0\0b")])
        );
    }
}
