#!/usr/bin/env python3
"""Compares `debtscan todos` with `git grep -nwE 'TODO|FIXME|HACK|XXX' -- '*.rs'` on a repository.

grep sees every occurrence, in strings and identifiers too; debtscan only markers in comments.
The differences are the point: each should be explainable (a string, a backticked mention, a
mixed-case marker grep's case-sensitive match misses).

Usage: scripts/compare-grep.py REPO [--list]
"""
import json
import os
import subprocess
import sys

repo = sys.argv[1]
here = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
binary = os.path.join(here, "target", "release", "debtscan")
run = subprocess.run([binary, "todos", repo, "--no-history", "--format", "json", "-q"],
                     capture_output=True, text=True, check=True)
backlog = json.loads(run.stdout)
tags = ("TODO", "FIXME", "HACK", "XXX")
found = {(i["location"]["path"], i["location"]["start_line"]) for i in backlog["items"]
         if i["kind"] == "todo" and i["marker"]["tag"] in tags}
grep = subprocess.run(["git", "-C", repo, "grep", "-nwE", "|".join(tags), "--", "*.rs"],
                      capture_output=True, text=True).stdout
lines = {}
for line in grep.splitlines():
    path, number, text = line.split(":", 2)
    lines[(path, int(number))] = text
print(f"{repo}: debtscan {len(found)}, grep {len(lines)}, "
      f"grep only {len(lines.keys() - found)}, debtscan only {len(found - lines.keys())}")
if "--list" in sys.argv:
    for key in sorted(lines.keys() - found):
        print("  grep only:", f"{key[0]}:{key[1]}", lines[key].strip()[:120])
    for key in sorted(found - lines.keys()):
        print("  debtscan only:", f"{key[0]}:{key[1]}")
