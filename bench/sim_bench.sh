#!/usr/bin/env bash
# Throughput of acgprov-sim with the rate limit off: wrk over HTTPS keep-alive on GET and PUT
# number paths and a list page. Prints requests/s and latency percentiles; the target is
# >= 2,000 requests/s on a 2-core machine, so that the emulator never bounds engine benchmarks.
#
# Usage: bench/sim_bench.sh [BUILD_DIR]        (default: build)
# Environment: DURATION (s, default 5), CONNECTIONS (default 32), THREADS (wrk threads, default 1)
# Needs: wrk (apt-get install wrk), curl.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$root/build}
sim=$build/sim/acgprov-sim
duration=${DURATION:-5}
connections=${CONNECTIONS:-32}
threads=${THREADS:-1}

command -v wrk >/dev/null || { echo "wrk is not installed (apt-get install wrk)" >&2; exit 2; }
command -v curl >/dev/null || { echo "curl is not installed" >&2; exit 2; }
[ -x "$sim" ] || { echo "no emulator at $sim; build the acgprov-sim target first" >&2; exit 2; }

work=$(mktemp -d)
sim_pid=
cleanup() {
  if [ -n "$sim_pid" ]; then kill -TERM "$sim_pid" 2>/dev/null || true; wait "$sim_pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

"$sim" --port 0 --ca-out "$work/ca.pem" --rate-limit 0 --sync-delay-ms 2000 >"$work/ready" 2>"$work/stderr" &
sim_pid=$!
for _ in $(seq 1 200); do [ -s "$work/ready" ] && break; sleep 0.05; done
[ -s "$work/ready" ] || { echo "acgprov-sim did not start:" >&2; cat "$work/stderr" >&2; exit 1; }
field() { grep -o "\"$1\":\"[^\"]*\"" "$work/ready" | cut -d'"' -f4; }
endpoint=$(field endpoint)
token_url=$(field tokenUrl)

token=$(curl -sS --cacert "$work/ca.pem" "$token_url" -d grant_type=client_credentials -d client_id=sim-client \
          -d client_secret=sim-secret \
          --data-urlencode "scope=https://func-voiceservice-rp-prod-eastuseuap.azurewebsites.net/.default" |
        sed -n 's/.*"access_token":"\([^"]*\)".*/\1/p')
[ -n "$token" ] || { echo "no token" >&2; exit 1; }
api() {  # METHOD PATH [BODY]
  curl -sS -o /dev/null -w '%{http_code}' --cacert "$work/ca.pem" -X "$1" -H "Authorization: Bearer $token" \
       -H 'Content-Type: application/json' "$endpoint$2?api-version=2024-02-29-preview" ${3:+-d "$3"}
}
[ "$(api PUT /accounts/bench '{"name":"bench","serviceDetails":{"teamsTenantId":"a7f4bd5c-cc01-40f4-8baa-2b6bdb272b8a","teamsOperatorConnect":{"enabled":true,"syncEnabled":true}}}')" = 201 ]
[ "$(api PUT /accounts/bench/numbers/%2B15550000000 '{"telephoneNumber":"+15550000000","accountName":"bench","serviceDetails":{"teamsOperatorConnect":{"enabled":true,"configuration":{"usage":"CallingUserAssignment","choosableCapabilities":["InboundCalling"]}}}}')" = 201 ]

echo "acgprov-sim at $endpoint; wrk -t$threads -c$connections -d${duration}s over HTTPS keep-alive; $(nproc) cores"
printf '%-34s %12s %10s %10s %10s %10s %7s\n' scenario "requests/s" "p50 ms" "p99 ms" "max ms" requests errors
for mode in get put list; do
  case $mode in
    get) label="GET number";;
    put) label="PUT number (replace, 1000 numbers)";;
    list) label="GET numbers page (50 items)";;
  esac
  line=$(SIM_MODE=$mode SIM_TOKEN=$token wrk -t"$threads" -c"$connections" -d"${duration}s" -s "$root/bench/sim_wrk.lua" \
           "$endpoint" | grep '^RESULT')
  read -r _ rps p50 p99 max total errors <<<"$line"
  printf '%-34s %12s %10s %10s %10s %10s %7s\n' "$label" "$rps" "$p50" "$p99" "$max" "$total" "$errors"
done
curl -sS --cacert "$work/ca.pem" "$endpoint/_sim/stats" | grep -o '"peakConnections":[0-9]*' | sed 's/^/emulator /'
