"""Sourcing plans, verbund against networkx: on random generated markets (several seeds, share
caps, cost kinds, planning units), the plan's total quantity and cost must equal networkx's
max_flow_min_cost on the very same transportation problem (written by verbund_sourcing_instance).

Usage (Debian's python3, which sees python3-networkx):
    /usr/bin/python3 tests/oracle/sourcing_plan_oracle.py build/release/bench/verbund_sourcing_instance
"""
import csv
import json
import subprocess
import sys
import tempfile
from pathlib import Path

import networkx as nx


def networkx_totals(directory: Path):
    graph = nx.DiGraph()
    graph.add_node("s")
    graph.add_node("t")
    for row in csv.DictReader(open(directory / "supply.csv")):
        graph.add_edge("s", ("o", row["offer"]), capacity=int(row["units"]), weight=0)
    for row in csv.DictReader(open(directory / "need.csv")):
        graph.add_edge(("d", row["demand"]), "t", capacity=int(row["units"]), weight=0)
    for row in csv.DictReader(open(directory / "pairs.csv")):
        graph.add_edge(("o", row["offer"]), ("d", row["demand"]),
                       capacity=int(row["capacity"]), weight=int(row["cost"]))
    flow = nx.max_flow_min_cost(graph, "s", "t")
    value = sum(flow["s"].values())
    return value, nx.cost_of_flow(graph, flow)


def main():
    tool = sys.argv[1]
    cases = []
    for seed in range(1, 13):
        args = ["--seed", str(seed), "--buyers", str(20 + 7 * seed), "--suppliers", str(5 + 2 * seed),
                "--max-share", str(round(0.25 + 0.06 * seed, 2)),
                "--cost", "distance" if seed % 2 else "score"]
        if seed % 3 == 0:
            args.append("--all-demands")
        if seed % 4 == 0:
            args += ["--unit", "5"]
        if seed % 5 == 0:
            args += ["--candidates", "3"]
        cases.append(args)
    failures = 0
    for args in cases:
        with tempfile.TemporaryDirectory() as tmp:
            ours = json.loads(subprocess.run([tool, tmp] + args, check=True, capture_output=True,
                                             text=True).stdout)
            value, cost = networkx_totals(Path(tmp))
        ok = ours["flow_units"] == value and ours["cost"] == cost and ours["gap"] == 0
        print(f"{' '.join(args)}: pairs {ours['pairs']}, flow {ours['flow_units']} vs {value}, "
              f"cost {ours['cost']} vs {cost}, gap {ours['gap']}: {'ok' if ok else 'MISMATCH'}")
        failures += 0 if ok else 1
    if failures:
        print(f"{failures} of {len(cases)} instances differ")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
