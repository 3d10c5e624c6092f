#!/usr/bin/env bash
# Fault soak at full size (issue 7): ROWS (default 20,000) rows through `acgprov apply`
# against acgprov-sim with 5% 500/503, 2% connection resets, 1% stalled answers (client
# --request-timeout 1 s), a throttling burst mid-run and tokens that die every TOKEN_SECONDS
# (default 30) seconds, before the client expects. Runs the e2e soak test
# (tests/e2e/soak_test.cpp, which checks every row, the emulator's state and its request log)
# at that size and prints its figures as a table. CI runs the same test with 2,000 rows.
#
# Usage: bench/soak.sh [BUILD_DIR]        (default: build; needs the e2e_tests target built)
# Environment: ROWS, TOKEN_SECONDS, SEED (fault seed, default 11), WRITE_MODE (single|batch)
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$root/build}
tests=$build/tests/e2e_tests
[ -x "$tests" ] || { echo "no $tests; build the e2e_tests target first" >&2; exit 2; }
summary=$(mktemp)
trap 'rm -f "$summary"' EXIT

rc=0
ACGPROV_SOAK_ROWS=${ROWS:-20000} ACGPROV_SOAK_TOKEN_SECONDS=${TOKEN_SECONDS:-30} ACGPROV_SOAK_SEED=${SEED:-11} \
  ACGPROV_SOAK_WRITE_MODE=${WRITE_MODE:-single} ACGPROV_SOAK_SUMMARY=$summary \
  "$tests" --run_test=soak_e2e --log_level=error --report_level=short || rc=$?
[ -s "$summary" ] || { echo "soak: no figures written" >&2; exit 1; }

python3 - "$summary" <<'PY'
import json, sys
s = json.load(open(sys.argv[1]))
faults = s["faults500"] + s["faults503"] + s["resets"] + s["stalls"]
rows = [
    ("rows", f'{s["rows"]:,} ({s["writeMode"]} writes)'),
    ("API requests", f'{s["apiRequests"]:,}'),
    ("faults injected", f'{faults:,}: {s["faults500"]} × 500, {s["faults503"]} × 503, {s["resets"]} resets, {s["stalls"]} stalls'),
    ("throttled (429)", f'{s["throttled"]:,}'),
    ("expired-token 401s", f'{s["unauthorized"]:,} ({s["tokensIssued"]} tokens of {s["tokenLifetimeSeconds"]} s)'),
    ("writes applied", f'{s["writesApplied"]:,}'),
    ("rows not synced", f'{s["rowsNotSynced"]}'),
    ("rows lost", f'{s["rowsLost"]}'),
    ("duplicate writes beyond retries", f'{s["duplicateWritesBeyondRetries"]}'),
    ("wall time", f'{s["wallSeconds"]:.1f} s'),
]
w = max(len(k) for k, _ in rows)
print(f'| {"measure":<{w}} | value |')
print(f'|{"-" * (w + 2)}|-------|')
for k, v in rows:
    print(f'| {k:<{w}} | {v} |')
PY
exit $rc
