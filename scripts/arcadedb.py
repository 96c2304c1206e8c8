"""Start ArcadeDB as a Bolt server on loopback for the ``neo4j`` test suite, and stop it.

ArcadeDB comes from the ``arcadedb-embedded`` wheel (a dev dependency): the server, its
Bolt plugin and its own Java runtime, so no system Java and no download. It answers Bolt
5.4 as "Neo4j/5.26.0 compatible", with real transactions, parameters and constraints
(what it does not prove is in README, *Testing the Neo4j path*).

Usage::

    python scripts/arcadedb.py run -- CMD ARGS…   # start, run CMD with NEO4J_* set, stop; CMD's exit code
    eval "$(python scripts/arcadedb.py start)"    # start in the background, print export NEO4J_URI=…
    python scripts/arcadedb.py stop               # stop the one ``start`` left running

The server binds 127.0.0.1 only (Bolt and HTTP), on free ports, with a fresh random root
password, in a fresh directory (removed at stop). It is ready when its log says
"Server started"; the Java heap is capped at 1 GB. ``run`` stops the server even when CMD
fails or the run is interrupted (SIGINT/SIGTERM).
Env: ``ARCADEDB_STATE`` (default ``$TMPDIR/govkg-arcadedb``): where ``start`` records the pid.
"""

from __future__ import annotations

import contextlib
import importlib.util
import json
import os
import secrets
import shlex
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from pathlib import Path

__all__ = ["Server", "main", "running", "start", "stop"]

DATABASE = "neo4j"
USER = "root"
READY = "Server started"
START_TIMEOUT_S = 120.0
STOP_TIMEOUT_S = 30.0
STATE = Path(os.environ.get("ARCADEDB_STATE") or Path(tempfile.gettempdir()) / "govkg-arcadedb")


@dataclass(frozen=True)
class Server:
    """A running ArcadeDB: its process, ports, credentials and directory."""

    pid: int
    bolt_port: int
    http_port: int
    password: str
    root: str

    @property
    def uri(self) -> str:
        return f"bolt://127.0.0.1:{self.bolt_port}"

    def env(self, scheme: str = "bolt") -> dict[str, str]:
        """The ``NEO4J_*`` variables the test suite reads (``scheme``: bolt or neo4j)."""
        return {
            "NEO4J_URI": f"{scheme}://127.0.0.1:{self.bolt_port}",
            "NEO4J_USER": USER,
            "NEO4J_PASSWORD": self.password,
            "NEO4J_DATABASE": DATABASE,
        }


def _package_dir() -> Path:
    spec = importlib.util.find_spec("arcadedb_embedded")
    if spec is None or spec.origin is None:
        raise SystemExit(
            f"arcadedb-embedded is not installed in {sys.executable}: "
            "pip install 'arcadedb-embedded==26.10.2.post1' (or make dev)"
        )
    return Path(spec.origin).parent


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _command(pkg: Path, root: Path, password: str, bolt_port: int, http_port: int) -> list[str]:
    java = pkg / "jre" / "bin" / "java"
    return [
        str(java),
        "-Xms128m",
        "-Xmx1g",
        "--add-modules",
        "jdk.incubator.vector",
        "--enable-native-access=ALL-UNNAMED",
        "-cp",
        f"{pkg / 'jars'}/*",
        f"-Darcadedb.server.rootPath={root}",
        f"-Darcadedb.server.rootPassword={password}",
        "-Darcadedb.server.httpIncomingHost=127.0.0.1",
        f"-Darcadedb.server.httpIncomingPort={http_port}",
        f"-Darcadedb.server.defaultDatabases={DATABASE}[{USER}]",
        "-Darcadedb.server.plugins=Bolt:com.arcadedb.bolt.BoltProtocolPlugin",
        "-Darcadedb.bolt.host=127.0.0.1",
        f"-Darcadedb.bolt.port={bolt_port}",
        f"-Darcadedb.bolt.defaultDatabase={DATABASE}",
        "com.arcadedb.server.ArcadeDBServer",
    ]


def _wait_ready(proc: subprocess.Popen, log: Path, bolt_port: int) -> None:
    deadline = time.monotonic() + START_TIMEOUT_S
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"ArcadeDB exited with {proc.returncode} before it started; see {log}")
        if READY in log.read_text(errors="replace"):
            with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", bolt_port), timeout=1):
                return
        time.sleep(0.2)
    raise RuntimeError(f"ArcadeDB did not start within {START_TIMEOUT_S:.0f} s; see {log}")


def start(root: Path | None = None) -> tuple[Server, subprocess.Popen]:
    """Start a fresh server in ``root`` (a new temporary directory by default) and wait until it is ready."""
    pkg = _package_dir()
    root = Path(root or tempfile.mkdtemp(prefix="govkg-arcadedb-"))
    root.mkdir(parents=True, exist_ok=True)
    password = secrets.token_hex(12)  # ArcadeDB wants at least 8 characters
    bolt_port, http_port = _free_port(), _free_port()
    while http_port == bolt_port:
        http_port = _free_port()
    log = root / "server.log"
    with log.open("wb") as out:
        proc = subprocess.Popen(
            _command(pkg, root, password, bolt_port, http_port),
            cwd=root,
            stdin=subprocess.DEVNULL,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # a Ctrl-C in the terminal reaches us, and we stop it in order
        )
    server = Server(proc.pid, bolt_port, http_port, password, str(root))
    try:
        _wait_ready(proc, log, bolt_port)
    except BaseException:
        _terminate(proc.pid, proc)
        raise
    return server, proc


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _terminate(pid: int, proc: subprocess.Popen | None = None) -> None:
    # SIGTERM lets ArcadeDB close its files; SIGKILL only if it does not stop in time
    with contextlib.suppress(ProcessLookupError):
        os.kill(pid, signal.SIGTERM)
    deadline = time.monotonic() + STOP_TIMEOUT_S
    while time.monotonic() < deadline:
        if proc is not None:
            if proc.poll() is not None:
                return
        elif not _alive(pid):
            return
        time.sleep(0.1)
    with contextlib.suppress(ProcessLookupError):
        os.kill(pid, signal.SIGKILL)
    if proc is not None:
        proc.wait()


def stop(server: Server, proc: subprocess.Popen | None = None) -> None:
    """Stop ``server`` and remove its directory."""
    _terminate(server.pid, proc)
    shutil.rmtree(server.root, ignore_errors=True)


def _exports(server: Server) -> str:
    return "\n".join(f"export {k}={shlex.quote(v)}" for k, v in server.env().items())


@contextlib.contextmanager
def running() -> Iterator[Server]:
    """A fresh server for the ``with`` block, stopped at its end, even on SIGINT, SIGTERM or SIGHUP."""

    def on_signal(signum, _frame):
        raise KeyboardInterrupt(signum)

    old = {s: signal.signal(s, on_signal) for s in (signal.SIGTERM, signal.SIGHUP)}
    try:
        server, proc = start()
        try:
            yield server
        finally:
            stop(server, proc)
    finally:
        for s, handler in old.items():
            signal.signal(s, handler)


def _run(cmd: list[str]) -> int:
    if not cmd:
        print("usage: arcadedb.py run -- CMD ARGS…", file=sys.stderr)
        return 64
    try:
        with running() as server:
            print(f"ArcadeDB Bolt server: {server.uri} (pid {server.pid})", file=sys.stderr, flush=True)
            return subprocess.call(cmd, env={**os.environ, **server.env()})
    except KeyboardInterrupt:
        return 130


def main(argv: list[str]) -> int:
    """``start`` | ``stop`` | ``env`` | ``run -- CMD…`` (see the module docstring)."""
    mode, rest = (argv[0] if argv else ""), argv[1:]
    state = STATE / "server.json"
    if mode == "run":
        return _run(rest[1:] if rest[:1] == ["--"] else rest)
    if mode in ("start", "env"):
        if state.exists():
            server = Server(**json.loads(state.read_text()))
            if _alive(server.pid):
                print(_exports(server))
                return 0
        server, _ = start()
        STATE.mkdir(parents=True, exist_ok=True)
        state.write_text(json.dumps(asdict(server)))
        state.chmod(0o600)
        print(_exports(server))
        return 0
    if mode == "stop":
        if state.exists():
            stop(Server(**json.loads(state.read_text())))
            state.unlink()
        return 0
    print(__doc__.split("Usage::")[1].split("The server")[0].rstrip(), file=sys.stderr)
    return 64


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
