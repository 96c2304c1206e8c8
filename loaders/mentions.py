"""Mentions of bodies and posts in charter text: the lexicon of the genre.

A mention is a span of the normalised text with a symbolic ``key`` that the extractor
resolves against the charter's own entities (its committee, its posts, its standing
agency, its groups) or turns into a node for an outside body. Matching runs on an
accent-stripped, case-preserving copy of the text (same length, so spans carry over):
spelling noise such as "Uỷ"/"Ủy" or a missing diacritic does not break it, while
capitals still tell proper names ("phường Hải An") from common words ("phường thông minh").

The lexicon is one table, ``mention_rules()``: each row is a rule id, a pattern and the
kind of thing it names. The rule id travels into the ``rule`` property of the edges built
on the mention.

Examples
--------
>>> [(m.key.kind.value, m.text) for m in find_mentions("Phó Trưởng Ban Thường trực Ban Chỉ đạo báo cáo Trưởng Ban Chỉ đạo")]
[('post', 'Phó Trưởng Ban Thường trực Ban Chỉ đạo'), ('post', 'Trưởng Ban Chỉ đạo')]
>>> m = find_mentions("Chủ tịch Ủy ban nhân dân phường - Trưởng Ban Chỉ đạo")[0]
>>> m.key
Key(kind='head', role='Head', body=Key(kind='body', label='PeoplesCommittee', level_word='phuong'))
>>> [m.key for m in find_mentions("Công an phường làm nhiệm vụ Cơ quan Thường trực")]
[Key(kind='body', label='Agency', name='Công an', level_word='phuong'), Key(kind='cqtt')]
>>> find_mentions("Trưởng phòng Văn hóa - Xã hội phường")[0].key.body.name
'Phòng Văn hóa - Xã hội'
"""

from __future__ import annotations

import operator
import re
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from functools import lru_cache

from govkg.ontology.vocab import Label, Role
from govkg.vn.text import deaccent, loose_key
from govkg.vn.words import kind_pattern

__all__ = ["Key", "Kind", "Mention", "MentionRule", "Within", "find_mentions", "glossary", "mention_rules"]


class Kind(StrEnum):
    """What a mention names, before the extractor resolves it."""

    COMMITTEE = "committee"  # the charter's own steering committee
    OTHER_COMMITTEE = "committee_at"  # a committee of a named level or place ("Ban Chỉ đạo tỉnh")
    STANDING_AGENCY = "cqtt"  # "Cơ quan thường trực": whoever the charter makes it
    STANDING_BOARD = "board"
    SUPPORT_GROUP = "sg"
    ADVISORY_COUNCIL = "council"
    WORKING_GROUP = "wg"  # a generic "Tổ Công tác"
    WORKING_GROUP_AT = "wg_at"  # the working group of another level
    NAMED_GROUP = "wg_id"  # a working group this charter names (its node id is known)
    BODY = "body"  # an outside body: agency, people's committee, party body …
    POST = "post"  # a post of the committee or of its groups
    HEAD = "head"  # the head (or deputy) of a body


class Within(StrEnum):
    """Where a committee post (``Kind.POST``) sits."""

    COMMITTEE = "committee"
    BARE = "bare"  # "thành viên" alone: of the group in context, else of the committee
    SUPPORT_GROUP = "sg"
    GROUPS = "groups"  # "Tổ trưởng các Tổ Công tác, Tổ Giúp việc": of each group
    GROUP_HERE = "group_here"  # "Tổ trưởng" alone: of the group in context
    WORKING_GROUP = "wg"  # "Tổ trưởng Tổ Công tác …"


@dataclass(frozen=True, slots=True)
class Key:
    """The symbolic referent of a mention; which fields are set depends on ``kind``.

    >>> Key(Kind.BODY, label="Agency", name="Công an", level_word="phuong")
    Key(kind='body', label='Agency', name='Công an', level_word='phuong')
    """

    kind: Kind
    label: str | None = None  # BODY: its Label
    name: str | None = None  # BODY: the canonical name; WORKING_GROUP_AT: the words of the mention
    level_word: str | None = None  # locality word, accent-free ("phuong", "thanh pho", "national")
    locality: str | None = None  # locality name as written ("Hải Dương")
    role: str | None = None  # POST, HEAD: the Role
    within: Within | None = None  # POST
    body: Key | None = None  # HEAD: the body it heads
    group: str | None = None  # NAMED_GROUP: the WorkingGroup node id

    def __repr__(self) -> str:
        fields = ", ".join(f"{f}={getattr(self, f)!r}" for f in self.__slots__[1:] if getattr(self, f) is not None)
        return f"Key(kind={self.kind.value!r}{', ' + fields if fields else ''})"


@dataclass(frozen=True, slots=True)
class Mention:
    """A span naming a body or a post; ``key`` is resolved by the extractor."""

    start: int
    end: int
    text: str
    key: Key
    rule: str
    plural: bool = False


@dataclass(frozen=True, slots=True)
class MentionRule:
    """A lexicon row. ``anchors`` are the words a match can start with (accent-free, lower case):
    the rule is only tried where one of them opens a word, which keeps the scan linear."""

    id: str
    pattern: re.Pattern[str]
    build: object  # Callable[[re.Match], tuple | None]
    anchors: frozenset[str] = frozenset()


# --- building blocks (accent-stripped text; IGNORECASE; names need capitals) ---
_LEVEL_WORD = rf"(?:{kind_pattern()}|tp\.?)"
_NAME = r"(?-i:(?:[A-Z][a-z]*|\d+)(?:[ ](?:[A-Z][a-z]*|\d+)){0,3})"
_LOCALITY = rf"(?:\s+(?:cua\s+)?(?P<lw>{_LEVEL_WORD})(?![\w])(?:\s+(?P<ln>{_NAME}))?)"
_BCD = r"(?:ban\s+chi\s+dao|bcd)"
_CD = r"(?:\s+chi\s+dao)"
_TOPIC_CORE = (
    r"(?:phat\s+trien|khoa\s+hoc|cong\s+nghe|doi\s+moi\s+sang\s+tao|chuyen\s+doi\s+so|cai\s+cach\s+hanh\s+chinh|"
    r"cai\s+cach\s+thu\s+tuc\s+hanh\s+chinh|de\s+an\s+06(?:/cp)?|cchc|cds|kh&cn|khcn|dmst|chinh\s+quyen\s+so|"
    r"do\s+thi\s+thong\s+minh|thuc\s+hien\s+de\s+an\s+06)"
)
_TOPIC_START = r"\s+(?:ve\s+)?(?:phat\s+trien|khoa\s+hoc|cai\s+cach|chuyen\s+doi|de\s+an|cchc|cds)"
_TOPIC = rf"(?:\s+(?:ve\s+)?{_TOPIC_CORE}(?:(?:\s*,\s*|\s+va\s+|\s+){_TOPIC_CORE})*(?:\s+quoc\s+gia)?)?"

def _group(m: re.Match, name: str) -> str | None:
    # the rules' patterns differ in their groups: a missing one is None (a lookup, not an exception)
    return m.group(name) if name in m.re.groupindex else None


def _lw(m: re.Match) -> str | None:
    w = _group(m, "lw")
    return re.sub(r"\s+", " ", w.lower()).rstrip(".") if w else None


def _ln(m: re.Match, source: str) -> str | None:
    if _group(m, "ln"):
        return source[m.start("ln") : m.end("ln")]
    return None


_PLURAL = re.compile(r"(?i)(?:cac|0\d)\s")


def _plural(m: re.Match) -> bool:
    return bool(_PLURAL.match(m.group(0)))


@lru_cache(maxsize=1)
def glossary() -> dict:
    """The genre's names with English labels (``glossary.yaml``)."""
    from importlib.resources import files

    import yaml

    return yaml.safe_load(files("govkg.loaders").joinpath("glossary.yaml").read_text(encoding="utf-8"))


@lru_cache(maxsize=1)
def _department_names() -> tuple[str, dict[str, str]]:
    names = {**glossary()["departments"]}
    canon = {loose_key(n): n for n in names}
    alts = sorted(canon, key=len, reverse=True)
    known = "|".join(r"[\s,\-]+".join(re.escape(w) for w in a.split()) for a in alts)
    # a name the glossary lacks: components that open with a capital ("Văn hóa và Thông tin",
    # "Tài nguyên - Môi trường"), each at most three words, never running into the locality
    return rf"(?:{known})(?![\w])|{_GENERIC_AGENCY_NAME}", canon


_COMPONENT = (
    r"(?-i:[A-Z])[a-z]*(?:\s+(?!(?:huyen|xa|phuong|tinh|quan|thi|thanh|la|co|chu|duoc|lam|va|voi|cua|trong|tai|ve|phu|theo|tham|bao|giup|de|thuc|chiu|su|ban|phoi|do|ket|truoc|ngay|nam|thang|dinh|hang)\b)(?-i:[a-z])[a-z]*){0,3}"
)
# a component after "-" or "," never opens with a post ("Phòng Quản lý công nghệ - Phó Trưởng đoàn")
_NOT_POST = r"(?!(?:pho|truong|thu\s+ky|thanh\s+vien|to\s+truong|uy\s+vien|chu\s+tich|giam\s+doc)\b)"
_GENERIC_AGENCY_NAME = rf"{_COMPONENT}(?:(?:\s*-\s*|,\s*|\s+va\s+){_NOT_POST}{_COMPONENT}){{0,3}}"


def _canon_department(raw: str) -> str:
    return _department_names()[1].get(loose_key(raw), raw)


# Builders get (match, original text) and return a key tuple, or None to drop the match.
def _committee(m: re.Match, src: str):
    low = m.group(0).lower()
    if "chinh phu" in low or "trung uong" in low:
        return Key(Kind.OTHER_COMMITTEE, level_word="national")
    lw, ln = _lw(m), _ln(m, src)
    if _group(m, "lw0"):
        lw = re.sub(r"\s+", " ", m.group("lw0").lower()).rstrip(".")
        ln = src[m.start("ln0") : m.end("ln0")] if _group(m, "ln0") else ln
    if lw is None and ln is None:
        return Key(Kind.COMMITTEE)
    return Key(Kind.OTHER_COMMITTEE, level_word=lw, locality=ln)


def _post(role: Role, within: Within = Within.COMMITTEE):
    def build(m: re.Match, src: str):
        return Key(Kind.POST, role=role.value, within=within)

    return build


def _secretary(m: re.Match, src: str):
    return Key(Kind.POST, role=Role.Secretary.value, within=Within.COMMITTEE if _group(m, "of") else Within.BARE)


def _group_leader(m: re.Match, src: str):
    tail = deaccent(m.group(0)).lower()
    wg, sg = "cong tac" in tail, "giup viec" in tail
    if wg and sg:  # "Tổ trưởng các Tổ Công tác, Tổ Giúp việc": leaders of each
        return Key(Kind.POST, role=Role.GroupLeader.value, within=Within.GROUPS)
    if sg:
        return Key(Kind.POST, role=Role.GroupLeader.value, within=Within.SUPPORT_GROUP)
    if wg:
        return Key(Kind.POST, role=Role.GroupLeader.value, within=Within.WORKING_GROUP)
    return Key(Kind.POST, role=Role.GroupLeader.value, within=Within.GROUP_HERE)


def _wg(m: re.Match, src: str):
    if _group(m, "lw"):
        return Key(Kind.WORKING_GROUP_AT, name=src[m.start() : m.end()], level_word=_lw(m))
    return Key(Kind.WORKING_GROUP)


def _fixed(kind: Label, name: str):
    def build(m: re.Match, src: str):
        return Key(Kind.BODY, label=kind.value, name=name, level_word=_lw(m), locality=_ln(m, src))

    return build


def _agency(name_of):
    """Agency mention, or the post of its head/deputy when the match starts with one."""

    def build(m: re.Match, src: str):
        name = name_of(m, src)
        if name is None:
            return None
        if name in _NATIONAL_OFFICES:  # the Government's office is one, in no locality
            body = Key(Kind.BODY, label=Label.Agency.value, name=name, level_word="national")
        else:
            body = Key(Kind.BODY, label=Label.Agency.value, name=name, level_word=_lw(m), locality=_ln(m, src))
        if _group(m, "head"):
            return Key(Kind.HEAD, role=(Role.DeputyHead if _group(m, "deputy") else Role.Head).value, body=body)
        return body

    return build


def _pc(kind: Label):
    def build(m: re.Match, src: str):
        body = Key(Kind.BODY, label=kind.value, level_word=_lw(m), locality=_ln(m, src))
        if _group(m, "head"):
            return Key(Kind.HEAD, role=(Role.DeputyHead if _group(m, "deputy") else Role.Head).value, body=body)
        return body

    return build


_OF_NAMES = {"uy ban nhan dan": "Ủy ban nhân dân", "ubnd": "Ủy ban nhân dân", "cac co quan dang": "các cơ quan Đảng", "co quan dang": "các cơ quan Đảng", "khoi cac co quan": "Khối các cơ quan"}
_PARTY_DEPARTMENTS = {
    "tuyen giao va dan van": "Ban Tuyên giáo và Dân vận",
    "tuyen giao": "Ban Tuyên giáo",
    "to chuc": "Ban Tổ chức",
    "dan van": "Ban Dân vận",
    "kiem tra": "Ủy ban Kiểm tra",
    "noi chinh": "Ban Nội chính",
}
_MASS_NAMES = {
    "lien hiep cac hoi khoa hoc va ky thuat": "Liên hiệp các Hội Khoa học và Kỹ thuật",
    "hoi lien hiep phu nu": "Hội Liên hiệp Phụ nữ",
    "hoi nong dan": "Hội Nông dân",
    "hoi cuu chien binh": "Hội Cựu chiến binh",
    "doan thanh nien": "Đoàn Thanh niên Cộng sản Hồ Chí Minh",
    "doan thanh nien cong san ho chi minh": "Đoàn Thanh niên Cộng sản Hồ Chí Minh",
    "lien doan lao dong": "Liên đoàn Lao động",
}


def _squash(text: str) -> str:
    return re.sub(r"\s+", " ", deaccent(text).lower())


def _party_department(m: re.Match, src: str):
    name = _PARTY_DEPARTMENTS[_squash(m.group("name"))]
    of = _group(m, "of")
    if of and "trung uong" in _squash(of):
        return f"{name} Trung ương"
    return f"{name} {'Tỉnh ủy' if of and 'tinh' in _squash(of) else 'Đảng ủy'}" if of else name


def _party_committee_of(m: re.Match, src: str):
    name = _OF_NAMES.get(_squash(m.group("name")), src[m.start("name") : m.end("name")])
    return Key(Kind.BODY, label=Label.PartyCommittee.value, name="Đảng ủy " + name, level_word=_lw(m))


def _party_head(m: re.Match, src: str):
    """'Bí thư Tỉnh ủy' heads the Tỉnh ủy; a bare 'Bí thư' heads the charter's own party committee."""
    which = _squash(_group(m, "which") or "")
    body = "Tỉnh ủy" if "tinh" in which else "Thành ủy" if "thanh" in which else "Đảng ủy" if which else "party"
    role = Role.DeputyHead if _group(m, "deputy") else Role.Head
    return Key(Kind.HEAD, role=role.value, body=Key(Kind.BODY, label=Label.PartyCommittee.value, name=body))


def _mass_fixed(name: str):
    def build(m: re.Match, src: str):
        body = Key(Kind.BODY, label=Label.MassOrganization.value, name=name, level_word=_lw(m), locality=_ln(m, src))
        if _group(m, "head"):
            return Key(Kind.HEAD, role=(Role.DeputyHead if _group(m, "deputy") else Role.Head).value, body=body)
        return body

    return build


_MINISTRY_CANON = {
    "cong an": "Công an", "noi vu": "Nội vụ", "khoa hoc va cong nghe": "Khoa học và Công nghệ", "kh&cn": "Khoa học và Công nghệ",
    "tai chinh": "Tài chính", "tu phap": "Tư pháp", "xay dung": "Xây dựng", "thong tin va truyen thong": "Thông tin và Truyền thông",
}
_MINISTRY_NAMES = "|".join(r"\s+".join(re.escape(w) for w in k.split()) for k in sorted(_MINISTRY_CANON, key=len, reverse=True))


def _mass(m: re.Match, src: str):
    name = _MASS_NAMES.get(_squash(m.group("name")), src[m.start("name") : m.end("name")])
    body = Key(Kind.BODY, label=Label.MassOrganization.value, name=name, level_word=_lw(m), locality=_ln(m, src))
    if _group(m, "head"):
        return Key(Kind.HEAD, role=(Role.DeputyHead if _group(m, "deputy") else Role.Head).value, body=body)
    return body


_HEAD_WORDS = ("cac", "pho", "truong", "giam", "chanh")
_ANCHORS: dict[str, tuple[str, ...]] = {
    "post.standing_vice_chair": ("cac", "pho"),
    "post.vice_chair": ("cac", "pho"),
    "post.chair": ("truong",),
    "post.standing_member": ("cac", "thanh", "uy"),
    "post.sg_member": ("cac", "thanh"),
    "post.member": ("cac", "thanh", "uy"),
    "post.member_bare": ("cac", "thanh"),
    "post.secretary": ("thu",),
    "post.group_leader": ("cac", "to"),
    "body.standing_agency": ("cac", "co"),
    "body.standing_board": ("thuong",),
    "body.committee_office": ("van",),
    "body.support_group": ("cac", "to"),
    "body.working_group": ("cac", "to", "nhom", "0#"),
    "body.advisory_council": ("hoi",),
    "body.committee": ("ban", "bcd"),
    "post.pc_head": ("cac", "pho", "chu", "ct", "pct"),
    "post.pc_head_bare": ("cac", "pho", "chu", "pct"),
    "body.peoples_committee": ("uy", "ubnd"),
    "body.peoples_council": ("pho", "chu", "thuong", "hoi", "hdnd"),
    "body.party_standing_committee": ("ban",),
    "body.party_executive": ("ban",),
    "body.party_standing_office": ("thuong",),
    "body.politburo": ("bo",),
    "body.party_secretariat": ("ban",),
    "body.provincial_party": ("tinh", "thanh"),
    "post.party_secretary": ("pho", "bi"),
    "body.party_department": ("cac", "pho", "truong", "ban"),
    "body.party_committee_of": ("dang",),
    "body.party_building": ("ban", "pho", "truong"),
    "body.party_subcommittees": ("cac", "cap"),
    "body.party_committee": ("dang",),
    "body.police": (*_HEAD_WORDS, "cong"),
    "body.office": (*_HEAD_WORDS, "van"),
    "body.department": (*_HEAD_WORDS, "phong", "so"),
    "body.centre": (*_HEAD_WORDS, "trung"),
    "body.project_board": (*_HEAD_WORDS, "ban"),
    "body.mass_org": ("uy", "mat", "mttq", "pho", "chu"),
    "body.ministry": ("bo",),
    "body.mass_org_other": ("pho", "chu", "bi", "lien", "hoi", "doan"),
    "post.community_head": ("ong", "to"),
    "body.community": ("cac", "to"),
    "post.prime_minister": ("thu", "pho", "cac"),
    "post.general_secretary": ("tong",),
    "post.minister": ("bo", "thu", "cac"),
    "body.ministry_unit": ("vu", "cuc", "van", "thanh", "pho", "chanh"),
    "body.own_office": ("giam", "pho", "chanh"),
    "post.team_vice": ("pho",),
    "post.team_leader": ("truong",),
    "post.group_vice": ("to",),
    "body.government": ("chinh",),
}


def _rule(rid: str, pattern: str, build) -> MentionRule:
    return MentionRule(rid, re.compile(pattern, re.IGNORECASE), build, frozenset(_ANCHORS[rid]))


_PC = r"(?:uy\s+ban\s+nhan\s+dan|ubnd)"
_HEAD = r"(?:(?:cac\s+)?(?P<deputy>pho\s+)?(?P<head>truong\s+|giam\s+doc\s+|chanh\s+))"
_NOT_DEPT = r"(?!\s+(?:quan\s+ly|xay\s+dung\s+dang|tuyen\s+giao|to\s+chuc|dan\s+van|kiem\s+tra|noi\s+chinh|bi\s+thu|chap\s+hanh|thuong\s+vu|cong\s+tac|giup\s+viec))"
_OFFICE_NAMES = {
    "hdnd va ubnd": "Văn phòng HĐND và UBND",
    "hoi dong nhan dan va uy ban nhan dan": "Văn phòng HĐND và UBND",
    "ubnd": "Văn phòng UBND",
    "uy ban nhan dan": "Văn phòng UBND",
    "dang uy": "Văn phòng Đảng ủy",
    "tinh uy": "Văn phòng Tỉnh ủy",
    "thanh uy": "Văn phòng Thành ủy",
    "chinh phu": "Văn phòng Chính phủ",
}
_NATIONAL_OFFICES = frozenset({"Văn phòng Chính phủ"})
_CENTRE_NAMES = {"phuc vu hanh chinh cong": "Trung tâm phục vụ hành chính công", "su nghiep cong": "Trung tâm sự nghiệp công"}
_CENTRE_NAME = r"phuc\s+vu\s+hanh\s+chinh\s+cong|su\s+nghiep\s+cong"


def _office(m: re.Match, src: str):
    return _OFFICE_NAMES.get(re.sub(r"\s+", " ", deaccent(m.group("name")).lower()))


def _centre(m: re.Match, src: str):
    key = re.sub(r"\s+", " ", deaccent(m.group("name")).lower())
    return _CENTRE_NAMES.get(key) or "Trung tâm " + re.sub(r"\s+", " ", src[m.start("name") : m.end("name")])


def _department(m: re.Match, src: str):
    word = "Sở" if deaccent(m.group("kw")).lower() == "so" else "Phòng"
    return f"{word} {_canon_department(src[m.start('name') : m.end('name')])}"


def _prime_minister(m: re.Match, src: str):
    """'(Phó) Thủ tướng (Chính phủ)'; not 'thủ trưởng' (the marks tell)."""
    if "tướng" not in src[m.start() : m.end()].lower():
        return None
    role = Role.DeputyHead if _group(m, "deputy") else Role.Head
    return Key(Kind.HEAD, role=role.value, body=Key(Kind.BODY, label=Label.Agency.value, name="Chính phủ"))


def _minister(m: re.Match, src: str):
    """'Bộ trưởng (Bộ X)', 'Thứ trưởng (Bộ X)'; not 'Thủ trưởng' (a unit's head: the marks tell)."""
    word = src[m.start() : m.end()].split()
    first = word[1] if word[0].lower() == "các" else word[0]
    if first.lower().startswith("thủ"):
        return None
    name = _group(m, "name")
    ministry = "Bộ " + _MINISTRY_CANON.get(_squash(name), re.sub(r"\s+", " ", src[m.start("name") : m.end("name")])) if name else "Bộ"
    role = Role.DeputyHead if _group(m, "deputy") else Role.Head
    return Key(Kind.HEAD, role=role.value, body=Key(Kind.BODY, label=Label.Agency.value, name=ministry, level_word="national"))


def _ministry_unit(m: re.Match, src: str):
    """'Vụ …', 'Cục …', 'Văn phòng Bộ', 'Thanh tra Sở', with their head when the match starts with one."""
    kw_group, name_group = ("kw", "name") if _group(m, "kw") else ("kw2", "name2")
    kw = re.sub(r"\s+", " ", src[m.start(kw_group) : m.end(kw_group)])
    name = re.sub(r"\s+", " ", src[m.start(name_group) : m.end(name_group)])
    body = Key(Kind.BODY, label=Label.Agency.value, name=f"{kw[0].upper()}{kw[1:]} {name}")
    if _group(m, "head"):
        return Key(Kind.HEAD, role=(Role.DeputyHead if _group(m, "deputy") else Role.Head).value, body=body)
    return body


def _own_office(m: re.Match, src: str):
    """'Giám đốc Sở' with no name after it: the head of the department that issues the charter."""
    name = "Sở" if _squash(m.group("kw")) == "so" else "Bộ"
    role = Role.DeputyHead if _group(m, "deputy") else Role.Head
    return Key(Kind.HEAD, role=role.value, body=Key(Kind.BODY, label=Label.Agency.value, name=name))


def _project_board(m: re.Match, src: str):
    return "Ban Quản lý dự án" + (" - Đầu tư xây dựng" if _group(m, "name") else "")


def _rules() -> tuple[MentionRule, ...]:
    dept = _department_names()[0]
    return (
        # posts of the committee (longest first where prefixes overlap)
        _rule("post.standing_vice_chair", rf"(?:cac\s+)?pho\s+truong\s+ban\s+thuong\s+truc(?:\s+{_BCD})?", _post(Role.StandingViceChair)),
        _rule("post.vice_chair", rf"(?:cac\s+)?pho\s+truong\s+ban{_CD}?{_NOT_DEPT}(?!\s+thuong\s+truc)", _post(Role.ViceChair)),
        _rule("post.chair", rf"(?<!pho )truong\s+ban{_CD}?{_NOT_DEPT}", _post(Role.Chair)),
        # "Ủy viên thường trực" is the standing member's title in many Quy chế
        _rule("post.standing_member", rf"(?:cac\s+)?(?:thanh\s+vien|uy\s+vien)\s+thuong\s+truc(?:\s+{_BCD})?", _post(Role.StandingMember)),
        _rule("post.sg_member", rf"(?:cac\s+)?thanh\s+vien\s+to\s+giup\s+viec(?:\s+{_BCD})?", _post(Role.Member, Within.SUPPORT_GROUP)),
        _rule("post.member", rf"(?:cac\s+)?(?:thanh\s+vien\s+{_BCD}|uy\s+vien(?:\s+{_BCD})?(?!\s+(?:ban\s+thuong\s+vu|ban\s+chap\s+hanh|tinh\s+uy|uy\s+ban|thuong\s+truc)))", _post(Role.Member)),
        _rule("post.member_bare", r"(?:cac\s+)?thanh\s+vien(?!\s+(?:to|hoi\s+dong|nhom|khac|co\s+quan))", _post(Role.Member, Within.BARE)),
        # "Thư ký" alone in a team's list is the team's (the second Đoàn kiểm tra's was the first's); "Thư ký
        # Ban Chỉ đạo" the committee's
        _rule("post.secretary", rf"thu\s+ky(?P<of>\s+{_BCD})?", _secretary),
        _rule(
            "post.group_leader",
            r"(?:cac\s+)?to\s+truong(?:\s+(?:cac\s+)?to\s+(?:cong\s+tac|giup\s+viec)(?:\s*,\s*(?:cac\s+)?to\s+(?:cong\s+tac|giup\s+viec))*(?:\s+ban\s+chi\s+dao)?)?(?!\s+to\s+dan\s+pho)",
            _group_leader,
        ),
        # the committee's own organs
        _rule("body.standing_agency", rf"(?:cac\s+)?co\s+quan\s+thuong\s+truc(?:\s+(?:cua\s+)?{_BCD})?(?!\s+cua\s+to)", lambda m, s: Key(Kind.STANDING_AGENCY)),
        _rule("body.standing_board", rf"thuong\s+truc\s+{_BCD}", lambda m, s: Key(Kind.STANDING_BOARD)),
        # "Phó Trưởng Ban Chỉ đạo quyết định thành lập Văn phòng Ban Chỉ đạo để giúp việc Ban Chỉ đạo": the
        # committee's own office, a support body (was read as a "phòng Ban" department)
        _rule("body.committee_office", rf"van\s+phong\s+(?:cua\s+)?{_BCD}", _fixed(Label.SupportGroup, "Văn phòng Ban Chỉ đạo")),
        _rule("body.support_group", rf"(?:cac\s+)?to\s+giup\s+viec(?:\s+chung)?(?:\s+(?:cua\s+|cho\s+)?{_BCD})?", lambda m, s: Key(Kind.SUPPORT_GROUP)),
        _rule(
            "body.working_group",
            rf"(?:cac\s+|0\d\s+)?(?:to\s+cong\s+tac(?:\s+lien\s+nganh)?|nhom\s+cong\s+tac)(?:\s+giup\s+viec)?(?:\s+(?:cua\s+|cho\s+)?{_BCD})?"
            rf"(?:\s+de\s+an\s+06\s+cua\s+(?P<lw>thanh\s+pho|tinh))?",
            _wg,
        ),
        _rule("body.advisory_council", r"hoi\s+dong\s+tu\s+van", lambda m, s: Key(Kind.ADVISORY_COUNCIL)),
        # other steering committees ("Ban Chỉ đạo tỉnh", "BCĐ … quận", "Ban chỉ đạo của thành phố")
        _rule(
            "body.committee",
            rf"{_BCD}(?:\s+(?:cua\s+)?(?:chinh\s+phu|trung\s+uong)|\s+(?:cua\s+)?(?P<lw0>{_LEVEL_WORD})(?![\w])(?:\s+(?P<ln0>{_NAME}))?(?={_TOPIC_START}))?{_TOPIC}{_LOCALITY}?",
            _committee,
        ),
        # people's committees and councils, and their heads
        _rule("post.pc_head", rf"(?:(?:cac\s+)?(?P<deputy>pho\s+)?(?P<head>chu\s+tich|ct|pct)\s+)(?:{_PC})?{_LOCALITY}", _pc(Label.PeoplesCommittee)),
        _rule("post.pc_head_bare", rf"(?:(?:cac\s+)?(?P<deputy>pho\s+)?(?P<head>chu\s+tich|pct)\s+){_PC}", _pc(Label.PeoplesCommittee)),
        _rule("body.peoples_committee", rf"(?<![\-/]){_PC}{_LOCALITY}?", _pc(Label.PeoplesCommittee)),
        _rule("body.peoples_council", rf"(?:(?P<deputy>pho\s+)?(?P<head>chu\s+tich)\s+)?(?:thuong\s+truc\s+)?(?:hoi\s+dong\s+nhan\s+dan|hdnd){_LOCALITY}?", _pc(Label.PeoplesCouncil)),
        # party bodies
        _rule(
            "body.party_standing_committee",
            r"ban\s+thuong\s+vu(?:\s+(?P<which>dang\s+uy|tinh\s+uy|thanh\s+uy|huyen\s+uy|quan\s+uy))?(?:\s+(?P<lw>xa|phuong|thi\s+tran)(?![\w]))?",
            lambda m, s: Key(Kind.BODY, label=Label.PartyCommittee.value, name="Ban Thường vụ " + {"tinh uy": "Tỉnh ủy", "thanh uy": "Thành ủy"}.get(_squash(_group(m, "which") or ""), "Đảng ủy")),
        ),
        _rule("body.party_executive", r"ban\s+chap\s+hanh(?:\s+dang\s+bo(?:\s+(?:xa|phuong|tinh))?)?", _fixed(Label.PartyCommittee, "Ban Chấp hành Đảng bộ")),
        _rule("body.party_standing_office", r"thuong\s+truc\s+(?:dang\s+uy|tinh\s+uy|thanh\s+uy)(?:\s+(?P<lw>xa|phuong|thi\s+tran)(?![\w]))?", lambda m, s: Key(Kind.BODY, label=Label.PartyCommittee.value, name="Thường trực " + ("Tỉnh ủy" if "tinh" in deaccent(m.group(0)).lower() else "Thành ủy" if "thanh" in deaccent(m.group(0)).lower() else "Đảng ủy"))),
        _rule("body.politburo", r"bo\s+chinh\s+tri", _fixed(Label.PartyCommittee, "Bộ Chính trị")),
        _rule("post.general_secretary", r"tong\s+bi\s+thu", lambda m, s: Key(Kind.HEAD, role=Role.Head.value, body=Key(Kind.BODY, label=Label.PartyCommittee.value, name="Ban Chấp hành Trung ương"))),
        _rule("body.party_secretariat", r"ban\s+bi\s+thu", _fixed(Label.PartyCommittee, "Ban Bí thư")),
        _rule("body.provincial_party", r"(?:tinh|thanh)\s+uy(?!\s+ban)", lambda m, s: Key(Kind.BODY, label=Label.PartyCommittee.value, name="Tỉnh ủy" if deaccent(m.group(0)).lower().startswith("tinh") else "Thành ủy")),
        _rule(
            "post.party_secretary",
            r"(?P<deputy>pho\s+)?bi\s+thu(?:\s+thuong\s+truc)?(?:\s+(?P<which>dang\s+uy|tinh\s+uy|thanh\s+uy))?(?!\s+chi\s+bo)",
            _party_head,
        ),
        _rule(
            "body.party_department",
            r"(?:(?:cac\s+)?(?P<deputy>pho\s+)?(?P<head>truong\s+))?ban\s+(?P<name>tuyen\s+giao(?:\s+va\s+dan\s+van)?|to\s+chuc|dan\s+van|kiem\s+tra|noi\s+chinh)"
            r"(?:\s+(?P<of>tinh\s+uy|thanh\s+uy|dang\s+uy|huyen\s+uy|trung\s+uong))?",
            _agency(_party_department),
        ),
        _rule(
            "body.party_committee_of",
            r"dang\s+uy\s+(?P<name>uy\s+ban\s+nhan\s+dan|ubnd|cac\s+co\s+quan\s+dang|co\s+quan\s+dang|khoi\s+cac\s+co\s+quan)(?:\s+(?P<lw>tinh|thanh\s+pho|xa|phuong))?",
            _party_committee_of,
        ),
        _rule(
            "body.party_building",
            r"(?:(?P<deputy>pho\s+)?(?P<head>truong\s+))?ban\s+xay\s+dung\s+dang(?:\s+dang\s+uy(?:\s+(?P<lw>xa|phuong))?)?",
            _agency(lambda m, s: "Ban xây dựng Đảng"),
        ),
        _rule("body.party_subcommittees", r"(?:cac\s+)?cap\s+uy(?:\s+dang)?\s+truc\s+thuoc(?:\s+dang\s+uy)?", _fixed(Label.PartyCommittee, "các cấp ủy đảng trực thuộc Đảng ủy")),
        _rule("body.party_committee", r"dang\s+uy(?:\s+(?P<lw>xa|phuong))?", _fixed(Label.PartyCommittee, "Đảng ủy")),
        # agencies and their heads
        _rule("body.police", rf"{_HEAD}?cong\s+an{_LOCALITY}", _agency(lambda m, s: "Công an")),
        _rule("body.office", rf"{_HEAD}?van\s+phong\s+(?P<name>hdnd\s+va\s+ubnd|hoi\s+dong\s+nhan\s+dan\s+va\s+uy\s+ban\s+nhan\s+dan|ubnd|uy\s+ban\s+nhan\s+dan|dang\s+uy|tinh\s+uy|thanh\s+uy|chinh\s+phu){_LOCALITY}?", _agency(_office)),
        _rule("body.department", rf"{_HEAD}?(?P<kw>phong|so)\s+(?P<name>{dept}){_LOCALITY}?", _agency(_department)),
        _rule("body.centre", rf"{_HEAD}?trung\s+tam\s+(?P<name>{_CENTRE_NAME}|{_GENERIC_AGENCY_NAME}){_LOCALITY}?", _agency(_centre)),
        _rule("body.project_board", rf"{_HEAD}?ban\s+quan\s+ly\s+du\s+an(?P<name>\s*-\s*dau\s+tu\s+xay\s+dung)?{_LOCALITY}?", _agency(_project_board)),
        _rule(
            "body.mass_org",
            rf"(?:(?P<deputy>pho\s+)?(?P<head>chu\s+tich)\s+)?(?:uy\s+ban\s+)?(?:mat\s+tran\s+to\s+quoc(?:\s+viet\s+nam)?|mttq(?:\s+viet\s+nam)?){_LOCALITY}?",
            _mass_fixed("Ủy ban Mặt trận Tổ quốc Việt Nam"),
        ),
        _rule(
            "body.ministry",
            rf"bo\s+(?!chinh\s+tri\b|truong\b)(?P<name>{_MINISTRY_NAMES}|{_GENERIC_AGENCY_NAME})",
            lambda m, s: Key(Kind.BODY, label=Label.Agency.value, name="Bộ " + _MINISTRY_CANON.get(_squash(m.group("name")), re.sub(r"\s+", " ", s[m.start("name") : m.end("name")])), level_word="national"),
        ),
        _rule(
            "body.mass_org_other",
            rf"(?:(?P<deputy>pho\s+)?(?P<head>chu\s+tich|bi\s+thu)\s+)?(?P<name>lien\s+hiep\s+cac\s+hoi\s+khoa\s+hoc\s+va\s+ky\s+thuat|hoi\s+lien\s+hiep\s+phu\s+nu|hoi\s+nong\s+dan|hoi\s+cuu\s+chien\s+binh|doan\s+thanh\s+nien(?:\s+cong\s+san\s+ho\s+chi\s+minh)?|lien\s+doan\s+lao\s+dong){_LOCALITY}?",
            _mass,
        ),
        _rule("post.community_head", r"(?:ong\s*\(ba\)\s*)?to\s+truong\s+to\s+dan\s+pho", lambda m, s: Key(Kind.HEAD, role=Role.Head.value, body=Key(Kind.BODY, label=Label.CommunityGroup.value, name="tổ dân phố"))),
        _rule("body.community", r"(?:cac\s+)?to\s+dan\s+pho", _fixed(Label.CommunityGroup, "tổ dân phố")),
        # a ministry's or a department's own units and posts ("Vụ trưởng Vụ Tổ chức cán bộ",
        # "Cục Chuyển đổi số", "Chánh Văn phòng Bộ", "Thứ trưởng Bộ …", "Giám đốc Sở")
        _rule(
            "post.minister",
            rf"(?:cac\s+)?(?:(?P<deputy>thu)|bo)\s+truong(?:\s+bo\s+(?P<name>{_MINISTRY_NAMES}|{_GENERIC_AGENCY_NAME}))?",
            _minister,
        ),
        _rule(
            "body.ministry_unit",
            # capitals tell the unit from the word: "Vụ Tổ chức" is a unit, "nhiệm vụ Công an …" is not
            rf"(?:(?P<deputy>pho\s+)?(?P<head>vu\s+truong|cuc\s+truong|chanh)\s+)?"
            rf"(?:(?P<kw>(?-i:Vu|Cuc))\s+(?P<name>{_GENERIC_AGENCY_NAME})|(?P<kw2>(?-i:Van\s+phong|Thanh\s+tra))\s+(?P<name2>(?-i:Bo|So)))(?![\w])",
            _ministry_unit,
        ),
        _rule("body.own_office", r"(?P<deputy>pho\s+)?(?P<head>giam\s+doc)\s+(?P<kw>(?-i:So|Bo))(?![\w])(?!\s+(?-i:[A-Z]))", _own_office),
        # the posts of a team or group the charter sets up ("Trưởng đoàn", "Phó Trưởng đoàn", "Tổ phó")
        _rule("post.team_vice", r"pho\s+truong\s+doan", _post(Role.ViceChair, Within.GROUP_HERE)),
        _rule("post.team_leader", r"(?<!pho )truong\s+doan(?!\s+(?:thanh\s+nien|the|luat))", _post(Role.GroupLeader, Within.GROUP_HERE)),
        _rule("post.group_vice", r"to\s+pho(?![\w])", _post(Role.ViceChair, Within.GROUP_HERE)),
        _rule("post.prime_minister", r"(?P<deputy>(?:cac\s+)?pho\s+)?thu\s+tuong(?:\s+chinh\s+phu)?", _prime_minister),
        _rule("body.government", r"chinh\s+phu", _fixed(Label.Agency, "Chính phủ")),
    )


@lru_cache(maxsize=1)
def mention_rules() -> tuple[MentionRule, ...]:
    """The lexicon table (built once: the department names come from the glossary)."""
    return _rules()


# a locality word as written: with its marks ("tình" is not "tỉnh"), or a common one typed without
_ACCENTLESS_LEVEL_WORDS = ("phường", "xã", "quận", "huyện", "tỉnh", "thành phố")
_LEVEL_WORDS_MARKED = re.compile(rf"(?i:{kind_pattern(marked=True)}|tp\.?|{kind_pattern(kinds=_ACCENTLESS_LEVEL_WORDS)})")


_WORD = re.compile(r"[A-Za-z0-9&]+")


_INDEX_CACHE: dict[tuple[int, ...], tuple] = {}
# leftmost, then longest, then the rule listed first
_BY_START_LENGTH_PRIORITY = operator.itemgetter(0, 1, 2)


def _anchor_index_for(extra: tuple[MentionRule, ...]) -> tuple:
    if not extra:
        return _lexicon_index()
    # keyed by identity: hashing the rule tuples on every call would cost more than the scan
    key = tuple(id(r) for r in extra)
    hit = _INDEX_CACHE.get(key)
    if hit is None or (hit[0] is not extra and hit[0] != extra):
        if len(_INDEX_CACHE) > 256:
            _INDEX_CACHE.clear()
        hit = _INDEX_CACHE[key] = (extra, _with_extra(_lexicon_index(), extra))
    return hit[1]


@lru_cache(maxsize=1)
def _lexicon_index() -> tuple:
    return _anchor_index(mention_rules())


# a rule whose match may open with an optional "các" ("(?:cac\s+)?…", "(?:(?:cac\s+)?…", "(?:cac\s+|0\d\s+)?…")
_OPTIONAL_CAC = re.compile(r"^\(\?:(?:\(\?:)?cac\\s\+(?:\|0\\d\\s\+)?\)\?")


def _anchor_index(rules: tuple[MentionRule, ...]) -> tuple:
    """(anchor word → (priority, rule, its bound ``match``), unanchored rules, a scanner for the anchor
    words, rules with an optional "các")."""
    index: dict[str, list[tuple[int, MentionRule, Callable[..., re.Match[str] | None]]]] = {}
    unanchored: list[tuple[int, MentionRule]] = []
    for prio, rule in enumerate(rules):
        if not rule.anchors:
            unanchored.append((prio, rule))
        for word in rule.anchors:
            index.setdefault(word, []).append((prio, rule, rule.pattern.match))
    optional_cac = frozenset(id(rule) for rule in rules if _OPTIONAL_CAC.match(rule.pattern.pattern))
    return {k: tuple(v) for k, v in index.items()}, tuple(unanchored), _anchor_scanner(frozenset(index)), optional_cac


def _with_extra(lexicon: tuple, extra: tuple[MentionRule, ...]) -> tuple:
    """The lexicon's index with ``extra`` rules before it (lower priorities), as :func:`_anchor_index`
    of ``(*extra, *lexicon)`` gives it, without building the lexicon's part again for every charter."""
    index, unanchored, _scanner, optional_cac = lexicon
    merged = dict(index)
    added: dict[str, list[tuple[int, MentionRule, Callable[..., re.Match[str] | None]]]] = {}
    first: list[tuple[int, MentionRule]] = []
    for prio, rule in enumerate(extra, start=-len(extra)):
        if not rule.anchors:
            first.append((prio, rule))
        for word in rule.anchors:
            added.setdefault(word, []).append((prio, rule, rule.pattern.match))
    for word, entries in added.items():
        merged[word] = (*entries, *index.get(word, ()))
    optional_cac = optional_cac | {id(rule) for rule in extra if _OPTIONAL_CAC.match(rule.pattern.pattern)}
    return merged, (*first, *unanchored), _anchor_scanner(frozenset(merged)), optional_cac


@lru_cache(maxsize=512)
def _anchor_scanner(anchors: frozenset[str]) -> re.Pattern[str] | None:
    # One C-level scan finds the words that open an anchor, instead of a Python loop over every
    # word of the text; only words _WORD can produce are listed, so the same positions come out.
    # Cached by the set of words: the charters' group names add the same few ("to", "nhom").
    words = [w for w in anchors if w != "0#" and w == w.lower() and _WORD.fullmatch(w)]
    alts = ([_trie_pattern(words)] if words else []) + (["0[0-9]"] if "0#" in anchors else [])
    return re.compile(rf"(?<![A-Za-z0-9&])(?:{'|'.join(alts)})(?![A-Za-z0-9&])", re.IGNORECASE | re.ASCII) if alts else None


def _trie_pattern(words: list[str]) -> str:
    """The alternation of ``words`` as a trie, longest first at each branch: the same matches as
    ``longest|…|shortest``, but the engine reads each letter of a word's start once instead of
    trying ~40 words in turn at every word of the text.

    >>> _trie_pattern(["to", "tong", "tinh", "ban"])
    '(?:ban|t(?:inh|o(?:ng)?))'
    >>> re.findall(rf"\\b{_trie_pattern(['to', 'tong'])}\\b", "tong to ton")
    ['tong', 'to']
    """
    trie: dict[str, dict] = {}
    for word in words:
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def branch(node: dict) -> str:
        alts = [re.escape(ch) + branch(node[ch]) for ch in sorted(k for k in node if k)]
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        # a word that ends here is tried after its longer continuations (greedy "?")
        return f"(?:{body})?" if "" in node else body

    top = branch(trie)
    return top if top.startswith("(?:") and top.endswith(")") and "|" in top else f"(?:{top})"


# a title, a legal basis, a signature line: the short texts scanned on their own, which recur
_SHORT_TEXT = 2000


def find_mentions(
    text: str, offset: int = 0, extra: tuple[MentionRule, ...] = (), plain: str | None = None
) -> list[Mention]:
    """All non-overlapping mentions in ``text``, leftmost-longest, with spans shifted by ``offset``.

    ``extra`` rules (e.g. the names of this charter's working groups) run before the lexicon,
    so that a defined name wins over its generic head word. ``plain`` is ``deaccent(text)``
    when the caller has it already.

    The mentions of a short text read by the lexicon alone are remembered (they depend on the
    text only): the same titles and citations come back charter after charter.

    >>> [m.start for m in find_mentions("Ban Chỉ đạo", 100)], [m.start for m in find_mentions("Ban Chỉ đạo")]
    ([100], [0])
    """
    if not extra and plain is None and len(text) <= _SHORT_TEXT:
        found = _short_text_mentions(text)
        if not offset:
            return list(found)
        return [Mention(m.start + offset, m.end + offset, m.text, m.key, m.rule, m.plural) for m in found]
    return _find_mentions(text, offset, extra, plain)


@lru_cache(maxsize=16384)
def _short_text_mentions(text: str) -> tuple[Mention, ...]:
    return tuple(_find_mentions(text))


def _find_mentions(
    text: str, offset: int = 0, extra: tuple[MentionRule, ...] = (), plain: str | None = None
) -> list[Mention]:
    if plain is None:
        plain = deaccent(text)
    index, unanchored, scanner, optional_cac = _anchor_index_for(extra)
    if unanchored or scanner is None:
        return _every_match_then_accept(text, plain, offset, index, unanchored, scanner, optional_cac)
    # Every rule is anchored: the anchor words come out in order and a mention is taken at the first
    # start that has one, so the rules need not run at an anchor inside a mention already taken
    # (the same mentions as sorting every match by start, length and rule, and far fewer matches).
    out: list[Mention] = []
    last_end = -1
    for wm in scanner.finditer(plain):
        at = wm.start()
        if at < last_end:
            continue
        matches = _matches_at(plain, wm, index, optional_cac)
        if not matches:
            continue
        if len(matches) > 1:
            matches.sort(key=_BY_LENGTH_PRIORITY)
        for _neg, _prio, rule, m in matches:
            mention = _accept(text, plain, at, rule, m, offset)
            if mention is not None:
                out.append(mention)
                last_end = mention.end - offset
                break
    return out


# longest, then the rule listed first (all at one start)
_BY_LENGTH_PRIORITY = operator.itemgetter(0, 1)


def _matches_at(plain: str, wm: re.Match[str], index: dict, optional_cac: frozenset[int]) -> list[tuple]:
    """(minus length, priority, rule, match) of every rule anchored on the word ``wm`` that matches there."""
    word = wm.group(0).lower()
    candidates = index.get(word)
    if candidates is None and len(word) == 2 and word[0] == "0" and word[1].isdigit():
        candidates = index.get("0#")
    if word == "cac" and candidates:
        # "các" is only ever an optional first word: a rule can match "các X …" only if it
        # also matches "X …", i.e. only if X is one of its anchors (20 rules, ~70 "các" a charter)
        nxt = _WORD.search(plain, wm.end())
        nk = nxt.group(0).lower() if nxt else ""
        if nk not in index and len(nk) == 2 and nk[0] == "0" and nk[1].isdigit():
            nk = "0#"
        candidates = [c for c in candidates if id(c[1]) not in optional_cac or nk in c[1].anchors]
    at = wm.start()
    out: list[tuple] = []
    for prio, rule, match in candidates or ():
        m = match(plain, at)
        if m and m.end() > at:
            out.append((at - m.end(), prio, rule, m))
    return out


def _every_match_then_accept(text, plain, offset, index, unanchored, scanner, optional_cac) -> list[Mention]:
    # with unanchored rules: every match of every rule, then leftmost-longest
    found: list[tuple[int, int, int, MentionRule, re.Match]] = []
    for wm in scanner.finditer(plain) if scanner is not None else ():
        at = wm.start()
        found += [(at, *match) for match in _matches_at(plain, wm, index, optional_cac)]
    for prio, rule in unanchored:
        for m in rule.pattern.finditer(plain):
            if m.end() > m.start():
                found.append((m.start(), -(m.end() - m.start()), prio, rule, m))
    found.sort(key=_BY_START_LENGTH_PRIORITY)
    out: list[Mention] = []
    last_end = -1
    for start, _neg, _prio, rule, m in found:
        if start < last_end:
            continue
        mention = _accept(text, plain, start, rule, m, offset)
        if mention is not None:
            out.append(mention)
            last_end = mention.end - offset
    return out


def _accept(text: str, plain: str, start: int, rule: MentionRule, m: re.Match[str], offset: int) -> Mention | None:
    """The mention ``rule``'s match ``m`` at ``start`` makes, or None when it does not stand on its own."""
    # only start at a word boundary, never inside a document number ("1780/QĐ-UBND")
    prev = plain[start - 1] if start > 0 else " "
    if prev.isalnum() or prev in "/&" or (prev == "-" and start > 1 and plain[start - 2].isalpha()):
        return None
    end = m.end()
    if end < len(plain) and plain[end - 1].isalnum() and plain[end].isalnum():
        return None
    if "lw" in m.re.groupindex and m.group("lw") and not _LEVEL_WORDS_MARKED.fullmatch(text[m.start("lw") : m.end("lw")]):
        # "Ban chỉ đạo tình hình": marks tell "tình" from "tỉnh"; match again without the locality
        m = rule.pattern.match(plain, start, m.start("lw"))
        if m is None or m.end() <= start:
            return None
        end = len(plain[start : m.end()].rstrip()) + start
        m = rule.pattern.match(plain, start, end)
        if m is None:
            return None
        end = m.end()
    key = rule.build(m, text)  # type: ignore[operator]
    if key is None:
        return None
    return Mention(start + offset, end + offset, text[start:end], key, rule.id, _plural(m))
