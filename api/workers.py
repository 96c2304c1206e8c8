"""Serve the API from several worker processes that share one copy of the graph.

One uvicorn process runs a chain's Python under one GIL: on two cores it used one. Several
processes scale with cores, but ``uvicorn --workers`` starts each worker afresh, so each
would read the embedded store into memory again (about 1 GB for the whole country) and
build or open the SPARQL index itself. :func:`serve` instead

1. :func:`prepare`\\ s the application in this process: opens the store (a snapshot of the
   file), unpacks its property chunks (``warm``), reads everything a chain reads
   into the chain index (:func:`~govkg.graph.named_queries.warm_chains`) and encodes every
   working group's ``/chains`` answer (:func:`~govkg.api.routes.chains.materialise_chains`), builds the SPARQL index if it is stale and
   then lets go of it (a RocksDB handle must not cross a fork), and freezes the heap out of
   the collector's passes;
2. takes the port;
3. forks ``workers`` children, each listening on its own socket of that port (the kernel
   spreads the connections over them). The graph's pages stay shared
   between them (copy-on-write: the snapshot is only read), and each child opens the
   built SPARQL index read-only (:mod:`govkg.graph.sparql_index`), so the index is built
   once and shared on disk.

The ad-hoc query processes (``GOVKG_QUERY_WORKERS``, :mod:`govkg.graph.isolation`) are
shared out among the workers, at least one each, and forked by one fork server that
:func:`prepare` starts from the warmed process: they read its graph too (shared pages)
instead of each copying the file. A child that dies is replaced. When a ``govkg load`` changes the file, each child reads the
new version on its own (its snapshot refresh), so until the parent is restarted the graph
is held once per child plus the parent's first copy. Stop with SIGTERM or SIGINT: the
children finish their requests and exit, then the parent does.

Examples
--------
>>> import pathlib, tempfile
>>> from govkg.config import Settings
>>> from govkg.api.app import create_app
>>> app = create_app(Settings(home=pathlib.Path(tempfile.mkdtemp())), sparql_index=False)
>>> prepare(app)
>>> app.state.runtime.prepared
True
"""

from __future__ import annotations

import gc
import logging
import os
import signal
import socket
import sys
import time
from typing import Any

from govkg.api.routes.chains import materialise_chains
from govkg.errors import ConfigError, GovkgError
from govkg.graph.embedded import hand_back_heap
from govkg.graph.isolation import start_fork_server
from govkg.graph.named_queries import warm_chains

__all__ = ["prepare", "release_memory", "serve"]

log = logging.getLogger("govkg.api")


def prepare(app: Any) -> None:
    """Open and warm ``app``'s store, and build its SPARQL index, in this process.

    What the application's start-up would do in each worker is done once, before
    :func:`serve` forks; the workers' start-up then skips it (``runtime.prepared``). A store
    that cannot be reached is left to the workers, which retry per request.
    """
    runtime = app.state.runtime
    try:
        store = runtime.store()
        if hasattr(store, "warm"):
            log.info("store warmed in %.2f s", store.warm())
            started = time.perf_counter()
            nodes = warm_chains(store)  # kept in this heap: the workers share the chain index
            answers = materialise_chains(store)  # and every working group's encoded /chains answer
            log.info("chain index of %d nodes and %d /chains answers in %.2f s", nodes, answers, time.perf_counter() - started)
    except GovkgError as err:
        log.warning("store not reachable before the workers start: %s", err)
        return
    if runtime.sparql_index:
        try:
            runtime.sparql()
        except Exception as err:  # shown on /sparql by the workers, which retry
            log.info("SPARQL index not built before the workers start: %s", err)
        runtime.release_sparql()
    # the index handle is closed before the fork, and what hashing and building the index
    # freed goes back to the OS instead of into every worker's share of this heap
    release_memory()
    # the workers' ad-hoc query processes are forked from a copy of this process (one fork
    # server for all the workers): they share this warmed graph too
    start_fork_server(store)
    gc.freeze()
    runtime.prepared = True


def release_memory() -> None:
    """Collect garbage and hand the freed heap back to the OS (glibc's ``malloc_trim``; a no-op elsewhere)."""
    gc.collect()
    hand_back_heap()


def _socket(host: str, port: int) -> socket.socket:
    """A TCP socket bound to ``host:port`` in the group of sockets sharing that port.

    Each worker listens on its own socket of the group (``SO_REUSEPORT``), so the kernel
    spreads new connections over the workers; on one shared listening socket, the worker
    that woke first accepted every waiting connection, and the other one idled.
    """
    # IPPROTO_TCP named: asyncio sets TCP_NODELAY only on sockets that say so, and without it
    # small keep-alive answers waited on delayed ACKs (/healthz fell from 1,800 to 675 req/s)
    sock = socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)
        sock.bind((host, port))
    except OSError as err:
        sock.close()
        raise ConfigError(f"cannot listen on {host}:{port}: {err.strerror or err}", subject="serve") from None
    return sock


def _serve_child(app: Any, host: str, port: int, options: dict[str, Any]) -> None:
    import uvicorn

    sock = _socket(host, port)
    sock.listen(2048)
    config = uvicorn.Config(app, **options)
    uvicorn.Server(config).run(sockets=[sock])


def _fork(app: Any, host: str, port: int, options: dict[str, Any]) -> int:
    pid = os.fork()
    if pid == 0:  # the worker: serve until told to stop, never return into the parent's code
        code = 0
        try:
            signal.signal(signal.SIGINT, signal.SIG_DFL)
            signal.signal(signal.SIGTERM, signal.SIG_DFL)
            _serve_child(app, host, port, options)
        except BaseException:
            log.exception("API worker %s failed", os.getpid())
            code = 1
        finally:
            sys.stdout.flush()
            sys.stderr.flush()
            os._exit(code)
    return pid


def serve(app: Any, *, host: str = "127.0.0.1", port: int = 8000, workers: int = 1, **options: Any) -> None:
    """Serve ``app`` on ``host:port`` from ``workers`` processes forked after :func:`prepare`.

    ``options`` go to ``uvicorn.Config`` (``log_level``, ``server_header``, …). One worker:
    plain ``uvicorn.run`` in this process.
    """
    import uvicorn

    if workers <= 1:
        uvicorn.run(app, host=host, port=port, **options)
        return
    if not hasattr(os, "fork"):
        raise ConfigError("several workers need fork (Linux, macOS); run with --workers 1", subject="serve")
    runtime = app.state.runtime
    # each worker has its own pool of ad-hoc query processes (govkg.graph.isolation), which
    # run queries on the cores the workers use: share GOVKG_QUERY_WORKERS among them, at least one each
    runtime.settings = runtime.settings.with_(query_workers=max(1, runtime.settings.query_workers // workers))
    prepare(app)
    # the port is taken here (bound, not listening: the kernel hands connections only to the
    # workers' listening sockets), so that a port in use fails before any worker starts
    reserved = _socket(host, port)
    children: set[int] = set()
    stopping = False
    restarts = 0

    def stop(signum: int, _frame: Any) -> None:
        nonlocal stopping
        stopping = True
        for pid in list(children):
            try:
                os.kill(pid, signal.SIGTERM)  # our own workers, by pid
            except ProcessLookupError:
                pass

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    for _ in range(workers):
        children.add(_fork(app, host, port, options))
    try:
        while children:
            try:
                pid, status = os.wait()
            except ChildProcessError:
                break
            except InterruptedError:
                continue
            children.discard(pid)
            restarts += 1
            if not stopping and restarts <= 10 * workers:  # not a crash loop
                log.warning("API worker %s exited (status %s); starting another", pid, status)
                children.add(_fork(app, host, port, options))
    finally:
        reserved.close()
