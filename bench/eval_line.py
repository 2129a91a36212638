"""Prints one line of figures from an `interdict eval --json` report read on standard input."""

import json
import sys

report = json.load(sys.stdin)["report"]
at = [t for t in report["thresholds"] if abs(t["threshold"] - report["threshold"]) < 1e-6][0]


def pct(x, n):
    return "-" if n == 0 else f"{100 * x:.2f}%"


name = sys.argv[1]
recall = pct(at["recall"], report["positives"])
fpr = pct(at["false_positive_rate"], report["negatives"])
print(f"{name:<14} {report['rows']:>7} {recall:>9} {fpr:>9} {100 * at['precision']:>9.2f}%")
