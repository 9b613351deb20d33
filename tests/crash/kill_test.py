"""Crash safety: `import`, `generate` and `simulate` killed (SIGKILL) at random points.

After every kill the database, if the run got as far as creating it, must
  - pass PRAGMA integrity_check, and
  - hold all of the run's data or none of it: every table holds either the rows it held
    before the run or the rows an undisturbed run leaves (compared as counts per table), and
    the provenance row in `runs` is there exactly when the data is.
Kill times are drawn uniformly over 0..1.2 x the undisturbed run's wall time (seeded, so a
failure can be replayed with the same seed), so kills land before, during and after the
transaction.

Usage: kill_test.py VERBUND_CLI PROJECT_DATA_DIR [--trials N] [--seed S]
(run by ctest with Debian's python3)
"""
import argparse
import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

TABLES = ("actors", "actor_competences", "ties", "memberships", "runs", "sim_series",
          "supply_categories", "supply_offers", "supply_demands", "supply_flows")


def counts(db):
    """Rows per table, or None when the file does not exist or holds no verbund schema yet."""
    if not db.exists():
        return None
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        check = con.execute("PRAGMA integrity_check").fetchall()
        if check != [("ok",)]:
            sys.exit(f"FAIL: {db}: integrity_check says {check}")
        names = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        return {t: (con.execute(f"SELECT count(*) FROM {t}").fetchone()[0] if t in names else 0)
                for t in TABLES}
    finally:
        con.close()


def run(cli, args, cwd):
    done = subprocess.run([cli, *args], cwd=cwd, capture_output=True, text=True)
    if done.returncode != 0:
        sys.exit(f"verbund {' '.join(args)} failed ({done.returncode}):\n{done.stderr}")


def timed(cli, args, cwd):
    start = time.monotonic()
    run(cli, args, cwd)
    return time.monotonic() - start


def kill_after(cli, args, cwd, delay):
    proc = subprocess.Popen([cli, *args], cwd=cwd, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    try:
        proc.wait(timeout=delay)
        return False  # it finished first
    except subprocess.TimeoutExpired:
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        return True


def all_or_nothing(name, before, after, full):
    """`after` must equal `before` (nothing) or `full` (everything)."""
    empty = {t: 0 for t in TABLES}
    if after in (before, full) or (before is None and after in (empty, full)):
        return "all" if after == full else "none"
    sys.exit(f"FAIL: {name}: killed run left a partial database\n  before {before}\n"
             f"  after  {after}\n  full   {full}")


def trial_series(name, cli, args, prepare, rng, trials, work):
    """Times one undisturbed run, then kills `trials` runs at random points."""
    reference = work / f"{name}-reference"
    reference.mkdir()
    prepare(reference)
    before = counts(reference / "verbund.db")
    duration = timed(cli, args, reference)
    full = counts(reference / "verbund.db")
    outcomes = {"all": 0, "none": 0, "finished": 0}
    for i in range(trials):
        cwd = work / f"{name}-{i}"
        cwd.mkdir()
        prepare(cwd)
        delay = rng.uniform(0.0, 1.2 * duration)
        killed = kill_after(cli, args, cwd, delay)
        after = counts(cwd / "verbund.db")
        if not killed:
            outcomes["finished"] += 1
            if after != full:
                sys.exit(f"FAIL: {name}: a finished run left {after}, expected {full}")
        else:
            outcomes[all_or_nothing(f"{name} killed after {delay:.3f} s", before, after, full)] += 1
        shutil.rmtree(cwd)
    print(f"{name}: undisturbed {duration:.2f} s; {trials} trials: "
          f"{outcomes['none']} killed before commit, {outcomes['all']} killed after commit, "
          f"{outcomes['finished']} finished")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("cli")
    parser.add_argument("data")
    parser.add_argument("--trials", type=int, default=12)
    parser.add_argument("--seed", type=int, default=20261129)
    a = parser.parse_args()
    cli = os.path.abspath(a.cli)
    data = Path(a.data).resolve()
    rng = random.Random(a.seed)
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        # A region big enough that the kill can land inside the write (about a second).
        source = work / "source"
        source.mkdir()
        run(cli, ["generate", "ruhr", "--firms", "15000", "--seed", "3", "-q"], source)
        run(cli, ["export", "--out", "csv"], source)
        csv = source / "csv"
        small = work / "small"
        small.mkdir()
        run(cli, ["generate", "ruhr", "--firms", "1500", "--seed", "3", "-q"], small)

        def fresh(cwd):
            pass

        def initialised(cwd):
            run(cli, ["init"], cwd)

        def with_region(cwd):
            shutil.copy(small / "verbund.db", cwd / "verbund.db")

        import_args = ["import"] + [x for f in ("taxonomy", "actors", "competences", "ties",
                                                "memberships")
                                    for x in (f"--{f}", str(csv / f"{f}.csv"))]
        trial_series("import", cli, import_args, initialised, rng, a.trials, work)
        trial_series("generate", cli, ["generate", "ruhr", "--firms", "15000", "--seed", "5"],
                     fresh, rng, a.trials, work)
        trial_series("simulate", cli,
                     ["simulate", str(data / "scenarios" / "matchmaking-days.toml"),
                      "--replicates", "8", "--seed", "2"],
                     with_region, rng, a.trials, work)
    print("kill tests passed")


if __name__ == "__main__":
    main()
