"""Delegation and acting for: who may act in whose name, on what condition and scope.

Examples
--------
>>> [r.id for r in RULES]
['delegation.uy_quyen_cho', 'delegation.passive', 'acting.thay_mat']
"""

from __future__ import annotations

import re

from govkg.loaders.extract.charter import Charter, Sentence, list_from
from govkg.loaders.extract.referents import resolve
from govkg.loaders.extract.sentences import leading_subject
from govkg.loaders.mentions import Mention
from govkg.loaders.rules import COMMON_FILLER, Rule, SentenceReader, Trigger, pattern
from govkg.ontology.vocab import Prop, Rel

__all__ = ["CONDITION", "RULES", "TRIGGERS", "assignment_condition", "passive_delegation"]

FAMILY = "delegation"

# conditions of delegation and acting
CONDITION = pattern(
    r"(?:trong\s+truong\s+hop\s+can\s+thiet|khi\s+can\s+thiet|trong\s+truong\s+hop\s+dot\s+xuat[^,;.]*|"
    r"khi\s+[^;.]{0,60}?(?:vang\s+mat|di\s+vang|vang)(?:\s+hoac\s+ban\s+cong\s+tac)?|truong\s+hop\s+[^;.]{0,60}?(?:vang\s+mat|di\s+vang)"
    r"|khi\s+(?:di\s+cong\s+tac|ban\s+cong\s+tac|nghi\s+phep|om)[^,;.]{0,40})"
)


# a condition that is an assignment or a request: "theo (sự) phân công (, ủy quyền) của Trưởng Ban", "khi được
# Trưởng Ban phân công, ủy quyền", "theo yêu cầu của Trưởng Ban"; who assigns or asks is the mention list after
# "của" (or between "khi được" and "phân công")
_BY_ASSIGNMENT = pattern(
    r"\b(?:theo\s+(?:su\s+)?phan\s+cong(?:\s*(?:,|\bva\b|\bhoac\b)\s*uy\s+quyen)?|theo\s+yeu\s+cau)"
    r"(?:\s+(?:va\s+chi\s+dao\s+)?cua\s+(?=\S))?|\bkhi\s+duoc\s+(?=\S)"
)
_ASSIGNED_AFTER = pattern(r"^\s+(?:phan\s+cong(?:\s*(?:,|\bva\b|\bhoac\b)\s*uy\s+quyen)?|yeu\s+cau)\b")


def assignment_condition(s: Sentence, plain: str, start: int = 0, end: int | None = None, *, anchored: bool = False) -> str | None:
    """The first assignment or request between ``start`` and ``end`` of the sentence (``anchored``: one that
    begins at ``start``), as the text says it.

    "theo phân công của Trưởng Ban chỉ đạo" and "khi được Trưởng ban phân công, ủy quyền" condition an
    acting-for, a delegation or a report; a bare "khi được" with no assignment after its mention is not one.
    """
    end = len(plain) if end is None else end
    found = [_BY_ASSIGNMENT.match(plain, start, end)] if anchored else _BY_ASSIGNMENT.finditer(plain, start, end)
    for m in found:
        if m is None:
            break
        named = [i for i, x in enumerate(s.mentions) if x.start - s.start == m.end()]
        if m.group(0).lower().startswith("khi"):
            if not named:
                continue
            who = list_from(s.mentions, named[0], s.text, s.start)
            after = _ASSIGNED_AFTER.match(plain[who[-1].end - s.start : end])
            if not after:
                continue
            return s.text[m.start() : who[-1].end - s.start + after.end()]
        if named:
            return s.text[m.start() : list_from(s.mentions, named[0], s.text, s.start)[-1].end - s.start]
        return s.text[m.start() : m.end()].strip().removesuffix(" của").strip()
    return None


def delegation_props(ch: Charter, trigger: Trigger, s: Sentence, plain: str, objects: list[Mention]) -> dict:
    """The condition ("khi Trưởng Ban vắng mặt", else "theo phân công của Trưởng Ban") and, for delegation,
    the scope after the delegate."""
    props: dict = {}
    cond = CONDITION.search(plain)
    if cond:
        props[Prop.condition.value] = s.text[cond.start() : cond.end()]
    else:
        # an assignment in this clause (between the ';' around the objects), before or after the verb
        first, last = objects[0].start - s.start, objects[-1].end - s.start
        clause_end = plain.find(";", last)
        assigned = assignment_condition(s, plain, plain.rfind(";", 0, first) + 1, clause_end if clause_end >= 0 else None)
        if assigned:
            props[Prop.condition.value] = assigned
    if trigger.type == Rel.DELEGATES_TO:
        after = objects[-1].end - s.start
        scope = re.split(r"[;.]", s.text[after:], maxsplit=1)[0].strip(" ,")
        if len(scope) > 3:
            props[Prop.scope.value] = scope
    return props


_PASSIVE = re.compile(r"\b(?:duoc|do|khi)\s+$", re.IGNORECASE)

_UY_QUYEN_AFTER = re.compile(r"^\s+(?:phan\s+cong\s*(?:\bhoac\b|\bva\b|,)\s*)?uy\s+quyen\b", re.IGNORECASE)
# a word every match of _UY_QUYEN_AFTER holds: a sentence without it is not read (Charter.may_hold)
UY_QUYEN_WORD = "quyen"


# what the delegate is to do comes before the conditions: drop "Thay mặt X" and the joining "hoặc"
_ACTING_OPENING = re.compile(r"^\s*(?:[-–+]\s*)?(?:thay\s+mat\s+)?", re.IGNORECASE)


def passive_delegation(ch: Charter, s: Sentence, plain: str) -> None:
    """"… hoặc được Trưởng Ban ủy quyền": the chair delegates to the sentence's subject.

    The condition is this branch's own words ("được Trưởng Ban ủy quyền", "khi được Trưởng ban
    phân công, ủy quyền"); "khi Trưởng Ban vắng mặt" belongs to the acting-for branch beside it.
    The scope is what the sentence says the delegate does ("chủ trì và điều phối hoạt động chung").
    """
    if not ch.may_hold(UY_QUYEN_WORD, s.start, s.end):
        return
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
        lead = leading_subject(ch, s)
        lead_end = list_from(s.mentions, 0, s.text, s.start)[-1].end - s.start if lead else 0
        scope = _scope_before(ch, s, plain, branch_start, lead_end)
        if scope:
            props[Prop.scope.value] = scope
        # "Phó Trưởng ban thường trực chủ trì … khi được Trưởng ban phân công, ủy quyền": the sentence's own
        # subject is the delegate; else the post or body the clause is about
        delegates = [d for d in leading_subject(ch, s) if d not in resolve(ch, m, s.provision, s.subject)] or s.subject
        for src in resolve(ch, m, s.provision, s.subject):
            for dst in delegates:
                ch.edge(PASSIVE_DELEGATION, src, dst, s.provision, s.start, s.end, 0.8, **props)


def _scope_before(ch: Charter, s: Sentence, plain: str, end: int, subject_end: int = 0) -> str | None:
    """The predicate before the conditions, without its subject (ending at ``subject_end``) nor "Thay mặt <post>"
    and its mention."""
    cut = min([end, *(c.start() for c in CONDITION.finditer(plain, 0, end))])
    start = max(_ACTING_OPENING.match(plain).end(), subject_end)
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
