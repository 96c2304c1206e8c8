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
from typing import Any

from govkg.errors import NotFound
from govkg.graph.named_queries import canonical_id, load_query, members, provenance
from govkg.graph.store import LABELS_KEY, NAME_FOLDED, TYPE_KEY, GraphStore, fold_name
from govkg.ontology.vocab import Label, Prop, Rel
from govkg.vn.words import LEVELS

__all__ = [
    "LEVEL_ORDER",
    "body_view",
    "charter_text",
    "charter_view",
    "committee_list",
    "edge_quote",
    "edges_at",
    "kind_of",
    "strip_node",
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
        edges.append(_edge(r["e"]))
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
    if not rows or rows[0]["quoteStart"] is None:
        raise NotFound(f"edge {edge_id!r}: no such edge, or it quotes no words (an inferred edge)")
    return dict(rows[0])


_NODE = load_query("view_body")
_EDGES_IN = load_query("view_edges_in")
_GROUP_POSTS = load_query("view_group_posts")
_EDGES_OUT = load_query("view_edges_out")


def edges_at(store: GraphStore, body_id: str, types: Iterable[Rel], *, incoming: bool) -> list[dict[str, Any]]:
    """The edges of the given types into (``incoming``) or out of a body: ``{node, type, edge}`` each."""
    rows = store.query(_EDGES_IN if incoming else _EDGES_OUT, {"id": body_id, "types": [t.value for t in types]}, limit=10**9)
    out = []
    for r in rows:
        edge = _edge(r["edge"])
        out.append({"node": strip_node(r["node"]), TYPE_KEY: edge.pop(TYPE_KEY, None), "edge": edge})
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
