#!/usr/bin/env bash
# The tests of the VS Code extension (editors/vscode), one step per ctest test:
#
#   bash run.sh setup            npm ci from package-lock.json (when it changed), then tsc
#   bash run.sh grammar          the TextMate grammars tokenised (vscode-textmate, vscode-oniguruma),
#                                the language configuration and the snippets' form
#   bash run.sh snippets WEGWIJZER  every snippet read by `WEGWIJZER dump ast`
#   bash run.sh config           the extension's settings and waiver questions (out/config.js),
#                                the manifest against the code
#   bash run.sh vsix             the .vsix built with vsce, its files checked, the extension loaded
#   bash run.sh server WEGWIJZER the client's protocol exchange with `WEGWIJZER lsp`, and the
#                                extension itself activated against it (a stand-in for VS Code)
#
# Needs node (>= 18) and npm: Debian's nodejs and npm (scripts/install-deps.sh). The packages
# come from the npm registry, exactly as package-lock.json pins them; nothing is installed when
# node_modules already matches the lock file.
set -euo pipefail
ext="$(cd "$(dirname "${BASH_SOURCE[0]}")/../../editors/vscode" && pwd)"
cd "$ext"

for tool in node npm; do
  command -v "$tool" >/dev/null 2>&1 || {
    echo "run.sh: $tool is not installed (bash scripts/install-deps.sh, or apt-get install -y nodejs npm)" >&2
    exit 1
  }
done

step="${1:-}"
tests() {
  exec node --test --test-reporter=spec "$@"
}
case "$step" in
  setup)
    stamp=node_modules/.wegwijzer-lock
    want="$(sha256sum <package-lock.json | cut -d" " -f1) $(node --version)"
    if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
      # .npmrc: no install scripts. --prefer-offline: npm's cache first, the registry otherwise.
      npm ci --prefer-offline --no-audit --no-fund
      echo "$want" >"$stamp"
    else
      echo "node_modules matches package-lock.json"
    fi
    npm run --silent compile
    ;;
  grammar) tests test/grammar.test.mjs test/language.test.mjs ;;
  config) tests test/config.test.mjs test/manifest.test.mjs test/l10n.test.mjs ;;
  vsix) tests test/package.test.mjs ;;
  server | snippets)
    if [ -z "${2:-}" ]; then
      echo "usage: bash run.sh $step /path/to/wegwijzer" >&2
      exit 2
    fi
    WEGWIJZER="$(cd "$(dirname "$2")" && pwd)/$(basename "$2")"
    export WEGWIJZER
    case "$step" in
      server) tests test/server.test.mjs test/extension.test.mjs ;;
      snippets) tests test/snippets.test.mjs ;;
    esac
    ;;
  *)
    echo "usage: bash run.sh setup|grammar|config|vsix|snippets WEGWIJZER|server WEGWIJZER" >&2
    exit 2
    ;;
esac
