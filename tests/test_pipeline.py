"""govkg/pipeline.py: one load path for files (``load_paths``) and for uploaded bytes (``load_bytes``)."""

from __future__ import annotations

from pathlib import Path

from govkg.config import Settings
from govkg.graph.store import open_store
from govkg.pipeline import SAMPLE_CHARTERS, load_bytes, load_paths

PARTIAL = Path(__file__).parent / "data" / "genre" / "partial_decision.txt"


def test_bytes_load_like_files(tmp_path):
    """The same charter through load_paths and load_bytes: the same outcome and the same store content."""
    path = sorted(SAMPLE_CHARTERS.glob("*.txt"))[3]
    with open_store(Settings(home=tmp_path / "files")) as by_path, open_store(Settings(home=tmp_path / "bytes")) as by_bytes:
        [a] = load_paths(by_path, [path])
        # under the file's own name: the charter records the name it was read under
        [b] = load_bytes(by_bytes, [(str(path), path.read_bytes())])
        assert (b.path, b.status) == (a.path, a.status)
        assert (b.charter, b.nodes, b.edges, b.error, b.warnings) == (a.charter, a.nodes, a.edges, a.error, a.warnings)
        assert by_bytes.content_hash() == by_path.content_hash()
        [again] = load_bytes(by_bytes, [("again.txt", path.read_bytes())])
        assert again.status == "unchanged"


def test_a_cut_off_upload_gets_the_partial_warning_as_a_file_does(tmp_path):
    with open_store(Settings(home=tmp_path / "h")) as store:
        [a] = load_paths(store, [PARTIAL], validate=False)
        [b] = load_bytes(store, [(PARTIAL.name, PARTIAL.read_bytes())], validate=False)
    shapes = [w.get("shape") for w in a.warnings]
    assert "charter.partial" in shapes
    assert [w.get("shape") for w in b.warnings] == shapes
    with open_store(Settings(home=tmp_path / "s")) as store:
        [strict] = load_bytes(store, [(PARTIAL.name, PARTIAL.read_bytes())], validate=False, strict=True)
        assert strict.status == "failed" and store.charters() == []


def test_a_bad_upload_fails_alone_and_writes_nothing(tmp_path):
    data = sorted(SAMPLE_CHARTERS.glob("*.txt"))[0].read_bytes()
    files = [("empty.txt", b""), ("big.txt", data + b" " * 100), ("sample.txt", data)]
    with open_store(Settings(home=tmp_path / "h")) as store:
        outcomes = load_bytes(store, files, max_bytes=len(data) + 10, validate=False)
        assert [o.status for o in outcomes[:2]] == ["failed", "failed"] and all(o.error for o in outcomes[:2])
        assert outcomes[2].status == "loaded"
        assert [c["id"] for c in store.charters()] == [outcomes[2].charter]


def test_a_big_load_extracts_on_a_pool_and_writes_the_same_graph(tmp_path):
    # from POOL_FROM_FILES files on, `govkg load` reads and extracts in worker processes while it
    # writes; the files are written in the same order, so the graph is the one process's
    from govkg.bench.corpus import generate_corpus
    from govkg.pipeline import POOL_FROM_FILES, _load_workers

    corpus = generate_corpus(tmp_path / "corpus", seed=7, provinces=1, communes=POOL_FROM_FILES + 3, legacy=1)
    (tmp_path / "corpus" / "broken.txt").write_bytes(b"\xff\xfe\x00not a charter")
    results = {}
    for workers in (1, 2):
        s = Settings(home=tmp_path / f"home-{workers}", load_workers=workers)
        with open_store(s) as store:
            assert _load_workers(store, len(corpus.entries) + 1) == workers
            outcomes = load_paths(store, [corpus.out_dir], validate=False)
            results[workers] = ([(Path(o.path).name, o.status, o.charter) for o in outcomes], store.content_hash(), store.counts())
    assert results[1] == results[2]
    names, _, counts = results[2]
    assert counts["charters"] == len(corpus.entries) and ("broken.txt", "failed", None) in names
