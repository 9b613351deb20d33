#!/usr/bin/env bash
# Parallel efficiency of verbund-mpi: the same sweep on 1 rank and on 2 ranks (one thread each),
# medians of 3 runs; efficiency = T1 / (2 x T2). Also the traffic per unit (bytes rank 0 sends
# and receives) for the scale model in the README.
# Usage: bench/sweep/mpi_efficiency.sh VERBUND VERBUND_MPI [FIRMS]
set -euo pipefail
verbund=$1
verbund_mpi=$2
firms=${3:-5000}
export OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1
export OMPI_MCA_rmaps_base_oversubscribe=1
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
cd "$dir"
"$verbund" -q generate ruhr --firms "$firms" --seed 1
printf 'name = "b"\nhorizon_months = 24\n' > b.toml
cat > s.toml <<'T'
scenario = "b.toml"
design = "lhs"
samples = 8
replicates = 4
indicators = ["ties", "science share", "innovations"]
[[parameter]]
key = "model.decay"
range = [0.01, 0.04]
T
cp verbund.db empty.db
median() { sort -n | sed -n 2p; }
time_ranks() {
  for _ in 1 2 3; do
    cp empty.db run.db
    local t0 t1
    t0=$(date +%s.%N)
    mpirun -np "$1" "$verbund_mpi" -q --db run.db sweep s.toml
    t1=$(date +%s.%N)
    echo "$t1 - $t0" | bc -l
  done | median
}
t1=$(time_ranks 1)
t2=$(time_ranks 2)
units=32
echo "firms $firms, $units units of 24 months"
echo "1 rank:  $t1 s ($(echo "$t1 / $units" | bc -l | cut -c1-6) s per unit)"
echo "2 ranks: $t2 s"
echo "efficiency: $(echo "100 * $t1 / (2 * $t2)" | bc -l | cut -c1-5) %"
# Per unit rank 0 receives (2 + indicators) doubles and sends 2 uint32: 8 x 5 + 8 = 48 bytes.
echo "traffic per unit: $((8 * (2 + 3) + 4 * 2)) bytes"
# The protocol's own cost per unit: units of one month on a 200-firm region (almost no work),
# 500 and 2000 of them, so that the difference per unit is the round trip, rank 0's bookkeeping
# and the store, without the start-up.
mkdir tiny && cd tiny
"$verbund" -q generate ruhr --firms 200 --seed 1
cp verbund.db empty.db
printf 'name = "t"\nhorizon_months = 1\n' > t.toml
cat > tiny.toml <<'T'
scenario = "t.toml"
replicates = REPS
indicators = ["ties", "science share", "innovations"]
[[parameter]]
key = "model.decay"
levels = [0.01, 0.02, 0.03, 0.04]
T
tiny_time() {
  sed "s/REPS/$2/" tiny.toml > t$2.toml
  cp empty.db tiny.db
  local t0 t1
  t0=$(date +%s.%N)
  mpirun -np "$1" "$verbund_mpi" -q --db tiny.db sweep "t$2.toml"
  t1=$(date +%s.%N)
  echo "$t1 - $t0" | bc -l
}
for n in 1 2; do
  a=$(tiny_time "$n" 125)
  b=$(tiny_time "$n" 500)
  echo "tiny units, $n rank(s): $(echo "($b - $a) / 1500 * 1000000" | bc -l | cut -c1-6) us per unit"
done
