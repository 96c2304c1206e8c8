"""The benchmark: extraction, load, RDF, queries, API, memory and disk, in one run.

:func:`run_benchmark` measures, on a corpus folder (see :mod:`govkg.bench.corpus`):

``extraction``
    charters/s of parse + extract on one process and with a process pool on all cores
    (on a seeded sample of the corpus, the same files for both), and beside it one plain
    regular-expression pass over the same files in the same process (:func:`plain_regex_pass`:
    read, decode, one compiled regex over the text), the physical limit of reading the text;
``load``
    end-to-end wall time of parse + extract + load of the whole corpus into a fresh
    embedded store (a temporary ``GOVKG_HOME``), extraction in a process pool feeding
    the one writer; into Neo4j too when asked for and configured. SHACL validation is
    left out (``govkg load --no-validate``) and measured apart on a few charters;
``rdf``
    RDF build (facts → triples → N-Triples, in the pool) and bulk load into an on-disk
    SPARQL store (pyoxigraph);
``queries``
    p50/p99 latency over many runs of a chain from a random working group up to the
    national level (Cypher on the embedded store, and its SPARQL twin ``chain.rq``),
    the members of a committee, and the audit over everything;
``api``
    requests/s and p99 of the chain endpoint under a bounded loopback load (a keep-alive
    HTTP/1.1 client on asyncio streams in its own process, ``api_clients`` concurrent
    connections for ``api_seconds``, each request for a random working group, against a real
    uvicorn server started in a subprocess), and of ``/healthz`` as the ceiling of the
    stack;
``memory`` / ``disk``
    peak memory (PSS) of the whole process tree (sampled with psutil) and ``getrusage``; on-disk
    size of the stores;
``scaling``
    end-to-end load and chain latency at several corpus sizes (``sizes``), and a
    linear fit, so that the README can say whether cost grows linearly.

Figures are printed (a rich table) and returned as a dict (``json=True`` also prints it
as JSON on stdout, the table going to stderr). Nothing is asserted about time: targets are
reported as met or missed.

Examples
--------
>>> summarize_ms([3.0, 1.0, 2.0, 4.0])["p50_ms"]
2.5
>>> linear_fit([(100, 10.0), (200, 20.0), (400, 40.0)])["ms_per_charter"]
100.0
"""

from __future__ import annotations

import asyncio
import contextlib
import gc
import json as _json
import multiprocessing as mp
import os
import pickle
import platform
import random
import re
import resource
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

import psutil
from rich.console import Console
from rich.table import Table

from govkg.collector import fewer_full_collections
from govkg.config import load_settings
from govkg.errors import ConfigError, GovkgError
from govkg.graph.named_queries import load_query
from govkg.ontology.facts import Facts

__all__ = [
    "DEFAULT_SIZES",
    "PRODUCTION_SPARQL_MAX",
    "TARGETS",
    "linear_fit",
    "machine_info",
    "plain_regex_pass",
    "raw_insert_statements",
    "run_benchmark",
    "summarize_ms",
    "target_table",
]

#: The scaling run's corpus sizes when ``sizes`` is not given and the corpus is large enough.
DEFAULT_SIZES = (100, 1000, 3400)
#: Scaling sizes up to this many charters also time the API's whole-graph SPARQL index build.
PRODUCTION_SPARQL_MAX = 100
#: The goals of issue 18 (reported as met or missed, never asserted).
TARGETS = {
    "load_seconds": 60.0,
    "chain_cypher_p99_ms": 10.0,
    "chain_sparql_p99_ms": 50.0,
    "chain_api_rps": 500.0,
    # /chains against /healthz on the same server, measured side by side
    "chain_api_to_healthz": 0.5,
    # in every phase (the largest phase is the figure)
    "peak_memory_bytes": 2 * 1024**3,
}
# N-Triples handed to pyoxigraph's bulk loader at once by the RDF phase (see _rdf)
_RDF_BATCH_BYTES = 64 * 1024 * 1024
# charters built per window of the RDF phase (~0.5 MB of N-Triples each in the national corpus)
_RDF_WINDOW = 128
# the phases whose peak memory the target bounds, and where each one's figure is kept
# the API phase's figure is the server's tree (govkg serve), not the benchmark process and its
# load client beside it (the phase's whole tree is printed too)
_MEMORY_PHASES = (
    ("load", ("load", "embedded")),
    ("RDF", ("rdf",)),
    ("queries", ("queries",)),
    ("API", ("api", "server_memory")),
)


# --------------------------------------------------------------------------- small helpers
def summarize_ms(samples_ms: Sequence[float]) -> dict[str, Any]:
    """Runs, p50, p99, mean and max of latencies in milliseconds (p99 by linear interpolation).

    >>> summarize_ms([])["runs"]
    0
    """
    xs = sorted(samples_ms)
    if not xs:
        return {"runs": 0, "p50_ms": None, "p99_ms": None, "mean_ms": None, "max_ms": None}

    def pct(q: float) -> float:
        k = (len(xs) - 1) * q
        lo, hi = int(k), min(int(k) + 1, len(xs) - 1)
        return xs[lo] + (xs[hi] - xs[lo]) * (k - lo)

    return {
        "runs": len(xs),
        "p50_ms": round(pct(0.5), 3),
        "p99_ms": round(pct(0.99), 3),
        "mean_ms": round(statistics.fmean(xs), 3),
        "max_ms": round(xs[-1], 3),
    }


def linear_fit(points: Sequence[tuple[int, float]]) -> dict[str, Any]:
    """Least-squares ``seconds = fixed + n · per_charter`` over (charters, seconds) points.

    ``growth`` is the per-charter cost at the largest size over that at the smallest
    (1.0: linear; above 1: superlinear).
    """
    pts = [(n, s) for n, s in points if n > 0]
    if len(pts) < 2:
        return {"points": len(pts), "ms_per_charter": None, "fixed_seconds": None, "growth": None}
    mx = statistics.fmean(n for n, _ in pts)
    my = statistics.fmean(s for _, s in pts)
    sxx = sum((n - mx) ** 2 for n, _ in pts)
    slope = sum((n - mx) * (s - my) for n, s in pts) / sxx if sxx else 0.0
    small, large = min(pts), max(pts)
    growth = (large[1] / large[0]) / (small[1] / small[0]) if small[1] > 0 else None
    return {
        "points": len(pts),
        "ms_per_charter": round(slope * 1000, 3),
        "fixed_seconds": round(my - slope * mx, 3),
        "growth": round(growth, 3) if growth is not None else None,
    }


def machine_info() -> dict[str, Any]:
    """CPU model, cores, memory, OS, Python and the load average at the start (the machine may be shared)."""
    model = platform.processor() or ""
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    return {
        "cpu": model,
        "cores": os.cpu_count(),
        "memory_bytes": psutil.virtual_memory().total,
        "os": f"{platform.system()} {platform.release()}",
        "python": platform.python_version(),
        "load_average": [round(x, 2) for x in os.getloadavg()],
    }


def _dir_bytes(path: Path) -> int:
    if not path.exists():
        return 0
    if path.is_file():
        return path.stat().st_size
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


class _PeakMemory:
    """Samples the memory of this process and all its descendants; ``peak`` is the largest sum seen.

    Each process counts its PSS (proportional set size: a page shared by n processes counts
    1/n in each) where the OS reports it: forked pool workers share most of their pages with
    this process, and a sum of RSS counted those pages once per worker. RSS elsewhere.

    A sample is not free: for PSS the kernel walks every page table of the process, ~15 ms of
    CPU per GB. The load's writer and workers (~2 GB together) took ~10% of a core at 0.2 s,
    time the timed load was charged; its phase (whose memory grows with the graph, sampled
    once more at the end) and the whole run's figure sample every second (:data:`COARSE`).

    One sampler of a process tree runs at a time: a sampler entered inside another of the
    same root takes over from it (the outer one pauses, and takes the inner one's peak when it
    ends), and :meth:`paused` stops one while another process samples its own phase. Two
    samplers of one tree read the same pages twice, and each read holds the process's memory
    map lock: the timed work stalls behind it.
    """

    def __init__(self, interval: float = 0.2, root: int | None = None):
        self.interval = interval
        self.peak = 0
        # at the peak: this process's share and its descendants' (what to shrink first)
        self.peak_self = 0
        self.peak_children = 0
        self._stop = threading.Event()
        self._paused = threading.Event()
        self._thread = threading.Thread(target=self._run, name="govkg-bench-rss", daemon=True)
        # the process whose tree is sampled: this one, or another's (the API server's)
        self._me = psutil.Process(root)
        self._outer: _PeakMemory | None = None

    def sample(self) -> int:
        """The tree's PSS now; not counted towards the peak when a process of the tree forked or
        ended while it was read. The figures are read one process after the other: one read
        before a fork counts the pages the fork then shared whole, one read after counts its
        share again (the API server's start-up, where the workers fork: 2,297 and 2,452 MiB
        against 1,921 a moment before and 1,860 after)."""
        tree = self._tree()
        own = 0
        with contextlib.suppress(psutil.Error):
            own = _pss(self._me)
        children = 0
        for p in tree:
            with contextlib.suppress(psutil.Error):
                children += _pss(p)
        total = own + children
        if total > self.peak and [p.pid for p in self._tree()] == [p.pid for p in tree]:
            self.peak, self.peak_self, self.peak_children = total, own, children
        return total

    def _tree(self) -> list[psutil.Process]:
        try:
            return self._me.children(recursive=True)
        except psutil.Error:  # a sampled process that has exited (a server that failed to start)
            return []

    def figures(self) -> dict[str, int]:
        """The peak and how it splits between this process and its descendants."""
        return {"peak_memory_bytes": self.peak, "peak_self_bytes": self.peak_self, "peak_children_bytes": self.peak_children}

    def include(self, peak: int, peak_self: int = 0, peak_children: int = 0) -> None:
        """Count a peak another sampler saw of this tree (one that took over, or another process's own)."""
        if peak > self.peak:
            self.peak, self.peak_self, self.peak_children = peak, peak_self, peak_children

    @contextlib.contextmanager
    def paused(self) -> Iterator[None]:
        """No sampling inside: another sampler (another process's) measures the phase."""
        self._paused.set()
        try:
            yield
        finally:
            self._paused.clear()

    def _run(self) -> None:
        while not self._stop.wait(self.interval):
            if not self._paused.is_set():
                self.sample()

    def __enter__(self) -> _PeakMemory:
        outer = _SAMPLING[-1] if _SAMPLING else None
        if outer is not None and outer._me.pid == self._me.pid:
            self._outer = outer
            outer._paused.set()
        _SAMPLING.append(self)
        self.sample()
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join()
        self.sample()
        _SAMPLING.remove(self)
        if self._outer is not None:
            self._outer.include(self.peak, self.peak_self, self.peak_children)
            self._outer._paused.clear()


# this process's samplers, outermost first: the innermost of a tree samples it (see _PeakMemory)
_SAMPLING: list[_PeakMemory] = []


#: The sampling interval of the load phase and of the whole run's figure (see :class:`_PeakMemory`).
COARSE = 1.0


def _release_memory() -> None:
    """Hand freed heap back to the OS between phases (:func:`govkg.api.workers.release_memory`).

    One process runs every phase here, where a user runs ``govkg load`` and ``govkg serve``
    apart: without this, the RDF phase's freed batches (hundreds of MB) stayed in this
    process's heap and were counted again in the queries phase.
    """
    from govkg.api.workers import release_memory

    release_memory()


def _pss(process: psutil.Process) -> int:
    # smaps_rollup is summed by the kernel; psutil's memory_full_info parses every mapping's
    # lines of smaps in Python for the same figure
    with contextlib.suppress(OSError, ValueError):
        with open(f"/proc/{process.pid}/smaps_rollup", "rb") as f:
            for line in f:
                if line.startswith(b"Pss:"):
                    return int(line.split()[1]) * 1024
    try:
        return process.memory_full_info().pss
    except (AttributeError, psutil.AccessDenied):
        return process.memory_info().rss


# --------------------------------------------------------------------------- workers
def _warm_up(files: Sequence[Path]) -> None:
    """Build the gazetteer indexes and the lexicon once, before the pool forks (workers inherit them)."""
    from govkg.pipeline import extract_file
    from govkg.vn import gazetteer

    gazetteer.resolve("phường Hải An", province="Hải Phòng", year=2026)
    gazetteer.resolve("phường Phúc La", province="Hà Nội", year=2024)
    gazetteer.warm()  # the one-typo indexes too (~0.3 s at some charter's first typo otherwise)
    for f in files[:2]:
        with contextlib.suppress(GovkgError):
            extract_file(f)


def _extract_job(path: str) -> tuple[str, bytes | None, str | None, float]:
    """Pool job: parse + extract one file; the facts come back pickled (the pool would pickle them anyway)."""
    from govkg.pipeline import extract_file

    t = time.perf_counter()
    try:
        facts = extract_file(path)
    except GovkgError as err:
        return path, None, str(err), time.perf_counter() - t
    return path, pickle.dumps(facts, protocol=pickle.HIGHEST_PROTOCOL), None, time.perf_counter() - t


def _rdf_job(spool: str) -> tuple[bytes, int, float, str | None]:
    """Pool job: facts of one charter → N-Triples (the properties the ontology lacks are dropped)."""
    from govkg.graph.sparql_index import rdf_facts
    from govkg.ontology.rdf import to_ntriples, to_triples

    t = time.process_time()
    try:
        facts, _dropped = rdf_facts(pickle.loads(Path(spool).read_bytes()))
        triples = to_triples(facts)
        data = to_ntriples(triples)
    except GovkgError as err:
        return b"", 0, time.process_time() - t, str(err)
    return data, len(triples), time.process_time() - t, None


def _pool(workers: int):
    # fork: the workers inherit the warmed-up gazetteer and lexicon (seconds per worker otherwise)
    return mp.get_context("fork").Pool(workers)


# --------------------------------------------------------------------------- phases
#: The plain pass extraction is measured against: every word of the text, one compiled regex.
PLAIN_REGEX = re.compile(r"\w+")


def plain_regex_pass(files: Sequence[Path]) -> dict[str, Any]:
    """Read each file, decode it and find every word with one compiled regular expression
    (:data:`PLAIN_REGEX`): the least any reading of the text costs, measured beside extraction.

    >>> import tempfile
    >>> f = Path(tempfile.mkdtemp()) / "a.txt"
    >>> _ = f.write_text("Điều 1. Thành lập Ban Chỉ đạo", encoding="utf-8")
    >>> r = plain_regex_pass([f])
    >>> (r["runs"], r["words"], r["charters_per_s"] > 0)
    (1, 7, True)
    """
    per: list[float] = []
    words = 0
    t0 = time.perf_counter()
    for f in files:
        t = time.perf_counter()
        words += len(PLAIN_REGEX.findall(Path(f).read_bytes().decode("utf-8", errors="replace")))
        per.append((time.perf_counter() - t) * 1000)
    seconds = time.perf_counter() - t0
    return {
        "seconds": round(seconds, 4),
        "charters_per_s": round(len(per) / seconds, 1) if seconds else None,
        "words": words,
        **summarize_ms(per),
    }


def _extraction(files: Sequence[Path], workers: int) -> dict[str, Any]:
    from govkg.pipeline import extract_file

    per: list[float] = []
    failed = 0
    t0 = time.perf_counter()
    for f in files:
        t = time.perf_counter()
        try:
            extract_file(f)
        except GovkgError:
            failed += 1
        per.append((time.perf_counter() - t) * 1000)
    single = time.perf_counter() - t0
    plain = plain_regex_pass(files)  # after extraction: both read the files from the same cache
    with _pool(workers) as pool:
        t0 = time.perf_counter()
        for _ in pool.imap_unordered(_extract_job, [str(f) for f in files], chunksize=4):
            pass
        multi = time.perf_counter() - t0
    n = len(files)
    return {
        "sample": n,
        "failed": failed,
        "single": {"seconds": round(single, 3), "charters_per_s": round(n / single, 2) if single else None, **summarize_ms(per)},
        "pool": {"workers": workers, "seconds": round(multi, 3), "charters_per_s": round(n / multi, 2) if multi else None},
        "speedup": round(single / multi, 2) if multi else None,
        "plain_regex": plain,
        # extraction's time per charter in units of the plain pass's (issue 18: "against one plain
        # regular-expression pass over the same bytes")
        "vs_plain_regex": round(single / plain["seconds"], 1) if plain["seconds"] else None,
    }


def raw_insert_statements(facts: Facts) -> list[tuple[str, dict[str, Any]]]:
    """The fewest, biggest statements that write ``facts`` into an empty store, as the embedded
    store writes new nodes and edges (packed rows, ``CREATE``), with no lookup beforehand and no
    batch size: one statement per label set of nodes and one per (type, endpoint labels) of edges.

    >>> from govkg.ontology.facts import Edge, Node
    >>> f = Facts()
    >>> _ = f.add_node(Node("p", ("Post",), {"name": "Trưởng Ban"}))
    >>> _ = f.add_node(Node("b", ("Body", "SteeringCommittee"), {"name": "Ban Chỉ đạo"}))
    >>> _ = f.add_edge(Edge("POST_IN", "p", "b", {"charter": "ch"}))
    >>> [c for c, _ in raw_insert_statements(f)][-1]
    'WITH split($strings, $sep) AS s UNWIND range(0, $rows - 1) AS i MATCH (a:Post {id: s[$c0[i]]}) MATCH (b:Body {id: s[$c1[i]]}) CREATE (a)-[e:POST_IN {`charter`: s[$c2[i]], `id`: s[$c3[i]]}]->(b) RETURN count(e) AS n'
    """
    from govkg.graph.store import edge_statements, key_label, node_statements

    # the store's own statement builders (labels and types checked against the vocabulary there)
    everything = max(1, len(facts.nodes), len(facts.edges))
    key = {n.id: key_label(n.labels) for n in facts.nodes.values()}
    statements = [
        *node_statements(facts.nodes.values(), batch_size=everything, packed=True),
        *edge_statements(facts.edges, key, batch_size=everything, create=True, packed=True),
    ]
    return [(st.cypher, st.params) for st in statements]


def _raw_insert(facts: Facts, home: Path) -> dict[str, Any]:
    """The physical floor of the store's share of a load: the same facts (merged, as the loaded graph
    holds them) written by :func:`raw_insert_statements` in ONE transaction into a fresh embedded store."""
    from govkg.graph.embedded import EmbeddedStore

    settings = load_settings(env={}).with_(home=home)
    store = EmbeddedStore(settings.embedded_path, settings=settings)
    try:
        statements = raw_insert_statements(facts)
        t = time.perf_counter()
        # the backend's one write transaction (the load path's own hook), with nothing read first
        store._write(lambda run: [run(cypher, params) for cypher, params in statements])
        seconds = time.perf_counter() - t
        counts = store.counts()
    finally:
        store.close()
        shutil.rmtree(home, ignore_errors=True)
    return {"seconds": round(seconds, 3), "statements": len(statements), "nodes": counts["nodes"], "edges": counts["edges"]}


def _load(
    files: Sequence[Path], store_factory: Callable[[], Any], workers: int, spool: Path | None
) -> dict[str, Any]:
    """End-to-end: a pool parses and extracts, this process loads the charters ``load_batch`` per
    transaction (:meth:`~govkg.graph.store.CypherStore.load_many`; one per transaction where the store
    has no batches)."""
    # the writer's collector as `govkg load`'s (govkg.collector); and what this process built
    # before (the gazetteer, the lexicon, the phases before), which outlives the load and which
    # `govkg load`'s writer does not hold, kept out of its full passes and the workers' (they
    # inherit it): on 850 charters the writer's collector took 1.29 of its 9.9 CPU-seconds, now 0.36 of 8.5
    gc.collect()
    gc.freeze()
    try:
        with fewer_full_collections():
            return _load_frozen(files, store_factory, workers, spool)
    finally:
        gc.unfreeze()


def _load_frozen(files: Sequence[Path], store_factory: Callable[[], Any], workers: int, spool: Path | None) -> dict[str, Any]:
    failed: list[dict[str, str]] = []
    store_s = 0.0
    extract_s = 0.0
    loaded = unchanged = 0
    with _pool(workers) as pool:
        t0 = time.perf_counter()
        store = store_factory()
        batch = getattr(store, "load_batch", 1) if hasattr(store, "load_many") else 1
        pending: list[tuple[str, Facts]] = []

        def flush() -> None:
            nonlocal store_s, loaded, unchanged
            t = time.perf_counter()
            try:
                if batch > 1:
                    results = store.load_many([f for _, f in pending])
                else:
                    results = []
                    for _, f in pending:
                        try:
                            results.append(store.load(f))
                        except GovkgError as e:
                            results.append(e)
            finally:
                store_s += time.perf_counter() - t
            for (path, _facts), report in zip(pending, results, strict=True):
                if isinstance(report, GovkgError):
                    failed.append({"file": Path(path).name, "error": str(report), "stage": "load"})
                    continue
                unchanged += bool(report.unchanged)
                loaded += not report.unchanged
            pending.clear()

        try:
            for i, (path, blob, err, secs) in enumerate(pool.imap(_extract_job, [str(f) for f in files], chunksize=2)):
                extract_s += secs
                if blob is None:
                    failed.append({"file": Path(path).name, "error": err or "", "stage": "extract"})
                    continue
                if spool is not None:
                    (spool / f"{i:06d}.pickle").write_bytes(blob)
                pending.append((path, pickle.loads(blob)))
                if len(pending) >= batch:
                    flush()
            flush()
            wall = time.perf_counter() - t0
            counts = store.counts()
        finally:
            store.close()
    n = len(files)
    out = {
        "charters": n,
        "loaded": loaded,
        "unchanged": unchanged,
        "failed": len(failed),
        "failures": failed[:20],
        "seconds": round(wall, 3),
        "charters_per_s": round(n / wall, 2) if wall else None,
        "batch": batch,
        "store_seconds": round(store_s, 3),
        "store_ms_per_charter": round(1000 * store_s / max(1, loaded), 3),
        "extract_cpu_seconds": round(extract_s, 3),
        "workers": workers,
        "nodes": counts["nodes"],
        "edges": counts["edges"],
    }
    return out


def _spool_dir(tmp: Path, corpus_bytes: int) -> Path:
    """Where the load leaves each charter's pickled facts for the phases after it: in memory
    (``/dev/shm``) when it has room, else in ``tmp``.

    The spool is the benchmark's, not govkg's, but it is written inside the timed load. On a disk
    file system the kernel's writeback of it took 0.4–1.9 s of CPU on the load's two cores
    (400 MB at national scale, 3,400 files; 0.17 s on tmpfs).
    """
    shm = Path("/dev/shm")
    with contextlib.suppress(OSError):
        if shm.is_dir() and os.access(shm, os.W_OK) and shutil.disk_usage(shm).free > _SPOOL_ROOM * corpus_bytes:
            return Path(tempfile.mkdtemp(prefix="govkg-bench-spool-", dir=shm))
    spool = tmp / "spool"
    spool.mkdir()
    return spool


# room to leave for the spool, in corpus bytes (the facts pickle to ~6× the text at national scale)
_SPOOL_ROOM = 10


def _raw_beside_load(load: dict[str, Any], spool: Path, raw_home: Path) -> dict[str, Any]:
    """The raw bulk insert of the facts the load wrote (merged from the spool, after the load, so
    that neither its time nor its memory is the load's), and the store's share against it."""
    merged = Facts()
    for blob in sorted(spool.glob("*.pickle")):
        merged.merge(pickle.loads(blob.read_bytes()))
    raw = _raw_insert(merged, raw_home)
    del merged
    raw["ms_per_charter"] = round(1000 * raw["seconds"] / max(1, load["loaded"]), 3)
    # how many times the raw floor the store's own writes take (lookups, merges, checks, commits)
    raw["store_to_raw"] = round(load["store_seconds"] / raw["seconds"], 2) if raw["seconds"] else None
    return raw


def _rdf(spool: Path, sparql_dir: Path, workers: int) -> dict[str, Any]:
    from govkg.graph.sparql_store import SparqlStore

    blobs = sorted(str(p) for p in spool.glob("*.pickle"))
    sp = SparqlStore(sparql_dir)
    triples = 0
    build_cpu = 0.0
    bulk_s = 0.0
    errors = 0
    batch: list[bytes] = []
    size = 0

    def flush() -> None:
        nonlocal bulk_s, batch, size
        if batch:
            import pyoxigraph as ox

            t = time.perf_counter()
            sp._store.bulk_load(b"".join(batch), format=ox.RdfFormat.N_TRIPLES)  # SparqlStore.load_graph's bulk path, minus the rdflib round trip
            bulk_s += time.perf_counter() - t
            batch, size = [], 0

    # windows of charters, the next one built while this one loads: the pool otherwise ran
    # ahead of the slower loader and its finished N-Triples piled up in this process
    windows = [blobs[i : i + _RDF_WINDOW] for i in range(0, len(blobs), _RDF_WINDOW)]
    with _pool(workers) as pool:
        t0 = time.perf_counter()
        pending = pool.imap(_rdf_job, windows[0], chunksize=4) if windows else iter(())
        for k in range(len(windows)):
            built = list(pending)
            if k + 1 < len(windows):
                pending = pool.imap(_rdf_job, windows[k + 1], chunksize=4)
            for data, n, cpu, err in built:
                build_cpu += cpu
                errors += err is not None
                triples += n
                batch.append(data)
                size += len(data)
            del built
            # pyoxigraph's bulk loader pays per call (500 charters took 25 s in 16 MB batches,
            # 18 s in 128 MB), and holds ~4.6× its batch while loading: 256 MB took 14.2 s and
            # +1.18 GB, 64 MB 3.1 s and +0.29 GB (the same 18–20 MB/s); the national RDF phase
            # peaked at 4 GB with 256 MB batches
            if size > _RDF_BATCH_BYTES:
                flush()
        flush()
        sp.flush()
        wall = time.perf_counter() - t0
    stored = len(sp)
    sp = None  # release the RocksDB lock: the queries open the store again
    gc.collect()
    return {
        "seconds": round(wall, 3),
        "build_cpu_seconds": round(build_cpu, 3),
        "build_ms_per_charter": round(1000 * build_cpu / max(1, len(blobs)), 3),
        "bulk_load_seconds": round(bulk_s, 3),
        "triples_built": triples,
        "triples_stored": stored,
        "failed": errors,
        "disk_bytes": _dir_bytes(sparql_dir),
    }


def _timed(fn: Callable[[Any], Any], args: Iterable[Any], budget_s: float) -> tuple[list[float], int]:
    out: list[float] = []
    errors = 0
    stop = time.perf_counter() + budget_s
    for a in args:
        t = time.perf_counter()
        try:
            fn(a)
        except GovkgError:
            errors += 1
        out.append((time.perf_counter() - t) * 1000)
        if time.perf_counter() > stop:
            break
    return out, errors


def _pick(ids: Sequence[str], runs: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    return [rng.choice(list(ids)) for _ in range(runs)] if ids else []


def _queries(
    store, sparql_dir: Path | None, runs: int, seed: int, budget_s: float, *, warm_seconds: float | None = None
) -> dict[str, Any]:
    """The timed named queries; ``warm_seconds``: the store was warmed already, in that time."""
    from govkg.graph.named_queries import chain, members, warm_chains

    groups = [r["id"] for r in store.query(load_query("bench_working_groups"), limit=10**7)]
    committees = [
        r["id"]
        for r in store.query(load_query("bench_committees"), limit=10**7)
    ]
    out: dict[str, Any] = {"working_groups": len(groups), "committees": len(committees)}
    picks = _pick(groups, runs, seed)
    reached = 0

    def one_chain(i: str) -> None:
        nonlocal reached
        hops = chain(store, i)
        reached += bool(hops) and str(hops[-1]["to"].get("id", "")).startswith("committee:national")

    if hasattr(store, "warm"):  # unpack grafeo's property chunks first, as the API server does
        out["warm_seconds"] = warm_seconds if warm_seconds is not None else round(store.warm(), 3)
        # and read everything a chain reads into the chain index, as the server does at start-up
        t = time.perf_counter()
        out["warm_chains"] = {"nodes_with_steps": warm_chains(store), "seconds": round(time.perf_counter() - t, 3)}
        _release_memory()  # the scans' rows, freed
    for i in picks[:3]:  # warm caches (first query plans) outside the timed runs
        with contextlib.suppress(GovkgError):
            chain(store, i)
    reached = 0
    # as the API server after its start-up: what is built so far stays out of the collector's
    # full passes, which otherwise scan the whole heap in the middle of a timed chain
    gc.collect()
    gc.freeze()
    samples, errors = _timed(one_chain, picks, budget_s)
    out["chain_cypher"] = {**summarize_ms(samples), "errors": errors, "reached_national": reached}
    # the same chains again: answered from the answers kept for this version of the store
    samples, errors = _timed(one_chain, picks, budget_s)
    out["chain_cypher_repeat"] = {**summarize_ms(samples), "errors": errors}
    samples, errors = _timed(lambda c: members(store, c), _pick(committees, runs, seed + 1), budget_s)
    out["members"] = {**summarize_ms(samples), "errors": errors}
    if sparql_dir is not None and sparql_dir.exists():
        from govkg.graph.sparql_store import SparqlStore, run_named_sparql

        sp = SparqlStore(sparql_dir)
        # warm the index as the API's start-up does: one pass over every triple reads the
        # RocksDB blocks the chains will need (3 queries left the p99 to cold blocks)
        t = time.perf_counter()
        sp.query("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
        out["sparql_warm_seconds"] = round(time.perf_counter() - t, 3)
        for i in picks[:3]:
            run_named_sparql(sp, "chain", id=i).rows()
        samples, errors = _timed(lambda i: run_named_sparql(sp, "chain", id=i).rows(), picks, budget_s)
        out["chain_sparql"] = {**summarize_ms(samples), "errors": errors}
        samples, errors = _timed(lambda c: run_named_sparql(sp, "members", body=c).rows(), _pick(committees, runs, seed + 1), budget_s)
        out["members_sparql"] = {**summarize_ms(samples), "errors": errors}
        del sp
    else:
        out["chain_sparql"] = {"skipped": "no SPARQL store was built"}
    gc.unfreeze()
    gc.collect()
    return out


def _queries_phase(
    home: Path, sparql_dir: Path | None, runs: int, seed: int, budget_s: float
) -> tuple[dict[str, Any], list[str]]:
    """The queries phase on the embedded store in ``home``: the store opened and warmed, the
    audit (:func:`_audit`), then the timed named queries (:func:`_queries`); with the peak
    memory of each part, of this process and its children. Returns the results and the
    working groups' ids (the API phase's requests).

    The audit runs before the chain index is built, as ``govkg audit`` runs it (it reads no
    chain index and builds none); after the timed chains, its tree held the index too
    (~195 MiB of Python objects at national scale, shared with the child).

    :func:`run_benchmark` runs it in a process of its own (:func:`_in_own_process`), as a
    notebook or ``govkg serve`` would: the benchmark's own process holds the loader's indexes
    and what its earlier phases left (427–444 MiB of PSS at national scale as the phase
    starts), which no query process has. The benchmark process's own PSS as the phase starts is
    reported beside it (``benchmark_process_bytes``), and the whole run's figure counts both.
    """
    s = None
    try:
        with _PeakMemory() as opened:
            s = _embedded_factory(home)()
            # unpack grafeo's property chunks first, as the API server does: the audit child shares them
            warm_seconds = round(s.warm(), 3) if hasattr(s, "warm") else None
        # the audit's Cypher rules (its SHACL part costs what `shacl` shows, per charter),
        # in a child forked from this process: the warmed graph is shared, not copied
        with _PeakMemory() as rss:
            audit = _audit(s, max(3, runs // 10), budget_s, shacl=False)
        audit.update(rss.figures())
        _release_memory()
        with _PeakMemory() as rss:
            out = _queries(s, sparql_dir, runs, seed, budget_s, warm_seconds=warm_seconds)
            groups = [r["id"] for r in s.query(load_query("bench_working_groups"), limit=10**7)]
        out["timed_memory"] = rss.figures() if rss.peak >= opened.peak else opened.figures()
        out["audit"] = audit
    finally:
        if s is not None:
            s.close()
    out["peak_memory_bytes"] = max(out["timed_memory"]["peak_memory_bytes"], audit["peak_memory_bytes"])
    out["process"] = "its own (spawned)"
    return out, groups


def _own_process_main(fn: Callable[..., Any], args: tuple[Any, ...], conn) -> None:
    try:
        conn.send(("ok", fn(*args)))
    except BaseException as err:  # reported to the parent, which raises it there
        conn.send(("error", f"{type(err).__name__}: {err}"))
    finally:
        conn.close()


def _in_own_process(fn: Callable[..., Any], *args: Any) -> Any:
    """``fn(*args)`` in a fresh Python process (spawned, not forked: it inherits no memory of this
    one), returning what it returns. A failure there is raised here as a :class:`GovkgError`."""
    ctx = mp.get_context("spawn")
    parent, child = ctx.Pipe(duplex=False)
    proc = ctx.Process(target=_own_process_main, args=(fn, args, child), daemon=False)
    proc.start()
    child.close()
    try:
        status, value = parent.recv()
    except EOFError:  # it died before it could answer (killed, or out of memory)
        status, value = "error", "the process ended without an answer"
    finally:
        proc.join()
        parent.close()
    if status != "ok" and proc.exitcode:
        value = f"{value} (exit code {proc.exitcode})"
    if status != "ok":
        raise GovkgError(f"benchmark phase {fn.__name__} failed: {value}")
    return value


def _audit_child(store, runs: int, shacl: bool, conn) -> None:
    """Child process: time ``audit`` runs on the store inherited from the parent, sending each time as it ends.

    The store is the parent's, warmed, shared copy-on-write: it is only read here, and
    never closed (closing a writer would checkpoint its file from two processes).
    """
    from govkg.graph.audit import audit

    try:
        for _ in range(runs):
            t = time.perf_counter()
            findings = audit(store, shacl=shacl)
            n = len(findings)
            del findings
            conn.send(((time.perf_counter() - t) * 1000, n))
            _release_memory()  # what a run freed goes back before the next run allocates
    except Exception as err:  # reported to the parent, which is only measuring
        conn.send(("error", f"{type(err).__name__}: {err}"))
    finally:
        conn.close()


def _audit(store, runs: int, budget_s: float, *, shacl: bool) -> dict[str, Any]:
    """``govkg.graph.audit.audit`` over the whole store, timed in a child process killed after ``budget_s``.

    A child because one audit run cannot be interrupted inside the engine, and at national
    scale a single run may take far longer than the budget. The child is forked from this
    process while it holds the warmed ``store``: the graph's pages stay shared between the
    two (grafeo's memory is its own, outside Python's heap; the heap is frozen out of the
    collector first), so the phase holds one graph, not two (a child that opened the file
    itself held its own copy: 1.7 GB more on the national graph).
    """
    ctx = mp.get_context("fork")
    parent, child = ctx.Pipe(duplex=False)
    gc.collect()
    gc.freeze()  # the collector's passes in the child would touch, and so copy, every frozen page
    try:
        proc = ctx.Process(target=_audit_child, args=(store, runs, shacl, child), daemon=True)
        proc.start()
    finally:
        gc.unfreeze()
    child.close()
    samples: list[float] = []
    findings = None
    error = None
    deadline = time.perf_counter() + budget_s
    while len(samples) < runs and error is None:
        left = deadline - time.perf_counter()
        if left <= 0 or not parent.poll(left):
            break
        try:
            msg = parent.recv()
        except EOFError:
            break
        if msg[0] == "error":
            error = msg[1]
        else:
            samples.append(msg[0])
            findings = msg[1]
    timed_out = len(samples) < runs and error is None
    if proc.is_alive():
        proc.kill()  # the child started here, by its own handle
    proc.join(10)
    out = {**summarize_ms(samples), "shacl": shacl, "findings": findings, "shares_the_graph": True}
    if error:
        out["error"] = error
    if timed_out:
        out["note"] = f"stopped after {budget_s:g} s with {len(samples)} of {runs} runs done"
    return out


# --------------------------------------------------------------------------- API
def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


# The chain resource of the API (govkg.api.routes.chains) and its start parameter.
CHAIN_ROUTE = "/chains"
CHAIN_PARAM = "from"
# a dated request is computed per request (from the chain index), not read from start-up's answers
CHAIN_AS_OF_PARAM = "as_of"
CHAIN_AS_OF_DAY = "2026-01-01"


def _http_status(url: str, timeout: float) -> int:
    """The status of a GET on loopback (the body read and dropped); 0 when nothing answers."""
    import urllib.error
    import urllib.request

    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            response.read()
            return response.status
    except urllib.error.HTTPError as err:
        return err.code
    except (OSError, ValueError):
        return 0


async def _get(reader: asyncio.StreamReader, writer: asyncio.StreamWriter, host: str, path: str) -> int:
    """One keep-alive HTTP/1.1 GET on an open connection; the status code (the body is read and dropped)."""
    writer.write(f"GET {path} HTTP/1.1\r\nHost: {host}\r\nAccept: application/json\r\n\r\n".encode("ascii"))
    head = await reader.readuntil(b"\r\n\r\n")
    status = int(head.split(b" ", 2)[1])
    length = None
    chunked = False
    for line in head.split(b"\r\n")[1:]:
        name, _, value = line.partition(b":")
        name = name.strip().lower()
        if name == b"content-length":
            length = int(value)
        elif name == b"transfer-encoding" and b"chunked" in value.lower():
            chunked = True
    if chunked:
        while True:
            size = int((await reader.readuntil(b"\r\n")).split(b";")[0], 16)
            await reader.readexactly(size + 2)
            if size == 0:
                break
    elif length:
        await reader.readexactly(length)
    return status


async def _load_test_async(port: int, paths: Sequence[str], seconds: float, clients: int) -> dict[str, Any]:
    latencies: list[float] = []
    codes: dict[int, int] = {}
    errors = 0
    deadline = time.perf_counter() + seconds

    async def worker(k: int) -> None:
        nonlocal errors
        i = k
        conn = None
        while time.perf_counter() < deadline:
            if conn is None:
                conn = await asyncio.open_connection("127.0.0.1", port)
            path = paths[i % len(paths)]
            i += clients
            t = time.perf_counter()
            try:
                code = await asyncio.wait_for(_get(*conn, f"127.0.0.1:{port}", path), 30)
            except (OSError, ValueError, asyncio.IncompleteReadError, asyncio.LimitOverrunError, TimeoutError):
                errors += 1
                conn[1].close()
                conn = None
                continue
            latencies.append((time.perf_counter() - t) * 1000)
            codes[code] = codes.get(code, 0) + 1
        if conn is not None:
            conn[1].close()

    t0 = time.perf_counter()
    await asyncio.gather(*(worker(k) for k in range(clients)))
    wall = time.perf_counter() - t0
    ok = sum(n for c, n in codes.items() if 200 <= c < 300)
    return {
        "seconds": round(wall, 3),
        "clients": clients,
        "requests": len(latencies),
        "ok": ok,
        "status": {str(k): v for k, v in sorted(codes.items())},
        "errors": errors,
        "rps": round(ok / wall, 1) if wall else None,
        **summarize_ms(latencies),
        "latencies_ms": latencies,
    }


def _load_test_child(port: int, paths: Sequence[str], seconds: float, clients: int, conn) -> None:
    try:
        conn.send(asyncio.run(_load_test_async(port, paths, seconds, clients)))
    except BaseException as err:  # reported by the parent
        conn.send({"skipped": f"load client failed: {err!r}"})
    finally:
        conn.close()


def _merge_load_tests(parts: Sequence[dict[str, Any]]) -> dict[str, Any]:
    """One figure from load tests of the same route run at different times (without the raw latencies)."""
    done = [p for p in parts if not p.get("skipped")]
    if len(done) < len(parts):
        return next(p for p in parts if p.get("skipped"))
    wall = sum(p["seconds"] for p in done)
    ok = sum(p["ok"] for p in done)
    status: dict[str, int] = {}
    for p in done:
        for code, n in p["status"].items():
            status[code] = status.get(code, 0) + n
    return {
        "seconds": round(wall, 3),
        "clients": done[0]["clients"],
        "requests": sum(p["requests"] for p in done),
        "ok": ok,
        "status": dict(sorted(status.items())),
        "errors": sum(p["errors"] for p in done),
        "rps": round(ok / wall, 1) if wall else None,
        **summarize_ms([x for p in done for x in p["latencies_ms"]]),
    }


def _load_test(port: int, paths: Sequence[str], seconds: float, clients: int) -> dict[str, Any]:
    """``clients`` keep-alive connections GET ``paths`` in turn for ``seconds``, from a child process.

    A lean HTTP/1.1 client on asyncio streams, in its own process: httpx spent more CPU
    per request than the server's /healthz (178 req/s was the client's ceiling on 2 cores).
    """
    parent, child = mp.get_context("fork").Pipe(duplex=False)
    proc = mp.get_context("fork").Process(target=_load_test_child, args=(port, list(paths), seconds, clients, child))
    proc.start()
    child.close()
    try:
        if not parent.poll(seconds + 120):
            return {"skipped": "the load client did not report"}
        return parent.recv()
    finally:
        proc.join(10)
        if proc.is_alive():
            proc.kill()


# The server of the load test: `govkg serve --workers N` (the same stack: h11, its head
# limit, worker processes forked after the store is warmed), without the SPARQL index (its
# start-up build — export of the whole graph → N-Triples → pyoxigraph — runs for minutes at
# national scale on the CPU the load test measures); /chains does not use SPARQL.
_SERVER = """
import sys
from govkg.api.app import create_app
from govkg.api.middleware import MAX_REQUEST_HEAD_BYTES
from govkg.api.workers import serve
serve(create_app(sparql_index=False), host="127.0.0.1", port=int(sys.argv[1]), workers=int(sys.argv[2]),
      log_level="warning", access_log=False, server_header=False, h11_max_incomplete_event_size=MAX_REQUEST_HEAD_BYTES)
"""


_SERVER_START_S = 300


def _api(
    home: Path, group_ids: Sequence[str], seconds: float, clients: int, seed: int, workers: int = 1
) -> dict[str, Any]:
    if not group_ids:
        return {"skipped": "no working groups"}
    port = _free_port()
    env = {**os.environ, "GOVKG_HOME": str(home)}
    env.pop("GOVKG_API_TOKEN", None)  # a bench server on loopback, reads only
    cmd = [sys.executable, "-c", _SERVER, str(port), str(workers)]
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}"
    try:
        # the server's own tree (govkg serve: parent, workers, fork server), apart from this
        # process and the load client, which are the measurement's apparatus
        with _PeakMemory(root=proc.pid) as server_rss:
            # the server's start-up reads the graph, builds the chain index and encodes every working
            # group's /chains answer before it answers (tens of seconds for the country on a busy machine)
            deadline = time.time() + _SERVER_START_S
            while True:
                if proc.poll() is not None:
                    err = (proc.stderr.read() or b"").decode(errors="replace")[-400:]
                    return {"skipped": f"the API server exited ({proc.returncode}): {err}"}
                if 0 < _http_status(f"{base}/healthz", 2) < 500:
                    break
                if time.time() > deadline:
                    return {"skipped": f"the API server did not answer /healthz within {_SERVER_START_S} s"}
                time.sleep(0.3)
            from urllib.parse import quote

            rng = random.Random(seed)
            chain_paths = [f"{CHAIN_ROUTE}?{CHAIN_PARAM}={quote(rng.choice(group_ids), safe='')}" for _ in range(20_000)]
            probe = _http_status(base + chain_paths[0], 30)
            for p in chain_paths[:5]:  # the first queries after open fill grafeo's caches
                _http_status(base + p, 60)
            # side by side: the two routes in alternating halves on the same server, so that a
            # slower spell of this shared machine weighs on both figures alike
            halves = [
                (_load_test(port, chain_paths, seconds / 2, clients), _load_test(port, ["/healthz"], seconds / 2, clients))
                for _ in range(2)
            ]
            chain = _merge_load_tests([c for c, _ in halves])
            health = _merge_load_tests([h for _, h in halves])
            ratio = round(chain["rps"] / health["rps"], 3) if chain.get("rps") and health.get("rps") else None
            # the same starts with an as-of date: answers the server computes from its chain index
            # (only an undated answer by id is encoded at start-up), so both paths are on record
            dated_paths = [f"{p}&{CHAIN_AS_OF_PARAM}={CHAIN_AS_OF_DAY}" for p in chain_paths]
            dated = _load_test(port, dated_paths, seconds / 2, clients)
            return {
                "workers": workers,
                "route": CHAIN_ROUTE,
                "parameter": CHAIN_PARAM,
                "probe_status": probe,
                "chain": chain,
                "chain_dated": dated,
                "healthz": health,
                "chain_to_healthz": ratio,
                "server_memory": server_rss.figures(),
                "note": (
                    f"client and server share this machine ({os.cpu_count()} cores); loopback, {clients} clients, "
                    f"{seconds:g} s each, in alternating halves; {workers} uvicorn worker process(es) forked after "
                    "the store was warmed; the server builds no SPARQL index"
                ),
            }
    finally:
        proc.terminate()  # the server this function started, by its own handle
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


# --------------------------------------------------------------------------- the run
def _corpus_files(corpus_dir: Path) -> tuple[list[Path], dict[str, Any]]:
    from govkg.bench.corpus import MANIFEST_NAME, Manifest
    from govkg.pipeline import iter_charter_files

    if (corpus_dir / MANIFEST_NAME).is_file():
        m = Manifest.load(corpus_dir)
        return m.files(), {"manifest": True, "seed": m.seed, **m.params}
    files = list(iter_charter_files([corpus_dir]))
    return files, {"manifest": False}


def _subset(files: Sequence[Path], n: int, seed: int) -> list[Path]:
    """``n`` files, a seeded sample kept in corpus order (provinces before their communes)."""
    if n >= len(files):
        return list(files)
    keep = set(random.Random(seed).sample(range(len(files)), n))
    return [f for i, f in enumerate(files) if i in keep]


def _embedded_factory(home: Path) -> Callable[[], Any]:
    from govkg.graph.store import open_store

    settings = load_settings(env={}).with_(home=home)
    return lambda: open_store(settings)


def _shacl_sample(files: Sequence[Path], n: int) -> dict[str, Any]:
    """What SHACL validation (``govkg load`` without ``--no-validate``) adds per charter, on a few files."""
    from govkg.ontology.rdf import to_rdf, validate
    from govkg.pipeline import extract_file

    per: list[float] = []
    violations = 0
    for f in files[:n]:
        try:
            facts = extract_file(f)
        except GovkgError:
            continue
        t = time.perf_counter()
        try:
            validate(to_rdf(facts), path=str(f))
        except GovkgError:
            violations += 1
        per.append((time.perf_counter() - t) * 1000)
    return {**summarize_ms(per), "charters_failing_validation": violations}


def run_benchmark(
    corpus_dir: str | Path,
    store: str = "embedded",
    json: bool = False,
    sizes: Sequence[int] | None = None,
    *,
    query_runs: int = 200,
    api: bool = True,
    api_seconds: float = 10.0,
    api_clients: int = 32,
    api_workers: int | None = None,
    workers: int | None = None,
    sample: int = 200,
    seed: int = 0,
    rdf: bool = True,
    query_budget_s: float = 120.0,
    shacl_sample: int = 10,
    console: Console | None = None,
) -> dict[str, Any]:
    """Measure extraction, load, RDF, queries, API, memory and disk on a corpus; print and return the figures.

    Parameters
    ----------
    corpus_dir
        A folder of charters (with the ``manifest.json`` of :func:`~govkg.bench.corpus.generate_corpus`,
        or any folder ``govkg load`` accepts).
    store
        ``"embedded"`` (always measured) or ``"neo4j"``: also load into the configured
        Neo4j (``NEO4J_URI``; the charters are written into that database).
    json
        Also print the figures as JSON on stdout (the table then goes to stderr).
    sizes
        Corpus sizes of the scaling run (e.g. ``[100, 1000, 3400]``); the size of the whole
        corpus reuses the main load. None: no scaling run.
    query_runs
        Runs of each query (chain, members); the audit runs a tenth as often.
    api
        Measure the API (`/chains` and `/healthz` on a real server over the loaded store).
    api_workers
        Worker processes of that server (``govkg serve --workers``); default ``workers``.
    workers
        Pool size; default all cores.
    sample
        Charters of the single-process vs pool extraction comparison.
    query_budget_s
        Time cap of each query series (the runs done are reported).
    shacl_sample
        Charters whose SHACL validation is timed (0: none).

    Returns
    -------
    dict
        ``meta``, ``extraction``, ``load``, ``rdf``, ``queries``, ``api``, ``memory``,
        ``disk``, ``scaling``, ``targets`` and ``notes``.

    Raises
    ------
    ConfigError
        ``store`` is neither ``embedded`` nor ``neo4j``, or the folder holds no charter.
    """
    if store not in ("embedded", "neo4j"):
        raise ConfigError(f"unknown store {store!r} (embedded or neo4j)", subject="store")
    corpus = Path(corpus_dir)
    files, corpus_meta = _corpus_files(corpus)
    if not files:
        raise ConfigError("no charter files in the corpus folder", subject=str(corpus))
    workers = workers or os.cpu_count() or 1
    out_console = console or Console(stderr=json)
    notes: list[str] = [
        "The synthetic corpus measures speed and scale only (it is written beside the parser; it is no evidence of extraction fidelity).",
        "Load figures exclude SHACL validation (as `govkg load --no-validate`); `shacl` gives its cost per charter on a sample.",
    ]
    result: dict[str, Any] = {
        "meta": {
            "corpus": str(corpus),
            "charters": len(files),
            "corpus_bytes": sum(f.stat().st_size for f in files),
            **{f"corpus_{k}": v for k, v in corpus_meta.items()},
            "store": store,
            "workers": workers,
            "query_runs": query_runs,
            "machine": machine_info(),
            "started": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        }
    }
    old_home = os.environ.get("GOVKG_HOME")
    tmp = Path(tempfile.mkdtemp(prefix="govkg-bench-"))
    spool: Path | None = None
    try:
        with _PeakMemory(interval=COARSE) as rss_all:
            _warm_up(files)
            # -- extraction: one process vs the pool, on the same sample
            with _PeakMemory() as rss:
                result["extraction"] = _extraction(_subset(files, sample, seed), workers)
            result["extraction"]["peak_memory_bytes"] = rss.peak
            result["shacl"] = _shacl_sample(_subset(files, shacl_sample, seed), shacl_sample) if shacl_sample else {"skipped": "shacl_sample=0"}
            # -- load end-to-end into a fresh embedded store
            home = tmp / "home"
            home.mkdir()
            os.environ["GOVKG_HOME"] = str(home)
            spool = _spool_dir(tmp, result["meta"]["corpus_bytes"])
            with _PeakMemory(interval=COARSE) as rss:
                result["load"] = {"embedded": _load(files, _embedded_factory(home), workers, spool)}
            result["load"]["embedded"].update(rss.figures())
            _release_memory()
            # a measuring stick beside the load, not a phase of govkg: its memory is its own
            if result["load"]["embedded"]["loaded"]:
                with _PeakMemory() as rss:
                    raw = _raw_beside_load(result["load"]["embedded"], spool, tmp / "raw")
                result["load"]["embedded"]["raw_insert"] = {**raw, "peak_memory_bytes_baseline": rss.peak}
                _release_memory()
            result["disk"] = {"embedded_bytes": _dir_bytes(home), "corpus_bytes": result["meta"]["corpus_bytes"]}
            if store == "neo4j":
                # this process tree only: the Bolt server's own memory is the server's to report
                with _PeakMemory() as rss:
                    result["load"]["neo4j"] = _neo4j(files, workers)
                if "skipped" not in result["load"]["neo4j"]:
                    result["load"]["neo4j"].update(rss.figures())
            # -- RDF build + SPARQL store load
            sparql_dir = home / "sparql-bench"
            if rdf:
                with _PeakMemory() as rss:
                    result["rdf"] = _rdf(spool, sparql_dir, workers)
                result["rdf"].update(rss.figures())
                result["disk"]["sparql_bytes"] = result["rdf"]["disk_bytes"]
            else:
                result["rdf"] = {"skipped": "rdf=False"}
            shutil.rmtree(spool, ignore_errors=True)
            _release_memory()
            # -- queries, in a process of their own (as a notebook or `govkg serve` runs them),
            # sampled there only: a sampler here would stall its timed queries (reading a
            # process's PSS holds its memory map's lock); the whole run counts its peak and ours
            benchmark_process = _pss(psutil.Process())
            with rss_all.paused():
                result["queries"], groups = _in_own_process(
                    _queries_phase, home, sparql_dir if rdf else None, query_runs, seed, query_budget_s
                )
            result["queries"]["benchmark_process_bytes"] = benchmark_process
            rss_all.include(result["queries"]["peak_memory_bytes"] + benchmark_process, benchmark_process, result["queries"]["peak_memory_bytes"])
            # -- API (the store is closed: the server opens it)
            _release_memory()
            if api:
                with _PeakMemory() as rss:
                    result["api"] = _api(home, groups, api_seconds, api_clients, seed, api_workers or workers)
                result["api"].update(rss.figures())
            else:
                result["api"] = {"skipped": "api=False"}
            # -- scaling
            result["scaling"] = _scaling(files, sizes, result, tmp, workers, min(query_runs, 200), seed, query_budget_s) if sizes else {"skipped": "no sizes given"}
        phase_peaks = [
            result[phase]["peak_memory_bytes"] for phase in ("extraction", "rdf", "queries") if "peak_memory_bytes" in result.get(phase, {})
        ] + [result["load"]["embedded"].get("peak_memory_bytes", 0)]
        result["memory"] = {
            # the whole run, sampled every second, and never below a phase's own finer figure
            "peak_memory_bytes": max(rss_all.peak, *phase_peaks),
            "ru_maxrss_self_bytes": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024,
            "ru_maxrss_children_bytes": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * 1024,
            "note": "peak_memory_bytes: the sum of PSS over this process and its children (pool workers, API server), sampled every second between phases, and each phase's own peak (sampled every 0.2 s; the load every second; the queries phase in its own process, plus this process's PSS)",
        }
    finally:
        if old_home is None:
            os.environ.pop("GOVKG_HOME", None)
        else:
            os.environ["GOVKG_HOME"] = old_home
        shutil.rmtree(tmp, ignore_errors=True)
        if spool is not None:
            shutil.rmtree(spool, ignore_errors=True)
    result["targets"] = _targets(result)
    result["notes"] = notes
    result["meta"]["finished"] = time.strftime("%Y-%m-%dT%H:%M:%S%z")
    _print(result, out_console)
    if json:
        sys.stdout.write(_json.dumps(result, ensure_ascii=False, indent=2, default=str) + "\n")
    return result


def _neo4j(files: Sequence[Path], workers: int) -> dict[str, Any]:
    settings = load_settings()
    if not settings.neo4j_uri:
        return {"skipped": "NEO4J_URI is not set"}
    from govkg.graph.neo4j_store import Neo4jStore

    server: dict[str, str] = {}

    def open_neo4j() -> Neo4jStore:
        store = Neo4jStore.from_settings(settings)
        server["server"] = store.server_agent  # which engine answered: a Neo4j, or ArcadeDB in the test run
        return store

    try:
        return _load(files, open_neo4j, workers, None) | server | {
            "note": f"written into {settings.neo4j_uri} (database {settings.neo4j_database or 'default'})"
        }
    except (GovkgError, OSError) as err:
        return {"skipped": f"Neo4j load failed: {err}"}


def _scaling(files, sizes, result, tmp: Path, workers: int, runs: int, seed: int, budget_s: float) -> dict[str, Any]:
    rows = []
    for n in sorted({int(x) for x in sizes if int(x) > 0}):
        if n >= len(files):
            main = result["load"]["embedded"]
            q = result.get("queries", {}).get("chain_cypher", {})
            rows.append({
                "charters": len(files), "requested": n, "seconds": main["seconds"],
                "ms_per_charter": round(1000 * main["seconds"] / len(files), 3),
                "store_ms_per_charter": main["store_ms_per_charter"], "nodes": main["nodes"], "edges": main["edges"],
                "chain_p50_ms": q.get("p50_ms"), "chain_p99_ms": q.get("p99_ms"),
                "disk_bytes": result["disk"]["embedded_bytes"], "peak_memory_bytes": main.get("peak_memory_bytes"), "reused": "main run",
            })
            continue
        subset = _subset(files, n, seed)
        home = tmp / f"scale-{n}"
        home.mkdir()
        with _PeakMemory() as rss:
            load = _load(subset, _embedded_factory(home), workers, None)
            s = _embedded_factory(home)()
            try:
                from govkg.graph.named_queries import chain

                groups = [r["id"] for r in s.query(load_query("bench_working_groups"), limit=10**7)]
                if hasattr(s, "warm"):
                    s.warm()
                samples, _ = _timed(lambda i, s=s: chain(s, i), _pick(groups, runs, seed), budget_s)
                production = _production_sparql(s, home) if n <= PRODUCTION_SPARQL_MAX else None
            finally:
                s.close()
        q = summarize_ms(samples)
        rows.append({
            "charters": n, "requested": n, "seconds": load["seconds"], "ms_per_charter": round(1000 * load["seconds"] / n, 3),
            "store_ms_per_charter": load["store_ms_per_charter"], "nodes": load["nodes"], "edges": load["edges"],
            "chain_p50_ms": q["p50_ms"], "chain_p99_ms": q["p99_ms"], "disk_bytes": _dir_bytes(home), "peak_memory_bytes": rss.peak,
            **({"sparql_index": production} if production else {}),
        })
        shutil.rmtree(home, ignore_errors=True)
    return {
        "rows": rows,
        "load_fit": linear_fit([(r["charters"], r["seconds"]) for r in rows]),
        "store_fit": linear_fit([(r["charters"], r["store_ms_per_charter"] * r["charters"] / 1000) for r in rows]),
    }


def _production_sparql(store, home: Path) -> dict[str, Any]:
    """The API's own SPARQL index build (``ensure_sparql``: whole-graph export → rdflib → pyoxigraph), timed."""
    from govkg.graph.sparql_index import ensure_sparql

    settings = load_settings(env={}).with_(home=home)
    before = psutil.Process().memory_info().rss
    with _PeakMemory(interval=0.1) as rss:
        t = time.perf_counter()
        try:
            sp = ensure_sparql(store, settings)
        except GovkgError as err:
            return {"skipped": f"ensure_sparql failed: {err}"}
        seconds = time.perf_counter() - t
    return {"seconds": round(seconds, 3), "triples": len(sp), "rss_growth_bytes": max(0, rss.peak - before)}


def _targets(r: dict[str, Any]) -> dict[str, Any]:
    def check(value, limit, higher_is_better=False):
        if value is None:
            return {"target": limit, "value": None, "met": None}
        return {"target": limit, "value": value, "met": value >= limit if higher_is_better else value <= limit}

    load = r.get("load", {}).get("embedded", {})
    q = r.get("queries", {})
    api = r.get("api", {})
    phases = _phase_memory(r)
    memory = check(max(phases.values()) if phases else None, TARGETS["peak_memory_bytes"])
    return {
        "load_seconds": check(load.get("seconds"), TARGETS["load_seconds"]),
        "chain_cypher_p99_ms": check(q.get("chain_cypher", {}).get("p99_ms"), TARGETS["chain_cypher_p99_ms"]),
        "chain_sparql_p99_ms": check(q.get("chain_sparql", {}).get("p99_ms"), TARGETS["chain_sparql_p99_ms"]),
        "chain_api_rps": check(api.get("chain", {}).get("rps"), TARGETS["chain_api_rps"], higher_is_better=True),
        "chain_api_to_healthz": check(api.get("chain_to_healthz"), TARGETS["chain_api_to_healthz"], higher_is_better=True),
        "peak_memory_bytes": {**memory, "phases": phases},
    }


def _phase_memory(r: dict[str, Any]) -> dict[str, int]:
    """The peak PSS of each phase that ran, by phase name."""
    out = {}
    for name, path in _MEMORY_PHASES:
        part: Any = r
        for key in path:
            part = part.get(key, {}) if isinstance(part, dict) else {}
        if isinstance(part, dict) and part.get("peak_memory_bytes"):
            out[name] = part["peak_memory_bytes"]
    return out


# how each target's figure reads in the table
_TARGET_LABELS = {
    "load_seconds": ("load, end to end (embedded)", "{:,.1f} s", "≤ {:,.0f} s"),
    "chain_cypher_p99_ms": ("chain p99, Cypher", "{:,.1f} ms", "≤ {:,.0f} ms"),
    "chain_sparql_p99_ms": ("chain p99, SPARQL", "{:,.1f} ms", "≤ {:,.0f} ms"),
    "chain_api_rps": ("API /chains", "{:,.0f} req/s", "≥ {:,.0f} req/s"),
    "chain_api_to_healthz": ("API /chains ÷ /healthz (same run)", "{:.2f}", "≥ {:.2f}"),
    "peak_memory_bytes": ("peak memory, every phase (PSS)", "{:,.0f} MB", "≤ {:,.0f} MB"),
}


def target_table(targets: dict[str, Any]) -> Table:
    """The targets as a table: figure, target, and met or missed (— when not measured).

    >>> t = target_table(_targets({"api": {"chain": {"rps": 600.0}, "chain_to_healthz": 0.4}}))
    >>> [row for row in zip(*(c._cells for c in t.columns)) if "API" in row[0]]
    [('API /chains', '600 req/s', '≥ 500 req/s', 'met'), ('API /chains ÷ /healthz (same run)', '0.40', '≥ 0.50', 'MISSED')]
    """
    t = Table("target", "figure", "goal", "", title="issue 18 targets")
    for key, v in targets.items():
        label, figure, goal = _TARGET_LABELS.get(key, (key, "{}", "{}"))
        value, limit = v["value"], v["target"]
        if key == "peak_memory_bytes":
            value = None if value is None else value / 1024**2
            limit = limit / 1024**2
        shown = "not measured" if value is None else figure.format(value)
        if v.get("phases"):
            shown += " (" + " · ".join(f"{name} {_mb(b)}" for name, b in v["phases"].items()) + ")"
        mark = "—" if v["met"] is None else ("met" if v["met"] else "MISSED")
        t.add_row(label, shown, goal.format(limit), mark)
    return t


# --------------------------------------------------------------------------- printing
def _mb(n: Any) -> str:
    return f"{n / 1024**2:,.0f} MB" if isinstance(n, (int, float)) else "—"


def _ms(d: dict[str, Any]) -> str:
    if not d or d.get("skipped"):
        return f"skipped: {d.get('skipped')}" if d else "—"
    if not d.get("runs"):
        return f"no run finished: {d.get('note', '')}".rstrip(": ")
    return (
        f"p50 {d['p50_ms']} ms · p99 {d['p99_ms']} ms · {d['runs']} runs"
        + (f" · {d['errors']} errors" if d.get("errors") else "")
        + (f" · {d['note']}" if d.get("note") else "")
    )


def _print(r: dict[str, Any], console: Console) -> None:
    m = r["meta"]
    t = Table("measure", "figure", title=f"govkg benchmark · {m['charters']} charters · {m['machine']['cores']} cores · {m['machine']['cpu']}")
    ex = r.get("extraction", {})
    if ex:
        t.add_row("extraction, 1 process", f"{ex['single']['charters_per_s']} charters/s (p50 {ex['single']['p50_ms']} ms/charter, sample {ex['sample']})")
        if ex.get("plain_regex"):
            t.add_row(
                "  vs one plain regex pass (same files)",
                f"×{ex['vs_plain_regex']} its time ({ex['plain_regex']['charters_per_s']} charters/s, p50 {ex['plain_regex']['p50_ms']} ms/charter)",
            )
        t.add_row(f"extraction, pool of {ex['pool']['workers']}", f"{ex['pool']['charters_per_s']} charters/s (×{ex['speedup']})")
    sh = r.get("shacl", {})
    if sh.get("runs"):
        t.add_row("SHACL validation (not in load)", f"p50 {sh['p50_ms']} ms/charter ({sh['runs']} charters)")
    for name, ld in r.get("load", {}).items():
        if ld.get("skipped"):
            t.add_row(f"load → {name}", f"skipped: {ld['skipped']}")
            continue
        t.add_row(
            f"load end-to-end → {name}",
            f"{ld['seconds']} s ({ld['charters_per_s']} charters/s; store {ld['store_ms_per_charter']} ms/charter; "
            f"{ld['failed']} failed; {ld['nodes']:,} nodes, {ld['edges']:,} edges)",
        )
        raw = ld.get("raw_insert")
        if raw:
            t.add_row(
                "  raw bulk insert of the same facts",
                f"{raw['seconds']} s in {raw['statements']} statements, one transaction ({raw['ms_per_charter']} ms/charter): "
                f"the store takes ×{raw['store_to_raw']} of it ({ld['batch']} charters per transaction)",
            )
    rdf = r.get("rdf", {})
    if rdf and not rdf.get("skipped"):
        t.add_row("RDF build + SPARQL load", f"{rdf['seconds']} s ({rdf['build_ms_per_charter']} ms CPU/charter; bulk load {rdf['bulk_load_seconds']} s; {rdf['triples_stored']:,} triples)")
    q = r.get("queries", {})
    for key, label in (("chain_cypher", "chain (Cypher, embedded)"), ("chain_cypher_repeat", "chain again (kept answers)"), ("chain_sparql", "chain (SPARQL)"), ("members", "members (Cypher)"), ("members_sparql", "members (SPARQL)"), ("audit", "audit")):
        if key in q:
            t.add_row(label, _ms(q[key]))
    api = r.get("api", {})
    if api.get("skipped"):
        t.add_row("API", f"skipped: {api['skipped']}")
    elif api:
        c, h = api["chain"], api["healthz"]
        if c.get("skipped") or h.get("skipped"):
            t.add_row(f"API {api['route']}", f"skipped: {c.get('skipped') or h.get('skipped')}")
        else:
            t.add_row(
                f"API {api['route']}",
                f"{c['rps']} req/s · p50 {c['p50_ms']} · p99 {c['p99_ms']} ms ({c['clients']} clients, {c['seconds']} s, "
                f"{api.get('workers', 1)} worker(s); status {c['status']})",
            )
            d = api.get("chain_dated") or {}
            if d.get("rps"):
                t.add_row(
                    f"API {api['route']} with as_of (computed per request)",
                    f"{d['rps']} req/s · p50 {d['p50_ms']} · p99 {d['p99_ms']} ms (status {d['status']})",
                )
            t.add_row("API /healthz (same server, alternating)", f"{h['rps']} req/s · p99 {h['p99_ms']} ms · chain/healthz = {api['chain_to_healthz']}")
    mem = r.get("memory", {})
    t.add_row("peak memory (process tree, PSS)", _mb(mem.get("peak_memory_bytes")))
    phases = _phase_memory(r)
    if phases:
        t.add_row("peak memory by phase", " · ".join(f"{name} {_mb(v)}" for name, v in phases.items()))
    if api.get("peak_memory_bytes") and "API" in phases:
        t.add_row(
            "  API phase, whole tree",
            f"{_mb(api['peak_memory_bytes'])} (the server {_mb(phases['API'])}; this process and the load client the rest)",
        )
    d = r.get("disk", {})
    t.add_row("on disk", f"embedded {_mb(d.get('embedded_bytes'))} · SPARQL {_mb(d.get('sparql_bytes'))} · corpus {_mb(d.get('corpus_bytes'))}")
    console.print(t)
    if r.get("targets"):
        console.print(target_table(r["targets"]))
    sc = r.get("scaling", {})
    if sc.get("rows"):
        st = Table("charters", "load s", "ms/charter", "store ms/charter", "nodes", "edges", "chain p50 ms", "chain p99 ms", "disk", title="scaling")
        for row in sc["rows"]:
            st.add_row(*(str(row[k]) for k in ("charters", "seconds", "ms_per_charter", "store_ms_per_charter", "nodes", "edges", "chain_p50_ms", "chain_p99_ms")), _mb(row["disk_bytes"]))
        console.print(st)
        console.print(f"linear fit of load time: {sc['load_fit']}")
