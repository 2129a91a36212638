#!/usr/bin/env python3
"""Recall and precision of `interdict scan` on the labelled documents
(`crates/interdict/tests/fixtures/documents`, see PROVENANCE.md there).

    python3 bench/documents.py [--bin target/release/interdict] [--misses] -- --list FILE...

A labelled mention is in scope when one of its `expected` references (list:ref) comes from a
loaded list; it is found when a reported mention overlaps it with one of its `expected` or
`also_right` references. A reported mention is right when it overlaps a label and names one
of that label's references; one that overlaps no label, or names another entity, is a false
mention. Precision is right / reported.
"""
import argparse
import csv
import json
import os
import subprocess
import sys
from collections import defaultdict

HERE = os.path.dirname(os.path.abspath(__file__))
DOCS = os.path.join(HERE, "..", "crates", "interdict", "tests", "fixtures", "documents")

ap = argparse.ArgumentParser()
ap.add_argument("--bin", default=os.path.join(HERE, "..", "target", "release", "interdict"))
ap.add_argument("--misses", action="store_true")
ap.add_argument("lists", nargs=argparse.REMAINDER)
a = ap.parse_args()
lists = [x for x in a.lists if x != "--"]

labels = defaultdict(list)
for r in csv.DictReader(open(os.path.join(DOCS, "labels.csv"), encoding="utf-8")):
    labels[r["document"]].append(r)

docs = sorted(labels)
out = subprocess.run(
    [a.bin, "scan", *lists, "--format", "json", *[os.path.join(DOCS, d) for d in docs]],
    capture_output=True, text=True, env={**os.environ, "INTERDICT_DATA": os.environ.get("INTERDICT_DATA", "/nonexistent-interdict-data")},
)
if out.returncode not in (0, 1):
    sys.exit(out.stderr)
mentions = defaultdict(list)
for line in out.stdout.splitlines():
    d = json.loads(line)
    mentions[os.path.basename(d["document"])] = d["mentions"]

loaded = {m["list"] for ms in mentions.values() for m in ms}
# The lists loaded, from the file names given (a list with no mention still counts).
for x in lists:
    for name, key in (("un", "un-sc"), ("ofac", "us-ofac-sdn"), ("ofsi", "gb-hmt"), ("uk", "gb-hmt")):
        if name in os.path.basename(os.path.normpath(x)).lower():
            loaded.add(key)

in_scope = found = reported = right = 0
misses, wrong = [], []
for doc in docs:
    ms = mentions.get(doc, [])
    reported += len(ms)
    overlap = lambda m, l: m["start"] < int(l["end"]) and int(l["start"]) < m["end"]
    refs = lambda l: set(l["expected"].split()) | set(l["also_right"].split())
    for l in labels[doc]:
        if not any(r.split(":")[0] in loaded for r in l["expected"].split()):
            continue
        in_scope += 1
        if any(overlap(m, l) and f'{m["list"]}:{m["ref"]}' in refs(l) for m in ms):
            found += 1
        else:
            misses.append((doc, l["text"].replace("\n", " "), l["expected"]))
    for m in ms:
        if any(overlap(m, l) and f'{m["list"]}:{m["ref"]}' in refs(l) for l in labels[doc]):
            right += 1
        else:
            wrong.append((doc, m["text"], f'{m["list"]}:{m["ref"]}'))
recall = found / in_scope if in_scope else 0.0
precision = right / reported if reported else 1.0
print(f"labelled mentions in scope {in_scope}, found {found}: recall {recall:.1%}")
print(f"reported {reported}, right {right}: precision {precision:.1%}")
if a.misses:
    for m in misses:
        print("  missed:", *m)
    for w in wrong:
        print("  false: ", *w)
