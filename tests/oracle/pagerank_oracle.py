"""Peer oracle: networkx's pagerank with a personalisation vector recomputes the personalised
PageRank of partner recommendation (match::personalised_pagerank) on random small graphs
written by verbund_pagerank_cases: restart uniform over the members, unweighted, isolated
actors restarting at the members (networkx's default for dangling nodes).

Usage: pagerank_oracle.py CASES_EXE [CASES]   (run by ctest with Debian's python3)
"""
import json
import subprocess
import sys

import networkx as nx
# networkx's own pure-Python pagerank: nx.pagerank itself needs scipy, not installed here.
from networkx.algorithms.link_analysis.pagerank_alg import _pagerank_python as pagerank

from oracle_common import report

TOLERANCE = 1e-9


def main():
    exe = sys.argv[1]
    cases = sys.argv[2] if len(sys.argv) > 2 else "30"
    data = json.loads(subprocess.run([exe, cases], check=True, capture_output=True,
                                     text=True).stdout)
    failures = []
    for k, case in enumerate(data):
        ids = case["ids"]
        graph = nx.Graph()
        graph.add_nodes_from(range(case["n"]))
        # The edges name file positions a0..a(n-1); map them to verbund's indices.
        index = {name: i for i, name in enumerate(ids)}
        for s, e in case["edges"]:
            graph.add_edge(index["a%d" % s], index["a%d" % e])
        members = case["members"]
        personal = {v: (1.0 if v in members else 0.0) for v in graph.nodes}
        want = pagerank(graph, alpha=case["alpha"], personalization=personal, weight=None,
                    tol=1e-14, max_iter=100000)
        for v in graph.nodes:
            got = case["pagerank"][v]
            if abs(got - want[v]) > TOLERANCE:
                failures.append("case %d actor %d: verbund %.12g, networkx %.12g"
                                % (k, v, got, want[v]))
    print("%d cases: personalised PageRank = networkx pagerank(personalization=members)"
          % len(data))
    report(failures)


if __name__ == "__main__":
    main()
