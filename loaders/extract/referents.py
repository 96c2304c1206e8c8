"""What a mention names in this charter: the committee, its organs and posts, groups, outside bodies.

:func:`resolve` turns a mention's :class:`~govkg.loaders.mentions.Key` into node ids,
creating the node on first use. It is shared by every rule family. Resolving an organ,
a subgroup or a group leader's post also records that it is part of (or leads) its body:
those rules are declared here, beside the code that writes them, and listed in the
bodies and groups families.

Examples
--------
>>> from govkg.loaders.parse import parse_file
>>> from govkg.loaders.extract.charter import Charter
>>> from govkg.loaders.extract.locality import locate
>>> from govkg.loaders.mentions import find_mentions
>>> ch = Charter(parse_file("data/charters/000_5614ed0167487373.txt"))
>>> locate(ch)
>>> ch.committee_id = committee_id_for(ch.locality)
>>> m = find_mentions("Tổ Giúp việc Ban Chỉ đạo")[0]
>>> [ch.facts.nodes[i].props["name"] for i in resolve(ch, m, next(ch.doc.provisions()), ())]
['Tổ Giúp việc Ban Chỉ đạo phường Hải Dương']
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from govkg.loaders.extract.charter import Charter, Sentence, name_case
from govkg.loaders.mentions import Key, Kind, Mention, Within
from govkg.loaders.model import Provision
from govkg.loaders.rules import Rule
from govkg.ontology.facts import Node, make_id
from govkg.ontology.vocab import Label, Level, Prop, Rel, Role, Status
from govkg.vn import gazetteer
from govkg.vn.text import deaccent, loose_key
from govkg.vn.words import KIND_OF_FOLDED, level_of_word

__all__ = [
    "LEADER_POST",
    "NATIONAL_COMMITTEE_ID",
    "NATIONAL_PARTY_COMMITTEE_ID",
    "ORGAN_PART_OF",
    "SUBGROUP_PART_OF",
    "committee_id_for",
    "context_groups",
    "ids",
    "is_own_committee",
    "national",
    "other_committee",
    "outside_body",
    "recent_group",
    "resolve",
    "unit_for",
]

ORGAN_PART_OF = Rule(
    "structure.organ_part_of",
    "bodies",
    (Rel.PART_OF,),
    "An organ of the committee (standing board, support group, advisory council, a generic working group) is part of it, from its first mention.",
    "Tổ Giúp việc Ban Chỉ đạo có nhiệm vụ tham mưu cho Ban Chỉ đạo.",
)
SUBGROUP_PART_OF = Rule(
    "structure.subgroup_part_of",
    "groups",
    (Rel.PART_OF,),
    "Groups the support group's leader may set up (\"Tổ trưởng Tổ giúp việc được thành lập các Nhóm công tác\") are part of the support group.",
    "Tổ trưởng Tổ giúp việc được thành lập các Nhóm công tác để thực hiện nhiệm vụ.",
)
LEADER_POST = Rule(
    "groups.leader_post",
    "groups",
    (Rel.LEADS,),
    "The leader's post of a group (\"Tổ trưởng Tổ Giúp việc\", \"Tổ trưởng Tổ Công tác …\") leads that group.",
    "Tổ trưởng Tổ Giúp việc báo cáo Trưởng Ban Chỉ đạo.",
)

NATIONAL_COMMITTEE_ID = "committee:national"

NATIONAL_PARTY_COMMITTEE_ID = "committee:national-party"


def committee_id_for(unit: gazetteer.AdminUnit | None, name: str = "") -> str:
    """One steering committee per administrative unit (the 2025 reform merged the programme committees)."""
    if unit is None:
        return make_id("committee", name)
    return f"committee:{unit.key}"


def is_own_committee(ch: Charter, key: Key) -> bool:
    """Whether a committee mention names the charter's own committee."""
    if key.kind == Kind.COMMITTEE:
        return True
    lw, ln = key.level_word, key.locality
    if lw == "national":
        return False
    if ln and ch.locality and loose_key(ln) == loose_key(ch.locality.bare_name):
        return True
    if ln is None and lw and ch.locality:
        level = level_of_word(lw)
        if level == "city":
            return ch.locality.level == Level.province
        return level == ch.locality.level.value
    return False


def resolve(ch: Charter, m: Mention, p: Provision, subject: tuple[str, ...]) -> list[str]:
    key = m.key
    kind = key.kind
    if kind == Kind.COMMITTEE:
        return [ch.committee_id]
    if kind == Kind.OTHER_COMMITTEE:
        return other_committee(ch, key.level_word, key.locality, m)
    if kind == Kind.STANDING_AGENCY:
        return [a for a, _ in ch.standing_agencies]
    if kind == Kind.STANDING_BOARD:
        bid = ch.body(Label.StandingBoard, "Thường trực Ban Chỉ đạo", locality=ch.locality, status=Status.defined)
        part_of_once(ch, bid, p, m)
        return [bid]
    if kind == Kind.SUPPORT_GROUP:
        sid = ch.body(Label.SupportGroup, "Tổ Giúp việc Ban Chỉ đạo", locality=ch.locality, status=Status.referenced, alias=m.text)
        part_of_once(ch, sid, p, m)
        return [sid]
    if kind == Kind.ADVISORY_COUNCIL:
        cid = ch.body(Label.AdvisoryCouncil, "Hội đồng Tư vấn", locality=ch.locality, status=Status.referenced, alias=m.text)
        part_of_once(ch, cid, p, m)
        return [cid]
    if kind == Kind.NAMED_GROUP:
        lw = re.sub(r"\s+", " ", key.level_word.lower()) if key.level_word else None
        if lw and not is_own_committee(ch, Key(Kind.OTHER_COMMITTEE, level_word=deaccent(lw))):
            # the same group of the level above ("… gắn với Đề án 06 thành phố")
            unit = unit_for(ch, deaccent(lw), None)
            return [ch.body(Label.WorkingGroup, re.sub(r"\s+", " ", m.text), locality=unit, status=Status.referenced)]
        return [key.group]
    if kind == Kind.WORKING_GROUP:
        return _generic_groups(ch, m, p, subject)
    if kind == Kind.WORKING_GROUP_AT:
        level = level_of_word(key.level_word)
        unit = ch.province if level in ("city", "province") else ch.district
        wid = ch.body(Label.WorkingGroup, re.sub(r"\s+", " ", key.name), locality=unit, status=Status.referenced)
        return [wid]
    if kind == Kind.POST:
        role = Role(key.role)
        within = key.within
        at = mention_at(p, m)
        if within == Within.BARE:
            # "thành viên" alone: members of the group the article is about, else of the committee
            groups = [x for x in subject if {Label.SupportGroup.value, Label.WorkingGroup.value, Label.InspectionTeam.value} & set(ch.facts.nodes[x].labels)]
            return [ch.post(g, role, at=at) for g in groups] or [ch.post(ch.committee_id, role, at=at)]
        if within == Within.COMMITTEE:
            return [ch.post(ch.committee_id, role, at=at)]
        if within == Within.SUPPORT_GROUP:
            sg = resolve(ch, Mention(m.start, m.end, m.text, Key(Kind.SUPPORT_GROUP), m.rule), p, subject)[0]
            leader = ch.post(sg, role, at=at)
            if role == Role.GroupLeader:
                ch.edge(LEADER_POST, leader, sg, p, m.start, m.end, 0.9)
            return [leader]
        if within == Within.GROUPS:
            groups = _generic_groups(ch, Mention(m.start, m.end, m.text, Key(Kind.WORKING_GROUP), m.rule, True), p, subject)
            groups += resolve(ch, Mention(m.start, m.end, "", Key(Kind.SUPPORT_GROUP), m.rule), p, subject)
        elif within == Within.GROUP_HERE:
            groups = context_groups(ch, p, subject) or recent_group(ch, Sentence("", m.start, m.end, p, subject))
            if not groups and len(ch.defined_groups) == 1:
                groups = [ch.defined_groups[0][0]]  # a charter about one group: its "Tổ trưởng", "Tổ phó"
        else:
            groups = _named_after(ch, m) or _generic_groups(ch, m, p, subject)
        out = []
        for g in groups:
            leader = ch.post(g, role, at=at)
            if role == Role.GroupLeader:
                ch.edge(LEADER_POST, leader, g, p, m.start, m.end, 0.9)
            out.append(leader)
        return out
    if kind == Kind.HEAD:
        role = Role(key.role)
        bodies = resolve(ch, Mention(m.start, m.end, "", key.body, m.rule), p, subject)
        title = _title_case(m.text)
        return [ch.post(b, role, title if role in (Role.Head, Role.DeputyHead) else None, at=mention_at(p, m)) for b in bodies]
    if kind == Kind.BODY:
        return [outside_body(ch, key, m)]
    return []


def mention_at(p: Provision, m: Mention) -> tuple | None:
    if m.end <= m.start:
        return None
    return (p, m.start, m.end, p.ref)


def _title_case(text: str) -> str:
    text = re.sub(r"^(?:các|Các)\s+", "", re.sub(r"\s+", " ", text)).strip()
    return text[0].upper() + text[1:].lower() if text.isupper() else text[0].upper() + text[1:]


def part_of_once(ch: Charter, node_id: str, p: Provision, m: Mention) -> None:
    if not any(e.type == Rel.PART_OF and e.source == node_id for e in ch.facts.edges):
        ch.edge(ORGAN_PART_OF, node_id, ch.committee_id, p, m.start, m.end, 0.9)


def _named_after(ch: Charter, m: Mention) -> list[str]:
    """'Tổ trưởng Tổ công tác Đề án 06': the group the leader mention goes on to name."""
    at = re.search(r"(?i)(?:to|nhom)\s+cong\s+tac", ch.plain[m.start : m.end])
    if not at:
        return []
    pos = m.start + at.start()
    return [gid for gid, pattern in ch.groups if pattern.match(ch.plain, pos)][:1]


def recent_group(ch: Charter, s: Sentence) -> list[str]:
    """The group named last before this sentence in its provision ("… thành lập Tổ giúp việc chung. Tổ trưởng là …")."""
    ms = [m for m in ch.mentions(s.provision.start, s.start) if m.key.kind in (Kind.SUPPORT_GROUP, Kind.NAMED_GROUP, Kind.WORKING_GROUP)]
    return resolve(ch, ms[-1], s.provision, ()) if ms else []


def context_groups(ch: Charter, p: Provision, subject: tuple[str, ...]) -> list[str]:
    kinds = {Label.WorkingGroup.value, Label.SupportGroup.value, Label.InspectionTeam.value}
    groups = [s for s in subject if kinds & set(ch.facts.nodes[s].labels)]
    return groups


def _working_groups(ch: Charter) -> list[str]:
    """Ids of the WorkingGroup nodes so far, rescanned only when nodes were added.

    Called per generic "Tổ Công tác" mention: a full node scan each time made a long
    charter quadratic (ids encode the kind, so a node never gains the label later).
    """
    count = len(ch.facts.nodes)
    if ch.wg_cache[0] != count:
        ch.wg_cache = (count, [n.id for n in ch.facts.nodes_with(Label.WorkingGroup)])
    return ch.wg_cache[1]


def _generic_groups(ch: Charter, m: Mention, p: Provision, subject: tuple[str, ...]) -> list[str]:
    here = [s for s in subject if Label.WorkingGroup.value in ch.facts.nodes[s].labels]
    if here and not m.plural:
        return here
    if ch.groups:
        return [g for g, _ in ch.groups]
    low = deaccent(m.text).lower()
    if "giup viec" in low:  # "Tổ công tác giúp việc Ban Chỉ đạo" is the support group by another name
        return resolve(ch, Mention(m.start, m.end, m.text, Key(Kind.SUPPORT_GROUP), m.rule), p, subject)
    existing = [i for i in _working_groups(ch) if ch.facts.nodes[i].props.get(Prop.status.value) == Status.referenced.value and ch.facts.nodes[i].props.get(Prop.localityCode.value) == (ch.locality.key if ch.locality else None)]
    if existing:
        return existing
    name = "Tổ công tác liên ngành" if "lien nganh" in low else "Nhóm công tác" if "nhom" in low else "Tổ Công tác"
    wid = ch.body(Label.WorkingGroup, name, locality=ch.locality, status=Status.referenced)
    before = ch.plain[max(p.start, m.start - 200) : m.start].lower()
    if "to giup viec" in before[-160:] and "thanh lap" in before[-60:]:
        # "Tổ trưởng Tổ giúp việc được thành lập các Nhóm công tác": groups of the support group
        sg = resolve(ch, Mention(m.start, m.end, "", Key(Kind.SUPPORT_GROUP), m.rule), p, subject)
        if sg and not any(e.type == Rel.PART_OF and e.source == wid for e in ch.facts.edges):
            ch.edge(SUBGROUP_PART_OF, wid, sg[0], p, m.start, m.end, 0.85)
    part_of_once(ch, wid, p, m)
    return [wid]


def unit_for(ch: Charter, lw: str | None, ln: str | None) -> gazetteer.AdminUnit | None:
    """The unit a locality word (and optional name) refers to, seen from this charter."""
    level = level_of_word(lw)
    if ln:
        kind = KIND_OF_FOLDED.get(lw or "", "") if lw else ""
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


def other_committee(ch: Charter, lw: str | None, ln: str | None, m: Mention) -> list[str]:
    if is_own_committee(ch, Key(Kind.OTHER_COMMITTEE, level_word=lw, locality=ln)):
        return [ch.committee_id]
    if lw == "national":
        return [national(ch, party="trung uong" in deaccent(m.text).lower())]
    unit = unit_for(ch, lw, ln)
    if unit is None:
        return []
    if ch.locality and unit.key == ch.locality.key:
        return [ch.committee_id]
    cid = committee_id_for(unit)
    props = {
        Prop.name.value: f"Ban Chỉ đạo {ch.place(unit)}",
        Prop.nameEn.value: f"Steering Committee of {unit.name}",
        Prop.status.value: Status.referenced.value,
        Prop.level.value: unit.level.value,
        Prop.locality.value: unit.name,
        Prop.localityCode.value: unit.key,
    }
    ch.facts.add_node(Node(cid, (Label.Body.value, Label.SteeringCommittee.value), props))
    ch.add_alias(cid, m.text)
    return [cid]


def _party_led(ch: Charter) -> bool:
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


def national(ch: Charter, party: bool | None = None) -> str:
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


def outside_body(ch: Charter, key: Key, m: Mention) -> str:
    """The node of a body outside the committee (an agency, a people's committee, a party body …)."""
    kind = Label(key.label)
    if kind in (Label.PeoplesCommittee, Label.PeoplesCouncil):
        lw, ln = key.level_word, key.locality
        unit = unit_for(ch, lw, ln) if (lw or ln) else ch.locality
        base = "Ủy ban nhân dân" if kind == Label.PeoplesCommittee else "Hội đồng nhân dân"
        name = f"{base} {ch.place(unit)}" if unit else base
        return ch.body(kind, name, locality=unit, status=Status.referenced, alias=m.text)
    name, lw, ln = key.name, key.level_word, key.locality
    if name in ("Bộ", "Sở"):  # "Bộ trưởng", "Giám đốc Sở" alone: the ministry or department that issues the charter
        name = issuing_office(ch, name) or name
    if name == "party":  # a bare "Bí thư": the party committee of the charter's own level
        name = "Tỉnh ủy" if ch.locality is not None and ch.locality.level == Level.province else "Đảng ủy"
    if name == "Ban Chấp hành Đảng bộ":
        # the executive committee of a local Party organisation is its cấp ủy: "Ban Chấp hành Đảng bộ
        # xã X" is "Đảng ủy xã X", one body (seed 004 split its edges over two nodes)
        province_level = ch.locality is not None and ch.locality.level == Level.province
        name = ("Thành ủy" if ch.place(ch.locality).startswith("thành phố") else "Tỉnh ủy") if province_level else "Đảng ủy"
    if name in ("Chính phủ", "Bộ Chính trị", "Ban Bí thư") or name.startswith("Bộ ") or lw == "national":
        unit = None
    elif name in ("Tỉnh ủy", "Thành ủy", "Văn phòng Tỉnh ủy", "Văn phòng Thành ủy") or name.startswith("Sở ") or name.endswith(" Tỉnh ủy"):
        unit = ch.province
    elif lw or ln:
        unit = unit_for(ch, lw, ln)
    else:
        unit = ch.locality
    return ch.body(kind, name, locality=unit, status=Status.referenced, alias=m.text)


_ISSUER_POST = re.compile(r"^(?:KT\.\s*)?(?:BO TRUONG|THU TRUONG|GIAM DOC|PHO GIAM DOC)\s+")


def issuing_office(ch: Charter, word: str) -> str | None:
    """The ministry ("Bộ …") or department ("Sở …") that issues the charter: an issuing-body line,
    or the issuer line after its post ("BỘ TRƯỞNG BỘ NÔNG NGHIỆP VÀ MÔI TRƯỜNG")."""
    header = ch.doc.main.header
    lines = [ln for body in header.issuing_bodies for ln in body.split("\n")]
    if header.issuer_line:
        lines.append(header.issuer_line[_ISSUER_POST.match(deaccent(header.issuer_line)).end() :] if _ISSUER_POST.match(deaccent(header.issuer_line)) else "")
    prefix = deaccent(word).lower() + " "
    for line in lines:
        text = " ".join(line.split())
        if deaccent(text).lower().startswith(prefix) and len(text) > len(prefix) + 2:
            return name_case(text)
    return None


def ids(ch: Charter, mentions: Iterable[Mention], s: Sentence) -> list[str]:
    out: list[str] = []
    for m in mentions:
        out += resolve(ch, m, s.provision, s.subject)
    return list(dict.fromkeys(out))
