"""FollowTheMoney export: entities as JSON lines, and the statement table with each value's origin.

The mapping (schema names and property names are FtM's, ``followthemoney`` 4):

==========================  ==================================================================
govkg                       FtM
==========================  ==================================================================
a body                      ``PublicBody`` (party committees, mass organizations and community
                            groups: ``Organization``), ``name``, ``alias``, ``classification``,
                            ``jurisdiction`` = ``vn``, ``parent`` (``PART_OF``)
a post                      ``Position``: ``name``, ``organization`` (``POST_IN``), ``country``
a person                    ``Person``: ``name``
``HOLDS`` (person → post)   ``Occupancy``: ``holder``, ``post``, ``startDate``/``endDate``
``PART_OF`` (body → body)   ``Membership``: ``member``, ``organization``, ``role``
any other relation between  ``UnknownLink``: ``subject``, ``object``, ``role`` = the govkg type
two exported entities       (``HELD_EX_OFFICIO_BY``, ``REPORTS_TO``, ``DELEGATES_TO``,
                            ``ACTS_FOR``, ``DIRECTS``, …): FtM has no schema for them, and
                            ``Occupancy.holder`` must be a ``Person``, so a post held ex officio
                            by another post is a link too
==========================  ==================================================================

Charters, provisions, legal documents and administrative units are not exported as entities;
they are the ``origin`` of every statement. Each relation entity carries its clause in
``recordId`` (``<charter id>#<provision ref>``), its quote in ``summary`` and the charter's
validity in ``startDate``/``endDate``. An entity that absorbed others through a judgement lists
their ids in ``referents`` (the nomenklatura convention for canonical entities).

The statement table (:func:`to_statements`) has FtM's CSV columns (``id, entity_id,
canonical_id, prop, prop_type, schema, value, dataset, lang, original_value, external,
first_seen, last_seen, origin``) and a last column ``quote``: one row per property value,
``origin`` the charter and clause it comes from.

Examples
--------
>>> from govkg.ontology.facts import Edge, Facts, Node
>>> f = Facts()
>>> _ = f.add_node(Node("ch", ("Charter",), {"number": "03/QĐ-BCĐ", "validFrom": "2026-07-01"}))
>>> _ = f.add_node(Node("c", ("Body", "SteeringCommittee"), {"name": "Ban Chỉ đạo"}))
>>> _ = f.add_node(Node("p", ("Post",), {"name": "Trưởng Ban", "role": "Chair"}))
>>> _ = f.add_edge(Edge("POST_IN", "p", "c", {"charter": "ch", "provision": "dieu-2", "quote": "Trưởng Ban", "id": "e:1"}))
>>> [(e["schema"], e["id"]) for e in to_ftm(f)]
[('PublicBody', 'c'), ('Position', 'p')]
>>> to_ftm(f)[1]["properties"]["organization"]
['c']

govkg ids become FtM ids by :func:`ftm_id` (``committee:2025/commune/06286`` →
``committee.2025.commune.06286``): FtM allows letters, digits, dots and dashes only.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from govkg.graph.export import to_facts
from govkg.graph.export_sources import Sources, charter_ref
from govkg.ontology.facts import Edge, Facts, Node
from govkg.ontology.vocab import Label, Prop, Rel

from govkg.errors import StoreError

__all__ = [
    "DATASET",
    "STATEMENT_COLUMNS",
    "UNLINKED_RELS",
    "ftm_id",
    "to_ftm",
    "to_statements",
    "write_ftm",
    "write_statements",
]

DATASET = "govkg"
COUNTRY = "vn"
# FtM's statement CSV columns, then the quote that grounds the value
STATEMENT_COLUMNS = (
    "id",
    "entity_id",
    "canonical_id",
    "prop",
    "prop_type",
    "schema",
    "value",
    "dataset",
    "lang",
    "original_value",
    "external",
    "first_seen",
    "last_seen",
    "origin",
    "quote",
)
_ORGANIZATION_KINDS = {Label.PartyCommittee.value, Label.MassOrganization.value, Label.CommunityGroup.value}
# relations with no FtM schema of their own: exported as UnknownLink (role = the govkg type)
UNLINKED_RELS: frozenset[str] = frozenset(
    r.value
    for r in Rel
    if r not in (Rel.POST_IN, Rel.HOLDS, Rel.PART_OF, Rel.HAS_PROVISION)
)
# FtM property types of the properties written here (for the statement table's prop_type)
_PROP_TYPES = {
    "name": "name",
    "alias": "name",
    "classification": "string",
    "jurisdiction": "country",
    "country": "country",
    "parent": "entity",
    "organization": "entity",
    "holder": "entity",
    "post": "entity",
    "member": "entity",
    "subject": "entity",
    "object": "entity",
    "role": "string",
    "startDate": "date",
    "endDate": "date",
    "summary": "text",
    "recordId": "string",
    "description": "text",
}


def _schema_of(node: Node) -> str | None:
    if Label.Body in node.labels:
        return "Organization" if node.kind in _ORGANIZATION_KINDS else "PublicBody"
    if Label.Post in node.labels:
        return "Position"
    if Label.Person in node.labels:
        return "Person"
    return None


_NOT_ID = re.compile(r"[^0-9A-Za-z.\-]+")


def ftm_id(govkg_id: str) -> str:
    """The FtM id of a govkg id: FtM ids hold letters, digits, ``.`` and ``-`` only.

    >>> ftm_id("committee:2025/commune/06286"), ftm_id("body:cong-an~1a2b")
    ('committee.2025.commune.06286', 'body.cong-an.1a2b')
    """
    return _NOT_ID.sub(".", govkg_id).strip(".-")


def _relation_id(edge: Edge) -> str:
    return ftm_id(f"rel:{edge.props.get(Prop.id) or edge.id}")


class _Builder:
    """Entities with, for each property value, where it comes from (for the statement table)."""

    def __init__(self, facts: Facts):
        self.facts = facts
        self.src = Sources(facts)
        self.entities: dict[str, dict[str, Any]] = {}
        # (entity id, prop, value) -> (origin, quote)
        self.origins: dict[tuple[str, str, str], tuple[str, str]] = {}

    def add(self, entity_id: str, prop: str, value: Any, origin: tuple[str, str]) -> None:
        if value in (None, ""):
            return
        value = str(value)
        values = self.entities[entity_id]["properties"].setdefault(prop, [])
        if value not in values:
            values.append(value)
            self.origins[(entity_id, prop, value)] = origin

    def node_origin(self, node_id: str) -> tuple[str, str]:
        sources = self.src.of_node(node_id)
        if not sources:
            return ("", "")
        s = next((x for x in sources if x.get("quote")), sources[0])
        return (charter_ref(s["charter"], s.get("provision")), s.get("quote") or "")

    def edge_origin(self, edge: Edge) -> tuple[str, str]:
        s = self.src.of_edge(edge)
        return (charter_ref(s["charter"], s.get("provision")), s.get("quote") or "")

    def entity(self, entity_id: str, schema: str) -> dict[str, Any]:
        return self.entities.setdefault(entity_id, {"id": entity_id, "schema": schema, "properties": {}})

    def relation(self, edge: Edge, schema: str, props: dict[str, Any]) -> None:
        rid = _relation_id(edge)
        self.entity(rid, schema)
        origin = self.edge_origin(edge)
        for prop, value in props.items():
            self.add(rid, prop, value, origin)
        start, end = self.src.validity(edge)
        self.add(rid, "startDate", start, origin)
        self.add(rid, "endDate", end, origin)
        self.add(rid, "recordId", origin[0], origin)
        self.add(rid, "summary", edge.props.get(Prop.quote), origin)


def _build(source: Any) -> _Builder:
    facts = to_facts(source)
    b = _Builder(facts)
    exported: dict[str, str] = {}
    for node in sorted(facts.nodes.values(), key=lambda n: n.id):
        schema = _schema_of(node)
        if schema is None:
            continue
        exported[node.id] = schema
        fid = ftm_id(node.id)
        if fid in b.entities:
            raise StoreError(f"two govkg ids give the FtM id {fid!r}", subject=node.id)
        ent = b.entity(fid, schema)
        origin = b.node_origin(node.id)
        b.add(fid, "name", node.props.get(Prop.name.value), origin)
        for alias in node.props.get(Prop.aliases.value, []):
            b.add(fid, "alias", alias, origin)
        if schema in ("PublicBody", "Organization"):
            b.add(fid, "classification", node.kind, origin)
            b.add(fid, "jurisdiction", COUNTRY, origin)
        elif schema == "Position":
            b.add(fid, "country", COUNTRY, origin)
        replaced = node.props.get(Prop.replacedIds.value, [])
        if replaced:
            ent["referents"] = sorted(ftm_id(r) for r in replaced)
    for edge in sorted(facts.edges, key=lambda e: str(e.props.get(Prop.id) or e.id)):
        s, t = exported.get(edge.source), exported.get(edge.target)
        if s is None or t is None:
            continue
        if edge.source == edge.target:
            continue  # FtM refuses a link from an entity to itself
        origin = b.edge_origin(edge)
        src, dst = ftm_id(edge.source), ftm_id(edge.target)
        if edge.type == Rel.POST_IN and s == "Position" and t in ("PublicBody", "Organization"):
            b.add(src, "organization", dst, origin)
        elif edge.type == Rel.HOLDS and s == "Person" and t == "Position":
            b.relation(edge, "Occupancy", {"holder": src, "post": dst})
        elif edge.type == Rel.PART_OF and s in ("PublicBody", "Organization") and t in ("PublicBody", "Organization"):
            b.add(src, "parent", dst, origin)
            b.relation(edge, "Membership", {"member": src, "organization": dst, "role": edge.type})
        elif edge.type in UNLINKED_RELS:
            b.relation(edge, "UnknownLink", {"subject": src, "object": dst, "role": edge.type})
    return b


def to_ftm(source: Any) -> list[dict[str, Any]]:
    """FtM entities (``id``, ``schema``, ``properties``; ``referents`` when a merge retired ids) from Facts or a store."""
    return list(_build(source).entities.values())


def _statement_id(entity_id: str, prop: str, value: str) -> str:
    # FtM's statement key: dataset, entity, property and value
    key = f"{DATASET}.{entity_id}.{prop}.{value}"
    return hashlib.sha1(key.encode("utf-8")).hexdigest()


def to_statements(source: Any) -> Iterator[dict[str, str]]:
    """One row per property value (plus each entity's ``id`` row), with ``origin`` and ``quote``."""
    b = _build(source)
    for ent in b.entities.values():
        eid, schema = ent["id"], ent["schema"]
        first = b.origins.get(next(((eid, p, v[0]) for p, v in ent["properties"].items() if v), ("", "", "")), ("", ""))
        rows = [("id", "id", eid, first)]
        for prop, values in ent["properties"].items():
            rows.extend((prop, _PROP_TYPES.get(prop, "string"), v, b.origins[(eid, prop, v)]) for v in values)
        for prop, prop_type, value, (origin, quote) in rows:
            yield {
                "id": _statement_id(eid, prop, value),
                "entity_id": eid,
                "canonical_id": eid,
                "prop": prop,
                "prop_type": prop_type,
                "schema": schema,
                "value": value,
                "dataset": DATASET,
                "lang": "",
                "original_value": "",
                "external": "false",
                "first_seen": "",
                "last_seen": "",
                "origin": origin,
                "quote": quote,
            }


def write_ftm(source: Any, path: str | Path | None = None) -> str:
    """FtM entities as JSON lines; written to ``path`` when given."""
    text = "".join(json.dumps(e, ensure_ascii=False, sort_keys=True) + "\n" for e in to_ftm(source))
    if path is not None:
        Path(path).write_text(text, encoding="utf-8")
    return text


def write_statements(source: Any, path: str | Path | None = None) -> str:
    """The statement table as CSV (UTF-8); written to ``path`` when given."""
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=list(STATEMENT_COLUMNS), lineterminator="\n")
    writer.writeheader()
    for row in to_statements(source):
        writer.writerow(row)
    text = buf.getvalue()
    if path is not None:
        Path(path).write_text(text, encoding="utf-8")
    return text
