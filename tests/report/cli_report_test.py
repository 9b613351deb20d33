#!/usr/bin/env python3
"""`verbund report` at the command line, without a browser: an empty database gives a page saying
so for every kind; the language follows the locale unless --lang says otherwise; an unknown
language or id, or an --out that cannot be written, exits 2 with a message naming it and leaves
the database byte for byte as it was.

Usage: cli_report_test.py VERBUND_CLI DATA_DIR WORK_DIR
"""
import hashlib
import os
import shutil
import subprocess
import sys


def main():
    cli, data, work = sys.argv[1:]
    shutil.rmtree(work, ignore_errors=True)
    os.makedirs(work)
    failures = []

    def check(ok, what):
        if not ok:
            failures.append(what)

    env = {k: v for k, v in os.environ.items() if not k.startswith("LC_") and k != "LANG"}

    def run(db, args, **extra):
        return subprocess.run([cli, "--db", db, "--quiet"] + args, capture_output=True, text=True,
                              timeout=300, env={**env, **extra})

    empty = os.path.join(work, "empty.db")
    check(run(empty, ["init"]).returncode == 0, "init")
    call = os.path.join(data, "calls", "efre-hydrogen.toml")
    scenarios = [os.path.join(data, "scenarios", f) for f in ("baseline.toml", "transfer-offices.toml")]
    kinds = {"firm": ["firm", "F000001"], "call": ["call", call],
             "scenario": ["scenario"] + scenarios + ["--replicates", "2"], "region": ["region"]}
    for kind, args in kinds.items():
        out = os.path.join(work, f"empty-{kind}.html")
        r = run(empty, ["report"] + args + ["--out", out], LANG="de_DE.UTF-8")
        check(r.returncode == 0, f"empty {kind}: exit {r.returncode} {r.stderr}")
        page = open(out, encoding="utf-8").read() if os.path.exists(out) else ""
        check("Die Datenbank enthält noch keine Akteure" in page, f"empty {kind}: not said (German)")
        check('<html lang="de">' in page, f"empty {kind}: LANG=de_DE did not give German")

    db = os.path.join(work, "region.db")
    check(run(db, ["--seed", "1", "generate", "ruhr", "--firms", "200"]).returncode == 0, "generate")
    digest = hashlib.sha256(open(db, "rb").read()).hexdigest()
    out = os.path.join(work, "x.html")
    bad = [
        (["report", "region", "--out", out, "--lang", "fr"], "unknown language 'fr'"),
        (["report", "firm", "NO-SUCH-ID", "--out", out], "unknown actor id 'NO-SUCH-ID'"),
        (["report", "region", "--out", os.path.join(work, "missing", "x.html")], "cannot write"),
        (["report", "region", "--out", work], "is a folder"),
        (["report", "call", os.path.join(work, "none.toml"), "--out", out], "none.toml"),
    ]
    for args, message in bad:
        r = run(db, args, LC_ALL="en_US.UTF-8")
        check(r.returncode == 2, f"{args}: exit {r.returncode}, expected 2")
        check(message in r.stderr, f"{args}: message {r.stderr.strip()!r} lacks {message!r}")
        check(not os.path.exists(out), f"{args}: wrote {out}")
    check(hashlib.sha256(open(db, "rb").read()).hexdigest() == digest,
          "bad input changed the database")
    # A call nobody can meet: the report holds the diagnosis, and the exit code is 3.
    hard = os.path.join(work, "hard.toml")
    with open(hard, "w", encoding="utf-8") as f:
        # Two chambers, and two members offering hydrogen production: chambers offer none.
        f.write('name = "Too much"\n[size]\nmin = 2\nmax = 2\n[[quota]]\nlabel = "chambers"\n'
                'kinds = ["chamber"]\nmin = 2\n[competences]\n'
                'required = { "hydrogen-production" = 2 }\n')
    r = run(db, ["report", "call", hard, "--out", out, "--lang", "en"])
    check(r.returncode == 3, f"infeasible call: exit {r.returncode}, expected 3 ({r.stderr})")
    check(os.path.exists(out) and "No consortium meets every rule" in open(out, encoding="utf-8").read(),
          "infeasible call: no diagnosis in the report")
    if os.path.exists(out):
        os.remove(out)
    r = run(db, ["report", "region", "--out", out], LC_ALL="en_GB.UTF-8", LANG="de_DE.UTF-8")
    check(r.returncode == 0 and '<html lang="en">' in open(out, encoding="utf-8").read(),
          "LC_ALL=en_GB over LANG=de_DE should give English")
    for f in failures:
        print("FAIL:", f)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
