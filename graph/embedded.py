"""The embedded store: grafeo 0.6, in-process, one file in ``$GOVKG_HOME``.

grafeo runs the same Neo4j Cypher as the Neo4j backend (the named queries are shared
text). It persists through a write-ahead log next to the file (``graph.grafeo.wal``) and
recovers committed transactions only: a process killed in the middle of a load leaves
whole charters or nothing of a charter.

What this module does around grafeo, and why:

- the ``id`` and ``nameFolded`` property indexes are created at every open (grafeo does
  not persist them, and without them each ``MATCH (n:Body {id: …})`` scans; uniqueness
  constraints persist but are slow without the index);
- grafeo locks the file (one writer excludes every other handle, even readers), so only a
  load holds it for long: readers (``read_only=True``, and the server's ``shared=True``)
  copy it into memory under a short shared lock and re-copy it when it changes, which lets
  any number of processes read while a ``govkg load`` writes (see :class:`EmbeddedStore`);
- reads run in a transaction that is always rolled back (grafeo has no read-only
  transaction, and a snapshot is a writable copy in memory);
- reads run in a worker thread with a deadline, because grafeo's Python API has no query
  timeout; on timeout the caller gets :class:`~govkg.errors.QueryTimeout` while the
  engine finishes the query in the background (it cannot be cancelled);
- rows come back as dicts with ``_id``/``_labels``/``_type``/``_source``/``_target``
  keys; they are converted to govkg's plain shapes (ids are our ``id`` properties);
- a transaction whose statement failed still commits the earlier statements, so every
  failure rolls the transaction back explicitly.

Examples
--------
>>> import tempfile, pathlib
>>> from govkg.ontology.facts import Edge, Facts, Node
>>> f = Facts(charter_id="ch:1")
>>> _ = f.add_node(Node("ch:1", ("Charter",), {"number": "1/QĐ", "sha256": "x"}))
>>> _ = f.add_node(Node("b:1", ("Body", "SteeringCommittee"), {"name": "Ban Chỉ đạo"}))
>>> _ = f.add_edge(Edge("GOVERNS", "ch:1", "b:1", {"charter": "ch:1"}))
>>> with EmbeddedStore(pathlib.Path(tempfile.mkdtemp()) / "g.grafeo") as store:
...     store.load(f).edges, store.load(f).unchanged
...     store.query("MATCH (b:Body) RETURN b.name AS name, labels(b) AS labels")
(1, True)
[{'name': 'Ban Chỉ đạo', 'labels': ['Body', 'SteeringCommittee']}]
"""

from __future__ import annotations

import contextlib
import functools
import os
import queue
import threading
import time as _time
from collections.abc import Callable, Mapping
from concurrent.futures import Future
from concurrent.futures import TimeoutError as FutureTimeout
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

import grafeo

from govkg.config import Settings, load_settings
from govkg.errors import GovkgError, QueryRefused, QueryTimeout, StoreError
from govkg.graph.store import (
    LABELS_KEY,
    NAME_FOLDED,
    SOURCE_KEY,
    TARGET_KEY,
    TYPE_KEY,
    CypherStore,
    Rows,
    constraint_statements,
)
from govkg.ontology.vocab import Prop

__all__ = ["EmbeddedStore", "convert_value", "hand_back_heap", "run_with_deadline"]

_WAL_CHECKPOINT_BYTES = 64 * 1024 * 1024


class _ReaderThreads:
    """A fixed set of daemon threads that run reads, started on first use.

    A thread per query cost ~0.1 ms to start (a chain makes 6–8 queries); a
    ``ThreadPoolExecutor`` would not do either, since its threads are joined at exit and
    a query that timed out (grafeo cannot cancel one) would hold the process open. With
    a fixed set, at most ``size`` runaway queries run at once; later ones wait in the
    queue, and time out there.
    """

    def __init__(self, size: int):
        self.size = size
        self._reset()
        # a forked child has none of the parent's threads: it starts its own (a child that
        # inherited the count would queue every read for threads that are not there)
        os.register_at_fork(after_in_child=self._reset)

    def _reset(self) -> None:
        self._jobs: queue.SimpleQueue = queue.SimpleQueue()
        self._started = 0
        self._lock = threading.Lock()

    def submit(self, fn: Callable[[], Any]) -> Future:
        future: Future = Future()
        self._jobs.put((fn, future))
        if self._started < self.size:
            with self._lock:
                while self._started < self.size:
                    self._started += 1
                    threading.Thread(target=self._work, name=f"govkg-read-{self._started}", daemon=True).start()
        return future

    def _work(self) -> None:
        while True:
            fn, future = self._jobs.get()
            if future.set_running_or_notify_cancel():
                try:
                    future.set_result(fn())
                except BaseException as err:  # handed to the caller's thread
                    future.set_exception(err)
            # an idle thread holds nothing: its last job's closure kept that job's database (a
            # whole graph, after the store was closed or refreshed) and its answer (16 threads
            # kept 16 results alive: 120 MB after the chain index's scans of 1,000 charters)
            del fn, future


_READERS = _ReaderThreads(16)


def run_with_deadline(fn: Callable[[], Any], timeout: float, *, subject: str = "query") -> Any:
    """Run ``fn`` on a reader thread; raise :class:`QueryTimeout` if it is not done in ``timeout`` s.

    >>> run_with_deadline(lambda: 42, 1.0)
    42
    >>> import time as _t
    >>> run_with_deadline(lambda: _t.sleep(0.5), 0.05)
    Traceback (most recent call last):
    ...
    govkg.errors.QueryTimeout: query: ran past its time limit of 0.05 s
    """
    future = _READERS.submit(fn)
    try:
        return future.result(timeout)
    except FutureTimeout:
        future.cancel()  # not started yet: it never will be
        raise QueryTimeout(f"ran past its time limit of {timeout:g} s", subject=subject) from None


_PLAIN = frozenset({str, int, float, bool, type(None)})


def convert_value(value: Any, node_id: Callable[[int], Any]) -> Any:
    """A grafeo result value as plain JSON-able Python.

    Nodes become ``{**props, "labels": [...]}``; relationships ``{**props, "type", "source",
    "target"}`` (``node_id`` maps grafeo's internal ids to our ``id``); paths
    ``[node, rel, node, ...]``; dates ISO strings.

    >>> convert_value({"_id": 3, "_labels": ["Post"], "id": "p", "name": "A"}, {}.get)
    {'id': 'p', 'name': 'A', 'labels': ['Post']}
    >>> convert_value({"_id": 0, "_source": 3, "_target": 4, "_type": "POST_IN", "id": "e"}, {3: "p", 4: "b"}.get)
    {'id': 'e', 'type': 'POST_IN', 'source': 'p', 'target': 'b'}
    """
    kind = type(value)
    if kind in _PLAIN:
        return value
    if kind is dict:
        if "_id" in value:
            out = {
                k: v if type(v) in _PLAIN else convert_value(v, node_id)
                for k, v in value.items()
                if k[0] != "_"
            }
            if "_labels" in value:
                out[LABELS_KEY] = sorted(value["_labels"])
            elif "_type" in value:
                out[TYPE_KEY] = value["_type"]
                out[SOURCE_KEY] = node_id(value["_source"])
                out[TARGET_KEY] = node_id(value["_target"])
            return out
        if len(value) == 2 and "nodes" in value and "edges" in value and type(value["nodes"]) is list:
            return _path(value, node_id)
        return {str(k): v if type(v) in _PLAIN else convert_value(v, node_id) for k, v in value.items()}
    if kind is list or kind is tuple:
        return [v if type(v) in _PLAIN else convert_value(v, node_id) for v in value]
    if isinstance(value, (datetime, date, time)):
        return value.isoformat()
    if isinstance(value, grafeo.Node):
        props = {k: convert_value(v, node_id) for k, v in value.properties().items()}
        return {**props, LABELS_KEY: sorted(value.labels)}
    if isinstance(value, grafeo.Edge):
        props = {k: convert_value(v, node_id) for k, v in value.properties().items()}
        return {
            **props,
            TYPE_KEY: value.edge_type,
            SOURCE_KEY: node_id(value.source_id),
            TARGET_KEY: node_id(value.target_id),
        }
    if isinstance(value, (str, int, float, bool)):  # subclasses (e.g. RDF terms)
        return value
    return str(value)


def _path(value: dict[str, Any], node_id: Callable[[int], Any]) -> list[Any]:
    ids = {n.get("_id"): n.get(Prop.id) for n in value["nodes"] if isinstance(n, dict)}

    def local(i: int) -> Any:
        return ids[i] if i in ids else node_id(i)

    nodes = [convert_value(n, local) for n in value["nodes"]]
    rels = [convert_value(e, local) for e in value["edges"]]
    path: list[Any] = nodes[:1]
    for rel, node in zip(rels, nodes[1:], strict=False):
        path += [rel, node]
    return path


def _stamp(path: Path) -> tuple[int, int, int] | None:
    """What identifies a version of the file: (mtime ns, size, inode); None when missing."""
    try:
        st = path.stat()
    except FileNotFoundError:
        return None
    return (st.st_mtime_ns, st.st_size, st.st_ino)


def hand_back_heap() -> None:
    """Return the C heap's free pages to the OS (glibc's ``malloc_trim``; a no-op elsewhere).

    Reading the file into memory frees about as much as it keeps (on the national graph a
    snapshot reader held 1,558 MB PSS after opening, 498 MB after this), and glibc keeps
    freed memory for later unless told: every reader would carry it for its lifetime.

    >>> hand_back_heap()  # nothing to return; safe at any time
    """
    with contextlib.suppress(OSError, AttributeError):
        _libc().malloc_trim(0)


@functools.cache
def _libc() -> Any:
    import ctypes

    return ctypes.CDLL("libc.so.6")


def _index(db: Any) -> None:
    # not persisted by grafeo (in memory, so snapshots get them too): without them every
    # id or whole-name lookup is a scan
    db.create_property_index(Prop.id.value)
    db.create_property_index(NAME_FOLDED)


def _open_writer(path: Path, wait_s: float) -> Any:
    """The file as the writer, waiting up to ``wait_s`` for readers copying it to finish."""
    deadline = _time.monotonic() + wait_s
    while True:
        try:
            db = grafeo.GrafeoDB(str(path))
        except grafeo.GrafeoError as err:
            if "locked" in str(err) and _time.monotonic() < deadline:
                _time.sleep(0.05)
                continue
            raise
        for st in constraint_statements():
            db.execute_cypher(st.cypher, st.params)
        db.set_checkpoint_triggers(wal_bytes=_WAL_CHECKPOINT_BYTES)
        return db


def _transaction(db: Any, work: Callable, store: EmbeddedStore) -> Any:
    tx = db.begin_transaction()

    def run(cypher: str, params: Mapping[str, Any]) -> list[dict[str, Any]]:
        try:
            return store._convert_rows(tx.execute_cypher(cypher, dict(params)), None, db)
        except grafeo.GrafeoError as err:
            raise _store_error(err, "load") from err

    try:
        result = work(run)
        tx.commit()
    except BaseException:
        if tx.is_active:
            tx.rollback()
        raise
    return result


def _store_error(err: Exception, subject: str) -> GovkgError:
    text = str(err)
    if "Cannot write in read-only" in text or ("read-only" in text and "write" in text):
        return QueryRefused("the store refused a write (read-only)", subject=subject)
    if "cannot be locked" in text or "locked by another process" in text:
        return StoreError(
            "the store is open for writing in another process (a load?); try again when it has finished",
            subject=subject,
        )
    if "timeout" in text.lower():
        return QueryTimeout(text, subject=subject)
    return StoreError(text.splitlines()[0] if text else type(err).__name__, subject=subject)


class EmbeddedStore(CypherStore):
    """A :class:`~govkg.graph.store.GraphStore` on a grafeo database file.

    Three ways to open the file (grafeo locks it: one writer excludes every other handle):

    - the **writer** (default): holds the file, exclusively, until :meth:`close` (``govkg
      load``, the benchmark, tests);
    - a **snapshot reader** (``read_only=True``): copies the file into memory under a shared
      lock held only while copying, then holds nothing, so any number of processes read
      while a writer may come and go; when the file changes (a load committed and closed),
      the next read starts copying the new version in the background and later reads see it
      (:attr:`generation` counts the versions); a write is refused;
    - a **shared** store (``shared=True``, the API server): a snapshot reader whose
      :meth:`load` takes the writer's role for that one charter, then re-reads the file.

    Parameters
    ----------
    path
        The database file (created when missing, unless ``read_only``).
    settings
        Timeouts and row cap (default :func:`~govkg.config.load_settings`).
    read_only
        Open as a snapshot reader; a missing file is a :class:`~govkg.errors.StoreError`.
    shared
        Open as a snapshot reader that writes through short writer opens; a missing file is
        an empty graph until a load creates it.
    """

    # grafeo 0.6 evaluates a relationship MERGE by scanning every edge of that type (35 ms
    # per batch at 14k edges, growing with the graph); a charter's edges are new by
    # construction, so CREATE them (see edge_statements)
    create_edges = True
    # grafeo's binding converts a str parameter after three failed tries (~1 µs): send rows packed
    packed_rows = True

    @property
    def load_batch(self) -> int:
        """Charters a bulk load commits per transaction (``GOVKG_LOAD_BATCH``, default 50; see
        :meth:`~govkg.graph.store.CypherStore.load_many`: whole charters only)."""
        return self.settings.load_batch

    def __init__(
        self, path: str | Path, *, settings: Settings | None = None, read_only: bool = False, shared: bool = False
    ):
        self.settings = settings or load_settings()
        self.path = Path(path)
        self.read_only = read_only
        self.snapshot = read_only or shared
        self._write_lock = threading.Lock()
        # reads still running (a timed-out query goes on in its thread): close waits for them
        self._reads = 0
        self._reads_lock = threading.Condition()
        self._refresh_lock = threading.Lock()
        self._refreshing = False
        self._next_check = 0.0
        if self.snapshot:
            if read_only and not self.path.exists():
                raise StoreError(
                    "no store here: it is empty (load charters first: govkg load FILE…, or set GOVKG_HOME)",
                    path=str(self.path),
                )
            self._db, self._stamp = self._open_snapshot()
        else:
            try:
                self.path.parent.mkdir(parents=True, exist_ok=True)
                self._db = _open_writer(self.path, self.settings.query_timeout_s)
            except grafeo.GrafeoError as err:
                raise _store_error(err, str(self.path)) from err
            _index(self._db)
            self._stamp = None
        hand_back_heap()  # what reading the file freed
        self._closed = False
        # counts the versions of the content this handle has served: readers may keep
        # results while it stays the same
        self._generation = 0

    @property
    def generation(self) -> int:
        """The version of the content this handle serves (a snapshot checks the file first)."""
        if not self._closed:
            self._maybe_refresh()
        return self._generation

    # -- snapshots
    def _open_snapshot(self) -> tuple[Any, tuple[int, int, int] | None]:
        """A private in-memory copy of the file and the file's stamp it was taken from."""
        deadline = _time.monotonic() + self.settings.query_timeout_s
        while True:
            stamp = _stamp(self.path)
            if stamp is None:  # shared store of an empty home: nothing loaded yet
                db = grafeo.GrafeoDB()
                _index(db)
                return db, None
            try:
                db = grafeo.GrafeoDB.open_in_memory(str(self.path))
            except grafeo.GrafeoError as err:
                # a writer holds the file: wait for it a while (a load commits charter by charter)
                if "cannot be locked" in str(err) and _time.monotonic() < deadline:
                    _time.sleep(0.05)
                    continue
                if "cannot be locked" in str(err):
                    raise StoreError(
                        "a load is writing the store; try again when it has finished", path=str(self.path)
                    ) from err
                raise _store_error(err, str(self.path)) from err
            _index(db)
            return db, stamp

    def _maybe_refresh(self) -> None:
        # a cheap stat at most every 0.2 s; the copy runs in the background (reads go on on
        # the current snapshot meanwhile) and is swapped in when complete
        now = _time.monotonic()
        if not self.snapshot or now < self._next_check:
            return
        self._next_check = now + 0.2
        if self._refreshing or _stamp(self.path) == self._stamp:
            return
        with self._refresh_lock:
            if self._refreshing:
                return
            self._refreshing = True
        threading.Thread(target=self._refresh, name="govkg-snapshot", daemon=True).start()

    def _refresh(self) -> None:
        try:
            db, stamp = self._open_snapshot()
        except GovkgError:
            return  # the file is busy or broken: keep serving the copy we have, retry later
        finally:
            self._refreshing = False
        with self._reads_lock:
            self._db, self._stamp = db, stamp
            self._generation += 1
        del db
        hand_back_heap()  # what reading the file freed (and the old copy, once its reads end)

    def refresh(self) -> bool:
        """Re-read the file now if it changed since the snapshot (snapshot modes); True if it did."""
        if not self.snapshot or _stamp(self.path) == self._stamp:
            return False
        db, stamp = self._open_snapshot()
        with self._reads_lock:
            self._db, self._stamp = db, stamp
            self._generation += 1
        del db
        hand_back_heap()
        return True

    # -- engine access, all inside this module
    def _node_id(self, internal: int) -> Any:
        node = self._db.get_node(internal)
        return None if node is None else node.properties().get(Prop.id.value)

    def _convert_rows(self, result: Any, limit: int | None, db: Any) -> Rows:
        cache: dict[int, Any] = {}

        def node_id(i: int) -> Any:
            if i not in cache:
                node = db.get_node(i)
                cache[i] = None if node is None else node.properties().get(Prop.id.value)
            return cache[i]

        rows = Rows()
        for row in result:
            if limit is not None and len(rows) >= limit:
                rows.truncated = True
                break
            rows.append({str(k): convert_value(v, node_id) for k, v in row.items()})
        return rows

    def _check_open(self) -> None:
        if self._closed:
            raise StoreError("the store is closed", path=str(self.path))

    def _read(self, cypher: str, params: Mapping[str, Any], timeout: float | None, limit: int | None) -> Rows:
        self._check_open()
        self._maybe_refresh()
        db = self._db  # a refresh swaps the snapshot; this read finishes on the one it started on

        def job() -> Rows:
            try:
                tx = db.begin_transaction()
                try:
                    return self._convert_rows(tx.execute_cypher(cypher, dict(params)), limit, db)
                finally:
                    # a read never commits: whatever slipped past the guard is undone
                    tx.rollback()
            except grafeo.GrafeoError as err:
                raise _store_error(err, "query") from err

        def tracked() -> Rows:
            with self._reads_lock:
                if self._closed:  # queued behind runaway reads until after close
                    raise StoreError("the store is closed", path=str(self.path))
                self._reads += 1
            try:
                return job()
            finally:
                with self._reads_lock:
                    self._reads -= 1
                    self._reads_lock.notify_all()

        return tracked() if timeout is None else run_with_deadline(tracked, timeout)

    def _write(self, work):
        self._check_open()
        if self.read_only:
            raise StoreError("the store is open read-only", path=str(self.path))
        with self._write_lock:
            if not self.snapshot:
                try:
                    return _transaction(self._db, work, self)
                finally:
                    self._generation += 1
            # shared: the writer's role for this one transaction, then the new file is read
            try:
                self.path.parent.mkdir(parents=True, exist_ok=True)
                writer = _open_writer(self.path, self.settings.query_timeout_s)
            except grafeo.GrafeoError as err:
                raise _store_error(err, str(self.path)) from err
            try:
                _index(writer)
                result = _transaction(writer, work, self)
            finally:
                writer.close()
            self.refresh()
            return result

    def warm(self) -> float:
        """Read every property the named queries read, once; returns the seconds it took.

        grafeo keeps properties (and labels) in compressed chunks and unpacks a chunk the
        first time a query reads it: on the national graph a chain touching a cold chunk took
        100–400 ms instead of 1 ms. One pass over them (about 4 s for 350k nodes and 610k
        edges) makes the first queries as fast as the later ones. The API server calls this
        at start-up, and the benchmark before it times queries.
        """
        started = _time.perf_counter()
        edge_props = (Prop.id, Prop.charter, Prop.charters, Prop.provision, Prop.provisions, Prop.quote, Prop.via, Prop.inferred, Prop.confidence)
        node_props = (Prop.id, Prop.name, Prop.level, Prop.status, Prop.locality, Prop.role, Prop.number, Prop.validTo, NAME_FOLDED)
        # labels and types are unpacked the same way (a cold label cost 200 ms in a lookup by id)
        for pattern, kind, props in (("()-[x]->()", "type(x)", edge_props), ("(x)", "labels(x)", node_props)):
            counts = ", ".join(f"count(x.{p}) AS c{i}" for i, p in enumerate(props))
            self._read(f"MATCH {pattern} RETURN count({kind}) AS kinds, {counts}", {}, None, None)
        return _time.perf_counter() - started

    def close(self) -> None:
        """Close the database (checkpoints the WAL into the file).

        Waits for reads still running in worker threads (timed-out queries that grafeo
        cannot cancel), at most ``settings.query_timeout_s`` seconds longer.
        """
        if not self._closed:
            self._closed = True
            with self._reads_lock:
                self._reads_lock.wait_for(lambda: self._reads == 0, timeout=self.settings.query_timeout_s)
            if not self.snapshot:
                self._db.close()
            self._db = None  # a snapshot is memory only: dropping it frees it
