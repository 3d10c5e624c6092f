#!/usr/bin/env bash
# Packaging test: builds the .deb with CPack from an existing build, installs it with dpkg,
# checks what it put where (binaries, man pages, samples, declared dependencies), runs a sample
# job with the INSTALLED binaries (/usr/bin/acgprov against /usr/bin/acgprov-sim seeded with
# the installed sample configuration), checks the exit code and the report, and removes the
# package again (unless it was installed before). Needs root (dpkg).
# Usage: bash scripts/package_test.sh [BUILD_DIR]   (default: build)
set -euo pipefail
cd "$(dirname "$0")/.."
build=$(cd "${1:-build}" && pwd)
fail() { echo "package_test: FAILED: $*" >&2; exit 1; }
[ "$(id -u)" = 0 ] || { echo "package_test: needs root (dpkg -i)" >&2; exit 2; }
[ -x "$build/jobs/acgprov" ] && [ -x "$build/sim/acgprov-sim" ] || fail "build $build first (scripts/build.sh)"

work=$(mktemp -d)
sim_pid=
was_installed=false
dpkg-query -W -f='${Status}' acgprov 2>/dev/null | grep -q "install ok installed" && was_installed=true
cleanup() {
  [ -n "$sim_pid" ] && { kill "$sim_pid" 2>/dev/null; wait "$sim_pid" 2>/dev/null || true; }
  $was_installed || dpkg -r acgprov >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT

echo "== cpack -G DEB"
(cd "$build" && cpack -G DEB -B "$work/pkg" >"$work/cpack.log" 2>&1) || { cat "$work/cpack.log" >&2; fail "cpack"; }
deb=$(ls "$work"/pkg/acgprov_*.deb 2>/dev/null | head -1)
[ -n "$deb" ] || fail "no acgprov_*.deb in $work/pkg"
echo "$(basename "$deb"): Depends: $(dpkg-deb -f "$deb" Depends)"
dpkg-deb -f "$deb" Depends | grep -q "libboost-json1.81.0" || fail "Depends lacks libboost-json1.81.0"
dpkg-deb -f "$deb" Depends | grep -q "libssl3" || fail "Depends lacks libssl3"

echo "== dpkg -i"
dpkg -i "$deb" >"$work/dpkg.log" 2>&1 || { cat "$work/dpkg.log" >&2; fail "dpkg -i"; }
for f in /usr/bin/acgprov /usr/bin/acgprov-sim /usr/share/man/man1/acgprov.1 /usr/share/man/man1/acgprov-sim.1 \
         /usr/share/doc/acgprov/README.md /usr/share/doc/acgprov/samples/numbers.csv \
         /usr/share/doc/acgprov/samples/sim-config.json /usr/share/doc/acgprov/samples/nightly.toml \
         /usr/share/doc/acgprov/samples/systemd/acgprov-nightly.timer \
         /usr/share/doc/acgprov/samples/kubernetes/cronjob.yaml /usr/share/doc/acgprov/samples/cron/acgprov-nightly; do
  [ -e "$f" ] || fail "$f not installed"
done
dpkg -L acgprov | grep -q '^/usr/bin/acgprov$' || fail "dpkg -L does not list /usr/bin/acgprov"
/usr/bin/acgprov --version | tee "$work/version.txt"
grep -q "Boost 1.81" "$work/version.txt" && grep -q "OpenSSL 3" "$work/version.txt" || fail "--version lacks Boost/OpenSSL"
if command -v man >/dev/null; then man -l /usr/share/man/man1/acgprov.1 >/dev/null 2>&1 || fail "man acgprov.1 does not render"; fi

echo "== a sample job with the installed binaries"
samples=/usr/share/doc/acgprov/samples
/usr/bin/acgprov-sim --port 0 --config "$samples/sim-config.json" --rate-limit 0 --sync-delay-ms 200 \
  --ca-out "$work/ca.pem" >"$work/ready.json" 2>"$work/sim.log" &
sim_pid=$!
for _ in $(seq 1 100); do [ -s "$work/ready.json" ] && break; sleep 0.1; done
[ -s "$work/ready.json" ] || { cat "$work/sim.log" >&2; fail "acgprov-sim did not start"; }
endpoint=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["endpoint"])' "$work/ready.json")

set +e
ACGPROV_CLIENT_SECRET=sim-secret /usr/bin/acgprov apply "$samples/numbers.csv" --endpoint "$endpoint" \
  --authority "$endpoint" --tenant sim-tenant --client-id sim-client --ca-file "$work/ca.pem" \
  --rate 50 --burst 10 --poll-interval 0.2 --report "$work/report.jsonl" --summary "$work/summary.json" \
  --log-format text 2>"$work/run.log"
code=$?
set -e
cat "$work/run.log"
# 0: every row synced or deleted; 1 would mean some rows did not (the report says which).
[ "$code" = 0 ] || [ "$code" = 1 ] || fail "acgprov apply exited $code"
rows=$(grep -c . "$work/report.jsonl")
inputs=$(($(grep -c . "$samples/numbers.csv") - 1))
[ "$rows" = "$inputs" ] || fail "report has $rows rows for $inputs input rows"
python3 - "$work/report.jsonl" "$work/summary.json" "$code" <<'PY' || fail "report or summary"
import json, sys
rows = [json.loads(l) for l in open(sys.argv[1]) if l.strip()]
bad = [r for r in rows if r["outcome"] in ("error", "skipped", "invalid", "timeout")]
assert not bad, bad
summary = json.load(open(sys.argv[2]))
assert summary["rows"] == len(rows), summary
assert summary["exitCode"] == int(sys.argv[3]), summary
print("report: %d rows, outcomes %s" % (len(rows), summary["outcomes"]))
PY
echo "package_test: ok"
