//! Items from the dependency graph: `dependency-cycle`, `god-module`, and through
//! [`super::coupling`] `hidden-coupling` and [`super::dead`] `dead-file`.

use std::collections::HashMap;

use super::{Draft, Model};
use crate::config::Config;
use crate::graph::DependencyFacts;
use crate::model::{DebtItem, GraphNode, Kind, Location, Signals};
use crate::stats::Distribution;

/// Adds the graph's items to `out`. `roles` tells test code apart: a test changes with the
/// code it exercises by design (an integration test drives the binary and imports nothing), so
/// a pair with a test, bench or example file is expected coupling, not hidden.
pub(super) fn items(
    g: &DependencyFacts,
    model: &Model,
    roles: &super::roles::RoleRules,
    config: &Config,
    out: &mut Vec<DebtItem>,
) {
    cycles(g, model, config, out);
    god_modules(&g.analysed.nodes, model, config, out);
    let production = |path: &str| {
        !matches!(
            roles.of_path(path),
            crate::model::Role::Test | crate::model::Role::Bench | crate::model::Role::Example
        )
    };
    let hidden: Vec<crate::model::HiddenCoupling> = g
        .hidden
        .iter()
        .filter(|h| production(&h.a) && production(&h.b))
        .cloned()
        .collect();
    super::coupling::items(&hidden, model, config, out);
    super::dead::items(&g.dead, model, out);
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
fn cycles(g: &DependencyFacts, model: &Model, config: &Config, out: &mut Vec<DebtItem>) {
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
        let (mut interest, busiest) = cycle
            .members
            .iter()
            .map(|m| (model.interest(m, None), m))
            // The first of equals: members are sorted, so the choice is deterministic.
            .reduce(|a, b| if b.0.value > a.0.value { b } else { a })
            .map(|(i, m)| (i, m.clone()))
            .expect("a cycle has members");
        for line in &mut interest.explanation {
            *line = format!("{busiest} (the most worked-on member): {line}");
        }
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
                    crate::util::s(e.count)
                )
            })
            .collect();
        let severity_why = vec![format!(
            "{n} files depend on each other: a change to one may need changes to all; \
             severity {:.2} for two, growing towards {:.2} with size: {severity:.2}",
            c.cycle_severity, c.cycle_max_severity
        )];
        let mut context = vec![
            format!("for example {}", cycle.example.join(" → ")),
            format!(
                "removing {} use{} breaks every cycle: {}{}",
                cut.len(),
                crate::util::s(cut.len()),
                shown.join(", "),
                if cut.len() > 5 { ", …" } else { "" }
            ),
        ];
        // A tangle is too large to read as a cycle: what to cut comes first.
        let tangle = n > c.max_cycle_items;
        if tangle {
            context.reverse();
        }
        let title = match tangle {
            true => format!(
                "Dependency tangle of {n} files: removing {} use{} breaks every cycle",
                cut.len(),
                crate::util::s(cut.len())
            ),
            false => format!("Dependency cycle of {n} files: {}", example.join(" → ")),
        };
        let mut related = locations;
        let location = related.remove(0);
        out.push(
            Draft {
                kind: Kind::DependencyCycle,
                location,
                related,
                content: cycle.members.join("\n"),
                occurrence: 0,
                title,
                severity,
                severity_why,
                interest,
                context,
                signals: Signals {
                    cycle_size: Some(n as u32),
                    ..Signals::default()
                },
                marker: None,
                coverage: None,
            }
            .finish(),
        );
    }
}

/// Files whose fan-in and fan-out are both in the top percentiles, both at least
/// `god_module_min_fan`, and that are large.
fn god_modules(nodes: &[GraphNode], model: &Model, config: &Config, out: &mut Vec<DebtItem>) {
    let c = &config.graph;
    let fan_in = Distribution::new(nodes.iter().map(|n| n.fan_in as f64));
    let fan_out = Distribution::new(nodes.iter().map(|n| n.fan_out as f64));
    for node in nodes {
        let p_in = fan_in.share_at_or_below(node.fan_in as f64);
        let p_out = fan_out.share_at_or_below(node.fan_out as f64);
        if node.fan_in < c.god_module_min_fan
            || node.fan_out < c.god_module_min_fan
            || node.lines < u64::from(c.god_module_min_lines)
            || p_in < c.god_module_percentile
            || p_out < c.god_module_percentile
        {
            continue;
        }
        let severity = c.god_module_severity;
        let severity_why = vec![format!(
            "used by {} files (fan-in, top {:.0}%) and using {} (fan-out, top {:.0}%) in {} lines: \
             a change here ripples both ways; severity {severity:.2}",
            node.fan_in,
            fan_in.top_percent(node.fan_in as f64),
            node.fan_out,
            fan_out.top_percent(node.fan_out as f64),
            node.lines
        )];
        let context = vec![format!(
            "PageRank {:.4} (rank {} of {})",
            node.pagerank,
            node.rank,
            nodes.len()
        )];
        out.push(
            Draft {
                kind: Kind::GodModule,
                location: file_location(&node.id, 1),
                related: Vec::new(),
                content: String::new(),
                occurrence: 0,
                title: format!(
                    "God module: used by {} files, uses {}, {} lines",
                    node.fan_in, node.fan_out, node.lines
                ),
                severity,
                severity_why,
                interest: model.interest(&node.id, None),
                context,
                signals: Signals {
                    fan_in: Some(node.fan_in as u32),
                    fan_out: Some(node.fan_out as u32),
                    pagerank: Some(node.pagerank),
                    ..Signals::default()
                },
                marker: None,
                coverage: None,
            }
            .finish(),
        );
    }
}
