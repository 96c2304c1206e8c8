"""The charter's own committee and its organs.

:func:`committee` names the committee from the titles and places it with the gazetteer;
:func:`organs` makes its support group, standing board and advisory council part of it.

Examples
--------
>>> [r.id for r in RULES]
['structure.organ_defined', 'structure.organ_part_of']
"""

from __future__ import annotations

import re

from govkg.errors import ExtractError
from govkg.loaders.extract.charter import Charter, committee_name, own_text_end
from govkg.loaders.extract.documents import GOVERNS
from govkg.loaders.extract.referents import ORGAN_PART_OF, committee_id_for, is_own_committee, resolve
from govkg.loaders.mentions import Kind, deaccent, find_mentions
from govkg.loaders.rules import Rule
from govkg.ontology.facts import Node
from govkg.ontology.vocab import Label, Prop, Rel, Status

__all__ = ["RULES", "committee", "organs"]

FAMILY = "bodies"
ORGAN_DEFINED = Rule(
    "structure.organ_defined", FAMILY, (Rel.PART_OF,),
    "A clause that opens with an organ (\"7. Tổ giúp việc Ban Chỉ đạo gồm …\") grounds the organ's PART_OF the committee.",
    "7. Tổ giúp việc Ban Chỉ đạo gồm các công chức của Công an phường.",
)
RULES = (ORGAN_DEFINED, ORGAN_PART_OF)


def committee(ch: Charter) -> None:
    """The charter's own committee: name from the title, locality from the gazetteer."""
    name = committee_name(ch)
    if name is None:
        raise ExtractError("no steering committee (Ban Chỉ đạo) named in the title", path=ch.doc.path)
    name = re.sub(r"^(?:ban\s+chi\s+dao|bcd)\b", "Ban Chỉ đạo", name, flags=re.IGNORECASE) if deaccent(name).lower().startswith("bcd") else name
    name = name[0].upper() + name[1:]
    unit = ch.locality
    ch.committee_id = committee_id_for(unit, name)
    props = {
        Prop.name.value: name,
        Prop.nameEn.value: "Steering Committee" + (f" of {unit.name}" if unit else ""),
        Prop.status.value: Status.defined.value,
        Prop.level.value: unit.level.value if unit else None,
        Prop.locality.value: unit.name if unit else getattr(ch, "_unresolved_locality", None),
        Prop.localityCode.value: unit.key if unit else None,
    }
    ch.facts.add_node(Node(ch.committee_id, (Label.Body.value, Label.SteeringCommittee.value), {k: v for k, v in props.items() if v is not None}))
    ch.facts.nodes[ch.committee_id].props[Prop.status.value] = Status.defined.value
    gref = _governing_ref(ch)
    gprov = ch.doc.find(gref)
    ch.edge(GOVERNS, ch.charter_id, ch.committee_id, gprov, gprov.start if gprov else 0, gprov.end if gprov else 0, 1.0, ref=gref)
    # later spellings of the committee's name and its defined short form are aliases
    for part in ch.doc.parts:
        for text in (part.header.title or "", part.header.attached_to.text if part.header.attached_to else ""):
            for m in find_mentions(text):
                if m.key.kind in (Kind.COMMITTEE, Kind.OTHER_COMMITTEE) and is_own_committee(ch, m.key):
                    ch.add_alias(ch.committee_id, m.text)


def _governing_ref(ch: Charter) -> str:
    """Where the charter names the committee it governs: a decision's Điều 1, else the defined term."""
    main = ch.doc.main
    if main.kind == "decision" and main.articles():
        return main.articles()[0].ref
    best = None
    for p in ch.doc.provisions():
        plain = ch.plain[p.start : p.end]
        if p.kind not in ("chapter", "section") and re.search(r"(?i)\((?:sau\s+day\s+)?goi\s+(?:tat\s+)?la\s+ban\s+chi\s+dao\)", plain):
            best = p  # provisions come parents first: the last hit is the deepest
        elif best is not None:
            break
    if best is not None:
        return best.ref
    return ch._first_ref


def organs(ch: Charter) -> None:
    """The committee's organs (support group, standing board, advisory council): part of it from their first mention on."""
    for part in ch.doc.parts:
        for p in part.walk():
            own = ch.src.text[p.start : own_text_end(p)]
            found = ch.mentions(p.start, p.start + len(own))
            for m in found:
                if m.key.kind in (Kind.SUPPORT_GROUP, Kind.STANDING_BOARD, Kind.ADVISORY_COUNCIL) or (m.key.kind == Kind.WORKING_GROUP and not ch.groups):
                    resolve(ch, m, p, ())
            # "7. Tổ giúp việc Ban Chỉ đạo gồm …": the clause that defines an organ grounds its PART_OF too
            opening = re.match(r"\s*(?:\d+(?:\.\d+)*[.\-)]|[a-zđ][.)]|[-–+])?\s*", own)
            if found and found[0].key.kind in (Kind.SUPPORT_GROUP, Kind.STANDING_BOARD, Kind.ADVISORY_COUNCIL) and found[0].start == p.start + opening.end():
                for organ in resolve(ch, found[0], p, ()):
                    ch.edge(ORGAN_DEFINED, organ, ch.committee_id, p, found[0].start, found[0].end, 0.9)

