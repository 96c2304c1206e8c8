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
from govkg.loaders.extract.charter import Charter, committee_name, majority_spelling, name_case, own_text_end
from govkg.loaders.extract.documents import GOVERNS
from govkg.loaders.extract.referents import ORGAN_PART_OF, committee_id_for, is_own_committee, resolve
from govkg.loaders.mentions import Kind, find_mentions
from govkg.loaders.model import Provision
from govkg.loaders.parse import label_end
from govkg.loaders.rules import Rule
from govkg.ontology.facts import Node
from govkg.ontology.vocab import Label, Prop, Rel, Status
from govkg.vn.text import deaccent, loose_key

__all__ = ["RULES", "committee", "organs"]

FAMILY = "bodies"
ORGAN_DEFINED = Rule(
    "structure.organ_defined", FAMILY, (Rel.PART_OF,),
    "A clause that opens with an organ (\"7. Tổ giúp việc Ban Chỉ đạo gồm …\") grounds the organ's PART_OF the committee.",
    "7. Tổ giúp việc Ban Chỉ đạo gồm các công chức của Công an phường.",
)
RULES = (ORGAN_DEFINED, ORGAN_PART_OF)


# The collective bodies of the genre, by the head noun that names them (folded), in the order a
# title is searched: a title naming a steering committee is about it even when it also names its groups.
_BODY_HEADS: tuple[tuple[re.Pattern[str], Label], ...] = (
    (re.compile(r"\b(?:ban\s+chi\s+dao|bcd)\b", re.IGNORECASE), Label.SteeringCommittee),
    (re.compile(r"\b(?:to|nhom)\s+cong\s+tac\b", re.IGNORECASE), Label.WorkingGroup),
    (re.compile(r"\bto\s+giup\s+viec\b", re.IGNORECASE), Label.SupportGroup),
    (re.compile(r"\bdoan\s+(?:kiem\s+tra|giam\s+sat|cong\s+tac|thanh\s+tra)\b", re.IGNORECASE), Label.InspectionTeam),
    (re.compile(r"\bhoi\s+dong\b(?!\s+nhan\s+dan)", re.IGNORECASE), Label.AdvisoryCouncil),
    (re.compile(r"\b(?:ban\s+cong\s+tac|to\s+chuc\s+phoi\s+hop\s+lien\s+nganh)\b", re.IGNORECASE), Label.CoordinationBody),
)
# where a body's name ends in a title: a place or time of the act, the act it is attached to
_NAME_END = re.compile(
    r"\s+(?:tai\s+(?:phien|cuoc|hoi\s+nghi|buoi)|tai\s+cac\b|ban\s+hanh\s+kem\s+theo|nam\s+\d{4}\b|nhiem\s+ky\b)|\s*[(;]",
    re.IGNORECASE,
)
_PLURAL = re.compile(r"(?:cac|nhung|0?[2-9])\s+$", re.IGNORECASE)
# the bodies whose name is taught to the mention scanner, so that "Tổ trưởng", "Trưởng đoàn" find them
_GROUP_KINDS = frozenset({Label.WorkingGroup, Label.SupportGroup, Label.InspectionTeam})
_GENRE = "Ban Chỉ đạo, Tổ công tác, Tổ giúp việc, Hội đồng, Đoàn kiểm tra, Ban công tác, tổ chức phối hợp liên ngành"


def _title_body(ch: Charter) -> tuple[Label, str, bool] | None:
    """The collective body a title names, the name it runs to, and whether it names several ("các Đoàn …")."""
    for pattern, kind in _BODY_HEADS:
        for part in ch.doc.parts:
            title = re.sub(r"\s+", " ", part.header.title or "")
            plain = deaccent(title)
            m = pattern.search(plain)
            if m is None:
                continue
            end = _NAME_END.search(plain, m.end())
            name = title[m.start() : end.start() if end else len(title)].strip(" ,.:")
            return kind, name, bool(_PLURAL.search(plain[: m.start()]))
    return None


def committee(ch: Charter) -> None:
    """The charter's own collective body: kind and name from the title, locality from the gazetteer.

    A document belongs to the genre when its title names a collective body that it sets up,
    re-composes, regulates, amends or records the meeting of; any other is refused, saying why.
    """
    titled = _title_body(ch)
    name = committee_name(ch)
    if titled is not None and titled[0] != Label.SteeringCommittee and name is None:
        _other_body(ch, *titled)
        return
    if name is None:
        raise ExtractError(f"not a document of the genre: its title names no collective body ({_GENRE})", path=ch.doc.path)
    if titled is not None and titled[0] == Label.SteeringCommittee and _extends(name, titled[1]):
        name = titled[1]  # "Ban Chỉ đạo Trung ương về phòng, chống lãng phí": the title's whole run
    name = re.sub(r"^(?:ban\s+chi\s+dao|bcd)\b", "Ban Chỉ đạo", name, flags=re.IGNORECASE) if deaccent(name).lower().startswith("bcd") else name
    written = name = name_case(name)
    name = majority_spelling(name, ch.src.text, ch.plain)  # a typo in the title is not the canonical name
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
    if _records_only(ch):
        ch.facts.nodes[ch.committee_id].props[Prop.status.value] = Status.referenced.value
        return
    ch.facts.nodes[ch.committee_id].props[Prop.status.value] = Status.defined.value
    gref = _governing_ref(ch)
    gprov = ch.doc.find(gref)
    ch.edge(GOVERNS, ch.charter_id, ch.committee_id, gprov, gprov.start if gprov else 0, gprov.end if gprov else 0, 1.0, ref=gref)
    ch.add_alias(ch.committee_id, written)
    # later spellings of the committee's name and its defined short form are aliases
    for part in ch.doc.parts:
        for text in (part.header.title or "", part.header.attached_to.text if part.header.attached_to else ""):
            text = name_case(text) if text.isupper() else text  # a capitals title spells the same names
            for m in find_mentions(text):
                if m.key.kind in (Kind.COMMITTEE, Kind.OTHER_COMMITTEE) and is_own_committee(ch, m.key):
                    ch.add_alias(ch.committee_id, m.text)


def _records_only(ch: Charter) -> bool:
    """A notice (Thông báo kết luận) records a body's meeting: it neither sets the body up nor governs it."""
    return ch.doc.main.header.doc_type in ("Thông báo", "Kết luận")


def _extends(found: str, title_run: str) -> bool:
    """Whether the title's run of words is the fuller name: the lexicon stopped after a few words
    ("Ban Chỉ đạo Trung ương", "BAN CHỈ ĐẠO") where the title goes on with the committee's topic."""
    f, t = loose_key(found), loose_key(title_run)
    return t.startswith(f) and len(t) > len(f) and len(found.split()) <= 5


def _other_body(ch: Charter, kind: Label, name: str, plural: bool) -> None:
    """A charter about a body that is not a steering committee: a Tổ công tác, a Hội đồng, one or
    several Đoàn kiểm tra. The body (each team) is defined by the charter; a notice only records."""
    status = Status.referenced if _records_only(ch) else Status.defined
    gref = _governing_ref(ch)
    gprov = ch.doc.find(gref)
    bodies = _teams(ch, kind) if plural else []
    if not bodies:
        name = name_case(re.sub(r"^(?:các|những|0?\d+)\s+", "", name))
        bodies = [(name, gprov)]
    for body_name, _ in bodies:
        bid = ch.body(kind, body_name, locality=ch.locality, status=status)
        if not ch.committee_id:
            ch.committee_id = bid
        if status == Status.defined:
            ch.edge(GOVERNS, ch.charter_id, bid, gprov, gprov.start if gprov else 0, gprov.end if gprov else 0, 1.0, ref=gref)
        if kind in _GROUP_KINDS:
            ch.defined_groups.append((bid, body_name))


def _teams(ch: Charter, kind: Label) -> list[tuple[str, Provision]]:
    """Several bodies of one kind, each named by the heading of its own clause ("1. Đoàn kiểm tra số 1:")."""
    head = next(p for p, k in _BODY_HEADS if k == kind)
    out = []
    for p in ch.doc.provisions():
        if p.kind not in ("clause", "point") or not p.children:
            continue
        line = p.text.split("\n", 1)[0]
        first = line[label_end(line) :].strip()
        if head.match(deaccent(first)) and first.endswith(":"):
            out.append((first.rstrip(" :"), p))
    return out


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
            opening_end = label_end(own) if p.kind != "article" else len(own) - len(own.lstrip())
            if found and found[0].key.kind in (Kind.SUPPORT_GROUP, Kind.STANDING_BOARD, Kind.ADVISORY_COUNCIL) and found[0].start == p.start + opening_end:
                for organ in resolve(ch, found[0], p, ()):
                    ch.edge(ORGAN_DEFINED, organ, ch.committee_id, p, found[0].start, found[0].end, 0.9)

