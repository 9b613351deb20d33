"""The optimal transfer assignment, verbund against networkx (the peer), on the same instance.

Builds the instance with verbund_assignment_instance (top-k candidate pairs of every firm of a
generated market), times verbund's cost-scaling solver there, then solves the same min-cost
circulation with networkx's network simplex and reports both times, their ratio, and whether the
optimal totals agree (they must: both are exact on integer weights).

Usage (Debian's python3, which sees python3-networkx):
    /usr/bin/python3 bench/match/assignment_vs_networkx.py build/release/bench/verbund_assignment_instance \\
        [--firms 20000] [--groups 2000] [--top 10] [--repeat 3]
"""
import argparse
import csv
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import networkx as nx


def solve_with_networkx(directory: Path):
    graph = nx.DiGraph()
    total_left = 0
    for row in csv.DictReader(open(directory / "capacities.csv")):
        capacity = int(row["capacity"])
        if row["side"] == "L":
            graph.add_edge("s", ("L", row["index"]), capacity=capacity, weight=0)
            total_left += capacity
        else:
            graph.add_edge(("R", row["index"]), "t", capacity=capacity, weight=0)
    for row in csv.DictReader(open(directory / "pairs.csv")):
        weight = int(row["weight"])
        if weight > 0:  # the solver never uses pairs without a positive score
            graph.add_edge(("L", row["left"]), ("R", row["right"]), capacity=1, weight=-weight)
    graph.add_edge("t", "s", capacity=total_left + 1, weight=0)  # a circulation: any amount flows
    start = time.perf_counter()
    cost, _ = nx.network_simplex(graph)
    return time.perf_counter() - start, -cost


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("instance_tool")
    parser.add_argument("--firms", type=int, default=20000)
    parser.add_argument("--groups", type=int, default=2000)
    parser.add_argument("--top", type=int, default=10)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        ours = json.loads(subprocess.run(
            [args.instance_tool, str(args.firms), str(args.groups), str(args.top), tmp, str(args.repeat)],
            check=True, capture_output=True, text=True).stdout)
        runs = [solve_with_networkx(Path(tmp)) for _ in range(args.repeat)]
    peer_seconds = statistics.median(t for t, _ in runs)
    peer_total = runs[0][1]
    report = {
        "pairs": ours["pairs"],
        "firms": ours["left"],
        "candidates": ours["right"],
        "verbund_seconds": ours["median_seconds"],
        "networkx_seconds": peer_seconds,
        "speedup": peer_seconds / ours["median_seconds"],
        "verbund_total_units": ours["total_units"],
        "networkx_total_units": peer_total,
        "totals_agree": ours["total_units"] == peer_total,
    }
    print(json.dumps(report, indent=2))
    return 0 if report["totals_agree"] else 1


if __name__ == "__main__":
    sys.exit(main())
