"""Peer oracle: networkx recomputes `verbund metrics` on a generated region, with a tie filter.

Usage: metrics_oracle.py VERBUND_CLI   (run by ctest with Debian's python3)
"""
import csv
import json
import sys
import tempfile
from pathlib import Path

import networkx as nx

from oracle_common import compare, run



def main():
    cli = sys.argv[1]
    kinds = {"supply", "informal"}
    year = 2020
    with tempfile.TemporaryDirectory() as tmp:
        run(cli, "generate", "ruhr", "--firms", "4000", "--seed", "23", cwd=tmp)
        got = json.loads(run(cli, "metrics", "--format", "json", "--tie-kinds", ",".join(sorted(kinds)),
                             "--year", str(year), cwd=tmp))
        run(cli, "export", "--out", "out", cwd=tmp)
        out = Path(tmp) / "out"
        actors = {row["id"]: row for row in csv.DictReader(open(out / "actors.csv", encoding="utf-8"))}
        graph = nx.Graph()
        graph.add_nodes_from(actors)
        for t in csv.DictReader(open(out / "ties.csv", encoding="utf-8")):
            start = int(t["start"]) if t["start"] else None
            end = int(t["end"]) if t["end"] else None
            if t["kind"] in kinds and (start is None or start <= year) and (end is None or year <= end):
                u, v = t["source"], t["target"]
                weight = float(t["weight"]) + (graph[u][v]["weight"] if graph.has_edge(u, v) else 0.0)
                graph.add_edge(u, v, weight=weight)

    located = [(u, v) for u, v in graph.edges() if actors[u]["municipality"] and actors[v]["municipality"]]
    cross = sum(1 for u, v in located if actors[u]["municipality"] != actors[v]["municipality"])
    internal = sum(1 for u, v in graph.edges() if actors[u]["kind"] == actors[v]["kind"])
    external = graph.number_of_edges() - internal
    components = list(nx.connected_components(graph))
    expected = {
        "actors": graph.number_of_nodes(),
        "connected pairs": graph.number_of_edges(),
        "density": nx.density(graph),
        "components": len(components),
        "giant component share": max(len(c) for c in components) / graph.number_of_nodes(),
        "transitivity": nx.transitivity(graph),
        "average local clustering": nx.average_clustering(graph),
        "weighted average clustering": nx.average_clustering(graph, weight="weight"),
        "cross-municipal share of ties": cross / len(located),
        "E-I index by actor kind": (external - internal) / (external + internal),
    }
    values = {row["indicator"]: row["value"] for row in got["network"]}
    compare(expected, values, 1e-9)


if __name__ == "__main__":
    main()
