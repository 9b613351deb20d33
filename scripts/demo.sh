#!/usr/bin/env bash
# The main job on the bundled data: installs what is missing, builds a release, creates
# verbund.db from the Ruhr data (real institutions, synthetic firms) and shows the region.
# Usage: scripts/demo.sh [--firms N] [--seed S]
set -euo pipefail
cd "$(dirname "$0")/.."

firms=5000
seed=1
while [ $# -gt 0 ]; do
  case "$1" in
    --firms) firms="$2"; shift 2 ;;
    --seed) seed="$2"; shift 2 ;;
    *) echo "usage: scripts/demo.sh [--firms N] [--seed S]" >&2; exit 2 ;;
  esac
done

scripts/install-deps.sh
cmake --preset release > /dev/null
cmake --build --preset release -j "$(nproc)" --target verbund_cli
verbund=build/release/apps/verbund/verbund

rm -f verbund.db verbund.db-wal verbund.db-shm
echo
echo "== verbund generate ruhr --firms $firms --seed $seed   (institutions real, firms synthetic)"
"$verbund" --db verbund.db --seed "$seed" generate ruhr --firms "$firms"
echo
echo "== verbund info"
"$verbund" --db verbund.db info
echo
echo "== verbund metrics   (the indicators regions watch)"
"$verbund" --db verbund.db metrics
echo
# A firm with recorded needs, the first in id order.
firm=$(sqlite3 verbund.db "SELECT a.ext_id FROM actors a JOIN actor_competences c ON c.actor = a.id
                            WHERE a.kind = 'firm' AND c.role = 'need' ORDER BY a.ext_id LIMIT 1")
echo "== verbund match transfer --firm $firm --top 5 --explain   (research partners, explained)"
"$verbund" --db verbund.db match transfer --firm "$firm" --top 5 --explain
echo
echo "== verbund match transfer --all --assign optimal   (one matching round under capacities)"
"$verbund" --db verbund.db match transfer --all --assign optimal --out match-round.csv --format csv
sed -n '1,14p' match-round.csv
echo
# A buyer that sources a high-criticality input outside the region today, the first in id order.
read -r buyer category < <(sqlite3 -separator ' ' verbund.db "
  SELECT a.ext_id, d.category FROM actors a JOIN supply_demands d ON d.buyer = a.id
  WHERE d.source <> 'region' AND d.criticality = 'high' ORDER BY a.ext_id, d.category LIMIT 1")
echo "== verbund match suppliers --buyer $buyer --category $category --top 3 --explain"
echo "   (regional suppliers for an input it buys outside the region, explained)"
"$verbund" --db verbund.db match suppliers --buyer "$buyer" --category "$category" --top 3 --explain
echo
echo "== verbund suppliers plan   (buyers' outside demand allocated to regional capacity)"
# Exit 3 means some demand stays unmet; the plan and its reasons are printed either way.
"$verbund" --db verbund.db suppliers plan --out sourcing-plan.csv || [ $? -eq 3 ]
echo
# The supplier with the most current customers: what if it closed?
supplier=$(sqlite3 verbund.db "SELECT a.ext_id FROM supply_flows f JOIN ties t ON t.id = f.tie
                                JOIN actors a ON a.id = t.source
                                GROUP BY a.id ORDER BY count(*) DESC, a.ext_id LIMIT 1")
echo "== verbund suppliers risk --without $supplier --tiers 3   (who loses what if it closes)"
"$verbund" --db verbund.db suppliers risk --without "$supplier" --tiers 3 --limit 10
echo
echo "== verbund compare baseline vs. Duisburg masterplan vs. stronger transfer offices vs."
echo "   the Zulieferinitiative Ruhr (supplier catalogue and buyer-supplier days)"
echo "   (five years, 20 replicates each on common random numbers: 'difference' is the scenario"
echo "    minus the baseline at the horizon, with its 95 % confidence interval; 'verdict' says"
echo "    whether that interval lies above zero, below it, or around it)"
"$verbund" --db verbund.db --seed "$seed" compare data/scenarios/baseline.toml \
  data/scenarios/duisburg-masterplan.toml data/scenarios/transfer-offices.toml \
  data/scenarios/zulieferinitiative-ruhr.toml --replicates 20
echo
echo "== verbund report firm|call|scenario|region   (self-contained HTML to pass on, in German)"
mkdir -p reports
"$verbund" --db verbund.db report firm "$firm" --lang de --out reports/firm.html
"$verbund" --db verbund.db report call data/calls/efre-hydrogen.toml --lang de --out reports/call.html
"$verbund" --db verbund.db --seed "$seed" report scenario data/scenarios/baseline.toml \
  data/scenarios/transfer-offices.toml --replicates 5 --lang de --out reports/scenario.html
"$verbund" --db verbund.db report region --lang de --out reports/region.html
echo "open them in a browser (or print them to PDF):"
for r in firm call scenario region; do echo "  $PWD/reports/$r.html"; done
echo "== verbund event plan data/events/transfertag-ruhr/event.toml --out event-plan --explain"
echo "   (a matchmaking day of 150 participants: 16 slots of 20 minutes, 34 tables; agendas,"
echo "    one .ics per participant and the table plan in event-plan/)"
"$verbund" event plan data/events/transfertag-ruhr/event.toml --out event-plan --explain
echo "   Ruhr-Universität Bochum's agenda (event-plan/ics/rub.ics imports into any calendar):"
grep '^rub,' event-plan/agenda.csv | cut -d, -f4,5,7,10,12
echo
echo "verbund.db is ready (the matching round is in match-round.csv, the sourcing plan in"
echo "sourcing-plan.csv, the event plan in event-plan/); try: $verbund brokers --top 10"
