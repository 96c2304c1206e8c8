"""The same graph and the same named-query answers on the embedded store and on a Bolt server.

The sample charters are loaded into both stores (grafeo in-process; the Bolt server at
``NEO4J_URI``: ArcadeDB in ``make test``, or a real Neo4j). Then:

- the two graphs are equal: counts, ``content_hash()`` and the exported facts;
- every named query file (``graph/queries/*.cypher``) runs unchanged on both, with
  parameters drawn from the loaded graph, and returns the same rows;
- the query functions built on them (chain, members, reporting, …) give the same answers.

Rows are compared as multisets, after a normalisation for what Cypher leaves open: the
order of ``labels(n)`` (Neo4j returns labels in no set order), and of the lists that
``collect`` and pattern comprehensions build (``UNORDERED``).
"""

from __future__ import annotations

import json
from collections import Counter
from typing import Any

import pytest
from factories import make_store

from govkg.graph import named_queries as q
from govkg.graph.named_queries import QUERY_DIR, load_query, query_params
from govkg.graph.read_models import history, who
from govkg.graph.store import fold_name
from govkg.pipeline import SAMPLE_CHARTERS, load_paths

pytestmark = pytest.mark.neo4j

QUERY_FILES = sorted(p.stem for p in QUERY_DIR.glob("*.cypher"))
# Returned lists whose order no Cypher engine promises (collect, pattern comprehensions).
UNORDERED = {
    "entity_scope": ("committees", "names"),
    "members": ("exOfficio", "holderBodies", "holderPersons", "persons"),
    "chain_chairs": ("exOfficio",),
}


@pytest.fixture(scope="module")
def stores(tmp_path_factory):
    embedded = make_store("embedded", tmp_path_factory.mktemp("embedded"))
    try:
        bolt = make_store("neo4j", tmp_path_factory.mktemp("bolt"))  # skips without NEO4J_URI
    except BaseException:
        embedded.close()
        raise
    try:
        for store in (embedded, bolt):
            outcomes = load_paths(store, [SAMPLE_CHARTERS], validate=False)
            assert [o.status for o in outcomes] == ["loaded"] * len(outcomes), [o.error for o in outcomes]
        yield embedded, bolt
    finally:
        embedded.close()
        bolt.close()


def _normal(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: sorted(v) if k == "labels" and isinstance(v, list) else _normal(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_normal(v) for v in value]
    return value


def _dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


def _answer(store, name: str, params: dict[str, Any]) -> Counter:
    rows = [_normal(r) for r in store.query(load_query(name), params, limit=None)]
    for row in rows:
        for key in UNORDERED.get(name, ()):
            row[key] = sorted(row[key], key=_dumps)
    return Counter(_dumps(r) for r in rows)


def _param_sets(store) -> dict[str, list[dict[str, Any]]]:
    """For each query file, parameter sets drawn from the loaded graph (several per file)."""

    def ids(cypher: str) -> list[str]:
        return [r["id"] for r in store.query(cypher, limit=None)]

    committees = ids("MATCH (:Charter)-[:GOVERNS]->(b:Body) RETURN DISTINCT b.id AS id ORDER BY id")
    posts = ids("MATCH (p:Post) RETURN p.id AS id ORDER BY id")
    bodies = ids("MATCH (b:Body) RETURN b.id AS id ORDER BY id")
    persons = ids("MATCH (p:Person) RETURN p.id AS id ORDER BY id")
    charters = ids("MATCH (c:Charter) RETURN c.id AS id ORDER BY id")
    agencies = ids("MATCH (a:Body)-[:STANDING_AGENCY_OF]->() RETURN DISTINCT a.id AS id ORDER BY id")
    folded = [
        r["f"]
        for r in store.query(
            "MATCH (n) WHERE n:Body OR n:Post OR n:Person RETURN DISTINCT n.nameFolded AS f ORDER BY f", limit=None
        )
        if r["f"]
    ]
    assert committees and posts and agencies and folded and len(charters) == 5
    excluded = [None, charters[:1], charters[1:3]]
    dates = ["2020-01-01", "2025-09-01", "2026-07-02", "2030-01-01"]
    entities = bodies + posts + persons
    sets: dict[str, list[dict[str, Any]]] = {
        "by_name": [{"folded": f} for f in folded[::5]] + [{"folded": "khong co ten nay"}],
        "chain": [{"id": i, "excluded": x} for i in committees + posts[::4] for x in excluded[:2]],
        "chain_step": [{"ids": entities, "excluded": x} for x in excluded],
        "charter_numbers": [{"ids": charters}, {"ids": [*charters[:2], "charter:none"]}],
        "delegations": [{"committee": c, "excluded": x} for c in committees for x in excluded],
        "entity_scope": [{"ids": entities}, {"ids": agencies}],
        "members": [{"committee": c, "excluded": x} for c in committees for x in excluded],
        "nodes": [{"ids": entities}, {"ids": ["nowhere", *persons]}],
        "out_of_force": [{"date": d} for d in dates],
        "replaced": [{"id": i} for i in [*bodies[:3], "body:retired-nowhere"]],
        "reporting": [{"committee": c, "excluded": x} for c in committees for x in excluded],
        "search": [
            {"id": i, "folded": f, "max_rows": n}
            for i, f, n in [(committees[0], "ban chi dao", 20), ("", "cong an", 5), ("", "to", 500)]
        ],
        "search_words": [
            {"words": w, "last": last, "id": i, "max_rows": n}
            for w, last, i, n in [
                (["uy", "ban", "nhan", "dan"], "phuong", None, 50), (["cong"], "an", committees[0], 20), ([], "to", None, 500),
            ]
        ],
        "seat_edges": [{"ids": posts + persons, "excluded": x} for x in excluded],
        "history_charters": [{"committee": c} for c in committees],
        "standing_agency_at": [{"committee": c, "excluded": x} for c in committees for x in excluded],
        "standing_agencies": [
            {"folded": fold_name(n), "agencies": agencies[:k], "excluded": x}
            for n, k, x in [("Công an", 0, None), ("Văn phòng", 2, None), ("x", len(agencies), charters[:1])]
        ],
        "subtree": [{"committee": c, "excluded": x} for c in committees for x in excluded[:2]],
        "valid_charters": [{"date": d} for d in dates],
    }
    # the audit's, compare's, read-models' and benchmark's own files: parameters drawn the same way
    vias = ids("MATCH ()-[r:REPORTS_TO]->() WHERE r.via IS NOT NULL RETURN DISTINCT r.via AS id ORDER BY id")
    groups = ids("MATCH (g:WorkingGroup) RETURN g.id AS id ORDER BY id")
    edge_ids = ids("MATCH ()-[e:REPORTS_TO]->() WHERE e.quoteStart IS NOT NULL RETURN e.id AS id ORDER BY id")
    parameterless = [p.stem for p in QUERY_DIR.glob("*.cypher") if "$" not in p.read_text(encoding="utf-8")]
    sets |= {name: [{}] for name in parameterless}
    sets |= {
        "audit_article_headings": [{"charters": charters}],
        "chain_chairs": [{"role": "Chair"}, {"role": "Member"}],
        "audit_via_nodes": [{"ids": vias}, {"ids": ["nowhere"]}],
        "audit_via_mentions": [{"pairs": [{"via": v, "charter": c} for v in vias[:3] for c in charters]}],
        **{f"compare_{k}": [{"id": c} for c in committees] for k in ("body", "charters", "groups", "legal_bases", "parent", "standing_agencies")},
        "view_body": [{"id": i} for i in [*committees, *agencies[:3], "nowhere"]],
        "view_charter": [{"id": c} for c in charters],
        "view_charter_edges": [{"id": c, "skip": ["HAS_PROVISION"]} for c in charters],
        "view_committees": [{"level": lv} for lv in (None, "commune", "province")],
        "view_edge_quote": [{"id": e} for e in edge_ids[:10]],
        "view_edges_in": [{"id": c, "types": ["PART_OF", "POST_IN", "STANDING_AGENCY_OF"]} for c in committees],
        "view_edges_out": [{"id": c, "types": ["SUBORDINATE_TO", "REPORTS_TO"]} for c in committees],
        "view_group_posts": [{"id": g} for g in groups[:6]],
        "view_provisions": [{"id": c} for c in charters],
    }
    return sets


def test_the_same_graph_on_both(stores):
    embedded, bolt = stores
    assert bolt.counts() == embedded.counts()
    assert bolt.content_hash() == embedded.content_hash()
    a, b = embedded.export_facts(), bolt.export_facts()
    assert a.node_link() == b.node_link()


def test_every_named_query_file_runs_unchanged_with_equal_answers(stores):
    embedded, bolt = stores
    sets = _param_sets(embedded)
    assert sorted(sets) == QUERY_FILES, "a query file without parameter sets here"
    answered = set()
    for name in QUERY_FILES:
        wanted = query_params(load_query(name))
        for params in sets[name]:
            assert sorted(params) == wanted, name
            expected = _answer(embedded, name, params)
            assert _answer(bolt, name, params) == expected, (name, params)
            if expected:
                answered.add(name)
    # the chain, search and read queries must each have answered something on the samples; some audit
    # and view files (partial or duplicate charters, replaced citations, retired ids) rightly answer
    # nothing there, and are compared all the same
    core = {q for q in QUERY_FILES if not q.startswith(("audit_", "view_", "compare_", "bench_"))} - {"replaced"}
    assert core <= answered, ("a query that never answered anything proves little", sorted(core - answered))


def test_the_query_functions_agree(stores):
    embedded, bolt = stores
    committees = [
        r["id"]
        for r in embedded.query("MATCH (:Charter)-[:GOVERNS]->(b:SteeringCommittee) RETURN DISTINCT b.id AS id")
    ]
    assert committees
    for as_of in (None, "2026-07-02"):
        for cid in committees:
            for fn in (q.members, q.delegations, q.reporting, q.subtree):
                assert _normal(fn(bolt, cid, as_of=as_of)) == _normal(fn(embedded, cid, as_of=as_of)), fn.__name__
            assert _normal(q.chain(bolt, cid, as_of=as_of)) == _normal(q.chain(embedded, cid, as_of=as_of))
    seats = [r["id"] for r in embedded.query("MATCH (n) WHERE n:Post OR n:Person RETURN n.id AS id ORDER BY id", limit=None)]
    for as_of in (None, "2026-07-02"):
        for seat in seats:
            assert _normal(who(bolt, seat, as_of=as_of)) == _normal(who(embedded, seat, as_of=as_of)), seat
    for cid in committees:
        assert _normal(history(bolt, cid)) == _normal(history(embedded, cid)), cid
    for text in ("Công an", "Ban Chỉ đạo", "Tổ trưởng"):
        assert _normal(q.search(bolt, text)) == _normal(q.search(embedded, text))
        assert _normal(q.standing_agencies(bolt, text)) == _normal(q.standing_agencies(embedded, text))
    assert q.valid_charters(bolt, "2026-07-02") == q.valid_charters(embedded, "2026-07-02")
