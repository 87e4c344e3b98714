#!/usr/bin/env bash
# bench/page-weight.sh [SITE_DIR]
# Builds the example site (this repository) into a temporary folder and reports the weight of
# its article pages as a phone 360 CSS pixels wide loads them (HTML + CSS + the image candidates
# picked from srcset/sizes, at device pixel ratio 1 and 2) against the 150 KB budget. A figure
# to read, not a timed test; exit code 1 when a page is over the budget.
# With SITE_DIR, weighs that already built site instead. Options of page_weight.py
# (--budget-kb, --width) can be set with PAGE_WEIGHT_ARGS.
set -euo pipefail
REPO=$(cd "$(dirname "$0")/.." && pwd)
SITE=${1:-}
if [ -z "$SITE" ]; then
  OUT=$(mktemp -d)
  trap 'rm -rf "$OUT"' EXIT
  SITE=$OUT/site
  (cd "$REPO" && cargo run --release --quiet -- build --output "$SITE" >/dev/null 2>"$OUT/build.log") ||
    { cat "$OUT/build.log" >&2; exit 2; }
fi
# shellcheck disable=SC2086
python3 "$REPO/bench/page_weight.py" "$SITE" ${PAGE_WEIGHT_ARGS:-}
