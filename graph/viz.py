"""Graph pages: a committee, a chain, and the national overview, drawn with vis-network, offline.

The same pages serve the API (``/viz…``, :mod:`govkg.api.routes.pages`), the CLI
(``govkg viz``, standalone files) and the notebooks.

The graphs are assembled with pyvis (its ``Network`` builds the vis node and edge dicts)
but rendered with govkg's own page, never pyvis' template: that template, and even its
``cdn_resources="in_line"`` mode, still reference CDNs (pyvis issues #228/#229). The
vis-network 9.1.2 files shipped in the pyvis wheel are vendored in ``graph/static/``
(dual Apache-2.0/MIT, see ``graph/static/THIRD_PARTY.txt``) and served by govkg at
``/static/``; :func:`render_page` with ``standalone=True`` inlines them instead, so the
file opens anywhere with no request leaving the machine.

Charter text is untrusted. It reaches a page only

- as HTML-escaped text (titles, the list of links), or
- inside the ``<script type="application/json">`` data block, where :func:`script_json`
  escapes ``<``, ``>``, ``&``, U+2028 and U+2029, so that no text can close the block;
- the page script puts tooltips together with ``textContent`` and vis-network draws labels
  on a canvas: no charter text is ever parsed as HTML.

Served pages carry a Content-Security-Policy allowing only this origin's scripts and
styles; a standalone page carries one allowing only the hashes of its inline blocks.

Layout: hierarchical (top-down), levels from the top of the state downwards: the chain
above a committee, the committee, its posts, groups and standing agency, then holders.
Physics is off. Pages of more than ``BIG_PAGE`` nodes get their positions from the server
(one band per level, wrapped in rows) instead of vis' hierarchical layout, so a page of
1,000 nodes draws in well under two seconds.

Examples
--------
>>> script_json({"name": "</script><img src=x onerror=alert(1)>"})
'{"name": "\\\\u003c/script\\\\u003e\\\\u003cimg src=x onerror=alert(1)\\\\u003e"}'
>>> kind_style("SteeringCommittee")["shape"], kind_style("Nope")["shape"]
('box', 'dot')
"""

from __future__ import annotations

import base64
import hashlib
import html
import json
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlencode

from pyvis.edge import Edge as PyvisEdge
from pyvis.network import Network
from pyvis.node import Node as PyvisNode

from govkg.errors import NotFound
from govkg.graph.named_queries import chain, load_query, resolve_entity
from govkg.graph.read_models import LEVEL_ORDER, body_view, committee_list, kind_of, strip_node
from govkg.graph.store import LABELS_KEY, TYPE_KEY, GraphStore, fold_name
from govkg.ontology.vocab import Label, Level, Prop, Rel, Status
from govkg.vn.words import LEVELS, depth

__all__ = [
    "BIG_PAGE",
    "KIND_STYLE",
    "OVERVIEW_MAX",
    "STATIC_DIR",
    "VizGraph",
    "chain_graph",
    "committee_graph",
    "hierarchy_graph",
    "kind_style",
    "overview_graph",
    "programme_of",
    "render_page",
    "render_quote_page",
    "script_json",
    "viz_url",
]

STATIC_DIR = Path(__file__).parent / "static"
# The overview draws committees one by one up to this many; above it, levels with counts.
OVERVIEW_MAX = 400
_LEVEL_RANK = {lv.value: depth(lv) for lv in LEVELS}
_LEVEL_NAMES = {
    Level.national.value: "Trung ương (national)",
    Level.province.value: "Cấp tỉnh (province)",
    Level.district.value: "Cấp huyện (district)",
    Level.commune.value: "Cấp xã (commune)",
}
_LEVEL_KIND = "Level"  # the kind of an overview's summary node (not a graph label)
_LABEL_MAX = 70
_QUOTE_MAX = 400

# Colour and shape per node kind (body kind label, else the node's label).
KIND_STYLE: dict[str, dict[str, str]] = {
    Label.SteeringCommittee.value: {"color": "#c0392b", "shape": "box", "font": "#ffffff"},
    Label.StandingBoard.value: {"color": "#e67e22", "shape": "box", "font": "#ffffff"},
    Label.WorkingGroup.value: {"color": "#2e86c1", "shape": "ellipse", "font": "#ffffff"},
    Label.SupportGroup.value: {"color": "#5dade2", "shape": "ellipse", "font": "#102030"},
    Label.AdvisoryCouncil.value: {"color": "#76448a", "shape": "ellipse", "font": "#ffffff"},
    Label.Agency.value: {"color": "#17a589", "shape": "diamond", "font": "#0b3d33"},
    Label.PeoplesCommittee.value: {"color": "#8e44ad", "shape": "hexagon", "font": "#3b1a48"},
    Label.PeoplesCouncil.value: {"color": "#a569bd", "shape": "hexagon", "font": "#3b1a48"},
    Label.PartyCommittee.value: {"color": "#922b21", "shape": "hexagon", "font": "#4a0f0a"},
    Label.MassOrganization.value: {"color": "#7f8c8d", "shape": "hexagon", "font": "#2c3333"},
    Label.CommunityGroup.value: {"color": "#95a5a6", "shape": "hexagon", "font": "#2c3333"},
    Label.Post.value: {"color": "#f4d03f", "shape": "dot", "font": "#3d3408"},
    Label.Person.value: {"color": "#27ae60", "shape": "triangle", "font": "#0e3d22"},
    Label.AdminUnit.value: {"color": "#bdc3c7", "shape": "square", "font": "#2c3333"},
    Label.Charter.value: {"color": "#34495e", "shape": "square", "font": "#1b2631"},
    Label.LegalDocument.value: {"color": "#5d6d7e", "shape": "square", "font": "#1b2631"},
    _LEVEL_KIND: {"color": "#d5dbdb", "shape": "database", "font": "#1b2631"},
}
_DEFAULT_STYLE = {"color": "#aab7b8", "shape": "dot", "font": "#1b2631"}
# SVG swatches for the legend (presentation attributes, so no inline style is needed)
_SWATCH = {
    "box": '<rect x="1" y="3" width="16" height="12" rx="2" fill="{c}"/>',
    "ellipse": '<ellipse cx="9" cy="9" rx="8" ry="6" fill="{c}"/>',
    "diamond": '<polygon points="9,1 17,9 9,17 1,9" fill="{c}"/>',
    "hexagon": '<polygon points="5,2 13,2 17,9 13,16 5,16 1,9" fill="{c}"/>',
    "dot": '<circle cx="9" cy="9" r="7" fill="{c}"/>',
    "triangle": '<polygon points="9,1 17,16 1,16" fill="{c}"/>',
    "square": '<rect x="2" y="2" width="14" height="14" fill="{c}"/>',
    "database": '<rect x="2" y="2" width="14" height="14" rx="5" fill="{c}"/>',
}


def kind_style(kind: str) -> dict[str, str]:
    """Colour, shape and font colour of a node kind."""
    return KIND_STYLE.get(kind, _DEFAULT_STYLE)


def script_json(data: Any) -> str:
    """JSON safe inside ``<script type="application/json">``: ``<``, ``>``, ``&``, U+2028/9 escaped.

    >>> script_json(["a&b", "\\u2028"])
    '["a\\\\u0026b", "\\\\u2028"]'
    """
    text = json.dumps(data, ensure_ascii=False)
    for char, escaped in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"), ("\u2028", "\\u2028"), ("\u2029", "\\u2029")):
        text = text.replace(char, escaped)
    return text


def viz_url(kind: str, ident: str, **params: str) -> str:
    """The path of a page: ``viz_url("committee", "committee:2025/commune/1")``.

    >>> viz_url("committee", "committee:2025/commune/10525")
    '/viz/committees/committee:2025%2Fcommune%2F10525'
    >>> viz_url("overview", "", level="province")
    '/viz?level=province'
    """
    if kind == "committee":
        return "/viz/committees/" + quote(ident, safe=":~")
    if kind == "chain":
        return "/viz/chains?" + urlencode({"from": ident, **params})
    if kind == "hierarchy":
        return "/viz/hierarchy"
    return "/viz" + (f"?{urlencode(params)}" if params else "")


def _short(text: str | None, limit: int = _LABEL_MAX) -> str:
    text = " ".join(str(text or "").split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


# --------------------------------------------------------------------------- graph building
@dataclass
class VizGraph:
    """What a page draws: vis nodes and edges, the vis options, and the text around them."""

    title: str
    subtitle: str
    nodes: list[dict[str, Any]]
    edges: list[dict[str, Any]]
    options: dict[str, Any]
    links: list[tuple[str, str]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    # extra legend rows (label, colour) and a search box: the hierarchy page
    legend: list[tuple[str, str]] = field(default_factory=list)
    search: bool = False
    hierarchy: dict[str, Any] | None = None

    def kinds(self) -> list[str]:
        """The node kinds present, in legend order."""
        present = {n.get("kind") for n in self.nodes}
        return [k for k in KIND_STYLE if k in present] + sorted(k for k in present if k and k not in KIND_STYLE)

    def relations(self) -> list[str]:
        """The edge types present, sorted."""
        return sorted({str(e.get("label")) for e in self.edges if e.get("label")})


# Above this many nodes the server places the nodes itself (see _layered_positions): vis'
# hierarchical layout then costs more than the drawing.
BIG_PAGE = 300
_ROW_MAX, _DX, _DY_ROW, _BAND_GAP = 25, 210, 90, 170


def _layered_positions(nodes: list[dict[str, Any]], edges: list[dict[str, Any]]) -> None:
    """Set ``x``/``y`` on every node: one band per level, top level first, wrapped in rows.

    Within a band nodes follow the order of their parents in the band above, so that a
    group's posts sit in the same order as the groups.

    >>> ns = [{"id": "c", "level": 0}, {"id": "a", "level": 1}, {"id": "b", "level": 1}]
    >>> _layered_positions(ns, [{"from": "b", "to": "c"}, {"from": "a", "to": "c"}])
    >>> [(n["id"], n["x"], n["y"]) for n in ns]
    [('c', 0.0, 0), ('a', -105.0, 170), ('b', 105.0, 170)]
    """
    level = {n["id"]: int(n.get("level", 0)) for n in nodes}
    parent: dict[str, str] = {}
    for e in edges:
        a, b = e["from"], e["to"]
        if a in level and b in level:
            if level[a] == level[b] + 1:
                parent.setdefault(a, b)
            elif level[b] == level[a] + 1:
                parent.setdefault(b, a)
    order: dict[str, int] = {}
    y = 0
    for lv in sorted(set(level.values())):
        band = [n for n in nodes if level[n["id"]] == lv]
        band.sort(key=lambda n: (order.get(parent.get(n["id"], ""), len(order)), n.get("label") or "", n["id"]))
        for i, n in enumerate(band):
            order[n["id"]] = i
            row, col = divmod(i, _ROW_MAX)
            in_row = min(_ROW_MAX, len(band) - row * _ROW_MAX)
            n["x"] = (col - (in_row - 1) / 2) * _DX
            n["y"] = y + row * _DY_ROW
        y += ((len(band) - 1) // _ROW_MAX) * _DY_ROW + _BAND_GAP


def _options(n_nodes: int) -> dict[str, Any]:
    big = n_nodes > BIG_PAGE
    return {
        "autoResize": True,
        "layout": {"hierarchical": {"enabled": False}, "improvedLayout": False} if big else {
            "hierarchical": {
                "enabled": True,
                "direction": "UD",
                "sortMethod": "directed",
                "levelSeparation": 150,
                "nodeSpacing": 190,
                "treeSpacing": 220,
                "blockShifting": True,
                "edgeMinimization": True,
                "parentCentralization": True,
            }
        },
        "physics": {"enabled": False},
        "interaction": {"hover": not big, "tooltipDelay": 150, "hideEdgesOnDrag": big, "dragNodes": True},
        "nodes": {
            "font": {"size": 13, "face": "system-ui, sans-serif"},
            "widthConstraint": {"maximum": 200},
            "borderWidth": 1,
            "size": 14,
        },
        "edges": {
            "arrows": {"to": {"enabled": True, "scaleFactor": 0.6}},
            "font": {"size": 10, "align": "horizontal", "color": "#4d5656", "strokeWidth": 3},
            "color": {"color": "#99a3a4", "highlight": "#1b2631", "hover": "#1b2631"},
            "smooth": False if big else {"enabled": True, "type": "cubicBezier", "forceDirection": "vertical", "roundness": 0.4},
        },
    }


class _Builder:
    """Collects nodes and edges through a pyvis Network (which shapes the vis dicts)."""

    def __init__(self, *, links: bool = True):
        self.net = Network(directed=True)
        self.ids: set[str] = set()
        self.edge_keys: set[tuple[str, str, str]] = set()
        self.links = links

    def node(
        self, node: Mapping[str, Any] | None, level: int, *, kind: str | None = None, url: str | None = None, extra: Iterable[tuple[str, Any]] = ()
    ) -> str | None:
        if not node or node.get(Prop.id) is None:
            return None
        nid = str(node[Prop.id])
        if nid in self.ids:
            return nid
        self.ids.add(nid)
        kind = kind or kind_of(node.get(LABELS_KEY) or [])
        style = kind_style(kind)
        name = node.get(Prop.name) or node.get(Prop.title) or node.get(Prop.number) or nid
        tip = [(Prop.name.value, name), (Prop.kind.value, kind), (Prop.id.value, nid)]
        for key in (Prop.level, Prop.locality, Prop.role, Prop.status):
            if node.get(key):
                tip.append((key.value, node[key]))
        tip.extend((k, v) for k, v in extra if v not in (None, ""))
        # pyvis' Node shapes the vis dict; it is appended directly because Network.add_node
        # checks membership in a list (quadratic on big pages) and ids are deduplicated above
        vis_node = PyvisNode(
            nid,
            style["shape"],
            _short(name),
            color=style["color"],
            level=level,
            kind=kind,
            font={"color": style["font"]} if style["shape"] in ("box", "ellipse", "database") else {"color": "#1b2631"},
            tip=[[str(k), str(v)] for k, v in tip],
            url=url if self.links else None,
        )
        self.net.nodes.append(vis_node.options)
        self.net.node_ids.append(nid)
        self.net.node_map[nid] = vis_node.options
        return nid

    def edge(self, source: str | None, target: str | None, type_: str, prov: Mapping[str, Any] | None = None, *, number: str | None = None) -> None:
        if not source or not target or source not in self.ids or target not in self.ids:
            return
        key = (source, target, type_)
        if key in self.edge_keys:
            return
        self.edge_keys.add(key)
        prov = prov or {}
        tip = [("relation", type_)]
        if number or prov.get(Prop.charter):
            tip.append((Prop.charter.value, number or prov.get(Prop.charter)))
        if prov.get(Prop.provision):
            tip.append((Prop.provision.value, prov[Prop.provision]))
        if prov.get(Prop.quote):
            tip.append((Prop.quote.value, _short(prov[Prop.quote], _QUOTE_MAX)))
        if prov.get(Prop.inferred):
            tip.append((Prop.inferred.value, "yes"))
        # as for nodes: pyvis' Edge, without Network.add_edge's linear endpoint checks
        vis_edge = PyvisEdge(
            source,
            target,
            directed=True,
            label=type_,
            tip=[[str(k), str(v)] for k, v in tip],
            dashes=bool(prov.get(Prop.inferred)),
        )
        self.net.edges.append(vis_edge.options)

    def build(self, title: str, subtitle: str, links: list[tuple[str, str]] | None = None, notes: list[str] | None = None) -> VizGraph:
        nodes, edges, *_ = self.net.get_network_data()
        # vis requires distinct edge ids only when edges are updated; give stable ones anyway
        for i, e in enumerate(edges):
            e["id"] = f"e{i}"
        if len(nodes) > BIG_PAGE:
            _layered_positions(nodes, edges)
        return VizGraph(title, subtitle, list(nodes), list(edges), _options(len(nodes)), links or [], notes or [])


def committee_graph(store: GraphStore, committee: str, *, in_: str | None = None, links: bool = True) -> VizGraph:
    """A committee (id or name) with its posts, groups, standing agency, holders, and the chain above it.

    Raises
    ------
    NotFound, Ambiguous
        As :func:`~govkg.graph.named_queries.resolve_entity`; ``NotFound`` also when the match is not a body.
    """
    start = resolve_entity(store, committee, in_)
    if Label.Body not in start.get(LABELS_KEY, []):
        raise NotFound("not a body (give a committee's id or name)", subject=committee)
    cid = str(start[Prop.id])
    view = body_view(store, cid)
    hops = chain(store, start)
    b = _Builder(links=links)
    top = len(hops)
    # the chain first, so that its nodes get their places above the committee
    b.node(view["body"], top, url=None)
    for i, hop in enumerate(hops):
        to = hop["to"]
        b.node(to, top - 1 - i, url=viz_url("committee", to[Prop.id]) if Label.SteeringCommittee in to.get(LABELS_KEY, []) else None)
    for hop in hops:
        b.edge(hop["from"][Prop.id], hop["to"][Prop.id], hop[TYPE_KEY], hop, number=hop.get("charterNumber"))
    for item in view["posts"]:
        post = item["post"]
        pid = b.node({**post, LABELS_KEY: [Label.Post.value]}, top + 1)
        b.edge(pid, cid, Rel.POST_IN.value, item)
        for holder in item.get("exOfficio", []):
            hid = b.node({**holder, LABELS_KEY: [Label.Post.value]}, top + 2, extra=[("body", (holder.get("body") or {}).get(Prop.name))])
            b.edge(pid, hid, Rel.HELD_EX_OFFICIO_BY.value, holder)
            for person in holder.get("persons", []):
                who = b.node({**person, LABELS_KEY: [Label.Person.value]}, top + 3)
                b.edge(who, hid, Rel.HOLDS.value, person)
        for person in item.get("persons", []):
            who = b.node({**person, LABELS_KEY: [Label.Person.value]}, top + 2)
            b.edge(who, pid, Rel.HOLDS.value, person)
    for group in view["groups"]:
        gid = b.node(group, top + 1, url=viz_url("committee", group[Prop.id]))
        b.edge(gid, cid, Rel.PART_OF.value, group)
        for post in group.get("posts", []):
            pid = b.node({**post, LABELS_KEY: [Label.Post.value]}, top + 2)
            b.edge(pid, gid, Rel.POST_IN.value, post)
    for agency in view["standingAgency"]:
        aid = b.node(agency, top + 1, url=viz_url("committee", agency[Prop.id]))
        b.edge(aid, cid, Rel.STANDING_AGENCY_OF.value, agency)
    body = view["body"]
    subtitle = " · ".join(str(x) for x in (body.get(Prop.level), body.get(Prop.locality), cid) if x)
    related = [(viz_url("chain", cid), "Chain above this committee")]
    related += [(viz_url("committee", h["to"][Prop.id]), str(h["to"].get(Prop.name) or h["to"][Prop.id]))
                for h in hops if Label.SteeringCommittee in h["to"].get(LABELS_KEY, [])]
    related += [(viz_url("committee", g[Prop.id]), str(g.get(Prop.name) or g[Prop.id])) for g in view["groups"]]
    return b.build(str(body.get(Prop.name) or cid), subtitle, related)


def chain_graph(
    store: GraphStore, from_: str, *, in_: str | None = None, as_of: str | date | None = None, links: bool = True
) -> VizGraph:
    """The chain upwards from a body or post: each hop an edge with its relation and clause."""
    start = resolve_entity(store, from_, in_)
    sid = str(start[Prop.id])
    hops = chain(store, start, as_of=as_of)
    b = _Builder(links=links)
    top = len(hops)

    def url(node: Mapping[str, Any]) -> str | None:
        return viz_url("committee", node[Prop.id]) if Label.Body in node.get(LABELS_KEY, []) else None

    b.node(start, top, url=url(start))
    for i, hop in enumerate(hops):
        b.node(hop["to"], top - 1 - i, url=url(hop["to"]))
    for hop in hops:
        b.edge(hop["from"][Prop.id], hop["to"][Prop.id], hop[TYPE_KEY], hop, number=hop.get("charterNumber"))
    notes = [] if hops else ["Nothing is above this body or post in the loaded charters."]
    title = f"Chain from {start.get(Prop.name) or sid}"
    subtitle = " · ".join(x for x in (f"{len(hops)} hops", f"in {in_}" if in_ else "", f"as of {as_of}" if as_of else "") if x)
    links_ = [(url(n) or "", str(n.get(Prop.name) or n[Prop.id])) for n in [start, *(h["to"] for h in hops)] if url(n)]
    return b.build(title, subtitle, links_, notes)


_SUBORDINATION = load_query("view_subordination")


def overview_graph(
    store: GraphStore, *, level: str | None = None, locality: str | None = None, links: bool = True, max_nodes: int = OVERVIEW_MAX
) -> VizGraph:
    """The national overview: committees by level, joined by SUBORDINATE_TO.

    With more than ``max_nodes`` committees and no filter, the page shows one node per
    level with its count, each linking to that level's page (``/viz?level=province``);
    a level page over the cap shows the first ``max_nodes`` and asks for a locality.
    """
    data = committee_list(store, level=level, locality=locality, limit=max_nodes)
    total = data["total"]
    b = _Builder(links=links)
    notes: list[str] = []
    links_: list[tuple[str, str]] = []
    filters = " · ".join(x for x in (f"level {level}" if level else "", f"locality “{locality}”" if locality else "") if x)
    if total > max_nodes and not level and not locality:
        previous = None
        for rank, lv in enumerate(LEVEL_ORDER):
            count = data["levels"].get(lv.value, 0)
            if not count:
                continue
            nid = f"level:{lv.value}"
            href = viz_url("overview", "", level=lv.value)
            b.node({Prop.id.value: nid, Prop.name.value: f"{_LEVEL_NAMES[lv.value]}: {count}"}, rank, kind=_LEVEL_KIND, url=href, extra=[("committees", count)])
            links_.append((href, f"{_LEVEL_NAMES[lv.value]} — {count} committees"))
            if previous:
                b.edge(nid, previous, Rel.SUBORDINATE_TO.value)
            previous = nid
        notes.append(f"{total} committees: too many to draw at once. Open a level to see its committees.")
        return b.build("National overview", f"{total} committees by level", links_, notes)
    for c in data["items"]:
        href = viz_url("committee", c[Prop.id])
        b.node(c, _LEVEL_RANK.get(c.get(Prop.level) or "", len(_LEVEL_RANK)), url=href)
        links_.append((href, f"{c.get(Prop.name) or c[Prop.id]} ({c.get(Prop.level) or '?'})"))
    for r in store.query(_SUBORDINATION, limit=10**9):
        b.edge(r["source"], r["target"], Rel.SUBORDINATE_TO.value, r)
    if total > max_nodes:
        notes.append(f"Showing {max_nodes} of {total} committees; narrow the list by locality.")
    counts = ", ".join(f"{k}: {v}" for k, v in data["levels"].items())
    subtitle = f"{total} committees" + (f" ({counts})" if counts else "") + (f" · {filters}" if filters else "")
    title = "National overview" if not filters else f"Committees · {filters}"
    return b.build(title, subtitle, links_, notes)


# --------------------------------------------------------------------------- the whole hierarchy
_HIERARCHY = load_query("view_hierarchy")
# fill colour per level, border colour per programme
LEVEL_COLOURS = {
    Level.national.value: "#641e16",
    Level.province.value: "#c0392b",
    Level.district.value: "#e67e22",
    Level.commune.value: "#f5b041",
}
_PROGRAMME_COLOURS = ("#1f77b4", "#2ca02c", "#9467bd", "#8c564b", "#e377c2", "#17becf", "#bcbd22", "#7f7f7f", "#393b79", "#637939")
_ANCHOR_RANK = _LEVEL_RANK.get(Level.province.value, 1)  # committees below this level start collapsed
_SPAN, _CELL_W, _CELL_H, _GROUP_DY, _COLS = 280, 230, 70, 56, 8
_HEAD_COLS, _HEAD_DY = 9, 150  # the provinces: a grid of this many columns


def programme_of(name: str | None, locality: str | None = None) -> str:
    """The programme a committee is for: its name without "Ban Chỉ đạo" and its locality.

    >>> programme_of("Ban Chỉ đạo về chuyển đổi số phường Hải Dương", "phường Hải Dương")
    'về chuyển đổi số'
    >>> programme_of("Ban Chỉ đạo", None)
    ''
    """
    words = str(name or "").split()
    place = str(locality or "").split()
    if place and [fold_name(w) for w in words[-len(place):]] == [fold_name(w) for w in place]:
        words = words[: -len(place)]
    if [fold_name(w) for w in words[:3]] == ["ban", "chi", "dao"]:
        words = words[3:]
    return " ".join(words)


def _programme_colour(programme: str) -> str:
    digest = hashlib.sha1(fold_name(programme).encode("utf-8")).digest()
    return _PROGRAMME_COLOURS[digest[0] % len(_PROGRAMME_COLOURS)]


def hierarchy_graph(store: GraphStore, *, links: bool = True) -> VizGraph:
    """Every committee loaded, from the national committee through the provinces to the
    communes and wards, with their working groups, on one page.

    Committees hang under the committee they are subordinate to (SUBORDINATE_TO); each
    province (and each top committee that is not national) anchors a block with everything
    below it, which the page draws collapsed into one cluster node (vis-network clustering)
    until it is clicked. Positions come from the server (no physics, no layout work in the
    browser), so the page stays usable with the whole country (3,400+ committees). Fill
    colours mark the level, borders the programme; the tooltip names the standing agency.
    """
    committees = [c for c in (strip_node(r["c"]) for r in store.query(load_query("view_committees"), {"level": None}, limit=10**9)) if c]
    by_id = {c[Prop.id]: c for c in committees}
    rank = {cid: _LEVEL_RANK.get(c.get(Prop.level) or "", len(_LEVEL_RANK)) for cid, c in by_id.items()}
    parent: dict[str, str] = {}
    edges: dict[str, dict[str, Any]] = {}
    for r in store.query(_SUBORDINATION, limit=10**9):
        a, b = r["source"], r["target"]
        if a in by_id and b in by_id and a != b:
            best = parent.get(a)
            # the nearest committee above: the highest rank below the child's
            if best is None or (rank[b], b) > (rank[best], best):
                parent[a] = b
                edges[a] = r
    groups: dict[str, list[dict[str, Any]]] = defaultdict(list)
    agencies: dict[str, list[str]] = defaultdict(list)
    for r in store.query(_HIERARCHY, limit=10**9):
        node = strip_node(r["node"]) or {}
        if r["committee"] not in by_id:
            continue
        if r["row"] == "group":
            groups[r["committee"]].append(node)
        elif node.get(Prop.name) and node[Prop.name] not in agencies[r["committee"]]:
            agencies[r["committee"]].append(str(node[Prop.name]))

    def anchor_of(cid: str) -> str | None:
        """The province committee whose block holds ``cid``; None for a province or above, or a committee with none above it."""
        if rank[cid] <= _ANCHOR_RANK:
            return None
        seen, node = {cid}, cid
        while node in parent and parent[node] not in seen:
            node = parent[node]
            seen.add(node)
            if rank[node] <= _ANCHOR_RANK:
                return node if rank[node] == _ANCHOR_RANK else None
        return None

    anchor = {cid: anchor_of(cid) for cid in by_id}
    tops = sorted((c for c in by_id if rank[c] < _ANCHOR_RANK),
                  key=lambda c: (rank[c], by_id[c].get(Prop.name) or "", c))
    heads = sorted((c for c in by_id if anchor[c] is None and c not in tops),
                   key=lambda c: (rank[c], by_id[c].get(Prop.name) or "", c))
    below: dict[str, list[str]] = defaultdict(list)
    for cid in sorted(by_id, key=lambda c: (rank[c], by_id[c].get(Prop.name) or "", c)):
        if anchor[cid] is not None:
            below[anchor[cid]].append(cid)
    b = _Builder(links=links)
    programmes: dict[str, str] = {}
    pos: dict[str, tuple[float, float]] = {}

    def add(cid: str, x: float, y: float, *, group_anchor: str | None = None, group_row: bool = False) -> None:
        c = by_id[cid]
        defined = c.get(Prop.status) != Status.referenced
        programme = programme_of(c.get(Prop.name), c.get(Prop.locality)) if defined else ""
        colour = _programme_colour(programme) if programme else "#aab7b8"
        if programme:
            programmes.setdefault(programme, colour)
        extra = [("programme", programme or "—"), ("standing agency", "; ".join(agencies.get(cid, [])) or "—"),
                 ("working groups", len(groups.get(cid, [])))]
        b.node(c, rank[cid], url=viz_url("committee", cid) if defined else None, extra=extra)
        vis = b.net.node_map[cid]
        fill = LEVEL_COLOURS.get(c.get(Prop.level) or "", _DEFAULT_STYLE["color"])
        vis.update(color={"background": fill, "border": colour, "highlight": {"background": fill, "border": "#000000"}},
                   borderWidth=3, shape="box", name=c.get(Prop.name) or cid, anchor=anchor[cid],
                   font={"color": "#ffffff" if c.get(Prop.level) in (Level.national, Level.province) else "#1b2631"})
        pos[cid] = (x, y)
        mine = groups.get(cid, [])
        for i, g in enumerate(mine):
            gid = b.node(g, rank[cid] + 1, url=None)
            if gid and gid in b.net.node_map:
                b.net.node_map[gid].update(anchor=group_anchor or anchor[cid], name=g.get(Prop.name) or gid,
                                           font={"color": "#ffffff", "size": 10}, widthConstraint={"maximum": 190})
                at = (x + (i - (len(mine) - 1) / 2) * _CELL_W, y + 90) if group_row else (x, y + _GROUP_DY * (i + 1))
                pos.setdefault(gid, at)
            b.edge(gid, cid, Rel.PART_OF.value)

    # the top committees in a row, their groups under them
    for i, cid in enumerate(tops):
        add(cid, (i - (len(tops) - 1) / 2) * _SPAN * 3, 0.0)
    top_groups = max((len(groups.get(c, [])) for c in tops), default=0)
    # the provinces in a grid; each one's groups and everything below it share one place under
    # the grid, shown for one province at a time
    y_heads = 250.0 + _GROUP_DY * top_groups
    columns = min(_HEAD_COLS, max(len(heads), 1))
    for i, cid in enumerate(heads):
        row, col = divmod(i, columns)
        add(cid, (col - (columns - 1) / 2) * _SPAN, y_heads + row * _HEAD_DY, group_anchor=cid if below.get(cid) else None,
            group_row=bool(below.get(cid)))
    y_block = y_heads + ((len(heads) - 1) // columns + 1) * _HEAD_DY + 200
    for cid in heads:
        inside = below.get(cid, [])
        if not inside:
            continue
        # the province's own groups sit in a row at the top of its block (see add)
        for g in groups.get(cid, []):
            gx, _ = pos[g[Prop.id]]
            pos[g[Prop.id]] = (gx, y_block)
        y0 = y_block + (150 if groups.get(cid) else 0)
        for row_start in range(0, len(inside), _COLS):
            row = inside[row_start : row_start + _COLS]
            for j, child in enumerate(row):
                add(child, (j - (len(row) - 1) / 2) * _CELL_W, y0)
            y0 += _CELL_H + _GROUP_DY * max(len(groups.get(c, [])) for c in row)
    for cid, r in edges.items():
        b.edge(cid, parent[cid], Rel.SUBORDINATE_TO.value, r)
    graph = b.build("The whole hierarchy", "", [(viz_url("committee", c), str(by_id[c].get(Prop.name) or c)) for c in tops + heads
                                                  if by_id[c].get(Prop.status) != Status.referenced])
    # the builder places big pages itself: keep the positions computed here instead
    for n in graph.nodes:
        if n["id"] in pos:
            n["x"], n["y"] = pos[n["id"]]
    for n in graph.nodes:
        n.pop("level", None)  # positions are given: vis must not lay levels out again
    # collapsed: what is below a province is hidden, and one summary node stands for it
    anchors = [c for c in heads if below.get(c)]
    hidden = {n["id"] for n in graph.nodes if n.get("anchor")}
    for n in graph.nodes:
        if n["id"] in hidden:
            n["hidden"] = True
    for e in graph.edges:
        inside = e["from"] if e["from"] in hidden else e["to"] if e["to"] in hidden else None
        if inside is not None:
            e["hidden"] = True
            e["anchor"] = b.net.node_map[inside]["anchor"]
    for e in graph.edges:
        e.pop("label", None)  # thousands of "SUBORDINATE_TO" labels hide the drawing; the tooltip names it
        e.pop("arrows", None)  # the options draw every arrow
        if not e.get("dashes"):
            e.pop("dashes", None)
    for n in graph.nodes:
        if n.get("url") is None:
            n.pop("url", None)
    for a in anchors:
        x, y = pos[a]
        count = len(below[a])
        graph.nodes.append({
            "id": f"collapsed:{a}", "label": f"▸ {count} below", "shape": "box",
            "x": x, "y": y + 55, "anchorOf": a, "kind": "collapsed",
            "color": {"background": "#fdebd0", "border": "#c0392b"}, "font": {"color": "#1b2631"}, "borderWidth": 2,
            "tip": [["below", f"{count} committees"], ["click", "open"]],
        })
        graph.edges.append({"id": f"collapsed-edge:{a}", "from": f"collapsed:{a}", "to": a, "dashes": True, "arrows": "to",
                            "collapsedOf": a})
    graph.options = _options(BIG_PAGE + 1)
    graph.options["interaction"].update(hover=True, hideEdgesOnDrag=True, hideEdgesOnZoom=True)
    graph.hierarchy = {"anchors": anchors}
    counts: dict[str, int] = defaultdict(int)
    for c in by_id.values():
        counts[c.get(Prop.level) or "?"] += 1
    graph.subtitle = f"{len(by_id)} committees (" + ", ".join(f"{k}: {v}" for k, v in sorted(counts.items(), key=lambda kv: _LEVEL_RANK.get(kv[0], 9))) + \
        f"), {sum(len(g) for g in groups.values())} working groups; click a province to open what is below it"
    graph.legend = [(f"level: {lv}", colour) for lv, colour in LEVEL_COLOURS.items() if counts.get(lv)] + \
        [(f"programme: {_short(p, 60)}", colour) for p, colour in sorted(programmes.items())[:12]]
    graph.search = True
    return graph


# --------------------------------------------------------------------------- rendering
def _swatch(kind: str) -> str:
    style = kind_style(kind)
    shape = _SWATCH.get(style["shape"], _SWATCH["dot"]).format(c=html.escape(style["color"]))
    return f'<svg class="swatch" width="18" height="18" viewBox="0 0 18 18" aria-hidden="true">{shape}</svg>'


def _static_text(name: str) -> str:
    return (STATIC_DIR / name).read_text(encoding="utf-8")


def _csp_hash(text: str) -> str:
    digest = base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii")
    return f"'sha256-{digest}'"


def render_page(graph: VizGraph, *, standalone: bool = False, filter_form: Mapping[str, str] | None = None) -> str:
    """The HTML page of a graph.

    Served pages load ``/static/vis-network.min.js``, ``/static/govkg-viz.js`` and the CSS
    from this server; ``standalone=True`` inlines them, with a CSP meta tag allowing only
    those inline blocks (by hash), for a file that works offline anywhere.

    >>> g = VizGraph("<b>x</b>", "", [{"id": "a", "label": "<img src=x onerror=alert(1)>", "kind": "Post"}], [], {})
    >>> page = render_page(g)
    >>> "<img src=x" in page, "&lt;b&gt;x&lt;/b&gt;" in page
    (False, True)
    """
    esc = html.escape
    data: dict[str, Any] = {"nodes": graph.nodes, "edges": graph.edges, "options": graph.options}
    if graph.hierarchy is not None:
        data["hierarchy"] = graph.hierarchy
    legend = "".join(f'<li>{_swatch(k)}<span>{esc(k)}</span></li>' for k in graph.kinds())
    legend += "".join(
        f'<li><svg class="swatch" width="18" height="18" viewBox="0 0 18 18" aria-hidden="true">'
        f'<rect x="1" y="3" width="16" height="12" rx="2" fill="{esc(colour, quote=True)}"/></svg><span>{esc(text)}</span></li>'
        for text, colour in graph.legend
    )
    search = (
        '<form id="govkg-search" class="filter" role="search"><label>find a committee '
        '<input id="govkg-search-input" name="q" autocomplete="off"></label> <button>find</button> '
        '<span id="govkg-search-result"></span></form>'
        if graph.search else ""
    )
    relations = ", ".join(esc(r) for r in graph.relations()) or "—"
    notes = "".join(f'<p class="note">{esc(n)}</p>' for n in graph.notes)
    links = ""
    if graph.links and not standalone:
        items = "".join(f'<li><a href="{esc(href, quote=True)}">{esc(text)}</a></li>' for href, text in graph.links[:500])
        links = f'<section class="links"><h2>Pages</h2><ul>{items}</ul></section>'
    form = ""
    if filter_form is not None and not standalone:
        options = "".join(
            f'<option value="{esc(v)}"{" selected" if filter_form.get("level") == v else ""}>{esc(v)}</option>'
            for v in ("", *(lv.value for lv in Level))
        )
        form = (
            '<form class="filter" method="get" action="/viz">'
            f'<label>level <select name="level">{options}</select></label> '
            f'<label>locality <input name="locality" value="{esc(filter_form.get("locality") or "", quote=True)}"></label> '
            "<button>show</button></form>"
        )
    nav = "" if standalone else '<nav class="top"><a href="/viz">Overview</a> · <a href="/docs">API docs</a></nav>'
    body = (
        f"<header>{nav}<h1>{esc(graph.title)}</h1><p class=\"sub\">{esc(graph.subtitle)}</p>"
        f'<p class="stats"><span id="node-count">{len(graph.nodes)}</span> nodes · '
        f'<span id="edge-count">{len(graph.edges)}</span> edges</p>{form}{search}{notes}</header>'
        '<main><div id="govkg-network" role="img" aria-label="graph"></div>'
        f'<aside class="legend"><h2>Legend</h2><ul>{legend}</ul>'
        f'<h3>Relations</h3><p class="relations">{relations}</p>'
        "<p class=\"hint\">Edge labels name the relation; hover a node or edge for its clause and quote"
        + ("" if standalone else "; double-click a committee to open its page")
        + ".</p></aside></main>"
        f"{links}"
        f'<script type="application/json" id="govkg-data">{script_json(data)}</script>'
    )
    title = f"{esc(graph.title)} · govkg"
    head = '<meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">'
    if not standalone:
        return (
            f'<!DOCTYPE html><html lang="vi"><head>{head}<title>{title}</title>'
            '<link rel="icon" href="/static/favicon.svg" type="image/svg+xml">'
            '<link rel="stylesheet" href="/static/vis-network.css"><link rel="stylesheet" href="/static/govkg-viz.css">'
            f'</head><body>{body}<script src="/static/vis-network.min.js"></script>'
            '<script src="/static/govkg-viz.js"></script></body></html>'
        )
    # inline everything; "</" cannot occur in the vendored files (checked), but make sure
    css = _static_text("vis-network.css") + "\n" + _static_text("govkg-viz.css")
    scripts = [_static_text("vis-network.min.js"), _static_text("govkg-viz.js")]
    scripts = [s.replace("</script", "<\\/script") for s in scripts]
    csp = (
        "default-src 'none'; img-src data:; "
        f"style-src {_csp_hash(css)}; script-src {' '.join(_csp_hash(s) for s in scripts)}; base-uri 'none'; form-action 'none'"
    )
    return (
        f'<!DOCTYPE html><html lang="vi"><head>{head}'
        f'<meta http-equiv="Content-Security-Policy" content="{esc(csp, quote=True)}">'
        f"<title>{title}</title><style>{css}</style></head><body>{body}"
        + "".join(f"<script>{s}</script>" for s in scripts)
        + "</body></html>"
    )


def render_quote_page(charter_id: str, text: str, start: int, end: int) -> str:
    """A page with a charter's source text, the span ``text[start:end]`` (a quote) marked.

    No script: the text is escaped into a ``<pre>``, the quote is a ``<mark id="quote">``, and
    a link at the top goes to it, so the page works under the pages' CSP.

    >>> page = render_quote_page("charter:x", "Điều 1. <Ban> Chỉ đạo", 8, 13)
    >>> '<mark id="quote">&lt;Ban&gt;</mark>' in page and "<Ban>" not in page
    True
    """
    import html

    if not 0 <= start <= end <= len(text):
        raise ValueError(f"span {start}:{end} is outside the text ({len(text)} characters)")
    esc = html.escape
    return (
        '<!doctype html><html lang="vi"><head><meta charset="utf-8">'
        f"<title>{esc(charter_id)}: quote {start}–{end}</title></head><body>"
        f"<p>{esc(charter_id)} · characters {start}–{end} of the source text · "
        '<a href="#quote">go to the quote</a></p>'
        f'<pre>{esc(text[:start])}<mark id="quote">{esc(text[start:end])}</mark>{esc(text[end:])}</pre>'
        "</body></html>"
    )
