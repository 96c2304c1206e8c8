"""The RDF mapping: Facts → an rdflib Graph, validated with SHACL, serialised as Turtle, N-Triples or JSON-LD.

Every node becomes ``<base + percent-encoded id>`` typed with its labels and carrying
``govkg:id``. Every edge is written twice:

- as a direct triple ``s govkg:REPORTS_TO o``, for fast traversal and property paths;
- as an ``rdf:Statement`` at ``<base + edge id>`` (also typed ``govkg:StructureStatement``,
  ``govkg:GovernanceStatement`` or ``govkg:DocumentStatement``) carrying all the edge's
  properties, ``prov:wasDerivedFrom`` its Provision, and the provenance quote.

``DELEGATES_TO``/``ACTS_FOR`` edges are qualified by a ``govkg:DelegationRule`` at
``<statement>/delegation``; ``REPORTS_TO`` edges by a ``govkg:ReportingObligation`` at
``<statement>/obligation`` with a ``schema:Schedule`` at ``<statement>/schedule``.
A ``/`` in an IRI after the base is always one the mapping minted: ids are encoded with
``/`` as ``%2F``, so minted IRIs never collide with node IRIs.

``to_rdf`` only maps; it does not judge. ``validate`` judges with ``shapes.ttl``.

Examples
--------
>>> from govkg.ontology.facts import Edge, Facts, Node
>>> from govkg.ontology.vocab import Label, Rel
>>> f = Facts()
>>> _ = f.add_node(Node("body:bcd", (Label.Body, Label.SteeringCommittee), {"name": "Ban Chỉ đạo", "status": "referenced"}))
>>> _ = f.add_node(Node("post:chair", (Label.Post,), {"role": "Chair"}))
>>> _ = f.add_node(Node("charter:c1", (Label.Charter,), {"status": "signed"}))
>>> _ = f.add_edge(Edge(Rel.POST_IN, "post:chair", "body:bcd", {"charter": "charter:c1",
...     "provision": "quy-che/dieu-5", "quote": "Trưởng Ban Chỉ đạo", "rule": "posts.chair"}))
>>> g = to_rdf(f)
>>> node_iri("post:chair")
rdflib.term.URIRef('https://govkg.org/id/post:chair')
>>> (node_iri("post:chair"), GOVKG.POST_IN, node_iri("body:bcd")) in g
True
>>> validate(g).conforms
True
>>> iri_to_id(node_iri("body:a/b c"))
'body:a/b c'
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cache
from importlib.resources import files
from typing import Any
from urllib.parse import quote, unquote

from rdflib import RDF, XSD, Graph, Literal, Namespace, URIRef
from rdflib.collection import Collection
from rdflib.namespace import DCTERMS, FOAF, ORG, OWL, PROV, RDFS, SDO, SH, SKOS
from rdflib.plugins.serializers.nt import _nt_row
from rdflib.term import Node as RdfNode

from govkg.errors import ConfigError, ValidationError
from govkg.ontology.facts import EVIDENCE_KEYS, Edge, Facts, evidence, is_folded
from govkg.ontology.vocab import (
    DOCUMENT_RELS,
    GOVERNANCE_RELS,
    GOVKG,
    NS,
    STRUCTURE_RELS,
    Label,
    Prop,
    Rel,
    Role,
)

__all__ = [
    "DEFAULT_BASE",
    "ELI",
    "FORMATS",
    "PREFIXES",
    "Triple",
    "ValidationResult",
    "context",
    "graph_of",
    "iri_to_id",
    "node_iri",
    "ontology_graph",
    "parse",
    "serialize",
    "shapes_graph",
    "to_ntriples",
    "to_rdf",
    "to_triples",
    "validate",
]

DEFAULT_BASE = "https://govkg.org/id/"
ELI = Namespace("http://data.europa.eu/eli/ontology#")
GSH = Namespace("https://govkg.org/shapes#")

#: accepted ``fmt`` names → rdflib format names
FORMATS: dict[str, str] = {
    "ttl": "turtle",
    "turtle": "turtle",
    "nt": "nt",
    "ntriples": "nt",
    "jsonld": "json-ld",
    "json-ld": "json-ld",
}

_INT_PROPS = frozenset({Prop.start, Prop.end, Prop.quoteStart, Prop.quoteEnd, Prop.dayOfMonth, Prop.months})
_DATE_PROPS = frozenset({Prop.issuedOn, Prop.validFrom, Prop.validTo, Prop.established})
_DURATION_PROPS = frozenset({Prop.cadence, Prop.meetingCadence})
_NODE_PROPS = frozenset({Prop.charter, Prop.via})  # values are node ids → IRIs
_DELEGATION_RELS = frozenset({Rel.DELEGATES_TO, Rel.ACTS_FOR})
_ROLES = frozenset(Role)

# The SHACL regex plus "at least one component": "P" alone is not a duration.
_DURATION = re.compile(r"^P(?=\d)(\d+Y)?(\d+M)?(\d+W)?(\d+D)?$")
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_YEAR_MONTH = re.compile(r"^\d{4}-\d{2}$")
_YEAR = re.compile(r"^\d{4}$")

_STATEMENT_CLASS: dict[Rel, URIRef] = {
    **{r: GOVKG.StructureStatement for r in STRUCTURE_RELS},
    **{r: GOVKG.GovernanceStatement for r in GOVERNANCE_RELS},
    **{r: GOVKG.DocumentStatement for r in DOCUMENT_RELS},
}

PREFIXES = {
    "govkg": NS,
    "gsh": str(GSH),
    "org": str(ORG),
    "prov": str(PROV),
    "skos": str(SKOS),
    "dct": str(DCTERMS),
    "eli": str(ELI),
    "foaf": str(FOAF),
    "schema": str(SDO),
    "owl": str(OWL),
    "rdf": str(RDF),
    "rdfs": str(RDFS),
    "xsd": str(XSD),
}


# ---------------------------------------------------------------- IRIs


def _check_base(base: str) -> str:
    if not base.endswith(("/", "#")) or ":" not in base:
        raise ConfigError(f"RDF base must be an absolute IRI ending in / or #, got {base!r}")
    return base


def node_iri(node_id: str, base: str = DEFAULT_BASE) -> URIRef:
    """The IRI of a node or edge id: the id percent-encoded under ``base``.

    ``:`` and ``~`` stay readable; ``/``, spaces, ``#``, ``%`` and non-ASCII are encoded, so
    the mapping is injective and reversible with :func:`iri_to_id`.

    >>> node_iri("body:công-an~1a2b")
    rdflib.term.URIRef('https://govkg.org/id/body:c%C3%B4ng-an~1a2b')
    >>> node_iri("x", "https://example.org/kg#")
    rdflib.term.URIRef('https://example.org/kg#x')
    """
    return URIRef(_check_base(base) + quote(node_id, safe=":~"))


def iri_to_id(iri: str, base: str = DEFAULT_BASE) -> str:
    """The node or edge id an IRI stands for (the IRI itself if it is not under ``base``).

    >>> iri_to_id("https://govkg.org/id/post:chair")
    'post:chair'
    >>> iri_to_id("https://govkg.org/ontology#Chair")
    'https://govkg.org/ontology#Chair'
    """
    iri = str(iri)
    return unquote(iri[len(base) :]) if iri.startswith(base) else iri


def _term(name: str, what: str, allowed: Any, subject: str, path: str | None) -> URIRef:
    """``GOVKG[name]`` for a name of the given enum, else a typed error naming the subject."""
    if name not in allowed:
        raise ValidationError(f"{subject}: unknown {what} {name!r} (not in ontology/vocab.py)", path=path)
    return GOVKG[name]


# ---------------------------------------------------------------- literals


def _literal(prop: str, value: Any, subject: str, path: str | None) -> Literal:
    """A typed literal. Strings are typed only when well-formed, so SHACL reports the rest."""
    if isinstance(value, bool):  # before int: bool is an int
        return Literal(value)
    if isinstance(value, int):
        return Literal(value, datatype=XSD.integer)
    if isinstance(value, float | Decimal):
        return Literal(Decimal(str(value)), datatype=XSD.decimal)
    if isinstance(value, dt.datetime):
        return Literal(value.isoformat(), datatype=XSD.dateTime)
    if isinstance(value, dt.date):
        return Literal(value.isoformat(), datatype=XSD.date)
    if isinstance(value, str):
        if prop in _DATE_PROPS:
            for pattern, datatype in ((_DATE, XSD.date), (_YEAR_MONTH, XSD.gYearMonth), (_YEAR, XSD.gYear)):
                if pattern.match(value):
                    return Literal(value, datatype=datatype)
        elif prop in _DURATION_PROPS and _DURATION.match(value):
            return Literal(value, datatype=XSD.duration)
        return Literal(value)
    raise ValidationError(
        f"{subject}: property {prop!r} has a value of unsupported type {type(value).__name__}", path=path
    )


def _values(value: Any) -> list[Any]:
    """The values a property stands for: lists and sets spread, empty values dropped."""
    items = sorted(value, key=str) if isinstance(value, set | frozenset) else value
    items = list(items) if isinstance(items, list | tuple) else [items]
    return [v for v in items if v is not None and v != ""]


# ---------------------------------------------------------------- mapping


def _evidence_key(entry: dict[str, Any]) -> str:
    """A short digest of one evidence entry's charter, provision, rule and quote span."""
    raw = "|".join(str(entry.get(k)) for k in (Prop.charter, Prop.provision, Prop.rule, Prop.quoteStart, Prop.quoteEnd))
    return hashlib.blake2b(raw.encode("utf-8"), digest_size=8).hexdigest()


class _Mapper:
    """One mapping run: the triples so far, the base and the provision index of the facts.

    Triples go to a list (rdflib's Graph.add is the slow part of a load); nothing is read
    back from it, so the store can also take them straight as N-Triples.
    """

    def __init__(self, facts: Facts, base: str):
        self.facts = facts
        self.base = _check_base(base)
        self.path = facts.path
        self.triples: list[tuple[URIRef, URIRef, RdfNode]] = []
        self._iris: dict[str, URIRef] = {}
        self._minted: set[URIRef] = set()
        self._provisions = self._index_provisions()

    def iri(self, node_id: str) -> URIRef:
        iri = self._iris.get(node_id)
        if iri is None:
            iri = self._iris[node_id] = URIRef(self.base + quote(node_id, safe=":~"))
        return iri

    def _index_provisions(self) -> dict[str, list[tuple[str, str | None]]]:
        """ref → [(provision node id, charter id or None)] from Provision nodes and HAS_PROVISION."""
        charter_of = {e.target: e.source for e in self.facts.edges if e.type == Rel.HAS_PROVISION}
        index: dict[str, list[tuple[str, str | None]]] = {}
        for node in self.facts.nodes_with(Label.Provision):
            ref = node.props.get(Prop.ref)
            if ref:
                index.setdefault(ref, []).append((node.id, charter_of.get(node.id)))
        return index

    def provision_iri(self, value: str, charter: str | None) -> URIRef:
        """The Provision an edge names: a node id, a ref of a Provision node, or a minted one."""
        node = self.facts.nodes.get(value)
        if node is not None and Label.Provision in node.labels:
            return self.iri(value)
        candidates = [pid for pid, ch in self._provisions.get(value, ()) if ch in (None, charter)]
        if len(candidates) == 1:
            return self.iri(candidates[0])
        # No Provision node: mint one under its charter so that provenance still resolves.
        ref = quote(value, safe="/:~")
        iri = URIRef(f"{self.iri(charter)}/{ref}" if charter else f"{self.base}_provision/{ref}")
        if iri not in self._minted:
            self._minted.add(iri)
            self.triples += [(iri, RDF.type, GOVKG.Provision), (iri, GOVKG.ref, Literal(value))]
            if charter:
                self.triples.append((self.iri(charter), GOVKG.HAS_PROVISION, iri))
        return iri

    def add_props(
        self, s: URIRef, props: dict[str, Any], subject: str, *, edge: bool = False
    ) -> dict[str, list[RdfNode]]:
        """Add the properties of a node or statement; return the objects written, by property."""
        written: dict[str, list[RdfNode]] = {}
        for key, value in props.items():
            if key == Prop.id:
                continue
            p = _term(key, "property", Prop.__members__, subject, self.path)
            objects = written.setdefault(key, [])
            for v in _values(value):
                if key == Prop.provision and edge:
                    o = self.provision_iri(str(v), props.get(Prop.charter) or self.facts.charter_id)
                    self.triples.append((s, PROV.wasDerivedFrom, o))
                elif key in _NODE_PROPS or key == Prop.provision:
                    o = self.iri(str(v))
                else:
                    o = _literal(key, v, subject, self.path)
                    if key == Prop.role and v in _ROLES:
                        self.triples.append((s, ORG.role, GOVKG[v]))
                self.triples.append((s, p, o))
                objects.append(o)
        return written

    def add_node(self, node_id: str, labels: tuple[str, ...], props: dict[str, Any]) -> None:
        s = self.iri(node_id)
        for label in labels:
            self.triples.append((s, RDF.type, _term(label, "label", Label.__members__, node_id, self.path)))
        self.triples.append((s, GOVKG.id, Literal(node_id)))
        self.add_props(s, props, node_id)

    def add_edge(self, edge: Edge) -> None:
        eid = edge.id
        p = _term(edge.type, "relationship type", Rel.__members__, eid, self.path)
        for end in (edge.source, edge.target):
            if end not in self.facts.nodes:
                raise ValidationError(
                    f"edge {eid} {edge.type}: {end!r} is not a node of the facts", path=self.path
                )
        s, o = self.iri(edge.source), self.iri(edge.target)
        st = self.iri(eid)
        self.triples += [
            (s, p, o),
            (st, RDF.type, RDF.Statement),
            (st, RDF.type, _STATEMENT_CLASS[Rel(edge.type)]),
            (st, RDF.subject, s),
            (st, RDF.predicate, p),
            (st, RDF.object, o),
            (st, GOVKG.id, Literal(eid)),
        ]
        if is_folded(edge):
            written = self._add_evidence(edge, st)
        else:
            written = self.add_props(st, edge.props, eid, edge=True)
        if edge.type in _DELEGATION_RELS:
            self._add_delegation(edge, st, s, o, written)
        elif edge.type == Rel.REPORTS_TO:
            self._add_obligation(st, s, o, written)

    def _add_evidence(self, edge: Edge, st: URIRef) -> dict[str, list[RdfNode]]:
        """A folded edge: its own properties on the statement, each charter it cites
        (``govkg:charter``), and one ``govkg:Evidence`` per entry with that entry's charter,
        provision, rule and quote (none where the rule quotes no words)."""
        eid = edge.id
        own = {k: v for k, v in edge.props.items() if k not in EVIDENCE_KEYS}
        written = self.add_props(st, own, eid, edge=True)
        for entry in evidence(edge):
            # named by what it says, not by its place in the list: the RDF of several charters'
            # facts mapped one by one (a bulk build) is then the RDF of their union
            ev = URIRef(f"{st}/evidence/{_evidence_key(entry)}")
            charter = str(entry[Prop.charter])
            self.triples += [(ev, RDF.type, GOVKG.Evidence), (st, GOVKG.evidence, ev)]
            props = {Prop.charter.value: charter, Prop.provision.value: entry[Prop.provision], Prop.rule.value: entry[Prop.rule]}
            if entry[Prop.quote]:
                props.update({k: entry[k] for k in (Prop.quote.value, Prop.quoteStart.value, Prop.quoteEnd.value)})
            self.add_props(ev, props, eid, edge=True)
            if self.iri(charter) not in written.get(Prop.charter.value, []):
                self.triples.append((st, GOVKG.charter, self.iri(charter)))
                written.setdefault(Prop.charter.value, []).append(self.iri(charter))
        return written

    def _copy(self, rule: URIRef, written: dict[str, list[RdfNode]], *props: Prop) -> None:
        for prop in props:
            self.triples += [(rule, GOVKG[prop], o) for o in written.get(prop, ())]
        self.triples += [(rule, PROV.wasDerivedFrom, o) for o in written.get(Prop.provision, ())]

    def _add_delegation(
        self, edge: Edge, st: URIRef, s: URIRef, o: URIRef, written: dict[str, list[RdfNode]]
    ) -> None:
        # DELEGATES_TO runs delegator → delegate; ACTS_FOR runs delegate → delegator.
        delegator, delegate = (s, o) if edge.type == Rel.DELEGATES_TO else (o, s)
        rule = URIRef(f"{st}/delegation")
        self.triples += [
            (rule, RDF.type, GOVKG.DelegationRule),
            (rule, GOVKG.delegator, delegator),
            (rule, GOVKG.delegate, delegate),
            (rule, GOVKG.derivedFromEdge, st),
            (delegate, PROV.qualifiedDelegation, rule),
        ]
        self._copy(rule, written, Prop.scope, Prop.condition, Prop.charter, Prop.provision)

    def _add_obligation(self, st: URIRef, s: URIRef, o: URIRef, written: dict[str, list[RdfNode]]) -> None:
        rule = URIRef(f"{st}/obligation")
        self.triples += [
            (rule, RDF.type, GOVKG.ReportingObligation),
            (rule, GOVKG.reporter, s),
            (rule, GOVKG.recipient, o),
            (rule, GOVKG.derivedFromEdge, st),
        ]
        self._copy(rule, written, Prop.via, Prop.adHoc, Prop.charter, Prop.provision)
        # schema.org's own terms on the schedule, so that consumers without RDFS reasoning see them
        schedule = URIRef(f"{st}/schedule")
        pairs = (
            (Prop.cadence, SDO.repeatFrequency),
            (Prop.dayOfMonth, SDO.byMonthDay),
            (Prop.months, SDO.byMonth),
        )
        timing = [(schedule, schema_prop, v) for prop, schema_prop in pairs for v in written.get(prop, ())]
        if timing:
            self.triples += [*timing, (schedule, RDF.type, SDO.Schedule), (rule, GOVKG.schedule, schedule)]

    def run(self) -> list[tuple[URIRef, URIRef, RdfNode]]:
        for node in self.facts.nodes.values():
            self.add_node(node.id, node.labels, node.props)
        for edge in self.facts.edges:
            self.add_edge(edge)
        return self.triples


Triple = tuple[URIRef, URIRef, RdfNode]


def to_triples(facts: Facts, base: str = DEFAULT_BASE) -> list[Triple]:
    """The triples :func:`to_rdf` puts in its graph, as a list (duplicates possible).

    Raises as :func:`to_rdf` does.
    """
    return _Mapper(facts, base).run()


def graph_of(triples: list[Triple]) -> Graph:
    """An rdflib graph of ``triples`` with the govkg prefixes bound."""
    g = Graph(bind_namespaces="none")
    for prefix, ns in PREFIXES.items():
        g.bind(prefix, ns)
    for triple in triples:
        g.add(triple)
    return g


def to_ntriples(facts: Facts | list[Triple], base: str = DEFAULT_BASE) -> bytes:
    """Facts (or their triples) as N-Triples bytes, without building an rdflib graph.

    The fast path for bulk loads (lines unsorted, duplicates possible: RDF stores read them
    as a set).

    >>> from govkg.ontology.facts import Facts, Node
    >>> f = Facts()
    >>> _ = f.add_node(Node("person:a", (Label.Person,), {"name": 'Ông "A"\\nđã ký'}))
    >>> print(to_ntriples(f).decode().splitlines()[-1])
    <https://govkg.org/id/person:a> <https://govkg.org/ontology#name> "Ông \\"A\\"\\nđã ký" .
    """
    triples = to_triples(facts, base) if isinstance(facts, Facts) else facts
    # rdflib's own N-Triples row writer: Literal.n3() would write multi-line """…""" strings
    return "".join(map(_nt_row, triples)).encode("utf-8")


def to_rdf(facts: Facts, base: str = DEFAULT_BASE) -> Graph:
    """Map facts to an rdflib Graph (deterministic: the same facts give the same triples).

    Raises
    ------
    ValidationError
        A label, relationship type or property name is not in the vocabulary, a value has
        an unsupported type, or an edge points at a node the facts do not hold.
    ConfigError
        ``base`` is not an absolute IRI ending in ``/`` or ``#``.

    Examples
    --------
    >>> from govkg.ontology.facts import Facts, Node
    >>> f = Facts()
    >>> _ = f.add_node(Node("doc:luat", (Label.LegalDocument,), {"issuedOn": "2025-06", "numberVariants": ["a", "b"]}))
    >>> g = to_rdf(f)
    >>> g.value(node_iri("doc:luat"), GOVKG.issuedOn).datatype == XSD.gYearMonth
    True
    >>> len(list(g.objects(node_iri("doc:luat"), GOVKG.numberVariants)))
    2
    >>> to_rdf(Facts(nodes={"x": Node("x", ("Bdy",))}))
    Traceback (most recent call last):
    ...
    govkg.errors.ValidationError: x: unknown label 'Bdy' (not in ontology/vocab.py)
    """
    return graph_of(to_triples(facts, base))


# ---------------------------------------------------------------- files


@cache
def _text(name: str) -> str:
    return files("govkg.ontology").joinpath(name).read_text(encoding="utf-8")


def ontology_graph() -> Graph:
    """``govkg.ttl`` parsed (a fresh graph each call)."""
    return Graph().parse(data=_text("govkg.ttl"), format="turtle")


@cache
def _shapes() -> Graph:
    return Graph().parse(data=_text("shapes.ttl"), format="turtle")


def shapes_graph() -> Graph:
    """``shapes.ttl`` parsed (a fresh graph each call)."""
    g = Graph()
    for triple in _shapes():
        g.add(triple)
    return g


def context() -> dict[str, Any]:
    """The JSON-LD context document ``context.jsonld`` (with its ``@context`` key).

    >>> context()["@context"]["REPORTS_TO"]
    {'@id': 'govkg:REPORTS_TO', '@type': '@id'}
    """
    return json.loads(_text("context.jsonld"))


# ---------------------------------------------------------------- validation


@dataclass(slots=True)
class ValidationResult:
    """What SHACL said: ``warnings`` (and ``violations`` when not raised) as dicts.

    Each dict has ``severity``, ``focus`` (a node or edge id when the focus is under the
    base), ``path``, ``message`` and ``shape``.
    """

    conforms: bool
    warnings: list[dict[str, str | None]] = field(default_factory=list)
    violations: list[dict[str, str | None]] = field(default_factory=list)
    report: str = ""


def _short(term: RdfNode | None, g: Graph) -> str | None:
    """A term or SHACL path as text: govkg and shape names bare, ``^p``, ``a/b``, ``a|b``."""
    if term is None:
        return None
    if isinstance(term, URIRef):
        for ns in (NS, str(GSH)):
            if str(term).startswith(ns):
                return str(term)[len(ns) :]
        return g.namespace_manager.normalizeUri(term)
    inverse = g.value(term, SH.inversePath)
    if inverse is not None:
        return f"^{_short(inverse, g)}"
    alternatives = g.value(term, SH.alternativePath)
    if alternatives is not None:
        return "|".join(str(_short(t, g)) for t in Collection(g, alternatives))
    if g.value(term, RDF.first) is not None:  # a sequence path is an RDF list
        return "/".join(str(_short(t, g)) for t in Collection(g, term))
    return term.n3(g.namespace_manager)


def _shape_name(shape: RdfNode, shapes: Graph) -> str | None:
    # property shapes are blank nodes: name them by the node shape that holds them
    if not isinstance(shape, URIRef):
        parent = shapes.value(None, SH.property, shape)
        shape = parent if parent is not None else shape
    return _short(shape, shapes)


def validate(
    graph: Graph, *, path: str | None = None, base: str = DEFAULT_BASE, raise_on_violation: bool = True
) -> ValidationResult:
    """Validate a data graph against ``shapes.ttl``.

    Violations raise :class:`~govkg.errors.ValidationError` (its ``report`` is the SHACL
    report text, its message names ``path``, the charter file); warnings are returned.

    Examples
    --------
    >>> from govkg.ontology.facts import Facts, Node
    >>> f = Facts(path="x.txt")
    >>> _ = f.add_node(Node("post:p", (Label.Post,), {"role": "Chair"}))
    >>> validate(to_rdf(f), path=f.path)
    Traceback (most recent call last):
    ...
    govkg.errors.ValidationError: x.txt: 1 SHACL violation(s): post:p POST_IN: a Post is POST_IN exactly one Body
    >>> validate(to_rdf(f), raise_on_violation=False).violations[0]["shape"]
    'PostShape'
    """
    from pyshacl import validate as shacl_validate  # heavy import, only when validating

    shapes = _shapes()
    _, results, text = shacl_validate(
        graph, shacl_graph=shapes, inference="none", allow_warnings=True, advanced=True, meta_shacl=False
    )
    found: dict[str, list[dict[str, str | None]]] = {"Violation": [], "Warning": [], "Info": []}
    for result in results.subjects(RDF.type, SH.ValidationResult):
        severity = str(results.value(result, SH.resultSeverity)).rsplit("#", 1)[-1]
        focus = results.value(result, SH.focusNode)
        message = results.value(result, SH.resultMessage)
        found.setdefault(severity, []).append(
            {
                "severity": severity,
                "focus": iri_to_id(focus, base) if isinstance(focus, URIRef) else str(focus),
                "path": _short(results.value(result, SH.resultPath), results),
                "message": str(message) if message is not None else None,
                "shape": _shape_name(results.value(result, SH.sourceShape), shapes),
            }
        )
    for rows in found.values():
        rows.sort(key=lambda r: (r["focus"] or "", r["path"] or "", r["message"] or ""))
    violations = found["Violation"]
    if violations and raise_on_violation:
        shown = "; ".join(f"{v['focus']} {v['path']}: {v['message']}" for v in violations[:5])
        more = f" (and {len(violations) - 5} more)" if len(violations) > 5 else ""
        raise ValidationError(f"{len(violations)} SHACL violation(s): {shown}{more}", path=path, report=text)
    return ValidationResult(not violations, found["Warning"], violations, text)


# ---------------------------------------------------------------- serialisation


def _format(fmt: str) -> str:
    try:
        return FORMATS[fmt.lower()]
    except KeyError:
        raise ConfigError(f"unknown RDF format {fmt!r}; use one of {', '.join(sorted(FORMATS))}") from None


def serialize(facts: Facts | Graph, fmt: str = "ttl", *, base: str = DEFAULT_BASE) -> str:
    """Facts (or a graph made by :func:`to_rdf`) as Turtle, N-Triples or JSON-LD text.

    JSON-LD is compacted with ``context.jsonld``, embedded in the output, so that reading it
    back needs no network.

    >>> from govkg.ontology.facts import Facts, Node
    >>> f = Facts()
    >>> _ = f.add_node(Node("person:a", (Label.Person,), {"name": "Phạm Thị Thanh Vân"}))
    >>> print(serialize(f, "nt").strip())  # doctest: +NORMALIZE_WHITESPACE
    <https://govkg.org/id/person:a> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <https://govkg.org/ontology#Person> .
    <https://govkg.org/id/person:a> <https://govkg.org/ontology#id> "person:a" .
    <https://govkg.org/id/person:a> <https://govkg.org/ontology#name> "Phạm Thị Thanh Vân" .
    >>> json.loads(serialize(f, "jsonld"))["name"]
    'Phạm Thị Thanh Vân'
    """
    rdflib_fmt = _format(fmt)
    graph = facts if isinstance(facts, Graph) else to_rdf(facts, base)
    if rdflib_fmt == "json-ld":
        return graph.serialize(format="json-ld", context=context()["@context"], auto_compact=True, indent=1)
    if rdflib_fmt == "nt":
        # sorted lines: the same facts give the same bytes (split on "\n" only: a literal may
        # hold U+2028 or U+0085, which N-Triples leaves unescaped and splitlines() splits on)
        lines = graph.serialize(format="nt").split("\n")
        return "\n".join(sorted(line for line in lines if line)) + "\n"
    return graph.serialize(format=rdflib_fmt)


def parse(data: str | bytes, fmt: str = "ttl") -> Graph:
    """Read text written by :func:`serialize` back into a graph.

    >>> from rdflib.compare import isomorphic
    >>> from govkg.ontology.facts import Facts, Node
    >>> f = Facts()
    >>> _ = f.add_node(Node("person:a", (Label.Person,), {"name": "A"}))
    >>> all(isomorphic(parse(serialize(f, x), x), to_rdf(f)) for x in ("ttl", "nt", "jsonld"))
    True
    """
    return Graph().parse(data=data, format=_format(fmt))
