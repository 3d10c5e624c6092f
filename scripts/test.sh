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
ctest --test-dir build --output-on-failure --timeout 900
