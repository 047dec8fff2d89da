#!/usr/bin/env python3
"""Cross-checks the Lua fixtures against independent oracles.

  scripts/compare-lua.py comments PROBE FILE...   comment lines: tree-sitter (PROBE) vs Pygments
  scripts/compare-lua.py cyclomatic FILE...        fixtures' .expected cyclomatic/params vs lizard

PROBE is a command that runs queries/lua/comments.scm over a file and prints one line per
capture containing `@comment=KIND:START-END:COL` (1-based lines), e.g. a scratch tree-sitter
binary `probe query queries/lua/comments.scm FILE`. Pygments: LuaLexer(stripnl=False,
ensurenl=False), Comment.Single and Comment.Multiline tokens only (not Comment.Hashbang or
Comment.Preproc). lizard: `lizard --csv FILE`; lizard measures every anonymous function on its
own, so a fixture function's cyclomatic is compared with lizard's plus (CCN - 1) of the
anonymous functions lizard finds inside it that the fixture does not list (small closures).
Known lizard defects for Lua: `function M:m()` is named `M` and gets 0 parameters.
"""
import csv
import re
import subprocess
import sys

from pygments.lexers import LuaLexer
from pygments.token import Comment


def pygments_lines(path):
    text = open(path, encoding="utf-8").read()
    lines, line = set(), 1
    for ttype, value in LuaLexer(stripnl=False, ensurenl=False).get_tokens(text):
        n = value.count("\n")
        if ttype in (Comment.Single, Comment.Multiline):
            body = value.rstrip("\n")
            lines.update(range(line, line + body.count("\n") + 1))
        line += n
    return lines


def probe_lines(probe, path):
    out = subprocess.run(probe + [path], capture_output=True, text=True, check=True).stdout
    lines, shebang = set(), set()
    for m in re.finditer(r"@comment=(\w+):(\d+)-(\d+)", out):
        kind, a, b = m.group(1), int(m.group(2)), int(m.group(3))
        (shebang if kind == "hash_bang_line" else lines).update(range(a, b + 1))
    return lines, shebang


def comments(probe, files):
    agree = total = 0
    for path in files:
        ts, shebang = probe_lines(probe, path)
        py = pygments_lines(path)
        total += 1
        if ts == py:
            agree += 1
            print(f"{path}: {len(ts)} comment lines, same ({len(shebang)} shebang line(s) not compared)")
        else:
            print(f"{path}: DIFFER tree-sitter only {sorted(ts - py)}, Pygments only {sorted(py - ts)}")
    print(f"comments: {agree}/{total} files agree")


def expected(path):
    rows = []
    for line in open(path + ".expected", encoding="utf-8"):
        if line.startswith("#") or not line.strip():
            continue
        sym, start, end, cyc, _cog, _nest, params = line.rstrip("\n").split("\t")
        rows.append((sym, int(start), int(end), int(cyc), int(params)))
    return rows


def cyclomatic(files):
    agree_ccn = agree_params = total = 0
    for path in files:
        out = subprocess.run(["lizard", "--csv", path], capture_output=True, text=True, check=True).stdout
        liz = [(r[7], int(r[9]), int(r[10]), int(r[1]), int(r[3])) for r in csv.reader(out.splitlines())]
        ours = expected(path)
        listed = {(s, e) for _, s, e, _, _ in ours}
        for sym, start, end, cyc, params in ours:
            total += 1
            same = [l for l in liz if (l[1], l[2]) == (start, end)]
            if not same:
                print(f"{path}: {sym}@{start}: lizard has no function there")
                continue
            name, _, _, ccn, lparams = same[0]
            inner = [l for l in liz if start <= l[1] and l[2] <= end and (l[1], l[2]) != (start, end)
                     and l[0] == "(anonymous)" and (l[1], l[2]) not in listed]
            folded = ccn + sum(l[3] - 1 for l in inner)
            note = f" (+ {len(inner)} small closure(s) folded in)" if inner else ""
            if folded == cyc:
                agree_ccn += 1
            else:
                print(f"{path}: {sym}@{start}: cyclomatic {cyc}, lizard {folded}{note} as {name!r}")
            if lparams == params:
                agree_params += 1
            else:
                print(f"{path}: {sym}@{start}: params {params}, lizard {lparams} as {name!r}")
    print(f"cyclomatic: {agree_ccn}/{total} agree; params: {agree_params}/{total} agree")


if __name__ == "__main__":
    if len(sys.argv) < 3 or sys.argv[1] not in ("comments", "cyclomatic"):
        sys.exit(__doc__)
    if sys.argv[1] == "comments":
        comments(sys.argv[2].split(), sys.argv[3:])
    else:
        cyclomatic(sys.argv[2:])
