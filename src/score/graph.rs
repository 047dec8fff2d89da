//! Items from the dependency graph: `dependency-cycle`, `god-module`, and through
//! [`super::coupling`] `hidden-coupling` and [`super::dead`] `dead-file`.

use std::collections::HashMap;

use super::interest::Interest;
use super::{Draft, Model};
use crate::config::Config;
use crate::graph::DependencyFacts;
use crate::model::{DebtItem, GraphCycle, GraphEdge, GraphNode, Kind, Location, Signals};
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
    god_modules(&g.analysed, (model, roles), config, out);
    let production = |path: &str| !roles.of_path(path).exercises_the_product();
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

/// References on a cut from which severity stops growing.
const FULL_CUT_REFERENCES: u32 = 15;

/// The most a cohesive module's cycle weighs: one module split into files.
const COHESIVE_MAX_SEVERITY: f64 = 0.3;

/// Severity of a cycle whose cut removes `references` references: `cycle_severity` at one,
/// rising linearly to `cycle_max_severity` at [`FULL_CUT_REFERENCES`] and more. What breaking
/// a cycle costs is the uses someone has to rewrite, whatever the number of files in it.
fn cut_severity(references: u32, config: &crate::config::GraphConfig) -> f64 {
    let share = f64::from(references.clamp(1, FULL_CUT_REFERENCES) - 1)
        / f64::from(FULL_CUT_REFERENCES - 1);
    config.cycle_severity + (config.cycle_max_severity - config.cycle_severity).max(0.0) * share
}

/// One item per cycle, located at its first member (at the first line that uses another
/// member) and naming every other member in `related`. Severity follows the references its
/// cut removes (capped for a parent module and the children it declares); interest is the
/// mean of the files at the ends of the cut, where breaking it is done.
fn cycles(g: &DependencyFacts, model: &Model, config: &Config, out: &mut Vec<DebtItem>) {
    let c = &config.graph;
    // The first line of each member that uses another member of its cycle.
    let mut first_line: HashMap<&str, u32> = HashMap::new();
    for e in g.analysed.edges.iter().filter(|e| e.cycle) {
        let line = first_line.entry(e.from.as_str()).or_insert(e.line);
        *line = (*line).min(e.line);
    }
    let modules: HashMap<&str, Option<&str>> = g
        .analysed
        .nodes
        .iter()
        .map(|n| (n.id.as_str(), n.module.as_deref()))
        .collect();
    for cycle in &g.analysed.cycles {
        let n = cycle.members.len();
        let references: u32 = cycle.cut.iter().map(|e| e.count).sum();
        let by_cut = cut_severity(references, c);
        let members: Vec<(&str, Option<&str>)> = cycle
            .members
            .iter()
            .map(|m| (m.as_str(), modules.get(m.as_str()).copied().flatten()))
            .collect();
        let parent = crate::graph::analysis::cohesive_module(&members);
        // A tangle is too large to read as a cycle: what to cut comes first, and it is an
        // architecture note rather than one task, so its severity is at most a small cycle's.
        let tangle = n > c.max_cycle_items;
        let severity = match parent {
            Some(_) => by_cut.min(COHESIVE_MAX_SEVERITY),
            None => by_cut,
        };
        let severity = match tangle {
            true => severity.min(c.cycle_severity),
            false => severity,
        };
        let locations: Vec<Location> = cycle
            .members
            .iter()
            .map(|m| file_location(m, first_line.get(m.as_str()).copied().unwrap_or(1)))
            .collect();
        let interest = cut_interest(cycle, model);
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
        let mut severity_why = vec![format!(
            "{n} files depend on each other; breaking the cycle means rewriting {references} \
             reference{} on {} use{}: severity {:.2} for one reference, growing to {:.2} at \
             {FULL_CUT_REFERENCES} or more: {by_cut:.2}",
            crate::util::s(references),
            cut.len(),
            crate::util::s(cut.len()),
            c.cycle_severity,
            c.cycle_max_severity
        )];
        if let Some(parent) = parent {
            severity_why.push(format!(
                "cohesive module: a parent and the children it declares use each other \
                 (every member is {parent} or a module it declares): severity at most \
                 {COHESIVE_MAX_SEVERITY:.2}: {severity:.2}"
            ));
        }
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
        if tangle {
            context.reverse();
            severity_why.push(format!(
                "a tangle of more than {} files (`graph.max_cycle_items`): an architecture \
                 note, not one task, so at most the severity of a one-reference cycle, {:.2}: \
                 {severity:.2}",
                c.max_cycle_items, c.cycle_severity
            ));
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
        let is_cut =
            |e: &crate::model::EdgeRef| cycle.cut.iter().any(|c| c.from == e.from && c.to == e.to);
        let uses = match tangle {
            true => &cycle.cut,
            false => &cycle.edges,
        };
        let uses = uses
            .iter()
            .map(|e| crate::model::ItemUse {
                from: e.from.clone(),
                to: e.to.clone(),
                references: e.count,
                cut: is_cut(e),
            })
            .collect();
        let mut item = Draft {
            kind: Kind::DependencyCycle,
            location,
            related,
            content: cycle.members.join("\n"),
            occurrence: 0,
            summary: title,
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
        .finish();
        item.uses = uses;
        out.push(item);
    }
}

/// The interest of a cycle: the mean interest of the files at the ends of its cut, where
/// the uses are rewritten (the whole cycle's members when it has no cut). Its signals and
/// factors are those of the most worked-on of them.
fn cut_interest(cycle: &GraphCycle, model: &Model) -> Interest {
    let mut ends: Vec<&str> = cycle
        .cut
        .iter()
        .flat_map(|e| [e.from.as_str(), e.to.as_str()])
        .collect();
    if ends.is_empty() {
        ends = cycle.members.iter().map(String::as_str).collect();
    }
    ends.sort_unstable();
    ends.dedup();
    let measured: Vec<(&str, Interest)> = ends
        .iter()
        .map(|&path| (path, model.interest(path, None)))
        .collect();
    let mean = measured.iter().map(|(_, i)| i.value).sum::<f64>() / measured.len() as f64;
    let (busiest, most) = measured
        .iter()
        // The first of equals: paths are sorted, so the choice is deterministic.
        .reduce(|a, b| if b.1.value > a.1.value { b } else { a })
        .expect("a cycle has members");
    const SHOWN: usize = 6;
    let listed: Vec<String> = measured
        .iter()
        .take(SHOWN)
        .map(|(path, i)| format!("{path} {:.2}", i.value))
        .collect();
    let mut explanation = vec![format!(
        "interest {mean:.2}: the mean over the {} file{} at the ends of the uses to remove, \
         where the work happens: {}{}",
        measured.len(),
        crate::util::s(measured.len()),
        listed.join(", "),
        match measured.len().saturating_sub(SHOWN) {
            0 => String::new(),
            more => format!(", and {more} more"),
        }
    )];
    // Its factors, not its own sum: the sum above is the item's.
    let factors = match most.explanation.len() {
        0 | 1 => &most.explanation[..],
        k => &most.explanation[..k - 1],
    };
    explanation.extend(
        factors
            .iter()
            .map(|line| format!("{busiest} (the most worked-on of them): {line}")),
    );
    let mut signals = most.signals.clone();
    signals.interest = crate::util::round3(mean);
    Interest {
        value: mean,
        explanation,
        signals,
    }
}

/// Files whose fan-in and fan-out are both in the top percentiles, both at least
/// `god_module_min_fan`, and that are large.
/// A file's fan-in and fan-out as a god module's test counts them: distinct files over edges
/// that make real use, leaving out references that only re-export (a facade forwards names, it
/// does not depend on them) and edges between a module and the modules inside it (one module
/// split into files; a crate root's children are modules of their own). Also whether the file is a
/// facade: at least half the references it makes are re-exports.
fn structural_fans(
    nodes: &[GraphNode],
    edges: &[GraphEdge],
    test_edges: bool,
) -> HashMap<String, (usize, usize, bool)> {
    let module: HashMap<&str, String> = nodes
        .iter()
        .map(|n| {
            let m = n
                .module
                .clone()
                .unwrap_or_else(|| crate::graph::analysis::path_module(&n.id).replace('/', "::"));
            (n.id.as_str(), m)
        })
        .collect();
    let nested = |a: &str, b: &str| {
        let (Some(a), Some(b)) = (module.get(a), module.get(b)) else {
            return false;
        };
        // Inside a module that is no crate root (at any depth: a module's own tree is one
        // design); a crate root's children are the crate's top-level modules, and a root that
        // uses many of them does real work.
        let child_of = |x: &str, y: &str| {
            y.contains("::") && x.strip_prefix(y).is_some_and(|rest| rest.starts_with("::"))
        };
        child_of(a, b) || child_of(b, a)
    };
    let mut fans: HashMap<String, (usize, usize, bool)> = HashMap::new();
    let mut made: HashMap<&str, (u64, u64)> = HashMap::new();
    // Test code's uses are left out as for every other measure (`include_test_edges`).
    for e in edges
        .iter()
        .filter(|e| test_edges || e.kinds.test < e.count)
    {
        let out = made.entry(e.from.as_str()).or_default();
        out.0 += u64::from(e.count);
        out.1 += u64::from(e.kinds.reexports);
        if e.count <= e.kinds.reexports || nested(&e.from, &e.to) {
            continue;
        }
        fans.entry(e.from.clone()).or_default().1 += 1;
        fans.entry(e.to.clone()).or_default().0 += 1;
    }
    for (file, (all, reexports)) in made {
        if all > 0 && 2 * reexports >= all {
            fans.entry(file.to_string()).or_default().2 = true;
        }
    }
    fans
}

/// `god-module` items: files that many files use and that use many (README, "Kinds"), counted
/// by [`structural_fans`]; severity from half `god_module_severity` at the percentile to all
/// of it at the top.
fn god_modules(
    graph: &crate::graph::analysis::Analysed,
    (model, roles): (&Model, &super::roles::RoleRules),
    config: &Config,
    out: &mut Vec<DebtItem>,
) {
    let (nodes, edges) = (&graph.nodes, &graph.edges);
    let c = &config.graph;
    let fans = structural_fans(nodes, edges, c.include_test_edges);
    let of = |n: &GraphNode| fans.get(&n.id).copied().unwrap_or((0, 0, false));
    let fan_in = Distribution::new(nodes.iter().map(|n| of(n).0 as f64));
    let fan_out = Distribution::new(nodes.iter().map(|n| of(n).1 as f64));
    for node in nodes {
        let (uses_in, uses_out, facade) = of(node);
        // Large in its own code: a module's tests are no part of what its users depend on.
        let lines = roles.own_lines(&node.id, u32::try_from(node.lines).unwrap_or(u32::MAX));
        let p_in = fan_in.share_at_or_below(uses_in as f64);
        let p_out = fan_out.share_at_or_below(uses_out as f64);
        if facade
            || uses_in < c.god_module_min_fan
            || uses_out < c.god_module_min_fan
            || lines < c.god_module_min_lines
            || p_in < c.god_module_percentile
            || p_out < c.god_module_percentile
        {
            continue;
        }
        let span = (1.0 - c.god_module_percentile).max(f64::EPSILON);
        let t = ((p_in.min(p_out) - c.god_module_percentile) / span).clamp(0.0, 1.0);
        let severity = c.god_module_severity * (0.5 + 0.5 * t);
        let severity_why = vec![format!(
            "used by {uses_in} files (fan-in, top {:.0}%) and using {uses_out} (fan-out, top \
             {:.0}%) in {lines} lines{}, counting real uses (not re-exports, not a module's \
             own children): a change here ripples both ways; severity {severity:.2}, from \
             {:.2} at the {:.0}th percentile to {:.2} at the top",
            fan_in.top_percent(uses_in as f64),
            fan_out.top_percent(uses_out as f64),
            match u64::from(lines) < node.lines {
                true => format!(
                    " of its own ({} of tests or doc stubs left out)",
                    node.lines - u64::from(lines)
                ),
                false => String::new(),
            },
            c.god_module_severity / 2.0,
            100.0 * c.god_module_percentile,
            c.god_module_severity,
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
                summary: format!(
                    "God module: used by {uses_in} files, uses {uses_out}, {lines} lines"
                ),
                severity,
                severity_why,
                interest: model.interest(&node.id, None),
                context,
                signals: Signals {
                    fan_in: Some(uses_in as u32),
                    fan_out: Some(uses_out as u32),
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn severity_follows_the_references_on_the_cut() {
        let config = Config::default().graph;
        let s = |refs| cut_severity(refs, &config);
        // A one-reference cut weighs the configured severity, 15 or more the maximum, and
        // every reference between adds the same share.
        assert!((s(1) - 0.5).abs() < 1e-12);
        assert!((s(0) - 0.5).abs() < 1e-12);
        assert!((s(8) - 0.675).abs() < 1e-12);
        assert!((s(15) - 0.85).abs() < 1e-12);
        assert!((s(400) - 0.85).abs() < 1e-12);
        assert!(s(2) < s(3) && s(3) < s(14));
        // A maximum below the base leaves the base.
        let flat = crate::config::GraphConfig {
            cycle_max_severity: 0.2,
            ..Config::default().graph
        };
        assert!((cut_severity(10, &flat) - 0.5).abs() < 1e-12);
    }

    fn node(id: &str, module: &str) -> GraphNode {
        GraphNode {
            id: id.into(),
            package: None,
            module: Some(module.into()),
            files: 1,
            lines: 300,
            fan_in: 0,
            fan_out: 0,
            instability: 0.0,
            pagerank: 0.0,
            rank: 0,
            cycle: None,
        }
    }

    fn edge(from: &str, to: &str, uses: u32, reexports: u32, test: u32) -> GraphEdge {
        GraphEdge {
            from: from.into(),
            to: to.into(),
            count: uses + reexports,
            kinds: crate::model::Counts {
                uses,
                reexports,
                test,
                ..Default::default()
            },
            line: 1,
            cycle: false,
        }
    }

    #[test]
    fn god_module_fans_count_real_uses_only() {
        let nodes = [
            node("src/lib.rs", "c"),
            node("src/rt/mod.rs", "c::rt"),
            node("src/rt/a.rs", "c::rt::a"),
            node("src/rt/b.rs", "c::rt::b"),
            node("src/io.rs", "c::io"),
            node("src/net.rs", "c::net"),
            node("src/rt/x/y.rs", "c::rt::x::y"),
        ];
        let edges = [
            // A facade: the crate root only re-exports.
            edge("src/lib.rs", "src/rt/mod.rs", 0, 3, 0),
            edge("src/lib.rs", "src/io.rs", 1, 2, 0),
            // A parent and the children it declares are one module.
            edge("src/rt/mod.rs", "src/rt/a.rs", 2, 0, 0),
            edge("src/rt/b.rs", "src/rt/mod.rs", 1, 0, 0),
            // … and the modules deeper inside it too.
            edge("src/rt/x/y.rs", "src/rt/mod.rs", 5, 0, 0),
            // Real uses, one of them only from test code.
            edge("src/rt/mod.rs", "src/io.rs", 4, 0, 0),
            edge("src/net.rs", "src/rt/mod.rs", 2, 0, 0),
            edge("src/io.rs", "src/rt/mod.rs", 1, 0, 1),
            // A crate root that uses its top-level modules does real work.
            edge("src/net.rs", "src/lib.rs", 1, 0, 0),
        ];
        let fans = structural_fans(&nodes, &edges, false);
        assert_eq!(fans["src/lib.rs"], (1, 1, true));
        assert_eq!(fans["src/rt/mod.rs"], (1, 1, false));
        // Used by rt and by the root, whose one plain use next to two re-exports counts.
        assert_eq!(fans["src/io.rs"], (2, 0, false));
        assert!(!fans.contains_key("src/rt/a.rs"));
        assert!(!fans.contains_key("src/rt/x/y.rs"));
        // With test edges, io.rs's use of rt counts too.
        assert_eq!(
            structural_fans(&nodes, &edges, true)["src/rt/mod.rs"],
            (2, 1, false)
        );
    }
}
