"""Peer oracle: networkx recomputes single-source risk and the loss cascade of random supplier
markets (written with verbund's answers by verbund_supply_risk_cases) from the definitions in
include/verbund/supply/risk.hpp, on a directed multigraph of the current flows.

Usage: supply_risk_oracle.py CASES_EXE [CASES]   (run by ctest with Debian's python3)
"""
import json
import math
import subprocess
import sys
from collections import defaultdict

import networkx as nx

from oracle_common import report

TOLERANCE = 1e-9


def km(a, b):
    lat1, lon1, lat2, lon2 = (math.radians(x) for x in (a[0], a[1], b[0], b[1]))
    h = math.sin((lat2 - lat1) / 2) ** 2 + \
        math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * 6371.0088 * math.asin(math.sqrt(min(1.0, h)))


def shares(graph, buyer, category):
    """Regional sources of (buyer, category): supplier -> (volume, share)."""
    volume = defaultdict(float)
    known = True
    for supplier, _, data in graph.in_edges(buyer, data=True):
        if data["category"] != category:
            continue
        volume[supplier] += data["volume"] or 0.0
        known = known and data["volume"] is not None
    total = sum(volume.values())
    if known and total > 0:
        return {s: (v, v / total) for s, v in volume.items()}
    return {s: (v, 1.0 / len(volume)) for s, v in volume.items()}


def check(case):
    label = f"seed {case['seed']}"
    failures = []
    got = case["got"]
    graph = nx.MultiDiGraph()
    graph.add_nodes_from(a["id"] for a in case["actors"])
    for f in case["flows"]:
        if f["current"]:
            graph.add_edge(f["supplier"], f["buyer"], category=f["category"], volume=f["volume"])
    demands = {(d["buyer"], d["category"]): d for d in case["demands"]}

    # Exposure and summary.
    single, without = [0, 0, 0], [0, 0, 0]
    high = defaultdict(list)
    for e in got["exposures"]:
        d = demands[(e["buyer"], e["category"])]
        src = shares(graph, e["buyer"], e["category"])
        hhi = sum(s * s for _, s in src.values()) if src else None
        regional = min(1.0, sum(v for v, _ in src.values()) / d["quantity"])
        if e["sources"] != len(src) or (hhi is None) != (e["hhi"] is None) or \
                (hhi is not None and abs(hhi - e["hhi"]) > TOLERANCE) or \
                abs(regional - e["regional_share"]) > TOLERANCE:
            failures.append(f"{label}: exposure of {e['buyer']}/{e['category']}: {e} vs "
                            f"sources {len(src)}, hhi {hhi}, share {regional}")
        single[d["criticality"]] += len(src) == 1
        without[d["criticality"]] += len(src) == 0
        if d["criticality"] == 2:
            high[d["buyer"]].append(len(src))
    expected = {"single_sourced": single, "without_regional": without,
                "buyers_with_high": len(high),
                "buyers_high_dual_sourced": sum(all(n >= 2 for n in v) for v in high.values())}
    for key, value in expected.items():
        if got["summary"][key] != value:
            failures.append(f"{label}: {key}: verbund {got['summary'][key]} vs networkx {value}")
    if len(got["exposures"]) != len(case["demands"]):
        failures.append(f"{label}: {len(got['exposures'])} exposures for {len(demands)} demands")

    # The cascade, tier by tier over the graph.
    opt = case["options"]
    failed = {a: 0 for a in case["removed"]}
    lost = []  # (tier, supplier, buyer, category, volume)
    for tier in range(1, opt["tiers"] + 1):
        frontier = [a for a, t in failed.items() if t == tier - 1]
        for u in frontier:
            for _, v, data in graph.out_edges(u, data=True):
                if v not in failed:
                    lost.append((tier, u, v, data["category"], data["volume"]))
        fresh = set()
        for (b, c), d in demands.items():
            if b in failed or d["criticality"] < opt["disrupting"]:
                continue
            src = shares(graph, b, c)
            gone = sum(s for a, (_, s) in src.items() if a in failed)
            left = sum(1 for a in src if a not in failed)
            if src and (left == 0 or gone >= opt["disruption_share"]):
                fresh.add(b)
        for b in fresh:
            failed[b] = tier
    disrupted = sorted((b, t) for b, t in failed.items() if t > 0)
    if sorted(tuple(x) for x in got["disrupted"]) != disrupted:
        failures.append(f"{label}: disrupted {got['disrupted']} vs networkx {disrupted}")

    # Inputs, judged as of the last tier in which they lost a flow.
    tiers = {}
    for tier, _, b, c, _ in lost:
        first, last = tiers.get((b, c), (tier, tier))
        tiers[(b, c)] = (min(first, tier), max(last, tier))
    inputs = []
    for (b, c), (first, last) in sorted(tiers.items()):
        src = shares(graph, b, c)
        down = [a for a in src if a in failed and failed[a] <= last - 1]
        left = len(src) - len(down)
        share = 1.0 if left == 0 else sum(src[a][1] for a in down)
        inputs.append((b, c, first, len(src), left, share))
    mine = sorted((i["buyer"], i["category"], i["first_tier"], i["sources_before"],
                   i["sources_left"], i["lost_share"]) for i in got["inputs"])
    if len(mine) != len(inputs) or any(
            x[:5] != y[:5] or abs(x[5] - y[5]) > TOLERANCE for x, y in zip(mine, inputs)):
        failures.append(f"{label}: inputs {mine} vs networkx {inputs}")

    # Substitutes for each lost flow.
    committed = defaultdict(float)
    for f in case["flows"]:
        if f["current"] and f["volume"] is not None:
            committed[(f["supplier"], f["category"])] += f["volume"]
    where = {a["id"]: (a["lat"], a["lon"]) for a in case["actors"] if a["lat"] is not None}
    expected_lost = []
    for tier, s, b, c, volume in lost:
        required = demands[(b, c)]["required"] if (b, c) in demands else 0
        options = []
        for o in case["offers"]:
            free = max(0.0, o["capacity"] - committed[(o["supplier"], o["category"])])
            if o["category"] != c or o["supplier"] in failed or o["supplier"] == b:
                continue
            if o["certifications"] & required != required or free <= 0:
                continue
            covers = volume is None or free >= volume
            distance = km(where[b], where[o["supplier"]]) \
                if b in where and o["supplier"] in where else math.inf
            options.append((not covers, distance, o["supplier"]))
        options.sort()
        expected_lost.append((tier, s, b, c, volume,
                              tuple(x[2] for x in options[:opt["substitutes"]])))
    mine_lost = [(x["tier"], x["supplier"], x["buyer"], x["category"], x["volume"],
                  tuple(x["substitutes"])) for x in got["lost"]]
    key = lambda x: (x[0], x[1], x[2], x[3], -1 if x[4] is None else x[4], x[5])
    if sorted(mine_lost, key=key) != sorted(expected_lost, key=key):
        failures.append(f"{label}: lost flows {sorted(mine_lost, key=key)} vs networkx "
                        f"{sorted(expected_lost, key=key)}")
    return failures, len(lost), len(disrupted)


def main():
    count = sys.argv[2] if len(sys.argv) > 2 else "60"
    cases = json.loads(subprocess.run([sys.argv[1], count], capture_output=True, text=True,
                                      check=True).stdout)
    failures, lost, disrupted = [], 0, 0
    for case in cases:
        f, n_lost, n_disrupted = check(case)
        failures += f
        lost += n_lost
        disrupted += n_disrupted
    print(f"{len(cases)} markets, {lost} lost flows, {disrupted} disrupted buyers")
    if lost == 0 or disrupted == 0:
        failures.append("the cases exercise no cascade: the oracle would prove nothing")
    report(failures)


if __name__ == "__main__":
    main()
