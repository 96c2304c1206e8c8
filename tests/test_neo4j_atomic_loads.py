"""Atomic, idempotent loads on the Bolt path (``Neo4jStore``: one ``execute_write`` per charter).

Against the server at ``NEO4J_URI`` (ArcadeDB in ``make test``; a real Neo4j with
``NEO4J_URI=… make test-neo4j``), the embedded store's crash tests
(``test_embedded.py``, ``test_atomic_loads.py``) again:

- a loader killed with SIGKILL in the middle of a charter's transaction leaves only whole
  charters (the server rolls back the transaction of a client that vanished, or commits
  it whole when the COMMIT had been sent: the checks wait for the server to settle), and
  running it again completes the load with the graph of an uninterrupted one;
- ``govkg load`` of the real sample charters, killed after its first commit, the same;
- reloading is a no-op: counts and ``content_hash()`` stay, every charter is "unchanged";
  and the graph equals the embedded store's load of the same files (the same content hash).
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from factories import bulk_charter, make_store
from test_atomic_loads import SEEDS, expected_edges, old_charter, provision_ids, renumbered, stored_edges

from govkg.pipeline import extract_file

pytestmark = [pytest.mark.neo4j, pytest.mark.timeout(1200)]

ROOT = Path(__file__).resolve().parent.parent
TESTS = ROOT / "tests"

_CHILD = textwrap.dedent(
    """
    import sys
    sys.path.insert(0, {tests!r})
    from factories import bulk_charter
    from govkg.config import load_settings
    from govkg.graph.neo4j_store import Neo4jStore

    store = Neo4jStore.from_settings(load_settings())
    for i in range({n}):
        store.load(bulk_charter(i, {groups}))
        print(i, flush=True)
    store.close()
    print("done", flush=True)
    """
)


@pytest.fixture
def store(tmp_path):
    s = make_store("neo4j", tmp_path)  # skips without NEO4J_URI; empties the database
    yield s
    s.close()


def _env(home: Path, *, bolt: bool = True) -> dict[str, str]:
    env = {**os.environ, "GOVKG_HOME": str(home), "PYTHONIOENCODING": "utf-8", "COLUMNS": "250"}
    env.pop("GOVKG_CONFIG", None)
    if not bolt:
        env.pop("NEO4J_URI", None)
    return env


def _settled(store, seconds: float = 1.0, limit: float = 60.0) -> None:
    """Wait until the server has finished with the killed client's transaction.

    A COMMIT the client sent before it died still commits, after the kill: the checks must
    not read half before it and half after. Settled = the same counts for ``seconds``.
    """
    deadline = time.monotonic() + limit
    last = None
    while time.monotonic() < deadline:
        now = (store.counts(), [(c["id"], c["complete"]) for c in store.charters()])
        if now == last:
            return
        last = now
        time.sleep(seconds)
    raise AssertionError("the server never settled after the kill")


def _bulk_whole(store, groups: int) -> set[str]:
    """Each bulk charter is complete with all its edges and nodes, or absent; returns the complete ones."""
    charters = store.charters()
    assert [c["id"] for c in charters if not c["complete"]] == [], "a Charter without its sha256: a partial load"
    complete = {c["id"] for c in charters}
    per_charter = {
        r["c"]: r["n"] for r in store.query("MATCH ()-[e]->() RETURN e.charter AS c, count(*) AS n", limit=None)
    }
    assert set(per_charter) == complete and all(n == 4 * groups + 2 for n in per_charter.values())
    # nodes: the shared national committee, and per charter its committee, groups and posts
    assert store.counts()["nodes"] == (len(complete) * (2 * groups + 2) + 1 if complete else 0)
    return complete


def test_sigkill_mid_transaction_leaves_whole_charters_and_a_rerun_completes(store, tmp_path):
    n, groups = 6, 250
    script = tmp_path / "child.py"
    script.write_text(_CHILD.format(tests=str(TESTS), n=n, groups=groups))
    rng = random.Random(17)
    partial = 0
    for _round in range(3):
        child = subprocess.Popen(
            [sys.executable, str(script)], stdout=subprocess.PIPE, text=True, env=_env(tmp_path), cwd=ROOT
        )
        assert child.stdout is not None
        started, lines = time.perf_counter(), []
        while len(lines) < 1:
            line = child.stdout.readline()
            if not line:
                break
            lines.append(line.strip())
        per_charter = (time.perf_counter() - started) / 2  # the first one also opened the driver
        time.sleep(per_charter * rng.uniform(0.2, 0.8))  # into the next charter's transaction
        os.kill(child.pid, signal.SIGKILL)
        child.wait(timeout=60)
        child.stdout.close()
        _settled(store)
        complete = _bulk_whole(store, groups)
        if child.returncode == -signal.SIGKILL and 0 < len(complete) < n:
            partial += 1
    assert partial >= 1, "no kill landed in the middle of the load"
    done = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, env=_env(tmp_path), cwd=ROOT)
    assert done.returncode == 0, done.stderr
    assert len(_bulk_whole(store, groups)) == n
    # the graph of an uninterrupted load
    fresh = make_store("embedded", tmp_path / "fresh")
    try:
        for i in range(n):
            fresh.load(bulk_charter(i, groups))
        assert store.content_hash() == fresh.content_hash()
    finally:
        fresh.close()


def _load_cmd(files) -> list[str]:
    return [sys.executable, "-m", "govkg.cli", "load", "--no-validate", *map(str, files)]


def _whole_charters(store, expected) -> set[str]:
    charters = {c["id"]: c for c in store.charters()}
    assert all(c["complete"] for c in charters.values()), "a Charter node without its sha256: a partial load"
    edge_charters = {r["c"] for r in store.query(
        "MATCH ()-[e]->() UNWIND coalesce(e.charters, [e.charter]) AS c RETURN DISTINCT c", limit=None
    )}
    assert edge_charters <= set(charters), "edges of a charter that is not there"
    for cid, facts in expected.items():
        edges = stored_edges(store, cid)
        provisions = {
            r["id"]
            for r in store.query("MATCH (p:Provision) WHERE p.charter = $c RETURN p.id AS id", {"c": cid}, limit=None)
        }
        if cid in charters:
            assert set(edges) == set(expected_edges(facts)) and provisions == provision_ids(facts), cid
        else:
            assert not edges and not provisions, cid
    return set(charters)


def test_govkg_load_killed_then_rerun_equals_an_uninterrupted_load(store, tmp_path):
    extra = tmp_path / "extra"
    extra.mkdir()
    files = [*SEEDS, old_charter(extra), renumbered(extra, SEEDS[2], "77/QĐ-BCĐ"), renumbered(extra, SEEDS[3], "78/QĐ-UBND")]
    expected = {f.charter_id: f for f in map(extract_file, files)}
    assert len(expected) == len(files)
    child = subprocess.Popen(
        _load_cmd(files), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=_env(tmp_path), cwd=ROOT
    )
    try:
        deadline = time.monotonic() + 600
        while time.monotonic() < deadline and child.poll() is None and not store.charters():
            time.sleep(0.02)
        time.sleep(random.Random(3).uniform(0.0, 0.5))
    finally:
        if child.poll() is None:
            os.kill(child.pid, signal.SIGKILL)
        child.wait(timeout=60)
    _settled(store)
    assert 0 < len(_whole_charters(store, expected)) <= len(files)
    rerun = subprocess.run(_load_cmd(files), capture_output=True, text=True, env=_env(tmp_path), cwd=ROOT)
    assert rerun.returncode == 0, rerun.stdout + rerun.stderr
    assert _whole_charters(store, expected) == set(expected)
    before = (store.counts(), store.content_hash())
    # a reload is a no-op
    again = subprocess.run(_load_cmd(files), capture_output=True, text=True, env=_env(tmp_path), cwd=ROOT)
    assert again.returncode == 0, again.stdout + again.stderr
    assert again.stdout.count("unchanged") == len(files) and " loaded " not in again.stdout
    assert (store.counts(), store.content_hash()) == before
    # the same graph as the embedded store's uninterrupted load of the same files
    home = tmp_path / "embedded"
    fresh = subprocess.run(_load_cmd(files), capture_output=True, text=True, env=_env(home, bolt=False), cwd=ROOT)
    assert fresh.returncode == 0, fresh.stdout + fresh.stderr
    embedded = make_store("embedded", home)
    try:
        assert (embedded.counts(), embedded.content_hash()) == before
    finally:
        embedded.close()
