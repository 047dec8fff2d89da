#!/usr/bin/env python3
"""Checks debtscan's Go support against Go's own front end (the oracle).

  scripts/compare-go.py markers REPO      markers against go/parser's comments
  scripts/compare-go.py complexity REPO   cyclomatic complexity against gocyclo's rule
  scripts/compare-go.py imports REPO      resolved imports against go/parser + go.mod

The oracle is scripts/oracles/goast (package main, standard library only: go/parser, go/ast,
go/token), built by this script into a temporary directory (`go build`, GOFLAGS=-mod=mod
GOPROXY=off: nothing is downloaded). It prints, per file, every comment (`//` line and `/* */`
block, with its first and last line), every function declaration, method and function literal
(first and last line, gocyclo's cyclomatic of its own body), and every import (line, path).
Lines are the file's own (`//line` directives are not applied). Files are the `.go` files git
tracks, without the walk's default vendored directories and the files debtscan's walk skipped.

markers: every `todo` item debtscan reports in a `.go` file (also the places in `related`) must
start on a line where go/parser has a comment whose text on that line holds the tag (any case,
as a whole word), and every comment line that starts with a tag of `[markers.tags]` must be a
marker of debtscan's: an upper-case tag followed by `:`, `(` or the end of the comment
(`// TODO: x`, `// FIXME(ana): y`, `// XXX`), or a tag in any case followed by `:` directly
or after a parenthesis (`// todo: x`, `// todo(ana): x`), as README "Markers" has it. For a
`/* */` comment each of its lines is such a line (a leading `*` and the delimiters stripped).
Strings, raw strings, runes and code (`context.TODO()`) are no comments, so a marker in one is
a difference. Comments that name a tag in other ways (`// see the TODO list`) are not counted
either way, and lines under `debtscan:ignore` are not compared.

complexity: gocyclo's rule (github.com/fzipp/gocyclo; the header of queries/go/complexity.scm
states the same rule): 1 + if, for, range, each case clause but `default` (expression and type
switches), each comm clause but `default`, each && and ||. gocyclo attributes a function
literal's decision points to the function around it; debtscan does so for small literals only:
a literal of `closure_lines` (20, or what REPO/debtscan.toml sets) lines or more is a unit of
its own (`f.{closure#N}`), whose decision points are not its enclosing function's. goast
reports each function's and literal's OWN count (not descending into literals), so for each
debtscan unit the script expects
    own(unit) + sum of (own(lit) - 1) over the literals nested in it that are no unit of their
    own and not inside a nested unit,
and compares it with debtscan's cyclomatic. A declaration's symbol must be its name, a
method's `Type.Method` (the receiver's type without `*` and type parameters), a large
literal's must end in `{closure#N}`. Units are matched by (path, first line, last line). A
literal outside every function (`var f = func() {…}`) is a unit whatever its size (README,
"Complexity": it has no function to fold into), `{closure#N}`. Differences of definition: none
known; what is left is an error on one side.

imports: debtscan's `graph --format json` (file granularity) gives file edges with a count;
the oracle resolves every import of go/parser as the go command does in a module: the
`go.mod` whose module path is the longest prefix of the import path (`path == module` or
`path` starts with `module/`) gives the package directory `<go.mod's directory>/<rest>`, and
the package is every `.go` file directly in that directory except the `_test.go` files and
the files the go command ignores (names starting with `_` or `.`). Of the package, the import
reaches the files (other than the importing file itself) that declare at their top level
(function, type, variable, constant) a name the importing file uses qualified by the import's
alias or, without one, by the package's name (the `package` clause of its first file by
path): `store.Open`, the type `store.Options` (go/ast: a selector whose X is an identifier).
A blank (`_`) or dot (`.`) import, or one whose uses name no such declaration, reaches every
file of the package. The count of an edge is the number of import specs that reach it (Go
allows one package imported twice under two names). Imports that reach no file (the standard
library, other modules, `C`) are compared per root with debtscan's `unresolved` counts: the
first path segment, or the first three for a path whose first segment has a dot.
Known differences of definition: debtscan counts `_x.go` and `.x.go` files as part of their package (listed as
"only debtscan"); the go command also leaves out files whose build constraints exclude them
on every platform (`//go:build ignore`), which neither side here does. Only the files in
debtscan's graph are compared, as sources and as targets: a file its walk left out (generated,
vendored) is no target here either, though the go command would count it. Import lines are
not in debtscan's JSON and are not compared.

Needs: Go (1.19 or newer) on the PATH; debtscan built, taken from $DEBTSCAN (default
target/release/debtscan). Exit status 0 when everything agrees, 1 otherwise (the differences
are listed).
"""
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from collections import Counter, defaultdict

here = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(here, "scripts", "oracles"))
from common import (ANY_CASE_START, UPPER_START, closure_lines, debtscan, finish,  # noqa: E402
                    tracked as tracked_files)
oracle_source = os.path.join(here, "scripts", "oracles", "goast")


def build_oracle():
    """Builds goast into a temporary directory; the path of the binary."""
    tmp = tempfile.mkdtemp(prefix="goast-")
    src = os.path.join(tmp, "src")
    shutil.copytree(oracle_source, src)
    exe = os.path.join(tmp, "goast")
    env = dict(os.environ, GOFLAGS="-mod=mod", GOPROXY="off", GOWORK="off")
    subprocess.run(["go", "build", "-o", exe, "."], cwd=src, env=env, check=True)
    return exe


def oracle(repo, files):
    """goast's report of each file (relative path → its JSON object)."""
    exe = build_oracle()
    try:
        out = {}
        for k in range(0, len(files), 200):
            chunk = files[k:k + 200]
            res = subprocess.run([exe, *chunk], cwd=repo, capture_output=True, text=True,
                                 check=True).stdout
            for line in res.splitlines():
                r = json.loads(line)
                out[r["file"]] = r
        return out
    finally:
        shutil.rmtree(os.path.dirname(exe), ignore_errors=True)


def comment_lines(c):
    """(line, text) of each line of one comment, its delimiters (and a block's leading `*`)
    stripped."""
    text = c["text"]
    if text.startswith("//"):
        return [(c["line"], text[2:].lstrip("/"))]
    body = text[2:-2] if text.endswith("*/") else text[2:]
    out = []
    for k, line in enumerate(body.split("\n")):
        if k > 0:
            stripped = line.lstrip()
            if stripped.startswith("*") and not stripped.startswith("*/"):
                line = stripped[1:]
        out.append((c["line"] + k, line))
    return out


def markers(repo):
    report = debtscan(["todos", repo, "--no-history", "--no-cache"])
    ours = defaultdict(set)
    for i in report["items"]:
        if i["kind"] != "todo":
            continue
        for place in [i["location"], *i.get("related", [])]:
            if place["path"].endswith(".go"):
                ours[(place["path"], place["start_line"])].add(i["marker"]["tag"])
    # The files the walk left out (vendored, generated, minified) are not compared.
    left_out = {p for s in report["summary"]["skipped_files"] for p in s.get("sample", [])}
    files = [f for f in tracked_files(repo, "*.go") if f not in left_out]
    facts = oracle(repo, files)
    differ, unparsed, comments, tagged = [], [], 0, 0
    for rel in files:
        r = facts[rel]
        if r.get("error"):
            unparsed.append(f"{rel} ({r['error'].splitlines()[0]})")
        by_line = defaultdict(list)
        ignored = set()
        for c in r["comments"]:
            comments += 1
            lines = comment_lines(c)
            if "debtscan:ignore" in c["text"]:
                ignored.update(range(c["line"], c["end"] + 2))
            for line, text in lines:
                by_line[line].append(text)
        for (path, line), tags in sorted(ours.items()):
            if path != rel:
                continue
            for tag in sorted(tags):
                word = re.compile(r"(?<![\w])" + re.escape(tag) + r"(?![\w])", re.IGNORECASE)
                if not any(word.search(t) for t in by_line.get(line, [])):
                    differ.append(f"{rel}:{line}: debtscan {tag}, no comment with it there")
        for line, texts in sorted(by_line.items()):
            if line in ignored:
                continue
            for text in texts:
                m = UPPER_START.match(text) or ANY_CASE_START.match(text)
                tagged += bool(m)
                if m and m.group(1).upper() not in ours.get((rel, line), set()):
                    differ.append(f"{rel}:{line}: comment {text.strip()!r}, "
                                  "no marker from debtscan")
    tracked = set(tracked_files(repo, "*.go"))
    for path, line in ours:
        if path not in tracked:
            differ.append(f"{path}:{line}: debtscan marker in a file git does not track")
    n = sum(len(t) for t in ours.values())
    ok = finish(f"{repo}: {len(files)} Go files parsed by go/parser ({len(unparsed)} with "
                f"errors), {comments} comments ({tagged} lines starting with a tag), "
                f"{n} markers from debtscan",
                "go/parser error", unparsed, differ)
    for path in sorted(left_out):
        print(f"  left out by debtscan's walk, not compared: {path}")
    return ok


def expected_units(funcs, large):
    """(first line, last line, name, expected cyclomatic) of each debtscan unit of a file:
    every declaration and every literal of `large` lines or more, with the literals folded
    into it that are no unit; and the number of literals folded into a unit."""
    by_id = {f["id"]: f for f in funcs}

    def is_unit(f):
        # A literal outside every function has no function to fold into: a unit whatever
        # its size (README, "Complexity").
        return (f["kind"] != "literal" or f["parent"] < 0
                or f["end"] - f["line"] + 1 >= large)

    def unit_of(f):
        """The unit a literal's decision points count for (None: no function)."""
        p = f["parent"]
        while p >= 0:
            if is_unit(by_id[p]):
                return p
            p = by_id[p]["parent"]
        return None

    total = {f["id"]: f["cyclomatic"] for f in funcs if is_unit(f)}
    folded = 0
    for f in funcs:
        if not is_unit(f):
            u = unit_of(f)
            if u is not None:
                total[u] += f["cyclomatic"] - 1
                folded += 1
    units = [(by_id[i]["line"], by_id[i]["end"], by_id[i]["name"] or "func literal", c)
             for i, c in total.items()]
    return units, folded


def complexity(repo):
    report = debtscan(["functions", repo, "--no-cache"])
    rows = report["functions"] if isinstance(report, dict) else report
    ours = defaultdict(list)
    for f in rows:
        if f["path"].endswith(".go"):
            ours[(f["path"], f["start_line"], f["end_line"])].append(f)
    # The files debtscan measured; those its walk skipped (generated, vendored) are not compared.
    measured = {f["path"] for f in report["files"]}
    files = [f for f in tracked_files(repo, "*.go") if f in measured]
    skipped = [f"{s['reason']}: {', '.join(s.get('sample', []))}"
               for s in report.get("skipped_files", [])]
    facts = oracle(repo, files)
    large = closure_lines(repo)
    differ, compared, unparsed, seen, folded = [], 0, [], set(), 0
    for path in sorted({p for p, _, _ in ours} - set(files)):
        differ.append(f"{path}: debtscan has functions there, git does not track it")
    for rel in files:
        r = facts[rel]
        if r.get("error"):
            unparsed.append(f"{rel} ({r['error'].splitlines()[0]})")
            continue
        units, n = expected_units(r["funcs"], large)
        folded += n
        for line, end, name, want in units:
            key = (rel, line, end)
            fs = ours.get(key)
            if not fs:
                differ.append(f"{rel}:{line}-{end} {name}: go/parser has it, debtscan does not")
                continue
            seen.add(key)
            compared += 1
            if len(fs) > 1:
                differ.append(f"{rel}:{line}-{end}: {len(fs)} debtscan functions there")
            f = fs[0]
            if name != "func literal" and f["symbol"] != name:
                differ.append(f"{rel}:{line}: debtscan names it {f['symbol']}, go/parser {name}")
            if name == "func literal" and "{closure#" not in f["symbol"]:
                differ.append(f"{rel}:{line}: debtscan names a literal {f['symbol']}")
            if f["cyclomatic"] != want:
                differ.append(f"{rel}:{line} {f['symbol']}: debtscan {f['cyclomatic']}, "
                              f"gocyclo's rule {want}")
    for key in sorted(set(ours) - seen):
        if key[0] in facts and not facts[key[0]].get("error"):
            for f in ours[key]:
                differ.append(f"{key[0]}:{key[1]}-{key[2]} {f['symbol']}: debtscan has it, "
                              "go/parser has no such unit")
    ok = finish(f"{repo}: {len(files)} Go files, {compared} functions compared with "
                f"gocyclo's rule ({folded} small literals folded into them; {len(unparsed)} "
                "files go/parser cannot parse)",
                "not parsed by go/parser", unparsed, differ)
    for s in skipped:
        print(f"  left out by debtscan's walk, not compared: {s}")
    return ok


def module_path(text):
    """The module path of a go.mod's `module` line, as the go command reads it."""
    for line in text.splitlines():
        line = line.split("//")[0].strip()
        m = re.match(r'^module\s+("([^"]+)"|`([^`]+)`|(\S+))\s*$', line)
        if m:
            return m.group(2) or m.group(3) or m.group(4)
    return None


def root(path):
    parts = path.split("/")
    return "/".join(parts[:3]) if "." in parts[0] else parts[0]


def used(facts, rel, package, alias):
    """The files of `package` that the import (with `alias`) in file `rel` reaches."""
    others = [t for t in package if t != rel]
    if alias in ("_", "."):
        return others
    qualifier = alias or next((facts[t].get("package") for t in sorted(package)
                               if facts[t].get("package")), None)
    if not qualifier:
        return others
    prefix = qualifier + "."
    names = {n[len(prefix):] for n in facts[rel].get("names", []) if n.startswith(prefix)}
    declaring = [t for t in others if names & set(facts[t].get("defines", []))]
    return declaring or others


def imports(repo):
    report = debtscan(["graph", repo, "--no-cache", "--no-history"])
    nodes = {n["id"] for n in report["nodes"]}
    files = [f for f in tracked_files(repo, "*.go") if f in nodes]
    facts = oracle(repo, files)
    mods = subprocess.run(["git", "-C", repo, "ls-files", "go.mod", "*/go.mod"],
                          capture_output=True, text=True, check=True).stdout.split()
    modules = []
    for m in mods:
        path = module_path(open(os.path.join(repo, m), encoding="utf-8").read())
        if path:
            modules.append((os.path.dirname(m), path))
    packages = defaultdict(list)
    for f in files:
        name = os.path.basename(f)
        if not name.endswith("_test.go") and not name.startswith(("_", ".")):
            packages[os.path.dirname(f)].append(f)
    theirs, unresolved, specs, unparsed = Counter(), Counter(), 0, []
    for rel in files:
        r = facts[rel]
        if r.get("error"):
            unparsed.append(f"{rel} ({r['error'].splitlines()[0]})")
        for imp in r["imports"]:
            specs += 1
            path = imp["path"].strip('"`')
            if path == "C":
                continue
            best = max(((d, m) for d, m in modules
                        if path == m or path.startswith(m + "/")),
                       key=lambda dm: len(dm[1]), default=None)
            targets = []
            if best:
                d, m = best
                rest = path[len(m):].lstrip("/")
                pkg = "/".join(p for p in (d, rest) if p)
                targets = used(facts, rel, packages.get(pkg, []), imp.get("alias", ""))
                reached = bool(packages.get(pkg))
            else:
                reached = False
            for t in targets:
                theirs[(rel, t)] += 1
            if not reached:
                unresolved[root(path)] += 1
    ours = Counter({(e["from"], e["to"]): e["count"] for e in report["edges"]
                    if e["from"].endswith(".go") and e["to"].endswith(".go")})
    differ = []
    for rel in files:
        a = {t for (f, t) in ours if f == rel}
        b = {t for (f, t) in theirs if f == rel}
        for t in sorted(a - b):
            differ.append(f"only debtscan: {rel} -> {t}")
        for t in sorted(b - a):
            differ.append(f"only go/parser: {rel} -> {t}")
        for t in sorted(a & b):
            if ours[(rel, t)] != theirs[(rel, t)]:
                differ.append(f"{rel} -> {t}: debtscan {ours[(rel, t)]} imports, "
                              f"go/parser {theirs[(rel, t)]}")
    theirs_unresolved = dict(unresolved)
    ours_unresolved = report.get("unresolved", {})
    for k in sorted(set(theirs_unresolved) | set(ours_unresolved)):
        if theirs_unresolved.get(k, 0) != ours_unresolved.get(k, 0):
            differ.append(f"unresolved {k}: debtscan {ours_unresolved.get(k, 0)}, "
                          f"go/parser {theirs_unresolved.get(k, 0)}")
    return finish(f"{repo}: {len(files)} Go files, {len(modules)} modules, {specs} import specs, "
                  f"{len(theirs)} file edges from go/parser, {len(ours)} from debtscan, "
                  f"{sum(unresolved.values())} unresolved imports in {len(unresolved)} roots",
                  "go/parser error", unparsed, differ)


if __name__ == "__main__":
    commands = {"markers": markers, "complexity": complexity, "imports": imports}
    if len(sys.argv) != 3 or sys.argv[1] not in commands:
        print(__doc__)
        sys.exit(2)
    ok = commands[sys.argv[1]](sys.argv[2])
    sys.exit(0 if ok else 1)
