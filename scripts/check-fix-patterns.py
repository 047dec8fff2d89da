#!/usr/bin/env python3
"""Checks the back-test's fix patterns against commit subjects labelled by hand (the oracle).

Usage: scripts/check-fix-patterns.py LABELS.tsv [CONFIG.toml]

LABELS.tsv holds one commit subject per line, `LABEL<TAB>SUBJECT`, where LABEL is what a
reader made of the subject alone:
  DEFECT      the commit corrects wrong behaviour of the program (a bug, a crash, a wrong
              output, a build that fails on some platform);
  MECHANICAL  nothing the program does changes: formatting, lints and compiler warnings,
              typos, documentation and help text, CI, version and dependency bumps, merge
              conflicts;
  TEST        only a test or its fixtures were wrong;
  UNCLEAR     the subject does not say.
Label only subjects that match a fix pattern (`git log --format=%s` filtered by them), so
the table measures how the mechanical patterns split the fixes.

The patterns are read from CONFIG.toml's `[backtest]` (default: debtscan's own defaults,
src/debtscan.default.toml) and applied as debtscan applies them (src/fixes.rs): a subject
that starts with "Revert" or "Reapply" is no fix; otherwise a fix pattern makes it a fix,
unless a mechanical pattern matches too. Python's `re` and Rust's `regex` agree on these
patterns (ASCII word boundaries and classes, no look-around).

Prints the table of debtscan's class (fix, mechanical, other) against the labels, the share
of DEFECT subjects counted as fixes and of MECHANICAL ones left out, and every disagreement
(a DEFECT left out, a MECHANICAL counted). Exit status 0.
"""
import collections
import os
import re
import sys
import tomllib

args = sys.argv[1:]
if not args or args[0] in ("-h", "--help"):
    print(__doc__)
    sys.exit(0 if args else 2)
here = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
config = args[1] if len(args) > 1 else os.path.join(here, "src", "debtscan.default.toml")
with open(config, "rb") as f:
    backtest = tomllib.load(f).get("backtest", {})
defaults = os.path.join(here, "src", "debtscan.default.toml")
with open(defaults, "rb") as f:
    default_backtest = tomllib.load(f)["backtest"]
fix = [re.compile(p, re.I) for p in backtest.get("fix_patterns", default_backtest["fix_patterns"])]
mechanical = [
    re.compile(p, re.I)
    for p in backtest.get("mechanical_patterns", default_backtest["mechanical_patterns"])
]


def classify(subject):
    if subject[:6].lower() == "revert" or subject[:7].lower() == "reapply":
        return "other"
    if not any(p.search(subject) for p in fix):
        return "other"
    if any(p.search(subject) for p in mechanical):
        return "mechanical"
    return "fix"


table = collections.Counter()
wrong = []
with open(args[0], encoding="utf-8") as f:
    for line in f:
        line = line.rstrip("\n")
        if not line:
            continue
        label, _, subject = line.partition("\t")
        got = classify(subject)
        table[(got, label)] += 1
        if (label == "DEFECT" and got != "fix") or (label == "MECHANICAL" and got == "fix"):
            wrong.append(f"{label:10} counted as {got:10} {subject}")

labels = ["DEFECT", "MECHANICAL", "TEST", "UNCLEAR"]
print(f"{'debtscan':12}" + "".join(f"{l:>12}" for l in labels))
for got in ["fix", "mechanical", "other"]:
    print(f"{got:12}" + "".join(f"{table[(got, l)]:>12}" for l in labels))
defects = sum(table[(g, "DEFECT")] for g in ["fix", "mechanical", "other"])
mech = sum(table[(g, "MECHANICAL")] for g in ["fix", "mechanical", "other"])
fixes = sum(table[("fix", l)] for l in labels)
if defects:
    print(f"DEFECT counted as fixes: {table[('fix', 'DEFECT')]} of {defects} "
          f"({100 * table[('fix', 'DEFECT')] / defects:.1f}%)")
if mech:
    left = mech - table[("fix", "MECHANICAL")]
    print(f"MECHANICAL left out: {left} of {mech} ({100 * left / mech:.1f}%)")
if fixes:
    print(f"fixes that are DEFECT: {table[('fix', 'DEFECT')]} of {fixes} "
          f"({100 * table[('fix', 'DEFECT')] / fixes:.1f}%)")
print(f"\n{len(wrong)} disagreements:")
for w in wrong:
    print("  " + w)
