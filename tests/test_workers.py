"""``govkg serve --workers N`` (``govkg.api.workers``): forked workers share one store and one SPARQL index.

A real server on 127.0.0.1 in a child process, real HTTP; no time is asserted.
"""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import httpx
import psutil
import pytest
from servers import free_port, sample_home

from govkg.config import Settings
from govkg.graph.sparql_index import index_dir, index_state

SMART_GROUP = "Tổ Công tác về Phát triển Đô thị thông minh phường Hải Dương"


@pytest.fixture
def served(tmp_path_factory):
    home = sample_home(tmp_path_factory.getbasetemp(), "workers")
    port = free_port()
    govkg = Path(sys.executable).parent / "govkg"
    log = open(home.parent / f"workers-{port}.log", "wb")
    env = {"GOVKG_HOME": str(home), "PATH": str(Path(sys.executable).parent)}
    process = subprocess.Popen(
        [str(govkg), "serve", "--port", str(port), "--workers", "2", "--log-level", "warning"],
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(1200):
            assert process.poll() is None, (home.parent / f"workers-{port}.log").read_text()
            try:
                if httpx.get(url + "/readyz", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            time.sleep(0.1)
        yield home, url, process
    finally:
        process.terminate()  # the server this fixture started; it stops its own workers
        process.wait(30)
        log.close()


def test_forked_workers_serve_one_store_and_open_one_built_sparql_index_read_only(served):
    home, url, process = served
    children = psutil.Process(process.pid).children()
    # two workers, each listening on its socket of the port, and the fork server that forks
    # the ad-hoc query workers of both
    workers = [c for c in children if any(s.status == psutil.CONN_LISTEN for s in c.net_connections())]
    assert len(workers) == 2 and len(children) == 3
    [fork_server] = [c for c in children if c not in workers]
    # every request on a new connection: both workers answer, the same chain
    bodies = set()
    for _ in range(12):
        with httpx.Client(base_url=url) as client:
            r = client.get("/chains", params={"from": SMART_GROUP})
            assert r.status_code == 200 and r.headers["content-type"] == "application/json"
            bodies.add(r.content)
            s = client.get("/sparql", params={"query": "ASK { ?s ?p ?o }"}, headers={"Accept": "application/sparql-results+json"})
            assert s.status_code == 200 and s.json()["boolean"] is True, s.text
    assert len(bodies) == 1 and b'"hops"' in next(iter(bodies))
    # the index was built once, before the fork, and no worker holds it for writing (RocksDB's
    # LOCK file): each opened the built generation read-only
    state = index_state(Settings(home=home))
    assert state is not None and state["generation"] == 1
    assert [p.name for p in index_dir(Settings(home=home)).glob("store-*")] == ["store-1"]
    for worker in workers:
        assert not [f for f in worker.open_files() if f.path.endswith("/LOCK")], worker.open_files()
    # ad-hoc queries, whichever worker takes them, run in processes of the fork server, which
    # hold the graph the server warmed before forking (shared pages, no copy of the file)
    for _ in range(4):
        with httpx.Client(base_url=url) as client:
            r = client.post("/query/cypher", json={"query": "MATCH (c:Charter) RETURN count(c) AS n"})
            assert r.status_code == 200 and r.json()["rows"][0]["n"] >= 5, r.text
    query_workers = fork_server.children()
    assert query_workers and all(not w.children() for w in workers)


def test_the_workers_stop_with_the_server(served):
    _, _, process = served
    workers = psutil.Process(process.pid).children()
    process.terminate()
    process.wait(30)
    _gone, alive = psutil.wait_procs(workers, timeout=30)
    assert not alive
