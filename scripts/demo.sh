#!/usr/bin/env bash
# Sets everything up on a fresh Debian 12 machine and runs a real sample job: builds
# acgprov and acgprov-sim, starts the emulator (seeded with the sample accounts), loads
# samples/numbers.csv through it over HTTPS, and prints the report.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
bash scripts/build.sh >/dev/null

work=$(mktemp -d)
trap 'kill "$sim_pid" 2>/dev/null || true; wait "$sim_pid" 2>/dev/null || true' EXIT
./build/sim/acgprov-sim --port 0 --config samples/sim-config.json --sync-delay-ms 1500 \
  --ca-out "$work/ca.pem" >"$work/ready.json" 2>"$work/sim.log" &
sim_pid=$!
for _ in $(seq 1 100); do [ -s "$work/ready.json" ] && break; sleep 0.1; done
[ -s "$work/ready.json" ] || { echo "acgprov-sim did not start:" >&2; cat "$work/sim.log" >&2; exit 1; }
endpoint=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["endpoint"])' "$work/ready.json")
echo "== acgprov-sim is ready: $(cat "$work/ready.json")"

# The emulator's documented default client; the secret comes from the environment, never a flag.
export ACGPROV_CLIENT_SECRET=sim-secret
set +e
./build/jobs/acgprov apply samples/numbers.csv --endpoint "$endpoint" --authority "$endpoint" \
  --tenant sim-tenant --client-id sim-client --ca-file "$work/ca.pem" \
  --rate 20 --burst 5 --poll-interval 0.5 --report "$work/report.csv"
code=$?
set -e
echo "== acgprov apply exited $code (0 = every row synced or deleted, 1 = some rows not: see the report)"
echo "== report ($work/report.csv):"
cat "$work/report.csv"
[ "$code" -le 1 ]
