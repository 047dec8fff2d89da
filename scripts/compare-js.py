#!/usr/bin/env python3
"""Checks debtscan's JavaScript and TypeScript support against Babel, ESLint and madge.

  scripts/compare-js.py markers REPO      markers against @babel/parser's comments
  scripts/compare-js.py complexity REPO   cyclomatic complexity against ESLint's `complexity`
  scripts/compare-js.py imports REPO      file edges against madge

Files: those git tracks with the extensions debtscan reads as JavaScript (.js .jsx .mjs .cjs)
and TypeScript (.ts .mts .cts .tsx), outside the walk's vendored directories.

markers: every `todo` item debtscan reports (also the places in `related`) must start on a
line where Babel (`ast.comments`; plugins `jsx`, or `typescript` + `decorators-legacy` (+ `jsx`
for .tsx); `errorRecovery`) has a comment whose text on that line holds the tag (any case, as
a whole word), and every comment line that starts with a tag of `[markers.tags]` must be a
marker of debtscan's: an upper-case tag followed by `:`, `(` or the end (`// TODO: x`,
`/* FIXME(ana): y */`, ` * XXX` in a JSDoc block), or a tag in any case followed by `:`
directly or after a parenthesis (`// todo: x`), as README "Markers" has it. Each line of a
`/* */` comment is such a line (the delimiters and a JSDoc line's leading `*` stripped). Strings, template text, regular expressions, JSX text
and the `#!` line are no comments for Babel, so a marker in one is a difference; a comment in
a JSX expression (`{/* TODO */}`) or a template substitution is one. Comments that name a tag
in other ways (`// see the TODO list`) are not counted either way, nor is a comment that
`debtscan:ignore` suppresses (in it, or in a comment on the line above).

complexity: ESLint's `complexity` rule (classic variant: 1 + if, loops, `case` with a test,
catch, `?:`, `&&`/`||`/`??`, logical assignments, optional chains, default values) per code
path, against debtscan's cyclomatic number (README, "Complexity"; queries/javascript/
complexity.scm says the same rule). The rule is the same; the units are not:
  - ESLint measures every function apart. debtscan folds an anonymous function of fewer than
    20 lines into the function around it (its decision points count there, with ESLint's
    base 1 dropped). So for each debtscan unit: expected = ESLint(unit) + sum of (ESLint(c) -
    1) over the ESLint code paths c written in it that are no debtscan unit (and are not
    inside a nested unit).
  - ESLint also measures class field initializers and static blocks as code paths of their
    own. Inside a function, debtscan counts their decision points for the function (folded as
    above); in a class outside every function they belong to no unit: listed apart, not as
    differences.
  - Code at the top level of a module is no function for either.
The parameters of each matched function are compared too: debtscan's `params` against the
length of ESTree's `params` (a destructuring pattern, a default or a rest one each, as in
debtscan's rule; TypeScript's `this: T` is a type and left out).
Functions are matched by their lines: ESLint's node (a method by its key, modifiers and
decorators too, as debtscan starts it), debtscan's start and end line; of several functions on
the same lines, one that debtscan's queries name (a declaration, a method, the value of a
variable, property, assignment or class field) before an anonymous one. Parsers: espree for
JavaScript (as a module, else as CommonJS), @typescript-eslint/parser for TypeScript.

imports: madge 8 (Node API; `--extensions js,jsx,mjs,cjs,ts,tsx`, the root `tsconfig.json` as
its `tsConfig` when there is one; `require()` and `import()` read in every file) against
debtscan's `graph --format json --include-test-edges` file edges, both restricted to the
compared files. Known differences of definition, classified by the importing statement
(Babel's reading of it) rather than counted as errors:
  - `import { type A, type B } from "x"` (every specifier a type): madge's skipTypeImports
    drops it; debtscan drops only `import type`/`export type` (the statement's own keyword),
    so it keeps an edge there.
  - a bare specifier in a JavaScript file (.js .jsx .mjs .cjs): madge (filing-cabinet)
    resolves those with Node.js's rules only, so `import "zustand"` finds nothing outside
    node_modules; debtscan resolves every file's bare specifiers through the nearest
    tsconfig.json/jsconfig.json's `paths` and the repository's own package names
    (src/graph/javascript.rs), as TypeScript does for the files of a project that allows JS.
Anything else is listed as unexplained.

Needs: node, and the oracles installed in $ORACLES_NODE/node_modules (default
/work/oracles/node: eslint 10, @typescript-eslint/parser, @babel/parser, madge); debtscan
from $DEBTSCAN (default target/release/debtscan of this repository). Helpers:
scripts/oracles/js/*.mjs. Exit status 0 when everything agrees, 1 otherwise (the differences
are listed).
"""
import json
import os
import re
import subprocess
import sys

here = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
helpers = os.path.join(here, "scripts", "oracles", "js")
binary = os.environ.get("DEBTSCAN", os.path.join(here, "target", "release", "debtscan"))
oracles = os.environ.get("ORACLES_NODE", "/work/oracles/node")
TAGS = ["BUG", "FIXME", "HACK", "XXX", "KLUDGE", "WORKAROUND", "TODO", "OPTIMIZE", "REFACTOR"]
EXTENSIONS = ("js", "jsx", "mjs", "cjs", "ts", "mts", "cts", "tsx")
# The walk's default vendored directories (`[walk] vendored_dirs`), left out of every scan.
VENDORED = ["vendor", "third_party", "third-party", "node_modules", "_vendor"]
TAG = "(" + "|".join(TAGS) + ")"
# A comment line that starts with a marker (README, "Markers"): an upper-case tag followed by
# `:`, `(` or the end, or a tag in any case followed by `:` (directly or after a parenthesis).
UPPER_START = re.compile(r"^\s*" + TAG + r"(\s*[:(]|\s*$)")
ANY_CASE_START = re.compile(r"^\s*" + TAG + r"(\([^)]*\))?\s*:", re.IGNORECASE)


def js_files(repo):
    out = subprocess.run(["git", "-C", repo, "ls-files", *[f"*.{e}" for e in EXTENSIONS]],
                         capture_output=True, text=True, check=True).stdout
    return [p for p in out.splitlines()
            if p and not any(d in p.split("/") for d in VENDORED)]


def debtscan(args):
    out = subprocess.run([binary, *args, "--format", "json", "-q"], capture_output=True,
                         text=True, check=True).stdout
    return json.loads(out)


def node(script, repo, paths):
    """Runs a helper on `paths` (repository-relative) and returns its JSON."""
    env = dict(os.environ, ORACLES_NODE=oracles)
    out = subprocess.run(["node", os.path.join(helpers, script), repo], input="\n".join(paths),
                         capture_output=True, text=True, env=env)
    if out.returncode != 0:
        sys.exit(f"{script} failed:\n{out.stderr}")
    return json.loads(out.stdout)


def finish(headline, unread_reason, unread, differ, apart=()):
    """Prints the result, what was set apart and the differences; whether everything agreed."""
    print(f"{headline}, {len(differ)} differences")
    for path in unread:
        print(f"  {unread_reason}: {path}")
    for a in apart:
        print("  apart: " + a)
    for d in differ:
        print("  " + d)
    return not differ


def comment_lines(comments):
    """{line: [text of that line inside a comment, ...]} from Babel's comments, and the lines
    of the comments that say `debtscan:ignore`."""
    by_line, ignoring = {}, set()
    for start, end, kind, value in comments:
        parts = value.split("\n") if kind == "Block" else [value]
        for k, text in enumerate(parts):
            by_line.setdefault(start + k, []).append(text)
        if "debtscan:ignore" in value:
            ignoring.update(range(start, end + 1))
    return by_line, ignoring


def markers(repo):
    report = debtscan(["todos", repo, "--no-history", "--no-cache"])
    ext = tuple("." + e for e in EXTENSIONS)
    # A marker written in several places is one item whose other places are `related`.
    ours = {}
    for i in report["items"]:
        if i["kind"] != "todo":
            continue
        for place in [i["location"], *i.get("related", [])]:
            if place["path"].endswith(ext):
                ours.setdefault((place["path"], place["start_line"]), set()).add(i["marker"]["tag"])
    # The files the walk left out (generated, minified) are not compared.
    left_out = {p for s in report["summary"]["skipped_files"] for p in s.get("sample", [])}
    files = [f for f in js_files(repo) if f not in left_out]
    babel = node("comments.mjs", repo, files)
    differ, skipped, comments, tagged = [], [], 0, 0
    for rel in files:
        if babel.get(rel) is None:
            skipped.append(rel)
            continue
        comments += len(babel[rel])
        by_line, ignoring = comment_lines(babel[rel])
        for (path, line), tags in sorted(ours.items()):
            if path != rel:
                continue
            for tag in sorted(tags):
                word = re.compile(r"(?<![\w])" + re.escape(tag) + r"(?![\w])", re.IGNORECASE)
                if not any(word.search(t) for t in by_line.get(line, [])):
                    differ.append(f"{rel}:{line}: debtscan {tag}, no comment with it there")
        for line, texts in sorted(by_line.items()):
            if line in ignoring or line - 1 in ignoring:
                continue
            for text in texts:
                # The decoration of `///`, `/**` and a JSDoc block's ` * ` is no text.
                text = re.sub(r"^[/*!\s]*", "", text)
                m = UPPER_START.match(text) or ANY_CASE_START.match(text)
                tagged += bool(m)
                if m and m.group(1).upper() not in ours.get((rel, line), set()):
                    differ.append(f"{rel}:{line}: comment {text.strip()!r}, no marker from debtscan")
    tracked = set(files)
    for path, line in ours:
        if path not in tracked:
            differ.append(f"{path}:{line}: debtscan marker in a file not compared")
    n = sum(len(t) for t in ours.values())
    ok = finish(f"{repo}: {len(files)} JS/TS files read by Babel ({len(skipped)} it cannot), "
                f"{comments} comments ({tagged} lines starting with a tag), {n} markers from "
                f"debtscan", "not parsed by Babel", skipped, differ)
    for path in sorted(left_out):
        print(f"  left out by debtscan's walk, not compared: {path}")
    return ok


def complexity(repo):
    report = debtscan(["functions", repo, "--no-cache"])
    ext = tuple("." + e for e in EXTENSIONS)
    files = sorted(f["path"] for f in report["files"] if f["path"].endswith(ext))
    partial = {p for s in report.get("partial_files", []) for p in s.get("sample", [])}
    units = {}
    for f in report["functions"]:
        if f["path"].endswith(ext):
            units.setdefault(f["path"], []).append(f)
    eslint = node("complexity.mjs", repo, files)
    differ, apart, skipped = [], [], []
    compared = folded = 0
    for rel in files:
        entries = eslint.get(rel)
        if isinstance(entries, dict):
            skipped.append(f"{rel} ({entries.get('error')})")
            continue
        ours = sorted(units.get(rel, []), key=lambda f: (f["start_line"], -f["end_line"]))
        note = " [debtscan: syntax errors in this file]" if rel in partial else ""
        # ESLint entry index -> debtscan unit index. Of the functions on a unit's lines, one
        # that debtscan's rules name (a method, a declaration, a bound value) before a closure
        # (`f((s) => s, { k: () => 1 })` on one line: the unit `k` is the second arrow).
        matched = {}
        for u, f in enumerate(ours):
            candidates = [k for k, e in enumerate(entries)
                          if e["kind"] == "function" and k not in matched
                          and e["end"] == f["end_line"] and f["start_line"] in e["starts"]]
            if candidates:
                k = min(candidates, key=lambda k: (not entries[k].get("named"), k))
                matched[k] = u
        expected = {u: entries[k]["complexity"] for k, u in matched.items()}
        unit_entry = {u: k for k, u in matched.items()}
        for k, e in enumerate(entries):
            if k in matched:
                continue
            host = e["parent"]
            while host != -1 and host not in matched:
                host = entries[host]["parent"]
            if host != -1:
                expected[matched[host]] += e["complexity"] - 1
                folded += 1
            elif e["kind"] == "function":
                differ.append(f"{rel}:{e['start']}-{e['end']} {e['name']}: ESLint "
                              f"{e['complexity']}, no debtscan unit{note}")
            elif e["complexity"] > 1:
                apart.append(f"{rel}:{e['start']}-{e['end']} {e['name']} ({e['kind']}): ESLint "
                             f"{e['complexity']}, outside every function")
        for u, f in enumerate(ours):
            if u not in expected:
                differ.append(f"{rel}:{f['start_line']}-{f['end_line']} {f['symbol']}: debtscan "
                              f"{f['cyclomatic']}, no ESLint function there{note}")
                continue
            compared += 1
            if expected[u] != f["cyclomatic"]:
                differ.append(f"{rel}:{f['start_line']} {f['symbol']}: debtscan "
                              f"{f['cyclomatic']}, ESLint (folded) {expected[u]}{note}")
            k = unit_entry[u]
            if entries[k].get("params") is not None and entries[k]["params"] != f["params"]:
                differ.append(f"{rel}:{f['start_line']} {f['symbol']}: debtscan params "
                              f"{f['params']}, ESTree params {entries[k]['params']}{note}")
    outside = sum(1 for v in eslint.values() if isinstance(v, list)
                  for e in v if e["kind"] != "function")
    return finish(f"{repo}: {len(files)} JS/TS files, {compared} functions compared with ESLint "
                  f"({folded} small functions and class field code paths folded into them, "
                  f"{outside} class field initializers/static blocks in all, {len(apart)} of "
                  f"them with decision points outside every function; {len(skipped)} files "
                  f"ESLint cannot parse)", "not parsed by ESLint", skipped, differ, apart)


def resolve_relative(repo, source, spec, files):
    """The compared file a relative specifier names, tried as Node.js and TypeScript's bundler
    resolution try it (as written, with an extension, as a directory's index, `.js` for
    `.ts`)."""
    if not spec.startswith("."):
        return None
    base = os.path.normpath(os.path.join(os.path.dirname(source), spec))
    stems = [base]
    root, ext = os.path.splitext(base)
    if ext in (".js", ".jsx", ".mjs", ".cjs"):
        stems.append(root)
    for stem in stems:
        for cand in [stem] + [f"{stem}.{e}" for e in EXTENSIONS] + \
                [f"{stem}/index.{e}" for e in EXTENSIONS]:
            if cand in files:
                return cand
    return None


def classify(repo, edge, side, statements, files):
    """Why `edge` is only in one graph, from the statements of its importing file."""
    source, target = edge
    hits = [(line, kind, spec) for line, kind, spec in statements.get(source) or []
            if spec and resolve_relative(repo, source, spec, files) == target]
    bare = [(line, kind, spec) for line, kind, spec in statements.get(source) or []
            if spec and not spec.startswith(".")]
    if hits:
        kinds = sorted({k for _, k, _ in hits})
        where = ", ".join(f"line {line} {kind} {spec!r}" for line, kind, spec in hits)
        if side == "debtscan" and kinds == ["import-type-specifiers"]:
            return "definitional: every specifier a type (madge skips it, debtscan keeps it)", where
        if side == "madge" and set(kinds) <= {"import-type", "export-type-from", "type-import"}:
            return "definitional: type-only (madge reads it anyway)", where
        return "unexplained (relative specifier)", where
    if bare:
        where = ", ".join(f"line {line} {kind} {spec!r}" for line, kind, spec in bare[:6])
        if side == "debtscan" and source.endswith((".js", ".jsx", ".mjs", ".cjs")):
            return ("definitional: a bare specifier in a JavaScript file, which debtscan resolves "
                    "through the nearest tsconfig.json's paths and the repository's package "
                    "names, madge with Node.js's rules only"), where
        return "unexplained (bare specifier)", where
    return "unexplained (no statement found)", ""


def imports(repo):
    files = js_files(repo)
    compared = set(files)
    report = debtscan(["graph", repo, "--no-cache", "--no-history", "--include-test-edges"])
    ours = {(e["from"], e["to"]) for e in report["edges"]
            if e["from"] in compared and e["to"] in compared}
    ours_elsewhere = sum(1 for e in report["edges"]
                         if e["from"] not in compared or e["to"] not in compared)
    madge = node("imports.mjs", repo, files)
    theirs, elsewhere = set(), 0
    for source, deps in madge["tree"].items():
        for dep in deps:
            if source in compared and dep in compared:
                theirs.add((source, dep))
            elif source in compared:
                elsewhere += 1
    statements = node("specifiers.mjs", repo, sorted({a for a, _ in ours ^ theirs}))
    differ, classes = [], {}
    for side, edges in (("debtscan", ours - theirs), ("madge", theirs - ours)):
        for edge in sorted(edges):
            why, where = classify(repo, edge, side, statements, compared)
            classes[(side, why)] = classes.get((side, why), 0) + 1
            line = f"only {side}: {edge[0]} -> {edge[1]}  [{why}] {where}"
            differ.append(line)
    summary = [f"{n} only in {side}: {why}" for (side, why), n in sorted(classes.items())]
    real = [d for d in differ if "[definitional" not in d]
    definitional = [d for d in differ if "[definitional" in d]
    return finish(f"{repo}: {len(files)} JS/TS files, {len(ours & theirs)} edges in both, "
                  f"{len(ours)} from debtscan, {len(theirs)} from madge (not compared: "
                  f"{elsewhere} madge dependencies on other files, such as styles and images, "
                  f"and {ours_elsewhere} debtscan edges outside the compared files)",
                  "", [], real, summary + definitional)


if __name__ == "__main__":
    commands = {"markers": markers, "complexity": complexity, "imports": imports}
    if len(sys.argv) != 3 or sys.argv[1] not in commands:
        print(__doc__)
        sys.exit(2)
    ok = commands[sys.argv[1]](sys.argv[2])
    sys.exit(0 if ok else 1)
