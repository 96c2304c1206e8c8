"""graph/sparql_store.py: the pyoxigraph store, refusing updates, result formats and the named queries."""

from __future__ import annotations

import csv
import gc
import io
import json
import re
import xml.etree.ElementTree as ET
from decimal import Decimal
from pathlib import Path

import pytest
from rdflib import Graph

from govkg.errors import NotFound, QueryRefused, QueryTimeout, ValidationError
from govkg.graph.sparql_store import (
    SparqlResult,
    SparqlStore,
    _check,
    named_queries,
    named_query,
    run_named_sparql,
    serialize_results,
)
from govkg.ontology.facts import Edge, Facts, Node
from govkg.ontology.vocab import CHAIN_RELS, Label, Prop, Rel, Role

CHARTER = "charter:001"


def prov(ref: str, quote: str, **extra) -> dict:
    return {Prop.charter: CHARTER, Prop.provision: ref, Prop.quote: quote, Prop.rule: "test", **extra}


def province() -> Facts:
    """A province committee with a standing board, two groups and two standing agencies split by domain."""
    f = Facts(charter_id=CHARTER, path="001.txt")

    def node(id_: str, labels: tuple, **props) -> None:
        f.add_node(Node(id_, labels, props))

    def edge(type_: Rel, s: str, o: str, props: dict) -> None:
        f.add_edge(Edge(type_, s, o, props))

    node(CHARTER, (Label.Charter,), status="draft", issuedOn="2026-06")
    node(
        "body:bcd",
        (Label.Body, Label.SteeringCommittee),
        name="Ban Chỉ đạo tỉnh",
        status="defined",
        meetingCadence="P6M",
    )
    node("body:tinh-uy", (Label.Body, Label.PartyCommittee), name="Tỉnh ủy", status="referenced")
    node("body:ubnd", (Label.Body, Label.PeoplesCommittee), name="UBND tỉnh", status="referenced")
    node("body:so-khcn", (Label.Body, Label.Agency), name="Sở Khoa học và Công nghệ", status="referenced")
    node("body:so-nv", (Label.Body, Label.Agency), name="Sở Nội vụ", status="referenced")
    node("body:tct1", (Label.Body, Label.WorkingGroup), name="Tổ Công tác 1", status="defined")
    node("body:other", (Label.Body, Label.SteeringCommittee), name="Ban Chỉ đạo khác", status="referenced")
    node("body:other-agency", (Label.Body, Label.Agency), name="Văn phòng", status="referenced")
    node("post:chair", (Label.Post,), role=Role.Chair, title="Trưởng Ban Chỉ đạo")
    node("post:svc", (Label.Post,), role=Role.StandingViceChair, title="Phó Trưởng Ban Thường trực")
    node("post:tt1", (Label.Post,), role=Role.GroupLeader, title="Tổ trưởng")
    node("post:bi-thu", (Label.Post,), role=Role.Head, title="Bí thư Tỉnh ủy")
    node("person:a", (Label.Person,), name="Nguyễn Văn A")

    edge(Rel.POST_IN, "post:chair", "body:bcd", prov("quyet-dinh/dieu-1", "Trưởng Ban"))
    edge(Rel.POST_IN, "post:svc", "body:bcd", prov("quyet-dinh/dieu-1", "Phó Trưởng Ban Thường trực"))
    edge(Rel.POST_IN, "post:tt1", "body:tct1", prov("quy-che/dieu-10", "Tổ trưởng"))
    edge(Rel.POST_IN, "post:bi-thu", "body:tinh-uy", prov("quyet-dinh/dieu-1", "Bí thư Tỉnh ủy"))
    edge(
        Rel.HELD_EX_OFFICIO_BY,
        "post:chair",
        "post:bi-thu",
        prov("quyet-dinh/dieu-1", "Bí thư Tỉnh ủy - Trưởng Ban"),
    )
    edge(Rel.HOLDS, "person:a", "post:svc", prov("quyet-dinh/dieu-1", "đồng chí Nguyễn Văn A"))
    edge(Rel.LEADS, "post:tt1", "body:tct1", prov("quy-che/dieu-10", "làm Tổ trưởng"))
    edge(Rel.PART_OF, "body:tct1", "body:bcd", prov("quy-che/dieu-10", "Tổ Công tác của Ban Chỉ đạo"))
    edge(
        Rel.DIRECTED_BY,
        "body:bcd",
        "body:tinh-uy",
        prov("quy-che/dieu-2", "chịu sự lãnh đạo, chỉ đạo của Tỉnh ủy"),
    )
    edge(
        Rel.SUBORDINATE_TO,
        "body:tinh-uy",
        "body:ubnd",
        prov("quy-che/dieu-2", "made up, to reach two levels up"),
    )
    edge(
        Rel.STANDING_AGENCY_OF,
        "body:so-khcn",
        "body:bcd",
        prov(
            "quy-che/dieu-9/khoan-1",
            "Sở Khoa học và Công nghệ là cơ quan thường trực",
            domain="khoa học, công nghệ",
        ),
    )
    edge(
        Rel.STANDING_AGENCY_OF,
        "body:so-nv",
        "body:bcd",
        prov("quy-che/dieu-9/khoan-2", "Sở Nội vụ là cơ quan thường trực", domain="cải cách hành chính"),
    )
    edge(Rel.STANDING_AGENCY_OF, "body:other-agency", "body:other", prov("quyet-dinh/can-cu/3", "Văn phòng"))
    edge(
        Rel.REPORTS_TO,
        "body:tct1",
        "post:chair",
        prov(
            "quy-che/dieu-12",
            "báo cáo Trưởng Ban qua Sở Khoa học và Công nghệ",
            via="body:so-khcn",
            cadence="P3M",
            dayOfMonth=20,
            months=[12, 3, 9, 6],
        ),
    )
    edge(
        Rel.REPORTS_TO,
        "body:bcd",
        "body:tinh-uy",
        prov("quy-che/dieu-13", "báo cáo đột xuất Tỉnh ủy", adHoc=True),
    )
    edge(Rel.REPORTS_TO, "body:other-agency", "body:other", prov("quyet-dinh/can-cu/3", "Văn phòng báo cáo"))
    edge(
        Rel.DELEGATES_TO,
        "post:chair",
        "post:svc",
        prov(
            "quy-che/dieu-5/khoan-3",
            "ủy quyền cho Phó Trưởng Ban Thường trực",
            scope="ký văn bản",
            condition="khi cần thiết",
        ),
    )
    edge(
        Rel.ACTS_FOR,
        "post:svc",
        "post:chair",
        prov("quy-che/dieu-6", "thay mặt Trưởng Ban", condition="khi vắng mặt"),
    )
    return f


@pytest.fixture(scope="module")
def store() -> SparqlStore:
    s = SparqlStore()
    result = s.load_facts(province())
    assert result is not None and result.conforms
    return s


# ---------------------------------------------------------------- named queries


def test_the_named_queries():
    assert named_queries() == ["chain", "delegations", "members", "reporting", "standing_agencies"]


def test_chain_follows_the_chain_edges_with_provenance(store):
    rows = run_named_sparql(store, "chain", id="body:tct1").rows()
    got = {(r["from"], r["edge_type"], r["node"]) for r in rows}
    assert got == {
        ("body:tct1", "PART_OF", "body:bcd"),
        ("body:tct1", "REPORTS_TO", "post:chair"),
        ("post:chair", "POST_IN", "body:bcd"),
        ("body:bcd", "DIRECTED_BY", "body:tinh-uy"),
        ("body:bcd", "REPORTS_TO", "body:tinh-uy"),
        ("body:tinh-uy", "SUBORDINATE_TO", "body:ubnd"),
        ("post:chair", "HELD_EX_OFFICIO_BY", "post:bi-thu"),
        ("post:bi-thu", "POST_IN", "body:tinh-uy"),
    }
    part_of = next(r for r in rows if r["edge_type"] == "PART_OF")
    assert part_of == {
        "node": "body:bcd",
        "edge_type": "PART_OF",
        "from": "body:tct1",
        "charter": CHARTER,
        "provision": "quy-che/dieu-10",
        "quote": "Tổ Công tác của Ban Chỉ đạo",
    }
    assert run_named_sparql(store, "chain", id="body:ubnd").rows() == []
    # the earlier parameter name still works
    assert run_named_sparql(store, "chain", body="body:tct1").rows() == rows


def test_chain_query_follows_exactly_the_chain_rels():
    text = named_query("chain").text
    path = re.search(r"\?start \(([^)]*)\)\*", text).group(1)
    assert set(re.findall(r"govkg:(\w+)", path)) == set(CHAIN_RELS)
    # the edge types leaving each node: a VALUES block or a FILTER … IN (either is plain SPARQL)
    types = re.search(r"VALUES \?type \{([^}]*)\}|FILTER \(\?type IN \(([^)]*)\)\)", text)
    assert set(re.findall(r"govkg:(\w+)", types.group(1) or types.group(2))) == set(CHAIN_RELS)


def test_members(store):
    result = run_named_sparql(store, "members", committee="body:bcd")
    assert result.variables == ["post", "role", "title", "holder", "holder_name", "ex_officio"]
    assert result.rows() == [
        {"post": "post:chair", "role": "Chair", "title": "Trưởng Ban Chỉ đạo", "ex_officio": "post:bi-thu"},
        {
            "post": "post:svc",
            "role": "StandingViceChair",
            "title": "Phó Trưởng Ban Thường trực",
            "holder": "person:a",
            "holder_name": "Nguyễn Văn A",
        },
    ]


def test_delegations(store):
    result = run_named_sparql(store, "delegations", committee="body:bcd")
    assert result.variables == [
        "delegator",
        "delegate",
        "scope",
        "condition",
        "charter",
        "provision",
        "quote",
    ]
    assert result.rows() == [
        {
            "delegator": "post:chair",
            "delegate": "post:svc",
            "scope": "ký văn bản",
            "condition": "khi cần thiết",
            "charter": CHARTER,
            "provision": "quy-che/dieu-5/khoan-3",
            "quote": "ủy quyền cho Phó Trưởng Ban Thường trực",
        },
        {
            "delegator": "post:chair",
            "delegate": "post:svc",
            "condition": "khi vắng mặt",
            "charter": CHARTER,
            "provision": "quy-che/dieu-6",
            "quote": "thay mặt Trưởng Ban",
        },
    ]
    assert run_named_sparql(store, "delegations", committee="body:other").rows() == []
    assert len(run_named_sparql(store, "delegations")) == 2


def test_reporting(store):
    result = run_named_sparql(store, "reporting", committee="body:bcd")
    assert result.variables == [
        "reporter",
        "recipient",
        "via",
        "cadence",
        "dayOfMonth",
        "months",
        "adHoc",
        "charter",
        "provision",
        "quote",
    ]
    assert result.rows() == [
        {
            "reporter": "body:bcd",
            "recipient": "body:tinh-uy",
            "adHoc": True,
            "charter": CHARTER,
            "provision": "quy-che/dieu-13",
            "quote": "báo cáo đột xuất Tỉnh ủy",
        },
        {
            "reporter": "body:tct1",
            "recipient": "post:chair",
            "via": "body:so-khcn",
            "cadence": "P3M",
            "dayOfMonth": 20,
            "months": [3, 6, 9, 12],
            "charter": CHARTER,
            "provision": "quy-che/dieu-12",
            "quote": "báo cáo Trưởng Ban qua Sở Khoa học và Công nghệ",
        },
    ]
    everything = run_named_sparql(store, "reporting").rows()
    assert [r["reporter"] for r in everything] == ["body:bcd", "body:other-agency", "body:tct1"]


def test_standing_agencies(store):
    rows = run_named_sparql(store, "standing_agencies", committee="body:bcd").rows()
    assert [(r["agency"], r["domain"], r["provision"]) for r in rows] == [
        ("body:so-khcn", "khoa học, công nghệ", "quy-che/dieu-9/khoan-1"),
        ("body:so-nv", "cải cách hành chính", "quy-che/dieu-9/khoan-2"),
    ]
    assert {r["committee"] for r in rows} == {"body:bcd"}
    everything = run_named_sparql(store, "standing_agencies").rows()
    assert {(r["agency"], r["committee"]) for r in everything} == {
        ("body:so-khcn", "body:bcd"),
        ("body:so-nv", "body:bcd"),
        ("body:other-agency", "body:other"),
    }


def test_parameters_are_bound_as_literals_not_pasted(store):
    hostile = 'body:bcd" } } DROP ALL ; SELECT * { ?s ?p "'
    assert run_named_sparql(store, "members", committee=hostile).rows() == []
    assert len(store) > 0
    # a single value is written in place, escaped; the bound text is still one read-only query
    bound = named_query("members").bind(committee=hostile)
    assert '"body:bcd\\" } } DROP ALL ; SELECT * { ?s ?p \\""' in bound
    _check(bound)


@pytest.mark.parametrize(
    "value",
    ['x" . } DELETE WHERE { ?s ?p ?o } #', "a\\\nb\r\"c", "}}}} INSERT DATA { <urn:a> <urn:b> <urn:c> }", "Ủy ban $id ?id \\u0022"],
)
def test_bound_text_stays_one_read_only_query(store, value):
    """run_named_sparql skips the parse check on bound text: binding must never open a hole."""
    for name, param in (("chain", "id"), ("members", "committee"), ("standing_agencies", "committee")):
        bound = named_query(name).bind(**{param: value})
        _check(bound)
        assert run_named_sparql(store, name, **{param: value}).rows() == []
    assert len(store) > 0


def test_parameter_errors(store):
    with pytest.raises(QueryRefused, match="missing required parameter"):
        run_named_sparql(store, "chain")
    with pytest.raises(QueryRefused, match="unknown parameter"):
        run_named_sparql(store, "members", committee="body:bcd", comittee="x")
    with pytest.raises(NotFound):
        run_named_sparql(store, "no_such_query")
    with pytest.raises(NotFound):
        run_named_sparql(store, "../members")


# ---------------------------------------------------------------- read-only


@pytest.mark.parametrize(
    "update",
    [
        "INSERT DATA { <urn:a> <urn:b> <urn:c> }",
        "DELETE DATA { <urn:a> <urn:b> <urn:c> }",
        "DELETE WHERE { ?s ?p ?o }",
        "DELETE { ?s ?p ?o } INSERT { ?s ?p 1 } WHERE { ?s ?p ?o }",
        "LOAD <http://example.org/data.ttl>",
        "CLEAR ALL",
        "DROP DEFAULT",
        "CREATE GRAPH <urn:g>",
        "ADD DEFAULT TO <urn:g>",
        "MOVE DEFAULT TO <urn:g>",
        "COPY DEFAULT TO <urn:g>",
        "PREFIX x: <urn:x> INSERT DATA { x:a x:b x:c }",
        "  # a comment first\n  insert data { <urn:a> <urn:b> <urn:c> }",
    ],
)
def test_updates_are_refused(store, update):
    before = len(store)
    with pytest.raises(QueryRefused, match="updates are refused"):
        store.query(update)
    assert len(store) == before


def test_service_is_refused(store):
    with pytest.raises(QueryRefused, match="SERVICE"):
        store.query("SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }")


def test_update_words_inside_a_query_are_fine(store):
    result = store.query('SELECT ?x WHERE { BIND("INSERT DATA { DROP ALL }" AS ?x) }')
    assert result.rows() == [{"x": "INSERT DATA { DROP ALL }"}]


def test_garbage_is_refused(store):
    with pytest.raises(QueryRefused, match="not a valid SPARQL query"):
        store.query("MATCH (n) RETURN n")


def test_timeout():
    s = SparqlStore()
    f = Facts()
    for i in range(1500):  # a long PART_OF chain: its transitive closure has ~1.1 M pairs
        f.add_node(Node(f"b{i}", (Label.Body, Label.Agency), {}))
        if i:
            f.edges.append(Edge(Rel.PART_OF, f"b{i}", f"b{i - 1}", {Prop.id: f"e{i}"}))
    s.load_facts(f, check=False)
    with pytest.raises(QueryTimeout, match="ran past"):
        s.query("SELECT (COUNT(*) AS ?n) WHERE { ?a govkg:PART_OF* ?b }", timeout=0.05)
    assert s.query("ASK { ?a govkg:PART_OF ?b }", timeout=10).boolean


# ---------------------------------------------------------------- result formats


def test_select_serialisations_parse_back(store):
    result = store.query(
        "SELECT ?agency ?name WHERE { ?a govkg:STANDING_AGENCY_OF ?c ; govkg:id ?agency ; govkg:name ?name }"
        " ORDER BY ?agency"
    )
    rows = result.rows()
    assert len(rows) == 3

    doc = json.loads(serialize_results(result, "application/sparql-results+json"))
    assert doc["head"]["vars"] == ["agency", "name"]
    assert len(doc["results"]["bindings"]) == 3
    assert json.loads(serialize_results(result, "application/json")) == doc

    ns = {"r": "http://www.w3.org/2005/sparql-results#"}
    root = ET.fromstring(serialize_results(result, "application/sparql-results+xml; charset=utf-8"))
    assert [v.get("name") for v in root.findall("r:head/r:variable", ns)] == ["agency", "name"]
    assert len(root.findall("r:results/r:result", ns)) == 3

    table = list(csv.reader(io.StringIO(serialize_results(result, "text/csv").decode("utf-8"))))
    assert table[0] == ["agency", "name"] and len(table) == 4
    assert table[1] == ["body:other-agency", "Văn phòng"]

    tsv = serialize_results(result, "text/tab-separated-values").decode("utf-8").splitlines()
    assert tsv[0] == "?agency\t?name" and len(tsv) == 4


def test_ask_and_typed_values(store):
    assert store.query("ASK { ?p govkg:role 'Chair' }").boolean is True
    assert json.loads(serialize_results(store.query("ASK { ?p govkg:role 'Nobody' }"), "json")) == {
        "head": {},
        "boolean": False,
    }
    row = store.query(
        "SELECT ?d ?c ?h WHERE { ?s govkg:dayOfMonth ?d ; govkg:confidence ?c . "
        "OPTIONAL { ?x govkg:adHoc ?h } } LIMIT 1"
    ).rows()
    assert row == [] or isinstance(row[0]["d"], int)
    typed = store.query("SELECT (20 AS ?i) (0.5 AS ?d) (true AS ?b) (1.5e0 AS ?f) WHERE {}").rows()[0]
    assert typed == {"i": 20, "d": Decimal("0.5"), "b": True, "f": 1.5}


def test_construct_as_turtle_and_other_rdf(store):
    result = store.query(
        "CONSTRUCT { ?a govkg:STANDING_AGENCY_OF ?c } WHERE { ?a govkg:STANDING_AGENCY_OF ?c }"
    )
    assert result.kind == "graph" and len(result) == 3
    ttl = serialize_results(result, "text/turtle")
    assert b"@prefix govkg:" in ttl
    assert len(Graph().parse(data=ttl, format="turtle")) == 3
    assert len(Graph().parse(data=serialize_results(result, "application/n-triples"), format="nt")) == 3
    assert len(Graph().parse(data=serialize_results(result, "application/ld+json"), format="json-ld")) == 3
    assert len(result.graph()) == 3
    described = store.query("DESCRIBE <https://govkg.org/id/body:bcd>")
    assert len(described) > 3


def test_unfit_media_types_are_refused(store):
    with pytest.raises(QueryRefused, match="cannot serialise bindings"):
        serialize_results(store.query("SELECT * WHERE { ?s ?p ?o } LIMIT 1"), "text/turtle")
    with pytest.raises(QueryRefused, match="cannot serialise graph"):
        serialize_results(store.query("CONSTRUCT WHERE { ?s ?p ?o } LIMIT 1"), "text/csv")
    with pytest.raises(TypeError):
        SparqlResult("graph", b"").rows()


# ---------------------------------------------------------------- loading and persistence


def test_a_violation_loads_nothing():
    s = SparqlStore()
    f = province()
    del f.nodes["post:svc"].props[Prop.role]
    with pytest.raises(ValidationError, match=r"001\.txt"):
        s.load_facts(f)
    assert len(s) == 0


def test_reloading_the_same_facts_is_idempotent():
    s = SparqlStore()
    s.load_facts(province())
    n = len(s)
    s.load_facts(province())
    assert len(s) == n
    s.clear()
    assert len(s) == 0


def test_the_default_store_is_in_the_configured_home(tmp_path, monkeypatch):
    """One source of truth: the configuration's home (``./.govkg`` unless GOVKG_HOME says otherwise)."""
    monkeypatch.delenv("GOVKG_HOME", raising=False)
    monkeypatch.delenv("GOVKG_CONFIG", raising=False)
    monkeypatch.chdir(tmp_path)
    s = SparqlStore.open_default()
    assert s.path == Path(".govkg") / "sparql" and (tmp_path / ".govkg" / "sparql").is_dir()
    del s
    gc.collect()


def test_persistent_store_under_govkg_home(tmp_path, monkeypatch):
    monkeypatch.setenv("GOVKG_HOME", str(tmp_path))
    s = SparqlStore.open_default()
    assert s.path == tmp_path / "sparql"
    s.load_facts(province())
    n = len(s)
    s.flush()
    del s
    gc.collect()  # release the on-disk store's lock before reopening
    again = SparqlStore(tmp_path / "sparql")
    assert len(again) == n
    assert run_named_sparql(again, "members", committee="body:bcd").rows()[0]["post"] == "post:chair"


def test_optional_filters_drop_out_when_their_parameter_is_not_given():
    query = named_query("reporting")
    assert "$committee" in query.text
    assert "$committee" not in query.bind()
    bound = query.bind(committee="body:bcd")
    assert '?k govkg:id "body:bcd"' in bound and "$committee" not in bound
    assert "#@if" not in bound and "#@endif" not in bound


def test_charters_in_force_filter_the_named_queries(store):
    assert len(run_named_sparql(store, "reporting", committee="body:bcd", charters=[CHARTER])) == 2
    assert len(run_named_sparql(store, "reporting", committee="body:bcd", charters=["charter:other"])) == 0
    assert len(run_named_sparql(store, "reporting", charters=[])) == 0
    assert len(run_named_sparql(store, "reporting", charters=None)) == 3
    assert len(run_named_sparql(store, "delegations", committee="body:bcd", charters=[CHARTER, "x"])) == 2
    assert len(run_named_sparql(store, "members", committee="body:bcd", charters=[CHARTER])) == 2
    assert run_named_sparql(store, "members", committee="body:bcd", charters=["x"]).rows() == []
    rows = run_named_sparql(
        store, "standing_agencies", charters=[CHARTER], agencies=["body:so-nv", "body:nope"]
    ).rows()
    assert [(r["agency"], r["committee"], r["charter"]) for r in rows] == [
        ("body:so-nv", "body:bcd", CHARTER)
    ]


def test_a_syntax_error_points_into_the_users_own_text():
    from govkg.errors import QueryRefused

    with pytest.raises(QueryRefused, match=r"at char 18, line 1, column 19\)"):
        SparqlStore().query("SELECT ?x WHERE { ?x ?y }")
    with pytest.raises(QueryRefused, match=r"line 2, column"):
        SparqlStore().query("SELECT ?x\nWHERE { ?x ?y ?z . FILTER( }")


def test_flush_compacts_what_the_bulk_loads_wrote(tmp_path):
    """A built index is compacted before it is used: left to the next open, RocksDB compacts it
    in the background behind the first queries (and a read-only open never does)."""
    store = SparqlStore(tmp_path / "index")
    for b in range(6):  # each bulk load writes files of its own
        store._bulk_load("".join(f'<http://x/{b}/{i}> <http://p/{i % 7}> "v{i}" .\n' for i in range(200)).encode())
    store.flush()
    flushed = sorted(p.name for p in (tmp_path / "index").glob("*.sst"))
    store._store.optimize()  # nothing left for another compaction to do
    assert sorted(p.name for p in (tmp_path / "index").glob("*.sst")) == flushed
    assert len(store) == 1200
