#!/usr/bin/env bash
# Packaging test: builds the two .deb packages (acgprov, acgprov-sim) and their -dbgsym .ddeb
# with CPack from an existing build, runs lintian on the .debs (no errors allowed), checks that
# the binaries are stripped and their symbols are in the -dbgsym packages, installs both with
# dpkg, checks what they put where (binaries, man pages, completions, copyright, examples,
# dependencies),
# runs a sample job with the INSTALLED binaries (/usr/bin/acgprov against /usr/bin/acgprov-sim
# seeded with the installed sample configuration) that writes --summary and --metrics, checks
# the exit code, the report, the summary and the metrics, and removes the packages again (unless
# they were installed before). Needs root (dpkg).
# Usage: bash scripts/package_test.sh [BUILD_DIR]   (default: build)
set -euo pipefail
cd "$(dirname "$0")/.."
build=$(cd "${1:-build}" && pwd)
fail() { echo "package_test: FAILED: $*" >&2; exit 1; }
[ "$(id -u)" = 0 ] || { echo "package_test: needs root (dpkg -i)" >&2; exit 2; }
[ -x "$build/jobs/acgprov" ] && [ -x "$build/sim/acgprov-sim" ] || fail "build $build first (scripts/build.sh)"

work=$(mktemp -d)
sim_pid=
installed_before() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q "install ok installed"; }
to_remove=()
for p in acgprov acgprov-sim; do installed_before "$p" || to_remove+=("$p"); done
cleanup() {
  [ -n "$sim_pid" ] && { kill "$sim_pid" 2>/dev/null; wait "$sim_pid" 2>/dev/null || true; }
  [ ${#to_remove[@]} -gt 0 ] && { dpkg -r "${to_remove[@]}" >/dev/null 2>&1 || true; }
  rm -rf "$work"
}
trap cleanup EXIT

echo "== cpack -G DEB"
(cd "$build" && cpack -G DEB -B "$work/pkg" >"$work/cpack.log" 2>&1) || { cat "$work/cpack.log" >&2; fail "cpack"; }
ls -l "$work"/pkg/*.*deb
deb=$(ls "$work"/pkg/acgprov_*.deb 2>/dev/null | head -1)
sim_deb=$(ls "$work"/pkg/acgprov-sim_*.deb 2>/dev/null | head -1)
[ -n "$deb" ] || fail "no acgprov_*.deb in $work/pkg"
[ -n "$sim_deb" ] || fail "no acgprov-sim_*.deb in $work/pkg"
for d in "$deb" "$sim_deb"; do
  echo "$(basename "$d"): Depends: $(dpkg-deb -f "$d" Depends)"
  dpkg-deb -f "$d" Depends | grep -q "libboost-json1.81.0" || fail "$(basename "$d"): Depends lacks libboost-json1.81.0"
  dpkg-deb -f "$d" Depends | grep -q "libssl3" || fail "$(basename "$d"): Depends lacks libssl3"
done
dpkg-deb -c "$deb" | grep -q '/usr/bin/acgprov-sim$' && fail "the emulator is in the acgprov package"
dpkg-deb -c "$sim_deb" | grep -q '/usr/bin/acgprov$' && fail "the engine is in the acgprov-sim package"

echo "== stripped binaries, debug symbols in -dbgsym"
for p in acgprov acgprov-sim; do
  pkg=$(ls "$work/pkg/${p}_"*.deb)
  mkdir -p "$work/x/$p" && dpkg-deb -x "$pkg" "$work/x/$p"
  readelf -S "$work/x/$p/usr/bin/$p" | grep -q '\.debug_info' && fail "/usr/bin/$p in $(basename "$pkg") is not stripped"
  readelf -S "$work/x/$p/usr/bin/$p" | grep -q '\.symtab' && fail "/usr/bin/$p in $(basename "$pkg") keeps its symbol table"
  dbg=$(ls "$work/pkg/${p}-dbgsym_"*.ddeb 2>/dev/null | head -1)
  [ -n "$dbg" ] || fail "no ${p}-dbgsym package"
  dpkg-deb -c "$dbg" | grep -q '/usr/lib/debug/.build-id/.*\.debug$' || fail "$(basename "$dbg") holds no .debug file"
done
echo "binaries stripped; symbols in the -dbgsym packages"

echo "== lintian"
if command -v lintian >/dev/null; then
  for d in "$deb" "$sim_deb"; do
    lintian --fail-on error --tag-display-limit 0 "$d" >"$work/lintian.log" 2>&1 || { cat "$work/lintian.log" >&2; fail "lintian $(basename "$d")"; }
    echo "lintian $(basename "$d"): no errors$( [ -s "$work/lintian.log" ] && printf ' (%s warnings/infos)' "$(grep -c . "$work/lintian.log")")"
    cat "$work/lintian.log"
  done
else
  [ "${CI:-}" = "true" ] && fail "lintian is not installed (scripts/setup.sh installs it)"
  echo "SKIP: package_test lintian: lintian is not installed"
fi

echo "== dpkg -i"
dpkg -i "$deb" "$sim_deb" >"$work/dpkg.log" 2>&1 || { cat "$work/dpkg.log" >&2; fail "dpkg -i"; }
examples=/usr/share/doc/acgprov/examples
for f in /usr/bin/acgprov /usr/bin/acgprov-sim /usr/share/man/man1/acgprov.1.gz /usr/share/man/man1/acgprov-sim.1.gz \
         /usr/share/bash-completion/completions/acgprov /usr/share/zsh/vendor-completions/_acgprov \
         /usr/share/doc/acgprov/README.md /usr/share/doc/acgprov/copyright /usr/share/doc/acgprov-sim/copyright \
         /usr/share/doc/acgprov-sim/sim.md "$examples/numbers.csv" \
         "$examples/sim-config.json" "$examples/nightly.toml" \
         "$examples/systemd/acgprov-nightly.service" "$examples/systemd/acgprov-nightly.timer" \
         "$examples/systemd/acgprov-nightly.env" "$examples/airflow/acgprov_nightly.py" \
         "$examples/kubernetes/cronjob.yaml" "$examples/cron/acgprov-nightly"; do
  [ -e "$f" ] || fail "$f not installed"
done
grep -q '^License: Apache-2.0' /usr/share/doc/acgprov/copyright || fail "the copyright file names no Apache-2.0 licence"
dpkg -L acgprov | grep -q '^/usr/bin/acgprov$' || fail "dpkg -L does not list /usr/bin/acgprov"
dpkg -L acgprov-sim | grep -q '^/usr/bin/acgprov-sim$' || fail "dpkg -L does not list /usr/bin/acgprov-sim"
/usr/bin/acgprov --version | tee "$work/version.txt"
grep -q "Boost 1.81" "$work/version.txt" && grep -q "OpenSSL 3" "$work/version.txt" || fail "--version lacks Boost/OpenSSL"
if command -v man >/dev/null; then man -l /usr/share/man/man1/acgprov.1.gz >/dev/null 2>&1 || fail "man acgprov.1 does not render"; fi

echo "== a sample job with the installed binaries"
samples=$examples
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
  --metrics "$work/acgprov.prom" --log-format text 2>"$work/run.log"
code=$?
set -e
cat "$work/run.log"
# 0: every row synced or deleted; 1 would mean some rows did not (the report says which).
[ "$code" = 0 ] || [ "$code" = 1 ] || fail "acgprov apply exited $code"
rows=$(grep -c . "$work/report.jsonl")
inputs=$(($(grep -c . "$samples/numbers.csv") - 1))
[ "$rows" = "$inputs" ] || fail "report has $rows rows for $inputs input rows"
for f in report.jsonl summary.json acgprov.prom; do
  [ "$(stat -c %a "$work/$f")" = 600 ] || fail "$f has mode $(stat -c %a "$work/$f"), not 600"
done
python3 - "$work/report.jsonl" "$work/summary.json" "$code" "$work/acgprov.prom" <<'PY' || fail "report, summary or metrics"
import json, sys
rows = [json.loads(l) for l in open(sys.argv[1]) if l.strip()]
bad = [r for r in rows if r["outcome"] in ("error", "skipped", "invalid", "timeout")]
assert not bad, bad
summary = json.load(open(sys.argv[2]))
assert summary["rows"] == len(rows), summary
assert summary["exitCode"] == int(sys.argv[3]), summary
assert "abortKind" in summary and summary["abortKind"] is None, summary
# The metrics' families (tests/e2e/operations_test.cpp parses the format in full).
metrics = open(sys.argv[4]).read()
types = {l.split()[2] for l in metrics.splitlines() if l.startswith("# TYPE ")}
for family in ("acgprov_rows", "acgprov_requests", "acgprov_exit_code", "acgprov_last_success_time_seconds"):
    assert family in types, (family, types)
exit_lines = [l for l in metrics.splitlines() if l.startswith("acgprov_exit_code{")]
assert len(exit_lines) == 1 and float(exit_lines[0].rsplit(" ", 1)[1]) == int(sys.argv[3]), exit_lines
print("report: %d rows, outcomes %s; summary and metrics written" % (len(rows), summary["outcomes"]))
PY
echo "package_test: ok"
