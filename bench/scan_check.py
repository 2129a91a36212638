"""Reads `interdict scan --format json` output for one document and the names planted in it
(`make-document` writes them beside the document as `.planted.csv`); prints how many planted
names were found (a mention overlapping the name, with one of its expected references) and
how many mentions fall outside every planted name, with a few of each.

    python3 bench/scan_check.py MENTIONS.jsonl DOCUMENT.planted.csv [DOCUMENT [N]]

With the document, the first N (default 20) missed names are listed too."""
import bisect
import csv
import json
import sys

mentions_path, planted_path = sys.argv[1], sys.argv[2]
planted = [
    (int(r["start"]), int(r["end"]), set(r["expected_ref"].split(";")))
    for r in csv.DictReader(open(planted_path, encoding="utf-8"))
]
mentions = []
with open(mentions_path, encoding="utf-8") as f:
    for line in f:
        for m in json.loads(line)["mentions"]:
            mentions.append((m["start"], m["end"], f'{m["list"]}:{m["ref"]}', m["text"]))
mentions.sort()
starts = [m[0] for m in mentions]

found, missed, inside = 0, [], set()
for start, end, expected in planted:
    # Mentions are short: any overlapping one starts less than 200 bytes before the name.
    i = bisect.bisect_left(starts, start - 200)
    hit = False
    while i < len(mentions) and mentions[i][0] < end:
        if mentions[i][1] > start:
            inside.add(i)
            hit |= mentions[i][2] in expected
        i += 1
    found += hit
    if not hit:
        missed.append((start, end, sorted(expected)[0]))

outside = [m for i, m in enumerate(mentions) if i not in inside]
print(f"planted names found: {found}/{len(planted)} ({100.0 * found / max(len(planted), 1):.1f}%)")
print(f"mentions outside planted names: {len(outside)}")
for m in outside[:10]:
    print(f"  {m[0]}..{m[1]} {m[2]} {m[3]!r}")
if len(sys.argv) > 3:
    text = open(sys.argv[3], "rb").read()
    show = int(sys.argv[4]) if len(sys.argv) > 4 else 20
    print(f"missed ({len(missed)}):")
    for start, end, ref in missed[:show]:
        written = text[start:end].decode("utf-8", "replace").replace("\n", " ")
        print(f"  {ref:<22} {written!r}")
