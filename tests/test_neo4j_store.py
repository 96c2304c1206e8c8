"""The Neo4j backend (``govkg.graph.neo4j_store``).

Three layers:

- pure statement builders and value conversion, tested here without a server;
- ``@pytest.mark.neo4j``: the same store and query suites (``test_store.py``,
  ``test_named_queries.py``, ``test_export.py``) run against a real Neo4j when ``NEO4J_URI``
  is set (``NEO4J_USER``, ``NEO4J_PASSWORD``, ``NEO4J_DATABASE``); the database must be
  a disposable one: it is emptied before each test;
- ``@pytest.mark.bolt``: a smoke test of the driver plumbing against the FalkorDB Bolt
  server (``scripts/start-bolt-smoke.sh``), when ``GOVKG_BOLT_SMOKE_URI`` is set.
"""

from __future__ import annotations

import os
import threading

import neo4j
import pytest
from factories import IDS, make_store, seed000
from neo4j.exceptions import ClientError, Neo4jError, ServiceUnavailable
from neo4j.graph import Graph, Node, Path

from govkg.config import Settings
from govkg.errors import QueryRefused, QueryTimeout, StoreError
from govkg.graph.neo4j_store import Neo4jStore, convert_neo4j, index_statements, map_error, schema_statements
from govkg.graph.store import constraint_statements, edge_statements, node_statements, plan_charter
from govkg.ontology.vocab import Label, Rel


# --------------------------------------------------------------------------- pure functions
def test_schema_statements():
    st = schema_statements()
    assert st[: len(Label)] == constraint_statements()
    cyphers = [s.cypher for s in st]
    assert "CREATE CONSTRAINT govkg_Body_id IF NOT EXISTS FOR (n:Body) REQUIRE n.id IS UNIQUE" in cyphers
    assert "CREATE INDEX govkg_Body_nameFolded IF NOT EXISTS FOR (n:Body) ON (n.nameFolded)" in cyphers
    assert "CREATE INDEX govkg_Charter_number IF NOT EXISTS FOR (n:Charter) ON (n.number)" in cyphers
    rel_indexes = [c for c in cyphers if "FOR ()-[r:" in c]
    assert len(rel_indexes) == len(Rel) and all(c.endswith("ON (r.charter)") for c in rel_indexes)
    assert len(set(s.cypher.split()[2] for s in index_statements())) == len(
        index_statements()
    )  # unique names


def test_one_charter_is_a_short_list_of_batched_statements():
    """What Neo4jStore.load sends inside its ONE execute_write transaction for seed 000."""
    plan = plan_charter(seed000())
    keys = {n.id: ("Body" if "Body" in n.labels else n.labels[0]) for n in plan.nodes}
    keys[plan.charter_id] = "Charter"
    nodes, edges = node_statements(plan.nodes), edge_statements(plan.edges, keys)
    # one statement per label set and per (type, endpoint labels), never one per row
    assert len(nodes) == 7 and len(edges) == 20
    assert sum(len(s.params["rows"]) for s in nodes) == 16 and sum(s.expect for s in edges) == 29
    assert all(s.cypher.startswith("UNWIND $rows AS r ") for s in nodes + edges)


def _graph():
    g = Graph()
    a = Node(g, "4:x:0", 0, ["Body", "WorkingGroup"], {"id": "w", "name": "Tổ", "months": [6, 12]})
    b = Node(g, "4:x:1", 1, ["SteeringCommittee", "Body"], {"id": "c", "level": "commune"})
    r = g.relationship_type("PART_OF")(g, "5:x:0", 0, {"id": "e", "charter": "ch", "start": 3, "end": 9})
    r._start_node, r._end_node = a, b
    return a, b, r


def test_convert_nodes_relationships_paths():
    a, _, r = _graph()
    assert convert_neo4j(a) == {
        "id": "w",
        "name": "Tổ",
        "months": [6, 12],
        "labels": ["Body", "WorkingGroup"],
    }
    # provenance offsets keep their names; endpoints are our ids under source/target
    assert convert_neo4j(r) == {
        "id": "e",
        "charter": "ch",
        "start": 3,
        "end": 9,
        "type": "PART_OF",
        "source": "w",
        "target": "c",
    }
    path = Path(a, r)
    assert [x.get("id") for x in convert_neo4j(path)] == ["w", "e", "c"]
    assert convert_neo4j({"p": [path], "n": None}) == {"p": [convert_neo4j(path)], "n": None}


def test_convert_temporal_and_spatial():
    assert convert_neo4j(neo4j.time.Date(2026, 7, 1)) == "2026-07-01"
    assert convert_neo4j(neo4j.time.DateTime(2026, 7, 1, 8, 30)).startswith("2026-07-01T08:30:00")
    assert convert_neo4j(neo4j.spatial.CartesianPoint((1.0, 2.0))) == {
        "srid": 7203,
        "coordinates": [1.0, 2.0],
    }
    assert convert_neo4j(b"\x01\xff") == "01ff"


@pytest.mark.parametrize(
    ("code", "kind"),
    [
        ("Neo.ClientError.Transaction.TransactionTimedOutClientConfiguration", QueryTimeout),
        ("Neo.ClientError.Transaction.TransactionTimedOut", QueryTimeout),
        ("Neo.ClientError.Statement.AccessMode", QueryRefused),
        ("Neo.ClientError.Statement.SyntaxError", StoreError),
    ],
)
def test_map_error(code, kind):
    err = Neo4jError._hydrate_neo4j(code=code, message="m")
    assert isinstance(err, ClientError)
    assert type(map_error(err)) is kind
    assert type(map_error(ServiceUnavailable("down"))) is StoreError


def test_unreachable_server_is_a_store_error(tmp_path):
    with pytest.raises(StoreError, match="not reachable"):
        Neo4jStore("bolt://127.0.0.1:9", settings=Settings(home=tmp_path), connection_timeout=2)
    with pytest.raises(StoreError):
        Neo4jStore("neo4j+s://127.0.0.1:9", settings=Settings(home=tmp_path), connection_timeout=2)


# --------------------------------------------------------------------------- real Neo4j
@pytest.mark.neo4j
def test_neo4j_schema_and_read_access(tmp_path):
    """Against a real server: constraints exist, a write in a read transaction is refused."""
    store = make_store("neo4j", tmp_path)  # skips without NEO4J_URI
    try:
        store.load(seed000())
        with store._driver.session(database=store.database) as session:
            names = {r["name"] for r in session.run("SHOW CONSTRAINTS YIELD name RETURN name")}
        assert {f"govkg_{label.value}_id" for label in Label} <= names
        with pytest.raises(QueryRefused):
            store._read("CREATE (n:Body {id: 'sneaked'})", {}, 5.0, None)
        assert store.query("MATCH (n:Body {id: $id}) RETURN n.id AS id", {"id": IDS["cap"]}) == [
            {"id": IDS["cap"]}
        ]
    finally:
        store.close()


# --------------------------------------------------------------------------- Bolt smoke
def _close_soon(fn, seconds: float = 3.0) -> None:
    # FalkorDB's Bolt server may hang after GOODBYE: close in a daemon thread, do not wait forever
    t = threading.Thread(target=fn, daemon=True)
    t.start()
    t.join(seconds)


@pytest.mark.bolt
def test_bolt_smoke_driver_plumbing(tmp_path):
    """The official driver, our read path and our value conversion, over a real Bolt socket.

    Runs against FalkorDB's Bolt module (``scripts/start-bolt-smoke.sh``). What it proves:
    the driver connects, ``Neo4jStore.query`` runs through ``session.execute_read`` with a
    transaction timeout and the guard, and real Bolt Node/Relationship/Path values convert
    to govkg's dicts.

    What it cannot prove (FalkorDB is not Neo4j): transactions and rollback (it has none),
    ``load`` (large parameters crash it: it pastes them into the query text), constraints
    and indexes (``init_schema`` is off), ``verify_connectivity`` (it hangs), routing
    (``neo4j://``), server-side timeouts, read-access refusal of writes, error codes (every
    error is UnknownError), and Neo4j's Cypher dialect (the named queries are not run here).
    """
    uri = os.environ.get("GOVKG_BOLT_SMOKE_URI")
    if not uri:
        pytest.skip("GOVKG_BOLT_SMOKE_URI not set: start scripts/start-bolt-smoke.sh")
    store = Neo4jStore(
        uri,
        auth=None,
        settings=Settings(home=tmp_path),
        verify=False,
        init_schema=False,
        connection_timeout=5,
    )
    # one driver for setup and reads: after a GOODBYE the server stalls the next handshake
    with store._driver.session() as session:
        session.run("MATCH (n) DETACH DELETE n").consume()
        session.run(
            "CREATE (:Body:WorkingGroup {id: 'w', name: 'Tổ Công tác'})"
            "-[:PART_OF {id: 'e', charter: 'ch', provision: 'quy-che/dieu-8', start: 3}]->"
            "(:Body:SteeringCommittee {id: 'c', name: 'Ban Chỉ đạo', level: 'commune'})"
        ).consume()
    try:
        rows = store.query(
            "MATCH p = (a {id: $id})-[r]->(b) RETURN a, r, b, p, [a.name, b.level] AS l", {"id": "w"}
        )
        assert len(rows) == 1
        row = rows[0]
        assert row["a"] == {"id": "w", "name": "Tổ Công tác", "labels": ["Body", "WorkingGroup"]}
        assert row["r"] == {
            "id": "e",
            "charter": "ch",
            "provision": "quy-che/dieu-8",
            "start": 3,
            "type": "PART_OF",
            "source": "w",
            "target": "c",
        }
        assert [x["id"] for x in row["p"]] == ["w", "e", "c"]
        assert row["l"] == ["Tổ Công tác", "commune"]
        assert len(store.query("MATCH (n) RETURN n", limit=1)) == 1
        with pytest.raises(QueryRefused):
            store.query("MATCH (n) DETACH DELETE n")
    finally:
        _close_soon(store.close)
