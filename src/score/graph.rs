//! Items from the dependency graph: `dependency-cycle`, `god-module` and `hidden-coupling`.

use std::collections::HashMap;

use super::{fingerprint, Activity};
use crate::config::Config;
use crate::graph::DependencyFacts;
use crate::model::{DebtItem, GraphNode, Kind, Location, Signals};
use crate::round3;

/// Adds the graph's items to `out`.
pub(super) fn items(
    g: &DependencyFacts,
    activity: &Activity,
    config: &Config,
    out: &mut Vec<DebtItem>,
) {
    cycles(g, activity, config, out);
    god_modules(&g.analysed.nodes, activity, config, out);
    hidden_coupling(g, activity, config, out);
}

/// An item before it is ranked.
struct Draft {
    kind: Kind,
    location: Location,
    related: Vec<Location>,
    /// What identifies it besides kind and path.
    content: String,
    title: String,
    severity: f64,
    interest: f64,
    explanation: Vec<String>,
    signals: Signals,
}

impl Draft {
    fn finish(self) -> DebtItem {
        DebtItem {
            id: fingerprint(self.kind, &self.location.path, None, &self.content, 0),
            kind: self.kind,
            rank: 0,
            score: (1000.0 * self.severity * self.interest).round() / 10.0,
            title: self.title,
            location: self.location,
            related: self.related,
            signals: Signals {
                severity: round3(self.severity),
                interest: round3(self.interest),
                ..self.signals
            },
            explanation: self.explanation,
            marker: None,
        }
    }
}

fn file_location(path: &str, line: u32) -> Location {
    Location {
        path: path.to_string(),
        start_line: line.max(1),
        end_line: line.max(1),
        symbol: None,
    }
}

/// One item per cycle, located at its first member (at the first line that uses another
/// member) and naming every other member in `related`.
fn cycles(g: &DependencyFacts, activity: &Activity, config: &Config, out: &mut Vec<DebtItem>) {
    let c = &config.graph;
    // The first line of each member that uses another member of its cycle.
    let mut first_line: HashMap<&str, u32> = HashMap::new();
    for e in g.analysed.edges.iter().filter(|e| e.cycle) {
        let line = first_line.entry(e.from.as_str()).or_insert(e.line);
        *line = (*line).min(e.line);
    }
    for cycle in &g.analysed.cycles {
        let n = cycle.members.len();
        // Two members: the configured severity; it grows towards the maximum with size.
        let severity = c.cycle_severity
            + (c.cycle_max_severity - c.cycle_severity).max(0.0) * (1.0 - 1.0 / (n as f64 - 1.0));
        let locations: Vec<Location> = cycle
            .members
            .iter()
            .map(|m| file_location(m, first_line.get(m.as_str()).copied().unwrap_or(1)))
            .collect();
        let (interest, busiest) = cycle
            .members
            .iter()
            .map(|m| (activity.interest(m), m))
            .max_by(|a, b| a.0.value.total_cmp(&b.0.value))
            .map(|(i, m)| (i, m.clone()))
            .expect("a cycle has members");
        let mut example = cycle.example.clone();
        if example.len() > 6 {
            let last = example.pop().unwrap_or_default();
            example.truncate(4);
            example.push("…".into());
            example.push(last);
        }
        let mut cut = cycle.cut.clone();
        cut.sort_by(|a, b| a.count.cmp(&b.count).then(a.from.cmp(&b.from)));
        let shown: Vec<String> = cut
            .iter()
            .take(5)
            .map(|e| {
                format!(
                    "{} → {} ({} reference{})",
                    e.from,
                    e.to,
                    e.count,
                    plural(e.count)
                )
            })
            .collect();
        let mut explanation = vec![
            format!(
                "{n} files depend on each other: a change to one may need changes to all \
                 (severity {severity:.2})"
            ),
            format!("for example {}", cycle.example.join(" → ")),
            format!(
                "removing {} use{} breaks every cycle: {}{}",
                cut.len(),
                if cut.len() == 1 { "" } else { "s" },
                shown.join(", "),
                if cut.len() > 5 { ", …" } else { "" }
            ),
        ];
        explanation.extend(
            interest
                .explanation
                .iter()
                .map(|e| format!("{busiest}: {e}")),
        );
        let mut related = locations;
        let location = related.remove(0);
        out.push(
            Draft {
                kind: Kind::DependencyCycle,
                location,
                related,
                content: cycle.members.join("\n"),
                title: format!("Dependency cycle of {n} files: {}", example.join(" → ")),
                severity,
                interest: interest.value,
                explanation,
                signals: Signals {
                    cycle_size: Some(n as u32),
                    revisions: interest.revisions,
                    churn: interest.churn,
                    days_since_change: interest.days_since_change,
                    ..Signals::default()
                },
            }
            .finish(),
        );
    }
}

/// Files whose fan-in and fan-out are both in the top percentiles, both at least
/// `god_module_min_fan`, and that are large.
fn god_modules(nodes: &[GraphNode], activity: &Activity, config: &Config, out: &mut Vec<DebtItem>) {
    let c = &config.graph;
    let mut fan_in: Vec<usize> = nodes.iter().map(|n| n.fan_in).collect();
    let mut fan_out: Vec<usize> = nodes.iter().map(|n| n.fan_out).collect();
    fan_in.sort_unstable();
    fan_out.sort_unstable();
    // The share of nodes at or below `x`.
    let rank = |sorted: &[usize], x: usize| {
        sorted.partition_point(|&v| v <= x) as f64 / sorted.len().max(1) as f64
    };
    for node in nodes {
        let (p_in, p_out) = (rank(&fan_in, node.fan_in), rank(&fan_out, node.fan_out));
        if node.fan_in < c.god_module_min_fan
            || node.fan_out < c.god_module_min_fan
            || node.lines < u64::from(c.god_module_min_lines)
            || p_in < c.god_module_percentile
            || p_out < c.god_module_percentile
        {
            continue;
        }
        let severity = c.god_module_severity;
        let interest = activity.interest(&node.id);
        let top = |p: f64| (100.0 * (1.0 - p)).ceil().max(1.0);
        let mut explanation = vec![
            format!(
                "used by {} files (fan-in, top {:.0}%) and using {} (fan-out, top {:.0}%) in {} lines: \
                 a change here ripples both ways (severity {severity:.2})",
                node.fan_in,
                top(p_in),
                node.fan_out,
                top(p_out),
                node.lines
            ),
            format!("PageRank {:.4} (rank {} of {})", node.pagerank, node.rank, nodes.len()),
        ];
        explanation.extend(interest.explanation.iter().cloned());
        out.push(
            Draft {
                kind: Kind::GodModule,
                location: file_location(&node.id, 1),
                related: Vec::new(),
                content: String::new(),
                title: format!(
                    "God module: used by {} files, uses {}, {} lines",
                    node.fan_in, node.fan_out, node.lines
                ),
                severity,
                interest: interest.value,
                explanation,
                signals: Signals {
                    fan_in: Some(node.fan_in as u32),
                    fan_out: Some(node.fan_out as u32),
                    pagerank: Some(node.pagerank),
                    revisions: interest.revisions,
                    churn: interest.churn,
                    days_since_change: interest.days_since_change,
                    ..Signals::default()
                },
            }
            .finish(),
        );
    }
}

fn hidden_coupling(
    g: &DependencyFacts,
    activity: &Activity,
    config: &Config,
    out: &mut Vec<DebtItem>,
) {
    let c = &config.graph;
    for h in &g.hidden {
        let from = c.hidden_coupling_degree.min(99);
        let t = (f64::from(h.degree) - f64::from(from)) / f64::from(100 - from);
        let severity = c.hidden_coupling_severity
            + (c.hidden_coupling_max_severity - c.hidden_coupling_severity).max(0.0)
                * t.clamp(0.0, 1.0);
        let (ia, ib) = (activity.interest(&h.a), activity.interest(&h.b));
        let interest = if ia.value >= ib.value { ia } else { ib };
        let mut explanation = vec![
            format!(
                "changed together in {} commits: coupling degree {}% of their average revisions \
                 ({} and {}) (severity {severity:.2})",
                h.shared, h.degree, h.revisions_a, h.revisions_b
            ),
            "neither uses the other, directly or through one other file: the dependency is \
             implicit (a shared format, protocol or duplicated logic)"
                .to_string(),
        ];
        explanation.extend(interest.explanation.iter().cloned());
        out.push(
            Draft {
                kind: Kind::HiddenCoupling,
                location: file_location(&h.a, 1),
                related: vec![file_location(&h.b, 1)],
                content: format!("{}\n{}", h.a, h.b),
                title: format!(
                "Hidden coupling: {} and {} change together ({}%) with no dependency between them",
                h.a, h.b, h.degree
            ),
                severity,
                interest: interest.value,
                explanation,
                signals: Signals {
                    coupling_degree: Some(h.degree),
                    revisions: interest.revisions,
                    churn: interest.churn,
                    days_since_change: interest.days_since_change,
                    ..Signals::default()
                },
            }
            .finish(),
        );
    }
}

fn plural(n: u32) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}
