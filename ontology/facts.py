"""Facts: the nodes and edges one or more charters assert, each edge with provenance.

This is the graph contract in Python values; label and type names come from
``govkg.ontology.vocab``. Ids are deterministic: the same input gives the same id.

Examples
--------
>>> from govkg.ontology.vocab import Label, Rel
>>> f = Facts()
>>> a = f.add_node(Node(make_id("body", "Công an phường", "hai-duong"), (Label.Body, Label.Agency), {"name": "Công an phường"}))
>>> a.startswith("body:cong-an-phuong-hai-duong")
True
>>> f.add_node(Node(a, (Label.Body, Label.Agency), {"nameEn": "Ward Police"})) == a
True
>>> sorted(f.nodes[a].props)
['name', 'nameEn']
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from govkg.ontology.vocab import Label, Rel
from govkg.vn.text import slug

__all__ = ["Edge", "Facts", "Node", "edge_id", "make_id", "slugify"]

slugify = slug  # the ASCII slug of ids (govkg.vn.text.slug)


@lru_cache(maxsize=65536)  # a charter asks for the same post's and body's id again at every mention
def make_id(kind: str, *parts: str) -> str:
    """A readable, deterministic id: ``kind:slug-of-parts~hash``.

    The hash covers the full parts, so two long names sharing a slug prefix differ.
    """
    joined = "|".join(p for p in parts if p)
    digest = hashlib.blake2b(joined.encode("utf-8"), digest_size=5).hexdigest()
    return f"{kind}:{slugify('-'.join(p for p in parts if p), 48)}~{digest}"


def edge_id(type_: str, source: str, target: str, provision: str = "", extra: str = "") -> str:
    """Deterministic id of an edge, so that reloading MERGEs instead of duplicating."""
    raw = "|".join((type_, source, target, provision, extra))
    return "e:" + hashlib.blake2b(raw.encode("utf-8"), digest_size=10).hexdigest()


@dataclass(slots=True)
class Node:
    """A node: ``labels`` holds ``Body`` plus exactly one kind label for bodies."""

    id: str
    labels: tuple[str, ...]
    props: dict[str, Any] = field(default_factory=dict)

    @property
    def kind(self) -> str:
        """The most specific label (the last one)."""
        return self.labels[-1]

    @property
    def name(self) -> str:
        return self.props.get("name", "")


@dataclass(slots=True)
class Edge:
    """A directed, typed edge with its properties (provenance included)."""

    type: str
    source: str
    target: str
    props: dict[str, Any] = field(default_factory=dict)

    @property
    def id(self) -> str:
        # the charter is part of an edge's identity: two charters stating the same relation in
        # an article of the same number keep their own provenance
        return self.props.get("id") or edge_id(
            self.type, self.source, self.target, self.props.get("provision", ""), self.props.get("charter", "")
        )


@dataclass(slots=True)
class Facts:
    """Nodes by id and edges, for one charter (``charter_id`` set) or several merged."""

    nodes: dict[str, Node] = field(default_factory=dict)
    edges: list[Edge] = field(default_factory=list)
    charter_id: str | None = None
    path: str | None = None
    _index: dict[str, Edge] = field(default_factory=dict, repr=False)

    def add_node(self, node: Node) -> str:
        """Add or merge a node (existing properties win, new ones are filled in); return its id."""
        old = self.nodes.get(node.id)
        if old is None:
            self.nodes[node.id] = Node(node.id, tuple(node.labels), dict(node.props))
        else:
            for k, v in node.props.items():
                if old.props.get(k) in (None, "", [], ()):
                    old.props[k] = v
            for label in node.labels:
                if label not in old.labels:
                    old.labels = (*old.labels, label)
        return node.id

    def add_edge(self, edge: Edge) -> Edge:
        """Add an edge unless one with the same id exists; return the stored edge."""
        if len(self._index) != len(self.edges):
            self._index = {e.props.get("id") or e.id: e for e in self.edges}
        eid = edge.id
        edge.props["id"] = eid
        stored = self._index.get(eid)
        if stored is not None:
            return stored
        self.edges.append(edge)
        self._index[eid] = edge
        return edge

    def edges_of(self, type_: str | Rel) -> Iterator[Edge]:
        return (e for e in self.edges if e.type == type_)

    def nodes_with(self, label: str | Label) -> Iterator[Node]:
        return (n for n in self.nodes.values() if label in n.labels)

    def merge(self, other: Facts) -> Facts:
        """Merge ``other`` into this one (nodes by id, edges by id)."""
        for n in other.nodes.values():
            self.add_node(n)
        for e in other.edges:
            self.add_edge(Edge(e.type, e.source, e.target, dict(e.props)))
        return self

    def node_link(self) -> dict[str, Any]:
        """networkx ``node_link_data`` shape: nodes with ``labels``, links with ``type``."""
        nodes = [{"id": n.id, "labels": list(n.labels), **n.props} for n in self.nodes.values()]
        links = [{"source": e.source, "target": e.target, "type": e.type, **e.props} for e in self.edges]
        return {"directed": True, "multigraph": True, "graph": {}, "nodes": nodes, "links": links}
