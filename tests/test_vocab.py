"""ontology/govkg.ttl, shapes.ttl, context.jsonld and the .rq files agree with ontology/vocab.py, both ways."""

from __future__ import annotations

import json
import logging
import re
from importlib.resources import files

import pytest
from govkg.ontology.rdf import ELI
from govkg.ontology.vocab import (
    BODY_KINDS,
    CHAIN_RELS,
    DOCUMENT_RELS,
    GOVERNANCE_RELS,
    GOVKG,
    NS,
    STRUCTURE_RELS,
    Label,
    Level,
    Prop,
    Rel,
    Role,
    Status,
)
from rdflib import RDF, RDFS, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import DCTERMS, FOAF, ORG, OWL, PROV, SDO, SH, SKOS

ONTOLOGY = files("govkg.ontology")
DECLARING_TYPES = (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, SKOS.Concept, SKOS.ConceptScheme)


@pytest.fixture(scope="module")
def onto() -> Graph:
    return Graph().parse(data=ONTOLOGY.joinpath("govkg.ttl").read_text(encoding="utf-8"), format="turtle")


@pytest.fixture(scope="module")
def shapes() -> Graph:
    return Graph().parse(data=ONTOLOGY.joinpath("shapes.ttl").read_text(encoding="utf-8"), format="turtle")


def declared(g: Graph) -> set[str]:
    """Local names of the govkg: terms govkg.ttl declares."""
    return {
        str(s)[len(NS) :] for t in DECLARING_TYPES for s in g.subjects(RDF.type, t) if str(s).startswith(NS)
    }


def one_of(g: Graph, prop: URIRef) -> set[str]:
    return {str(v) for v in Collection(g, g.value(g.value(prop, RDFS.range), OWL.oneOf))}


def test_every_vocab_term_is_declared(onto):
    assert set(GOVKG.__annotations__) - declared(onto) == set()


def test_every_declared_term_is_in_vocab(onto):
    assert declared(onto) - set(GOVKG.__annotations__) == set()


def test_enums_are_declared_with_the_right_kind(onto):
    for label in Label:
        assert (GOVKG[label], RDF.type, OWL.Class) in onto, label
    for rel in Rel:
        assert (GOVKG[rel], RDF.type, OWL.ObjectProperty) in onto, rel
    for prop in Prop:
        kinds = set(onto.objects(GOVKG[prop], RDF.type))
        assert kinds & {OWL.ObjectProperty, OWL.DatatypeProperty}, prop


def test_enum_values_are_declared_as_value_lists(onto):
    assert one_of(onto, GOVKG.role) == {r.value for r in Role}
    assert one_of(onto, GOVKG.level) == {v.value for v in Level}
    assert one_of(onto, GOVKG.status) == {s.value for s in Status}
    assert one_of(onto, GOVKG.codeSystem) == {"2025", "legacy"}


def test_each_role_is_a_skos_concept_of_the_scheme(onto):
    for role in Role:
        concept = GOVKG[role]
        assert (concept, RDF.type, SKOS.Concept) in onto
        assert (concept, SKOS.inScheme, GOVKG.RoleScheme) in onto
        assert onto.value(concept, SKOS.notation) == Literal(role.value)
        langs = {v.language for v in onto.objects(concept, SKOS.prefLabel)}
        assert {"vi", "en"} <= langs, role
    assert onto.value(GOVKG.Chair, SKOS.prefLabel) is not None
    assert Literal("Trưởng Ban", lang="vi") in set(onto.objects(GOVKG.Chair, SKOS.prefLabel))
    assert Literal("Phó Trưởng Ban Thường trực", lang="vi") in set(
        onto.objects(GOVKG.StandingViceChair, SKOS.prefLabel)
    )
    assert Literal("Tổ trưởng", lang="vi") in set(onto.objects(GOVKG.GroupLeader, SKOS.prefLabel))


def test_every_class_and_property_has_vi_and_en_labels_and_a_comment(onto):
    missing = []
    for kind in (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty):
        for term in onto.subjects(RDF.type, kind):
            if not str(term).startswith(NS):
                continue
            langs = {v.language for v in onto.objects(term, RDFS.label)}
            if not {"vi", "en"} <= langs or onto.value(term, RDFS.comment) is None:
                missing.append(str(term))
    assert missing == []


def test_ontology_header(onto):
    ontology = URIRef("https://govkg.org/ontology")
    assert (ontology, RDF.type, OWL.Ontology) in onto
    assert onto.value(ontology, OWL.versionInfo) is not None


@pytest.mark.parametrize(
    ("s", "p", "o"),
    [
        (GOVKG.SteeringCommittee, RDFS.subClassOf, ORG.OrganizationalCollaboration),
        (GOVKG.WorkingGroup, RDFS.subClassOf, ORG.OrganizationalUnit),
        (GOVKG.SupportGroup, RDFS.subClassOf, ORG.OrganizationalUnit),
        (GOVKG.StandingBoard, RDFS.subClassOf, ORG.OrganizationalUnit),
        (GOVKG.AdvisoryCouncil, RDFS.subClassOf, ORG.OrganizationalUnit),
        (GOVKG.Body, RDFS.subClassOf, ORG.Organization),
        (GOVKG.Post, RDFS.subClassOf, ORG.Post),
        (GOVKG.POST_IN, OWL.equivalentProperty, ORG.postIn),
        (GOVKG.HOLDS, OWL.equivalentProperty, ORG.holds),
        (GOVKG.REPORTS_TO, RDFS.subPropertyOf, ORG.reportsTo),
        (GOVKG.PART_OF, RDFS.subPropertyOf, ORG.subOrganizationOf),
        (GOVKG.Person, RDFS.subClassOf, FOAF.Person),
        (GOVKG.Person, RDFS.subClassOf, SDO.Person),
        (GOVKG.Charter, RDFS.subClassOf, ELI.LegalResource),
        (GOVKG.Provision, RDFS.subClassOf, ELI.LegalResourceSubdivision),
        (GOVKG.BASED_ON, RDFS.subPropertyOf, ELI.based_on),
        (GOVKG.REPLACES, RDFS.subPropertyOf, DCTERMS.replaces),
        (GOVKG.issuedOn, RDFS.subPropertyOf, ELI.date_document),
        (GOVKG.DelegationRule, RDFS.subClassOf, PROV.Delegation),
        (GOVKG.cadence, RDFS.subPropertyOf, SDO.repeatFrequency),
        (GOVKG.dayOfMonth, RDFS.subPropertyOf, SDO.byMonthDay),
        (GOVKG.months, RDFS.subPropertyOf, SDO.byMonth),
        (GOVKG.quote, RDFS.subPropertyOf, PROV.value),
        (GOVKG.Role, RDFS.subClassOf, ORG.Role),
    ],
)
def test_alignments(onto, s, p, o):
    assert (s, p, o) in onto


def test_body_kinds_are_bodies(onto):
    for kind in BODY_KINDS:
        assert (GOVKG[kind], RDFS.subClassOf, GOVKG.Body) in onto


def test_rel_families_partition_rel():
    assert STRUCTURE_RELS | GOVERNANCE_RELS | DOCUMENT_RELS == set(Rel)
    assert not (
        STRUCTURE_RELS & GOVERNANCE_RELS or STRUCTURE_RELS & DOCUMENT_RELS or GOVERNANCE_RELS & DOCUMENT_RELS
    )
    assert set(CHAIN_RELS) <= STRUCTURE_RELS | GOVERNANCE_RELS


def test_a_misspelt_term_fails_loudly():
    with pytest.raises(AttributeError):
        _ = GOVKG.SteringCommittee
    with pytest.raises(AttributeError):
        _ = GOVKG.REPORT_TO
    with pytest.raises(KeyError):
        _ = Rel["REPORT_TO"]
    with pytest.raises(ValueError):
        Role("Chairman")


def test_turtle_files_parse_without_warnings(caplog):
    with caplog.at_level(logging.WARNING):
        for name in ("govkg.ttl", "shapes.ttl"):
            assert (
                len(Graph().parse(data=ONTOLOGY.joinpath(name).read_text(encoding="utf-8"), format="turtle"))
                > 100
            )
    assert caplog.records == []


def test_shapes_use_only_declared_terms(onto, shapes):
    names = declared(onto)
    used = {
        str(t)[len(NS) :]
        for triple in shapes
        for t in triple
        if isinstance(t, URIRef) and str(t).startswith(NS)
    }
    sparql = " ".join(str(q) for q in shapes.objects(None, SH.select))
    used |= set(re.findall(r"govkg:(\w+)", sparql))
    assert used - names == set()


def test_shape_value_lists_match_the_enums(shapes):
    lists = [{str(v) for v in Collection(shapes, node)} for node in shapes.objects(None, SH["in"])]
    assert {r.value for r in Role} in lists
    assert {GOVKG[r] for r in Role} in [{URIRef(v) for v in one} for one in lists]
    assert {v.value for v in Level} in lists
    assert {"defined", "referenced"} in lists and {"signed", "draft", "partial"} in lists
    assert {str(GOVKG[k]) for k in BODY_KINDS} in lists


def test_named_queries_use_only_declared_terms(onto):
    names = declared(onto)
    folder = files("govkg.graph").joinpath("queries")
    texts = [p.read_text(encoding="utf-8") for p in folder.iterdir() if p.name.endswith(".rq")]
    assert len(texts) == 5
    used = {m for text in texts for m in re.findall(r"govkg:(\w+)", text)}
    assert used and used - names == set()


def test_context_maps_every_term():
    ctx = json.loads(ONTOLOGY.joinpath("context.jsonld").read_text(encoding="utf-8"))["@context"]
    for name in GOVKG.__annotations__:
        entry = ctx[name]
        iri = entry["@id"] if isinstance(entry, dict) else entry
        assert iri == f"govkg:{name}", name
    for rel in Rel:
        assert ctx[rel]["@type"] == "@id"
    assert ctx["govkg"] == NS
