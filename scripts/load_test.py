"""Load test of the HTTP API: chains, Cypher and SPARQL together, on loopback, bounded in time and count.

Starts a govkg server (uvicorn in a child process, on 127.0.0.1, over a temporary home
holding the five sample charters) unless ``--url`` names one already running on this
machine, then drives it with a small asyncio httpx client: ``--concurrency`` workers
send a mix of

- ``GET /chains?from=<body id>`` (the upward chain of a random body),
- ``POST /query/cypher`` (three read queries, one with a parameter),
- ``GET /sparql?query=…`` (three SELECTs),

until ``--seconds`` have passed or ``--max-requests`` were sent. It reports the number of
requests, the errors (any non-2xx answer or transport error; there must be none), latency
p50/p99 per kind and overall, and the server process's resident memory (RSS) at start
(after a warm-up), at the middle and at the end. Exit code 1 on any error or when the RSS
grew by more than ``--max-rss-growth-mb`` from start to end.

Usage::

    python scripts/load_test.py --seconds 60            # make load-test
    python scripts/load_test.py --seconds 30 --concurrency 16 --json report.json
    python scripts/load_test.py --url http://127.0.0.1:8000 --seconds 20
"""

from __future__ import annotations

import argparse
import asyncio
import json
import math
import random
import statistics
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path
from urllib.parse import urlsplit

import httpx
import psutil

__all__ = ["CYPHER", "SPARQL", "main", "percentile", "run"]

LOOPBACK = {"127.0.0.1", "localhost", "::1"}
CYPHER = [
    ("MATCH (c:SteeringCommittee) RETURN c.id AS id, c.name AS name, c.level AS level ORDER BY id", False),
    ("MATCH (p:Post)-[r:POST_IN]->(c:Body {id: $id}) RETURN p.name AS post, r.provision AS provision, r.quote AS quote", True),
    ("MATCH (a)-[r:REPORTS_TO]->(b) RETURN a.name AS a, b.name AS b, r.charter AS charter ORDER BY a, b LIMIT 50", False),
]
SPARQL = [
    "SELECT ?c ?name WHERE { ?c a govkg:SteeringCommittee ; govkg:name ?name } ORDER BY ?c",
    "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }",
    "SELECT ?post ?name WHERE { ?post a govkg:Post ; govkg:name ?name } ORDER BY ?post LIMIT 100",
]


def percentile(values: list[float], q: float) -> float:
    """The ``q`` quantile (0..1) of ``values``, nearest rank."""
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, math.ceil(q * len(ordered)) - 1))]


def _rss_mb(proc: psutil.Process | None) -> float | None:
    if proc is None:
        return None
    try:
        total = proc.memory_info().rss + sum(c.memory_info().rss for c in proc.children(recursive=True))
    except psutil.Error:
        return None
    return round(total / 2**20, 1)


async def run(
    url: str,
    *,
    seconds: float,
    concurrency: int,
    max_requests: int,
    server_pid: int | None,
    seed: int = 0,
) -> dict:
    """Drive the server at ``url``; return the report (see the module docstring)."""
    host = urlsplit(url).hostname
    if host not in LOOPBACK:
        raise SystemExit(f"refusing to load-test {host!r}: loopback only ({', '.join(sorted(LOOPBACK))})")
    proc = psutil.Process(server_pid) if server_pid else None
    rng = random.Random(seed)
    limits = httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)
    async with httpx.AsyncClient(base_url=url, timeout=60, limits=limits) as client:
        r = await client.post("/query/cypher", json={"query": "MATCH (b:Body) RETURN b.id AS id ORDER BY id"})
        r.raise_for_status()
        bodies = [row["id"] for row in r.json()["rows"]]
        committees = [row["id"] for row in (await client.post("/query/cypher", json={"query": CYPHER[0][0]})).json()["rows"]]
        if not bodies or not committees:
            raise SystemExit("the server's graph is empty: load some charters first")

        def request() -> tuple[str, str, str, dict]:
            kind = rng.choice(("chain", "cypher", "sparql"))
            if kind == "chain":
                return kind, "GET", "/chains", {"params": {"from": rng.choice(bodies)}}
            if kind == "cypher":
                text, needs_id = rng.choice(CYPHER)
                body = {"query": text, "parameters": {"id": rng.choice(committees)} if needs_id else {}}
                return kind, "POST", "/query/cypher", {"json": body}
            return kind, "GET", "/sparql", {"params": {"query": rng.choice(SPARQL)}, "headers": {"Accept": "application/sparql-results+json"}}

        async def one(kind: str, method: str, path: str, kw: dict) -> tuple[str, float, str | None]:
            started = time.perf_counter()
            try:
                resp = await client.request(method, path, **kw)
                error = None if resp.is_success else f"{resp.status_code} {path}: {resp.text[:160]}"
            except httpx.HTTPError as exc:
                error = f"{type(exc).__name__} {path}: {exc}"
            return kind, time.perf_counter() - started, error

        # warm-up: every kind a few times, so that the start RSS is a working server's
        for _ in range(3 * concurrency):
            _kind, _latency, error = await one(*request())
            if error:
                raise SystemExit(f"warm-up failed: {error}")
        rss = {"start": _rss_mb(proc)}
        latencies: dict[str, list[float]] = defaultdict(list)
        errors: list[str] = []
        sent = 0
        began = time.perf_counter()
        deadline = began + seconds
        middle_taken = asyncio.Event()

        async def worker() -> None:
            nonlocal sent
            while time.perf_counter() < deadline and sent < max_requests:
                sent += 1
                kind, latency, error = await one(*request())
                latencies[kind].append(latency)
                if error:
                    errors.append(error)
                if not middle_taken.is_set() and time.perf_counter() - began >= seconds / 2:
                    middle_taken.set()
                    rss["middle"] = _rss_mb(proc)

        await asyncio.gather(*(worker() for _ in range(concurrency)))
        elapsed = time.perf_counter() - began
        rss.setdefault("middle", _rss_mb(proc))
        rss["end"] = _rss_mb(proc)
    every = [x for values in latencies.values() for x in values]
    report = {
        "url": url,
        "seconds": round(elapsed, 1),
        "concurrency": concurrency,
        "requests": len(every),
        "errors": len(errors),
        "error_examples": errors[:5],
        "throughput_rps": round(len(every) / elapsed, 1) if elapsed else 0.0,
        "latency_ms": {
            kind: {
                "n": len(values),
                "p50": round(percentile(values, 0.50) * 1000, 1),
                "p99": round(percentile(values, 0.99) * 1000, 1),
                "mean": round(statistics.fmean(values) * 1000, 1),
            }
            for kind, values in sorted({**latencies, "all": every}.items())
            if values
        },
        "server_rss_mb": rss,
    }
    return report


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--max-requests", type=int, default=200_000, help="stop after this many requests")
    parser.add_argument("--url", help="a running server on this machine (default: start one)")
    parser.add_argument("--pid", type=int, help="the running server's pid, for its RSS (with --url)")
    parser.add_argument("--home", type=Path, help="GOVKG_HOME for the started server (default: the samples, in a temp dir)")
    parser.add_argument("--max-rss-growth-mb", type=float, default=64.0)
    parser.add_argument("--json", type=Path, help="also write the report here")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)

    if args.url:
        report = asyncio.run(
            run(args.url, seconds=args.seconds, concurrency=args.concurrency, max_requests=args.max_requests,
                server_pid=args.pid, seed=args.seed)
        )
    else:
        sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
        from servers import LiveServer, build_sample_home

        with tempfile.TemporaryDirectory(prefix="govkg-load-") as tmp:
            home = args.home or build_sample_home(Path(tmp) / "home")
            env = {"GOVKG_HOME": str(home), "GOVKG_API_TOKEN": None, "GOVKG_CONFIG": None, "NEO4J_URI": None,
                   "GOVKG_CORS_ORIGINS": None}
            with LiveServer(env, log=Path(tmp) / "server.log") as server:
                assert server.process is not None
                report = asyncio.run(
                    run(server.url, seconds=args.seconds, concurrency=args.concurrency,
                        max_requests=args.max_requests, server_pid=server.process.pid, seed=args.seed)
                )
    rss = report["server_rss_mb"]
    growth = (rss["end"] - rss["start"]) if rss.get("start") is not None and rss.get("end") is not None else None
    report["rss_growth_mb"] = None if growth is None else round(growth, 1)
    lat = report["latency_ms"]
    print(f"load test: {report['requests']} requests in {report['seconds']} s "
          f"({report['throughput_rps']}/s, {report['concurrency']} concurrent), errors {report['errors']}")
    for kind, s in lat.items():
        print(f"  {kind:7} n={s['n']:>6}  p50 {s['p50']:>8.1f} ms  p99 {s['p99']:>8.1f} ms  mean {s['mean']:>8.1f} ms")
    print(f"  server RSS: start {rss.get('start')} MB, middle {rss.get('middle')} MB, end {rss.get('end')} MB"
          f" (growth {report['rss_growth_mb']} MB)")
    for example in report["error_examples"]:
        print(f"  ERROR {example}")
    if args.json:
        args.json.write_text(json.dumps(report, indent=2, ensure_ascii=False), encoding="utf-8")
    ok = report["errors"] == 0 and (growth is None or growth <= args.max_rss_growth_mb)
    print("RESULT: " + ("PASS" if ok else "FAIL"))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
