"""Sentences and their subjects: how the provision tree is read, one sentence at a time.

:func:`sentences` walks each article and gives every sentence its *implicit subject*: the
body or post its article or clause is about ("Điều 9. Nhiệm vụ, quyền hạn của Cơ quan
thường trực", "1. Phó Trưởng Ban Thường trực Ban Chỉ đạo:"). :func:`subjects_before` and
:func:`objects_after` find the mention lists on either side of a trigger.

Examples
--------
>>> from govkg.loaders.parse import parse_file
>>> from govkg.loaders.extract.charter import Charter
>>> ch = Charter(parse_file("data/charters/000_5614ed0167487373.txt"))
>>> s = next(sentences(ch))
>>> (s.provision.kind, s.start < s.end)
('article', True)
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from govkg.loaders.extract.charter import (
    LIST_GAP,
    PERSON,
    VAGUE,
    VAGUE_ITEM,
    Charter,
    Sentence,
    is_title,
    list_from,
    own_text_end,
    prepare,
)
from govkg.loaders.extract.posts import named_member
from govkg.loaders.extract.referents import ids, resolve
from govkg.loaders.mentions import Mention, find_mentions
from govkg.loaders.model import Provision
from govkg.loaders.parse import label_end
from govkg.loaders.rules import pattern
from govkg.vn.text import deaccent

__all__ = ["ARTICLE_SUBJECT", "VAGUE_SUBJECT", "addressees", "article_subject", "leading_subject", "objects_after", "sentences", "subjects_before"]

# the implicit subject of an article ("Nhiệm vụ, quyền hạn của X", "Trách nhiệm của X")
ARTICLE_SUBJECT = pattern(
    r"^(?:(?:co\s+cau\s+va\s+)?(?:nhiem\s+vu|quyen\s+han|chuc\s+nang|trach\s+nhiem|to\s+chuc\s+va\s+hoat\s+dong)"
    r"(?:\s*(?:,|va)\s*(?:nhiem\s+vu|quyen\s+han|chuc\s+nang|trach\s+nhiem))*\s+cua\s+|(?:cac\s+)?cuoc\s+hop\s+cua\s+|ve\s+)"
)

_SENTENCE_END = re.compile(r"(?<=[.;:!?])\s+(?=\S)|\n+")

_SUBJECT_GAP = re.compile(
    r"^\s*(?:,\s*)?(?:(?:co\s+the|duoc\s+quyen|co\s+trach\s+nhiem|co\s+nhiem\s+vu|co\s+chuc\s+nang|chu\s+tri|chu\s+dong|kip\s+thoi|dinh\s+ky|"
    r"thuong\s+xuyen|phai|thi|dong\s+thoi|truc\s+tiep|to\s+chuc|lam\s+viec\s+va|thuc\s+hien\s+va|tong\s+hop|hoac\s+dot\s+xuat|"
    r"dot\s+xuat|hoac|cung|va|ca\s+nhan|de|tu\s+van|tham\s+muu|giup\s+viec|nghien\s+cuu|khong\s+du\s+hop|vang\s+mat|"
    rf"{VAGUE_ITEM}|,)\s*)*$",
    re.IGNORECASE,
)

_HEADING_TAIL = re.compile(r"^\s*(?:\([^)]*\))?\s*:?\s*$")


def sentences(ch: Charter) -> Iterator[Sentence]:
    for part in ch.doc.parts:
        for article in part.articles():
            subject = article_subject(ch, article)
            yield from _walk(ch, article, subject)


def article_subject(ch: Charter, article: Provision) -> tuple[str, ...]:
    """Whose duties an article states, from its title ("Nhiệm vụ và quyền hạn của các Phó Trưởng Ban …")."""
    title = article.title or ""
    plain = deaccent(title)
    m = ARTICLE_SUBJECT.match(plain)
    if not m:
        # "Điều 2. Chức năng, nhiệm vụ, quyền hạn và chế độ làm việc": whose, if not said, is the committee's
        if re.match(r"(?i)(?:vi\s+tri,?\s+)?(?:chuc\s+nang|nhiem\s+vu|quyen\s+han)\b(?!.*\bcua\b)", plain):
            return (ch.committee_id,)
        return ()
    offset = article.text.find(title) if title else -1
    base = article.start + max(offset, 0)
    key = ("title mentions", article.start, id(ch.group_rules))  # group_rules is set once, before any walk
    if key not in ch.memo:
        ch.memo[key] = find_mentions(title[m.end() :], base + m.end(), ch.group_rules)
    mentions = ch.memo[key]
    if not mentions or mentions[0].start - (base + m.end()) > 5:
        return ()
    # "Nhiệm vụ, quyền hạn của các Tổ Công tác giúp việc của Ban Chỉ đạo": the first list only
    first = list_from(mentions, 0, title[m.end():], base + m.end())
    found: list[str] = []
    for mention in first:
        found += resolve(ch, mention, article, ())
    return tuple(dict.fromkeys(found))


def _walk(ch: Charter, p: Provision, subject: tuple[str, ...]) -> Iterator[Sentence]:
    own_end = own_text_end(p)
    own = ch.src.text[p.start : own_end]
    # an article's heading is read too: many state their rule inline ("Điều 2. … thay thế Quyết định số …")
    pos = label_end(own)
    # a clause that opens with its subject: "1. Phó Trưởng Ban Thường trực Ban Chỉ đạo: …"
    lead = own[pos:]
    mentions = ch.mentions(p.start + pos, p.start + pos + len(lead))
    if p.kind != "article" and mentions and mentions[0].start == p.start + pos + (len(lead) - len(lead.lstrip())):
        first = list_from(mentions, 0, lead, p.start + pos)
        tail = lead[first[-1].end - (p.start + pos) :]
        line = tail.split("\n", 1)[0]
        # "1. Phó Trưởng Ban Thường trực Ban Chỉ đạo:" or "Công an phường làm nhiệm vụ … sau đây:"
        if re.match(r"^[^:\n.;]{0,12}:", line) or _HEADING_TAIL.match(line) or line.rstrip().endswith(":"):
            named = [i for m in first for i in resolve(ch, m, p, subject)]
            if named:
                subject = tuple(dict.fromkeys(named))
    # a named member: "1. Đồng chí Vũ Trọng Huân, Trưởng Công an phường:"
    # ch.plain is deaccent(text) position for position: slice it rather than deaccent every provision again
    person = PERSON.match(ch.plain[p.start + pos + len(lead) - len(lead.lstrip()) : own_end])
    if person and is_title(lead.lstrip()[person.start("name") : person.end("name")]):
        person = None
    if p.kind != "article" and person and ":" in lead.split("\n", 1)[0]:
        off = len(lead) - len(lead.lstrip())
        name = lead.lstrip()[person.start("name") : person.end("name")]
        pid = ch.person(name)
        line_end = lead.find(":")
        named_member(ch, pid, p, p.start + pos + off, p.start + pos + line_end)
        subject = (pid,)
        pos += line_end + 1
    carried: tuple[str, ...] = ()
    opening: tuple[str, ...] | None = None
    key = ("protected", p.start, own_end, len(ch.groups))
    if key not in ch.memo:  # the sentences are walked twice (standing agencies first): the groups' names are found once
        plain_own = ch.plain[p.start : own_end]
        ch.memo[key] = [
            (m.start(), m.end())
            for _, pat in ch.groups
            if ch.may_hold(ch.group_words[pat], p.start, own_end)
            for m in pat.finditer(plain_own)
        ]
    protected = ch.memo[key]
    for s, e in _split(own, pos, protected):
        # "X làm …; phối hợp với …; báo cáo …": the predicates after ';' share X (a '.' ends it)
        if s > 0 and own[:s].rstrip().endswith("."):
            carried = ()
        sentence = Sentence(own[s:e], p.start + s, p.start + e, p, carried or subject)
        lead_subject = leading_subject(ch, sentence)
        if lead_subject:
            carried = lead_subject
        if opening is None:
            opening = lead_subject
        yield sentence
    # "1. Văn phòng UBND phường là cơ quan đầu mối …" — the clause's paragraphs go on about it
    if opening and p.kind == "clause":
        subject = opening
    # "6. Giao Phòng … là cơ quan thường trực của Ban Chỉ đạo, có nhiệm vụ:" — its points are the agency's duties
    if p.kind == "clause" and p.children and p.ref in ch.standing_agency_clauses:
        subject = tuple(dict.fromkeys(ch.standing_agency_clauses[p.ref]))
    for child in p.children:
        yield from _walk(ch, child, subject)


_LEADING_ADVERBIAL = re.compile(
    r"^[\s\-–+]*(?:(?:dinh\s+ky|khi|trong|truong\s+hop|hang|moi|neu|sau\s+khi|truoc|dong\s+thoi)\b[^;:]{0,100}?,\s*|truong\s+hop\s+)?$",
    re.IGNORECASE,
)


def leading_subject(ch: Charter, s: Sentence) -> tuple[str, ...]:
    """The mention list a sentence opens with, when a verb follows it (the sentence's own subject)."""
    plain = prepare(ch, s)
    if not s.mentions:
        return ()
    first = s.mentions[0]
    # an opening adverbial may stand before the subject: "Định kỳ ngày 20 hằng tháng, thành viên …"
    if not _LEADING_ADVERBIAL.match(plain[: first.start - s.start]):
        return ()
    lst = list_from(s.mentions, 0, s.text, s.start)
    after = plain[lst[-1].end - s.start :]
    if re.match(r"^\s*(?:[:(;.]|cua\b|ve\b|va\b|,|$)", after, re.IGNORECASE):
        return ()
    return tuple(dict.fromkeys(ids(ch, lst, s)))


def _split(text: str, pos: int, protected: list[tuple[int, int]] = ()) -> Iterator[tuple[int, int]]:
    """Sentences (split at '.', ';', ':' and line ends), never inside a protected span (a group's name)."""
    start = pos
    for m in _SENTENCE_END.finditer(text, pos):
        if any(a < m.start() < b for a, b in protected):
            continue
        if text[start : m.start()].strip():
            yield start, m.start()
        start = m.end()
    if text[start:].strip():
        yield start, len(text)


VAGUE_SUBJECT = re.compile(rf"\b(?:chi\s+dao|yeu\s+cau|de\s+nghi)\s+{VAGUE}*{VAGUE_ITEM}(?:\s+minh)?\s*$", re.IGNORECASE)

_VAGUE_HEAD = re.compile(rf"\s*(?:voi\s+)?(?:cac\s+)?{VAGUE}+(?:cac\s+)?", re.IGNORECASE)


def objects_after(s: Sentence, plain: str, pos: int, filler: re.Pattern[str]) -> list[Mention]:
    for i, m in enumerate(s.mentions):
        rel = m.start - s.start
        if rel < pos:
            continue
        gap = plain[pos:rel]
        if filler.fullmatch(gap) or _VAGUE_HEAD.fullmatch(gap):
            return list_from(s.mentions, i, s.text, s.start)
        return []
    return []


# a clause's lead-in that names whom its paragraphs are about: "2. Với các cấp ủy trực thuộc, …, Mặt trận
# Tổ quốc Việt Nam xã trực thuộc Đảng ủy:"
_ADDRESSED = re.compile(r"^\s*(?:\d+[.)]\s*|[a-zđ]\)\s*)?(?:doi\s+)?voi\s+(?P<list>[^:]+):\s*$", re.IGNORECASE | re.DOTALL)
_UNDER = re.compile(r"\btruc\s+thuoc\s*$", re.IGNORECASE)


def addressees(ch, s: Sentence) -> tuple[int, list[Mention]]:
    """The bodies the lead-in of the sentence's clause is addressed to ("Với A, B, C:"), and where the
    lead-in starts; a body named after "trực thuộc" is the one they answer to, not one of them.

    A paragraph under such a lead-in that says "Ban chỉ đạo chỉ đạo, đôn đốc, kiểm tra, giám sát việc …"
    with no object of its own is about them (seed 004, 17.2 đoạn 1)."""
    ref = s.provision.ref
    if "/" not in ref:
        return s.start, []
    parent = ch.doc.find(ref.rsplit("/", 1)[0])
    if parent is None or ref not in {c.ref for c in parent.children}:
        return s.start, []
    own_end = parent.children[0].start
    m = _ADDRESSED.match(ch.plain[parent.start : own_end])
    if not m:
        return s.start, []
    found = [x for x in ch.mentions(parent.start + m.start("list"), parent.start + m.end("list"))]
    kept = [x for x in found if not _UNDER.search(ch.plain[parent.start + m.start("list") : x.start])]
    return parent.start, kept


_PARENTHETICAL = re.compile(r"\s*\([^()]*\)")


def subjects_before(s: Sentence, plain: str, pos: int) -> list[Mention]:
    before = [m for m in s.mentions if m.end - s.start <= pos]
    # "Bộ X (cơ quan thường trực Ban Chỉ đạo) chủ trì …": a parenthesis right after a mention
    # describes it; the subject is the mention before it, and the parenthesis is no gap
    for paren in _PARENTHETICAL.finditer(plain, 0, pos):
        if any(m.end - s.start == paren.start() for m in before):
            before = [m for m in before if not paren.start() <= m.start - s.start < paren.end()]
    if not before:
        return []
    last = before[-1]
    if not _SUBJECT_GAP.match(_PARENTHETICAL.sub("", plain[last.end - s.start : pos])):
        return []
    # walk back over a list "A, B và C"
    out = [last]
    for prev in reversed(before[:-1]):
        gap = plain[prev.end - s.start : out[0].start - s.start]
        if LIST_GAP.match(gap):
            out.insert(0, prev)
        else:
            break
    # a list that is itself the object of an earlier verb ("báo cáo A, B") is not a subject
    head = plain[: out[0].start - s.start]
    if re.match(r"^\s*de\s", plain[last.end - s.start : pos], re.IGNORECASE):
        return out  # "gửi về X để tổng hợp, báo cáo …": X is the subject of the purpose clause
    if re.search(r"\b(?:bao\s+cao|tham\s+muu|phoi\s+hop(?:\s+voi)?|chiu\s+trach\s+nhiem\s+truoc|cua|voi|giup|cho|la|la\s+lanh\s+dao|lanh\s+dao|thay\s+mat|chi\s+dao|den|ve|tai|trinh|de\s+nghi|yeu\s+cau|giua)\s*$", head, re.IGNORECASE):
        return []
    return out
