"""Read models of a charter, a body and the committees, as plain JSON-able dicts (the API, the pages, notebooks).

Each function takes a :class:`~govkg.graph.store.GraphStore` and reads through its
read-only ``query`` only, running named files an auditor can read
(``graph/queries/view_*.cypher``); values always travel as parameters. Every edge comes back with its provenance
(``charter``, ``provision``, ``quote``) so that a client can cite the clause.

Examples
--------
>>> strip_node({"id": "p", "name": "Trưởng Ban", "nameFolded": "truong ban", "labels": ["Post"]})
{'id': 'p', 'name': 'Trưởng Ban', 'labels': ['Post']}
>>> kind_of(["Body", "SteeringCommittee"]), kind_of(["Post"])
('SteeringCommittee', 'Post')
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date
from typing import Any

from govkg.errors import NotFound, QueryRefused
from govkg.graph.named_queries import (
    canonical_id,
    load_query,
    members,
    out_of_force,
    provenance,
    reporting,
    resolve_entity,
    run_named,
)
from govkg.graph.store import LABELS_KEY, NAME_FOLDED, TYPE_KEY, GraphStore, fold_name
from govkg.ontology.facts import Edge, evidence, is_folded, keep_evidence, unfold
from govkg.ontology.vocab import Label, Prop, Rel, Role
from govkg.vn.words import LEVELS

__all__ = [
    "LEVEL_ORDER",
    "body_view",
    "charter_text",
    "charter_view",
    "committee_list",
    "edge_quote",
    "edges_at",
    "history",
    "kind_of",
    "strip_node",
    "who",
]

# Levels from the top of the state down (the order pages and lists use).
LEVEL_ORDER: tuple[str, ...] = LEVELS
_PROVENANCE = (Prop.charter.value, Prop.provision.value, Prop.quote.value)


def strip_node(node: Mapping[str, Any] | None) -> dict[str, Any] | None:
    """A node dict without the store's derived fields and empty values (``None`` stays ``None``)."""
    if not node or node.get(Prop.id) is None:
        return None
    out = {k: v for k, v in node.items() if k != NAME_FOLDED and v is not None}
    if LABELS_KEY in out:
        out[LABELS_KEY] = sorted(out[LABELS_KEY])
    return out


def kind_of(labels: Iterable[str]) -> str:
    """The most specific label: the body kind for bodies, else the (first) label."""
    labels = sorted(labels)
    specific = [label for label in labels if label != Label.Body]
    return specific[0] if specific else (labels[0] if labels else "")


def _edge(rel: Mapping[str, Any] | None) -> dict[str, Any]:
    return {k: v for k, v in (rel or {}).items() if v is not None}


# --------------------------------------------------------------------------- charters
_CHARTER = load_query("view_charter")
_PROVISIONS = load_query("view_provisions")
_CHARTER_EDGES = load_query("view_charter_edges")


def _own_view(row: Mapping[str, Any], charter_id: str) -> dict[str, Any]:
    """An edge as ``charter_id`` has it: a folded edge with only that charter's evidence, and the
    first entry's ``charter``, ``provision`` and quote beside the lists."""
    edge = Edge(row["type"], row["source"], row["target"], dict(row["e"]))
    if not is_folded(edge):
        return edge.props
    own = keep_evidence(edge, lambda c: c == charter_id) or edge
    return {**unfold(own)[0].props, **own.props}


def charter_view(store: GraphStore, charter_id: str, *, limit: int | None = None) -> dict[str, Any]:
    """One charter: its metadata, provisions, and the facts it asserts.

    ``facts.edges`` are the edges whose ``charter`` is this charter (``HAS_PROVISION``
    left out: the provisions are listed on their own), each with its endpoints' ids;
    ``facts.nodes`` are those endpoints (provisions excepted). ``truncated`` is true when
    the row cap cut the edges short.

    Raises
    ------
    NotFound
        No charter has this id, number, file name or title.
    Ambiguous
        Several charters have this number or title.
    """
    rows = store.query(_CHARTER, {"id": charter_id}, limit=1)
    if not rows:
        # a number ("03/QĐ-BCĐ"), file name or title, as `govkg audit --charter` takes
        from govkg.graph.audit import resolve_charter

        charter_id = resolve_charter(store, charter_id)
        rows = store.query(_CHARTER, {"id": charter_id}, limit=1)
    charter = strip_node(rows[0]["c"]) or {}
    provisions = [strip_node(r["p"]) for r in store.query(_PROVISIONS, {"id": charter_id}, limit=limit)]
    edges_rows = store.query(_CHARTER_EDGES, {"id": charter_id, "skip": [Rel.HAS_PROVISION.value]}, limit=limit)
    nodes: dict[str, dict[str, Any]] = {}
    edges = []
    for r in edges_rows:
        for end in (r["a"], r["b"]):
            node = strip_node(end)
            if node and Label.Provision not in node.get(LABELS_KEY, []):
                nodes.setdefault(node[Prop.id], node)
        edges.append(_edge({**_own_view(r, charter_id), "type": r["type"], "source": r["source"], "target": r["target"]}))
    charter["edges"] = len(edges)
    return {
        "charter": charter,
        "provisions": provisions,
        "facts": {"nodes": sorted(nodes.values(), key=lambda n: n[Prop.id]), "edges": edges},
        "truncated": bool(getattr(edges_rows, "truncated", False)),
    }


# --------------------------------------------------------------------------- bodies
_EDGE_QUOTE = load_query("view_edge_quote")


def charter_text(store: GraphStore, charter: str) -> tuple[str, str]:
    """(id, source text) of a charter: the file's text as decoded, that every quote is a span of.

    ``charter`` is an id, a number, a file name or a title, as :func:`charter_view` takes.

    Raises
    ------
    NotFound
        No such charter, or it was loaded before charters kept their text.
    """
    from govkg.errors import NotFound
    from govkg.graph.audit import resolve_charter

    rows = store.query(_CHARTER, {"id": charter}, limit=1)
    if not rows:
        charter = resolve_charter(store, charter)
        rows = store.query(_CHARTER, {"id": charter}, limit=1)
    text = rows[0]["c"].get(Prop.sourceText) if rows else None
    if not text:
        raise NotFound(f"charter {charter!r} has no source text (load it again to keep it)")
    return charter, text


def edge_quote(store: GraphStore, edge_id: str) -> dict[str, Any]:
    """The charter of an edge and where its quote stands in that charter's source text.

    Raises
    ------
    NotFound
        No edge has this id, or it quotes nothing (an inferred edge).
    """
    from govkg.errors import NotFound

    rows = store.query(_EDGE_QUOTE, {"id": edge_id}, limit=1)
    where = dict(rows[0]) if rows else {}
    if where.get(Prop.charters):
        # a folded inferred edge: its first evidence entry that quotes words
        where = next((q for q in evidence(where) if q[Prop.quote]), {})
    if where.get(Prop.quoteStart) is None:
        raise NotFound(f"edge {edge_id!r}: no such edge, or it quotes no words (an inferred edge)")
    return {k: where.get(k) for k in (Prop.charter.value, Prop.quoteStart.value, Prop.quoteEnd.value, Prop.quote.value)}


_NODE = load_query("view_body")
_EDGES_IN = load_query("view_edges_in")
_GROUP_POSTS = load_query("view_group_posts")
_EDGES_OUT = load_query("view_edges_out")


def edges_at(store: GraphStore, body_id: str, types: Iterable[Rel], *, incoming: bool) -> list[dict[str, Any]]:
    """The edges of the given types into (``incoming``) or out of a body: ``{node, type, edge}`` each."""
    rows = store.query(_EDGES_IN if incoming else _EDGES_OUT, {"id": body_id, "types": [t.value for t in types]}, limit=10**9)
    out = []
    for r in rows:
        out.append({"node": strip_node(r["node"]), TYPE_KEY: r["type"], "edge": _edge(r["edge"])})
    return out


def _with_provenance(item: Mapping[str, Any]) -> dict[str, Any]:
    edge = item["edge"]
    return {**(item["node"] or {}), "relation": item[TYPE_KEY], "edge": edge.get(Prop.id), **provenance(edge)}


def _unique(items: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    # a relation stated by several charters: listed once, with the first charter's provenance
    seen: dict[str, dict[str, Any]] = {}
    for item in items:
        seen.setdefault(f"{item.get('relation')}|{item.get(Prop.id)}", item)
    return list(seen.values())


def body_view(store: GraphStore, body_id: str) -> dict[str, Any]:
    """One body: its posts (with holders), holders, groups, standing agency, parents, each with provenance.

    - ``posts``: as :func:`~govkg.graph.named_queries.members` gives them (each post with its
      POST_IN provenance, ``exOfficio`` holder posts and named ``persons``);
    - ``holders``: the same holders as a flat list ``{post, holder, kind, charter, provision, quote}``;
    - ``groups``: bodies PART_OF this one, each with its ``posts`` (POST_IN the group);
      ``standingAgency``: bodies STANDING_AGENCY_OF it;
    - ``partOf``: bodies it is PART_OF or SUBORDINATE_TO; ``standingAgencyOf``: bodies it serves.

    Raises
    ------
    NotFound
        No body has this id.
    """
    body_id = canonical_id(store, body_id)  # an id a merge retired resolves to its survivor
    rows = store.query(_NODE, {"id": body_id}, limit=1)
    if not rows:
        raise NotFound("no body has this id", subject=body_id)
    body = strip_node(rows[0]["b"]) or {}
    posts = members(store, body_id)
    holders = []
    for item in posts:
        post = item["post"]
        for h in item.get("exOfficio", []):
            holders.append({"post": post.get(Prop.id), "holder": {k: v for k, v in h.items() if k not in _PROVENANCE},
                            "kind": Rel.HELD_EX_OFFICIO_BY.value, **{k: h.get(k) for k in _PROVENANCE}})
        for p in item.get("persons", []):
            holders.append({"post": post.get(Prop.id), "holder": {k: v for k, v in p.items() if k not in _PROVENANCE},
                            "kind": Rel.HOLDS.value, **{k: p.get(k) for k in _PROVENANCE}})
    incoming = edges_at(store, body_id, (Rel.PART_OF, Rel.STANDING_AGENCY_OF), incoming=True)
    group_posts: dict[str, dict[str, dict[str, Any]]] = {}
    for r in store.query(_GROUP_POSTS, {"id": body_id}, limit=10**9):
        post = strip_node(r["post"]) or {}
        edge = _edge(r["edge"])
        # one entry per post (the first charter stating it), like members()
        group_posts.setdefault(r["group"], {}).setdefault(
            post[Prop.id], {**post, "edge": edge.get(Prop.id), **{k: edge.get(k) for k in _PROVENANCE}}
        )
    groups = _unique(_with_provenance(i) for i in incoming if i[TYPE_KEY] == Rel.PART_OF)
    for g in groups:
        g["posts"] = list(group_posts.get(g[Prop.id], {}).values())
    outgoing = edges_at(store, body_id, (Rel.PART_OF, Rel.SUBORDINATE_TO, Rel.STANDING_AGENCY_OF), incoming=False)
    return {
        "body": body,
        "posts": posts,
        "holders": holders,
        "groups": groups,
        "standingAgency": _unique(_with_provenance(i) for i in incoming if i[TYPE_KEY] == Rel.STANDING_AGENCY_OF),
        "partOf": _unique(_with_provenance(i) for i in outgoing if i[TYPE_KEY] in (Rel.PART_OF, Rel.SUBORDINATE_TO)),
        "standingAgencyOf": _unique(_with_provenance(i) for i in outgoing if i[TYPE_KEY] == Rel.STANDING_AGENCY_OF),
    }


# --------------------------------------------------------------------------- committees
_COMMITTEES = load_query("view_committees")


def committee_list(
    store: GraphStore,
    *,
    level: str | None = None,
    locality: str | None = None,
    limit: int = 100,
    offset: int = 0,
) -> dict[str, Any]:
    """Steering committees, optionally of one level and in a locality (accent-insensitive substring).

    Returns ``{"total", "offset", "limit", "items", "levels"}``; ``levels`` counts the
    matching committees per level, top level first.
    """
    rows = store.query(_COMMITTEES, {"level": level}, limit=10**9)
    items = [strip_node(r["c"]) for r in rows]
    items = [c for c in items if c]
    if locality:
        wanted = fold_name(locality)
        items = [c for c in items if wanted in fold_name(c.get(Prop.locality)) or wanted in fold_name(c.get(Prop.name))]
    rank = {lv.value if hasattr(lv, "value") else lv: i for i, lv in enumerate(LEVEL_ORDER)}
    items.sort(key=lambda c: (rank.get(c.get(Prop.level), len(rank)), c.get(Prop.name) or "", c[Prop.id]))
    levels: dict[str, int] = {}
    for c in items:
        key = c.get(Prop.level) or "unknown"
        levels[key] = levels.get(key, 0) + 1
    return {
        "total": len(items),
        "offset": offset,
        "limit": limit,
        "levels": dict(sorted(levels.items(), key=lambda kv: rank.get(kv[0], len(rank)))),
        "items": items[offset : offset + limit],
    }


# --------------------------------------------------------------------------- people and posts
# what each kind of edge at a seat says, and the fields it carries besides its provenance
_SEAT_FIELDS = {
    Rel.ACTS_FOR.value: (Prop.condition.value, Prop.scope.value),
    Rel.DELEGATES_TO.value: (Prop.scope.value, Prop.condition.value),
    Rel.REPORTS_TO.value: (Prop.cadence.value, Prop.dayOfMonth.value, Prop.months.value, Prop.adHoc.value),
    Rel.ACCOUNTABLE_TO.value: (),
}
# ex officio holdings are followed this deep (a post held by a post held by a post …)
_EX_OFFICIO_DEPTH = 4


def _seat_edges(store: GraphStore, ids: Iterable[str], excluded: list[str] | None) -> dict[str, list[dict[str, Any]]]:
    out: dict[str, list[dict[str, Any]]] = {}
    wanted = sorted(set(ids))
    if wanted:
        rows = run_named(store, "seat_edges", ids=wanted, excluded=excluded, limit=None)
        # the same order on every engine: by kind, other end, charter, clause
        for r in sorted(rows, key=lambda r: (r["seat"], r[TYPE_KEY], str(r["other"].get(Prop.id)),
                                           str(r["rule"].get(Prop.charter)), str(r["rule"].get(Prop.provision)),
                                           str(r["rule"].get(Prop.id)))):
            out.setdefault(r["seat"], []).append(r)
    return out


def who(
    store: GraphStore,
    name_or_id: str | Mapping[str, Any],
    *,
    in_: str | None = None,
    as_of: str | date | None = None,
) -> dict[str, Any]:
    """Every seat a post or person holds, directly or ex officio, and what each seat does.

    ``name_or_id`` is resolved as :func:`~govkg.graph.named_queries.resolve_entity` does
    ("Chủ tịch UBND phường Hải Dương", a person's name, an id), or is the node it returned.
    A person's seats are the posts they hold (HOLDS); a post's seat is itself. Then every
    post held ex officio by a seat (``committee post -[:HELD_EX_OFFICIO_BY]-> seat``) is a
    seat too. For each seat:

    - ``post``; ``holding``: how it is held (``HOLDS``, ``HELD_EX_OFFICIO_BY`` ``through`` a
      post, or ``itself``); ``in``: the bodies it is a post of; ``heldBy``: its holders;
    - ``actedForBy``: who acts for it and under which ``condition`` (ACTS_FOR into it);
      ``actsFor``: whom it acts for;
    - ``delegates``: to whom, with ``scope`` and ``condition`` (DELEGATES_TO);
    - ``reportsTo``: to whom, with ``cadence``, ``dayOfMonth``, ``months``, ``adHoc``, ``via``;
    - ``accountableTo``.

    Every item carries ``charter``, ``charterNumber``, ``provision`` and ``quote``. ``chairs``
    lists the committees chaired (a seat of role Chair, with the POST_IN clause). As of a
    date, only the charters in force that day count. The CLI (``govkg who``), the API
    (``/posts/{id}``, ``/people/{id}``) and the notebooks show this one answer.

    Raises
    ------
    NotFound, Ambiguous
        As :func:`~govkg.graph.named_queries.resolve_entity`.
    QueryRefused
        The name is a body's (its posts are :func:`~govkg.graph.named_queries.members`).
    """
    subject = dict(name_or_id) if isinstance(name_or_id, Mapping) else resolve_entity(store, name_or_id, in_)
    subject.pop("exact", None)
    labels = subject.get(LABELS_KEY, [])
    if Label.Post not in labels and Label.Person not in labels:
        raise QueryRefused("not a post or a person: a body's posts are listed by `members`", subject=str(subject.get(Prop.id)))
    excluded = None if as_of is None else out_of_force(store, as_of)
    start = str(subject[Prop.id])
    edges = _seat_edges(store, [start], excluded)
    seats: dict[str, dict[str, Any]] = {}

    def hold(post: Mapping[str, Any], how: dict[str, Any]) -> None:
        seat = seats.setdefault(post[Prop.id], {"post": strip_node(post), "holding": []})
        if how not in seat["holding"]:
            seat["holding"].append(how)

    if Label.Person in labels:
        for r in edges.get(start, []):
            if r[TYPE_KEY] == Rel.HOLDS and r["outgoing"]:
                hold(r["other"], {"how": Rel.HOLDS.value, "through": None, **_provenance_of(r["rule"])})
    else:
        hold(subject, {"how": "itself", "through": None, **_provenance_of(None)})
    frontier = list(seats)
    for _ in range(_EX_OFFICIO_DEPTH):
        fetched = _seat_edges(store, [i for i in frontier if i not in edges], excluded)
        edges.update(fetched)
        found = []
        for seat_id in frontier:
            for r in edges.get(seat_id, []):
                if r[TYPE_KEY] == Rel.HELD_EX_OFFICIO_BY and not r["outgoing"]:
                    through = {k: v for k, v in (seats[seat_id]["post"] or {}).items() if k in (Prop.id, Prop.name)}
                    if r["other"][Prop.id] not in seats:
                        found.append(r["other"][Prop.id])
                    hold(r["other"], {"how": Rel.HELD_EX_OFFICIO_BY.value, "through": through, **_provenance_of(r["rule"])})
        frontier = found
        if not frontier:
            break
    edges.update(_seat_edges(store, [i for i in seats if i not in edges], excluded))

    via_ids = {r["rule"].get(Prop.via) for rows in edges.values() for r in rows if r["rule"].get(Prop.via)}
    vias = {r["node"][Prop.id]: strip_node(r["node"]) for r in run_named(store, "nodes", ids=sorted(via_ids))} if via_ids else {}
    charters = {r["id"]: r.get("number") for r in run_named(store, "charter_numbers", ids=sorted(
        {str(r["rule"].get(Prop.charter)) for rows in edges.values() for r in rows if r["rule"].get(Prop.charter)}), limit=None)}

    def item(r: Mapping[str, Any], key: str) -> dict[str, Any]:
        rule = r["rule"]
        out: dict[str, Any] = {key: strip_node(r["other"])}
        for field in _SEAT_FIELDS.get(r[TYPE_KEY], ()):
            out[field] = rule.get(field)
        if r[TYPE_KEY] == Rel.REPORTS_TO:
            out[Prop.via.value] = vias.get(rule.get(Prop.via)) if rule.get(Prop.via) else None
        return {**out, **_provenance_of(rule), "charterNumber": charters.get(rule.get(Prop.charter))}

    chairs = []
    for seat_id, seat in seats.items():
        rows = edges.get(seat_id, [])
        for how in seat["holding"]:
            how["charterNumber"] = charters.get(how.get(Prop.charter))

        def pick(rel: Rel, outgoing: bool, key: str, rows: list = rows) -> list[dict[str, Any]]:
            return [item(r, key) for r in rows if r[TYPE_KEY] == rel and r["outgoing"] == outgoing]

        seat["in"] = pick(Rel.POST_IN, True, "body")
        seat["heldBy"] = pick(Rel.HOLDS, False, "person") + pick(Rel.HELD_EX_OFFICIO_BY, True, "post")
        seat["actedForBy"] = pick(Rel.ACTS_FOR, False, "by")
        seat["actsFor"] = pick(Rel.ACTS_FOR, True, "for")
        seat["delegates"] = pick(Rel.DELEGATES_TO, True, "to")
        seat["reportsTo"] = pick(Rel.REPORTS_TO, True, "to")
        seat["accountableTo"] = pick(Rel.ACCOUNTABLE_TO, True, "to")
        if (seat["post"] or {}).get(Prop.role) == Role.Chair:
            seen = set()
            for body in seat["in"]:
                if body["body"][Prop.id] not in seen:  # a committee stated by several clauses: once, by the first
                    seen.add(body["body"][Prop.id])
                    chairs.append({"committee": body["body"], "seat": seat_id, **{k: body[k] for k in (*_PROVENANCE, "charterNumber")}})
    order = {"itself": 0, Rel.HOLDS.value: 1, Rel.HELD_EX_OFFICIO_BY.value: 2}
    ranked = sorted(seats.values(), key=lambda s: (min(order[h["how"]] for h in s["holding"]), s["post"][Prop.id]))
    return {"subject": subject, "asOf": None if as_of is None else str(as_of), "chairs": chairs, "seats": ranked}


def _provenance_of(rule: Mapping[str, Any] | None) -> dict[str, Any]:
    return {k: (rule or {}).get(k) for k in _PROVENANCE}


# --------------------------------------------------------------------------- history
def _state(store: GraphStore, committee_id: str, day: str) -> dict[str, Any]:
    """A committee's seats (with holders), standing agencies and cadences from the charters in force on ``day``."""
    seats: dict[str, dict[str, Any]] = {}
    for m in members(store, committee_id, as_of=day):
        holders: dict[str, dict[str, Any]] = {}
        for h in m["exOfficio"]:
            holders.setdefault(f"post|{h[Prop.id]}", {"post": {Prop.id.value: h[Prop.id], Prop.name.value: h.get(Prop.name)}, **_provenance_of(h)})
        for h in m["persons"]:
            holders.setdefault(f"person|{h[Prop.id]}", {"person": {Prop.id.value: h[Prop.id], Prop.name.value: h.get(Prop.name)}, **_provenance_of(h)})
        seats[m["post"][Prop.id]] = {"post": m["post"], **_provenance_of(m), "holders": holders}
    agencies: dict[str, dict[str, Any]] = {}
    excluded = out_of_force(store, day)
    for r in run_named(store, "standing_agency_at", committee=committee_id, excluded=excluded, limit=None):
        agencies.setdefault(r["agency"][Prop.id], {"agency": strip_node(r["agency"]), **_provenance_of(r["role"])})
    cadences: dict[str, list[dict[str, Any]]] = {}
    for r in reporting(store, committee_id, as_of=day):
        if r.get(Prop.cadence.value):
            key = f"{r['reporter'][Prop.id]}|{r['recipient'][Prop.id]}"
            cadences.setdefault(key, []).append({
                "reporter": {Prop.id.value: r["reporter"][Prop.id], Prop.name.value: r["reporter"].get(Prop.name)},
                "recipient": {Prop.id.value: r["recipient"][Prop.id], Prop.name.value: r["recipient"].get(Prop.name)},
                Prop.cadence.value: r[Prop.cadence.value], Prop.dayOfMonth.value: r.get(Prop.dayOfMonth.value),
                **_provenance_of(r),
            })
    return {"seats": seats, "agencies": agencies, "cadences": cadences}


def _changes(before: dict[str, Any], after: dict[str, Any]) -> dict[str, Any]:
    def strip(seat: Mapping[str, Any]) -> dict[str, Any]:
        return {**{k: v for k, v in seat.items() if k != "holders"}, "holders": list(seat["holders"].values())}

    old, new = before["seats"], after["seats"]
    reheld = [
        {"post": new[i]["post"], "before": list(old[i]["holders"].values()), "after": list(new[i]["holders"].values())}
        for i in sorted(set(old) & set(new))
        if set(old[i]["holders"]) != set(new[i]["holders"])
    ]
    agency = None
    if set(before["agencies"]) != set(after["agencies"]):
        agency = {"before": list(before["agencies"].values()), "after": list(after["agencies"].values())}
    cadences = []
    for key in sorted(set(before["cadences"]) | set(after["cadences"])):
        was = before["cadences"].get(key, [])
        now = after["cadences"].get(key, [])
        if {c[Prop.cadence.value] for c in was} != {c[Prop.cadence.value] for c in now}:
            line = (now or was)[0]
            cadences.append({"reporter": line["reporter"], "recipient": line["recipient"], "before": was, "after": now})
    return {
        "seatsAdded": [strip(new[i]) for i in sorted(set(new) - set(old))],
        "seatsRemoved": [strip(old[i]) for i in sorted(set(old) - set(new))],
        "reheld": reheld,
        "standingAgency": agency,
        "cadences": cadences,
    }


def history(store: GraphStore, committee: str, *, in_: str | None = None) -> dict[str, Any]:
    """A committee's charters in order, and what changed between consecutive versions.

    A version is the committee as the charters in force on a charter's ``validFrom`` state
    it: a re-composition (kiện toàn) that replaces a decision closes it, an amendment adds to
    what stays in force. Between consecutive versions: ``seatsAdded``, ``seatsRemoved``,
    ``reheld`` (a seat whose holders, posts ex officio or persons, changed),
    ``standingAgency`` (before and after, or None) and ``cadences`` (reporting lines whose
    cadence changed), each item with its clause on its side. The CLI (``govkg history``) and
    the API (``/history``) show this one answer.
    """
    node = resolve_entity(store, committee, in_)
    cid = str(node[Prop.id])
    versions = [strip_node(r["charter"]) or {} for r in run_named(store, "history_charters", committee=cid, limit=None)]
    versions = [v for v in versions if v.get(Prop.validFrom.value) or v.get(Prop.issuedOn.value)]
    states = [_state(store, cid, str(v.get(Prop.validFrom.value) or v.get(Prop.issuedOn.value))) for v in versions]
    changes = [
        {"from": a[Prop.id], "to": b[Prop.id], **_changes(sa, sb)}
        for a, b, sa, sb in zip(versions, versions[1:], states, states[1:], strict=False)
    ]
    cited: list[dict[str, Any]] = []

    def collect(value: Any) -> None:
        if isinstance(value, dict):
            if value.get(Prop.charter.value) and Prop.quote.value in value:
                cited.append(value)
            for v in value.values():
                collect(v)
        elif isinstance(value, list):
            for v in value:
                collect(v)

    collect(changes)
    wanted = sorted({str(c[Prop.charter.value]) for c in cited})
    numbers = {r["id"]: r.get("number") for r in run_named(store, "charter_numbers", ids=wanted, limit=None)} if wanted else {}
    for item in cited:
        item["charterNumber"] = numbers.get(item[Prop.charter.value])
    return {"committee": node, "charters": versions, "changes": changes}
