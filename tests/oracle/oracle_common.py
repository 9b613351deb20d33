"""What the networkx oracles share: running the CLI, comparing figures, reporting."""
import subprocess
import sys


def run(cli, *args, cwd):
    """Runs verbund; stops the oracle with its stderr if it fails. Returns stdout."""
    result = subprocess.run([cli, *args], cwd=cwd, capture_output=True, text=True)
    if result.returncode != 0:
        sys.exit(f"verbund {' '.join(args)} failed: {result.stderr}")
    return result.stdout


def compare(expected, got, tolerance):
    """Prints the expected figures and exits non-zero naming every one verbund got wrong."""
    failures = mismatches(expected, got, tolerance)
    for key, value in expected.items():
        print(f"{key:40} {value}")
    report(failures)


def mismatches(expected, got, tolerance, label=""):
    """One line for every expected figure that verbund got wrong (or did not report)."""
    prefix = f"{label}: " if label else ""
    return [f"{prefix}{key}: verbund {got.get(key)} vs networkx {value}"
            for key, value in expected.items()
            if key not in got or abs(got[key] - value) > tolerance * max(1.0, abs(value))]


def report(failures):
    if failures:
        sys.exit("mismatch:\n" + "\n".join(failures))
    print("1 passed, 0 failed")
