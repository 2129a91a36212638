#!/usr/bin/env bash
# Where the time of the scale bench's first pass goes, stage by stage (comparing the query's
# words with the vocabulary, retrieval and its steps, the bound, scoring, ranking), in
# microseconds per search at a million entities (or against the UN, OFAC and UK lists
# themselves): the searches timed per stage by a build with the `stage-times` feature, which
# other builds leave out. Timings move with the machine's load; the shares between stages
# are what to read. Needs the reference data beside the checkout (or INTERDICT_REFERENCE) and
# about 3 GB of memory.
#
#   bench/stages.sh             # 2000 queries, a million entities
#   bench/stages.sh 500 lists   # 500 queries against UN + OFAC + UK
set -euo pipefail
cd "$(dirname "$0")/.."
queries="${1:-2000}"
listed="${2:-1000000}"
cargo build -q --release -p interdict-eval --features stage-times --example instructions
bin=target/release/examples/instructions
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
"$bin" build "$work/index.snapshot" "$listed"
"$bin" run "$work/index.snapshot" "$queries" 2>&1 | grep -v '^ready$'
