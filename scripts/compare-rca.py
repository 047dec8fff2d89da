#!/usr/bin/env python3
"""Compares debtscan's per-function complexity with rust-code-analysis-cli's on a repository.

Usage:
    scripts/compare-rca.py REPO [--debtscan BIN] [--rca BIN] [--limit N] [--list]
                                [--closure-lines N] [--near N] [--top N]
    scripts/compare-rca.py REPO --rca-only          # rca's side alone: counts and a few records
    scripts/compare-rca.py REPO --debtscan-json F   # read debtscan's JSON from F instead of running it

    --debtscan BIN     debtscan binary (default: target/release/debtscan under this script's repo)
    --rca BIN          rust-code-analysis-cli (default: /work/tools/rca/bin/rust-code-analysis-cli;
                       install: cargo install rust-code-analysis-cli --root /work/tools/rca --locked)
    --limit N          compare only the first N files (sorted) that debtscan reports functions in
    --list             also print every disagreement and every unmatched function
    --closure-lines N  debtscan's threshold for a closure to be a function of its own (default 20)
    --near N           name fallback: start lines may differ by at most N (default 3)

debtscan's side is `debtscan functions REPO --format json`:
    {"schema_version": 1, "functions": [{"path": "src/x.rs", "symbol": "Client::retry",
      "start_line": 10, "end_line": 40, "cyclomatic": 5, "cognitive": 7, "lines": 31,
      "nesting": 2, "params": 2}, ...]}
Only files in which debtscan reports at least one function are compared: debtscan skips
generated, vendored and huge files and its config may exclude directories, and a file that
yields no function is indistinguishable from a skipped one. Files where only rca finds functions
are counted apart and not held against either side.

rust-code-analysis-cli (0.0.25, tree-sitter-rust 0.20.3) output, `-m -O json -p FILE` (repeat -p
for more files): one JSON object per line and file, a tree of "spaces". Each space has "name",
"kind" ("unit" for the file, "impl", "trait", "function"), "start_line", "end_line" (1-based;
a function starts at its `fn` line or its visibility; attributes and doc comments are not part
of it), "spaces" (its child spaces) and "metrics". Closures are spaces of kind "function" named
"<anonymous>"; a nested fn is a child function space; trait methods without a body are no space.
Functions inside macro invocations (tokio's `cfg_rt! { ... }`, `macro_rules!`) are not seen.

The per-space metric values are NOT the space's own values: rca serialises only aggregates over
the space and all spaces nested in it. "cyclomatic.sum" = own + the sums of the child spaces
(every space, closures and nested fns included, starts at 1), "cognitive.sum" likewise,
"nargs.total_functions" / "nargs.total_closures" likewise. The own value of a space is therefore
its sum minus the sums of its direct children; this script computes it that way.

To compare like with like, rca's spaces are regrouped as debtscan groups them (README,
"Complexity"): every named fn is a unit; a closure of at least --closure-lines lines is a unit
of its own; a smaller closure is folded into the unit around it: its cyclomatic adds (own - 1),
its cognitive adds its own value (rca already charges the closure's nesting: everything in a
closure is one level deeper, like debtscan's small closures). Closures outside any fn belong to
none. params = rca's own nargs (fn arguments, `self` included; closure arguments for a closure).

How rca counts (probed on small files; see the report that came with this script):
  cyclomatic: 1 + each `if` keyword (if, else if, if let, match guards, and `if` tokens inside
    macro arguments such as assert!(if ..) or select! preconditions), for, while, while let,
    loop, each match arm (N arms = +N), each `?` (also `?Sized`), each `&&`/`||` (let chains too),
    `for<'a>` in signatures; not `?`/`&&`/`||` inside macro arguments; not let-else.
  cognitive: if/match/for/while +1+nesting (match once, not per arm); `loop` nothing;
    else/else if +1; let-else +1 (no nesting); `&&`/`||`: one operator state per function or
    closure, reset only by if/for/while/match (not by a new statement, `loop` or `else if`): the
    first operator +1, then +1 for each operator unlike the state's (which a unary expression,
    `!x`, `-x` or `*x`, sets to "unary"): `let c = a && b; c && a` is 1 and
    `let c = !a; c || b || d` is 2 (debtscan: 2 and 1); `&&` in let chains nothing;
    labelled break/continue +1; recursion nothing; a nested fn adds one nesting level for what
    is inside it (debtscan starts again at 0); a closure adds one level for what is inside it,
    large closures too (debtscan starts large closures again at 0).
  nargs: counts every child of the parameter list except ( , ) and attributes, so a comment
    between parameters counts as one.
So the systematic differences to expect (debtscan - rca) are: cyclomatic lower for
`if`/`for`/`while`/`loop` inside macro arguments, `?Sized`, `for<'a>` (match guards agree: both
count a guard once); cognitive higher for `loop`, let-else nesting, recursion and let-chain `&&`,
lower in nested fns (also methods of an impl inside a fn) and large closures, either way for
boolean sequences.
"""
import argparse
import collections
import json
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DEFAULT_DEBTSCAN = os.path.join(HERE, "target", "release", "debtscan")
DEFAULT_RCA = "/work/tools/rca/bin/rust-code-analysis-cli"
ANON = "<anonymous>"


def die(message):
    print(f"compare-rca: {message}", file=sys.stderr)
    sys.exit(2)


def norm(path, repo):
    if os.path.isabs(path):
        path = os.path.relpath(path, repo)
    return os.path.normpath(path).replace(os.sep, "/")


# ---------------------------------------------------------------- debtscan

def debtscan_functions(args, repo):
    """debtscan's records, from `debtscan functions REPO --format json` or --debtscan-json."""
    if args.debtscan_json:
        with open(args.debtscan_json) as f:
            text = f.read()
        source = args.debtscan_json
    else:
        binary = args.debtscan
        if not (os.path.isfile(binary) and os.access(binary, os.X_OK)):
            die(f"debtscan binary not found at {binary}: build it with `cargo build --release` "
                "or pass --debtscan PATH")
        run = subprocess.run([binary, "functions", repo, "--format", "json"],
                             capture_output=True, text=True)
        if run.returncode != 0:
            err = run.stderr.strip()
            if "unrecognized subcommand" in err or "unexpected argument 'functions'" in err \
                    or ("functions" in err and "invalid" in err.lower()):
                die(f"{binary} has no `functions` command (an older build?): rebuild with "
                    "`cargo build --release`\n" + err)
            die(f"`{binary} functions {repo} --format json` exited {run.returncode}:\n{err}")
        text = run.stdout
        source = f"{binary} functions"
    try:
        doc = json.loads(text)
    except json.JSONDecodeError as e:
        die(f"{source} did not print JSON ({e}); first bytes: {text[:200]!r}")
    if not isinstance(doc, dict) or not isinstance(doc.get("functions"), list):
        die(f"{source}: expected an object with a `functions` list")
    if doc.get("schema_version") != 1:
        print(f"compare-rca: warning: schema_version {doc.get('schema_version')!r}, expected 1",
              file=sys.stderr)
    out = []
    for f in doc["functions"]:
        try:
            out.append({
                "path": norm(f["path"], repo), "symbol": f["symbol"],
                "name": last_segment(f["symbol"]), "closure": "{closure" in f["symbol"],
                "start_line": int(f["start_line"]), "end_line": int(f["end_line"]),
                "cyclomatic": f["cyclomatic"], "cognitive": f["cognitive"],
                "params": f.get("params"),
            })
        except (KeyError, TypeError, ValueError) as e:
            die(f"{source}: malformed function record {f!r}: {e}")
    return out


def last_segment(symbol):
    """`net::Client::retry` -> retry; `<A as B>::fmt` -> fmt; `f::{closure#1}` -> {closure#1}."""
    depth, start = 0, 0
    for i, c in enumerate(symbol):
        if c == "<":
            depth += 1
        elif c == ">":
            depth = max(0, depth - 1)
        elif c == ":" and depth == 0 and symbol[i + 1:i + 2] == ":":
            start = i + 2
    return symbol[start:]


# ---------------------------------------------------------------- rust-code-analysis

def rust_files(repo):
    """Every .rs file of REPO: git's list when it is a work tree, else a walk."""
    git = subprocess.run(["git", "-C", repo, "ls-files", "-z", "--", "*.rs"],
                         capture_output=True)
    if git.returncode == 0:
        return sorted(p for p in git.stdout.decode("utf-8", "replace").split("\0") if p)
    found = []
    for root, dirs, files in os.walk(repo):
        dirs[:] = [d for d in dirs if d not in (".git", "target")]
        found += [norm(os.path.join(root, f), repo) for f in files if f.endswith(".rs")]
    return sorted(found)


def run_rca(rca, repo, paths, batch=200):
    """rca's space tree for each path (relative to repo): {path: unit space}."""
    if not (os.path.isfile(rca) and os.access(rca, os.X_OK)):
        die(f"rust-code-analysis-cli not found at {rca}: install it with `cargo install "
            "rust-code-analysis-cli --root /work/tools/rca --locked` or pass --rca PATH")
    trees = {}

    def one_batch(chunk):
        cmd = [rca, "-m", "-O", "json"]
        for p in chunk:
            cmd += ["-p", p]
        run = subprocess.run(cmd, cwd=repo, capture_output=True, text=True)
        return run, cmd

    for i in range(0, len(paths), batch):
        chunk = paths[i:i + batch]
        run, _ = one_batch(chunk)
        if run.returncode != 0 and len(chunk) > 1:
            for p in chunk:  # one file makes rca fail: find it, keep the rest
                single, _ = one_batch([p])
                if single.returncode != 0:
                    print(f"compare-rca: warning: rca failed on {p}: {single.stderr.strip()[:200]}",
                          file=sys.stderr)
                    continue
                parse_lines(single.stdout, repo, trees)
            continue
        if run.returncode != 0:
            print(f"compare-rca: warning: rca failed on {chunk[0]}: {run.stderr.strip()[:200]}",
                  file=sys.stderr)
        parse_lines(run.stdout, repo, trees)
    return trees


def parse_lines(stdout, repo, trees):
    for line in stdout.splitlines():
        line = line.strip()
        if not line:
            continue
        try:
            tree = json.loads(line)
        except json.JSONDecodeError:
            print(f"compare-rca: warning: rca printed a non-JSON line: {line[:120]!r}",
                  file=sys.stderr)
            continue
        trees[norm(tree["name"], repo)] = tree


def own(space, metric, field="sum"):
    """A space's own value: rca's aggregate minus its direct children's aggregates."""
    total = space["metrics"][metric][field]
    return total - sum(child["metrics"][metric][field] for child in space["spaces"])


def rca_units(path, tree, closure_lines):
    """rca's functions regrouped as debtscan's units (see the module docstring)."""
    units = []

    def visit(space, unit, scope, closure_no):
        kind, name = space["kind"], space["name"] or "?"
        if kind == "function":
            closure = name == ANON
            lines = space["end_line"] - space["start_line"] + 1
            if not closure or lines >= closure_lines:
                if closure:
                    owner = "::".join(scope)
                    closure_no[owner] = closure_no.get(owner, 0) + 1
                    label = f"{{closure#{closure_no[owner]}}}"
                else:
                    label = name
                unit = {
                    "path": path, "symbol": "::".join(scope + [label]), "name": label,
                    "closure": closure,
                    "start_line": space["start_line"], "end_line": space["end_line"],
                    "cyclomatic": own(space, "cyclomatic"),
                    "cognitive": own(space, "cognitive"),
                    "params": own(space, "nargs", "total_closures" if closure else
                                  "total_functions"),
                    "folded": 0,
                }
                units.append(unit)
                scope = scope + [label]
            elif unit is not None:  # a small closure: part of the unit around it
                unit["cyclomatic"] += own(space, "cyclomatic") - 1
                unit["cognitive"] += own(space, "cognitive")
                unit["folded"] += 1
        elif kind in ("impl", "trait"):
            scope = scope + [strip_generics(name)]
            unit = None  # an impl inside a fn body: its methods are units, the rest is none's
        for child in space["spaces"]:
            visit(child, unit, scope, closure_no)

    for child in tree["spaces"]:
        visit(child, None, [], {})
    for u in units:
        for k in ("cyclomatic", "cognitive", "params"):
            u[k] = int(round(u[k]))
    return units


def strip_generics(name):
    out, depth = [], 0
    for c in name:
        if c == "<":
            depth += 1
        elif c == ">":
            depth -= 1
        elif depth == 0:
            out.append(c)
    return "".join(out).strip() or name


# ---------------------------------------------------------------- matching and report

def match(ours, theirs, near):
    """Pairs (debtscan, rca) by (path, start_line), then by name within `near` lines."""
    pairs, by_line = [], collections.defaultdict(list)
    for t in theirs:
        by_line[(t["path"], t["start_line"])].append(t)
    left = []
    for o in ours:
        cands = by_line.get((o["path"], o["start_line"]))
        if not cands:
            left.append(o)
            continue
        best = next((c for c in cands if c["name"] == o["name"]), None) \
            or next((c for c in cands if c["closure"] == o["closure"]), None) or cands[0]
        cands.remove(best)
        pairs.append((o, best, "line"))
    rest = collections.defaultdict(list)
    for cands in by_line.values():
        for t in cands:
            rest[t["path"]].append(t)
    unmatched_ours = []
    for o in left:
        cands = [t for t in rest.get(o["path"], [])
                 if abs(t["start_line"] - o["start_line"]) <= near
                 and (t["name"] == o["name"] or (o["closure"] and t["closure"]))]
        if not cands:
            unmatched_ours.append(o)
            continue
        best = min(cands, key=lambda t: abs(t["start_line"] - o["start_line"]))
        rest[o["path"]].remove(best)
        pairs.append((o, best, "name"))
    unmatched_theirs = [t for ts in rest.values() for t in ts]
    return pairs, unmatched_ours, unmatched_theirs


def histogram(diffs, span=8):
    counts = collections.Counter(max(-span, min(span, d)) for d in diffs)
    width = max(counts.values(), default=1)
    for d in range(-span, span + 1):
        if not counts[d]:
            continue
        label = (f"<={d}" if d == -span else f">=+{d}" if d == span else f"{d:+d}" if d else "0")
        bar = "#" * max(1, round(40 * counts[d] / width))
        print(f"    {label:>5} {counts[d]:7}  {bar}")


def pct(n, d):
    return f"{100.0 * n / d:.1f}%" if d else "n/a"


def loc(f):
    return f"{f['path']}:{f['start_line']}"


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("repo")
    ap.add_argument("--debtscan", default=DEFAULT_DEBTSCAN)
    ap.add_argument("--debtscan-json", help="read debtscan's JSON from this file")
    ap.add_argument("--rca", default=DEFAULT_RCA)
    ap.add_argument("--limit", type=int)
    ap.add_argument("--list", action="store_true")
    ap.add_argument("--rca-only", action="store_true")
    ap.add_argument("--closure-lines", type=int, default=20)
    ap.add_argument("--near", type=int, default=3)
    ap.add_argument("--top", type=int, default=15)
    args = ap.parse_args()
    repo = os.path.abspath(args.repo)
    if not os.path.isdir(repo):
        die(f"{args.repo} is not a directory")

    if args.rca_only:
        files = rust_files(repo)[:args.limit] if args.limit else rust_files(repo)
        trees = run_rca(args.rca, repo, files)
        units = [u for p in sorted(trees) for u in rca_units(p, trees[p], args.closure_lines)]
        closures = sum(u["closure"] for u in units)
        folded = sum(u["folded"] for u in units)
        print(f"{args.repo}: rca read {len(trees)} of {len(files)} .rs files; "
              f"{len(units)} units ({len(units) - closures} fns, {closures} large closures), "
              f"{folded} small closures folded into their fn")
        cyc = collections.Counter(min(u["cyclomatic"], 20) for u in units)
        print("  cyclomatic distribution (>=20 capped):",
              " ".join(f"{k}:{cyc[k]}" for k in sorted(cyc)))
        for u in sorted(units, key=lambda u: -u["cyclomatic"])[:args.top]:
            print(f"  {loc(u)}-{u['end_line']} {u['symbol']} cyc {u['cyclomatic']} "
                  f"cog {u['cognitive']} params {u['params']}"
                  + (f" (+{u['folded']} closures)" if u["folded"] else ""))
        return

    ours = debtscan_functions(args, repo)
    our_files = sorted({f["path"] for f in ours})
    if args.limit:
        our_files = our_files[:args.limit]
        keep = set(our_files)
        ours = [f for f in ours if f["path"] in keep]
    all_rs = set(our_files) if args.limit else set(rust_files(repo)) | set(our_files)
    missing = [p for p in our_files if not os.path.isfile(os.path.join(repo, p))]
    for p in missing:
        print(f"compare-rca: warning: debtscan reports {p}, which is not in {repo}", file=sys.stderr)
    trees = run_rca(args.rca, repo, sorted(p for p in all_rs if p not in missing))
    theirs_all = [u for p in sorted(trees) for u in rca_units(p, trees[p], args.closure_lines)]
    both = set(our_files) & set(trees)
    ours_cmp = [f for f in ours if f["path"] in both]
    theirs = [u for u in theirs_all if u["path"] in both]
    rca_only_files = {u["path"] for u in theirs_all} - set(our_files)

    pairs, only_ours, only_theirs = match(ours_cmp, theirs, args.near)
    n = len(pairs)
    print(f"{args.repo}: {len(both)} files compared (debtscan reports functions in "
          f"{len(our_files)}; rca finds functions in {len(rca_only_files)} more, which debtscan "
          f"skipped or excluded: "
          f"{sum(u['path'] in rca_only_files for u in theirs_all)} functions, not compared)")
    print(f"functions: debtscan {len(ours_cmp)}, rca {len(theirs)}, matched {n} "
          f"({sum(k == 'line' for _, _, k in pairs)} by start line, "
          f"{sum(k == 'name' for _, _, k in pairs)} by name within {args.near} lines), "
          f"debtscan only {len(only_ours)}, rca only {len(only_theirs)}")
    if not n:
        return
    rows = []
    for metric in ("cyclomatic", "cognitive", "params"):
        diffs = [o[metric] - t[metric] for o, t, _ in pairs if o[metric] is not None]
        same = sum(d == 0 for d in diffs)
        print(f"{metric}: exact agreement {pct(same, len(diffs))} ({same}/{len(diffs)}), "
              f"debtscan higher {sum(d > 0 for d in diffs)}, lower {sum(d < 0 for d in diffs)}, "
              f"sum of differences {sum(diffs):+d}")
        if metric != "params":
            print(f"  differences (debtscan - rca):")
            histogram(diffs)
    ends = sum(o["end_line"] != t["end_line"] for o, t, _ in pairs)
    if ends:
        print(f"end_line differs in {ends} matched functions")
    for o, t, _ in pairs:
        dc, dg = o["cyclomatic"] - t["cyclomatic"], o["cognitive"] - t["cognitive"]
        if dc or dg:
            rows.append((max(abs(dc), abs(dg)), abs(dc) + abs(dg), o, t))
    rows.sort(key=lambda r: (-r[0], -r[1], r[2]["path"], r[2]["start_line"]))

    def show(row):
        _, _, o, t = row
        line = f"{o['start_line']}" if o["start_line"] == t["start_line"] \
            else f"{o['start_line']} (rca {t['start_line']})"
        extra = f" [rca folded {t['folded']} closures]" if t["folded"] else ""
        print(f"  {o['path']}:{line} {o['symbol']}: cyclomatic {o['cyclomatic']} vs "
              f"{t['cyclomatic']}, cognitive {o['cognitive']} vs {t['cognitive']}{extra}")

    print(f"{len(rows)} disagreements; the {min(args.top, len(rows))} largest "
          "(debtscan vs rca):")
    for row in rows[:args.top]:
        show(row)
    if args.list:
        print("all disagreements:")
        for row in sorted(rows, key=lambda r: (r[2]["path"], r[2]["start_line"])):
            show(row)
        for f in sorted(only_ours, key=lambda f: (f["path"], f["start_line"])):
            print(f"  debtscan only: {loc(f)} {f['symbol']} cyc {f['cyclomatic']} "
                  f"cog {f['cognitive']}")
        for f in sorted(only_theirs, key=lambda f: (f["path"], f["start_line"])):
            print(f"  rca only: {loc(f)} {f['symbol']} cyc {f['cyclomatic']} cog {f['cognitive']}")


if __name__ == "__main__":
    try:
        main()
    except BrokenPipeError:
        sys.stdout = None
