"""Peer oracle: networkx reads verbund's GraphML and GEXF back, unedited, with every actor, tie
and attribute, the parent links and memberships as edges of their own kinds and the
competences as node attributes; so does the JSON export; the DOT file has one statement per
actor and tie; the GeoJSON export passes an RFC 7946 check written here (Python's json module,
no GeoJSON library on Debian's python3), with every position [lon, lat] as in the CSV export.

Usage: export_oracle.py VERBUND_CLI   (run by ctest with Debian's python3)
"""
import collections
import re
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
        for fmt in ("graphml", "gexf", "dot", "json", "geojson"):
            run(cli, "export", "--format", fmt, "--out", f"region.{fmt}", cwd=tmp)
        actors = {r["id"]: r for r in csv.DictReader(open(out / "csv/actors.csv", encoding="utf-8"))}
        ties = list(csv.DictReader(open(out / "csv/ties.csv", encoding="utf-8")))
        expected_kinds = collections.Counter(t["kind"] for t in ties)
        expected_weight = sum(float(t["weight"]) for t in ties)
        memberships = list(csv.DictReader(open(out / "csv/memberships.csv", encoding="utf-8")))
        parents = {a: r["parent"] for a, r in actors.items() if r["parent"]}
        offers, needs = collections.defaultdict(list), collections.defaultdict(list)
        for row in csv.DictReader(open(out / "csv/competences.csv", encoding="utf-8")):
            (offers if row["role"] == "offer" else needs)[row["actor"]].append(row["competence"])
        if not parents or not memberships:
            failures.append("the generated region has no parents or memberships: nothing tested")

        for fmt, graph in (("graphml", nx.read_graphml(out / "region.graphml")),
                           ("gexf", nx.read_gexf(out / "region.gexf"))):
            edges = len(ties) + len(parents) + len(memberships)
            if graph.number_of_nodes() != len(actors) or graph.number_of_edges() != edges:
                failures.append(f"{fmt}: {graph.number_of_nodes()} nodes, {graph.number_of_edges()} edges")
            tie_edges = [(u, v, d) for u, v, d in graph.edges(data=True)
                         if d["kind"] not in ("parent", "membership")]
            kinds = collections.Counter(d["kind"] for _, _, d in tie_edges)
            if kinds != expected_kinds:
                failures.append(f"{fmt}: tie kinds {kinds} != {expected_kinds}")
            failures += family_and_groups(fmt, graph, parents, memberships)
            for actor_id, node in graph.nodes(data=True):
                for attr, want in (("offers", offers), ("needs", needs), ("parent", parents)):
                    wanted = want.get(actor_id, "")
                    if isinstance(wanted, list):
                        wanted = ";".join(sorted(wanted))
                        got = ";".join(sorted(node.get(attr, "").split(";"))).strip(";")
                    else:
                        got = node.get(attr, "")
                    if got != wanted:
                        failures.append(f"{fmt}: {actor_id} {attr} {got!r} != {wanted!r}")
                        break
            weight = sum(float(d["weight"]) for _, _, d in tie_edges)
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
        if (sum(" -- " in line for line in dot) != len(ties) + len(parents) + len(memberships)
                or sum("[label=" in line for line in dot) != len(actors)):
            failures.append("dot: statement counts differ")
        # DOT carries the parent links and memberships as GraphML and GEXF do, each once.
        dot_edge = re.compile(r'^  "(.*)" -- "(.*)" \[kind="(parent|membership)"')
        dot_extra = collections.Counter()
        for line in dot:
            if m := dot_edge.match(line):
                dot_extra[(m[3], m[1], m[2])] += 1
        want_extra = collections.Counter([("parent", c, p) for c, p in parents.items()] +
                                         [("membership", r["actor"], r["group"]) for r in memberships])
        if dot_extra != want_extra:
            failures.append(f"dot: parent/membership edges differ ({sum(dot_extra.values())} "
                            f"read, {sum(want_extra.values())} expected)")

        failures += geojson_check(json.loads((out / "region.geojson").read_text(encoding="utf-8")),
                                  actors, ties)
        failures += unwritable_characters(cli, out)
    report(failures)


def family_and_groups(fmt, graph, parents, memberships):
    """Parent links child -> parent and memberships member -> group, each once, as edges."""
    failures = []
    got_parents = collections.Counter()
    got_members = collections.Counter()
    for u, v, d in graph.edges(data=True):
        if d["kind"] == "parent":
            got_parents[frozenset((u, v))] += 1
        elif d["kind"] == "membership":
            got_members[frozenset((u, v))] += 1
    want_parents = collections.Counter(frozenset((c, p)) for c, p in parents.items())
    want_members = collections.Counter(frozenset((m["actor"], m["group"])) for m in memberships)
    if got_parents != want_parents:
        failures.append(f"{fmt}: parent edges differ from the actors' parent column")
    if got_members != want_members:
        failures.append(f"{fmt}: membership edges differ from memberships.csv")
    return failures


def position(value, where):
    """An RFC 7946 position: [longitude, latitude], numbers in range."""
    if (not isinstance(value, list) or len(value) != 2
            or not all(isinstance(x, (int, float)) for x in value)
            or not -180 <= value[0] <= 180 or not -90 <= value[1] <= 90):
        return [f"geojson: {where}: {value!r} is not a [lon, lat] position"]
    return []


def geojson_check(doc, actors, ties):
    """RFC 7946 structure (FeatureCollection of Features with geometry and properties), points
    at the CSV export's [lon, lat], a line per tie between two located actors, the others
    listed as left out."""
    failures = []
    if doc.get("type") != "FeatureCollection" or not isinstance(doc.get("features"), list):
        return ["geojson: not a FeatureCollection with a features array"]
    located = {a: (float(r["lon"]), float(r["lat"])) for a, r in actors.items()
               if r["lat"] and r["lon"]}
    points, lines = {}, collections.Counter()
    for i, f in enumerate(doc["features"]):
        if f.get("type") != "Feature" or not isinstance(f.get("properties"), dict) \
                or not isinstance(f.get("geometry"), dict):
            failures.append(f"geojson: feature {i} is not a Feature with geometry and properties")
            continue
        g = f["geometry"]
        if g.get("type") == "Point":
            failures += position(g.get("coordinates"), f"feature {i}")
            points[f["properties"]["id"]] = tuple(g["coordinates"])
        elif g.get("type") == "LineString":
            coords = g.get("coordinates")
            if not isinstance(coords, list) or len(coords) < 2:
                failures.append(f"geojson: feature {i}: a LineString needs two positions")
                continue
            for c in coords:
                failures += position(c, f"feature {i}")
            p = f["properties"]
            lines[(p["source"], p["target"], p["kind"])] += 1
            if located.get(p["source"]) != tuple(coords[0]) or located.get(p["target"]) != tuple(coords[-1]):
                failures.append(f"geojson: feature {i}: line ends are not its actors' positions")
        else:
            failures.append(f"geojson: feature {i}: unexpected geometry {g.get('type')}")
    if points != located:
        failures.append(f"geojson: {len(points)} points, expected {len(located)} at the CSV's positions")
    want_lines = collections.Counter((t["source"], t["target"], t["kind"]) for t in ties
                                     if t["source"] in located and t["target"] in located)
    if lines != want_lines:
        failures.append(f"geojson: {sum(lines.values())} lines, expected {sum(want_lines.values())}")
    if sorted(doc.get("actors_without_coordinates", [])) != sorted(set(actors) - set(located)):
        failures.append("geojson: actors_without_coordinates differs from the actors without lat/lon")
    return failures


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
