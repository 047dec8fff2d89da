#!/usr/bin/env bash
# Checks that a refactoring changed no output: runs every command of two debtscan binaries on the
# same repositories and compares the bytes.
#   scripts/same-output.sh OLD_BINARY NEW_BINARY REPO...
# Exit 0 when every output is byte-identical; otherwise names the first differing outputs.
set -euo pipefail
old=$1 new=$2
shift 2
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
status=0
for repo in "$@"; do
    name=$(basename "$repo")
    while read -r label args; do
        for side in old new; do
            bin=${!side}
            # shellcheck disable=SC2086
            "$bin" $args "$repo" -q -o "$out/$name.$label.$side" >/dev/null 2>&1 || true
        done
        if cmp -s "$out/$name.$label.old" "$out/$name.$label.new"; then
            echo "same      $name $label ($(wc -c <"$out/$name.$label.new") bytes)"
        else
            echo "DIFFERENT $name $label"
            diff <(head -c 200000 "$out/$name.$label.old") <(head -c 200000 "$out/$name.$label.new") | head -n 10 || true
            status=1
        fi
    done <<'COMMANDS'
scan-json scan --format json
scan-table scan --format table
scan-sarif scan --format sarif
todos-json todos --format json
functions-json functions --format json
hotspots-json hotspots --functions --format json
graph-json graph --format json
churn-json churn --format json
coupling-json coupling --format json
COMMANDS
done
exit $status
