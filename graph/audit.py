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
``charter.partial``                       warning   a charter loaded from a copy that stops short
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

from govkg.errors import Ambiguous, NotFound
from govkg.graph.named_queries import load_query
from govkg.graph.store import GraphStore, fold_name, split_charters
from govkg.loaders.crossref import heading_of, reference_topic, topic_fits
from govkg.loaders.resolve import document_key
from govkg.ontology.facts import Facts, unfold
from govkg.ontology.vocab import Label, Prop, Status
from govkg.vn import gazetteer
from govkg.vn.text import deaccent

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
# Each query is a named file, graph/queries/audit_*.cypher, that an auditor can read and copy.
_Q_NO_CHAIR = load_query("audit_no_chair")
_Q_NO_STANDING = load_query("audit_no_standing_agency")
_Q_NO_CADENCE = load_query("audit_no_meeting_cadence")
_Q_NO_LEADER = load_query("audit_no_leader")
_Q_NO_REPORTING = load_query("audit_no_reporting_line")
_Q_DELEGATIONS = load_query("audit_delegations")
_Q_CYCLES = load_query("audit_reporting_cycles")
_Q_VIA = load_query("audit_via_channels")
_Q_VIA_NODES = load_query("audit_via_nodes")
_Q_VIA_MENTIONS = load_query("audit_via_mentions")
_Q_DRAFTS = load_query("audit_drafts")
_Q_REPLACED = load_query("audit_replaced_citations")
_Q_SUPERSEDED = load_query("audit_superseded_citations")
_Q_CITATIONS = load_query("audit_citations")
_Q_XREF_DANGLING = load_query("audit_dangling_xrefs")
_Q_XREF = load_query("audit_xrefs")
_Q_ARTICLES = load_query("audit_article_headings")
_Q_LOCALITIES = load_query("audit_localities")
_Q_DUPLICATES = load_query("audit_duplicate_charters")
_Q_PARTIALS = load_query("audit_partial_charters")

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
        Rule("charter.partial", "warning", "a charter loaded from a copy that stops short (status partial)", _Q_PARTIALS),
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


def _partial_rules(store: GraphStore) -> list[Finding]:
    return [
        _finding(
            "charter.partial",
            f"Charter “{r['name'] or r['path'] or r['id']}” was loaded from a copy that stops short: only what "
            "its text states is in the graph (load it with --strict to refuse such copies)",
            entities=[_entity(r["id"], r["name"])], charter=r["id"], subject=r["id"],
        )
        for r in _q(store, _Q_PARTIALS)
    ]


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
            charter = unfold(edge)[0].props.get(Prop.charter)  # a folded edge: its first evidence entry
        else:
            subject, ents, label, charter = focus, [_entity(focus, name(focus))], f"“{name(focus)}”", None
        if rule:
            prov = unfold(edge)[0].props if edge is not None else {}
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
    _partial_rules,
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
        from govkg.config import Settings
        from govkg.graph.embedded import EmbeddedStore

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
