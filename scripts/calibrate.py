#!/usr/bin/env python3
"""Runs `debtscan backtest` on several repositories and prints one table: the backlog's fix
recall at each cut next to the best single-signal baseline's, per repository, plus the mean.

Used to calibrate the score's defaults (README, "Calibration"): tune on one half of the
repositories, report on the other half.

    scripts/calibrate.py [--debtscan PATH] [--months 12] [--windows N] [--level file|function]
                         [--config FILE] REPO...

Each REPO is a git work tree (debtscan never writes into it). Exit code 0; the table goes to
stdout, one line per repository, and a JSON dump of every measure to --json FILE if given.
"""
import argparse
import json
import subprocess
import sys

BASELINES = ["churn", "size", "complexity"]


def run(debtscan, repo, months, config, windows=1, level="file"):
    cmd = [debtscan, "backtest", repo, "--format", "json", "--months", str(months),
           "--windows", str(windows), "--level", level]
    if config:
        cmd += ["--config", config]
    out = subprocess.run(cmd, capture_output=True, text=True)
    if out.returncode != 0:
        sys.exit(f"{' '.join(cmd)} failed ({out.returncode}):\n{out.stderr}")
    return json.loads(out.stdout)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--debtscan", default="target/release/debtscan")
    ap.add_argument("--months", type=int, default=12)
    ap.add_argument("--config")
    ap.add_argument("--windows", type=int, default=1,
                    help="back-test this many windows per repository, pooled")
    ap.add_argument("--level", default="file", choices=["file", "function"])
    ap.add_argument("--json")
    ap.add_argument("--measure", default="fix_recall",
                    choices=["fix_recall", "change_recall", "precision"])
    ap.add_argument("repos", nargs="+")
    a = ap.parse_args()

    cuts = ["10", "25", "50", "named"]
    head = f"{'repository':<12} {'files':>5} {'fixes':>5}  " + "  ".join(
        f"{'top ' + c:>17}" for c in cuts)
    print(f"{a.measure}: backlog / best baseline (which)")
    print(head)
    dumps, sums, wins = {}, {c: [0.0, 0.0] for c in cuts}, {c: 0 for c in cuts}
    # Each ranking's mean over the repositories, per cut: the backlog against each baseline
    # taken alone (not only against the best one chosen in hindsight per repository).
    means = {}
    intervals = []
    for repo in a.repos:
        d = run(a.debtscan, repo, a.months, a.config, a.windows, a.level)
        dumps[repo] = d
        name = repo.rstrip("/").split("/")[-1]
        cells = []
        for c in cuts:
            by = {n: next((m for m in ms if m["k"] == c), None)
                  for n, ms in d["rankings"].items()}
            if by["backlog"] is None:
                cells.append(f"{'-':>17}")
                continue
            for n, m in by.items():
                if m is not None:
                    means.setdefault(n, {}).setdefault(c, []).append(m[a.measure])
            ours = by["backlog"][a.measure]
            best_name = max(BASELINES, key=lambda n: by[n][a.measure] if by.get(n) else -1)
            best = by[best_name][a.measure]
            sums[c][0] += ours
            sums[c][1] += best
            # The report's own verdict, which allows for chance (a paired bootstrap over the
            # fix commits): + better, = on par, - worse. Other measures: a plain comparison.
            verdict = next((v for v in d["verdict"]["cuts"] if v["k"] == c), None)
            if a.measure == "fix_recall" and verdict is not None:
                mark = {"better": "+", "on par": "=", "worse": "-"}[verdict["backlog"]]
                intervals.append(f"{name} {c}: {verdict['backlog']}, "
                                 f"{verdict['difference']*100:+.1f} points vs {verdict['best_baseline']}, "
                                 f"interval {verdict['interval'][0]*100:+.1f} to "
                                 f"{verdict['interval'][1]*100:+.1f}")
            else:
                mark = "=" if ours >= best - 1e-9 else "-"
            wins[c] += mark != "-"
            cells.append(f"{ours*100:5.1f}/{best*100:5.1f} {best_name[:5]:<5}{mark}")
        fixes = sum(w["window"]["fix_commits"] for w in d.get("windows", [d]))
        print(f"{name:<12} {d['files']:>5} {fixes:>5}  " + "  ".join(cells))
    n = len(a.repos)
    print(f"{'mean':<12} {'':>5} {'':>5}  " + "  ".join(
        f"{sums[c][0]/n*100:5.1f}/{sums[c][1]/n*100:5.1f} {wins[c]}/{n:<3}" for c in cuts))
    print("(+ better, = on par, - worse than the best baseline, allowing for chance; "
          "the count is of cuts not worse)")
    print()
    print("mean of each ranking taken alone:")
    for n in ["backlog", *BASELINES, "random"]:
        if n in means:
            print(f"{n:<12} {'':>5} {'':>5}  " + "  ".join(
                f"{sum(means[n][c])/len(means[n][c])*100:17.1f}" if c in means[n] else f"{'-':>17}"
                for c in cuts))
    if intervals:
        print()
        print("the backlog minus the best baseline, with the report's 90% interval:")
        for line in intervals:
            print("  " + line)
    if a.json:
        with open(a.json, "w") as f:
            json.dump(dumps, f, indent=1)


if __name__ == "__main__":
    main()
