#!/usr/bin/env bash
# End to end from the command line (what a user waits for): `verbund report firm` and `report
# region` on a generated 100,000-firm database, loading the region and the supplier market
# included. Prints the median and the spread of N runs of each, in seconds, wall time and CPU
# time (user + system, from /usr/bin/time), and the load average before and after.
#
#   bench/report/report_cli.sh [BUILD_DIR] [N] [BASELINE_BUILD_DIR]   (default build/release, 7)
#
# With a baseline build, every run of BUILD_DIR's verbund follows one of the baseline's, so that
# both see the same load; the medians of both are printed.
# The database is generated once under $VERBUND_BENCH_DIR (default /tmp/verbund-bench) and reused.
set -euo pipefail
build=${1:-build/release}
runs=${2:-7}
baseline=${3:-}
verbund="$build/apps/verbund/verbund"
dir=${VERBUND_BENCH_DIR:-/tmp/verbund-bench}
db="$dir/report-ruhr-100000.db"
mkdir -p "$dir"
if [[ ! -f "$db" ]]; then
  "$verbund" --db "$db.partial" --quiet --seed 1 generate ruhr --firms 100000
  mv "$db.partial" "$db"
fi
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

median() {  # "wall cpu" seconds of each run on stdin, one run a line
  local runs
  runs=$(cat)
  for column in 1 2; do
    [[ $column == 1 ]] && printf 'wall ' || printf '%14s  cpu ' ''
    cut -d' ' -f$column <<<"$runs" | sort -g | awk '{ t[NR] = $1 } END {
      printf "median %.3f s (min %.3f, max %.3f, %d runs)\n",
      (NR % 2 ? t[(NR + 1) / 2] : (t[NR / 2] + t[NR / 2 + 1]) / 2), t[1], t[NR], NR }'
  done
}
one_run() {  # binary, then the verbund arguments; prints the wall and the CPU seconds
  local binary=$1
  shift
  /usr/bin/time -f '%e %U %S' -o "$out/time" \
    "$binary" --db "$db" --no-record --quiet --threads 2 "$@" >/dev/null
  awk '{ printf "%s %.2f\n", $1, $2 + $3 }' "$out/time"
}
time_runs() {  # label, then the verbund arguments
  local label=$1
  shift
  : >"$out/times.new"
  : >"$out/times.base"
  for ((i = 0; i < runs; ++i)); do
    if [[ -n "$baseline" ]]; then
      one_run "$baseline/apps/verbund/verbund" "$@" >>"$out/times.base"
    fi
    one_run "$verbund" "$@" >>"$out/times.new"
  done
  if [[ -n "$baseline" ]]; then
    printf '%-14s baseline ' "$label"
    median <"$out/times.base"
  fi
  printf '%-14s ' "$label"
  median <"$out/times.new"
}

echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
time_runs "report firm" --lang de report firm F000001 --out "$out/firm.html"
time_runs "report region" --lang de report region --out "$out/region.html"
ls -l "$out"/region.html | awk '{ printf "region report: %.2f MB\n", $5 / 1e6 }'
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
