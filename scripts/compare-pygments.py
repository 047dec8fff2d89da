#!/usr/bin/env python3
"""Markers against an independent lexer: the lines where debtscan found a marker tag versus the
comment lines, as Pygments lexes them, that hold an upper-case tag as a word.

  scripts/compare-pygments.py REPO LEXER EXT [DEBTSCAN]
  e.g. scripts/compare-pygments.py /tmp/lualine lua lua target/release/debtscan

Pygments (pip install pygments) shares nothing with tree-sitter: its lexers are regular
expressions. Options: stripnl=False and ensurenl=False (the defaults shift line numbers);
Comment.Single, Comment.Multiline and Comment.Special count, Comment.Hashbang and
Comment.Preproc do not (a `#!` line holds no marker in debtscan). The tag rule is debtscan's
simplest one (an upper-case tag as a whole word, not in a path, a file name, inline code or a
hyphenated word), so a difference is either a lexer disagreement or one of debtscan's documented
rules; every difference is printed for reading. Exit 0 always: this is a measurement.
"""
import json
import re
import subprocess
import sys

from pygments.lexers import get_lexer_by_name
from pygments.token import Comment

TAGS = "TODO|FIXME|HACK|XXX|BUG|KLUDGE|WORKAROUND|OPTIMIZE|REFACTOR"
TAG = re.compile(r"(?<![\w/.`])(?<!\w-)(%s)(?![\w\-.`/])" % TAGS)


def pygments_lines(path, lexer_name):
    try:
        text = open(path, encoding="utf-8").read()
    except (UnicodeDecodeError, OSError):
        return set()
    lexer = get_lexer_by_name(lexer_name, stripnl=False, ensurenl=False)
    found, line = set(), 1
    for ttype, value in lexer.get_tokens(text):
        if ttype in (Comment.Single, Comment.Multiline, Comment.Special) or (
            ttype in Comment and ttype not in (Comment.Hashbang, Comment.Preproc, Comment.PreprocFile)
        ):
            for k, part in enumerate(value.split("\n")):
                if TAG.search(part):
                    found.add(line + k)
        line += value.count("\n")
    return found


def main():
    repo, lexer, ext = sys.argv[1:4]
    debtscan = sys.argv[4] if len(sys.argv) > 4 else "debtscan"
    out = subprocess.run(
        [debtscan, "todos", repo, "--format", "json", "--no-history", "-q"],
        capture_output=True, text=True, check=True,
    ).stdout
    ours = set()
    for item in json.loads(out)["items"]:
        if item["kind"] != "todo":
            continue
        for place in [item["location"]] + item.get("related", []):
            if place["path"].endswith("." + ext):
                ours.add((place["path"], place["start_line"]))
    files = subprocess.run(
        ["git", "-C", repo, "ls-files", "*." + ext], capture_output=True, text=True, check=True
    ).stdout.split()
    theirs = set()
    for rel in files:
        theirs.update((rel, n) for n in pygments_lines(f"{repo}/{rel}", lexer))
    both = ours & theirs
    print(f"{len(files)} .{ext} files: {len(both)} marker lines agree, "
          f"{len(ours - theirs)} only debtscan, {len(theirs - ours)} only Pygments")
    for path, line in sorted(ours - theirs):
        print(f"  only debtscan: {path}:{line}")
    for path, line in sorted(theirs - ours):
        print(f"  only Pygments: {path}:{line}")


if __name__ == "__main__":
    main()
