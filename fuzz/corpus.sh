#!/usr/bin/env bash
# Rebuilds the committed seed corpora (fuzz/corpus/TARGET/) with libFuzzer's -merge=1: the raw
# seeds of fuzz/seeds.sh (every shipped ruleset, golden input and regression), the corpus
# committed now and what fuzzing found since (BUILD_DIR/fuzz/corpus/TARGET/), minimised to the
# smallest set of inputs that keeps every feature. Usage:
#   bash fuzz/corpus.sh BUILD_DIR [TARGET...]
# Takes minutes per target under the sanitizers (each raw seed runs once). Review the change
# with `git status fuzz/corpus` and keep the whole under a few MB.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="$(cd "${1:?usage: fuzz/corpus.sh BUILD_DIR [TARGET...]}" && pwd)"
shift
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(fuzz_parse fuzz_frontend fuzz_check fuzz_generated
  fuzz_waivers fuzz_diff fuzz_fmt fuzz_dated fuzz_export fuzz_lsp)
export ASAN_OPTIONS="${ASAN_OPTIONS:-abort_on_error=1:detect_leaks=0}"

for t in "${targets[@]}"; do
  scratch="$(mktemp -d)"
  bash "$root/fuzz/seeds.sh" "$t" "$scratch/seeds"
  mkdir -p "$scratch/merged" "$root/fuzz/corpus/$t" "$build/fuzz/corpus/$t"
  extra=()
  case "$t" in
  fuzz_generated | fuzz_dated | fuzz_export) extra=(-max_len=2048) ;;
  esac
  # The merge keeps the inputs that cover new edges (not new hit counts: -use_counters=0 keeps
  # the corpus small enough to replay in CI), smallest first.
  "$build/fuzz/$t" -merge=1 -use_counters=0 -timeout=60 -rss_limit_mb=4096 "${extra[@]}" \
    "$scratch/merged" \
    "$root/fuzz/corpus/$t" "$build/fuzz/corpus/$t" "$scratch/seeds" >"$scratch/log" 2>&1 || {
    tail -n 30 "$scratch/log"
    exit 1
  }
  rm -rf "$root/fuzz/corpus/$t"
  mv "$scratch/merged" "$root/fuzz/corpus/$t"
  echo "$t: $(find "$root/fuzz/corpus/$t" -type f | wc -l) inputs," \
    "$(du -sk --apparent-size "$root/fuzz/corpus/$t" | cut -f1) KB"
  rm -rf "$scratch"
done
