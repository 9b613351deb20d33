#!/usr/bin/env bash
# Installs verbund's build and test dependencies from Debian's packages. Idempotent: packages
# already present are left alone, and apt is not touched at all when nothing is missing.
set -euo pipefail

packages=(
  build-essential cmake ninja-build pkg-config git
  libboost-graph-dev
  libigraph-dev libarpack2-dev libglpk-dev libplfit-dev libgmp-dev libblas-dev liblapack-dev
  libtbb-dev libsqlite3-dev sqlite3
  catch2 libbenchmark-dev
  libcli11-dev libtomlplusplus-dev nlohmann-json3-dev
  libnlopt-cxx-dev  # the calibration's optimiser (verbund calibrate)
  python3 python3-networkx python3-igraph python3-numpy
  python3-icalendar  # the oracle of the event agendas (.ics)
  # The fuzz preset: clang with its libFuzzer and sanitizer runtimes (libclang_rt.fuzzer). Clang 16,
  # as clang 14 cannot capture a structured binding in a lambda, which the library does.
  clang-16 libclang-rt-16-dev
  # The tsan preset's race check reads function names from reports: llvm-symbolizer.
  llvm-16
  # The reports' browser test (tests/report/browser_test.py) loads them in headless Chromium.
  chromium
  # verbund-mpi (optional component, built when found) and its tests: OpenMPI's mpirun.
  libopenmpi-dev openmpi-bin
  # Learned partner recommendation: XGBoost's C API (rank:pairwise).
  libxgboost-dev
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "install-deps: all ${#packages[@]} packages present"
  exit 0
fi

sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
echo "install-deps: installing ${missing[*]}"
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
