"""Each named SPARQL query returns the same answers as its Cypher twin, on the five seeds.

The two languages shape their rows differently (Cypher returns maps, SPARQL one binding per
row), so each pair is compared through a normaliser that keeps what the query is *about*.
"""

from __future__ import annotations

import pytest

from govkg.config import load_settings
from govkg.graph.named_queries import run_named
from govkg.graph.sparql_index import ensure_sparql
from govkg.graph.sparql_store import run_named_sparql
from govkg.graph.store import open_store
from govkg.pipeline import SAMPLE_CHARTERS, load_paths


@pytest.fixture(scope="module")
def stores(tmp_path_factory):
    home = tmp_path_factory.mktemp("twins")
    mp = pytest.MonkeyPatch()
    mp.setenv("GOVKG_HOME", str(home))
    mp.delenv("NEO4J_URI", raising=False)
    settings = load_settings()
    store = open_store(settings)
    outcomes = load_paths(store, [SAMPLE_CHARTERS], validate=False)
    assert all(o.status == "loaded" for o in outcomes)
    sparql = ensure_sparql(store, settings)
    yield store, sparql
    store.close()
    mp.undo()


def _committees(store) -> list[str]:
    return [r["id"] for r in store.query("MATCH (c:Charter)-[:GOVERNS]->(b:SteeringCommittee) RETURN b.id AS id")]


def test_members(stores):
    store, sparql = stores
    for cid in _committees(store):
        cy = {(r["post"]["id"], r["post"]["role"]) for r in run_named(store, "members", committee=cid, excluded=None)}
        sp = {(r["post"], r["role"]) for r in run_named_sparql(sparql, "members", committee=cid).rows()}
        assert cy == sp and cy, cid
        cy_ex = {(r["post"]["id"], x["id"]) for r in run_named(store, "members", committee=cid, excluded=None) for x in r["exOfficio"]}
        sp_ex = {(r["post"], r["ex_officio"]) for r in run_named_sparql(sparql, "members", committee=cid).rows() if r.get("ex_officio")}
        assert cy_ex == sp_ex, cid


def test_delegations(stores):
    store, sparql = stores
    for cid in _committees(store):
        cy = set()
        for r in run_named(store, "delegations", committee=cid, excluded=None):
            src, dst = r["source"]["id"], r["target"]["id"]
            # "Y thay mặt X": X is the delegator
            cy.add((dst, src, r["provision"]) if r["type"] == "ACTS_FOR" else (src, dst, r["provision"]))
        sp = {(r["delegator"], r["delegate"], r["provision"]) for r in run_named_sparql(sparql, "delegations", committee=cid).rows()}
        assert cy == sp, cid


def test_reporting(stores):
    store, sparql = stores
    for cid in _committees(store):
        cy = {(r["reporter"]["id"], r["recipient"]["id"], r["provision"], r.get("cadence")) for r in run_named(store, "reporting", committee=cid, excluded=None)}
        sp = {(r["reporter"], r["recipient"], r["provision"], r.get("cadence")) for r in run_named_sparql(sparql, "reporting", committee=cid).rows()}
        assert cy == sp and cy, cid


def test_standing_agencies(stores):
    store, sparql = stores
    agencies = sorted({r["id"] for r in store.query("MATCH (a)-[:STANDING_AGENCY_OF]->() RETURN DISTINCT a.id AS id")})
    cy = {(r["agency"]["id"] if isinstance(r["agency"], dict) else r["agency"], r["committee"]["id"] if isinstance(r["committee"], dict) else r["committee"], r["provision"])
          for r in run_named(store, "standing_agencies", agencies=agencies, folded=None, excluded=None)}
    sp = {(r["agency"], r["committee"], r["provision"]) for r in run_named_sparql(sparql, "standing_agencies", agencies=agencies).rows()}
    assert cy == sp and len({a for a, _, _ in cy}) == len(agencies)


def test_chain_reaches_the_same_nodes(stores):
    store, sparql = stores
    groups = [r["id"] for r in store.query("MATCH (g:WorkingGroup)-[:PART_OF]->(:SteeringCommittee) RETURN DISTINCT g.id AS id")]
    assert groups
    for gid in groups:
        routes = run_named(store, "chain", id=gid, excluded=None)
        cy = {n["id"] for r in routes for n in r["nodes"]} - {gid}
        sp = {r["node"] for r in run_named_sparql(sparql, "chain", id=gid).rows()} - {gid}
        assert cy == sp, gid


def test_chain_cites_the_statement_the_cypher_chain_cites(stores):
    """chain.rq folds parallel statements as the Cypher chain does: one row per (node, edge
    type, target) unless via bodies differ, and for every hop of the chain the same charter
    and provision."""
    from govkg.graph.named_queries import chain

    store, sparql = stores
    groups = [r["id"] for r in store.query("MATCH (g:WorkingGroup)-[:PART_OF]->(:SteeringCommittee) RETURN DISTINCT g.id AS id")]
    parallel = store.query(
        "MATCH (a)-[r]->(b) WITH a, b, type(r) AS t, count(r) AS n WHERE n > 1 RETURN count(*) AS pairs"
    )[0]["pairs"]
    assert groups and parallel  # the samples state some relations in several charters
    hops = 0
    for gid in groups:
        rows = run_named_sparql(sparql, "chain", id=gid).rows()
        cited: dict[tuple, list[tuple]] = {}
        for r in rows:
            cited.setdefault((r["from"], r["edge_type"], r["node"]), []).append((r["charter"], r["provision"]))
        for hop in chain(store, gid):
            if hop["type"] == "via":
                continue
            key = (hop["from"]["id"], hop["type"], hop["to"]["id"])
            assert (hop["charter"], hop["provision"]) in cited[key], (gid, key)
            hops += 1
        via = {(r["from"], r["edge_type"], r["node"]) for r in rows if r["edge_type"] == "REPORTS_TO"}
        assert all(len(v) == 1 for k, v in cited.items() if k not in via), gid
    assert hops
