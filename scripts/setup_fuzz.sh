#!/usr/bin/env bash
# Installs what the fuzz targets need on Debian 12 (clang 14 and its libFuzzer runtime), on
# top of scripts/setup.sh. Idempotent: installs only what is missing.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
packages=(clang libclang-rt-14-dev)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup_fuzz: installing ${missing[*]}" >&2
  [ "$(id -u)" = 0 ] || { echo "setup_fuzz: run as root (apt-get)" >&2; exit 2; }
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
