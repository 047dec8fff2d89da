//! The function-level X-Ray with its steps and outlines kept in the repository's cache.
//!
//! Two tables, both filed under contents, so they never go stale:
//! - `xray-steps`: per pair of blobs (with the language, its grammar and queries, the size
//!   limit and debtscan's version), the functions the change between them touched — all a
//!   revision of the X-Ray takes from git and the parser. A rerun over known commits reads no
//!   blob, parses nothing and diffs nothing; new commits compute only their own steps.
//! - `xray-outlines`: per blob (with the language's fingerprint), the outline of the version
//!   a later run starts from — each file's latest version — so the new commits' steps re-parse
//!   only what their diffs touch, not the whole file (150 ms for a large Rust file with a
//!   syntax error).
//! - `xray-functions`: per blob (likewise), the functions of each file's version before its
//!   window. They follow from the latest outline and the steps while a line of versions leads
//!   back to it; a new merge breaks that line (the merge's own version is no revision's), and
//!   the version was parsed whole again, up to 213 KB per file on cargo.
//!
//! - `xray-renames`: per commit, path created and its blob (with the sources debtscan was
//!   built from), the path and blob it was renamed from, or none: following a file back
//!   through a rename compares the file with each file its commit deleted, and a rerun need
//!   not compare them again.
//!
//! Outlines of every version are not kept: tens of kilobytes each, and a step is all a known
//! commit needs.

use std::collections::{BTreeSet, HashMap};
use std::path::Path;

use git2::Oid;

use crate::cache::{Cache, Key, Table};
use crate::error::Error;
use crate::history::renames::KnownRenames;
use crate::history::{History, HistoryOptions};
use crate::lang::{self, LanguageDef};
use crate::parse::versions::Outline;
use crate::xray::{self, FileXRay, Learned, Memo, Seeds, Step, StepOf};

/// The layout of `xray-steps` values, and what computes them: bump it when [`Step`] or the
/// X-Ray's reading of a diff changes.
const STEPS_LAYOUT: u32 = 1;

/// The layout of `xray-outlines` values: bump it when [`Outline`] or how it is built changes.
const OUTLINES_LAYOUT: u32 = 3;

/// The layout of `xray-functions` values.
const FUNCTIONS_LAYOUT: u32 = 1;

/// The layout of `xray-renames` values.
const RENAMES_LAYOUT: u32 = 1;

/// A rename answer as filed: the source's path and blob id, or none.
type StoredRename = Option<(String, [u8; 20])>;

/// [`xray::xray`] taking and keeping what it can in `cache` (none: computes everything), and
/// starting from the outlines in `seeds`. Returns the X-Rays and the cache's warnings that
/// arose meanwhile (damaged segments dropped, a save that failed), for the report.
pub(super) fn xray(
    (cache, seeds): (Option<&Cache>, &Seeds),
    workdir: &Path,
    history: &History,
    paths: &[(String, &'static crate::lang::LanguageDef)],
    options: &HistoryOptions,
    max_size: u64,
) -> Result<(HashMap<String, FileXRay>, Vec<String>), Error> {
    let Some(cache) = cache else {
        let (xrays, _) = xray::xray_with(
            workdir,
            history,
            paths,
            options,
            max_size,
            (&xray::NothingKnown, seeds),
        )?;
        return Ok((xrays, Vec::new()));
    };
    let before = cache.warnings().len();
    let mut kept = {
        let _loading = options.progress.phase("x-ray cache", "");
        Kept::open(cache)
    };
    let (xrays, learned) =
        xray::xray_with(workdir, history, paths, options, max_size, (&kept, seeds))?;
    {
        let _saving = options.progress.phase("x-ray save", "");
        kept.learn(learned);
        kept.save();
    }
    let warnings = cache.warnings().split_off(before);
    Ok((xrays, warnings))
}

/// The tables, and each language's fingerprint.
struct Kept {
    steps: Table<Step>,
    outlines: Table<Outline>,
    functions: Table<BTreeSet<String>>,
    renames: Table<StoredRename>,
    /// Per language (by its place in [`lang::LANGUAGES`]).
    fingerprints: Vec<[u8; 16]>,
}

impl Kept {
    fn open(cache: &Cache) -> Kept {
        Kept {
            steps: cache.table("xray-steps", STEPS_LAYOUT),
            outlines: cache.table("xray-outlines", OUTLINES_LAYOUT),
            functions: cache.table("xray-functions", FUNCTIONS_LAYOUT),
            renames: cache.table("xray-renames", RENAMES_LAYOUT),
            fingerprints: lang::LANGUAGES
                .iter()
                .map(super::cached_parse::code_fingerprint)
                .collect(),
        }
    }

    fn fingerprint(&self, def: &'static LanguageDef) -> &[u8] {
        let at = lang::LANGUAGES.iter().position(|l| std::ptr::eq(l, def));
        at.and_then(|at| self.fingerprints.get(at))
            .map_or(&[][..], |f| &f[..])
    }

    fn step_key(&self, of: &StepOf) -> Key {
        let old = of.old.as_ref().map_or(&[][..], Oid::as_bytes);
        Key::of(&[
            b"step",
            self.fingerprint(of.language),
            &of.max_size.to_le_bytes(),
            old,
            of.new.as_bytes(),
        ])
    }

    fn outline_key(&self, def: &'static LanguageDef, blob: Oid) -> Key {
        Key::of(&[b"outline", self.fingerprint(def), blob.as_bytes()])
    }

    fn functions_key(&self, def: &'static LanguageDef, blob: Oid) -> Key {
        Key::of(&[b"functions", self.fingerprint(def), blob.as_bytes()])
    }

    /// A rename answer depends on the commit (its deletions are the candidates) and on how
    /// they are compared: debtscan's sources.
    fn rename_key(commit: Oid, path: &str, blob: Oid) -> Key {
        Key::of(&[
            b"rename",
            crate::cache::BUILD.as_bytes(),
            commit.as_bytes(),
            path.as_bytes(),
            blob.as_bytes(),
        ])
    }

    fn learn(&mut self, learned: Learned) {
        for (commit, path, blob, source) in learned.renames {
            let stored = source.map(|(from, old)| {
                let mut id = [0; 20];
                id.copy_from_slice(old.as_bytes());
                (from, id)
            });
            self.renames
                .insert(Kept::rename_key(commit, &path, blob), stored);
        }
        for (of, step) in learned.steps {
            let key = self.step_key(&of);
            self.steps.insert(key, step);
        }
        for (def, blob, outline) in learned.outlines {
            let key = self.outline_key(def, blob);
            self.outlines.insert(key, outline);
        }
        for (def, blob, functions) in learned.functions {
            let key = self.functions_key(def, blob);
            self.functions.insert(key, functions);
        }
    }

    /// Failures become the cache's warnings.
    fn save(&mut self) {
        self.steps.save();
        self.outlines.save();
        self.functions.save();
        self.renames.save();
    }
}

impl Memo for Kept {
    fn step(&self, of: &StepOf) -> Option<&Step> {
        self.steps.get(&self.step_key(of))
    }

    fn outline(&self, language: &'static LanguageDef, blob: Oid) -> Option<&Outline> {
        self.outlines.get(&self.outline_key(language, blob))
    }

    fn functions(&self, language: &'static LanguageDef, blob: Oid) -> Option<&BTreeSet<String>> {
        self.functions.get(&self.functions_key(language, blob))
    }
}

impl KnownRenames for Kept {
    fn rename(&self, commit: Oid, path: &str, blob: Oid) -> Option<Option<(String, Oid)>> {
        let stored = self.renames.get(&Kept::rename_key(commit, path, blob))?;
        match stored {
            None => Some(None),
            Some((from, id)) => Some(Some((from.clone(), Oid::from_bytes(id).ok()?))),
        }
    }
}
