#!/usr/bin/env bash
# Transfer weight settings judged on the partnerships that formed later (README, "Transfer
# scores judged on outcomes"): generates a Ruhr region, fits weights on 2017..2021 (validation
# 2022), and ranks the partnerships of 2023..2025 with the network known up to 2022 under every
# setting and the fitted one. Prints the tables and the wall time of each step.
#
# Usage: bench/match/transfer_outcomes.sh VERBUND_CLI [FIRMS] [SEED] [THREADS]
set -euo pipefail
cli=$(realpath "$1")
firms=${2:-20000}
seed=${3:-1}
threads=${4:-2}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
step() {
  local start=$SECONDS
  "$@"
  echo "# $((SECONDS - start)) s: ${*:2}" >&2
}
step "$cli" --quiet generate ruhr --firms "$firms" --seed "$seed"
step "$cli" --threads "$threads" train transfer --until 2021 --out fitted.toml
step "$cli" --threads "$threads" --seed "$seed" evaluate transfer --until 2022 \
  --weights fitted.toml
echo "# machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg), threads $threads" >&2
