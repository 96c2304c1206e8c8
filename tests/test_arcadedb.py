"""scripts/arcadedb.py: ArcadeDB as the test run's Bolt server, on loopback only, always stopped.

One real server per test (about 3 s to start): it must listen on 127.0.0.1 and nowhere
else, answer Bolt as a Neo4j-compatible server with the credentials it prints, and be gone
(process and directory) when ``run`` ends, whether the command succeeded or not.
"""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
from pathlib import Path

import neo4j
import psutil
import pytest

ROOT = Path(__file__).resolve().parent.parent
SCRIPT = ROOT / "scripts" / "arcadedb.py"

pytestmark = pytest.mark.skipif(
    importlib.util.find_spec("arcadedb_embedded") is None, reason="arcadedb-embedded is not installed (make dev)"
)


def _module():
    spec = importlib.util.spec_from_file_location("arcadedb_script", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclass looks its module up by name
    spec.loader.exec_module(module)
    return module


def test_a_server_on_loopback_only_answers_bolt_and_is_stopped(tmp_path):
    arcadedb = _module()
    with arcadedb.running() as server:
        proc = psutil.Process(server.pid)
        listening = [c.laddr for c in proc.net_connections(kind="inet") if c.status == psutil.CONN_LISTEN]
        assert {a.port for a in listening} == {server.bolt_port, server.http_port}
        assert {a.ip.removeprefix("::ffff:") for a in listening} == {"127.0.0.1"}
        env = server.env("neo4j")
        assert env["NEO4J_URI"] == f"neo4j://127.0.0.1:{server.bolt_port}"
        with neo4j.GraphDatabase.driver(env["NEO4J_URI"], auth=(env["NEO4J_USER"], env["NEO4J_PASSWORD"])) as driver:
            assert "ArcadeDB" in driver.get_server_info().agent
            records, _, _ = driver.execute_query("RETURN $x AS x", x="đ", database_=env["NEO4J_DATABASE"])
            assert records[0]["x"] == "đ"
        root = Path(server.root)
        assert (root / "server.log").exists()
    assert not psutil.pid_exists(server.pid) or psutil.Process(server.pid).status() == psutil.STATUS_ZOMBIE
    assert not root.exists()


def test_run_hands_the_credentials_to_the_command_and_stops_even_when_it_fails(tmp_path):
    probe = (
        "import os, sys; open(sys.argv[1], 'w').write(os.environ['NEO4J_URI'] + ' ' + str(os.getppid())); sys.exit(3)"
    )
    out = tmp_path / "seen"
    done = subprocess.run(
        [sys.executable, str(SCRIPT), "run", "--", sys.executable, "-c", probe, str(out)],
        capture_output=True,
        text=True,
        timeout=300,
        env={k: v for k, v in os.environ.items() if not k.startswith("NEO4J_")},
    )
    assert done.returncode == 3, done.stderr  # the command's own exit code
    uri = out.read_text().split()[0]
    assert uri.startswith("bolt://127.0.0.1:")
    port = int(uri.rsplit(":", 1)[1])
    assert not any(c.laddr.port == port for c in psutil.net_connections(kind="inet") if c.status == psutil.CONN_LISTEN)
