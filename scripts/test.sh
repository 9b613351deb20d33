#!/usr/bin/env bash
# Installs what is missing, builds verbund and runs every test with ctest:
#   1. the release preset (optimised, assertions on, warnings as errors);
#   2. the asan preset (AddressSanitizer and UBSan);
#   3. the fuzz preset (clang, libFuzzer with ASan and UBSan): every target replays its seed corpus
#      (tests/fuzz/corpus/<target>/), then fuzzes for VERBUND_FUZZ_SECONDS seconds (default 20);
# --quick runs the release preset only; --asan the asan preset only; --fuzz the fuzz preset only
# (replay and timed runs); --tsan the tsan preset (ThreadSanitizer) on the parallel code's tests,
# not part of the default run: with Debian's oneTBB, which is not instrumented, TSan cannot see
# the scheduler's synchronisation and reports every hand-over between threads (README,
# "Reliability").
# A crash, sanitizer report, hang or leak found while fuzzing fails the script; its input is left
# in build/fuzz/run/<target>/artifacts/ and the log beside it.
set -euo pipefail
cd "$(dirname "$0")/.."

fuzz_seconds="${VERBUND_FUZZ_SECONDS:-20}"

presets=(release asan)
fuzz=yes
tsan=no
case "${1:-}" in
  --quick) presets=(release); fuzz=no ;;
  --asan) presets=(asan); fuzz=no ;;
  --fuzz) presets=() ;;
  --tsan) presets=(); fuzz=no; tsan=yes ;;
  "") ;;
  *) echo "usage: scripts/test.sh [--quick|--asan|--fuzz|--tsan]" >&2; exit 2 ;;
esac

jobs="$(nproc)"
scripts/install-deps.sh
for preset in "${presets[@]}"; do
  echo "== preset $preset"
  cmake --preset "$preset"
  cmake --build --preset "$preset" -j "$jobs"
  ctest --preset "$preset" -j "$jobs" --timeout 900
done

if [ "$fuzz" = yes ]; then
  echo "== preset fuzz (replay of the seed corpus, then ${fuzz_seconds} s per target)"
  cmake --preset fuzz
  cmake --build --preset fuzz -j "$jobs"
  ctest --preset fuzz -j "$jobs" --timeout 900
  run=build/fuzz/run
  rm -rf "$run"
  failed=()
  for corpus in tests/fuzz/corpus/*/; do
    target="$(basename "$corpus")"
    mkdir -p "$run/$target/corpus" "$run/$target/artifacts"
    # New inputs go to the scratch corpus (the first folder), never into the checked-in seeds.
    if ! "build/fuzz/tests/fuzz/fuzz_$target" -max_total_time="$fuzz_seconds" -timeout=10 \
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
fi

if [ "$tsan" = yes ]; then
  echo "== preset tsan"
  cmake --preset tsan
  cmake --build --preset tsan -j "$jobs"
  ctest --preset tsan -j "$jobs" --timeout 1800
fi
