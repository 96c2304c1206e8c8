"""Run the test suite one test module per process, then the doctests, and print one total.

Why: each module opens real stores, servers and browsers; a fresh process per module returns
their memory to the system, so the whole suite fits a 2-core, 24 GB machine, and one module
that crashes its process cannot take the others down with it.

Usage: ``python scripts/run_tests.py [pytest args…]``; exits 1 if any module fails.
The last line is the total, e.g. ``tests: 1234 passed, 0 failed, 57 skipped``.
``make test`` runs it with ``-m "not neo4j"``, then the ``neo4j`` suite against a Bolt
server (``scripts/run_neo4j_tests.py``).
"""

from __future__ import annotations

import re
import subprocess
import sys
import time
from pathlib import Path

__all__ = ["COUNT", "main", "run_pytest"]

ROOT = Path(__file__).resolve().parent.parent
COUNT = re.compile(r"(\d+) (passed|failed|skipped|errors?|xfailed|xpassed)")


def run_pytest(args: list[str]) -> tuple[int, dict[str, int], str]:
    """Run pytest on ``args`` in a fresh process; its exit code, its counts (passed, failed, …) and its output."""
    proc = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", *args], cwd=ROOT,
                          capture_output=True, text=True)
    out = proc.stdout + proc.stderr
    tail = [line for line in out.strip().splitlines() if COUNT.search(line)]
    counts: dict[str, int] = {}
    if tail:
        for n, kind in COUNT.findall(tail[-1]):
            counts[kind.rstrip("s") if kind.startswith("error") else kind] = int(n)
    return proc.returncode, counts, out


def main(argv: list[str]) -> int:
    modules = sorted(str(p.relative_to(ROOT)) for p in (ROOT / "tests").glob("test_*.py"))
    doctest_dirs = ["loaders", "ontology", "graph", "api", "govkg"]
    total = {"passed": 0, "failed": 0, "skipped": 0, "error": 0}
    failed: list[str] = []
    for target in [*modules, doctest_dirs]:
        targets = target if isinstance(target, list) else [target]
        label = "doctests" if isinstance(target, list) else target
        t0 = time.monotonic()
        code, counts, out = run_pytest([*targets, *argv])
        for k in total:
            total[k] += counts.get(k, 0)
        mark = "ok" if code in (0, 5) else "FAILED"
        print(f"{label}: {mark} {counts} ({time.monotonic() - t0:.0f} s)", flush=True)
        if code not in (0, 5):
            failed.append(label)
            sys.stdout.write(out[-20000:])
    if failed:
        print("failed modules: " + ", ".join(failed))
    print(f"tests: {total['passed']} passed, {total['failed'] + total['error']} failed, {total['skipped']} skipped")
    return 1 if failed or total["passed"] == 0 else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
