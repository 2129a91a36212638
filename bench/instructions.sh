#!/usr/bin/env bash
# Instructions and cache misses per query of the scale bench's first pass at a million
# entities (or against the UN, OFAC and UK lists themselves), counted by callgrind: on a
# shared machine the timings move by a tenth from run to run, these by well under a per cent,
# so that two builds of a change can be compared (run the script in each checkout; the
# results digest says whether they found the same).
# The index is built natively and written as a snapshot; the searches run under callgrind,
# switched on only once the snapshot is loaded. Needs valgrind (Debian package `valgrind`),
# the reference data beside the checkout (or INTERDICT_REFERENCE), about 3 GB of memory and
# a few minutes. The simulated memset counts one instruction per byte: its line is printed
# apart, and left out of the figure per query.
#
#   bench/instructions.sh             # 500 queries, a million entities
#   bench/instructions.sh 2000        # more queries
#   bench/instructions.sh 2000 lists  # against UN + OFAC + UK
set -euo pipefail
cd "$(dirname "$0")/.."
queries="${1:-500}"
listed="${2:-1000000}"
command -v valgrind > /dev/null || { echo "instructions: valgrind is not installed" >&2; exit 1; }
cargo build -q --release -p interdict-eval --example instructions
bin=target/release/examples/instructions
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
"$bin" build "$work/index.snapshot" "$listed"
INSTRUCTIONS_WAIT=20 valgrind --tool=callgrind --instr-atstart=no --cache-sim=yes \
    --LL=33554432,16,64 --toggle-collect='interdict_match::index::Index::search' \
    --callgrind-out-file="$work/callgrind.out" \
    "$bin" run "$work/index.snapshot" "$queries" > "$work/run.out" 2> "$work/run.err" &
pid=$!
until grep -q ready "$work/run.err" 2> /dev/null; do
    kill -0 "$pid" 2> /dev/null || { cat "$work/run.err" >&2; exit 1; }
    sleep 2
done
callgrind_control -i on "$pid" > /dev/null 2>&1
wait "$pid"
cat "$work/run.out"
memset=$(callgrind_annotate --inclusive=no --show=Ir "$work/callgrind.out" 2> /dev/null |
    awk '/memset-vec/ && !seen { gsub(",", "", $1); print $1; seen = 1 }')
awk -v q="$queries" -v memset="${memset:-0}" '
    /Collected :/ {
        printf "per query: %.0f instructions (memset aside), %.0f D1 misses, %.0f LL misses\n",
            ($4 - memset) / q, ($8 + $9) / q, ($11 + $12) / q
        printf "memset as simulated: %.0f per query (one per byte)\n", memset / q
    }' "$work/run.err"
