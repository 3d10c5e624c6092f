#!/usr/bin/env python3
"""Request-economy bench (issues 4 and 14): for each shape of input, how many API requests
acgprov sends against the floor the API allows, how many were throttled, how close to the rate
limit's time bound the run gets, and its peak RSS; the same for a per-number curl script; and
what each would take at the live limit of 100 requests a minute. Then a 1,000,000-row run for
memory (emulator rate limit off), at the default --max-in-flight and at 64.

The floor (issue 14): a fresh upload needs W = sum over accounts of ceil(rows / 100) batch
writes, P list pages to see every row settled (500 numbers a page: GET /numbers when the
input's accounts are all the deployment holds, else per account) and one page of GET /accounts;
an unchanged run needs min(per-account pages, all-numbers pages) + 1.

Usage: bench/economy_bench.py [--build build] [--rate-per-minute 1200] [--sync-delay-ms 2000]
                              [--curl-rows 100] [--million 1000000] [--million-in-flight default,64]
                              [--only shapes,curl,million]
Prints one table. Only 127.0.0.1 is contacted. Requests and throttled answers are counted by
the emulator (/_sim/stats), so they are what the server saw.
"""
import argparse, contextlib, csv, json, math, os, subprocess, sys, tempfile, time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
LIVE_PER_MINUTE = 100


def account_seed(name):
    return {"name": name, "serviceDetails": {"zoomPhoneCloudPeering": {"enabled": True, "syncEnabled": True}}}


@contextlib.contextmanager
def sim_running(build, work, args, accounts):
    cfg = os.path.join(work, "sim-config-%d.json" % time.monotonic_ns())
    with open(cfg, "w") as f:
        json.dump({"clients": [{"tenant": "sim-tenant", "clientId": "sim-client", "secret": "sim-secret",
                                "roles": ["ProvisioningAPI.Admin"]}],
                   "seed": {"accounts": [account_seed(a) for a in accounts]}}, f)
    proc = subprocess.Popen([os.path.join(build, "sim", "acgprov-sim"), "--port", "0", "--config", cfg,
                             "--ca-out", os.path.join(work, "ca.pem")] + args,
                            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    try:
        yield json.loads(proc.stdout.readline())
    finally:
        proc.terminate()
        proc.wait()


def sim_call(ready, path, body=None):
    argv = ["curl", "-s", "--cacert", ready["caFile"], ready["endpoint"] + path]
    if body is not None:
        argv += ["-H", "Content-Type: application/json", "--data", json.dumps(body)]
    return json.loads(subprocess.run(argv, capture_output=True, text=True).stdout)


def api_counts(ready):
    """(API requests, throttled) the emulator saw so far (the token endpoint is not the API)."""
    s = sim_call(ready, "/_sim/stats")
    total = sum(sum(by.values()) for op, by in s["byOperation"].items() if op != "Token")
    return total, s.get("throttled", 0)


def write_rows(path, layout, first):
    """layout: [(account, rows)], written interleaved (one row of each account in turn)."""
    with open(path, "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["accountName", "telephoneNumber", "services"])
        left = [[a, n] for a, n in layout]
        i = 0
        while any(n for _, n in left):
            for entry in left:
                if entry[1] == 0:
                    continue
                w.writerow([entry[0], "+1425%07d" % (first + i), "zoomPhoneCloudPeering"])
                entry[1] -= 1
                i += 1


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
            "--no-progress", "--log-format", "json"] + extra
    env = dict(os.environ, ACGPROV_CLIENT_SECRET="sim-secret")
    before = api_counts(ready)
    code, wall, cpu, rss, _ = run_measured(argv, env)
    after = api_counts(ready)
    s = json.load(open(summary))
    return {"exit": code, "wall": wall, "cpu": cpu, "rss": rss, "requests": after[0] - before[0],
            "throttled": after[1] - before[1], "rows": s["rows"], "outcomes": s["outcomes"]}


def pages(n):
    return math.ceil(n / 500)


def fresh_floor(layout):
    return sum(math.ceil(n / 100) for _, n in layout) + pages(sum(n for _, n in layout)) + 1


def names(prefix, n):
    return ["%s%03d" % (prefix, i) for i in range(n)]


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--build", default=os.path.join(ROOT, "build"))
    p.add_argument("--rate-per-minute", type=int, default=1200, help="the emulator's limit; acgprov's --rate equals it")
    p.add_argument("--sync-delay-ms", type=int, default=2000)
    p.add_argument("--curl-rows", type=int, default=100, help="rows the per-number script writes (then scaled)")
    p.add_argument("--million", type=int, default=1000000, help="rows of the memory run; 0 skips it")
    p.add_argument("--million-in-flight", default="default,64",
                   help="--max-in-flight values of the memory run ('default': not given), comma-separated")
    p.add_argument("--only", default="shapes,curl,million")
    a = p.parse_args()
    parts = set(a.only.split(","))
    rate = a.rate_per_minute / 60.0
    sim_args = ["--rate-limit", str(a.rate_per_minute), "--burst", str(max(1, a.rate_per_minute // 60)),
                "--sync-delay-ms", str(a.sync_delay_ms)]
    fresh_shapes = [
        ("fresh, 10 accounts of 500", [(n, 500) for n in names("mid", 10)]),
        ("fresh, 200 accounts of 25", [(n, 25) for n in names("cust", 200)]),
        ("fresh, 2 accounts of 5,000", [(n, 5000) for n in names("big", 2)]),
    ]
    results = []  # (name, rows, floor, run)
    curl = None
    million = []
    with tempfile.TemporaryDirectory(prefix="acgprov-bench-") as work:
        if "shapes" in parts:
            for i, (name, layout) in enumerate(fresh_shapes):
                rows_csv = os.path.join(work, "fresh%d.csv" % i)
                write_rows(rows_csv, layout, 5000000)
                with sim_running(a.build, work, sim_args, [acc for acc, _ in layout]) as ready:
                    r = acgprov(a.build, ready, [rows_csv], work, "fresh%d" % i, rate, [])
                results.append((name, sum(n for _, n in layout), fresh_floor(layout), r))

            # 5,000 unchanged rows in 200 accounts of 25, beside 2 accounts of 2,000 the input
            # does not name (written first, rate limit lifted meanwhile).
            small = [(n, 25) for n in names("cust", 200)]
            big = [(n, 2000) for n in names("other", 2)]
            small_csv, big_csv = os.path.join(work, "small.csv"), os.path.join(work, "big.csv")
            write_rows(small_csv, small, 5000000)
            write_rows(big_csv, big, 6000000)
            with sim_running(a.build, work, sim_args, [acc for acc, _ in small + big]) as ready:
                sim_call(ready, "/_sim/config", {"rateLimit": 0})
                acgprov(a.build, ready, [small_csv], work, "setup-small", 100000, [])
                acgprov(a.build, ready, [big_csv], work, "setup-big", 100000, [])
                sim_call(ready, "/_sim/config", {"rateLimit": a.rate_per_minute, "burst": max(1, a.rate_per_minute // 60)})
                time.sleep(1.5)  # let the bucket refill: the measured run starts as a fresh client would
                r = acgprov(a.build, ready, [small_csv], work, "unchanged", rate, [])
            floor = min(200, pages(5000 + 4000)) + 1
            results.append(("unchanged, 200 accounts of 25 (+2 of 2,000)", 5000, floor, r))

        if "curl" in parts and a.curl_rows:
            # The per-number script costs the same per row whatever the shape (a PUT and its
            # polls): measured on a sample, scaled to each shape's rows.
            layout = [(n, max(1, a.curl_rows // 10)) for n in names("curl", 10)]
            with sim_running(a.build, work, sim_args, [acc for acc, _ in layout]) as ready:
                curl_csv = os.path.join(work, "curl.csv")
                write_rows(curl_csv, layout, 5560000)
                env = dict(os.environ, ACGPROV_CLIENT_SECRET="sim-secret")
                code, wall, cpu, rss, out = run_measured(
                    ["bash", os.path.join(ROOT, "bench", "curl_client.sh"), curl_csv, ready["endpoint"],
                     ready["caFile"], ready["tokenUrl"]], env)
                kv = dict(x.split("=") for x in out.split())
                curl = {"rows": int(kv["rows"]), "requests": int(kv["requests"]), "throttled": int(kv["throttled"]),
                        "wall": wall, "rss": rss}

        if "million" in parts and a.million:
            big_csv = os.path.join(work, "million.csv")
            layout = [(n, a.million // 20) for n in names("acct", 20)]
            write_rows(big_csv, layout, 6000000)
            for mif in [None if v == "default" else int(v) for v in a.million_in_flight.split(",")]:
                with sim_running(a.build, work, ["--rate-limit", "0", "--sync-delay-ms", "1000"],
                                 [acc for acc, _ in layout]) as ready:
                    extra = [] if mif is None else ["--max-in-flight", str(mif)]
                    r = acgprov(a.build, ready, [big_csv], work, "million-%s" % mif, 100000, extra)
                million.append(("%d rows, 20 accounts, %s" % (a.million, "--max-in-flight %d" % mif if mif else
                                                              "default --max-in-flight"),
                                a.million, fresh_floor(layout), r))

    print("\nRequest economy against acgprov-sim (limit %d/min = acgprov --rate %.0f/s, burst %d, sync %.1f s)\n"
          % (a.rate_per_minute, rate, max(1, a.rate_per_minute // 60), a.sync_delay_ms / 1000))
    head = ("run", "rows", "floor", "requests", "req/floor", "goal", "throttled", "wall s", "wall/(req/rate)",
            "peak MiB", "at 100/min", "curl requests", "curl req/floor", "curl at 100/min")
    print("| " + " | ".join(head) + " |")
    print("|" + "---|" * len(head))
    per_row = curl["requests"] / curl["rows"] if curl else None

    def live(requests):
        minutes = requests / LIVE_PER_MINUTE
        return "%.1f min" % minutes if minutes < 120 else "%.1f h" % (minutes / 60)

    for name, rows, floor, r in results + million:
        fresh = not name.startswith("unchanged")
        goal = "<= %.0f" % (1.05 * floor + 2) if fresh else "<= %d" % (floor + 3)
        bound = r["requests"] / rate
        c = ("%d" % (per_row * rows), "%.1f" % (per_row * rows / floor), live(per_row * rows)) if per_row else ("-",) * 3
        print("| %s | %d | %d | %d | %.3f | %s | %d (%.2f %%) | %.1f | %.2f | %.1f | %s | %s | %s | %s |"
              % (name, rows, floor, r["requests"], r["requests"] / floor, goal, r["throttled"],
                 100.0 * r["throttled"] / max(1, r["requests"]), r["wall"], r["wall"] / bound if bound else 0,
                 r["rss"], live(r["requests"]), *c))
    print("\nThe 1,000,000-row runs have the emulator's rate limit off (their wall/(req/rate) is not meaningful).")
    if curl:
        print("Per-number curl script (bench/curl_client.sh), measured on %d rows: %d requests (%.2f a row), "
              "%d throttled, %.1f s wall (it sleeps 1 s between polls), peak %.1f MiB; scaled to each shape's rows above."
              % (curl["rows"], curl["requests"], per_row, curl["throttled"], curl["wall"], curl["rss"]))
    print("Outcomes:")
    for name, rows, floor, r in results + million:
        print("  %s: exit %d, %s, cpu %.1f s" % (name, r["exit"], json.dumps(r["outcomes"], separators=(",", ":")),
                                                 r["cpu"]))


if __name__ == "__main__":
    sys.exit(main())
