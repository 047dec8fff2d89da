//! Function-level hotspots ("X-Ray"): for a few files, which of their functions each commit in
//! the window changed. The file's versions are read from git, each outlined (its functions'
//! rows and symbol paths) from the outline of the one before by re-parsing only the units the
//! diff touches, and every hunk of every commit is mapped to the functions holding its lines
//! (deleted lines in the old version, added lines in the new one). Functions are matched across
//! versions by symbol path, so a function keeps its count while it moves within its file.
//!
//! The commit that creates a function (or its file) is not a change of it: a function written
//! once and never touched again has no revisions. A function that first appears in a commit
//! that also removes another may be that one renamed; it is marked, since its history before
//! that commit cannot be told.

use std::collections::{BTreeSet, HashMap, HashSet};
use std::path::Path;
use std::rc::Rc;

use git2::{Oid, Repository};
use rayon::prelude::*;

use crate::error::Error;
use crate::history::{self, follow::FileRevision, History, HistoryOptions};
use crate::lang::{self, LanguageDef};
use crate::parse::versions::{Hunk, Outline};

/// How often one function changed in the window.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct FunctionChanges {
    /// Commits that changed at least one of its lines, not counting the one that created it.
    pub revisions: u32,
    /// The same, each weighted by recency (`0.5^(age / half-life)`, age before HEAD).
    pub weighted: f64,
    /// Whether it was created in the window (with its file, or added to it).
    pub created: bool,
    /// The functions the commit that created it removed: it may be one of them renamed, so
    /// its changes before that commit are unknown. Empty when it was not created in the
    /// window, or nothing was removed alongside.
    pub replaced: Vec<String>,
}

/// Function-level history for scoring: the X-Rays of the files holding items inside
/// functions, and the files that were not X-Rayed, each with why.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct FunctionHistory {
    /// Per path.
    pub files: HashMap<String, FileXRay>,
    /// Per path, why its functions were not followed (e.g. too many versions in the window).
    pub untracked: HashMap<String, String>,
}

/// The X-Ray of one file.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct FileXRay {
    /// Per symbol path.
    pub functions: HashMap<String, FunctionChanges>,
    /// Commits in the window that changed the file.
    pub revisions: u32,
    /// Versions left out: binary, or larger than the walk's size limit.
    pub skipped_versions: u32,
    /// Earlier paths the file was followed through.
    pub renamed_from: Vec<String>,
}

/// X-Rays `paths` (repository-relative, present at HEAD) over the commits `options` select
/// among those `history` recorded (read with [`HistoryOptions::versions`]). HEAD's time and
/// the half-life weight each change by its recency; versions larger than `max_size` bytes are
/// skipped, and so are those whose blobs a partial clone lacks (recorded in
/// `history.missing`).
pub fn xray(
    workdir: &Path,
    history: &History,
    paths: &[String],
    options: &HistoryOptions,
    max_size: u64,
) -> Result<HashMap<String, FileXRay>, Error> {
    let (head_time, missing) = (history.head_time, &history.missing);
    let err = |e: git2::Error| Error::Git {
        path: workdir.to_path_buf(),
        message: e.message().to_string(),
    };
    let following = options.progress.phase("follow files", "files");
    let repo = Repository::open(workdir).map_err(err)?;
    let followed = history::follow::follow(&repo, history, paths, options).map_err(err)?;
    following.inc(followed.len() as u64);
    drop(following);
    let phase = options.progress.phase("x-ray", "files");
    phase.set_length(followed.len() as u64);
    followed
        .into_par_iter()
        .filter_map(|(path, f)| Some((lang::for_path(Path::new(&path))?, path, f)))
        .map(|(def, path, f)| {
            let repo = Repository::open(workdir).map_err(err)?;
            let partial = history::partial_clone(&repo);
            let weight = |time: i64| {
                let age_days = (head_time - time).max(0) as f64 / crate::util::DAY as f64;
                crate::util::recency_weight(age_days, options.half_life_days)
            };
            let mut versions = Versions::new(&repo, def, max_size, &err, partial);
            let (mut out, unused) = file_xray(&mut versions, &f.revisions, &weight)?;
            if unused > 0 {
                missing.versions(&versions.missing, unused);
            }
            out.renamed_from = f.renamed_from;
            phase.inc(1);
            Ok((path, out))
        })
        .collect()
}

/// Walks one file's revisions, oldest first. Every version after the first is outlined from a
/// version already outlined: the one before it when history is linear, else the most recent
/// one (on a merged branch, usually a close relative); a blob outlined before is not outlined
/// again. Also returns how many revisions could not be used because a blob is missing.
fn file_xray(
    versions: &mut Versions,
    revisions: &[FileRevision],
    weight: &dyn Fn(i64) -> f64,
) -> Result<(FileXRay, usize), Error> {
    let err = versions.err;
    let mut out = FileXRay {
        revisions: revisions.len() as u32,
        ..FileXRay::default()
    };
    let mut unused = 0;
    // Functions that existed before the commit being read: a touched function not among them
    // is created by that commit, which is no change of it.
    let mut known: HashSet<String> = HashSet::new();
    let mut based = false;
    for rev in revisions {
        let new_text = match versions.text(rev.new)? {
            Text::Usable(text) => text,
            Text::Unusable => {
                out.skipped_versions += 1;
                continue;
            }
            Text::Missing => {
                unused += 1;
                continue;
            }
        };
        let old = match rev.old {
            Some(oid) => match versions.get(oid)? {
                Text::Usable(old) => Some(old),
                Text::Unusable => None,
                Text::Missing => {
                    // Which functions this commit changed cannot be told; its version is
                    // still the base for the next one.
                    unused += 1;
                    let new = versions.derive(rev.new, new_text)?;
                    versions.remember(rev.new, new);
                    continue;
                }
            },
            None => None,
        };
        let (new, removed, added) = match &old {
            None => {
                // Created (or first readable) here: every line is new.
                let new = versions.derive(rev.new, new_text)?;
                let added = new.outline.functions_at(&[(1, new.outline.line_count())]);
                (new, BTreeSet::new(), added)
            }
            Some(old) => {
                if !based {
                    // The window's first version: every function in it existed before.
                    known.extend(old.outline.functions());
                }
                let hunks = hunks(old.text.as_bytes(), new_text.as_bytes()).map_err(err)?;
                let deleted: Vec<(u32, u32)> =
                    hunks.iter().map(|h| (h.old_start, h.old_lines)).collect();
                let added: Vec<(u32, u32)> =
                    hunks.iter().map(|h| (h.new_start, h.new_lines)).collect();
                let removed = old.outline.functions_at(&deleted);
                let new = versions.outline(rev.new, new_text, old, &hunks)?;
                let added = new.outline.functions_at(&added);
                (new, removed, added)
            }
        };
        based = true;
        let created: Vec<String> = added
            .iter()
            .filter(|s| !known.contains(*s))
            .cloned()
            .collect();
        // A function that lost lines here and is gone afterwards was removed (or renamed into
        // one of the created ones).
        let vanished: Vec<String> = if created.is_empty() || removed.is_empty() {
            Vec::new()
        } else {
            let all = new.outline.functions();
            removed
                .iter()
                .filter(|s| !all.contains(*s))
                .cloned()
                .collect()
        };
        let mut touched = removed;
        touched.extend(added);
        for symbol in touched.into_iter().filter(|s| known.contains(s)) {
            let entry = out.functions.entry(symbol).or_default();
            entry.revisions += 1;
            entry.weighted += weight(rev.time);
        }
        for symbol in &vanished {
            known.remove(symbol);
        }
        for symbol in created {
            let entry = out.functions.entry(symbol.clone()).or_default();
            entry.created = true;
            entry.replaced = vanished.clone();
            known.insert(symbol);
        }
        versions.remember(rev.new, new);
    }
    Ok((out, unused))
}

/// A version's text, if it can be used.
enum Text<T> {
    Usable(T),
    /// Binary, or too large to parse.
    Unusable,
    /// A partial clone lacks the blob.
    Missing,
}

/// One version of a file: its text (the base of the next diff) and its outline.
struct Version {
    text: String,
    outline: Rc<Outline>,
}

/// How many versions of a file are kept with their text for reuse.
const RECENT_VERSIONS: usize = 8;

/// The versions of one file read so far.
struct Versions<'a> {
    repo: &'a Repository,
    def: &'static LanguageDef,
    max_size: u64,
    err: &'a dyn Fn(git2::Error) -> Error,
    /// A partial clone, where blobs may be missing.
    partial: bool,
    /// Blobs found missing.
    missing: Vec<Oid>,
    /// The most recent versions, last the latest.
    recent: Vec<(Oid, Rc<Version>)>,
    /// The outline of every blob outlined: a version seen again (a revert, a merge of the
    /// same content) is not parsed again.
    outlines: HashMap<Oid, Rc<Outline>>,
}

impl<'a> Versions<'a> {
    fn new(
        repo: &'a Repository,
        def: &'static LanguageDef,
        max_size: u64,
        err: &'a dyn Fn(git2::Error) -> Error,
        partial: bool,
    ) -> Versions<'a> {
        Versions {
            repo,
            def,
            max_size,
            err,
            partial,
            missing: Vec::new(),
            recent: Vec::new(),
            outlines: HashMap::new(),
        }
    }

    /// The text of a blob.
    fn text(&mut self, oid: Oid) -> Result<Text<String>, Error> {
        let blob = match self.repo.find_blob(oid) {
            Ok(blob) => blob,
            Err(e) if history::absent(&e, self.partial) => {
                self.missing.push(oid);
                return Ok(Text::Missing);
            }
            Err(e) => return Err((self.err)(e)),
        };
        if blob.is_binary() || blob.size() as u64 > self.max_size {
            return Ok(Text::Unusable);
        }
        Ok(Text::Usable(
            String::from_utf8_lossy(blob.content()).into_owned(),
        ))
    }

    /// The version of a blob, kept or read and outlined.
    fn get(&mut self, oid: Oid) -> Result<Text<Rc<Version>>, Error> {
        if let Some((_, v)) = self.recent.iter().find(|(o, _)| *o == oid) {
            return Ok(Text::Usable(v.clone()));
        }
        let text = match self.text(oid)? {
            Text::Usable(text) => text,
            Text::Unusable => return Ok(Text::Unusable),
            Text::Missing => return Ok(Text::Missing),
        };
        let version = self.derive(oid, text)?;
        self.remember(oid, version.clone());
        Ok(Text::Usable(version))
    }

    /// The version of blob `oid` with `text`, outlined from the most recent version if there
    /// is one.
    fn derive(&mut self, oid: Oid, text: String) -> Result<Rc<Version>, Error> {
        match self.recent.last().cloned() {
            Some((_, base)) => {
                let hunks = hunks(base.text.as_bytes(), text.as_bytes()).map_err(self.err)?;
                self.outline(oid, text, &base, &hunks)
            }
            None => {
                let outline = match self.outlines.get(&oid) {
                    Some(known) => known.clone(),
                    None => Rc::new(Outline::parse(self.def, &text)?),
                };
                self.outlines.insert(oid, outline.clone());
                Ok(Rc::new(Version { text, outline }))
            }
        }
    }

    /// The version of blob `oid` with `text`, which `hunks` make of `base`.
    fn outline(
        &mut self,
        oid: Oid,
        text: String,
        base: &Version,
        hunks: &[Hunk],
    ) -> Result<Rc<Version>, Error> {
        let outline = match self.outlines.get(&oid) {
            Some(known) => known.clone(),
            None => Rc::new(base.outline.next(self.def, &base.text, &text, hunks)?),
        };
        self.outlines.insert(oid, outline.clone());
        Ok(Rc::new(Version { text, outline }))
    }

    fn remember(&mut self, oid: Oid, version: Rc<Version>) {
        self.recent.retain(|(o, _)| *o != oid);
        self.recent.push((oid, version));
        if self.recent.len() > RECENT_VERSIONS {
            self.recent.remove(0);
        }
    }
}

/// The line hunks between two texts.
fn hunks(old: &[u8], new: &[u8]) -> Result<Vec<Hunk>, git2::Error> {
    Ok(history::blame::trimmed_hunks(old, new)?
        .into_iter()
        .map(|(old_start, old_lines, new_start, new_lines)| Hunk {
            old_start,
            old_lines,
            new_start,
            new_lines,
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The X-Ray of a Rust file whose versions are `texts`, one commit a day. With `created`,
    /// the first commit creates the file; without, the first text is the version before the
    /// window, and the commits start after it.
    fn xray_of(texts: &[&str], created: bool) -> FileXRay {
        let dir = tempfile::tempdir().unwrap();
        let repo = Repository::init(dir.path()).unwrap();
        let def = lang::for_path(Path::new("x.rs")).unwrap();
        let blobs: Vec<Oid> = texts
            .iter()
            .map(|t| repo.blob(t.as_bytes()).unwrap())
            .collect();
        let first = usize::from(!created);
        let revisions: Vec<FileRevision> = (first..blobs.len())
            .map(|i| FileRevision {
                commit: Oid::ZERO_SHA1,
                time: i as i64,
                old: i.checked_sub(1).map(|j| blobs[j]),
                new: blobs[i],
            })
            .collect();
        let err = |e: git2::Error| Error::Git {
            path: dir.path().to_path_buf(),
            message: e.message().to_string(),
        };
        let mut versions = Versions::new(&repo, def, 1 << 20, &err, false);
        file_xray(&mut versions, &revisions, &|_| 1.0).unwrap().0
    }

    fn changes(x: &FileXRay, symbol: &str) -> (u32, bool, Vec<String>) {
        let c = x.functions.get(symbol).cloned().unwrap_or_default();
        (c.revisions, c.created, c.replaced)
    }

    const A: &str = "fn a() -> u32 {\n    1\n}\n";
    const A2: &str = "fn a() -> u32 {\n    2\n}\n";
    const B: &str = "\nfn b() -> u32 {\n    10\n}\n";
    const B2: &str = "\nfn b() -> u32 {\n    20\n}\n";

    #[test]
    fn the_commit_creating_the_file_changes_none_of_its_functions() {
        let x = xray_of(&[&format!("{A}{B}"), &format!("{A2}{B}")], true);
        assert_eq!(x.revisions, 2);
        assert_eq!(changes(&x, "a"), (1, true, vec![]));
        assert_eq!(changes(&x, "b"), (0, true, vec![]));
    }

    #[test]
    fn the_commit_adding_a_function_is_no_change_of_it_but_later_ones_are() {
        let x = xray_of(&[A, &format!("{A}{B}"), &format!("{A}{B2}")], true);
        assert_eq!(changes(&x, "b"), (1, true, vec![]));
        assert_eq!(changes(&x, "a"), (0, true, vec![]));
    }

    #[test]
    fn functions_older_than_the_window_count_every_change_in_it() {
        let x = xray_of(
            &[&format!("{A}{B}"), &format!("{A2}{B}"), &format!("{A}{B2}")],
            false,
        );
        assert_eq!(x.revisions, 2);
        assert_eq!(changes(&x, "a"), (2, false, vec![]));
        assert_eq!(changes(&x, "b"), (1, false, vec![]));
    }

    /// A test function calling cargo's `str![...]` macro, a syntax error to tree-sitter-rust.
    fn snapshot(name: &str, value: u32) -> String {
        format!("fn {name}() {{\n    check(str![[r#\"\n{value}\n\"#]]);\n}}\n\n")
    }

    #[test]
    fn functions_in_versions_with_syntax_errors_count_as_in_clean_ones() {
        let method =
            |v: u32| format!("impl S {{\n    fn m(&self) -> u32 {{\n        {v}\n    }}\n}}\n");
        let texts = [
            format!("{}{}{}", snapshot("a", 1), snapshot("b", 1), method(1)),
            // `a` changed.
            format!("{}{}{}", snapshot("a", 2), snapshot("b", 1), method(1)),
            // `c` added after `b`, which changed too; `S::m` changed.
            format!(
                "{}{}{}{}",
                snapshot("a", 2),
                snapshot("b", 2),
                snapshot("c", 1),
                method(2)
            ),
            // `b` removed, `c` changed, a method added to `S`.
            format!(
                "{}{}{}",
                snapshot("a", 2),
                snapshot("c", 2),
                method(2).replace("}\n}\n", "}\n\n    fn n(&self) {}\n}\n")
            ),
        ];
        let texts: Vec<&str> = texts.iter().map(String::as_str).collect();
        let mut parser = tree_sitter::Parser::new();
        let def = lang::for_path(Path::new("x.rs")).unwrap();
        parser.set_language(&lang::compiled(def).language).unwrap();
        assert!(parser
            .parse(texts[0], None)
            .unwrap()
            .root_node()
            .has_error());
        let x = xray_of(&texts, false);
        assert_eq!(changes(&x, "a"), (1, false, vec![]));
        assert_eq!(changes(&x, "b"), (2, false, vec![]));
        assert_eq!(changes(&x, "c"), (1, true, vec![]));
        assert_eq!(changes(&x, "S::m"), (1, false, vec![]));
        assert_eq!(changes(&x, "S::n"), (0, true, vec!["b".to_string()]));
        // The same history without the errors counts the same.
        let clean: Vec<String> = texts
            .iter()
            .map(|t| t.replace("str![[r#\"", "(\"").replace("\"#]]", "\")"))
            .collect();
        let clean: Vec<&str> = clean.iter().map(String::as_str).collect();
        assert_eq!(xray_of(&clean, false), x);
    }

    #[test]
    fn a_function_appearing_as_another_vanishes_may_be_it_renamed() {
        let renamed = "fn c() -> u32 {\n    1\n}\n";
        let x = xray_of(&[&format!("{A}{B}"), &format!("{renamed}{B}")], false);
        assert_eq!(changes(&x, "c"), (0, true, vec!["a".to_string()]));
        assert_eq!(changes(&x, "b"), (0, false, vec![]));
    }
}
