"""Working groups: the groups a charter sets up, their names, and who leads them.

:func:`groups` finds the groups a charter names (clause headings, "thành lập/kiện toàn Tổ
Công tác …") and teaches the mention scanner their names; :func:`leaders` reads "do … làm
Tổ trưởng" and "Tổ trưởng là …".

Examples
--------
>>> [r.id for r in RULES][:2]
['structure.group_part_of', 'structure.group_first_mention']
"""

from __future__ import annotations

import itertools
import re
from functools import lru_cache

from govkg.loaders.extract.charter import (
    PERSON,
    Charter,
    Sentence,
    is_title,
    list_from,
    own_text_end,
    prepare,
)
from govkg.loaders.extract.referents import (
    LEADER_POST,
    SUBGROUP_PART_OF,
    context_groups,
    ids,
    recent_group,
    resolve,
)
from govkg.loaders.extract.sentences import subjects_before
from govkg.loaders.mentions import Key, Kind, MentionRule
from govkg.loaders.model import Provision
from govkg.loaders.parse import label_end
from govkg.loaders.rules import Rule, SentenceReader
from govkg.ontology.vocab import Label, Rel, Role, Status
from govkg.vn.text import deaccent, loose_key

__all__ = ["RULES", "TRIGGERS", "groups", "leaders", "set_up_to_help"]

FAMILY = "groups"
GROUP_PART_OF = Rule(
    "structure.group_part_of", FAMILY, (Rel.PART_OF,),
    "A working group the charter sets up (a clause heading, \"thành lập/kiện toàn Tổ Công tác …\") is part of the committee.",
    "a) Tổ công tác Đề án 06, do Trưởng Công an phường làm Tổ trưởng;",
)
GROUP_FIRST_MENTION = Rule(
    "structure.group_first_mention", FAMILY, (Rel.PART_OF,),
    "A named group is also part of the committee from the first provision that names it.",
    "Ban Chỉ đạo thành lập Tổ công tác liên ngành để giúp việc.",
)
GROUP_LEADER = Rule(
    "groups.leader", FAMILY, (Rel.LEADS,),
    "\"do … làm Tổ trưởng\", \"Tổ trưởng là …\": the group's leader post leads the group.",
    "Tổ công tác Đề án 06 do Trưởng Công an phường làm Tổ trưởng;",
)
LEADER_PERSON = Rule(
    "groups.leader_person", FAMILY, (Rel.HOLDS,),
    "A leader named by name (\"do đồng chí <name>, <title> làm Tổ trưởng\") holds the group's leader post.",
    "Tổ công tác về khoa học, do đồng chí Đỗ Thanh Bình, Phó Giám đốc Sở Khoa học và Công nghệ làm Tổ trưởng;",
)
LEADER_PERSON_TITLE = Rule(
    "groups.leader_person_title", FAMILY, (Rel.HOLDS,),
    "The title after a named leader's name is a post they hold.",
    "Tổ công tác về khoa học, do đồng chí Đỗ Thanh Bình, Phó Giám đốc Sở Khoa học và Công nghệ làm Tổ trưởng;",
)
LEADER_EX_OFFICIO = Rule(
    "groups.leader_ex_officio", FAMILY, (Rel.HELD_EX_OFFICIO_BY,),
    "A leader named by office (\"do Trưởng Công an phường làm Tổ trưởng\") holds the leader post ex officio.",
    "Tổ trưởng là đồng chí Phó Trưởng Ban Chỉ đạo.",
)
SET_UP_TO_HELP = Rule(
    "structure.set_up_to_help", FAMILY, (Rel.PART_OF,),
    "\"thành lập Y để giúp việc Z\": a body set up to help the committee (its own office, a support team) is part of it.",
    "Phó Trưởng Ban Chỉ đạo quyết định thành lập Văn phòng Ban Chỉ đạo để giúp việc Ban Chỉ đạo.",
)
SET_UP_BY = Rule(
    "structure.set_up_by", FAMILY, (Rel.ESTABLISHED_BY,),
    "\"X (quyết định) thành lập Y\", \"Y do X thành lập\": a group, office or committee is established by the post"
    " or body that sets it up (\"Quyết định thành lập Y\" in an article about X: by X).",
    "Phó Trưởng Ban Chỉ đạo quyết định thành lập Văn phòng Ban Chỉ đạo để giúp việc Ban Chỉ đạo.",
)
RULES = (GROUP_PART_OF, GROUP_FIRST_MENTION, SUBGROUP_PART_OF, GROUP_LEADER, LEADER_POST, LEADER_PERSON, LEADER_PERSON_TITLE, LEADER_EX_OFFICIO, SET_UP_TO_HELP, SET_UP_BY)

# how far before a mention its verb is looked for (a bounded window keeps a long sentence linear)
_VERB_REACH = 40
# "thành lập Văn phòng Ban Chỉ đạo (để) giúp việc (cho) Ban Chỉ đạo"; who sets it up stands before the verb
# ("Phó Trưởng Ban Chỉ đạo quyết định thành lập …")
_SET_UP = re.compile(r"(?:\b(?:ra\s+)?quyet\s+dinh\s+|\bchu\s+tri\s+|\bde\s+xuat\s+)?\bthanh\s+lap\s+$", re.IGNORECASE)
_TO_HELP = re.compile(r"^\s*,?\s*(?:de\s+)?giup\s+viec(?:\s+cho)?\s*$", re.IGNORECASE)


def set_up_to_help(ch: Charter, s: Sentence, plain: str) -> None:
    """"Phó Trưởng Ban Chỉ đạo quyết định thành lập Văn phòng Ban Chỉ đạo để giúp việc Ban Chỉ đạo": the body
    set up is part of the committee it helps, and established by the post or body named before the verb."""
    if not ch.may_hold(SET_UP_WORD, s.start, s.end):
        return
    ms = s.mentions
    for a, b in itertools.pairwise(ms):
        verb = _SET_UP.search(plain, max(0, a.start - s.start - _VERB_REACH), a.start - s.start)
        if a.key.kind not in (Kind.BODY, Kind.SUPPORT_GROUP, Kind.WORKING_GROUP) or not verb:
            continue
        if not _TO_HELP.match(plain[a.end - s.start : b.start - s.start]):
            continue
        helped = [x for x in ids(ch, [b], s) if Label.Body.value in ch.facts.nodes[x].labels]
        for body in ids(ch, [a], s):
            if Label.Body.value not in ch.facts.nodes[body].labels:
                continue
            for target in helped:
                ch.edge(SET_UP_TO_HELP, body, target, s.provision, s.start, s.end, 0.85)


# what is set up: the committee, its groups, its office or council
_SET_UP_KINDS = (Kind.COMMITTEE, Kind.SUPPORT_GROUP, Kind.WORKING_GROUP, Kind.NAMED_GROUP, Kind.ADVISORY_COUNCIL, Kind.BODY)
# "Quyết định thành lập Y" opening a clause: the article's own subject decides
_DECIDES_AT_START = re.compile(r"^\s*(?:[-–+]\s*)?(?:ra\s+)?quyet\s+dinh\s+thanh\s+lap\s+$", re.IGNORECASE)
_NOT_SETTING_UP = re.compile(r"\b(?:tham\s+muu|de\s+xuat|de\s+nghi|viec|ve|duoc)\s+$", re.IGNORECASE)
# "Y do X thành lập", "Y được X quyết định thành lập"
_BY_BEFORE = re.compile(r"^\s*,?\s*(?:do|duoc)\s+$", re.IGNORECASE)
_SET_UP_AFTER = re.compile(r"^\s+(?:quyet\s+dinh\s+)?thanh\s+lap\b", re.IGNORECASE)
# a word every match of _SET_UP and _SET_UP_AFTER holds: a sentence without it is not read (Charter.may_hold)
SET_UP_WORD = "lap"


def set_up_by(ch: Charter, s: Sentence, plain: str) -> None:
    """Who sets a body up: "Phó Trưởng Ban Chỉ đạo quyết định thành lập Văn phòng Ban Chỉ đạo", "Ban Chỉ đạo
    do Ban Thường vụ Tỉnh ủy thành lập", "4. Quyết định thành lập Tổ giúp việc …" (in the chair's article)."""
    if not ch.may_hold(SET_UP_WORD, s.start, s.end):
        return
    ms = s.mentions
    for i, m in enumerate(ms):
        if m.key.kind not in _SET_UP_KINDS:
            continue
        rel = m.start - s.start
        setters: list[str] = []
        verb = _SET_UP.search(plain, max(0, rel - _VERB_REACH), rel)
        # not advice or a proposal to set it up ("Tham mưu thành lập"), nor the noun ("về việc thành lập")
        if verb and not _NOT_SETTING_UP.search(plain, max(0, verb.start() - 20), verb.start()):
            subjects = subjects_before(s, plain, verb.start())
            if subjects:
                setters = ids(ch, subjects, s)
            elif _DECIDES_AT_START.match(plain, 0, rel):
                setters = [x for x in s.subject if {Label.Post.value, Label.Body.value} & set(ch.facts.nodes[x].labels)]
        elif i + 1 < len(ms) and _BY_BEFORE.match(plain[m.end - s.start : ms[i + 1].start - s.start]):
            by = ms[i + 1]
            if _SET_UP_AFTER.match(plain[by.end - s.start :]):
                setters = ids(ch, [by], s)
        if not setters:
            continue
        targets = list_from(ms, i, s.text, s.start) if verb else [m]
        for body in ids(ch, [t for t in targets if t.key.kind in _SET_UP_KINDS], s):
            if Label.Body.value not in ch.facts.nodes[body].labels:
                continue
            for setter in setters:
                if setter != body:
                    ch.edge(SET_UP_BY, body, setter, s.provision, s.start, s.end, 0.85)


SET_UP_TO_HELP_READER = SentenceReader(SET_UP_TO_HELP, set_up_to_help)
SET_UP_BY_READER = SentenceReader(SET_UP_BY, set_up_by)
TRIGGERS = (SET_UP_TO_HELP_READER, SET_UP_BY_READER)

_LEADER = re.compile(
    r"(?:(?-i:\bdo)\s+(?:dong\s+chi\s+|d/c\s+)?(?P<a>[^.;]{3,120}?)\s+lam\s+to\s+truong|to\s+truong\s+la\s+(?:dong\s+chi\s+|d/c\s+)?(?P<b>[^.;]{3,120}))",
    re.IGNORECASE,
)
# a word every match of _LEADER holds: a sentence without it is not scanned (Charter.may_hold)
LEADER_WORD = "truong"

_ESTABLISH = re.compile(
    r"\b(?:thanh\s+lap|kien\s+toan)\s+(?:them\s+)?(?=(?:0\d\s+)?(?:to\s+cong\s+tac|nhom\s+cong\s+tac)(?!\s+giup\s+viec)(?!\s+(?:khi|de|cua|va)\b))",
    re.IGNORECASE,
)
# words one of which every match of _ESTABLISH holds: a provision without them is not scanned (Charter.may_hold)
ESTABLISH_WORDS = ("thanh", "kien")

_WG_NAME_STOP = re.compile(r"\s*(?:;\s+(?!cai\s+cach|chuyen\s+doi|phat\s+trien|khoa\s+hoc|de\s+an)|\(|,\s*do\s|\s+do\s+(?:dong\s+chi|d/c)|:|\.$|\s+co\s+nhiem\s+vu|\s+giup\s+viec\s+cho|\s+gom\b)", re.IGNORECASE)

# "… do Phó Chủ tịch UBND phường làm Tổ trưởng": marks matter ("do" is not "đô" of "đô thị")
_WG_NAME_STOP_MARKED = re.compile(r"\s+do\s+|\s+(?:làm|là)\s+Tổ\s+trưởng|,\s+thành\s+viên\s", re.IGNORECASE)


def _wg_name_end(text: str, plain: str) -> int:
    """Where a working group's name ends in the text that opens with it."""
    ends = [m.start() for m in (_WG_NAME_STOP.search(plain), _WG_NAME_STOP_MARKED.search(text)) if m]
    return min(ends) if ends else len(text)


def groups(ch: Charter) -> None:
    """Working groups this charter names: clause headings and 'thành lập/kiện toàn Tổ Công tác …'."""
    names: list[tuple[str, Provision, int, int]] = []
    for part in ch.doc.parts:
        for p in part.walk():
            first_line = p.text.split("\n", 1)[0]
            body = first_line[label_end(first_line) :] if p.kind != "article" else first_line.lstrip()
            offset = p.start + (len(first_line) - len(body))
            plain = deaccent(body)
            if p.kind in ("clause", "article", "point", "bullet") and re.match(r"(?i)(?:to\s+cong\s+tac|nhom\s+cong\s+tac)\s+(?!giup\s+viec\s+cua)\S", plain):
                # a heading names a group, and so does an item that gives it a leader ("a) Tổ công tác
                # về …, do … làm Tổ trưởng"); a sentence that opens with one ("1- Tổ Công tác chịu sự …") does not
                if not p.children and not first_line.rstrip().endswith(":") and not re.search(r"(?i)\blam\s+to\s+truong\b", plain):
                    continue
                name = body[: _wg_name_end(body, plain)]
                names.append((name.strip(" :;."), p, offset, offset + len(name)))
            if not any(ch.may_hold(w, p.start, p.end) for w in ESTABLISH_WORDS):
                continue
            for m in _ESTABLISH.finditer(ch.plain[p.start : p.end]):
                if p.children and m.start() > len(first_line):
                    continue
                rest = p.text[m.end() :]
                name = rest[: min(_wg_name_end(rest, deaccent(rest)), 160)]
                name = re.sub(r"^0\d\s+", "", name).strip(" :;.")
                if re.match(r"(?i)to\s+giup\s+viec", deaccent(name)):
                    continue
                names.append((name, p, p.start + m.end(), p.start + m.end() + len(name)))
    seen: dict[str, str] = {}
    rules: list[MentionRule] = []
    for gid, name in ch.defined_groups:  # the charter is about these: their names are mentions too
        seen[loose_key(name)] = gid
        rules.append(_named_group_rule(ch, gid, name, len(rules)))
    for name, p, start, end in names:
        tail = re.search(r"(?i)\s+(?:giup\s+viec\s+(?:cho\s+|cua\s+)?|cua\s+)(?:ban\s+chi\s+dao|bcd)\s*$", deaccent(name))
        if tail:
            name, end = name[: tail.start()], start + tail.start()
        if loose_key(name) in ("to cong tac", "nhom cong tac"):
            continue
        # "Kiện toàn 02 Tổ Công tác, thành lập thêm …" counts groups, it does not name one
        if not re.match(r"(?i)^(?:to|nhom)\s+cong\s+tac(?:\s+lien\s+nganh)?\s+[^\W\d_]", deaccent(name)):
            continue
        key = loose_key(name)
        if key in seen:
            continue
        gid = ch.body(Label.WorkingGroup, name, locality=ch.locality, status=Status.defined)
        seen[key] = gid
        rules.append(_named_group_rule(ch, gid, name, len(rules)))
        if ch.committee_id not in dict(ch.defined_groups):  # a charter about groups: none is part of another
            ch.edge(GROUP_PART_OF, gid, ch.committee_id, p, start, end, 0.95)
    ch.group_rules = tuple(rules)
    # a group is part of the committee from the first place the charter names it, too
    for gid, pattern in ch.groups:
        if ch.committee_id in dict(ch.defined_groups):
            break
        word = ch.group_words[pattern]
        for prov in ch.doc.provisions():
            own = ch.src.text[prov.start : own_text_end(prov)]
            if not ch.may_hold(word, prov.start, prov.start + len(own)):
                continue
            hit = pattern.search(ch.plain[prov.start : prov.start + len(own)])
            if hit:
                ch.edge(GROUP_FIRST_MENTION, gid, ch.committee_id, prov, prov.start + hit.start(), prov.start + hit.end(), 0.9)
                break


# ``[\s,;\-–]+`` between a name's words, written so that the en dash is no member of the class: a
# class with a character past U+00FF is compiled into a 64K-entry map (~0.1 ms per class, ~1.2 ms a
# name of 12 words, two patterns for each group name not seen before); the same matches
_NAME_GAP = r"(?:[\s,;\-]|(?=–).)+"


@lru_cache(maxsize=4096)
def _compiled(pattern: str) -> re.Pattern[str]:
    # The same group names come back charter after charter, and the re module's own cache is full
    # of the lexicon and churns.
    return re.compile(pattern, re.IGNORECASE)


@lru_cache(maxsize=4096)
def _name_pattern(words: tuple[str, ...]) -> tuple[re.Pattern[str], str]:
    """A group name's pattern (its words in order, any gap between them) and its longest word,
    which every match holds.

    >>> _name_pattern(("To", "cong", "tac", "so", "1"))[1]
    'cong'
    """
    pattern = _compiled(r"(?:cac\s+)?" + _NAME_GAP.join(re.escape(w) for w in words))
    return pattern, max(words, key=len, default="")


def _named_group_rule(ch: Charter, gid: str, name: str, index: int) -> MentionRule:
    """Teach the mention scanner a group's name (and remember its pattern for the group's first mention)."""
    pattern, word = _name_pattern(tuple(w for w in re.split(r"[\s,;\-–]+", deaccent(name)) if w))
    ch.groups.append((gid, pattern))
    ch.group_words[pattern] = word
    # "… gắn với Đề án 06 thành phố": the namesake group of the level above
    mention = _compiled(pattern.pattern + r"(?:\s+(?:cua\s+)?(?P<lw>thanh\s+pho|tinh|quan|huyen)\b)?")
    first = deaccent(name).split()[0].lower()
    return MentionRule(
        f"body.working_group.named:{index}", mention,
        (lambda g: lambda m, s: Key(Kind.NAMED_GROUP, group=g, level_word=m.group("lw")))(gid), frozenset({"cac", first}),
    )


def leaders(ch: Charter, s: Sentence) -> None:
    """'do đồng chí Trưởng Công an phường làm Tổ trưởng', 'Tổ trưởng là đồng chí Phó Trưởng Ban'."""
    if not ch.may_hold(LEADER_WORD, s.start, s.end):
        return
    plain = prepare(ch, s)
    for lm in _LEADER.finditer(plain):
        groups_here = [m for m in s.mentions if m.end - s.start <= lm.start() and m.key.kind in (Kind.NAMED_GROUP, Kind.SUPPORT_GROUP, Kind.WORKING_GROUP)]
        if groups_here:
            group_ids = resolve(ch, groups_here[-1], s.provision, s.subject)
        else:
            group_ids = context_groups(ch, s.provision, s.subject)
            if not group_ids:
                sg = [m for m in s.mentions if m.key.kind == Kind.SUPPORT_GROUP]
                group_ids = resolve(ch, sg[0], s.provision, s.subject) if sg else recent_group(ch, s)
        grp = "a" if lm.group("a") else "b"
        a, b = lm.start(grp), lm.end(grp)
        holder_mentions = [m for m in s.mentions if a <= m.start - s.start and m.end - s.start <= b and m.key.kind in (Kind.HEAD, Kind.POST)]
        person = PERSON.search(plain[max(0, a - 9) : b])
        if person and (is_title(s.text[max(0, a - 9) + person.start("name") : max(0, a - 9) + person.end("name")]) or any(m.start - s.start <= max(0, a - 9) + person.start("name") < m.end - s.start for m in s.mentions)):
            person = None  # "đồng chí Trưởng Công an phường" names a post, not a person
        for gid in group_ids:
            leader = ch.post(gid, Role.GroupLeader, at=(s.provision, s.start, s.end, s.provision.ref))
            ch.edge(GROUP_LEADER, leader, gid, s.provision, s.start, s.end, 0.95)
            if person:
                # "do đồng chí Phạm Minh Đức, Phó Giám đốc Sở … làm Tổ trưởng": appointed by name
                off = max(0, a - 9)
                pid = ch.person(s.text[off + person.start("name") : off + person.end("name")])
                ch.edge(LEADER_PERSON, pid, leader, s.provision, s.start, s.end, 0.9)
                for h in ids(ch, holder_mentions[:1], s):
                    ch.edge(LEADER_PERSON_TITLE, pid, h, s.provision, s.start, s.end, 0.85)
                continue
            for h in ids(ch, holder_mentions[:1], s):
                ch.edge(LEADER_EX_OFFICIO, leader, h, s.provision, s.start, s.end, 0.9)
