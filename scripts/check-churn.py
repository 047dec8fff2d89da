#!/usr/bin/env python3
"""Checks `debtscan churn --raw` against `git log --no-renames --numstat HEAD` (the oracle).

For every file present at HEAD, revisions, added and deleted lines must be equal.
Usage: scripts/check-churn.py REPO [extra debtscan flags...]
Exit status 0 when everything matches, 1 otherwise (the first differences are printed).
"""
import collections
import json
import os
import subprocess
import sys

repo = sys.argv[1]
extra = sys.argv[2:]
here = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
binary = os.path.join(here, "target", "release", "debtscan")

ours = json.loads(subprocess.run([binary, "churn", repo, "--raw", "--format", "json", "-q", *extra],
                                 capture_output=True, text=True, check=True).stdout)
ours = {f["path"]: (f["revisions"], f["added"], f["deleted"]) for f in ours["files"]}

at_head = set(subprocess.run(["git", "-C", repo, "-c", "core.quotePath=false", "ls-tree", "-r", "--name-only", "-z", "HEAD"],
                             capture_output=True, text=True, check=True).stdout.split("\0")) - {""}
log = subprocess.run(["git", "-C", repo, "-c", "core.quotePath=false", "log", "--no-renames", "--numstat", "-z", "--format=%H", "HEAD"],
                     capture_output=True, check=True).stdout.decode("utf-8", "surrogateescape")
theirs = collections.defaultdict(lambda: [0, 0, 0])
for record in log.split("\0"):
    for line in record.split("\n"):
        parts = line.split("\t", 2)
        if len(parts) != 3:
            continue
        added, deleted, path = parts
        if path not in at_head:
            continue
        entry = theirs[path]
        entry[0] += 1
        entry[1] += 0 if added == "-" else int(added)
        entry[2] += 0 if deleted == "-" else int(deleted)
theirs = {p: tuple(v) for p, v in theirs.items()}

bad = sorted(p for p in ours.keys() | theirs.keys() if ours.get(p) != theirs.get(p))
print(f"{repo}: {len(theirs)} files from git log, {len(ours)} from debtscan, {len(bad)} differ")
for path in bad[:20]:
    print(f"  {path}: debtscan {ours.get(path)} git {theirs.get(path)}")
sys.exit(1 if bad else 0)
