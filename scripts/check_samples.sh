#!/usr/bin/env bash
# Validates the scheduler samples (a CTest test, tests/CMakeLists.txt): the systemd units with
# `systemd-analyze verify` (any message fails: it exits 0 on unknown keys), the Kubernetes
# CronJob against what the README promises and the `restricted` Pod Security profile
# (python3-yaml), and the Airflow DAG compiled (py_compile; Airflow itself is not needed). The
# job file goes through `acgprov config check` in tests/e2e/operations_test.cpp (it needs the
# emulator). A part that cannot run here prints a SKIP line (scripts/list_skips.sh lists them).
# Usage: scripts/check_samples.sh
set -euo pipefail
cd "$(dirname "$0")/.."
samples=samples
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() { echo "check_samples: FAILED: $*" >&2; exit 1; }

echo "== systemd-analyze verify"
if command -v systemd-analyze >/dev/null; then
  # verify checks that ExecStart's binary exists: point it at one that does.
  cp "$samples/systemd/acgprov-nightly.service" "$samples/systemd/acgprov-nightly.timer" "$work/"
  sed -i 's|/usr/bin/acgprov |/bin/true |' "$work/acgprov-nightly.service"
  if ! (cd "$work" && systemd-analyze verify --man=no ./acgprov-nightly.service ./acgprov-nightly.timer) \
       >"$work/verify.log" 2>&1; then
    cat "$work/verify.log" >&2
    fail "systemd-analyze verify"
  fi
  [ -s "$work/verify.log" ] && { cat "$work/verify.log" >&2; fail "systemd-analyze verify printed warnings"; }
  grep -q '^UMask=0077$' "$samples/systemd/acgprov-nightly.service" || fail "the service lacks UMask=0077"
  grep -q '^RuntimeMaxSec=' "$samples/systemd/acgprov-nightly.service" || fail "the service lacks RuntimeMaxSec="
  grep -q '^ExecCondition=' "$samples/systemd/acgprov-nightly.service" || fail "the service lacks its window check"
  grep -q '^EnvironmentFile=' "$samples/systemd/acgprov-nightly.service" || fail "the service reads no env file"
  grep -q '^HTTPS_PROXY=' "$samples/systemd/acgprov-nightly.env" && grep -q '^NO_PROXY=' "$samples/systemd/acgprov-nightly.env" \
    || fail "the env file lacks HTTPS_PROXY / NO_PROXY"
  # The window check itself: in the window at 02:00 and 05:59, out of it at 06:00 and 09:00.
  cond=$(sed -n "s/^ExecCondition=\/bin\/sh -c '\(.*\)'$/\1/p" "$samples/systemd/acgprov-nightly.service" | sed 's/\$\$/$/g; s/%%/%/g')
  [ -n "$cond" ] || fail "cannot read ExecCondition"
  mkdir -p "$work/bin"
  for hour in 01 02 05 06 09 23; do
    printf '#!/bin/sh\necho %s\n' "$hour" >"$work/bin/date"
    chmod +x "$work/bin/date"
    if PATH="$work/bin:$PATH" sh -c "$cond"; then inside=yes; else inside=no; fi
    case $hour in 02|05) want=yes ;; *) want=no ;; esac
    [ "$inside" = "$want" ] || fail "ExecCondition at $hour:00 says inside=$inside"
  done
  echo "systemd units: ok"
else
  echo "SKIP: check_samples systemd: systemd-analyze is not installed"
fi

echo "== Kubernetes CronJob"
python3 - "$samples/kubernetes/cronjob.yaml" <<'PY' || fail "kubernetes/cronjob.yaml"
import sys
import yaml

docs = [d for d in yaml.safe_load_all(open(sys.argv[1])) if d]
kinds = {d["kind"]: d for d in docs}
assert "Secret" not in kinds, "workload identity needs no Secret"
sa = kinds["ServiceAccount"]
client_id = sa["metadata"]["annotations"]["azure.workload.identity/client-id"]
assert len(client_id) == 36, client_id
cron = kinds["CronJob"]
spec = cron["spec"]
assert spec["concurrencyPolicy"] == "Forbid"
assert spec["jobTemplate"]["spec"]["backoffLimit"] == 0
assert int(spec["startingDeadlineSeconds"]) <= 3600
pod = spec["jobTemplate"]["spec"]["template"]
assert pod["metadata"]["labels"]["azure.workload.identity/use"] == "true"
ps = pod["spec"]
assert ps["serviceAccountName"] == sa["metadata"]["name"]
assert ps["restartPolicy"] == "Never"
assert ps["terminationGracePeriodSeconds"] > 60, "more than --grace 60"
# Pod Security Standard `restricted`, pod and container level.
psc = ps["securityContext"]
assert psc["runAsNonRoot"] is True and psc.get("runAsUser", 1) != 0
assert psc["seccompProfile"]["type"] in ("RuntimeDefault", "Localhost")
assert not ps.get("hostNetwork") and not ps.get("hostPID") and not ps.get("hostIPC")
allowed_volumes = {"configMap", "emptyDir", "persistentVolumeClaim", "projected", "secret", "csi", "downwardAPI",
                   "ephemeral"}
for v in ps["volumes"]:
    kinds_of_volume = set(v) - {"name"}
    assert kinds_of_volume <= allowed_volumes, v
    assert "secret" not in v, "no Secret volume: workload identity"
volumes = {v["name"]: v for v in ps["volumes"]}
for c in ps["containers"]:
    sc = c["securityContext"]
    assert sc["allowPrivilegeEscalation"] is False, c["name"]
    assert sc["capabilities"]["drop"] == ["ALL"] and not sc["capabilities"].get("add"), c["name"]
    assert sc.get("privileged") is not True
    assert sc["readOnlyRootFilesystem"] is True
    assert sc.get("seccompProfile", psc["seccompProfile"])["type"] in ("RuntimeDefault", "Localhost")
    for e in c.get("env", []):
        assert "secretKeyRef" not in e.get("valueFrom", {}), "no Secret: workload identity"
        assert not e["name"].startswith("AZURE_"), "the webhook injects AZURE_*"
    mounts = {m["mountPath"]: m for m in c["volumeMounts"]}
    data = mounts["/data"]
    assert not data.get("readOnly") and "persistentVolumeClaim" in volumes[data["name"]], "report on a writable PVC"
    args = c["args"]
    assert args[:3] == ["apply", "--job", "/etc/acgprov/nightly.toml"], args
job_file = kinds["ConfigMap"]["data"]["nightly.toml"]
for key in ('report = "/data/', 'summary = "/data/', 'metrics = "/data/', 'credential = "workload-identity"',
            "resume = true", "deadline = ", 'log-format = "json"'):
    assert key in job_file, key
assert "client-secret" not in job_file and "tenant" not in job_file
print("kubernetes/cronjob.yaml: ok (workload identity, restricted profile)")
PY

echo "== Airflow DAG"
python3 - "$samples/airflow/acgprov_nightly.py" <<'PY' || fail "airflow/acgprov_nightly.py"
import py_compile, sys, tempfile, os
with tempfile.TemporaryDirectory() as d:
    py_compile.compile(sys.argv[1], cfile=os.path.join(d, "dag.pyc"), doraise=True)
text = open(sys.argv[1]).read()
for word in ("BashOperator", "abortKind", "exitMeaning", "skip_on_exit_code=99", "--summary"):
    assert word in text, word
print("airflow/acgprov_nightly.py: compiles")
PY
echo "check_samples: ok"
