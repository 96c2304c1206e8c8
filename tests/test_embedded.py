"""The embedded store on grafeo 0.6 (``govkg.graph.embedded``): our shapes, persistence, crashes.

Findings recorded here (see also the module docstring):

- grafeo does not persist the ``id`` property index; the store recreates it at open.
- a failed statement inside a grafeo transaction does not abort it: ``commit`` would keep
  the earlier statements, so the store rolls back on any error.
- ``with db.begin_transaction():`` without ``commit()`` commits on exit; the store never
  relies on it.
- a map projection of a missing OPTIONAL MATCH node is a map of nulls in grafeo, ``null``
  in Neo4j; :mod:`govkg.graph.named_queries` treats both as "none".
- no query timeout in the Python API: reads run in a worker thread with a deadline.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import threading
import time
from pathlib import Path

import grafeo
import pytest
from factories import IDS, bulk_charter, make_store, seed000, seed004

from govkg.config import Settings
from govkg.errors import QueryTimeout, StoreError
from govkg.graph.embedded import EmbeddedStore, convert_value, run_with_deadline

TESTS = Path(__file__).parent


@pytest.fixture
def store(tmp_path):
    s = make_store("embedded", tmp_path)
    yield s
    s.close()


def test_our_shapes_run_on_grafeo(store):
    """Multiple labels, UNWIND … MERGE … SET +=, relationship MERGE by id, paths, comprehensions, params."""
    store.load(seed000())
    assert store.query("MATCH (n:Body:WorkingGroup) RETURN n.id AS id ORDER BY id") == [
        {"id": i} for i in sorted([IDS["wg_smart"], IDS["wg_de06"]])
    ]
    rows = store.query(
        "MATCH p = (w {id: $id})-[:REPORTS_TO|POST_IN|SUBORDINATE_TO*1..8]->(top) "
        "RETURN [r IN relationships(p) | type(r)] AS types, [n IN nodes(p) | n.id][-1] AS last, length(p) AS n "
        "ORDER BY n DESC LIMIT 1",
        {"id": IDS["wg_smart"]},
    )
    assert rows == [
        {"types": ["REPORTS_TO", "POST_IN", "SUBORDINATE_TO", "SUBORDINATE_TO"], "last": IDS["nat"], "n": 4}
    ]
    rows = store.query(
        "MATCH (c:Body {id: $c}) RETURN COUNT { (c)<-[:POST_IN]-() } AS posts, "
        "EXISTS { (c)<-[:STANDING_AGENCY_OF]-(:Agency) } AS has_agency, "
        "[x IN range(1, 5) WHERE x % 2 = 1 | x * 10] AS odd",
        {"c": IDS["bcd000"]},
    )
    assert rows == [{"posts": 3, "has_agency": True, "odd": [10, 30, 50]}]
    rows = store.query(
        "MATCH p = shortestPath((a:Body {id: $a})-[*..6]->(b:Body {id: $b})) RETURN length(p) AS n",
        {"a": IDS["wg_smart"], "b": IDS["nat"]},
    )
    assert rows == [{"n": 3}]  # PART_OF, SUBORDINATE_TO, SUBORDINATE_TO
    # MERGE by id really merges: loading the same rows twice inside one transaction writes once
    store._write(
        lambda run: [
            run(
                "UNWIND $rows AS r MERGE (n:Body {id: r.id}) SET n:Agency, n += r.props",
                {"rows": [{"id": "x", "props": {"name": "X"}}] * 2},
            )
            for _ in range(2)
        ]
    )
    assert store.query("MATCH (n:Body:Agency {id: 'x'}) RETURN count(n) AS c") == [{"c": 1}]


def test_persists_across_close_and_reopen(tmp_path):
    s = Settings(home=tmp_path)
    with EmbeddedStore(s.embedded_path, settings=s) as store:
        store.load(seed000())
        store.load(seed004())
        before = (store.counts(), store.content_hash())
    with EmbeddedStore(s.embedded_path, settings=s) as store:
        assert (store.counts(), store.content_hash()) == before
        assert store.load(seed000()).unchanged


def test_write_transaction_rolls_back_on_error(store):
    def work(run):
        run("CREATE (n:Body {id: 'half'})", {})
        run("THIS IS NOT CYPHER", {})

    with pytest.raises(StoreError):
        store._write(work)
    assert store.query("MATCH (n:Body {id: 'half'}) RETURN n") == []


def test_read_only_open(tmp_path):
    s = Settings(home=tmp_path)
    with pytest.raises(StoreError, match="no store"):
        EmbeddedStore(s.embedded_path, settings=s, read_only=True)
    with EmbeddedStore(s.embedded_path, settings=s) as store:
        store.load(seed000())
        with pytest.raises(StoreError, match="another process"):
            EmbeddedStore(s.embedded_path, settings=s)  # the file is locked
    with EmbeddedStore(s.embedded_path, settings=s, read_only=True) as ro:
        assert ro.counts()["nodes"] == 17
        with pytest.raises(StoreError):
            ro.load(seed004())
        # past the guard, a write lands in a transaction that is rolled back
        ro._read("CREATE (n:Body {id: 'x'})", {}, 5.0, None)
        assert ro.query("MATCH (n:Body {id: 'x'}) RETURN n") == []


def test_closed_store_refuses(tmp_path):
    store = make_store("embedded", tmp_path)
    store.close()
    store.close()  # twice is fine
    with pytest.raises(StoreError, match="closed"):
        store.query("RETURN 1 AS x")


def test_deadline_helper():
    assert run_with_deadline(lambda: 1, 1.0) == 1
    with pytest.raises(QueryTimeout):
        run_with_deadline(lambda: time.sleep(0.3), 0.01)
    with pytest.raises(ZeroDivisionError):
        run_with_deadline(lambda: 1 / 0, 1.0)


def test_reader_threads_are_reused_and_bounded():
    from govkg.graph.embedded import _READERS

    names = {run_with_deadline(lambda: threading.current_thread().name, 1.0) for _ in range(50)}
    assert names <= {f"govkg-read-{i}" for i in range(1, _READERS.size + 1)}
    # every reader busy with a runaway query: a new read waits in the queue and times out there
    release, started = threading.Event(), threading.Semaphore(0)

    def runaway() -> None:
        started.release()
        release.wait(30)

    for _ in range(_READERS.size):
        _READERS.submit(runaway)
    for _ in range(_READERS.size):
        assert started.acquire(timeout=10)  # every reader is now busy
    ran = threading.Event()
    with pytest.raises(QueryTimeout):
        run_with_deadline(ran.set, 0.05)
    release.set()
    assert run_with_deadline(lambda: 2, 5.0) == 2
    assert not ran.is_set()  # timed out before it started: cancelled, never run


def test_reads_work_in_a_forked_child(tmp_path):
    """The reader threads are per process: a child forked after reads ran starts its own."""
    import multiprocessing

    store = make_store("embedded", tmp_path)
    store.load(seed000())
    parent_rows = store.query("MATCH (b:Body) RETURN count(b) AS n", timeout=5)
    store.close()

    def child(conn) -> None:
        s = make_store("embedded", tmp_path)
        try:
            conn.send(s.query("MATCH (b:Body) RETURN count(b) AS n", timeout=5))
        except Exception as err:  # sent to the parent, which fails the test
            conn.send(repr(err))
        finally:
            s.close()

    ctx = multiprocessing.get_context("fork")
    receiver, sender = ctx.Pipe(duplex=False)
    proc = ctx.Process(target=child, args=(sender,))
    proc.start()
    assert receiver.poll(30)
    assert receiver.recv() == parent_rows
    proc.join(10)


def test_warm_reads_the_queried_properties(store):
    store.load(seed000())
    before = store.counts()
    assert store.warm() >= 0
    assert store.counts() == before  # a read: nothing written
    assert store.generation == 1  # the one load


def test_convert_values(store):
    store.load(seed000())
    node = store._db.get_node(0)
    assert isinstance(node, grafeo.Node)
    converted = convert_value(node, store._node_id)
    assert converted["labels"] and converted["id"]
    path = {
        "nodes": [{"_id": 1, "_labels": ["Post"], "id": "p"}, {"_id": 2, "_labels": ["Body"], "id": "b"}],
        "edges": [{"_id": 7, "_source": 1, "_target": 2, "_type": "POST_IN", "id": "e"}],
    }
    assert convert_value(path, {}.get) == [
        {"id": "p", "labels": ["Post"]},
        {"id": "e", "type": "POST_IN", "source": "p", "target": "b"},
        {"id": "b", "labels": ["Body"]},
    ]
    import datetime as dt

    assert convert_value({"d": dt.date(2026, 7, 1), "l": (1, "a")}, {}.get) == {
        "d": "2026-07-01",
        "l": [1, "a"],
    }


def test_grafeo_projects_a_missing_optional_node_as_nulls(store):
    """A recorded grafeo difference from Neo4j (which returns null); the queries module copes."""
    rows = store.query("OPTIONAL MATCH (x:Body {id: 'nope'}) RETURN x {.id, .name} AS m")
    assert rows[0]["m"] in (None, {"id": None, "name": None})


# --------------------------------------------------------------------------- crash safety
_CHILD = textwrap.dedent(
    """
    import sys
    sys.path.insert(0, {tests!r})
    from factories import bulk_charter
    from govkg.config import Settings
    from govkg.graph.embedded import EmbeddedStore

    s = Settings(home={home!r})
    store = EmbeddedStore(s.embedded_path, settings=s)
    for i in range({n}):
        store.load(bulk_charter(i, {groups}))
        print(i, flush=True)
    store.close()
    print("done", flush=True)
    """
)


def _check_whole_charters(home: Path, groups: int) -> set[str]:
    s = Settings(home=home)
    with EmbeddedStore(s.embedded_path, settings=s) as store:
        complete = {c["id"] for c in store.charters() if c["complete"]}
        per_charter = {
            r["c"]: r["n"]
            for r in store.query("MATCH ()-[e]->() RETURN e.charter AS c, count(*) AS n", limit=10**6)
        }
        # a Charter is present iff all its edges are, and no edge lacks its Charter
        assert set(per_charter) == complete
        assert all(n == 4 * groups + 2 for n in per_charter.values())
        incomplete = [c["id"] for c in store.charters() if not c["complete"]]
        assert incomplete == []
        return complete


def test_sigkill_mid_load_leaves_whole_charters(tmp_path):
    n, groups = 8, 250
    home = tmp_path / "home"
    script = tmp_path / "child.py"
    script.write_text(_CHILD.format(tests=str(TESTS), home=str(home), n=n, groups=groups))
    killed_after = []
    for _round in range(2):
        child = subprocess.Popen([sys.executable, str(script)], stdout=subprocess.PIPE, text=True)
        started, lines = time.perf_counter(), []
        assert child.stdout is not None
        while len(lines) < 2:
            line = child.stdout.readline()
            if not line:
                break
            lines.append(line.strip())
        per_charter = (time.perf_counter() - started) / max(len(lines), 1)
        time.sleep(per_charter * 0.5)  # into the middle of the next charter's transaction
        os.kill(child.pid, signal.SIGKILL)
        child.wait(timeout=30)
        child.stdout.close()
        assert child.returncode == -signal.SIGKILL
        complete = _check_whole_charters(home, groups)
        killed_after.append(len(complete))
        assert 0 < len(complete) < n
    # running the load again completes it: the finished charters are no-ops
    done = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    assert len(_check_whole_charters(home, groups)) == n
    # and the result is the same graph as an uninterrupted load
    fresh = Settings(home=tmp_path / "fresh")
    with EmbeddedStore(fresh.embedded_path, settings=fresh) as clean:
        for i in range(n):
            clean.load(bulk_charter(i, groups))
        expected = clean.content_hash()
    s = Settings(home=home)
    with EmbeddedStore(s.embedded_path, settings=s) as store:
        assert store.content_hash() == expected
        assert store.counts()["nodes"] == n * (2 * groups + 2) + 1


# --------------------------------------------------------------------------- one store, many users
ROOT = TESTS.parent


def _govkg(home: Path, *args: str, timeout_s: str = "10") -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "GOVKG_HOME": str(home), "GOVKG_QUERY_TIMEOUT_S": timeout_s}
    env.pop("NEO4J_URI", None)
    return subprocess.run(
        [sys.executable, "-m", "govkg.cli", *args], capture_output=True, text=True, env=env, cwd=ROOT, timeout=300
    )


def test_snapshot_readers_share_the_file_with_a_writer_and_see_its_loads(tmp_path):
    s = Settings(home=tmp_path)
    with EmbeddedStore(s.embedded_path, settings=s) as writer:
        writer.load(seed000())
    readers = [EmbeddedStore(s.embedded_path, settings=s, read_only=True) for _ in range(3)]
    before = readers[0].counts()["nodes"]
    # readers hold no lock: a writer opens, loads and closes while they stay open
    with EmbeddedStore(s.embedded_path, settings=s) as writer:
        writer.load(seed004())
    reader = readers[0]
    assert reader.refresh() and reader.generation == 1
    assert reader.counts()["nodes"] > before
    # a read notices the new file by itself and swaps the copy in the background
    deadline = time.monotonic() + 20
    while readers[1].counts()["nodes"] == before and time.monotonic() < deadline:
        time.sleep(0.3)
    assert readers[1].counts()["nodes"] == reader.counts()["nodes"]
    for r in readers:
        r.close()


def test_a_shared_store_writes_by_taking_the_writers_role(tmp_path):
    s = Settings(home=tmp_path)
    with EmbeddedStore(s.embedded_path, settings=s, shared=True) as shared:
        assert shared.counts()["nodes"] == 0  # an empty home is an empty graph
        shared.load(seed000())
        assert shared.counts()["nodes"] == 17
        # between its writes it holds nothing: another process's writer can open the file
        code = f"from govkg.graph.embedded import EmbeddedStore; EmbeddedStore({str(s.embedded_path)!r}).close(); print('ok')"
        done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
        assert done.stdout.strip() == "ok", done.stderr


def test_cli_reads_and_loads_while_the_server_runs_and_the_server_sees_the_load(tmp_path):
    import httpx
    from servers import LiveServer, sample_charter_files

    home = tmp_path / "home"
    files = sample_charter_files()
    assert _govkg(home, "load", "--no-validate", *map(str, files[:4])).returncode == 0
    # uploads on: the server may write too, and still holds no lock between writes
    with LiveServer({"GOVKG_HOME": str(home), "GOVKG_API_TOKEN": "t0ken-for-tests"}) as server, httpx.Client(
        base_url=server.url, timeout=60
    ) as client:

        def charters() -> int:
            r = client.post("/query/cypher", json={"query": "MATCH (c:Charter) WHERE c.sha256 IS NOT NULL RETURN count(c) AS n"})
            return r.json()["rows"][0]["n"]

        def sparql_charters() -> int:
            q = "SELECT (COUNT(?c) AS ?n) WHERE { ?c a govkg:Charter ; govkg:sha256 ?h }"
            r = client.post("/sparql", content=q.encode(), headers={"Content-Type": "application/sparql-query", "Accept": "application/sparql-results+json"})
            if r.status_code != 200:
                # while the index catches up with a load, a query may be refused (503, or 413 when the
                # worker that rebuilds it in memory hits its limit: a known gap, see the closing note);
                # the loops below wait, and the server must answer in the end
                assert r.status_code in (413, 503), r.text
                return -1
            return int(r.json()["results"]["bindings"][0]["n"]["value"])

        deadline = time.monotonic() + 30
        while sparql_charters() != 4 and time.monotonic() < deadline:
            time.sleep(0.3)
        assert charters() == 4 and sparql_charters() == 4
        for args in (
            ("query", "--cypher", "MATCH (c:Charter) RETURN count(c) AS n"),
            ("query", "--sparql", "ASK { ?s ?p ?o }"),
            ("chain", "Tổ Công tác về Phát triển Đô thị thông minh", "--in", "Hải Dương", "--json"),
            ("audit", "--json", "--no-shacl"),
            ("export", "-f", "node-link"),
            ("viz", "--chain", "Tổ Công tác về Phát triển Đô thị thông minh", "--in", "Hải Dương", "-o", str(tmp_path / "page.html")),
        ):
            done = _govkg(home, *args)
            assert done.returncode == 0, (args, done.stderr)
            assert "Traceback" not in done.stderr
        loaded = _govkg(home, "load", "--no-validate", str(files[4]))
        assert loaded.returncode == 0, loaded.stdout + loaded.stderr
        deadline = time.monotonic() + 30
        while (charters(), sparql_charters()) != (5, 5) and time.monotonic() < deadline:
            time.sleep(0.3)
        assert (charters(), sparql_charters()) == (5, 5)


@pytest.mark.parametrize(
    "args",
    [
        ("query", "--cypher", "RETURN 1 AS one"),
        ("query", "--sparql", "ASK { ?s ?p ?o }"),
        ("chain", "Tổ Giúp việc"),
        ("audit", "--no-shacl"),
        ("export", "-f", "node-link"),
        ("compare", "a", "b"),
        ("load", "data/charters/000_5614ed0167487373.txt"),
    ],
    ids=lambda a: a[0] + (a[1] if a[0] == "query" else ""),
)
def test_a_store_error_is_one_line_and_exit_2(tmp_path, args):
    s = Settings(home=tmp_path)
    with EmbeddedStore(s.embedded_path, settings=s) as writer:
        writer.load(seed000())
    # a writer that holds the file (a long load) past the readers' patience
    holder = subprocess.Popen(
        [sys.executable, "-c", textwrap.dedent(f"""
            import sys, time
            from govkg.graph.embedded import EmbeddedStore
            store = EmbeddedStore({str(s.embedded_path)!r})
            print("holding", flush=True)
            time.sleep(60)
        """)],
        stdout=subprocess.PIPE, text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "holding"
        done = _govkg(tmp_path, *args, timeout_s="1")
    finally:
        holder.kill()
        holder.wait()
    assert done.returncode == 2, done.stdout + done.stderr
    assert "Traceback" not in done.stderr + done.stdout
    lines = [line for line in done.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and "load" in lines[0] and str(s.embedded_path) in lines[0], done.stderr


def test_a_closed_store_leaves_no_database_held_by_the_reader_threads(tmp_path):
    # reads run on long-lived reader threads; an idle one kept its last job, and with it the
    # database that job read: a closed (or refreshed) store's whole graph stayed in memory
    settings = Settings(home=tmp_path)
    with EmbeddedStore(settings.embedded_path, settings=settings) as writer:
        writer.load(seed000())
    reader = EmbeddedStore(settings.embedded_path, settings=settings, read_only=True)
    db = reader._db
    for _ in range(40):  # on every reader thread, most likely
        assert reader.query("MATCH (c:Charter) RETURN count(c) AS n", timeout=30) == [{"n": 1}]
    reader.close()
    held = sys.getrefcount(db) - 1  # the argument's own reference
    for _ in range(500):  # the threads let go of their jobs as they finish them
        if held == 1:
            break
        time.sleep(0.01)
        held = sys.getrefcount(db) - 1
    assert held == 1, f"{held - 1} references to the closed store's database remain"
