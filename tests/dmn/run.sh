#!/usr/bin/env bash
# The DMN export checked from outside (tests/dmn/check_export.mjs): `npm ci` once (dmn-moddle and
# feelin, as package-lock.json pins them), then every ruleset with conformance vectors exported
# as DMN, validated by xmllint against DMN13.xsd, read by dmn-moddle, evaluated by feelin.
#   bash tests/dmn/run.sh WEGWIJZER VECTORS_DIR OUT_DIR
set -euo pipefail
binary=$(realpath "$1")
vectors=$(realpath "$2")
out=$(realpath -m "$3")
cd "$(dirname "${BASH_SOURCE[0]}")"
for tool in node npm xmllint; do
  command -v "$tool" >/dev/null 2>&1 || { echo "tests/dmn/run.sh: $tool is not installed (bash scripts/install-deps.sh)" >&2; exit 1; }
done
if [ ! -d node_modules/feelin ] || [ ! -d node_modules/dmn-moddle ]; then
  npm ci --no-audit --no-fund
fi
node check_export.mjs "$binary" "$vectors" "$out"
