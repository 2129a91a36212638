#!/usr/bin/env bash
# Payment screening speed and false holds: MESSAGES clean pacs.008.001.08 messages (default
# 10,000; one to three transfers each between ordinary people and companies of the name
# resources, none listed, through banks of countries under no programme; `make-payments`)
# screened by `interdict payments` on ONE thread (RAYON_NUM_THREADS=1) against UN + OFAC SDN
# + UK, in release. Prints messages per second (list loading excluded: a run of one message is
# subtracted), the share of parties met again (a party met again is not searched again), the
# false-hold rate (and how many holds are on names written as listed ones), and the fields and
# listed names behind the holds. Needs the reference data beside the checkout (or
# INTERDICT_REFERENCE).
set -euo pipefail
cd "$(dirname "$0")/.."
MESSAGES="${MESSAGES:-10000}"
REF="${INTERDICT_REFERENCE:-../shared}"
DATA="$REF/data"
OUT=target/payments-bench
mkdir -p "$OUT"
cargo build --release -q -p interdict -p interdict-eval
./target/release/make-payments --reference "$REF" --out "$OUT/traffic.jsonl" --messages "$MESSAGES" 2>/dev/null
head -1 "$OUT/traffic.jsonl" > "$OUT/one.jsonl"
LISTS=(--list "$DATA/un/un_consolidated_2025-04-19.xml" --list "$DATA/ofac/legacy_csv_2021-07" --list "$DATA/uk/ofsi_conlist_csv_2018-04-13.csv")
export INTERDICT_DATA="$OUT/empty-data" RAYON_NUM_THREADS=1
run() {
  local start end
  start=$(date +%s.%N)
  ./target/release/interdict payments "${LISTS[@]}" --format jsonl "$1" > "$2" 2>/dev/null
  end=$(date +%s.%N)
  echo "$end - $start" | bc
}
best_all=""; best_one=""
for _ in 1 2 3; do
  t=$(run "$OUT/traffic.jsonl" "$OUT/screened.jsonl"); [ -z "$best_all" ] || [ "$(echo "$t < $best_all" | bc)" = 1 ] && best_all=$t
  t=$(run "$OUT/one.jsonl" "$OUT/one.out"); [ -z "$best_one" ] || [ "$(echo "$t < $best_one" | bc)" = 1 ] && best_one=$t
done
python3 - "$OUT/screened.jsonl" "$MESSAGES" "$best_all" "$best_one" "$OUT/traffic.jsonl" <<'PY'
import collections, json, re, sys
path, n, t_all, t_one = sys.argv[1], int(sys.argv[2]), float(sys.argv[3]), float(sys.argv[4])
msgs = [json.loads(l) for l in open(path)]
# Parties as the search sees them (name, country, kind, id): one met again is not searched again.
party = re.compile(r"<(Dbtr|Cdtr)><Nm>(.*?)</Nm>(.*?)</(?:Dbtr|Cdtr)>")
parties = [m.group(2, 3) for l in open(sys.argv[5]) for m in party.finditer(json.loads(l))]
held = [m for m in msgs if m.get("decision") == "hold"]
secs = max(t_all - t_one, 1e-9)
print(f"{n} messages, {sum(len(m.get('transaction_ids', [])) for m in msgs)} transfers; one thread")
print(f"screening: {secs:.2f} s (best of 3, list loading subtracted) = {(n - 1) / secs:,.0f} messages/s")
print(f"parties: {len(parties)}, {100 * (1 - len(set(parties)) / max(len(parties), 1)):.0f}% of them met before in the run")
print(f"false holds: {len(held)} of {len(msgs)} = {100 * len(held) / max(len(msgs), 1):.2f}%")
same = [m for m in held if any(h["match"] and h.get("explanation", {}).get("name", {}).get("pairs")
        and all(p["score"] >= 0.97 for p in h["explanation"]["name"]["pairs"])
        and not [w for w in h["explanation"]["name"].get("unmatched_query", []) if w != "al"]
        for h in m["hits"])]
print(f"  of which on a name written as a listed one (every word the same or a spelling variant): {len(same)}")
fields = collections.Counter(h["field"] for m in held for h in m["hits"] if h["match"])
print("held on fields:", dict(fields.most_common()))
print("examples:")
for m in held[:12]:
    h = next(h for h in m["hits"] if h["match"])
    print(f"  {h['field']:<14} {h['text'][:40]!r:<44} -> {h['caption'][:36]} ({h['list']} {h['ref']}) {h['score']}")
PY
