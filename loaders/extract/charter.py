"""The state of one charter while it is read, and what every rule family shares.

:class:`Charter` holds what the charter defines so far (its facts, committee, locality,
groups and standing agencies) and writes nodes and edges with their provenance: every
edge names the :class:`~govkg.loaders.rules.Rule` that built it. :class:`Sentence` is the
unit the families read. The helpers below are the reading every family needs: mention
lists ("A, B và C"), a provision's own text, the committee's name in the titles.

Examples
--------
>>> from govkg.loaders.parse import parse_file
>>> ch = Charter(parse_file("data/charters/000_5614ed0167487373.txt"))
>>> ch.charter_id == charter_id_of(ch.doc)
True
>>> committee_name(ch)
'Ban Chỉ đạo về phát triển khoa học, công nghệ, đổi mới sáng tạo, chuyên đổi số và Đề án 06 phường Hải Dương'
"""

from __future__ import annotations

import bisect
import hashlib
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache

from govkg.loaders.mentions import Mention, MentionRule, find_mentions, glossary, mention_rules
from govkg.loaders.model import Document, Provision
from govkg.loaders.rules import Rule
from govkg.ontology.facts import Edge, Facts, Node, fold_edge, make_id
from govkg.ontology.vocab import Label, Level, Prop, Rel, Role, Status
from govkg.vn import gazetteer
from govkg.vn.text import deaccent, loose_key
from govkg.vn.words import (
    COMMUNE_KINDS,
    DISTRICT_KINDS,
    KIND_OF_FOLDED,
    LOCALITY_KINDS,
    PROVINCE_KINDS,
    kind_pattern,
    spell_out,
)

__all__ = [
    "LIST_GAP",
    "PERSON",
    "POST_IN",
    "ROLE_TITLES",
    "VAGUE",
    "VAGUE_ITEM",
    "Charter",
    "Sentence",
    "caseless",
    "charter_id_of",
    "committee_name",
    "fullest_name",
    "is_title",
    "join_place",
    "list_from",
    "majority_spelling",
    "name_case",
    "name_en",
    "own_text_end",
    "own_words",
    "post_body",
    "post_name",
    "prepare",
    "pseudo_provision",
    "trim",
    "word_triples",
]

# written wherever a post is first met; listed in the posts family
POST_IN = Rule(
    "structure.post_in",
    "posts",
    (Rel.POST_IN,),
    "A post the charter names is a post in its body (the committee's, a group's, an agency's); grounded on its first mention, else inferred.",
    "1. Trưởng Ban Chỉ đạo: Chủ tịch Ủy ban nhân dân phường.",
)

ROLE_TITLES = {
    Role.Chair: "Trưởng Ban Chỉ đạo",
    Role.StandingViceChair: "Phó Trưởng Ban Thường trực",
    Role.ViceChair: "Phó Trưởng Ban Chỉ đạo",
    Role.StandingMember: "Thành viên Thường trực",
    Role.Member: "Thành viên",
    Role.Secretary: "Thư ký",
    Role.GroupLeader: "Tổ trưởng",
    Role.Head: "Người đứng đầu",
    Role.DeputyHead: "Cấp phó",
}

# vague items in a list ("các cơ quan, đơn vị liên quan"): not entities, skipped between mentions
VAGUE_ITEM = (
    r"(?:cac\s+)?(?:to\s+chuc(?:\s+co\s+so\s+dang)?|co\s+quan|don\s+vi|ca\s+nhan|so|nganh|dia\s+phuong|"
    r"can\s+bo|dang\s+vien|cong\s+chuc|vien\s+chuc|phong\s+chuyen\s+mon|ban\s+nganh|bo\s+phan\s+chuyen\s+mon)"
    r"(?:\s+(?:co\s+)?lien\s+quan)?"
)

VAGUE = rf"(?:{VAGUE_ITEM}(?:\s*,\s*|\s+va\s+|\s+hoac\s+))"

LIST_GAP = re.compile(
    rf"^\s*(?:,|;)?\s*(?:va|hoac|cung|voi|,)?\s*(?:\(\s*hoac\s+)?(?:cac\s+|dong\s+chi\s+)?{VAGUE}*(?:cac\s+)?$", re.IGNORECASE
)

PERSON = re.compile(
    r"(?:(?:dong\s+chi|d/c|ong|ba)\s+)(?P<name>(?-i:[A-Z][a-z]+(?:\s+[A-Z][a-z]+){1,4}))", re.IGNORECASE
)

# words that open a title, not a name (compared with their marks: "Vụ" is a title, "Vũ" a surname)
_TITLE_WORDS = frozenset(
    "trưởng phó giám chủ chánh bí tổ ủy uỷ ban thành cán công tổng cục vụ chi đảng hội đoàn văn sở phòng".split()
)


# a mention that opens with a post's title names the post, not its body
_POST_TITLE = re.compile(
    r"(?:phó\s+)?(?:thành\s+viên|tổ\s+trưởng|tổ\s+phó|trưởng|giám\s+đốc|chủ\s+tịch|bí\s+thư|[uủ]y\s+viên|thư\s+ký|chánh)\s",
    re.IGNORECASE,
)


def is_title(name: str) -> bool:
    first = name.split(" ", 1)[0].lower()
    return first in _TITLE_WORDS


@dataclass(slots=True)
class Sentence:
    """A unit of text read on its own: offsets into the normalised text, and its provision."""

    text: str
    start: int
    end: int
    provision: Provision
    subject: tuple[str, ...]
    mentions: list[Mention] = field(default_factory=list)


def charter_id_of(document: Document) -> str:
    """The charter's id: readable from its number or title, unique by its normalised text.

    The digest is of ``source.text``, not of the file's bytes: the same charter saved in
    another encoding (cp1258, TCVN3, UTF-16 …), with CRLF line ends or in NFD gets the
    same id, hence the same facts, and loading it again cannot duplicate the charter.
    """
    header = document.main.header
    label = header.number or (header.title or "")[:40] or document.path
    digest = hashlib.sha256(document.source.text.encode("utf-8")).hexdigest()
    return make_id("charter", label, digest[:16])


_CHARTER, _PROVISION, _QUOTE, _QUOTE_START, _QUOTE_END = (Prop.charter.value, Prop.provision.value, Prop.quote.value, Prop.quoteStart.value, Prop.quoteEnd.value)
_START, _END, _RULE, _CONFIDENCE, _INFERRED = (Prop.start.value, Prop.end.value, Prop.rule.value, Prop.confidence.value, Prop.inferred.value)


# The characters outside ASCII that ``re.IGNORECASE`` takes for an ASCII letter (a test checks
# every code point): where a text holds none, its ``str.lower()`` shows every case-insensitive
# occurrence of an ASCII word, position for position.
_ODD_FOLDS = re.compile("[\u0130\u0131\u017f\u212a]")


def caseless(plain: str) -> str | None:
    """``plain.lower()``, where it shows every case-insensitive occurrence of an ASCII word at its
    place; else None (a character in ``_ODD_FOLDS``, or a lower case of another length).

    >>> caseless("Thành LẬP"), caseless("\u212aien")
    ('thành lập', None)
    """
    low = plain.lower()
    return low if len(low) == len(plain) and not _ODD_FOLDS.search(plain) else None


class Charter:
    """What one charter defines, built up while reading it."""

    def __init__(self, document: Document):
        self.doc = document
        self.src = document.source
        self.plain = deaccent(document.source.text)  # same length: slices stand for deaccent(slice)
        self._all_mentions: list[Mention] | None = None
        self._all_starts: list[int] = []
        self._all_for: tuple = ()
        self.facts = Facts(charter_id=charter_id_of(document), path=document.path)
        self.charter_id = self.facts.charter_id
        self.groups: list[tuple[str, re.Pattern[str]]] = []  # (WorkingGroup id, name pattern)
        self.group_words: dict[re.Pattern[str], str] = {}  # name pattern → a word each match holds
        self.group_rules: tuple[MentionRule, ...] = ()
        self.standing_agencies: list[tuple[str, str | None]] = []  # (agency id, domain)
        self.standing_agency_clauses: dict[str, list[str]] = {}  # provision ref → agencies it names
        self.committee_id = ""
        # groups the charter is about (a ministry's Tổ công tác, each Đoàn kiểm tra), with the provision naming each
        self.defined_groups: list[tuple[str, str]] = []  # (body id, name as the charter writes it)
        self.locality: gazetteer.AdminUnit | None = None
        self.province: gazetteer.AdminUnit | None = None
        self.district: gazetteer.AdminUnit | None = None
        self.year: int | None = None
        self.level = Level.commune
        # unit key → the words the charter itself names the unit with ("tỉnh Bắc Ninh" where the
        # gazetteer has "thành phố Bắc Ninh"): names keep the charter's words, see :meth:`place`
        self.place_names: dict[str, str] = {}
        self._fullest: dict[str, str] = {}
        self._body_titles: dict[str, str] = {}
        self.wg_cache: tuple[int, list[str]] = (-1, [])  # see _working_groups
        # what a pure reading of the text gives, kept for the charter's second walk (see sentences._walk)
        self.memo: dict[tuple, object] = {}
        self.caseless = caseless(self.plain)  # see may_hold

    def may_hold(self, word: str, start: int, end: int) -> bool:
        """False only if no case-insensitive occurrence of ``word`` lies in ``plain[start:end]``:
        a check by ``str.find`` before a scan that needs the word (Python's ``re`` tries a
        case-insensitive pattern that opens with ``\\b`` or an optional word at every position).

        True whenever it cannot tell: an empty word or one that is not ASCII, or a text whose lower
        case does not stand for ``re.IGNORECASE``'s (see ``_ODD_FOLDS``; a lower case of another length).
        """
        if self.caseless is None or not word or not word.isascii():
            return True
        return self.caseless.find(word.lower(), start, end) >= 0

    # --- provenance -------------------------------------------------------------------
    def edge(
        self,
        rule: Rule,
        source: str,
        target: str,
        provision: Provision | None,
        start: int,
        end: int,
        confidence: float = 0.9,
        ref: str | None = None,
        type_: Rel | None = None,
        **props,
    ) -> Edge | None:
        """The edge ``rule`` gives from ``source`` to ``target``, quoting ``text[start:end]``.

        Its type is the rule's, or ``type_`` when the rule gives several. An inferred edge
        (``inferred=True``) is folded (:func:`~govkg.ontology.facts.fold_edge`): one per type and
        ends, this charter's clause, rule and quote one entry of its evidence.
        """
        if type_ is None:
            type_ = rule.type
        elif type_ not in rule.types:
            raise ValueError(f"rule {rule.id} does not give {type_}")
        if not source or not target or source == target:
            return None
        start, end = trim(self.src.text, start, end)
        quote_start, quote_end = self.src.original_span(start, end)
        # the property names as plain strings: an enum member's ``.value`` is a Python-level lookup,
        # and this runs ~1,000 times a charter
        out = {
            _CHARTER: self.charter_id,
            _PROVISION: ref or (provision.ref if provision else ""),
            _QUOTE: self.src.original[quote_start:quote_end],
            _QUOTE_START: quote_start,
            _QUOTE_END: quote_end,
            _START: start,
            _END: end,
            _RULE: rule.id,
            _CONFIDENCE: confidence,
        }
        out.update({k: v for k, v in props.items() if v not in (None, "", [], ())})
        edge = Edge(type_.value, source, target, out)
        # an inferred edge is one per (type, source, target), its charters and clauses listed as evidence
        return self.facts.add_edge(fold_edge(edge) if out.get(_INFERRED) else edge)

    # --- nodes ------------------------------------------------------------------------
    def place(self, unit: gazetteer.AdminUnit | None) -> str:
        """A unit as this charter names it: its own words when it names the unit, else the gazetteer's name."""
        if unit is None:
            return ""
        if unit.key not in self.place_names:
            self.place_names[unit.key] = own_words(self.src.text, unit, self.plain) or unit.name
        return self.place_names[unit.key]

    def body(self, kind: Label, name: str, *, locality: gazetteer.AdminUnit | None, status: Status, alias: str | None = None, **props) -> str:
        written, name = name, spell_out(name)  # "UBND tỉnh" is shown "Ủy ban nhân dân tỉnh", its short form an alias
        if kind == Label.Agency and name.startswith(("Bộ ", "Sở ")):
            name = self.fullest_name(name)  # "Bộ Văn hóa" is the "Bộ Văn hóa, Thể thao và Du lịch" the text names
        loc_key = locality.key if locality else ""
        place = self.place(locality)
        # the id keeps the gazetteer's name of the place, so that charters naming it differently meet
        node_id = make_id("body", kind.value, name.replace(place, locality.name) if locality and place else name, loc_key)
        full = name if not locality or loose_key(locality.bare_name) in loose_key(name) else join_place(name, place)
        node_props = {
            Prop.name.value: full,
            Prop.status.value: status.value,
            Prop.level.value: _level_of_unit(locality) if locality else None,
            Prop.locality.value: locality.name if locality else None,
            Prop.localityCode.value: locality.key if locality else None,
            Prop.nameEn.value: name_en(name),
            **props,
        }
        self.facts.add_node(Node(node_id, (Label.Body.value, kind.value), {k: v for k, v in node_props.items() if v is not None}))
        for short in (name, written):
            if short != full:
                self.add_alias(node_id, short)
        if alias:
            self.add_alias(node_id, alias)
        if status == Status.defined and self.facts.nodes[node_id].props.get(Prop.status.value) != Status.defined.value:
            self.facts.nodes[node_id].props[Prop.status.value] = Status.defined.value
        return node_id

    def fullest_name(self, name: str) -> str:
        """The longest agency name the text's mentions give that opens with ``name`` and goes on
        with more of a ministry's or department's fields (see :func:`fullest_name`)."""
        if name not in self._fullest:
            names = sorted({m.key.name for m in self.mentions(0, len(self.src.text)) if m.key.name and m.key.label == Label.Agency.value})
            self._fullest[name] = fullest_name(name, names)
        return self._fullest[name]

    def mentions(self, start: int, end: int) -> list[Mention]:
        """Mentions inside a span of the charter's text.

        The whole text is scanned once (per set of group names) and spans take their share,
        so reading a sentence twice costs nothing.
        """
        if self._all_mentions is None or self._all_for is not self.group_rules:
            self._all_mentions = find_mentions(self.src.text, 0, self.group_rules, self.plain)
            self._all_starts = [m.start for m in self._all_mentions]
            self._all_for = self.group_rules
        everything = self._all_mentions
        i = bisect.bisect_left(self._all_starts, start)
        j = bisect.bisect_left(self._all_starts, end, lo=i)
        # index, never slice to the end: a copy of the tail per sentence is quadratic
        return [m for m in everything[i:j] if m.end <= end]

    def add_alias(self, node_id: str, alias: str) -> None:
        alias = re.sub(r"\s+", " ", alias).strip(" ,.;:")
        node = self.facts.nodes[node_id]
        if Label.Body.value in node.labels and _POST_TITLE.match(alias):
            return  # "Tổ trưởng Tổ Giúp việc" names a post of the group, not the group
        aliases = node.props.setdefault(Prop.aliases.value, [])
        if alias and alias != node.props.get(Prop.name.value) and alias not in aliases:
            aliases.append(alias)

    def post(self, body_id: str, role: Role, title: str | None = None, at: tuple | None = None) -> str:
        """The post of ``role`` in a body; ``at`` = (provision, start, end, ref) of its first mention."""
        post_id = make_id("post", body_id, role.value)
        body = self.facts.nodes.get(body_id)
        body_name = body.props.get(Prop.name.value, "") if body else ""
        title = title or ROLE_TITLES[role]
        if post_id not in self.facts.nodes:
            self.facts.add_node(
                Node(
                    post_id,
                    (Label.Post.value,),
                    {
                        Prop.name.value: post_name(title, body_name),
                        Prop.title.value: spell_out(title),
                        Prop.role.value: role.value,
                        Prop.nameEn.value: f"{glossary()['roles_en'][role.value]}, {body.props.get(Prop.nameEn.value) or body_name}" if body else None,
                        Prop.locality.value: body.props.get(Prop.locality.value) if body else None,
                    },
                )
            )
            self.facts.nodes[post_id].props = {k: v for k, v in self.facts.nodes[post_id].props.items() if v is not None}
            if spell_out(title) != title:
                self.add_alias(post_id, title)
            prov, start, end, ref = at or (None, 0, 0, self._first_ref)
            self.edge(POST_IN, post_id, body_id, prov, start, end, 1.0, ref=ref, inferred=None if at else True)
        return post_id

    def person(self, name: str) -> str:
        name = re.sub(r"\s+", " ", name).strip(" ,.;:")
        if name.isupper():
            name = name.title()
        person_id = make_id("person", name)
        self.facts.add_node(Node(person_id, (Label.Person.value,), {Prop.name.value: name}))
        return person_id

    _first_ref = ""


def post_name(title: str, body_name: str) -> str:
    """A post's name: its title spelt out and completed by its body's name where the title
    names the body ("Chủ tịch UBND tỉnh" in "Ủy ban nhân dân tỉnh Bắc Ninh"), else the title and
    the body in brackets. The committee's own roles keep the bracketed form.

    >>> post_name("Chủ tịch UBND tỉnh", "Ủy ban nhân dân tỉnh Bắc Ninh")
    'Chủ tịch Ủy ban nhân dân tỉnh Bắc Ninh'
    >>> post_name("Giám đốc Công an tỉnh", "Công an tỉnh Bắc Ninh")
    'Giám đốc Công an tỉnh Bắc Ninh'
    >>> post_name("Trưởng Ban Chỉ đạo", "Ban Chỉ đạo tỉnh Bắc Ninh"), post_name("Chủ tịch", "")
    ('Trưởng Ban Chỉ đạo (Ban Chỉ đạo tỉnh Bắc Ninh)', 'Chủ tịch')
    """
    if not body_name:
        return spell_out(title) if title not in ROLE_TITLES.values() else title
    if title not in ROLE_TITLES.values():
        spelt = spell_out(title)
        words = spelt.split()
        body_key = loose_key(body_name)
        for i in range(1, len(words)):
            tail = loose_key(" ".join(words[i:]))
            if tail and (body_key == tail or body_key.startswith(tail + " ")):
                return f"{' '.join(words[:i])} {body_name}"
        return f"{spelt} ({body_name})"
    return f"{title} ({body_name})"


def majority_spelling(name: str, text: str, plain: str | None = None) -> str:
    """``name`` with each word spelt as ``text`` spells it most often between the same neighbours
    (``plain`` is ``deaccent(text)`` when the caller has it already).

    A typo in a title ("chuyên đổi số") is outvoted by the text's other spellings of the same
    words ("chuyển đổi số"); marks and neighbours both count, so two real words that fold alike
    are only compared in the same company.

    >>> text = "Ban Chỉ đạo chuyên đổi số. Về chuyển đổi số; chuyển đổi số; CHUYỂN ĐỔI SỐ"
    >>> majority_spelling("Ban Chỉ đạo về chuyên đổi số", text)
    'Ban Chỉ đạo về chuyển đổi số'
    >>> majority_spelling("Tổ công tác", "tổ công tác; Tổ Công Tác")
    'Tổ công tác'
    """
    words = list(re.finditer(r"\w+", name))
    lowered = (deaccent(text) if plain is None else plain).lower()
    out = list(name)
    for i in range(1, len(words) - 1):
        prev, mid, nxt = words[i - 1], words[i], words[i + 1]
        counts: dict[str, int] = {}
        for a, b in word_triples(lowered, *(deaccent(w.group()).lower() for w in (prev, mid, nxt))):
            form = text[a:b].lower()
            counts[form] = counts.get(form, 0) + 1
        own = mid.group().lower()
        best = max(counts, key=lambda f: counts[f], default=own)
        if best != own and counts[best] > counts.get(own, 0):
            spelt = best[0].upper() + best[1:] if mid.group()[0].isupper() else best
            out[mid.start() : mid.end()] = list(spelt) if len(spelt) == mid.end() - mid.start() else [spelt] + [""] * (mid.end() - mid.start() - 1)
    return "".join(out)


@lru_cache(maxsize=4096)
def _triple_pattern(prev: str, mid: str, nxt: str) -> re.Pattern[str]:
    # The words of committee names come back charter after charter. No leading ``\b``: a
    # pattern that opens with a literal word is searched for by that word in C; one that opens
    # with ``\b`` is tried at every position of the text.
    return re.compile(rf"{re.escape(prev)}[\s,]+({re.escape(mid)})[\s,]+{re.escape(nxt)}\b")


_WORD_CHAR = re.compile(r"\w")


def word_triples(plain: str, prev: str, mid: str, nxt: str) -> Iterator[tuple[int, int]]:
    """The spans of ``mid`` in the matches of ``\\bprev[\\s,]+(mid)[\\s,]+nxt\\b`` in ``plain``, as
    ``finditer`` gives them.

    The pattern is searched for without its leading ``\\b``, which is checked at each hit; a hit
    inside a word is passed over by one character, as ``finditer`` would try the next position.
    (Cutting the whole text into words instead cost ~0.9 ms a charter; compiling one pattern per
    word of the committee's name, uncached, ~10% of extraction.)

    >>> list(word_triples("xtin ve tin; tin ve, tin ve tin vet", "tin", "ve", "tin"))
    [(17, 19)]
    >>> list(word_triples("tin ve tin ve tin ve tin", "tin", "ve", "tin"))
    [(4, 6), (18, 20)]
    """
    pattern = _triple_pattern(prev, mid, nxt)
    pos = 0
    while (m := pattern.search(plain, pos)) is not None:
        at = m.start()
        if (at > 0 and _WORD_CHAR.match(plain, at - 1) is not None) == (_WORD_CHAR.match(plain, at) is not None):
            pos = at + 1  # no word boundary before it: finditer tries the next position
            continue
        yield m.span(1)
        pos = m.end() if m.end() > at else at + 1


_PARTY_OF_KIND = {"tỉnh": "tỉnh ủy", "thành phố": "thành ủy", "huyện": "huyện ủy", "quận": "quận ủy", "thị xã": "thị ủy"}


def fullest_name(name: str, names: list[str]) -> str:
    """``name`` as the text writes it in full: a ministry or department named by its first field
    ("Bộ Văn hóa") is the one the text also names with all its fields (``names``, the names of the
    text's mentions): "Bộ Văn hóa, Thể thao và Du lịch".

    >>> fullest_name("Bộ Văn hóa", ["Bộ Văn hóa, Thể thao và Du lịch", "Bộ Văn hóa", "Bộ Nội vụ"])
    'Bộ Văn hóa, Thể thao và Du lịch'
    >>> fullest_name("Sở Khoa học", ["Sở Khoa học và Công nghệ"]), fullest_name("Bộ Nội vụ", ["Bộ Nội vụ"])
    ('Sở Khoa học và Công nghệ', 'Bộ Nội vụ')
    """
    longer = [n for n in names if re.match(rf"{re.escape(name)}(?:\s*,\s*|\s+và\s+|\s*-\s*)\S", n)]
    return max(longer, key=len, default=name)


def join_place(name: str, place: str) -> str:
    """``name`` followed by ``place``, the type word said once ("Công an thành phố" + "thành phố Hải Phòng").

    >>> join_place("Công an thành phố", "thành phố Hải Phòng")
    'Công an thành phố Hải Phòng'
    >>> join_place("Sở Nội vụ", "tỉnh Bắc Ninh"), join_place("Tỉnh ủy", "tỉnh Quảng Ninh")
    ('Sở Nội vụ tỉnh Bắc Ninh', 'Tỉnh ủy Quảng Ninh')
    """
    name = name.rstrip()
    for kind, party in _PARTY_OF_KIND.items():
        # "Tỉnh ủy" + "tỉnh Quảng Ninh" is "Tỉnh ủy Quảng Ninh": the cấp ủy's name says the type
        if place.lower().startswith(kind + " ") and name.lower().endswith(party):
            return f"{name} {place[len(kind) + 1 :]}"
    for kind in sorted(LOCALITY_KINDS, key=len, reverse=True):
        if place.lower().startswith(kind + " ") and name.lower().endswith(" " + kind):
            return f"{name[: len(name) - len(kind)].rstrip()} {place}"
    return f"{name} {place}"


def own_words(text: str, unit: gazetteer.AdminUnit, plain: str | None = None) -> str | None:
    """The words ``text`` names ``unit`` with most often: a type word of the unit's level and its name.

    ``plain`` is ``deaccent(text)`` when the caller has it already.

    The gazetteer knows a unit by its current name ("thành phố Bắc Ninh" since 2025); a charter
    that says "tỉnh Bắc Ninh" throughout keeps its words in the names of its entities.

    >>> u = gazetteer.resolve("tỉnh Bắc Ninh", year=2026)
    >>> u.name, own_words("UBND tỉnh Bắc Ninh; Công an TỈNH BẮC NINH; thành phố Bắc Ninh cũ", u)
    ('thành phố Bắc Ninh', 'tỉnh Bắc Ninh')
    >>> own_words("phường Hải An", u) is None
    True
    """
    kinds = {Level.province: PROVINCE_KINDS, Level.district: (*DISTRICT_KINDS, "thành phố"), Level.commune: COMMUNE_KINDS}.get(unit.level, ())
    if not kinds:
        return None
    bare_name = unit.bare_name
    pattern = _own_words_pattern(kinds, bare_name)
    counts: dict[str, int] = {}
    wanted = bare_name.lower().split()
    for m in pattern.finditer(deaccent(text) if plain is None else plain):
        # the marks must agree too: "Hải Dương" is not "Hải Đường"
        if text[m.end("kind") : m.end()].lower().split() != wanted:
            continue
        kind = KIND_OF_FOLDED[re.sub(r"\s+", " ", m.group("kind").lower())]
        counts[kind] = counts.get(kind, 0) + 1
    if not counts:
        return None
    kind = max(counts, key=lambda k: (counts[k], k == unit.kind))
    return f"{kind} {bare_name}"


@lru_cache(maxsize=4096)
def _own_words_pattern(kinds: tuple[str, ...], bare_name: str) -> re.Pattern[str]:
    # compiled once per unit, not once per charter: a province's name recurs in all its communes' charters
    return re.compile(rf"\b(?P<kind>{kind_pattern(kinds=kinds)})\s+{r'\s+'.join(map(re.escape, deaccent(bare_name).split()))}\b", re.IGNORECASE)


def trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


@lru_cache(maxsize=1)
def _names_en() -> dict[str, str]:
    return {loose_key(vi): en for vi, en in glossary()["names_en"].items()}


def name_en(name: str) -> str | None:
    en = _names_en().get(loose_key(name))
    if en:
        return en
    for prefix, table in (("Phòng ", "departments"), ("Sở ", "departments")):
        if name.startswith(prefix):
            en = glossary()[table].get(name[len(prefix) :])
            if en:
                return ("Department of " if prefix == "Sở " else "Office of ") + en
    return None


def _level_of_unit(unit: gazetteer.AdminUnit | None) -> str | None:
    return unit.level.value if unit else None


def own_text_end(p: Provision) -> int:
    return p.children[0].start if p.children else p.end


def list_from(mentions: list[Mention], i: int, text: str, base: int) -> list[Mention]:
    out = [mentions[i]]
    for nxt in mentions[i + 1 :]:
        # only the short gaps are read: deaccenting the whole sentence per call was ~3% of extraction
        gap = deaccent(text[out[-1].end - base : nxt.start - base])
        if LIST_GAP.match(gap):
            out.append(nxt)
        else:
            break
    return out


def prepare(ch: Charter, s: Sentence) -> str:
    if not s.mentions:
        s.mentions = ch.mentions(s.start, s.end)
    return ch.plain[s.start : s.end]


def pseudo_provision(ref: str, start: int, end: int, text: str) -> Provision:
    return Provision(kind="header", label="", title="", text=text, start=start, end=end, ref=ref, human=ref)


def post_body(ch: Charter, post_id: str) -> str | None:
    for e in ch.facts.edges:
        if e.type == Rel.POST_IN and e.source == post_id:
            return e.target
    return None


_PROPER = ("nhà nước", "trung ương", "chính phủ", "quốc hội", "việt nam", "đề án", "đảng", "mặt trận tổ quốc")
_AGENCY_WORDS = frozenset("bộ sở cục vụ phòng".split())
_AGENCY_OPENERS = frozenset("của với và cho tại do giao".split())
_NAME_STOP_WORDS = frozenset("về và của trong tại theo để với cho các năm giai đoạn".split())


def name_case(name: str) -> str:
    """A body's name as the genre writes it: a name set in capitals becomes sentence case with its
    proper nouns capitalised (the place after a locality word, Nhà nước, Trung ương, Đề án …);
    a name already in mixed case only gets its first letter capitalised.

    >>> name_case("BAN CHỈ ĐẠO NHÀ NƯỚC VỀ PHÁT TRIỂN HẠ TẦNG SỐ")
    'Ban Chỉ đạo Nhà nước về phát triển hạ tầng số'
    >>> name_case("TỔ CÔNG TÁC CHUYỂN ĐỔI SỐ PHƯỜNG HẢI AN")
    'Tổ công tác chuyển đổi số phường Hải An'
    >>> name_case("BỘ VĂN HÓA, THỂ THAO VÀ DU LỊCH")
    'Bộ Văn hóa, Thể thao và Du lịch'
    >>> name_case("tổ công tác Đề án 06")
    'Tổ công tác Đề án 06'
    """
    if not name:
        return name
    if any(c.islower() for c in name):
        return name[0].upper() + name[1:]
    words = name.lower().split()
    out = list(words)
    _agency_capitals(words, out)
    i = 0
    while i < len(words):
        two = " ".join(words[i : i + 2])
        if i == 0:
            out[0] = words[0][:1].upper() + words[0][1:]
        if two == "ban chỉ" and i + 2 < len(words) and words[i + 2] == "đạo":
            out[i] = "Ban"
            out[i + 1] = "Chỉ"
        loc = next((w for w in LOCALITY_KINDS if " ".join(words[i : i + len(w.split())]) == w), None)
        if loc:
            j = i + len(loc.split())
            while j < len(words) and words[j] not in _NAME_STOP_WORDS:
                out[j] = words[j][:1].upper() + words[j][1:]
                j += 1
            i = j
            continue
        proper = next((p for p in _PROPER if " ".join(words[i : i + len(p.split())]) == p), None)
        if proper:  # "Nhà nước", "Trung ương", "Đề án": the first word takes the capital
            out[i] = words[i][:1].upper() + words[i][1:]
            i += len(proper.split())
            continue
        i += 1
    return " ".join(out)


def _agency_capitals(words: list[str], out: list[str]) -> None:
    """An agency's name opens each coordinated part with a capital: "Bộ Khoa học và Công nghệ",
    "của Bộ Nội vụ", "Sở Văn hóa, Thể thao và Du lịch" (set in ``out``, by position)."""
    k = 0
    while k < len(words) - 1:
        opens = k == 0 or words[k - 1] in _AGENCY_OPENERS or words[k - 1].endswith(",")
        if words[k] in _AGENCY_WORDS and opens:
            out[k] = words[k].capitalize()
            out[k + 1] = words[k + 1].capitalize()
            j = k + 2
            while j < len(words) and words[j] not in _NAME_STOP_WORDS - {"và"}:
                if words[j - 1] == "và" or words[j - 1].endswith(","):
                    out[j] = words[j].capitalize()
                j += 1
            k = j
            continue
        k += 1


def committee_name(ch: Charter) -> str | None:
    """The fullest name of the committee in the titles: every 'Ban Chỉ đạo …' run, the longest wins."""
    committee_rule = next(r for r in mention_rules() if r.id == "body.committee")
    best = None
    for part in ch.doc.parts:
        for text in (part.header.title or "", part.header.issuer_line or "", *part.header.issuing_bodies):
            text = re.sub(r"\s+", " ", text)
            if text.isupper():  # a title in capitals: its place names read as names ("TỈNH YÊN BÁI")
                text = name_case(text)
            plain = deaccent(text)
            for start in (m.start() for m in re.finditer(r"(?i)\b(?:ban\s+chi\s+dao|bcd)\b", plain)):
                m = committee_rule.pattern.match(plain, start)
                if m and (best is None or len(m.group(0)) > len(best)):
                    best = text[m.start() : m.end()]
        if best and len(best) > 20:
            break
    return best
