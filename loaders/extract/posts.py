"""Posts and who holds them: named members, composition lists, ex-officio holding.

"Chủ tịch UBND phường - Trưởng Ban Chỉ đạo", "1. Trưởng Ban Chỉ đạo: Chủ tịch …",
"Ông Nguyễn Văn Bình - Chủ tịch UBND huyện - Trưởng ban": a committee post is held ex officio
by the holder of an outside post (``HELD_EX_OFFICIO_BY``), or by a person named in the text
(``HOLDS``). The signer's rules are written where the signature is read
(:mod:`govkg.loaders.extract.documents`), the post-in rule where a post is first met
(:mod:`govkg.loaders.extract.charter`); all are listed here.

Examples
--------
>>> [r.id for r in RULES][:3]
['structure.post_in', 'people.named_member', 'people.named_member_title']
"""

from __future__ import annotations

import itertools
import re

from govkg.loaders.extract.charter import (
    POST_IN,
    Charter,
    Sentence,
    is_title,
    list_from,
    post_body,
    prepare,
)
from govkg.loaders.extract.referents import ids, resolve
from govkg.loaders.mentions import Key, Kind, Mention, Within, find_mentions
from govkg.loaders.model import Provision
from govkg.loaders.rules import Rule
from govkg.ontology.vocab import Label, Prop, Rel, Role

__all__ = ["RULES", "ex_officio", "is_committee_post", "named_member", "seats"]

FAMILY = "posts"
NAMED_MEMBER = Rule(
    "people.named_member", FAMILY, (Rel.HOLDS,),
    "A clause that opens with a named person (\"1. Đồng chí …, <title>:\") makes them a member of the committee.",
    "1. Đồng chí Trịnh Xuân Hoàn, Trưởng Công an phường:",
)
NAMED_MEMBER_TITLE = Rule(
    "people.named_member_title", FAMILY, (Rel.HOLDS,),
    "The title after a named member's name is a post they hold.",
    "1. Đồng chí Trịnh Xuân Hoàn, Trưởng Công an phường:",
)
NAMED_COMPOSITION = Rule(
    "people.named_composition", FAMILY, (Rel.HOLDS,),
    "A composition line that names a person (\"Ông … - <office> - <committee post>\") gives them the posts it lists.",
    "1. Ông Nguyễn Văn Bình - Chủ tịch UBND phường - Trưởng ban;",
)
APPOSED_PERSON = Rule(
    "people.apposition", FAMILY, (Rel.HOLDS,),
    "An office, a person's name and a committee post in apposition (\"<office> <name> - <committee post>\", as notices "
    "write who chaired) give the person both posts.",
    "Phó Thủ tướng Chính phủ Trần Văn Nam - Trưởng Ban Chỉ đạo chủ trì phiên họp.",
)
SIGNER_HOLDS = Rule(
    "people.signer_holds", FAMILY, (Rel.HOLDS,),
    "The signer holds the posts their title lines name (\"TM. ỦY BAN NHÂN DÂN / CHỦ TỊCH\").",
    "TM. ỦY BAN NHÂN DÂN CHỦ TỊCH Cao Huy Hiếu",
)
EX_OFFICIO_APPOSITION = Rule(
    "ex_officio.apposition", FAMILY, (Rel.HELD_EX_OFFICIO_BY,),
    "A committee post set beside an outside post (\"-\", \"kiêm\", \"là\") is held by that post's holder.",
    "Trưởng Công an phường - Phó Trưởng ban.",
)
EX_OFFICIO_COMPOSITION = Rule(
    "ex_officio.composition", FAMILY, (Rel.HELD_EX_OFFICIO_BY,),
    "A composition line \"<committee post>: <outside posts>\" makes the outside posts hold the committee post.",
    "1. Trưởng Ban Chỉ đạo: Chủ tịch Ủy ban nhân dân phường.",
)
EX_OFFICIO_COMPOSITION_BULLET = Rule(
    "ex_officio.composition_bullet", FAMILY, (Rel.HELD_EX_OFFICIO_BY,),
    "An outside post listed alone under a committee post's heading holds that committee post.",
    "2. Phó Trưởng Ban Chỉ đạo: - Trưởng Công an phường.",
)
EX_OFFICIO_STAFF = Rule(
    "ex_officio.staff", FAMILY, (Rel.HELD_EX_OFFICIO_BY,),
    "A staff line under a committee post (\"Thư ký: - Công chức phòng …\") makes a staff post of that agency hold it.",
    "Thư ký: - Cán bộ phụ trách triển khai thực hiện Đề án 06-Công an phường Hải An.",
)
EX_OFFICIO_SIGNATURE = Rule(
    "ex_officio.signature", FAMILY, (Rel.HELD_EX_OFFICIO_BY,),
    "A signer whose title lines name a committee post and an outside post: the outside post holds the committee post.",
    "TRƯỞNG BAN CHỦ TỊCH UBND TỈNH PHẠM HOÀNG SƠN",
)
RULES = (
    POST_IN,
    NAMED_MEMBER,
    NAMED_MEMBER_TITLE,
    NAMED_COMPOSITION,
    APPOSED_PERSON,
    SIGNER_HOLDS,
    EX_OFFICIO_APPOSITION,
    EX_OFFICIO_COMPOSITION,
    EX_OFFICIO_COMPOSITION_BULLET,
    EX_OFFICIO_STAFF,
    EX_OFFICIO_SIGNATURE,
)

_APPOSITION = re.compile(r"^\s*(?:-|–|kiem|,?\s*dong\s+thoi\s+la)\s*$", re.IGNORECASE)

_IS = re.compile(r"^\s*(?:la|do)\s*$", re.IGNORECASE)

_COLON = re.compile(r"^\s*:\s*$")


def named_member(ch: Charter, person_id: str, p: Provision, start: int, end: int) -> None:
    line = ch.src.text[start:end]
    ch.edge(NAMED_MEMBER, person_id, ch.post(ch.committee_id, Role.Member), p, start, end, 0.9)
    for m in find_mentions(line, start, ch.group_rules):
        if m.key.kind == Kind.HEAD:
            for post in resolve(ch, m, p, ()):
                ch.edge(NAMED_MEMBER_TITLE, person_id, post, p, start, end, 0.85)


_NAMED_LINE = re.compile(
    r"^[\s\-–+]*(?:\d+[.)\-]\s*)?(?:ong|ba|dong\s+chi|d/c)\s+(?P<name>(?-i:[A-Z][a-z]+(?:\s+[A-Z][a-z]+){1,4}))\s*[-–,]",
    re.IGNORECASE,
)


def _named_composition(ch: Charter, s: Sentence, plain: str) -> bool:
    """'1. Ông Nguyễn Văn Bình - Chủ tịch UBND huyện - Trưởng ban;': the person holds both posts.

    A person appointed by name holds the committee post; their office only identifies them,
    so no HELD_EX_OFFICIO_BY is asserted.
    """
    m = _NAMED_LINE.match(plain)
    if not m or is_title(s.text[m.start("name") : m.end("name")]):
        return False
    posts = [x for x in s.mentions if x.start - s.start >= m.end("name") and x.key.kind in (Kind.POST, Kind.HEAD)]
    if not posts:
        return False
    person = ch.person(s.text[m.start("name") : m.end("name")])
    post_ids = ids(ch, posts, s)
    if not any(x.key.kind == Kind.POST for x in posts):
        # "4. Các ủy viên: - Đồng chí Nông Văn Hải, Phó Chủ tịch UBND xã.": the seat is the heading's
        post_ids += [x for x in s.subject if Label.Post.value in ch.facts.nodes[x].labels and post_body(ch, x) == ch.committee_id]
    for post in dict.fromkeys(post_ids):
        ch.edge(NAMED_COMPOSITION, person, post, s.provision, s.start, s.end, 0.9)
    return True


# between an office and a committee post: a person's name, then a dash
_NAME_THEN_DASH = re.compile(r"^\s+(?P<name>(?-i:[A-Z][a-z]+(?:\s+[A-Z][a-z]+){1,3}))\s*[-–]\s*$")


def _apposed_persons(ch: Charter, s: Sentence, plain: str) -> None:
    """'Bộ trưởng Bộ Khoa học và Công nghệ Hoàng Minh Đức - Phó Trưởng Ban Chỉ đạo': the named person
    holds the office and the committee post; the text names the person, so nothing is ex officio."""
    ms = s.mentions
    for a, b in itertools.pairwise(ms):
        if a.key.kind != Kind.HEAD or not is_committee_post(b.key):
            continue
        m = _NAME_THEN_DASH.match(plain[a.end - s.start : b.start - s.start])
        if m is None:
            continue
        name_start = a.end - s.start + m.start("name")
        name = s.text[name_start : a.end - s.start + m.end("name")]
        if is_title(name):
            continue
        person = ch.person(name)
        for post in ids(ch, [a, b], s):
            ch.edge(APPOSED_PERSON, person, post, s.provision, a.start, b.end, 0.85)


def ex_officio(ch: Charter, s: Sentence) -> None:
    """'Chủ tịch UBND phường - Trưởng Ban Chỉ đạo', 'BÍ THƯ kiêm TRƯỞNG BAN', 'Trưởng Ban Chỉ đạo: Chủ tịch …',
    'các Phó Trưởng Ban … là Chủ tịch …, Phó Chủ tịch …'."""
    plain = prepare(ch, s)
    _staff_member(ch, s, plain)
    if _named_composition(ch, s, plain):
        return
    _apposed_persons(ch, s, plain)
    ms = s.mentions
    for i in range(len(ms) - 1):
        a, b = ms[i], ms[i + 1]
        gap = plain[a.end - s.start : b.start - s.start]
        if is_committee_post(a.key) and b.key.kind == Kind.HEAD and (_APPOSITION.match(gap) or _IS.match(gap)):
            committee_post, holders = a, list_from(ms, i + 1, s.text, s.start)
        elif a.key.kind == Kind.HEAD and is_committee_post(b.key) and _APPOSITION.match(gap):
            committee_post, holders = b, [a]
        else:
            continue
        for cp in resolve(ch, committee_post, s.provision, s.subject):
            for h in ids(ch, [x for x in holders if x.key.kind == Kind.HEAD], s):
                ch.edge(EX_OFFICIO_APPOSITION, cp, h, s.provision, s.start, s.end, 0.9)
    # composition lists: "1. Trưởng Ban Chỉ đạo: Chủ tịch Ủy ban nhân dân phường." / heading + bullets
    if ms and is_committee_post(ms[0].key):
        gap_to_next = plain[ms[0].end - s.start : (ms[1].start - s.start) if len(ms) > 1 else len(plain)]
        if len(ms) > 1 and _COLON.match(gap_to_next.replace("dong chi", "").replace("Dong chi", "")):
            holders = [x for x in list_from(ms, 1, s.text, s.start) if x.key.kind == Kind.HEAD]
            for cp in resolve(ch, ms[0], s.provision, s.subject):
                for h in ids(ch, holders, s):
                    ch.edge(EX_OFFICIO_COMPOSITION, cp, h, s.provision, s.start, s.end, 0.95)
    if ms and ms[0].key.kind == Kind.HEAD and _HONORIFIC.fullmatch(plain[: ms[0].start - s.start]) and _is_list_item(plain, s, ms):
        parent_posts = [x for x in s.subject if Label.Post.value in ch.facts.nodes[x].labels]
        composition = [x for x in parent_posts if ch.facts.nodes[x].props.get(Prop.role.value) in {r.value for r in (Role.Chair, Role.StandingViceChair, Role.ViceChair, Role.Member, Role.Secretary, Role.StandingMember)}]
        holders = [x for x in list_from(ms, 0, s.text, s.start) if x.key.kind == Kind.HEAD]
        for cp in composition:
            for h in ids(ch, holders, s):
                ch.edge(EX_OFFICIO_COMPOSITION_BULLET, cp, h, s.provision, s.start, s.end, 0.9)


_HONORIFIC = re.compile(r"[\s\-–+]*(?:\d+(?:\.\d+)*[.\-)]\s*)?(?:(?:dong\s+chi|d/c|ong|ba)\s+)?", re.IGNORECASE)

_STAFF = re.compile(r"^\s*(?:[-–+]\s*)?(?:can\s+bo|cong\s+chuc|chuyen\s+vien|vien\s+chuc)\b", re.IGNORECASE)


def is_committee_post(key: Key) -> bool:
    """A post of the committee, or of the group or team in context ("Tổ trưởng: …", "Trưởng đoàn")."""
    return key.kind == Kind.POST and key.within in (Within.COMMITTEE, Within.BARE, Within.GROUP_HERE)


def _staff_member(ch: Charter, s: Sentence, plain: str) -> None:
    """'Thư ký: - Công chức phòng Văn hóa - Xã hội phụ trách …': a staff post of that agency, held ex officio."""
    if not _STAFF.match(plain):
        return
    committee_posts = [x for x in s.subject if Label.Post.value in ch.facts.nodes[x].labels and post_body(ch, x) == ch.committee_id]
    agencies = [m for m in s.mentions if m.key.kind == Kind.BODY and m.key.label == Label.Agency.value]
    if not committee_posts or not agencies:
        return
    title = s.text.strip(" .;-–")
    for body in resolve(ch, agencies[0], s.provision, ()):
        staff = ch.post(body, Role.Member, title, at=(s.provision, s.start, s.end, s.provision.ref))
        for cp in committee_posts:
            ch.edge(EX_OFFICIO_STAFF, cp, staff, s.provision, s.start, s.end, 0.85)


def _is_list_item(plain: str, s: Sentence, ms: list[Mention]) -> bool:
    """A composition-list entry: a post and nothing but a remark ("Phó Chủ tịch UBND phường - Phụ trách …")."""
    items = list_from(ms, 0, s.text, s.start)
    rest = plain[items[-1].end - s.start :]
    return bool(re.match(r"^\s*(?:[.;,]?\s*$|\s-\s|\s*–|\s*\(|phu\s+trach\b)", rest, re.IGNORECASE))


# the roles of a committee's composition: one person sits in one of them
_SEAT_ROLES = frozenset(r.value for r in (Role.Chair, Role.StandingViceChair, Role.ViceChair, Role.StandingMember, Role.Member, Role.Secretary))


def seats(ch: Charter) -> None:
    """Seats, not titles (issue 15 §5): one post per person the composition seats.

    A committee post the composition gives several holder offices ("3. Phó Trưởng Ban Chỉ đạo:
    - Phó Chủ tịch UBND phường. - Trưởng Công an phường. …") is as many seats: each is a post of
    the same role in the same body, keyed by its holder office (id ``post(role post, "seat", holder)``),
    and the ``HELD_EX_OFFICIO_BY`` edge goes from it, its ``POST_IN`` quoting the list item. The
    role's own post stays: it is the title the duties articles speak of ("Phó Trưởng Ban Chỉ đạo
    giúp Trưởng Ban …").

    A role several named people hold is a seat per person, keyed by the person, the ``HOLDS`` edge on it.

    An outside office that holds seats of different roles in one body ("Phó Trưởng Ban Thường trực:
    Phó Chủ tịch UBND phường"; "Phó Trưởng Ban Chỉ đạo: - Phó Chủ tịch UBND phường") is as many
    people: the first role keeps the office's post, each other gets a seat of that office.
    """
    posts_in = {e.source: e.target for e in ch.facts.edges if e.type == Rel.POST_IN}
    nodes = ch.facts.nodes
    held = [e for e in ch.facts.edges if e.type == Rel.HELD_EX_OFFICIO_BY and e.source in nodes and e.target in nodes]
    moved: dict[int, tuple[str, str]] = {}  # id(edge) → (new source, new target)
    by_post: dict[str, list] = {}
    for e in held:
        if nodes[e.source].props.get(Prop.role.value) in _SEAT_ROLES:
            by_post.setdefault(e.source, []).append(e)
    for post_id, edges in by_post.items():
        holders = list(dict.fromkeys(e.target for e in edges))
        if len(holders) < 2 or post_id not in posts_in:
            continue
        for holder in holders:
            title, body_name = nodes[post_id].props.get(Prop.title.value, ""), nodes[posts_in[post_id]].props.get(Prop.name.value, "")
            name = f"{title} – {nodes[holder].props.get(Prop.name.value, '')} ({body_name})"
            seat = _seat(ch, post_id, holder, posts_in[post_id], name, next(e for e in edges if e.target == holder))
            for e in edges:
                if e.target == holder:
                    moved[id(e)] = (seat, holder)
    # named members: a role several people hold ("3. Ông A - …; 4. Bà B - …, Thành viên") is a seat each
    holds_by_post: dict[str, list] = {}
    for e in ch.facts.edges:
        if e.type == Rel.HOLDS and e.target in nodes and nodes[e.target].props.get(Prop.role.value) in _SEAT_ROLES:
            holds_by_post.setdefault(e.target, []).append(e)
    held_moves: dict[int, str] = {}
    for post_id, edges in holds_by_post.items():
        people = list(dict.fromkeys(e.source for e in edges))
        if len(people) < 2 or post_id not in posts_in:
            continue
        title, body_name = nodes[post_id].props.get(Prop.title.value, ""), nodes[posts_in[post_id]].props.get(Prop.name.value, "")
        for person in people:
            name = f"{title} – {nodes[person].props.get(Prop.name.value, '')} ({body_name})"
            seat = _seat(ch, post_id, person, posts_in[post_id], name, next(e for e in edges if e.source == person))
            for e in edges:
                if e.source == person:
                    held_moves[id(e)] = seat
    for e in [e for e in ch.facts.edges if id(e) in held_moves]:
        ch.facts.edges.remove(e)
        ch.facts._index = {}
        ch.facts.add_edge(type(e)(e.type, e.source, held_moves[id(e)], {k: v for k, v in e.props.items() if k != "id"}))
    # the holder side: one office seated in two roles of one body is two people
    posts_in = {e.source: e.target for e in ch.facts.edges if e.type == Rel.POST_IN}
    into: dict[str, dict[tuple[str, str], list]] = {}
    for e in held:
        source, target = moved.get(id(e), (e.source, e.target))
        role = nodes[source].props.get(Prop.role.value)
        if role in _SEAT_ROLES and source in posts_in:
            into.setdefault(target, {}).setdefault((posts_in[source], role), []).append(e)
    for holder, by_role in into.items():
        if len(by_role) < 2 or holder not in posts_in:
            continue
        for (_, role), edges in list(by_role.items())[1:]:
            title = ch.facts.nodes[moved.get(id(edges[0]), (edges[0].source,))[0]].props.get(Prop.title.value, role)
            seat = _seat(ch, holder, role, posts_in[holder], f"{nodes[holder].props.get(Prop.name.value, '')} ({title})", edges[0])
            for e in edges:
                moved[id(e)] = (moved.get(id(e), (e.source,))[0], seat)
    if not moved:
        return
    for e in held:
        if id(e) in moved:
            source, target = moved[id(e)]
            ch.facts.edges.remove(e)
            ch.facts._index = {}
            props = {k: v for k, v in e.props.items() if k != "id"}
            ch.facts.add_edge(type(e)(e.type, source, target, props))


def _seat(ch: Charter, post_id: str, key: str, body_id: str, name: str, held) -> str:
    """The seat of ``post_id`` keyed by ``key``: a post like it, in its body, first met where ``held`` is stated."""
    from govkg.ontology.facts import Node, make_id

    seat_id = make_id("post", post_id, "seat", key)
    if seat_id not in ch.facts.nodes:
        props = {k: v for k, v in ch.facts.nodes[post_id].props.items() if k not in (Prop.aliases.value,)}
        props[Prop.name.value] = name
        ch.facts.add_node(Node(seat_id, tuple(ch.facts.nodes[post_id].labels), props))
        p = held.props
        ch.edge(POST_IN, seat_id, body_id, None, p[Prop.start.value], p[Prop.end.value], 1.0, ref=p[Prop.provision.value])
    return seat_id
