"""Extraction is pinned by a snapshot: the node ids, edge ids and a digest of every fact of
each sample and test charter, plus the content hash of a load of the five samples.

A refactor must leave this green. A change that means to alter facts regenerates the
snapshot in a commit of its own (``GOVKG_UPDATE_SNAPSHOT=1 pytest tests/test_facts_snapshot.py``),
so the diff of ``tests/snapshots/facts.json`` shows what changed.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

import pytest

from govkg.graph.embedded import EmbeddedStore
from govkg.pipeline import SAMPLE_CHARTERS, extract_file, load_paths

ROOT = Path(__file__).resolve().parent.parent
SNAPSHOT = Path(__file__).parent / "snapshots" / "facts.json"
CHARTERS = sorted(SAMPLE_CHARTERS.glob("*.txt")) + sorted((ROOT / "tests" / "data").glob("*.txt"))
UPDATE = os.environ.get("GOVKG_UPDATE_SNAPSHOT") == "1"


def _digest(obj) -> str:
    return hashlib.sha256(json.dumps(obj, sort_keys=True, ensure_ascii=False, default=str).encode()).hexdigest()


def _summary(path: Path) -> dict:
    facts = extract_file(path)
    nodes = sorted(({"id": n.id, "labels": list(n.labels), **n.props} for n in facts.nodes.values()), key=lambda n: n["id"])
    edges = sorted(({"type": e.type, "source": e.source, "target": e.target, **e.props} for e in facts.edges),
                   key=lambda e: e["id"])
    return {
        "nodes": [n["id"] for n in nodes],
        "edges": [e["id"] for e in edges],
        "digest": _digest({"nodes": nodes, "edges": edges}),
    }


def _load_hash(tmp: Path) -> str:
    store = EmbeddedStore(tmp / "store")
    try:
        outcomes = load_paths(store, [SAMPLE_CHARTERS], validate=False)
        assert all(o.status != "failed" for o in outcomes), [o.error for o in outcomes]
        return store.content_hash()
    finally:
        store.close()


@pytest.fixture(scope="module")
def snapshot(tmp_path_factory) -> dict:
    if UPDATE:
        data = {
            "charters": {str(p.relative_to(ROOT)): _summary(p) for p in CHARTERS},
            "samples_load_content_hash": _load_hash(tmp_path_factory.mktemp("snap")),
        }
        SNAPSHOT.parent.mkdir(exist_ok=True)
        SNAPSHOT.write_text(json.dumps(data, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    return json.loads(SNAPSHOT.read_text(encoding="utf-8"))


@pytest.mark.parametrize("path", CHARTERS, ids=lambda p: p.name)
def test_facts_match_snapshot(snapshot, path):
    want = snapshot["charters"][str(path.relative_to(ROOT))]
    got = _summary(path)
    assert set(got["nodes"]) == set(want["nodes"]), "node ids changed"
    assert set(got["edges"]) == set(want["edges"]), "edge ids changed"
    assert got["digest"] == want["digest"], "same ids, but some property changed"


def test_every_snapshot_charter_still_exists(snapshot):
    assert set(snapshot["charters"]) == {str(p.relative_to(ROOT)) for p in CHARTERS}


def test_load_of_the_samples_matches_snapshot(snapshot, tmp_path):
    assert _load_hash(tmp_path) == snapshot["samples_load_content_hash"]
