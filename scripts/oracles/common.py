"""What the oracle comparisons (scripts/compare-*.py) share: where debtscan is, how it is run,
the default marker tags and vendored directories, and how a comparison reports."""

import json
import os
import re
import subprocess

here = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
binary = os.environ.get("DEBTSCAN", os.path.join(here, "target", "release", "debtscan"))
TAGS = ["BUG", "FIXME", "HACK", "XXX", "KLUDGE", "WORKAROUND", "TODO", "OPTIMIZE", "REFACTOR"]
# The walk's default vendored directories (`[walk] vendored_dirs`), left out of every scan.
VENDORED = ["vendor", "third_party", "third-party", "node_modules", "_vendor"]
# `[complexity] closure_lines` (its default; REPO/debtscan.toml may set another): a closure this
# long or longer is a unit of its own.
CLOSURE_LINES = 20
TAG = "(" + "|".join(TAGS) + ")"
# A comment line that starts with a tag, as README "Markers" reads one: an upper-case tag
# followed by `:`, `(` or the end, or a tag in any case followed by `:` (after a parenthesis).
UPPER_START = re.compile(r"^\s*" + TAG + r"(\s*[:(]|\s*$)")
ANY_CASE_START = re.compile(r"^\s*" + TAG + r"(\([^)]*\))?\s*:", re.IGNORECASE)


def tracked(repo, *patterns):
    """The files git tracks in REPO matching the pathspecs, outside vendored directories."""
    out = subprocess.run(["git", "-C", repo, "ls-files", *patterns], capture_output=True,
                         text=True, check=True).stdout
    return [p for p in out.splitlines()
            if p and not any(d in p.split("/")[:-1] for d in VENDORED)]


def debtscan(args):
    """debtscan's JSON output for ARGS."""
    out = subprocess.run([binary, *args, "--format", "json", "-q"], capture_output=True,
                         text=True, check=True).stdout
    return json.loads(out)


def finish(headline, unread_reason, unread, differ):
    """Prints the result and the differences; whether everything agreed."""
    print(f"{headline}, {len(differ)} differences")
    for path in unread:
        print(f"  {unread_reason}: {path}")
    for d in differ:
        print("  " + d)
    return not differ


def closure_lines(repo):
    """`[complexity] closure_lines` of REPO/debtscan.toml, else the default."""
    path = os.path.join(repo, "debtscan.toml")
    if not os.path.exists(path):
        return CLOSURE_LINES
    import tomllib
    with open(path, "rb") as f:
        return tomllib.load(f).get("complexity", {}).get("closure_lines", CLOSURE_LINES)


def slash_comment_lines(line, text, doxygen=False):
    """(line, text) of each line of one `//` or `/* */` comment starting at `line`, its
    delimiters (and a block's leading `*`) stripped; with `doxygen`, also the `!` of `//!` and
    `/*!`. A `//` comment over several lines is C's splice (a `\\` ending the line)."""
    marks = "/!" if doxygen else "/"
    if text.startswith("//"):
        parts = text.rstrip("\n").split("\n")
        return [(line + k, (p[2:].lstrip(marks) if k == 0 else p)) for k, p in enumerate(parts)]
    body = text[2:-2] if text.endswith("*/") and len(text) >= 4 else text[2:]
    if body.startswith(("*", "!") if doxygen else "*"):
        body = body[1:]
    out = []
    for k, part in enumerate(body.split("\n")):
        if k > 0:
            stripped = part.lstrip()
            if stripped.startswith("*") and not stripped.startswith("*/"):
                part = stripped[1:]
        out.append((line + k, part))
    return out


def todo_tags(report, keep):
    """(path, start line) -> tags of the `todo` items of a `todos` report, their other places
    (`related`) included, at the paths `keep` accepts."""
    ours = {}
    for i in report["items"]:
        if i["kind"] != "todo":
            continue
        for place in [i["location"], *i.get("related", [])]:
            if keep(place["path"]):
                ours.setdefault((place["path"], place["start_line"]), set()).add(i["marker"]["tag"])
    return ours



def marker_differences(rel, ours, by_line, ignored=(), skip=lambda line, text: False):
    """Compares debtscan's markers in file REL (`ours`: {(path, line): {tag}}, as todo_tags
    gives) with an oracle's comment text by line (`by_line`: {line: [text]}): every marker must
    be on a line whose comment holds its tag (a whole word, any case), and every comment line
    that starts with a tag (UPPER_START, ANY_CASE_START) must be a marker. Lines in IGNORED and
    comments for which SKIP(line, text) holds are not compared. Returns (the number of comment
    lines starting with a tag, [(line, row)] of the markers without a comment, [(line, row)] of
    the comments without a marker)."""
    no_comment, no_marker, tagged = [], [], 0
    for (path, line), tags in sorted(ours.items()):
        if path != rel:
            continue
        for tag in sorted(tags):
            word = re.compile(r"(?<![\w])" + re.escape(tag) + r"(?![\w])", re.IGNORECASE)
            if not any(word.search(t) for t in by_line.get(line, [])):
                no_comment.append((line, f"{rel}:{line}: debtscan {tag}, no comment with it there"))
    for line, texts in sorted(by_line.items()):
        if line in ignored:
            continue
        for t in texts:
            if skip(line, t):
                continue
            m = UPPER_START.match(t) or ANY_CASE_START.match(t)
            tagged += bool(m)
            if m and m.group(1).upper() not in ours.get((rel, line), set()):
                no_marker.append((line, f"{rel}:{line}: comment {t.strip()!r}, no marker from "
                                  "debtscan"))
    return tagged, no_comment, no_marker


def last_name(symbol):
    """The last `.` part of a debtscan symbol (`Client.fetch` → `fetch`), `{closure#N}` for a
    closure's unit: what lizard names a function (Kotlin, Swift)."""
    if "{closure#" in symbol:
        return symbol.split(".")[-1]
    return symbol.rstrip(".").split(".")[-1]


def print_sample(heading, rows, limit=5):
    """Prints `heading: N` for the N rows, then the first `limit` of them and how many more."""
    print(f"  {heading}: {len(rows)}")
    for row in rows[:limit]:
        print(f"    {row}")
    if len(rows) > limit:
        print(f"    … {len(rows) - limit} more")
