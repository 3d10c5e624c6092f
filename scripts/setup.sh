#!/usr/bin/env bash
# Installs the Debian 12 packages the build needs. Idempotent: installs only what is missing.
set -euo pipefail
packages=(
  g++ cmake ninja-build ccache pkg-config
  libboost1.81-dev libboost-json1.81-dev libboost-url1.81-dev libboost-test1.81-dev
  libssl-dev openssl curl ca-certificates python3
  dpkg-dev tmux  # dpkg-shlibdeps for the .deb; a real terminal for the progress-line test
)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing ${missing[*]}" >&2
  [ "$(id -u)" = 0 ] || { echo "setup: run as root (apt-get)" >&2; exit 2; }
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
