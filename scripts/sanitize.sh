#!/usr/bin/env bash
# Builds the three test suites (and the binaries they run) with a sanitizer and runs them all.
#   scripts/sanitize.sh asan   AddressSanitizer + UndefinedBehaviorSanitizer, build-asan/
#   scripts/sanitize.sh tsan   ThreadSanitizer, build-tsan/
# Extra arguments go to ctest (e.g. -R unit_tests). The presets live in CMakePresets.json.
#
# The e2e tests start acgprov and acgprov-sim as child processes, which are instrumented too.
# Not every test looks at the emulator's exit status, so reports are written to files
# (log_path) and any report from any process fails the run here.
set -euo pipefail
cd "$(dirname "$0")/.."
kind=${1:-}
case "$kind" in
  asan|tsan) shift ;;
  *) echo "usage: scripts/sanitize.sh asan|tsan [ctest args...]" >&2; exit 2 ;;
esac
bash scripts/setup.sh
# Tests that measure memory or read gigabytes adapt to a sanitized build (see hostile_input_test).
export ACGPROV_SANITIZER=$kind

start=$SECONDS
cmake --preset "$kind" >/dev/null
cmake --build --preset "$kind" -j "$(nproc)"
built=$SECONDS

logs=$PWD/build-$kind/sanitizer-logs
rm -rf "$logs"
mkdir -p "$logs"
if [ "$kind" = asan ]; then
  # detect_stack_use_after_return stays off: with coroutine frames on the heap it finds
  # nothing more and doubles the memory of every worker.
  export ASAN_OPTIONS="log_path=$logs/asan:detect_leaks=1:halt_on_error=1:strict_string_checks=1:check_initialization_order=1:detect_stack_use_after_return=0"
  export UBSAN_OPTIONS="log_path=$logs/ubsan:print_stacktrace=1:halt_on_error=1"
  # LeakSanitizer reports what OpenSSL and Boost.Test keep until exit only through the
  # suppressions file; see it for why each entry is there.
  export LSAN_OPTIONS="suppressions=$PWD/tests/sanitizers/lsan.supp:print_suppressions=0"
else
  export TSAN_OPTIONS="log_path=$logs/tsan:halt_on_error=1:second_deadlock_stack=1:suppressions=$PWD/tests/sanitizers/tsan.supp:print_suppressions=0"
fi

rc=0
ctest --preset "$kind" --output-on-failure -j "$(( $(nproc) * 2 ))" "$@" || rc=$?
tested=$SECONDS
bash scripts/list_skips.sh "build-$kind"

if compgen -G "$logs/*" >/dev/null; then
  echo "sanitize: $kind reports:" >&2
  for f in "$logs"/*; do echo "== $f" >&2; cat "$f" >&2; done
  rc=1
fi
echo "sanitize: $kind build $((built - start)) s, tests $((tested - built)) s, $([ $rc = 0 ] && echo passed || echo FAILED)"
exit $rc
