"""The standing agency (Cơ quan thường trực): which agency serves the committee, and for which domain.

Read before the other families: later sentences (and article subjects) say "Cơ quan
thường trực" for the agency named here.

Examples
--------
>>> [r.id for r in RULES]
['standing_agency.x_la', 'standing_agency.cqtt_la_x', 'standing_agency.subject_la']
"""

from __future__ import annotations

import re

from govkg.loaders.extract.charter import Charter, Sentence, prepare
from govkg.loaders.extract.referents import resolve
from govkg.loaders.mentions import Kind, Mention
from govkg.loaders.rules import Rule
from govkg.ontology.vocab import Label, Rel

__all__ = ["RULES", "standing_agencies"]

FAMILY = "standing_agency"
X_IS_STANDING_AGENCY = Rule(
    "standing_agency.x_la", FAMILY, (Rel.STANDING_AGENCY_OF,),
    "\"X là / làm nhiệm vụ Cơ quan thường trực\", \"X (Cơ quan thường trực …)\": agency X is the committee's standing agency.",
    "Văn phòng Đảng ủy xã là cơ quan thường trực của Ban Chỉ đạo.",
)
STANDING_AGENCY_IS_X = Rule(
    "standing_agency.cqtt_la_x", FAMILY, (Rel.STANDING_AGENCY_OF,),
    "\"Cơ quan Thường trực … (phụ trách <domain>) là X\": agency X is a standing agency, for that domain.",
    "Cơ quan Thường trực Ban Chỉ đạo phụ trách Đề án 06 là Công an phường.",
)
SUBJECT_IS_STANDING_AGENCY = Rule(
    "standing_agency.subject_la", FAMILY, (Rel.STANDING_AGENCY_OF,),
    "\"Là cơ quan thường trực …\" under a clause about an agency: that agency is the standing agency.",
    "1. Công an phường: a) Là cơ quan thường trực của Ban Chỉ đạo;",
)
RULES = (X_IS_STANDING_AGENCY, STANDING_AGENCY_IS_X, SUBJECT_IS_STANDING_AGENCY)


def standing_agencies(ch: Charter, sentences: list[Sentence]) -> None:
    """'X làm nhiệm vụ Cơ quan thường trực', 'Cơ quan Thường trực … là X', 'Là cơ quan thường trực' (subject X)."""
    for s in sentences:
        plain = prepare(ch, s)
        for i, m in enumerate(s.mentions):
            if m.key.kind != Kind.STANDING_AGENCY:
                continue
            rel = m.start - s.start
            before = s.mentions[i - 1] if i > 0 else None
            after = s.mentions[i + 1] if i + 1 < len(s.mentions) else None
            agency: list[str] = []
            domain = None
            rule: Rule | None = None
            if before and before.key.kind == Kind.HEAD and re.fullmatch(r"\s*\(\s*", plain[before.end - s.start : rel]):
                before = Mention(before.start, before.end, "", before.key.body, before.rule)
            if before and before.key.kind == Kind.BODY and re.fullmatch(r"\s*(?:,\s*)?(?:la\s+|lam\s+nhiem\s+vu\s+|\(\s*)", plain[before.end - s.start : rel], re.IGNORECASE):
                agency = resolve(ch, before, s.provision, s.subject)
                rule = X_IS_STANDING_AGENCY
                tail = re.match(r"\s+(?:ban\s+chi\s+dao\s+)?ve\s+([^,;.]{3,80})", plain[m.end - s.start :], re.IGNORECASE)
                if tail:
                    domain = s.text[m.end - s.start + tail.start(1) : m.end - s.start + tail.end(1)].strip()
            elif after and after.key.kind == Kind.BODY:
                gap = plain[m.end - s.start : after.start - s.start]
                g = re.fullmatch(r"\s*(?:(?:cua\s+)?(?:ban\s+chi\s+dao|bcd)\s+)?(?:phu\s+trach\s+(?P<d>.{3,120}?)\s+|ve\s+(?P<d2>.{3,80}?)\s+)?la\s*", gap, re.IGNORECASE)
                if g:
                    agency = resolve(ch, after, s.provision, s.subject)
                    rule = STANDING_AGENCY_IS_X
                    d = g.group("d") or g.group("d2")
                    if d:
                        off = m.end - s.start + gap.find(d)
                        domain = s.text[off : off + len(d)]
            if not agency and re.match(r"^\s*(?:\d+[.\-)]\s*)?la\s*$", plain[:rel], re.IGNORECASE) and s.subject:
                agency = [x for x in s.subject if Label.Agency.value in ch.facts.nodes[x].labels]
                rule = SUBJECT_IS_STANDING_AGENCY
            for a in agency:
                if Label.Agency.value not in ch.facts.nodes[a].labels:
                    continue
                if a not in [x for x, _ in ch.standing_agencies]:
                    ch.standing_agencies.append((a, domain))
                ch.add_alias(a, "Cơ quan thường trực Ban Chỉ đạo")
                ch.standing_agency_clauses.setdefault(s.provision.ref, []).append(a)
                ch.edge(rule, a, ch.committee_id, s.provision, s.start, s.end, 0.95, domain=domain)
        s.mentions = []  # re-resolve later: "Cơ quan thường trực" now has a referent
