#!/usr/bin/env python3
"""Monitoring at scale, through the release binary: a book of N synthetic customers (see
monitor_book.py) registered against the UN list of 2025-04-19, then the version of 2025-12-09
imported, which re-screens the book. For each size it prints the registration time and rate,
the time and peak memory of the list change (target: under 60 s and 2 GB for a million
customers), the alerts raised and whether every planted listed person was alerted; then the
cost per customer at each size and a projection to ten million from the two largest sizes.

    bench/monitor.py                        # 100,000 and 1,000,000 customers
    MONITOR_SIZES="10000 100000" bench/monitor.py

Needs the reference data beside the checkout (or INTERDICT_REFERENCE).
"""

import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
REFERENCE = Path(os.environ.get("INTERDICT_REFERENCE", ROOT.parent / "shared"))
OLD = REFERENCE / "data/un/un_consolidated_2025-04-19.xml"
NEW = REFERENCE / "data/un/un_consolidated_2025-12-09.xml"
BIN = ROOT / "target/release/interdict"


def timed(args):
    """Runs a command; (seconds, peak memory in MB of that command, its output)."""
    started = time.monotonic()
    done = subprocess.run(
        ["/usr/bin/time", "-f", "%M", *args], capture_output=True, text=True
    )
    took = time.monotonic() - started
    if done.returncode != 0:
        sys.exit(f"{' '.join(map(str, args))} failed:\n{done.stderr}")
    peak_kb = int(done.stderr.strip().splitlines()[-1])
    return took, peak_kb / 1024, done.stdout


def run(n, work):
    book = work / "book.csv"
    subprocess.run(
        [sys.executable, ROOT / "bench/monitor_book.py", str(n), OLD, NEW, book], check=True
    )
    data = work / "data"
    cli = [BIN, "--data-dir", data]
    subprocess.run([*cli, "lists", "import", OLD], check=True, capture_output=True)
    reg_s, reg_mb, reg_out = timed([*cli, "monitor", "add", "--input", book])
    change_s, change_mb, change_out = timed([*cli, "lists", "import", NEW])
    alerts = [
        json.loads(line)
        for line in subprocess.run(
            [*cli, "monitor", "alerts", "--format", "jsonl"],
            check=True, capture_output=True, text=True,
        ).stdout.splitlines()
    ]
    planted = {}
    with open(book, encoding="utf-8") as f:
        next(f)
        for line in f:
            if line.startswith("planted-"):
                cid = line.split(",", 1)[0]
                planted[cid] = line.rstrip("\n").rsplit(",", 1)[1]
    found = {(a["customer_id"], a["ref"]) for a in alerts}
    missed = [f"{c} ({r})" for c, r in planted.items() if (c, r) not in found]
    new_alerts = [a for a in alerts if a["list_version"] == "2025-12-09"]
    summary = change_out.strip().splitlines()[-1] if change_out.strip() else ""
    return {
        "n": n,
        "register_s": reg_s,
        "register_mb": reg_mb,
        "change_s": change_s,
        "change_mb": change_mb,
        "alerts_new": len(new_alerts),
        "alerts_all": len(alerts),
        "planted": len(planted),
        "missed": missed,
        "summary": summary,
        "register_out": reg_out.strip().splitlines()[-1] if reg_out.strip() else "",
    }


def main():
    if not OLD.exists() or not NEW.exists():
        print(f"skipped: the UN list versions are not at {OLD.parent} (set INTERDICT_REFERENCE)")
        return
    subprocess.run(["cargo", "build", "--release", "-q", "-p", "interdict"], cwd=ROOT, check=True)
    sizes = [int(s) for s in os.environ.get("MONITOR_SIZES", "100000 1000000").split()]
    results = []
    for n in sizes:
        with tempfile.TemporaryDirectory(prefix="interdict-monitor-bench-") as tmp:
            r = run(n, Path(tmp))
        results.append(r)
        print(
            f"{n:>10,} customers: registered in {r['register_s']:.1f} s "
            f"({n / r['register_s']:,.0f}/s, peak {r['register_mb']:,.0f} MB); "
            f"UN 2025-04-19 -> 2025-12-09 re-screened in {r['change_s']:.1f} s "
            f"(target < 60 s: {'met' if r['change_s'] < 60 else 'MISSED'}), "
            f"peak {r['change_mb']:,.0f} MB (target < 2048 MB: "
            f"{'met' if r['change_mb'] < 2048 else 'MISSED'}); "
            f"{r['alerts_new']} new alerts; planted alerted: {r['planted'] - len(r['missed'])}/{r['planted']}"
        )
        print(f"{'':>12}{r['summary']}")
        if r["missed"]:
            print(f"{'':>12}missed: {', '.join(r['missed'][:20])}")
    print("\ncost per customer:")
    for r in results:
        print(
            f"{r['n']:>10,}: register {1e6 * r['register_s'] / r['n']:.1f} us, "
            f"list change {1e6 * r['change_s'] / r['n']:.2f} us"
        )
    if len(results) >= 2:
        a, b = results[-2], results[-1]
        for key, label in (("register_s", "registration"), ("change_s", "list change")):
            slope = (b[key] - a[key]) / (b["n"] - a["n"])
            projected = b[key] + slope * (10_000_000 - b["n"])
            print(f"projected for 10,000,000 customers ({label}, linear from the two largest sizes): {projected:,.0f} s")
        slope_mb = (b["change_mb"] - a["change_mb"]) / (b["n"] - a["n"])
        print(
            f"projected peak memory of a list change for 10,000,000: "
            f"{b['change_mb'] + slope_mb * (10_000_000 - b['n']):,.0f} MB"
        )


if __name__ == "__main__":
    main()
