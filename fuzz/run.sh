#!/usr/bin/env bash
# Fuzzes every target for FUZZ_SECONDS (600 by default) each, JOBS (2) at a time, with
# cargo-fuzz on the nightly toolchain. Each run starts from the saved corpus (fuzz/corpus/) and
# the seeds of fuzz/seed.py (the fixtures, and the real lists when the reference data is
# present); what it finds goes to a scratch folder, and the saved corpus then takes the new
# inputs of at most 4 KB that add coverage, the KEEP (60) smallest of them per target, so the
# repository stays small. Crashes land in fuzz/artifacts/.
#
#   fuzz/run.sh                      # every target
#   FUZZ_SECONDS=60 fuzz/run.sh names documents
set -euo pipefail
cd "$(dirname "$0")"
seconds=${FUZZ_SECONDS:-600}
jobs=${JOBS:-2}
work=$(mktemp -d)
python3 seed.py "$work/seeds"
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
  mapfile -t targets < <(cargo +nightly fuzz list)
fi
cargo +nightly fuzz build -O
run_one() {
  local t=$1
  mkdir -p "$work/found/$t" "corpus/$t"
  cargo +nightly fuzz run -O "$t" "$work/found/$t" "corpus/$t" "$work/seeds/$t" -- \
    -max_total_time="$seconds" -max_len=65536 -rss_limit_mb=2048 -timeout=10 \
    -print_final_stats=1 >"$work/$t.log" 2>&1 || true
  local stats
  stats=$(grep -E "stat::number_of_executed_units|stat::peak_rss_mb" "$work/$t.log" | tr '\n' ' ')
  echo "$t: $stats; crashes: $(ls artifacts/$t 2>/dev/null | wc -l)"
}
export -f run_one
export work seconds
printf '%s\n' "${targets[@]}" | xargs -P "$jobs" -I{} bash -c 'run_one {}'
# Keep the saved corpus small: merge in only what adds coverage, at most 4 KB each.
for t in "${targets[@]}"; do
  mkdir -p "$work/small/$t" "$work/merged/$t"
  find "$work/found/$t" -type f -size -4097c -exec cp {} "$work/small/$t/" \;
  cargo +nightly fuzz cmin -O "$t" "$work/small/$t" >/dev/null 2>&1 || true
  cargo +nightly fuzz run -O "$t" "$work/merged/$t" "corpus/$t" "$work/small/$t" -- -merge=1 >/dev/null 2>&1 || true
  # The smallest first, up to KEEP new ones.
  (cd "$work/merged/$t" && ls -S -r | head -n "${KEEP:-60}") | while read -r f; do
    cp -n "$work/merged/$t/$f" "corpus/$t/" 2>/dev/null || true
  done
done
echo "scratch folder with every log: $work"
