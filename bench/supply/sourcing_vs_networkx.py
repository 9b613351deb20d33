"""The sourcing plan, verbund against networkx (the peer), on the same instance.

Builds a generated market with verbund_sourcing_instance (built with the tests), which writes the
transportation problem `suppliers plan` solves (every eligible pair: 8,000 buyers x 600
suppliers give about 980,000 candidate pairs) and times verbund's plan; then solves the same
problem with networkx's max_flow_min_cost and reports both times (medians), their ratio and
whether the totals (quantity and cost) agree (they must: both are exact on integers).

Usage (Debian's python3, which sees python3-networkx):
    /usr/bin/python3 bench/supply/sourcing_vs_networkx.py build/release/tests/verbund_sourcing_instance \\
        [--buyers 8000] [--suppliers 600] [--repeat 3] [--peer-repeat 1]
"""
import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "tests" / "oracle"))
from sourcing_plan_oracle import networkx_totals  # noqa: E402


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("instance_tool")
    parser.add_argument("--buyers", type=int, default=8000)
    parser.add_argument("--suppliers", type=int, default=600)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--peer-repeat", type=int, default=1)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        ours = json.loads(subprocess.run(
            [args.instance_tool, tmp, "--buyers", str(args.buyers), "--suppliers", str(args.suppliers),
             "--repeat", str(args.repeat)], check=True, capture_output=True, text=True).stdout)
        runs = []
        for _ in range(args.peer_repeat):
            start = time.perf_counter()
            value, cost = networkx_totals(Path(tmp))
            runs.append((time.perf_counter() - start, value, cost))
    peer_seconds = statistics.median(t for t, _, _ in runs)
    report = {
        "pairs": ours["pairs"],
        "offers": ours["offers"],
        "demands": ours["demands"],
        "verbund_seconds": ours["median_seconds"],
        "networkx_seconds": peer_seconds,
        "speedup": peer_seconds / ours["median_seconds"],
        "verbund_flow": ours["flow_units"],
        "networkx_flow": runs[0][1],
        "verbund_cost": ours["cost"],
        "networkx_cost": runs[0][2],
        "totals_agree": ours["flow_units"] == runs[0][1] and ours["cost"] == runs[0][2],
    }
    print(json.dumps(report, indent=2))
    return 0 if report["totals_agree"] else 1


if __name__ == "__main__":
    sys.exit(main())
