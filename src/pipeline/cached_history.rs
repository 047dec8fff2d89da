//! The history pass with the cache: commit records by commit id and line counts by blob pair,
//! known from earlier runs, so that a rerun reads from git only the commits and blob pairs it
//! has not seen. Both are facts about immutable objects; everything that depends on HEAD, the
//! config or the options is applied in the fold, after the lookup.

use std::path::Path;
use std::sync::Mutex;

use git2::Oid;

use crate::cache::{Cache, Key, Table};
use crate::error::Error;
use crate::history::blame::{self, Attributions, KnownLines, NoLinesKnown};
use crate::history::{self, record, CommitRecord, History, HistoryOptions, Known, WalkOf};

/// Layout of the `commits` table's values; bump when [`CommitRecord`] changes (2: the
/// subject; 3: renames).
const RECORDS_LAYOUT: u32 = 3;
/// Layout of the `line-counts` table's values.
const COUNTS_LAYOUT: u32 = 1;
/// Layout of the `walks` table's values (2: ordered by `history::order`, not libgit2).
const WALKS_LAYOUT: u32 = 2;

/// What earlier runs learned about the history of one repository.
struct CachedHistory {
    records: Table<CommitRecord>,
    counts: Table<(u32, u32)>,
    /// The latest walks, by HEAD and how it was walked: a rerun at the same HEAD reads no
    /// commit from git at all.
    walks: Table<Vec<record::Id>>,
    /// Where what the pass learns is written as it goes, without loading the tables again.
    appenders: Mutex<Appenders>,
}

/// Write-only handles on the `commits` and `line-counts` tables.
struct Appenders {
    records: Table<CommitRecord>,
    counts: Table<(u32, u32)>,
}

impl Appenders {
    /// Files what was read from git and writes it out.
    fn add(&mut self, learned: history::Learned) {
        for (commit, record) in learned.records {
            let kind = match (record.is_merge(), record.merge_diffed) {
                (true, false) => PLAIN,
                (true, true) if !record.renames_marked => DIFFED,
                _ => FULL,
            };
            self.records.insert(record_key(commit, kind), record);
        }
        for ((old, new), counts) in learned.line_counts {
            self.counts.insert(counts_key(old, new), counts);
        }
        self.records.flush();
        self.counts.flush();
    }
}

/// A record that serves every run is filed as `FULL`; a merge read without its diff (enough
/// for counting, not for following files) as `PLAIN`, and with its diff but not its renames
/// (enough for all but a `--first-parent` run) as `DIFFED`, so that a later run which needs
/// more reads it once and files the fuller record beside it.
const FULL: &[u8] = b"full";
const DIFFED: &[u8] = b"diffed";
const PLAIN: &[u8] = b"plain";

fn record_key(commit: Oid, kind: &[u8]) -> Key {
    Key::of(&[commit.as_bytes(), kind])
}

fn counts_key(old: Option<Oid>, new: Option<Oid>) -> Key {
    // An absent side is an empty part: length-prefixed, it cannot collide with an id. Looked
    // up for every counted change of every commit: no allocation.
    fn side(o: &Option<Oid>) -> &[u8] {
        o.as_ref().map_or(&[], |o| o.as_bytes())
    }
    Key::of(&[side(&old), side(&new)])
}

impl Known for CachedHistory {
    fn record(&self, commit: Oid) -> Option<&CommitRecord> {
        self.records
            .get(&record_key(commit, FULL))
            .or_else(|| self.records.get(&record_key(commit, DIFFED)))
            .or_else(|| self.records.get(&record_key(commit, PLAIN)))
    }

    fn line_counts(&self, old: Option<Oid>, new: Option<Oid>) -> Option<(u32, u32)> {
        self.counts.get(&counts_key(old, new)).copied()
    }

    fn walk(&self, how: &WalkOf) -> Option<Vec<Oid>> {
        let ids = self.walks.get(&Key::of(&[&how.bytes()]))?;
        Some(ids.iter().map(record::oid).collect())
    }

    fn keep(&self, learned: history::Learned) {
        self.appenders
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .add(learned);
    }
}

impl CachedHistory {
    fn open(cache: &Cache) -> CachedHistory {
        CachedHistory {
            records: cache.table("commits", RECORDS_LAYOUT),
            counts: cache.table("line-counts", COUNTS_LAYOUT),
            walks: cache.table("walks", WALKS_LAYOUT),
            appenders: Mutex::new(Appenders {
                records: cache.appender("commits", RECORDS_LAYOUT),
                counts: cache.appender("line-counts", COUNTS_LAYOUT),
            }),
        }
    }

    /// Files what the run read from git and writes it out.
    fn learn(&mut self, mut learned: history::Learned) {
        let walk = learned.walk.take();
        self.keep(learned);
        if let Some((how, oids)) = walk {
            let ids = oids.into_iter().map(record::id).collect();
            self.walks.insert(Key::of(&[&how.bytes()]), ids);
        }
        self.records.save();
        self.counts.save();
        self.walks.save_replacing();
    }
}

/// [`history::analyse`], through `cache` when there is one: known records and counts are
/// reused, and what was read from git is saved for the next run (a failed save is a warning
/// on the cache, never an error).
pub(super) fn analyse(
    workdir: &Path,
    options: &HistoryOptions,
    cache: Option<&Cache>,
) -> Result<Option<History>, Error> {
    let Some(cache) = cache else {
        return history::analyse(workdir, options);
    };
    let mut known = CachedHistory::open(cache);
    let Some((history, learned)) = history::analyse_with(workdir, options, &known)? else {
        return Ok(None);
    };
    known.learn(learned);
    // Freeing every record of a long history one by one is work nobody waits for: a warm
    // run on cargo spent 50 ms here, on the way to the next phase.
    std::thread::spawn(move || drop(known));
    Ok(Some(history))
}

/// Layout of the `introductions` table's values (2: answers traced since a merge hands a file
/// it took whole from a later parent to that parent; 3: since lines that differ only in
/// whitespace are the same line; earlier answers may name other commits).
const LINES_LAYOUT: u32 = 3;

/// Introductions traced by earlier runs, filed under the version a trace starts from, the
/// file, the line, and what else decides the answer (the ignored revisions, `--first-parent`,
/// and for a cut history its window and HEAD).
struct CachedLines {
    table: Table<(record::Id, String)>,
    context: Vec<u8>,
}

impl CachedLines {
    fn key(&self, version: Oid, path: &str, line: u32) -> Key {
        Key::of(&[
            &self.context,
            version.as_bytes(),
            path.as_bytes(),
            &line.to_le_bytes(),
        ])
    }
}

impl KnownLines for CachedLines {
    fn written(&self, version: Oid, path: &str, line: u32) -> Option<(Oid, String)> {
        let (commit, at) = self.table.get(&self.key(version, path, line))?;
        Some((record::oid(commit), at.clone()))
    }
}

/// What, besides the version traced from, decides who wrote a line: how debtscan traces (its
/// sources, as for the X-Ray's renames: a changed rule must not meet answers of the old one,
/// which a test once passed on), the ignored revisions and the walk.
fn lines_context(history: &History, options: &HistoryOptions) -> Vec<u8> {
    let mut context = crate::cache::BUILD.as_bytes().to_vec();
    context.push(u8::from(options.first_parent));
    let mut ignored: Vec<Oid> = options
        .filters
        .iter()
        .flat_map(|f| f.ignore_revs.iter().copied())
        .collect();
    ignored.sort();
    for oid in ignored {
        context.extend_from_slice(oid.as_bytes());
    }
    // A cut history ends at a place that moves with HEAD: reuse only at the same HEAD.
    if options.since.is_some() || options.max_commits.is_some() || history.shallow {
        context.extend_from_slice(b"cut");
        context.extend_from_slice(history.head.as_bytes());
        context.extend_from_slice(&options.since.unwrap_or(0).to_le_bytes());
        context.extend_from_slice(&(options.max_commits.unwrap_or(0) as u64).to_le_bytes());
    }
    context
}

/// [`history::blame::introductions`] through `cache` when there is one.
pub(super) fn introductions(
    workdir: &Path,
    history: &History,
    files: &[(String, Vec<u32>)],
    options: &HistoryOptions,
    cache: Option<&Cache>,
) -> Result<Attributions, git2::Error> {
    let start = options.start.as_ref().map(|s| s.commit);
    let Some(cache) = cache else {
        return Ok(blame::introductions(workdir, history, files, start, &NoLinesKnown)?.0);
    };
    let mut known = CachedLines {
        table: cache.table("introductions", LINES_LAYOUT),
        context: lines_context(history, options),
    };
    let (found, learned) = blame::introductions(workdir, history, files, start, &known)?;
    for ((version, path, line), (commit, at)) in learned {
        let key = known.key(version, &path, line);
        known.table.insert(key, (record::id(commit), at));
    }
    known.table.save();
    Ok(found)
}

/// Keys of the two tables, for tests that check they stay apart.
#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_tell_sides_and_kinds_apart() {
        let a = Oid::from_str("1111111111111111111111111111111111111111").unwrap();
        let b = Oid::from_str("2222222222222222222222222222222222222222").unwrap();
        assert_ne!(counts_key(Some(a), None), counts_key(None, Some(a)));
        assert_ne!(counts_key(Some(a), Some(b)), counts_key(Some(b), Some(a)));
        assert_ne!(record_key(a, FULL), record_key(a, PLAIN));
        assert_ne!(record_key(a, FULL), record_key(b, FULL));
    }
}
