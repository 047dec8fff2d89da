//! Hotspots: code that is both complex and changed all the time (README, "Hotspots").
//!
//! Files are ranked by their recency-weighted change frequency within a window × their
//! complexity, both as percentiles within the repository, so the result is relative to the
//! codebase. Functions of the hottest files are ranked the same way from their X-Ray. Pure
//! functions of facts, history and X-Ray results; no I/O.

use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use crate::config::HotspotConfig;
use crate::history::{Fix, History};
use crate::model::{FileComplexity, FileHotspot, FunctionHotspot, Window};
use crate::parse::FileFacts;
use crate::stats::Distribution;
use crate::util::round3;
use crate::xray::FileXRay;

/// Seconds in a day.
use crate::util::DAY;

/// Hotspot analysis of one scan: the window, the ranked files and (after an X-Ray) functions.
#[derive(Debug, Clone, PartialEq)]
pub struct Hotspots {
    /// The window change is counted in.
    pub window: Window,
    /// Every scanned file with functions or changes, hottest first.
    pub files: Vec<FileHotspot>,
    /// Functions of the X-Rayed files, hottest first.
    pub functions: Vec<FunctionHotspot>,
    /// Whether the X-Ray ran.
    pub xray: bool,
    /// For scoring: the function-level history of every file holding a complex function (the
    /// hottest files' X-Rays among them); empty outside `scan`.
    pub function_history: crate::xray::FunctionHistory,
}

/// One fix commit of a file: its time, the fix, and when they were counted, the lines it
/// changed in the file and in all the files at HEAD it changed.
pub type FileFix = (i64, Arc<Fix>, Option<(u32, u32)>);

/// Change of each file within the window.
pub struct WindowActivity {
    /// Per path (the change sets' shared copy): commits, and commits weighted by recency.
    per_file: HashMap<std::sync::Arc<str>, (u32, f64)>,
    /// Per path: the fixes among those commits that count ([`counted_fixes`]), oldest first,
    /// with their commit times.
    fixes: HashMap<std::sync::Arc<str>, Vec<FileFix>>,
    /// The window.
    pub window: Window,
    /// Its start, seconds since the epoch.
    pub since: i64,
}

/// Counts, per file, the commits of the last `days` days before HEAD (noise filtered, as the
/// history pass filtered them), each also weighted by `0.5^(age / half_life_days)`, and the
/// fixes among them that changed at most `fix_max_files` files and whose subject no fix of the
/// file had before the window.
pub fn window_activity(
    history: &History,
    days: u32,
    half_life_days: f64,
    fix_max_files: usize,
) -> WindowActivity {
    let since = crate::util::window_start(history.head_time, days);
    let mut per_file: HashMap<std::sync::Arc<str>, (u32, f64)> = HashMap::new();
    // Per path, each fix and its commit time ([`crate::history::ChangeSet::fix`]).
    let mut fix_sets: HashMap<std::sync::Arc<str>, Vec<FileFix>> = HashMap::new();
    // Per path, the subjects of its fixes before the window: a backport inside it of a fix
    // made before it is no new fix.
    let mut earlier: HashMap<&str, HashSet<&str>> = HashMap::new();
    let mut commits = 0;
    for set in &history.change_sets {
        if set.time < since {
            if let Some(fix) = &set.fix {
                for file in &set.files {
                    earlier.entry(file).or_default().insert(&fix.subject);
                }
            }
            continue;
        }
        commits += 1;
        let age_days = (history.head_time - set.time).max(0) as f64 / DAY as f64;
        let weight = crate::util::recency_weight(age_days, half_life_days);
        let fix = set.fix.as_ref().filter(|_| set.size <= fix_max_files);
        for (k, file) in set.files.iter().enumerate() {
            let entry = per_file.entry(file.clone()).or_default();
            entry.0 += 1;
            entry.1 += weight;
            if let Some(fix) = fix {
                let lines = set.fix_lines.as_ref().and_then(|l| {
                    let here = (*l.files.get(k)?)?;
                    Some((here, l.total))
                });
                let entry = fix_sets.entry(file.clone()).or_default();
                entry.push((set.time, fix.clone(), lines));
            }
        }
    }
    let fixes = fix_sets
        .into_iter()
        .map(|(path, mut found)| {
            if let Some(before) = earlier.get(&*path) {
                found.retain(|(_, fix, _)| !before.contains(fix.subject.as_str()));
            }
            (path, counted_fixes(found))
        })
        .collect();
    WindowActivity {
        per_file,
        fixes,
        window: Window {
            days,
            since: crate::util::timestamp(since),
            commits,
        },
        since,
    }
}

impl WindowActivity {
    /// Commits and weighted commits of `path` in the window.
    pub fn of(&self, path: &str) -> (u32, f64) {
        self.per_file.get(path).copied().unwrap_or((0, 0.0))
    }

    /// The fixes of `path` in the window that count ([`counted_fixes`]), oldest first, with
    /// their commit times.
    pub fn fixes_of(&self, path: &str) -> &[FileFix] {
        self.fixes.get(path).map_or(&[], Vec::as_slice)
    }
}

/// Fix commits that land within this many seconds of the one before are one fix: a fix split
/// into commits, or a series rebased and merged at once.
const FIX_EPISODE: i64 = 3600;

/// The fixes of `found` (commit time, fix) that count, oldest first: one with the subject of
/// an earlier one (a fix and its backports), or within [`FIX_EPISODE`] of the one before, is
/// part of that fix.
fn counted_fixes(mut found: Vec<FileFix>) -> Vec<FileFix> {
    found.sort_by(|(t, a, _), (u, b, _)| (t, &a.subject, a.id).cmp(&(u, &b.subject, b.id)));
    let mut subjects = HashSet::new();
    let mut before: Option<i64> = None;
    let mut counted = Vec::new();
    for (time, fix, lines) in &found {
        let apart = before.is_none_or(|t| time - t > FIX_EPISODE);
        before = Some(*time);
        if subjects.insert(fix.subject.as_str()) && apart {
            counted.push((*time, fix.clone(), *lines));
        }
    }
    counted
}

/// The mid-rank percentile of `x` (see [`Distribution::percentile`]), but 0 for a value of 0:
/// a file that never changed, or has no functions, is never hot however many others share that.
fn percentile(d: &Distribution, x: f64) -> f64 {
    if x <= 0.0 {
        return 0.0;
    }
    d.percentile(x)
}

/// Ranks the scanned files (those with complexity metrics) by change × complexity.
/// A file's complexity counts the functions `own` keeps for it (by file, then function, in
/// the order of `facts`): a production file's `#[cfg(test)]` module is no part of the code
/// that makes it hot.
pub fn rank_files(
    facts: &[FileFacts],
    activity: &WindowActivity,
    own: &[crate::parse::OwnCode],
) -> Vec<FileHotspot> {
    let files: Vec<(FileComplexity, (u32, f64))> = facts
        .iter()
        .enumerate()
        .filter_map(|(k, f)| {
            let m = f.metrics.as_ref()?;
            Some((m.totals_of(&f.path, own.get(k)), activity.of(&f.path)))
        })
        .collect();
    let change = Distribution::new(files.iter().map(|(_, (_, w))| *w));
    let complexity = Distribution::new(files.iter().map(|(c, _)| f64::from(c.cyclomatic)));
    let days = activity.window.days;
    let mut out: Vec<FileHotspot> = files
        .into_iter()
        .filter(|(c, (revisions, _))| *revisions > 0 || c.cyclomatic > 0)
        .map(|(c, (revisions, weighted))| {
            let p_change = percentile(&change, weighted);
            let p_complexity = percentile(&complexity, f64::from(c.cyclomatic));
            let mut explanation = vec![format!(
                "changed in {} in the {days} days before HEAD (top {:.0}% of files)",
                crate::util::count(revisions, "commit"),
                change.top_percent(weighted)
            )];
            explanation.push(format!(
                "{} lines of code, cyclomatic {} (top {:.0}%)",
                c.code_lines,
                c.cyclomatic,
                complexity.top_percent(f64::from(c.cyclomatic))
            ));
            if let Some(symbol) = &c.max_cyclomatic_symbol {
                explanation.push(format!(
                    "most complex function `{symbol}`: cyclomatic {}",
                    c.max_cyclomatic
                ));
            }
            FileHotspot {
                rank: 0,
                score: round3(p_change * p_complexity),
                fixes: activity.fixes_of(&c.path).len() as u32,
                fix_commits: activity
                    .fixes_of(&c.path)
                    .iter()
                    .map(|(time, fix, lines)| {
                        let id = fix.id.to_string();
                        let date = crate::util::timestamp(*time);
                        let day = date.get(..10).unwrap_or(&date);
                        // How much of the fix landed here: a fix made elsewhere that only
                        // adjusts a call or an import here shows as a small share.
                        let share = match lines {
                            Some((here, total)) if *total > *here => {
                                format!(" [{here} of its {total} changed lines here]")
                            }
                            _ => String::new(),
                        };
                        format!("{} ({day}) {}{share}", &id[..id.len().min(10)], fix.subject)
                    })
                    .collect(),
                revisions,
                weighted_revisions: round3(weighted),
                change_percentile: round3(p_change),
                complexity_percentile: round3(p_complexity),
                code_lines: c.code_lines,
                cyclomatic: c.cyclomatic,
                max_cyclomatic: c.max_cyclomatic,
                max_cyclomatic_symbol: c.max_cyclomatic_symbol,
                path: c.path,
                explanation,
            }
        })
        .collect();
    out.sort_by(|a, b| {
        b.score
            .total_cmp(&a.score)
            .then_with(|| b.weighted_revisions.total_cmp(&a.weighted_revisions))
            .then_with(|| a.path.cmp(&b.path))
    });
    for (i, f) in out.iter_mut().enumerate() {
        f.rank = i + 1;
    }
    out
}

/// The files to X-Ray: the `config.xray_files` hottest that changed in the window.
pub fn xray_candidates(files: &[FileHotspot], config: &HotspotConfig) -> Vec<String> {
    files
        .iter()
        .filter(|f| f.revisions > 0 && f.score > 0.0)
        .take(config.xray_files)
        .map(|f| f.path.clone())
        .collect()
}

/// Ranks the functions of the X-Rayed files by their own change × their complexity. Change is
/// a percentile among the X-Rayed functions, complexity among all functions of the scan.
pub fn rank_functions(
    facts: &[FileFacts],
    xrays: &HashMap<String, FileXRay>,
    days: u32,
) -> Vec<FunctionHotspot> {
    let all_cyclomatic = Distribution::new(
        facts
            .iter()
            .filter_map(|f| f.metrics.as_ref())
            .flat_map(|m| m.functions.iter().map(|f| f64::from(f.cyclomatic))),
    );
    let mut candidates = Vec::new();
    for f in facts {
        let (Some(xray), Some(metrics)) = (xrays.get(&f.path), &f.metrics) else {
            continue;
        };
        for m in &metrics.functions {
            let changes = xray.functions.get(&m.symbol).cloned().unwrap_or_default();
            candidates.push((f.path.as_str(), m, changes, xray.revisions));
        }
    }
    let change = Distribution::new(candidates.iter().map(|(_, _, c, _)| c.weighted));
    let mut out: Vec<FunctionHotspot> = candidates
        .into_iter()
        .map(|(path, m, changes, file_revisions)| {
            let p_change = percentile(&change, changes.weighted);
            let cyclomatic = f64::from(m.cyclomatic);
            let p_complexity = percentile(&all_cyclomatic, cyclomatic);
            FunctionHotspot {
                path: path.to_string(),
                symbol: m.symbol.clone(),
                start_line: m.start_line,
                end_line: m.end_line,
                rank: 0,
                score: round3(p_change * p_complexity),
                revisions: changes.revisions,
                weighted_revisions: round3(changes.weighted),
                change_percentile: round3(p_change),
                complexity_percentile: round3(p_complexity),
                cyclomatic: m.cyclomatic,
                cognitive: m.cognitive,
                lines: m.lines,
                explanation: vec![
                    format!(
                        "changed in {} of the file's {} in the {days} days before HEAD \
                         (top {:.0}% of functions in hot files)",
                        crate::util::count(changes.revisions, "commit"),
                        crate::util::count(file_revisions, "commit"),
                        change.top_percent(changes.weighted)
                    ),
                    format!(
                        "cyclomatic {}, cognitive {}, {} lines (top {:.0}% of functions)",
                        m.cyclomatic,
                        m.cognitive,
                        m.lines,
                        all_cyclomatic.top_percent(cyclomatic)
                    ),
                ],
            }
        })
        .collect();
    out.sort_by(|a, b| {
        b.score
            .total_cmp(&a.score)
            .then_with(|| b.weighted_revisions.total_cmp(&a.weighted_revisions))
            .then_with(|| a.path.cmp(&b.path))
            .then_with(|| a.start_line.cmp(&b.start_line))
    });
    for (i, f) in out.iter_mut().enumerate() {
        f.rank = i + 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fixes_count_once_per_subject_and_per_episode() {
        let h = 3600;
        let fix = |time: i64, n: u8| {
            let id = git2::Oid::hash_object(git2::ObjectType::Blob, &time.to_le_bytes()).unwrap();
            let subject = format!("fix {n}");
            (time, Arc::new(Fix { id, subject }), None)
        };
        // Alone; a backport a month later (same subject); a split fix 7 s apart; a series
        // landed at once; a fix two hours after the one before.
        let found = vec![
            fix(30 * 24 * h, 1),
            fix(0, 1),
            fix(100 * h, 2),
            fix(100 * h + 7, 3),
            fix(200 * h, 4),
            fix(200 * h, 5),
            fix(200 * h, 6),
            fix(202 * h, 7),
        ];
        let counted: Vec<(i64, String)> = counted_fixes(found)
            .iter()
            .map(|(t, f, _)| (*t, f.subject.clone()))
            .collect();
        let expected = [(0, 1), (100 * h, 2), (200 * h, 4), (202 * h, 7)];
        let expected: Vec<(i64, String)> = expected
            .iter()
            .map(|&(t, n)| (t, format!("fix {n}")))
            .collect();
        assert_eq!(counted, expected);
        assert!(counted_fixes(Vec::new()).is_empty());
    }

    #[test]
    fn zero_is_never_hot() {
        let v = Distribution::new([0.0, 0.0, 0.0, 2.0, 5.0]);
        assert_eq!(percentile(&v, 0.0), 0.0);
        assert_eq!(percentile(&v, 5.0), 0.9);
        assert_eq!(percentile(&v, 2.0), 0.7);
        assert_eq!(v.top_percent(5.0), 20.0);
    }
}
