"""ontology/rdf.py: Facts → RDF, SHACL validation, serialisation and round trips."""

from __future__ import annotations

import json
import logging
from decimal import Decimal

import pytest
from rdflib import RDF, XSD, Graph, Literal, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import ORG, PROV, SDO

from govkg.errors import ConfigError, ValidationError
from govkg.ontology.facts import Edge, Facts, Node, fold_edge, keep_evidence
from govkg.ontology.rdf import (
    iri_to_id,
    node_iri,
    parse,
    serialize,
    to_ntriples,
    to_rdf,
    to_triples,
    validate,
)
from govkg.ontology.vocab import GOVKG, Label, Prop, Rel, Role

CHARTER = "charter:000"
PATH = "data/charters/000_5614ed0167487373.txt"


def prov(ref: str, quote: str, **extra) -> dict:
    return {
        Prop.charter: CHARTER,
        Prop.provision: ref,
        Prop.quote: quote,
        Prop.rule: f"test.{ref}",
        Prop.confidence: 0.9,
        **extra,
    }


def committee() -> Facts:
    """Seed 000 in miniature: a ward committee, its chair, a working group, the ward police as standing agency."""
    f = Facts(charter_id=CHARTER, path=PATH)

    def node(id_: str, labels: tuple, **props) -> None:
        f.add_node(Node(id_, labels, props))

    def edge(type_: Rel, s: str, o: str, props: dict) -> None:
        f.add_edge(Edge(type_, s, o, props))

    node(CHARTER, (Label.Charter,), number="03/QĐ-BCĐ", issuedOn="2026-07-01", status="signed", path=PATH)
    node("doc:01-qd-bcd", (Label.LegalDocument,), number="01/QĐ-BCĐ", issuedOn="2025-08-05")
    node(
        "prov:000/quy-che/dieu-9", (Label.Provision,), ref="quy-che/dieu-9", kind="article", start=10, end=90
    )
    node(
        "body:bcd",
        (Label.Body, Label.SteeringCommittee),
        name="Ban Chỉ đạo phường Hải Dương",
        status="defined",
        level="commune",
        meetingCadence="P3M",
    )
    node(
        "body:ubnd", (Label.Body, Label.PeoplesCommittee), name="Ủy ban nhân dân phường", status="referenced"
    )
    node("body:cap", (Label.Body, Label.Agency), name="Công an phường", status="referenced")
    node("body:tct1", (Label.Body, Label.WorkingGroup), name="Tổ Công tác số 1", status="defined")
    node("post:chair", (Label.Post,), role=Role.Chair, title="Trưởng Ban Chỉ đạo")
    node("post:svc", (Label.Post,), role=Role.StandingViceChair, title="Phó Trưởng Ban Thường trực")
    node("post:tt1", (Label.Post,), role=Role.GroupLeader, title="Tổ trưởng")
    node("post:ct-ubnd", (Label.Post,), role=Role.Head, title="Chủ tịch UBND phường")
    node("person:van", (Label.Person,), name="Phạm Thị Thanh Vân")

    edge(Rel.HAS_PROVISION, CHARTER, "prov:000/quy-che/dieu-9", {})
    edge(
        Rel.GOVERNS,
        CHARTER,
        "body:bcd",
        prov("quyet-dinh/dieu-1", "Ban hành kèm theo Quyết định này Quy chế hoạt động"),
    )
    edge(
        Rel.REPLACES, CHARTER, "doc:01-qd-bcd", prov("quyet-dinh/dieu-2", "thay thế Quyết định số 01/QĐ-BCĐ")
    )
    edge(Rel.SIGNED_BY, CHARTER, "person:van", prov("quyet-dinh/chu-ky", "Phạm Thị Thanh Vân"))
    edge(Rel.POST_IN, "post:chair", "body:bcd", prov("quy-che/dieu-5", "Trưởng Ban Chỉ đạo"))
    edge(
        Rel.POST_IN, "post:svc", "body:bcd", prov("quy-che/dieu-6", "Phó Trưởng Ban Thường trực Ban Chỉ đạo")
    )
    edge(Rel.POST_IN, "post:tt1", "body:tct1", prov("quy-che/dieu-8/khoan-1", "Tổ trưởng"))
    edge(Rel.POST_IN, "post:ct-ubnd", "body:ubnd", prov("quyet-dinh/chu-ky", "CHỦ TỊCH UBND PHƯỜNG"))
    edge(
        Rel.HOLDS,
        "person:van",
        "post:ct-ubnd",
        prov("quyet-dinh/chu-ky", "CHỦ TỊCH UBND PHƯỜNG Phạm Thị Thanh Vân"),
    )
    edge(
        Rel.HELD_EX_OFFICIO_BY,
        "post:chair",
        "post:ct-ubnd",
        prov("quyet-dinh/chu-ky", "TRƯỞNG BAN CHỦ TỊCH UBND PHƯỜNG"),
    )
    edge(Rel.PART_OF, "body:tct1", "body:bcd", prov("quy-che/dieu-8", "Tổ Công tác của Ban Chỉ đạo"))
    edge(Rel.LEADS, "post:tt1", "body:tct1", prov("quy-che/dieu-8/khoan-1", "làm Tổ trưởng"))
    edge(
        Rel.STANDING_AGENCY_OF,
        "body:cap",
        "body:bcd",
        prov("quy-che/dieu-9", "Công an phường làm nhiệm vụ Cơ quan Thường trực của Ban Chỉ đạo"),
    )
    edge(
        Rel.REPORTS_TO,
        "body:tct1",
        "post:chair",
        prov(
            "quy-che/dieu-8/khoan-1/diem-c",
            "gửi báo cáo định kỳ về Cơ quan thường trực",
            via="body:cap",
            cadence="P6M",
            dayOfMonth=20,
            months=[6, 12],
            adHoc=True,
        ),
    )
    edge(
        Rel.DELEGATES_TO,
        "post:chair",
        "post:svc",
        prov(
            "quy-che/dieu-5/khoan-4",
            "ủy quyền cho Phó Trưởng Ban Thường trực",
            scope="giải quyết công việc thuộc thẩm quyền của Trưởng Ban",
            condition="Trong trường hợp cần thiết",
        ),
    )
    edge(
        Rel.ACTS_FOR,
        "post:svc",
        "post:chair",
        prov("quy-che/dieu-6/khoan-1", "thay mặt Trưởng Ban Chỉ đạo", condition="khi Trưởng ban vắng mặt"),
    )
    return f


def first(f: Facts, type_: Rel) -> Edge:
    return next(f.edges_of(type_))


# ---------------------------------------------------------------- mapping


def test_committee_conforms_without_warnings():
    result = validate(to_rdf(committee()), path=PATH)
    assert result.conforms
    assert result.warnings == [] and result.violations == []


def test_nodes_are_typed_by_labels_and_carry_their_id():
    g = to_rdf(committee())
    bcd = node_iri("body:bcd")
    assert set(g.objects(bcd, RDF.type)) == {GOVKG.Body, GOVKG.SteeringCommittee}
    assert g.value(bcd, GOVKG.id) == Literal("body:bcd")
    assert g.value(bcd, GOVKG.name) == Literal("Ban Chỉ đạo phường Hải Dương")


def test_each_edge_is_a_direct_triple_and_a_reified_statement():
    f = committee()
    g = to_rdf(f)
    for e in f.edges:
        s, p, o = node_iri(e.source), GOVKG[e.type], node_iri(e.target)
        assert (s, p, o) in g
        st = node_iri(e.id)
        assert (st, RDF.type, RDF.Statement) in g
        assert (g.value(st, RDF.subject), g.value(st, RDF.predicate), g.value(st, RDF.object)) == (s, p, o)
    st = node_iri(first(f, Rel.STANDING_AGENCY_OF).id)
    assert (st, RDF.type, GOVKG.StructureStatement) in g
    assert g.value(st, GOVKG.quote) == Literal(
        "Công an phường làm nhiệm vụ Cơ quan Thường trực của Ban Chỉ đạo"
    )
    assert g.value(st, GOVKG.charter) == node_iri(CHARTER)
    assert g.value(st, GOVKG.rule) == Literal("test.quy-che/dieu-9")
    # the ref resolves to the Provision node the facts hold, and provenance points at it
    assert g.value(st, PROV.wasDerivedFrom) == node_iri("prov:000/quy-che/dieu-9")
    assert g.value(st, GOVKG.provision) == node_iri("prov:000/quy-che/dieu-9")
    assert (node_iri(first(f, Rel.REPORTS_TO).id), RDF.type, GOVKG.GovernanceStatement) in g
    assert (node_iri(first(f, Rel.REPLACES).id), RDF.type, GOVKG.DocumentStatement) in g


def test_a_ref_without_a_provision_node_gets_a_minted_provision_under_its_charter():
    f = committee()
    g = to_rdf(f)
    minted = g.value(node_iri(first(f, Rel.LEADS).id), PROV.wasDerivedFrom)
    assert minted == URIRef(f"{node_iri(CHARTER)}/quy-che/dieu-8/khoan-1")
    assert (minted, RDF.type, GOVKG.Provision) in g
    assert g.value(minted, GOVKG.ref) == Literal("quy-che/dieu-8/khoan-1")
    assert (node_iri(CHARTER), GOVKG.HAS_PROVISION, minted) in g


def test_literals_are_typed():
    f = committee()
    g = to_rdf(f)
    assert g.value(node_iri(CHARTER), GOVKG.issuedOn) == Literal("2026-07-01", datatype=XSD.date)
    assert g.value(node_iri("body:bcd"), GOVKG.meetingCadence) == Literal("P3M", datatype=XSD.duration)
    assert g.value(node_iri("prov:000/quy-che/dieu-9"), GOVKG.start) == Literal(10, datatype=XSD.integer)
    st = node_iri(first(f, Rel.REPORTS_TO).id)
    assert g.value(st, GOVKG.confidence) == Literal(Decimal("0.9"), datatype=XSD.decimal)
    assert g.value(st, GOVKG.adHoc) == Literal(True)
    assert g.value(st, GOVKG.dayOfMonth).datatype == XSD.integer
    assert {int(m) for m in g.objects(st, GOVKG.months)} == {6, 12}
    assert g.value(st, GOVKG.via) == node_iri("body:cap")


@pytest.mark.parametrize(
    ("value", "datatype"), [("2026-07-01", XSD.date), ("2026-06", XSD.gYearMonth), ("2026", XSD.gYear)]
)
def test_partial_dates(value, datatype):
    f = Facts()
    f.add_node(Node("doc:x", (Label.LegalDocument,), {Prop.issuedOn: value}))
    assert to_rdf(f).value(node_iri("doc:x"), GOVKG.issuedOn) == Literal(value, datatype=datatype)


def test_roles_link_to_skos_concepts():
    g = to_rdf(committee())
    assert g.value(node_iri("post:chair"), GOVKG.role) == Literal("Chair")
    assert g.value(node_iri("post:chair"), ORG.role) == GOVKG.Chair
    assert g.value(node_iri("post:svc"), ORG.role) == GOVKG.StandingViceChair


def test_delegations_are_qualified_rules_and_acts_for_reads_backwards():
    f = committee()
    g = to_rdf(f)
    rules = {}
    for rule in g.subjects(RDF.type, GOVKG.DelegationRule):
        edge = g.value(rule, GOVKG.derivedFromEdge)
        rules[g.value(edge, RDF.predicate)] = rule
    delegates, acts = rules[GOVKG.DELEGATES_TO], rules[GOVKG.ACTS_FOR]
    for rule in (delegates, acts):  # both: the chair delegates to the standing vice-chair
        assert g.value(rule, GOVKG.delegator) == node_iri("post:chair")
        assert g.value(rule, GOVKG.delegate) == node_iri("post:svc")
        assert (node_iri("post:svc"), PROV.qualifiedDelegation, rule) in g
    assert g.value(delegates, GOVKG.scope) == Literal("giải quyết công việc thuộc thẩm quyền của Trưởng Ban")
    assert g.value(acts, GOVKG.condition) == Literal("khi Trưởng ban vắng mặt")
    assert g.value(delegates, PROV.wasDerivedFrom) == URIRef(f"{node_iri(CHARTER)}/quy-che/dieu-5/khoan-4")


def test_reporting_obligation_with_schedule():
    f = committee()
    g = to_rdf(f)
    (rule,) = g.subjects(RDF.type, GOVKG.ReportingObligation)
    assert g.value(rule, GOVKG.reporter) == node_iri("body:tct1")
    assert g.value(rule, GOVKG.recipient) == node_iri("post:chair")
    assert g.value(rule, GOVKG.via) == node_iri("body:cap")
    schedule = g.value(rule, GOVKG.schedule)
    assert (schedule, RDF.type, SDO.Schedule) in g
    assert g.value(schedule, SDO.repeatFrequency) == Literal("P6M", datatype=XSD.duration)
    assert int(g.value(schedule, SDO.byMonthDay)) == 20
    assert {int(m) for m in g.objects(schedule, SDO.byMonth)} == {6, 12}


def test_unknown_names_and_dangling_edges_are_refused():
    f = committee()
    f.nodes["body:bcd"].props["nmae"] = "typo"
    with pytest.raises(ValidationError, match="unknown property 'nmae'"):
        to_rdf(f)
    f = committee()
    f.edges.append(Edge("REPORT_TO", "body:tct1", "body:bcd", {}))
    with pytest.raises(ValidationError, match="unknown relationship type 'REPORT_TO'"):
        to_rdf(f)
    f = committee()
    f.edges.append(Edge(Rel.REPORTS_TO, "body:tct1", "body:nowhere", {}))
    with pytest.raises(ValidationError, match="'body:nowhere' is not a node") as info:
        to_rdf(f)
    assert str(info.value).startswith(PATH)


# ---------------------------------------------------------------- SHACL: violations


def violation(f: Facts) -> ValidationError:
    with pytest.raises(ValidationError) as info:
        validate(to_rdf(f), path=f.path)
    assert str(info.value).startswith(f"{PATH}: ")
    assert "Violation" in info.value.report
    return info.value


def test_a_post_without_role_is_a_violation():
    f = committee()
    del f.nodes["post:svc"].props["role"]
    err = violation(f)
    assert "post:svc" in str(err) and "exactly one role" in str(err)


def test_what_is_established_is_a_body():
    """ESTABLISHED_BY (issue 15 §6): the working group set up by the chair conforms; a post "set up" does not."""
    f = committee()
    f.add_edge(Edge(Rel.ESTABLISHED_BY, "body:tct1", "post:chair", prov("quy-che/dieu-9", "Trưởng Ban Chỉ đạo quyết định thành lập Tổ Công tác số 1")))
    assert validate(to_rdf(f)).conforms
    f.add_edge(Edge(Rel.ESTABLISHED_BY, "post:tt1", "post:chair", prov("quy-che/dieu-9", "Trưởng Ban Chỉ đạo quyết định thành lập Tổ Công tác số 1")))
    err = violation(f)
    assert "post:tt1" in str(err) and "is a Body" in str(err)


def test_a_role_outside_the_enum_is_a_violation():
    f = committee()
    f.nodes["post:svc"].props["role"] = "Chairman"
    assert "one of the Role names" in str(violation(f))


def test_a_post_in_two_bodies_is_a_violation():
    f = committee()
    f.add_edge(Edge(Rel.POST_IN, "post:svc", "body:tct1", prov("quy-che/dieu-7", "Phó Trưởng Ban")))
    assert "POST_IN exactly one Body" in str(violation(f))


@pytest.mark.parametrize("quote", [None, "", "   "])
def test_an_edge_without_quote_is_a_violation(quote):
    f = committee()
    e = first(f, Rel.PART_OF)
    if quote is None:
        del e.props[Prop.quote]
    else:
        e.props[Prop.quote] = quote
    err = violation(f)
    assert e.id in str(err) and "provenance quote" in str(err)


@pytest.mark.parametrize("drop", [Prop.provision, Prop.charter, Prop.rule])
def test_an_edge_without_provision_charter_or_rule_is_a_violation(drop):
    f = committee()
    del first(f, Rel.STANDING_AGENCY_OF).props[drop]
    violation(f)


def test_document_edges_need_no_quote():
    f = committee()
    del first(f, Rel.REPLACES).props[Prop.quote]
    assert validate(to_rdf(f)).conforms


@pytest.mark.parametrize("cadence", ["P", "monthly", "P6", "6M", "PT1H"])
def test_a_bad_cadence_is_a_violation(cadence):
    f = committee()
    first(f, Rel.REPORTS_TO).props[Prop.cadence] = cadence
    assert "cadence is an ISO 8601 duration" in str(violation(f))


@pytest.mark.parametrize("cadence", ["P1M", "P3M", "P1Y", "P2W", "P1Y6M"])
def test_good_cadences_conform(cadence):
    f = committee()
    first(f, Rel.REPORTS_TO).props[Prop.cadence] = cadence
    assert validate(to_rdf(f)).conforms


def test_a_bad_meeting_cadence_is_a_violation():
    f = committee()
    f.nodes["body:bcd"].props[Prop.meetingCadence] = "quarterly"
    assert "meetingCadence" in str(violation(f))


@pytest.mark.parametrize(
    ("prop", "value"),
    [
        (Prop.dayOfMonth, 0),
        (Prop.dayOfMonth, 32),
        (Prop.dayOfMonth, "20"),
        (Prop.months, [3, 13]),
        (Prop.months, [0]),
    ],
)
def test_days_and_months_out_of_range_are_violations(prop, value):
    f = committee()
    first(f, Rel.REPORTS_TO).props[prop] = value
    violation(f)


def test_a_body_needs_exactly_one_kind():
    f = committee()
    f.nodes["body:cap"].labels = (Label.Body,)
    assert "exactly one kind class" in str(violation(f))
    f = committee()
    f.nodes["body:cap"].labels = (Label.Body, Label.Agency, Label.PeoplesCommittee)
    assert "exactly one kind class" in str(violation(f))


@pytest.mark.parametrize(
    ("node", "prop", "value", "message"),
    [
        (CHARTER, Prop.status, "final", "signed, draft or partial"),
        ("body:cap", Prop.status, "signed", "defined or referenced"),
        ("body:bcd", Prop.level, "ward", "level is one of"),
        (CHARTER, Prop.issuedOn, "01/07/2026", "issuedOn is an ISO date"),
    ],
)
def test_enumerated_values_are_checked(node, prop, value, message):
    f = committee()
    f.nodes[node].props[prop] = value
    assert message in str(violation(f))


def test_admin_unit_code_system():
    f = committee()
    f.add_node(Node("unit:hai-duong", (Label.AdminUnit,), {Prop.code: "10507", Prop.codeSystem: "2025"}))
    assert validate(to_rdf(f)).conforms
    f.nodes["unit:hai-duong"].props[Prop.codeSystem] = "2019"
    assert "codeSystem" in str(violation(f))


def test_violations_can_be_returned_instead_of_raised():
    f = committee()
    del f.nodes["post:svc"].props["role"]
    result = validate(to_rdf(f), raise_on_violation=False)
    assert not result.conforms
    assert {v["focus"] for v in result.violations} == {"post:svc"}
    assert {v["shape"] for v in result.violations} == {"PostShape"}


# ---------------------------------------------------------------- SHACL: warnings


def warnings_of(f: Facts) -> list[dict]:
    result = validate(to_rdf(f), path=f.path)
    assert result.conforms
    return result.warnings


def test_a_committee_without_chair_is_a_warning():
    f = committee()
    f.nodes["post:chair"].props[Prop.role] = Role.ViceChair  # the committee keeps posts, but no Chair
    (w,) = warnings_of(f)
    assert w == {
        "severity": "Warning",
        "focus": "body:bcd",
        "path": "^POST_IN",
        "message": "a defined steering committee has no Chair post",
        "shape": "CommitteeChairShape",
    }


def test_a_referenced_committee_owes_nothing():
    f = committee()
    f.add_node(Node("body:city", (Label.Body, Label.SteeringCommittee), {"status": "referenced"}))
    assert warnings_of(f) == []


def test_committee_without_standing_agency_or_cadence_warns():
    f = committee()
    f.edges = [e for e in f.edges if e.type != Rel.STANDING_AGENCY_OF]
    del f.nodes["body:bcd"].props[Prop.meetingCadence]
    assert {w["shape"] for w in warnings_of(f)} == {
        "CommitteeStandingAgencyShape",
        "CommitteeMeetingCadenceShape",
    }


def test_working_group_without_leader_or_reporting_line_warns():
    f = committee()
    f.edges = [e for e in f.edges if e.type not in (Rel.LEADS, Rel.REPORTS_TO)]
    found = {(w["focus"], w["path"]) for w in warnings_of(f)}
    assert found == {("body:tct1", "^LEADS"), ("body:tct1", "REPORTS_TO|^POST_IN/REPORTS_TO")}


def test_a_post_of_the_group_reporting_counts_as_its_reporting_line():
    f = committee()
    e = first(f, Rel.REPORTS_TO)
    f.edges.remove(e)
    f.add_edge(Edge(Rel.REPORTS_TO, "post:tt1", "post:chair", dict(e.props, id=None)))
    assert warnings_of(f) == []


def test_delegation_without_scope_and_condition_warns():
    f = committee()
    e = first(f, Rel.DELEGATES_TO)
    del e.props[Prop.scope], e.props[Prop.condition]
    found = {(w["path"], w["message"]) for w in warnings_of(f)}
    assert found == {
        ("scope", "a DELEGATES_TO has no scope"),
        ("condition", "a DELEGATES_TO has no condition"),
    }


def test_acts_for_needs_no_scope():
    f = committee()
    assert Prop.scope not in first(f, Rel.ACTS_FOR).props
    assert warnings_of(f) == []


# ---------------------------------------------------------------- IRIs and serialisation


def test_iris_are_deterministic_and_encoded():
    assert set(to_rdf(committee())) == set(to_rdf(committee()))
    assert serialize(committee(), "nt") == serialize(committee(), "nt")
    assert node_iri("body:bcd") == URIRef("https://govkg.org/id/body:bcd")
    odd = "prov:000/quy-che/điều 9#a?b%c"
    iri = node_iri(odd)
    assert str(iri) == "https://govkg.org/id/prov:000%2Fquy-che%2F%C4%91i%E1%BB%81u%209%23a%3Fb%25c"
    assert iri_to_id(iri) == odd


def test_base_is_configurable():
    g = to_rdf(committee(), base="https://example.org/kg/")
    assert (URIRef("https://example.org/kg/body:bcd"), RDF.type, GOVKG.SteeringCommittee) in g
    assert not any(str(s).startswith("https://govkg.org/id/") for s in g.subjects())
    with pytest.raises(ConfigError):
        to_rdf(committee(), base="https://example.org/kg")


@pytest.mark.parametrize("fmt", ["ttl", "nt", "jsonld"])
def test_round_trip_is_isomorphic(fmt):
    g = to_rdf(committee())
    text = serialize(g, fmt)
    assert isomorphic(parse(text, fmt), g)


def test_turtle_parses_cleanly_with_rdflib(caplog):
    text = serialize(committee(), "ttl")
    with caplog.at_level(logging.WARNING):
        g = Graph().parse(data=text, format="turtle")
    assert caplog.records == []
    assert len(g) == len(to_rdf(committee()))
    assert "@prefix govkg: <https://govkg.org/ontology#>" in text


def test_jsonld_is_compacted_with_the_context():
    doc = json.loads(serialize(committee(), "jsonld"))
    assert doc["@context"]["govkg"] == "https://govkg.org/ontology#"
    by_id = {item["@id"]: item for item in doc["@graph"]}
    wg = by_id[str(node_iri("body:tct1"))]
    assert wg["PART_OF"] == str(node_iri("body:bcd"))
    assert set(wg["@type"]) == {"Body", "WorkingGroup"}


def test_unknown_format_is_a_config_error():
    with pytest.raises(ConfigError, match="unknown RDF format"):
        serialize(committee(), "rdfxml-ish")


def test_ntriples_fast_path_gives_the_same_graph():
    f = committee()
    f.nodes["body:bcd"].props[Prop.nameEn] = 'Steering "Committee"\nof the ward'
    g = Graph().parse(data=to_ntriples(f), format="nt")
    assert isomorphic(g, to_rdf(f))
    assert set(to_triples(f)) == set(to_rdf(f))


# --------------------------------------------------------------------------- folded inferred edges
def _two_charters_imply_one_link() -> Facts:
    """The committee, and a second charter that implies the same SUBORDINATE_TO as the first."""
    f = committee()
    f.add_node(Node("charter:001", (Label.Charter,), {"number": "04/QĐ-BCĐ", "status": "signed"}))
    f.add_node(Node("body:nat", (Label.Body, Label.SteeringCommittee), {"name": "Ban Chỉ đạo Trung ương", "status": "referenced"}))
    for charter, provision, rule, quote, start in (
        (CHARTER, "quy-che/dieu-9", "hierarchy.gazetteer", "", 0),
        ("charter:001", "can-cu/2", "hierarchy.cited_committee", "Quyết định số 730/QĐ-TTg", 12),
    ):
        f.add_edge(fold_edge(Edge(Rel.SUBORDINATE_TO, "body:bcd", "body:nat", {
            Prop.charter: charter, Prop.provision: provision, Prop.rule: rule, Prop.quote: quote,
            Prop.quoteStart: start, Prop.quoteEnd: start + len(quote), Prop.confidence: 0.7, Prop.inferred: True})))
    return f


def test_a_folded_edge_is_one_statement_with_its_evidence_and_conforms():
    f = _two_charters_imply_one_link()
    (edge,) = f.edges_of(Rel.SUBORDINATE_TO)
    g = to_rdf(f)
    assert validate(g).conforms
    st = node_iri(edge.id)
    assert set(g.objects(st, GOVKG.charter)) == {node_iri(CHARTER), node_iri("charter:001")}
    entries = sorted(g.objects(st, GOVKG.evidence))
    assert len(entries) == 2 and all((e, RDF.type, GOVKG.Evidence) in g for e in entries)
    rules = {str(g.value(e, GOVKG.rule)): g.value(e, GOVKG.quote) for e in entries}
    assert rules == {"hierarchy.gazetteer": None, "hierarchy.cited_committee": Literal("Quyết định số 730/QĐ-TTg")}
    assert g.value(st, GOVKG.provision) is None and g.value(st, GOVKG.quote) is None


def test_a_folded_edge_mapped_charter_by_charter_gives_the_evidence_of_the_union():
    # a bulk build maps each charter's facts on its own: each entry must stay its own node,
    # not share "evidence 0" with every other charter's entry (a cross product of charters,
    # provisions and quotes that made the national SPARQL chain take seconds)
    f = _two_charters_imply_one_link()
    (edge,) = f.edges_of(Rel.SUBORDINATE_TO)
    per_charter = set()
    for charter in edge.props[Prop.charters]:
        part = Facts()
        for node in f.nodes.values():
            part.add_node(node)
        part.add_edge(keep_evidence(edge, lambda c, charter=charter: c == charter))
        per_charter |= set(to_triples(part))
    evidence_of = {t for t in to_triples(f) if "/evidence/" in str(t[0]) or t[1] == GOVKG.evidence}
    assert evidence_of == {t for t in per_charter if "/evidence/" in str(t[0]) or t[1] == GOVKG.evidence}


def test_a_folded_edge_without_a_rule_on_its_evidence_is_a_violation():
    f = _two_charters_imply_one_link()
    (edge,) = f.edges_of(Rel.SUBORDINATE_TO)
    edge.props[Prop.rules] = ["", edge.props[Prop.rules][1]]
    assert "exactly one extraction rule" in str(violation(f))
