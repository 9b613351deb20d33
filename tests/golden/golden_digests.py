"""Golden digests: behaviour that a refactoring must keep byte for byte.

For fixed seeds on a generated region, hashes (SHA-256) of
  - the stdout of `simulate` for every bundled scenario, and the sim_series rows it stored;
  - the stdout of `compare` (baseline against every other bundled scenario) and its rows;
  - a fork resumed from a checkpoint (the checkpoint file, stdout and rows);
  - the stdout of `match transfer --all --assign optimal`.
The hashes are compared with tests/golden/digests.txt. A change that must alter a number
rewrites that file with --update and says in its commit which number changed and why.

Usage: golden_digests.py VERBUND_CLI PROJECT_DATA_DIR DIGESTS_FILE [--update]
(run by ctest with Debian's python3)
"""
import hashlib
import sqlite3
import subprocess
import sys
import tempfile
from pathlib import Path

SEED = "7"
REPLICATES = "4"


def run(cli, *args, cwd):
    done = subprocess.run([cli, *args], cwd=cwd, capture_output=True, text=True)
    if done.returncode != 0:
        sys.exit(f"verbund {' '.join(args)} failed ({done.returncode}):\n{done.stderr}")
    return done.stdout


def digest(text):
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def stored_series(db, run_id):
    """The run's sim_series rows, in key order, values in exact (hex) form."""
    with sqlite3.connect(db) as con:
        rows = con.execute(
            "SELECT scenario, replicate, month, indicator, value FROM sim_series WHERE run = ? "
            "ORDER BY scenario, replicate, month, indicator", (run_id,)).fetchall()
    return "\n".join(f"{s}|{r}|{m}|{i}|{float(v).hex()}" for s, r, m, i, v in rows)


def last_run(db):
    with sqlite3.connect(db) as con:
        return con.execute("SELECT max(id) FROM runs").fetchone()[0]


def compute(cli, data):
    data = Path(data).resolve()
    scenarios = sorted((data / "scenarios").glob("*.toml"))
    baseline = data / "scenarios" / "baseline.toml"
    out = {}
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "verbund.db"
        run(cli, "generate", "ruhr", "--firms", "2000", "--seed", "1", cwd=tmp)
        common = ["--seed", SEED, "--format", "csv"]
        for s in scenarios:
            text = run(cli, *common, "simulate", str(s), "--replicates", REPLICATES, cwd=tmp)
            out[f"simulate {s.name} stdout"] = digest(text)
            out[f"simulate {s.name} series"] = digest(stored_series(db, last_run(db)))
        others = [str(s) for s in scenarios if s != baseline]
        text = run(cli, *common, "compare", str(baseline), *others, "--replicates", REPLICATES,
                   cwd=tmp)
        out["compare stdout"] = digest(text)
        out["compare series"] = digest(stored_series(db, last_run(db)))
        # A fork resumed from a checkpoint file instead of replayed.
        run(cli, *common, "simulate", str(baseline), "--replicates", REPLICATES,
            "--checkpoint-at", "24", "--checkpoint", "baseline-24.ckpt", cwd=tmp)
        out["checkpoint file"] = digest((Path(tmp) / "baseline-24.ckpt").read_text())
        fork = (data / "scenarios" / "duisburg-second-phase.toml").read_text(encoding="utf-8")
        fork = fork.replace('from = "baseline.toml"',
                            f'from = "{baseline}"\ncheckpoint = "baseline-24.ckpt"')
        (Path(tmp) / "resumed.toml").write_text(fork, encoding="utf-8")
        text = run(cli, *common, "simulate", "resumed.toml", "--replicates", REPLICATES, cwd=tmp)
        out["simulate resumed from a checkpoint stdout"] = digest(text)
        out["simulate resumed from a checkpoint series"] = digest(stored_series(db, last_run(db)))
        text = run(cli, *common, "match", "transfer", "--all", "--assign", "optimal", cwd=tmp)
        out["match transfer --all --assign optimal stdout"] = digest(text)
    return out


def main():
    cli, data, golden = str(Path(sys.argv[1]).resolve()), sys.argv[2], Path(sys.argv[3])
    got = compute(cli, data)
    lines = "".join(f"{v}  {k}\n" for k, v in got.items())
    if "--update" in sys.argv[4:]:
        golden.write_text(lines, encoding="utf-8")
        print(f"wrote {len(got)} digests to {golden}")
        return
    want = {}
    for line in golden.read_text(encoding="utf-8").splitlines():
        value, key = line.split("  ", 1)
        want[key] = value
    bad = [k for k in sorted(set(want) | set(got)) if want.get(k) != got.get(k)]
    for k in bad:
        print(f"digest changed: {k}: want {want.get(k)}, got {got.get(k)}")
    print(f"{len(got) - len(bad)} passed, {len(bad)} failed")
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    main()
