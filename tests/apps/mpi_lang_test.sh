#!/usr/bin/env bash
# verbund-mpi --lang: the points table and the messages as `verbund sweep --lang` gives them
# (German headers and decimal commas under de, English under en), the command line's own errors
# with the program's prefix and exit 2. Kept short: 120 firms, 3 points of 2 replicates, 3 months.
# Usage: mpi_lang_test.sh VERBUND VERBUND_MPI
set -euo pipefail
verbund=$1
verbund_mpi=$2
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
cd "$dir"
export OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1
export OMPI_MCA_rmaps_base_oversubscribe=1 OMPI_MCA_btl_vader_single_copy_mechanism=none
# The language must come from --lang, not from the environment.
export LC_ALL=C LANG=C
unset LC_MESSAGES

"$verbund" -q generate ruhr --firms 120 --seed 2
cat > wg.toml <<'T'
name = "wg"
horizon_months = 3
[[intervention]]
name = "AG"
type = "working_group"
select = { kinds = ["firm"], size = 10 }
meetings = 2
T
cat > grid.toml <<'T'
scenario = "wg.toml"
replicates = 2
indicators = ["ties", "science share"]
[[parameter]]
key = "model.decay"
range = [0.1, 0.45]
steps = 3
T
cp verbund.db empty.db
for lang in de en; do
  cp empty.db "threads-$lang.db"
  "$verbund" --db "threads-$lang.db" --lang "$lang" sweep grid.toml > "threads-$lang.txt"
  cp empty.db "mpi-$lang.db"
  mpirun --oversubscribe -np 2 "$verbund_mpi" --db "mpi-$lang.db" --lang "$lang" sweep grid.toml \
    > "mpi-$lang.txt"
  # The same points table as the threaded sweep's (verbund-mpi prints one line before it).
  tail -n +2 "mpi-$lang.txt" | cmp - "threads-$lang.txt"
done
grep -q "^Punkte$" mpi-de.txt && grep -q "Beziehungen (Mittel)" mpi-de.txt
grep -Eq "[0-9],[0-9]" mpi-de.txt
grep -q "^Sweep 1: 6 Einheiten" mpi-de.txt
grep -q "^sweep 1: 6 units" mpi-en.txt && grep -q "^points$" mpi-en.txt
if grep -Eq "[0-9],[0-9]" mpi-en.txt; then echo "decimal comma under --lang en" >&2; exit 1; fi
echo "mpi --lang: de and en points tables = verbund sweep --lang, byte for byte"

# Usage errors: the prefix in the language, exit 2; an unknown language named.
set +e
mpirun --oversubscribe -np 2 "$verbund_mpi" --lang de --no-such sweep grid.toml 2> bad.err
rc=$?
mpirun --oversubscribe -np 2 "$verbund_mpi" --lang fr sweep grid.toml 2> fr.err
rc_fr=$?
set -e
[ "$rc" -eq 2 ] && [ "$rc_fr" -eq 2 ] || { echo "usage errors exited $rc / $rc_fr, not 2" >&2; exit 1; }
grep -q "^verbund-mpi: Fehler: Dieses Argument wurde nicht erwartet: --no-such" bad.err
grep -q "^verbund-mpi: error: --lang: unknown language 'fr' (de or en)" fr.err
echo "mpi --lang: usage errors with the prefix, exit 2"
