"""The SPARQL index is derived from the graph store and rebuilt only when the graph changes.

Real components only: the embedded store (grafeo) loaded with the sample charters, the
pyoxigraph index on disk, and a second process holding the index open.
"""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap

import pytest
from servers import sample_home

from govkg.config import Settings
from govkg.graph.sparql_index import ensure_sparql, forget, index_dir, index_state, rdf_facts
from govkg.graph.store import open_store
from govkg.ontology.facts import Edge, Facts, Node, edge_id
from govkg.ontology.vocab import Label, Level, Prop, Rel

COUNT_COMMITTEES = "SELECT (COUNT(DISTINCT ?c) AS ?n) WHERE { ?c a govkg:SteeringCommittee }"


def _extra_charter(tag: str) -> Facts:
    """A small new charter: a committee under the national one."""
    cid = f"charter:index-test-{tag}"
    com = f"committee:index-test-{tag}"
    f = Facts(charter_id=cid)
    f.add_node(Node(cid, (Label.Charter.value,), {Prop.number.value: f"7/{tag}", Prop.sha256.value: f"index-{tag}"}))
    f.add_node(Node(com, (Label.Body.value, Label.SteeringCommittee.value), {Prop.name.value: f"Ban Chỉ đạo {tag}", Prop.level.value: Level.commune.value}))
    f.add_edge(Edge(Rel.GOVERNS.value, cid, com, {Prop.id.value: edge_id(Rel.GOVERNS.value, cid, com, "p0"), Prop.charter.value: cid,
                                                 Prop.provision.value: "quy-che/dieu-1", Prop.quote.value: "Quy chế này"}))
    return f


@pytest.fixture
def home(tmp_path_factory, request):
    h = sample_home(tmp_path_factory.getbasetemp(), f"sparql-index-{request.node.name}")
    yield h
    forget(Settings(home=h))


def _committees(sparql) -> int:
    return sparql.query(COUNT_COMMITTEES).rows()[0]["n"]


def test_built_from_the_store_and_agrees_with_cypher(home):
    settings = Settings(home=home)
    with open_store(settings) as store:
        sparql = ensure_sparql(store, settings)
        cypher = store.query(f"MATCH (c:{Label.SteeringCommittee}) RETURN count(c) AS n")[0]["n"]
        state = index_state(settings)
        assert state["content_hash"] == store.content_hash()
    assert _committees(sparql) == cypher > 5
    assert state["generation"] == 1 and state["triples"] == len(sparql) > 1000
    # the index lives under $GOVKG_HOME/sparql
    assert sparql.path is not None and sparql.path.parent == index_dir(settings)
    # the store's own search helper is not an ontology term: left out, and said so
    assert "nameFolded" in state["dropped"]
    # a provenance quote is queryable as it was extracted
    rows = sparql.query(
        "SELECT ?q WHERE { ?st a rdf:Statement ; rdf:predicate govkg:STANDING_AGENCY_OF ; govkg:quote ?q } LIMIT 1"
    ).rows()
    assert rows and rows[0]["q"]


def test_not_rebuilt_while_the_graph_is_unchanged(home):
    settings = Settings(home=home)
    with open_store(settings) as store:
        first = ensure_sparql(store, settings)
        built_at = index_state(settings)["built_at"]
        again = ensure_sparql(store, settings)
    assert again is first
    assert index_state(settings)["generation"] == 1 and index_state(settings)["built_at"] == built_at


def test_rebuilt_when_the_graph_changes(home):
    settings = Settings(home=home)
    with open_store(settings) as store:
        old = ensure_sparql(store, settings)
        before = _committees(old)
        store.load(_extra_charter("a"))
        new = ensure_sparql(store, settings)
        assert index_state(settings)["content_hash"] == store.content_hash()
    assert new is not old
    assert index_state(settings)["generation"] == 2
    assert _committees(new) == before + 1
    assert new.query('ASK { ?c govkg:name "Ban Chỉ đạo a" }').boolean
    # the previous generation may still serve running queries; older ones are removed
    with open_store(settings) as store:
        store.load(_extra_charter("b"))
        ensure_sparql(store, settings)
    generations = sorted(p.name for p in index_dir(settings).glob("store-*"))
    assert generations == ["store-2", "store-3"]


def test_reopened_after_restart_without_rebuilding(home):
    settings = Settings(home=home)
    with open_store(settings) as store:
        ensure_sparql(store, settings)
    forget(settings)  # as a new process would: no handle, only the files
    with open_store(settings) as store:
        sparql = ensure_sparql(store, settings)
    assert index_state(settings)["generation"] == 1
    assert _committees(sparql) > 5


def test_iri_base_change_rebuilds(home):
    settings = Settings(home=home)
    with open_store(settings) as store:
        ensure_sparql(store, settings)
        other = settings.with_(iri_base="https://example.org/kg/")
        sparql = ensure_sparql(store, other)
    assert index_state(settings)["generation"] == 2
    assert sparql.query("ASK { <https://example.org/kg/committee:national> ?p ?o }").boolean


def test_index_held_by_another_process_is_shared_read_only(home):
    """A built generation is never written again: a process that finds it held (a server's
    other worker, a `govkg query --sparql` beside the server) opens it read-only instead of
    rebuilding the whole index in its memory."""
    settings = Settings(home=home)
    with open_store(settings) as store:
        ensure_sparql(store, settings)
    forget(settings)
    folder = index_dir(settings) / "store-1"
    # a second process opens the on-disk index read-write and keeps its RocksDB lock
    holder = subprocess.Popen(
        [sys.executable, "-c", textwrap.dedent(f"""
            import sys, pyoxigraph
            s = pyoxigraph.Store({str(folder)!r})
            print("held", flush=True)
            sys.stdin.read()
        """)],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "held"
        with open_store(settings) as store:
            sparql = ensure_sparql(store, settings)
        assert sparql.path == folder.resolve()  # the built index, not one rebuilt in memory
        assert _committees(sparql) > 5
    finally:
        holder.stdin.close()
        holder.wait(timeout=30)


def test_rdf_facts_keeps_duplicate_edges_and_ontology_props():
    f = Facts()
    f.add_node(Node("a", (Label.Post.value,), {Prop.name.value: "A", "nameFolded": "a", "blob": "x"}))
    f.add_node(Node("b", (Label.Body.value, Label.SteeringCommittee.value), {Prop.name.value: "B"}))
    for charter in ("c1", "c2"):  # the same edge id stated by two charters, as the store exports it
        f.edges.append(Edge(Rel.POST_IN.value, "a", "b", {Prop.id.value: "e:1", Prop.charter.value: charter}))
    clean, dropped = rdf_facts(f)
    assert dropped == ["blob", "nameFolded"]
    assert len(clean.edges) == 2 and json.dumps(clean.nodes["a"].props) == '{"name": "A"}'
