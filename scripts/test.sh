#!/usr/bin/env bash
# Installs what is missing, builds verbund and runs every test with ctest: first the release
# preset (optimised, assertions on, warnings as errors), then the asan preset (AddressSanitizer
# and UBSan). --quick runs the release preset only; --asan the asan preset only.
set -euo pipefail
cd "$(dirname "$0")/.."

presets=(release asan)
case "${1:-}" in
  --quick) presets=(release) ;;
  --asan) presets=(asan) ;;
  "") ;;
  *) echo "usage: scripts/test.sh [--quick|--asan]" >&2; exit 2 ;;
esac

scripts/install-deps.sh
for preset in "${presets[@]}"; do
  echo "== preset $preset"
  cmake --preset "$preset"
  cmake --build --preset "$preset" -j "$(nproc)"
  ctest --preset "$preset" -j "$(nproc)" --timeout 900
done
