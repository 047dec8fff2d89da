#!/usr/bin/env bash
# Tries the nightly workflow of README.md ("In CI", GitHub Actions) on a real repository, as
# the runner would do it two nights in a row: each night is a fresh clone at that night's HEAD,
# debtscan's cache directory restored from the night before as `actions/cache` does (a tar
# archive of the directory, saved after the job), and the workflow's own debtscan steps:
#   scan --format json, scan --format sarif, and from the second night on (with a baseline)
#   diff against it and scan --fail-on new.
# Night 1 starts from an empty cache (the first run ever); night 2 is HEAD, night 1 is the
# last commit at least DAYS (default 1) before it. Prints each night's debtscan time, the
# cold scan it is compared with, and the ratio (target: night 2's scans within the warm
# budget, 0.05x of a cold scan each).
#
# Usage: scripts/nightly.sh REPO [DAYS]
set -euo pipefail
repo=${1:?usage: scripts/nightly.sh REPO [DAYS]}
days=${2:-1}
here=$(cd "$(dirname "$0")/.." && pwd)
cargo build --release --quiet --manifest-path "$here/Cargo.toml"
bin="$here/target/release/debtscan"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

head=$(git -C "$repo" rev-parse HEAD)
head_time=$(git -C "$repo" log -1 --format=%ct HEAD)
night1=$(git -C "$repo" rev-list -1 --before="$(( head_time - days * 86400 ))" HEAD)
echo "repository: $repo; night 1 at ${night1:0:12}, night 2 at ${head:0:12} ($(git -C "$repo" rev-list --count "$night1..$head") commits later)"

ms() { echo $(( $(date +%s%N) / 1000000 )); }

# night N REV: a fresh checkout at REV, the cache restored from the archive (if any), the
# workflow's debtscan steps, the cache archived again. Prints the steps' wall time in ms.
night() {
    local n=$1 rev=$2 dir="$work/night$1"
    git clone -q --no-checkout "$repo" "$dir/src"
    git -C "$dir/src" checkout -q --detach "$rev"
    mkdir -p "$dir/home/.cache"
    [ -f "$work/cache.tar" ] && tar -xf "$work/cache.tar" -C "$dir/home/.cache"
    [ -f "$work/baseline.json" ] && cp "$work/baseline.json" "$dir/baseline.json"
    local start end baseline=""
    [ -f "$dir/baseline.json" ] && baseline="--baseline $dir/baseline.json"
    start=$(ms)
    (
        cd "$dir/src"
        export HOME="$dir/home" XDG_CACHE_HOME="$dir/home/.cache"
        # shellcheck disable=SC2086
        "$bin" scan . --format json -o "$dir/today.json" -q $baseline
        "$bin" scan . --format sarif -o "$dir/debt.sarif" -q $baseline
        if [ -n "$baseline" ]; then
            "$bin" diff "$dir/baseline.json" "$dir/today.json" --format markdown >/dev/null
            # Exit code 1 (new debt) is the step's verdict, not a failure of this script.
            "$bin" scan . -q $baseline --fail-on new --format table >/dev/null || [ $? -eq 1 ]
        fi
    )
    end=$(ms)
    tar -cf "$work/cache.tar" -C "$dir/home/.cache" debtscan
    cp "$dir/today.json" "$work/baseline.json"
    echo $(( end - start ))
}

t1=$(night 1 "$night1")
t2=$(night 2 "$head")
git clone -q "$repo" "$work/cold"
start=$(ms)
"$bin" scan "$work/cold" --format json -q --no-cache >/dev/null
cold=$(( $(ms) - start ))
echo "night 1 (empty cache, no baseline): ${t1} ms for 2 scans"
echo "night 2 (cache restored): ${t2} ms for 3 scans and a diff, $(awk -v a="$t2" 'BEGIN { printf "%d", a / 3 }') ms per scan"
echo "cold scan without cache: ${cold} ms; night 2 per scan / cold = $(awk -v a="$t2" -v c="$cold" 'BEGIN { printf "%.3f", a / 3 / c }')"
echo "cache archive: $(du -h "$work/cache.tar" | cut -f1)"
