"""Funding and seal: who pays for the committee and its groups, and whose seal it uses.

Examples
--------
>>> [r.id for r in RULES]
['funding.per_group', 'funding.budget_of', 'seal.su_dung']
"""

from __future__ import annotations

import re

from govkg.loaders.extract.charter import Charter, Sentence, list_from, prepare
from govkg.loaders.extract.referents import ids, resolve
from govkg.loaders.mentions import Kind
from govkg.loaders.rules import COMMON_FILLER, Rule, Trigger, pattern
from govkg.ontology.vocab import Rel

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
SEAL = Rule(
    "seal.su_dung", FAMILY, (Rel.USES_SEAL_OF,),
    "\"X sử dụng con dấu (và tài khoản) của Y\": X uses Y's seal.",
    "Trưởng Ban Chỉ đạo sử dụng con dấu của Tỉnh ủy;",
)
SEAL_TRIGGER = Trigger(SEAL, pattern(r"\bsu\s+dung\s+con\s+dau(?:\s+va\s+tai\s+khoan)?\s+cua\b"), COMMON_FILLER)
RULES = (FUNDING_PER_GROUP, FUNDING_BUDGET_OF, SEAL)
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
            sources = ids(ch, [x for x in list_from(ms, i, s.text, s.start) if x.key.kind in (Kind.BODY, Kind.STANDING_AGENCY)], s)
            for f in funded_ids:
                for y in sources:
                    ch.edge(FUNDING_BUDGET_OF, f, y, s.provision, s.start, s.end, 0.85)
            break
