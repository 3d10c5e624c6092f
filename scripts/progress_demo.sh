#!/usr/bin/env bash
# Shows, and checks, acgprov's live progress line in a real terminal. acgprov draws the line only
# when stderr is a terminal, so the run goes inside a detached tmux session (a real pty): a
# 3,000-row job against acgprov-sim, slowed to 5 requests a second; the pane is captured while
# it runs, printed, and checked for the line (rows done/total, outcomes, req/s of budget,
# throttled, ETA). Installs tmux if missing (as root).
# Usage: bash scripts/progress_demo.sh [BUILD_DIR]   (default: build)
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build}
if ! command -v tmux >/dev/null; then
  [ "$(id -u)" = 0 ] || { echo "progress_demo: needs tmux (apt-get install tmux)" >&2; exit 2; }
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq tmux >/dev/null
fi

work=$(mktemp -d)
sock="acgprov-demo-$$"
sim_pid=
cleanup() {
  tmux -L "$sock" kill-server 2>/dev/null || true
  [ -n "$sim_pid" ] && kill "$sim_pid" 2>/dev/null && wait "$sim_pid" 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT

"$build/sim/acgprov-sim" --port 0 --config samples/sim-config.json --rate-limit 0 --sync-delay-ms 300 --ca-out "$work/ca.pem" \
  >"$work/ready.json" 2>"$work/sim.log" &
sim_pid=$!
for _ in $(seq 1 100); do [ -s "$work/ready.json" ] && break; sleep 0.1; done
[ -s "$work/ready.json" ] || { echo "progress_demo: acgprov-sim did not start" >&2; cat "$work/sim.log" >&2; exit 1; }
endpoint=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["endpoint"])' "$work/ready.json")

# 3,000 rows on a seeded account of the sample configuration (Zoom, with backend sync).
python3 - "$work/numbers.csv" <<'PY'
import sys
with open(sys.argv[1], "w") as f:
    f.write("accountName,telephoneNumber,services\n")
    for i in range(3000):
        f.write("fabrikam,+1425700%04d,zoomPhoneCloudPeering\n" % i)
PY

tmux -L "$sock" -f /dev/null new-session -d -x 160 -y 12 -s demo -e ACGPROV_CLIENT_SECRET=sim-secret -- \
  "$build/jobs/acgprov" apply "$work/numbers.csv" --endpoint "$endpoint" --authority "$endpoint" \
  --tenant sim-tenant --client-id sim-client --ca-file "$work/ca.pem" --report "$work/report.jsonl" \
  --rate 5 --burst 1 --max-in-flight 2 --poll-interval 0.3

# Bounded: 60 captures, 0.5 s apart; done as soon as the line shows an ETA.
line=
for _ in $(seq 1 60); do
  pane=$(tmux -L "$sock" capture-pane -p -t demo 2>/dev/null || true)
  line=$(printf '%s\n' "$pane" | grep -E '^[0-9]+/3000 rows [0-9]+% \| .* req/s of [0-9.]+ \| throttled [0-9]+ \| ETA ' | tail -1 || true)
  [ -n "$line" ] && break
  sleep 0.5
done
echo "== the pane of the tmux session running acgprov apply:"
printf '%s\n' "$pane" | sed '/^$/d'
if [ -z "$line" ]; then
  echo "progress_demo: FAILED: no progress line seen" >&2
  exit 1
fi
echo "== progress line seen: $line"
echo "progress_demo: ok"
