#!/usr/bin/env bash
# Installs what is missing, builds verbund and runs every test with ctest:
#   1. the release preset (optimised, assertions on, warnings as errors);
#   2. the asan preset (clang, AddressSanitizer and UBSan): the whole suite, including a replay of
#      every libFuzzer target's seed corpus (tests/fuzz/corpus/<target>/); the same build tree
#      holds the fuzz targets, so they need no build of their own; it builds neither bench/ nor
#      verbund-mpi (the release preset runs their smoke and MPI tests);
#   3. fuzzing: each target for VERBUND_FUZZ_SECONDS seconds (default 20) from the asan tree;
#   4. the tsan preset (clang, ThreadSanitizer): the parallel code's tests in their own smaller
#      binary, and the check that a deliberate race is still reported (README, "Fuzzing and
#      thread sanitizer").
# Each section prints its time. --quick runs the release preset only; --asan the asan preset only
# (no timed fuzzing); --fuzz builds the fuzz targets in the asan tree, replays their corpora and
# fuzzes; --tsan runs the tsan preset only.
# A crash, sanitizer report, hang or leak found while fuzzing fails the script; its input is left
# in build/asan/fuzz-run/<target>/artifacts/ and the log beside it.
set -euo pipefail
cd "$(dirname "$0")/.."

fuzz_seconds="${VERBUND_FUZZ_SECONDS:-20}"

presets=(release asan)
fuzz=yes
tsan=yes
case "${1:-}" in
  --quick) presets=(release); fuzz=no; tsan=no ;;
  --asan) presets=(asan); fuzz=no; tsan=no ;;
  --fuzz) presets=(); tsan=no ;;
  --tsan) presets=(); fuzz=no ;;
  "") ;;
  *) echo "usage: scripts/test.sh [--quick|--asan|--fuzz|--tsan]" >&2; exit 2 ;;
esac

jobs="$(nproc)"
started=$SECONDS
section_start=$SECONDS
took() {
  local s=$((SECONDS - section_start))
  echo "== $1 took $((s / 60)) min $((s % 60)) s"
  section_start=$SECONDS
}

scripts/install-deps.sh
took "install-deps"
for preset in "${presets[@]}"; do
  echo "== preset $preset"
  cmake --preset "$preset"
  cmake --build --preset "$preset" -j "$jobs"
  took "build $preset"
  ctest --preset "$preset" -j "$jobs" --timeout 900
  took "ctest $preset"
  # The MPI sweep test (label mpi, about 10 s) runs in the release preset where MPI is installed.
  [ "$preset" != release ] || command -v mpirun >/dev/null ||
    echo "== MPI not installed: the verbund-mpi tests were skipped (scripts/install-deps.sh)"
done

if [ "$fuzz" = yes ]; then
  echo "== fuzzing (the asan tree's fuzz targets, ${fuzz_seconds} s each)"
  if [[ " ${presets[*]} " != *" asan "* ]]; then
    cmake --preset asan
    cmake --build --preset fuzz -j "$jobs"
    ctest --preset fuzz -j "$jobs" --timeout 900
    took "build fuzz targets and replay their corpora"
  fi
  run=build/asan/fuzz-run
  rm -rf "$run"
  failed=()
  for corpus in tests/fuzz/corpus/*/; do
    target="$(basename "$corpus")"
    mkdir -p "$run/$target/corpus" "$run/$target/artifacts"
    # New inputs go to the scratch corpus (the first folder), never into the checked-in seeds.
    if ! "build/asan/tests/fuzz/fuzz_$target" -max_total_time="$fuzz_seconds" -timeout=10 \
        -rss_limit_mb=2048 -print_final_stats=1 -artifact_prefix="$run/$target/artifacts/" \
        "$run/$target/corpus" "$corpus" > "$run/$target/log" 2>&1; then
      failed+=("$target")
    elif [ -n "$(ls -A "$run/$target/artifacts")" ]; then
      failed+=("$target")
    fi
    echo "fuzz_$target: $(grep -o 'stat::number_of_executed_units: *[0-9]*' "$run/$target/log" |
      grep -o '[0-9]*$' || echo '?') executions"
  done
  if [ ${#failed[@]} -gt 0 ]; then
    for target in "${failed[@]}"; do
      echo "fuzz_$target found a problem:" >&2
      tail -n 40 "$run/$target/log" >&2
      ls "$run/$target/artifacts" >&2
    done
    exit 1
  fi
  took "fuzzing"
fi

if [ "$tsan" = yes ]; then
  echo "== preset tsan"
  cmake --preset tsan
  cmake --build --preset tsan -j "$jobs"
  took "build tsan"
  ctest --preset tsan -j "$jobs" --timeout 1800
  took "ctest tsan"
fi
s=$((SECONDS - started))
echo "== all done in $((s / 60)) min $((s % 60)) s"
