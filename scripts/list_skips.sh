#!/usr/bin/env bash
# Lists the test cases that could not run here (their "SKIP: ..." lines in CTest's last log,
# tests/support/skip.hpp), so that a skip is seen and never passes silently.
# Usage: scripts/list_skips.sh [BUILD_DIR]
log="${1:-build}/Testing/Temporary/LastTest.log"
[ -f "$log" ] || exit 0
skips=$(grep -ho '^SKIP: .*' "$log" | sort -u || true)
if [ -n "$skips" ]; then
  echo "== $(printf '%s\n' "$skips" | wc -l) test case(s) could not run here:"
  printf '%s\n' "$skips"
fi
exit 0
