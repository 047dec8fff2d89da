//! The back-test's measures: how well a ranking made at a past commit T points at the files
//! that the commits after T changed, and at the files their fixes changed. Pure: the rankings
//! and the activity after T come in as data (`pipeline::backtest` gathers them from git).

use std::collections::{BTreeMap, HashMap, HashSet};

use serde::Serialize;

pub use crate::fixes::{FixPatterns, Subject};
use crate::model::{RepositoryInfo, Tool};

/// One commit after T: whether it is a fix, and the files it changed, by their names at T
/// (only files present at T that the ranking covers; each at most once).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Commit {
    /// Its subject matched a fix pattern and no mechanical pattern.
    pub fix: bool,
    /// Its subject matched a fix pattern and a mechanical pattern: not counted as a fix.
    pub mechanical: bool,
    /// The files it changed, by their names at T.
    pub files: Vec<String>,
}

/// A file of the ranked universe: every file scanned at T, with the facts the baselines rank by.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileAtT {
    /// Repository-relative path at T.
    pub path: String,
    /// Lines.
    pub lines: u32,
    /// Sum of its functions' cyclomatic complexity.
    pub cyclomatic: u64,
    /// Revisions up to T.
    pub revisions: u64,
}

/// The names of the rankings, the backlog's first.
pub const BACKLOG: &str = "backlog";
/// Past churn alone.
pub const CHURN: &str = "churn";
/// Size alone.
pub const SIZE: &str = "size";
/// Complexity alone.
pub const COMPLEXITY: &str = "complexity";
/// A shuffle with a fixed seed.
pub const RANDOM: &str = "random";

/// The position of a ranking in reports: the backlog, churn, size, complexity, random, others.
pub fn order_of(name: &str) -> usize {
    [BACKLOG, CHURN, SIZE, COMPLEXITY, RANDOM]
        .iter()
        .position(|n| *n == name)
        .unwrap_or(usize::MAX)
}

/// The seed of the random baseline (any fixed non-zero value).
pub const RANDOM_SEED: u64 = 0x9E37_79B9_7F4A_7C15;

/// The default cuts; the backlog's own cut ("the files the backlog names") is added to them.
pub const CUTS: [usize; 3] = [10, 25, 50];

/// The backlog's file order: by the debt the backlog places in each file, the sum of the scores
/// of the items located there (`items`: path and score), so a file with many debts outranks a
/// file with one slightly larger; ties by path. Then the files with no item, largest first
/// (ties by path). Paths the universe does not hold are left out.
pub fn backlog_order<'a>(
    items: impl IntoIterator<Item = (&'a str, f64)>,
    universe: &[FileAtT],
) -> (Vec<String>, usize) {
    let known: HashSet<&str> = universe.iter().map(|f| f.path.as_str()).collect();
    let mut debt: HashMap<&str, f64> = HashMap::new();
    for (path, score) in items {
        if known.contains(path) {
            *debt.entry(path).or_insert(0.0) += score;
        }
    }
    let mut named: Vec<(&str, f64)> = debt.into_iter().collect();
    named.sort_by(|a, b| b.1.total_cmp(&a.1).then_with(|| a.0.cmp(b.0)));
    let mut order: Vec<String> = named.iter().map(|(p, _)| p.to_string()).collect();
    let seen: HashSet<&str> = named.iter().map(|(p, _)| *p).collect();
    let mut rest: Vec<&FileAtT> = universe
        .iter()
        .filter(|f| !seen.contains(f.path.as_str()))
        .collect();
    rest.sort_by(|a, b| b.lines.cmp(&a.lines).then_with(|| a.path.cmp(&b.path)));
    order.extend(rest.into_iter().map(|f| f.path.clone()));
    (order, named.len())
}

/// The universe ordered by `key`, highest first (ties by path).
pub fn order_by(universe: &[FileAtT], key: impl Fn(&FileAtT) -> u64) -> Vec<String> {
    let mut files: Vec<(u64, &str)> = universe.iter().map(|f| (key(f), f.path.as_str())).collect();
    files.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| a.1.cmp(b.1)));
    files.into_iter().map(|(_, p)| p.to_string()).collect()
}

/// The universe in path order, shuffled (Fisher–Yates) from `seed`.
pub fn shuffled(universe: &[FileAtT], seed: u64) -> Vec<String> {
    let mut paths: Vec<String> = universe.iter().map(|f| f.path.clone()).collect();
    paths.sort();
    let mut rng = Rng::new(seed);
    for i in (1..paths.len()).rev() {
        let j = rng.below(i + 1);
        paths.swap(i, j);
    }
    paths
}

/// xorshift64*: a fixed, seedable sequence, so the random baseline and the resampled
/// intervals are the same on every run and machine.
struct Rng(u64);

impl Rng {
    fn new(seed: u64) -> Rng {
        Rng(seed.max(1))
    }

    /// A number in `0..n` (`n` > 0). The modulo bias is below 2^-40 for any realistic `n`.
    fn below(&mut self, n: usize) -> usize {
        let s = &mut self.0;
        *s ^= *s >> 12;
        *s ^= *s << 25;
        *s ^= *s >> 27;
        (s.wrapping_mul(0x2545_F491_4F6C_DD1D) % n as u64) as usize
    }
}

/// What the rankings order and the commits after T are counted on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, clap::ValueEnum)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    /// Files: a commit counts once for each ranked file it changed.
    File,
    /// Functions: a commit counts once for each function of the code at T it changed (a line
    /// it deleted or added lies in it), ranked functions and those it changed alike.
    Function,
}

/// The measures of one ranking at one cut.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Measures {
    /// The cut: the number of files (`"10"`) or `"named"` (as many as the backlog names).
    pub k: String,
    /// Files in the top k (fewer than k when the universe is smaller).
    pub files: usize,
    /// Share of the fix commits' file changes that land in the top k.
    pub fix_recall: f64,
    /// Share of all file changes after T that land in the top k.
    pub change_recall: f64,
    /// Share of the top-k files that at least one fix commit changed.
    pub precision: f64,
    /// Fix file changes in the top k (the numerator of `fix_recall`).
    pub fix_changes: usize,
    /// File changes in the top k.
    pub changes: usize,
    /// Top-k files that got a fix.
    pub fixed_files: usize,
}

/// The measures of `ranking` cut at its first `k` files.
pub fn measure(ranking: &[String], k: usize, label: &str, commits: &[Commit]) -> Measures {
    let top: HashSet<&str> = ranking.iter().take(k).map(String::as_str).collect();
    let (mut fix_total, mut fix_in, mut all_total, mut all_in) = (0usize, 0usize, 0usize, 0usize);
    let mut fixed: HashSet<&str> = HashSet::new();
    for c in commits {
        for f in &c.files {
            let hit = top.contains(f.as_str());
            all_total += 1;
            all_in += usize::from(hit);
            if c.fix {
                fix_total += 1;
                fix_in += usize::from(hit);
                if hit {
                    fixed.insert(f);
                }
            }
        }
    }
    Measures {
        k: label.to_string(),
        files: top.len(),
        fix_recall: share(fix_in, fix_total),
        change_recall: share(all_in, all_total),
        precision: share(fixed.len(), top.len()),
        fix_changes: fix_in,
        changes: all_in,
        fixed_files: fixed.len(),
    }
}

/// `part / whole` rounded to three decimals; 0 when `whole` is 0.
fn share(part: usize, whole: usize) -> f64 {
    if whole == 0 {
        0.0
    } else {
        crate::util::round3(part as f64 / whole as f64)
    }
}

/// The cuts of a window: each of `cuts` labelled by its number, then `named` (the number of
/// files the backlog names) when it names any.
fn cut_list(cuts: &[usize], named: usize) -> Vec<(usize, String)> {
    let mut list: Vec<(usize, String)> = cuts.iter().map(|k| (*k, k.to_string())).collect();
    if named > 0 {
        list.push((named, "named".to_string()));
    }
    list
}

/// Every ranking measured at every cut: `cuts` (the top k files for each k) and `named` (the
/// number of files the backlog names, when it names any).
pub fn evaluate(
    rankings: &[(&str, Vec<String>)],
    cuts: &[usize],
    named: usize,
    commits: &[Commit],
) -> BTreeMap<String, Vec<Measures>> {
    let cuts = cut_list(cuts, named);
    rankings
        .iter()
        .map(|(name, order)| {
            let measures = cuts
                .iter()
                .map(|(k, label)| measure(order, *k, label, commits))
                .collect();
            (name.to_string(), measures)
        })
        .collect()
}

/// One fix commit of a window, as the resampling of the verdict needs it: its file changes,
/// and per ranking, how many of them land in the top k at each cut (in [`evaluate`]'s order).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FixHits {
    /// The fix commit's changes to files of the universe.
    pub files: usize,
    /// Per ranking, per cut: the changes in that cut.
    pub hits: BTreeMap<String, Vec<usize>>,
}

/// The fix commits of a window with their hits, for [`verdict`]'s intervals; the same cuts
/// as [`evaluate`]. Fix commits that changed no file of the universe are left out.
pub fn fix_hits(
    rankings: &[(&str, Vec<String>)],
    cuts: &[usize],
    named: usize,
    commits: &[Commit],
) -> Vec<FixHits> {
    let cuts = cut_list(cuts, named);
    let tops: Vec<(&str, Vec<HashSet<&str>>)> = rankings
        .iter()
        .map(|(name, order)| {
            let sets = cuts
                .iter()
                .map(|(k, _)| order.iter().take(*k).map(String::as_str).collect())
                .collect();
            (*name, sets)
        })
        .collect();
    commits
        .iter()
        .filter(|c| c.fix && !c.files.is_empty())
        .map(|c| FixHits {
            files: c.files.len(),
            hits: tops
                .iter()
                .map(|(name, sets)| {
                    let per_cut = sets
                        .iter()
                        .map(|top| c.files.iter().filter(|f| top.contains(f.as_str())).count())
                        .collect();
                    (name.to_string(), per_cut)
                })
                .collect(),
        })
        .collect()
}

/// How many times the fix commits are resampled for a verdict's interval.
pub const RESAMPLES: usize = 1000;

/// The confidence of a verdict's interval.
pub const CONFIDENCE: f64 = 0.90;

/// The seed of the resampling (any fixed non-zero value).
const RESAMPLE_SEED: u64 = 0x5DEE_CE66_D1CE_4E5B;

/// How the backlog compares with the best baseline, cut by cut, allowing for chance: with a
/// few dozen fixes, a few points of fix recall either way are noise.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Verdict {
    /// No cut is `worse` and at least one is `better`.
    pub beats_best_baseline: bool,
    /// No cut is `worse`: the backlog is at least as good as the best baseline.
    pub at_least_as_good: bool,
    /// Per cut: the best baseline and how the backlog compares with it.
    pub cuts: Vec<CutVerdict>,
}

/// The comparison at one cut.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CutVerdict {
    /// The cut.
    pub k: String,
    /// The baseline with the highest fix recall (the first of equals in the table's order).
    pub best_baseline: String,
    /// Its fix recall.
    pub best_fix_recall: f64,
    /// The backlog's.
    pub backlog_fix_recall: f64,
    /// The backlog's fix recall minus the best baseline's.
    pub difference: f64,
    /// The [`CONFIDENCE`] interval of that difference: its 5th and 95th percentiles over
    /// [`RESAMPLES`] resamplings of the fix commits (each window's own, with replacement).
    pub interval: [f64; 2],
    /// `better` (the whole interval above 0), `worse` (below 0) or `on par`.
    pub backlog: String,
}

/// Compares the backlog with the best of `baselines` (names in table order) at each cut of
/// the pooled `rankings`, and judges the difference by a paired bootstrap over `windows`'
/// fix commits: the verdict is `better` or `worse` only when chance is an unlikely
/// explanation, so a team does not tune its weights to noise.
pub fn verdict(
    rankings: &BTreeMap<String, Vec<Measures>>,
    baselines: &[&str],
    windows: &[&[FixHits]],
) -> Verdict {
    let mut cuts = Vec::new();
    if let Some(backlog) = rankings.get(BACKLOG) {
        for (i, own) in backlog.iter().enumerate() {
            let mut best: Option<(&str, f64)> = None;
            for name in baselines {
                if let Some(m) = rankings.get(*name).and_then(|m| m.get(i)) {
                    if best.is_none_or(|(_, r)| m.fix_recall > r) {
                        best = Some((name, m.fix_recall));
                    }
                }
            }
            let Some((name, recall)) = best else { continue };
            let interval = interval(windows, i, name);
            // From the counts, not the rounded shares (0.667 − 0.333 is 0.333, not 0.334).
            let difference =
                difference(windows, |n| 0..n, i, name).unwrap_or(own.fix_recall - recall);
            let outcome = if interval[0] > 0.0 {
                "better"
            } else if interval[1] < 0.0 {
                "worse"
            } else {
                "on par"
            };
            cuts.push(CutVerdict {
                k: own.k.clone(),
                best_baseline: name.to_string(),
                best_fix_recall: recall,
                backlog_fix_recall: own.fix_recall,
                difference: crate::util::round3(difference),
                interval,
                backlog: outcome.to_string(),
            });
        }
    }
    let at_least_as_good = !cuts.is_empty() && cuts.iter().all(|c| c.backlog != "worse");
    Verdict {
        beats_best_baseline: at_least_as_good && cuts.iter().any(|c| c.backlog == "better"),
        at_least_as_good,
        cuts,
    }
}

/// The [`CONFIDENCE`] interval of the backlog's fix recall minus `baseline`'s at cut `cut`:
/// each resampling draws every window's fix commits with replacement (as many as it had),
/// and pools the draws as [`pool`] pools the windows.
fn interval(windows: &[&[FixHits]], cut: usize, baseline: &str) -> [f64; 2] {
    let mut rng = Rng::new(RESAMPLE_SEED);
    let mut diffs: Vec<f64> = (0..RESAMPLES)
        .map(|_| {
            let draws = |n: usize| (0..n).map(|_| rng.below(n)).collect::<Vec<_>>();
            difference(windows, draws, cut, baseline).unwrap_or(0.0)
        })
        .collect();
    diffs.sort_by(f64::total_cmp);
    let tail = (1.0 - CONFIDENCE) / 2.0;
    let at = |q: f64| {
        let i = ((diffs.len() - 1) as f64 * q).round() as usize;
        crate::util::round3(diffs[i])
    };
    [at(tail), at(1.0 - tail)]
}

/// The backlog's fix recall minus `baseline`'s at cut `cut`, pooled over the fix commits
/// `pick` chooses from each window (given how many it has: every one once, or a resampling);
/// `None` when they changed no file.
fn difference<I: IntoIterator<Item = usize>>(
    windows: &[&[FixHits]],
    mut pick: impl FnMut(usize) -> I,
    cut: usize,
    baseline: &str,
) -> Option<f64> {
    let hits = |f: &FixHits, name: &str| f.hits.get(name).and_then(|h| h.get(cut)).copied();
    let (mut files, mut difference) = (0i64, 0i64);
    for fixes in windows.iter().filter(|w| !w.is_empty()) {
        for i in pick(fixes.len()) {
            let f = &fixes[i];
            files += f.files as i64;
            let own = hits(f, BACKLOG).unwrap_or(0) as i64;
            difference += own - hits(f, baseline).unwrap_or(0) as i64;
        }
    }
    (files > 0).then(|| difference as f64 / files as f64)
}

/// The commit T the code was ranked at.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct At {
    /// Its id.
    pub commit: String,
    /// Its commit time (RFC 3339 UTC).
    pub date: String,
    /// How it was chosen: `--months N` or `--at REV`.
    pub chosen_by: String,
}

/// The activity after T.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct WindowSummary {
    /// Non-merge commits reachable from HEAD and not from T.
    pub commits: usize,
    /// Those whose subject matched a fix pattern and no mechanical pattern.
    pub fix_commits: usize,
    /// Those whose subject matched a fix pattern and a mechanical pattern (formatting, lints,
    /// typos, documentation, CI): not counted as fixes.
    pub mechanical_commits: usize,
    /// Changes (commit, file) to files of the ranked universe.
    pub file_changes: usize,
    /// Such changes by fix commits.
    pub fix_file_changes: usize,
    /// Files of the universe changed after T.
    pub files_changed: usize,
    /// Files of the universe a fix changed.
    pub files_fixed: usize,
    /// HEAD's commit time (RFC 3339 UTC): the end of the window.
    pub until: String,
}

impl WindowSummary {
    /// The counts of `commits` (all of them, including those that changed no ranked file).
    pub fn of(commits: &[Commit], until: String) -> WindowSummary {
        let mut changed: HashMap<&str, bool> = HashMap::new();
        for c in commits {
            for f in &c.files {
                *changed.entry(f).or_default() |= c.fix;
            }
        }
        WindowSummary {
            commits: commits.len(),
            fix_commits: commits.iter().filter(|c| c.fix).count(),
            mechanical_commits: commits.iter().filter(|c| c.mechanical).count(),
            file_changes: commits.iter().map(|c| c.files.len()).sum(),
            fix_file_changes: commits
                .iter()
                .filter(|c| c.fix)
                .map(|c| c.files.len())
                .sum(),
            files_changed: changed.len(),
            files_fixed: changed.values().filter(|fixed| **fixed).count(),
            until,
        }
    }
}

/// One window of the back-test: the ranking at its T measured by the commits up to the next
/// window's T (HEAD for the newest).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct WindowReport {
    /// The commit the code was ranked at.
    pub at: At,
    /// The activity after T, up to the end of the window.
    pub window: WindowSummary,
    /// Files scanned at T.
    pub files: usize,
    /// Files the backlog's items name.
    pub backlog_files: usize,
    /// Items in the backlog at T.
    pub backlog_items: usize,
    /// Per ranking, its measures per cut in this window.
    pub rankings: BTreeMap<String, Vec<Measures>>,
    /// Its fix commits with their hits, for the verdict's intervals (not reported).
    #[serde(skip)]
    pub fixes: Vec<FixHits>,
}

/// The measures of several windows pooled: each share is the sum of its numerators over the
/// sum of its denominators (every fix file change counts once, whichever window it fell in),
/// per ranking and cut label (`named` pools each window's own number of named files).
pub fn pool(windows: &[WindowReport]) -> BTreeMap<String, Vec<Measures>> {
    let Some(first) = windows.first() else {
        return BTreeMap::new();
    };
    let fix_total: usize = windows.iter().map(|w| w.window.fix_file_changes).sum();
    let all_total: usize = windows.iter().map(|w| w.window.file_changes).sum();
    first
        .rankings
        .iter()
        .map(|(name, cuts)| {
            let pooled = cuts
                .iter()
                .map(|cut| {
                    let same = windows
                        .iter()
                        .filter_map(|w| w.rankings.get(name)?.iter().find(|m| m.k == cut.k));
                    let (mut files, mut fix, mut all, mut fixed) = (0, 0, 0, 0);
                    for m in same {
                        files += m.files;
                        fix += m.fix_changes;
                        all += m.changes;
                        fixed += m.fixed_files;
                    }
                    Measures {
                        k: cut.k.clone(),
                        files,
                        fix_recall: share(fix, fix_total),
                        change_recall: share(all, all_total),
                        precision: share(fixed, files),
                        fix_changes: fix,
                        changes: all,
                        fixed_files: fixed,
                    }
                })
                .collect();
            (name.clone(), pooled)
        })
        .collect()
}

/// The report of `debtscan backtest`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct BacktestReport {
    /// [`crate::model::SCHEMA_VERSION`].
    pub schema_version: u32,
    /// The tool.
    pub tool: Tool,
    /// The repository: root as given, HEAD, branch; `history` is the history read up to T.
    pub repository: RepositoryInfo,
    /// The commit the code was ranked at.
    pub at: At,
    /// The activity after T.
    pub window: WindowSummary,
    /// What is ranked and counted: `file` or `function`.
    pub level: Level,
    /// The fix patterns in effect.
    pub fix_patterns: Vec<String>,
    /// The mechanical patterns in effect: fix commits whose subject matches one are not fixes.
    pub mechanical_patterns: Vec<String>,
    /// Files scanned at T: the universe every ranking orders.
    pub files: usize,
    /// Files the backlog's items name (the `named` cut).
    pub backlog_files: usize,
    /// Items in the backlog at T.
    pub backlog_items: usize,
    /// Per ranking (`backlog`, `churn`, `size`, `complexity`, `random`), its measures per cut,
    /// pooled over `windows` (with one window, that window's).
    pub rankings: BTreeMap<String, Vec<Measures>>,
    /// The backlog against the best baseline, on the pooled measures.
    pub verdict: Verdict,
    /// Each window, newest first (`--windows`); `at`, `window`, `files`, `backlog_files` and
    /// `backlog_items` above repeat the newest.
    pub windows: Vec<WindowReport>,
    /// Warnings of the scan at T.
    pub warnings: Vec<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(path: &str, lines: u32, cyclomatic: u64, revisions: u64) -> FileAtT {
        FileAtT {
            path: path.into(),
            lines,
            cyclomatic,
            revisions,
        }
    }

    fn commit(fix: bool, files: &[&str]) -> Commit {
        Commit {
            mechanical: false,
            fix,
            files: files.iter().map(|f| f.to_string()).collect(),
        }
    }

    fn names(v: &[String]) -> Vec<&str> {
        v.iter().map(String::as_str).collect()
    }

    #[test]
    fn the_backlog_order_sums_each_files_debt_then_puts_the_rest_by_size() {
        let universe = [
            file("a.rs", 10, 0, 0),
            file("b.rs", 300, 0, 0),
            file("c.rs", 50, 0, 0),
            file("d.rs", 50, 0, 0),
        ];
        // a.rs holds the best item, but c.rs more debt in all (30 + 25 > 40).
        let items = [
            ("c.rs", 30.0),
            ("gone.rs", 90.0),
            ("a.rs", 40.0),
            ("c.rs", 25.0),
        ];
        let (order, named) = backlog_order(items, &universe);
        assert_eq!(names(&order), ["c.rs", "a.rs", "b.rs", "d.rs"]);
        assert_eq!(named, 2);
        // Equal debt: by path.
        let (order, _) = backlog_order([("d.rs", 5.0), ("c.rs", 5.0)], &universe);
        assert_eq!(names(&order), ["c.rs", "d.rs", "b.rs", "a.rs"]);
        let (order, named) = backlog_order([], &universe);
        assert_eq!(names(&order), ["b.rs", "c.rs", "d.rs", "a.rs"]);
        assert_eq!(named, 0);
    }

    #[test]
    fn baselines_order_by_their_measure_with_ties_by_path() {
        let universe = [
            file("z.rs", 1, 7, 3),
            file("a.rs", 2, 7, 9),
            file("m.rs", 3, 1, 3),
        ];
        assert_eq!(
            names(&order_by(&universe, |f| f.cyclomatic)),
            ["a.rs", "z.rs", "m.rs"]
        );
        assert_eq!(
            names(&order_by(&universe, |f| f.revisions)),
            ["a.rs", "m.rs", "z.rs"]
        );
        assert_eq!(
            names(&order_by(&universe, |f| u64::from(f.lines))),
            ["m.rs", "a.rs", "z.rs"]
        );
    }

    #[test]
    fn the_shuffle_is_a_fixed_permutation() {
        let universe: Vec<FileAtT> = (0..50)
            .map(|i| file(&format!("f{i:02}"), 1, 0, 0))
            .collect();
        let a = shuffled(&universe, RANDOM_SEED);
        let b = shuffled(&universe, RANDOM_SEED);
        assert_eq!(a, b);
        let mut sorted = a.clone();
        sorted.sort();
        assert_eq!(
            sorted,
            universe.iter().map(|f| f.path.clone()).collect::<Vec<_>>()
        );
        assert_ne!(a, sorted, "50 files are not left in order");
        assert_ne!(shuffled(&universe, 7), a);
        assert!(shuffled(&[], RANDOM_SEED).is_empty());
        assert_eq!(shuffled(&universe[..1], 0).len(), 1);
    }

    #[test]
    fn measures_count_file_changes_and_fixed_files() {
        let ranking: Vec<String> = ["a", "b", "c", "d"].map(String::from).to_vec();
        let commits = [
            commit(true, &["a", "c"]),
            commit(true, &["a"]),
            commit(false, &["b", "d"]),
            commit(false, &[]),
            commit(true, &["d"]),
        ];
        let m = measure(&ranking, 2, "2", &commits);
        // Fix changes: a, c, a, d → 2 of 4 in {a, b}; all changes: a c a b d d → 3 of 6.
        assert_eq!(m.fix_recall, 0.5);
        assert_eq!(m.change_recall, 0.5);
        // Of a and b, only a got a fix.
        assert_eq!(m.precision, 0.5);
        assert_eq!(
            (m.files, m.fix_changes, m.changes, m.fixed_files),
            (2, 2, 3, 1)
        );
        let all = measure(&ranking, 10, "10", &commits);
        assert_eq!(
            (all.files, all.fix_recall, all.change_recall),
            (4, 1.0, 1.0)
        );
        assert_eq!(all.precision, 0.75);
        let none = measure(&ranking, 0, "0", &commits);
        assert_eq!((none.fix_recall, none.precision), (0.0, 0.0));
        let empty = measure(&ranking, 2, "2", &[]);
        assert_eq!((empty.fix_recall, empty.change_recall), (0.0, 0.0));
    }

    #[test]
    fn the_window_summary_counts_commits_changes_and_files() {
        let commits = [
            commit(true, &["a", "c"]),
            commit(false, &["a", "b"]),
            commit(false, &[]),
        ];
        let w = WindowSummary::of(&commits, "now".into());
        assert_eq!((w.commits, w.fix_commits), (3, 1));
        assert_eq!((w.file_changes, w.fix_file_changes), (4, 2));
        assert_eq!((w.files_changed, w.files_fixed), (3, 2));
    }

    #[test]
    fn the_verdict_compares_with_the_best_baseline_at_each_cut() {
        let ranking = |first: &str| -> Vec<String> {
            let mut v = vec![first.to_string()];
            v.extend(
                ["a", "b", "c"]
                    .iter()
                    .filter(|f| **f != first)
                    .map(|f| f.to_string()),
            );
            v
        };
        let commits = [
            commit(true, &["a"]),
            commit(true, &["a"]),
            commit(true, &["b"]),
        ];
        let rankings = [
            (BACKLOG, ranking("a")),
            (SIZE, ranking("c")),
            (CHURN, ranking("b")),
        ];
        let measured = evaluate(&rankings, &CUTS, 1, &commits);
        assert_eq!(
            measured[BACKLOG]
                .iter()
                .map(|m| m.k.as_str())
                .collect::<Vec<_>>(),
            ["10", "25", "50", "named"]
        );
        let fixes = fix_hits(&rankings, &CUTS, 1, &commits);
        let v = verdict(&measured, &[CHURN, SIZE], &[&fixes]);
        // At 10, 25 and 50 every ranking holds all three files; at 1 the backlog is ahead,
        // but three fixes cannot tell it from chance.
        assert!(v.at_least_as_good);
        assert!(!v.beats_best_baseline);
        let named = v.cuts.last().unwrap();
        assert_eq!(named.best_baseline, CHURN);
        assert_eq!(
            (named.backlog_fix_recall, named.best_fix_recall),
            (0.667, 0.333)
        );
        assert_eq!(named.difference, 0.333);
        assert_eq!(named.backlog, "on par");
        assert!(
            named.interval[0] < 0.0 && named.interval[1] > 0.0,
            "{named:?}"
        );
        assert_eq!(v.cuts[0].backlog, "on par");
        assert_eq!(v.cuts[0].interval, [0.0, 0.0]);
        // Thirty such fixes are enough: two thirds land in the backlog's top file and a third
        // in churn's, a difference chance does not explain.
        let many: Vec<Commit> = commits.iter().cycle().take(90).cloned().collect();
        let fixes = fix_hits(&rankings, &CUTS, 1, &many);
        let v = verdict(
            &evaluate(&rankings, &CUTS, 1, &many),
            &[CHURN, SIZE],
            &[&fixes],
        );
        assert_eq!(v.cuts.last().unwrap().backlog, "better");
        assert!(v.beats_best_baseline && v.at_least_as_good);
        // With the rankings swapped the backlog is worse, and not at least as good.
        let swapped = [
            (BACKLOG, ranking("b")),
            (SIZE, ranking("c")),
            (CHURN, ranking("a")),
        ];
        let fixes = fix_hits(&swapped, &CUTS, 1, &many);
        let v = verdict(
            &evaluate(&swapped, &CUTS, 1, &many),
            &[CHURN, SIZE],
            &[&fixes],
        );
        assert_eq!(v.cuts.last().unwrap().backlog, "worse");
        assert!(!v.at_least_as_good && !v.beats_best_baseline);
        // Without a `named` cut and with nothing to win, the backlog does not beat anything.
        let v = verdict(
            &evaluate(&rankings, &CUTS, 0, &commits),
            &[CHURN, SIZE],
            &[],
        );
        assert!(!v.beats_best_baseline);
        assert!(!verdict(&BTreeMap::new(), &[CHURN], &[]).beats_best_baseline);
    }

    #[test]
    fn pooling_sums_numerators_and_denominators_over_windows() {
        let universe = [file("a.rs", 10, 0, 0), file("b.rs", 20, 0, 0)];
        let window = |commits: &[Commit]| {
            let order = vec!["a.rs".to_string(), "b.rs".to_string()];
            WindowReport {
                at: At {
                    commit: "c".into(),
                    date: "d".into(),
                    chosen_by: "--months 12".into(),
                },
                window: WindowSummary::of(commits, "u".into()),
                files: universe.len(),
                backlog_files: 1,
                backlog_items: 1,
                rankings: evaluate(&[(BACKLOG, order)], &[1], 1, commits),
                fixes: Vec::new(),
            }
        };
        // Window 1: 1 of 1 fix change in the top 1; window 2: 1 of 3.
        let one = window(&[commit(true, &["a.rs"])]);
        let two = window(&[commit(true, &["a.rs", "b.rs"]), commit(true, &["b.rs"])]);
        let pooled = pool(&[one, two]);
        let top1 = &pooled[BACKLOG][0];
        assert_eq!((top1.k.as_str(), top1.fix_changes, top1.files), ("1", 2, 2));
        // 2 of 4, not the mean of 100% and 33%.
        assert_eq!(top1.fix_recall, 0.5);
        assert_eq!(pooled[BACKLOG][1].k, "named");
        assert_eq!(pool(&[]), BTreeMap::new());
    }
}
