#!/usr/bin/env bash
# Installs what the build needs, builds everything and runs every test suite with CTest.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
if [ "${CI:-}" = "true" ]; then
  bash scripts/build.sh -DACGPROV_WERROR=ON
else
  bash scripts/build.sh
fi
# The e2e shards mostly wait on the processes they start: more of them than cores.
ctest --test-dir build --output-on-failure --timeout 900 -j "$(( $(nproc) * 2 ))"
bash scripts/list_skips.sh build
