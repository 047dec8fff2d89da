#!/usr/bin/env python3
"""Checks the metrics of `debtscan graph --format json` against networkx (the oracle).

networkx is a widely used, independently written graph library, so agreeing with it
is good evidence that our own PageRank, fan-in/out, SCC and cycle-cut code is right.
From the JSON's `nodes[].id` and `edges[]` (one unweighted edge from -> to per entry)
the script builds a networkx DiGraph and checks:

  structure    node ids are unique and every edge endpoint is a node
  pagerank     networkx.pagerank(alpha=0.85, tol=1e-12, max_iter=1000), |diff| <= 1e-4
               (dangling nodes spread uniformly, the networkx default)
  fan_in/out   number of distinct predecessors / successors, exact
  instability  fan_out / (fan_in + fan_out), 0 for an isolated node, |diff| <= 1e-3
  cycles       the strongly connected components with more than one member, each as
               a sorted member list, equal `cycles[].members`
  cut          each `cycles[].cut` edge is an edge of the graph (same count) and
               removing the cut from the subgraph induced by the members leaves it acyclic

Usage: scripts/check-graph.py [--debtscan BINARY] REPO_DIR
       scripts/check-graph.py --json FILE
BINARY defaults to target/release/debtscan under the repository holding this script.
Exit status 0 when every check passes, 1 when one fails, 2 on a usage or setup error.
Needs `pip install networkx scipy` (networkx.pagerank uses scipy and numpy).
"""
import argparse
import json
import os
import subprocess
import sys

try:
    import networkx as nx
    import scipy  # noqa: F401 -- networkx.pagerank needs scipy (and numpy), not installed with networkx
except ImportError as err:
    print(f"error: {err}; run `pip install networkx scipy`", file=sys.stderr)
    sys.exit(2)

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def load(args):
    if args.json:
        try:
            with open(args.json, encoding="utf-8") as f:
                return json.load(f)
        except (OSError, ValueError) as err:
            print(f"error: cannot read {args.json}: {err}", file=sys.stderr)
            sys.exit(2)
    cmd = [args.debtscan, "graph", args.repo, "--format", "json", "--quiet"]
    try:
        run = subprocess.run(cmd, capture_output=True, text=True)
    except OSError as err:
        print(f"error: cannot run {args.debtscan}: {err} (build it with `cargo build --release`?)", file=sys.stderr)
        sys.exit(2)
    if run.returncode != 0:
        print(f"error: {' '.join(cmd)} exited with {run.returncode}\n{run.stderr}", file=sys.stderr)
        sys.exit(2)
    return json.loads(run.stdout)


def report(name, detail, mismatches):
    print(f"{name}: {detail} — {'ok' if not mismatches else f'FAIL ({len(mismatches)} mismatches)'}")
    for m in mismatches[:10]:
        print(f"  {m}")
    return not mismatches


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--debtscan", default=os.path.join(ROOT, "target", "release", "debtscan"),
                        help="debtscan binary (default: %(default)s)")
    parser.add_argument("--json", metavar="FILE", help="read this JSON instead of running debtscan")
    parser.add_argument("repo", nargs="?", metavar="REPO_DIR")
    args = parser.parse_args()
    if not args.json and not args.repo:
        parser.error("give REPO_DIR or --json FILE")
    data = load(args)

    nodes = {n["id"]: n for n in data["nodes"]}
    G = nx.DiGraph()
    G.add_nodes_from(nodes)
    edge_count = {}
    for e in data["edges"]:
        G.add_edge(e["from"], e["to"])
        edge_count[(e["from"], e["to"])] = e.get("count")
    ok = True

    ids = [n["id"] for n in data["nodes"]]
    bad = [f"duplicate node id {i}" for i in sorted(set(i for i in ids if ids.count(i) > 1))] if len(nodes) != len(ids) else []
    bad += [f"edge {e['from']} -> {e['to']}: endpoint is not a node"
            for e in data["edges"] if e["from"] not in nodes or e["to"] not in nodes]
    ok &= report("structure", f"{len(nodes)} nodes, {len(data['edges'])} edges", bad)

    pr = nx.pagerank(G, alpha=0.85, tol=1e-12, max_iter=1000)
    diffs = {i: abs(n.get("pagerank", float("nan")) - pr[i]) for i, n in nodes.items()}
    bad = [f"{i}: debtscan {nodes[i].get('pagerank')} networkx {pr[i]:.9f}"
           for i, d in sorted(diffs.items()) if not d <= 1e-4]
    max_diff = max(diffs.values(), default=0.0)
    ok &= report("pagerank", f"{len(nodes)} nodes, max abs diff {max_diff:.1e}", bad)

    bad = []
    for i, n in sorted(nodes.items()):
        fan_in, fan_out = G.in_degree(i), G.out_degree(i)  # DiGraph: distinct neighbours
        if (n.get("fan_in"), n.get("fan_out")) != (fan_in, fan_out):
            bad.append(f"{i}: debtscan in/out {n.get('fan_in')}/{n.get('fan_out')} networkx {fan_in}/{fan_out}")
    ok &= report("fan_in/fan_out", f"{len(nodes)} nodes", bad)

    bad = []
    for i, n in sorted(nodes.items()):
        fan_in, fan_out = G.in_degree(i), G.out_degree(i)
        expected = fan_out / (fan_in + fan_out) if fan_in + fan_out else 0.0
        if not abs(n.get("instability", float("nan")) - expected) <= 1e-3:
            bad.append(f"{i}: debtscan {n.get('instability')} expected {expected:.6f}")
    ok &= report("instability", f"{len(nodes)} nodes", bad)

    expected = sorted(sorted(c) for c in nx.strongly_connected_components(G) if len(c) > 1)
    actual = sorted(c["members"] for c in data["cycles"])
    bad = [f"only in networkx: {c}" for c in expected if c not in actual]
    bad += [f"only in debtscan: {c}" for c in actual if c not in expected]
    if not bad and len(actual) != len(set(map(tuple, actual))):
        bad.append("debtscan lists a cycle more than once")
    ok &= report("cycles", f"{len(expected)} strongly connected components of size > 1", bad)

    bad = []
    for c in data["cycles"]:
        name = f"cycle {c['members'][:3]}{'...' if len(c['members']) > 3 else ''}"
        cut = {(e["from"], e["to"]) for e in c["cut"]}
        for e in c["cut"]:
            key = (e["from"], e["to"])
            if key not in edge_count:
                bad.append(f"{name}: cut edge {key[0]} -> {key[1]} is not an edge of the graph")
            elif e.get("count") != edge_count[key]:
                bad.append(f"{name}: cut edge {key[0]} -> {key[1]} count {e.get('count')}, edge has {edge_count[key]}")
        rest = nx.DiGraph(G.subgraph(c["members"]))
        rest.remove_edges_from(cut)
        if not nx.is_directed_acyclic_graph(rest):
            bad.append(f"{name}: still cyclic after removing {len(cut)} cut edges, e.g. {nx.find_cycle(rest)}")
    ok &= report("cut", f"{len(data['cycles'])} cycles, {sum(len(c['cut']) for c in data['cycles'])} cut edges", bad)

    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
