#!/usr/bin/env bash
# Writes the raw seeds of one fuzz target into a folder (see fuzz/README.md). Usage:
#   bash fuzz/seeds.sh TARGET OUT_DIR
# Every target gets every shipped ruleset and every .ww input of the golden tests (the
# structure-aware targets read their bytes as choices); fuzz_waivers gets each golden waiver
# file after its ruleset (and another ruleset of its folder after both), fuzz_diff each golden
# pair of versions, cut by the separator of those targets ("\n%%\n"). The regression inputs
# of the target are seeds too.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
target="${1:?usage: fuzz/seeds.sh TARGET OUT_DIR}"
out="${2:?usage: fuzz/seeds.sh TARGET OUT_DIR}"
mkdir -p "$out"
sep=$'\n%%\n'

# A file's path as a flat name.
flat() { local rel="${1#"$root"/}"; echo "${rel//\//_}"; }

find "$root/rulesets" "$root/tests/golden" -name '*.ww' -type f | sort | while read -r f; do
  cp "$f" "$out/$(flat "$f")"
done

case "$target" in
fuzz_waivers)
  find "$root/tests/golden" -name '*.waivers' -type f | sort | while read -r w; do
    ruleset="${w%.waivers}.ww"
    [ -f "$ruleset" ] || continue
    { cat "$ruleset"; printf '%s' "$sep"; cat "$w"; } >"$out/$(flat "$w")"
    # With another ruleset of the same folder (and its waiver file): `check DIR`.
    find "$(dirname "$w")" -maxdepth 1 -name '*.ww' -type f ! -path "$ruleset" | sort |
      head -n 1 | while read -r other; do
        {
          cat "$ruleset"; printf '%s' "$sep"; cat "$w"; printf '%s' "$sep"; cat "$other"
          if [ -f "${other%.ww}.waivers" ]; then printf '%s' "$sep"; cat "${other%.ww}.waivers"; fi
        } >"$out/$(flat "$w")-with-$(basename "$other")"
      done
  done
  ;;
fuzz_diff)
  find "$root/tests/golden/diff" -name old.ww -type f | sort | while read -r old; do
    new="$(dirname "$old")/new.ww"
    [ -f "$new" ] || continue
    { cat "$old"; printf '%s' "$sep"; cat "$new"; } >"$out/$(flat "$(dirname "$old")")"
  done
  ;;
fuzz_lsp)
  # What an editor writes: initialize, each shipped ruleset opened and changed, requests at
  # positions inside and past its text, shutdown and exit, framed as LSP frames them.
  python3 - "$root/rulesets" "$out" <<'PY'
import json, os, sys
src, out = sys.argv[1], sys.argv[2]
def frame(m):
    b = json.dumps(m, ensure_ascii=False).encode()
    return b"Content-Length: %d\r\n\r\n" % len(b) + b
for name in sorted(os.listdir(src)):
    text = open(os.path.join(src, name), encoding="utf-8").read()
    uri = "file:///w/" + name
    msgs = [{"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {"capabilities": {}}},
            {"jsonrpc": "2.0", "method": "initialized", "params": {}},
            {"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"textDocument": {
                "uri": uri, "languageId": "wegwijzer", "version": 1, "text": text[:4000]}}},
            {"jsonrpc": "2.0", "method": "textDocument/didChange", "params": {
                "textDocument": {"uri": uri, "version": 2}, "contentChanges": [
                    {"range": {"start": {"line": 3, "character": 2}, "end": {"line": 3, "character": 9}},
                     "text": "é𝄞"}]}},
            {"jsonrpc": "2.0", "id": 2, "method": "textDocument/hover", "params": {
                "textDocument": {"uri": uri}, "position": {"line": 99999, "character": 5}}},
            {"jsonrpc": "2.0", "id": 3, "method": "shutdown"},
            {"jsonrpc": "2.0", "method": "exit"}]
    open(os.path.join(out, "session_" + name), "wb").write(b"".join(frame(m) for m in msgs))
PY
  ;;
esac

if [ -d "$root/fuzz/regressions/$target" ]; then
  find "$root/fuzz/regressions/$target" -type f | sort | while read -r f; do
    cp "$f" "$out/regression_$(basename "$f")"
  done
fi
