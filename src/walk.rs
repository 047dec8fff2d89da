//! The file list: which files of the tree are source code worth reading, and why the others
//! were left out. Walking uses the `ignore` crate (the walker behind ripgrep), so `.gitignore`,
//! `.ignore`, global git excludes and hidden files behave as developers expect. [`tree`] lists
//! a commit's tree from git objects instead (`--as-of`, the back-test), by the same [`Rules`].

pub mod tree;

use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use ignore::gitignore::{Gitignore, GitignoreBuilder};
use ignore::overrides::{Override, OverrideBuilder};
use ignore::{WalkBuilder, WalkState};

use crate::config::WalkConfig;
use crate::error::Error;
use crate::lang::{self, LanguageDef};
use crate::model::SkipReason;

/// Lock files: machine-written, and noise in change history.
pub const LOCK_FILES: &[&str] = &[
    "Cargo.lock",
    "package-lock.json",
    "npm-shrinkwrap.json",
    "yarn.lock",
    "pnpm-lock.yaml",
    "bun.lockb",
    "poetry.lock",
    "Pipfile.lock",
    "uv.lock",
    "Gemfile.lock",
    "composer.lock",
    "go.sum",
    "flake.lock",
    "mix.lock",
    "pubspec.lock",
    "packages.lock.json",
    "gradle.lockfile",
];

/// How many leading lines may carry an `@generated` / `DO NOT EDIT` header.
const HEADER_LINES: usize = 5;

/// Where a listed file's bytes are.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origin {
    /// A file on disk: its absolute (or as-given) path.
    Disk(PathBuf),
    /// A blob in the repository's object database (a file of a commit's tree).
    Blob(git2::Oid),
}

/// A source file chosen for analysis.
#[derive(Debug, Clone)]
pub struct SourceFile {
    /// Where to read it.
    pub origin: Origin,
    /// Path relative to the repository root (or the scanned path outside git), `/`-separated.
    pub rel: String,
    /// Its language.
    pub language: &'static LanguageDef,
    /// Size in bytes when listed.
    pub size: u64,
}

/// The outcome of a walk.
#[derive(Debug, Default)]
pub struct Walk {
    /// Source files to analyse, sorted by `rel`.
    pub files: Vec<SourceFile>,
    /// Paths left out before reading, with the reason.
    pub skipped: Vec<(String, SkipReason)>,
}

/// What to walk.
pub struct WalkRequest<'a> {
    /// The directory to scan.
    pub root: &'a Path,
    /// Paths are reported relative to this (the repository's work tree, or `root`).
    pub base: &'a Path,
    /// Settings from the config file.
    pub config: &'a WalkConfig,
    /// Extra include globs (from the command line).
    pub include: &'a [String],
    /// Extra exclude globs (from the command line).
    pub exclude: &'a [String],
    /// Walker threads.
    pub threads: usize,
}

/// The text of a source file that passed every check.
#[derive(Debug)]
pub struct Loaded {
    /// File contents; invalid UTF-8 replaced by U+FFFD.
    pub text: String,
    /// Whether bytes had to be replaced.
    pub lossy: bool,
}

/// `.gitattributes` rules that mark paths as generated or vendored.
struct Attributes {
    generated: Gitignore,
    vendored: Gitignore,
}

impl Attributes {
    /// Reads `<base>/.gitattributes`.
    fn load(base: &Path) -> Attributes {
        let text = std::fs::read_to_string(base.join(".gitattributes")).ok();
        Attributes::parse(base, text.as_deref())
    }

    /// The rules of a root `.gitattributes` holding `text` (`None`: there is none). Its patterns
    /// follow gitignore's matching rules, so the `ignore` crate's matcher does the matching; an
    /// unset attribute becomes a negation.
    fn parse(base: &Path, text: Option<&str>) -> Attributes {
        let mut generated = GitignoreBuilder::new(base);
        let mut vendored = GitignoreBuilder::new(base);
        if let Some(text) = text {
            for line in text.lines() {
                let mut words = line.split_whitespace();
                let Some(pattern) = words.next() else {
                    continue;
                };
                if pattern.starts_with('#') {
                    continue;
                }
                for attr in words {
                    let (builder, set) = match attr {
                        "linguist-generated" | "linguist-generated=true" => (&mut generated, true),
                        "-linguist-generated"
                        | "!linguist-generated"
                        | "linguist-generated=false" => (&mut generated, false),
                        "linguist-vendored" | "linguist-vendored=true" => (&mut vendored, true),
                        "-linguist-vendored" | "!linguist-vendored" | "linguist-vendored=false" => {
                            (&mut vendored, false)
                        }
                        _ => continue,
                    };
                    let glob = if set {
                        pattern.to_string()
                    } else {
                        format!("!{pattern}")
                    };
                    // A malformed pattern in someone's .gitattributes is ignored, as git does.
                    let _ = builder.add_line(None, &glob);
                }
            }
        }
        Attributes {
            generated: generated.build().unwrap_or_else(|_| Gitignore::empty()),
            vendored: vendored.build().unwrap_or_else(|_| Gitignore::empty()),
        }
    }

    fn classify(&self, path: &Path, is_dir: bool) -> Option<SkipReason> {
        if self
            .generated
            .matched_path_or_any_parents(path, is_dir)
            .is_ignore()
        {
            Some(SkipReason::Generated)
        } else if self
            .vendored
            .matched_path_or_any_parents(path, is_dir)
            .is_ignore()
        {
            Some(SkipReason::Vendored)
        } else {
            None
        }
    }
}

/// The path-only rules of the walk (`.gitattributes`, vendored directories, lock files), for
/// stages that see paths without reading files, such as history.
pub struct PathRules {
    attributes: Attributes,
    vendored_dirs: Vec<String>,
}

impl PathRules {
    /// Rules for the tree rooted at `base` (its `.gitattributes`).
    pub fn new(base: &Path, config: &WalkConfig) -> PathRules {
        PathRules {
            attributes: Attributes::load(base),
            vendored_dirs: config.vendored_dirs.clone(),
        }
    }

    /// Rules for a tree whose root `.gitattributes` holds `gitattributes` (`None`: it has
    /// none), such as a commit's tree read from git objects.
    pub fn with_gitattributes(gitattributes: Option<&str>, config: &WalkConfig) -> PathRules {
        PathRules {
            attributes: Attributes::parse(Path::new(""), gitattributes),
            vendored_dirs: config.vendored_dirs.clone(),
        }
    }

    /// Why a repository-relative path is not source worth counting, if it is not.
    pub fn noise(&self, rel: &str) -> Option<&'static str> {
        let name = rel.rsplit('/').next().unwrap_or(rel);
        if LOCK_FILES.contains(&name) {
            return Some("lock file");
        }
        if is_minified_name(name) {
            return Some("minified");
        }
        let mut dirs = rel.split('/');
        dirs.next_back();
        if dirs.any(|d| self.vendored_dirs.iter().any(|v| v == d)) {
            return Some("vendored");
        }
        match self.attributes.classify(Path::new(rel), false) {
            Some(SkipReason::Generated) => Some("generated"),
            Some(_) => Some("vendored"),
            None => None,
        }
    }
}

/// The rules that choose the files of a tree, shared by the work-tree walk and the listing of a
/// commit's tree ([`tree`]), so that both choose the same files: the `--include`/`--exclude`
/// globs (and `walk.include`/`walk.exclude`), hidden names, vendored directories and
/// `.gitattributes`. `.gitignore` is the walker's alone: a commit's files are all tracked.
struct Rules {
    overrides: Override,
    attributes: Attributes,
    vendored_dirs: Vec<String>,
}

impl Rules {
    /// The rules for scanning `root` (globs are relative to it) with `attributes`.
    fn new(
        root: &Path,
        attributes: Attributes,
        config: &WalkConfig,
        include: &[String],
        exclude: &[String],
    ) -> Result<Rules, Error> {
        let mut overrides = OverrideBuilder::new(root);
        for glob in config.include.iter().chain(include) {
            overrides.add(glob).map_err(|e| glob_error(glob, e))?;
        }
        for glob in config.exclude.iter().chain(exclude) {
            overrides
                .add(&format!("!{glob}"))
                .map_err(|e| glob_error(glob, e))?;
        }
        Ok(Rules {
            overrides: overrides.build().map_err(|e| glob_error("", e))?,
            attributes,
            vendored_dirs: config.vendored_dirs.clone(),
        })
    }

    /// Whether a path below the scanned directory (given as the walker sees it, on disk below
    /// the directory) is dropped without a word before any other check, as the `ignore`
    /// walker drops it (`.gitignore` apart): an `--exclude` glob matches it, or `--include`
    /// globs are given and none matches a file, or its name is hidden (starts with `.`) and no
    /// include glob names it. The walker applies these itself; a commit's listing asks here.
    fn unlisted(&self, path: &Path, is_dir: bool) -> bool {
        let m = self.overrides.matched(path, is_dir);
        if m.is_ignore() {
            return true;
        }
        if m.is_whitelist() {
            return false;
        }
        path.file_name()
            .is_some_and(|n| n.as_encoded_bytes().starts_with(b"."))
    }

    /// Why a directory (`name`, at the base-relative `rel`) is left out with everything in it.
    fn directory(&self, name: &str, rel: &str) -> Option<SkipReason> {
        if self.vendored_dirs.iter().any(|v| v == name) {
            Some(SkipReason::Vendored)
        } else {
            self.attributes.classify(Path::new(rel), true)
        }
    }

    /// Why a source file at the base-relative `rel` is left out before it is read.
    fn file(&self, rel: &str) -> Option<SkipReason> {
        let name = rel.rsplit('/').next().unwrap_or(rel);
        if is_minified_name(name) {
            return Some(SkipReason::Minified);
        }
        self.attributes.classify(Path::new(rel), false)
    }
}

/// The language of a listed file: by its name or extension, else — only for a regular file
/// without an extension, since `x.txt` is not Lua — by the `#!` line at the start of `head()`.
fn language(
    path: &Path,
    regular: bool,
    head: impl FnOnce() -> Option<Vec<u8>>,
) -> Option<&'static LanguageDef> {
    lang::for_path(path).or_else(|| match path.extension() {
        None if regular => lang::for_shebang(&shebang(&head()?)?),
        _ => None,
    })
}

/// Lists the source files under `req.root`.
pub fn walk(req: &WalkRequest) -> Result<Walk, Error> {
    let rules = Rules::new(
        req.root,
        Attributes::load(req.base),
        req.config,
        req.include,
        req.exclude,
    )?;

    let walker = WalkBuilder::new(req.root)
        .hidden(true)
        .git_ignore(true)
        .git_global(true)
        .git_exclude(true)
        .parents(true)
        .require_git(false)
        .follow_links(false)
        .overrides(rules.overrides.clone())
        .threads(req.threads.max(1))
        .build_parallel();

    let found = Mutex::new(Walk::default());
    walker.run(|| {
        let found = &found;
        let rules = &rules;
        Box::new(move |entry| {
            let entry = match entry {
                Ok(entry) => entry,
                Err(err) => {
                    if let Some(path) = error_path(&err) {
                        let rel = relative(req.base, path);
                        lock(found).skipped.push((rel, SkipReason::Unreadable));
                    }
                    return WalkState::Continue;
                }
            };
            if entry.depth() == 0 {
                return WalkState::Continue;
            }
            let Some(file_type) = entry.file_type() else {
                return WalkState::Continue;
            };
            let path = entry.path();
            let rel = relative(req.base, path);
            if file_type.is_dir() {
                let name = entry.file_name().to_string_lossy();
                return match rules.directory(&name, &rel) {
                    Some(reason) => {
                        lock(found).skipped.push((format!("{rel}/"), reason));
                        WalkState::Skip
                    }
                    None => WalkState::Continue,
                };
            }
            if file_type.is_symlink() {
                lock(found).skipped.push((rel, SkipReason::Symlink));
                return WalkState::Continue;
            }
            let Some(language) = language(path, file_type.is_file(), || read_head(path)) else {
                return WalkState::Continue;
            };
            if !file_type.is_file() {
                lock(found).skipped.push((rel, SkipReason::NotRegular));
                return WalkState::Continue;
            }
            if let Some(reason) = rules.file(&rel) {
                lock(found).skipped.push((rel, reason));
                return WalkState::Continue;
            }
            let size = entry.metadata().map(|m| m.len()).unwrap_or(0);
            lock(found).files.push(SourceFile {
                origin: Origin::Disk(path.to_path_buf()),
                rel,
                language,
                size,
            });
            WalkState::Continue
        })
    });

    Ok(found
        .into_inner()
        .unwrap_or_else(|p| p.into_inner())
        .sorted())
}

impl Walk {
    /// Files by path, their languages settled by the tree ([`lang::Claims`]), skipped paths
    /// sorted and each once.
    fn sorted(mut self) -> Walk {
        let claims = lang::Claims::of(self.files.iter().map(|f| (f.rel.as_str(), f.language)));
        for file in &mut self.files {
            file.language = claims.language(&file.rel, file.language);
        }
        self.files.sort_by(|a, b| a.rel.cmp(&b.rel));
        self.skipped.sort();
        self.skipped.dedup();
        self
    }
}

/// How many bytes of a file may hold the `#!` line that names its interpreter.
const SHEBANG_BYTES: usize = 256;

/// The first bytes of a file, for its `#!` line.
fn read_head(path: &Path) -> Option<Vec<u8>> {
    let mut head = vec![0u8; SHEBANG_BYTES];
    let mut file = std::fs::File::open(path).ok()?;
    let n = file.read(&mut head).ok()?;
    head.truncate(n);
    Some(head)
}

/// The first line of `head`, if it starts with `#!` (within its first 256 bytes).
fn shebang(head: &[u8]) -> Option<String> {
    let head = &head[..head.len().min(SHEBANG_BYTES)];
    if !head.starts_with(b"#!") {
        return None;
    }
    let line = head.split(|&b| b == b'\n').next()?;
    Some(String::from_utf8_lossy(line).trim_end().to_string())
}

/// Reads listed files: from disk, or through one handle on the repository's object database
/// (libgit2 handles are not shared between threads, so each worker opens its own).
pub enum Reader {
    /// Files on disk only.
    Disk,
    /// Blobs of this repository (and files on disk).
    Objects(git2::Repository),
}

impl Reader {
    /// A reader for a listing: of a commit's tree in the repository at `repo`, or (`None`) of
    /// the file system.
    pub fn open(repo: Option<&Path>) -> Result<Reader, git2::Error> {
        match repo {
            None => Ok(Reader::Disk),
            Some(dir) => git2::Repository::open(dir).map(Reader::Objects),
        }
    }

    /// Reads a listed file and decides whether it is worth parsing: [`load`] for a file on
    /// disk; a blob passes the same checks (a blob the object database lacks, as in a partial
    /// clone, is unreadable).
    pub fn load(&self, file: &SourceFile, config: &WalkConfig) -> Result<Loaded, SkipReason> {
        match (&file.origin, self) {
            (Origin::Disk(_), _) => load(file, config),
            (Origin::Blob(id), Reader::Objects(repo)) => {
                if file.size > config.max_file_size {
                    return Err(SkipReason::TooLarge);
                }
                let blob = repo.find_blob(*id).map_err(|_| SkipReason::Unreadable)?;
                classify(blob.content().to_vec(), config)
            }
            (Origin::Blob(_), Reader::Disk) => Err(SkipReason::Unreadable),
        }
    }
}

/// Reads a listed file from disk and decides whether it is worth parsing (a blob is
/// [`Reader::load`]'s to read).
pub fn load(file: &SourceFile, config: &WalkConfig) -> Result<Loaded, SkipReason> {
    if file.size > config.max_file_size {
        return Err(SkipReason::TooLarge);
    }
    let Origin::Disk(path) = &file.origin else {
        return Err(SkipReason::Unreadable);
    };
    // Read at most one byte past the cap: a file that grew since listing is still caught.
    let bytes = read_at_most(path, config.max_file_size + 1, file.size)
        .map_err(|_| SkipReason::Unreadable)?;
    classify(bytes, config)
}

/// Up to `max` bytes of the file at `path`, listed with `size` bytes.
pub fn read_at_most(path: &Path, max: u64, size: u64) -> std::io::Result<Vec<u8>> {
    let mut bytes = Vec::with_capacity(size.min(max) as usize + 1);
    std::fs::File::open(path)?
        .take(max)
        .read_to_end(&mut bytes)?;
    Ok(bytes)
}

/// Whether a file's name says a minifier wrote it (`jquery.min.js`, `app.min.mjs`), whatever
/// its lines: a short minified file passes the line-length check.
fn is_minified_name(name: &str) -> bool {
    let mut parts = name.rsplit('.');
    parts.next();
    parts.next() == Some("min")
}

/// The content checks of [`load`], separated so they can be tested without files.
pub fn classify(bytes: Vec<u8>, config: &WalkConfig) -> Result<Loaded, SkipReason> {
    if bytes.len() as u64 > config.max_file_size {
        return Err(SkipReason::TooLarge);
    }
    if bytes.contains(&0) {
        return Err(SkipReason::Binary);
    }
    if has_generated_header(&bytes) {
        return Err(SkipReason::Generated);
    }
    if bytes
        .split(|&b| b == b'\n')
        .any(|line| line.len() > config.max_line_length)
    {
        return Err(SkipReason::Minified);
    }
    match String::from_utf8(bytes) {
        Ok(text) => Ok(Loaded { text, lossy: false }),
        Err(err) => Ok(Loaded {
            text: String::from_utf8_lossy(err.as_bytes()).into_owned(),
            lossy: true,
        }),
    }
}

fn has_generated_header(bytes: &[u8]) -> bool {
    let header = bytes.split(|&b| b == b'\n').take(HEADER_LINES).any(|line| {
        contains(line, b"@generated")
            || contains(line, b"DO NOT EDIT")
            || contains(line, b"Do not edit")
            // The parsers and scanners C projects keep in git (jq's, SQLite's).
            || contains(line, b"made by GNU Bison")
            || contains(line, b"generated by flex")
            || contains(line, b"automatically generated by SWIG")
            // .NET's code generators (resources, designers, gRPC, source generators).
            || contains(line, b"<auto-generated")
            // Rails' db/schema.rb, and generators that say so in these words.
            || contains(line, b"This file is auto-generated")
            // Both words on one line, in any case: rust-analyzer's "Generated by `cargo
            // xtask codegen grammar`, do not edit by hand." (a "do not edit" alone may be a
            // warning about one line of hand-written code).
            || says_generated_do_not_edit(line)
    });
    header || has_source_map_trailer(bytes)
}

/// Whether the file ends with a `//# sourceMappingURL=` line: the mark a bundler or compiler
/// (webpack, rollup, esbuild, tsc) leaves on the JavaScript it writes (axios keeps its
/// `dist/` bundles in git), never on code written by hand.
fn has_source_map_trailer(bytes: &[u8]) -> bool {
    let tail = &bytes[bytes.len().saturating_sub(1024)..];
    tail.split(|&b| b == b'\n')
        .rev()
        .map(|line| line.trim_ascii())
        .find(|line| !line.is_empty())
        .is_some_and(|line| line.starts_with(b"//# sourceMappingURL="))
}

/// Whether `line` says both "generated" and "do not edit", in any case.
fn says_generated_do_not_edit(line: &[u8]) -> bool {
    contains_ignoring_case(line, b"generated") && contains_ignoring_case(line, b"do not edit")
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

/// [`contains`] in any ASCII case, without a lower-cased copy of the line (a minified file's
/// first line may be a megabyte).
fn contains_ignoring_case(haystack: &[u8], needle: &[u8]) -> bool {
    haystack
        .windows(needle.len())
        .any(|w| w.eq_ignore_ascii_case(needle))
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|p| p.into_inner())
}

fn glob_error(glob: &str, err: ignore::Error) -> Error {
    Error::Glob {
        glob: glob.to_string(),
        message: err.to_string(),
    }
}

/// `path` relative to `base`, with `/` separators.
pub fn relative(base: &Path, path: &Path) -> String {
    let rel = path.strip_prefix(base).unwrap_or(path);
    let parts: Vec<String> = rel
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    parts.join("/")
}

fn error_path(err: &ignore::Error) -> Option<&Path> {
    match err {
        ignore::Error::WithPath { path, .. } => Some(path),
        ignore::Error::WithDepth { err, .. } | ignore::Error::WithLineNumber { err, .. } => {
            error_path(err)
        }
        ignore::Error::Loop { child, .. } => Some(child),
        ignore::Error::Partial(errs) => errs.iter().find_map(error_path),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cfg() -> WalkConfig {
        WalkConfig {
            max_file_size: 100,
            max_line_length: 20,
            ..WalkConfig::default()
        }
    }

    #[test]
    fn content_checks() {
        let c = cfg();
        assert!(classify(b"fn main() {}\n".to_vec(), &c).is_ok());
        assert_eq!(
            classify(vec![b'a'; 101], &c).unwrap_err(),
            SkipReason::TooLarge
        );
        assert_eq!(
            classify(b"fn\0".to_vec(), &c).unwrap_err(),
            SkipReason::Binary
        );
        assert_eq!(
            classify(b"// @generated by x\nfn f(){}".to_vec(), &c).unwrap_err(),
            SkipReason::Generated
        );
        assert_eq!(
            classify(b"// Code generated. DO NOT EDIT.\n".to_vec(), &c).unwrap_err(),
            SkipReason::Generated
        );
        let codegen = b"//! Generated by `cargo xtask codegen grammar`, do not edit by hand.\n";
        assert_eq!(
            classify(codegen.to_vec(), &c).unwrap_err(),
            SkipReason::Generated
        );
        // A warning about hand-written code is no header (the default line length: this
        // line is longer than the test's).
        let warning = b"// do not edit: order\nfn f() {}\n";
        assert!(classify(warning.to_vec(), &WalkConfig::default()).is_ok());
        assert_eq!(
            classify(
                b"/* A Bison parser, made by GNU Bison 3.8.2.  */\n".to_vec(),
                &c
            )
            .unwrap_err(),
            SkipReason::Generated
        );
        assert_eq!(
            classify(
                b"var a = 1;\n//# sourceMappingURL=a.js.map\n\n".to_vec(),
                &c
            )
            .unwrap_err(),
            SkipReason::Generated
        );
        assert_eq!(
            classify(b"ok\nthis line is far too long for it\n".to_vec(), &c).unwrap_err(),
            SkipReason::Minified
        );
        let lossy = classify(b"// caf\xe9\n".to_vec(), &c).unwrap();
        assert!(lossy.lossy);
        assert!(lossy.text.contains('\u{fffd}'));
    }

    #[test]
    fn generated_header_only_counts_near_the_top() {
        let mut text = "\n".repeat(HEADER_LINES);
        text.push_str("// @generated\n");
        assert!(classify(text.into_bytes(), &WalkConfig::default()).is_ok());
    }

    #[test]
    fn unreadable_file_is_a_skip_not_an_error() {
        let file = SourceFile {
            origin: Origin::Disk(PathBuf::from("/nonexistent/debtscan/x.rs")),
            rel: "x.rs".into(),
            language: &lang::LANGUAGES[0],
            size: 1,
        };
        assert_eq!(load(&file, &cfg()).unwrap_err(), SkipReason::Unreadable);
    }

    #[test]
    fn path_rules_name_lock_files_vendored_and_generated_paths() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join(".gitattributes"),
            "gen/** linguist-generated\n",
        )
        .unwrap();
        let rules = PathRules::new(dir.path(), &WalkConfig::default());
        assert_eq!(rules.noise("Cargo.lock"), Some("lock file"));
        assert_eq!(rules.noise("web/yarn.lock"), Some("lock file"));
        assert_eq!(rules.noise("vendor/x/lib.rs"), Some("vendored"));
        assert_eq!(rules.noise("gen/a.rs"), Some("generated"));
        assert_eq!(rules.noise("src/vendor.rs"), None);
        assert_eq!(rules.noise("src/main.rs"), None);
    }

    #[test]
    fn relative_paths_use_forward_slashes() {
        assert_eq!(relative(Path::new("/a"), Path::new("/a/b/c.rs")), "b/c.rs");
    }
}
