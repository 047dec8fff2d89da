//! Debt items from facts: identity (fingerprints), an interim score with its explanation, and
//! the ranking. This is the only place that combines signals; it does no I/O.
//!
//! Interim model (until the full model of DESIGN.md §5 lands):
//! `score = 100 × severity × interest`, where `severity` is the tag's configured severity
//! (raised towards 1 by `!` priorities) and `interest = 0.5 + 0.2 × p + 0.15 × c + 0.15 × r`,
//! with `p` the file's percentile of revisions within the repository, `c` its percentile of
//! churn (lines added plus deleted) and `r = 0.5^(days/180)` the recency of its last change
//! before HEAD. Without history, `interest = 1`.

mod graph;

use std::collections::HashMap;

use xxhash_rust::xxh3::xxh3_64;

use crate::config::Config;
use crate::graph::DependencyFacts;
use crate::history::History;
use crate::hotspots::Hotspots;
use crate::model::{
    DebtItem, FoundMarker, FunctionHotspot, FunctionMetrics, Kind, Location, Signals,
};
use crate::parse::FileFacts;

/// Prefix of every fingerprint of this scheme; bump when the hashed key changes.
pub const FINGERPRINT_VERSION: &str = "v1";

/// Half-life, in days, of the recency factor.
const RECENCY_HALF_LIFE_DAYS: f64 = 180.0;

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

/// The normalised content of a marker that identifies it: tag and whitespace-collapsed text.
fn marker_content(m: &FoundMarker) -> String {
    format!("{} {}", m.marker.tag.to_uppercase(), m.marker.text)
}

/// Builds and ranks the items of all files: markers, complex functions and, given their
/// analyses, hotspots and the dependency graph's items.
pub fn rank(
    facts: &[FileFacts],
    history: Option<&History>,
    hotspots: Option<&Hotspots>,
    dependencies: Option<&DependencyFacts>,
    config: &Config,
) -> Vec<DebtItem> {
    let mut activity = Activity::new(facts, history, hotspots);
    if let Some(d) = dependencies {
        activity.centrality = d
            .analysed
            .nodes
            .iter()
            .map(|n| (n.id.as_str(), n))
            .collect();
        activity.centrality_weight = config.graph.centrality_weight;
    }
    let mut items = Vec::new();
    for file in facts {
        complex_functions(file, &activity, config, &mut items);
        let mut seen: HashMap<(Kind, Option<&str>, String), usize> = HashMap::new();
        for m in &file.markers {
            let content = marker_content(m);
            let occurrence = seen
                .entry((m.kind, m.symbol.as_deref(), content.clone()))
                .or_insert(0);
            let id = fingerprint(
                m.kind,
                &file.path,
                m.symbol.as_deref(),
                &content,
                *occurrence,
            );
            *occurrence += 1;
            items.push(marker_item(id, &file.path, m, &activity, config));
        }
    }
    if let Some(h) = hotspots {
        hotspot_items(h, config, &mut items);
    }
    if let Some(d) = dependencies {
        graph::items(d, &activity, config, &mut items);
    }
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

fn marker_item(
    id: String,
    path: &str,
    m: &FoundMarker,
    activity: &Activity,
    config: &Config,
) -> DebtItem {
    let mut explanation = Vec::new();
    let base = match m.kind {
        Kind::TodoMacro => {
            let s = config.macro_severity(&m.marker.tag);
            explanation.push(format!(
                "{}() panics when reached (severity {s:.2})",
                m.marker.tag
            ));
            s
        }
        _ => {
            let s = config.tag_severity(&m.marker.tag);
            explanation.push(format!("{} marker (severity {s:.2})", m.marker.tag));
            s
        }
    };
    // Each `!` closes a quarter of the remaining gap to the maximum severity.
    let priority = m.marker.priority.min(4) as f64;
    let severity = 1.0 - (1.0 - base) * 0.75f64.powf(priority);
    if m.marker.priority > 0 {
        explanation.push(format!(
            "marked urgent with {} (severity {severity:.2})",
            "!".repeat(m.marker.priority as usize)
        ));
    }
    let Interest {
        value: interest,
        explanation: mut why,
        revisions,
        churn,
        days_since_change: days,
    } = activity.interest(path);
    explanation.append(&mut why);
    let (interest, recent) = activity.function_boost(path, m.symbol.as_deref(), interest);
    if let Some((_, why)) = &recent {
        explanation.push(why.clone());
    }
    let (interest, central) = activity.centrality_boost(path, interest);
    explanation.extend(central.as_ref().map(|c| c.why.clone()));
    let age_days = match (&m.marker.introduced, activity.history) {
        (Some(intro), Some(h)) => Some(((h.head_time - intro.time).max(0) / 86_400) as u32),
        _ => None,
    };
    if let (Some(age), Some(intro)) = (age_days, &m.marker.introduced) {
        explanation.push(format!(
            "written {age} days before HEAD by {}",
            intro.author
        ));
    }
    let score = (1000.0 * severity * interest).round() / 10.0;
    let title = match (m.kind, m.marker.text.is_empty()) {
        (Kind::TodoMacro, true) => format!("{}()", m.marker.tag),
        (Kind::TodoMacro, false) => format!("{}({:?})", m.marker.tag, m.marker.text),
        (_, true) => m.marker.tag.clone(),
        (_, false) => format!("{}: {}", m.marker.tag, m.marker.text),
    };
    DebtItem {
        id,
        kind: m.kind,
        rank: 0,
        score,
        title,
        location: Location {
            path: path.to_string(),
            start_line: m.start_line,
            end_line: m.end_line,
            symbol: m.symbol.clone(),
        },
        related: Vec::new(),
        signals: Signals {
            severity: (severity * 1000.0).round() / 1000.0,
            revisions,
            churn,
            days_since_change: days,
            age_days,
            recent_revisions: recent.map(|(n, _)| n),
            fan_in: central.as_ref().map(|c| c.fan_in),
            pagerank: central.as_ref().map(|c| c.pagerank),
            interest: (interest * 1000.0).round() / 1000.0,
            ..Signals::default()
        },
        explanation,
        marker: Some(m.marker.clone()),
    }
}

/// `complex-function` items: functions at or above a threshold of `[complexity]`.
fn complex_functions(
    file: &FileFacts,
    activity: &Activity,
    config: &Config,
    out: &mut Vec<DebtItem>,
) {
    let Some(metrics) = &file.metrics else {
        return;
    };
    let c = &config.complexity;
    let mut seen: HashMap<&str, usize> = HashMap::new();
    for f in &metrics.functions {
        let ratios = [
            (f.cyclomatic, c.cyclomatic, "cyclomatic"),
            (f.cognitive, c.cognitive, "cognitive"),
            (f.lines, c.lines, "lines"),
        ];
        let over: Vec<String> = ratios
            .iter()
            .filter(|(v, t, _)| *t > 0 && v >= t)
            .map(|(v, t, name)| format!("{name} {v} ≥ {t}"))
            .collect();
        if over.is_empty() {
            continue;
        }
        let excess = ratios
            .iter()
            .filter(|(_, t, _)| *t > 0)
            .map(|(v, t, _)| f64::from(*v) / f64::from(*t))
            .fold(1.0, f64::max);
        // At a threshold the configured severity; twice over it, half the gap to 1 closed.
        let severity = 1.0 - (1.0 - c.severity) / excess;
        let occurrence = seen.entry(f.symbol.as_str()).or_insert(0);
        let id = fingerprint(
            Kind::ComplexFunction,
            &file.path,
            Some(&f.symbol),
            "",
            *occurrence,
        );
        *occurrence += 1;
        let mut explanation = vec![format!("{} (severity {severity:.2})", over.join(", "))];
        let base = activity.interest(&file.path);
        explanation.extend(base.explanation);
        let (interest, recent) = activity.function_boost(&file.path, Some(&f.symbol), base.value);
        if let Some((_, why)) = &recent {
            explanation.push(why.clone());
        }
        let (interest, central) = activity.centrality_boost(&file.path, interest);
        explanation.extend(central.as_ref().map(|c| c.why.clone()));
        out.push(DebtItem {
            id,
            kind: Kind::ComplexFunction,
            rank: 0,
            score: (1000.0 * severity * interest).round() / 10.0,
            title: format!(
                "Complex function `{}`: cyclomatic {}, cognitive {}, {} lines",
                f.symbol, f.cyclomatic, f.cognitive, f.lines
            ),
            location: function_location(&file.path, f),
            related: Vec::new(),
            signals: Signals {
                severity: (severity * 1000.0).round() / 1000.0,
                revisions: base.revisions,
                churn: base.churn,
                days_since_change: base.days_since_change,
                complexity: Some(f.cyclomatic),
                cognitive: Some(f.cognitive),
                recent_revisions: recent.map(|(n, _)| n),
                fan_in: central.as_ref().map(|c| c.fan_in),
                pagerank: central.as_ref().map(|c| c.pagerank),
                interest: (interest * 1000.0).round() / 1000.0,
                ..Signals::default()
            },
            explanation,
            marker: None,
        });
    }
}

fn function_location(path: &str, f: &FunctionMetrics) -> Location {
    Location {
        path: path.to_string(),
        start_line: f.start_line,
        end_line: f.end_line,
        symbol: Some(f.symbol.clone()),
    }
}

/// `hotspot` items: files and X-Rayed functions whose hotspot score reaches
/// `hotspots.min_score` with at least `hotspots.min_revisions` commits in the window. Their
/// score is their severity alone: change is already what makes them hotspots.
fn hotspot_items(h: &Hotspots, config: &Config, out: &mut Vec<DebtItem>) {
    let c = &config.hotspots;
    // From the configured severity at `min_score` up to `max_severity` at a score of 1.
    let severity = |score: f64| {
        let span = (1.0 - c.min_score).max(f64::EPSILON);
        let t = ((score - c.min_score) / span).clamp(0.0, 1.0);
        c.severity + (c.max_severity.max(c.severity) - c.severity) * t
    };
    let mut push =
        |location: Location, title: String, explanation: Vec<String>, signals: Signals| {
            let content = if location.symbol.is_some() {
                "function"
            } else {
                "file"
            };
            out.push(DebtItem {
                id: fingerprint(
                    Kind::Hotspot,
                    &location.path,
                    location.symbol.as_deref(),
                    content,
                    0,
                ),
                kind: Kind::Hotspot,
                rank: 0,
                score: (1000.0 * signals.severity).round() / 10.0,
                title,
                location,
                related: Vec::new(),
                signals,
                explanation,
                marker: None,
            });
        };
    for f in h
        .files
        .iter()
        .filter(|f| f.score >= c.min_score && f.revisions >= c.min_revisions)
    {
        let s = severity(f.score);
        push(
            Location {
                path: f.path.clone(),
                start_line: 1,
                end_line: 1,
                symbol: None,
            },
            format!(
                "Hotspot file: {} commits in {} days, cyclomatic {}",
                f.revisions, h.window.days, f.cyclomatic
            ),
            hotspot_explanation(&f.explanation, f.score, s),
            Signals {
                severity: (s * 1000.0).round() / 1000.0,
                complexity: Some(f.cyclomatic),
                recent_revisions: Some(f.revisions),
                hotspot: Some(f.score),
                interest: 1.0,
                ..Signals::default()
            },
        );
    }
    for f in h
        .functions
        .iter()
        .filter(|f| f.score >= c.min_score && f.revisions >= c.min_revisions)
    {
        let s = severity(f.score);
        push(
            Location {
                path: f.path.clone(),
                start_line: f.start_line,
                end_line: f.end_line,
                symbol: Some(f.symbol.clone()),
            },
            format!(
                "Hotspot function `{}`: {} commits in {} days, cyclomatic {}",
                f.symbol, f.revisions, h.window.days, f.cyclomatic
            ),
            hotspot_explanation(&f.explanation, f.score, s),
            Signals {
                severity: (s * 1000.0).round() / 1000.0,
                complexity: Some(f.cyclomatic),
                cognitive: Some(f.cognitive),
                recent_revisions: Some(f.revisions),
                hotspot: Some(f.score),
                interest: 1.0,
                ..Signals::default()
            },
        );
    }
}

fn hotspot_explanation(reasons: &[String], score: f64, severity: f64) -> Vec<String> {
    let mut out = reasons.to_vec();
    out.push(format!(
        "hotspot score {score:.2} = change percentile × complexity percentile (severity {severity:.2})"
    ));
    out
}

/// How much work happens in each file (and, after an X-Ray, each hot function), relative to
/// the repository.
struct Activity<'h> {
    history: Option<&'h History>,
    /// X-Rayed functions by path and symbol.
    functions: HashMap<(&'h str, &'h str), &'h FunctionHotspot>,
    /// The hotspot window, in days.
    window_days: u32,
    /// Revision counts of every scanned file, sorted, for percentiles.
    revisions: Vec<u64>,
    /// Lines added plus deleted of every scanned file, sorted.
    churn: Vec<u64>,
    /// Files of the dependency graph by path.
    centrality: HashMap<&'h str, &'h crate::model::GraphNode>,
    /// `graph.centrality_weight`.
    centrality_weight: f64,
}

/// How central the module of an item is, when that raised its interest.
struct Central {
    fan_in: u32,
    pagerank: f64,
    why: String,
}

/// The share of `sorted` below `x`, counting ties as half (the mid-rank percentile), and the
/// share at or above `x`.
fn percentile(sorted: &[u64], x: u64) -> (f64, f64) {
    let n = sorted.len().max(1) as f64;
    let below = sorted.partition_point(|&v| v < x) as f64;
    let equal = sorted.partition_point(|&v| v <= x) as f64 - below;
    ((below + 0.5 * equal) / n, (n - below) / n)
}

/// What [`Activity::interest`] found out about a file.
struct Interest {
    value: f64,
    explanation: Vec<String>,
    revisions: Option<u32>,
    churn: Option<u64>,
    days_since_change: Option<u32>,
}

impl<'h> Activity<'h> {
    fn new(
        facts: &[FileFacts],
        history: Option<&'h History>,
        hotspots: Option<&'h Hotspots>,
    ) -> Activity<'h> {
        let (mut revisions, mut churn) = (Vec::new(), Vec::new());
        if let Some(h) = history {
            for f in facts {
                let stats = h.files.get(&f.path);
                revisions.push(stats.map_or(0, |s| u64::from(s.revisions)));
                churn.push(stats.map_or(0, |s| s.added + s.deleted));
            }
        }
        revisions.sort_unstable();
        churn.sort_unstable();
        Activity {
            history,
            functions: hotspots
                .map(|h| {
                    h.functions
                        .iter()
                        .map(|f| ((f.path.as_str(), f.symbol.as_str()), f))
                        .collect()
                })
                .unwrap_or_default(),
            window_days: hotspots.map_or(0, |h| h.window.days),
            revisions,
            churn,
            centrality: HashMap::new(),
            centrality_weight: 0.0,
        }
    }

    /// Raises `interest` for an item in a file that other files depend on, in the more
    /// central half by PageRank: by `graph.centrality_weight` of the gap to 1, scaled by the
    /// file's PageRank percentile. Debt there is paid by every module that uses it.
    fn centrality_boost(&self, path: &str, interest: f64) -> (f64, Option<Central>) {
        let Some(node) = self.centrality.get(path) else {
            return (interest, None);
        };
        let n = self.centrality.len() as f64;
        let percentile = 1.0 - (node.rank as f64 - 0.5) / n;
        if node.fan_in == 0 || percentile < 0.5 || self.centrality_weight == 0.0 {
            return (interest, None);
        }
        let raised = interest + (1.0 - interest) * self.centrality_weight * percentile;
        let why = format!(
            "in a central module: {} file{} depend on it (PageRank rank {} of {}, percentile {:.2};              interest {raised:.2})",
            node.fan_in,
            if node.fan_in == 1 { "" } else { "s" },
            node.rank,
            self.centrality.len(),
            percentile
        );
        (
            raised,
            Some(Central {
                fan_in: node.fan_in as u32,
                pagerank: node.pagerank,
                why,
            }),
        )
    }

    /// Raises `interest` for an item inside a function the X-Ray found among the more often
    /// changed half of the functions of the hot files (change percentile ≥ 0.5): by half the
    /// gap to 1, scaled by that percentile. Returns the new interest and, if raised, the
    /// function's recent revisions and the reason.
    fn function_boost(
        &self,
        path: &str,
        symbol: Option<&str>,
        interest: f64,
    ) -> (f64, Option<(u32, String)>) {
        let Some(f) = symbol.and_then(|s| self.functions.get(&(path, s))) else {
            return (interest, None);
        };
        if f.revisions == 0 || f.change_percentile < 0.5 {
            return (interest, None);
        }
        let raised = interest + (1.0 - interest) * 0.5 * f.change_percentile;
        let why = format!(
            "inside `{}`, a frequently changed function: changed in {} commit{} in the {} days before HEAD \
             (change percentile {:.2}; interest {raised:.2})",
            f.symbol,
            f.revisions,
            if f.revisions == 1 { "" } else { "s" },
            self.window_days,
            f.change_percentile
        );
        (raised, Some((f.revisions, why)))
    }

    fn interest(&self, path: &str) -> Interest {
        let Some(history) = self.history else {
            return Interest {
                value: 1.0,
                explanation: vec!["no git history: ranked by severity alone".into()],
                revisions: None,
                churn: None,
                days_since_change: None,
            };
        };
        let Some(stats) = history.files.get(path) else {
            return Interest {
                value: 0.5,
                explanation: vec!["file has no committed history yet (interest 0.50)".into()],
                revisions: Some(0),
                churn: Some(0),
                days_since_change: None,
            };
        };
        let (p_revisions, top_revisions) = percentile(&self.revisions, u64::from(stats.revisions));
        let lines = stats.added + stats.deleted;
        let (p_churn, top_churn) = percentile(&self.churn, lines);
        let days = ((history.head_time - stats.last_change).max(0) / 86_400) as u32;
        let recency = 0.5f64.powf(days as f64 / RECENCY_HALF_LIFE_DAYS);
        let value = 0.5 + 0.2 * p_revisions + 0.15 * p_churn + 0.15 * recency;
        let top = |share: f64| (100.0 * share).ceil().max(1.0);
        Interest {
            value,
            explanation: vec![
                format!(
                    "file changed in {} commit{} (top {:.0}% of files)",
                    stats.revisions,
                    if stats.revisions == 1 { "" } else { "s" },
                    top(top_revisions)
                ),
                format!(
                    "{lines} lines of churn in the file (top {:.0}%)",
                    top(top_churn)
                ),
                format!("file last changed {days} days before HEAD (interest {value:.2})"),
            ],
            revisions: Some(stats.revisions),
            churn: Some(lines),
            days_since_change: Some(days),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::history::FileHistory;
    use crate::model::MarkerInfo;

    fn marker(tag: &str, text: &str, line: u32, symbol: Option<&str>) -> FoundMarker {
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
            language: "rust",
            lines: 100,
            markers,
            syntax_errors: false,
            metrics: None,
            imports: None,
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
            &cfg,
        );
        let moved = rank(
            &[file("a.rs", vec![marker("TODO", "x", 30, Some("f"))])],
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
                first_change: 0,
                last_change: 1_000 * 86_400,
                ..FileHistory::default()
            },
        );
        history.files.insert(
            "cold.rs".into(),
            FileHistory {
                revisions: 1,
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
            &cfg,
        );
        assert_eq!(items[0].location.path, "big.rs");
        assert_eq!(items[0].signals.churn, Some(500));
        assert!(items[0]
            .explanation
            .iter()
            .any(|e| e.contains("500 lines of churn")));
        assert!(items[0].score > items[1].score);
    }
}
