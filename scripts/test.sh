#!/usr/bin/env bash
# Installs what is missing, builds verbund (release with assertions, warnings as errors) and runs
# every test with ctest. Pass --asan to use the AddressSanitizer+UBSan preset instead.
set -euo pipefail
cd "$(dirname "$0")/.."

preset=release
[ "${1:-}" = "--asan" ] && preset=asan

scripts/install-deps.sh
cmake --preset "$preset"
cmake --build --preset "$preset" -j "$(nproc)"
ctest --preset "$preset" -j "$(nproc)" --timeout 900
