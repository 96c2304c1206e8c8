"""Audit: what an inspector would question in the loaded charters, each finding with its provenance.

:func:`audit` runs every rule of :data:`RULES` on a store (or on Facts, loaded into a
throw-away embedded store first) and returns :class:`Finding` values: a severity
(``error`` | ``warning`` | ``info``), a rule id, an English message naming the bodies in
Vietnamese, the entities concerned, and the charter, provision and quote that ground it.

Most rules are one read-only Cypher statement (``Rule.cypher``, printed by
``govkg audit --rules``) that an auditor can copy into ``govkg query --cypher``; the rest
need text or the gazetteer and run in Python over query rows:

========================================  ========  ==================================================
rule                                      severity  what
========================================  ========  ==================================================
``xref.dangling``                         error     a cross-reference to a provision the charter lacks
``xref.mismatch``                         warning   the cited article is not about what the words say
``citation.replaced``                     warning   a cited act that another loaded charter replaces
``citation.superseded``                   warning   a cited act that is a loaded charter no longer in force
``citation.inconsistent_type``            warning   one act cited under two types (NĐ-CP and NQ-CP)
``citation.inconsistent_date``            info      one act cited with two different dates
``committee.no_chair``                    warning   a defined committee without a Chair post
``committee.no_standing_agency``          warning   … without a standing agency (Cơ quan thường trực)
``committee.no_meeting_cadence``          warning   … without a meeting cadence
``group.no_leader``                       warning   a defined working group nobody LEADS
``group.no_reporting_line``               warning   … with no REPORTS_TO from it, its posts or its leader
``delegation.no_scope``                   warning   a DELEGATES_TO without a scope
``delegation.no_condition``               info      a DELEGATES_TO without a condition
``reporting.cycle``                       error     REPORTS_TO edges that go round in a circle
``reporting.via_unknown``                 warning   a "qua …" channel naming a body the charter lacks
``charter.draft``                         warning   a draft (blank number or date) loaded as in force
``charter.duplicate``                     warning   two loaded charters with the same number and issuer
``locality.reformed``                     warning   a committee's locality abolished by the 2025 reform
``locality.unresolved``                   warning   a committee's locality the gazetteer cannot resolve
``shacl.<Shape>``                         (shape)   a SHACL result no rule above already reports
========================================  ========  ==================================================

SHACL's completeness warnings (``ontology/shapes.ttl``) say the same as the committee,
group and delegation rules: they are folded into those findings, and only results no rule
covers come out as ``shacl.<Shape>``.

Examples
--------
>>> from govkg.ontology.facts import Edge, Facts, Node
>>> f = Facts(charter_id="charter:q")
>>> _ = f.add_node(Node("charter:q", ("Charter",), {"status": "draft", "name": "Quy chế", "sha256": "q"}))
>>> _ = f.add_node(Node("c", ("Body", "SteeringCommittee"), {"name": "Ban Chỉ đạo xã Khánh Khê", "status": "defined",
...     "level": "commune", "locality": "xã Khánh Khê", "localityCode": "2025/commune/06286", "meetingCadence": "P3M"}))
>>> _ = f.add_edge(Edge("GOVERNS", "charter:q", "c", {"charter": "charter:q", "provision": "quy-che/dieu-1", "quote": "Ban Chỉ đạo"}))
>>> sorted({x.rule for x in audit(f, shacl=False)})
['charter.draft', 'committee.no_chair', 'committee.no_standing_agency']
"""

from __future__ import annotations

import re
import shutil
import tempfile
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import asdict, dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from govkg.graph.store import GraphStore, fold_name, split_charters
from govkg.vn import gazetteer
from govkg.loaders.crossref import heading_of, reference_topic, topic_fits
from govkg.ontology.facts import Facts
from govkg.vn.text import deaccent
from govkg.loaders.resolve import document_key
from govkg.ontology.vocab import Label, Level, Prop, Rel, Role, Status

from govkg.errors import Ambiguous, NotFound

__all__ = [
    "RULES",
    "SEVERITIES",
    "SHACL_RULES",
    "Finding",
    "Rule",
    "audit",
    "counts_by_rule",
    "resolve_charter",
]

SEVERITIES = ("error", "warning", "info")
_RANK = {s: i for i, s in enumerate(SEVERITIES)}
_ALL = 10**9  # audit reads are uncapped: a truncated audit would hide findings
_TIMEOUT = 120.0


@dataclass(frozen=True, slots=True)
class Finding:
    """One audit finding.

    ``entities`` are ``{"id", "name"}`` dicts of the nodes concerned; ``subject`` is the
    node or edge id the finding is about (what SHACL calls the focus); ``charter``,
    ``provision`` and ``quote`` are the provenance that grounds it (the citing words, the
    clause that names the committee, …).
    """

    severity: str
    rule: str
    message: str
    entities: tuple[dict[str, Any], ...] = ()
    charter: str | None = None
    provision: str | None = None
    quote: str | None = None
    subject: str | None = None

    def as_dict(self) -> dict[str, Any]:
        """Plain JSON-able dict.

        >>> Finding("info", "x.y", "m", ({"id": "a", "name": "A"},)).as_dict()["entities"]
        [{'id': 'a', 'name': 'A'}]
        """
        d = asdict(self)
        d["entities"] = [dict(e) for e in self.entities]
        return d


@dataclass(frozen=True, slots=True)
class Rule:
    """An audit rule: its id, severity, what it checks and, when it is one, its Cypher."""

    id: str
    severity: str
    title: str
    cypher: str | None = None
    shapes: tuple[str, ...] = field(default=())  # SHACL shapes that say the same thing


# --------------------------------------------------------------------------- Cypher
_GOVERNS = f"""
OPTIONAL MATCH (charter:Charter)-[g:{Rel.GOVERNS}]->(c)
RETURN c.id AS id, c.name AS name, charter.id AS charter, g.provision AS provision, g.quote AS quote
ORDER BY id, charter"""

_Q_NO_CHAIR = (
    f"""// committee.no_chair: a defined steering committee with no post of role Chair
MATCH (c:SteeringCommittee {{status: '{Status.defined}'}})
WHERE NOT EXISTS {{ MATCH (:Post {{role: '{Role.Chair}'}})-[:{Rel.POST_IN}]->(c) }}"""
    + _GOVERNS
)

_Q_NO_STANDING = (
    f"""// committee.no_standing_agency: a defined steering committee no agency is the standing agency of
MATCH (c:SteeringCommittee {{status: '{Status.defined}'}})
WHERE NOT EXISTS {{ MATCH (:Body)-[:{Rel.STANDING_AGENCY_OF}]->(c) }}"""
    + _GOVERNS
)

_Q_NO_CADENCE = (
    f"""// committee.no_meeting_cadence: a defined steering committee whose charter sets no meeting cadence
MATCH (c:SteeringCommittee {{status: '{Status.defined}'}})
WHERE c.{Prop.meetingCadence} IS NULL"""
    + _GOVERNS
)

_PART_OF = f"""
OPTIONAL MATCH (w)-[p:{Rel.PART_OF}]->(parent:Body)
RETURN w.id AS id, w.name AS name, parent.name AS parent, p.charter AS charter, p.provision AS provision, p.quote AS quote
ORDER BY id, charter"""

_Q_NO_LEADER = (
    f"""// group.no_leader: a defined working group that no post or person LEADS
MATCH (w:{Label.WorkingGroup} {{status: '{Status.defined}'}})
WHERE NOT EXISTS {{ MATCH ()-[:{Rel.LEADS}]->(w) }}"""
    + _PART_OF
)

_Q_NO_REPORTING = (
    f"""// group.no_reporting_line: a defined working group with no REPORTS_TO from itself, its posts or its leader
MATCH (w:{Label.WorkingGroup} {{status: '{Status.defined}'}})
WHERE NOT EXISTS {{ MATCH (w)-[:{Rel.REPORTS_TO}]->() }}
  AND NOT EXISTS {{ MATCH (w)<-[:{Rel.POST_IN}]-(:Post)-[:{Rel.REPORTS_TO}]->() }}
  AND NOT EXISTS {{ MATCH (w)<-[:{Rel.LEADS}]-()-[:{Rel.REPORTS_TO}]->() }}"""
    + _PART_OF
)

_Q_DELEGATIONS = f"""// delegation.no_scope / delegation.no_condition: DELEGATES_TO edges and what they state
MATCH (a)-[d:{Rel.DELEGATES_TO}]->(b)
WHERE d.{Prop.scope} IS NULL OR d.{Prop.condition} IS NULL
RETURN d.id AS edge, a.id AS a, a.name AS aName, b.id AS b, b.name AS bName,
       d.{Prop.scope} AS scope, d.{Prop.condition} AS condition,
       d.charter AS charter, d.provision AS provision, d.quote AS quote
ORDER BY edge"""

_Q_CYCLES = f"""// reporting.cycle: REPORTS_TO paths that come back to where they started
MATCH p = (a)-[:{Rel.REPORTS_TO}*1..8]->(a)
RETURN [n IN nodes(p) | n.id] AS ids, [n IN nodes(p) | n.name] AS names,
       [r IN relationships(p) | r {{.id, .charter, .provision, .quote}}] AS rels"""

_Q_VIA = f"""// reporting.via_unknown: "qua …" channels (the node each names: _Q_VIA_NODES, _Q_VIA_MENTIONS)
MATCH (a)-[r:{Rel.REPORTS_TO}]->(b)
WHERE r.{Prop.via} IS NOT NULL
RETURN r.id AS edge, a.id AS a, a.name AS aName, b.id AS b, b.name AS bName, r.{Prop.via} AS via,
       r.charter AS charter, r.provision AS provision, r.quote AS quote
ORDER BY edge"""

# Looked up apart, with MATCH on a list: grafeo answers an OPTIONAL MATCH on a value taken
# from another row (`OPTIONAL MATCH (v {{id: r.via}})`) by scanning every node, 0.2 s a row
# on the national graph, where an UNWIND + MATCH uses the id index.
_Q_VIA_NODES = """// reporting.via_unknown: the nodes the channels name
UNWIND $ids AS i
MATCH (v {id: i})
RETURN v.id AS id, v.name AS name, labels(v) AS labels"""

_Q_VIA_MENTIONS = f"""// reporting.via_unknown: what else the charter that names a channel says of it
UNWIND $pairs AS p
MATCH (v {{id: p.via}})-[e]-()
WHERE e.charter = p.charter AND type(e) <> '{Rel.REPORTS_TO}' AND e.{Prop.inferred} IS NULL
RETURN p.via AS via, p.charter AS charter, count(e) AS mentions"""

_Q_DRAFTS = f"""// charter.draft: charters loaded while still drafts (number or date left blank)
MATCH (c:Charter)
WHERE c.{Prop.status} = '{Status.draft}' AND c.sha256 IS NOT NULL
RETURN c.id AS id, c.name AS name, c.{Prop.path} AS path, c.{Prop.issuedOn} AS issuedOn,
       c.{Prop.validFrom} AS validFrom, c.{Prop.validTo} AS validTo
ORDER BY id"""

_Q_DUPLICATES = f"""// charter.duplicate: two loaded charters with the same number by the same issuer
// (the issuing body's code is part of the number; its place is the charter's locality)
MATCH (a:Charter), (b:Charter)
WHERE a.sha256 IS NOT NULL AND b.sha256 IS NOT NULL AND a.id < b.id
  AND a.{Prop.number} IS NOT NULL AND a.{Prop.number} = b.{Prop.number}
  AND coalesce(a.{Prop.locality}, '') = coalesce(b.{Prop.locality}, '')
RETURN a.id AS a, a.name AS aName, a.{Prop.path} AS aPath, b.id AS b, b.name AS bName, b.{Prop.path} AS bPath,
       a.{Prop.number} AS number, a.{Prop.locality} AS locality
ORDER BY a, b"""

_Q_REPLACED = f"""// citation.replaced: a charter cites an act that another loaded charter replaces
MATCH (a:Charter)-[cite:{Rel.BASED_ON}|{Rel.REFERS_TO}]->(d:{Label.LegalDocument})<-[r:{Rel.REPLACES}]-(n:Charter)
WHERE a.id <> n.id
RETURN a.id AS charter, a.name AS aName, a.{Prop.validTo} AS aValidTo, d.id AS doc, d.name AS docName,
       n.id AS replacer, n.name AS nName, n.{Prop.issuedOn} AS nIssued,
       cite.provision AS provision, cite.quote AS quote, r.quote AS replacesQuote
ORDER BY charter, doc"""

_Q_SUPERSEDED = f"""// citation.superseded: a charter cites an act that is a loaded charter no longer in force
MATCH (a:Charter)-[cite:{Rel.BASED_ON}|{Rel.REFERS_TO}]->(d:{Label.LegalDocument})
MATCH (old:Charter)
WHERE old.{Prop.number} = d.{Prop.number} AND old.{Prop.validTo} IS NOT NULL AND old.id <> a.id
RETURN a.id AS charter, a.name AS aName, d.id AS doc, d.name AS docName, old.id AS old,
       old.{Prop.validTo} AS validTo, cite.provision AS provision, cite.quote AS quote
ORDER BY charter, doc"""

_Q_CITATIONS = f"""// citation.inconsistent_type / citation.inconsistent_date: every citation of an act, as written
MATCH (a:Charter)-[cite:{Rel.BASED_ON}|{Rel.REPLACES}]->(d:{Label.LegalDocument})
RETURN d.id AS doc, d.name AS docName, d.{Prop.number} AS number, d.{Prop.docType} AS docType,
       d.{Prop.numberVariants} AS numberVariants, d.{Prop.docTypeVariants} AS docTypeVariants,
       a.id AS charter, cite.provision AS provision, cite.quote AS quote
ORDER BY doc, charter, provision"""

_Q_XREF_DANGLING = f"""// xref.dangling: REFERS_TO edges that did not reach the provision they cite
MATCH (s:Provision)-[r:{Rel.REFERS_TO}]->(t)
WHERE NOT t:Provision OR t.{Prop.ref} <> r.{Prop.ref}
RETURN s.id AS source, r.{Prop.ref} AS ref, r.{Prop.human} AS human, t.id AS target,
       r.charter AS charter, r.provision AS provision, r.quote AS quote
ORDER BY charter, provision"""

_Q_XREF = f"""// xref.mismatch: resolved cross-references, with the citing and cited texts
MATCH (s:Provision)-[r:{Rel.REFERS_TO}]->(t:Provision)
RETURN s.id AS source, s.{Prop.text} AS sText, s.{Prop.start} AS sStart, t.id AS target, t.{Prop.ref} AS tRef,
       t.{Prop.human} AS tHuman, t.{Prop.text} AS tText, r.{Prop.start} AS start,
       r.charter AS charter, r.provision AS provision, r.quote AS quote
ORDER BY charter, provision"""

_Q_ARTICLES = f"""// the headings of the citing articles (xref.mismatch reads them when the citing words name no topic)
MATCH (a:Provision {{kind: 'article'}})
WHERE a.charter IN $charters
RETURN a.charter AS charter, a.{Prop.ref} AS ref, a.{Prop.text} AS text"""

_Q_LOCALITIES = f"""// locality.reformed / locality.unresolved: committees, their locality and gazetteer key
MATCH (c:SteeringCommittee)
WHERE c.{Prop.level} IS NULL OR c.{Prop.level} <> '{Level.national}'
OPTIONAL MATCH (charter:Charter)-[g:{Rel.GOVERNS}]->(c)
// a committee only named by a charter: the edges of that charter that name it
OPTIONAL MATCH (c)-[m]-()
WHERE g IS NULL AND m.charter IS NOT NULL
RETURN c.id AS id, c.name AS name, c.{Prop.status} AS status, c.{Prop.level} AS level,
       c.{Prop.locality} AS locality, c.{Prop.localityCode} AS code,
       coalesce(charter.id, m.charter) AS charter, coalesce(g.provision, m.provision) AS provision,
       coalesce(g.quote, m.quote) AS quote, m.{Prop.inferred} AS inferred
ORDER BY id, inferred, charter"""

RULES: dict[str, Rule] = {
    r.id: r
    for r in (
        Rule("xref.dangling", "error", "a cross-reference to a provision the charter does not have", _Q_XREF_DANGLING),
        Rule("xref.mismatch", "warning", "a cross-reference to an article that is not about what the citing words say", _Q_XREF),
        Rule("citation.replaced", "warning", "a cited act that another loaded charter replaces", _Q_REPLACED),
        Rule("citation.superseded", "warning", "a cited act that is a loaded charter no longer in force", _Q_SUPERSEDED),
        Rule("citation.inconsistent_type", "warning", "one act cited under different types or type letters", _Q_CITATIONS),
        Rule("citation.inconsistent_date", "info", "one act cited with different dates", _Q_CITATIONS),
        Rule("committee.no_chair", "warning", "a defined steering committee without a Chair post", _Q_NO_CHAIR, ("CommitteeChairShape",)),
        Rule("committee.no_standing_agency", "warning", "a defined steering committee without a standing agency", _Q_NO_STANDING, ("CommitteeStandingAgencyShape",)),
        Rule("committee.no_meeting_cadence", "warning", "a defined steering committee without a meeting cadence", _Q_NO_CADENCE, ("CommitteeMeetingCadenceShape",)),
        Rule("group.no_leader", "warning", "a defined working group without a leader (LEADS)", _Q_NO_LEADER, ("WorkingGroupLeaderShape",)),
        Rule("group.no_reporting_line", "warning", "a defined working group without a reporting line", _Q_NO_REPORTING, ("WorkingGroupReportingShape",)),
        Rule("delegation.no_scope", "warning", "a delegation (DELEGATES_TO) without a scope", _Q_DELEGATIONS, ("DelegationScopeShape",)),
        Rule("delegation.no_condition", "info", "a delegation (DELEGATES_TO) without a condition", _Q_DELEGATIONS, ("DelegationConditionShape",)),
        Rule("reporting.cycle", "error", "REPORTS_TO edges that go round in a circle", _Q_CYCLES),
        Rule("reporting.via_unknown", "warning", "a 'qua …' channel naming a body the charter does not have", _Q_VIA),
        Rule("charter.draft", "warning", "a draft charter (number or date blank) loaded as in force", _Q_DRAFTS),
        Rule("charter.duplicate", "warning", "two loaded charters with the same number and issuer", _Q_DUPLICATES),
        Rule("locality.reformed", "warning", "a committee whose locality no longer exists after the 2025 reform", _Q_LOCALITIES),
        Rule("locality.unresolved", "warning", "a committee whose locality the gazetteer cannot resolve", _Q_LOCALITIES),
    )
}
# SHACL shape → the rule that reports the same thing (its results are folded into that rule)
SHACL_RULES: dict[str, str] = {shape: r.id for r in RULES.values() for shape in r.shapes}
_SHACL_SEVERITY = {"Violation": "error", "Warning": "warning", "Info": "info"}


# --------------------------------------------------------------------------- helpers
def _q(store: GraphStore, cypher: str, **params: Any) -> list[dict[str, Any]]:
    return list(store.query(cypher, params, timeout=_TIMEOUT, limit=_ALL))


def _entity(node_id: str | None, name: str | None) -> dict[str, Any]:
    return {"id": node_id, "name": name or node_id}


def _first_per(rows: Iterable[Mapping[str, Any]], key: str) -> list[Mapping[str, Any]]:
    """One row per ``key`` (the first, rows come ordered): an OPTIONAL MATCH may repeat a node."""
    seen: dict[Any, Mapping[str, Any]] = {}
    for r in rows:
        seen.setdefault(r[key], r)
    return list(seen.values())


def _finding(rule_id: str, message: str, *, severity: str | None = None, **kw: Any) -> Finding:
    rule = RULES[rule_id]
    entities = tuple(kw.pop("entities", ()))
    kw["quote"] = kw.get("quote") or None  # an inferred edge has no words to show
    return Finding(severity or rule.severity, rule_id, message, entities, **kw)


# --------------------------------------------------------------------------- rules
def _committee_rules(store: GraphStore) -> list[Finding]:
    out = []
    for rule_id, cypher, what in (
        ("committee.no_chair", _Q_NO_CHAIR, "has no Chair post (Trưởng Ban Chỉ đạo)"),
        ("committee.no_standing_agency", _Q_NO_STANDING, "has no standing agency (Cơ quan thường trực)"),
        ("committee.no_meeting_cadence", _Q_NO_CADENCE, "has no meeting cadence (chế độ họp định kỳ)"),
    ):
        for r in _first_per(_q(store, cypher), "id"):
            out.append(
                _finding(
                    rule_id,
                    f"Steering committee “{r['name']}” {what}",
                    entities=[_entity(r["id"], r["name"])],
                    charter=r["charter"],
                    provision=r["provision"],
                    quote=r["quote"],
                    subject=r["id"],
                )
            )
    return out


def _group_rules(store: GraphStore) -> list[Finding]:
    out = []
    for rule_id, cypher, what in (
        ("group.no_leader", _Q_NO_LEADER, "has no leader (no Tổ trưởng LEADS it)"),
        ("group.no_reporting_line", _Q_NO_REPORTING, "has no reporting line (no REPORTS_TO from the group, its posts or its leader)"),
    ):
        for r in _first_per(_q(store, cypher), "id"):
            within = f" of “{r['parent']}”" if r.get("parent") else ""
            out.append(
                _finding(
                    rule_id,
                    f"Working group “{r['name']}”{within} {what}",
                    entities=[_entity(r["id"], r["name"])],
                    charter=r["charter"],
                    provision=r["provision"],
                    quote=r["quote"],
                    subject=r["id"],
                )
            )
    return out


def _delegation_rules(store: GraphStore) -> list[Finding]:
    out = []
    for r in _first_per(_q(store, _Q_DELEGATIONS), "edge"):
        ents = [_entity(r["a"], r["aName"]), _entity(r["b"], r["bName"])]
        common = {"entities": ents, "charter": r["charter"], "provision": r["provision"], "quote": r["quote"], "subject": r["edge"]}
        if r["scope"] is None:
            out.append(_finding("delegation.no_scope", f"“{r['aName']}” delegates to “{r['bName']}” without saying what (no scope)", **common))
        if r["condition"] is None:
            out.append(_finding("delegation.no_condition", f"“{r['aName']}” delegates to “{r['bName']}” without saying when (no condition)", **common))
    return out


def _canonical_cycle(ids: list[str]) -> tuple[str, ...]:
    """The same cycle from any start: rotate to the smallest id (the path repeats its start)."""
    ring = ids[:-1]
    i = ring.index(min(ring))
    return tuple(ring[i:] + ring[:i])


def _cycle_rules(store: GraphStore) -> list[Finding]:
    out: dict[tuple[str, ...], Finding] = {}
    for r in _q(store, _Q_CYCLES):
        key = _canonical_cycle(list(r["ids"]))
        if key in out:
            continue
        names = list(r["names"])
        rels = list(r["rels"])
        loop = " → ".join(f"“{n}”" for n in names)
        first = rels[0] if rels else {}
        out[key] = _finding(
            "reporting.cycle",
            f"Reporting goes round in a circle: {loop}",
            entities=[_entity(i, n) for i, n in zip(r["ids"][:-1], names[:-1], strict=True)],
            charter=first.get("charter"),
            provision=first.get("provision"),
            quote=" | ".join(x.get("quote") or "" for x in rels),
            subject=first.get("id"),
        )
    return list(out.values())


def _via_rules(store: GraphStore) -> list[Finding]:
    out = []
    rows = _first_per(_q(store, _Q_VIA), "edge")
    vias = sorted({r["via"] for r in rows})
    nodes = {n["id"]: n for n in _q(store, _Q_VIA_NODES, ids=vias)} if vias else {}
    pairs = [{"via": v, "charter": c} for v, c in sorted({(r["via"], r["charter"]) for r in rows if r["via"] in nodes})]
    said = {(m["via"], m["charter"]): m["mentions"] for m in _q(store, _Q_VIA_MENTIONS, pairs=pairs)} if pairs else {}
    for r in rows:
        node = nodes.get(r["via"]) or {}
        r = {
            **r,
            "viaId": node.get("id"),
            "viaName": node.get("name"),
            "viaLabels": node.get("labels"),
            "mentions": said.get((r["via"], r["charter"]), 0),
        }
        ents = [_entity(r["a"], r["aName"]), _entity(r["b"], r["bName"])]
        common = {"charter": r["charter"], "provision": r["provision"], "quote": r["quote"], "subject": r["edge"]}
        if r["viaId"] is None:
            out.append(_finding(
                "reporting.via_unknown",
                f"“{r['aName']}” reports to “{r['bName']}” through {r['via']}, which is not in the graph",
                severity="error", entities=ents, **common,
            ))
        elif Label.Body not in (r["viaLabels"] or []):
            out.append(_finding(
                "reporting.via_unknown",
                f"“{r['aName']}” reports to “{r['bName']}” through “{r['viaName']}”, which is not a body",
                entities=[*ents, _entity(r["viaId"], r["viaName"])], **common,
            ))
        elif not r["mentions"]:
            out.append(_finding(
                "reporting.via_unknown",
                f"“{r['aName']}” reports to “{r['bName']}” through “{r['viaName']}”, a body the charter says nothing else about",
                entities=[*ents, _entity(r["viaId"], r["viaName"])], **common,
            ))
    return out


def _draft_rules(store: GraphStore) -> list[Finding]:
    out = []
    for r in _q(store, _Q_DRAFTS):
        name = r["name"] or r["path"] or r["id"]
        if r["validTo"]:
            msg, severity = f"Draft charter “{name}” is loaded; it was replaced on {r['validTo']}", "info"
        elif r["validFrom"]:
            msg, severity = f"Draft charter “{name}” (number or date left blank) is loaded as in force from {r['validFrom']}", None
        else:
            msg, severity = f"Draft charter “{name}” (number and date left blank) is loaded and counts as in force", None
        out.append(_finding("charter.draft", msg, severity=severity, entities=[_entity(r["id"], name)], charter=r["id"], subject=r["id"]))
    return out


def _duplicate_rules(store: GraphStore) -> list[Finding]:
    out = []
    for r in _q(store, _Q_DUPLICATES):
        where = f" ({r['locality']})" if r["locality"] else ""
        msg = (
            f"Two loaded charters are numbered {r['number']} by the same issuer{where}: "
            f"{r['aPath'] or r['a']} and {r['bPath'] or r['b']}; a second copy or a re-edited text?"
        )
        ents = [_entity(r["a"], r["aName"]), _entity(r["b"], r["bName"])]
        out.append(_finding("charter.duplicate", msg, entities=ents, charter=r["b"], subject=r["b"]))
    return out


def _replaced_rules(store: GraphStore) -> list[Finding]:
    out = []
    for r in _q(store, _Q_REPLACED):
        in_force = r["aValidTo"] is None
        out.append(_finding(
            "citation.replaced",
            f"“{r['aName']}” cites “{r['docName']}”, which “{r['nName']}”"
            + (f" (of {r['nIssued']})" if r["nIssued"] else "")
            + " replaces"
            + ("" if in_force else "; the citing charter is no longer in force either"),
            severity=None if in_force else "info",
            entities=[_entity(r["doc"], r["docName"]), _entity(r["replacer"], r["nName"])],
            charter=r["charter"], provision=r["provision"], quote=r["quote"], subject=r["doc"],
        ))
    for r in _q(store, _Q_SUPERSEDED):
        out.append(_finding(
            "citation.superseded",
            f"“{r['aName']}” cites “{r['docName']}”, a loaded charter no longer in force since {r['validTo']}",
            entities=[_entity(r["doc"], r["docName"]), _entity(r["old"], r["docName"])],
            charter=r["charter"], provision=r["provision"], quote=r["quote"], subject=r["doc"],
        ))
    return out


# "Nghị định 269/2025/NĐ-CP", "Quyết định số 01/QĐ-BCĐ", on deaccented text
_DOC_TYPES = (
    "Bo luat", "Luat", "Nghi dinh", "Nghi quyet", "Quyet dinh", "Thong tu", "Chi thi", "Ke hoach", "Quy che",
    "Quy dinh", "Huong dan", "Dieu le", "Thong bao", "Cong van", "Ket luan", "Phap lenh", "Hien phap", "To trinh",
)
_CITED = re.compile(
    r"\b(?P<type>" + "|".join(t.replace(" ", r"\s+") for t in _DOC_TYPES) + r")\s+(?:so\s*)?(?P<number>\d+[\w./\-]*)?",
    re.IGNORECASE,
)
_DATE = re.compile(r"ngay\s+(\d{1,2})\s*(?:/|-|\.|\s+thang\s+)\s*(\d{1,2})\s*(?:/|-|\.|\s+nam\s+)\s*(\d{4})", re.IGNORECASE)


def _as_cited(quote: str, key: str | None) -> tuple[str | None, str | None, str | None]:
    """(type, number, ISO date) of the act as the quote writes it; the number matching ``key`` if given."""
    plain = deaccent(quote or "")
    chosen = None
    for m in _CITED.finditer(plain):
        number = quote[m.start("number") : m.end("number")].rstrip(".,;") if m.group("number") else None
        if key is None or (number and document_key(number) == key):
            chosen = (quote[m.start("type") : m.end("type")], number, m.end())
            break
    if chosen is None:
        return None, None, None
    kind, number, end = chosen
    date = _DATE.search(plain, end)
    iso = f"{int(date.group(3)):04d}-{int(date.group(2)):02d}-{int(date.group(1)):02d}" if date and date.start() - end < 40 else None
    return kind[0].upper() + kind[1:] if kind else None, number, iso


def _type_letters(number: str | None) -> str | None:
    """'269/2025/NĐ-CP' → 'NĐ-CP': the part of a number that says the act's type and issuer."""
    if not number:
        return None
    parts = re.split(r"/", number.replace(" ", ""))
    tail = [p for p in parts if not p.isdigit()]
    return "/".join(tail).upper() or None


def _as_written(c: Mapping[str, Any]) -> str:
    return " ".join(x for x in (c["citedType"], c["citedNumber"]) if x) or "?"


def _citation_rules(store: GraphStore) -> list[Finding]:
    by_doc: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for r in _q(store, _Q_CITATIONS):
        key = document_key(r["number"]) if r["number"] else None
        kind, number, iso = _as_cited(r["quote"], key)
        by_doc[r["doc"]].append({**r, "citedType": kind, "citedNumber": number, "citedDate": iso})
    out = []
    for doc, cites in by_doc.items():
        first = cites[0]
        name = first["docName"] or doc
        # types: as each citation writes them, and as the node recorded them
        types = {fold_name(c["citedType"]): c["citedType"] for c in cites if c["citedType"]}
        for t in first.get("docTypeVariants") or []:
            types.setdefault(fold_name(t), t)
        letters = {_type_letters(c["citedNumber"]) for c in cites if c["citedNumber"]}
        letters |= {_type_letters(n) for n in first.get("numberVariants") or []}
        letters.discard(None)
        if len(types) > 1 or len(letters) > 1:
            forms = {_as_written(c) for c in cites} - {"?"}
            shown = " and ".join(f"“{x}”" for x in sorted(forms)) if len(forms) > 1 else ", ".join(sorted({*types.values(), *letters}))
            for c in cites:
                out.append(_finding(
                    "citation.inconsistent_type",
                    f"“{name}” is cited under different types: {shown}; here as “{_as_written(c)}”",
                    entities=[_entity(doc, name)], charter=c["charter"], provision=c["provision"], quote=c["quote"], subject=doc,
                ))
        dates = {c["citedDate"] for c in cites if c["citedDate"]}
        if len(dates) > 1:
            for c in cites:
                if c["citedDate"]:
                    out.append(_finding(
                        "citation.inconsistent_date",
                        f"“{name}” is cited with different dates ({', '.join(sorted(dates))}): one act, or two merged into one node; here {c['citedDate']}",
                        entities=[_entity(doc, name)], charter=c["charter"], provision=c["provision"], quote=c["quote"], subject=doc,
                    ))
    return out


def _article_ref(ref: str) -> str | None:
    m = re.match(r"^([^/]+/dieu-[^/]+)", ref or "")
    return m.group(1) if m else None


def _xref_rules(store: GraphStore) -> list[Finding]:
    out = []
    for r in _q(store, _Q_XREF_DANGLING):
        out.append(_finding(
            "xref.dangling",
            f"{r['provision']} cites {r['human'] or r['ref']}, which the charter does not have",
            entities=[_entity(r["source"], r["provision"])],
            charter=r["charter"], provision=r["provision"], quote=r["quote"], subject=r["source"],
        ))
    rows = _q(store, _Q_XREF)
    if not rows:
        return out
    headings = {
        (a["charter"], a["ref"]): heading_of(a["text"])
        for a in _q(store, _Q_ARTICLES, charters=sorted({r["charter"] for r in rows}))
    }
    for r in rows:
        cut = max(0, (r["start"] or 0) - (r["sStart"] or 0))
        topic = reference_topic((r["sText"] or "")[:cut])
        heading = heading_of(r["tText"] or "")
        fit = topic_fits(topic, heading, r["tText"] or "")
        if fit is None:
            # "Được quy định cụ thể tại Điều 9": the citing article's own subject is the topic
            topic = headings.get((r["charter"], _article_ref(r["provision"])), "")
            fit = topic_fits(topic, heading, r["tText"] or "") if _article_ref(r["tRef"]) != _article_ref(r["provision"]) else None
        if fit is False:
            out.append(_finding(
                "xref.mismatch",
                f"{r['provision']} cites {r['tHuman'] or r['tRef']} (“{heading}”) for “{topic}”: the cited provision is about something else",
                entities=[_entity(r["source"], r["provision"]), _entity(r["target"], r["tHuman"])],
                charter=r["charter"], provision=r["provision"], quote=r["quote"], subject=r["target"],
            ))
    return out


@cache
def _units(level: str, system: str) -> dict[str, gazetteer.AdminUnit]:
    return {u.code: u for u in gazetteer.iter_units(level, system)}


def _unit_of_key(key: str | None) -> gazetteer.AdminUnit | None:
    """The gazetteer unit of a ``localityCode`` (``legacy/commune/09553``)."""
    try:
        system, level, code = (key or "").split("/")
        return _units(level, system).get(code)
    except ValueError:
        return None


def _place(unit: gazetteer.AdminUnit) -> str:
    upper = [u for u in (unit.district_name, unit.province_name) if u and u != unit.name]
    return ", ".join([unit.name, *upper])


def _locality_rules(store: GraphStore) -> list[Finding]:
    out = []
    for r in _first_per(_q(store, _Q_LOCALITIES), "id"):
        defined = r["status"] == Status.defined
        ents = [_entity(r["id"], r["name"])]
        common = {"charter": r["charter"], "provision": r["provision"], "quote": r["quote"], "subject": r["id"]}
        unit = _unit_of_key(r["code"])
        if unit is None:
            if not defined:
                continue  # a committee only named in passing: its charter is not here to fix
            where = f"“{r['locality']}”" if r["locality"] else "no locality at all"
            out.append(_finding(
                "locality.unresolved",
                f"Steering committee “{r['name']}” names {where}, which the gazetteer cannot resolve to an administrative unit",
                entities=ents, **common,
            ))
            continue
        if gazetteer.exists_in_2025(unit):
            continue
        after = gazetteer.successors(unit)
        names = "; ".join(_place(s) for s in after[:3]) or "no successor recorded"
        if len(after) > 3:
            names += f" and {len(after) - 3} more"
        out.append(_finding(
            "locality.reformed",
            f"Steering committee “{r['name']}” is of {_place(unit)}, which no longer exists after the 2025 reform; successor: {names}",
            severity=None if defined else "info",
            entities=[*ents, *({"id": f"unit:{s.key}", "name": s.name} for s in after)],
            **common,
        ))
    return out


# --------------------------------------------------------------------------- SHACL
_KNOWN_PROPS = frozenset(p.value for p in Prop)


def _vocab_only(facts: Facts) -> Facts:
    """A copy with store-only properties (``nameFolded``, …) left out: the RDF mapping refuses them."""
    out = Facts(charter_id=facts.charter_id, path=facts.path)
    for n in facts.nodes.values():
        out.nodes[n.id] = type(n)(n.id, n.labels, {k: v for k, v in n.props.items() if k in _KNOWN_PROPS})
    for e in facts.edges:
        out.edges.append(type(e)(e.type, e.source, e.target, {k: v for k, v in e.props.items() if k in _KNOWN_PROPS}))
    return out


def _shacl_findings(facts: Facts) -> list[Finding]:
    """SHACL results as findings: one per result for shapes a rule covers (so they fold into
    its findings), else one per shape, message and charter (a systematic gap, such as every
    inferred edge lacking a quote, is one finding with its count, not dozens)."""
    from govkg.ontology.rdf import to_rdf, validate

    facts = _vocab_only(facts)
    result = validate(to_rdf(facts), raise_on_violation=False)
    edges = {e.props.get(Prop.id) or e.id: e for e in facts.edges}

    def name(node_id: str) -> str:
        node = facts.nodes.get(node_id)
        return (node.name if node else "") or node_id

    mapped: list[Finding] = []
    groups: dict[tuple[str, str, str | None], list[tuple[dict, Any, str]]] = defaultdict(list)
    for res in [*result.violations, *result.warnings]:
        focus = str(res.get("focus") or "")
        edge = edges.get(focus.split("/", 1)[0])
        shape = str(res.get("shape") or "Shape")
        rule = SHACL_RULES.get(shape)
        if edge is not None:
            subject = edge.props.get(Prop.id) or edge.id
            ents = [_entity(edge.source, name(edge.source)), _entity(edge.target, name(edge.target))]
            label = f"{edge.type} “{ents[0]['name']}” → “{ents[1]['name']}”"
            charter = edge.props.get(Prop.charter)
        else:
            subject, ents, label, charter = focus, [_entity(focus, name(focus))], f"“{name(focus)}”", None
        if rule:
            prov = edge.props if edge is not None else {}
            mapped.append(Finding(
                RULES[rule].severity, rule, f"SHACL {shape}: {res.get('message')} ({label})", tuple(ents),
                prov.get(Prop.charter), prov.get(Prop.provision), prov.get(Prop.quote), subject,
            ))
        else:
            groups[(shape, str(res.get("message")), charter)].append((res, edge, label))
    out = mapped
    for (shape, message, charter), items in sorted(groups.items(), key=lambda kv: (kv[0][0], kv[0][1], kv[0][2] or "")):
        severity = _SHACL_SEVERITY.get(str(items[0][0].get("severity")), "warning")
        types = defaultdict(int)
        for _, edge, _ in items:
            if edge is not None:
                types[edge.type] += 1
        kinds = f" ({', '.join(f'{t} {n}' for t, n in sorted(types.items()))})" if types else ""
        what = "edges" if types else "nodes"
        first_edge = items[0][1]
        out.append(Finding(
            severity, f"shacl.{shape}",
            f"SHACL {shape}: {message} — {len(items)} {what}{kinds}, e.g. {items[0][2]}",
            tuple({"id": (e.props.get(Prop.id) or e.id) if e is not None else r.get("focus"), "name": lbl} for r, e, lbl in items[:10]),
            charter,
            first_edge.props.get(Prop.provision) if first_edge is not None else None,
            first_edge.props.get(Prop.quote) or None if first_edge is not None else None,
            str(items[0][0].get("focus")),
        ))
    return out


# --------------------------------------------------------------------------- audit
_PYTHON_RULES: tuple[Callable[[GraphStore], list[Finding]], ...] = (
    _xref_rules,
    _citation_rules,
    _replaced_rules,
    _committee_rules,
    _group_rules,
    _delegation_rules,
    _cycle_rules,
    _via_rules,
    _draft_rules,
    _duplicate_rules,
    _locality_rules,
)


def resolve_charter(store: GraphStore, charter: str) -> str:
    """The id of a loaded charter given its id, number, file name or part of its title.

    Raises
    ------
    NotFound
        No loaded charter matches.
    Ambiguous
        Several do.
    """
    rows = store.charters()
    for key in (Prop.id, Prop.number, Prop.path):
        hits = [c for c in rows if c.get(key) == charter]
        if len(hits) == 1:
            return hits[0][Prop.id]
    folded = fold_name(charter)
    hits = [c for c in rows if folded and folded in fold_name(c.get(Prop.name) or c.get(Prop.title) or "")]
    if not hits:
        raise NotFound("no loaded charter has this id, number, file name or title", subject=charter)
    if len(hits) > 1:
        raise Ambiguous(
            f"{len(hits)} charters match; give an id", subject=charter,
            candidates=[{"id": c[Prop.id], "name": c.get(Prop.name), "labels": [Label.Charter.value]} for c in hits],
        )
    return hits[0][Prop.id]


def _about(f: Finding, charter: str) -> bool:
    return f.charter == charter or any(e.get("id") == charter for e in f.entities)


def _merge_shacl(native: list[Finding], shacl: list[Finding]) -> list[Finding]:
    """SHACL results a native rule already reports (same rule, same subject) are dropped."""
    seen = {(f.rule, f.subject) for f in native}
    return native + [f for f in shacl if (f.rule, f.subject) not in seen]


def _sorted(findings: Iterable[Finding]) -> list[Finding]:
    return sorted(findings, key=lambda f: (_RANK.get(f.severity, 9), f.rule, f.charter or "", f.provision or "", f.message))


def _audit_store(store: GraphStore, shacl: bool, facts: Facts | None = None) -> list[Finding]:
    findings: list[Finding] = []
    for run in _PYTHON_RULES:
        findings += run(store)
    if shacl:
        findings = _merge_shacl(findings, _shacl_findings(facts if facts is not None else store.export_facts()))
    return findings


def audit(store_or_facts: GraphStore | Facts, charter: str | None = None, *, shacl: bool = True) -> list[Finding]:
    """Every finding of every rule, errors first.

    Parameters
    ----------
    store_or_facts
        A store, or Facts (one or more charters, each with its Charter node), which are
        loaded into a temporary embedded store so that the same Cypher runs on them.
    charter
        Keep the findings about this charter (id, number, file name or part of its title).
    shacl
        Also validate the graph with ``ontology/shapes.ttl`` and report what SHACL finds
        that no rule already reports (a few seconds on the sample charters).

    Raises
    ------
    NotFound, Ambiguous
        ``charter`` names no loaded charter, or several.
    """
    if isinstance(store_or_facts, Facts):
        from govkg.graph.embedded import EmbeddedStore

        from govkg.config import Settings

        home = Path(tempfile.mkdtemp(prefix="govkg-audit-"))
        try:
            settings = Settings(home=home)
            with EmbeddedStore(settings.embedded_path, settings=settings) as store:
                for part in split_charters(store_or_facts):
                    store.load(part)
                cid = resolve_charter(store, charter) if charter else None
                findings = _audit_store(store, shacl, store_or_facts)
        finally:
            shutil.rmtree(home, ignore_errors=True)
    else:
        cid = resolve_charter(store_or_facts, charter) if charter else None
        findings = _audit_store(store_or_facts, shacl)
    if cid:
        findings = [f for f in findings if _about(f, cid)]
    return _sorted(findings)


def counts_by_rule(findings: Iterable[Finding]) -> dict[str, dict[str, int]]:
    """``{rule: {severity: n}}``, rules sorted.

    >>> counts_by_rule([Finding("error", "a.b", "m"), Finding("info", "a.b", "n")])
    {'a.b': {'error': 1, 'info': 1}}
    """
    out: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for f in findings:
        out[f.rule][f.severity] += 1
    return {r: dict(sorted(s.items(), key=lambda kv: _RANK.get(kv[0], 9))) for r, s in sorted(out.items())}
