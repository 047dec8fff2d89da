//! The report of `debtscan graph`: a summary table, Graphviz `dot`, or JSON.

use std::collections::{BTreeMap, HashSet};
use std::fmt::Write;

use crate::model::GraphReport;

/// Renders the report as JSON (pretty, deterministic, newline-terminated).
pub fn json(report: &GraphReport) -> String {
    crate::util::pretty_json(report)
}

/// A summary for people: counts, the `top` most central nodes, cycles, hidden coupling.
pub fn table(report: &GraphReport, top: usize) -> String {
    let s = &report.summary;
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{} {}s, {} edges ({} references), {} package{}",
        s.nodes,
        report.granularity,
        s.edges,
        s.references,
        s.packages,
        crate::util::s(s.packages)
    );
    let _ = writeln!(
        out,
        "{} cycle{}{}",
        s.cycles,
        crate::util::s(s.cycles),
        if s.cycles > 0 {
            format!(
                " ({} {}s in cycles, largest {})",
                s.nodes_in_cycles, report.granularity, s.largest_cycle
            )
        } else {
            String::new()
        }
    );
    if s.unresolved > 0 {
        let mut roots: Vec<(&String, &usize)> = report.unresolved.iter().collect();
        roots.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
        let shown: Vec<String> = roots
            .iter()
            .take(6)
            .map(|(name, n)| format!("{name} {n}"))
            .collect();
        let _ = writeln!(
            out,
            "{} `use` paths outside the repository (not resolved): {}{}",
            s.unresolved,
            shown.join(", "),
            if roots.len() > 6 { ", …" } else { "" }
        );
    }
    if report.nodes.is_empty() {
        return out;
    }

    let mut central: Vec<&crate::model::GraphNode> = report.nodes.iter().collect();
    central.sort_by_key(|n| n.rank);
    let rows: Vec<[String; 7]> = central
        .iter()
        .take(top)
        .map(|n| {
            [
                n.rank.to_string(),
                format!("{:.4}", n.pagerank),
                n.fan_in.to_string(),
                n.fan_out.to_string(),
                format!("{:.2}", n.instability),
                n.lines.to_string(),
                n.id.clone()
                    + if n.cycle.is_some() {
                        "  (in a cycle)"
                    } else {
                        ""
                    },
            ]
        })
        .collect();
    let _ = writeln!(out, "\nMost central (PageRank over the edges):");
    out.push_str(&super::columns(
        [
            "RANK", "PAGERANK", "FAN-IN", "FAN-OUT", "INSTAB.", "LINES", "NODE",
        ],
        &rows,
        6,
    ));

    if !report.cycles.is_empty() {
        let _ = writeln!(out, "\nCycles (largest first):");
        for (k, c) in report.cycles.iter().enumerate().take(top) {
            // The weakest links first: the cheapest to remove.
            let mut cut: Vec<&crate::model::EdgeRef> = c.cut.iter().collect();
            cut.sort_by(|a, b| a.count.cmp(&b.count).then(a.from.cmp(&b.from)));
            let shown: Vec<String> = cut
                .iter()
                .take(5)
                .map(|e| format!("{} → {} ({})", e.from, e.to, e.count))
                .collect();
            let more = match cut.len() {
                n if n > 5 => format!(" and {} more (see --format json)", n - 5),
                _ => String::new(),
            };
            let _ = writeln!(
                out,
                "{:>3}. {} members: {}\n     break it by removing {} use{}: {}{more}",
                k + 1,
                c.members.len(),
                c.example.join(" → "),
                cut.len(),
                crate::util::s(cut.len()),
                shown.join(", ")
            );
        }
    }
    if !report.hidden_coupling.is_empty() {
        let rows: Vec<[String; 4]> = report
            .hidden_coupling
            .iter()
            .take(top)
            .map(|h| {
                [
                    format!("{}%", h.degree),
                    h.shared.to_string(),
                    h.a.clone(),
                    h.b.clone(),
                ]
            })
            .collect();
        let _ = writeln!(
            out,
            "\nHidden coupling (change together, no dependency within two steps):"
        );
        out.push_str(&super::columns(
            ["DEGREE", "SHARED", "FILE", "FILE"],
            &rows,
            2,
        ));
    }
    out
}

/// Graphviz `dot`: nodes grouped by package, sized by PageRank; cycle members and the edges
/// between them in red, the edges that would break the cycles dashed.
pub fn dot(report: &GraphReport) -> String {
    let mut out = String::new();
    out.push_str("digraph debtscan {\n");
    out.push_str("  graph [rankdir=LR, fontname=\"Helvetica\", fontsize=12];\n");
    out.push_str(
        "  node [shape=box, style=\"rounded,filled\", fillcolor=\"#f4f4f4\", \
         fontname=\"Helvetica\"];\n",
    );
    out.push_str("  edge [color=\"#888888\", arrowsize=0.6];\n");
    let max = report
        .nodes
        .iter()
        .map(|n| n.pagerank)
        .fold(0.0_f64, f64::max)
        .max(f64::MIN_POSITIVE);
    let mut by_package: BTreeMap<Option<&str>, Vec<usize>> = BTreeMap::new();
    for (k, n) in report.nodes.iter().enumerate() {
        let group = match report.granularity.as_str() {
            "package" => None,
            _ => n.package.as_deref(),
        };
        by_package.entry(group).or_default().push(k);
    }
    for (c, (krate, members)) in by_package.iter().enumerate() {
        let indent = if krate.is_some() { "    " } else { "  " };
        if let Some(name) = krate {
            let _ = writeln!(
                out,
                "  subgraph \"cluster_{c}\" {{\n    label=\"{}\";\n    style=\"rounded\";\n    color=\"#bbbbbb\";",
                escape(name)
            );
        }
        for &k in members {
            let n = &report.nodes[k];
            let weight = n.pagerank / max;
            let _ = write!(
                out,
                "{indent}\"n{k}\" [label=\"{}\", fontsize={:.1}, tooltip=\"fan-in {}, fan-out {}, PageRank {:.4}\"",
                escape(&n.id),
                10.0 + 14.0 * weight.sqrt(),
                n.fan_in,
                n.fan_out,
                n.pagerank
            );
            if n.cycle.is_some() {
                out.push_str(", color=\"#c0392b\", fillcolor=\"#fadbd8\"");
            }
            out.push_str("];\n");
        }
        if krate.is_some() {
            out.push_str("  }\n");
        }
    }
    let index: BTreeMap<&str, usize> = report
        .nodes
        .iter()
        .enumerate()
        .map(|(k, n)| (n.id.as_str(), k))
        .collect();
    let cut: HashSet<(&str, &str)> = report
        .cycles
        .iter()
        .flat_map(|c| c.cut.iter().map(|e| (e.from.as_str(), e.to.as_str())))
        .collect();
    for e in &report.edges {
        let (Some(a), Some(b)) = (index.get(e.from.as_str()), index.get(e.to.as_str())) else {
            continue;
        };
        let _ = write!(
            out,
            "  \"n{a}\" -> \"n{b}\" [penwidth={:.2}, tooltip=\"{} reference{}\"",
            1.0 + (f64::from(e.count)).ln(),
            e.count,
            crate::util::s(e.count)
        );
        if e.cycle {
            out.push_str(", color=\"#c0392b\"");
        }
        if cut.contains(&(e.from.as_str(), e.to.as_str())) {
            out.push_str(", style=dashed");
        }
        out.push_str("];\n");
    }
    out.push_str("}\n");
    out
}

/// A string for a double-quoted dot ID.
fn escape(text: &str) -> String {
    text.replace('\\', "\\\\")
        .replace('"', "\\\"")
        .replace('\n', " ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dot_ids_are_escaped() {
        assert_eq!(escape(r#"a"b\c"#), r#"a\"b\\c"#);
    }
}
