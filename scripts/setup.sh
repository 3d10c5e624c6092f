#!/usr/bin/env bash
# Installs the Debian 12 packages the build needs. Idempotent: installs only what is missing.
set -euo pipefail
packages=(
  g++ cmake ninja-build ccache pkg-config
  libboost1.81-dev libboost-json1.81-dev libboost-url1.81-dev libboost-test1.81-dev
  libcli11-dev   # the command line parser (header-only, jobs/cli/command_parse.cpp)
  libssl-dev openssl curl ca-certificates python3
  dpkg-dev tmux  # dpkg-shlibdeps for the .deb; a real terminal for the progress-line test
  socat          # the TLS terminator in front of Prism (tests/e2e/conformance_test.cpp)
  lintian        # the .deb packages checked (scripts/package_test.sh)
  python3-yaml systemd  # the samples checked: CronJob YAML, systemd-analyze (scripts/check_samples.sh)
  tinyproxy      # a real HTTP proxy (CONNECT) for tests/e2e/proxy_test.cpp
)
# Prism (the conformance test's validating proxy) runs on Node.js: the machine's when it has one
# (Node 20 with npm 11 here), Debian 12's otherwise.
command -v npm >/dev/null || packages+=(nodejs npm)
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

# The Node packages the tests run, exactly as each folder's package-lock.json pins them. `npm ci`
# runs only when the lockfile changed since the last install (a stamp in node_modules/).
npm_install() {  # folder, what it installs (for the log line)
  local dir="$1" stamp want
  stamp="$dir/node_modules/.acgprov-lock.sha256"
  want=$(sha256sum "$dir/package-lock.json" | cut -d' ' -f1)
  [ "$(cat "$stamp" 2>/dev/null)" = "$want" ] && return 0
  echo "setup: installing $2 (npm ci in tests/$(basename "$dir"))" >&2
  (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error >/dev/null)
  echo "$want" > "$stamp"
}
tests="$(dirname "$0")/../tests"
npm_install "$tests/conformance" Prism             # the conformance test's validating proxy (5.14.2)
npm_install "$tests/identity" @azure/msal-node     # the identity e2e test (msal_e2e)
