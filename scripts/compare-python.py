#!/usr/bin/env python3
"""Checks debtscan's Python support against Python's own front end and radon (the oracles).

  scripts/compare-python.py markers REPO      markers against Python's tokenizer
  scripts/compare-python.py complexity REPO   cyclomatic complexity against radon
  scripts/compare-python.py imports REPO ROOT PACKAGE
                                              imports of PACKAGE (found under REPO/ROOT,
                                              e.g. `src click`) against grimp

markers: every `todo` item debtscan reports in a `.py` file must start on a line where
`tokenize` (the tokenizer Python itself runs) sees a COMMENT holding the tag, and every COMMENT
that starts with a tag of `[markers.tags]` followed by `:`, `(` or the end (`# TODO: x`,
`# FIXME(ana): y`, `# XXX`) must be a marker of debtscan's. Strings, docstrings, f-strings and
bytes are STRING tokens, never comments, so a marker in one is a difference. Comments that
name a tag in other ways (`# see the TODO list`) are not counted either way.

complexity: radon's cyclomatic complexity of every function and method (`radon.complexity.
cc_visit`, closures listed apart as radon does) against debtscan's. radon's rule differs from
debtscan's (README, "Complexity": the Python row) in what it counts beside the shared decision
points (measured on radon 6.0.1): an `assert` (+1, and radon does not count the decision points
inside its expression), a loop's `else` (+1), a `try`'s `else` (+1),
and in a `match` every `case` but a last `case _` (debtscan: every `case` and every guard). The
script counts those constructs with `ast` in each function's own body (not in functions nested
in it, which radon lists apart as closures, as debtscan does) and compares radon's number,
corrected by them, with debtscan's: what is left is a difference of definition this script does
not know, or an error.

imports: grimp (`grimp.build_graph(PACKAGE)`, the import graph of one installed-style package,
read by Python's own `ast`) gives each module's direct imports inside the package; debtscan's
`graph --format json` gives file edges, mapped to module names by their path under ROOT
(`src/click/core.py` → `click.core`, `…/__init__.py` → its package). Both read imports
inside functions; neither counts those under `if TYPE_CHECKING:`
(grimp's `exclude_type_checking_imports`).

Needs: `pip install radon grimp` (radon 6.0.1 checked); debtscan built (target/release/debtscan).
Exit status 0 when everything agrees, 1 otherwise (the differences are listed).
"""
import ast
import io
import os
import re
import subprocess
import sys
import tokenize

here = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(here, "scripts", "oracles"))
from common import TAGS, VENDORED, debtscan, finish  # noqa: E402
TAG_START = re.compile(r"^#+:?\s*(" + "|".join(TAGS) + r")(\s*[:(]|\s*$)")


def python_files(repo):
    out = subprocess.run(["git", "-C", repo, "ls-files", "*.py"], capture_output=True,
                         text=True, check=True).stdout
    return [p for p in out.splitlines() if p]


def comments(path):
    """(line, text) of every COMMENT token, or None when Python cannot tokenize the file."""
    try:
        with open(path, "rb") as f:
            return [(t.start[0], t.string) for t in tokenize.tokenize(f.readline)
                    if t.type == tokenize.COMMENT]
    except (tokenize.TokenError, SyntaxError, UnicodeDecodeError):
        return None


def markers(repo):
    report = debtscan(["todos", repo, "--no-history", "--no-cache"])
    # A marker written in several places is one item whose other places are `related`.
    ours = {(place["path"], place["start_line"]): i["marker"]["tag"]
            for i in report["items"] if i["kind"] == "todo"
            for place in [i["location"], *i.get("related", [])]
            if place["path"].endswith(".py")}
    # The files the walk left out (vendored, generated, minified) are not compared.
    left_out = {p for s in report["summary"]["skipped_files"] for p in s.get("sample", [])}
    differ, checked, skipped = [], 0, []
    for rel in python_files(repo):
        if rel in left_out or any(d in rel.split("/") for d in VENDORED):
            continue
        toks = comments(os.path.join(repo, rel))
        if toks is None:
            skipped.append(rel)
            continue
        checked += 1
        by_line = {}
        for line, text in toks:
            by_line.setdefault(line, []).append(text)
        for (path, line), tag in ours.items():
            if path != rel:
                continue
            if not any(tag in t for t in by_line.get(line, [])):
                differ.append(f"{rel}:{line}: debtscan {tag}, no comment with it there")
        for line, text in toks:
            if line == 1 and text.startswith("#!"):
                continue
            m = TAG_START.match(text)
            if m and (rel, line) not in ours:
                differ.append(f"{rel}:{line}: comment {text.strip()!r}, no marker from debtscan")
    tracked = set(python_files(repo))
    for path, line in ours:
        if path not in tracked:
            differ.append(f"{path}:{line}: debtscan marker in a file git does not track")
    return finish(f"{repo}: {checked} Python files tokenized ({len(skipped)} Python cannot), "
                  f"{len(ours)} markers from debtscan", "not tokenized by Python", skipped, differ)


class Extra(ast.NodeVisitor):
    """radon's decision points that debtscan does not count, minus the ones debtscan counts and
    radon does not, in one function's own body (not in functions or classes nested in it)."""

    def __init__(self):
        self.extra = 0

    def visit_FunctionDef(self, node):
        pass

    visit_AsyncFunctionDef = visit_FunctionDef
    visit_ClassDef = visit_FunctionDef

    def visit_Assert(self, node):
        # radon counts an assert +1 and does not look inside it; debtscan counts the decision
        # points of its expression (`assert a or b`: the `or`).
        self.extra += 1 - decisions(node)

    def visit_For(self, node):
        self.extra += bool(node.orelse)
        self.generic_visit(node)

    visit_AsyncFor = visit_For
    visit_While = visit_For

    def visit_Try(self, node):
        self.extra += bool(node.orelse)
        self.generic_visit(node)

    visit_TryStar = visit_Try

    def visit_Match(self, node):
        # radon 6 counts every case but a last wildcard; debtscan each case and each guard.
        last = node.cases[-1] if node.cases else None
        wildcard = (last is not None and isinstance(last.pattern, ast.MatchAs)
                    and last.pattern.pattern is None and last.guard is None)
        self.extra -= int(wildcard) + sum(1 for c in node.cases if c.guard is not None)
        self.generic_visit(node)


def decisions(node):
    """debtscan's decision points in an expression: each `and`/`or`, conditional expression
    and comprehension `for` and `if`."""
    n = 0
    for sub in ast.walk(node):
        if isinstance(sub, ast.BoolOp):
            n += len(sub.values) - 1
        elif isinstance(sub, ast.IfExp):
            n += 1
        elif isinstance(sub, ast.comprehension):
            n += 1 + len(sub.ifs)
    return n


def own_extra(fn):
    v = Extra()
    for stmt in fn.body:
        v.visit(stmt)
    for d in fn.args.defaults + fn.args.kw_defaults:
        if d is not None:
            v.visit(d)
    return v.extra


def complexity(repo):
    from radon.complexity import cc_visit

    report = debtscan(["functions", repo, "--no-cache"])
    rows = report["functions"] if isinstance(report, dict) else report
    ours = {(f["path"], f["start_line"]): f for f in rows if f["path"].endswith(".py")}
    differ, compared, skipped = [], 0, []
    for rel in python_files(repo):
        if any(d in rel.split("/") for d in VENDORED):
            continue
        src = open(os.path.join(repo, rel), encoding="utf-8", errors="replace").read()
        try:
            tree = ast.parse(src)
            blocks = cc_visit(src)
        except SyntaxError:
            skipped.append(rel)
            continue
        nodes = {n.lineno: n for n in ast.walk(tree)
                 if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef))}

        # cc_visit lists every function and method once at the top level (classes apart, with
        # their methods again); nested functions are each function's closures.
        def radon_functions(bs):
            for b in bs:
                if hasattr(b, "methods"):
                    continue
                yield b
                yield from radon_functions(getattr(b, "closures", []))

        for b in radon_functions(blocks):
            node = nodes.get(b.lineno)
            if node is None:
                continue
            # debtscan's function starts at `def`; a decorated one's ast lineno is the `def`
            # line too (Python 3.8+).
            f = ours.get((rel, node.lineno))
            if f is None:
                differ.append(f"{rel}:{node.lineno} {b.name}: radon has it, debtscan does not")
                continue
            expected = b.complexity - own_extra(node)
            compared += 1
            if expected != f["cyclomatic"]:
                differ.append(f"{rel}:{node.lineno} {f['symbol']}: debtscan {f['cyclomatic']}, "
                              f"radon {b.complexity} (corrected {expected})")
    return finish(f"{repo}: {compared} functions compared with radon ({len(skipped)} files "
                  f"Python cannot parse)", "not parsed by Python", skipped, differ)


def imports(repo, root, package):
    import grimp

    sys.path.insert(0, os.path.join(repo, root))
    # Type-checking imports make no edge in debtscan (README, "Dependency graph").
    graph = grimp.build_graph(package, exclude_type_checking_imports=True)
    # Vendored packages are left out of the scan (`[walk] vendored_dirs`), so of the comparison.
    vendored = lambda m: any(part in VENDORED for part in m.split("."))
    theirs = {(m, t) for m in graph.modules for t in graph.find_modules_directly_imported_by(m)
              if not vendored(m) and not vendored(t)}
    prefix = (root.rstrip("/") + "/") if root else ""

    def module(path):
        if not path.startswith(prefix) or not path.endswith(".py"):
            return None
        name = path[len(prefix):-3].replace("/", ".")
        name = name[: -len(".__init__")] if name.endswith(".__init__") else name
        return name if name == package or name.startswith(package + ".") else None

    report = debtscan(["graph", repo, "--no-cache"])
    ours = set()
    for e in report["edges"]:
        a, b = module(e["from"]), module(e["to"])
        if a and b:
            ours.add((a, b))
    differ = [f"only debtscan: {a} -> {b}" for a, b in sorted(ours - theirs)]
    differ += [f"only grimp:    {a} -> {b}" for a, b in sorted(theirs - ours)]
    return finish(f"{repo}: {len(graph.modules)} modules of {package}, {len(theirs)} imports "
                  f"from grimp, {len(ours)} from debtscan", "", [], differ)


if __name__ == "__main__":
    commands = {"markers": (markers, 1), "complexity": (complexity, 1), "imports": (imports, 3)}
    if len(sys.argv) < 3 or sys.argv[1] not in commands or len(sys.argv) != 2 + commands[sys.argv[1]][1]:
        print(__doc__)
        sys.exit(2)
    ok = commands[sys.argv[1]][0](*sys.argv[2:])
    sys.exit(0 if ok else 1)
