#!/usr/bin/env bash
# Builds the labelled sets from the reference data and prints, for each, the figures of
# `interdict eval` at the default threshold (and, for the name pairs, the pair F1 of
# `interdict compare`), against the UN, OFAC SDN and UK lists together
# (the cross-script set against its own list). Needs the reference data beside the checkout
# (or INTERDICT_REFERENCE).
#
#   bench/quality.sh            # all sets
#   bench/quality.sh typos      # some of them
set -euo pipefail
cd "$(dirname "$0")/.."
REF="${INTERDICT_REFERENCE:-../shared}"
DATA="$REF/data"
OUT=target/evalsets
cargo build --release -q -p interdict -p interdict-eval
./target/release/make-evalsets --reference "$REF" --out "$OUT" > /dev/null
LISTS=(--list "$DATA/un/un_consolidated_2025-04-19.xml" --list "$DATA/ofac/legacy_csv_2021-07" --list "$DATA/uk/ofsi_conlist_csv_2018-04-13.csv")
SETS=("$@")
[ ${#SETS[@]} -eq 0 ] && SETS=(typos attributes arabic_script scripts organisations companies vessels negatives crowded_pk pairs)
export INTERDICT_DATA="$OUT/empty-data"
printf '%-14s %7s %9s %9s %10s\n' set rows recall false-pos precision
PAIRS=no
for s in "${SETS[@]}"; do
  if [ "$s" = pairs ]; then PAIRS=yes; continue; fi
  case "$s" in
    scripts) args=(--list "$OUT/scripts_list.ftm.json") ;;
    arabic_script) args=("${LISTS[@]}" --without-original-script) ;;
    *) args=("${LISTS[@]}") ;;
  esac
  ./target/release/interdict eval "$OUT/$s.csv" "${args[@]}" --json 2>/dev/null \
    | python3 bench/eval_line.py "$s"
done
if [ "$PAIRS" = yes ]; then
  echo
  echo "pair F1 of interdict compare on $OUT/pairs.csv:"
  python3 bench/pair_f1.py "$OUT/pairs.csv"
fi
