#!/usr/bin/env bash
# The seed scenarios' verdicts: `compare` of every data/scenarios/*.toml against the bundled
# baseline, on the region of the golden digests (generate ruhr --firms 2000 --seed 1), printed as
# a Markdown table (verdict and difference at the horizon per indicator).
#
# Usage: bench/calib/seed_verdicts.sh [VERBUND] [REPLICATES] [SEED]
#   defaults: build/release/apps/verbund/verbund, 10 replicates, seed 7 (the golden digests' seed)
# Rerun it after a change to the model or its defaults, and update the README's table.
set -euo pipefail
here=$(cd "$(dirname "$0")/../.." && pwd)
cli=$(realpath "${1:-$here/build/release/apps/verbund/verbund}")
replicates=${2:-10}
seed=${3:-7}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
"$cli" generate ruhr --firms 2000 --seed 1 >/dev/null
scenarios=()
for s in "$here"/data/scenarios/*.toml; do
  [[ $(basename "$s") == baseline.toml ]] || scenarios+=("$s")
done
"$cli" --seed "$seed" --format csv compare "$here/data/scenarios/baseline.toml" "${scenarios[@]}" \
  --replicates "$replicates" >compare.csv 2>compare.log
echo "Seed verdicts: \`compare\` against data/scenarios/baseline.toml, generate ruhr --firms 2000"
echo "--seed 1, $replicates replicates, --seed $seed; difference at the horizon (95 % interval)."
echo
/usr/bin/python3 - compare.csv <<'PY'
import csv, sys
shown = ["mean degree", "science share", "transitivity", "cross-municipal share", "innovations",
         "regional sourcing share"]
rows = {}
order = []
with open(sys.argv[1], newline="", encoding="utf-8") as f:
    for r in csv.DictReader(f):
        if r["scenario"] not in rows:
            rows[r["scenario"]] = {}
            order.append(r["scenario"])
        rows[r["scenario"]][r["indicator"]] = r
def cell(r):
    if r is None:
        return ""
    d, lo, hi = (float(r[k]) for k in ("difference", "low (95%)", "high (95%)"))
    if r["verdict"] == "unchanged":
        return "unchanged"
    return f'{r["verdict"]} {d:+.3g} [{lo:.3g}, {hi:.3g}]'
print("| scenario | " + " | ".join(shown) + " |")
print("| --- |" + " --- |" * len(shown))
for s in order:
    print(f"| {s} | " + " | ".join(cell(rows[s].get(i)) for i in shown) + " |")
PY
