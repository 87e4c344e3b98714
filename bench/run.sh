#!/usr/bin/env bash
# bench/run.sh [N...]   (default N: 1000 10000)
# Builds bantin in release, then runs ../shared/bench/compare.sh (bantin next to Hugo 0.168 on the
# same synthetic corpus, same run: best of RUNS wall time, peak memory, ratios) and adds a line per
# size with pages per second for bantin and for Hugo.
# Environment passed through to compare.sh: DATA (corpus cache, default /tmp/bantin-bench),
# RUNS (default 3), OUT, SERVE_CMD.
set -euo pipefail
REPO=$(cd "$(dirname "$0")/.." && pwd)
COMPARE=$REPO/../shared/bench/compare.sh
[ -f "$COMPARE" ] || { echo "bench/run.sh: $COMPARE not found (the shared benchmark lives next to the repo, in ../shared/bench)" >&2; exit 1; }
SIZES=("$@"); [ ${#SIZES[@]} -gt 0 ] || SIZES=(1000 10000)
DATA=${DATA:-/tmp/bantin-bench}; export DATA

(cd "$REPO" && cargo build --release --quiet)
BIN=$REPO/target/release/bantin

LOG=$(mktemp); trap 'rm -rf "$LOG" "${HOUT:-}"' EXIT
bash "$COMPARE" "$BIN" "${SIZES[@]}" | tee "$LOG"

# compare.sh deletes its outputs, so Hugo's pages are counted from one extra, untimed build (on
# tmpfs like compare.sh's), cached next to the corpus until the corpus is regenerated.
HUGO=$(find "$DATA/venv" -path '*hugo/binaries/hugo' -type f 2>/dev/null | head -n 1)
HOUT=$(mktemp -d "$( [ -d /dev/shm ] && echo /dev/shm || echo "${TMPDIR:-/tmp}")/bantin-bench-hugo.XXXXXX")
echo
while read -r N pages bs hs; do
  C=$DATA/n$N; hpages=
  if [ -f "$C/hugo-html-count" ] && [ "$C/hugo-html-count" -nt "$C/manifest.json" ]; then
    hpages=$(cat "$C/hugo-html-count")
  elif [ -n "$HUGO" ] && [ -d "$C/hugo" ]; then
    rm -rf "${HOUT:?}"/*
    "$HUGO" --quiet --source "$C/hugo" --config hugo-modern.toml --destination "$HOUT" </dev/null >/dev/null 2>&1 \
      && hpages=$(find "$HOUT" -name '*.html' | wc -l) && echo "$hpages" >"$C/hugo-html-count"
  fi
  python3 - "$N" "$pages" "$bs" "$hs" "$hpages" "$C/manifest.json" <<'PY'
import json, sys
n, pages, bs, hs, hpages, manifest = sys.argv[1:]
pages, bs, hs = int(pages), float(bs), float(hs)
try:
    content = json.load(open(manifest))["content_pages_total"]
except (OSError, KeyError, ValueError):
    content = None
line = f"N={n}: bantin {pages / bs:,.0f} pages/s ({pages} .html files in {bs:.2f} s)"
if hpages:
    line += f"; Hugo {int(hpages) / hs:,.0f} pages/s ({hpages} .html files in {hs:.2f} s)"
if content:
    line += f"; content pages/s (same {content} pages for both): bantin {content / bs:,.0f}, Hugo {content / hs:,.0f}"
print(line)
PY
done < <(awk -F'|' '$2 ~ /^ *[0-9]+ *$/ { print $2, $3, $4, $5 }' "$LOG")
