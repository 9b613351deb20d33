#!/usr/bin/env bash
# verbund-mpi against `verbund sweep` on threads: byte-identical results for 1, 2 and 3 ranks
# (3 oversubscribed on a 2-core machine), and a job killed mid-sweep resumes to the same bytes.
# Usage: mpi_sweep_test.sh VERBUND VERBUND_MPI
set -euo pipefail
verbund=$1
verbund_mpi=$2
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
cd "$dir"
# Running as root (containers, CI) needs OpenMPI's consent; a small machine needs oversubscribing.
export OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1
export OMPI_MCA_rmaps_base_oversubscribe=1 OMPI_MCA_btl_vader_single_copy_mechanism=none

"$verbund" -q generate ruhr --firms 800 --seed 2
cat > wg.toml <<'T'
name = "wg"
horizon_months = 12
[[intervention]]
name = "AG"
type = "working_group"
select = { kinds = ["firm"], size = 20 }
meetings = 4
T
cat > lhs.toml <<'T'
scenario = "wg.toml"
design = "lhs"
samples = 10
replicates = 4
seed = 3
indicators = ["ties", "science share", "innovations"]
[[parameter]]
key = "model.effects.base"
range = [-6.0, -5.0]
[[parameter]]
key = "intervention[AG].select.size"
range = [5, 40]
integer = true
T
cp verbund.db empty.db
"$verbund" -q --threads 2 sweep lhs.toml --out threads.csv
for n in 1 2 3; do
  cp empty.db "r$n.db"
  mpirun --oversubscribe -np "$n" "$verbund_mpi" -q --db "r$n.db" sweep lhs.toml --out "r$n.csv"
  cmp threads.csv "r$n.csv"
  echo "mpi: $n rank(s) = threads, byte for byte"
done

# Bad input: exit 2, nothing stored, no rank left waiting (the ranks agree on planning's outcome
# before any unit is handed out).
cp empty.db bad.db
cp lhs.toml bad.toml
printf '[[parameter]]\nkey = "model.decay"\nlevels = [0.1, 1.5]\n' >> bad.toml
before=$(sqlite3 bad.db .dump)
set +e
mpirun --oversubscribe -np 2 "$verbund_mpi" -q --db bad.db sweep bad.toml 2> bad.err
rc=$?
set -e
[ "$rc" -eq 2 ] || { echo "bad sweep under mpirun exited $rc, not 2" >&2; cat bad.err >&2; exit 1; }
grep -q "model.decay = 1.5" bad.err
[ "$before" = "$(sqlite3 bad.db .dump)" ]
# --out naming the database or the sweep file is refused before anything runs, as by `verbund`.
for target in bad.db bad.toml; do
  cp bad.toml bad-before.toml
  set +e
  mpirun --oversubscribe -np 2 "$verbund_mpi" -q --db bad.db sweep bad.toml --out "$target" 2> out.err
  rc=$?
  set -e
  [ "$rc" -eq 2 ] || { echo "--out $target exited $rc, not 2" >&2; cat out.err >&2; exit 1; }
  grep -q "write to another file" out.err
  [ "$before" = "$(sqlite3 bad.db .dump)" ] && cmp bad.toml bad-before.toml
done
# A point that parses but does not compile (an unknown theme), found by rank 2 of 3: rank 0
# reports it as the threaded sweep does.
cat > theme.toml <<'T'
scenario = "wg.toml"
replicates = 2
[[parameter]]
key = "intervention[AG].select.theme"
levels = ["logistics", "logistics", "nope"]
T
set +e
"$verbund" --db bad.db sweep theme.toml 2> threads.err
rc_threads=$?
mpirun --oversubscribe -np 3 "$verbund_mpi" --db bad.db sweep theme.toml 2> theme.err
rc=$?
set -e
[ "$rc" -eq 2 ] && [ "$rc_threads" -eq 2 ] || { echo "theme: exit $rc / $rc_threads" >&2; exit 1; }
grep -o "sweep point 2 .*" threads.err > want.txt
grep -o "sweep point 2 .*" theme.err | head -1 | cmp - want.txt
[ "$before" = "$(sqlite3 bad.db .dump)" ]
echo "mpi: a bad sweep exits 2 on every rank, nothing stored"

# Kill one rank once some units are stored (rank 0 stores every 0.05 s here); the job ends; a
# rerun resumes to the same bytes as the same sweep on threads. Units of 60 months, so that the
# kill comes mid-sweep.
sed 's/horizon_months = 12/horizon_months = 60/' wg.toml > wg60.toml
sed -e 's/wg.toml/wg60.toml/' -e 's/replicates = 4/replicates = 10/' lhs.toml > long.toml
cp empty.db long.db
"$verbund" -q --db long.db --threads 2 sweep long.toml --out long-threads.csv
cp empty.db killed.db
mpirun --oversubscribe -np 2 "$verbund_mpi" -q --db killed.db sweep long.toml --out killed.csv \
  --store-every 0.05 &
job=$!
stored=0
for _ in $(seq 1 400); do
  stored=$(sqlite3 killed.db "SELECT count(*) FROM sweep_results" 2>/dev/null || echo 0)
  [ "$stored" -gt 0 ] && break
  sleep 0.02
done
rank=$(pgrep -P "$job" -x verbund-mpi | tail -1 || true)
[ -n "$rank" ] && kill -9 "$rank"
wait "$job" 2>/dev/null || true
units=$(sqlite3 killed.db "SELECT count(*) / 3 FROM sweep_results")
echo "mpi: killed rank process $rank with $units of 100 units stored"
[ "$units" -lt 100 ] || { echo "the sweep finished before the kill: the test proves nothing" >&2; exit 1; }
mpirun --oversubscribe -np 2 "$verbund_mpi" -q --db killed.db sweep long.toml --out resumed.csv
cmp long-threads.csv resumed.csv
echo "mpi: resumed after the kill = threads, byte for byte"
