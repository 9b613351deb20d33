"""Peer oracle: networkx recomputes `verbund metrics` on a generated region, with a tie filter, and
`metrics --where` for a municipality (typed without its umlaut) and for a sector: the indicators
about the selected actors over their ties to anyone, those of the network among them over the
induced subgraph.

Usage: metrics_oracle.py VERBUND_CLI   (run by ctest with Debian's python3)
"""
import csv
import json
import sys
import tempfile
from pathlib import Path

import networkx as nx

from oracle_common import mismatches, report, run



SCIENCE = {"university", "research_institute", "research_group"}


def read_graph(out, accept):
    """The actors (id -> row) and the simple graph of the ties `accept` takes, weights summed."""
    actors = {row["id"]: row for row in csv.DictReader(open(out / "actors.csv", encoding="utf-8"))}
    graph = nx.Graph()
    graph.add_nodes_from(actors)
    for t in csv.DictReader(open(out / "ties.csv", encoding="utf-8")):
        if accept(t):
            u, v = t["source"], t["target"]
            weight = float(t["weight"]) + (graph[u][v]["weight"] if graph.has_edge(u, v) else 0.0)
            graph.add_edge(u, v, weight=weight)
    return actors, graph


def share(part, whole):
    return part / whole if whole else 0.0


def about_selection(actors, graph, selected):
    """The indicators about the actors `selected`, their ties to anyone counted."""
    touching = [(u, v) for u, v in graph.edges() if u in selected or v in selected]
    inside = sum(1 for u, v in touching if u in selected and v in selected)
    outside = len(touching) - inside
    located = [(u, v) for u, v in touching if actors[u]["municipality"] and actors[v]["municipality"]]
    cross = sum(1 for u, v in located if actors[u]["municipality"] != actors[v]["municipality"])
    same_kind = sum(1 for u, v in touching if actors[u]["kind"] == actors[v]["kind"])
    firms = [a for a in selected if actors[a]["kind"] == "firm"]
    with_science = [f for f in firms if any(actors[w]["kind"] in SCIENCE for w in graph[f])]
    clustering = nx.clustering(graph)
    return {
        "actors": len(selected),
        "ties among them": inside,
        "ties to other actors": outside,
        "E-I index, ties out vs among them": share(outside - inside, outside + inside),
        "mean degree": sum(graph.degree(a) for a in selected) / len(selected),
        "max degree": max(graph.degree(a) for a in selected),
        "isolated actors": sum(1 for a in selected if graph.degree(a) == 0),
        "average local clustering in the whole network":
            sum(clustering[a] for a in selected) / len(selected),
        "firms": len(firms),
        "firms with a science tie": len(with_science),
        "share of firms with a science tie": share(len(with_science), len(firms)),
        "cross-municipal share of ties": share(cross, len(located)),
        "E-I index by actor kind": share(len(touching) - 2 * same_kind, len(touching)),
    }


def of_network(graph):
    """The indicators of a network (the induced subgraph under --where)."""
    components = list(nx.connected_components(graph))
    return {
        "actors": graph.number_of_nodes(),
        "connected pairs": graph.number_of_edges(),
        "density": nx.density(graph),
        "components": len(components),
        "giant component share": max(len(c) for c in components) / graph.number_of_nodes(),
        "transitivity": nx.transitivity(graph),
        "average local clustering": nx.average_clustering(graph),
        "weighted average clustering": nx.average_clustering(graph, weight="weight"),
    }


def main():
    cli = sys.argv[1]
    kinds = {"supply", "informal"}
    year = 2020
    where_cases = [("municipality=muelheim an der ruhr", "municipality", "Mülheim an der Ruhr"),
                   ("sector=25", "sector", "25")]
    with tempfile.TemporaryDirectory() as tmp:
        run(cli, "generate", "ruhr", "--firms", "4000", "--seed", "23", cwd=tmp)
        got = json.loads(run(cli, "metrics", "--format", "json", "--tie-kinds", ",".join(sorted(kinds)),
                             "--year", str(year), cwd=tmp))
        got_where = [json.loads(run(cli, "metrics", "--format", "json", "--where", where, cwd=tmp))
                     for where, _, _ in where_cases]
        run(cli, "export", "--out", "out", cwd=tmp)
        out = Path(tmp) / "out"

        def active(t):
            start = int(t["start"]) if t["start"] else None
            end = int(t["end"]) if t["end"] else None
            return t["kind"] in kinds and (start is None or start <= year) and (end is None or year <= end)

        actors, graph = read_graph(out, active)
        _, every_tie = read_graph(out, lambda t: True)

    located = [(u, v) for u, v in graph.edges() if actors[u]["municipality"] and actors[v]["municipality"]]
    cross = sum(1 for u, v in located if actors[u]["municipality"] != actors[v]["municipality"])
    internal = sum(1 for u, v in graph.edges() if actors[u]["kind"] == actors[v]["kind"])
    external = graph.number_of_edges() - internal
    expected = of_network(graph)
    expected.update({
        "cross-municipal share of ties": cross / len(located),
        "E-I index by actor kind": (external - internal) / (external + internal),
    })
    values = {row["indicator"]: row["value"] for row in got["network"]}
    failures = mismatches(expected, values, 1e-9, "network")

    for (where, key, value), result in zip(where_cases, got_where):
        selected = {a for a, row in actors.items() if row[key] == value}
        about = about_selection(actors, every_tie, selected)
        print(f"--where {where}: {len(selected)} actors, science share "
              f"{about['share of firms with a science tie']:.3f}")
        values = {row["indicator"]: row["value"] for row in result["selected actors, ties to anyone"]}
        failures += mismatches(about, values, 1e-9, f"--where {where}, about")
        values = {row["indicator"]: row["value"]
                  for row in result["network among the selected actors"]}
        failures += mismatches(of_network(every_tie.subgraph(selected)), values, 1e-9,
                               f"--where {where}, among")
    report(failures)


if __name__ == "__main__":
    main()
