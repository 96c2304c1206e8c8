"""The administrative hierarchy: units within units, bodies located in them, committees under committees.

Examples
--------
>>> [r.id for r in RULES]
['hierarchy.gazetteer', 'hierarchy.located_in', 'hierarchy.cited_committee']
"""

from __future__ import annotations

import datetime as _dt
import re

from govkg.loaders.extract.charter import Charter, pseudo_provision
from govkg.loaders.extract.referents import national, other_committee, resolve
from govkg.loaders.mentions import Key, Kind, Mention, find_mentions
from govkg.loaders.rules import Rule
from govkg.ontology.facts import Node
from govkg.ontology.vocab import Label, Level, Prop, Rel
from govkg.vn.text import loose_key

__all__ = ["RULES", "hierarchy"]

FAMILY = "hierarchy"
GAZETTEER = Rule(
    "hierarchy.gazetteer", FAMILY, (Rel.SUBORDINATE_TO, Rel.WITHIN),
    "From the gazetteer, not the text: the charter's units lie within each other, and its committee is under the next one up to the national committee (inferred).",
    "Ban Chỉ đạo … phường Hải Dương (the ward lies in thành phố Hải Phòng).",
)
LOCATED_IN = Rule(
    "hierarchy.located_in", FAMILY, (Rel.LOCATED_IN,),
    "Every body placed in one of the charter's units is located in it (inferred).",
    "Công an phường Hải Dương (in phường Hải Dương).",
)
CITED_COMMITTEE = Rule(
    "hierarchy.cited_committee", FAMILY, (Rel.SUBORDINATE_TO,),
    "A căn cứ that names the committee of the level above grounds SUBORDINATE_TO on that citation (inferred: the citation does not state it).",
    "Căn cứ Quyết định số 2412/QĐ-UBND ngày 10 tháng 10 năm 2022 của Ủy ban nhân dân tỉnh Hưng Yên về việc kiện toàn Ban Chỉ đạo chuyển đổi số tỉnh Hưng Yên;",
)
RULES = (GAZETTEER, LOCATED_IN, CITED_COMMITTEE)


def hierarchy(ch: Charter) -> None:
    """LOCATED_IN / WITHIN for the charter's units, and SUBORDINATE_TO up to the national committee."""
    units = [u for u in (ch.locality, ch.district, ch.province) if u is not None]
    unit_ids = {}
    for u in dict.fromkeys(units):
        uid = f"unit:{u.key}"
        unit_ids[u.key] = uid
        ch.facts.add_node(
            Node(uid, (Label.AdminUnit.value,), {Prop.name.value: u.name, Prop.level.value: u.level.value, Prop.code.value: u.code, Prop.codeSystem.value: u.code_system})
        )
    chain = list(dict.fromkeys(units))
    for lower, upper in zip(chain, chain[1:], strict=False):
        ch.edge(GAZETTEER, unit_ids[lower.key], unit_ids[upper.key], None, 0, 0, 1.0, ref=ch._first_ref, type_=Rel.WITHIN, inferred=True)
    if ch.locality is not None:
        for node in list(ch.facts.nodes.values()):
            if Label.Body.value in node.labels and node.props.get(Prop.localityCode.value) in unit_ids:
                ch.edge(LOCATED_IN, node.id, unit_ids[node.props[Prop.localityCode.value]], None, 0, 0, 1.0, ref=ch._first_ref, inferred=True)
    # the committees above: this charter's committee → district → province → national, inferred only
    # for a local committee of the programme the national committees lead, and only to committees
    # that exist at the charter's date; any other committee's chain is left open
    if ch.locality is None or not _in_programme(ch):
        return
    above = [u for u in (ch.district, ch.province) if u is not None and (ch.locality is None or u.key != ch.locality.key)]
    current = ch.committee_id
    for u in above:
        cid = other_committee(ch, {Level.district: "quan", Level.province: "tinh"}[u.level], u.bare_name, Mention(0, 0, f"Ban Chỉ đạo {u.name}", Key(Kind.OTHER_COMMITTEE), ""))
        if cid and cid[0] != current:
            _subordinate(ch, current, cid[0])
            current = cid[0]
    year = ch.year.year if isinstance(ch.year, _dt.date) else ch.year
    if year is None or year >= NATIONAL_COMMITTEES_SINCE:
        _subordinate(ch, current, national(ch))


#: the year the national committees on science, technology, innovation and digital transformation
#: (the Party's and the Government's) were set up: no charter before it can sit under them
NATIONAL_COMMITTEES_SINCE = 2025
_PROGRAMME = re.compile(r"khoa hoc|cong nghe|doi moi sang tao|chuyen doi so|de an 06|\b(?:khcn|cds|dmst)\b")


def _in_programme(ch: Charter) -> bool:
    """Whether the charter's body is a steering committee of the national committees' programme."""
    node = ch.facts.nodes.get(ch.committee_id)
    if node is None or Label.SteeringCommittee.value not in node.labels:
        return False
    names = [node.props.get(Prop.name.value, ""), *node.props.get(Prop.aliases.value, [])]
    return any(_PROGRAMME.search(loose_key(n)) for n in names)


def _subordinate(ch: Charter, lower: str, upper: str) -> None:
    """Explicit when the text names the higher committee in a căn cứ or an article; else inferred."""
    name = ch.facts.nodes[upper].props.get(Prop.name.value, "")
    aliases = ch.facts.nodes[upper].props.get(Prop.aliases.value, [])
    for part in ch.doc.parts:
        for c in part.bases:
            for m in find_mentions(c.text, c.start):
                if m.key.kind == Kind.OTHER_COMMITTEE and upper in resolve(ch, m, pseudo_provision(c.ref, c.start, c.end, c.text), ()):
                    # a căn cứ cites the higher committee's act: it grounds the link, it does not state it
                    ch.edge(CITED_COMMITTEE, lower, upper, None, c.start, c.end, 0.85, ref=c.ref, inferred=True)
                    return
    del name, aliases
    ch.edge(GAZETTEER, lower, upper, None, 0, 0, 0.7, ref=ch._first_ref, inferred=True)
