#!/usr/bin/env python3
"""Scores the same labelled queries with interdict and with OpenSanctions' matchers
(nomenklatura's logic-v2, logic-v1 and OFAC emulation) and prints recall and false-positive
rate side by side.

Both sides screen against the same lists: interdict exports them as FollowTheMoney JSON
(`interdict lists export`), which OpenSanctions' matchers read. OpenSanctions' matchers need a
candidate search first (yente uses Elasticsearch); here an inverted index over nomenklatura's own
blocking tokens (name parts, phonetic and symbol tokens, dates) proposes the 20 best candidates
per query, which each matcher then scores. interdict runs `interdict eval` on the same rows.

Run through `bench/compare-opensanctions.sh`, which prepares the virtual environment, the list
export and the labelled sets.
"""

import argparse
import csv
import json
import math
import multiprocessing
import os
import random
import subprocess
import sys
import tempfile
import time
from collections import defaultdict

from followthemoney import model
from nomenklatura.blocker.tokenizer import tokenize_entity
from nomenklatura.matching import get_algorithm, ScoringConfig

ALGORITHMS = ["logic-v2", "logic-v1", "ofac"]
CANDIDATES = 20

ENTITIES = []
POSTINGS = defaultdict(list)
IDF = {}


def load_entities(path, drop_native_script):
    """Reads the exported lists; optionally drops names written in a script other than Latin."""
    ents = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            data = json.loads(line)
            if drop_native_script:
                props = data.get("properties", {})
                for key in ("alias", "name", "weakAlias", "previousName"):
                    if key in props:
                        props[key] = [v for v in props[key] if all(ord(c) < 0x250 for c in v)]
            ents.append(model.get_proxy(data))
    return ents


def build_index(ents):
    postings = defaultdict(list)
    for i, e in enumerate(ents):
        seen = set()
        for field, token in tokenize_entity(e):
            if field in ("np", "name", "sy", "word", "id") and token not in seen:
                seen.add(token)
                postings[token].append(i)
    n = len(ents)
    idf = {t: math.log(1 + n / len(p)) for t, p in postings.items()}
    return postings, idf


def candidates(query):
    scores = defaultdict(float)
    for field, token in set(tokenize_entity(query)):
        for i in POSTINGS.get(token, ()):
            scores[i] += IDF[token]
    best = sorted(scores.items(), key=lambda kv: -kv[1])
    out = []
    for i, _ in best:
        e = ENTITIES[i]
        if query.schema.name == "LegalEntity" or e.schema.is_a(query.schema.name) or query.schema.is_a(e.schema.name):
            out.append(i)
        if len(out) == CANDIDATES:
            break
    return out


def query_entity(row, i):
    schema = row.get("schema") or ("Person" if row.get("first_name") or row.get("gender") else "LegalEntity")
    if schema == "Organization":
        schema = "Organization"
    q = model.make_entity(schema)
    q.id = f"q{i}"
    q.add("name", row["full_name"])
    if schema == "Person":
        if row.get("date_of_birth"):
            q.add("birthDate", row["date_of_birth"])
        if row.get("nationality"):
            q.add("nationality", row["nationality"])
        if row.get("id_number"):
            q.add("idNumber", row["id_number"])
    elif row.get("id_number"):
        q.add("imoNumber" if schema == "Vessel" else "registrationNumber", row["id_number"])
    return q


def score_row(args):
    i, row = args
    q = query_entity(row, i)
    cands = candidates(q)
    out = {}
    for name in ALGORITHMS:
        algo = get_algorithm(name)
        cfg = algo.default_config()
        best = (0.0, None)
        for c in cands:
            s = algo.compare(q, ENTITIES[c], cfg).score
            if s > best[0]:
                best = (s, ENTITIES[c].id)
        out[name] = best
    return i, out


def correct(expected, entity_id):
    """Whether an entity id (`list:record`) is one of the expected `list:ref` values."""
    return entity_id is not None and entity_id in expected


def figures(rows, results, threshold):
    pos = [r for r in rows if r["expected_ref"]]
    neg = [r for r in rows if not r["expected_ref"]]
    found = sum(1 for r in pos if results[r["_i"]][1] is not None and results[r["_i"]][0] >= threshold
                and results[r["_i"]][1] in r["_expected_ids"])
    alarms = sum(1 for r in neg if results[r["_i"]][0] >= threshold)
    return (found / len(pos) if pos else None, alarms / len(neg) if neg else None)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--interdict", required=True)
    ap.add_argument("--lists", nargs="+", required=True, help="list files for interdict")
    ap.add_argument("--export", required=True, help="the same lists as FollowTheMoney JSON")
    ap.add_argument("--sets", required=True, help="folder of labelled sets")
    ap.add_argument("--positives", type=int, default=150, help="rows per positive set")
    ap.add_argument("--negatives", type=int, default=800, help="rows of the negatives set")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    args = ap.parse_args()

    plan = [
        ("typos", args.positives, False),
        ("attributes", args.positives, False),
        ("arabic_script", args.positives, True),
        ("organisations", args.positives, False),
        ("vessels", args.positives, False),
        ("negatives", args.negatives, False),
        ("companies", args.negatives // 4, False),
    ]
    global ENTITIES, POSTINGS, IDF
    rng = random.Random(args.seed)
    print(f"{'set':<15} {'rows':>5}  {'matcher':<10} {'recall':>8} {'false-pos':>10}   (threshold)")
    for name, n, drop_native in plan:
        with open(os.path.join(args.sets, f"{name}.csv"), encoding="utf-8") as f:
            all_rows = list(csv.DictReader(f))
        rows = rng.sample(all_rows, min(n, len(all_rows)))
        ENTITIES = load_entities(args.export, drop_native)
        POSTINGS, IDF = build_index(ENTITIES)
        # interdict on the same rows.
        with tempfile.NamedTemporaryFile("w", suffix=".csv", delete=False, encoding="utf-8") as tmp:
            w = csv.DictWriter(tmp, fieldnames=list(all_rows[0].keys()))
            w.writeheader()
            w.writerows(rows)
            sample_path = tmp.name
        cmd = [args.interdict, "eval", sample_path, "--json", "--show", "0"]
        for l in args.lists:
            cmd += ["--list", l]
        if drop_native:
            cmd.append("--without-original-script")
        t = time.time()
        report = json.loads(subprocess.run(cmd, check=True, capture_output=True, text=True).stdout)["report"]
        ours_secs = time.time() - t
        at = {round(a["threshold"], 2): a for a in report["thresholds"]}
        for i, r in enumerate(rows):
            r["_i"] = i
        expected_ids = resolve_expected(rows, args)
        for i, r in enumerate(rows):
            r["_expected_ids"] = expected_ids[i]
        t = time.time()
        with multiprocessing.Pool(args.workers) as pool:
            scored = dict(pool.map(score_row, list(enumerate(rows)), chunksize=4))
        theirs_secs = time.time() - t
        for th in (0.7, 0.8):
            a = at.get(th)
            rec = a["recall"] if report["positives"] else None
            fpr = a["false_positive_rate"] if report["negatives"] else None
            print(f"{name:<15} {len(rows):>5}  {'interdict':<10} {fmt(rec):>8} {fmt(fpr):>10}   ({th})")
        for algo in ALGORITHMS:
            res = {i: scored[i][algo] for i in scored}
            for th in (0.7, 0.8):
                rec, fpr = figures(rows, res, th)
                print(f"{name:<15} {len(rows):>5}  {algo:<10} {fmt(rec):>8} {fmt(fpr):>10}   ({th})")
        print(f"{'':<15} time: interdict {ours_secs:.1f} s (whole run, list loading included); "
              f"OpenSanctions matchers {theirs_secs:.1f} s on {args.workers} workers")
        sys.stdout.flush()


def resolve_expected(rows, args):
    """The entity ids each row's `expected_ref` (`list:ref`) stands for, from the exported lists."""
    ref_index = {}
    with open(args.export, encoding="utf-8") as f:
        for line in f:
            data = json.loads(line)
            list_ref = f"{data['datasets'][0]}:{data.get('reference', '')}"
            ref_index.setdefault(list_ref, set()).add(data["id"])
    out = []
    for r in rows:
        ids = set()
        for ref in filter(None, (x.strip() for x in r["expected_ref"].split(";"))):
            ids |= ref_index.get(ref, set())
        out.append(ids)
    return out


def fmt(x):
    return "-" if x is None else f"{100 * x:.1f}%"


if __name__ == "__main__":
    main()
