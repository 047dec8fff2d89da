//! The interest half of the scoring model: what leaving debt in a place costs, from how much
//! the place is worked on, how much depends on it and whether anyone still knows it.
//!
//! `interest = floor + (1 − floor) × Σ wᵢ·fᵢ / Σ wᵢ`, over the factors this run can measure:
//! - change: percentile of the file's recency-weighted revisions; for an item inside a function
//!   whose history was followed, the function's own recency-weighted changes in the hotspot
//!   window (the commit creating it not counted) placed on the same scale of files, and for one
//!   that could not be followed, the file's at half weight;
//! - churn: percentile of the lines added and deleted in the file in the hotspot window;
//! - centrality: the file's PageRank percentile in the dependency graph (0 when nothing
//!   depends on it, or it is not in the graph);
//! - knowledge: the main author's share of the file's revisions when they have made no
//!   commit for `score.inactive_days`, else 0.
//!
//! Change, churn and knowledge need history; centrality needs a graph with at least one
//! dependency. A factor the run
//! cannot measure is left out of the mean for every item alike, so items stay comparable.
//! With no factor at all, interest is 1 and items rank by severity alone.

use std::collections::HashMap;

use crate::config::ScoreConfig;
use crate::graph::DependencyFacts;
use crate::history::History;
use crate::hotspots::Hotspots;
use crate::model::{GraphNode, Signals};
use crate::parse::FileFacts;
use crate::stats::Distribution;
use crate::util::round3;
use crate::xray::{FileXRay, FunctionChanges, FunctionHistory};

/// Seconds in a day.
use crate::util::DAY;

/// What one factor contributed to an item's interest.
struct Factor {
    name: &'static str,
    value: f64,
    weight: f64,
    why: String,
}

/// An item's interest with its explanation and the signals behind it.
pub(super) struct Interest {
    /// From `score.interest_floor` to 1.
    pub value: f64,
    /// One line per factor, then the sum.
    pub explanation: Vec<String>,
    /// Activity, ownership, centrality and the factors.
    pub signals: Signals,
}

/// The dependency graph's files, for centrality.
struct Centrality<'h> {
    nodes: HashMap<&'h str, &'h GraphNode>,
    pagerank: Distribution,
}

/// Everything interest is measured against: the repository's distributions of change and
/// churn, its authors' last commits, the X-Rayed functions and the graph.
pub(super) struct Model<'h> {
    config: &'h ScoreConfig,
    history: Option<&'h History>,
    change: Distribution,
    churn: Distribution,
    /// Each author's latest commit time.
    last_commit: HashMap<&'h str, i64>,
    /// The function-level history, when the scan followed it.
    function_history: Option<&'h FunctionHistory>,
    /// Each file's functions at HEAD, by symbol path: only these have a history to follow.
    functions: HashMap<&'h str, Vec<&'h str>>,
    window_days: u32,
    /// Each file's commits in the hotspot window (the window every explanation counts in).
    recent: HashMap<&'h str, u32>,
    graph: Option<Centrality<'h>>,
}

impl<'h> Model<'h> {
    /// The model of one scan.
    pub fn new(
        config: &'h ScoreConfig,
        facts: &'h [FileFacts],
        history: Option<&'h History>,
        hotspots: Option<&'h Hotspots>,
        dependencies: Option<&'h DependencyFacts>,
    ) -> Model<'h> {
        let stats = |f: &FileFacts| history.and_then(|h| h.files.get(&f.path));
        let (change, churn) = match history {
            Some(_) => (
                Distribution::new(
                    facts
                        .iter()
                        .map(|f| stats(f).map_or(0.0, |s| s.weighted_revisions)),
                ),
                Distribution::new(
                    facts
                        .iter()
                        .map(|f| stats(f).map_or(0.0, |s| (s.added + s.deleted) as f64)),
                ),
            ),
            None => Default::default(),
        };
        let window_days = hotspots.map_or(0, |h| h.window.days);
        // The hotspot ranking already counted every measured file's commits in the window:
        // reading them from there makes both explanations name the same number.
        let recent: HashMap<&str, u32> = hotspots
            .iter()
            .flat_map(|h| &h.files)
            .map(|f| (f.path.as_str(), f.revisions))
            .collect();
        let mut last_commit: HashMap<&str, i64> = HashMap::new();
        for set in history.iter().flat_map(|h| &h.change_sets) {
            let t = last_commit.entry(&*set.author).or_insert(set.time);
            *t = (*t).max(set.time);
        }
        // A graph without edges says nothing about any file, so it is not a factor.
        let graph = dependencies
            .filter(|d| !d.analysed.edges.is_empty())
            .map(|d| Centrality {
                nodes: d
                    .analysed
                    .nodes
                    .iter()
                    .map(|n| (n.id.as_str(), n))
                    .collect(),
                pagerank: Distribution::new(d.analysed.nodes.iter().map(|n| n.pagerank)),
            });
        Model {
            config,
            history,
            change,
            churn,
            last_commit,
            function_history: hotspots.filter(|h| h.xray).map(|h| &h.function_history),
            functions: facts
                .iter()
                .filter_map(|f| {
                    let m = f.metrics.as_ref()?;
                    Some((
                        f.path.as_str(),
                        m.functions.iter().map(|x| x.symbol.as_str()).collect(),
                    ))
                })
                .collect(),
            window_days,
            recent,
            graph,
        }
    }

    /// The history, if the run has one.
    pub fn history(&self) -> Option<&'h History> {
        self.history
    }

    /// The interest of an item in `path`, inside `symbol` if given.
    pub fn interest(&self, path: &str, symbol: Option<&str>) -> Interest {
        let mut signals = Signals::default();
        let mut factors = Vec::new();
        if let Some(h) = self.history {
            factors.extend(self.activity(h, path, symbol, &mut signals));
        }
        if let Some(g) = &self.graph {
            factors.push(self.centrality(g, path, &mut signals));
        }
        let floor = self.config.interest_floor;
        let weights: f64 = factors.iter().map(|f| f.weight).sum();
        let mut explanation = Vec::new();
        let value = if factors.is_empty() || weights <= 0.0 {
            explanation.push(if factors.is_empty() {
                "no git history and no dependency graph: interest 1, ranked by severity alone"
                    .to_string()
            } else {
                "every factor this run can measure has weight 0 in [score]: interest 1, ranked \
                 by severity alone"
                    .to_string()
            });
            1.0
        } else {
            let mean = factors.iter().map(|f| f.weight * f.value).sum::<f64>() / weights;
            let value = floor + (1.0 - floor) * mean;
            for f in factors.iter().filter(|f| f.weight > 0.0) {
                explanation.push(format!(
                    "{} {:.2} (weight {:.2}): {}",
                    f.name, f.value, f.weight, f.why
                ));
            }
            explanation.push(format!(
                "interest {value:.2} = {floor:.2} + {:.2} × {mean:.2}, the weighted mean of {}",
                1.0 - floor,
                factors
                    .iter()
                    .filter(|f| f.weight > 0.0)
                    .map(|f| f.name)
                    .collect::<Vec<_>>()
                    .join(", ")
            ));
            value
        };
        signals.interest = round3(value);
        Interest {
            value,
            explanation,
            signals,
        }
    }

    /// Change, churn and knowledge of a file from its history.
    fn activity(
        &self,
        h: &History,
        path: &str,
        symbol: Option<&str>,
        signals: &mut Signals,
    ) -> [Factor; 3] {
        let c = self.config;
        let Some(stats) = h.files.get(path) else {
            signals.revisions = Some(0);
            signals.churn = Some(0);
            for f in [
                &mut signals.change,
                &mut signals.churn_factor,
                &mut signals.knowledge,
            ] {
                *f = Some(0.0);
            }
            let none = |name, weight| Factor {
                name,
                value: 0.0,
                weight,
                why: "the file has no committed history yet".into(),
            };
            return [
                none("change", c.change_weight),
                none("churn", c.churn_weight),
                none("knowledge", c.knowledge_weight),
            ];
        };
        let days = |t: i64| ((h.head_time - t).max(0) / DAY) as u32;
        let since_change = days(stats.last_change);
        let file_change = self.change.percentile(stats.weighted_revisions);
        // One window in every explanation: the hotspot window's count first, all history after.
        let recent = self.recent.get(path).copied().unwrap_or(0);
        let counted = if self.window_days > 0 {
            format!(
                "{} in the {} days before HEAD ({} in all its history, the last {} before HEAD)",
                crate::util::count(recent, "commit"),
                self.window_days,
                stats.revisions,
                crate::util::count(since_change, "day"),
            )
        } else {
            format!(
                "{} in all its history (the last {} before HEAD)",
                crate::util::count(stats.revisions, "commit"),
                crate::util::count(since_change, "day"),
            )
        };
        let file_why = format!(
            "the file changed in {counted}, {:.1} weighted by recency (top {:.0}% of files)",
            stats.weighted_revisions,
            self.change.top_percent(stats.weighted_revisions)
        );
        let (change, change_weight, change_why) = match self.function_change(path, symbol, recent) {
            None => (file_change, c.change_weight, file_why),
            Some((symbol, FunctionChange::Followed { changes, commits })) => {
                signals.recent_revisions = Some(changes.revisions);
                (
                    self.change.percentile(changes.weighted),
                    c.change_weight,
                    followed_why(symbol, &changes, commits, self.window_days, &file_why),
                )
            }
            Some((symbol, FunctionChange::Unfollowed(why))) => (
                file_change,
                c.change_weight / 2.0,
                format!(
                    "`{symbol}` cannot be followed through the {} days before HEAD ({why}), \
                         so its file's change counts at half weight: {file_why}",
                    self.window_days
                ),
            ),
        };
        let lines = stats.added + stats.deleted;
        let churn = self.churn.percentile(lines as f64);
        let knowledge = match stats.main_author() {
            Some((author, share)) => {
                let idle = self
                    .last_commit
                    .get(author)
                    .map_or(since_change, |t| days(*t));
                signals.main_author = Some(author.to_string());
                signals.main_author_share = Some(round3(share));
                signals.main_author_idle_days = Some(idle);
                let name = author.split(" <").next().unwrap_or(author);
                let share_pct = (100.0 * share).round();
                if idle >= c.inactive_days {
                    Factor {
                        name: "knowledge",
                        value: share,
                        weight: c.knowledge_weight,
                        why: format!(
                            "{name} made {share_pct:.0}% of its changes and no commit in the last \
                             {} (inactive after {})",
                            crate::util::count(idle, "day"),
                            c.inactive_days
                        ),
                    }
                } else {
                    Factor {
                        name: "knowledge",
                        value: 0.0,
                        weight: c.knowledge_weight,
                        why: format!(
                            "its main author, {name} ({share_pct:.0}% of changes), committed {} \
                             before HEAD",
                            crate::util::count(idle, "day")
                        ),
                    }
                }
            }
            None => Factor {
                name: "knowledge",
                value: 0.0,
                weight: c.knowledge_weight,
                why: "no author is known".into(),
            },
        };
        signals.revisions = Some(stats.revisions);
        signals.churn = Some(lines);
        signals.days_since_change = Some(since_change);
        signals.weighted_revisions = Some(round3(stats.weighted_revisions));
        signals.authors = Some(stats.authors.len() as u32);
        signals.change = Some(round3(change));
        signals.churn_factor = Some(round3(churn));
        signals.knowledge = Some(round3(knowledge.value));
        [
            Factor {
                name: "change",
                value: change,
                weight: change_weight,
                why: change_why,
            },
            Factor {
                name: "churn",
                value: churn,
                weight: c.churn_weight,
                why: format!(
                    "{lines} lines added and deleted in the {} days before HEAD (top {:.0}% of \
                     files)",
                    self.window_days,
                    self.churn.top_percent(lines as f64)
                ),
            },
            knowledge,
        ]
    }

    /// What the history tells of the function `symbol` of `path` (whose file has `recent`
    /// commits in the window), when `symbol` is one of its functions and the scan followed
    /// function-level history. `None`: the file's change stands for it, as for any item.
    fn function_change<'s>(
        &self,
        path: &str,
        symbol: Option<&'s str>,
        recent: u32,
    ) -> Option<(&'s str, FunctionChange)> {
        let history = self.function_history?;
        let symbol = symbol?;
        if !self.functions.get(path)?.contains(&symbol) {
            return None;
        }
        let change = if let Some(x) = history.files.get(path) {
            function_in(x, symbol)
        } else if let Some(why) = history.untracked.get(path) {
            FunctionChange::Unfollowed(why.clone())
        } else if recent == 0 {
            // Nothing changed the file in the window, so nothing changed the function.
            FunctionChange::Followed {
                changes: FunctionChanges::default(),
                commits: 0,
            }
        } else {
            // Not a file the scan follows (no complex function in it): its change stands.
            return None;
        };
        Some((symbol, change))
    }

    /// The centrality of a file: its PageRank percentile, when anything depends on it.
    fn centrality(&self, g: &Centrality, path: &str, signals: &mut Signals) -> Factor {
        let weight = self.config.centrality_weight;
        let (value, why) = match g.nodes.get(path) {
            None => (0.0, "not in the dependency graph".to_string()),
            Some(n) => {
                signals.fan_in = Some(n.fan_in as u32);
                signals.pagerank = Some(n.pagerank);
                if n.fan_in == 0 {
                    (0.0, "no file depends on it".to_string())
                } else {
                    (
                        g.pagerank.percentile(n.pagerank),
                        format!(
                            "{} file{} depend{} on it; PageRank rank {} of {}",
                            n.fan_in,
                            crate::util::s(n.fan_in),
                            if n.fan_in == 1 { "s" } else { "" },
                            n.rank,
                            g.nodes.len()
                        ),
                    )
                }
            }
        };
        signals.centrality = Some(round3(value));
        Factor {
            name: "centrality",
            value,
            weight,
            why,
        }
    }
}

/// What is known of one function's change in the window.
#[derive(Debug, Clone, PartialEq)]
enum FunctionChange {
    /// Its changes, among the file's `commits` in the window.
    Followed {
        changes: FunctionChanges,
        commits: u32,
    },
    /// Why its changes cannot be told.
    Unfollowed(String),
}

/// The named function whose changes the X-Ray counts for `symbol`: itself, or for a closure
/// measured on its own, the function around it (`f::{closure#1}` → `f`).
fn counted_with(symbol: &str) -> &str {
    let mut named = symbol;
    while let Some((outer, last)) = named.rsplit_once("::") {
        if !last.starts_with("{closure#") {
            break;
        }
        named = outer;
    }
    named
}

/// The change of `symbol` in an X-Rayed file. A function that appeared in a commit removing
/// others may be one of them renamed: it is followed from its creation all the same, and its
/// explanation says its changes before are not counted. Taking its file's change instead
/// ranked functions whose history is unknown above functions known to be quiet (delta's two
/// HACKs in functions of a refactored `grep.rs` came 2nd and 3rd), and the back-test agreed.
fn function_in(x: &FileXRay, symbol: &str) -> FunctionChange {
    // Absent from the X-Ray: it existed when the window began and no commit touched it.
    let changes = x
        .functions
        .get(counted_with(symbol))
        .cloned()
        .unwrap_or_default();
    FunctionChange::Followed {
        changes,
        commits: x.revisions,
    }
}

/// The explanation of a followed function's change factor.
fn followed_why(
    symbol: &str,
    changes: &FunctionChanges,
    commits: u32,
    days: u32,
    file_why: &str,
) -> String {
    let weighted = if changes.revisions > 0 {
        format!(", {:.1} weighted by recency", changes.weighted)
    } else {
        String::new()
    };
    let created = match (changes.created, changes.replaced.as_slice()) {
        (false, _) => String::new(),
        (true, []) => {
            "; it was created in that window, and the commit creating it is no change of it"
                .to_string()
        }
        (true, replaced) => {
            let names: Vec<String> = replaced.iter().map(|s| format!("`{s}`")).collect();
            format!(
                "; the commit that created it in that window removed {}, perhaps renaming or \
                 rewriting it, so its changes before are not counted",
                names.join(", ")
            )
        }
    };
    let named = counted_with(symbol);
    let who = match named == symbol {
        true => format!("`{symbol}` itself"),
        // The X-Ray counts a closure's changes with its function's.
        false => format!("`{symbol}` changes with `{named}`, which"),
    };
    format!(
        "{who} changed in {} of the file's {} in the {days} days before HEAD\
         {weighted}{created} (ranked on the files' scale; {file_why})",
        changes.revisions,
        crate::util::count(commits, "commit"),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_function_that_replaced_another_is_followed_from_its_creation_and_an_absent_one_never_changed(
    ) {
        let mut x = FileXRay {
            revisions: 5,
            ..FileXRay::default()
        };
        x.functions.insert(
            "new_name".into(),
            FunctionChanges {
                revisions: 2,
                weighted: 1.5,
                created: true,
                replaced: vec!["old_name".into()],
            },
        );
        let FunctionChange::Followed { changes, commits } = function_in(&x, "new_name") else {
            panic!("not followed");
        };
        assert_eq!((changes.revisions, commits), (2, 5));
        let why = followed_why("new_name", &changes, commits, 365, "the file …");
        assert!(
            why.contains(
                "`new_name` itself changed in 2 of the file's 5 commits in the 365 days before \
                 HEAD, 1.5 weighted by recency; the commit that created it in that window removed \
                 `old_name`, perhaps renaming or rewriting it, so its changes before are not counted"
            ),
            "{why}"
        );
        assert_eq!(
            function_in(&x, "untouched"),
            FunctionChange::Followed {
                changes: FunctionChanges::default(),
                commits: 5
            }
        );
        let why = followed_why("f", &FunctionChanges::default(), 5, 365, "the file …");
        assert_eq!(
            why,
            "`f` itself changed in 0 of the file's 5 commits in the 365 days before HEAD \
             (ranked on the files' scale; the file …)"
        );
    }

    #[test]
    fn a_closure_measured_on_its_own_changes_with_its_function() {
        let mut x = FileXRay {
            revisions: 7,
            ..FileXRay::default()
        };
        let run = FunctionChanges {
            revisions: 3,
            weighted: 2.0,
            ..FunctionChanges::default()
        };
        x.functions.insert("Job::run".into(), run.clone());
        for symbol in [
            "Job::run::{closure#1}",
            "Job::run::{closure#2}::{closure#1}",
        ] {
            let followed = FunctionChange::Followed {
                changes: run.clone(),
                commits: 7,
            };
            assert_eq!(function_in(&x, symbol), followed, "{symbol}");
        }
        let why = followed_why("Job::run::{closure#1}", &run, 7, 365, "the file …");
        assert!(
            why.starts_with("`Job::run::{closure#1}` changes with `Job::run`, which changed in 3"),
            "{why}"
        );
    }
}
