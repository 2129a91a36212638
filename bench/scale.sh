#!/usr/bin/env bash
# Batch screening at scale, in one run: index build time, snapshot load time, names per second
# per core on 50,000 non-listed people (and how the time spreads over them: median, p90 and
# p99 of a query, the share the slowest tenth take) and peak memory for the UN + OFAC + UK lists, each
# against its target; then names per second against scaled lists of 10 thousand, 100 thousand
# and a million entities derived from them, so that cost growth with list size is visible
# (and the same queries stated as people's, schema Person), with each first pass's work per query
# stage by stage (postings read, candidates, names past the bound, entries read, names aligned),
# figures that do not move with the machine's load as the timings do.
# Needs the reference data beside the checkout (or INTERDICT_REFERENCE); about 3 GB of memory
# for the million-entity list.
#
#   bench/scale.sh                  # up to 1,000,000 entities
#   SCALE_MAX=100000 bench/scale.sh # stop at 100,000
set -euo pipefail
cd "$(dirname "$0")/.."
export SCALE_QUERIES="${SCALE_QUERIES:-2000}"
cargo bench -q -p interdict-eval --bench scale 2>&1 | grep -v '^\s*$'
