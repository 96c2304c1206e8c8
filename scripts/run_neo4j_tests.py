"""Run the ``neo4j``-marked test suite against a Bolt server, one test module per process.

Without ``NEO4J_URI``: starts ArcadeDB on loopback (``scripts/arcadedb.py``), runs the
suite over ``bolt://`` and again over ``neo4j://`` (routing), and stops the server.
With ``NEO4J_URI`` (and ``NEO4J_USER``, ``NEO4J_PASSWORD``, ``NEO4J_DATABASE``): runs it
once against that server: a real Neo4j proves what ArcadeDB cannot. The tests empty the
database they are given: point them at a disposable one.

Usage: ``python scripts/run_neo4j_tests.py [pytest args…]`` (``make test-neo4j``); exits 1
when a test fails or errs, or when nothing passed. Prints, per scheme, e.g.
``neo4j suite over bolt:// (ArcadeDB): 80 passed, 0 failed, 0 errors, 6 xfailed``.
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import arcadedb  # scripts/ is not a package: imported by path
from run_tests import ROOT, run_pytest

__all__ = ["main", "neo4j_modules", "run_suite"]

KINDS = ("passed", "failed", "error", "xfailed", "xpassed", "skipped")


def neo4j_modules() -> list[str]:
    """The test modules holding ``neo4j``-marked tests (directly, or through ``STORE_KINDS``)."""
    out = []
    for path in sorted((ROOT / "tests").glob("test_*.py")):
        text = path.read_text(encoding="utf-8")
        if "pytest.mark.neo4j" in text or "STORE_KINDS" in text:
            out.append(str(path.relative_to(ROOT)))
    return out


def run_suite(label: str, env: dict[str, str], argv: list[str]) -> dict[str, int]:
    """Run every neo4j module with ``-m neo4j`` under ``env``; print each module's counts and the total."""
    total = dict.fromkeys(KINDS, 0)
    saved = {k: os.environ.get(k) for k in env}
    os.environ.update(env)
    try:
        for module in neo4j_modules():
            t0 = time.monotonic()
            code, counts, out = run_pytest([module, "-m", "neo4j", "-rfEsxX", *argv])
            for kind in KINDS:
                total[kind] += counts.get(kind, 0)
            mark = "ok" if code in (0, 5) else "FAILED"
            print(f"{label} {module}: {mark} {counts} ({time.monotonic() - t0:.0f} s)", flush=True)
            if code not in (0, 5):
                if not (counts.get("failed") or counts.get("error")):
                    total["error"] += 1  # the module's process itself failed (collection, crash)
                sys.stdout.write(out[-20000:])
    finally:
        for k, v in saved.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v
    print(f"neo4j suite {label}: " + ", ".join(f"{total[k]} {k}" for k in KINDS), flush=True)
    return total


def _ok(total: dict[str, int]) -> bool:
    return total["passed"] > 0 and total["failed"] == 0 and total["error"] == 0 and total["xpassed"] == 0


def main(argv: list[str]) -> int:
    if os.environ.get("NEO4J_URI"):
        uri = os.environ["NEO4J_URI"]
        return 0 if _ok(run_suite(f"against {uri.split('://')[0]}://", {}, argv)) else 1
    try:
        with arcadedb.running() as server:
            print(f"ArcadeDB Bolt server on 127.0.0.1:{server.bolt_port} (pid {server.pid})", flush=True)
            results = [
                run_suite(f"over {scheme}:// (ArcadeDB)", server.env(scheme), argv) for scheme in ("bolt", "neo4j")
            ]
    except KeyboardInterrupt:
        return 130
    return 0 if all(_ok(t) for t in results) else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
