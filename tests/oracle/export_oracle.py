"""Peer oracle: networkx reads verbund's GraphML and GEXF back, unedited, with every actor, tie
and attribute; so does the JSON export; the DOT file has one statement per actor and tie.

Usage: export_oracle.py VERBUND_CLI   (run by ctest with Debian's python3)
"""
import collections
import csv
import json
import sqlite3
import sys
import tempfile
from pathlib import Path

import networkx as nx

from oracle_common import report, run



def main():
    cli = sys.argv[1]
    failures = []
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp)
        run(cli, "generate", "ruhr", "--firms", "1500", "--seed", "9", cwd=tmp)
        run(cli, "export", "--out", "csv", cwd=tmp)
        for fmt in ("graphml", "gexf", "dot", "json"):
            run(cli, "export", "--format", fmt, "--out", f"region.{fmt}", cwd=tmp)
        actors = {r["id"]: r for r in csv.DictReader(open(out / "csv/actors.csv", encoding="utf-8"))}
        ties = list(csv.DictReader(open(out / "csv/ties.csv", encoding="utf-8")))
        expected_kinds = collections.Counter(t["kind"] for t in ties)
        expected_weight = sum(float(t["weight"]) for t in ties)

        for fmt, graph in (("graphml", nx.read_graphml(out / "region.graphml")),
                           ("gexf", nx.read_gexf(out / "region.gexf"))):
            if graph.number_of_nodes() != len(actors) or graph.number_of_edges() != len(ties):
                failures.append(f"{fmt}: {graph.number_of_nodes()} nodes, {graph.number_of_edges()} edges")
            kinds = collections.Counter(d["kind"] for _, _, d in graph.edges(data=True))
            if kinds != expected_kinds:
                failures.append(f"{fmt}: tie kinds {kinds} != {expected_kinds}")
            weight = sum(float(d["weight"]) for _, _, d in graph.edges(data=True))
            if abs(weight - expected_weight) > 1e-6 * expected_weight:
                failures.append(f"{fmt}: total weight {weight} != {expected_weight}")
            for actor_id in ("mun-muelheim-an-der-ruhr", "rub", "F001000"):
                node = graph.nodes[actor_id]
                name = node.get("name", node.get("label"))
                if name != actors[actor_id]["name"] or node["kind"] != actors[actor_id]["kind"]:
                    failures.append(f"{fmt}: {actor_id} read back as {node}")

        doc = json.loads((out / "region.json").read_text(encoding="utf-8"))
        json_kinds = collections.Counter(t["kind"] for t in doc["ties"])
        json_weight = sum(t["weight"] for t in doc["ties"])
        by_id = {a["id"]: a for a in doc["actors"]}
        if (len(doc["actors"]) != len(actors) or json_kinds != expected_kinds
                or abs(json_weight - expected_weight) > 1e-6 * expected_weight
                or by_id["mun-muelheim-an-der-ruhr"]["name"] != actors["mun-muelheim-an-der-ruhr"]["name"]):
            failures.append("json: actors, tie kinds, weights or names differ from the CSV export")

        dot = (out / "region.dot").read_text(encoding="utf-8").splitlines()
        if sum(" -- " in line for line in dot) != len(ties) or sum("[label=" in line for line in dot) != len(actors):
            failures.append("dot: statement counts differ")

        failures += unwritable_characters(cli, out)
    report(failures)


def unwritable_characters(cli, out):
    """Issue 12, defect 5: names XML 1.0 cannot carry (import refuses them now, but a database
    written before, or by other means, may hold them) still give well-formed GraphML and GEXF:
    such characters become U+FFFD; tab, line feed and carriage return survive."""
    failures = []
    db = sqlite3.connect(out / "verbund.db")
    db.execute("UPDATE actors SET name = ? WHERE ext_id = 'rub'",
               ("Ruhr\x00Uni\x01 <&>'\" \ttab\nline\rcr \ufffe\x7f end",))
    # Malformed UTF-8 (a lone 0xFF byte) straight into the TEXT column.
    db.execute("UPDATE actors SET name = CAST(X'46C3FF5A' AS TEXT) WHERE ext_id = 'F001000'")
    db.execute("UPDATE actors SET municipality = ? WHERE ext_id = 'F001000'", ("Bochum\x1b[31m",))
    db.commit()
    db.close()
    expected = {"rub": "Ruhr\ufffdUni\ufffd <&>'\" \ttab\nline\rcr \ufffd\x7f end",
                "F001000": "F\ufffd\ufffdZ"}
    for fmt, read in (("graphml", nx.read_graphml), ("gexf", nx.read_gexf)):
        run(cli, "export", "--format", fmt, "--out", f"odd.{fmt}", cwd=out)
        try:
            graph = read(out / f"odd.{fmt}")
        except Exception as e:  # noqa: BLE001 - any parse failure is the defect
            failures.append(f"{fmt} with control characters: networkx cannot read it: {e}")
            continue
        for actor_id, name in expected.items():
            node = graph.nodes[actor_id]
            got = node.get("name", node.get("label"))
            if got != name:
                failures.append(f"{fmt}: {actor_id} name read back as {got!r}, expected {name!r}")
        if graph.nodes["F001000"].get("municipality") != "Bochum\ufffd[31m":
            failures.append(f"{fmt}: municipality read back as "
                            f"{graph.nodes['F001000'].get('municipality')!r}")
    return failures


if __name__ == "__main__":
    main()
