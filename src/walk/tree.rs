//! The files of a commit's tree, read from git objects: what `scan --as-of REV` and the
//! back-test analyse, without a checkout and without reading the work tree.
//!
//! The walk's own [`Rules`](super::Rules) choose the files, so a commit's listing and a
//! checkout's walk agree, with two differences. `.gitignore` (and `.ignore`, global excludes)
//! do not apply: every file of a commit is tracked, and git never ignores a tracked file.
//! Submodules are not entered: their commits belong to another repository (a fresh clone's
//! checkout of them is empty too). The root `.gitattributes` is the commit's own.

use std::path::Path;

use git2::{ObjectType, Oid, Repository, Tree};

use super::{language, Attributes, Origin, Rules, SourceFile, Walk, SHEBANG_BYTES};
use crate::config::WalkConfig;
use crate::error::Error;
use crate::model::SkipReason;

/// git's file mode of a symbolic link.
const SYMLINK_MODE: i32 = 0o120000;

/// What to list.
pub struct TreeRequest<'a> {
    /// The repository's work tree (only its object database is read).
    pub repo: &'a Path,
    /// The commit whose tree is listed.
    pub commit: Oid,
    /// How the commit was named (for messages).
    pub rev: &'a str,
    /// The directory to list, relative to the repository root with `/` ("": the root).
    pub scope: &'a str,
    /// Where that directory is on disk (canonical): the globs are matched relative to it, as
    /// in the walk. Nothing below it is read.
    pub root: &'a Path,
    /// That directory as the user gave it (for messages).
    pub shown: &'a Path,
    /// Settings from the config file.
    pub config: &'a WalkConfig,
    /// Extra include globs (from the command line), relative to the listed directory.
    pub include: &'a [String],
    /// Extra exclude globs (from the command line).
    pub exclude: &'a [String],
}

/// Lists the source files of `req.scope` in the tree of `req.commit`, with paths relative to
/// the repository root, as [`super::walk`] lists a work tree; the files' origins are blobs,
/// read by a [`super::Reader`] on the same repository.
pub fn list(req: &TreeRequest) -> Result<Walk, Error> {
    let err = |e: git2::Error| Error::Git {
        path: req.repo.to_path_buf(),
        message: e.message().to_string(),
    };
    let repo = Repository::open(req.repo).map_err(err)?;
    let root = repo
        .find_commit(req.commit)
        .and_then(|c| c.tree())
        .map_err(err)?;
    let gitattributes = text_at(&repo, &root, ".gitattributes");
    let rules = Rules::new(
        req.root,
        Attributes::parse(req.repo, gitattributes.as_deref()),
        req.config,
        req.include,
        req.exclude,
    )?;
    let scoped = if req.scope.is_empty() {
        root
    } else {
        let entry = root.get_path(Path::new(req.scope)).ok();
        match entry.filter(|e| e.kind() == Some(ObjectType::Tree)) {
            Some(entry) => repo.find_tree(entry.id()).map_err(err)?,
            None => {
                let commit = req.commit.to_string();
                let at = if req.rev == commit {
                    commit
                } else {
                    format!("{} ({})", req.rev, &commit[..10])
                };
                return Err(Error::Usage(format!(
                    "{}: no such directory at {at}: nothing to scan there",
                    req.shown.display(),
                )));
            }
        }
    };
    let lister = Lister {
        repo: &repo,
        rules: &rules,
        root: req.root,
        odb: repo.odb().map_err(err)?,
    };
    let mut found = Walk::default();
    lister
        .list(&scoped, req.scope, "", &mut found)
        .map_err(err)?;
    Ok(found.sorted())
}

/// One listing's repository and rules.
struct Lister<'r> {
    repo: &'r Repository,
    rules: &'r Rules,
    root: &'r Path,
    odb: git2::Odb<'r>,
}

impl Lister<'_> {
    /// Lists `tree`, found at `rel` below the repository root and at `below` below the scanned
    /// directory, into `found`, in the walk's order of checks.
    fn list(
        &self,
        tree: &Tree,
        rel: &str,
        below: &str,
        found: &mut Walk,
    ) -> Result<(), git2::Error> {
        let join = |dir: &str, name: &str| {
            if dir.is_empty() {
                name.to_string()
            } else {
                format!("{dir}/{name}")
            }
        };
        for entry in tree.iter() {
            let name = String::from_utf8_lossy(entry.name_bytes()).into_owned();
            let (rel, below) = (join(rel, &name), join(below, &name));
            let kind = entry.kind();
            if kind == Some(ObjectType::Commit) {
                continue; // a submodule: another repository's commit
            }
            let is_dir = kind == Some(ObjectType::Tree);
            // Matched as the walker matches: the path on disk below the scanned directory.
            if self.rules.unlisted(&self.root.join(&below), is_dir) {
                continue;
            }
            if is_dir {
                match self.rules.directory(&name, &rel) {
                    Some(reason) => found.skipped.push((format!("{rel}/"), reason)),
                    None => {
                        let subtree = self.repo.find_tree(entry.id())?;
                        self.list(&subtree, &rel, &below, found)?;
                    }
                }
                continue;
            }
            if kind != Some(ObjectType::Blob) {
                continue;
            }
            if entry.filemode() == SYMLINK_MODE {
                // Its blob is the link's target path; links are not followed.
                found.skipped.push((rel, SkipReason::Symlink));
                continue;
            }
            let id = entry.id();
            let head = || {
                let blob = self.repo.find_blob(id).ok()?;
                Some(blob.content().iter().take(SHEBANG_BYTES).copied().collect())
            };
            let Some(language) = language(Path::new(&rel), true, head) else {
                continue;
            };
            if let Some(reason) = self.rules.file(&rel) {
                found.skipped.push((rel, reason));
                continue;
            }
            // The size from the object's header, without inflating it; a blob the object
            // database lacks (a partial clone) is listed and found unreadable when read.
            let size = self.odb.read_header(id).map_or(0, |(size, _)| size as u64);
            found.files.push(SourceFile {
                origin: Origin::Blob(id),
                rel,
                language,
                size,
            });
        }
        Ok(())
    }
}

/// The text of the regular file at `path` in `tree`, if there is one and it is UTF-8 (as the
/// walk reads a `.gitattributes` from disk).
fn text_at(repo: &Repository, tree: &Tree, path: &str) -> Option<String> {
    let entry = tree.get_path(Path::new(path)).ok()?;
    if entry.kind() != Some(ObjectType::Blob) || entry.filemode() == SYMLINK_MODE {
        return None;
    }
    let blob = repo.find_blob(entry.id()).ok()?;
    String::from_utf8(blob.content().to_vec()).ok()
}

/// Why a file of a commit's tree could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReadError {
    /// It is larger than the cap.
    TooLarge,
    /// libgit2 could not read it (what it said).
    Git(String),
}

/// The bytes of the regular file at the repository-relative `path` in `commit`'s tree, if it
/// is one, for files other stages read beside the listed ones (`Cargo.toml` manifests,
/// `.mailmap`, `.git-blame-ignore-revs`); a file over `max` bytes is not inflated.
pub fn read(
    repo: &Repository,
    commit: Oid,
    path: &str,
    max: u64,
) -> Result<Option<Vec<u8>>, ReadError> {
    let git = |e: git2::Error| ReadError::Git(e.message().to_string());
    let tree = repo
        .find_commit(commit)
        .and_then(|c| c.tree())
        .map_err(git)?;
    let Ok(entry) = tree.get_path(Path::new(path)) else {
        return Ok(None);
    };
    // Not followed if a link, as on disk, so nothing outside the tree is named.
    if entry.kind() != Some(ObjectType::Blob) || entry.filemode() == SYMLINK_MODE {
        return Ok(None);
    }
    let size = repo
        .odb()
        .and_then(|o| o.read_header(entry.id()))
        .map_err(git)?
        .0;
    if size as u64 > max {
        return Err(ReadError::TooLarge);
    }
    let blob = repo.find_blob(entry.id()).map_err(git)?;
    Ok(Some(blob.content().to_vec()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::walk::{walk, WalkRequest};

    /// A work tree with a file of every kind the rules tell apart, all committed (none is
    /// ignored by a `.gitignore`, so the walk and the listing must agree exactly).
    fn committed_tree() -> (tempfile::TempDir, Oid) {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        let files: &[(&str, &[u8])] = &[
            ("src/main.rs", b"fn main() {}\n"),
            ("src/deep/mod.rs", b"// TODO\n"),
            ("src/gen/out.rs", b"fn g() {}\n"),
            ("src/notes.txt", b"not source\n"),
            ("vendor/dep/lib.rs", b"fn v() {}\n"),
            ("third_party/x.lua", b"-- x\n"),
            (".hidden/secret.rs", b"fn h() {}\n"),
            ("src/.dot.rs", b"fn d() {}\n"),
            ("scripts/tool", b"#!/usr/bin/env lua\nprint(1)\n"),
            ("scripts/plain", b"echo hi\n"),
            ("tests/t.rs", b"fn t() {}\n"),
            (
                ".gitattributes",
                b"src/gen/** linguist-generated\nlib/** linguist-vendored\n",
            ),
            ("lib/a.rs", b"fn a() {}\n"),
        ];
        for (path, bytes) in files {
            let path = root.join(path);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, bytes).unwrap();
        }
        std::os::unix::fs::symlink("main.rs", root.join("src/link.rs")).unwrap();
        let repo = Repository::init(root).unwrap();
        let mut index = repo.index().unwrap();
        index
            .add_all(["*"], git2::IndexAddOption::FORCE, None)
            .unwrap();
        let tree = repo.find_tree(index.write_tree().unwrap()).unwrap();
        let sig = git2::Signature::new("A", "a@x", &git2::Time::new(1_700_000_000, 0)).unwrap();
        let commit = repo
            .commit(Some("HEAD"), &sig, &sig, "all", &tree, &[])
            .unwrap();
        (dir, commit)
    }

    /// A listing as comparable text: each file with its language and size, then each skip.
    fn summary(w: &Walk) -> Vec<String> {
        let files = w
            .files
            .iter()
            .map(|f| format!("{} {} {}", f.rel, f.language.name(), f.size));
        let skipped = w.skipped.iter().map(|(p, r)| format!("{p} skipped: {r:?}"));
        files.chain(skipped).collect()
    }

    #[test]
    fn a_commit_lists_what_the_walk_of_its_checkout_lists() {
        let (dir, commit) = committed_tree();
        let base = dir.path().canonicalize().unwrap();
        let config = WalkConfig::default();
        let globs: &[(&[&str], &[&str])] = &[
            (&[], &[]),
            (&["*.rs"], &[]),
            (&[], &["tests/", "*.lua"]),
            (&[".hidden/**"], &[]),
            (&["src/**"], &["src/deep/"]),
        ];
        let mut compared = 0;
        for scope in ["", "src", "scripts"] {
            let root = base.join(scope);
            for (include, exclude) in globs {
                let include: Vec<String> = include.iter().map(|s| s.to_string()).collect();
                let exclude: Vec<String> = exclude.iter().map(|s| s.to_string()).collect();
                let walked = walk(&WalkRequest {
                    root: &root,
                    base: &base,
                    config: &config,
                    include: &include,
                    exclude: &exclude,
                    threads: 1,
                })
                .unwrap();
                let listed = list(&TreeRequest {
                    repo: &base,
                    commit,
                    rev: "HEAD",
                    scope,
                    root: &root,
                    shown: Path::new(scope),
                    config: &config,
                    include: &include,
                    exclude: &exclude,
                })
                .unwrap();
                let what = format!("scope {scope:?}, include {include:?}, exclude {exclude:?}");
                assert_eq!(summary(&listed), summary(&walked), "{what}");
                compared += walked.files.len() + walked.skipped.len();
                assert!(listed
                    .files
                    .iter()
                    .all(|f| matches!(f.origin, Origin::Blob(_))));
            }
        }
        // Not a comparison of empty lists: every kind of file was there to be chosen.
        assert!(compared > 40, "{compared} paths compared");
    }

    #[test]
    fn a_directory_missing_at_the_commit_is_a_usage_error() {
        let (dir, commit) = committed_tree();
        let base = dir.path().canonicalize().unwrap();
        let config = WalkConfig::default();
        let request = |scope| TreeRequest {
            repo: &base,
            commit,
            rev: "v1",
            scope,
            root: &base,
            shown: Path::new("shown"),
            config: &config,
            include: &[],
            exclude: &[],
        };
        for scope in ["nowhere", "src/main.rs"] {
            let err = list(&request(scope)).unwrap_err().to_string();
            let short = &commit.to_string()[..10];
            assert_eq!(
                err,
                format!("shown: no such directory at v1 ({short}): nothing to scan there")
            );
        }
    }
}
