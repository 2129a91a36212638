#!/usr/bin/env bash
# Latency of the yente-style match endpoint under load: `interdict serve` with the UN, OFAC and
# UK lists, and `http-load` sending person queries of common South Asian and Arabic names (with
# a year of birth and a nationality) from 1 and then 8 concurrent clients, each waiting for its
# answer before sending the next. Client and server run on the same machine and share its
# cores. Needs the reference data beside the checkout (or INTERDICT_REFERENCE).
#
#   bench/http.sh              # 10 seconds per run
#   HTTP_SECONDS=30 bench/http.sh
set -euo pipefail
cd "$(dirname "$0")/.."
REF="${INTERDICT_REFERENCE:-../shared}"
DATA="$REF/data"
if [ ! -d "$DATA" ]; then
  echo "skipped: reference data not found at $DATA (set INTERDICT_REFERENCE)"
  exit 0
fi
cargo build --release -q -p interdict -p interdict-eval
PORT="${HTTP_PORT:-18733}"
EMPTY="$(mktemp -d)"
trap 'kill "$SERVER" 2>/dev/null || true; rm -rf "$EMPTY"' EXIT
INTERDICT_DATA="$EMPTY" ./target/release/interdict serve --bind "127.0.0.1:$PORT" \
  --list "$DATA/un/un_consolidated_2025-04-19.xml" --list "$DATA/ofac/legacy_csv_2021-07" \
  --list "$DATA/uk/ofsi_conlist_csv_2018-04-13.csv" 2>/dev/null &
SERVER=$!
for _ in $(seq 100); do
  curl -sf "http://127.0.0.1:$PORT/healthz" > /dev/null && break
  sleep 0.2
done
echo "server: UN + OFAC + UK, $(nproc) cores shared with the clients"
for clients in 1 8; do
  ./target/release/http-load --url "http://127.0.0.1:$PORT/match/default" \
    --clients "$clients" --seconds "${HTTP_SECONDS:-10}"
done
