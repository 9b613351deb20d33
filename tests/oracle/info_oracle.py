"""Peer oracle: networkx recomputes what `verbund info` reports for a generated region.

Usage: info_oracle.py VERBUND_CLI RUHR_DATA_DIR   (run by ctest with Debian's python3)
"""
import csv
import json
import sys
import tempfile
from pathlib import Path

import networkx as nx

from oracle_common import compare, run

SCIENCE = {"university", "research_institute", "research_group"}



def main():
    cli = sys.argv[1]
    with tempfile.TemporaryDirectory() as tmp:
        run(cli, "generate", "ruhr", "--firms", "3000", "--seed", "17", "--ties-per-firm", "1.2", cwd=tmp)
        info = json.loads(run(cli, "info", "--format", "json", cwd=tmp))
        run(cli, "export", "--out", "out", cwd=tmp)
        out = Path(tmp) / "out"
        kinds = {row["id"]: row["kind"] for row in csv.DictReader(open(out / "actors.csv", encoding="utf-8"))}
        graph = nx.Graph()
        graph.add_nodes_from(kinds)
        ties = list(csv.DictReader(open(out / "ties.csv", encoding="utf-8")))
        graph.add_edges_from((t["source"], t["target"]) for t in ties)

    firms = [a for a, k in kinds.items() if k == "firm"]
    with_science = sum(1 for f in firms if any(kinds[n] in SCIENCE for n in graph[f]))
    components = list(nx.connected_components(graph))
    expected = {
        "actors": graph.number_of_nodes(),
        "ties": len(ties),
        "connected pairs": graph.number_of_edges(),
        "density": nx.density(graph),
        "components": len(components),
        "giant component share": max(len(c) for c in components) / graph.number_of_nodes(),
        "firms": len(firms),
        "firms with a science tie": with_science,
        "share of firms with a science tie": with_science / len(firms),
    }
    got = {row["indicator"]: row["value"] for row in info["region"]}
    compare(expected, got, 1e-12)


if __name__ == "__main__":
    main()
