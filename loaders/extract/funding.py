"""Funding and seal: who pays for the committee and its groups, and whose seal it uses.

Examples
--------
>>> [r.id for r in RULES]
['funding.per_group', 'funding.budget_of', 'funding.payer_list', 'seal.su_dung']
"""

from __future__ import annotations

import re

from govkg.loaders.extract.charter import Charter, Sentence, list_from, prepare
from govkg.loaders.extract.referents import ids, resolve
from govkg.loaders.mentions import Kind
from govkg.loaders.rules import COMMON_FILLER, Rule, Trigger, pattern
from govkg.ontology.vocab import Prop, Rel

__all__ = ["RULES", "TRIGGERS", "funding"]

FAMILY = "funding"
FUNDING_PER_GROUP = Rule(
    "funding.per_group", FAMILY, (Rel.FUNDED_BY,),
    "\"(Sở X đối với Tổ Công tác A; Công an tỉnh đối với Tổ B)\" in a funding clause: each group is funded by its payer.",
    "Kinh phí hoạt động của từng Tổ Công tác do Sở Khoa học và Công nghệ đối với Tổ Công tác về khoa học bảo đảm.",
)
FUNDING_BUDGET_OF = Rule(
    "funding.budget_of", FAMILY, (Rel.FUNDED_BY,),
    "\"Kinh phí hoạt động của X … bố trí trong dự toán của / do Y cấp\": X is funded by Y.",
    "Kinh phí hoạt động của Ban Chỉ đạo được bố trí từ nguồn ngân sách do UBND quận cấp.",
)
FUNDING_PAYER_LIST = Rule(
    "funding.payer_list", FAMILY, (Rel.FUNDED_BY,),
    "\"Kinh phí của X và các Tổ … cấp cho A, B, các phòng chuyên môn\": each group by the payer its leader's office is"
    " (named, or of a kind the list names); a body no one leads by every payer named.",
    "Kinh phí hoạt động của các Tổ công tác được bố trí từ nguồn ngân sách cấp cho Công an phường, các phòng chuyên môn.",
)
SEAL = Rule(
    "seal.su_dung", FAMILY, (Rel.USES_SEAL_OF,),
    "\"X sử dụng con dấu (và tài khoản) của Y\": X uses Y's seal.",
    "Trưởng Ban Chỉ đạo sử dụng con dấu của Tỉnh ủy;",
)
SEAL_TRIGGER = Trigger(SEAL, pattern(r"\bsu\s+dung\s+con\s+dau(?:\s+va\s+tai\s+khoan)?\s+cua\b"), COMMON_FILLER)
RULES = (FUNDING_PER_GROUP, FUNDING_BUDGET_OF, FUNDING_PAYER_LIST, SEAL)
TRIGGERS = (SEAL_TRIGGER,)

_FUNDING = re.compile(r"\bkinh\s+phi(?:\s+hoat\s+dong)?\b", re.IGNORECASE)

_FUNDING_SOURCE = re.compile(
    r"\b(?:bo\s+tri|cap|dam\s+bao|bao\s+dam)\b[^.;]*?\b(?:cua|cap\s+cho|do|tu)\s*$|\bdu\s+toan[^.;]*?\bcua\s*$|\bngan\s+sach\s+do\s*$|\bdo\s*$",
    re.IGNORECASE,
)

_FOR_GROUP = re.compile(r"^\s*(?:\(\s*)?doi\s+voi\s*$", re.IGNORECASE)


def funding(ch: Charter, s: Sentence) -> None:
    """'Kinh phí hoạt động của X … được bố trí trong dự toán … của Y', '… cấp cho Y', 'Y đối với <group>'."""
    plain = prepare(ch, s)
    fm = _FUNDING.search(plain)
    if not fm:
        return
    ms = [m for m in s.mentions if m.start - s.start >= fm.end()]
    if not ms:
        return
    funded = list_from(ms, 0, s.text, s.start) if re.fullmatch(r"\s*(?:cua\s+)?(?:tung\s+|cac\s+)?", plain[fm.end() : ms[0].start - s.start], re.IGNORECASE) else []
    funded_ids = ids(ch, funded, s)
    # per-group funding: "(Sở Khoa học và Công nghệ đối với Tổ Công tác …; Công an tỉnh đối với …)"
    paired = False
    for i in range(len(ms) - 1):
        a, b = ms[i], ms[i + 1]
        if a.key.kind == Kind.BODY and b.key.kind in (Kind.NAMED_GROUP, Kind.WORKING_GROUP, Kind.SUPPORT_GROUP) and _FOR_GROUP.match(plain[a.end - s.start : b.start - s.start]):
            for g in resolve(ch, b, s.provision, s.subject):
                for y in resolve(ch, a, s.provision, s.subject):
                    ch.edge(FUNDING_PER_GROUP, g, y, s.provision, s.start, s.end, 0.9)
                    paired = True
    if paired or not funded_ids:
        return
    start_search = funded[-1].end - s.start
    for i, m in enumerate(ms):
        rel = m.start - s.start
        if rel <= start_search or m in funded:
            continue
        if _FUNDING_SOURCE.search(plain[start_search:rel]) and m.key.kind in (Kind.BODY, Kind.STANDING_AGENCY, Kind.HEAD):
            named, classes = _payers(ms, i, s, plain)
            sources = ids(ch, [x for x in named if x.key.kind in (Kind.BODY, Kind.STANDING_AGENCY)], s)
            several = len(named) + len(classes) > 1
            leaders = _leader_bodies(ch) if several else {}
            for f in funded_ids:
                for y in _payers_of(ch, leaders.get(f, []), sources, classes) if several else sources:
                    ch.edge(FUNDING_PAYER_LIST if several else FUNDING_BUDGET_OF, f, y, s.provision, s.start, s.end, 0.85)
            break


# a kind of body in a list of payers: "các phòng chuyên môn", "các sở, ngành"; "các đơn vị liên quan" names none
_PAYER_CLASS = re.compile(
    r"cac\s+(?:(?P<phong>phong(?:\s+chuyen\s+mon)?)|(?P<so>so(?:\s*,\s*(?:ban\s*,\s*)?nganh)?)|co\s+quan|don\s+vi)"
    r"(?:\s*,\s*don\s+vi)?(?:\s+(?:chuyen\s+mon|lien\s+quan|truc\s+thuoc))?",
    re.IGNORECASE,
)
_PAYER_GAP = re.compile(r"\s*(?:,|\bva\b|\bhoac\b)\s*", re.IGNORECASE)
_CLASS_WORD = {"phong": "Phòng ", "so": "Sở "}


def _payers(ms: list, i: int, s: Sentence, plain: str) -> tuple[list, list[str | None]]:
    """The list of payers from ``ms[i]``: the bodies it names and the kinds it names ("các phòng chuyên môn"
    → "Phòng "; a vague kind → None), in "cấp cho Công an phường, các phòng chuyên môn, các đơn vị liên quan"."""
    named = list_from(ms, i, s.text, s.start)
    classes: list[str | None] = []
    starting = {x.start - s.start: x for x in ms}
    pos = named[-1].end - s.start
    while gap := _PAYER_GAP.match(plain, pos):
        at = gap.end()
        if at in starting:
            named.append(starting[at])
            pos = starting[at].end - s.start
            continue
        kind = _PAYER_CLASS.match(plain, at)
        if not kind:
            break
        classes.append(next((_CLASS_WORD[k] for k, v in kind.groupdict().items() if v), None))
        pos = kind.end()
    return named, classes


def _payers_of(ch: Charter, led_from: list[str], payers: list[str], classes: list[str | None]) -> list[str]:
    """Which of several payers funds a body led from ``led_from``: the body of the office that leads it, when
    the list names that body or its kind; a body no one leads (the committee) is funded by every payer the list
    names; a group led from a body the list does not cover by none of them."""
    if not led_from:
        return payers
    kinds = tuple(c for c in classes if c)
    return [b for b in led_from if b in payers or ch.facts.nodes[b].props.get(Prop.name.value, "").startswith(kinds or ("\0",))]


def _leader_bodies(ch: Charter) -> dict[str, list[str]]:
    """Group → the outside bodies whose office leads it: the office holding the leader post ex officio, or the
    other post of the person named to it. A leader from the committee itself (its Phó Trưởng Ban) names no
    outside body."""
    by_type: dict[str, list] = {}
    for e in ch.facts.edges:
        by_type.setdefault(e.type, []).append(e)
    post_in = {e.source: e.target for e in by_type.get(Rel.POST_IN, ())}
    ex_officio: dict[str, set[str]] = {}
    for e in by_type.get(Rel.HELD_EX_OFFICIO_BY, ()):
        ex_officio.setdefault(e.source, set()).add(e.target)
    held: dict[str, set[str]] = {}  # person → posts
    holders: dict[str, set[str]] = {}  # post → people
    for e in by_type.get(Rel.HOLDS, ()):
        held.setdefault(e.source, set()).add(e.target)
        holders.setdefault(e.target, set()).add(e.source)
    out: dict[str, list[str]] = {}
    lead_posts = {e.source for e in by_type.get(Rel.LEADS, ())}
    for e in by_type.get(Rel.LEADS, ()):
        lead, group = e.source, e.target
        offices = set(ex_officio.get(lead, ())) | {p for person in holders.get(lead, ()) for p in held[person] if p not in lead_posts}
        bodies = {post_in[o] for o in offices if o in post_in} - {group, ch.committee_id}
        out[group] = sorted(set(out.get(group, [])) | bodies)
    return out
