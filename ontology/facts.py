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
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from govkg.ontology.vocab import EVIDENCE_PROPS, Label, Prop, Rel
from govkg.vn.text import slug

__all__ = [
    "EVIDENCE_KEYS",
    "Edge",
    "Facts",
    "Node",
    "drop_evidence",
    "edge_id",
    "evidence",
    "fold_edge",
    "is_folded",
    "keep_evidence",
    "make_id",
    "merge_evidence",
    "slugify",
    "unfold",
]

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
        if Prop.charters in self.props:
            # a folded inferred edge: one per (type, source, target), whichever charters imply it
            return self.props.get("id") or edge_id(self.type, self.source, self.target)
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
        """Add an edge unless one with the same id exists; return the stored edge.

        A folded edge that is already there takes the new one's evidence (see :func:`merge_evidence`).
        """
        if len(self._index) != len(self.edges):
            self._index = {e.props.get("id") or e.id: e for e in self.edges}
        eid = edge.id
        edge.props["id"] = eid
        stored = self._index.get(eid)
        if stored is not None:
            if is_folded(stored) and is_folded(edge):
                stored.props = merge_evidence(stored, edge).props
            return stored
        self.edges.append(edge)
        self._index[eid] = edge
        return edge

    def __reduce__(self):
        # Every charter's facts cross a process boundary in a pooled load, and the single writer
        # unpickles them on its critical path: plain tuples rebuilt in one call load ~20% faster than
        # each node's and edge's slot state, and the edge index is rebuilt on demand (see add_edge).
        nodes = [(n.id, n.labels, n.props) for n in self.nodes.values()]
        edges = [(e.type, e.source, e.target, e.props) for e in self.edges]
        return _facts_from_tuples, (self.charter_id, self.path, nodes, edges)

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


def _facts_from_tuples(
    charter_id: str | None, path: str | None, nodes: list[tuple], edges: list[tuple]
) -> Facts:
    """Facts as :meth:`Facts.__reduce__` gives them to pickle.

    >>> import pickle
    >>> f = Facts(charter_id="c")
    >>> _ = f.add_node(Node("a", ("Post",), {"name": "A"})); _ = f.add_edge(Edge("POST_IN", "a", "b"))
    >>> g = pickle.loads(pickle.dumps(f))
    >>> (g.nodes == f.nodes, g.edges == f.edges, g.charter_id, g.add_edge(Edge("POST_IN", "a", "b")) is g.edges[0])
    (True, True, 'c', True)
    """
    facts = Facts(charter_id=charter_id, path=path)
    facts.nodes = {n[0]: Node(*n) for n in nodes}
    facts.edges = [Edge(*e) for e in edges]
    return facts


# --------------------------------------------------------------------------- folded inferred edges
#: the evidence lists of a folded edge, aligned: entry i is (charter, provision, rule, quote, start, end)
EVIDENCE_KEYS: tuple[str, ...] = tuple(p.value for p in EVIDENCE_PROPS)
# the per-charter provenance a folded edge holds in its evidence lists instead
_SINGLE_KEYS = (Prop.charter.value, Prop.provision.value, Prop.rule.value, Prop.quote.value, Prop.quoteStart.value, Prop.quoteEnd.value)
# offsets into one charter's normalised text: meaningless on an edge several charters share
_PER_CHARTER = frozenset({*_SINGLE_KEYS, Prop.start.value, Prop.end.value, "id"})

Entry = tuple[str, str, str, str, int, int]


_CHARTERS = Prop.charters.value


def is_folded(edge: Edge) -> bool:
    """Whether ``edge`` is a folded inferred edge (it lists its evidence in ``charters`` …)."""
    return _CHARTERS in edge.props


def _entries(edge: Edge) -> list[Entry]:
    p = edge.props
    return list(zip(*(p.get(k) or [] for k in EVIDENCE_KEYS), strict=True))


def _with_entries(edge: Edge, head: dict[str, Any], entries: list[Entry], confidence: Any) -> Edge:
    entries = sorted(set(entries))
    props = {k: v for k, v in head.items() if k not in EVIDENCE_KEYS and k not in _PER_CHARTER}
    for i, key in enumerate(EVIDENCE_KEYS):
        props[key] = [e[i] for e in entries]
    props[Prop.inferred.value] = True
    if confidence is not None:
        props[Prop.confidence.value] = confidence
    props["id"] = edge_id(edge.type, edge.source, edge.target)
    return Edge(edge.type, edge.source, edge.target, props)


def fold_edge(edge: Edge) -> Edge:
    """One charter's inferred edge in folded form: its id from type, source and target only, its
    provenance as one evidence entry (``""`` / ``-1`` where the rule quotes no words).

    >>> e = fold_edge(Edge("SUBORDINATE_TO", "a", "b", {"charter": "c1", "provision": "dieu-1", "rule": "r",
    ...     "quote": "", "quoteStart": 0, "quoteEnd": 0, "start": 0, "end": 0, "confidence": 0.7, "inferred": True}))
    >>> e.id == edge_id("SUBORDINATE_TO", "a", "b"), e.props["charters"], e.props["quoteStarts"], "charter" in e.props
    (True, ['c1'], [-1], False)
    """
    if is_folded(edge):
        return Edge(edge.type, edge.source, edge.target, dict(edge.props))
    p = edge.props
    quote = str(p.get(Prop.quote.value) or "")
    entry = (
        str(p.get(Prop.charter.value) or ""),
        str(p.get(Prop.provision.value) or ""),
        str(p.get(Prop.rule.value) or ""),
        quote,
        int(p.get(Prop.quoteStart.value, -1)) if quote else -1,
        int(p.get(Prop.quoteEnd.value, -1)) if quote else -1,
    )
    return _with_entries(edge, p, [entry], p.get(Prop.confidence.value))


def _head(edge: Edge) -> tuple:
    # the edge whose first evidence sorts first gives the properties beside the evidence, so that
    # merging in any order gives the same edge
    return (min(_entries(edge), default=()), sorted((k, str(v)) for k, v in edge.props.items()))


def merge_evidence(a: Edge, b: Edge) -> Edge:
    """The folded edge with the evidence of both ``a`` and ``b`` (same type and ends), sorted by
    charter; ``confidence`` is the highest; other properties come from the edge whose first
    evidence sorts first, filled in from the other.

    >>> a = fold_edge(Edge("WITHIN", "u1", "u2", {"charter": "c2", "rule": "r", "confidence": 0.7}))
    >>> b = fold_edge(Edge("WITHIN", "u1", "u2", {"charter": "c1", "rule": "r", "confidence": 0.9}))
    >>> m = merge_evidence(a, b); m.props["charters"], m.props["confidence"]
    (['c1', 'c2'], 0.9)
    >>> merge_evidence(b, a).props == m.props
    True
    """
    if (a.type, a.source, a.target) != (b.type, b.source, b.target):
        raise ValueError(f"cannot merge the evidence of {a.id} and {b.id}: not the same type and ends")
    a, b = fold_edge(a), fold_edge(b)
    first, second = sorted((a, b), key=_head)
    head = {**{k: v for k, v in second.props.items() if v not in (None, "", [], ())}, **first.props}
    scores = [x.props.get(Prop.confidence.value) for x in (a, b) if x.props.get(Prop.confidence.value) is not None]
    return _with_entries(first, head, _entries(a) + _entries(b), max(scores) if scores else None)


def keep_evidence(edge: Edge, keep: Callable[[str], bool]) -> Edge | None:
    """The folded edge with only the evidence of the charters ``keep`` accepts; ``None`` when none is left."""
    entries = [e for e in _entries(edge) if keep(e[0])]
    if not entries:
        return None
    return _with_entries(edge, edge.props, entries, edge.props.get(Prop.confidence.value))


def drop_evidence(edge: Edge, charter: str) -> Edge | None:
    """The folded edge without ``charter``'s evidence; ``None`` when no evidence is left.

    >>> m = merge_evidence(fold_edge(Edge("WITHIN", "u1", "u2", {"charter": "c1"})),
    ...                    fold_edge(Edge("WITHIN", "u1", "u2", {"charter": "c2"})))
    >>> drop_evidence(m, "c1").props["charters"], drop_evidence(drop_evidence(m, "c1"), "c2")
    (['c2'], None)
    """
    return keep_evidence(edge, lambda c: c != charter)


def evidence(edge: Edge | Mapping[str, Any]) -> list[dict[str, Any]]:
    """The provenance of an edge as a list of ``{charter, provision, rule, quote, quoteStart, quoteEnd}``:
    one entry for a stated edge, one per evidence entry for a folded one.

    >>> evidence({"charter": "c1", "provision": "dieu-2", "rule": "r", "quote": "x", "quoteStart": 3, "quoteEnd": 4})
    [{'charter': 'c1', 'provision': 'dieu-2', 'rule': 'r', 'quote': 'x', 'quoteStart': 3, 'quoteEnd': 4}]
    >>> [e["charter"] for e in evidence({"charters": ["c1", "c2"], "provisions": ["a", "b"], "rules": ["r", "r"],
    ...     "quotes": ["", ""], "quoteStarts": [-1, -1], "quoteEnds": [-1, -1]})]
    ['c1', 'c2']
    """
    props = edge.props if isinstance(edge, Edge) else edge
    if not props.get(Prop.charters.value):
        return [{k: props.get(k) for k in _SINGLE_KEYS}]
    n = len(props[Prop.charters.value])
    # a projection may leave some lists out (a query reading only charters and rules): None there
    lists = [props.get(k) or [None] * n for k in EVIDENCE_KEYS]
    return [dict(zip(_SINGLE_KEYS, row, strict=True)) for row in zip(*lists, strict=True)]


def unfold(edge: Edge) -> list[Edge]:
    """The edge as each charter states or implies it: itself for a stated edge; for a folded one,
    one edge per evidence entry with that entry's ``charter``, ``provision``, ``rule`` and quote
    (no quote where the rule has none), beside the edge's other properties and its ``id``.

    >>> e = merge_evidence(fold_edge(Edge("WITHIN", "u1", "u2", {"charter": "c2", "rule": "r"})),
    ...                    fold_edge(Edge("WITHIN", "u1", "u2", {"charter": "c1", "rule": "r"})))
    >>> [(x.props["charter"], x.props["id"] == e.id, "quote" in x.props) for x in unfold(e)]
    [('c1', True, False), ('c2', True, False)]
    """
    if not is_folded(edge):
        return [edge]
    head = {k: v for k, v in edge.props.items() if k not in EVIDENCE_KEYS}
    head["id"] = edge.id
    out = []
    for entry in evidence(edge):
        props = {**head, **{k: v for k, v in entry.items() if v not in (None, "", -1)}}
        out.append(Edge(edge.type, edge.source, edge.target, props))
    return out
