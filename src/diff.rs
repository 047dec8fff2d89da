//! Run-to-run identity: reading a saved backlog, comparing two runs (new, resolved, changed,
//! moved) and marking a run's items against a baseline. Pure apart from [`load`].

use std::collections::{BTreeSet, HashMap, HashSet};
use std::path::Path;

use crate::error::Error;
use crate::model::{
    Backlog, BaselineState, BaselineSummary, ChangedItem, DebtItem, DiffCounts, DiffReport,
    DiffRuns, DiffSide, GoneItem, Kind, Previous, Resolution, ResolvedItem, SCHEMA_VERSION,
};

/// A score must move by at least this many points for an item to count as changed: scores
/// are percentiles within the repository and drift a little with every commit.
pub const MIN_SCORE_CHANGE: f64 = 1.0;

/// A saved backlog larger than this is refused rather than read into memory.
const MAX_BACKLOG_BYTES: u64 = 512 << 20;

/// Reads a backlog written by `debtscan scan --format json`, with errors that say what is
/// wrong with the file and what to do.
pub fn load(path: &Path) -> Result<Backlog, Error> {
    let bad = |message: String| Error::Backlog {
        path: path.to_path_buf(),
        message,
    };
    let meta = std::fs::metadata(path).map_err(|e| bad(format!("cannot read it: {e}")))?;
    if meta.is_dir() {
        return Err(bad("it is a directory, not a backlog file".into()));
    }
    if meta.len() > MAX_BACKLOG_BYTES {
        return Err(bad(format!(
            "larger than {} MiB; is this really a debtscan backlog?",
            MAX_BACKLOG_BYTES >> 20
        )));
    }
    let text = std::fs::read_to_string(path).map_err(|e| bad(format!("cannot read it: {e}")))?;
    parse(&text).map_err(bad)
}

/// Parses a backlog's JSON text; the error says what is wrong.
pub fn parse(text: &str) -> Result<Backlog, String> {
    const REMAKE: &str = "write it again with `debtscan scan --format json --output FILE`";
    let value: serde_json::Value = serde_json::from_str(text).map_err(|e| {
        if e.is_eof() {
            format!("truncated JSON ({e}); {REMAKE}")
        } else {
            format!("not valid JSON ({e}); {REMAKE}")
        }
    })?;
    if value.get("items").is_none() || value.get("tool").is_none() {
        return Err(format!(
            "not a debtscan backlog (no `tool` and `items`); {REMAKE}"
        ));
    }
    match value.get("schema_version").and_then(|v| v.as_u64()) {
        None => {
            return Err(format!(
                "no schema_version: not a debtscan backlog; {REMAKE}"
            ))
        }
        Some(v) if v > u64::from(SCHEMA_VERSION) => {
            return Err(format!(
                "written by a newer debtscan (schema_version {v}); this one reads schema_version \
                 {SCHEMA_VERSION}: upgrade debtscan, or write the file again with this version"
            ))
        }
        Some(_) => {}
    }
    let mut backlog: Backlog = serde_json::from_value(value)
        .map_err(|e| format!("not a backlog this debtscan can read ({e}); {REMAKE}"))?;
    // Backlogs written before tracker-ready titles have the line with figures as `title` and
    // no `summary`: the line becomes the summary, and the title is made as a scan makes it.
    for item in &mut backlog.items {
        if item.summary.is_empty() {
            item.summary = std::mem::take(&mut item.title);
            item.title = crate::score::title::title(
                item.kind,
                &item.location,
                item.marker.as_ref(),
                &item.summary,
            );
        }
    }
    Ok(backlog)
}

/// Whether two runs' versions of an item differ enough to report.
fn differs(old: &DebtItem, new: &DebtItem, min_score_change: f64) -> bool {
    let places = |i: &DebtItem| -> Vec<String> {
        let mut p: Vec<String> = i.related.iter().map(|l| l.path.clone()).collect();
        p.push(i.location.path.clone());
        p.sort();
        p
    };
    (old.score - new.score).abs() >= min_score_change - 1e-9
        || old.summary != new.summary
        || places(old) != places(new)
}

fn previous(i: &DebtItem) -> Previous {
    Previous {
        id: i.id.clone(),
        score: i.score,
        title: i.summary.clone(),
        location: i.location.clone(),
    }
}

/// Matches of the items only in `new` to the items only in `old` by weak id, where the weak id
/// is unique on both sides (an ambiguous match is no match) and the move is plausible
/// ([`plausible_move`]).
fn weak_matches<'a>(old: &[&'a DebtItem], new: &[&'a DebtItem]) -> HashMap<&'a str, &'a DebtItem> {
    let count = |items: &[&'a DebtItem]| {
        let mut m: HashMap<&str, (usize, &'a DebtItem)> = HashMap::new();
        for i in items {
            m.entry(i.weak_id.as_str()).or_insert((0, i)).0 += 1;
        }
        m
    };
    let (old, new) = (count(old), count(new));
    new.iter()
        .filter(|(_, (n, _))| *n == 1)
        .filter_map(|(weak, (_, item))| match old.get(weak) {
            Some((1, was)) if plausible_move(was, item) => Some((item.id.as_str(), *was)),
            _ => None,
        })
        .collect()
}

/// Whether a weak-id match of `was` (old) and `item` (new) is the same item: in another file,
/// the file kept its name or its directory (a rename, a move), or the item is a marker whose
/// text is its content. Two functions that only share a name in different packages are not
/// one. In the same file, another symbol is another item (a marker moved to another function).
fn plausible_move(was: &DebtItem, item: &DebtItem) -> bool {
    let (a, b) = (&was.location.path, &item.location.path);
    if a == b {
        return !was.related.is_empty() || !item.related.is_empty();
    }
    let split = |p: &str| match p.rsplit_once('/') {
        Some((dir, name)) => (dir.to_string(), name.to_string()),
        None => (String::new(), p.to_string()),
    };
    let ((dir_a, name_a), (dir_b, name_b)) = (split(a), split(b));
    name_a == name_b
        || dir_a == dir_b
        || matches!(item.kind, Kind::Todo | Kind::TodoMacro)
            && item.marker.as_ref().is_some_and(|m| !m.text.is_empty())
}

/// How alike two marker texts are, 0–1: Sørensen–Dice over character bigrams (whitespace left
/// out, case folded), which rates a reworded or extended sentence high ("every" → "each",
/// "… and flush on drop") and an unrelated one low.
fn text_similarity(a: &str, b: &str) -> f64 {
    strsim::sorensen_dice(&a.to_lowercase(), &b.to_lowercase())
}

/// A marker reworded in place is the same item when its text is at least this alike.
pub const MIN_REWORD_SIMILARITY: f64 = 0.6;

/// One-to-one matches `(new, old)` of markers reworded in place: same kind, file, symbol and
/// tag, texts at least [`MIN_REWORD_SIMILARITY`] alike; most alike first (then ids).
fn reword_matches<'a>(
    old: &[&'a DebtItem],
    new: &[&'a DebtItem],
) -> Vec<(&'a DebtItem, &'a DebtItem)> {
    let mut candidates = Vec::new();
    for n in new {
        let Some(nm) = &n.marker else { continue };
        for o in old {
            let Some(om) = &o.marker else { continue };
            if o.kind == n.kind
                && o.location.path == n.location.path
                && o.location.symbol == n.location.symbol
                && om.tag == nm.tag
            {
                let similarity = text_similarity(&om.text, &nm.text);
                if similarity >= MIN_REWORD_SIMILARITY {
                    candidates.push((similarity, *n, *o));
                }
            }
        }
    }
    candidates.sort_by(|a, b| {
        b.0.total_cmp(&a.0)
            .then_with(|| a.1.id.cmp(&b.1.id))
            .then_with(|| a.2.id.cmp(&b.2.id))
    });
    let (mut used_new, mut used_old) = (HashSet::new(), HashSet::new());
    let mut out = Vec::new();
    for (_, n, o) in candidates {
        if !used_new.contains(n.id.as_str()) && !used_old.contains(o.id.as_str()) {
            used_new.insert(n.id.as_str());
            used_old.insert(o.id.as_str());
            out.push((n, o));
        }
    }
    out
}

/// The kinds whose identity is a set of files: every place of the item is a member, and the
/// item is the same problem while most of its members stay.
fn by_members(kind: Kind) -> bool {
    matches!(kind, Kind::DependencyCycle | Kind::HiddenCoupling)
}

/// The files an item names: its location and every related place.
fn members(i: &DebtItem) -> BTreeSet<&str> {
    std::iter::once(&i.location)
        .chain(&i.related)
        .map(|l| l.path.as_str())
        .collect()
}

/// One-to-one matches `(new, old)` of multi-file items of the same kind that share a majority
/// of their members: more than half of the larger member set, so a file joining or leaving
/// keeps the item, while a split into halves or a swap of most files does not. Best overlap
/// first (most shared files, then fewest files on either side only, then ids), each item at
/// most once.
fn overlap_matches<'a>(
    old: &[&'a DebtItem],
    new: &[&'a DebtItem],
) -> Vec<(&'a DebtItem, &'a DebtItem)> {
    let sets = |items: &[&'a DebtItem]| -> Vec<(&'a DebtItem, BTreeSet<&'a str>)> {
        items
            .iter()
            .filter(|i| by_members(i.kind))
            .map(|i| (*i, members(i)))
            .collect()
    };
    let (old, new) = (sets(old), sets(new));
    let mut candidates = Vec::new();
    for (n, ns) in &new {
        for (o, os) in &old {
            let shared = ns.intersection(os).count();
            if o.kind == n.kind && 2 * shared > ns.len().max(os.len()) {
                let apart = ns.len() + os.len() - 2 * shared;
                candidates.push((shared, apart, *n, *o));
            }
        }
    }
    candidates.sort_by(|a, b| {
        b.0.cmp(&a.0)
            .then(a.1.cmp(&b.1))
            .then_with(|| a.2.id.cmp(&b.2.id))
            .then_with(|| a.3.id.cmp(&b.3.id))
    });
    let (mut used_new, mut used_old) = (HashSet::new(), HashSet::new());
    let mut out = Vec::new();
    for (_, _, n, o) in candidates {
        if !used_new.contains(n.id.as_str()) && !used_old.contains(o.id.as_str()) {
            used_new.insert(n.id.as_str());
            used_old.insert(o.id.as_str());
            out.push((n, o));
        }
    }
    out
}

/// Multi-file items of the older run that are now part of a larger item of the newer one:
/// every member of `old` is a member of an item of `new` of the same kind with more members
/// (a coupled pair inside a coupling group, two cycles joined into one). By the new item's
/// id; the smallest such item takes it (then the first by id).
fn containers<'a>(
    old: &[&'a DebtItem],
    new: &'a [DebtItem],
) -> HashMap<&'a str, Vec<&'a DebtItem>> {
    let new: Vec<(&DebtItem, BTreeSet<&str>)> = new
        .iter()
        .filter(|i| by_members(i.kind))
        .map(|i| (i, members(i)))
        .collect();
    let mut out: HashMap<&str, Vec<&DebtItem>> = HashMap::new();
    for o in old.iter().filter(|i| by_members(i.kind)) {
        let os = members(o);
        let host = new
            .iter()
            .filter(|(n, ns)| n.kind == o.kind && ns.len() > os.len() && os.is_subset(ns))
            .min_by(|a, b| a.1.len().cmp(&b.1.len()).then_with(|| a.0.id.cmp(&b.0.id)));
        if let Some((n, _)) = host {
            out.entry(n.id.as_str()).or_default().push(o);
        }
    }
    // The largest (then best-scored) old item leads: it is the `previous` of a new item.
    for olds in out.values_mut() {
        olds.sort_by(|a, b| {
            b.related
                .len()
                .cmp(&a.related.len())
                .then(b.score.total_cmp(&a.score))
                .then_with(|| a.id.cmp(&b.id))
        });
    }
    out
}

/// Compares two runs. `files` names them in the report.
///
/// Items with the same id are unchanged or changed. Of the rest, a new item whose weak id
/// matches exactly one old item's is that item when the move is plausible ([`plausible_move`]):
/// moved when its path changed (a rename), changed when it joined or left a cluster of repeated
/// marker text. In the same file it is not: a marker moved to another function is a new item,
/// and the old one is resolved. A marker reworded in place is the old one, changed
/// ([`reword_matches`]). A multi-file
/// item (a cycle, a hidden coupling) is the old item that shares a majority of its files
/// ([`overlap_matches`]): changed. An old multi-file item whose files all belong to a larger
/// new item of its kind is part of it ([`containers`]): listed in that item's `merged`, and
/// the new item is changed.
pub fn compare(
    old: &Backlog,
    new: &Backlog,
    files: (&str, &str),
    min_score_change: f64,
) -> DiffReport {
    let old_ids: HashMap<&str, &DebtItem> = old.items.iter().map(|i| (i.id.as_str(), i)).collect();
    let new_ids: HashSet<&str> = new.items.iter().map(|i| i.id.as_str()).collect();
    let gone: Vec<&DebtItem> = old
        .items
        .iter()
        .filter(|i| !new_ids.contains(i.id.as_str()))
        .collect();
    let added: Vec<&DebtItem> = new
        .items
        .iter()
        .filter(|i| !old_ids.contains_key(i.id.as_str()))
        .collect();
    let moves = weak_matches(&gone, &added);
    let moved_from: HashSet<&str> = moves.values().map(|i| i.id.as_str()).collect();
    let left_old: Vec<&DebtItem> = gone
        .iter()
        .copied()
        .filter(|i| !moved_from.contains(i.id.as_str()))
        .collect();
    let left_new: Vec<&DebtItem> = added
        .iter()
        .copied()
        .filter(|i| !moves.contains_key(i.id.as_str()))
        .collect();
    // Reworded markers and multi-file items that kept most of their files: both `changed`.
    let rewords = reword_matches(&left_old, &left_new);
    let overlaps: HashMap<&str, &DebtItem> = overlap_matches(&left_old, &left_new)
        .into_iter()
        .chain(rewords)
        .map(|(n, o)| (n.id.as_str(), o))
        .collect();
    let overlapped: HashSet<&str> = overlaps.values().map(|i| i.id.as_str()).collect();
    let left_old: Vec<&DebtItem> = left_old
        .into_iter()
        .filter(|i| !overlapped.contains(i.id.as_str()))
        .collect();
    let mut merged = containers(&left_old, &new.items);
    let absorbed: HashSet<&str> = merged.values().flatten().map(|i| i.id.as_str()).collect();
    let mut report = DiffReport {
        schema_version: SCHEMA_VERSION,
        tool: crate::model::Tool::current(),
        runs: DiffRuns {
            old: side(files.0, old),
            new: side(files.1, new),
        },
        min_score_change,
        counts: DiffCounts::default(),
        new: Vec::new(),
        resolved: Vec::new(),
        changed: Vec::new(),
        moved: Vec::new(),
    };
    for item in &new.items {
        let mut taken = merged.remove(item.id.as_str()).unwrap_or_default();
        let entry = |was: &DebtItem, taken: &[&DebtItem]| ChangedItem {
            item: item.clone(),
            previous: previous(was),
            merged: taken.iter().map(|i| previous(i)).collect(),
        };
        if let Some(was) = old_ids.get(item.id.as_str()) {
            if differs(was, item, min_score_change) || !taken.is_empty() {
                report.changed.push(entry(was, &taken));
            } else {
                report.counts.unchanged += 1;
            }
        } else if let Some(was) = moves.get(item.id.as_str()) {
            if !was.related.is_empty() || !item.related.is_empty() {
                // It joined or left a cluster: a place was added or removed.
                report.changed.push(entry(was, &taken));
            } else {
                report.moved.push(entry(was, &taken));
            }
        } else if let Some(was) = overlaps.get(item.id.as_str()) {
            report.changed.push(entry(was, &taken));
        } else if !taken.is_empty() {
            let was = taken.remove(0);
            report.changed.push(entry(was, &taken));
        } else {
            report.new.push(item.clone());
        }
    }
    for item in gone.into_iter().filter(|i| {
        let id = i.id.as_str();
        !moved_from.contains(id) && !overlapped.contains(id) && !absorbed.contains(id)
    }) {
        let resolution = match &new.code_index {
            None => Resolution::Unknown,
            Some(index) => {
                let l = &item.location;
                if index.contains(&l.path, l.symbol.as_deref()) {
                    Resolution::Fixed
                } else {
                    Resolution::Vanished
                }
            }
        };
        report.resolved.push(ResolvedItem {
            item: item.clone(),
            resolution,
        });
    }
    let c = &mut report.counts;
    c.new = report.new.len();
    c.resolved = report.resolved.len();
    c.fixed = count(&report.resolved, Resolution::Fixed);
    c.vanished = count(&report.resolved, Resolution::Vanished);
    c.changed = report.changed.len();
    c.moved = report.moved.len();
    c.merged = report
        .changed
        .iter()
        .chain(&report.moved)
        .map(|e| e.merged.len())
        .sum();
    report
}

fn count(resolved: &[ResolvedItem], r: Resolution) -> usize {
    resolved.iter().filter(|i| i.resolution == r).count()
}

fn side(file: &str, b: &Backlog) -> DiffSide {
    DiffSide {
        file: file.to_string(),
        head: b.repository.head.clone(),
        items: b.items.len(),
    }
}

/// Marks each item of `run` with its [`BaselineState`] against `baseline`.
pub fn annotate(
    run: &mut Backlog,
    baseline: &Backlog,
    file: &str,
    min_score_change: f64,
) -> BaselineSummary {
    let report = compare(baseline, run, ("", ""), min_score_change);
    let new: HashSet<&str> = report.new.iter().map(|i| i.id.as_str()).collect();
    let updated: HashSet<&str> = report
        .changed
        .iter()
        .chain(&report.moved)
        .map(|c| c.item.id.as_str())
        .collect();
    // Each item's id and score in the baseline: its own, or for a moved or changed item whose
    // id changed, those of the item it was.
    let then: HashMap<&str, (&str, f64)> = (baseline.items.iter())
        .map(|i| (i.id.as_str(), (i.id.as_str(), i.score)))
        .chain((report.changed.iter().chain(&report.moved)).map(|c| {
            (
                c.item.id.as_str(),
                (c.previous.id.as_str(), c.previous.score),
            )
        }))
        .collect();
    let mut summary = BaselineSummary {
        file: file.to_string(),
        absent: report.resolved.len(),
        gone: (report.resolved.iter())
            .map(|r| GoneItem {
                id: r.item.id.clone(),
                kind: r.item.kind,
                title: r.item.title.clone(),
                location: r.item.location.clone(),
                resolution: r.resolution,
            })
            .collect(),
        ..BaselineSummary::default()
    };
    for item in &mut run.items {
        let state = if new.contains(item.id.as_str()) {
            summary.new += 1;
            BaselineState::New
        } else if updated.contains(item.id.as_str()) {
            summary.updated += 1;
            BaselineState::Updated
        } else {
            summary.unchanged += 1;
            BaselineState::Unchanged
        };
        let was = match state {
            BaselineState::New => None,
            _ => then.get(item.id.as_str()).copied(),
        };
        item.baseline_score = was.map(|(_, score)| score);
        item.baseline_id = was
            .map(|(id, _)| id.to_string())
            .filter(|id| *id != item.id);
        item.baseline_state = Some(state);
    }
    summary
}

/// Whether `baseline` seems to describe another tree than `run`: it names at least three
/// files and none of them is in `run` (by its code index, or else by its items).
pub fn foreign(baseline: &Backlog, run: &Backlog) -> Option<usize> {
    foreign_paths(&item_paths(baseline), run)
}

/// The distinct files `backlog`'s items name.
pub fn item_paths(backlog: &Backlog) -> HashSet<&str> {
    backlog
        .items
        .iter()
        .flat_map(|i| std::iter::once(&i.location).chain(&i.related))
        .map(|l| l.path.as_str())
        .collect()
}

/// [`foreign`] for an earlier backlog known by the files its items name.
pub fn foreign_paths<S>(paths: &HashSet<S>, run: &Backlog) -> Option<usize>
where
    S: AsRef<str> + std::hash::Hash + Eq,
{
    if paths.len() < 3 {
        return None;
    }
    let known = |p: &str| match &run.code_index {
        Some(index) => index.contains(p, None),
        None => run.items.iter().any(|i| i.location.path == p),
    };
    (!paths.iter().any(|p| known(p.as_ref()))).then_some(paths.len())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Location, MarkerInfo, Signals};

    fn item(kind: Kind, path: &str, symbol: Option<&str>, text: Option<&str>) -> DebtItem {
        let symbol = symbol.map(String::from);
        let content = text.unwrap_or("");
        DebtItem {
            id: crate::score::fingerprint(kind, path, symbol.as_deref(), content, 0),
            weak_id: crate::score::weak_fingerprint(kind, path, symbol.as_deref(), content, 0),
            kind,
            rank: 0,
            score: 50.0,
            title: String::new(),
            summary: text.unwrap_or("function").to_string(),
            severity: None,
            permalink: None,
            body: None,
            suggested_assignees: Vec::new(),
            location: Location {
                path: path.into(),
                start_line: 1,
                end_line: 1,
                symbol,
            },
            related: Vec::new(),
            role: Default::default(),
            signals: Signals::default(),
            explanation: Vec::new(),
            marker: text.map(|t| MarkerInfo {
                tag: "TODO".into(),
                text: t.into(),
                ..MarkerInfo::default()
            }),
            coverage: None,
            baseline_state: None,
            baseline_score: None,
            baseline_id: None,
            uses: Vec::new(),
            coupled: Vec::new(),
        }
    }

    fn run(items: Vec<DebtItem>) -> Backlog {
        let empty = r#"{"schema_version": 1, "tool": {"name": "debtscan", "version": "0"},
            "repository": {"root": ".", "head": null, "branch": null, "history":
            {"available": false, "commits_analyzed": 0, "since": null, "max_commits": null,
            "first_parent": false, "shallow": false, "excluded": []}},
            "summary": {"items": 0, "by_kind": {}, "files_scanned": 0,
            "skipped_files": [], "partial_files": [], "warnings": []},
            "scoring": {}, "items": []}"#;
        Backlog {
            items,
            ..parse(empty).expect("a backlog")
        }
    }

    /// `(new, resolved, changed, moved)` of a comparison of one item with another.
    fn outcome(old: DebtItem, new: DebtItem) -> (usize, usize, usize, usize) {
        let r = compare(&run(vec![old]), &run(vec![new]), ("a", "b"), 1.0);
        (
            r.new.len(),
            r.resolved.len(),
            r.changed.len(),
            r.moved.len(),
        )
    }

    /// A case name, the earlier item, the later item, and the expected
    /// (new, resolved, changed, moved) counts.
    type IdentityCase = (
        &'static str,
        DebtItem,
        DebtItem,
        (usize, usize, usize, usize),
    );

    #[test]
    fn identity_rules() {
        use Kind::{ComplexFunction as F, Todo as T};
        let s = Some;
        #[rustfmt::skip]
        let cases: &[IdentityCase] = &[
            ("a reworded marker in its symbol is changed",
             item(T, "src/a.rs", s("run"), s("retry every request twice")),
             item(T, "src/a.rs", s("run"), s("retry each request twice")), (0, 0, 1, 0)),
            ("an extended marker is changed",
             item(T, "src/a.rs", s("run"), s("batch small writes")),
             item(T, "src/a.rs", s("run"), s("batch small writes and flush on drop")), (0, 0, 1, 0)),
            ("a rewritten marker is new, the old one resolved",
             item(T, "src/a.rs", s("run"), s("batch small writes")),
             item(T, "src/a.rs", s("run"), s("log the peer address")), (1, 1, 0, 0)),
            ("a reworded marker in another symbol is new",
             item(T, "src/a.rs", s("run"), s("retry every request twice")),
             item(T, "src/a.rs", s("stop"), s("retry each request twice")), (1, 1, 0, 0)),
            ("a marker moved to another function of its file is new",
             item(T, "src/a.rs", s("run"), s("retry")),
             item(T, "src/a.rs", s("stop"), s("retry")), (1, 1, 0, 0)),
            ("a renamed file moves its function",
             item(F, "src/util.rs", s("parse"), None),
             item(F, "src/helpers.rs", s("parse"), None), (0, 0, 0, 1)),
            ("a file moved to another directory moves its function",
             item(F, "src/util.rs", s("parse"), None),
             item(F, "src/text/util.rs", s("parse"), None), (0, 0, 0, 1)),
            ("functions that share only a name in other packages are two",
             item(F, "crates/json/src/lib.rs", s("parse"), None),
             item(F, "crates/toml/src/de.rs", s("parse"), None), (1, 1, 0, 0)),
            ("a marker's text follows it to another package",
             item(T, "crates/json/src/lib.rs", s("parse"), s("handle quoted fields")),
             item(T, "crates/toml/src/de.rs", s("parse"), s("handle quoted fields")), (0, 0, 0, 1)),
        ];
        for (what, old, new, expected) in cases {
            assert_eq!(outcome(old.clone(), new.clone()), *expected, "{what}");
        }
    }

    #[test]
    fn a_reworded_marker_pairs_with_the_most_alike_old_text() {
        let old = vec![
            item(
                Kind::Todo,
                "a.rs",
                Some("f"),
                Some("retry every request twice"),
            ),
            item(Kind::Todo, "a.rs", Some("f"), Some("retry every request")),
        ];
        let new = vec![item(
            Kind::Todo,
            "a.rs",
            Some("f"),
            Some("retry every request thrice"),
        )];
        let r = compare(&run(old), &run(new), ("a", "b"), 1.0);
        assert_eq!(r.changed.len(), 1);
        assert_eq!(r.changed[0].previous.title, "retry every request twice");
        assert_eq!(r.resolved.len(), 1);
    }
}
