#!/usr/bin/env bash
# Builds the libFuzzer targets (tests/fuzz/fuzz_*.cpp) with clang in build-fuzz/ and runs each
# for a bounded time. Fails on any crash, leak, timeout or out-of-memory, leaving the input
# that caused it in build-fuzz/fuzz-run/. Usage: scripts/fuzz.sh [SECONDS_PER_TARGET] (20)
#
# Corpora: the seeds in tests/fuzz/corpus/<target>/ (read only) plus, for the readers, the
# samples/ files; what the fuzzer finds goes to build-fuzz/fuzz-run/corpus-<target>/.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-20}
bash scripts/setup_fuzz.sh

targets=()
for f in tests/fuzz/fuzz_*.cpp; do targets+=("$(basename "$f" .cpp)"); done
start=$SECONDS
cmake --preset fuzz >/dev/null
cmake --build build-fuzz -j "$(nproc)" --target "${targets[@]}"
built=$SECONDS

run=$PWD/build-fuzz/fuzz-run
rm -rf "$run"
mkdir -p "$run"
# The targets read a selector byte first (see each target): seeds made from the samples get one.
seed_from_samples() {
  local target=$1 dir=$run/samples-$1
  mkdir -p "$dir"
  case $target in
    fuzz_csv_reader)
      { printf 0; cat samples/numbers.csv; } >"$dir/numbers.csv"
      { printf 1; cat samples/numbers.csv; } >"$dir/numbers-small-limit.csv" ;;
    fuzz_json_reader)
      { printf 0; cat samples/numbers.json; } >"$dir/numbers.json"
      { printf 1; cat samples/numbers.ndjson; } >"$dir/numbers.ndjson" ;;
  esac
  echo "$dir"
}

rc=0
total=0
printf '%-22s %12s %10s %8s\n' target executions exec/s corpus >"$run/table.txt"
for t in "${targets[@]}"; do
  corpus=$run/corpus-$t
  mkdir -p "$corpus"
  seeds=tests/fuzz/corpus/${t#fuzz_}
  # detect_leaks: a leak is a failure. max_len 64 KiB: big enough for chunked bodies, long
  # records past a small limit and deep nesting; the size limits themselves are tested with
  # small limits chosen by the input (and end to end in the e2e suite).
  if ! ASAN_OPTIONS=detect_leaks=1:allocator_may_return_null=0 UBSAN_OPTIONS=print_stacktrace=1 \
      "build-fuzz/tests/fuzz/$t" "$corpus" "$seeds" "$(seed_from_samples "$t")" \
      -max_total_time="$seconds" -max_len=65536 -rss_limit_mb=2048 -timeout=10 \
      -print_final_stats=1 -artifact_prefix="$run/$t-" >"$run/$t.log" 2>&1; then
    echo "fuzz: $t FAILED (log: $run/$t.log)" >&2
    grep -E "ERROR|SUMMARY|invariant|Test unit written" "$run/$t.log" >&2 || tail -30 "$run/$t.log" >&2
    rc=1
  fi
  execs=$(awk '/stat::number_of_executed_units/ {print $2}' "$run/$t.log" | tail -1)
  rate=$(awk '/stat::average_exec_per_sec/ {print $2}' "$run/$t.log" | tail -1)
  size=$(find "$corpus" -type f | wc -l)
  total=$((total + ${execs:-0}))
  printf '%-22s %12s %10s %8s\n' "$t" "${execs:-?}" "${rate:-?}" "$size" >>"$run/table.txt"
done
printf '%-22s %12s\n' total "$total" >>"$run/table.txt"
cat "$run/table.txt"
echo "fuzz: build $((built - start)) s, ${#targets[@]} targets x ${seconds} s, $total executions, $([ $rc = 0 ] && echo passed || echo FAILED)"
exit $rc
