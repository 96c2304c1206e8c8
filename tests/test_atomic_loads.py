"""Atomic, idempotent loads of real charters, through the pipeline and the ``govkg load`` command.

``tests/test_store.py`` checks the store's load logic on hand-built facts, and
``tests/test_embedded.py`` kills a process that calls ``store.load`` on synthetic charters.
Here the charters are the real sample files, read, parsed, extracted and SHACL-validated
as ``govkg load`` does it:

- one transaction per charter: a failing charter (bad file, or a store error on its last
  edge) leaves nothing of itself, and the other charters of the same run load;
- reloading the same files leaves counts and ``content_hash()`` identical;
- a charter that replaces an older loaded one (``thay thế Quyết định số …``) closes it
  (``validTo``), in either load order, and each keeps exactly its own provisions and edges;
- ``govkg load`` killed with SIGKILL after its first charter committed leaves only whole
  charters, and running it again completes the load with the graph of an uninterrupted one.
"""

from __future__ import annotations

import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from govkg.config import Settings
from govkg.errors import StoreError
from govkg.graph.embedded import EmbeddedStore
from govkg.graph.store import clean_props
from govkg.ontology.facts import Edge, Facts, is_folded, keep_evidence
from govkg.pipeline import extract_file, load_paths

ROOT = Path(__file__).resolve().parent.parent
SEEDS = sorted((ROOT / "data" / "charters").glob("*.txt"))
NEW = SEEDS[0]  # 03/QĐ-BCĐ of 2026-07-01, "thay thế Quyết định số 01/QĐ-BCĐ ngày 05/8/2025"

pytestmark = pytest.mark.timeout(1200)


def old_charter(folder: Path) -> Path:
    """The decision seed 000 replaces, 01/QĐ-BCĐ of 2025-08-05, written from seed 000's text."""
    text = NEW.read_text(encoding="utf-8")
    for a, b in (
        ("Quyết định số 03/QĐ-BCĐ ngày 01 tháng 7 năm 2026", "Quyết định số 01/QĐ-BCĐ ngày 05 tháng 8 năm 2025"),
        ("Hải Dương, ngày 01 tháng 7 năm 2026", "Hải Dương, ngày 05 tháng 8 năm 2025"),
        ("Số: 03/QĐ-BCĐ", "Số: 01/QĐ-BCĐ"),
    ):
        assert a in text
        text = text.replace(a, b)
    start = text.index("; thay thế Quyết định số 01/QĐ-BCĐ")
    text = text[:start] + "." + text[text.index("\n", start) :]
    path = folder / "old_01_QD_BCD.txt"
    path.write_text(text, encoding="utf-8")
    return path


def renumbered(folder: Path, seed: Path, number: str) -> Path:
    """Another charter from a seed's text: a different number is a different document."""
    text = seed.read_text(encoding="utf-8")
    first = text.index("Số:")
    line_end = text.index("\n", first)
    path = folder / f"{seed.stem}_{number.replace('/', '_')}.txt"
    path.write_text(text[:first] + f"Số: {number}" + text[line_end:], encoding="utf-8")
    return path


def snapshot(home: Path) -> tuple[dict, str]:
    s = Settings(home=home)
    with EmbeddedStore(s.embedded_path, settings=s) as store:
        return store.counts(), store.content_hash()


def govkg_load(home: Path, *files: Path, timeout: float = 900) -> subprocess.CompletedProcess:
    return subprocess.run(_load_cmd(files), capture_output=True, text=True, env=_env(home), cwd=ROOT, timeout=timeout)


def _load_cmd(files) -> list[str]:
    return [sys.executable, "-m", "govkg.cli", "load", *map(str, files)]


def _env(home: Path, **extra: str) -> dict[str, str]:
    env = {**os.environ, "GOVKG_HOME": str(home), "PYTHONIOENCODING": "utf-8", "COLUMNS": "250", **extra}
    for var in ("NEO4J_URI", "GOVKG_CONFIG"):
        env.pop(var, None)
    return env


def _own(edge: Edge, charter_id: str) -> dict:
    # a folded edge is shared: what a charter wrote is its own evidence (the confidence is the
    # highest of all charters' evidence, so it is left out of the comparison)
    own = keep_evidence(edge, lambda c: c == charter_id)
    return {k: v for k, v in clean_props(own.props).items() if k != "confidence"}


def stored_edges(store, charter_id: str) -> dict[str, tuple]:
    rows = store.query(
        "MATCH (a)-[e]->(b) WHERE $c IN coalesce(e.charters, [e.charter]) "
        "RETURN e.id AS id, type(e) AS type, a.id AS a, b.id AS b, properties(e) AS p",
        {"c": charter_id},
        limit=10**6,
    )
    out = {}
    for r in rows:
        edge = Edge(r["type"], r["a"], r["b"], r["p"])
        out[r["id"]] = (r["type"], r["a"], r["b"], _own(edge, charter_id) if is_folded(edge) else r["p"])
    return out


def expected_edges(facts: Facts) -> dict[str, tuple]:
    out = {}
    for e in facts.edges:
        if is_folded(e):
            props = _own(e, facts.charter_id)
        else:
            props = clean_props({**e.props, "charter": e.props.get("charter") or facts.charter_id})
        props["id"] = e.id
        out[e.id] = (e.type, e.source, e.target, props)
    return out


def provision_ids(facts: Facts) -> set[str]:
    return {n.id for n in facts.nodes.values() if "Provision" in n.labels}


# --------------------------------------------------------------------------- one transaction per charter
def test_a_bad_file_in_a_run_fails_alone(tmp_path):
    # a copy cut mid-article now loads as a partial charter (issue 14); a text that is no charter at all fails
    bad = tmp_path / "duplicate.txt"
    seed = SEEDS[3].read_text(encoding="utf-8")
    bad.write_text(seed.replace("Điều 3.", "Điều 2.", 1), encoding="utf-8")  # two articles numbered 2
    home = tmp_path / "home"
    result = govkg_load(home, SEEDS[1], bad, SEEDS[3])
    assert result.returncode == 2, result.stdout + result.stderr
    assert "duplicate.txt" in result.stdout + result.stderr and "failed" in result.stdout
    clean = tmp_path / "clean"
    with EmbeddedStore(Settings(home=clean).embedded_path, settings=Settings(home=clean)) as store:
        load_paths(store, [SEEDS[1], SEEDS[3]])
    assert snapshot(home) == snapshot(clean)  # the good ones, whole; nothing of the bad one


def test_a_store_error_on_the_last_edge_rolls_the_charter_back(tmp_path):
    s = Settings(home=tmp_path)
    with EmbeddedStore(s.embedded_path, settings=s) as store:
        load_paths(store, [SEEDS[1]])
        before = (store.counts(), store.content_hash())
        facts = extract_file(SEEDS[3])
        # a real charter whose very last edge points at a node that exists nowhere
        facts.add_edge(Edge("PART_OF", next(iter(provision_ids(facts))), "body:nowhere", {"charter": facts.charter_id}))
        with pytest.raises(StoreError):
            store.load(facts)
        assert (store.counts(), store.content_hash()) == before
        assert facts.charter_id not in {c["id"] for c in store.charters()}


# --------------------------------------------------------------------------- idempotent reloads
def test_reloading_the_same_files_changes_nothing(tmp_path):
    home = tmp_path / "home"
    first = govkg_load(home, *SEEDS)
    assert first.returncode == 0, first.stdout + first.stderr
    before = snapshot(home)
    again = govkg_load(home, *SEEDS)
    assert again.returncode == 0, again.stdout + again.stderr
    assert again.stdout.count("unchanged") == len(SEEDS) and " loaded " not in again.stdout
    assert snapshot(home) == before
    # and through the library, twice more
    s = Settings(home=home)
    with EmbeddedStore(s.embedded_path, settings=s) as store:
        for _ in range(2):
            assert {o.status for o in load_paths(store, SEEDS)} == {"unchanged"}
        assert (store.counts(), store.content_hash()) == before


# --------------------------------------------------------------------------- replacement and validity
@pytest.mark.parametrize("order", ["old-first", "new-first"])
def test_a_replacing_charter_keeps_both_with_validity(order, tmp_path):
    old = old_charter(tmp_path)
    old_facts, new_facts = extract_file(old), extract_file(NEW)
    assert old_facts.charter_id != new_facts.charter_id
    files = [old, NEW] if order == "old-first" else [NEW, old]
    s = Settings(home=tmp_path / order)
    with EmbeddedStore(s.embedded_path, settings=s) as store:
        outcomes = load_paths(store, files)
        assert [o.status for o in outcomes] == ["loaded", "loaded"], [o.error for o in outcomes]
        charters = {c["id"]: c for c in store.charters()}
        o, n = charters[old_facts.charter_id], charters[new_facts.charter_id]
        assert (o["validFrom"], o["validTo"]) == ("2025-08-05", "2026-07-01")
        assert (n["validFrom"], n.get("validTo")) == ("2026-07-01", None)
        assert o["complete"] and n["complete"]
        # each charter keeps exactly its own edges and provisions
        for facts in (old_facts, new_facts):
            assert stored_edges(store, facts.charter_id) == expected_edges(facts)
            found = {r["id"] for r in store.query("MATCH (p:Provision) WHERE p.charter = $c RETURN p.id AS id", {"c": facts.charter_id}, limit=10**6)}
            assert found == provision_ids(facts)
        # the "as of" view sees one in force at a time
        from govkg.graph.named_queries import valid_charters

        assert old_facts.charter_id in valid_charters(store, "2026-01-01")
        assert old_facts.charter_id not in valid_charters(store, "2026-07-02")
        assert new_facts.charter_id in valid_charters(store, "2026-07-02")
        digest = store.content_hash()
    # the same graph whichever came first
    other = Settings(home=tmp_path / f"{order}-again")
    with EmbeddedStore(other.embedded_path, settings=other) as store:
        load_paths(store, list(reversed(files)))
        assert store.content_hash() == digest


# --------------------------------------------------------------------------- SIGKILL mid-load
def _wal_bytes(home: Path) -> int:
    return sum(p.stat().st_size for p in home.glob("*.wal/*") if p.is_file())


def _check_whole_charters(home: Path, expected: dict[str, Facts]) -> set[str]:
    """Each Charter is present (with its sha256) iff all its provisions and edges are; returns those."""
    s = Settings(home=home)
    with EmbeddedStore(s.embedded_path, settings=s) as store:
        charters = {c["id"]: c for c in store.charters()}
        assert all(c["complete"] for c in charters.values()), "a Charter node without its sha256: a partial load"
        complete = set(charters)
        edge_charters = {r["c"] for r in store.query(
            "MATCH ()-[e]->() UNWIND coalesce(e.charters, [e.charter]) AS c RETURN DISTINCT c", limit=10**6
        )}
        assert edge_charters <= complete, "edges of a charter that is not there"
        for cid, facts in expected.items():
            edges = stored_edges(store, cid)
            provisions = {
                r["id"] for r in store.query("MATCH (p:Provision) WHERE p.charter = $c RETURN p.id AS id", {"c": cid}, limit=10**6)
            }
            if cid in complete:
                assert set(edges) == set(expected_edges(facts)), cid
                assert provisions == provision_ids(facts), cid
            else:
                assert not edges and not provisions, cid
        return complete


def test_sigkill_mid_govkg_load_leaves_whole_charters_and_a_rerun_completes(tmp_path):
    extra = tmp_path / "extra"
    extra.mkdir()
    files = [*SEEDS, old_charter(extra), renumbered(extra, SEEDS[2], "77/QĐ-BCĐ"), renumbered(extra, SEEDS[3], "78/QĐ-UBND")]
    expected = {f.charter_id: f for f in map(extract_file, files)}
    assert len(expected) == len(files)
    home = tmp_path / "home"
    home.mkdir()
    rng = random.Random(2026)
    partial_rounds = 0
    for _round in range(3):
        baseline = None
        # three charters per transaction: a kill lands between batches or inside one (7 files: 3 + 3 + 1)
        child = subprocess.Popen(
            _load_cmd(files), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=_env(home, GOVKG_LOAD_BATCH="3"), cwd=ROOT
        )
        try:
            # the embedded store writes its log at commit only: log growth = a charter committed
            deadline = time.monotonic() + 600
            while time.monotonic() < deadline and child.poll() is None:
                size = _wal_bytes(home)
                if baseline is None and (home / "graph.grafeo").exists():
                    baseline = size  # the open: index and constraints
                elif baseline is not None and size > baseline + 10_000:
                    break
                time.sleep(0.005)
            time.sleep(rng.uniform(0.0, 1.5))  # somewhere in the next charter's work
        finally:
            if child.poll() is None:
                os.kill(child.pid, signal.SIGKILL)
            child.wait(timeout=60)
        complete = _check_whole_charters(home, expected)
        if child.returncode == -signal.SIGKILL and 0 < len(complete) < len(files):
            partial_rounds += 1
    assert partial_rounds >= 1, "no kill landed in the middle of the load"
    # running the load again completes it: finished charters are no-ops
    rerun = govkg_load(home, *files)
    assert rerun.returncode == 0, rerun.stdout + rerun.stderr
    assert _check_whole_charters(home, expected) == set(expected)
    # with the graph of an uninterrupted load
    fresh = tmp_path / "fresh"
    assert govkg_load(fresh, *files).returncode == 0
    assert snapshot(home) == snapshot(fresh)
    shutil.rmtree(fresh)


# --------------------------------------------------------------------------- several charters per transaction
def test_a_batched_load_gives_the_graph_of_one_transaction_per_charter(tmp_path):
    """load_paths commits ``load_batch`` charters per transaction on the embedded store: the same
    graph (counts, content hash, folded evidence) as one transaction per charter, and a reload
    of the same files in batches changes nothing."""
    extra = tmp_path / "extra"
    extra.mkdir()
    files = [*SEEDS, old_charter(extra), renumbered(extra, SEEDS[2], "77/QĐ-BCĐ")]
    graphs = {}
    for batch in (1, 4):
        s = Settings(home=tmp_path / f"b{batch}", load_batch=batch)
        with EmbeddedStore(s.embedded_path, settings=s) as store:
            assert store.load_batch == batch
            outcomes = load_paths(store, files, validate=False)
            assert [o.status for o in outcomes] == ["loaded"] * len(files), [o.error for o in outcomes]
            graphs[batch] = (store.counts(), store.content_hash())
            again = load_paths(store, files, validate=False)
            assert [o.status for o in again] == ["unchanged"] * len(files)
            assert (store.counts(), store.content_hash()) == graphs[batch]
    assert graphs[1] == graphs[4]
