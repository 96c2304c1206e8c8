"""Facts from a parsed charter: bodies, posts, people, relations, each edge with provenance.

``extract(document)`` walks the provision tree once. Every sentence is read with its
*implicit subject* — the body or post its article or clause is about ("Điều 9. Nhiệm vụ,
quyền hạn của Cơ quan thường trực", "1. Phó Trưởng Ban Thường trực Ban Chỉ đạo:") — and the
relation triggers of :mod:`govkg.loaders.rules` are matched against the mentions of
:mod:`govkg.loaders.mentions`. Every edge records the charter, the provision ref, the
verbatim sentence, its offsets, the rule id and a confidence.

Examples
--------
>>> from govkg.loaders.parse import parse_file
>>> from govkg.ontology.vocab import Rel
>>> facts = extract(parse_file("data/charters/000_5614ed0167487373.txt"))
>>> sorted({e.type for e in facts.edges if e.type == Rel.STANDING_AGENCY_OF})
['STANDING_AGENCY_OF']
>>> all(e.props["quote"] for e in facts.edges if e.type == Rel.REPORTS_TO)
True
"""

from __future__ import annotations

import bisect
import datetime as _dt
import hashlib
import re
from functools import lru_cache
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from govkg.errors import ExtractError
from govkg.loaders import gazetteer
from govkg.loaders.cadence import parse_cadence
from govkg.ontology.facts import Edge, Facts, Node, make_id
from govkg.loaders.mentions import Mention, MentionRule, deaccent, find_mentions, glossary, level_of_word, mention_rules
from govkg.loaders.model import Citation, Document, Provision
from govkg.loaders.resolve import document_key
from govkg.loaders.rules import (
    ARTICLE_SUBJECT,
    CONDITION,
    MEETING,
    RELATION_RULES,
    VIA,
    RelationRule,
)
from govkg.ontology.vocab import Label, Level, Prop, Rel, Role, Status

__all__ = ["Sentence", "charter_id_of", "extract"]

NATIONAL_COMMITTEE_ID = "committee:national"
NATIONAL_PARTY_COMMITTEE_ID = "committee:national-party"
_ROLE_TITLES = {
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
_LEVEL_RANK = {Level.commune: 1, Level.district: 2, Level.province: 3, Level.national: 4}
_SENTENCE_END = re.compile(r"(?<=[.;:!?])\s+(?=\S)|\n+")
# vague items in a list ("các cơ quan, đơn vị liên quan"): not entities, skipped between mentions
_VAGUE_ITEM = (
    r"(?:cac\s+)?(?:to\s+chuc(?:\s+co\s+so\s+dang)?|co\s+quan|don\s+vi|ca\s+nhan|so|nganh|dia\s+phuong|"
    r"can\s+bo|dang\s+vien|cong\s+chuc|vien\s+chuc|phong\s+chuyen\s+mon|ban\s+nganh|bo\s+phan\s+chuyen\s+mon)"
    r"(?:\s+(?:co\s+)?lien\s+quan)?"
)
_VAGUE = rf"(?:{_VAGUE_ITEM}(?:\s*,\s*|\s+va\s+|\s+hoac\s+))"
_LIST_GAP = re.compile(
    rf"^\s*(?:,|;)?\s*(?:va|hoac|cung|voi|,)?\s*(?:\(\s*hoac\s+)?(?:cac\s+|dong\s+chi\s+)?{_VAGUE}*(?:cac\s+)?$", re.IGNORECASE
)
_SUBJECT_GAP = re.compile(
    r"^\s*(?:,\s*)?(?:(?:co\s+the|duoc\s+quyen|co\s+trach\s+nhiem|co\s+nhiem\s+vu|co\s+chuc\s+nang|chu\s+tri|chu\s+dong|kip\s+thoi|dinh\s+ky|"
    r"thuong\s+xuyen|phai|thi|dong\s+thoi|truc\s+tiep|to\s+chuc|lam\s+viec\s+va|thuc\s+hien\s+va|tong\s+hop|hoac\s+dot\s+xuat|"
    r"dot\s+xuat|hoac|cung|va|ca\s+nhan|de|tu\s+van|tham\s+muu|giup\s+viec|nghien\s+cuu|khong\s+du\s+hop|vang\s+mat|"
    rf"{_VAGUE_ITEM}|,)\s*)*$",
    re.IGNORECASE,
)
_HEADING_TAIL = re.compile(r"^\s*(?:\([^)]*\))?\s*:?\s*$")
_PERSON = re.compile(
    r"(?:(?:dong\s+chi|d/c|ong|ba)\s+)(?P<name>(?-i:[A-Z][a-z]+(?:\s+[A-Z][a-z]+){1,4}))", re.IGNORECASE
)
# words that open a title, not a name (compared with their marks: "Vụ" is a title, "Vũ" a surname)
_TITLE_WORDS = frozenset(
    "trưởng phó giám chủ chánh bí tổ ủy uỷ ban thành cán công tổng cục vụ chi đảng hội đoàn văn sở phòng".split()
)


def _is_title(name: str) -> bool:
    first = name.split(" ", 1)[0].lower()
    return first in _TITLE_WORDS
_LEADER = re.compile(
    r"(?:(?-i:\bdo)\s+(?:dong\s+chi\s+|d/c\s+)?(?P<a>[^.;]{3,120}?)\s+lam\s+to\s+truong|to\s+truong\s+la\s+(?:dong\s+chi\s+|d/c\s+)?(?P<b>[^.;]{3,120}))",
    re.IGNORECASE,
)
_ESTABLISH = re.compile(
    r"\b(?:thanh\s+lap|kien\s+toan)\s+(?:them\s+)?(?=(?:0\d\s+)?(?:to\s+cong\s+tac|nhom\s+cong\s+tac)(?!\s+giup\s+viec)(?!\s+(?:khi|de|cua|va)\b))",
    re.IGNORECASE,
)
_WG_NAME_STOP = re.compile(r"\s*(?:;\s+(?!cai\s+cach|chuyen\s+doi|phat\s+trien|khoa\s+hoc|de\s+an)|\(|,\s*do\s|\s+do\s+(?:dong\s+chi|d/c)|:|\.$|\s+co\s+nhiem\s+vu|\s+giup\s+viec\s+cho|\s+gom\b)", re.IGNORECASE)
# "… do Phó Chủ tịch UBND phường làm Tổ trưởng": marks matter ("do" is not "đô" of "đô thị")
_WG_NAME_STOP_MARKED = re.compile(r"\s+do\s+|\s+(?:làm|là)\s+Tổ\s+trưởng|,\s+thành\s+viên\s", re.IGNORECASE)


def _wg_name_end(text: str, plain: str) -> int:
    """Where a working group's name ends in the text that opens with it."""
    ends = [m.start() for m in (_WG_NAME_STOP.search(plain), _WG_NAME_STOP_MARKED.search(text)) if m]
    return min(ends) if ends else len(text)


_DEFINED_TERM = re.compile(r"\((?:sau\s+day\s+)?(?:goi\s+)?(?:tat\s+)?(?:la\s+)?(?:goi\s+tat\s+la\s+)?(?P<term>[^()]{2,60})\)", re.IGNORECASE)
_REPLACES = re.compile(r"\bthay\s+the\s+(?=(?:quyet\s+dinh|quy\s+che|nghi\s+quyet|ke\s+hoach|quy\s+dinh)\b)", re.IGNORECASE)
_FUNDING = re.compile(r"\bkinh\s+phi(?:\s+hoat\s+dong)?\b", re.IGNORECASE)
_FUNDING_SOURCE = re.compile(
    r"\b(?:bo\s+tri|cap|dam\s+bao|bao\s+dam)\b[^.;]*?\b(?:cua|cap\s+cho|do|tu)\s*$|\bdu\s+toan[^.;]*?\bcua\s*$|\bngan\s+sach\s+do\s*$|\bdo\s*$",
    re.IGNORECASE,
)
_FOR_GROUP = re.compile(r"^\s*(?:\(\s*)?doi\s+voi\s*$", re.IGNORECASE)
_APPOSITION = re.compile(r"^\s*(?:-|–|kiem|,?\s*dong\s+thoi\s+la)\s*$", re.IGNORECASE)
_IS = re.compile(r"^\s*(?:la|do)\s*$", re.IGNORECASE)
_COLON = re.compile(r"^\s*:\s*$")


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


class _Charter:
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
        self.group_rules: tuple[MentionRule, ...] = ()
        self.standing_agencies: list[tuple[str, str | None]] = []  # (agency id, domain)
        self.standing_agency_clauses: dict[str, list[str]] = {}  # provision ref → agencies it names
        self.committee_id = ""
        self.locality: gazetteer.AdminUnit | None = None
        self.province: gazetteer.AdminUnit | None = None
        self.district: gazetteer.AdminUnit | None = None
        self.year: int | None = None
        self.level = Level.commune
        self._body_titles: dict[str, str] = {}
        self.wg_cache: tuple[int, list[str]] = (-1, [])  # see _working_groups

    # --- provenance -------------------------------------------------------------------
    def edge(
        self,
        type_: Rel,
        source: str,
        target: str,
        provision: Provision | None,
        start: int,
        end: int,
        rule: str,
        confidence: float = 0.9,
        ref: str | None = None,
        **props,
    ) -> Edge | None:
        if not source or not target or source == target:
            return None
        start, end = _trim(self.src.text, start, end)
        quote_start, quote_end = self.src.original_span(start, end)
        out = {
            Prop.charter.value: self.charter_id,
            Prop.provision.value: ref or (provision.ref if provision else ""),
            Prop.quote.value: self.src.original[quote_start:quote_end],
            Prop.quoteStart.value: quote_start,
            Prop.quoteEnd.value: quote_end,
            Prop.start.value: start,
            Prop.end.value: end,
            Prop.rule.value: rule,
            Prop.confidence.value: confidence,
        }
        out.update({k: v for k, v in props.items() if v not in (None, "", [], ())})
        return self.facts.add_edge(Edge(type_.value, source, target, out))

    # --- nodes ------------------------------------------------------------------------
    def body(self, kind: Label, name: str, *, locality: gazetteer.AdminUnit | None, status: Status, alias: str | None = None, **props) -> str:
        loc_key = locality.key if locality else ""
        node_id = make_id("body", kind.value, name, loc_key)
        full = name if not locality or _folded(locality.bare_name) in _folded(name) else f"{name} {locality.name}"
        node_props = {
            Prop.name.value: full,
            Prop.status.value: status.value,
            Prop.level.value: _level_of_unit(locality) if locality else None,
            Prop.locality.value: locality.name if locality else None,
            Prop.localityCode.value: locality.key if locality else None,
            Prop.nameEn.value: _name_en(name),
            **props,
        }
        self.facts.add_node(Node(node_id, (Label.Body.value, kind.value), {k: v for k, v in node_props.items() if v is not None}))
        if full != name:
            self.add_alias(node_id, name)
        if alias:
            self.add_alias(node_id, alias)
        if status == Status.defined and self.facts.nodes[node_id].props.get(Prop.status.value) != Status.defined.value:
            self.facts.nodes[node_id].props[Prop.status.value] = Status.defined.value
        return node_id

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
        aliases = node.props.setdefault(Prop.aliases.value, [])
        if alias and alias != node.props.get(Prop.name.value) and alias not in aliases:
            aliases.append(alias)

    def post(self, body_id: str, role: Role, title: str | None = None, at: tuple | None = None) -> str:
        """The post of ``role`` in a body; ``at`` = (provision, start, end, ref) of its first mention."""
        post_id = make_id("post", body_id, role.value)
        body = self.facts.nodes.get(body_id)
        body_name = body.props.get(Prop.name.value, "") if body else ""
        title = title or _ROLE_TITLES[role]
        if post_id not in self.facts.nodes:
            self.facts.add_node(
                Node(
                    post_id,
                    (Label.Post.value,),
                    {
                        Prop.name.value: f"{title} ({body_name})" if body_name else title,
                        Prop.title.value: title,
                        Prop.role.value: role.value,
                        Prop.nameEn.value: f"{glossary()['roles_en'][role.value]}, {body.props.get(Prop.nameEn.value) or body_name}" if body else None,
                        Prop.locality.value: body.props.get(Prop.locality.value) if body else None,
                    },
                )
            )
            self.facts.nodes[post_id].props = {k: v for k, v in self.facts.nodes[post_id].props.items() if v is not None}
            prov, start, end, ref = at or (None, 0, 0, self._first_ref)
            self.edge(Rel.POST_IN, post_id, body_id, prov, start, end, "structure.post_in", 1.0, ref=ref, inferred=None if at else True)
        return post_id

    def person(self, name: str) -> str:
        name = re.sub(r"\s+", " ", name).strip(" ,.;:")
        if name.isupper():
            name = name.title()
        person_id = make_id("person", name)
        self.facts.add_node(Node(person_id, (Label.Person.value,), {Prop.name.value: name}))
        return person_id

    _first_ref = ""


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


@lru_cache(maxsize=8192)
def _folded(text: str) -> str:
    return re.sub(r"[\s,\-–]+", " ", deaccent(text).lower()).strip()


@lru_cache(maxsize=1)
def _names_en() -> dict[str, str]:
    return {_folded(vi): en for vi, en in glossary()["names_en"].items()}


def _name_en(name: str) -> str | None:
    en = _names_en().get(_folded(name))
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


# --------------------------------------------------------------------------- localities
_LOCALITY_WORDS = re.compile(
    r"\b(?P<kind>phuong|xa|thi\s+tran|dac\s+khu|quan|huyen|thi\s+xa|tinh|thanh\s+pho)\s+(?P<name>(?-i:[A-Z][a-z]*(?:\s+[A-Z][a-z]*){0,3}))",
    re.IGNORECASE,
)
_KIND_WORDS = {"phuong": "phường", "xa": "xã", "thi tran": "thị trấn", "dac khu": "đặc khu", "quan": "quận", "huyen": "huyện", "thi xa": "thị xã", "tinh": "tỉnh", "thanh pho": "thành phố"}


def _locality_mentions(text: str) -> Iterator[tuple[str, str]]:
    plain = deaccent(text)
    for m in _LOCALITY_WORDS.finditer(plain):
        kind = _KIND_WORDS[re.sub(r"\s+", " ", m.group("kind").lower())]
        yield kind, text[m.start("name") : m.end("name")]


_PARTY_LOCALITY = re.compile(
    r"\b(?:(?P<p>tinh|thanh)\s+uy|dang\s+uy\s+(?P<c>xa|phuong))\s+(?P<name>(?-i:[A-Z][a-z]*(?:\s+[A-Z][a-z]*){0,3}))",
    re.IGNORECASE,
)
_LEVEL_TAIL = re.compile(r"\b(phuong|xa|thi\s+tran|dac\s+khu|quan|huyen|thi\s+xa|tinh|thanh\s+pho)\b", re.IGNORECASE)


def _smart_case(text: str) -> str:
    """ALL-CAPS header lines in title case, so that proper names can be told by their capitals."""
    return "\n".join(line.title() if line.isupper() else line for line in text.split("\n"))


def _locate(ch: _Charter) -> None:
    """Find the committee's locality (and its province/district) from its name, the titles and the header."""
    doc = ch.doc
    dates = [p.header.date for p in doc.parts if p.header.date and p.header.date.year]
    cited_years = [c.issued_on.year for p in doc.parts for c in p.bases if c.issued_on and c.issued_on.year]
    ch.year = dates[0].year if dates else (max(cited_years) if cited_years else None)
    # a full date tells pre- from post-reform units within 2025 (the reform took effect on 2025-07-01)
    if dates and dates[0].complete:
        ch.year = _dt.date(dates[0].year, dates[0].month, dates[0].day)
    elif dates and dates[0].month and dates[0].year == 2025:
        ch.year = _dt.date(2025, dates[0].month, 28)
    committee_name = _committee_name(ch) or ""
    texts = [committee_name]
    for part in doc.parts:
        texts += [part.header.title or "", _smart_case(part.header.issuer_line or "")]
    for part in doc.parts:
        texts += [_smart_case(b) for b in part.header.issuing_bodies]
        if part.header.attached_to:
            texts.append(part.header.attached_to.text)
    texts.append(doc.source.text[:4000])
    found: list[tuple[str, str]] = [m for t in texts for m in _locality_mentions(t)]
    for t in texts[:-1]:
        for pm in _PARTY_LOCALITY.finditer(deaccent(t)):
            kind = "tỉnh" if pm.group("p") else _KIND_WORDS[pm.group("c").lower()]
            found.append((kind, t[pm.start("name") : pm.end("name")]))
    provinces = [(k, n) for k, n in found if k in ("tỉnh", "thành phố")]
    districts = [(k, n) for k, n in found if k in ("quận", "huyện", "thị xã")]
    communes = [(k, n) for k, n in found if k in ("phường", "xã", "thị trấn", "đặc khu")]
    places = [p.header.place for p in doc.parts if p.header.place]
    province_name = None
    for k, n in provinces:
        unit = gazetteer.province_of(f"{k} {n}".strip(), year=ch.year)
        if unit:
            ch.province, province_name = unit, unit.name
            break
    # the place of signing names the province only when no commune is named ("Hải Dương, ngày …"
    # in a ward charter is the ward)
    commune_names = {_folded(n) for _, n in communes}
    if ch.province is None and not communes:
        for pl in places:
            unit = gazetteer.province_of(pl, year=ch.year) if _folded(pl) not in commune_names else None
            if unit:
                ch.province, province_name = unit, unit.name
                break
    if districts:
        k, n = districts[0]
        ch.district = gazetteer.resolve(f"{k} {n}", level=Level.district, province=province_name, year=ch.year)
    # the committee's own level, from the locality word its name ends with ("Ban Chỉ đạo tỉnh …")
    words = [re.sub(r"\s+", " ", w.lower()) for w in _LEVEL_TAIL.findall(deaccent(committee_name))]
    level = level_of_word(words[-1]) if words else None
    named_communes = any(k in ("phường", "xã", "thị trấn", "đặc khu") for k, _ in _locality_mentions(committee_name))
    if level in ("province", "city") and not named_communes and not (level == "city" and ch.district):
        ch.locality = ch.province
    elif level in ("district", "city") and ch.district is not None and not named_communes:
        ch.locality = ch.district
    else:
        for k, n in communes:
            unit = gazetteer.resolve(
                f"{k} {n}", level=Level.commune, province=province_name, year=ch.year,
                district=ch.district.name if ch.district else None,
            )
            if unit:
                ch.locality = unit
                break
        if ch.locality is None and not communes and ch.province is not None:
            ch.locality = ch.province
        if ch.locality is None and communes:
            # a commune the gazetteer does not know (or cannot tell apart): keep its name
            ch._unresolved_locality = f"{communes[0][0]} {communes[0][1]}"  # type: ignore[attr-defined]
    if ch.locality is not None:
        if ch.province is None:
            ch.province = gazetteer.parent(ch.locality) if ch.locality.level != Level.province else ch.locality
            while ch.province is not None and ch.province.level != Level.province:
                ch.province = gazetteer.parent(ch.province)
        if ch.district is None and ch.locality.district_name and ch.locality.code_system == "legacy":
            ch.district = gazetteer.parent(ch.locality)
        ch.level = ch.locality.level


# --------------------------------------------------------------------------- the pass
def extract(document: Document) -> Facts:
    """Facts for one parsed charter (see the module docstring)."""
    try:
        return _extract(document)
    except ExtractError:
        raise
    except (ValueError, KeyError, IndexError, AttributeError, TypeError) as err:  # a rule broke on odd input
        raise ExtractError(f"extraction failed: {type(err).__name__}: {err}", path=document.path) from err


def _extract(document: Document) -> Facts:
    ch = _Charter(document)
    _locate(ch)
    _charter_node(ch)
    _provision_nodes(ch)
    _committee(ch)
    _groups(ch)
    # standing agencies first: later sentences (and article subjects) say "Cơ quan thường trực" for them
    _standing_agencies(ch, list(_sentences(ch)))
    funded_in: set[str] = set()
    for s in _sentences(ch):
        _relations(ch, s)
        _ex_officio(ch, s)
        _leaders(ch, s)
        _meetings(ch, s)
        _replaces(ch, s)
        if s.provision.ref not in funded_in:
            # funding clauses pair payers and groups across ';' ("Sở X đối với Tổ A; Công an tỉnh đối với Tổ B")
            funded_in.add(s.provision.ref)
            p = s.provision
            own_end = _own_text_end(p)
            _funding(ch, Sentence(ch.src.text[p.start : own_end], p.start, own_end, p, s.subject))
    _documents(ch)
    _signatures(ch)
    _hierarchy(ch)
    from govkg.loaders.crossref import cross_references  # REFERS_TO between provisions

    for e in cross_references(document, ch.charter_id):
        ch.facts.add_edge(e)
    return ch.facts


def _charter_node(ch: _Charter) -> None:
    main = ch.doc.main
    header = main.header
    # a Quy chế copied without its page header is known by the decision it is attached to
    attached = header.attached_to if header.number is None and header.attached_to else None
    number = header.number or (attached.number if attached else None)
    date = header.date or (attached.issued_on if attached else None)
    if ch.doc.truncated:
        status = Status.partial
    elif number is None or date is None or not date.complete:
        status = Status.draft
    else:
        status = Status.signed
    props = {
        Prop.name.value: " ".join(x for x in (header.doc_type, number, header.title) if x),
        Prop.number.value: number,
        Prop.title.value: header.title,
        Prop.docType.value: header.doc_type,
        Prop.issuedOn.value: date.iso if date else None,
        Prop.status.value: status.value,
        Prop.locality.value: ch.locality.name if ch.locality else getattr(ch, "_unresolved_locality", None),
        Prop.sha256.value: ch.src.sha256,
        Prop.path.value: ch.doc.path.rsplit("/", 1)[-1],
        # kept so that every quote can be checked against, and shown in, the file's own text
        Prop.sourceText.value: ch.src.original,
    }
    ch.facts.add_node(Node(ch.charter_id, (Label.Charter.value,), {k: v for k, v in props.items() if v is not None}))


def _provision_nodes(ch: _Charter) -> None:
    for part in ch.doc.parts:
        for p in part.walk():
            pid = f"{ch.charter_id}#{p.ref}"
            ch.facts.add_node(
                Node(
                    pid,
                    (Label.Provision.value,),
                    {
                        Prop.ref.value: p.ref,
                        Prop.human.value: p.human,
                        Prop.kind.value: p.kind,
                        Prop.text.value: p.text,
                        Prop.start.value: p.start,
                        Prop.end.value: p.end,
                        Prop.charter.value: ch.charter_id,
                    },
                )
            )
            ch.facts.add_edge(Edge(Rel.HAS_PROVISION.value, ch.charter_id, pid, {Prop.charter.value: ch.charter_id, Prop.provision.value: p.ref}))
    first = next((a for part in ch.doc.parts for a in part.articles()), None)
    ch._first_ref = first.ref if first else ""


def _committee_unit(ch: _Charter) -> gazetteer.AdminUnit | None:
    return ch.locality


def committee_id_for(unit: gazetteer.AdminUnit | None, name: str = "") -> str:
    """One steering committee per administrative unit (the 2025 reform merged the programme committees)."""
    if unit is None:
        return make_id("committee", name)
    return f"committee:{unit.key}"


def _committee(ch: _Charter) -> None:
    """The charter's own committee: name from the title, locality from the gazetteer."""
    name = _committee_name(ch)
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
    ch.edge(Rel.GOVERNS, ch.charter_id, ch.committee_id, gprov, gprov.start if gprov else 0, gprov.end if gprov else 0, "documents.governs", 1.0, ref=gref)
    # later spellings of the committee's name and its defined short form are aliases
    for part in ch.doc.parts:
        for text in (part.header.title or "", part.header.attached_to.text if part.header.attached_to else ""):
            for m in find_mentions(text):
                if m.key[0] in ("committee", "committee_at") and _committee_key_is_self(ch, m.key):
                    ch.add_alias(ch.committee_id, m.text)


def _committee_name(ch: _Charter) -> str | None:
    """The fullest name of the committee in the titles: every 'Ban Chỉ đạo …' run, the longest wins."""
    committee_rule = next(r for r in mention_rules() if r.id == "body.committee")
    best = None
    for part in ch.doc.parts:
        for text in (part.header.title or "", part.header.issuer_line or "", *part.header.issuing_bodies):
            text = re.sub(r"\s+", " ", text)
            plain = deaccent(text)
            for start in (m.start() for m in re.finditer(r"(?i)\b(?:ban\s+chi\s+dao|bcd)\b", plain)):
                m = committee_rule.pattern.match(plain, start)
                if m and (best is None or len(m.group(0)) > len(best)):
                    best = text[m.start() : m.end()]
        if best and len(best) > 20:
            break
    return best


def _governing_ref(ch: _Charter) -> str:
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


def _committee_key_is_self(ch: _Charter, key: tuple) -> bool:
    if key[0] == "committee":
        return True
    _, lw, ln = key
    if lw == "national":
        return False
    if ln and ch.locality and _folded(ln) == _folded(ch.locality.bare_name):
        return True
    if ln is None and lw and ch.locality:
        level = level_of_word(lw)
        if level == "city":
            return ch.locality.level == Level.province
        return level == ch.locality.level.value
    return False


# --------------------------------------------------------------------------- groups
def _groups(ch: _Charter) -> None:
    """Working groups this charter names: clause headings and 'thành lập/kiện toàn Tổ Công tác …'."""
    names: list[tuple[str, Provision, int, int]] = []
    for part in ch.doc.parts:
        for p in part.walk():
            first_line = p.text.split("\n", 1)[0]
            body = re.sub(r"^\s*(?:\d+(?:\.\d+)*[.\-)]|[a-zđ]\)|[-–+])\s*", "", first_line)
            offset = p.start + (len(first_line) - len(body))
            plain = deaccent(body)
            if p.kind in ("clause", "article", "point", "bullet") and re.match(r"(?i)(?:to\s+cong\s+tac|nhom\s+cong\s+tac)\s+(?!giup\s+viec\s+cua)\S", plain):
                # a heading names a group, and so does an item that gives it a leader ("a) Tổ công tác
                # về …, do … làm Tổ trưởng"); a sentence that opens with one ("1- Tổ Công tác chịu sự …") does not
                if not p.children and not first_line.rstrip().endswith(":") and not re.search(r"(?i)\blam\s+to\s+truong\b", plain):
                    continue
                name = body[: _wg_name_end(body, plain)]
                names.append((name.strip(" :;."), p, offset, offset + len(name)))
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
    for name, p, start, end in names:
        tail = re.search(r"(?i)\s+(?:giup\s+viec\s+(?:cho\s+|cua\s+)?|cua\s+)(?:ban\s+chi\s+dao|bcd)\s*$", deaccent(name))
        if tail:
            name, end = name[: tail.start()], start + tail.start()
        if _folded(name) in ("to cong tac", "nhom cong tac"):
            continue
        # "Kiện toàn 02 Tổ Công tác, thành lập thêm …" counts groups, it does not name one
        if not re.match(r"(?i)^(?:to|nhom)\s+cong\s+tac(?:\s+lien\s+nganh)?\s+[^\W\d_]", deaccent(name)):
            continue
        key = _folded(name)
        if key in seen:
            continue
        gid = ch.body(Label.WorkingGroup, name, locality=ch.locality, status=Status.defined)
        seen[key] = gid
        words = [re.escape(w) for w in re.split(r"[\s,;\-–]+", deaccent(name)) if w]
        pattern = re.compile(r"(?:cac\s+)?" + r"[\s,;\-–]+".join(words), re.IGNORECASE)
        ch.groups.append((gid, pattern))
        # "… gắn với Đề án 06 thành phố": the namesake group of the level above
        mention = re.compile(pattern.pattern + r"(?:\s+(?:cua\s+)?(?P<lw>thanh\s+pho|tinh|quan|huyen)\b)?", re.IGNORECASE)
        first = deaccent(name).split()[0].lower()
        rules.append(
            MentionRule(
                f"body.working_group.named:{len(rules)}", mention,
                (lambda g: lambda m, s: ("wg_id", g, m.group("lw")))(gid), frozenset({"cac", first}),
            )
        )
        ch.edge(Rel.PART_OF, gid, ch.committee_id, p, start, end, "structure.group_part_of", 0.95)
    ch.group_rules = tuple(rules)
    # a group is part of the committee from the first place the charter names it, too
    for gid, pattern in ch.groups:
        for prov in ch.doc.provisions():
            own = ch.src.text[prov.start : _own_text_end(prov)]
            hit = pattern.search(ch.plain[prov.start : prov.start + len(own)])
            if hit:
                ch.edge(Rel.PART_OF, gid, ch.committee_id, prov, prov.start + hit.start(), prov.start + hit.end(), "structure.group_first_mention", 0.9)
                break
    # the committee's other organs are part of it from their first mention on
    for part in ch.doc.parts:
        for p in part.walk():
            own = ch.src.text[p.start : _own_text_end(p)]
            found = ch.mentions(p.start, p.start + len(own))
            for m in found:
                if m.key[0] in ("sg", "board", "council") or (m.key[0] == "wg" and not ch.groups):
                    _resolve(ch, m, p, ())
            # "7. Tổ giúp việc Ban Chỉ đạo gồm …": the clause that defines an organ grounds its PART_OF too
            opening = re.match(r"\s*(?:\d+(?:\.\d+)*[.\-)]|[a-zđ][.)]|[-–+])?\s*", own)
            if found and found[0].key[0] in ("sg", "board", "council") and found[0].start == p.start + opening.end():
                for organ in _resolve(ch, found[0], p, ()):
                    ch.edge(Rel.PART_OF, organ, ch.committee_id, p, found[0].start, found[0].end, "structure.organ_defined", 0.9)


# --------------------------------------------------------------------------- sentences
def _own_text_end(p: Provision) -> int:
    return p.children[0].start if p.children else p.end


def _sentences(ch: _Charter) -> Iterator[Sentence]:
    for part in ch.doc.parts:
        for article in part.articles():
            subject = _article_subject(ch, article)
            yield from _walk(ch, article, subject)


def _article_subject(ch: _Charter, article: Provision) -> tuple[str, ...]:
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
    mentions = find_mentions(title[m.end() :], base + m.end(), ch.group_rules)
    if not mentions or mentions[0].start - (base + m.end()) > 5:
        return ()
    # "Nhiệm vụ, quyền hạn của các Tổ Công tác giúp việc của Ban Chỉ đạo": the first list only
    first = _list_from(mentions, 0, title[m.end():], base + m.end())
    ids: list[str] = []
    for mention in first:
        ids += _resolve(ch, mention, article, ())
    return tuple(dict.fromkeys(ids))


def _walk(ch: _Charter, p: Provision, subject: tuple[str, ...]) -> Iterator[Sentence]:
    own_end = _own_text_end(p)
    own = ch.src.text[p.start : own_end]
    label = re.match(r"^\s*(?:Điều\s+\d+[a-z]?\s*[.:\-]?\s*|\d+(?:\.\d+)*\s*[.\-)]\s*|[a-zđ]\)\s*|[-–+•]\s*)", own, re.IGNORECASE)
    # an article's heading is read too: many state their rule inline ("Điều 2. … thay thế Quyết định số …")
    pos = label.end() if label else 0
    # a clause that opens with its subject: "1. Phó Trưởng Ban Thường trực Ban Chỉ đạo: …"
    lead = own[pos:]
    mentions = ch.mentions(p.start + pos, p.start + pos + len(lead))
    if p.kind != "article" and mentions and mentions[0].start == p.start + pos + (len(lead) - len(lead.lstrip())):
        first = _list_from(mentions, 0, lead, p.start + pos)
        tail = lead[first[-1].end - (p.start + pos) :]
        line = tail.split("\n", 1)[0]
        # "1. Phó Trưởng Ban Thường trực Ban Chỉ đạo:" or "Công an phường làm nhiệm vụ … sau đây:"
        if re.match(r"^[^:\n.;]{0,12}:", line) or _HEADING_TAIL.match(line) or line.rstrip().endswith(":"):
            ids = [i for m in first for i in _resolve(ch, m, p, subject)]
            if ids:
                subject = tuple(dict.fromkeys(ids))
    # a named member: "1. Đồng chí Vũ Trọng Huân, Trưởng Công an phường:"
    # ch.plain is deaccent(text) position for position: slice it rather than deaccent every provision again
    person = _PERSON.match(ch.plain[p.start + pos + len(lead) - len(lead.lstrip()) : own_end])
    if person and _is_title(lead.lstrip()[person.start("name") : person.end("name")]):
        person = None
    if p.kind != "article" and person and ":" in lead.split("\n", 1)[0]:
        off = len(lead) - len(lead.lstrip())
        name = lead.lstrip()[person.start("name") : person.end("name")]
        pid = ch.person(name)
        line_end = lead.find(":")
        _named_member(ch, pid, p, p.start + pos + off, p.start + pos + line_end)
        subject = (pid,)
        pos += line_end + 1
    carried: tuple[str, ...] = ()
    opening: tuple[str, ...] | None = None
    plain_own = ch.plain[p.start : own_end]
    protected = [(m.start(), m.end()) for _, pat in ch.groups for m in pat.finditer(plain_own)]
    for s, e in _split(own, pos, protected):
        # "X làm …; phối hợp với …; báo cáo …": the predicates after ';' share X (a '.' ends it)
        if s > 0 and own[:s].rstrip().endswith("."):
            carried = ()
        sentence = Sentence(own[s:e], p.start + s, p.start + e, p, carried or subject)
        lead_subject = _leading_subject(ch, sentence)
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


def _leading_subject(ch: _Charter, s: Sentence) -> tuple[str, ...]:
    """The mention list a sentence opens with, when a verb follows it (the sentence's own subject)."""
    plain = _prepare(ch, s)
    if not s.mentions:
        return ()
    first = s.mentions[0]
    # an opening adverbial may stand before the subject: "Định kỳ ngày 20 hằng tháng, thành viên …"
    if not _LEADING_ADVERBIAL.match(plain[: first.start - s.start]):
        return ()
    lst = _list_from(s.mentions, 0, s.text, s.start)
    after = plain[lst[-1].end - s.start :]
    if re.match(r"^\s*(?:[:(;.]|cua\b|ve\b|va\b|,|$)", after, re.IGNORECASE):
        return ()
    return tuple(dict.fromkeys(_ids(ch, lst, s)))


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


def _named_member(ch: _Charter, person_id: str, p: Provision, start: int, end: int) -> None:
    line = ch.src.text[start:end]
    ch.edge(Rel.HOLDS, person_id, ch.post(ch.committee_id, Role.Member), p, start, end, "people.named_member", 0.9)
    for m in find_mentions(line, start, ch.group_rules):
        if m.key[0] == "head":
            for post in _resolve(ch, m, p, ()):
                ch.edge(Rel.HOLDS, person_id, post, p, start, end, "people.named_member_title", 0.85)


# --------------------------------------------------------------------------- resolution
def _resolve(ch: _Charter, m: Mention, p: Provision, subject: tuple[str, ...]) -> list[str]:
    key = m.key
    kind = key[0]
    if kind == "committee":
        return [ch.committee_id]
    if kind == "committee_at":
        return _other_committee(ch, key[1], key[2], m)
    if kind == "cqtt":
        return [a for a, _ in ch.standing_agencies]
    if kind == "board":
        bid = ch.body(Label.StandingBoard, "Thường trực Ban Chỉ đạo", locality=ch.locality, status=Status.defined)
        _part_of_once(ch, bid, p, m)
        return [bid]
    if kind == "sg":
        sid = ch.body(Label.SupportGroup, "Tổ Giúp việc Ban Chỉ đạo", locality=ch.locality, status=Status.referenced, alias=m.text)
        _part_of_once(ch, sid, p, m)
        return [sid]
    if kind == "council":
        cid = ch.body(Label.AdvisoryCouncil, "Hội đồng Tư vấn", locality=ch.locality, status=Status.referenced, alias=m.text)
        _part_of_once(ch, cid, p, m)
        return [cid]
    if kind == "wg_id":
        lw = re.sub(r"\s+", " ", key[2].lower()) if len(key) > 2 and key[2] else None
        if lw and not _committee_key_is_self(ch, ("committee_at", deaccent(lw), None)):
            # the same group of the level above ("… gắn với Đề án 06 thành phố")
            unit = _unit_for(ch, deaccent(lw), None)
            return [ch.body(Label.WorkingGroup, re.sub(r"\s+", " ", m.text), locality=unit, status=Status.referenced)]
        return [key[1]]
    if kind == "wg":
        return _generic_groups(ch, m, p, subject)
    if kind == "wg_at":
        level = level_of_word(key[1])
        unit = ch.province if level in ("city", "province") else ch.district
        wid = ch.body(Label.WorkingGroup, re.sub(r"\s+", " ", key[2]), locality=unit, status=Status.referenced)
        return [wid]
    if kind == "post":
        role = Role(key[1])
        within = key[2]
        at = _at(p, m)
        if within == ("bare",):
            # "thành viên" alone: members of the group the article is about, else of the committee
            groups = [x for x in subject if {Label.SupportGroup.value, Label.WorkingGroup.value} & set(ch.facts.nodes[x].labels)]
            return [ch.post(g, role, at=at) for g in groups] or [ch.post(ch.committee_id, role, at=at)]
        if within == ("committee",):
            return [ch.post(ch.committee_id, role, at=at)]
        if within == ("sg",):
            sg = _resolve(ch, Mention(m.start, m.end, m.text, ("sg",), m.rule), p, subject)[0]
            leader = ch.post(sg, role, at=at)
            if role == Role.GroupLeader:
                ch.edge(Rel.LEADS, leader, sg, p, m.start, m.end, "groups.leader_post", 0.9)
            return [leader]
        if within == ("groups",):
            groups = _generic_groups(ch, Mention(m.start, m.end, m.text, ("wg", None), m.rule, True), p, subject)
            groups += _resolve(ch, Mention(m.start, m.end, "", ("sg",), m.rule), p, subject)
        elif within == ("group_here",):
            groups = _context_groups(ch, p, subject) or _recent_group(ch, Sentence("", m.start, m.end, p, subject))
        else:
            groups = _named_after(ch, m) or _generic_groups(ch, m, p, subject)
        out = []
        for g in groups:
            leader = ch.post(g, role, at=at)
            if role == Role.GroupLeader:
                ch.edge(Rel.LEADS, leader, g, p, m.start, m.end, "groups.leader_post", 0.9)
            out.append(leader)
        return out
    if kind == "head":
        role = Role(key[1])
        bodies = _resolve(ch, Mention(m.start, m.end, "", key[2], m.rule), p, subject)
        title = _title_case(m.text)
        return [ch.post(b, role, title if role in (Role.Head, Role.DeputyHead) else None, at=_at(p, m)) for b in bodies]
    if kind == "body":
        return [_outside_body(ch, key, m)]
    return []


def _at(p: Provision, m: Mention) -> tuple | None:
    if m.end <= m.start:
        return None
    return (p, m.start, m.end, p.ref)


def _title_case(text: str) -> str:
    text = re.sub(r"^(?:các|Các)\s+", "", re.sub(r"\s+", " ", text)).strip()
    return text[0].upper() + text[1:].lower() if text.isupper() else text[0].upper() + text[1:]


def _part_of_once(ch: _Charter, node_id: str, p: Provision, m: Mention) -> None:
    if not any(e.type == Rel.PART_OF and e.source == node_id for e in ch.facts.edges):
        ch.edge(Rel.PART_OF, node_id, ch.committee_id, p, m.start, m.end, "structure.organ_part_of", 0.9)


def _named_after(ch: _Charter, m: Mention) -> list[str]:
    """'Tổ trưởng Tổ công tác Đề án 06': the group the leader mention goes on to name."""
    at = re.search(r"(?i)(?:to|nhom)\s+cong\s+tac", ch.plain[m.start : m.end])
    if not at:
        return []
    pos = m.start + at.start()
    return [gid for gid, pattern in ch.groups if pattern.match(ch.plain, pos)][:1]


def _recent_group(ch: _Charter, s: Sentence) -> list[str]:
    """The group named last before this sentence in its provision ("… thành lập Tổ giúp việc chung. Tổ trưởng là …")."""
    before = ch.src.text[s.provision.start : s.start]
    ms = [m for m in ch.mentions(s.provision.start, s.start) if m.key[0] in ("sg", "wg_id", "wg")]
    return _resolve(ch, ms[-1], s.provision, ()) if ms else []


def _context_groups(ch: _Charter, p: Provision, subject: tuple[str, ...]) -> list[str]:
    groups = [s for s in subject if Label.WorkingGroup.value in ch.facts.nodes[s].labels or Label.SupportGroup.value in ch.facts.nodes[s].labels]
    return groups


def _working_groups(ch: _Charter) -> list[str]:
    """Ids of the WorkingGroup nodes so far, rescanned only when nodes were added.

    Called per generic "Tổ Công tác" mention: a full node scan each time made a long
    charter quadratic (ids encode the kind, so a node never gains the label later).
    """
    count = len(ch.facts.nodes)
    if ch.wg_cache[0] != count:
        ch.wg_cache = (count, [n.id for n in ch.facts.nodes_with(Label.WorkingGroup)])
    return ch.wg_cache[1]


def _generic_groups(ch: _Charter, m: Mention, p: Provision, subject: tuple[str, ...]) -> list[str]:
    here = [s for s in subject if Label.WorkingGroup.value in ch.facts.nodes[s].labels]
    if here and not m.plural:
        return here
    if ch.groups:
        return [g for g, _ in ch.groups]
    low = deaccent(m.text).lower()
    if "giup viec" in low:  # "Tổ công tác giúp việc Ban Chỉ đạo" is the support group by another name
        return _resolve(ch, Mention(m.start, m.end, m.text, ("sg",), m.rule), p, subject)
    existing = [i for i in _working_groups(ch) if ch.facts.nodes[i].props.get(Prop.status.value) == Status.referenced.value and ch.facts.nodes[i].props.get(Prop.localityCode.value) == (ch.locality.key if ch.locality else None)]
    if existing:
        return existing
    name = "Tổ công tác liên ngành" if "lien nganh" in low else "Nhóm công tác" if "nhom" in low else "Tổ Công tác"
    wid = ch.body(Label.WorkingGroup, name, locality=ch.locality, status=Status.referenced)
    before = ch.plain[max(p.start, m.start - 200) : m.start].lower()
    if "to giup viec" in before[-160:] and "thanh lap" in before[-60:]:
        # "Tổ trưởng Tổ giúp việc được thành lập các Nhóm công tác": groups of the support group
        sg = _resolve(ch, Mention(m.start, m.end, "", ("sg",), m.rule), p, subject)
        if sg and not any(e.type == Rel.PART_OF and e.source == wid for e in ch.facts.edges):
            ch.edge(Rel.PART_OF, wid, sg[0], p, m.start, m.end, "structure.subgroup_part_of", 0.85)
    _part_of_once(ch, wid, p, m)
    return [wid]


def _unit_for(ch: _Charter, lw: str | None, ln: str | None) -> gazetteer.AdminUnit | None:
    """The unit a locality word (and optional name) refers to, seen from this charter."""
    level = level_of_word(lw)
    if ln:
        kind = _KIND_WORDS.get(lw or "", "") if lw else ""
        unit = gazetteer.resolve(f"{kind} {ln}".strip(), province=ch.province.name if ch.province and level == "commune" else None, year=ch.year)
        if unit:
            return unit
    if level in ("commune",):
        return ch.locality if ch.locality and ch.locality.level == Level.commune else None
    if level == "district":
        return ch.district
    if level == "province":
        return ch.province
    if level == "city":
        if ch.province and ch.province.kind == "thành phố":
            return ch.province
        return ch.district or ch.province
    return ch.locality


def _other_committee(ch: _Charter, lw: str | None, ln: str | None, m: Mention) -> list[str]:
    if _committee_key_is_self(ch, ("committee_at", lw, ln)):
        return [ch.committee_id]
    if lw == "national":
        return [_national(ch, party="trung uong" in deaccent(m.text).lower())]
    unit = _unit_for(ch, lw, ln)
    if unit is None:
        return []
    if ch.locality and unit.key == ch.locality.key:
        return [ch.committee_id]
    cid = committee_id_for(unit)
    props = {
        Prop.name.value: f"Ban Chỉ đạo {unit.name}",
        Prop.nameEn.value: f"Steering Committee of {unit.name}",
        Prop.status.value: Status.referenced.value,
        Prop.level.value: unit.level.value,
        Prop.locality.value: unit.name,
        Prop.localityCode.value: unit.key,
    }
    ch.facts.add_node(Node(cid, (Label.Body.value, Label.SteeringCommittee.value), props))
    ch.add_alias(cid, m.text)
    return [cid]


def _party_led(ch: _Charter) -> bool:
    """A Party document answers to the Party line: a Party-style number ("96-QĐ/TU"), the Party
    statute among its bases, a Party issuer, or a signer who is a Party secretary."""
    main = ch.doc.main
    if re.search(r"\d-[A-ZĐ]+/", main.header.number or ""):
        return True
    if any((c.doc_type or "") == "Điều lệ" and "dang" in deaccent(c.text).lower() for p in ch.doc.parts for c in p.bases):
        return True
    issuers = deaccent(" ".join([*main.header.issuing_bodies, main.header.issuer_line or ""])).lower()
    if re.search(r"\b(?:dang\s+uy|tinh\s+uy|thanh\s+uy|ban\s+thuong\s+vu)\b", issuers):
        return True
    sig = next((p.closing.signature for p in ch.doc.parts if p.closing and p.closing.signature), None)
    return bool(sig and re.search(r"\bbi\s+thu\b", deaccent(" ".join(sig.titles)).lower()))


def _national(ch: _Charter, party: bool | None = None) -> str:
    """The national committee: the Party's central one ('Ban Chỉ đạo Trung ương') or the Government's."""
    if party is None:
        party = _party_led(ch)
    if party:
        node_id, name, en = (
            NATIONAL_PARTY_COMMITTEE_ID,
            "Ban Chỉ đạo Trung ương về phát triển khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số",
            "Central Steering Committee for Science, Technology, Innovation and Digital Transformation",
        )
    else:
        node_id, name, en = (
            NATIONAL_COMMITTEE_ID,
            "Ban Chỉ đạo của Chính phủ về phát triển khoa học, công nghệ, đổi mới sáng tạo, chuyển đổi số và Đề án 06",
            "Government Steering Committee for Science, Technology, Innovation, Digital Transformation and Project 06",
        )
    props = {Prop.name.value: name, Prop.nameEn.value: en, Prop.status.value: Status.referenced.value, Prop.level.value: Level.national.value, Prop.locality.value: "Việt Nam"}
    ch.facts.add_node(Node(node_id, (Label.Body.value, Label.SteeringCommittee.value), props))
    return node_id


def _outside_body(ch: _Charter, key: tuple, m: Mention) -> str:
    kind = Label(key[1])
    if kind in (Label.PeoplesCommittee, Label.PeoplesCouncil):
        lw, ln = key[2], key[3]
        unit = _unit_for(ch, lw, ln) if (lw or ln) else ch.locality
        base = "Ủy ban nhân dân" if kind == Label.PeoplesCommittee else "Hội đồng nhân dân"
        name = f"{base} {unit.name}" if unit else base
        return ch.body(kind, name, locality=unit, status=Status.referenced, alias=m.text)
    name, lw, ln = key[2], key[3], key[4]
    if name == "party":  # a bare "Bí thư": the party committee of the charter's own level
        name = "Tỉnh ủy" if ch.locality is not None and ch.locality.level == Level.province else "Đảng ủy"
    if name in ("Chính phủ", "Bộ Chính trị", "Ban Bí thư"):
        unit = None
    elif name in ("Tỉnh ủy", "Thành ủy", "Văn phòng Tỉnh ủy", "Văn phòng Thành ủy") or name.startswith("Sở ") or name.endswith(" Tỉnh ủy"):
        unit = ch.province
    elif lw or ln:
        unit = _unit_for(ch, lw, ln)
    else:
        unit = ch.locality
    return ch.body(kind, name, locality=unit, status=Status.referenced, alias=m.text)


# --------------------------------------------------------------------------- lists
def _list_from(mentions: list[Mention], i: int, text: str, base: int) -> list[Mention]:
    out = [mentions[i]]
    for nxt in mentions[i + 1 :]:
        # only the short gaps are read: deaccenting the whole sentence per call was ~3% of extraction
        gap = deaccent(text[out[-1].end - base : nxt.start - base])
        if _LIST_GAP.match(gap):
            out.append(nxt)
        else:
            break
    return out


_VAGUE_SUBJECT = re.compile(rf"\b(?:chi\s+dao|yeu\s+cau|de\s+nghi)\s+{_VAGUE}*{_VAGUE_ITEM}(?:\s+minh)?\s*$", re.IGNORECASE)
_VAGUE_HEAD = re.compile(rf"\s*(?:voi\s+)?(?:cac\s+)?{_VAGUE}+(?:cac\s+)?", re.IGNORECASE)


def _objects_after(s: Sentence, plain: str, pos: int, filler: re.Pattern[str]) -> list[Mention]:
    for i, m in enumerate(s.mentions):
        rel = m.start - s.start
        if rel < pos:
            continue
        gap = plain[pos:rel]
        if filler.fullmatch(gap) or _VAGUE_HEAD.fullmatch(gap):
            return _list_from(s.mentions, i, s.text, s.start)
        return []
    return []


def _subjects_before(s: Sentence, plain: str, pos: int) -> list[Mention]:
    before = [m for m in s.mentions if m.end - s.start <= pos]
    if not before:
        return []
    last = before[-1]
    if not _SUBJECT_GAP.match(plain[last.end - s.start : pos]):
        return []
    # walk back over a list "A, B và C"
    out = [last]
    for prev in reversed(before[:-1]):
        gap = plain[prev.end - s.start : out[0].start - s.start]
        if _LIST_GAP.match(gap):
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


def _ids(ch: _Charter, mentions: Iterable[Mention], s: Sentence) -> list[str]:
    out: list[str] = []
    for m in mentions:
        out += _resolve(ch, m, s.provision, s.subject)
    return list(dict.fromkeys(out))


# --------------------------------------------------------------------------- relations
def _prepare(ch: _Charter, s: Sentence) -> str:
    if not s.mentions:
        s.mentions = ch.mentions(s.start, s.end)
    return ch.plain[s.start : s.end]


def _relations(ch: _Charter, s: Sentence) -> None:
    plain = _prepare(ch, s)
    spans = [(m.start - s.start, m.end - s.start) for m in s.mentions]
    for rule in RELATION_RULES:
        if rule.id == "delegation.passive":
            _passive_delegation(ch, s, plain)
            continue
        for t in rule.trigger.finditer(plain):
            if any(a <= t.start() < b or a < t.end() <= b for a, b in spans):
                continue
            if rule.not_after and rule.not_after.search(plain[: t.start()]):
                continue
            objects = _objects_after(s, plain, t.end(), rule.filler)
            if not objects:
                continue
            if not _subjects_before(s, plain, t.start()) and _VAGUE_SUBJECT.search(plain[: t.start()]):
                continue
            subjects = _subjects_before(s, plain, t.start())
            if subjects:
                source_ids = _ids(ch, subjects, s)
            else:
                lead = _leading_subject(ch, s)
                between = plain[s.mentions[0].end - s.start : t.start()] if s.mentions else ""
                if lead and s.mentions[0].end - s.start <= t.start() and not re.search(r"\bthi\s+(?!phai\b)", between, re.IGNORECASE):
                    source_ids = list(lead)
                else:
                    source_ids = list(s.subject)
            target_ids = _ids(ch, objects, s)
            if rule.needs_post_object:
                target_ids = [t_ for t_ in target_ids if Label.Post.value in ch.facts.nodes[t_].labels or Label.Person.value in ch.facts.nodes[t_].labels]
            if rule.type == Rel.COORDINATES_WITH and t.group(0).lower().endswith("giua") and len(target_ids) > 1:
                # "phối hợp giữa A, B và C": each of A, B works with C
                for src in target_ids[:-1]:
                    ch.edge(rule.type, src, target_ids[-1], s.provision, s.start, s.end, rule.id, rule.confidence)
                continue
            if not source_ids or not target_ids:
                continue
            props = _relation_props(ch, rule, s, plain, objects)
            for src in source_ids:
                for dst in target_ids:
                    a, b = (dst, src) if rule.reverse else (src, dst)
                    ch.edge(rule.type, a, b, s.provision, s.start, s.end, rule.id, rule.confidence, **props)


def _relation_props(ch: _Charter, rule: RelationRule, s: Sentence, plain: str, objects: list[Mention]) -> dict:
    props: dict = {}
    if rule.type == Rel.REPORTS_TO:
        after = objects[-1].end - s.start
        for m in s.mentions:
            rel = m.start - s.start
            if rel >= after and VIA.search(plain[max(after, rel - 14) : rel]):
                via = _resolve(ch, m, s.provision, s.subject)
                if via:
                    props[Prop.via.value] = via[0]
                break
        p = s.provision
        if Prop.via.value not in props:
            own = ch.src.text[p.start : _own_text_end(p)]
            via = re.search(r"(?i)\b(?:gui|chuyen)\s+(?:thong\s+)?qua\s+", deaccent(own))
            if via:
                ms = [m for m in find_mentions(own[via.end() :], p.start + via.end(), ch.group_rules) if m.start == p.start + via.end()]
                if ms:
                    ids = _resolve(ch, ms[0], p, s.subject)
                    if ids:
                        props[Prop.via.value] = ids[0]
        cadence = parse_cadence(s.text) or parse_cadence(ch.src.text[p.start : _own_text_end(p)])
        if cadence:
            props.update(cadence.as_props())
    if rule.type in (Rel.DELEGATES_TO, Rel.ACTS_FOR):
        cond = CONDITION.search(plain)
        if cond:
            props[Prop.condition.value] = s.text[cond.start() : cond.end()]
        if rule.type == Rel.DELEGATES_TO:
            after = objects[-1].end - s.start
            scope = re.split(r"[;.]", s.text[after:], maxsplit=1)[0].strip(" ,")
            if len(scope) > 3:
                props[Prop.scope.value] = scope
    return props


_PASSIVE = re.compile(r"\b(?:duoc|do|khi)\s+$", re.IGNORECASE)
_UY_QUYEN_AFTER = re.compile(r"^\s+(?:phan\s+cong\s+(?:hoac|va|,)\s*)?uy\s+quyen\b", re.IGNORECASE)


def _passive_delegation(ch: _Charter, s: Sentence, plain: str) -> None:
    """"… hoặc được Trưởng Ban ủy quyền": the chair delegates to the sentence's subject."""
    for m in s.mentions:
        rel_start, rel_end = m.start - s.start, m.end - s.start
        if _PASSIVE.search(plain[max(0, rel_start - 8) : rel_start]) and _UY_QUYEN_AFTER.match(plain[rel_end:]):
            delegators = _resolve(ch, m, s.provision, s.subject)
            for src in delegators:
                for dst in s.subject:
                    props = {}
                    cond = CONDITION.search(plain)
                    if cond:
                        props[Prop.condition.value] = s.text[cond.start() : cond.end()]
                    ch.edge(Rel.DELEGATES_TO, src, dst, s.provision, s.start, s.end, "delegation.passive", 0.8, **props)


# --------------------------------------------------------------------------- special families
def _standing_agencies(ch: _Charter, sentences: list[Sentence]) -> None:
    """'X làm nhiệm vụ Cơ quan thường trực', 'Cơ quan Thường trực … là X', 'Là cơ quan thường trực' (subject X)."""
    for s in sentences:
        plain = _prepare(ch, s)
        for i, m in enumerate(s.mentions):
            if m.key[0] != "cqtt":
                continue
            rel = m.start - s.start
            before = s.mentions[i - 1] if i > 0 else None
            after = s.mentions[i + 1] if i + 1 < len(s.mentions) else None
            agency: list[str] = []
            domain = None
            rule = ""
            if before and before.key[0] == "head" and re.fullmatch(r"\s*\(\s*", plain[before.end - s.start : rel]):
                before = Mention(before.start, before.end, "", before.key[2], before.rule)
            if before and before.key[0] == "body" and re.fullmatch(r"\s*(?:,\s*)?(?:la\s+|lam\s+nhiem\s+vu\s+|\(\s*)", plain[before.end - s.start : rel], re.IGNORECASE):
                agency = _resolve(ch, before, s.provision, s.subject)
                rule = "standing_agency.x_la"
                tail = re.match(r"\s+(?:ban\s+chi\s+dao\s+)?ve\s+([^,;.]{3,80})", plain[m.end - s.start :], re.IGNORECASE)
                if tail:
                    domain = s.text[m.end - s.start + tail.start(1) : m.end - s.start + tail.end(1)].strip()
            elif after and after.key[0] == "body":
                gap = plain[m.end - s.start : after.start - s.start]
                g = re.fullmatch(r"\s*(?:(?:cua\s+)?(?:ban\s+chi\s+dao|bcd)\s+)?(?:phu\s+trach\s+(?P<d>.{3,120}?)\s+|ve\s+(?P<d2>.{3,80}?)\s+)?la\s*", gap, re.IGNORECASE)
                if g:
                    agency = _resolve(ch, after, s.provision, s.subject)
                    rule = "standing_agency.cqtt_la_x"
                    d = g.group("d") or g.group("d2")
                    if d:
                        off = m.end - s.start + gap.find(d)
                        domain = s.text[off : off + len(d)]
            if not agency and re.match(r"^\s*(?:\d+[.\-)]\s*)?la\s*$", plain[:rel], re.IGNORECASE) and s.subject:
                agency = [x for x in s.subject if Label.Agency.value in ch.facts.nodes[x].labels]
                rule = "standing_agency.subject_la"
            for a in agency:
                if Label.Agency.value not in ch.facts.nodes[a].labels:
                    continue
                if a not in [x for x, _ in ch.standing_agencies]:
                    ch.standing_agencies.append((a, domain))
                ch.add_alias(a, "Cơ quan thường trực Ban Chỉ đạo")
                ch.standing_agency_clauses.setdefault(s.provision.ref, []).append(a)
                ch.edge(Rel.STANDING_AGENCY_OF, a, ch.committee_id, s.provision, s.start, s.end, rule, 0.95, domain=domain)
        s.mentions = []  # re-resolve later: "Cơ quan thường trực" now has a referent


_NAMED_LINE = re.compile(
    r"^[\s\-–+]*(?:\d+[.)\-]\s*)?(?:ong|ba|dong\s+chi|d/c)\s+(?P<name>(?-i:[A-Z][a-z]+(?:\s+[A-Z][a-z]+){1,4}))\s*[-–,]",
    re.IGNORECASE,
)


def _named_composition(ch: _Charter, s: Sentence, plain: str) -> bool:
    """'1. Ông Nguyễn Văn Bình - Chủ tịch UBND huyện - Trưởng ban;': the person holds both posts.

    A person appointed by name holds the committee post; their office only identifies them,
    so no HELD_EX_OFFICIO_BY is asserted.
    """
    m = _NAMED_LINE.match(plain)
    if not m or _is_title(s.text[m.start("name") : m.end("name")]):
        return False
    posts = [x for x in s.mentions if x.start - s.start >= m.end("name") and x.key[0] in ("post", "head")]
    if not posts:
        return False
    person = ch.person(s.text[m.start("name") : m.end("name")])
    ids = _ids(ch, posts, s)
    if not any(x.key[0] == "post" for x in posts):
        # "4. Các ủy viên: - Đồng chí Nông Văn Hải, Phó Chủ tịch UBND xã.": the seat is the heading's
        ids += [x for x in s.subject if Label.Post.value in ch.facts.nodes[x].labels and _post_body(ch, x) == ch.committee_id]
    for post in dict.fromkeys(ids):
        ch.edge(Rel.HOLDS, person, post, s.provision, s.start, s.end, "people.named_composition", 0.9)
    return True


def _ex_officio(ch: _Charter, s: Sentence) -> None:
    """'Chủ tịch UBND phường - Trưởng Ban Chỉ đạo', 'BÍ THƯ kiêm TRƯỞNG BAN', 'Trưởng Ban Chỉ đạo: Chủ tịch …',
    'các Phó Trưởng Ban … là Chủ tịch …, Phó Chủ tịch …'."""
    plain = _prepare(ch, s)
    _staff_member(ch, s, plain)
    if _named_composition(ch, s, plain):
        return
    ms = s.mentions
    for i in range(len(ms) - 1):
        a, b = ms[i], ms[i + 1]
        gap = plain[a.end - s.start : b.start - s.start]
        if _is_committee_post(a.key) and b.key[0] == "head" and (_APPOSITION.match(gap) or _IS.match(gap)):
            committee_post, holders = a, _list_from(ms, i + 1, s.text, s.start)
        elif a.key[0] == "head" and _is_committee_post(b.key) and _APPOSITION.match(gap):
            committee_post, holders = b, [a]
        else:
            continue
        for cp in _resolve(ch, committee_post, s.provision, s.subject):
            for h in _ids(ch, [x for x in holders if x.key[0] == "head"], s):
                ch.edge(Rel.HELD_EX_OFFICIO_BY, cp, h, s.provision, s.start, s.end, "ex_officio.apposition", 0.9)
    # composition lists: "1. Trưởng Ban Chỉ đạo: Chủ tịch Ủy ban nhân dân phường." / heading + bullets
    if ms and _is_committee_post(ms[0].key):
        gap_to_next = plain[ms[0].end - s.start : (ms[1].start - s.start) if len(ms) > 1 else len(plain)]
        if len(ms) > 1 and _COLON.match(gap_to_next.replace("dong chi", "").replace("Dong chi", "")):
            holders = [x for x in _list_from(ms, 1, s.text, s.start) if x.key[0] == "head"]
            for cp in _resolve(ch, ms[0], s.provision, s.subject):
                for h in _ids(ch, holders, s):
                    ch.edge(Rel.HELD_EX_OFFICIO_BY, cp, h, s.provision, s.start, s.end, "ex_officio.composition", 0.95)
    if ms and ms[0].key[0] == "head" and _HONORIFIC.fullmatch(plain[: ms[0].start - s.start]) and _is_list_item(plain, s, ms):
        parent_posts = [x for x in s.subject if Label.Post.value in ch.facts.nodes[x].labels]
        composition = [x for x in parent_posts if ch.facts.nodes[x].props.get(Prop.role.value) in {r.value for r in (Role.Chair, Role.StandingViceChair, Role.ViceChair, Role.Member, Role.Secretary, Role.StandingMember)}]
        holders = [x for x in _list_from(ms, 0, s.text, s.start) if x.key[0] == "head"]
        for cp in composition:
            for h in _ids(ch, holders, s):
                ch.edge(Rel.HELD_EX_OFFICIO_BY, cp, h, s.provision, s.start, s.end, "ex_officio.composition_bullet", 0.9)


_HONORIFIC = re.compile(r"[\s\-–+]*(?:\d+(?:\.\d+)*[.\-)]\s*)?(?:(?:dong\s+chi|d/c|ong|ba)\s+)?", re.IGNORECASE)
_STAFF = re.compile(r"^\s*(?:[-–+]\s*)?(?:can\s+bo|cong\s+chuc|chuyen\s+vien|vien\s+chuc)\b", re.IGNORECASE)


def _is_committee_post(key: tuple) -> bool:
    return key[0] == "post" and key[2] in (("committee",), ("bare",))


def _staff_member(ch: _Charter, s: Sentence, plain: str) -> None:
    """'Thư ký: - Công chức phòng Văn hóa - Xã hội phụ trách …': a staff post of that agency, held ex officio."""
    if not _STAFF.match(plain):
        return
    committee_posts = [x for x in s.subject if Label.Post.value in ch.facts.nodes[x].labels and _post_body(ch, x) == ch.committee_id]
    agencies = [m for m in s.mentions if m.key[0] == "body" and m.key[1] == Label.Agency.value]
    if not committee_posts or not agencies:
        return
    title = s.text.strip(" .;-–")
    for body in _resolve(ch, agencies[0], s.provision, ()):
        staff = ch.post(body, Role.Member, title, at=(s.provision, s.start, s.end, s.provision.ref))
        for cp in committee_posts:
            ch.edge(Rel.HELD_EX_OFFICIO_BY, cp, staff, s.provision, s.start, s.end, "ex_officio.staff", 0.85)


def _is_list_item(plain: str, s: Sentence, ms: list[Mention]) -> bool:
    """A composition-list entry: a post and nothing but a remark ("Phó Chủ tịch UBND phường - Phụ trách …")."""
    items = _list_from(ms, 0, s.text, s.start)
    rest = plain[items[-1].end - s.start :]
    return bool(re.match(r"^\s*(?:[.;,]?\s*$|\s-\s|\s*–|\s*\(|phu\s+trach\b)", rest, re.IGNORECASE))


def _leaders(ch: _Charter, s: Sentence) -> None:
    """'do đồng chí Trưởng Công an phường làm Tổ trưởng', 'Tổ trưởng là đồng chí Phó Trưởng Ban'."""
    plain = _prepare(ch, s)
    for lm in _LEADER.finditer(plain):
        groups_here = [m for m in s.mentions if m.end - s.start <= lm.start() and m.key[0] in ("wg_id", "sg", "wg")]
        if groups_here:
            group_ids = _resolve(ch, groups_here[-1], s.provision, s.subject)
        else:
            group_ids = _context_groups(ch, s.provision, s.subject)
            if not group_ids:
                sg = [m for m in s.mentions if m.key[0] == "sg"]
                group_ids = _resolve(ch, sg[0], s.provision, s.subject) if sg else _recent_group(ch, s)
        grp = "a" if lm.group("a") else "b"
        a, b = lm.start(grp), lm.end(grp)
        holder_mentions = [m for m in s.mentions if a <= m.start - s.start and m.end - s.start <= b and m.key[0] in ("head", "post")]
        person = _PERSON.search(plain[max(0, a - 9) : b])
        if person and (_is_title(s.text[max(0, a - 9) + person.start("name") : max(0, a - 9) + person.end("name")]) or any(m.start - s.start <= max(0, a - 9) + person.start("name") < m.end - s.start for m in s.mentions)):
            person = None  # "đồng chí Trưởng Công an phường" names a post, not a person
        for gid in group_ids:
            leader = ch.post(gid, Role.GroupLeader, at=(s.provision, s.start, s.end, s.provision.ref))
            ch.edge(Rel.LEADS, leader, gid, s.provision, s.start, s.end, "groups.leader", 0.95)
            if person:
                # "do đồng chí Phạm Minh Đức, Phó Giám đốc Sở … làm Tổ trưởng": appointed by name
                off = max(0, a - 9)
                pid = ch.person(s.text[off + person.start("name") : off + person.end("name")])
                ch.edge(Rel.HOLDS, pid, leader, s.provision, s.start, s.end, "groups.leader_person", 0.9)
                for h in _ids(ch, holder_mentions[:1], s):
                    ch.edge(Rel.HOLDS, pid, h, s.provision, s.start, s.end, "groups.leader_person_title", 0.85)
                continue
            for h in _ids(ch, holder_mentions[:1], s):
                ch.edge(Rel.HELD_EX_OFFICIO_BY, leader, h, s.provision, s.start, s.end, "groups.leader_ex_officio", 0.9)


def _funding(ch: _Charter, s: Sentence) -> None:
    """'Kinh phí hoạt động của X … được bố trí trong dự toán … của Y', '… cấp cho Y', 'Y đối với <group>'."""
    plain = _prepare(ch, s)
    fm = _FUNDING.search(plain)
    if not fm:
        return
    ms = [m for m in s.mentions if m.start - s.start >= fm.end()]
    if not ms:
        return
    funded = _list_from(ms, 0, s.text, s.start) if re.fullmatch(r"\s*(?:cua\s+)?(?:tung\s+|cac\s+)?", plain[fm.end() : ms[0].start - s.start], re.IGNORECASE) else []
    funded_ids = _ids(ch, funded, s)
    # per-group funding: "(Sở Khoa học và Công nghệ đối với Tổ Công tác …; Công an tỉnh đối với …)"
    paired = False
    for i in range(len(ms) - 1):
        a, b = ms[i], ms[i + 1]
        if a.key[0] == "body" and b.key[0] in ("wg_id", "wg", "sg") and _FOR_GROUP.match(plain[a.end - s.start : b.start - s.start]):
            for g in _resolve(ch, b, s.provision, s.subject):
                for y in _resolve(ch, a, s.provision, s.subject):
                    ch.edge(Rel.FUNDED_BY, g, y, s.provision, s.start, s.end, "funding.per_group", 0.9)
                    paired = True
    if paired or not funded_ids:
        return
    start_search = funded[-1].end - s.start
    for i, m in enumerate(ms):
        rel = m.start - s.start
        if rel <= start_search or m in funded:
            continue
        if _FUNDING_SOURCE.search(plain[start_search:rel]) and m.key[0] in ("body", "cqtt", "head"):
            sources = _ids(ch, [x for x in _list_from(ms, i, s.text, s.start) if x.key[0] in ("body", "cqtt")], s)
            for f in funded_ids:
                for y in sources:
                    ch.edge(Rel.FUNDED_BY, f, y, s.provision, s.start, s.end, "funding.budget_of", 0.85)
            break


def _meetings(ch: _Charter, s: Sentence) -> None:
    plain = _prepare(ch, s)
    mm = MEETING.search(plain)
    if not mm:
        return
    cadence = parse_cadence(s.text[mm.start() :])
    if not cadence or not cadence.period:
        return
    subjects = _subjects_before(s, plain, mm.start())
    ids = _ids(ch, subjects, s) if subjects else list(s.subject)
    for i in ids:
        node = ch.facts.nodes[i]
        if Label.Body.value in node.labels and not node.props.get(Prop.meetingCadence.value):
            node.props[Prop.meetingCadence.value] = cadence.period


def _replaces(ch: _Charter, s: Sentence) -> None:
    plain = _prepare(ch, s)
    from govkg.loaders.parse import parse_citations

    for rm in _REPLACES.finditer(plain):
        cites = parse_citations(s.text[rm.end() :], s.start + rm.end())
        if cites:
            doc_id = _legal_document(ch, cites[0])
            ch.edge(Rel.REPLACES, ch.charter_id, doc_id, s.provision, s.start, s.end, "documents.replaces", 0.95)


def _legal_document(ch: _Charter, c: Citation) -> str:
    # an act without a number (a Luật) is its title and year: the 2015 and 2025 laws are two acts
    key = document_key(c.number) if c.number else _folded(c.title or c.text)[:80] + (f"|{c.issued_on.year}" if c.issued_on and c.issued_on.year else "")
    doc_id = make_id("doc", key)
    props = {
        Prop.name.value: " ".join(x for x in (c.doc_type, c.number) if x) if c.number else (c.title or c.text)[:200],
        Prop.number.value: c.number,
        Prop.docType.value: c.doc_type,
        Prop.issuer.value: c.issuer,
        Prop.issuedOn.value: c.issued_on.iso if c.issued_on else None,
        Prop.title.value: c.title,
    }
    ch.facts.add_node(Node(doc_id, (Label.LegalDocument.value,), {k: v for k, v in props.items() if v is not None}))
    node = ch.facts.nodes[doc_id]
    for prop, value in ((Prop.numberVariants.value, c.number), (Prop.docTypeVariants.value, c.doc_type)):
        seen = node.props.setdefault(prop, [])
        if value and value not in seen:
            seen.append(value)
    return doc_id


def _documents(ch: _Charter) -> None:
    for part in ch.doc.parts:
        for c in part.bases:
            if not (c.number or c.doc_type):
                continue
            doc_id = _legal_document(ch, c)
            ch.edge(Rel.BASED_ON, ch.charter_id, doc_id, None, c.start, c.end, "documents.based_on", 0.95, ref=c.ref)
            _referenced_from_citation(ch, c)
        if part.proposer:
            pr = part.proposer
            ms = find_mentions(pr.text, pr.start, ch.group_rules)
            ms = [m for m in ms if m.key[0] in ("head", "body", "post", "cqtt")]
            if ms:
                for target in _resolve(ch, ms[0], _pseudo(pr.ref, pr.start, pr.end, pr.text), ()):
                    ch.edge(Rel.PROPOSED_BY, ch.charter_id, target, None, pr.start, pr.end, "documents.proposed_by", 0.95, ref=pr.ref)


def _referenced_from_citation(ch: _Charter, c: Citation) -> None:
    """A căn cứ that sets up a higher committee names it ('kiện toàn Ban chỉ đạo của thành phố', 730/QĐ-TTg):
    the committee becomes a referenced node, aliased by the words the căn cứ uses."""
    for m in find_mentions(c.text, c.start):
        if m.key[0] == "committee_at":
            _resolve(ch, m, _pseudo(c.ref, c.start, c.end, c.text), ())


def _pseudo(ref: str, start: int, end: int, text: str) -> Provision:
    return Provision(kind="header", label="", title="", text=text, start=start, end=end, ref=ref, human=ref)


def _signatures(ch: _Charter) -> None:
    """The signer: SIGNED_BY, and the posts their title lines name."""
    for part in ch.doc.parts:
        sig = part.closing.signature if part.closing else None
        if not sig or not sig.signer:
            continue
        pid = ch.person(sig.signer)
        prov = _pseudo(sig.ref, sig.start, sig.end, sig.text)
        ch.edge(Rel.SIGNED_BY, ch.charter_id, pid, None, sig.start, sig.end, "documents.signed_by", 0.95, ref=sig.ref)
        own_titles = [t for t in sig.titles if not re.match(r"(?i)\s*(?:kt|tl|tuq|tm|t/m|q)\s*[./]", deaccent(t))]
        lines = " - ".join(own_titles or sig.titles)
        ms = find_mentions(lines)
        posts: list[str] = []
        authority = deaccent(sig.authority or "").lower()
        for m in ms:
            if m.key[0] in ("post", "head"):
                posts += _resolve(ch, _in_source(ch, m, lines, sig.start, sig.end), prov, ())
        if not ms and sig.titles and re.match(r"(?i)chu\s+tich", deaccent(sig.titles[-1])) and "uy ban nhan dan" in authority:
            posts.append(ch.post(_outside_body(ch, ("body", Label.PeoplesCommittee.value, None, None), Mention(0, 0, "Ủy ban nhân dân", (), "")), Role.Head, "Chủ tịch Ủy ban nhân dân"))
        if not posts and sig.titles:
            t = deaccent(" ".join(sig.titles)).lower()
            if re.search(r"\bchu\s+tich\b", t) and "uy ban nhan dan" in authority:
                posts.append(ch.post(ch.body(Label.PeoplesCommittee, f"Ủy ban nhân dân {ch.locality.name}" if ch.locality else "Ủy ban nhân dân", locality=ch.locality, status=Status.referenced), Role.Head, "Chủ tịch"))
        for post in dict.fromkeys(posts):
            ch.edge(Rel.HOLDS, pid, post, None, sig.start, sig.end, "people.signer_holds", 0.9, ref=sig.ref)
        committee_posts = [p for p in posts if ch.facts.edges and _post_body(ch, p) == ch.committee_id]
        other_posts = [p for p in posts if _post_body(ch, p) != ch.committee_id]
        for cp in committee_posts:
            for op in other_posts:
                ch.edge(Rel.HELD_EX_OFFICIO_BY, cp, op, None, sig.start, sig.end, "ex_officio.signature", 0.85, ref=sig.ref)


def _in_source(ch: _Charter, m: Mention, joined: str, lo: int, hi: int) -> Mention:
    """A mention found in text assembled from lines of ``source.text[lo:hi]``, moved to where its
    words stand in the source (the whole span when they can't be found as written)."""
    words = joined[m.start : m.end]
    at = ch.src.text.find(words, lo, hi) if words else -1
    start, end = (at, at + len(words)) if at >= 0 else (lo, hi)
    return Mention(start, end, m.text, m.key, m.rule, m.plural)


def _post_body(ch: _Charter, post_id: str) -> str | None:
    for e in ch.facts.edges:
        if e.type == Rel.POST_IN and e.source == post_id:
            return e.target
    return None


def _hierarchy(ch: _Charter) -> None:
    """LOCATED_IN / WITHIN for the charter's units, and SUBORDINATE_TO up to the national committee."""
    units = [u for u in (ch.locality, ch.district, ch.province) if u is not None]
    unit_ids = {}
    for u in dict.fromkeys(units):
        uid = f"unit:{u.key}"
        unit_ids[u.key] = uid
        ch.facts.add_node(
            Node(uid, (Label.AdminUnit.value,), {Prop.name.value: u.name, Prop.level.value: u.level.value, Prop.code.value: u.code, Prop.codeSystem.value: u.code_system})
        )
    chain = list(dict.fromkeys(units))
    for lower, upper in zip(chain, chain[1:], strict=False):
        ch.edge(Rel.WITHIN, unit_ids[lower.key], unit_ids[upper.key], None, 0, 0, "hierarchy.gazetteer", 1.0, ref=ch._first_ref, inferred=True)
    if ch.locality is not None:
        for node in list(ch.facts.nodes.values()):
            if Label.Body.value in node.labels and node.props.get(Prop.localityCode.value) in unit_ids:
                ch.edge(Rel.LOCATED_IN, node.id, unit_ids[node.props[Prop.localityCode.value]], None, 0, 0, "hierarchy.located_in", 1.0, ref=ch._first_ref, inferred=True)
    # the committees above: this charter's committee → district → province → national
    above = [u for u in (ch.district, ch.province) if u is not None and (ch.locality is None or u.key != ch.locality.key)]
    current = ch.committee_id
    for u in above:
        cid = _other_committee(ch, {Level.district: "quan", Level.province: "tinh"}[u.level], u.bare_name, Mention(0, 0, f"Ban Chỉ đạo {u.name}", (), ""))
        if cid and cid[0] != current:
            _subordinate(ch, current, cid[0])
            current = cid[0]
    _subordinate(ch, current, _national(ch))


def _subordinate(ch: _Charter, lower: str, upper: str) -> None:
    """Explicit when the text names the higher committee in a căn cứ or an article; else inferred."""
    name = ch.facts.nodes[upper].props.get(Prop.name.value, "")
    aliases = ch.facts.nodes[upper].props.get(Prop.aliases.value, [])
    for part in ch.doc.parts:
        for c in part.bases:
            for m in find_mentions(c.text, c.start):
                if m.key[0] == "committee_at" and upper in _resolve(ch, m, _pseudo(c.ref, c.start, c.end, c.text), ()):
                    ch.edge(Rel.SUBORDINATE_TO, lower, upper, None, c.start, c.end, "hierarchy.cited_committee", 0.85, ref=c.ref)
                    return
    del name, aliases
    ch.edge(Rel.SUBORDINATE_TO, lower, upper, None, 0, 0, "hierarchy.gazetteer", 0.7, ref=ch._first_ref, inferred=True)
