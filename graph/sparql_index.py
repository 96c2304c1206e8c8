"""The SPARQL store as a derived index of the graph store, rebuilt when the graph changes.

The graph store (embedded grafeo or Neo4j) is the one source of truth. SPARQL is answered
by a pyoxigraph :class:`~govkg.graph.sparql_store.SparqlStore` built from it:
``store.export_facts()`` → :func:`~govkg.ontology.rdf.to_ntriples` → bulk load. The index
remembers the graph's :meth:`content_hash` it was built from; :func:`ensure_sparql`
compares that with the store's current hash and rebuilds only when they differ.

On disk, under ``$GOVKG_HOME/sparql``::

    index.json     {"key", "content_hash", "generation", "triples", "dropped", ...}
    store-<n>/     the pyoxigraph (RocksDB) directory of generation n

A rebuild writes a *new* generation directory, then replaces ``index.json`` atomically,
so a crash mid-build leaves the previous index in force and queries already running on
the previous generation finish on it. Older generations are removed once they are two
behind.

Properties that are not ontology terms (the store's own ``nameFolded``, or anything an
extractor added outside ``ontology/vocab.py``) are left out of the index rather than
failing the whole rebuild; their names are recorded under ``dropped``.

Examples
--------
>>> import pathlib, tempfile
>>> from govkg.config import Settings
>>> from govkg.graph.store import open_store
>>> settings = Settings(home=pathlib.Path(tempfile.mkdtemp()))
>>> with open_store(settings) as store:
...     sparql = ensure_sparql(store, settings)
...     sparql.query("ASK { ?s ?p ?o }").boolean, index_state(settings)["generation"]
(False, 1)
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import shutil
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from govkg.config import Settings
from govkg.errors import StoreError
from govkg.graph.sparql_store import SparqlStore
from govkg.ontology.facts import Edge, Facts, Node
from govkg.ontology.vocab import Prop

__all__ = [
    "INDEX_FILE",
    "MAPPING_VERSION",
    "ensure_sparql",
    "forget",
    "index_dir",
    "index_state",
    "rdf_facts",
]

log = logging.getLogger(__name__)

INDEX_FILE = "index.json"
# Bump when the Facts → RDF mapping changes, so that existing indexes are rebuilt.
MAPPING_VERSION = "2"
_KNOWN_PROPS = frozenset(p.value for p in Prop)


@dataclass(slots=True)
class _Open:
    generation: int
    key: str
    sparql: SparqlStore


# One open pyoxigraph store per index directory in this process: RocksDB locks its
# directory, so opening the same generation twice would fail.
_OPEN: dict[Path, _Open] = {}
_LOCKS: dict[Path, threading.Lock] = {}
_REGISTRY_LOCK = threading.Lock()


def index_dir(settings: Settings) -> Path:
    """``$GOVKG_HOME/sparql``: where the index and its state live.

    >>> index_dir(Settings(home=Path("/tmp/kg")))
    PosixPath('/tmp/kg/sparql')
    """
    return settings.sparql_path


def index_state(settings: Settings) -> dict[str, Any] | None:
    """The recorded state of the on-disk index (``None`` when none was built)."""
    path = index_dir(settings) / INDEX_FILE
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None
    except (OSError, ValueError) as err:
        log.warning("ignoring unreadable SPARQL index state %s: %s", path, err)
        return None


def rdf_facts(facts: Facts) -> tuple[Facts, list[str]]:
    """The facts with only ontology properties, and the sorted names of those left out.

    >>> f = Facts()
    >>> _ = f.add_node(Node("p", ("Post",), {"name": "Trưởng Ban", "nameFolded": "truong ban"}))
    >>> clean, dropped = rdf_facts(f)
    >>> clean.nodes["p"].props, dropped
    ({'name': 'Trưởng Ban'}, ['nameFolded'])
    """
    dropped: set[str] = set()

    def keep(props: dict[str, Any]) -> dict[str, Any]:
        out = {}
        for k, v in props.items():
            if k in _KNOWN_PROPS:
                out[k] = v
            else:
                dropped.add(k)
        return out

    clean = Facts(charter_id=facts.charter_id, path=facts.path)
    for node in facts.nodes.values():
        clean.nodes[node.id] = Node(node.id, tuple(node.labels), keep(node.props))
    # appended directly: the same edge stated by two charters stays two edges (to_rdf
    # merges them into one statement carrying both charters)
    clean.edges.extend(Edge(e.type, e.source, e.target, keep(e.props)) for e in facts.edges)
    return clean, sorted(dropped)


def _key(content_hash: str, settings: Settings) -> str:
    raw = "|".join((MAPPING_VERSION, settings.iri_base, content_hash))
    return hashlib.sha256(raw.encode("utf-8")).hexdigest()


def _lock_for(folder: Path) -> threading.Lock:
    with _REGISTRY_LOCK:
        return _LOCKS.setdefault(folder, threading.Lock())


def _open_generation(folder: Path, generation: int) -> SparqlStore | None:
    try:
        return SparqlStore(folder / f"store-{generation}")
    except (StoreError, OSError) as err:
        # typically another process (a running server) holds the RocksDB lock
        log.info("cannot open SPARQL index generation %s (%s); building in memory", generation, err)
        return None


def _open_built(folder: Path, generation: int) -> SparqlStore | None:
    """A complete generation, read-only: never written again, so the worker processes of a
    server (and the query workers) each open it, with no lock between them."""
    try:
        return SparqlStore.open_read_only(folder / f"store-{generation}")
    except (StoreError, OSError) as err:
        log.info("cannot open SPARQL index generation %s read-only (%s)", generation, err)
        return _open_generation(folder, generation)


def _build(store: Any, settings: Settings, target: SparqlStore) -> tuple[int, list[str]]:
    facts, dropped = rdf_facts(store.export_facts())
    target.clear()
    # facts → N-Triples → bulk load, with no rdflib graph of the whole store in between
    # (the benchmark's server had to switch that build off at national scale)
    target.load_facts(facts, base=settings.iri_base, check=False)
    target.flush()
    return len(target), dropped


def _write_state(folder: Path, state: dict[str, Any]) -> None:
    tmp = folder / f".{INDEX_FILE}.{os.getpid()}.tmp"
    tmp.write_text(json.dumps(state, indent=1, sort_keys=True), encoding="utf-8")
    os.replace(tmp, folder / INDEX_FILE)  # atomic: readers see the old or the new state


def _prune(folder: Path, keep_from: int) -> None:
    for child in folder.glob("store-*"):
        try:
            generation = int(child.name.removeprefix("store-"))
        except ValueError:
            continue
        if generation < keep_from:
            shutil.rmtree(child, ignore_errors=True)


def forget(settings: Settings) -> None:
    """Drop this process's handle on the index of ``settings.home`` (tests, shutdown)."""
    with _REGISTRY_LOCK:
        _OPEN.pop(index_dir(settings).resolve(), None)


def ensure_sparql(store: Any, settings: Settings, *, content_hash: str | None = None) -> SparqlStore:
    """The SPARQL index of ``store``, rebuilt first when the graph changed since it was built.

    Parameters
    ----------
    store
        A :class:`~govkg.graph.store.GraphStore` (read through ``content_hash`` and
        ``export_facts`` only).
    settings
        ``home`` says where the index lives; ``iri_base`` is the RDF base.
    content_hash
        The store's current :meth:`content_hash`, when the caller already has it.

    Returns
    -------
    SparqlStore
        Up to date with the store. When the on-disk generation cannot be opened (another
        process holds it), an in-memory index built from the store.

    Raises
    ------
    StoreError
        The store could not be read, or the index could not be written.
    ValidationError
        The stored graph holds a label or relationship type outside the vocabulary.
    """
    folder = index_dir(settings)
    folder.mkdir(parents=True, exist_ok=True)
    real = folder.resolve()
    current = content_hash if content_hash is not None else store.content_hash()
    key = _key(current, settings)
    with _lock_for(real):
        opened = _OPEN.get(real)
        if opened is not None and opened.key == key:
            return opened.sparql
        state = index_state(settings) or {}
        if state.get("key") == key:
            generation = int(state["generation"])
            if opened is not None and opened.generation == generation:
                opened.key = key
                return opened.sparql
            sparql = _open_built(real, generation)
            if sparql is not None:
                _OPEN[real] = _Open(generation, key, sparql)
                return sparql
            memory = SparqlStore()
            _build(store, settings, memory)
            return memory
        # a new generation: never the one in use here or recorded on disk
        generation = max(int(state.get("generation", 0)), opened.generation if opened else 0) + 1
        started = time.perf_counter()
        sparql = _open_generation(real, generation)
        if sparql is None:
            memory = SparqlStore()
            _build(store, settings, memory)
            return memory
        triples, dropped = _build(store, settings, sparql)
        _write_state(
            real,
            {
                "key": key,
                "content_hash": current,
                "generation": generation,
                "triples": triples,
                "dropped": dropped,
                "iri_base": settings.iri_base,
                "mapping_version": MAPPING_VERSION,
                "built_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
                "seconds": round(time.perf_counter() - started, 3),
            },
        )
        _OPEN[real] = _Open(generation, key, sparql)
        # the previous generation may still serve queries that started before the swap
        _prune(real, generation - 1)
        if dropped:
            log.info("SPARQL index: left out non-ontology properties %s", ", ".join(dropped))
        return sparql
