#!/usr/bin/env bash
# The polyglot benchmark of README "Development": parsing, markers, complexity and imports of a
# tree of N source files (default 5,000) in every language debtscan reads, against `rg` over the
# same tree, as a ratio in one run (target: debtscan under 3 s on 2 cores).
#
# The tree is made of the tracked source files (.rs .py .go .js .jsx .mjs .cjs .ts .tsx .lua
# .java .c .h .cc .cpp .cxx .hpp .hh .cs .rb .php .kt .kts .swift)
# of the repositories given, copied round-robin (repository by repository, one copy of each
# repository per directory `<name>-<k>/`) until N files; it is no git repository, so only the
# code is read (`--no-history`), with no cache. Each command runs RUNS times (default 5) after
# one warm-up; the median wall time is printed. The machine is shared and noisy: medians only.
# Then each language alone (`--languages`), as a throughput in MB/s of its source, so that a
# language's cost can be set against Rust's on the same machine.
#
# Usage: scripts/bench-polyglot.sh RUNS N REPO...
set -euo pipefail
runs=${1:?usage: scripts/bench-polyglot.sh RUNS N REPO...}
want=${2:?usage: scripts/bench-polyglot.sh RUNS N REPO...}
shift 2
here=$(cd "$(dirname "$0")/.." && pwd)
if ! command -v rg >/dev/null 2>&1; then
    echo "installing ripgrep (Debian package) for the comparison" >&2
    apt-get update -qq && apt-get install -y -qq ripgrep >/dev/null
fi
cargo build --release --quiet --manifest-path "$here/Cargo.toml"
bin="$here/target/release/debtscan"
tree=$(mktemp -d)
trap 'rm -rf "$tree"' EXIT

# Copies of the repositories' source files until the tree holds $want of them.
count=0
k=0
while [ "$count" -lt "$want" ]; do
    k=$((k + 1))
    for repo in "$@"; do
        name=$(basename "$repo")
        while IFS= read -r path; do
            [ "$count" -ge "$want" ] && break
            mkdir -p "$tree/$name-$k/$(dirname "$path")"
            cp "$repo/$path" "$tree/$name-$k/$path"
            count=$((count + 1))
        done < <(git -C "$repo" ls-files -- '*.rs' '*.py' '*.go' '*.js' '*.jsx' '*.mjs' '*.cjs' \
            '*.ts' '*.tsx' '*.lua' '*.java' '*.c' '*.h' '*.cc' '*.cpp' '*.cxx' '*.hpp' '*.hh' \
            '*.cs' '*.rb' '*.php' '*.kt' '*.kts' '*.swift' ':!:**/vendor/**' ':!:**/_vendor/**' ':!:**/node_modules/**')
    done
done
echo "tree: $count files, $(du -sh "$tree" | cut -f1)"
for ext in rs py go js jsx mjs cjs ts tsx lua java c h cc cpp cxx hpp hh cs rb php kt kts swift; do
    n=$(find "$tree" -name "*.$ext" | wc -l)
    [ "$n" -gt 0 ] && printf '  .%s %d' "$ext" "$n"
done
echo

# median_ms CMD...: RUNS timed runs after a warm-up; prints the median wall time in ms.
median_ms() {
    "$@" >/dev/null 2>&1 || true
    local times=()
    for _ in $(seq "$runs"); do
        local start end
        start=$(date +%s%N)
        "$@" >/dev/null 2>&1 || true
        end=$(date +%s%N)
        times+=($(((end - start) / 1000000)))
    done
    printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'
}

scan=$(median_ms "$bin" scan "$tree" --no-history --no-cache -q --format json)
funcs=$(median_ms "$bin" functions "$tree" -q --format json)
rg_ms=$(median_ms rg -c -w 'TODO|FIXME|HACK|XXX' "$tree")
echo "scan --no-history (parse, markers, complexity, imports, graph): ${scan} ms (target < 3000 ms)"
echo "functions (parse, complexity):                                  ${funcs} ms"
echo "rg -w 'TODO|FIXME|HACK|XXX':                                    ${rg_ms} ms"
awk -v a="$scan" -v b="$rg_ms" 'BEGIN { printf "ratio scan / rg: %.1fx\n", a / (b > 0 ? b : 1) }'
total=$(find "$tree" -type f -print0 | xargs -0 cat | wc -c)
awk -v a="$scan" -v b="$total" 'BEGIN { printf "throughput: %.1f MB/s (%.1f MB)\n", b / 1e6 / (a / 1000), b / 1e6 }'

# Each language alone: its files' bytes, the median scan time and the throughput. A `.h` is
# C++ where the tree holds more C++ files than `.c` files, else C (README, "Languages").
c_files=$(find "$tree" -name '*.c' -type f | wc -l)
cpp_files=$(find "$tree" \( -name '*.cc' -o -name '*.cpp' -o -name '*.cxx' -o -name '*.hpp' \
    -o -name '*.hh' \) -type f | wc -l)
c_exts=c cpp_exts=cc,cpp,cxx,hpp,hh
if [ "$cpp_files" -gt "$c_files" ]; then cpp_exts=$cpp_exts,h; else c_exts=$c_exts,h; fi
for lang in rust:rs python:py go:go javascript:js,jsx,mjs,cjs typescript:ts tsx:tsx lua:lua \
    java:java c:$c_exts cpp:$cpp_exts csharp:cs ruby:rb php:php kotlin:kt,kts swift:swift; do
    name=${lang%%:*}
    bytes=0
    IFS=, read -ra exts <<< "${lang#*:}"
    for ext in "${exts[@]}"; do
        n=$(find "$tree" -name "*.$ext" -type f -print0 | xargs -0 -r cat | wc -c)
        bytes=$((bytes + n))
    done
    [ "$bytes" -eq 0 ] && continue
    ms=$(median_ms "$bin" scan "$tree" --no-history --no-cache -q --format json --languages "$name")
    awk -v l="$name" -v m="$ms" -v b="$bytes" \
        'BEGIN { printf "  %-10s %6.1f MB %6d ms %5.1f MB/s\n", l, b / 1e6, m, b / 1e6 / (m > 0 ? m / 1000 : 1) }'
done
