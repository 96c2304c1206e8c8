"""Ad-hoc queries in bounded worker processes: one query cannot take the server down.

A Cypher or SPARQL text that a user typed (``POST /query/cypher``, ``/sparql``,
``govkg query``) may ask the engine for anything: ``UNWIND range(1, 300000000)`` or an
``ORDER BY`` over a cross join grow without end, and neither grafeo nor pyoxigraph can
cancel a query. So such a query runs in a worker process of a small pool:

- each worker bounds what a query adds to its address space (``RLIMIT_AS`` set, before
  every query, to what the worker holds plus ``settings.query_memory_mb``): the copy of the
  graph and the index a worker opens are the store's, not the query's, so a national graph
  bigger than the bound still answers; a query that needs more fails in the worker (an
  allocation fails, the worker dies), and the caller gets
  :class:`~govkg.errors.QueryTooLarge` (API 413);
- a query still running at its deadline has its worker killed (SIGKILL), so its CPU and
  memory come back at once; the caller gets :class:`~govkg.errors.QueryTimeout` (API 503);
- a dead worker is replaced by the next query; with every worker busy, a query waits for
  one until its own deadline;
- a worker reads the embedded store as a snapshot (see
  :class:`~govkg.graph.embedded.EmbeddedStore`) and the SPARQL index read-only, so it
  holds no lock, and it dies with its parent;
- where a process holds the warmed graph (the API server), :func:`start_fork_server` forks
  a small process from it that forks the workers in turn: each worker then reads the
  server's copy of the graph, shared copy-on-write, instead of copying the file into memory
  again (about 1.7 GB each for the country), and keeps answering from it while a load holds
  the file. Without a fork server a worker is a fresh interpreter that copies the file.

The guards (:func:`~govkg.graph.readonly.check_read_only`, the SPARQL update check) run
in the caller first, so a refused query never reaches a worker. The deadline counts from
when the worker starts the query: opening the store (once per version of the file) is not
charged to it. Named queries, which the code runs itself, stay in-process. On Neo4j,
Cypher goes to the server, which bounds its own transactions; an embedded store opened as
the writer (it locks the file) answers in-process too.

Examples
--------
>>> import pathlib, tempfile
>>> from govkg.config import Settings
>>> from govkg.graph.store import open_store
>>> settings = Settings(home=pathlib.Path(tempfile.mkdtemp()))
>>> open_store(settings).close()  # an empty store file
>>> with open_store(settings, read_only=True) as store:
...     run_cypher(store, "UNWIND range(1, 3) AS x RETURN sum(x) AS s")
[{'s': 6}]
>>> shutdown()
"""

from __future__ import annotations

import atexit
import contextlib
import faulthandler
import gc
import os
import resource
import select
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Mapping
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

from govkg import errors
from govkg.config import Settings, load_settings
from govkg.errors import GovkgError, QueryTimeout, QueryTooLarge, StoreError
from govkg.graph.readonly import check_read_only
from govkg.graph.sparql_store import SparqlResult, SparqlStore, check_sparql
from govkg.graph.store import Rows

__all__ = ["QueryPool", "pool_for", "run_cypher", "run_sparql", "shutdown", "start_fork_server", "stop_fork_server"]

# opening the store in a worker (a copy of the file) is not part of a query's deadline,
# but it is bounded too
_OPEN_TIMEOUT_S = 300.0


class _ForkedWorker:
    """A worker forked by the fork server: not this process's child, so it is watched through a pidfd."""

    def __init__(self, pid: int):
        self.pid = pid
        try:
            self._fd: int | None = os.pidfd_open(pid)
        except ProcessLookupError:  # already gone (it failed at once)
            self._fd = None

    def poll(self) -> int | None:
        if self._fd is None or select.select([self._fd], [], [], 0)[0]:
            return 0  # ended (the fork server reaps it)
        return None

    def kill(self) -> None:
        if self._fd is not None and self.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                signal.pidfd_send_signal(self._fd, signal.SIGKILL)

    def wait(self) -> None:
        if self._fd is not None:
            select.select([self._fd], [], [], 10.0)
            os.close(self._fd)
            self._fd = None


class _Worker:
    """One worker process and the two pipe ends that talk to it."""

    def __init__(self, memory_mb: int):
        to_child_r, to_child_w = os.pipe()
        from_child_r, from_child_w = os.pipe()
        try:
            server = _FORK_SERVER
            forked = server.fork_worker(to_child_r, from_child_w, memory_mb) if server is not None else None
            if forked is not None:
                self.process: Any = _ForkedWorker(forked)
            else:
                self.process = subprocess.Popen(
                    [sys.executable, "-m", "govkg.graph.isolation", str(to_child_r), str(from_child_w), str(memory_mb)],
                    pass_fds=(to_child_r, from_child_w),
                    stdin=subprocess.DEVNULL,
                    stdout=subprocess.DEVNULL,
                    close_fds=True,
                    # an aborted allocation prints one line, not a Rust backtrace, into the server's log
                    env={**os.environ, "RUST_BACKTRACE": "0"},
                )
        finally:
            os.close(to_child_r)
            os.close(from_child_w)
        self.send_end = Connection(to_child_w, readable=False)
        self.recv_end = Connection(from_child_r, writable=False)

    @property
    def pid(self) -> int:
        return self.process.pid

    def wait_message(self, timeout: float) -> tuple[Any, ...] | None:
        """The next message, or None at the timeout; EOFError when the worker died."""
        if not self.recv_end.poll(max(timeout, 0.0)):
            return None
        return self.recv_end.recv()

    def kill(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
        self.process.wait()
        for end in (self.send_end, self.recv_end):
            try:
                end.close()
            except OSError:
                pass


class _ForkServer:
    """This side of a fork server: asks it for a worker, one message per worker.

    The socket is a ``SOCK_SEQPACKET`` pair, so requests from several processes that
    inherited it (the API's forked workers) arrive whole and one at a time; each request
    carries its own pipe for the answer (the new worker's pid).
    """

    def __init__(self, pid: int, sock: socket.socket):
        self.pid = pid
        self.sock = sock
        self.owner = os.getpid()

    def fork_worker(self, read_fd: int, write_fd: int, memory_mb: int) -> int | None:
        """The pid of a worker forked with these pipe ends; None when the fork server is gone."""
        reply_r, reply_w = os.pipe()
        try:
            socket.send_fds(self.sock, [str(memory_mb).encode()], [read_fd, write_fd, reply_w])
            os.close(reply_w)
            reply_w = -1
            if not select.select([reply_r], [], [], _OPEN_TIMEOUT_S)[0]:
                return None
            answer = os.read(reply_r, 32)
            return int(answer) if answer else None
        except (OSError, ValueError):
            return None
        finally:
            os.close(reply_r)
            if reply_w >= 0:
                os.close(reply_w)


_FORK_SERVER: _ForkServer | None = None


def start_fork_server(store: Any) -> int | None:
    """Fork a process that keeps ``store`` and forks the ad-hoc query workers from it; its pid.

    Call it once the store is open and warmed, before serving (the API's start-up and
    :func:`govkg.api.workers.prepare` do): workers forked later share the warmed graph with
    this process instead of each copying the file. Any process forked from this one after
    the call (the API's workers) uses the same fork server. Only an embedded store read as a
    snapshot has a graph to share; for any other store nothing starts (None).
    """
    from govkg.graph.embedded import EmbeddedStore

    global _FORK_SERVER
    if not isinstance(store, EmbeddedStore) or not store.snapshot or not hasattr(os, "fork"):
        return None
    stop_fork_server()
    ours, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_SEQPACKET)
    pid = os.fork()
    if pid == 0:  # the fork server: never returns into the caller's code
        code = 0
        try:
            ours.close()
            _fork_server_main(theirs, store)
        except BaseException:
            code = 1
        finally:
            os._exit(code)
    theirs.close()
    _FORK_SERVER = _ForkServer(pid, ours)
    return pid


def stop_fork_server() -> None:
    """Stop this process's fork server (its workers end when their pipes close); at exit and in tests."""
    global _FORK_SERVER
    server, _FORK_SERVER = _FORK_SERVER, None
    if server is None:
        return
    server.sock.close()  # the fork server reads the end of its socket and exits
    if server.owner != os.getpid():
        return  # a forked process's copy of the socket: the fork server is its parent's
    deadline = time.monotonic() + 5.0
    while True:
        try:
            if os.waitpid(server.pid, os.WNOHANG)[0]:
                return
        except ChildProcessError:
            return
        if time.monotonic() > deadline:  # processes forked from this one still hold the socket
            os.kill(server.pid, signal.SIGKILL)  # our own child, by pid
            os.waitpid(server.pid, 0)
            return
        time.sleep(0.02)


def _fork_server_main(sock: socket.socket, store: Any) -> None:
    _die_with_parent()
    # out of the collector's passes, which would touch (and so copy) every page of the heap
    # here and in each worker
    gc.freeze()
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the server's Ctrl-C is its to handle
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    signal.signal(signal.SIGCHLD, signal.SIG_IGN)  # the kernel reaps the workers
    while True:
        try:
            data, fds, _flags, _addr = socket.recv_fds(sock, 64, 3)
        except InterruptedError:
            continue
        except OSError:
            return
        if not data:  # every process holding the other end closed it
            return
        if len(fds) != 3:
            for fd in fds:
                os.close(fd)
            continue
        read_fd, write_fd, reply_fd = fds
        pid = os.fork()
        if pid == 0:  # a worker: the store inherited, shared with the server
            code = 0
            try:
                sock.close()
                os.close(reply_fd)
                signal.signal(signal.SIGCHLD, signal.SIG_DFL)
                signal.signal(signal.SIGINT, signal.SIG_DFL)
                # an aborted allocation prints one line, not a Rust backtrace, into the server's log
                os.environ["RUST_BACKTRACE"] = "0"
                faulthandler.disable()  # nor a Python dump inherited from the server's settings
                _worker_main(read_fd, write_fd, int(data), inherited=store)
            except BaseException:
                code = 1
            finally:
                os._exit(code)
        for fd in (read_fd, write_fd):
            os.close(fd)
        try:
            os.write(reply_fd, str(pid).encode())
        except OSError:
            pass
        os.close(reply_fd)


class QueryPool:
    """At most ``size`` worker processes; a query may add at most ``memory_mb`` MB to its worker's address space.

    Workers start on first use and are reused; a worker that timed out or died is not.
    """

    def __init__(self, size: int, memory_mb: int):
        self.size = size
        self.memory_mb = memory_mb
        self._idle: list[_Worker] = []
        self._live = 0
        self._cond = threading.Condition()

    def pids(self) -> list[int]:
        """The ids of the idle worker processes (busy ones are in the callers' hands)."""
        with self._cond:
            return [w.pid for w in self._idle]

    def _acquire(self, deadline: float, subject: str) -> _Worker:
        with self._cond:
            while not self._idle and self._live >= self.size:
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    raise QueryTimeout(
                        f"all {self.size} query workers stayed busy until the time limit; try again", subject=subject
                    )
                self._cond.wait(remaining)
            if self._idle:
                return self._idle.pop()
            self._live += 1
        try:
            worker = _Worker(self.memory_mb)
            ready = worker.wait_message(_OPEN_TIMEOUT_S)
        except (OSError, EOFError) as err:
            self._retire(None)
            raise StoreError(f"a query worker could not start: {err}", subject=subject) from err
        if ready != ("ready",):
            self._retire(worker)
            raise StoreError("a query worker could not start", subject=subject)
        return worker

    def _release(self, worker: _Worker) -> None:
        with self._cond:
            self._idle.append(worker)
            self._cond.notify()

    def _retire(self, worker: _Worker | None) -> None:
        if worker is not None:
            worker.kill()
        with self._cond:
            self._live -= 1
            self._cond.notify()

    def run(self, job: tuple[Any, ...], timeout: float, subject: str) -> tuple[Any, ...]:
        """Run ``job`` in a worker; its answer, or the typed error of the query or its end."""
        worker = self._acquire(time.monotonic() + timeout, subject)
        healthy = False
        try:
            worker.send_end.send(job)
            message = worker.wait_message(_OPEN_TIMEOUT_S)
            if message is None:
                raise StoreError("the query worker could not open the store in time", subject=subject)
            if message[0] == "running":
                message = worker.wait_message(timeout)
                if message is None:
                    raise QueryTimeout(f"ran past its time limit of {timeout:g} s (stopped)", subject=subject)
            if message[0] == "error":
                _, kind, reason, err_subject, fatal = message
                healthy = not fatal
                raise _error(kind, reason, err_subject or subject)
            healthy = True
            return message
        except (EOFError, OSError):
            # the worker died: an allocation over its address-space limit aborts the process
            raise QueryTooLarge(
                f"needed more memory than a query may use ({self.memory_mb} MB beyond the graph); the query was stopped",
                subject=subject,
            ) from None
        finally:
            if healthy:
                self._release(worker)
            else:
                self._retire(worker)

    def close(self) -> None:
        """Stop the idle workers (busy ones are stopped by their callers)."""
        with self._cond:
            idle, self._idle = self._idle, []
            self._live -= len(idle)
        for w in idle:
            w.kill()


def _error(kind: str, reason: str, subject: str) -> GovkgError:
    cls = getattr(errors, kind, None)
    if not (isinstance(cls, type) and issubclass(cls, GovkgError)):
        cls = StoreError
    err = cls.__new__(cls)
    GovkgError.__init__(err, reason, subject=subject)
    if isinstance(err, errors.Ambiguous):
        err.candidates = []
    return err


_POOLS: dict[tuple[int, int], QueryPool] = {}
_POOLS_LOCK = threading.Lock()


def pool_for(settings: Settings) -> QueryPool:
    """This process's pool for ``settings.query_workers`` and ``settings.query_memory_mb``."""
    key = (settings.query_workers, settings.query_memory_mb)
    with _POOLS_LOCK:
        if key not in _POOLS:
            _POOLS[key] = QueryPool(*key)
        return _POOLS[key]


def shutdown() -> None:
    """Stop every idle worker of this process (at exit, and in tests)."""
    with _POOLS_LOCK:
        pools = list(_POOLS.values())
    for pool in pools:
        pool.close()


atexit.register(shutdown)
atexit.register(stop_fork_server)


def run_cypher(
    store: Any,
    cypher: str,
    params: Mapping[str, Any] | None = None,
    *,
    timeout: float | None = None,
    limit: int | None = None,
) -> Rows:
    """Run an ad-hoc read-only Cypher query of a user, bounded in time and memory.

    Same answer as ``store.query`` (rows, ``truncated`` at the row cap). Raises
    :class:`~govkg.errors.QueryRefused` (writes), :class:`~govkg.errors.QueryTimeout`
    (deadline; the query is stopped), :class:`~govkg.errors.QueryTooLarge` (memory).
    """
    from govkg.graph.embedded import EmbeddedStore

    if not isinstance(store, EmbeddedStore) or not store.snapshot:
        # Neo4j bounds its own transactions; a store opened as the writer locks the file
        # against the workers, so it answers in-process (deadline, no memory bound)
        return store.query(cypher, params, timeout=timeout, limit=limit)
    check_read_only(cypher)
    settings = store.settings
    timeout = settings.query_timeout_s if timeout is None else timeout
    limit = settings.row_cap if limit is None else limit
    job = ("cypher", str(store.path), cypher, dict(params or {}), limit)
    _, rows, truncated = pool_for(settings).run(job, timeout, "cypher")
    return Rows(rows, truncated=truncated)


def run_sparql(
    sparql: SparqlStore, query: str, *, timeout: float | None = None, settings: Settings | None = None
) -> SparqlResult:
    """Run an ad-hoc read-only SPARQL query of a user, bounded in time and memory.

    An index kept on disk is opened read-only by a worker; an index in memory (one that
    could not be opened on disk) answers in-process with a deadline but no memory bound.
    """
    settings = settings or load_settings()
    timeout = settings.query_timeout_s if timeout is None else timeout
    if sparql.path is None:
        return sparql.query(query, timeout=timeout)
    check_sparql(query)
    _, result = pool_for(settings).run(("sparql", str(sparql.path), query), timeout, "sparql")
    return result


# --------------------------------------------------------------------------- the worker
def _die_with_parent() -> None:
    # Linux: SIGKILL this worker when the process that started it ends, however it ends
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass


def _address_space() -> int:
    """This process's virtual memory size in bytes (what ``RLIMIT_AS`` counts)."""
    with open("/proc/self/statm", "rb") as f:
        return int(f.read().split()[0]) * resource.getpagesize()


def _bound_query(memory_mb: int) -> None:
    # the soft limit only: the worker raises it again to open the next version of the store
    resource.setrlimit(resource.RLIMIT_AS, (_address_space() + memory_mb * 1024 * 1024, resource.RLIM_INFINITY))


def _unbound() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (resource.RLIM_INFINITY, resource.RLIM_INFINITY))


def _worker_main(read_fd: int, write_fd: int, memory_mb: int, inherited: Any = None) -> None:
    from govkg.graph.embedded import EmbeddedStore

    _die_with_parent()
    inbox = Connection(read_fd, writable=False)
    outbox = Connection(write_fd, readable=False)
    # a worker forked by the fork server reads the store it inherited (shared pages)
    stores: dict[str, EmbeddedStore] = {} if inherited is None else {str(inherited.path): inherited}
    indexes: dict[str, SparqlStore] = {}
    outbox.send(("ready",))
    while True:
        try:
            job = inbox.recv()
        except (EOFError, OSError):
            return
        _unbound()
        try:
            if job[0] == "cypher":
                _, path, cypher, params, row_limit = job
                store = stores.get(path)
                if store is None:
                    store = stores[path] = EmbeddedStore(path, settings=Settings(home=Path(path).parent), shared=True)
                try:
                    store.refresh()
                except GovkgError:
                    pass  # a load holds the file: answer from the copy this worker has
                _bound_query(memory_mb)
                outbox.send(("running",))
                rows = store._read(cypher, params, None, row_limit)
                outbox.send(("ok", list(rows), rows.truncated))
            else:
                _, path, query = job
                if path not in indexes:
                    indexes.clear()  # a new generation of the index replaces the old one
                    indexes[path] = SparqlStore.open_read_only(path)
                _bound_query(memory_mb)
                outbox.send(("running",))
                outbox.send(("ok", indexes[path]._run(query)))
        except GovkgError as err:
            outbox.send(("error", type(err).__name__, err.reason, err.subject, False))
        except MemoryError:
            outbox.send(("error", "QueryTooLarge", f"needed more memory than a query may use ({memory_mb} MB beyond the graph)", None, True))
            return


if __name__ == "__main__":  # pragma: no cover - runs in the worker process
    _worker_main(int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3]))
