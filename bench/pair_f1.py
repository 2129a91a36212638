#!/usr/bin/env python3
"""Pair F1 of `interdict compare` on a labelled pair file.

    python3 bench/pair_f1.py PAIRS.csv [--bin target/release/interdict] [--misses]

PAIRS.csv has the columns name1, name2, schema and is_match (true/false), and optionally a
group column (`kind` or `case_group`) to break the figures down by. `make-evalsets` writes one
(`target/evalsets/pairs.csv`); the name benchmark of OpenSanctions' nomenklatura
(`contrib/name_bench/cases.csv`, 826 pairs) has the same columns. A pair is a match when its
score reaches the default threshold.
"""
import argparse
import csv
import json
import subprocess
import sys
import tempfile
from collections import defaultdict


def figures(pairs):
    tp = sum(1 for truth, got in pairs if truth and got)
    fp = sum(1 for truth, got in pairs if not truth and got)
    fn = sum(1 for truth, got in pairs if truth and not got)
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return len(pairs), precision, recall, f1


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("pairs")
    ap.add_argument("--bin", default="target/release/interdict")
    ap.add_argument("--misses", action="store_true", help="print the pairs judged wrongly")
    a = ap.parse_args()
    with open(a.pairs, newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    with tempfile.NamedTemporaryFile("w", suffix=".csv", newline="", encoding="utf-8") as tmp:
        w = csv.writer(tmp)
        w.writerow(["name1", "name2", "schema"])
        for r in rows:
            w.writerow([r["name1"], r["name2"], r.get("schema", "")])
        tmp.flush()
        out = subprocess.run(
            [a.bin, "compare", "--input", tmp.name], capture_output=True, text=True, check=True
        ).stdout
    results = [json.loads(line) for line in out.splitlines() if line.strip()]
    if len(results) != len(rows):
        sys.exit(f"{a.pairs}: {len(rows)} pairs but {len(results)} results")
    groups = defaultdict(list)
    everything = []
    for r, res in zip(rows, results):
        truth = r["is_match"].strip().lower() == "true"
        pair = (truth, bool(res["match"]))
        everything.append(pair)
        groups[r.get("kind") or r.get("case_group") or ""].append(pair)
        if a.misses and pair[0] != pair[1]:
            label = "missed" if truth else "false match"
            print(f"{label:12} {res['score']:.3f}  {r['name1']} | {r['name2']} ({r.get('schema', '')})")
    print(f"{'group':18} {'pairs':>6} {'precision':>9} {'recall':>7} {'F1':>6}")
    for g in sorted(groups):
        n, p, rc, f1 = figures(groups[g])
        print(f"{g or '-':18} {n:6} {p:9.3f} {rc:7.3f} {f1:6.3f}")
    n, p, rc, f1 = figures(everything)
    print(f"{'all':18} {n:6} {p:9.3f} {rc:7.3f} {f1:6.3f}")


if __name__ == "__main__":
    main()
