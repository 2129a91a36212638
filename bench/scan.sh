#!/usr/bin/env bash
# Measures `interdict scan` on long documents against the UN, OFAC SDN and UK lists together:
# speed (MB/s of document, one core), peak memory, and, for a synthetic document with listed
# names planted in it, how many of them are found and how many mentions fall elsewhere.
# Needs the reference data beside the checkout (or INTERDICT_REFERENCE).
#
#   bench/scan.sh          # 100 MB documents
#   bench/scan.sh 20       # 20 MB documents
set -euo pipefail
cd "$(dirname "$0")/.."
SIZE="${1:-100}"
REF="${INTERDICT_REFERENCE:-../shared}"
DATA="$REF/data"
OUT=target/bench-scan
mkdir -p "$OUT"
cargo build --release -q -p interdict -p interdict-eval
LISTS=(--list "$DATA/un/un_consolidated_2025-04-19.xml" --list "$DATA/ofac/legacy_csv_2021-07" --list "$DATA/uk/ofsi_conlist_csv_2018-04-13.csv")
export INTERDICT_DATA="$OUT/empty-data"

# 1. Ordinary prose that names nobody: the licence texts and manuals of this machine, repeated.
PROSE="$OUT/prose_${SIZE}mb.txt"
if [ ! -s "$PROSE" ]; then
  SOURCES=$( (ls /usr/share/common-licenses/* 2>/dev/null; find /usr/share/doc -name '*.txt' -size -200k 2>/dev/null) | head -300 || true)
  [ -n "$SOURCES" ] || { echo "no prose found under /usr/share to build $PROSE" >&2; exit 1; }
  : > "$PROSE"
  while [ "$(stat -c %s "$PROSE")" -lt $((SIZE << 20)) ]; do
    echo "$SOURCES" | xargs -r cat >> "$PROSE" 2>/dev/null || true
  done
  truncate -s $((SIZE << 20)) "$PROSE"
fi
# 2. Synthetic prose dense with people of many cultures (unlisted) and listed names planted.
PLANTED="$OUT/planted_${SIZE}mb.txt"
[ -s "$PLANTED" ] || ./target/release/make-document --reference "$REF" --out "$PLANTED" --size-mb "$SIZE"

for doc in "$PROSE" "$PLANTED"; do
  echo "== $(basename "$doc")"
  /usr/bin/time -f "peak memory %M KB, wall %e s" \
    ./target/release/interdict scan "${LISTS[@]}" --format json "$doc" > "$OUT/mentions.jsonl" 2> "$OUT/stderr.txt" || { cat "$OUT/stderr.txt"; exit 1; }
  grep -v '^skipped' "$OUT/stderr.txt"
  if [ -f "$doc.planted.csv" ]; then
    python3 bench/scan_check.py "$OUT/mentions.jsonl" "$doc.planted.csv" | head -12
  fi
done
