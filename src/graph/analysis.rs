//! What the shape of the graph says: strongly connected components (cycles, with an example
//! cycle and a set of edges whose removal breaks them), fan-in, fan-out, instability and
//! PageRank, for files or for files grouped into directories or crates.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet, VecDeque};

use petgraph::graph::{DiGraph, NodeIndex};
use petgraph::visit::EdgeRef as _;

use super::{Counts, FileGraph};
use crate::history::coupling::Pair;
use crate::model::{EdgeRef, GraphCycle, GraphEdge, GraphNode, HiddenCoupling};

/// What a node of the graph stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Granularity {
    /// One node per file (a module and its inline modules).
    File,
    /// One node per directory.
    Directory,
    /// One node per package (a Cargo package; `crate` is accepted for it).
    #[value(alias = "crate")]
    Package,
}

impl Granularity {
    /// The name used in reports.
    pub fn as_str(self) -> &'static str {
        match self {
            Granularity::File => "file",
            Granularity::Directory => "directory",
            Granularity::Package => "package",
        }
    }
}

/// The damping factor of PageRank (the usual 0.85).
pub const DAMPING: f64 = 0.85;

/// Nodes, edges and cycles of the graph at one granularity.
#[derive(Debug, Clone, Default)]
pub struct Analysed {
    /// Nodes in id order.
    pub nodes: Vec<GraphNode>,
    /// Edges in `(from, to)` order.
    pub edges: Vec<GraphEdge>,
    /// Cycles, largest first.
    pub cycles: Vec<GraphCycle>,
}

/// Groups the files of `g` as `granularity` says and measures the result. Every edge is
/// listed, but an edge whose every reference is test-only counts for no measure (fan-in,
/// fan-out, PageRank, cycles) unless `include_test_edges`.
pub fn analyse(g: &FileGraph, granularity: Granularity, include_test_edges: bool) -> Analysed {
    // The group of each file, and each group's files.
    let key = |k: usize| -> String {
        let f = &g.files[k];
        match granularity {
            Granularity::File => f.path.clone(),
            Granularity::Directory => match super::crates::parent(&f.path) {
                "" => ".".to_string(),
                dir => dir.to_string(),
            },
            Granularity::Package => f.package.clone().unwrap_or_else(|| "(no package)".into()),
        }
    };
    let mut groups: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    for k in 0..g.files.len() {
        groups.entry(key(k)).or_default().push(k);
    }
    let ids: Vec<&String> = groups.keys().collect();
    let mut group_of = vec![0; g.files.len()];
    for (k, files) in groups.values().enumerate() {
        for &f in files {
            group_of[f] = k;
        }
    }
    let mut merged: BTreeMap<(usize, usize), Counts> = BTreeMap::new();
    // Group pairs joined by at least one edge that is not a facade's re-export.
    let mut structural: BTreeSet<(usize, usize)> = BTreeSet::new();
    for e in &g.edges {
        let (a, b) = (group_of[e.from], group_of[e.to]);
        if a != b {
            if !is_facade(g, e) {
                structural.insert((a, b));
            }
            let c = merged.entry((a, b)).or_insert(Counts {
                line: u32::MAX,
                ..Counts::default()
            });
            *c = c.merged(&e.counts);
        }
    }
    let pairs: Vec<(usize, usize)> = merged
        .iter()
        .filter(|(_, c)| include_test_edges || !c.test_only())
        .map(|(&k, _)| k)
        .collect();
    let n = ids.len();
    let ranks = pagerank(n, &pairs, DAMPING);
    let mut fan_in = vec![0usize; n];
    let mut fan_out = vec![0usize; n];
    for &(a, b) in &pairs {
        fan_out[a] += 1;
        fan_in[b] += 1;
    }
    // A module that only re-exports its own submodules' items (`pub use self::x::X` in a
    // `mod.rs` whose children `use super::…`) is a facade, not a cycle anyone has to break:
    // uses of the items already resolve to the defining module.
    let cycle_pairs: Vec<(usize, usize)> = pairs
        .iter()
        .copied()
        .filter(|k| structural.contains(k))
        .collect();
    let cycles = cycles(n, &cycle_pairs);
    let mut cycle_of = vec![None; n];
    for (c, members) in cycles.iter().enumerate() {
        for &m in &members.members {
            cycle_of[m] = Some(c);
        }
    }
    let mut order: Vec<usize> = (0..n).collect();
    order.sort_by(|&a, &b| ranks[b].total_cmp(&ranks[a]).then(a.cmp(&b)));
    let mut rank = vec![0; n];
    for (r, &k) in order.iter().enumerate() {
        rank[k] = r + 1;
    }
    let name = |k: usize| ids[k].clone();
    let nodes = (0..n)
        .map(|k| {
            let files = &groups[ids[k]];
            let first = &g.files[files[0]];
            let same = |f: &dyn Fn(&super::FileNode) -> &Option<String>| {
                files
                    .iter()
                    .all(|&i| f(&g.files[i]) == f(first))
                    .then(|| f(first).clone())
                    .flatten()
            };
            GraphNode {
                id: name(k),
                package: same(&|f| &f.package),
                module: match granularity {
                    Granularity::File => first.module.clone(),
                    _ => None,
                },
                files: files.len(),
                lines: files.iter().map(|&i| u64::from(g.files[i].lines)).sum(),
                fan_in: fan_in[k],
                fan_out: fan_out[k],
                instability: crate::util::round3(instability(fan_in[k], fan_out[k])),
                pagerank: (ranks[k] * 1e6).round() / 1e6,
                rank: rank[k],
                cycle: cycle_of[k],
            }
        })
        .collect();
    let edge_ref = |a: usize, b: usize| EdgeRef {
        from: name(a),
        to: name(b),
        count: merged[&(a, b)].total(),
    };
    let edges = merged
        .iter()
        .map(|(&(a, b), counts)| GraphEdge {
            from: name(a),
            to: name(b),
            count: counts.total(),
            kinds: *counts,
            line: counts.line,
            cycle: cycle_of[a].is_some()
                && cycle_of[a] == cycle_of[b]
                && (include_test_edges || !counts.test_only())
                && structural.contains(&(a, b)),
        })
        .collect();
    let cycles = cycles
        .into_iter()
        .map(|c| GraphCycle {
            members: c.members.iter().map(|&m| name(m)).collect(),
            edges: c.edges.iter().map(|&(a, b)| edge_ref(a, b)).collect(),
            cut: c.cut.iter().map(|&(a, b)| edge_ref(a, b)).collect(),
            example: c.example.iter().map(|&m| name(m)).collect(),
        })
        .collect();
    Analysed {
        nodes,
        edges,
        cycles,
    }
}

/// `fan_out / (fan_in + fan_out)`: 0 for a module only depended on, 1 for one that only
/// depends (Robert C. Martin's instability), 0 when isolated.
pub fn instability(fan_in: usize, fan_out: usize) -> f64 {
    match fan_in + fan_out {
        0 => 0.0,
        total => fan_out as f64 / total as f64,
    }
}

/// PageRank of the nodes `0..n` over distinct directed `edges` (no self loops), by power
/// iteration: a node with no out-edge spreads its rank over all nodes, as networkx does.
/// petgraph's `page_rank` is not used: it is quadratic in the number of nodes per iteration
/// and leaves out the random jump for linked pairs.
pub fn pagerank(n: usize, edges: &[(usize, usize)], damping: f64) -> Vec<f64> {
    if n == 0 {
        return Vec::new();
    }
    let mut out_degree = vec![0usize; n];
    for &(a, _) in edges {
        out_degree[a] += 1;
    }
    let uniform = 1.0 / n as f64;
    let mut rank = vec![uniform; n];
    for _ in 0..1000 {
        let dangling: f64 = (0..n)
            .filter(|&k| out_degree[k] == 0)
            .map(|k| rank[k])
            .sum();
        let base = (1.0 - damping) * uniform + damping * dangling * uniform;
        let mut next = vec![base; n];
        for &(a, b) in edges {
            next[b] += damping * rank[a] / out_degree[a] as f64;
        }
        let change: f64 = next.iter().zip(&rank).map(|(x, y)| (x - y).abs()).sum();
        rank = next;
        if change < 1e-12 * n as f64 {
            break;
        }
    }
    rank
}

/// A strongly connected component of more than one node.
struct Component {
    /// Members, ascending.
    members: Vec<usize>,
    /// Its edges.
    edges: Vec<(usize, usize)>,
    /// Edges whose removal leaves it acyclic (greedy feedback arc set).
    cut: Vec<(usize, usize)>,
    /// A shortest cycle through its first member, first member repeated at the end.
    example: Vec<usize>,
}

fn cycles(n: usize, pairs: &[(usize, usize)]) -> Vec<Component> {
    let mut graph: DiGraph<(), ()> = DiGraph::with_capacity(n, pairs.len());
    for _ in 0..n {
        graph.add_node(());
    }
    for &(a, b) in pairs {
        graph.add_edge(NodeIndex::new(a), NodeIndex::new(b), ());
    }
    // Kosaraju's algorithm is iterative: a long chain of modules cannot overflow the stack.
    let mut out: Vec<Component> = petgraph::algo::kosaraju_scc(&graph)
        .into_iter()
        .filter(|c| c.len() > 1)
        .map(|c| {
            let mut members: Vec<usize> = c.iter().map(|n| n.index()).collect();
            members.sort_unstable();
            let inside: HashSet<usize> = members.iter().copied().collect();
            let edges: Vec<(usize, usize)> = pairs
                .iter()
                .copied()
                .filter(|(a, b)| inside.contains(a) && inside.contains(b))
                .collect();
            let local: HashMap<usize, usize> =
                members.iter().enumerate().map(|(k, &m)| (m, k)).collect();
            let mut sub: DiGraph<(), ()> = DiGraph::new();
            for _ in &members {
                sub.add_node(());
            }
            for &(a, b) in &edges {
                sub.add_edge(NodeIndex::new(local[&a]), NodeIndex::new(local[&b]), ());
            }
            let mut cut: Vec<(usize, usize)> = petgraph::algo::greedy_feedback_arc_set(&sub)
                .map(|e| (members[e.source().index()], members[e.target().index()]))
                .collect();
            cut.sort_unstable();
            let example = shortest_cycle(members[0], &edges);
            Component {
                members,
                edges,
                cut,
                example,
            }
        })
        .collect();
    out.sort_by(|a, b| {
        b.members
            .len()
            .cmp(&a.members.len())
            .then(a.members.cmp(&b.members))
    });
    out
}

/// Whether `e` is a facade's edge: every reference a re-export, from a module to one of its
/// own submodules (`pub use self::x::X` in the parent of `x`).
fn is_facade(g: &FileGraph, e: &super::Edge) -> bool {
    let (Some(parent), Some(child)) = (&g.files[e.from].module, &g.files[e.to].module) else {
        return false;
    };
    e.counts.reexport_only()
        && child
            .strip_prefix(parent.as_str())
            .is_some_and(|rest| rest.starts_with("::"))
}

/// The shortest cycle from `start` back to itself over `edges` (all inside one component).
fn shortest_cycle(start: usize, edges: &[(usize, usize)]) -> Vec<usize> {
    let mut next: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for &(a, b) in edges {
        next.entry(a).or_default().push(b);
    }
    let mut came_from: HashMap<usize, usize> = HashMap::new();
    let mut queue = VecDeque::from([start]);
    while let Some(at) = queue.pop_front() {
        for &n in next.get(&at).into_iter().flatten() {
            if n == start {
                let mut path = vec![at];
                let mut k = at;
                while k != start {
                    k = came_from[&k];
                    path.push(k);
                }
                path.reverse();
                path.push(start);
                return path;
            }
            if let std::collections::hash_map::Entry::Vacant(v) = came_from.entry(n) {
                v.insert(at);
                queue.push_back(n);
            }
        }
    }
    vec![start]
}

/// Change-coupled pairs of files (from history) with no dependency path between them of at
/// most two edges, in either direction: coupling the code does not explain. Pairs where
/// either file is not in the graph (not source code of a graphed language) are left out.
pub fn hidden_coupling(g: &FileGraph, pairs: &[Pair], min_degree: u32) -> Vec<HiddenCoupling> {
    let index: HashMap<&str, usize> = g
        .files
        .iter()
        .enumerate()
        .map(|(k, f)| (f.path.as_str(), k))
        .collect();
    let mut next: Vec<HashSet<usize>> = vec![HashSet::new(); g.files.len()];
    for e in &g.edges {
        next[e.from].insert(e.to);
    }
    let reaches =
        |a: usize, b: usize| next[a].contains(&b) || next[a].iter().any(|&m| next[m].contains(&b));
    let mut out: Vec<HiddenCoupling> = pairs
        .iter()
        .filter(|p| p.degree >= min_degree)
        .filter(|p| !is_own_test(&p.path_a, &p.path_b) && !is_own_test(&p.path_b, &p.path_a))
        .filter_map(|p| {
            let (&a, &b) = (index.get(p.path_a.as_str())?, index.get(p.path_b.as_str())?);
            (!reaches(a, b) && !reaches(b, a)).then(|| HiddenCoupling {
                a: p.path_a.clone(),
                b: p.path_b.clone(),
                degree: p.degree,
                shared: p.shared,
                revisions_a: p.revisions_a,
                revisions_b: p.revisions_b,
            })
        })
        .collect();
    out.sort_by(|x, y| {
        y.degree
            .cmp(&x.degree)
            .then(x.a.cmp(&y.a))
            .then(x.b.cmp(&y.b))
    });
    out
}

/// Whether `test` is the test file of `source`: expected to change with it, whatever the
/// imports say. Same name under a `tests/` or `spec/` directory (`src/x.rs`, `tests/x.rs`),
/// or the name with `_test`, `_tests`, `_spec` after or `test_` before it (`x_test.rs`).
/// A `mod.rs` or `init.lua` is named after its directory.
pub fn is_own_test(source: &str, test: &str) -> bool {
    let (Some(s), Some(t)) = (module_name(source), module_name(test)) else {
        return false;
    };
    let in_tests = test
        .split('/')
        .rev()
        .skip(1)
        .any(|dir| dir == "tests" || dir == "spec")
        && !source.split('/').any(|dir| dir == "tests" || dir == "spec");
    (in_tests && s == t)
        || ["_test", "_tests", "_spec"]
            .iter()
            .any(|suffix| t.strip_suffix(suffix) == Some(s))
        || t.strip_prefix("test_") == Some(s)
}

/// The name of the module a file holds: its stem, or its directory's name for `mod.rs`,
/// `init.lua` and the like.
fn module_name(path: &str) -> Option<&str> {
    let mut parts = path.rsplit('/');
    let file = parts.next()?;
    let stem = file.rsplit_once('.').map_or(file, |(stem, _)| stem);
    match stem {
        "mod" | "init" => parts.next(),
        "" => None,
        stem => Some(stem),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn files_and_their_own_tests() {
        assert!(is_own_test("src/parser.rs", "tests/parser.rs"));
        assert!(is_own_test("crates/a/src/x.rs", "crates/a/tests/x.rs"));
        assert!(is_own_test("src/net/mod.rs", "tests/net.rs"));
        assert!(is_own_test("lua/app/util.lua", "spec/app/util_spec.lua"));
        assert!(is_own_test("pkg/x.rs", "pkg/x_test.rs"));
        assert!(is_own_test("pkg/x.rs", "other/test_x.rs"));
        assert!(!is_own_test("src/parser.rs", "src/lexer.rs"));
        assert!(!is_own_test("src/parser.rs", "tests/lexer.rs"));
        assert!(!is_own_test("tests/x.rs", "src/x.rs"));
        assert!(!is_own_test("src/x.rs", "src/other/x.rs"));
        assert!(!is_own_test("", "tests/"));
    }

    #[test]
    fn pagerank_matches_networkx() {
        // networkx.pagerank(DiGraph([(0,1),(1,0),(1,2),(2,3),(3,4),(4,2)] + node 5), 0.85)
        let edges = [(0, 1), (1, 0), (1, 2), (2, 3), (3, 4), (4, 2)];
        let r = pagerank(6, &edges, DAMPING);
        let expected = [
            0.064_978, 0.084_358, 0.287_086, 0.273_149, 0.261_303, 0.029_126,
        ];
        for (k, (got, want)) in r.iter().zip(expected).enumerate() {
            assert!((got - want).abs() < 1e-5, "node {k}: {got} vs {want}");
        }
        assert!((r.iter().sum::<f64>() - 1.0).abs() < 1e-9);
        assert!(pagerank(0, &[], DAMPING).is_empty());
    }

    #[test]
    fn cycles_with_example_and_cut() {
        // 0 ⇄ 1, 2 → 3 → 4 → 2, 1 → 2, 5 alone.
        let pairs = [(0, 1), (1, 0), (1, 2), (2, 3), (3, 4), (4, 2)];
        let c = cycles(6, &pairs);
        assert_eq!(c.len(), 2);
        assert_eq!(c[0].members, [2, 3, 4]);
        assert_eq!(c[0].example, [2, 3, 4, 2]);
        assert_eq!(c[0].cut.len(), 1);
        assert_eq!(c[1].members, [0, 1]);
        assert_eq!(c[1].example, [0, 1, 0]);
        assert_eq!(c[1].edges, [(0, 1), (1, 0)]);
    }

    #[test]
    fn a_long_chain_does_not_overflow() {
        let n = 20_000;
        let mut pairs: Vec<(usize, usize)> = (0..n - 1).map(|k| (k, k + 1)).collect();
        pairs.push((n - 1, 0));
        let c = cycles(n, &pairs);
        assert_eq!(c.len(), 1);
        assert_eq!(c[0].members.len(), n);
        assert_eq!(c[0].example.len(), n + 1);
    }

    #[test]
    fn instability_bounds() {
        assert_eq!(instability(0, 0), 0.0);
        assert_eq!(instability(3, 0), 0.0);
        assert_eq!(instability(0, 2), 1.0);
        assert!((instability(1, 2) - 2.0 / 3.0).abs() < 1e-12);
    }
}
