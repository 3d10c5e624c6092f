"""A nightly acgprov migration as an Airflow DAG (Airflow 2.4+): one BashOperator that runs
`acgprov apply` and then reads the run's --summary, so that the task's state says what the
scheduler should do, not only that the exit code was not 0:

  exit 0                      success: every row synced, deleted or unchanged
  exit 1                      failed: the run finished, some rows need a look (see the report)
  exit 3, abortKind deadline  skipped: the window closed; tomorrow's run resumes (--resume)
  exit 3, abortKind signal    skipped: stopped (a deploy, a drain); the next run resumes
  exit 3, other abortKind     failed: credentials, endpoint, proxy or internal: page someone
  exit 2 / exit 4             failed: the configuration is wrong / another run holds the lock

The summary is written on every exit (0 to 4), atomically, so it is always whole. Airflow
marks a BashOperator task skipped when the command exits with skip_on_exit_code (99).
Copy to the DAG folder; acgprov and its job file must be on the worker.
"""
import datetime

from airflow import DAG
from airflow.operators.bash import BashOperator

JOB = "/etc/acgprov/nightly.toml"
SUMMARY = "/var/lib/acgprov/nightly-summary.json"

# Exit 99 (skip) for an expected stop, else acgprov's own exit code; the summary's exitMeaning
# and abortReason go to the task log either way.
RUN_AND_JUDGE = r"""
set -u
/usr/bin/acgprov apply --job @JOB@ --summary @SUMMARY@ --log-format json
code=$?
python3 - "@SUMMARY@" "$code" <<'PY'
import json, sys
path, code = sys.argv[1], int(sys.argv[2])
try:
    with open(path) as f:
        summary = json.load(f)
except (OSError, ValueError) as e:
    print("acgprov: no summary at %s (%s); exit %d" % (path, e, code))
    sys.exit(code or 1)
kind = summary.get("abortKind")
print("acgprov: exit %d: %s; abortKind %s; %s" % (
    summary["exitCode"], summary["exitMeaning"], kind, summary.get("abortReason") or "-"))
print("acgprov: outcomes %s" % json.dumps(summary.get("outcomes", {}), sort_keys=True))
if summary["exitCode"] == 3 and kind in ("deadline", "signal"):
    sys.exit(99)
sys.exit(summary["exitCode"])
PY
""".replace("@JOB@", JOB).replace("@SUMMARY@", SUMMARY)

with DAG(
    dag_id="acgprov_nightly",
    description="Nightly number migration with acgprov, resumed night after night",
    schedule="0 2 * * *",
    start_date=datetime.datetime(2025, 1, 1),
    catchup=False,        # a missed night is not replayed: the next run resumes the report
    max_active_runs=1,    # never two runs on one report (acgprov would exit 4 anyway)
    default_args={"retries": 0},
    tags=["acgprov"],
) as dag:
    BashOperator(
        task_id="apply",
        bash_command=RUN_AND_JUDGE,
        skip_on_exit_code=99,
        # Past the job file's deadline and grace period: Airflow's own backstop.
        execution_timeout=datetime.timedelta(hours=4, minutes=5),
    )
