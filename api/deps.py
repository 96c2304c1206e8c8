"""What the routes share, handed to them through ``Depends``: settings, the store, the SPARQL index, the token check.

One :class:`Runtime` per application (``app.state.runtime``) opens the store lazily and
keeps the SPARQL index in step with it. Routes declare what they need with the
``Annotated`` aliases below (:data:`RuntimeDep`, :data:`SettingsDep`, :data:`StoreDep`,
:data:`UploadAllowed`); none of them reads the request body, so the token is checked
before a byte of an upload is read.

Examples
--------
>>> from govkg.config import Settings
>>> rt = Runtime(Settings(), store="a store")
>>> rt.store(), rt.backend, rt.uploads_enabled
('a store', 'embedded', False)
"""

from __future__ import annotations

import hmac
import threading
import time
from typing import Annotated, Any

from fastapi import Depends, Request
from starlette.exceptions import HTTPException as StarletteHTTPException

from govkg.config import Settings
from govkg.graph.sparql_store import SparqlStore

__all__ = [
    "Runtime",
    "RuntimeDep",
    "SettingsDep",
    "StoreDep",
    "UploadAllowed",
    "get_runtime",
    "get_settings",
    "get_store",
    "require_token",
]

_NEO4J_RECHECK_S = 30.0  # another process may write Neo4j: re-hash at most this often


class Runtime:
    """The store and the SPARQL index one application serves, opened lazily and shared.

    Parameters
    ----------
    settings
        The configuration the app was made with.
    store
        An open store to serve instead of opening the configured one (not closed here).
    sparql_index
        False: never build the SPARQL index (``/sparql`` answers 503); the benchmark's
        server, which measures ``/chains`` only, runs so.
    """

    def __init__(self, settings: Settings, store: Any | None = None, *, sparql_index: bool = True):
        self.settings = settings
        self._store = store
        self._owns_store = store is None
        self._lock = threading.Lock()
        self._sparql_lock = threading.Lock()
        self._sparql: SparqlStore | None = None
        self._sparql_checked = 0.0
        self._sparql_dirty = True
        self._sparql_generation: int | None = None
        # (store generation, its content hash): hashing reads the whole graph, so a worker
        # forked from a prepared parent (govkg.api.workers) does not hash it again
        self._content_hash: tuple[int, str] | None = None
        self.sparql_index = sparql_index
        # set by govkg.api.workers.prepare: the store is open and warm before the workers fork
        self.prepared = False
        self.uploads_enabled = bool(settings.api_token)

    @property
    def backend(self) -> str:
        return "neo4j" if self.settings.neo4j_uri else "embedded"

    def store(self) -> Any:
        """The graph store; opened on first use (and again after a failed open)."""
        if self._store is not None:
            return self._store
        with self._lock:
            if self._store is None:
                from govkg.graph.store import open_store

                # the embedded file is read as a snapshot and held only while an upload writes,
                # so `govkg load`, `govkg query` and notebooks share it with the server
                self._store = open_store(self.settings, shared=True)
            return self._store

    def sparql(self) -> SparqlStore:
        """The SPARQL index, rebuilt when the graph changed (our uploads; Neo4j: re-checked)."""
        from govkg.errors import StoreError
        from govkg.graph.sparql_index import ensure_sparql

        if not self.sparql_index:
            raise StoreError("this server was started without a SPARQL index", path="sparql")
        with self._sparql_lock:
            # the embedded snapshot counts the versions of the file it has read (a `govkg load`)
            generation = getattr(self.store(), "generation", None)
            stale = self._sparql is None or self._sparql_dirty or generation != self._sparql_generation
            if not stale and self.backend == "neo4j":
                stale = time.monotonic() - self._sparql_checked > _NEO4J_RECHECK_S
            if stale:
                store = self.store()
                known = self._content_hash
                if known is not None and generation is not None and known[0] == generation:
                    current = known[1]
                else:
                    current = store.content_hash()
                    if generation is not None:
                        self._content_hash = (generation, current)
                self._sparql = ensure_sparql(store, self.settings, content_hash=current)
                self._sparql_dirty = False
                self._sparql_generation = generation
                self._sparql_checked = time.monotonic()
            assert self._sparql is not None
            return self._sparql

    def release_sparql(self) -> None:
        """Drop this process's handle on the SPARQL index (before a fork: a RocksDB handle
        must not be shared; each worker opens the built index read-only)."""
        from govkg.graph.sparql_index import forget

        with self._sparql_lock:
            self._sparql = None
            forget(self.settings)

    def graph_changed(self) -> None:
        """Mark the SPARQL index stale (after a load through the API)."""
        with self._sparql_lock:
            self._sparql_dirty = True

    def close(self) -> None:
        """Close the store if this runtime opened it."""
        with self._lock:
            if self._store is not None and self._owns_store:
                try:
                    self._store.close()
                finally:
                    self._store = None


def get_runtime(request: Request) -> Runtime:
    """The application's :class:`Runtime`."""
    return request.app.state.runtime


RuntimeDep = Annotated[Runtime, Depends(get_runtime)]


def get_settings(runtime: RuntimeDep) -> Settings:
    """The application's settings."""
    return runtime.settings


SettingsDep = Annotated[Settings, Depends(get_settings)]


def get_store(runtime: RuntimeDep) -> Any:
    """The graph store (opened on first use; a store that cannot open answers 503)."""
    return runtime.store()


StoreDep = Annotated[Any, Depends(get_store)]


def require_token(request: Request, settings: SettingsDep) -> None:
    """Let a write through only with ``Authorization: Bearer <GOVKG_API_TOKEN>``.

    403 when the server has no token (writes are off), 401 with ``WWW-Authenticate`` for
    a missing or wrong one. Reads no body.
    """
    token = settings.api_token
    if not token:
        raise StarletteHTTPException(403, "uploads are disabled: the server has no GOVKG_API_TOKEN configured")
    header = request.headers.get("authorization", "")
    scheme, _, given = header.partition(" ")
    # constant-time comparison of the raw bytes (headers arrive latin-1 decoded); a wrong
    # scheme compares an empty token
    raw = given.strip().encode("latin-1", errors="replace") if scheme.lower() == "bearer" else b""
    ok = hmac.compare_digest(raw, token.encode("utf-8"))
    if not ok:
        raise StarletteHTTPException(
            401,
            "a valid 'Authorization: Bearer <token>' header is required",
            headers={"WWW-Authenticate": 'Bearer realm="govkg"'},
        )


UploadAllowed = Depends(require_token)
