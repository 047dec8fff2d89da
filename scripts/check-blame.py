#!/usr/bin/env python3
"""Checks each marker's `introduced.commit` from `debtscan todos` against `git blame -w` (the oracle).

debtscan takes lines that differ only in whitespace as the same line (a re-indenting commit
wrote none of them), as `git blame -w` does, and honours `.git-blame-ignore-revs`, so git
blame is given `--ignore-revs-file` when the repository has one.

Usage: scripts/check-blame.py REPO [--list]
Prints how many markers agree; exit status 1 when any differs.
"""
import json
import os
import subprocess
import sys

repo = sys.argv[1]
here = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
binary = os.path.join(here, "target", "release", "debtscan")
backlog = json.loads(subprocess.run([binary, "todos", repo, "--format", "json", "-q"],
                                    capture_output=True, text=True, check=True).stdout)
ignore = os.path.join(repo, ".git-blame-ignore-revs")
ignore_args = ["--ignore-revs-file", ignore] if os.path.exists(ignore) else []
agree, differ = 0, []
for item in backlog["items"]:
    path, line = item["location"]["path"], item["location"]["start_line"]
    ours = (item["marker"].get("introduced") or {}).get("commit")
    out = subprocess.run(["git", "-C", repo, "blame", "--porcelain", "-w", *ignore_args, "-L", f"{line},{line}", "--", path],
                         capture_output=True, text=True).stdout
    theirs = out.split(" ", 1)[0] if out else None
    if theirs and set(theirs) == {"0"}:
        theirs = None
    if ours == theirs:
        agree += 1
    else:
        differ.append((path, line, ours, theirs))
print(f"{repo}: {agree} of {len(backlog['items'])} markers agree with git blame, {len(differ)} differ")
if "--list" in sys.argv:
    for d in differ:
        print("  ", *d)
sys.exit(1 if differ else 0)
