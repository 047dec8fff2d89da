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
    // Group pairs joined by at least one edge that is not a facade's re-export: an edge whose
    // every reference is a named re-export the file's own code does not use (`pub use
    // self::x::X` in the parent of `x`, `pub use crate::form::Form` in a sibling). A
    // re-export is a name, not a use: whoever uses the item reaches its defining module
    // (uses are followed through re-exports), so the re-exporting module depends on nothing
    // there. A re-exported name the file's code uses too is a use (`parse::imports`).
    let mut structural: BTreeSet<(usize, usize)> = BTreeSet::new();
    for e in &g.edges {
        let (a, b) = (group_of[e.from], group_of[e.to]);
        if a != b {
            if !e.counts.reexport_only(include_test_edges) {
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
    // A facade's re-exports (see `structural`) make no cycle anyone has to break.
    let cycle_pairs: Vec<(usize, usize)> = pairs
        .iter()
        .copied()
        .filter(|k| structural.contains(k))
        .collect();
    let weighted: Vec<(usize, usize, u32)> = cycle_pairs
        .iter()
        .map(|&(a, b)| (a, b, merged[&(a, b)].total()))
        .collect();
    let cycles = cycles(n, &weighted);
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
            // Where the file uses the other, before where it only re-exports from it: a
            // `pub use child::*` publishes a module, it is not what ties the two together.
            line: match counts.use_line {
                0 => counts.line,
                first => first,
            },
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
    /// A cycle through its first member, repeated at the end: a shortest one that starts with
    /// a use on the cut when the first member has one, else a shortest one.
    example: Vec<usize>,
}

/// The components of more than one node of the graph over `pairs` (`(from, to, references)`).
fn cycles(n: usize, pairs: &[(usize, usize, u32)]) -> Vec<Component> {
    let mut graph: DiGraph<(), ()> = DiGraph::with_capacity(n, pairs.len());
    for _ in 0..n {
        graph.add_node(());
    }
    for &(a, b, _) in pairs {
        graph.add_edge(NodeIndex::new(a), NodeIndex::new(b), ());
    }
    // Kosaraju's algorithm is iterative: a long chain of modules cannot overflow the stack.
    let mut out: Vec<Component> = petgraph::algo::kosaraju_scc(&graph)
        .into_iter()
        .filter(|c| c.len() > 1)
        .map(|c| {
            let mut members: Vec<usize> = c.iter().map(|n| n.index()).collect();
            members.sort_unstable();
            let local: HashMap<usize, usize> =
                members.iter().enumerate().map(|(k, &m)| (m, k)).collect();
            let inside: Vec<(usize, usize, u32)> = pairs
                .iter()
                .filter_map(|&(a, b, w)| Some((*local.get(&a)?, *local.get(&b)?, w)))
                .collect();
            let edges: Vec<(usize, usize)> = inside
                .iter()
                .map(|&(a, b, _)| (members[a], members[b]))
                .collect();
            let mut cut: Vec<(usize, usize)> = light_cut(members.len(), &inside)
                .into_iter()
                .map(|k| (members[inside[k].0], members[inside[k].1]))
                .collect();
            cut.sort_unstable();
            let next = successors(&edges);
            let example = cut_cycle(members[0], &cut, &next)
                .or_else(|| shortest_path(members[0], members[0], &next))
                .unwrap_or_else(|| vec![members[0]]);
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

/// Indices into `edges` (`(from, to, references)` over the nodes `0..n` of one strongly
/// connected component) whose removal leaves it acyclic, removing few references: what
/// breaking the cycle costs is the references someone has to rewrite, not the edges. The
/// lighter of two heuristics (a minimum feedback arc set is NP-hard), each pruned so no edge
/// of it could stay: petgraph's greedy feedback arc set (few edges) and the same ordering
/// heuristic (Eades, Lin and Smyth) with edges weighted by their references.
fn light_cut(n: usize, edges: &[(usize, usize, u32)]) -> Vec<usize> {
    if n <= EXACT_CUT_NODES {
        return exact_cut(n, edges);
    }
    let mut graph: DiGraph<(), ()> = DiGraph::with_capacity(n, edges.len());
    for _ in 0..n {
        graph.add_node(());
    }
    for &(a, b, _) in edges {
        graph.add_edge(NodeIndex::new(a), NodeIndex::new(b), ());
    }
    let greedy: Vec<usize> = petgraph::algo::greedy_feedback_arc_set(&graph)
        .map(|e| e.id().index())
        .collect();
    let greedy = minimal_cut(n, edges, greedy);
    let weighted = minimal_cut(n, edges, weighted_order_cut(n, edges));
    let cost = |cut: &[usize]| -> (u64, usize) {
        let refs = cut.iter().map(|&k| u64::from(edges[k].2)).sum();
        (refs, cut.len())
    };
    if cost(&weighted) < cost(&greedy) {
        weighted
    } else {
        greedy
    }
}

/// Components up to this many nodes get the lightest cut there is (2ⁿ subsets to try); most
/// cycles are this small.
const EXACT_CUT_NODES: usize = 12;

/// The lightest cut of a small component, fewest edges among equals: the backward edges of
/// the best order of its nodes, by dynamic programming over the sets of nodes placed first
/// (placing `v` after the set `S` makes its edges into `S` backward).
fn exact_cut(n: usize, edges: &[(usize, usize, u32)]) -> Vec<usize> {
    let cost = |w: u32| (u64::from(w) << 20) + 1;
    let mut best = vec![u64::MAX; 1 << n];
    let mut last = vec![0usize; 1 << n];
    best[0] = 0;
    for set in 0..(1usize << n) {
        if best[set] == u64::MAX {
            continue;
        }
        for v in (0..n).filter(|&v| set & (1 << v) == 0) {
            let backward: u64 = edges
                .iter()
                .filter(|&&(a, b, _)| a == v && set & (1 << b) != 0)
                .map(|&(_, _, w)| cost(w))
                .sum();
            let next = set | (1 << v);
            if best[set] + backward < best[next] {
                best[next] = best[set] + backward;
                last[next] = v;
            }
        }
    }
    let mut position = vec![0; n];
    let mut set = (1usize << n) - 1;
    for p in (0..n).rev() {
        let v = last[set];
        position[v] = p;
        set &= !(1 << v);
    }
    (0..edges.len())
        .filter(|&k| position[edges[k].0] > position[edges[k].1])
        .collect()
}

/// The backward edges of an order of the nodes built as Eades, Lin and Smyth do, with weights:
/// sinks go last, sources first, otherwise the node whose outgoing references most exceed its
/// incoming ones goes first.
fn weighted_order_cut(n: usize, edges: &[(usize, usize, u32)]) -> Vec<usize> {
    let mut outs: Vec<Vec<usize>> = vec![Vec::new(); n];
    let mut ins: Vec<Vec<usize>> = vec![Vec::new(); n];
    for (k, &(a, b, _)) in edges.iter().enumerate() {
        if a != b {
            outs[a].push(k);
            ins[b].push(k);
        }
    }
    let mut out_degree: Vec<usize> = outs.iter().map(Vec::len).collect();
    let mut in_degree: Vec<usize> = ins.iter().map(Vec::len).collect();
    let mut balance: Vec<i64> = vec![0; n];
    for &(a, b, w) in edges.iter().filter(|e| e.0 != e.1) {
        balance[a] += i64::from(w);
        balance[b] -= i64::from(w);
    }
    let mut placed = vec![false; n];
    let (mut front, mut back) = (Vec::with_capacity(n), Vec::new());
    // Nodes to look at again: their degrees fell to zero.
    let mut pending: Vec<usize> = (0..n).rev().collect();
    let mut remaining = n;
    while remaining > 0 {
        while let Some(v) = pending.pop() {
            if placed[v] || (out_degree[v] > 0 && in_degree[v] > 0) {
                continue;
            }
            if out_degree[v] == 0 {
                back.push(v);
            } else {
                front.push(v);
            }
            placed[v] = true;
            remaining -= 1;
            for &k in &outs[v] {
                let (_, b, w) = edges[k];
                if !placed[b] {
                    in_degree[b] -= 1;
                    balance[b] += i64::from(w);
                    pending.push(b);
                }
            }
            for &k in &ins[v] {
                let (a, _, w) = edges[k];
                if !placed[a] {
                    out_degree[a] -= 1;
                    balance[a] -= i64::from(w);
                    pending.push(a);
                }
            }
        }
        // Every node left has edges both ways: the one that most wants to go first does.
        let Some(v) = (0..n)
            .filter(|&v| !placed[v])
            .max_by(|&a, &b| balance[a].cmp(&balance[b]).then(b.cmp(&a)))
        else {
            break;
        };
        // Placing it first drops its edges as a source would.
        in_degree[v] = 0;
        pending.push(v);
    }
    let mut position = vec![0; n];
    for (p, &v) in front.iter().chain(back.iter().rev()).enumerate() {
        position[v] = p;
    }
    (0..edges.len())
        .filter(|&k| position[edges[k].0] >= position[edges[k].1])
        .collect()
}

/// `cut` without the edges that can stay: each, heaviest first, is put back when it closes no
/// cycle with what is not cut.
fn minimal_cut(n: usize, edges: &[(usize, usize, u32)], cut: Vec<usize>) -> Vec<usize> {
    let mut kept = vec![true; edges.len()];
    for &k in &cut {
        kept[k] = false;
    }
    let mut order = cut;
    order.sort_by(|&x, &y| edges[y].2.cmp(&edges[x].2).then(x.cmp(&y)));
    let mut outs: Vec<Vec<usize>> = vec![Vec::new(); n];
    for (k, &(a, _, _)) in edges.iter().enumerate() {
        outs[a].push(k);
    }
    let mut cut = Vec::new();
    for k in order {
        let (a, b, _) = edges[k];
        // `a → b` closes a cycle when `b` reaches `a` over the edges kept.
        let mut seen = vec![false; n];
        let mut stack = vec![b];
        seen[b] = true;
        let mut closes = false;
        while let Some(v) = stack.pop() {
            if v == a {
                closes = true;
                break;
            }
            for &e in &outs[v] {
                let to = edges[e].1;
                if kept[e] && !seen[to] {
                    seen[to] = true;
                    stack.push(to);
                }
            }
        }
        if closes {
            cut.push(k);
        } else {
            kept[k] = true;
        }
    }
    cut.sort_unstable();
    cut
}

/// The module a cycle lives in, if it is cohesive: every member is one module or a child it
/// declares (`mod x;`), that module a member when it is a crate root. A parent and its
/// children that use each other are one module split into files; the parent is often no
/// member, since its re-exports are a facade (see [`analyse`]). A crate root's children
/// without it are the crate's top-level modules, whose cycles are between modules. `members` are `(path, module)`:
/// module paths (`tokio::net::unix`) decide when every member has one, otherwise paths do
/// (`a.rs`, `a/mod.rs` or `a/init.lua` is the parent of `a/b.rs`; a member `lib.rs` or
/// `main.rs` is a crate root).
pub fn cohesive_module(members: &[(&str, Option<&str>)]) -> Option<String> {
    if members.len() < 2 {
        return None;
    }
    let modules: Option<Vec<&str>> = members.iter().map(|m| m.1).collect();
    let by_module = modules.is_some();
    let keys: Vec<&str> =
        modules.unwrap_or_else(|| members.iter().map(|m| path_module(m.0)).collect());
    let parent = |key: &'_ str| -> Option<String> {
        let sep = if by_module { "::" } else { "/" };
        key.rsplit_once(sep).map(|(p, _)| p.to_string())
    };
    let root = |key: &str| match by_module {
        true => !key.contains("::"),
        false => {
            key.is_empty()
                || members.iter().any(|m| {
                    path_module(m.0) == key
                        && matches!(m.0.rsplit('/').next(), Some("lib.rs" | "main.rs"))
                })
        }
    };
    keys.iter()
        .flat_map(|&k| [Some(k.to_string()), parent(k)])
        .flatten()
        // A crate root and the children it declares are cohesive; its children alone are not.
        .filter(|p| !root(p) || keys.contains(&p.as_str()))
        .find(|p| {
            keys.iter()
                .all(|&k| k == p.as_str() || parent(k).as_deref() == Some(p.as_str()))
        })
}

/// A file's module as its path names it: the path without its extension, or its directory
/// for `mod.rs`, `lib.rs`, `main.rs` and `init.lua`.
pub(crate) fn path_module(path: &str) -> &str {
    let stem = path.rsplit_once('.').map_or(path, |(stem, _)| stem);
    match stem.rsplit_once('/') {
        Some((dir, "mod" | "lib" | "main" | "init")) => dir,
        None if matches!(stem, "mod" | "lib" | "main" | "init") => "",
        _ => stem,
    }
}

/// Each node's successors over `edges`.
fn successors(edges: &[(usize, usize)]) -> BTreeMap<usize, Vec<usize>> {
    let mut next: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for &(a, b) in edges {
        next.entry(a).or_default().push(b);
    }
    next
}

/// A shortest cycle that starts with one of `start`'s uses on the `cut` (the first of equals):
/// the example then shows what to break. The shortest cycle through `start` was often a module
/// and its own child using each other (helix's `commands.rs` → `commands/lsp.rs` →
/// `commands.rs`, in a 28-file cycle whose cut is elsewhere).
fn cut_cycle(
    start: usize,
    cut: &[(usize, usize)],
    next: &BTreeMap<usize, Vec<usize>>,
) -> Option<Vec<usize>> {
    cut.iter()
        .filter(|&&(from, _)| from == start)
        .filter_map(|&(_, to)| {
            let mut cycle = vec![start];
            cycle.extend(shortest_path(to, start, next)?);
            Some(cycle)
        })
        .min_by_key(Vec::len)
}

/// A shortest path of at least one edge from `from` to `goal` over `next`, both ends included
/// (breadth first, successors in order): with `goal` = `from`, a shortest cycle through it.
fn shortest_path(
    from: usize,
    goal: usize,
    next: &BTreeMap<usize, Vec<usize>>,
) -> Option<Vec<usize>> {
    let mut came_from: HashMap<usize, usize> = HashMap::new();
    let mut queue = VecDeque::from([from]);
    while let Some(at) = queue.pop_front() {
        for &n in next.get(&at).into_iter().flatten() {
            let std::collections::hash_map::Entry::Vacant(v) = came_from.entry(n) else {
                continue;
            };
            v.insert(at);
            if n == goal {
                let mut path = vec![goal];
                let mut k = goal;
                loop {
                    k = came_from[&k];
                    path.push(k);
                    if k == from {
                        break;
                    }
                }
                path.reverse();
                return Some(path);
            }
            queue.push_back(n);
        }
    }
    None
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
    // Files of one module (a Go package, whose files see each other without imports) depend on
    // each other by construction.
    let same_module = |a: usize, b: usize| {
        let (x, y) = (&g.files[a].module, &g.files[b].module);
        x.is_some() && x == y
    };
    let mut out: Vec<HiddenCoupling> = pairs
        .iter()
        .filter(|p| p.degree >= min_degree)
        .filter(|p| !is_own_test(&p.path_a, &p.path_b) && !is_own_test(&p.path_b, &p.path_a))
        .filter_map(|p| {
            let (&a, &b) = (index.get(p.path_a.as_str())?, index.get(p.path_b.as_str())?);
            (!reaches(a, b) && !reaches(b, a) && !same_module(a, b)).then(|| HiddenCoupling {
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
    // Java's and C#'s `FooTest`, `FooTests`, `FooIT`, `TestFoo` beside the others' `foo_test`.
    (in_tests && s == t)
        || ["_test", "_tests", "_spec", "Test", "Tests", "IT", "Spec"]
            .iter()
            .any(|suffix| t.strip_suffix(suffix) == Some(s))
        || ["test_", "Test"]
            .iter()
            .any(|prefix| t.strip_prefix(prefix) == Some(s))
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
        let pairs = [(0, 1), (1, 0), (1, 2), (2, 3), (3, 4), (4, 2)].map(|(a, b)| (a, b, 1));
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
    fn the_example_starts_with_the_first_members_use_on_the_cut() {
        // 0 ⇄ 1 heavily (a module and its child), 0 → 2 → 3 → 0 lightly through 0 → 2.
        let pairs = [(0, 1, 9), (1, 0, 9), (0, 2, 1), (2, 3, 9), (3, 0, 9)];
        let c = cycles(4, &pairs);
        assert_eq!(c.len(), 1);
        assert!(c[0].cut.contains(&(0, 2)), "{:?}", c[0].cut);
        assert_eq!(c[0].example, [0, 2, 3, 0]);
    }

    #[test]
    fn a_long_chain_does_not_overflow() {
        let n = 20_000;
        let mut pairs: Vec<(usize, usize, u32)> = (0..n - 1).map(|k| (k, k + 1, 1)).collect();
        pairs.push((n - 1, 0, 1));
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

    #[test]
    fn the_cut_removes_few_references() {
        // 0 ⇄ 1: the lighter direction is cut, whatever the greedy order picks.
        for (heavy, light) in [((0, 1), (1, 0)), ((1, 0), (0, 1))] {
            let pairs = [(heavy.0, heavy.1, 20), (light.0, light.1, 1)];
            let c = cycles(2, &pairs);
            assert_eq!(c[0].cut, [light], "{pairs:?}");
        }
        // A triangle 0 → 1 → 2 → 0 with a chord 1 → 0: two light edges (0 → 1 alone would do,
        // but it carries 30 references) beat one heavy one.
        let pairs = [(0, 1, 30), (1, 2, 1), (2, 0, 5), (1, 0, 1)];
        let c = cycles(3, &pairs);
        let refs: u32 = c[0]
            .cut
            .iter()
            .map(|e| pairs.iter().find(|p| (p.0, p.1) == *e).unwrap().2)
            .sum();
        assert_eq!(refs, 2, "{:?}", c[0].cut);
        // No edge of a cut could stay.
        let pairs = [(0, 1, 1), (1, 2, 1), (2, 0, 1), (2, 1, 1), (1, 0, 1)];
        let c = cycles(3, &pairs);
        assert_eq!(c[0].cut.len(), 2, "{:?}", c[0].cut);
    }

    #[test]
    fn a_parent_and_the_children_it_declares_are_cohesive() {
        let m = |p: &'static str, m: &'static str| (p, Some(m));
        let cohesive = |ms: &[(&str, Option<&str>)]| cohesive_module(ms);
        // By module path: a parent with its children, or children whose parent's uses of
        // them are a facade.
        let unix = [
            m("src/net/unix/mod.rs", "tokio::net::unix"),
            m("src/net/unix/split.rs", "tokio::net::unix::split"),
            m("src/net/unix/stream.rs", "tokio::net::unix::stream"),
        ];
        assert_eq!(cohesive(&unix).as_deref(), Some("tokio::net::unix"));
        assert_eq!(cohesive(&unix[1..]).as_deref(), Some("tokio::net::unix"));
        // A grandchild, modules under two parents, or a crate root's modules without it are
        // not.
        let deeper = [
            m("src/a.rs", "x::a"),
            m("src/a/b.rs", "x::a::b"),
            m("src/a/b/c.rs", "x::a::b::c"),
        ];
        assert_eq!(cohesive(&deeper), None);
        let apart = [m("src/a/b.rs", "x::a::b"), m("src/c/d.rs", "x::c::d")];
        assert_eq!(cohesive(&apart), None);
        let top = [
            m("src/dir.rs", "ignore::dir"),
            m("src/walk.rs", "ignore::walk"),
        ];
        assert_eq!(cohesive(&top), None);
        let root = [m("src/lib.rs", "ignore"), m("src/walk.rs", "ignore::walk")];
        assert_eq!(cohesive(&root).as_deref(), Some("ignore"));
        // By path, when a member has no module path.
        let paths = |ps: &[&'static str]| ps.iter().map(|p| (*p, None)).collect::<Vec<_>>();
        assert_eq!(
            cohesive(&paths(&["src/a/b.rs", "src/a.rs"])).as_deref(),
            Some("src/a")
        );
        assert_eq!(
            cohesive(&paths(&["src/a/mod.rs", "src/a/b.rs", "src/a/c.rs"])).as_deref(),
            Some("src/a")
        );
        assert_eq!(
            cohesive(&paths(&["lua/app/init.lua", "lua/app/ui.lua"])).as_deref(),
            Some("lua/app")
        );
        assert_eq!(
            cohesive(&paths(&["src/lib.rs", "src/walk.rs"])).as_deref(),
            Some("src")
        );
        assert_eq!(cohesive(&paths(&["a.rs", "b.rs"])), None);
        assert_eq!(cohesive(&paths(&["src/a.rs", "src/b/c.rs"])), None);
        assert_eq!(cohesive(&paths(&["src/a/b.rs"])), None);
    }
}
