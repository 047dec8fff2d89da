//! Change coupling: files that change together, by code-maat's published definition.
//!
//! Change sets with more than `max_changeset` files are dropped (a mass rename couples
//! everything with everything); `revs(f)` counts the remaining change sets that contain `f`;
//! for each pair, `shared` counts the change sets containing both, and
//! `degree = floor(100 × shared / ((revs(a) + revs(b)) / 2))`. A pair is kept when the average
//! of its revisions is at least `min_revs`, `shared` at least `min_shared` and the degree at
//! least `min_degree`. Optionally, one author's commits within `window_days` of the first of
//! them form one logical change set.

use std::collections::{BTreeMap, HashMap};

use super::ChangeSet;
use crate::config::CouplingConfig;
pub use crate::model::{Coupling, Pair, Thresholds};

impl From<&CouplingConfig> for Thresholds {
    /// The thresholds of `[coupling]`.
    fn from(c: &CouplingConfig) -> Thresholds {
        Thresholds {
            max_changeset: c.max_changeset,
            min_revs: c.min_revs,
            min_shared: c.min_shared,
            min_degree: c.min_degree,
            window_days: c.window_days,
        }
    }
}

/// Computes change coupling over `sets` (newest first or in any order).
pub fn analyse(sets: &[ChangeSet], thresholds: Thresholds) -> Coupling {
    let grouped = group(sets, thresholds.window_days);
    let mut ids: HashMap<&str, u32> = HashMap::new();
    let mut names: Vec<&str> = Vec::new();
    let mut revs: Vec<u32> = Vec::new();
    let mut shared: HashMap<(u32, u32), u32> = HashMap::new();
    let mut soc: Vec<u64> = Vec::new();
    let mut dropped = 0;
    for set in grouped.iter() {
        if set.size > thresholds.max_changeset {
            dropped += 1;
            continue;
        }
        let members: Vec<u32> = set
            .files
            .iter()
            .map(|f| {
                *ids.entry(&**f).or_insert_with(|| {
                    names.push(&**f);
                    revs.push(0);
                    soc.push(0);
                    (names.len() - 1) as u32
                })
            })
            .collect();
        for (i, &a) in members.iter().enumerate() {
            revs[a as usize] += 1;
            soc[a as usize] += (members.len() - 1) as u64;
            for &b in &members[i + 1..] {
                let key = if names[a as usize] < names[b as usize] {
                    (a, b)
                } else {
                    (b, a)
                };
                *shared.entry(key).or_insert(0) += 1;
            }
        }
    }
    let mut pairs: Vec<Pair> = shared
        .into_iter()
        .filter_map(|((a, b), n)| {
            let (ra, rb) = (revs[a as usize], revs[b as usize]);
            let degree = (200 * u64::from(n) / u64::from(ra + rb)) as u32;
            let keep = ra + rb >= 2 * thresholds.min_revs
                && n >= thresholds.min_shared
                && degree >= thresholds.min_degree;
            keep.then(|| Pair {
                path_a: names[a as usize].to_string(),
                path_b: names[b as usize].to_string(),
                degree,
                shared: n,
                revisions_a: ra,
                revisions_b: rb,
            })
        })
        .collect();
    pairs.sort_by(|x, y| {
        y.degree
            .cmp(&x.degree)
            .then(y.shared.cmp(&x.shared))
            .then_with(|| x.path_a.cmp(&y.path_a))
            .then_with(|| x.path_b.cmp(&y.path_b))
    });
    let mut sum_of_coupling: Vec<(String, u64)> = names
        .iter()
        .zip(&soc)
        .filter(|(_, &n)| n > 0)
        .map(|(name, &n)| (name.to_string(), n))
        .collect();
    sum_of_coupling.sort_by(|x, y| y.1.cmp(&x.1).then_with(|| x.0.cmp(&y.0)));
    Coupling {
        thresholds,
        change_sets: grouped.len(),
        dropped_large: dropped,
        pairs,
        sum_of_coupling,
    }
}

/// Merges one author's commits within `window_days` of the first into one change set; the
/// sets as they are without a window (copying every set of a long history was a tenth of the
/// graph phase of a warm scan).
fn group(sets: &[ChangeSet], window_days: u32) -> std::borrow::Cow<'_, [ChangeSet]> {
    if window_days == 0 {
        return std::borrow::Cow::Borrowed(sets);
    }
    let window = i64::from(window_days) * crate::util::DAY;
    let mut by_author: BTreeMap<&str, Vec<&ChangeSet>> = BTreeMap::new();
    for set in sets {
        by_author.entry(&*set.author).or_default().push(set);
    }
    let mut out = Vec::new();
    for (_, mut commits) in by_author {
        commits.sort_by_key(|c| c.time);
        let mut current: Option<ChangeSet> = None;
        for c in commits {
            match &mut current {
                Some(g) if c.time - g.time <= window => {
                    // Paths gone at HEAD are not listed; count them as distinct to stay safe.
                    // A group is no one commit: its files' fix lines do not line up.
                    g.fix_lines = None;
                    g.size += c.size - c.files.len();
                    g.files.extend(c.files.iter().cloned());
                    g.files.sort();
                    g.files.dedup();
                    g.size = g.size.max(g.files.len());
                }
                _ => {
                    if let Some(g) = current.take() {
                        out.push(g);
                    }
                    current = Some(c.clone());
                }
            }
        }
        out.extend(current);
    }
    std::borrow::Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn set(time: i64, author: &str, files: &[&str]) -> ChangeSet {
        ChangeSet {
            time,
            author: author.into(),
            size: files.len(),
            files: files.iter().map(|&f| f.into()).collect(),
            fix: None,
            fix_lines: None,
        }
    }

    const LOOSE: Thresholds = Thresholds {
        max_changeset: 30,
        min_revs: 1,
        min_shared: 1,
        min_degree: 0,
        window_days: 0,
    };

    #[test]
    fn degree_follows_the_formula() {
        // a: 4 revs, b: 3 revs, shared 3 → floor(100 × 3 / 3.5) = 85.
        let sets = [
            set(1, "x", &["a", "b"]),
            set(2, "x", &["a", "b"]),
            set(3, "x", &["a", "b", "c"]),
            set(4, "x", &["a"]),
        ];
        let c = analyse(&sets, LOOSE);
        let ab = c
            .pairs
            .iter()
            .find(|p| p.path_a == "a" && p.path_b == "b")
            .unwrap();
        assert_eq!(
            (ab.degree, ab.shared, ab.revisions_a, ab.revisions_b),
            (85, 3, 4, 3)
        );
        assert_eq!(c.sum_of_coupling[0], ("a".to_string(), 4));
    }

    #[test]
    fn thresholds_and_large_change_sets() {
        let mut sets = vec![set(1, "x", &["a", "b"]); 5];
        sets.push(set(2, "x", &(0..31).map(|_| "z").collect::<Vec<_>>()));
        sets.last_mut().unwrap().size = 31;
        let c = analyse(
            &sets,
            Thresholds {
                min_revs: 5,
                min_shared: 5,
                min_degree: 30,
                ..LOOSE
            },
        );
        assert_eq!(c.dropped_large, 1);
        assert_eq!(c.pairs.len(), 1);
        let c = analyse(
            &sets,
            Thresholds {
                min_shared: 6,
                ..LOOSE
            },
        );
        assert!(c.pairs.is_empty());
    }

    #[test]
    fn logical_change_sets_group_one_authors_commits_in_a_window() {
        let day = 86_400;
        let sets = [
            set(0, "ana", &["a"]),
            set(day, "ana", &["b"]),
            set(10 * day, "ana", &["a"]),
            set(day, "bo", &["b"]),
        ];
        let c = analyse(
            &sets,
            Thresholds {
                window_days: 2,
                ..LOOSE
            },
        );
        assert_eq!(c.change_sets, 3);
        assert_eq!(c.pairs.len(), 1);
        assert_eq!(c.pairs[0].shared, 1);
    }
}
