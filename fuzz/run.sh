#!/usr/bin/env bash
# Runs every fuzz target for a bounded time (see fuzz/README.md). Usage:
#   bash fuzz/run.sh BUILD_DIR [SECONDS_PER_TARGET] [TARGET...]
# BUILD_DIR was configured with -DWW_FUZZ=ON (clang). Each target first replays its
# regression inputs (fuzz/regressions/TARGET/), then fuzzes from its committed, minimised
# corpus (fuzz/corpus/TARGET/; without one, from the raw seeds of fuzz/seeds.sh). With
# WW_FUZZ_SEEDS=1 the raw seeds are read too (every shipped ruleset and golden input: minutes
# of replay under the sanitizers, for long campaigns); with WW_FUZZ_CORPUS_MAX=N only N inputs of
# the committed corpus, spread over it (CI). Exits 1 when any target found
# something; the input that shows it is left in BUILD_DIR/fuzz/findings/. Targets run side by
# side, one per core (WW_FUZZ_JOBS=N to choose); the reports come in the targets' order.
set -uo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="$(cd "${1:?usage: fuzz/run.sh BUILD_DIR [SECONDS] [TARGET...]}" && pwd)"
seconds="${2:-50}"
shift $(($# < 2 ? $# : 2))
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(fuzz_parse fuzz_frontend fuzz_check fuzz_generated
  fuzz_waivers fuzz_diff fuzz_fmt fuzz_dated fuzz_export fuzz_lsp)

export ASAN_OPTIONS="${ASAN_OPTIONS:-abort_on_error=1:detect_leaks=1}"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}"

work="$build/fuzz"
mkdir -p "$work/findings"

# One target: its report goes to $work/$t.report, its result to $work/$t.failed (when it failed).
run_target() {
  local t="$1"
  exe="$work/$t"
  log="$work/$t.log"
  corpus="$work/corpus/$t"
  mkdir -p "$corpus"
  dirs=("$corpus")
  subset=""
  if [ -d "$root/fuzz/corpus/$t" ]; then
    committed="$root/fuzz/corpus/$t"
    # WW_FUZZ_CORPUS_MAX=N: start from N inputs of the committed corpus, spread over it and
    # shifted by the day of the year (a short run, as CI's, that does not spend its time
    # replaying; over the days every input is read).
    max="${WW_FUZZ_CORPUS_MAX:-0}"
    mapfile -t files < <(find "$committed" -type f | sort)
    if [ "$max" -gt 0 ] && [ ${#files[@]} -gt "$max" ]; then
      step=$(((${#files[@]} + max - 1) / max))
      offset=$((10#$(date +%j) % step))
      committed="$work/subset/$t"
      rm -rf "$committed"
      mkdir -p "$committed"
      for ((i = offset; i < ${#files[@]}; i += step)); do
        cp "${files[$i]}" "$committed/"
      done
      subset="   corpus: $(find "$committed" -type f | wc -l) of ${#files[@]} committed inputs (one in ${step}, from number ${offset})"
    fi
    dirs+=("$committed")
  fi
  if [ ! -d "$root/fuzz/corpus/$t" ] || [ "${WW_FUZZ_SEEDS:-0}" = 1 ]; then
    rm -rf "$work/seeds/$t"
    bash "$root/fuzz/seeds.sh" "$t" "$work/seeds/$t"
    dirs+=("$work/seeds/$t")
  fi
  extra=()
  case "$t" in
  # The generators read the bytes as choices: long inputs give rich rulesets from the start, and
  # the input length is not grown slowly from 4 bytes (-len_control=0).
  fuzz_generated | fuzz_dated | fuzz_export) extra=(-len_control=0 -max_len=2048) ;;
  # The byte-level targets insert the language's tokens whole.
  *) extra=(-dict="$root/fuzz/ww.dict") ;;
  esac
  regressions=()
  if [ -d "$root/fuzz/regressions/$t" ]; then
    mapfile -t regressions < <(find "$root/fuzz/regressions/$t" -type f | sort)
  fi
  echo "== $t: ${#regressions[@]} regression inputs, then ${seconds} s of fuzzing"
  [ -z "$subset" ] || echo "$subset"
  status=0
  start=$SECONDS
  if [ ${#regressions[@]} -gt 0 ]; then
    "$exe" -timeout=60 -rss_limit_mb=4096 "${regressions[@]}" >"$log.regressions" 2>&1 ||
      status=$?
    if [ $status -ne 0 ]; then
      tail -n 40 "$log.regressions"
      echo "$t (regression)" >"$work/$t.failed"
      return
    fi
  fi
  "$exe" -max_total_time="$seconds" -timeout=30 -rss_limit_mb=4096 -print_final_stats=1 \
    "${extra[@]}" -artifact_prefix="$work/findings/$t-" "${dirs[@]}" >"$log" 2>&1 ||
    status=$?
  total=$(grep -m1 -oE '[0-9]+ inline 8-bit counters' "$log" | grep -oE '^[0-9]+')
  last=$(grep -E '^#[0-9]+' "$log" | tail -n 1)
  execs=$(grep -oE 'stat::number_of_executed_units: [0-9]+' "$log" | grep -oE '[0-9]+$')
  cov=$(sed -nE 's/.* cov: ([0-9]+) .*/\1/p' <<<"$last")
  if [ -n "$total" ] && [ -n "$cov" ]; then
    pct=$(awk -v c="$cov" -v t="$total" 'BEGIN { printf "%.1f", 100 * c / t }')
  else
    pct="?"
  fi
  echo "   executions: ${execs:-?}, edges covered: ${cov:-?} of ${total:-?} (${pct} %)," \
    "new inputs: $(find "$corpus" -type f | wc -l), $((SECONDS - start)) s, exit $status"
  if [ $status -ne 0 ]; then
    grep -E 'ERROR|SUMMARY|finding|deadly|timeout|leak' "$log" | head -n 20
    tail -n 60 "$log"
    echo "$t" >"$work/$t.failed"
  fi
}

for t in "${targets[@]}"; do
  if [ ! -x "$work/$t" ]; then
    echo "fuzz/run.sh: $work/$t not built (configure with -DWW_FUZZ=ON)" >&2
    exit 2
  fi
  rm -f "$work/$t.report" "$work/$t.failed"
done

# Targets run side by side, WW_FUZZ_JOBS at a time (default: the number of cores; each libFuzzer
# run uses one). Reports are printed in the targets' order, whatever order they finish in.
parallel="${WW_FUZZ_JOBS:-$(nproc)}"
for t in "${targets[@]}"; do
  while [ "$(jobs -rp | wc -l)" -ge "$parallel" ]; do
    wait -n || true
  done
  run_target "$t" >"$work/$t.report" 2>&1 &
done
wait

failed=()
for t in "${targets[@]}"; do
  cat "$work/$t.report"
  if [ -f "$work/$t.failed" ]; then
    failed+=("$(cat "$work/$t.failed")")
  fi
done

if [ ${#failed[@]} -gt 0 ]; then
  echo "fuzz/run.sh: findings in: ${failed[*]} (inputs in $work/findings/)" >&2
  exit 1
fi
echo "fuzz/run.sh: no findings"
