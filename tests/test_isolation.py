"""Ad-hoc queries run in bounded workers: the server answers an error and stays up.

Against a real ``govkg`` server (uvicorn in a child process on 127.0.0.1) over the sample
charters: the queries that crashed it (issue 16) now end in a problem+json error within
the deadline plus a few seconds, ``/healthz`` answers all along, the server's process tree
stays under a memory bound, and its CPU comes back to idle (the worker is killed).
"""

from __future__ import annotations

import threading
import time
from pathlib import Path

import httpx
import psutil
import pytest
from servers import LiveServer, sample_home

from govkg.config import Settings
from govkg.errors import GovkgError, QueryRefused, QueryTimeout, QueryTooLarge
from govkg.graph.isolation import (
    QueryPool,
    pool_for,
    run_cypher,
    run_sparql,
    shutdown,
    start_fork_server,
    stop_fork_server,
)
from govkg.graph.sparql_index import ensure_sparql
from govkg.graph.store import open_store

pytestmark = pytest.mark.timeout(600)

DEADLINE_S = 4.0
MEMORY_MB = 700
TREE_BOUND_MB = 1500
HUGE_RANGE = "UNWIND range(1, 300000000) AS x RETURN count(x)"
CROSS_JOIN = "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f } ORDER BY ?a"
# CPU only: three-way cross product counted as it streams (252 M rows on the samples)
SLOW = "MATCH (a), (b), (c) RETURN count(*) AS n"


@pytest.fixture(scope="module")
def home(tmp_path_factory) -> Path:
    return sample_home(tmp_path_factory.getbasetemp(), "isolation-home")


@pytest.fixture(scope="module")
def server(home):
    env = {
        "GOVKG_HOME": str(home),
        "GOVKG_API_TOKEN": None,
        "GOVKG_QUERY_TIMEOUT_S": str(DEADLINE_S),
        "GOVKG_QUERY_MEMORY_MB": str(MEMORY_MB),
        "GOVKG_QUERY_WORKERS": "2",
    }
    with LiveServer(env) as live:
        yield live


def _tree(pid: int) -> list[psutil.Process]:
    root = psutil.Process(pid)
    return [root, *root.children(recursive=True)]


def _tree_rss_mb(pid: int) -> float:
    total = 0
    for p in _tree(pid):
        try:
            total += p.memory_info().rss
        except psutil.NoSuchProcess:
            pass
    return total / 2**20


def _tree_cpu_percent(pid: int, seconds: float) -> float:
    procs = _tree(pid)
    for p in procs:
        p.cpu_percent(None)
    time.sleep(seconds)
    total = 0.0
    for p in procs:
        try:
            total += p.cpu_percent(None)
        except psutil.NoSuchProcess:
            pass
    return total


class _Watch:
    """Polls /healthz and the server tree's memory in a thread while a request runs."""

    def __init__(self, server: LiveServer):
        self.server = server
        self.health: list[tuple[int | str, float]] = []
        self.peak_mb = 0.0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        with httpx.Client(base_url=self.server.url, timeout=5) as c:
            while not self._stop.is_set():
                started = time.monotonic()
                try:
                    status: int | str = c.get("/healthz").status_code
                except httpx.HTTPError as err:
                    status = type(err).__name__
                self.health.append((status, time.monotonic() - started))
                self.peak_mb = max(self.peak_mb, _tree_rss_mb(self.server.process.pid))
                time.sleep(0.1)

    def __enter__(self) -> _Watch:
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join()


def _post(server: LiveServer, kind: str, query: str) -> tuple[httpx.Response, float]:
    started = time.monotonic()
    with httpx.Client(base_url=server.url, timeout=120) as c:
        if kind == "cypher":
            r = c.post("/query/cypher", json={"query": query})
        else:
            r = c.post("/sparql", content=query.encode(), headers={"Content-Type": "application/sparql-query"})
    return r, time.monotonic() - started


@pytest.mark.parametrize(
    ("kind", "query"),
    [("cypher", HUGE_RANGE), ("sparql", CROSS_JOIN), ("cypher", SLOW)],
    ids=["cypher-huge-range", "sparql-cross-join-order-by", "cypher-cpu-past-deadline"],
)
def test_a_runaway_query_gets_an_error_and_the_server_stays_up(server, kind, query):
    # a first query starts the workers, so the runaway one is timed on its own
    assert _post(server, kind, "RETURN 1 AS one" if kind == "cypher" else "ASK { ?s ?p ?o }")[0].status_code == 200
    # forked by the fork server the server started after warming its graph: they share it
    [fork_server] = psutil.Process(server.process.pid).children()
    assert fork_server.children(), "no query worker under the fork server"
    with _Watch(server) as watch:
        response, seconds = _post(server, kind, query)
        time.sleep(1.0)
    assert response.status_code in (413, 503), response.text
    assert response.headers["content-type"].startswith("application/problem+json")
    assert seconds < DEADLINE_S + 5, f"answered after {seconds:.1f} s"
    statuses = [s for s, _ in watch.health]
    assert statuses and all(s == 200 for s in statuses), statuses
    assert max(t for _, t in watch.health) < 3.0, watch.health
    assert watch.peak_mb < TREE_BOUND_MB, f"server tree peaked at {watch.peak_mb:.0f} MB"
    assert server.process.poll() is None, "the server died"
    # the runaway worker is gone: the tree is idle again
    assert _tree_cpu_percent(server.process.pid, 2.0) < 25.0
    # and the server still answers queries
    again, _ = _post(server, "cypher", "MATCH (c:Charter) RETURN count(c) AS n")
    assert again.status_code == 200 and again.json()["rows"] == [{"n": 6}]  # five samples and the XSS charter


def test_library_bounds_and_typed_errors(home):
    settings = Settings(home=home, query_timeout_s=3.0, query_memory_mb=MEMORY_MB)
    try:
        with open_store(settings, read_only=True) as store:
            assert run_cypher(store, "MATCH (c:Charter) RETURN count(c) AS n") == [{"n": 6}]
            rows = run_cypher(store, "UNWIND range(1, 50) AS x RETURN x", limit=7)
            assert len(rows) == 7 and rows.truncated
            with pytest.raises(QueryRefused, match="DETACH"):
                run_cypher(store, "MATCH (n) DETACH DELETE n")
            with pytest.raises(QueryTooLarge, match=f"{MEMORY_MB} MB"):
                run_cypher(store, HUGE_RANGE)
            with pytest.raises(QueryTimeout, match="stopped"):
                run_cypher(store, SLOW)
            sparql = ensure_sparql(store, settings)
            assert run_sparql(sparql, "ASK { ?s ?p ?o }", settings=settings).boolean
            with pytest.raises(QueryRefused):
                run_sparql(sparql, "CLEAR ALL", settings=settings)
            pool = pool_for(settings)
            assert len(pool.pids()) <= pool.size
    finally:
        shutdown()


def test_the_bound_is_what_a_query_adds_not_the_graph_the_worker_holds(home):
    # 64 MB is less than a worker's interpreter, engines and graph copy: an absolute bound would
    # refuse every query (at national scale the graph copy alone passes the default 1,024 MB)
    settings = Settings(home=home, query_timeout_s=20.0, query_memory_mb=64)
    pool = QueryPool(1, 64)
    try:
        path = str(settings.embedded_path)
        assert pool.run(("cypher", path, "MATCH (c:Charter) RETURN count(c) AS n", {}, 10), 20.0, "cypher")[1] == [{"n": 6}]
        with pytest.raises(QueryTooLarge, match="64 MB beyond the graph"):
            pool.run(("cypher", path, HUGE_RANGE, {}, 10), 20.0, "cypher")
        # a new worker takes the dead one's place and answers again
        assert pool.run(("cypher", path, "RETURN 1 AS one", {}, 10), 20.0, "cypher")[1] == [{"one": 1}]
    finally:
        pool.close()


def test_a_busy_pool_makes_the_next_query_wait_then_time_out(home):
    settings = Settings(home=home, query_timeout_s=2.0, query_workers=1, query_memory_mb=MEMORY_MB)
    pool = QueryPool(1, MEMORY_MB)
    errors: list[Exception] = []

    def slow() -> None:
        try:
            pool.run(("cypher", str(settings.embedded_path), SLOW, {}, 10), 3.0, "cypher")
        except Exception as err:  # the deadline
            errors.append(err)

    first = threading.Thread(target=slow)
    first.start()
    time.sleep(1.0)
    with pytest.raises(QueryTimeout, match="busy"):
        pool.run(("cypher", str(settings.embedded_path), "RETURN 1 AS one", {}, 10), 0.5, "cypher")
    first.join()
    assert [type(e) for e in errors] == [QueryTimeout]
    assert pool.run(("cypher", str(settings.embedded_path), "RETURN 1 AS one", {}, 10), 30.0, "cypher")[1] == [{"one": 1}]
    pool.close()


def test_workers_forked_by_the_fork_server_read_the_graph_this_process_holds(home):
    # a worker of the fork server inherits the warmed snapshot (shared pages): it answers
    # while a load holds the file, which a worker that opened the file itself could not
    settings = Settings(home=home, query_timeout_s=20.0, query_workers=1, query_memory_mb=MEMORY_MB)
    store = open_store(settings, read_only=True)
    server = start_fork_server(store)
    try:
        assert server is not None and psutil.Process(server).ppid() == psutil.Process().pid
        writer = open_store(settings)  # holds the file's lock, as a running govkg load does
        try:
            assert run_cypher(store, "MATCH (c:Charter) RETURN count(c) AS n") == [{"n": 6}]
            [worker] = pool_for(settings).pids()
            assert psutil.Process(worker).ppid() == server
            # the bound is still what the query adds to the worker
            with pytest.raises(QueryTooLarge, match=f"{MEMORY_MB} MB"):
                run_cypher(store, HUGE_RANGE)
            with pytest.raises(QueryTimeout, match="stopped"):
                run_cypher(store, SLOW, timeout=2.0)
            assert run_cypher(store, "RETURN 1 AS one") == [{"one": 1}]
        finally:
            writer.close()
    finally:
        shutdown()
        stop_fork_server()
        store.close()
    assert not psutil.pid_exists(server) or psutil.Process(server).status() == psutil.STATUS_ZOMBIE


def test_without_a_fork_server_a_worker_copies_the_file_and_waits_for_a_load(home):
    settings = Settings(home=home, query_timeout_s=2.0, query_workers=1, query_memory_mb=MEMORY_MB)
    stop_fork_server()
    store = open_store(settings, read_only=True)
    writer = open_store(settings)
    try:
        with pytest.raises(GovkgError, match="load is writing"):
            run_cypher(store, "MATCH (c:Charter) RETURN count(c) AS n")
    finally:
        writer.close()
        shutdown()
        store.close()
    with open_store(settings, read_only=True) as store:
        assert run_cypher(store, "MATCH (c:Charter) RETURN count(c) AS n") == [{"n": 6}]
    shutdown()
