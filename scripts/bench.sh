#!/usr/bin/env bash
# Times debtscan against the tools it is measured by, on the same repository, in one run:
#   markers: `debtscan todos --no-history`   vs  `rg -w 'TODO|FIXME|HACK|XXX' -g '*.rs'`
#   scan:    `debtscan scan` (with history)  vs  `git log --no-renames --numstat HEAD`
#   churn:   `debtscan churn --raw`          vs  `git log --no-renames --numstat HEAD`
#   coupling: `debtscan coupling --raw`      vs  `git log --no-renames --numstat HEAD`
#   todos:   `debtscan todos` with history (markers, blame-traced introductions)
#   cut:     `debtscan scan --max-commits 5000` and `--since` (a year before HEAD) against the
#            full-history scan, all without cache (target: no more than the full scan)
#   graph:   `debtscan scan` against `debtscan scan --no-graph`: what the dependency graph
#            (imports, resolution, analysis, its items) adds to a scan (target: < 10%)
#   cache:   a cold `scan` (empty cache directory, so saving is paid) against `git log
#            --numstat`, the two run alternately (target <= 1.0x), and its peak memory
#            (target <= 400 MiB); a warm rerun at the same HEAD (target <= 0.05x cold); a rerun
#            after 1% new commits, from a cache filled at the branch's earlier tip with 1% of
#            the history after it (target <= 0.1x cold)
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

# once_ms CMD...: runs CMD once; prints its wall time in ms.
once_ms() {
    local start end
    start=$(date +%s%N)
    "$@" >/dev/null 2>&1 || true
    end=$(date +%s%N)
    echo $(( (end - start) / 1000000 ))
}

# median: the median of the numbers on standard input, one per line.
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

# median_ms CMD...: runs CMD once to warm caches, then $runs times; prints the median in ms.
median_ms() {
    "$@" >/dev/null 2>&1 || true
    for _ in $(seq "$runs"); do once_ms "$@"; done | median
}

# median_pair_ms A B: runs commands (or functions) A and B alternately, $runs times each after
# one warm-up of each, and prints both medians in ms. On a shared machine whose speed drifts
# over minutes, alternating keeps the two sides under the same conditions.
median_pair_ms() {
    "$1" >/dev/null 2>&1 || true
    "$2" >/dev/null 2>&1 || true
    local a=() b=()
    for _ in $(seq "$runs"); do
        a+=("$(once_ms "$1")")
        b+=("$(once_ms "$2")")
    done
    echo "$(printf '%s\n' "${a[@]}" | median) $(printf '%s\n' "${b[@]}" | median)"
}

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b == 0) b = 1; printf "%.2f", a / b }'; }

files=$(git -C "$repo" ls-files '*.rs' | wc -l)
commits=$(git -C "$repo" rev-list --count HEAD)
echo "repository: $repo ($files .rs files, $commits commits, $(nproc) cores, median of $runs runs)"

t_todos=$(median_ms "$bin" todos "$repo" --no-history --format json -q --no-cache)
t_rg=$(median_ms rg -n -w 'TODO|FIXME|HACK|XXX' -g '*.rs' "$repo")
echo "markers: debtscan todos ${t_todos} ms, rg ${t_rg} ms, ratio $(ratio "$t_todos" "$t_rg")"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cold_scan() {
    rm -rf "$work/cold"
    "$bin" scan "$repo" --format json -q --cache-dir "$work/cold"
}
git_log() { git -C "$repo" log --no-renames --numstat --format=%H HEAD; }
read -r t_scan t_git < <(median_pair_ms cold_scan git_log)
echo "scan:    debtscan scan (cold) ${t_scan} ms, git log --numstat ${t_git} ms (alternating), ratio $(ratio "$t_scan" "$t_git")"
rm -rf "$work/cold"
peak=$( { /usr/bin/time -f "%M" "$bin" scan "$repo" --format json -q --cache-dir "$work/cold" >/dev/null; } 2>&1 | tail -n 1)
echo "scan:    cold peak memory $((peak / 1024)) MB"
t_warm=$(median_ms "$bin" scan "$repo" --format json -q --cache-dir "$work/cold")
echo "cache:   warm scan at the same HEAD ${t_warm} ms, ratio to cold $(ratio "$t_warm" "$t_scan")"
# 1% new commits: a clone whose cache was filled where a nightly run would have seen the branch
# last: on HEAD's first-parent line (the branch's earlier tip), at the nearest commit with at least
# 1% of the history after it.
git clone -q "$repo" "$work/clone"
back=$(( commits / 100 ))
mapfile -t line < <(git -C "$repo" rev-list --first-parent HEAD)
lo=1
hi=$(( ${#line[@]} - 1 ))
while [ "$lo" -lt "$hi" ]; do
    mid=$(( (lo + hi) / 2 ))
    if [ "$(git -C "$repo" rev-list --count "${line[$mid]}..HEAD")" -ge "$back" ]; then
        hi=$mid
    else
        lo=$(( mid + 1 ))
    fi
done
old=${line[$lo]}
back=$(git -C "$repo" rev-list --count "$old..HEAD")
git -C "$work/clone" checkout -q --detach "$old"
"$bin" scan "$work/clone" --format json -q --cache-dir "$work/old" >/dev/null
git -C "$work/clone" checkout -q --detach "$(git -C "$repo" rev-parse HEAD)"
newer_scan() {
    rm -rf "$work/newer"
    cp -r "$work/old" "$work/newer"
    "$bin" scan "$work/clone" --format json -q --cache-dir "$work/newer"
}
t_newer=$(median_ms newer_scan)
echo "cache:   scan after ${back} new commits (1%) ${t_newer} ms, ratio to cold $(ratio "$t_newer" "$t_scan")"

t_nograph=$(median_ms "$bin" scan "$repo" --format json -q --no-graph --no-cache)
t_scan=$(median_ms "$bin" scan "$repo" --format json -q --no-cache)
echo "graph:   debtscan scan --no-cache ${t_scan} ms, scan --no-graph ${t_nograph} ms, graph adds $(awk -v a="$t_scan" -v b="$t_nograph" 'BEGIN { printf "%.1f", 100 * (a - b) / b }')%"
t_graph=$(median_ms "$bin" graph "$repo" --format json -q --no-history --no-cache)
echo "graph:   debtscan graph --no-history alone ${t_graph} ms"

# A cut history must cost no more than the whole one (marker lines older than the window are
# reported as such, never blamed one by one).
since=$(date -u -d "@$(( $(git -C "$repo" log -1 --format=%ct HEAD) - 365 * 86400 ))" +%Y-%m-%d)
t_max=$(median_ms "$bin" scan "$repo" --format json -q --no-cache --max-commits 5000)
t_since=$(median_ms "$bin" scan "$repo" --format json -q --no-cache --since "$since")
echo "cut:     scan --max-commits 5000 ${t_max} ms, --since ${since} ${t_since} ms, full ${t_scan} ms (ratios $(ratio "$t_max" "$t_scan"), $(ratio "$t_since" "$t_scan"))"

t_churn=$(median_ms "$bin" churn "$repo" --raw --format json -q --no-cache)
echo "churn:   debtscan churn --raw ${t_churn} ms, git log --numstat ${t_git} ms, ratio $(ratio "$t_churn" "$t_git")"

t_coupling=$(median_ms "$bin" coupling "$repo" --raw --format json -q --no-cache)
echo "coupling: debtscan coupling --raw ${t_coupling} ms, git log --numstat ${t_git} ms, ratio $(ratio "$t_coupling" "$t_git")"
peak=$( { /usr/bin/time -f "%M" "$bin" coupling "$repo" --raw --format json -q --no-cache >/dev/null; } 2>&1 | tail -n 1)
echo "coupling peak memory: $((peak / 1024)) MB"

t_todos_h=$(median_ms "$bin" todos "$repo" --format json -q --no-cache)
markers=$("$bin" todos "$repo" --format json -q --no-cache | grep -c '"introduced"' || true)
echo "todos:   debtscan todos with history ${t_todos_h} ms (${markers} markers with an introduction)"
