#!/usr/bin/env python3
"""Request-economy bench (issue 4): how many API requests per input row, and how close to the
rate limit's lower bound a run gets, for acgprov (batch and single) and a per-number curl client,
all against acgprov-sim with a scaled-up rate limit; then a 1,000,000-row run for memory.

Usage: bench/economy_bench.py [--build build] [--rows 10000] [--accounts 20] [--rate-per-minute 6000]
                              [--sync-delay-ms 3000] [--curl-rows 500] [--million 1000000]
Prints one table. Only 127.0.0.1 is contacted.
"""
import argparse, contextlib, csv, json, os, subprocess, sys, tempfile, time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def start_sim(build, work, args, accounts):
    seed = {"accounts": [{"name": a, "serviceDetails": {"zoomPhoneCloudPeering": {"enabled": True, "syncEnabled": True}}}
                         for a in accounts]}
    cfg = os.path.join(work, "sim-config-%d.json" % time.monotonic_ns())
    with open(cfg, "w") as f:
        json.dump({"clients": [{"tenant": "sim-tenant", "clientId": "sim-client", "secret": "sim-secret",
                                "roles": ["ProvisioningAPI.Admin"]}], "seed": seed}, f)
    proc = subprocess.Popen([os.path.join(build, "sim", "acgprov-sim"), "--port", "0", "--config", cfg,
                             "--ca-out", os.path.join(work, "ca.pem")] + args,
                            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    ready = json.loads(proc.stdout.readline())
    return proc, ready


@contextlib.contextmanager
def sim_running(build, work, args, accounts):
    proc, ready = start_sim(build, work, args, accounts)
    try:
        yield ready
    finally:
        proc.terminate()
        proc.wait()


def write_rows(path, accounts, first, count):
    with open(path, "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["accountName", "telephoneNumber", "services"])
        for i in range(count):
            w.writerow([accounts[i % len(accounts)], "+1425%07d" % (first + i), "zoomPhoneCloudPeering"])


def run_measured(argv, env):
    """Runs a command; returns (exit code, wall seconds, cpu seconds, peak RSS MiB, stdout)."""
    start = time.monotonic()
    proc = subprocess.Popen(argv, env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    out = proc.stdout.read()
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.monotonic() - start
    return os.waitstatus_to_exitcode(status), wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, out


def acgprov(build, ready, inputs, work, tag, rate, extra):
    report, summary = os.path.join(work, tag + ".jsonl"), os.path.join(work, tag + "-summary.json")
    argv = [os.path.join(build, "jobs", "acgprov"), "apply", *inputs, "--endpoint", ready["endpoint"],
            "--authority", ready["authority"], "--tenant", "sim-tenant", "--client-id", "sim-client",
            "--ca-file", ready["caFile"], "--report", report, "--summary", summary, "--rate", str(rate),
            "--log-format", "json"] + extra
    env = dict(os.environ, ACGPROV_CLIENT_SECRET="sim-secret")
    code, wall, cpu, rss, _ = run_measured(argv, env)
    s = json.load(open(summary))
    return {"exit": code, "wall": wall, "cpu": cpu, "rss": rss, "requests": s["requests"]["total"],
            "throttled": s["throttled"], "rows": s["rows"], "outcomes": s["outcomes"]}


def sim_stats(ready):
    out = subprocess.run(["curl", "-s", "--cacert", ready["caFile"], ready["endpoint"] + "/_sim/stats"],
                         capture_output=True, text=True).stdout
    return json.loads(out)


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--build", default=os.path.join(ROOT, "build"))
    p.add_argument("--rows", type=int, default=10000)
    p.add_argument("--accounts", type=int, default=20)
    p.add_argument("--rate-per-minute", type=int, default=6000)
    p.add_argument("--sync-delay-ms", type=int, default=3000)
    p.add_argument("--curl-rows", type=int, default=500)
    p.add_argument("--million", type=int, default=1000000)
    p.add_argument("--only", default="batch,single,curl,unlimited",
                   help="comma-separated parts to run: batch, single, curl, unlimited (the million runs if --million)")
    a = p.parse_args()
    parts = set(a.only.split(","))

    rate = a.rate_per_minute / 60.0
    sync = a.sync_delay_ms / 1000.0
    accounts = ["acct%02d" % i for i in range(a.accounts)]
    sim_args = ["--rate-limit", str(a.rate_per_minute), "--burst", str(max(1, a.rate_per_minute // 60)),
                "--sync-delay-ms", str(a.sync_delay_ms)]
    results = []
    with tempfile.TemporaryDirectory(prefix="acgprov-bench-") as work:
        rows_csv = os.path.join(work, "rows.csv")
        write_rows(rows_csv, accounts, 5550000, a.rows)

        def add(name, rows, r, sim_throttled=None):
            lower = r["requests"] / rate
            results.append((name, rows, r["requests"], r["requests"] / rows, r["throttled"],
                            100.0 * r["throttled"] / max(1, r["requests"]), r["wall"], lower,
                            r["wall"] / lower if lower else 0, r["wall"] / (lower + sync), r["cpu"], r["rss"],
                            json.dumps(r.get("outcomes", {}), separators=(",", ":"))))

        if "batch" in parts:
            with sim_running(a.build, work, sim_args, accounts) as ready:
                add("acgprov batch, fresh upload", a.rows, acgprov(a.build, ready, [rows_csv], work, "batch", rate, []))
                add("acgprov batch, rerun, no changes", a.rows,
                    acgprov(a.build, ready, [rows_csv], work, "rerun", rate, []))

        if "single" in parts:
            with sim_running(a.build, work, sim_args, accounts) as ready:
                add("acgprov --write-mode single", a.rows,
                    acgprov(a.build, ready, [rows_csv], work, "single", rate, ["--write-mode", "single"]))

        if "curl" in parts:
            with sim_running(a.build, work, sim_args, accounts) as ready:
                curl_csv = os.path.join(work, "curl.csv")
                write_rows(curl_csv, accounts, 5560000, a.curl_rows)
                env = dict(os.environ, ACGPROV_CLIENT_SECRET="sim-secret")
                code, wall, cpu, rss, out = run_measured(
                    ["bash", os.path.join(ROOT, "bench", "curl_client.sh"), curl_csv, ready["endpoint"],
                     ready["caFile"], ready["tokenUrl"]], env)
                kv = dict(x.split("=") for x in out.split())
                add("per-number curl script", a.curl_rows,
                    {"requests": int(kv["requests"]), "throttled": int(kv["throttled"]), "wall": wall, "cpu": cpu,
                     "rss": rss, "outcomes": {}})

        # Issue 3's throughput line: the same rows, emulator rate limit off, in both write modes.
        unlimited = []
        for mode in ("batch", "single") if "unlimited" in parts else ():
            with sim_running(a.build, work, ["--rate-limit", "0", "--sync-delay-ms", "1000"], accounts) as ready:
                r = acgprov(a.build, ready, [rows_csv], work, "unlimited-" + mode, 100000, ["--write-mode", mode])
                unlimited.append((mode, r))

        million = None
        if a.million:
            big = os.path.join(work, "million.csv")
            write_rows(big, accounts, 6000000, a.million)
            with sim_running(a.build, work, ["--rate-limit", "0", "--sync-delay-ms", "1000"], accounts) as ready:
                million = acgprov(a.build, ready, [big], work, "million", 100000, ["--max-in-flight", "8"])

    print("\nRequest economy against acgprov-sim (rate limit %d/min, %d accounts, sync delay %.1f s)\n"
          % (a.rate_per_minute, a.accounts, sync))
    head = ("client", "rows", "requests", "req/row", "429s", "429 %", "wall s", "bound s", "wall/bound",
            "wall/(bound+sync)", "cpu s", "peak MiB")
    print("| " + " | ".join(head) + " |")
    print("|" + "---|" * len(head))
    for r in results:
        print("| %s | %d | %d | %.4f | %d | %.2f | %.1f | %.1f | %.2f | %.2f | %.1f | %.1f |" % r[:12])
    print("\nbound = requests / rate: the time the rate limit alone imposes; the last write's sync adds the\n"
          "sync delay to any client's run, hence the second ratio. Outcomes per run:")
    for r in results:
        print("  %s: %s" % (r[0], r[12]))
    print()
    for mode, r in unlimited:
        print("%d rows, --write-mode %s, emulator rate limit off: %.1f s wall, %.0f requests/s, %.0f rows/s, "
              "%.2f s CPU, peak RSS %.1f MiB, outcomes %s"
              % (r["rows"], mode, r["wall"], r["requests"] / r["wall"], r["rows"] / r["wall"], r["cpu"], r["rss"],
                 json.dumps(r["outcomes"])))
    if million:
        print("\n%d rows, emulator rate limit off: %.1f s wall, %.0f rows/s, %.1f s CPU, peak RSS %.1f MiB, "
              "%d requests (%.4f per row), outcomes %s"
              % (million["rows"], million["wall"], million["rows"] / million["wall"], million["cpu"], million["rss"],
                 million["requests"], million["requests"] / million["rows"], json.dumps(million["outcomes"])))


if __name__ == "__main__":
    sys.exit(main())
