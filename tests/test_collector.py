"""The collector's thresholds during bulk work (govkg.collector)."""

from __future__ import annotations

import gc

from factories import make_store

from govkg.collector import FULL_EVERY, fewer_full_collections
from govkg.pipeline import SAMPLE_CHARTERS, load_paths


def test_the_thresholds_are_raised_inside_and_restored_after():
    before = gc.get_threshold()
    with fewer_full_collections(every=before[2] + 50):
        assert gc.get_threshold() == (before[0], before[1], before[2] + 50)
    assert gc.get_threshold() == before


def test_a_change_made_inside_is_left_alone():
    before = gc.get_threshold()
    try:
        with fewer_full_collections():
            gc.set_threshold(5000, 20, 20)  # someone else's choice, made meanwhile
        assert gc.get_threshold() == (5000, 20, 20)
    finally:
        gc.set_threshold(*before)


def test_a_load_writes_its_batches_with_fewer_full_collections(tmp_path, monkeypatch):
    store = make_store("embedded", tmp_path)
    seen: list[int] = []
    write = store.load_many

    def load_many(batch):
        seen.append(gc.get_threshold()[2])
        return write(batch)

    monkeypatch.setattr(store, "load_many", load_many)
    try:
        before = gc.get_threshold()
        outcomes = load_paths(store, sorted(SAMPLE_CHARTERS.glob("*.txt")), validate=False)
        assert outcomes and all(o.status == "loaded" for o in outcomes)
        assert seen and all(full >= FULL_EVERY for full in seen)
        assert gc.get_threshold() == before
    finally:
        store.close()
