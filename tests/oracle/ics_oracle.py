"""The .ics agendas of `verbund event plan` read by a standard iCalendar parser (python3-icalendar):
each file parses; has CRLF line ends and lines of at most 75 octets; each event has a UID, a
DTSTAMP and DTSTART/DTEND in Europe/Berlin; and the events are exactly the participant's rows of
agenda.csv (date, start, end, the other side's name), none overlapping.
Usage: ics_oracle.py VERBUND EVENT.toml"""
import csv
import datetime
import pathlib
import subprocess
import sys
import tempfile

import icalendar


def main():
    cli, event = sys.argv[1], sys.argv[2]
    failures = []
    with tempfile.TemporaryDirectory() as out:
        result = subprocess.run([cli, "-q", "event", "plan", event, "--out", out],
                                capture_output=True, text=True)
        if result.returncode != 0:
            sys.exit(f"event plan failed: {result.stderr}")
        rows = {}
        with open(pathlib.Path(out) / "agenda.csv", newline="", encoding="utf-8") as f:
            for row in csv.DictReader(f):
                rows.setdefault(row["participant"], []).append(row)
        files = sorted((pathlib.Path(out) / "ics").glob("*.ics"))
        if not files:
            sys.exit("no .ics files written")
        events = 0
        for path in files:
            raw = path.read_bytes()
            lines = raw.split(b"\r\n")
            if lines[-1] != b"" or any(b"\n" in line or b"\r" in line for line in lines):
                failures.append(f"{path.name}: not CRLF line ends throughout")
            if any(len(line) > 75 for line in lines):
                failures.append(f"{path.name}: a line longer than 75 octets")
            cal = icalendar.Calendar.from_ical(raw)
            got = []
            uids = set()
            for ev in cal.walk("VEVENT"):
                for key in ("UID", "DTSTAMP", "DTSTART", "DTEND", "SUMMARY"):
                    if key not in ev:
                        failures.append(f"{path.name}: an event without {key}")
                start, end = ev.decoded("DTSTART"), ev.decoded("DTEND")
                if not isinstance(start, datetime.datetime) or str(start.tzinfo) not in (
                        "Europe/Berlin", "CET", "CEST", "UTC") and start.utcoffset() is None:
                    failures.append(f"{path.name}: DTSTART without a time zone")
                if str(ev["DTSTART"].params.get("TZID")) != "Europe/Berlin":
                    failures.append(f"{path.name}: DTSTART not in Europe/Berlin")
                if end <= start:
                    failures.append(f"{path.name}: an event ends before it starts")
                uids.add(str(ev["UID"]))
                got.append((start.strftime("%Y-%m-%d %H:%M"), end.strftime("%H:%M"),
                            str(ev["SUMMARY"])))
            events += len(got)
            if len(uids) != len(got):
                failures.append(f"{path.name}: UIDs repeat")
            pid = path.stem
            want = sorted((r["date"] + " " + r["start"], r["end"], "Meeting: " + r["with_name"])
                          for r in rows.get(pid, []))
            if sorted(got) != want:
                failures.append(f"{path.name}: events {sorted(got)[:3]} differ from agenda.csv {want[:3]}")
            got.sort()
            for x, y in zip(got, got[1:]):
                if x[0] == y[0]:
                    failures.append(f"{path.name}: two meetings at {x[0]}")
        print(f"{len(files)} calendars, {events} events parsed")
    for failure in failures[:20]:
        print("FAIL", failure)
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
