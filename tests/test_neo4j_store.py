"""The Neo4j backend (``govkg.graph.neo4j_store``).

Two layers:

- pure statement builders and value conversion, tested here without a server;
- ``@pytest.mark.neo4j``: against the Bolt server at ``NEO4J_URI`` (``NEO4J_USER``,
  ``NEO4J_PASSWORD``, ``NEO4J_DATABASE``; a disposable database: it is emptied before each
  test). ``make test-neo4j`` starts ArcadeDB for it (``scripts/arcadedb.py``) and runs the
  suite over ``bolt://`` and ``neo4j://``; ``NEO4J_URI=… make test-neo4j`` runs it against
  a real Neo4j. The same store and query suites (``test_store.py``, ``test_queries.py``,
  ``test_export.py``, ``test_neo4j_parity.py``, ``test_neo4j_atomic_loads.py``) run there.

What ArcadeDB cannot prove (writes refused in READ_ACCESS, server-side timeouts, …) is an
expected failure that names the engine (``factories.ENGINE_GAPS``), never a silent skip.
"""

from __future__ import annotations

from urllib.parse import urlsplit

import neo4j
import pytest
from factories import IDS, bolt_engine, make_store, seed000, xfail_on_engine_gap
from govkg.graph.neo4j_store import Neo4jStore, convert_neo4j, index_statements, map_error, schema_statements
from govkg.graph.store import constraint_statements, edge_statements, node_statements, plan_charter
from govkg.ontology.facts import Edge, Facts, Node
from govkg.ontology.vocab import Label, Prop, Rel
from neo4j.exceptions import ClientError, ConstraintError, Neo4jError, ServiceUnavailable
from neo4j.graph import Graph, Path
from neo4j.graph import Node as NeoNode

from govkg.config import Settings
from govkg.errors import QueryRefused, QueryTimeout, StoreError


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
    a = NeoNode(g, "4:x:0", 0, ["Body", "WorkingGroup"], {"id": "w", "name": "Tổ", "months": [6, 12]})
    b = NeoNode(g, "4:x:1", 1, ["SteeringCommittee", "Body"], {"id": "c", "level": "commune"})
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


# --------------------------------------------------------------------------- a Bolt server
@pytest.fixture
def store(tmp_path):
    s = make_store("neo4j", tmp_path)  # skips without NEO4J_URI
    yield s
    s.close()


def _session(store):
    return store._driver.session(database=store.database)


@pytest.mark.neo4j
def test_the_server_says_what_it_is(store):
    assert store.server_agent.startswith("Neo4j/")
    assert bolt_engine(store) in ("ArcadeDB", "Neo4j")


@pytest.mark.neo4j
def test_schema_is_created_once_and_constraints_hold(store, tmp_path):
    store.load(seed000())
    with _session(store) as session:
        names = {r["name"] for r in session.run("SHOW CONSTRAINTS YIELD name RETURN name")}
    assert {f"govkg_{label.value}_id" for label in Label} <= names
    # opening again (IF NOT EXISTS) changes nothing
    again = Neo4jStore.from_settings(store.settings)
    try:
        assert again.content_hash() == store.content_hash()
    finally:
        again.close()
    # a duplicate key is refused and its transaction rolled back
    with _session(store) as session, pytest.raises(ConstraintError):
        session.execute_write(
            lambda tx: [tx.run("CREATE (:Body {id: 'fresh'})").consume(), tx.run("CREATE (:Body {id: $id})", id=IDS["cap"]).consume()]
        )
    assert store.query("MATCH (n:Body {id: 'fresh'}) RETURN n") == []


@pytest.mark.neo4j
def test_uniqueness_holds_across_kinds(store, request):
    """The key label's constraint holds whatever kinds a node carries (Body:WorkingGroup vs Body:Agency).

    govkg never relies on it to avoid duplicates: its load looks stored nodes up in its own
    transaction and creates only the missing ones (see ``node_statements``).
    """
    xfail_on_engine_gap(request, store, "unique_across_kinds")
    with _session(store) as session:
        session.run("CREATE (:Body:WorkingGroup {id: 'k'})").consume()
        with pytest.raises(ConstraintError):
            session.run("CREATE (:Body:Agency {id: 'k'})").consume()


@pytest.mark.neo4j
def test_the_read_access_mode_refuses_writes(store, request):
    """Neo4j refuses a write in a READ_ACCESS transaction: the second line of defence."""
    xfail_on_engine_gap(request, store, "read_access")
    store.load(seed000())
    with pytest.raises(QueryRefused):
        store._read("CREATE (n:Body {id: 'sneaked'})", {}, 5.0, None)


@pytest.mark.neo4j
@pytest.mark.parametrize(
    "cypher",
    [
        "CREATE (n:Body {id: 'sneaked'})",
        "MATCH (n) DETACH DELETE n",
        "MATCH (n:Body) SET n:Agency",
        "LOAD CSV FROM 'file:///etc/passwd' AS l RETURN l",
        "CALL db.labels()",
    ],
)
def test_the_guard_stops_writes_before_the_server(store, cypher):
    """What stops writes on every engine (on ArcadeDB: the only thing): the allow-list guard."""
    store.load(seed000())
    before = store.content_hash()
    with pytest.raises(QueryRefused):
        store.query(cypher)
    assert store.content_hash() == before


@pytest.mark.neo4j
def test_large_and_hostile_values_are_bound_not_pasted(store):
    """A 1 MB property, quotes and Cypher in values: stored verbatim, in one load."""
    facts = Facts(charter_id="charter:big")
    facts.add_node(Node("charter:big", (Label.Charter.value,), {"sha256": "big", "title": "đ" * 1_000_000}))
    hostile = "'}) DETACH DELETE n //"
    facts.add_node(Node("body:hostile", (Label.Body.value, Label.Agency.value), {"name": hostile, "note": '"`$x\\'}))
    facts.add_edge(Edge(Rel.REFERS_TO.value, "charter:big", "body:hostile", {"charter": "charter:big", "quote": hostile}))
    store.load(facts)
    row = store.query(
        "MATCH (c:Charter)-[e]->(b:Body) RETURN size(c.title) AS n, b.name AS name, b.note AS note, e.quote AS quote"
    )
    assert row == [{"n": 1_000_000, "name": hostile, "note": '"`$x\\', "quote": hostile}]
    assert store.counts()["nodes"] == 2


@pytest.mark.neo4j
def test_bolt_values_convert_to_plain_python(store):
    """Real Bolt Node, Relationship, Path and temporal values, through ``Neo4jStore.query``."""
    store.load(seed000())
    row = store.query(
        "MATCH p = (w:Body {id: $w})-[r:PART_OF]->(c:Body) "
        "RETURN w, r, p, date('2026-07-01') AS d, [w.name, c.level] AS l",
        {"w": IDS["wg_smart"]},
    )[0]
    assert row["w"]["labels"] == ["Body", "WorkingGroup"] and row["w"][Prop.id] == IDS["wg_smart"]
    assert (row["r"]["type"], row["r"]["source"], row["r"]["target"]) == ("PART_OF", IDS["wg_smart"], IDS["bcd000"])
    assert [x["id"] for x in row["p"]] == [IDS["wg_smart"], row["r"]["id"], IDS["bcd000"]]
    assert row["d"] == "2026-07-01" and row["l"] == [row["w"]["name"], "commune"]


@pytest.mark.neo4j
def test_a_server_error_is_a_store_error(store):
    with pytest.raises(StoreError, match="SyntaxError"):
        store.query("MATCH (n RETURN n")


@pytest.mark.neo4j
def test_direct_and_routing_schemes_see_the_same_graph(store):
    """``bolt://`` (one server) and ``neo4j://`` (routing) reach the same database."""
    store.load(seed000())
    parts = urlsplit(store.uri)
    if parts.scheme not in ("bolt", "neo4j"):
        pytest.skip(f"{parts.scheme}:// (TLS): the other scheme is not this one's twin")
    other = parts._replace(scheme="neo4j" if parts.scheme == "bolt" else "bolt").geturl()
    twin = Neo4jStore.from_settings(store.settings.with_(neo4j_uri=other))
    try:
        assert twin.content_hash() == store.content_hash()
        assert twin.counts()["charters"] == 1
    finally:
        twin.close()
