#!/usr/bin/env bash
# The JavaScript package's tests (runtime/js: `npm test`, which replays every vector) and the
# proof that the HTML page embeds exactly the package's build.
#   bash tests/conformance/run_js.sh VECTORS_DIR EMBEDDED_JS
# EMBEDDED_JS: the browser build CMake compiled into the binary (build/runtime/js/dist/browser/).
set -euo pipefail
vectors=$(cd "$1" && pwd)
embedded=$2
cd "$(dirname "${BASH_SOURCE[0]}")/../../runtime/js"
for tool in node npm; do
  command -v "$tool" >/dev/null 2>&1 || { echo "run_js.sh: $tool is not installed (bash scripts/install-deps.sh)" >&2; exit 1; }
done
if [ ! -x node_modules/.bin/tsc ]; then
  npm ci --no-audit --no-fund
fi
WW_VECTORS="$vectors" npm test
# The page's script and the package's browser build: the same bytes.
if ! cmp "$embedded" dist/browser/wegwijzer.js; then
  echo "run_js.sh: the script embedded in the HTML page differs from the package's build" >&2
  exit 1
fi
echo "the HTML page embeds the package's build ($(wc -c < dist/browser/wegwijzer.js) bytes)"
