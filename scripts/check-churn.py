#!/usr/bin/env python3
"""Checks `debtscan churn --raw` against `git log --no-renames --numstat HEAD` (the oracle).

For every file present at HEAD, revisions, added and deleted lines must be equal.
Usage: scripts/check-churn.py [--follow] REPO [extra debtscan flags...]

With --follow, checks `debtscan churn --raw --follow` (files followed through renames, as
scans count them) against `git log --follow --numstat -- FILE`, one file at a time: every file
whose followed counts differ from its own path's (a renamed file), and 50 others at random.
Files git followed through a copy (`git log --follow` treats one like a rename) are listed
apart and not counted as differences.
Exit status 0 when everything matches, 1 otherwise (the first differences are printed).
"""
import collections
import json
import os
import subprocess
import sys

import random

args = sys.argv[1:]
follow = args[:1] == ["--follow"]
if follow:
    args = args[1:]
repo = args[0]
extra = args[1:]
here = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
binary = os.path.join(here, "target", "release", "debtscan")



def churn(*flags):
    out = json.loads(subprocess.run([binary, "churn", repo, "--raw", *flags, "--format", "json", "-q", *extra],
                                    capture_output=True, text=True, check=True).stdout)
    return {f["path"]: (f["revisions"], f["added"], f["deleted"]) for f in out["files"]}


ours = churn()

at_head = set(subprocess.run(["git", "-C", repo, "-c", "core.quotePath=false", "ls-tree", "-r", "--name-only", "-z", "HEAD"],
                             capture_output=True, text=True, check=True).stdout.split("\0")) - {""}
log = "" if follow else subprocess.run(
    ["git", "-C", repo, "-c", "core.quotePath=false", "log", "--no-renames", "--numstat", "-z", "--format=%H", "HEAD"],
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

if follow:
    followed = churn("--follow")
    renamed = sorted(p for p in followed if followed[p] != ours.get(p))
    others = sorted(p for p in followed if p not in renamed)
    random.Random(1).shuffle(others)
    checked = renamed + others[:50]
    since = [f"--since={extra[i + 1]}" for i, a in enumerate(extra[:-1]) if a == "--since"]
    ours, theirs = {}, {}
    for path in checked:
        log = subprocess.run(["git", "-C", repo, "log", "--follow", "--numstat", "--format=tformat:C", *since, "--", path],
                             capture_output=True, text=True, check=True).stdout
        revisions, added, deleted = log.count("C\n"), 0, 0
        for line in log.split("\n"):
            parts = line.split("\t")
            if len(parts) == 3:
                added += 0 if parts[0] == "-" else int(parts[0])
                deleted += 0 if parts[1] == "-" else int(parts[1])
        ours[path] = followed[path]
        theirs[path] = (revisions, added, deleted)
    print(f"{repo}: {len(renamed)} files followed through renames, {len(checked) - len(renamed)} others checked")

bad = sorted(p for p in ours.keys() | theirs.keys() if ours.get(p) != theirs.get(p))
if follow:
    # `git log --follow` also follows a new file back to a file it was copied from (status C,
    # the source still there): debtscan follows renames only. Those differences are expected.
    def copied(path):
        log = subprocess.run(["git", "-C", repo, "log", "--follow", "--name-status", "--format=", *since, "--", path],
                             capture_output=True, text=True, check=True).stdout
        return any(line.startswith("C") for line in log.split("\n"))
    copies = [p for p in bad if copied(p)]
    print(f"{len(copies)} differ because git --follow followed a copy: {', '.join(copies[:10])}")
    bad = [p for p in bad if p not in copies]
print(f"{repo}: {len(theirs)} files from git log, {len(ours)} from debtscan, {len(bad)} differ")
for path in bad[:20]:
    print(f"  {path}: debtscan {ours.get(path)} git {theirs.get(path)}")
sys.exit(1 if bad else 0)
