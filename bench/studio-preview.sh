#!/usr/bin/env bash
# bench/studio-preview.sh BIN SITE_DIR [ROUNDS]: the studio's live-preview latency on a site
# (a corpus of ../shared/bench/gen_corpus.py, its `ours` folder). Copies the site to a
# temporary folder, starts `BIN studio` on it, opens the edit page of its first article in
# headless Chromium and runs bench/studio_preview.mjs; also reports the studio's script size.
set -euo pipefail
BIN=$(realpath "$1"); SITE=$(realpath "$2"); ROUNDS=${3:-10}
HERE=$(cd "$(dirname "$0")" && pwd)
TOOLS="$HERE/../../shared/tools/node_modules/playwright-core"
WORK=$(mktemp -d); trap 'kill $PID 2>/dev/null || true; rm -rf "$WORK"' EXIT
cp -r "$SITE" "$WORK/site"
PORT=$((20000 + RANDOM % 20000))
(cd "$WORK/site" && exec "$BIN" studio --port "$PORT" > "$WORK/log" 2>&1) & PID=$!
until grep -q "^bantin: built" "$WORK/log" 2>/dev/null; do sleep 0.2; done
FIRST=$(cd "$WORK/site" && ls content/articles/*.md | grep -v "\.[a-z][a-z]\.md$" | sed -n 1p)
PATH_Q=$(python3 -c 'import sys,urllib.parse;print(urllib.parse.quote(sys.argv[1],safe=""))' "$FIRST")
node "$HERE/studio_preview.mjs" "http://127.0.0.1:$PORT/__bantin/studio/edit?path=$PATH_Q" "$TOOLS" "$ROUNDS"
JS=$(curl -s "http://127.0.0.1:$PORT/__bantin/studio/studio.js" | wc -c)
GZ=$(curl -s "http://127.0.0.1:$PORT/__bantin/studio/studio.js" | gzip -9 | wc -c)
echo "studio.js: $JS bytes, $GZ bytes gzipped"
