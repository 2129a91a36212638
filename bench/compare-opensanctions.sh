#!/usr/bin/env bash
# Compares interdict with OpenSanctions' matchers (nomenklatura logic-v2, logic-v1, OFAC
# emulation) on the same labelled queries and lists. Needs the reference data beside the
# checkout (or INTERDICT_REFERENCE) and PyPI access for the first run.
#
#   bench/compare-opensanctions.sh [POSITIVES_PER_SET] [NEGATIVES]
#
# logic-v2 takes about 30 ms per comparison: the defaults (150 rows per positive set, 800
# negatives, 20 candidates each) run for several minutes on two cores.
set -euo pipefail
cd "$(dirname "$0")/.."
REF="${INTERDICT_REFERENCE:-../shared}"
DATA="$REF/data"
LISTS=("$DATA/un/un_consolidated_2025-04-19.xml" "$DATA/ofac/legacy_csv_2021-07" "$DATA/uk/ofsi_conlist_csv_2018-04-13.csv")
OUT=target/compare-opensanctions
mkdir -p "$OUT"
cargo build --release -q -p interdict -p interdict-eval
if [ ! -x "$OUT/venv/bin/python" ]; then
  python3 -m venv "$OUT/venv"
  "$OUT/venv/bin/pip" install -q "nomenklatura==4.17.4"
fi
./target/release/make-evalsets --reference "$REF" --out "$OUT/sets" > /dev/null
LIST_ARGS=()
for l in "${LISTS[@]}"; do LIST_ARGS+=(--list "$l"); done
INTERDICT_DATA="$OUT/empty-data" ./target/release/interdict lists export "${LIST_ARGS[@]}" --output "$OUT/lists.ftm.json"
"$OUT/venv/bin/python" bench/compare_opensanctions.py \
  --interdict ./target/release/interdict --lists "${LISTS[@]}" --export "$OUT/lists.ftm.json" \
  --sets "$OUT/sets" --positives "${1:-150}" --negatives "${2:-800}"
