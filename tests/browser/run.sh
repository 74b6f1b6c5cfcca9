#!/usr/bin/env bash
# Runs the browser test of the HTML export: bash run.sh /path/to/wegwijzer
# Needs node (>= 20), npm and Debian's chromium (/usr/bin/chromium; override with WW_CHROMIUM).
# Screenshots are written to $WW_ARTIFACTS (default: <dir of the binary>/tests/browser).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"

binary="${1:-${WW_BINARY:-}}"
if [ -z "$binary" ]; then
  echo "usage: bash run.sh /path/to/wegwijzer   (or set WW_BINARY)" >&2
  exit 2
fi
export WW_BINARY="$(cd "$(dirname "$binary")" && pwd)/$(basename "$binary")"

for tool in node npm; do
  command -v "$tool" >/dev/null 2>&1 || { echo "run.sh: $tool is not installed (apt-get install -y nodejs npm)" >&2; exit 1; }
done
if [ ! -x "${WW_CHROMIUM:-/usr/bin/chromium}" ]; then
  echo "run.sh: ${WW_CHROMIUM:-/usr/bin/chromium} not found (apt-get install -y chromium)" >&2
  exit 1
fi
if [ ! -d node_modules/playwright-core ]; then
  npm ci --no-audit --no-fund
fi
exec node --test --test-reporter=spec walk.test.mjs
