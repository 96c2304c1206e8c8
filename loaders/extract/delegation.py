"""Delegation and acting for: who may act in whose name, on what condition and scope.

Examples
--------
>>> [r.id for r in RULES]
['delegation.uy_quyen_cho', 'delegation.passive', 'acting.thay_mat']
"""

from __future__ import annotations

import re

from govkg.loaders.extract.charter import Charter, Sentence
from govkg.loaders.extract.referents import resolve
from govkg.loaders.mentions import Mention
from govkg.loaders.rules import COMMON_FILLER, Rule, SentenceReader, Trigger, pattern
from govkg.ontology.vocab import Prop, Rel

__all__ = ["CONDITION", "RULES", "TRIGGERS", "passive_delegation"]

FAMILY = "delegation"

# conditions of delegation and acting
CONDITION = pattern(
    r"(?:trong\s+truong\s+hop\s+can\s+thiet|khi\s+can\s+thiet|trong\s+truong\s+hop\s+dot\s+xuat[^,;.]*|"
    r"khi\s+[^;.]{0,60}?(?:vang\s+mat|di\s+vang|vang)(?:\s+hoac\s+ban\s+cong\s+tac)?|truong\s+hop\s+[^;.]{0,60}?(?:vang\s+mat|di\s+vang)"
    r"|khi\s+(?:di\s+cong\s+tac|ban\s+cong\s+tac|nghi\s+phep|om)[^,;.]{0,40})"
)


def delegation_props(ch: Charter, trigger: Trigger, s: Sentence, plain: str, objects: list[Mention]) -> dict:
    """The condition ("khi Trưởng Ban vắng mặt") and, for delegation, the scope after the delegate."""
    props: dict = {}
    cond = CONDITION.search(plain)
    if cond:
        props[Prop.condition.value] = s.text[cond.start() : cond.end()]
    if trigger.type == Rel.DELEGATES_TO:
        after = objects[-1].end - s.start
        scope = re.split(r"[;.]", s.text[after:], maxsplit=1)[0].strip(" ,")
        if len(scope) > 3:
            props[Prop.scope.value] = scope
    return props


_PASSIVE = re.compile(r"\b(?:duoc|do|khi)\s+$", re.IGNORECASE)

_UY_QUYEN_AFTER = re.compile(r"^\s+(?:phan\s+cong\s+(?:hoac|va|,)\s*)?uy\s+quyen\b", re.IGNORECASE)


# what the delegate is to do comes before the conditions: drop "Thay mặt X" and the joining "hoặc"
_ACTING_OPENING = re.compile(r"^\s*(?:[-–+]\s*)?(?:thay\s+mat\s+)?", re.IGNORECASE)


def passive_delegation(ch: Charter, s: Sentence, plain: str) -> None:
    """"… hoặc được Trưởng Ban ủy quyền": the chair delegates to the sentence's subject.

    The condition is this branch's own words ("được Trưởng Ban ủy quyền", "khi được Trưởng ban
    phân công, ủy quyền"); "khi Trưởng Ban vắng mặt" belongs to the acting-for branch beside it.
    The scope is what the sentence says the delegate does ("chủ trì và điều phối hoạt động chung").
    """
    for m in s.mentions:
        rel_start, rel_end = m.start - s.start, m.end - s.start
        passive = _PASSIVE.search(plain[max(0, rel_start - 8) : rel_start])
        uy_quyen = _UY_QUYEN_AFTER.match(plain[rel_end:])
        if not (passive and uy_quyen):
            continue
        branch_start = max(0, rel_start - 8) + passive.start()
        khi = re.search(r"\bkhi\s+$", plain[max(0, branch_start - 5) : branch_start])
        if khi:
            branch_start = max(0, branch_start - 5) + khi.start()
        props = {Prop.condition.value: s.text[branch_start : rel_end + uy_quyen.end()].strip(" ,")}
        scope = _scope_before(ch, s, plain, branch_start)
        if scope:
            props[Prop.scope.value] = scope
        for src in resolve(ch, m, s.provision, s.subject):
            for dst in s.subject:
                ch.edge(PASSIVE_DELEGATION, src, dst, s.provision, s.start, s.end, 0.8, **props)


def _scope_before(ch: Charter, s: Sentence, plain: str, end: int) -> str | None:
    """The predicate before the conditions, without "Thay mặt <post>" and its mention."""
    cut = min([end, *(c.start() for c in CONDITION.finditer(plain, 0, end))])
    start = _ACTING_OPENING.match(plain).end()
    acting = re.match(r"\s*(?:[-–+]\s*)?thay\s+mat\s+", plain, re.IGNORECASE)
    if acting:
        named = [m for m in s.mentions if m.start - s.start >= acting.end() - 1]
        if named:
            start = named[0].end - s.start
    scope = re.sub(r"\s+", " ", s.text[start:cut]).strip(" ,;:-–").removesuffix(" hoặc").strip(" ,")
    return scope if len(scope) > 3 else None


UY_QUYEN_CHO = Rule(
    "delegation.uy_quyen_cho", FAMILY, (Rel.DELEGATES_TO,),
    "\"X ủy quyền cho Y …\": X delegates to Y (with the condition and scope the sentence gives).",
    "Ủy quyền cho Phó Trưởng Ban Chỉ đạo điều hành hoạt động của Ban Chỉ đạo khi cần thiết.",
)
PASSIVE_DELEGATION = Rule(
    "delegation.passive", FAMILY, (Rel.DELEGATES_TO,),
    "\"… (được / do) Y (phân công hoặc) ủy quyền\": Y delegates to the sentence's subject.",
    "Ký văn bản và thực hiện nhiệm vụ khác do Trưởng Ban Chỉ đạo phân công hoặc ủy quyền;",
)
THAY_MAT = Rule(
    "acting.thay_mat", FAMILY, (Rel.ACTS_FOR,),
    "\"X thay mặt Y\": X acts for Y.",
    "Thay mặt Ban chỉ đạo ký ban hành Quy chế làm việc của Ban chỉ đạo;",
)
RULES = (UY_QUYEN_CHO, PASSIVE_DELEGATION, THAY_MAT)
UY_QUYEN_CHO_TRIGGER = Trigger(UY_QUYEN_CHO, pattern(r"\buy\s+quyen\s+cho\b"), COMMON_FILLER, props=delegation_props)
PASSIVE_DELEGATION_READER = SentenceReader(PASSIVE_DELEGATION, passive_delegation)
THAY_MAT_TRIGGER = Trigger(THAY_MAT, pattern(r"\bthay\s+mat\b"), COMMON_FILLER, props=delegation_props)
TRIGGERS = (UY_QUYEN_CHO_TRIGGER, PASSIVE_DELEGATION_READER, THAY_MAT_TRIGGER)
