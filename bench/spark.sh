#!/usr/bin/env bash
# Spark scaling of examples/spark: a Parquet table of ROWS synthetic customers (default
# 1,000,000) screened against UN + OFAC SDN + UK (from the reference data beside the checkout,
# or INTERDICT_REFERENCE; the UN sample without it) with 1 and 2 task slots of Spark's local
# mode (one JVM on this machine, each slot running its own Python worker), printing rows/s and
# the ratio. Needs Java 17; installs pyspark, pyarrow, pandas and maturin into target/ and
# builds the Python package in release.
set -euo pipefail
cd "$(dirname "$0")/.."
ROWS="${ROWS:-1000000}"
REF="${INTERDICT_REFERENCE:-../shared}"
DATA="$REF/data"
venv=target/spark-venv
if ! "$venv/bin/python" -c 'import pyspark, pyarrow, pandas' 2>/dev/null || [ ! -x "$venv/bin/maturin" ]; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet 'maturin>=1.16,<2' 'pyspark>=4,<5' 'pyarrow>=14' 'pandas>=2,<3'
fi
(cd crates/interdict-py && VIRTUAL_ENV="$PWD/../../$venv" "../../$venv/bin/maturin" develop --release --quiet)
LISTS=()
if [ -d "$DATA" ]; then
  LISTS=("$DATA/un/un_consolidated_2025-04-19.xml" "$DATA/ofac/legacy_csv_2021-07" "$DATA/uk/ofsi_conlist_csv_2018-04-13.csv")
else
  echo "reference data not found at $REF: screening against the UN sample" >&2
fi
"$venv/bin/python" bench/spark_scaling.py "$ROWS" target/spark-bench "${LISTS[@]}"
