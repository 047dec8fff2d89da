#!/usr/bin/env bash
# Times debtscan against the tools it is measured by, on the same repository, in one run:
#   markers: `debtscan todos --no-history`   vs  `rg -w 'TODO|FIXME|HACK|XXX' -g '*.rs'`
#   scan:    `debtscan scan` (with history)  vs  `git log --no-renames --numstat HEAD`
#   churn:   `debtscan churn --raw`          vs  `git log --no-renames --numstat HEAD`
#   coupling: `debtscan coupling --raw`      vs  `git log --no-renames --numstat HEAD`
#   todos:   `debtscan todos` with history (markers, blame-traced introductions)
#   graph:   `debtscan scan` against `debtscan scan --no-graph`: what the dependency graph
#            (imports, resolution, analysis, its items) adds to a scan (target: < 10%)
# Each command runs RUNS times (default 5) after one warm-up; the median wall time is printed
# with the ratio debtscan / reference. The machine is shared and noisy: compare medians only.
#
# Usage: scripts/bench.sh REPO [RUNS]
set -euo pipefail
repo=${1:?usage: scripts/bench.sh REPO [RUNS]}
runs=${2:-5}
here=$(cd "$(dirname "$0")/.." && pwd)

if ! command -v rg >/dev/null 2>&1; then
    echo "installing ripgrep (Debian package) for the comparison" >&2
    apt-get update -qq && apt-get install -y -qq ripgrep >/dev/null
fi
if [ ! -x /usr/bin/time ]; then
    apt-get update -qq && apt-get install -y -qq time >/dev/null
fi
cargo build --release --quiet --manifest-path "$here/Cargo.toml"
bin="$here/target/release/debtscan"

# median_ms CMD...: runs CMD once to warm caches, then $runs times; prints the median in ms.
median_ms() {
    "$@" >/dev/null 2>&1 || true
    local times=()
    for _ in $(seq "$runs"); do
        local start end
        start=$(date +%s%N)
        "$@" >/dev/null 2>&1 || true
        end=$(date +%s%N)
        times+=($(( (end - start) / 1000000 )))
    done
    printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'
}

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b == 0) b = 1; printf "%.2f", a / b }'; }

files=$(git -C "$repo" ls-files '*.rs' | wc -l)
commits=$(git -C "$repo" rev-list --count HEAD)
echo "repository: $repo ($files .rs files, $commits commits, $(nproc) cores, median of $runs runs)"

t_todos=$(median_ms "$bin" todos "$repo" --no-history --format json -q)
t_rg=$(median_ms rg -n -w 'TODO|FIXME|HACK|XXX' -g '*.rs' "$repo")
echo "markers: debtscan todos ${t_todos} ms, rg ${t_rg} ms, ratio $(ratio "$t_todos" "$t_rg")"

t_scan=$(median_ms "$bin" scan "$repo" --format json -q)
t_git=$(median_ms git -C "$repo" log --no-renames --numstat --format=%H HEAD)
echo "scan:    debtscan scan ${t_scan} ms, git log --numstat ${t_git} ms, ratio $(ratio "$t_scan" "$t_git")"

t_nograph=$(median_ms "$bin" scan "$repo" --format json -q --no-graph)
echo "graph:   debtscan scan ${t_scan} ms, scan --no-graph ${t_nograph} ms, graph adds $(awk -v a="$t_scan" -v b="$t_nograph" 'BEGIN { printf "%.1f", 100 * (a - b) / b }')%"
t_graph=$(median_ms "$bin" graph "$repo" --format json -q --no-history)
echo "graph:   debtscan graph --no-history alone ${t_graph} ms"

t_churn=$(median_ms "$bin" churn "$repo" --raw --format json -q)
echo "churn:   debtscan churn --raw ${t_churn} ms, git log --numstat ${t_git} ms, ratio $(ratio "$t_churn" "$t_git")"

t_coupling=$(median_ms "$bin" coupling "$repo" --raw --format json -q)
echo "coupling: debtscan coupling --raw ${t_coupling} ms, git log --numstat ${t_git} ms, ratio $(ratio "$t_coupling" "$t_git")"
peak=$( { /usr/bin/time -f "%M" "$bin" coupling "$repo" --raw --format json -q >/dev/null; } 2>&1 | tail -n 1)
echo "coupling peak memory: $((peak / 1024)) MB"

t_todos_h=$(median_ms "$bin" todos "$repo" --format json -q)
markers=$("$bin" todos "$repo" --format json -q | grep -c '"introduced"' || true)
echo "todos:   debtscan todos with history ${t_todos_h} ms (${markers} markers with an introduction)"
