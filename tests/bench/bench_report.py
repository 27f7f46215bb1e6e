#!/usr/bin/env python3
"""Reads what run-webhook-bench.sh measured, prints the table and checks DESIGN.md's budget.

Exit status: 0 when every budget holds, 1 when one is missed or a run saw errors.
"""

import argparse
import os
import sqlite3
import sys

MEDIAN_BUDGET_US = 1000
P99_BUDGET_US = 5000
MIN_RATIO = 4.0
MIN_RATIO_POSTGRES = 3.0  # every answer waits for a commit on another server, over loopback
FLAT_FACTOR = 1.5  # median with many mappings at most this many times the median with 10


def read_bench(path):
    """The BENCH line of a wrk run (plus rss_kb), as a dict of numbers and strings."""
    if not os.path.exists(path):
        return None
    result = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            if not line.startswith(("BENCH ", "rss_kb=", "tries=", "other_cores=")):
                continue
            for field in line.split():
                if "=" in field:
                    key, value = field.split("=", 1)
                    try:
                        result[key] = float(value)
                    except ValueError:
                        result[key] = value
    return result


def call_log_rows(database):
    if not os.path.exists(database):
        return None
    connection = sqlite3.connect("file:%s?mode=ro" % database, uri=True)
    try:
        calls = connection.execute("SELECT COUNT(*) FROM calls").fetchone()[0]
        events = connection.execute("SELECT COUNT(*) FROM call_events").fetchone()[0]
        return calls, events
    except sqlite3.Error as error:
        return str(error)
    finally:
        connection.close()


def postgres_rows(path):
    """The run's 'calls events' counts, which run-webhook-bench.sh reads with psql after the run."""
    if not os.path.exists(path):
        return None
    with open(path, encoding="utf-8") as f:
        fields = f.read().split()
    if len(fields) != 2:
        return "unexpected count: %r" % " ".join(fields)
    return int(fields[0]), int(fields[1])


def handling_times(log):
    """Microseconds per answered webhook, from lines like 'POST /voice/incoming 200 valid (...) 162 us'."""
    if not os.path.exists(log):
        return []
    times = []
    with open(log, encoding="utf-8", errors="replace") as f:
        for line in f:
            fields = line.split()
            if len(fields) > 3 and fields[-1] == "us" and "/voice/incoming" in line and " 200 " in line:
                try:
                    times.append(int(fields[-2]))
                except ValueError:
                    pass
    return sorted(times)


def ms(us):
    return "%.3f ms" % (us / 1000.0)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--work", required=True)
    parser.add_argument("--mappings", type=int, required=True)
    parser.add_argument("--connections", type=int, required=True)
    parser.add_argument("--flat", type=int, default=1)
    parser.add_argument("--postgres", type=int, default=1)
    args = parser.parse_args()

    runs = [("switchboard", "C++ switchboard serve (SQLite, sync NORMAL)"),
            ("switchboard-full", "C++ switchboard serve (SQLite, sync FULL)")]
    if args.postgres:
        runs.append(("switchboard-postgres", "C++ switchboard serve (PostgreSQL)"))
    runs.append(("baseline", "Node.js Express + twilio (in memory)"))
    if args.flat:
        runs.append(("switchboard-10", "C++ switchboard serve, 10 mappings"))
    results = {name: read_bench(os.path.join(args.work, name + ".bench")) for name, _ in runs}
    problems = []

    print()
    print("POST /voice/incoming, signed, %d connections, %d mappings" % (args.connections, args.mappings))
    print("%-40s %10s %10s %10s %10s %9s %7s" % ("server", "req/s", "median", "p90", "p99", "RSS", "others"))
    for name, title in runs:
        r = results[name]
        if r is None:
            problems.append("%s: no measurement" % name)
            continue
        print("%-40s %10.0f %10s %10s %10s %6.0f MB %7.2f" % (title, r["rps"], ms(r["p50_us"]), ms(r["p90_us"]),
                                                              ms(r["p99_us"]), r.get("rss_kb", 0) / 1024.0,
                                                              r.get("other_cores", 0.0)))
        errors = sum(int(r[k]) for k in ("connect_errors", "read_errors", "write_errors", "timeouts", "non2xx"))
        if errors:
            problems.append("%s: %d errors or non-2xx answers (connect %d, read %d, write %d, timeout %d, "
                            "non-2xx %d)" % (name, errors, r["connect_errors"], r["read_errors"],
                                             r["write_errors"], r["timeouts"], r["non2xx"]))
        if r.get("tries", 1) > 1:
            print("  note: %s was measured %d times (the machine was busy before)" % (name, r["tries"]))
        if r["wrapped"]:
            print("  note: %s got through its request file, so some CallSids repeated (raise BENCH_REQUESTS)"
                  % name)

    cpp, node = results["switchboard"], results["baseline"]
    verdicts = []
    full = results.get("switchboard-full")
    if full and node:
        # Reported, not budgeted: an fsync per commit costs what the disk makes it cost.
        print()
        print("ratio C++ (sync FULL)/Node.js: %.2fx requests per second, p99 %s"
              % (full["rps"] / node["rps"], ms(full["p99_us"])))
    if cpp and node:
        ratio = cpp["rps"] / node["rps"]
        print("ratio C++ (sync NORMAL)/Node.js: %.2fx requests per second" % ratio)
        verdicts.append(("at least %.0fx the baseline's requests/s" % MIN_RATIO, ratio >= MIN_RATIO,
                         "%.2fx" % ratio))
    postgres = results.get("switchboard-postgres")
    if postgres and node:
        ratio = postgres["rps"] / node["rps"]
        print("ratio C++ (PostgreSQL)/Node.js: %.2fx requests per second, p99 %s" % (ratio, ms(postgres["p99_us"])))
        verdicts.append(("PostgreSQL: at least %.0fx the baseline's requests/s" % MIN_RATIO_POSTGRES,
                         ratio >= MIN_RATIO_POSTGRES, "%.2fx" % ratio))
    if cpp:
        verdicts.append(("C++ median under %s" % ms(MEDIAN_BUDGET_US), cpp["p50_us"] < MEDIAN_BUDGET_US,
                         ms(cpp["p50_us"])))
        verdicts.append(("C++ p99 under %s" % ms(P99_BUDGET_US), cpp["p99_us"] < P99_BUDGET_US, ms(cpp["p99_us"])))
    small = results.get("switchboard-10")
    if cpp and small:
        factor = cpp["p50_us"] / max(small["p50_us"], 1)
        verdicts.append(("latency flat from 10 to %d mappings (median within %.1fx)" % (args.mappings, FLAT_FACTOR),
                         factor <= FLAT_FACTOR, "%s vs %s, %.2fx" % (ms(cpp["p50_us"]), ms(small["p50_us"]), factor)))

    print("(others: cores used by other processes during the run, on average; RSS after the run)")
    print()
    print("budget (DESIGN.md, Performance budgets):")
    for what, ok, measured in verdicts:
        print("  %-4s %-62s %s" % ("ok" if ok else "MISS", what, measured))
        if not ok:
            problems.append("budget missed: %s (%s)" % (what, measured))

    # The C++ server logs its own handling time per request: next to wrk's latency, it shows how much of
    # that is waiting in line behind the other connections.
    print()
    for name in ("switchboard", "switchboard-full", "switchboard-postgres", "switchboard-10"):
        times = handling_times(os.path.join(args.work, name + ".log"))
        if times:
            print("%s handling time from its own log (%d requests): median %d us, p99 %d us"
                  % (name, len(times), times[len(times) // 2], times[int(len(times) * 0.99)]))

    # One call-log row per request: the C++ server's calls table has one row per distinct CallSid.
    print()
    for name in ("switchboard", "switchboard-full", "switchboard-postgres", "switchboard-10"):
        r = results.get(name)
        if name.endswith("-postgres"):
            rows = postgres_rows(os.path.join(args.work, name + ".rows"))
        else:
            rows = call_log_rows(os.path.join(args.work, name + ".sqlite"))
        if r is None or rows is None:
            continue
        warm = read_bench(os.path.join(args.work, name + ".warmup-out")) or {}
        answered = int(r["requests"] + warm.get("requests", 0))
        if isinstance(rows, str):
            problems.append("%s: cannot read the call log: %s" % (name, rows))
            continue
        print("%s call log: %d calls, %d events for %d answered benchmark requests (+4 pre-flight)"
              % (name, rows[0], rows[1], answered))
        # A repeated run (a build disturbed the first) or a wrapped request file sends CallSids twice.
        if rows[1] < answered and not r["wrapped"] and r.get("tries", 1) == 1:
            problems.append("%s: fewer call-log events (%d) than answered requests (%d)" % (name, rows[1], answered))

    if problems:
        print()
        for problem in problems:
            print("FAILED: " + problem)
        sys.exit(1)
    print()
    print("every budget holds")


if __name__ == "__main__":
    main()
