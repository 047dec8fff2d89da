#!/usr/bin/env bash
# Opens a debtscan HTML report in headless Chromium with the layout checks of
# tests/html/check.js appended (shapes inside their pictures, no overlapping labels, no blank
# picture) and prints what they found, the page's own script status, and how long Chromium took
# to load and render the page (--dump-dom), against an empty page as the floor.
#   scripts/html-check.sh debt.html
set -euo pipefail
page=$(realpath "$1")
here=$(cd "$(dirname "$0")/.." && pwd)
browser=$(command -v chromium || command -v chromium-browser || command -v google-chrome)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
{ cat "$page"; printf '<script>'; cat "$here/tests/html/check.js"; printf '</script>\n'; } > "$work/checked.html"
echo '<!DOCTYPE html><html><body></body></html>' > "$work/empty.html"
run() {
    "$browser" --headless --no-sandbox --disable-gpu --disable-background-networking \
        --disable-component-update --disable-sync --no-first-run --window-size=1100,1600 \
        --user-data-dir="$work/profile-$2" --dump-dom "file://$1" 2>/dev/null
}
median() { sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }
time_of() {
    for i in 1 2 3 4 5; do
        s=$(date +%s.%N); run "$1" "t$i" > /dev/null; e=$(date +%s.%N)
        echo "$e - $s" | bc
    done | median
}
dom=$(run "$work/checked.html" check)
echo "page: $1 ($(stat -c %s "$page") bytes)"
echo "$dom" | grep -o '<html[^>]*>' | grep -o 'data-js="[^"]*"\|data-js-error="[^"]*"' || echo "data-js: missing"
echo "$dom" | grep -o "data-check=\"[^\"]*\"" | sed 's/&quot;/"/g; s/^data-check="//; s/"$//' | python3 -m json.tool
echo "render (median of 5 --dump-dom runs): $(time_of "$page") s; empty page: $(time_of "$work/empty.html") s"
