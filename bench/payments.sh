#!/usr/bin/env bash
# Payment screening speed and false holds: MESSAGES clean pacs.008.001.08 messages (default
# 10,000; one to three transfers each between ordinary people and companies of the name
# resources, none listed, through banks of countries under no programme; `make-payments`)
# screened by `interdict payments` on ONE thread (RAYON_NUM_THREADS=1) against UN + OFAC SDN
# + UK, in release. Prints messages per second (list loading excluded: a run of one message is
# subtracted), the false-hold rate, and the fields and listed names behind the holds. Needs the
# reference data beside the checkout (or INTERDICT_REFERENCE).
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
python3 - "$OUT/screened.jsonl" "$MESSAGES" "$best_all" "$best_one" <<'PY'
import collections, json, sys
path, n, t_all, t_one = sys.argv[1], int(sys.argv[2]), float(sys.argv[3]), float(sys.argv[4])
msgs = [json.loads(l) for l in open(path)]
held = [m for m in msgs if m.get("decision") == "hold"]
secs = max(t_all - t_one, 1e-9)
print(f"{n} messages, {sum(len(m.get('transaction_ids', [])) for m in msgs)} transfers; one thread")
print(f"screening: {secs:.2f} s (best of 3, list loading subtracted) = {(n - 1) / secs:,.0f} messages/s")
print(f"false holds: {len(held)} of {len(msgs)} = {100 * len(held) / max(len(msgs), 1):.2f}%")
fields = collections.Counter(h["field"] for m in held for h in m["hits"] if h["match"])
print("held on fields:", dict(fields.most_common()))
print("examples:")
for m in held[:12]:
    h = next(h for h in m["hits"] if h["match"])
    print(f"  {h['field']:<14} {h['text'][:40]!r:<44} -> {h['caption'][:36]} ({h['list']} {h['ref']}) {h['score']}")
PY
