"""Side by side: how two steering committees are built, as their charters say.

:func:`profile` gathers one committee's structure from the store — its level and
locality, governing charters, posts and who holds them ex officio, working groups (and
support groups, standing boards, councils) with their leaders, standing agency, meeting
and reporting cadences, delegation rules and legal bases. :func:`compare` lines two
profiles up in a table of :class:`Row` values (section, aspect, A, B, same?):

- posts are matched by role, and "same" means the same ex-officio holder once the
  localities are left out ("Chủ tịch UBND phường" and "Chủ tịch Ủy ban nhân dân xã" are
  the same post of a commune);
- working groups are matched by topic: names folded (accents, case, "Tổ Công tác về",
  localities dropped) and compared by token-set similarity (see :func:`topic_similarity`);
- legal bases are split into shared and only-in-one.

``against_parent=True`` compares a committee with the committee of the level above, when
that one is loaded (its ``SUBORDINATE_TO`` target with ``status`` defined).
:func:`structure_table` puts any number of committees in one table (a column each), for
pandas.

Examples
--------
>>> topic_similarity("Tổ Công tác về Phát triển Đô thị thông minh phường Hải An",
...                  "Tổ công tác phát triển đô thị thông minh")
1.0
>>> round(topic_similarity("Tổ Công tác về triển khai Đề án 06", "Tổ Công tác cải cách hành chính"), 2)
0.0
>>> generic_name("Chủ tịch UBND phường (Ủy ban nhân dân phường Hải An)")
'chu tich uy ban nhan dan'
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass, field
from typing import Any

from govkg.errors import Ambiguous, NotFound
from govkg.graph import named_queries
from govkg.graph.named_queries import load_query
from govkg.graph.store import LABELS_KEY, GraphStore, fold_name
from govkg.ontology.vocab import Label, Prop, Role, Status
from govkg.vn.gazetteer import find_localities
from govkg.vn.words import ABBREVIATIONS, kind_pattern

__all__ = [
    "GROUP_MATCH_THRESHOLD",
    "CommitteeProfile",
    "Comparison",
    "GroupMatch",
    "Row",
    "compare",
    "generic_name",
    "match_groups",
    "parent_committee",
    "profile",
    "structure_table",
    "topic_similarity",
]

GROUP_MATCH_THRESHOLD = 0.5
_ALL = 10**9
_GROUP_KINDS = (Label.WorkingGroup, Label.SupportGroup, Label.StandingBoard, Label.AdvisoryCouncil)
_ROLE_ORDER = {r.value: i for i, r in enumerate(Role)}
# words every group name has, and the locality words: they say nothing about the topic
_GROUP_WORDS = frozenset("to cong tac nhom ve cua va cac gan voi giup viec ban chi dao bcd".split())
_LEVEL_WORDS = re.compile(rf"\b(?:{kind_pattern(sep=' ')}|tp)\b")
_SPELT_OUT = ("ubnd", "hdnd", "mttq", "bcd")  # the abbreviations that name bodies


# --------------------------------------------------------------------------- names
def _strip_localities(text: str) -> str:
    for start, end, _, _ in sorted(find_localities(text), reverse=True):
        text = text[:start] + text[end:]
    return text


def generic_name(name: str | None) -> str:
    """A name folded, without localities, parentheses or level words: what two levels share.

    >>> generic_name("Công an thành phố Bắc Ninh") == generic_name("Công an phường Hải Dương")
    True
    """
    text = re.sub(r"\([^)]*\)", " ", name or "")
    folded = fold_name(_strip_localities(text))
    for short in _SPELT_OUT:
        folded = re.sub(rf"\b{short}\b", ABBREVIATIONS[short], folded)
    folded = _LEVEL_WORDS.sub(" ", folded)
    return re.sub(r"[^a-z0-9]+", " ", folded).strip()


def _topic_tokens(name: str) -> set[str]:
    return {w for w in generic_name(name).split() if w not in _GROUP_WORDS}


def topic_similarity(a: str, b: str) -> float:
    """How alike two group names are in topic: the mean of Jaccard and containment of their token sets.

    Tokens are folded syllables without the words every group name has ("Tổ Công tác về")
    and without localities; 1.0 is the same topic, 0.0 nothing in common.
    """
    ta, tb = _topic_tokens(a), _topic_tokens(b)
    if not ta or not tb:
        # "Tổ Giúp việc" and "Tổ Giúp việc Ban Chỉ đạo": no topic words at all, the same generic group
        return 1.0 if not ta and not tb else 0.0
    shared = len(ta & tb)
    return round((shared / len(ta | tb) + shared / min(len(ta), len(tb))) / 2, 4)


# --------------------------------------------------------------------------- values
@dataclass(slots=True)
class CommitteeProfile:
    """One committee's structure, as plain values (each list item a dict)."""

    id: str
    name: str
    level: str | None = None
    locality: str | None = None
    status: str | None = None
    meeting_cadence: str | None = None
    charters: list[dict[str, Any]] = field(default_factory=list)
    posts: list[dict[str, Any]] = field(default_factory=list)
    groups: list[dict[str, Any]] = field(default_factory=list)
    standing_agencies: list[dict[str, Any]] = field(default_factory=list)
    reporting: list[dict[str, Any]] = field(default_factory=list)
    delegations: list[dict[str, Any]] = field(default_factory=list)
    legal_bases: list[dict[str, Any]] = field(default_factory=list)

    @property
    def label(self) -> str:
        """A short column label: the locality, else the name."""
        return self.locality or self.name

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True, slots=True)
class Row:
    """One line of the table: ``same`` is None when only one side has the aspect."""

    section: str
    aspect: str
    a: str
    b: str
    same: bool | None

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True, slots=True)
class GroupMatch:
    """A group of A paired with one of B (or with nothing), and how alike their topics are."""

    a: dict[str, Any] | None
    b: dict[str, Any] | None
    similarity: float


@dataclass(slots=True)
class Comparison:
    """Two profiles, the table lining them up, the group pairing and the legal bases split."""

    a: CommitteeProfile
    b: CommitteeProfile
    rows: list[Row]
    groups: list[GroupMatch]
    shared_bases: list[dict[str, Any]]
    only_a_bases: list[dict[str, Any]]
    only_b_bases: list[dict[str, Any]]

    def records(self) -> list[dict[str, Any]]:
        """The rows as dicts with the committees' labels as column names (for ``pandas.DataFrame``)."""
        la, lb = self.a.label, self.b.label
        if la == lb:
            la, lb = f"A: {la}", f"B: {lb}"
        return [{"section": r.section, "aspect": r.aspect, la: r.a, lb: r.b, "same": r.same} for r in self.rows]

    def as_dict(self) -> dict[str, Any]:
        return {
            "a": self.a.as_dict(),
            "b": self.b.as_dict(),
            "rows": [r.as_dict() for r in self.rows],
            "groups": [asdict(g) for g in self.groups],
            "legalBases": {"shared": self.shared_bases, "onlyA": self.only_a_bases, "onlyB": self.only_b_bases},
        }


# --------------------------------------------------------------------------- reading
def _q(store: GraphStore, cypher: str, **params: Any) -> list[dict[str, Any]]:
    return list(store.query(cypher, params, limit=_ALL))


# named files an auditor can read: graph/queries/compare_*.cypher
_NODE = load_query("compare_body")
_CHARTERS = load_query("compare_charters")
_GROUPS = load_query("compare_groups")
_AGENCIES = load_query("compare_standing_agencies")
_BASES = load_query("compare_legal_bases")
_PARENT = load_query("compare_parent")


def _holder_label(h: Mapping[str, Any]) -> str:
    return str(h.get(Prop.name) or h.get(Prop.id))


def _cadence(r: Mapping[str, Any]) -> str:
    bits = []
    if r.get(Prop.cadence):
        bits.append(str(r[Prop.cadence]))
    if r.get(Prop.dayOfMonth):
        bits.append(f"day {r[Prop.dayOfMonth]}")
    if r.get(Prop.months):
        bits.append("months " + ",".join(str(m) for m in r[Prop.months]))
    if r.get(Prop.adHoc):
        bits.append("ad hoc")
    return " ".join(bits) or "unspecified"


def _short(node: Mapping[str, Any] | None) -> str:
    if not node:
        return ""
    return re.sub(r"\s*\([^)]*\)\s*$", "", str(node.get(Prop.name) or node.get(Prop.id)))


def profile(store: GraphStore, committee: str, in_: str | None = None) -> CommitteeProfile:
    """The structure of one committee (id or name, see :func:`~govkg.graph.named_queries.resolve_entity`).

    Raises
    ------
    NotFound, Ambiguous
        From the name resolution.
    """
    try:
        cid = str(named_queries.resolve_entity(store, committee, in_)[Prop.id])
    except Ambiguous as err:
        # only committees compare: a lone committee among the matches is the one meant
        committees = [c for c in err.candidates if Label.SteeringCommittee in c.get(LABELS_KEY, [])]
        if len(committees) != 1:
            raise Ambiguous(
                f"{len(committees or err.candidates)} {'committees' if committees else 'matches'} match; give an id",
                subject=committee,
                candidates=committees or err.candidates,
            ) from None
        cid = str(committees[0][Prop.id])
    # the whole node: the resolver's summary leaves out meetingCadence
    node = next(iter(_q(store, _NODE, id=cid)), {}).get("n") or {Prop.id.value: cid}
    p = CommitteeProfile(
        cid,
        str(node.get(Prop.name) or cid),
        node.get(Prop.level),
        node.get(Prop.locality),
        node.get(Prop.status),
        node.get(Prop.meetingCadence),
    )
    p.charters = _q(store, _CHARTERS, id=cid)
    for m in named_queries.members(store, cid):
        p.posts.append({
            "id": m["post"][Prop.id],
            "role": m["post"].get(Prop.role),
            "name": _short(m["post"]),
            "exOfficio": [_holder_label(h) for h in m["exOfficio"]],
            "persons": [_holder_label(x) for x in m["persons"]],
            "provision": m.get(Prop.provision),
        })
    groups: dict[str, dict[str, Any]] = {}
    for r in _q(store, _GROUPS, id=cid):
        g = groups.setdefault(r["id"], {
            "id": r["id"], "name": r["name"], "kind": next((k.value for k in _GROUP_KINDS if k in (r["labels"] or [])), "Body"),
            "status": r["status"], "meetingCadence": r["meetingCadence"], "leader": None, "leaderHeldBy": [], "leaderPersons": [],
            "provision": r["provision"],
        })
        if r["leader"]:
            g["leader"] = re.sub(r"\s*\([^)]*\)\s*$", "", r["leader"])
        for key, value in (("leaderHeldBy", r["holder"]), ("leaderPersons", r["person"])):
            if value and value not in g[key]:
                g[key].append(value)
    p.groups = list(groups.values())
    seen_agencies: dict[str, dict[str, Any]] = {}
    for r in _q(store, _AGENCIES, id=cid):
        seen_agencies.setdefault(r["id"], r)
    p.standing_agencies = list(seen_agencies.values())
    for r in named_queries.reporting(store, cid):
        p.reporting.append({
            "reporter": _short(r["reporter"]),
            "recipient": _short(r["recipient"]),
            "via": _short(r["via"]) or None,
            "cadence": r.get(Prop.cadence),
            "dayOfMonth": r.get(Prop.dayOfMonth),
            "months": r.get(Prop.months),
            "adHoc": r.get(Prop.adHoc),
            "schedule": _cadence(r),
            "provision": r.get(Prop.provision),
        })
    for r in named_queries.delegations(store, cid):
        p.delegations.append({
            "type": r["type"],
            "source": _short(r["source"]),
            "target": _short(r["target"]),
            "scope": r.get(Prop.scope),
            "condition": r.get(Prop.condition),
            "provision": r.get(Prop.provision),
        })
    p.legal_bases = _q(store, _BASES, id=cid)
    return p


def parent_committee(store: GraphStore, committee: str) -> str:
    """The id of the loaded committee of the level above (its defined ``SUBORDINATE_TO`` target).

    Raises
    ------
    NotFound
        The committee answers to no committee, or the one above is only referenced (its
        charter is not loaded).
    """
    node = named_queries.resolve_entity(store, committee)
    rows = _q(store, _PARENT, id=node[Prop.id])
    defined = [r for r in rows if r["status"] == Status.defined]
    if defined:
        return str(defined[0]["id"])
    if rows:
        names = ", ".join(f"“{r['name']}”" for r in rows)
        raise NotFound(f"the committee above ({names}) is not loaded: load its charter to compare", subject=str(node[Prop.id]))
    raise NotFound("this committee answers to no other committee (no SUBORDINATE_TO)", subject=str(node[Prop.id]))


# --------------------------------------------------------------------------- lining up
def match_groups(a: Sequence[Mapping[str, Any]], b: Sequence[Mapping[str, Any]], threshold: float = GROUP_MATCH_THRESHOLD) -> list[GroupMatch]:
    """Pair groups of the same kind by topic, best pairs first; the rest stand alone.

    >>> m = match_groups([{"name": "Tổ Công tác về chuyển đổi số", "kind": "WorkingGroup"}],
    ...                  [{"name": "Tổ công tác chuyển đổi số xã", "kind": "WorkingGroup"},
    ...                   {"name": "Tổ Giúp việc", "kind": "SupportGroup"}])
    >>> [(x.a and x.a["name"], x.b and x.b["name"], x.similarity) for x in m]
    [('Tổ Công tác về chuyển đổi số', 'Tổ công tác chuyển đổi số xã', 1.0), (None, 'Tổ Giúp việc', 0.0)]
    """
    scores = sorted(
        (
            (topic_similarity(x["name"], y["name"]) if x.get("kind") == y.get("kind") else 0.0, i, j)
            for i, x in enumerate(a)
            for j, y in enumerate(b)
        ),
        key=lambda t: (-t[0], t[1], t[2]),
    )
    used_a: set[int] = set()
    used_b: set[int] = set()
    out: list[GroupMatch] = []
    for score, i, j in scores:
        if score < threshold:
            break
        if i in used_a or j in used_b:
            continue
        used_a.add(i)
        used_b.add(j)
        out.append(GroupMatch(dict(a[i]), dict(b[j]), score))
    out.sort(key=lambda m: sorted(i for i, x in enumerate(a) if x == m.a))
    out += [GroupMatch(dict(x), None, 0.0) for i, x in enumerate(a) if i not in used_a]
    out += [GroupMatch(None, dict(y), 0.0) for j, y in enumerate(b) if j not in used_b]
    return out


def _post_cell(post: Mapping[str, Any] | None) -> str:
    if not post:
        return "—"
    bits = [post["name"]]
    if post["exOfficio"]:
        bits.append("ex officio: " + "; ".join(post["exOfficio"]))
    if post["persons"]:
        bits.append("held by: " + "; ".join(post["persons"]))
    return " — ".join(bits)


def _group_cell(g: Mapping[str, Any] | None) -> str:
    if not g:
        return "—"
    bits = [g["name"]]
    if g.get("leader"):
        held = "; ".join(g.get("leaderHeldBy") or g.get("leaderPersons") or [])
        bits.append(f"led by {g['leader']}" + (f" ({held})" if held else ""))
    if g.get("meetingCadence"):
        bits.append(f"meets {g['meetingCadence']}")
    return " — ".join(bits)


def _same_text(a: str | None, b: str | None) -> bool | None:
    if not a or not b or a == "—" or b == "—":
        return None if (not a or a == "—") != (not b or b == "—") else (a == b if a and b else None)
    return a == b


def _line(x: Mapping[str, Any]) -> tuple[str, str]:
    return generic_name(x["reporter"]), generic_name(x["recipient"])


def _display(name: str | None) -> str:
    """A name without its locality, for row labels ("Tổ Công tác về Phát triển Đô thị thông minh")."""
    text = re.sub(r"\s+", " ", _strip_localities(re.sub(r"\([^)]*\)", " ", name or ""))).strip(" ,;-")
    return text or (name or "")


def _base_key(d: Mapping[str, Any]) -> str:
    from govkg.loaders.resolve import document_key

    return document_key(d["number"]) if d.get("number") else fold_name(d.get("name"))


def _rows(a: CommitteeProfile, b: CommitteeProfile, groups: list[GroupMatch]) -> list[Row]:
    rows = [
        Row("committee", "name", a.name, b.name, None if not (a.name and b.name) else generic_name(a.name) == generic_name(b.name)),
        Row("committee", "level", a.level or "—", b.level or "—", a.level == b.level if a.level and b.level else None),
        Row("committee", "locality", a.locality or "—", b.locality or "—", a.locality == b.locality if a.locality and b.locality else None),
        Row(
            "committee", "charter",
            "; ".join(f"{c.get('number') or '(draft)'} {c.get('status') or ''}".strip() for c in a.charters) or "—",
            "; ".join(f"{c.get('number') or '(draft)'} {c.get('status') or ''}".strip() for c in b.charters) or "—",
            None,
        ),
    ]
    # posts, by role
    by_role_a = {p["role"]: p for p in a.posts}
    by_role_b = {p["role"]: p for p in b.posts}
    for role in sorted(set(by_role_a) | set(by_role_b), key=lambda r: _ROLE_ORDER.get(r, 99)):
        pa, pb = by_role_a.get(role), by_role_b.get(role)
        same = None
        if pa and pb:
            same = {generic_name(h) for h in pa["exOfficio"]} == {generic_name(h) for h in pb["exOfficio"]}
        rows.append(Row("posts", str(role), _post_cell(pa), _post_cell(pb), same))
    # groups, by topic
    for m in groups:
        x = m.a or m.b or {}
        aspect = f"{x.get('kind', 'group')}: {_display(x.get('name'))}"
        same = None
        if m.a and m.b:
            same = (generic_name(m.a.get("leader")) == generic_name(m.b.get("leader"))) and (
                {generic_name(h) for h in m.a.get("leaderHeldBy") or []} == {generic_name(h) for h in m.b.get("leaderHeldBy") or []}
            )
        rows.append(Row("groups", aspect, _group_cell(m.a), _group_cell(m.b), same))
    count = lambda p: sum(1 for g in p.groups if g["kind"] == Label.WorkingGroup)  # noqa: E731
    rows.append(Row("groups", "working groups (count)", str(count(a)), str(count(b)), count(a) == count(b)))
    # standing agency
    sa = "; ".join(x["name"] for x in a.standing_agencies) or "—"
    sb = "; ".join(x["name"] for x in b.standing_agencies) or "—"
    same_sa = (
        {generic_name(x["name"]) for x in a.standing_agencies} == {generic_name(x["name"]) for x in b.standing_agencies}
        if a.standing_agencies and b.standing_agencies
        else None
    )
    rows.append(Row("standing agency", "Cơ quan thường trực", sa, sb, same_sa))
    # cadences
    rows.append(Row("cadence", "meetings of the committee", a.meeting_cadence or "—", b.meeting_cadence or "—", _same_text(a.meeting_cadence, b.meeting_cadence)))
    rep_a: dict[tuple[str, str], list[dict]] = {}
    rep_b: dict[tuple[str, str], list[dict]] = {}
    for src, dst in ((a.reporting, rep_a), (b.reporting, rep_b)):
        for r in src:
            dst.setdefault(_line(r), []).append(r)

    def schedules(rs: Iterable[Mapping[str, Any]] | None) -> str:
        if not rs:
            return "—"
        first = next(iter(rs))
        vias = sorted({r["via"] for r in rs if r.get("via")})
        text = f"{first['reporter']} → {first['recipient']}: " + "; ".join(sorted({r["schedule"] for r in rs}))
        return text + (f" (via {', '.join(vias)})" if vias else "")

    for key in sorted(set(rep_a) | set(rep_b)):
        ra, rb = rep_a.get(key), rep_b.get(key)
        same = None
        if ra and rb:
            same = {r["schedule"] for r in ra} == {r["schedule"] for r in rb}
        first = (ra or rb or [{}])[0]
        rows.append(Row("reporting", f"{_display(first.get('reporter'))} → {_display(first.get('recipient'))}", schedules(ra), schedules(rb), same))
    cad_a = sorted({r["cadence"] for r in a.reporting if r.get("cadence")})
    cad_b = sorted({r["cadence"] for r in b.reporting if r.get("cadence")})
    rows.append(Row("cadence", "reporting cadences", ", ".join(cad_a) or "—", ", ".join(cad_b) or "—", cad_a == cad_b if cad_a or cad_b else None))
    # delegations
    del_a = {(d["type"], generic_name(d["source"]), generic_name(d["target"])): d for d in a.delegations}
    del_b = {(d["type"], generic_name(d["source"]), generic_name(d["target"])): d for d in b.delegations}

    def deleg(d: Mapping[str, Any] | None) -> str:
        if not d:
            return "—"
        return f"{d['source']} → {d['target']}: scope {d.get('scope') or '—'}; when {d.get('condition') or '—'}"

    for key in sorted(set(del_a) | set(del_b)):
        da, db = del_a.get(key), del_b.get(key)
        same = (bool(da.get("scope")) == bool(db.get("scope")) and bool(da.get("condition")) == bool(db.get("condition"))) if da and db else None
        first = da or db or {}
        rows.append(Row("delegation", f"{key[0]} {_display(first.get('source'))} → {_display(first.get('target'))}", deleg(da), deleg(db), same))
    return rows


def _split_bases(a: CommitteeProfile, b: CommitteeProfile) -> tuple[list[dict], list[dict], list[dict]]:
    ka = {_base_key(d): d for d in a.legal_bases}
    kb = {_base_key(d): d for d in b.legal_bases}
    shared = [ka[k] for k in sorted(ka.keys() & kb.keys())]
    return shared, [ka[k] for k in sorted(ka.keys() - kb.keys())], [kb[k] for k in sorted(kb.keys() - ka.keys())]


def compare(store: GraphStore, a: str, b: str | None = None, against_parent: bool = False) -> Comparison:
    """Compare committee ``a`` with ``b`` (ids or names), or with its parent committee.

    Raises
    ------
    NotFound
        A name matches nothing; with ``against_parent``, the committee above is not loaded.
    Ambiguous
        A name matches several committees.
    """
    pa = profile(store, a)
    if against_parent:
        b = parent_committee(store, pa.id)
    if b is None:
        raise NotFound("give a second committee, or against_parent=True", subject=a)
    pb = profile(store, b)
    groups = match_groups(pa.groups, pb.groups)
    rows = _rows(pa, pb, groups)
    shared, only_a, only_b = _split_bases(pa, pb)
    for d in shared:
        rows.append(Row("legal bases", d.get("name") or d["id"], "✓", "✓", True))
    for d in only_a:
        rows.append(Row("legal bases", d.get("name") or d["id"], "✓", "—", None))
    for d in only_b:
        rows.append(Row("legal bases", d.get("name") or d["id"], "—", "✓", None))
    return Comparison(pa, pb, rows, groups, shared, only_a, only_b)


def structure_table(store: GraphStore, committees: Sequence[str]) -> list[dict[str, Any]]:
    """One row per aspect, one column per committee: level, locality, posts and holders, group
    counts and names, standing agency, cadences, delegations, legal bases (for ``pandas.DataFrame``).
    """
    profiles = [profile(store, c) for c in committees]
    labels = []
    for p in profiles:
        label = p.label
        while label in labels:
            label += "*"
        labels.append(label)
    aspects: list[tuple[str, Any]] = [
        ("level", lambda p: p.level),
        ("locality", lambda p: p.locality),
        ("charter", lambda p: "; ".join(f"{c.get('number') or '(draft)'}" for c in p.charters)),
        ("charter status", lambda p: "; ".join(str(c.get("status")) for c in p.charters)),
        ("posts", lambda p: len(p.posts)),
    ]
    roles = sorted({x["role"] for p in profiles for x in p.posts}, key=lambda r: _ROLE_ORDER.get(r, 99))
    for role in roles:
        aspects.append((f"{role} held ex officio by", lambda p, role=role: "; ".join(
            h for x in p.posts if x["role"] == role for h in x["exOfficio"]) or ("(post, no holder)" if any(x["role"] == role for x in p.posts) else None)))
    aspects += [
        ("working groups", lambda p: sum(1 for g in p.groups if g["kind"] == Label.WorkingGroup)),
        ("support groups", lambda p: sum(1 for g in p.groups if g["kind"] == Label.SupportGroup)),
        ("standing board", lambda p: any(g["kind"] == Label.StandingBoard for g in p.groups)),
        ("working group names", lambda p: "; ".join(g["name"] for g in p.groups if g["kind"] == Label.WorkingGroup) or None),
        ("standing agency", lambda p: "; ".join(x["name"] for x in p.standing_agencies) or None),
        ("meeting cadence", lambda p: p.meeting_cadence),
        ("reporting cadences", lambda p: ", ".join(sorted({r["cadence"] for r in p.reporting if r.get("cadence")})) or None),
        ("reporting lines", lambda p: len(p.reporting)),
        ("delegations", lambda p: len(p.delegations)),
        ("delegations with scope", lambda p: sum(1 for d in p.delegations if d.get("scope"))),
        ("legal bases", lambda p: len(p.legal_bases)),
    ]
    return [{"aspect": name, **{label: fn(p) for label, p in zip(labels, profiles, strict=True)}} for name, fn in aspects]
