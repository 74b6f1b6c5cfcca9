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
esac

if [ -d "$root/fuzz/regressions/$target" ]; then
  find "$root/fuzz/regressions/$target" -type f | sort | while read -r f; do
    cp "$f" "$out/regression_$(basename "$f")"
  done
fi
