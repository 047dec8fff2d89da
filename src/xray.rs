//! Function-level hotspots ("X-Ray"): for a few files, which of their functions each commit in
//! the window changed. The file's versions are read from git, each outlined (its functions'
//! rows and symbol paths) from the outline of its neighbour by re-parsing only the units the
//! diff touches — newest first when the latest version's outline is at hand (the scan's own
//! parse made it: [`Seeds`]), else oldest first — and every hunk of every commit is mapped to
//! the functions holding its lines
//! (deleted lines in the old version, added lines in the new one). Functions are matched across
//! versions by symbol path, so a function keeps its count while it moves within its file.
//!
//! The commit that creates a function (or its file) is not a change of it: a function written
//! once and never touched again has no revisions. A function that first appears in a commit
//! that also removes another may be that one renamed; it is marked, since its history before
//! that commit cannot be told.
//!
//! What one commit did to a file's functions is a [`Step`], a function of its two versions'
//! contents: [`xray_with`] takes the steps (and outlines) a [`Memo`] knows, such as an earlier
//! run's cache, and computes only the others.

use std::collections::{BTreeSet, HashMap, HashSet};
use std::path::Path;
use std::rc::Rc;

use git2::{Oid, Repository};
use rayon::prelude::*;

use crate::error::Error;
use crate::history::renames::{KnownRenames, LearnedRename};
use crate::history::{self, follow::FileRevision, History, HistoryOptions};
use crate::lang::{self, LanguageDef};
use crate::parse::versions::{Hunk, Outline};
use serde::{Deserialize, Serialize};

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

/// What one commit did to one file's functions: all that a revision of the X-Ray takes from git
/// and the parser. It is a function of the two versions' contents (and of how they are read:
/// the language's grammar and queries, the size limit), so it can be kept under their blob ids.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Step {
    /// The new version is binary or larger than the size limit: left out.
    Skipped,
    /// The new version has no usable predecessor (the commit created the file, or the old
    /// version is binary or too large): the functions holding its lines, all of them new.
    Created {
        /// The functions holding a line of the new version.
        added: BTreeSet<String>,
    },
    /// The new version changed the old one.
    Changed {
        /// Functions of the old version holding a deleted line.
        removed: BTreeSet<String>,
        /// Functions of the new version holding an added line.
        added: BTreeSet<String>,
        /// Functions of the new version that the old one did not have (by symbol path).
        appeared: BTreeSet<String>,
        /// Functions of the old version that the new one no longer has: with `appeared`, the
        /// functions of the old version follow from those of the new one, so a later run whose
        /// window starts at another version need not parse it.
        disappeared: BTreeSet<String>,
    },
}

/// Which [`Step`]: a file's two versions and how they are read.
#[derive(Debug, Clone, Copy)]
pub struct StepOf {
    /// The file's language.
    pub language: &'static LanguageDef,
    /// Versions larger than this many bytes are left out.
    pub max_size: u64,
    /// The version before (`None`: the commit created the file).
    pub old: Option<Oid>,
    /// The version after.
    pub new: Oid,
}

impl StepOf {
    /// The step of `rev`, a version of a file in `language` read up to `max_size` bytes.
    fn of(language: &'static LanguageDef, max_size: u64, rev: &FileRevision) -> StepOf {
        StepOf {
            language,
            max_size,
            old: rev.old,
            new: rev.new,
        }
    }
}

/// What an earlier run of the X-Ray learned (a cache), consulted before git and the parser;
/// with where the followed files came from ([`KnownRenames`]).
pub trait Memo: KnownRenames {
    /// The step between two versions, if known.
    fn step(&self, of: &StepOf) -> Option<&Step>;
    /// The outline of a blob read as `language`, if known.
    fn outline(&self, language: &'static LanguageDef, blob: Oid) -> Option<&Outline>;
    /// The functions (symbol paths) of a blob read as `language`, if known.
    fn functions(&self, language: &'static LanguageDef, blob: Oid) -> Option<&BTreeSet<String>>;
}

/// Nothing known: every step is read from git and parsed.
pub struct NothingKnown;

impl Memo for NothingKnown {
    fn step(&self, _: &StepOf) -> Option<&Step> {
        None
    }
    fn outline(&self, _: &'static LanguageDef, _: Oid) -> Option<&Outline> {
        None
    }
    fn functions(&self, _: &'static LanguageDef, _: Oid) -> Option<&BTreeSet<String>> {
        None
    }
}

impl KnownRenames for NothingKnown {
    fn rename(&self, _: Oid, _: &str, _: Oid) -> Option<Option<(String, Oid)>> {
        None
    }
}

/// Outlines of files' latest versions that the scan's own parse made (its tree was there), by
/// blob id: the X-Ray walks each file back from its latest version, which then costs no parse.
/// Consulted after the [`Memo`]; an outline taken from here is learned like one computed.
#[derive(Debug, Default)]
pub struct Seeds(HashMap<Oid, (lang::LangId, Outline)>);

impl Seeds {
    /// Adds the outline of blob `blob` read as `language`.
    pub fn insert(&mut self, language: lang::LangId, blob: Oid, outline: Outline) {
        self.0.insert(blob, (language, outline));
    }

    /// The outline of blob `blob` read as `def`, if there is one.
    fn get(&self, def: &'static LanguageDef, blob: Oid) -> Option<&Outline> {
        self.0
            .get(&blob)
            .filter(|(id, _)| *id == def.id)
            .map(|(_, outline)| outline)
    }
}

/// The outline of blob `blob` read as `def` that an earlier run kept or the scan's parse made.
fn outline_at_hand<'a>(
    (memo, seeds): (&'a dyn Memo, &'a Seeds),
    def: &'static LanguageDef,
    blob: Oid,
) -> Option<&'a Outline> {
    memo.outline(def, blob).or_else(|| seeds.get(def, blob))
}

/// What a run of the X-Ray computed that its [`Memo`] did not know, for a later run.
#[derive(Debug, Default)]
pub struct Learned {
    /// Every step computed.
    pub steps: Vec<(StepOf, Step)>,
    /// The outlines a later run starts from: each file's latest version (the base of the
    /// next commits' steps), so that a later run does not parse it from scratch.
    pub outlines: Vec<(&'static LanguageDef, Oid, Outline)>,
    /// The functions of each file's version before the window (those that existed before
    /// it): a later run's new commits may break the line of steps they follow from.
    pub functions: Vec<(&'static LanguageDef, Oid, BTreeSet<String>)>,
    /// Where the followed files created in a commit came from, as computed.
    pub renames: Vec<LearnedRename>,
    /// Bytes of file versions parsed to outline them.
    pub parsed: usize,
}

impl Learned {
    fn extend(&mut self, other: Learned) {
        self.steps.extend(other.steps);
        self.outlines.extend(other.outlines);
        self.functions.extend(other.functions);
        self.renames.extend(other.renames);
        self.parsed += other.parsed;
    }
}

/// X-Rays `paths` (repository-relative, present at HEAD, each with the language the scan read
/// it in, which its name alone may not settle: [`lang::Claims`]) over the commits `options` select
/// among those `history` recorded (read with [`HistoryOptions::versions`]). HEAD's time and
/// the half-life weight each change by its recency; versions larger than `max_size` bytes are
/// skipped, and so are those whose blobs a partial clone lacks (recorded in
/// `history.missing`).
pub fn xray(
    workdir: &Path,
    history: &History,
    paths: &[(String, &'static LanguageDef)],
    options: &HistoryOptions,
    max_size: u64,
) -> Result<HashMap<String, FileXRay>, Error> {
    let nothing: (&dyn Memo, &Seeds) = (&NothingKnown, &Seeds::default());
    xray_with(workdir, history, paths, options, max_size, nothing).map(|(x, _)| x)
}

/// [`xray`], taking the steps and outlines `memo` knows, and the outlines of `seeds`, instead
/// of reading and parsing them (a file whose steps are all known is neither read from git nor
/// parsed), and returning what it computed for a later run.
pub fn xray_with(
    workdir: &Path,
    history: &History,
    paths: &[(String, &'static LanguageDef)],
    options: &HistoryOptions,
    max_size: u64,
    (memo, seeds): (&dyn Memo, &Seeds),
) -> Result<(HashMap<String, FileXRay>, Learned), Error> {
    let languages: HashMap<&str, &'static LanguageDef> =
        paths.iter().map(|(p, def)| (p.as_str(), *def)).collect();
    let paths: Vec<String> = paths.iter().map(|(p, _)| p.clone()).collect();
    let (head_time, missing) = (history.head_time, &history.missing);
    let err = |e: git2::Error| Error::Git {
        path: workdir.to_path_buf(),
        message: e.message().to_string(),
    };
    let following = options.progress.phase("follow files", "files");
    let repo = Repository::open(workdir).map_err(err)?;
    let (followed, renames) =
        history::follow::follow(&repo, history, &paths, options, memo).map_err(err)?;
    following.inc(followed.len() as u64);
    drop(following);
    let phase = options.progress.phase("x-ray", "files");
    phase.set_length(followed.len() as u64);
    // The files with the most steps to compute first, each a job of its own: in a rerun one
    // file's new versions can be most of the work, and started last it ran alone at the end.
    let mut followed: Vec<_> = followed
        .into_iter()
        .filter_map(|(path, f)| {
            let def = *languages.get(path.as_str())?;
            let unknown = f
                .revisions
                .iter()
                .filter(|r| memo.step(&StepOf::of(def, max_size, r)).is_none())
                .count();
            Some((unknown, def, path, f))
        })
        .collect();
    followed.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| a.2.cmp(&b.2)));
    let files: Vec<(String, FileXRay, Learned)> = followed
        .into_par_iter()
        .with_max_len(1)
        .map(|(_, def, path, f)| {
            let weight = |time: i64| {
                let age_days = (head_time - time).max(0) as f64 / crate::util::DAY as f64;
                crate::util::recency_weight(age_days, options.half_life_days)
            };
            // Opened only for a step the memo does not know.
            let open = || -> Result<Versions, Error> {
                let repo = Repository::open(workdir).map_err(err)?;
                let partial = history::partial_clone(&repo);
                Ok(Versions::new(
                    repo,
                    def,
                    max_size,
                    &err,
                    partial,
                    (memo, seeds),
                ))
            };
            let mut steps = Steps::new((memo, seeds), def, max_size, &open);
            let (mut out, unused) = file_xray(&mut steps, &f.revisions, &weight)?;
            if let (true, Some(versions)) = (unused > 0, &steps.versions) {
                missing.versions(&versions.missing, unused);
            }
            out.renamed_from = f.renamed_from;
            phase.inc(1);
            Ok((path, out, steps.learned()))
        })
        .collect::<Result<_, Error>>()?;
    let mut learned = Learned {
        renames,
        ..Learned::default()
    };
    let mut xrays = HashMap::with_capacity(files.len());
    for (path, out, l) in files {
        learned.extend(l);
        xrays.insert(path, out);
    }
    phase.note(format!("{:.1} MB parsed", learned.parsed as f64 / 1e6));
    Ok((xrays, learned))
}

/// Walks one file's revisions, oldest first, from their [`Step`]s (all of them found or
/// computed first — newest first when the latest version is outlined already, so that each
/// version is outlined from the one after it — and so that the functions before the window can
/// follow from the latest version's outline).
/// Also returns how many revisions could not be used because a blob is missing.
fn file_xray(
    steps: &mut Steps,
    revisions: &[FileRevision],
    weight: &dyn Fn(i64) -> f64,
) -> Result<(FileXRay, usize), Error> {
    let mut out = FileXRay {
        revisions: revisions.len() as u32,
        ..FileXRay::default()
    };
    let mut unused = 0;
    // Functions that existed before the commit being read: a touched function not among them
    // is created by that commit, which is no change of it.
    let mut known: HashSet<String> = HashSet::new();
    let mut based = false;
    let mut all = Vec::with_capacity(revisions.len());
    // From whichever end is outlined already: a cold run's scan parsed the latest version; a
    // later run's cache holds the outline of the version its new commits start from.
    let latest = revisions.last().map(|r| r.new);
    if latest.is_some_and(|blob| steps.outlined(blob).is_some()) {
        for rev in revisions.iter().rev() {
            all.push(steps.step(rev, None)?);
        }
        all.reverse();
    } else {
        // The latest version outlined so far: a step whose old version is not outlined
        // starts from it rather than from nothing (a merge's version, on no revision's new
        // side, is mostly the version before it).
        let mut anchor = None;
        for rev in revisions {
            all.push(steps.step(rev, anchor)?);
            if steps.outlined(rev.new).is_some() {
                anchor = Some(rev.new);
            }
        }
    }
    let first = all
        .iter()
        .position(|s| !matches!(s, None | Some(Step::Skipped)));
    let mut before = match first.map(|i| (i, &all[i])) {
        Some((i, Some(Step::Changed { .. }))) => Some(steps.functions_before(revisions, &all, i)?),
        _ => None,
    };
    for (rev, step) in revisions.iter().zip(all) {
        let Some(step) = step else {
            // Which functions this commit changed cannot be told.
            unused += 1;
            continue;
        };
        let (removed, added, gone) = match step {
            Step::Skipped => {
                out.skipped_versions += 1;
                continue;
            }
            Step::Created { added } => (BTreeSet::new(), added, BTreeSet::new()),
            Step::Changed {
                removed,
                added,
                disappeared,
                ..
            } => {
                if !based {
                    // The window's first version: every function in it existed before.
                    let Some(before) = before.take().flatten() else {
                        unused += 1;
                        continue;
                    };
                    known.extend(before);
                }
                // Lost lines here and gone afterwards.
                let gone = &removed & &disappeared;
                (removed, added, gone)
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
            gone.into_iter().collect()
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
    }
    if let Some(last) = revisions.last() {
        steps.keep_outline(last.new);
    }
    Ok((out, unused))
}

/// The steps of one file: from the memo, else computed from its versions (read and outlined
/// in order, each from a version already outlined, so that consecutive unknown steps parse
/// only what their diffs touch).
struct Steps<'a> {
    memo: &'a dyn Memo,
    seeds: &'a Seeds,
    def: &'static LanguageDef,
    max_size: u64,
    open: &'a dyn Fn() -> Result<Versions<'a>, Error>,
    /// Opened at the first step the memo does not know.
    versions: Option<Versions<'a>>,
    learned: Learned,
}

impl<'a> Steps<'a> {
    fn new(
        (memo, seeds): (&'a dyn Memo, &'a Seeds),
        def: &'static LanguageDef,
        max_size: u64,
        open: &'a dyn Fn() -> Result<Versions<'a>, Error>,
    ) -> Steps<'a> {
        Steps {
            memo,
            seeds,
            def,
            max_size,
            open,
            versions: None,
            learned: Learned::default(),
        }
    }

    /// What was computed, for a later run.
    fn learned(mut self) -> Learned {
        self.learned.parsed = self.versions.map_or(0, |v| v.parsed);
        self.learned
    }

    fn versions(&mut self) -> Result<&mut Versions<'a>, Error> {
        let versions = match self.versions.take() {
            Some(versions) => versions,
            None => (self.open)()?,
        };
        Ok(self.versions.insert(versions))
    }

    /// The step of `rev`; `None` when a blob it needs is missing (never kept: a fetch may
    /// bring it). `anchor`, an outlined version, is where outlining starts when no version
    /// was read yet.
    fn step(&mut self, rev: &FileRevision, anchor: Option<Oid>) -> Result<Option<Step>, Error> {
        let of = StepOf::of(self.def, self.max_size, rev);
        if let Some(step) = self.memo.step(&of) {
            return Ok(Some(step.clone()));
        }
        let step = self.versions()?.step(rev, anchor)?;
        if let Some(step) = &step {
            self.learned.steps.push((of, step.clone()));
        }
        Ok(step)
    }

    /// The functions of blob `oid`, outlined from `anchor` (an outlined version) when no
    /// version was read yet; `None` when it is missing.
    fn functions(&mut self, oid: Oid, anchor: Oid) -> Result<Option<BTreeSet<String>>, Error> {
        if let Some(outline) = self.memo.outline(self.def, oid) {
            return Ok(Some(outline.functions()));
        }
        let versions = self.versions()?;
        versions.start_from(anchor, oid)?;
        match versions.get(oid)? {
            Text::Usable(version) => Ok(Some(version.outline.functions())),
            Text::Unusable | Text::Missing => Ok(None),
        }
    }

    /// The functions of the old version of `revisions[first]` (whose step is
    /// `steps[first]`); `None` when its blob is missing. Known from an earlier run, else
    /// followed back from the latest version's outline ([`Self::followed_back`]), else
    /// parsed; kept for a later run with the same window either way: that run's new commits
    /// may break the line of versions (a merge's own version is no revision's new side).
    fn functions_before(
        &mut self,
        revisions: &[FileRevision],
        steps: &[Option<Step>],
        first: usize,
    ) -> Result<Option<BTreeSet<String>>, Error> {
        let Some(base) = revisions[first].old else {
            return Ok(None);
        };
        if let Some(known) = self.memo.functions(self.def, base) {
            let known = known.clone();
            self.keep_next_bases(revisions, steps, first, &known);
            return Ok(Some(known));
        }
        let functions = match self.followed_back(revisions, steps, first, base) {
            Some(functions) => Some(functions),
            // From the latest version, a diff away, when no other version was read.
            None => self.functions(base, revisions[revisions.len() - 1].new)?,
        };
        if let Some(functions) = &functions {
            let learned = (self.def, base, functions.clone());
            self.learned.functions.push(learned);
            self.keep_next_bases(revisions, steps, first, functions);
        }
        Ok(functions)
    }

    /// Learns the functions of the versions that later runs' windows will start from, as
    /// HEAD moves on: the versions the revisions in the first [`NEXT_BASES_DAYS`] of this
    /// window made (a later window starts after one of them). Each follows, without parsing,
    /// from the functions of `revisions[first]`'s old version (`functions`) and the steps that
    /// lead there: a step says which functions appeared and disappeared. Without them, a run
    /// whose window had moved outlined its new first version from the latest, a year of
    /// changes away: four fifths of what the X-Ray parsed in rust-analyzer's rerun after 1%
    /// new commits.
    fn keep_next_bases(
        &mut self,
        revisions: &[FileRevision],
        steps: &[Option<Step>],
        first: usize,
        functions: &BTreeSet<String>,
    ) {
        let Some(base) = revisions[first].old else {
            return;
        };
        let until = revisions[first].time + NEXT_BASES_DAYS * crate::util::DAY;
        let mut known: HashMap<Oid, BTreeSet<String>> = HashMap::from([(base, functions.clone())]);
        let later = revisions.iter().zip(steps).skip(first);
        for (rev, step) in later.take_while(|(r, _)| r.time <= until) {
            let (
                Some(old),
                Some(Step::Changed {
                    appeared,
                    disappeared,
                    ..
                }),
            ) = (rev.old, step)
            else {
                continue;
            };
            let Some(was) = known.get(&old) else {
                continue;
            };
            let mut is: BTreeSet<String> = was.difference(disappeared).cloned().collect();
            is.extend(appeared.iter().cloned());
            known.insert(rev.new, is);
        }
        known.remove(&base);
        // In the order the revisions made them, so that what is learned does not depend on
        // a map's order.
        for rev in revisions.iter().skip(first).take_while(|r| r.time <= until) {
            if self.memo.functions(self.def, rev.new).is_some() {
                continue;
            }
            if let Some(functions) = known.remove(&rev.new) {
                self.learned.functions.push((self.def, rev.new, functions));
            }
        }
    }

    /// The functions of `base`, the old version of `revisions[first]`, without parsing it:
    /// when the latest version's outline is known and a line of versions leads from it back
    /// to `base`, each the old side of a step whose new side is the next (on merged branches,
    /// not always the revision before), each step saying which functions appeared and
    /// disappeared. `None` when there is no such line.
    fn followed_back(
        &self,
        revisions: &[FileRevision],
        steps: &[Option<Step>],
        first: usize,
        base: Oid,
    ) -> Option<BTreeSet<String>> {
        let last = revisions.len() - 1;
        let mut functions = self.outlined(revisions[last].new)?.functions();
        let mut i = last;
        loop {
            let Some(Step::Changed {
                appeared,
                disappeared,
                ..
            }) = &steps[i]
            else {
                return None;
            };
            functions.retain(|s| !appeared.contains(s));
            functions.extend(disappeared.iter().cloned());
            // Now the functions of `revisions[i].old`.
            let old = revisions[i].old?;
            if old == base {
                return Some(functions);
            }
            i = first + revisions[first..i].iter().rposition(|r| r.new == old)?;
        }
    }

    /// The outline of blob `oid`, if known or outlined in this run.
    fn outlined(&self, oid: Oid) -> Option<&Outline> {
        let outlined = self.versions.as_ref().and_then(|v| v.outlines.get(&oid));
        outlined
            .map(|o| &**o)
            .or_else(|| outline_at_hand((self.memo, self.seeds), self.def, oid))
    }

    /// Learns the outline of blob `oid` if it was outlined here and the memo lacks it.
    fn keep_outline(&mut self, oid: Oid) {
        let Some(versions) = &self.versions else {
            return;
        };
        if self.memo.outline(self.def, oid).is_some() {
            return;
        }
        let outline = versions.outlines.get(&oid).map(|o| &**o);
        if let Some(outline) = outline.or_else(|| self.seeds.get(self.def, oid)) {
            let outline = Outline::clone(outline);
            self.learned.outlines.push((self.def, oid, outline));
        }
    }
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

/// How many days past a window's first revision the functions of each version are kept for
/// later runs, whose windows start later (a nightly run's by a day): a month of nightly runs.
const NEXT_BASES_DAYS: i64 = 31;

/// How many versions of a file are kept with their text for reuse.
const RECENT_VERSIONS: usize = 8;

/// The versions of one file read so far.
struct Versions<'a> {
    repo: Repository,
    def: &'static LanguageDef,
    max_size: u64,
    err: &'a dyn Fn(git2::Error) -> Error,
    /// A partial clone, where blobs may be missing.
    partial: bool,
    /// Outlines an earlier run kept.
    memo: &'a dyn Memo,
    /// Outlines the scan's parse made.
    seeds: &'a Seeds,
    /// Blobs found missing.
    missing: Vec<Oid>,
    /// The most recent versions, last the latest.
    recent: Vec<(Oid, Rc<Version>)>,
    /// The outline of every blob outlined: a version seen again (a revert, a merge of the
    /// same content) is not parsed again.
    outlines: HashMap<Oid, Rc<Outline>>,
    /// Bytes parsed to outline them.
    parsed: usize,
}

impl<'a> Versions<'a> {
    fn new(
        repo: Repository,
        def: &'static LanguageDef,
        max_size: u64,
        err: &'a dyn Fn(git2::Error) -> Error,
        partial: bool,
        (memo, seeds): (&'a dyn Memo, &'a Seeds),
    ) -> Versions<'a> {
        Versions {
            repo,
            def,
            max_size,
            err,
            partial,
            memo,
            seeds,
            missing: Vec::new(),
            recent: Vec::new(),
            outlines: HashMap::new(),
            parsed: 0,
        }
    }

    /// Computes the step of `rev`: every version after the first is outlined from a version
    /// already outlined, the one before it when history is linear, else the most recent one
    /// (on a merged branch, usually a close relative), else `anchor`. `None` when a blob is
    /// missing.
    fn step(&mut self, rev: &FileRevision, anchor: Option<Oid>) -> Result<Option<Step>, Error> {
        let new_text = match self.text(rev.new)? {
            Text::Usable(text) => text,
            Text::Unusable => return Ok(Some(Step::Skipped)),
            Text::Missing => return Ok(None),
        };
        // Walking back from the latest version, the new side is usually outlined already (the
        // version after it was outlined from it, or the scan's parse outlined it), and the old
        // one is outlined from it.
        if let Some(old) = rev.old {
            if self.ready(rev.new) && !self.ready(old) {
                return self.step_back(rev.new, old, new_text);
            }
            if let Some(anchor) = anchor {
                self.start_from(anchor, old)?;
            }
        }
        let old = match rev.old {
            Some(oid) => match self.get(oid)? {
                Text::Usable(old) => Some(old),
                Text::Unusable => None,
                Text::Missing => {
                    // Its version is still the base for the next one.
                    let new = self.derive(rev.new, new_text)?;
                    self.remember(rev.new, new);
                    return Ok(None);
                }
            },
            None => None,
        };
        let (new, step) = match &old {
            None => {
                // Created (or first readable) here: every line is new.
                let new = self.derive(rev.new, new_text)?;
                let added = new.outline.functions_at(&[(1, new.outline.line_count())]);
                (new, Step::Created { added })
            }
            Some(old) => {
                let hunks = hunks(old.text.as_bytes(), new_text.as_bytes()).map_err(self.err)?;
                let new = self.outline(rev.new, new_text, old, &hunks)?;
                let step = changed(old, &new, &hunks);
                (new, step)
            }
        };
        self.remember(rev.new, new);
        Ok(Some(step))
    }

    /// Makes `anchor`, if it is outlined, the version `oid` is outlined from when no version
    /// was read yet: reading it costs no parse, and a diff away from it `oid` re-parses only
    /// what differs, where from nothing it is parsed whole.
    fn start_from(&mut self, anchor: Oid, oid: Oid) -> Result<(), Error> {
        if self.recent.is_empty() && anchor != oid && !self.ready(oid) && self.ready(anchor) {
            self.get(anchor)?;
        }
        Ok(())
    }

    /// Whether blob `oid` is outlined already (or known to be).
    fn ready(&mut self, oid: Oid) -> bool {
        self.recent.iter().any(|(o, _)| *o == oid) || self.known(oid).is_some()
    }

    /// [`Self::step`] of a change from blob `old` to blob `new` (whose text is `new_text`),
    /// with `new` outlined already: `old` is outlined from it, by the diff read backwards.
    fn step_back(&mut self, new: Oid, old: Oid, new_text: String) -> Result<Option<Step>, Error> {
        let after = match self.recent.iter().find(|(o, _)| *o == new) {
            Some((_, version)) => version.clone(),
            None => {
                let outline = self
                    .known(new)
                    .ok_or_else(|| Error::Internal("an X-Ray version was not outlined".into()))?;
                Rc::new(Version {
                    text: new_text,
                    outline,
                })
            }
        };
        let old_text = match self.text(old)? {
            Text::Usable(text) => text,
            Text::Unusable => {
                // No usable predecessor: every line is new, as when the commit created it.
                let added = after
                    .outline
                    .functions_at(&[(1, after.outline.line_count())]);
                self.remember(new, after);
                return Ok(Some(Step::Created { added }));
            }
            Text::Missing => {
                self.remember(new, after);
                return Ok(None);
            }
        };
        let hunks = hunks(old_text.as_bytes(), after.text.as_bytes()).map_err(self.err)?;
        let back: Vec<Hunk> = hunks.iter().map(Hunk::reversed).collect();
        let before = self.outline(old, old_text, &after, &back)?;
        let step = changed(&before, &after, &hunks);
        self.remember(new, after);
        // Last, so that a version not outlined yet is outlined from this, the oldest so far.
        self.remember(old, before);
        Ok(Some(step))
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

    /// The outline of blob `oid` if it was outlined before, in this run or an earlier one, or
    /// by the scan's parse.
    fn known(&mut self, oid: Oid) -> Option<Rc<Outline>> {
        if let Some(known) = self.outlines.get(&oid) {
            return Some(known.clone());
        }
        let at_hand = outline_at_hand((self.memo, self.seeds), self.def, oid);
        let outline = Rc::new(at_hand?.clone());
        self.outlines.insert(oid, outline.clone());
        Some(outline)
    }

    /// The version of blob `oid` with `text`, outlined from the most recent version if there
    /// is one.
    fn derive(&mut self, oid: Oid, text: String) -> Result<Rc<Version>, Error> {
        if let Some(outline) = self.known(oid) {
            return Ok(Rc::new(Version { text, outline }));
        }
        match self.recent.last().cloned() {
            Some((_, base)) => {
                let hunks = hunks(base.text.as_bytes(), text.as_bytes()).map_err(self.err)?;
                self.outline(oid, text, &base, &hunks)
            }
            None => {
                let outline = Rc::new(Outline::parse(self.def, &text)?);
                self.parsed += text.len();
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
        let outline = match self.known(oid) {
            Some(known) => known,
            None => {
                let (outline, parsed) = base.outline.next(self.def, &base.text, &text, hunks)?;
                self.parsed += parsed;
                Rc::new(outline)
            }
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

/// The step from version `old` to version `new`, which `hunks` make of it.
fn changed(old: &Version, new: &Version, hunks: &[Hunk]) -> Step {
    let deleted: Vec<(u32, u32)> = hunks.iter().map(|h| (h.old_start, h.old_lines)).collect();
    let added: Vec<(u32, u32)> = hunks.iter().map(|h| (h.new_start, h.new_lines)).collect();
    let (was, is) = (old.outline.functions(), new.outline.functions());
    Step::Changed {
        removed: old.outline.functions_at(&deleted),
        added: new.outline.functions_at(&added),
        appeared: is.difference(&was).cloned().collect(),
        disappeared: was.difference(&is).cloned().collect(),
    }
}

/// The line hunks between two texts.
pub(crate) fn hunks(old: &[u8], new: &[u8]) -> Result<Vec<Hunk>, git2::Error> {
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

    /// A Rust file whose versions are `texts` in a new repository, one commit a day. With
    /// `created`, the first commit creates the file; without, the first text is the version
    /// before the window, and the commits start after it.
    fn history_of(texts: &[&str], created: bool) -> (tempfile::TempDir, Vec<FileRevision>) {
        let dir = tempfile::tempdir().unwrap();
        let repo = Repository::init(dir.path()).unwrap();
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
        (dir, revisions)
    }

    /// The X-Ray of `revisions` of a Rust file in the repository at `dir`, taking what `memo`
    /// knows; with `git` false, a step the memo does not know is an error.
    fn run(
        dir: &Path,
        revisions: &[FileRevision],
        memo: &dyn Memo,
        git: bool,
    ) -> Result<(FileXRay, Learned), Error> {
        run_seeded(dir, revisions, (memo, &Seeds::default()), git)
    }

    /// [`run`], with the outlines of `seeds` too.
    fn run_seeded(
        dir: &Path,
        revisions: &[FileRevision],
        (memo, seeds): (&dyn Memo, &Seeds),
        git: bool,
    ) -> Result<(FileXRay, Learned), Error> {
        let def = lang::for_path(Path::new("x.rs")).unwrap();
        let err = |e: git2::Error| Error::Git {
            path: dir.to_path_buf(),
            message: e.message().to_string(),
        };
        let open = || -> Result<Versions, Error> {
            if !git {
                return Err(Error::Internal("read from git".into()));
            }
            let repo = Repository::open(dir).unwrap();
            Ok(Versions::new(
                repo,
                def,
                1 << 20,
                &err,
                false,
                (memo, seeds),
            ))
        };
        let mut steps = Steps::new((memo, seeds), def, 1 << 20, &open);
        let (out, _) = file_xray(&mut steps, revisions, &|_| 1.0)?;
        Ok((out, steps.learned()))
    }

    /// The X-Ray of a Rust file whose versions are `texts` (see [`history_of`]).
    fn xray_of(texts: &[&str], created: bool) -> FileXRay {
        let (dir, revisions) = history_of(texts, created);
        run(dir.path(), &revisions, &NothingKnown, true).unwrap().0
    }

    /// What a run learned, as a memo.
    #[derive(Default)]
    struct Kept {
        steps: HashMap<(Option<Oid>, Oid), Step>,
        outlines: HashMap<Oid, Outline>,
        functions: HashMap<Oid, BTreeSet<String>>,
    }

    impl Kept {
        fn learn(&mut self, learned: Learned) {
            for (of, step) in learned.steps {
                self.steps.insert((of.old, of.new), step);
            }
            for (_, blob, outline) in learned.outlines {
                self.outlines.insert(blob, outline);
            }
            for (_, blob, functions) in learned.functions {
                self.functions.insert(blob, functions);
            }
        }
    }

    impl Memo for Kept {
        fn step(&self, of: &StepOf) -> Option<&Step> {
            self.steps.get(&(of.old, of.new))
        }
        fn outline(&self, _: &'static LanguageDef, blob: Oid) -> Option<&Outline> {
            self.outlines.get(&blob)
        }
        fn functions(&self, _: &'static LanguageDef, blob: Oid) -> Option<&BTreeSet<String>> {
            self.functions.get(&blob)
        }
    }

    impl KnownRenames for Kept {
        fn rename(&self, _: Oid, _: &str, _: Oid) -> Option<Option<(String, Oid)>> {
            None
        }
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
    fn a_seeded_latest_version_is_taken_as_outlined_and_kept() {
        let texts = [
            format!("{A}{B}"),
            format!("{A2}{B}"),
            format!("{A}{B2}"),
            format!("{A2}{B2}"),
        ];
        let texts: Vec<&str> = texts.iter().map(String::as_str).collect();
        let rust = lang::for_path(Path::new("x.rs")).unwrap();
        for created in [true, false] {
            let (dir, revisions) = history_of(&texts, created);
            let latest = revisions.last().unwrap().new;
            let (expected, _) = run(dir.path(), &revisions, &NothingKnown, true).unwrap();
            // Walked back from the seed, every version is outlined from the one after it.
            let mut seeds = Seeds::default();
            seeds.insert(rust.id, latest, Outline::parse(rust, texts[3]).unwrap());
            let (seeded, learned) =
                run_seeded(dir.path(), &revisions, (&NothingKnown, &seeds), true).unwrap();
            assert_eq!(seeded, expected);
            // The seed is kept for the next run's new commits, as an outline computed would be.
            assert!(learned.outlines.iter().any(|(_, blob, _)| *blob == latest));
            // A seed is trusted, not parsed again: one naming other functions is believed.
            let renamed = texts[3].replace("fn b", "fn c");
            let mut seeds = Seeds::default();
            seeds.insert(rust.id, latest, Outline::parse(rust, &renamed).unwrap());
            let (believed, _) =
                run_seeded(dir.path(), &revisions, (&NothingKnown, &seeds), true).unwrap();
            assert!(believed.functions.contains_key("c"));
            // A seed for another language is not this file's.
            let lua = lang::for_path(Path::new("x.lua")).unwrap();
            let mut seeds = Seeds::default();
            seeds.insert(lua.id, latest, Outline::parse(rust, &renamed).unwrap());
            let (unseeded, _) =
                run_seeded(dir.path(), &revisions, (&NothingKnown, &seeds), true).unwrap();
            assert_eq!(unseeded, expected);
        }
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

    #[test]
    fn known_steps_are_neither_read_nor_parsed_and_count_the_same() {
        let texts: Vec<String> = (0..6)
            .map(|k| format!("{A}\nfn f{k}() -> u32 {{\n    {k}\n}}\n{B}"))
            .chain([format!("{A2}{B2}"), A.to_string(), format!("{A}{B2}")])
            .collect();
        let texts: Vec<&str> = texts.iter().map(String::as_str).collect();
        for created in [true, false] {
            let (dir, all) = history_of(&texts, created);
            // A run over all but the last two commits, then one over all of them.
            let first = &all[..all.len() - 2];
            let (cold, learned) = run(dir.path(), first, &NothingKnown, true).unwrap();
            assert_eq!(learned.steps.len(), first.len());
            // The latest version's, from which the functions of earlier ones follow.
            assert_eq!(learned.outlines.len(), 1);
            let mut kept = Kept::default();
            kept.learn(learned);
            let (warm, relearned) = run(dir.path(), first, &kept, false).unwrap();
            assert_eq!(warm, cold);
            assert!(relearned.steps.is_empty() && relearned.outlines.is_empty());
            // Only the new commits' steps are computed, from the kept latest outline.
            let (expected, _) = run(dir.path(), &all, &NothingKnown, true).unwrap();
            let (more, learned) = run(dir.path(), &all, &kept, true).unwrap();
            assert_eq!(more, expected);
            assert_eq!(learned.steps.len(), 2);
            assert_eq!(learned.outlines.len(), 1);
            // A window starting later: the functions of its first version are kept already,
            // followed from those of the earlier window's first version and its steps (when
            // that window's first commit changed the file: one that created it has no
            // functions before it to follow).
            kept.learn(learned);
            let base = all[3].old.unwrap();
            assert_eq!(kept.functions.contains_key(&base), !created);
            let (expected, _) = run(dir.path(), &all[3..], &NothingKnown, true).unwrap();
            let (later, _) = run(dir.path(), &all[3..], &kept, false).unwrap();
            assert_eq!(later, expected);
            // Without them, they follow from the latest version's outline and the steps,
            // without parsing; without any outline kept either, that version is parsed.
            let functions = std::mem::take(&mut kept.functions);
            let (later, learned) = run(dir.path(), &all[3..], &kept, false).unwrap();
            assert_eq!(later, expected);
            let outlines = std::mem::take(&mut kept.outlines);
            assert!(run(dir.path(), &all[3..], &kept, false).is_err());
            let (later, _) = run(dir.path(), &all[3..], &kept, true).unwrap();
            assert_eq!(later, expected);
            // Those functions are kept: a later run needs no line of versions back to them.
            assert!(learned.functions.iter().any(|(_, blob, _)| *blob == base));
            kept.learn(learned);
            let (later, _) = run(dir.path(), &all[3..], &kept, false).unwrap();
            assert_eq!(later, expected);
            kept.outlines = outlines;
            kept.functions.extend(functions);
        }
    }

    /// Twelve functions of some size, `a` returning `k`.
    fn twelve(k: u32) -> String {
        let body = "    let v: Vec<u32> = (0..10).map(|i| i * 2).collect();\n    v.len() as u32\n";
        let mut text = format!("fn a() -> u32 {{\n    {k}\n}}\n");
        for i in 0..11 {
            text.push_str(&format!("\nfn f{i}() -> u32 {{\n{body}}}\n"));
        }
        text
    }

    #[test]
    fn a_version_no_revision_made_is_outlined_from_the_latest_one_outlined() {
        // A merge's version is on no revision's new side: the revision after the merge starts
        // from it. Dropping the third revision makes the fourth one such.
        let texts: Vec<String> = (1..=5).map(twelve).collect();
        let texts: Vec<&str> = texts.iter().map(String::as_str).collect();
        let (dir, all) = history_of(&texts, true);
        let merged: Vec<FileRevision> = [&all[..2], &all[3..]].concat();
        let (expected, cold) = run(dir.path(), &merged, &NothingKnown, true).unwrap();
        let (_, learned) = run(dir.path(), &merged[..2], &NothingKnown, true).unwrap();
        let mut kept = Kept::default();
        kept.learn(learned);
        let (warm, learned) = run(dir.path(), &merged, &kept, true).unwrap();
        assert_eq!(warm, expected);
        assert_eq!(learned.steps.len(), 2);
        // The merge's version is outlined from the kept latest one, re-parsing `a` alone;
        // from nothing, it was parsed whole, as the first version of a cold run is.
        assert!(learned.parsed < texts[2].len() / 4, "{}", learned.parsed);
        assert!(cold.parsed >= texts[0].len());
    }

    #[test]
    fn the_functions_kept_for_later_windows_are_those_of_each_version() {
        let fns = |names: &[&str]| -> String {
            names
                .iter()
                .map(|n| format!("fn {n}() -> u32 {{\n    1\n}}\n\n"))
                .collect()
        };
        let texts = [
            fns(&["a", "b"]),
            fns(&["a", "b", "c"]),
            fns(&["a", "c"]),
            fns(&["c", "d", "e"]),
            fns(&["c", "d", "e", "f"]),
        ];
        let texts: Vec<&str> = texts.iter().map(String::as_str).collect();
        // The first text is the version before the window.
        let (dir, all) = history_of(&texts, false);
        let (_, learned) = run(dir.path(), &all, &NothingKnown, true).unwrap();
        let def = lang::for_path(Path::new("x.rs")).unwrap();
        let repo = Repository::open(dir.path()).unwrap();
        let kept: Vec<Oid> = learned.functions.iter().map(|(_, b, _)| *b).collect();
        let mut expected = vec![all[0].old.unwrap()];
        expected.extend(all.iter().map(|r| r.new));
        assert_eq!(kept, expected);
        for (_, blob, functions) in &learned.functions {
            let blob = repo.find_blob(*blob).unwrap();
            let text = std::str::from_utf8(blob.content()).unwrap();
            assert_eq!(
                *functions,
                Outline::parse(def, text).unwrap().functions(),
                "{text}"
            );
        }
    }

    #[test]
    fn functions_before_a_window_no_line_leads_back_to_are_outlined_from_the_latest_version() {
        let texts: Vec<String> = (1..=5).map(twelve).collect();
        let texts: Vec<&str> = texts.iter().map(String::as_str).collect();
        let (dir, all) = history_of(&texts, true);
        let (_, learned) = run(dir.path(), &all, &NothingKnown, true).unwrap();
        let mut kept = Kept::default();
        kept.learn(learned);
        // A window starting at the third revision, with a merge's version before the last.
        let window = [all[2].clone(), all[4].clone()];
        let (expected, _) = run(dir.path(), &window, &NothingKnown, true).unwrap();
        let (warm, learned) = run(dir.path(), &window, &kept, true).unwrap();
        assert_eq!(warm, expected);
        assert!(learned.steps.is_empty());
        // The merge's version breaks the line of steps back to the window's first version:
        // it is outlined from the kept latest one, re-parsing `a` alone.
        assert!(learned.parsed < texts[1].len() / 4, "{}", learned.parsed);
        // Kept: the functions of the window's first version, and of the version its first
        // revision made (a later window may start there); the merge's version has no step to
        // follow them to the last revision's.
        let blobs: Vec<Oid> = learned.functions.iter().map(|(_, b, _)| *b).collect();
        assert_eq!(blobs, [all[2].old.unwrap(), all[2].new]);
    }
}
