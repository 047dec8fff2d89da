//! Debt items from facts: identity (fingerprints), the scoring model and its explanation, and
//! the ranking. This is the only place that combines signals; it does no I/O.
//!
//! The model (README, "The scoring model"): `score = 100 × severity × interest`. Severity comes
//! from the kind and the item's intrinsic size (the tag, how far a function is above its
//! thresholds, a cycle's size); interest from the place (see [`interest`]). Every factor and
//! weight is named in the item's `explanation` and `signals`.

mod cluster;
mod coupling;
mod coverage;
mod dead;
mod graph;
mod interest;
mod items;
mod merge;
mod roles;
pub mod title;

pub(crate) use items::is_complex;

use xxhash_rust::xxh3::xxh3_64;

use crate::config::Config;
use crate::coverage::Coverage;
use crate::graph::DependencyFacts;
use crate::history::History;
use crate::hotspots::Hotspots;
use crate::model::{DebtItem, ItemCoverage, Kind, Location, MarkerInfo, Signals};
use crate::parse::FileFacts;
use crate::util::round3;

use interest::{Interest, Model};

/// Prefix of every fingerprint of this scheme; bump when the hashed key changes.
pub const FINGERPRINT_VERSION: &str = "v1";

/// A stable fingerprint: `v1:` + 16 hex digits of XXH3-64 (a hash with a published, fixed
/// definition, unlike Rust's `DefaultHasher`) over the kind, path, enclosing symbol, normalised
/// content and the occurrence index among identical keys in the same file. No line numbers.
///
/// ```
/// use debtscan::{model::Kind, score::fingerprint};
/// let id = fingerprint(Kind::Todo, "src/net.rs", Some("Client::retry"), "FIXME spins", 0);
/// assert!(id.starts_with("v1:") && id.len() == 19);
/// // The same marker in another function is another item.
/// assert_ne!(id, fingerprint(Kind::Todo, "src/net.rs", Some("Client::send"), "FIXME spins", 0));
/// ```
pub fn fingerprint(
    kind: Kind,
    path: &str,
    symbol: Option<&str>,
    content: &str,
    occurrence: usize,
) -> String {
    let key = format!(
        "{}\u{1f}{}\u{1f}{}\u{1f}{}\u{1f}{}",
        kind.as_str(),
        path,
        symbol.unwrap_or(""),
        content,
        occurrence
    );
    format!("{FINGERPRINT_VERSION}:{:016x}", xxh3_64(key.as_bytes()))
}

/// The path-free fingerprint that follows an item across a rename: the fingerprint with the
/// path left out when the item is identified by its symbol or text (markers, functions), and
/// reduced to the file name otherwise (a file-level item moved to another directory).
pub fn weak_fingerprint(
    kind: Kind,
    path: &str,
    symbol: Option<&str>,
    content: &str,
    occurrence: usize,
) -> String {
    let by_name = symbol.is_none() && !matches!(kind, Kind::Todo | Kind::TodoMacro);
    let path = if by_name {
        path.rsplit('/').next().unwrap_or(path)
    } else {
        ""
    };
    fingerprint(
        kind,
        path,
        symbol,
        &format!("weak\u{1f}{content}"),
        occurrence,
    )
}

/// An item before it is finished: what each kind's builder knows.
struct Draft {
    kind: Kind,
    location: Location,
    related: Vec<Location>,
    /// What identifies it besides kind, path and symbol.
    content: String,
    /// Index among items with the same kind, path, symbol and content.
    occurrence: usize,
    summary: String,
    /// 0–1.
    severity: f64,
    /// Why the severity is what it is.
    severity_why: Vec<String>,
    interest: Interest,
    /// Facts worth knowing that did not move the score (age, author, cycle example).
    context: Vec<String>,
    /// The kind's own signals (complexity, cycle size, …); the rest comes from `interest`.
    signals: Signals,
    marker: Option<MarkerInfo>,
    /// The test coverage of the item's code, when a report instruments it.
    coverage: Option<ItemCoverage>,
}

impl Draft {
    fn finish(self) -> DebtItem {
        let symbol = self.location.symbol.as_deref();
        let path = self.location.path.as_str();
        let id = fingerprint(self.kind, path, symbol, &self.content, self.occurrence);
        let weak_id = weak_fingerprint(self.kind, path, symbol, &self.content, self.occurrence);
        let score = (1000.0 * self.severity * self.interest.value).round() / 10.0;
        let mut explanation = self.severity_why;
        explanation.extend(self.interest.explanation);
        explanation.extend(self.context);
        explanation.push(format!(
            "score {score:.1} = 100 × severity {:.2} × interest {:.2}",
            self.severity, self.interest.value
        ));
        DebtItem {
            id,
            kind: self.kind,
            rank: 0,
            score,
            title: title::title(
                self.kind,
                &self.location,
                self.marker.as_ref(),
                &self.summary,
            ),
            summary: self.summary,
            severity: None,
            permalink: None,
            body: None,
            suggested_assignees: Vec::new(),
            baseline_score: None,
            baseline_id: None,
            uses: Vec::new(),
            coupled: Vec::new(),
            location: self.location,
            related: self.related,
            signals: merge_signals(self.signals, self.interest.signals, self.severity),
            explanation,
            marker: self.marker,
            coverage: self.coverage,
            weak_id,
            role: crate::model::Role::Production,
            baseline_state: None,
        }
    }
}

/// The kind's own signals, completed by those of interest.
fn merge_signals(own: Signals, interest: Signals, severity: f64) -> Signals {
    Signals {
        severity: round3(severity),
        revisions: own.revisions.or(interest.revisions),
        churn: own.churn.or(interest.churn),
        days_since_change: own.days_since_change.or(interest.days_since_change),
        age_days: own.age_days.or(interest.age_days),
        complexity: own.complexity.or(interest.complexity),
        cognitive: own.cognitive.or(interest.cognitive),
        recent_revisions: own.recent_revisions.or(interest.recent_revisions),
        hotspot: own.hotspot.or(interest.hotspot),
        fixes: own.fixes.or(interest.fixes),
        fan_in: own.fan_in.or(interest.fan_in),
        fan_out: own.fan_out.or(interest.fan_out),
        pagerank: own.pagerank.or(interest.pagerank),
        cycle_size: own.cycle_size.or(interest.cycle_size),
        coupling_degree: own.coupling_degree.or(interest.coupling_degree),
        weighted_revisions: own.weighted_revisions.or(interest.weighted_revisions),
        authors: own.authors.or(interest.authors),
        main_author: own.main_author.or(interest.main_author),
        main_author_share: own.main_author_share.or(interest.main_author_share),
        main_author_idle_days: own.main_author_idle_days.or(interest.main_author_idle_days),
        change: own.change.or(interest.change),
        churn_factor: own.churn_factor.or(interest.churn_factor),
        centrality: own.centrality.or(interest.centrality),
        knowledge: own.knowledge.or(interest.knowledge),
        interest: interest.interest,
    }
}

/// Builds and ranks the items of all files: markers (duplicates clustered), complex functions
/// and, given their analyses, hotspots and the dependency graph's items. Given test coverage,
/// untested complex and hot code ranks higher.
pub fn rank(
    facts: &[FileFacts],
    history: Option<&History>,
    hotspots: Option<&Hotspots>,
    dependencies: Option<&DependencyFacts>,
    coverage: Option<&Coverage>,
    config: &Config,
) -> Vec<DebtItem> {
    let model = Model::new(&config.score, facts, history, hotspots, dependencies);
    let tested = coverage::Tested::new(coverage, facts, config.score.coverage_weight);
    let role_rules = roles::RoleRules::new(&config.roles, facts);
    let house = items::HouseTags::of(facts);
    let mut markers = Vec::new();
    let mut items = Vec::new();
    for file in facts {
        items::complex_functions(file, &model, &tested, config, &mut items);
        items::large_file(file, &role_rules, &model, config, &mut items);
        items::markers(file, (&model, &house), config, &mut markers);
    }
    items.extend(cluster::clusters(
        markers,
        config.markers.cluster_min_length,
    ));
    if let Some(h) = hotspots {
        items::hotspots(h, (facts, &role_rules), &model, &tested, config, &mut items);
        items::fix_prone(h, &role_rules, &model, config, &mut items);
    }
    if let Some(d) = dependencies {
        graph::items(d, &model, &role_rules, config, &mut items);
    }
    merge::fold(&mut items, hotspots.map_or(&[], |h| h.functions.as_slice()));
    merge::fold_closures(&mut items);
    roles::apply(&mut items, &role_rules, &config.score.role_weights);
    items.retain(|i| config.roles.report.contains(&i.role));
    // On the final scores, and naming only items that are reported.
    merge::link(&mut items);
    items.sort_by(|a, b| {
        b.score
            .total_cmp(&a.score)
            .then_with(|| a.location.path.cmp(&b.location.path))
            .then_with(|| a.location.start_line.cmp(&b.location.start_line))
            .then_with(|| a.id.cmp(&b.id))
    });
    for (i, item) in items.iter_mut().enumerate() {
        item.rank = i + 1;
    }
    items
}

/// Each file's role by its path (`[roles] paths`, then the language table's conventions), in
/// the order of `facts`: what `backtest` measures a ranking on.
pub fn file_roles(
    config: &crate::config::RoleConfig,
    facts: &[FileFacts],
) -> Vec<crate::model::Role> {
    let rules = roles::RoleRules::new(config, facts);
    facts.iter().map(|f| rules.of_path(&f.path)).collect()
}

/// For each file of `facts`, in order, its role by path and the role of each of its functions
/// (in the order of its metrics; a `#[cfg(test)]` module's or a `#[test]` function's is
/// `test`), from one set of role rules.
pub fn code_roles(
    config: &crate::config::RoleConfig,
    facts: &[FileFacts],
) -> Vec<(crate::model::Role, Vec<crate::model::Role>)> {
    let rules = roles::RoleRules::new(config, facts);
    (facts.iter())
        .map(|f| (rules.of_path(&f.path), rules.function_roles(f)))
        .collect()
}

/// For each file of `facts`, in order, its code of the file's own role (not a `#[cfg(test)]`
/// module's or a test function's in a production file): what a file hotspot measures.
pub fn own_role_code(
    config: &crate::config::RoleConfig,
    facts: &[FileFacts],
) -> Vec<crate::parse::OwnCode> {
    let rules = roles::RoleRules::new(config, facts);
    facts.iter().map(|f| rules.own_code(f)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::history::FileHistory;
    use crate::model::FoundMarker;

    pub(super) fn marker(tag: &str, text: &str, line: u32, symbol: Option<&str>) -> FoundMarker {
        FoundMarker {
            kind: Kind::Todo,
            marker: MarkerInfo {
                tag: tag.into(),
                text: text.into(),
                ..MarkerInfo::default()
            },
            start_line: line,
            end_line: line,
            symbol: symbol.map(str::to_string),
        }
    }

    fn file(path: &str, markers: Vec<FoundMarker>) -> FileFacts {
        FileFacts {
            path: path.into(),
            language: crate::lang::LangId::Rust,
            lines: 100,
            markers,
            syntax_errors: false,
            metrics: None,
            imports: None,
            symbols: None,
            role_spans: Vec::new(),
        }
    }

    #[test]
    fn fingerprint_is_stable_and_line_free() {
        let a = fingerprint(Kind::Todo, "src/a.rs", Some("f"), "TODO x", 0);
        assert_eq!(
            a,
            fingerprint(Kind::Todo, "src/a.rs", Some("f"), "TODO x", 0)
        );
        assert!(a.starts_with("v1:") && a.len() == 19);
        // A fixed value guards against accidental changes of the scheme.
        assert_eq!(
            a,
            "v1:".to_string()
                + &format!(
                    "{:016x}",
                    xxh3_64("todo\u{1f}src/a.rs\u{1f}f\u{1f}TODO x\u{1f}0".as_bytes())
                )
        );
        assert_ne!(
            a,
            fingerprint(Kind::Todo, "src/a.rs", Some("g"), "TODO x", 0)
        );
        assert_ne!(
            a,
            fingerprint(Kind::Todo, "src/a.rs", Some("f"), "TODO y", 0)
        );
        assert_ne!(
            a,
            fingerprint(Kind::Todo, "src/a.rs", Some("f"), "TODO x", 1)
        );
    }

    #[test]
    fn moving_within_a_function_keeps_the_id_and_duplicates_get_distinct_ids() {
        let cfg = Config::default();
        let one = rank(
            &[file("a.rs", vec![marker("TODO", "x", 3, Some("f"))])],
            None,
            None,
            None,
            None,
            &cfg,
        );
        let moved = rank(
            &[file("a.rs", vec![marker("TODO", "x", 30, Some("f"))])],
            None,
            None,
            None,
            None,
            &cfg,
        );
        assert_eq!(one[0].id, moved[0].id);
        let dup = rank(
            &[file(
                "a.rs",
                vec![
                    marker("TODO", "x", 3, Some("f")),
                    marker("TODO", "x", 5, Some("f")),
                ],
            )],
            None,
            None,
            None,
            None,
            &cfg,
        );
        assert_eq!(dup.len(), 2);
        assert_ne!(dup[0].id, dup[1].id);
        assert!(dup.iter().any(|i| i.id == one[0].id));
    }

    #[test]
    fn severity_orders_items_without_history() {
        let cfg = Config::default();
        let items = rank(
            &[file(
                "a.rs",
                vec![marker("TODO", "t", 1, None), marker("FIXME", "f", 2, None)],
            )],
            None,
            None,
            None,
            None,
            &cfg,
        );
        assert_eq!(items[0].marker.as_ref().unwrap().tag, "FIXME");
        assert_eq!(items[0].score, 90.0);
        assert_eq!(items[1].score, 50.0);
        assert_eq!((items[0].rank, items[1].rank), (1, 2));
    }

    #[test]
    fn active_files_rank_higher() {
        let cfg = Config::default();
        let mut history = History {
            head_time: 1_000 * 86_400,
            ..History::default()
        };
        history.files.insert(
            "hot.rs".into(),
            FileHistory {
                revisions: 40,
                weighted_revisions: 40.0,
                first_change: 0,
                last_change: 1_000 * 86_400,
                ..FileHistory::default()
            },
        );
        history.files.insert(
            "cold.rs".into(),
            FileHistory {
                revisions: 1,
                weighted_revisions: 0.1,
                first_change: 0,
                last_change: 0,
                ..FileHistory::default()
            },
        );
        let items = rank(
            &[
                file("cold.rs", vec![marker("TODO", "x", 1, None)]),
                file("hot.rs", vec![marker("TODO", "x", 1, None)]),
            ],
            Some(&history),
            None,
            None,
            None,
            &cfg,
        );
        assert_eq!(items[0].location.path, "hot.rs");
        assert!(items[0].score > items[1].score);
        assert!(items[0]
            .explanation
            .iter()
            .any(|e| e.contains("40 commits")));
    }

    #[test]
    fn churn_raises_interest_between_equally_active_files() {
        let cfg = Config::default();
        let mut history = History::default();
        for (path, added) in [("big.rs", 500), ("small.rs", 5)] {
            history.files.insert(
                path.into(),
                FileHistory {
                    revisions: 3,
                    added,
                    ..FileHistory::default()
                },
            );
        }
        let items = rank(
            &[
                file("small.rs", vec![marker("TODO", "x", 1, None)]),
                file("big.rs", vec![marker("TODO", "x", 1, None)]),
            ],
            Some(&history),
            None,
            None,
            None,
            &cfg,
        );
        assert_eq!(items[0].location.path, "big.rs");
        assert_eq!(items[0].signals.churn, Some(500));
        assert!(items[0]
            .explanation
            .iter()
            .any(|e| e.contains("500 lines added and deleted")));
        assert!(items[0].score > items[1].score);
    }

    #[test]
    fn knowledge_counts_only_when_the_main_author_is_inactive() {
        let cfg = Config::default();
        let day = 86_400;
        let mut history = History {
            head_time: 1_000 * day,
            ..History::default()
        };
        for (path, author) in [("gone.rs", "Old <old@x>"), ("kept.rs", "New <new@x>")] {
            history.files.insert(
                path.into(),
                FileHistory {
                    revisions: 2,
                    weighted_revisions: 1.0,
                    last_change: 500 * day,
                    authors: [(author.to_string(), 2)].into_iter().collect(),
                    ..FileHistory::default()
                },
            );
        }
        // The new author committed yesterday elsewhere; the old one 500 days ago.
        for (author, t) in [("Old <old@x>", 500), ("New <new@x>", 999)] {
            history.change_sets.push(crate::history::ChangeSet {
                time: t * day,
                author: author.into(),
                size: 1,
                files: Vec::new(),
                fix: None,
                fix_lines: None,
            });
        }
        let items = rank(
            &[
                file("kept.rs", vec![marker("TODO", "x", 1, None)]),
                file("gone.rs", vec![marker("TODO", "x", 1, None)]),
            ],
            Some(&history),
            None,
            None,
            None,
            &cfg,
        );
        let (gone, kept) = (&items[0], &items[1]);
        assert_eq!(gone.location.path, "gone.rs");
        assert_eq!(gone.signals.knowledge, Some(1.0));
        assert_eq!(gone.signals.main_author_idle_days, Some(500));
        assert_eq!(kept.signals.knowledge, Some(0.0));
        assert_eq!(kept.signals.main_author_idle_days, Some(1));
        // Same change and churn: the difference is the knowledge weight alone.
        let s = &cfg.score;
        let sum = s.change_weight + s.churn_weight + s.knowledge_weight;
        let expected = (1.0 - s.interest_floor) * s.knowledge_weight / sum;
        assert!((gone.signals.interest - kept.signals.interest - expected).abs() < 0.002);
        assert!(gone
            .explanation
            .iter()
            .any(|e| e.contains("no commit in the last 500 days")));
    }

    #[test]
    fn the_score_is_severity_times_the_weighted_interest() {
        let cfg = Config::default();
        let mut history = History::default();
        for (path, w, added) in [("a.rs", 4.0, 10), ("b.rs", 1.0, 30)] {
            history.files.insert(
                path.into(),
                FileHistory {
                    revisions: 3,
                    weighted_revisions: w,
                    added,
                    ..FileHistory::default()
                },
            );
        }
        let items = rank(
            &[
                file("a.rs", vec![marker("FIXME", "x", 1, None)]),
                file("b.rs", vec![marker("FIXME", "y", 1, None)]),
            ],
            Some(&history),
            None,
            None,
            None,
            &cfg,
        );
        let a = items.iter().find(|i| i.location.path == "a.rs").unwrap();
        // Two files: a.rs changes most (percentile 0.75) and churns least (0.25); nobody is
        // inactive (no commit times), so knowledge is 0.
        let s = &cfg.score;
        let mean = (s.change_weight * 0.75 + s.churn_weight * 0.25)
            / (s.change_weight + s.churn_weight + s.knowledge_weight);
        let interest = s.interest_floor + (1.0 - s.interest_floor) * mean;
        assert_eq!(a.signals.change, Some(0.75));
        assert_eq!(a.signals.churn_factor, Some(0.25));
        assert_eq!(a.score, (1000.0 * 0.9 * interest).round() / 10.0);
        assert!(a
            .explanation
            .last()
            .unwrap()
            .starts_with(&format!("score {:.1} = 100 × severity 0.90", a.score)));
    }

    #[test]
    fn repeated_marker_text_is_one_item_with_several_locations() {
        let cfg = Config::default();
        let text = "use the shared retry policy";
        let items = rank(
            &[
                file("b.rs", vec![marker("TODO", text, 9, Some("g"))]),
                file(
                    "a.rs",
                    vec![marker("todo", &format!("{text}."), 3, Some("f"))],
                ),
                file(
                    "c.rs",
                    vec![
                        marker("TODO", "short", 1, None),
                        marker("TODO", "short", 2, None),
                    ],
                ),
            ],
            None,
            None,
            None,
            None,
            &cfg,
        );
        // The short text is not clustered: two items.
        assert_eq!(
            items.iter().filter(|i| i.location.path == "c.rs").count(),
            2
        );
        let cluster: Vec<_> = items.iter().filter(|i| !i.related.is_empty()).collect();
        assert_eq!(cluster.len(), 1);
        let c = cluster[0];
        assert_eq!(
            (c.location.path.as_str(), c.location.start_line),
            ("a.rs", 3)
        );
        assert_eq!(c.related.len(), 1);
        assert_eq!(c.related[0].path, "b.rs");
        assert!(c.summary.ends_with("(2 places)"));
        assert!(c.explanation[0].contains("the same text in 2 places"));
        // Its id depends on the text alone: another set of places keeps it.
        let fewer = rank(
            &[
                file("z.rs", vec![marker("TODO", text, 1, None)]),
                file("y.rs", vec![marker("TODO", text, 1, None)]),
            ],
            None,
            None,
            None,
            None,
            &cfg,
        );
        assert_eq!(fewer.len(), 1);
        assert_eq!(fewer[0].id, c.id);
    }

    #[test]
    fn weak_ids_leave_the_path_out() {
        let a = weak_fingerprint(Kind::Todo, "src/a.rs", Some("f"), "TODO x", 0);
        assert_eq!(
            a,
            weak_fingerprint(Kind::Todo, "lib/b.rs", Some("f"), "TODO x", 0)
        );
        assert_ne!(
            a,
            fingerprint(Kind::Todo, "src/a.rs", Some("f"), "TODO x", 0)
        );
        // File-level items keep the file name.
        let h = weak_fingerprint(Kind::Hotspot, "src/a.rs", None, "file", 0);
        assert_eq!(
            h,
            weak_fingerprint(Kind::Hotspot, "lib/a.rs", None, "file", 0)
        );
        assert_ne!(
            h,
            weak_fingerprint(Kind::Hotspot, "src/b.rs", None, "file", 0)
        );
    }
}
