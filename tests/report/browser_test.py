#!/usr/bin/env python3
"""The HTML reports in a real browser: headless Chromium loads each report kind in German and in
English and the test checks the DOM as the browser built it.

- charts are there with the expected number of series (line charts), bars and points;
- tables have rows; the sections each kind promises are present;
- an actor named `<script>alert(1)</script> GmbH` shows as that text, and the page holds no
  <script> element at all;
- nothing is fetched: no src/href/xlink:href names a URL, and the browser logs no console
  error and no Content-Security-Policy violation (the pages forbid every fetch);
- a screenshot of each kind (German) is saved in the work folder, as report-KIND.png; copying
  them to docs/ refreshes the README's pictures.

Usage: browser_test.py VERBUND_CLI DATA_DIR WORK_DIR
Exits 77 (ctest's SKIP_RETURN_CODE) when no chromium is installed.
"""
import html.parser
import os
import shutil
import sqlite3
import subprocess
import sys
import time

SCRIPT_NAME = "<script>alert(1)</script> GmbH"


def find_chromium():
    for name in ("chromium", "chromium-browser", "google-chrome"):
        path = shutil.which(name)
        if path:
            return path
    return None


class Dom(html.parser.HTMLParser):
    """The parts of a dumped DOM the checks need."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack = []
        self.tags = {}
        self.urls = []
        self.text = []
        self.svgs = []  # (class, attrs dict, counts of child elements by tag/class)
        self.html_lang = None
        self.rows = {}  # table class -> rows in tbody
        self.table_class = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        self.tags[tag] = self.tags.get(tag, 0) + 1
        if tag == "html":
            self.html_lang = a.get("lang")
        for key in ("src", "href", "xlink:href", "action", "data", "poster"):
            if key in a and a[key] is not None:
                self.urls.append(a[key])
        for value in a.values():
            if value and ("url(" in value or "://" in value):
                self.urls.append(value)
        if tag == "svg":
            self.svgs.append({"class": a.get("class", ""), "attrs": a, "count": {}})
        elif self.svgs and "svg" in self.stack:
            key = tag + "." + (a.get("class") or "")
            c = self.svgs[-1]["count"]
            c[key] = c.get(key, 0) + 1
            c[tag] = c.get(tag, 0) + 1
        if tag == "table":
            self.table_class.append(a.get("class", ""))
            self.rows.setdefault(a.get("class", ""), 0)
        if tag == "tr" and "tbody" in self.stack and self.table_class:
            self.rows[self.table_class[-1]] += 1
        if tag not in ("meta", "line", "circle", "rect", "path", "polyline", "br", "img", "input"):
            self.stack.append(tag)

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if self.stack and self.stack[-1] == tag:
            self.stack.pop()

    def handle_endtag(self, tag):
        if tag in self.stack:
            while self.stack:
                if self.stack.pop() == tag:
                    break
        if tag == "table" and self.table_class:
            self.table_class.pop()

    def handle_data(self, data):
        self.text.append(data)


def run(cmd, **kw):
    return subprocess.run(cmd, capture_output=True, text=True, timeout=120, **kw)


def browser_args(chromium, profile):
    return [chromium, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
            "--disable-background-networking", "--disable-component-update",
            "--disable-default-apps", "--disable-sync", "--user-data-dir=" + profile,
            # Nothing may reach the network; a page that tried would log an error below.
            "--host-resolver-rules=MAP * ~NOTFOUND", "--enable-logging=stderr", "--v=0"]


def console_errors(log):
    """Console messages of the page. Chromium logs every one (console.error included) as
    INFO:CONSOLE, and so it logs a fetch the page's Content-Security-Policy blocked. A report runs
    no script, so any console message at all is a failure."""
    bad = []
    for line in log.splitlines():
        low = line.lower()
        if ":console" in low or "content security policy" in low or "refused to" in low:
            bad.append(line)
    return bad


def main():
    if len(sys.argv) != 4:
        print(__doc__, file=sys.stderr)
        return 2
    cli, data, work = sys.argv[1:]
    chromium = find_chromium()
    if not chromium:
        print("no chromium installed: skipped (scripts/install-deps.sh installs it)")
        return 77
    started = time.time()
    shutil.rmtree(work, ignore_errors=True)
    os.makedirs(work)
    db = os.path.join(work, "region.db")
    verbund = [cli, "--db", db, "--quiet", "--seed", "1"]
    r = run(verbund + ["generate", "ruhr", "--firms", "300"])
    assert r.returncode == 0, r.stderr
    # The first firm with needs gets a name that would run a script if it were not escaped.
    con = sqlite3.connect(db)
    (firm,) = con.execute(
        "SELECT a.ext_id FROM actors a JOIN actor_competences c ON c.actor = a.id "
        "WHERE a.kind = 'firm' AND c.role = 'need' ORDER BY a.ext_id LIMIT 1").fetchone()
    con.execute("UPDATE actors SET name = ? WHERE ext_id = ?", (SCRIPT_NAME, firm))
    con.commit()
    con.close()
    scenarios = [os.path.join(data, "scenarios", "baseline.toml"),
                 os.path.join(data, "scenarios", "transfer-offices.toml")]
    kinds = {
        "firm": ["firm", firm],
        "call": ["call", os.path.join(data, "calls", "efre-hydrogen.toml")],
        "scenario": ["scenario"] + scenarios + ["--replicates", "3"],
        "region": ["region"],
    }
    failures = []

    def check(ok, what):
        if not ok:
            failures.append(what)

    for kind, args in kinds.items():
        for lang in ("de", "en"):
            out = os.path.join(work, f"{kind}-{lang}.html")
            r = run(verbund + ["report"] + args + ["--out", out, "--lang", lang])
            # An infeasible call exits 3 (as `match consortium`) with the diagnosis as the report.
            if r.returncode != 0 and not (kind == "call" and r.returncode == 3):
                failures.append(f"{kind} {lang}: exit {r.returncode}: {r.stderr.strip()}")
                continue
            profile = os.path.join(work, "profile")
            dump = run(browser_args(chromium, profile) + ["--dump-dom", "file://" + out])
            where = f"{kind} ({lang})"
            check(dump.returncode == 0, f"{where}: chromium exit {dump.returncode}")
            errors = console_errors(dump.stderr)
            check(not errors, f"{where}: console errors: {errors[:3]}")
            dom = Dom()
            dom.feed(dump.stdout)
            text = "".join(dom.text)
            check(dom.html_lang == lang, f"{where}: <html lang={dom.html_lang}>")
            check(dom.tags.get("script", 0) == 0, f"{where}: a <script> element")
            check(not dom.urls, f"{where}: URLs in the page: {dom.urls[:3]}")
            check(dom.tags.get("h1", 0) == 1, f"{where}: no heading")
            line = [s for s in dom.svgs if "line-chart" in s["class"]]
            bars = [s for s in dom.svgs if "bar-chart" in s["class"]]
            maps = [s for s in dom.svgs if s["class"].endswith(" map")]
            for s in line:  # each chart draws as many series as it says
                check(s["count"].get("g.series", 0) == int(s["attrs"]["data-series"]),
                      f"{where}: line chart series {s['count'].get('g.series')} != "
                      f"{s['attrs']['data-series']}")
            for s in bars:
                check(s["count"].get("rect.bar", 0) == int(s["attrs"]["data-bars"]),
                      f"{where}: bar chart bars")
            if kind == "firm":
                check(SCRIPT_NAME in text, f"{where}: the script name is not shown as text")
                check(dom.rows.get("profile", 0) >= 3, f"{where}: profile rows")
                check(dom.tags.get("li", 0) >= 3, f"{where}: no recommendation reasons")
            elif kind == "call":
                check(dom.rows.get("rules", 0) >= 3, f"{where}: rules rows")
                feasible = dom.rows.get("members", 0) > 0
                diagnosed = "diagnosis" in dump.stdout
                check(feasible or diagnosed, f"{where}: neither consortia nor a diagnosis")
            elif kind == "scenario":
                # 9 indicators, 2 of supply (the generated region has a supplier market), and
                # 2 of the transfer offices' participants against the other actors.
                check(len(line) == 13, f"{where}: {len(line)} line charts, expected 13")
                check(all(s["attrs"]["data-series"] == "2" for s in line),
                      f"{where}: each chart should show baseline and scenario")
                check(dom.rows.get("verdicts", 0) == 11, f"{where}: verdict rows")
            elif kind == "region":
                check(len(maps) == 1, f"{where}: no map")
                if maps:
                    m = maps[0]
                    points = int(m["attrs"]["data-points"])
                    check(points > 300, f"{where}: only {points} points")
                    check(m["count"].get("circle", 0) >= points, f"{where}: circles < points")
                    check(m["count"].get("line", 0) == int(m["attrs"]["data-lines"]),
                          f"{where}: tie lines")
                check(len(bars) == 4, f"{where}: {len(bars)} bar charts, expected 4")
                check(dom.rows.get("brokers", 0) >= 1, f"{where}: no brokers")
                check(dom.rows.get("communities", 0) >= 1, f"{where}: no communities")
            if lang == "de":
                shot = os.path.join(work, f"report-{kind}.png")
                s = run(browser_args(chromium, profile) +
                        # Small enough for the README (docs/, <= 150 KB each): the page
                        # at 900 CSS pixels, drawn at half scale.
                        ["--screenshot=" + shot, "--window-size=900,1600",
                         "--force-device-scale-factor=0.5",
                         "--hide-scrollbars", "file://" + out])
                check(s.returncode == 0 and os.path.exists(shot), f"{where}: no screenshot")
    # A bad language, an unknown id and an unwritable --out are bad input (exit 2).
    bad = [
        (["report", "region", "--out", os.path.join(work, "x.html"), "--lang", "fr"], "language"),
        (["report", "firm", "NO-SUCH-ID", "--out", os.path.join(work, "x.html")], "id"),
        (["report", "region", "--out", os.path.join(work, "missing", "x.html")], "out"),
    ]
    for args, what in bad:
        r = run(verbund + args)
        check(r.returncode == 2 and r.stderr.strip(), f"bad {what}: exit {r.returncode}")
    elapsed = time.time() - started
    for f in failures:
        print("FAIL:", f)
    print(f"{len(kinds) * 2} reports checked in headless chromium in {elapsed:.1f} s; "
          f"screenshots in {work}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
