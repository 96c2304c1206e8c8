"""Exports: networkx, node-link JSON, GraphML (Gephi, yEd) and CSV.

Every export starts from Facts: given a store, :func:`to_facts` reads the whole graph
through the store's read-only ``export_facts`` method (never the engine directly).

Edges are keyed by their ``id``. The same relation stated by two charters is two edges
with the same ``id`` (one per charter, each with its provenance); the second and later
ones get the key ``<id>@<charter>``.

Examples
--------
>>> from govkg.ontology.facts import Edge, Facts, Node
>>> f = Facts()
>>> _ = f.add_node(Node("p", ("Post",), {"name": "Trưởng Ban", "aliases": ["Trưởng ban"]}))
>>> _ = f.add_node(Node("c", ("Body", "SteeringCommittee"), {"name": "Ban Chỉ đạo"}))
>>> _ = f.add_edge(Edge("POST_IN", "p", "c", {"id": "e:1", "charter": "ch", "months": [6, 12]}))
>>> G = to_networkx(f)
>>> G.nodes["c"]["labels"], list(G.edges(keys=True, data="type"))
(['Body', 'SteeringCommittee'], [('p', 'c', 'e:1', 'POST_IN')])
>>> to_node_link(f)["links"][0]["source"], to_node_link(f)["links"][0]["type"]
('p', 'POST_IN')
"""

from __future__ import annotations

import csv
import json
from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import networkx as nx

from govkg.errors import StoreError
from govkg.graph.store import LABELS_KEY, SOURCE_KEY, TARGET_KEY, TYPE_KEY
from govkg.ontology.facts import Facts
from govkg.ontology.vocab import PROVENANCE_PROPS, Prop

__all__ = [
    "EDGE_COLUMNS",
    "NODE_COLUMNS",
    "to_facts",
    "to_networkx",
    "to_node_link",
    "write_csv",
    "write_graphml",
]

# Leading CSV columns, in this order; the other properties follow, sorted by name.
NODE_COLUMNS = (Prop.id.value, LABELS_KEY, Prop.name.value)
EDGE_COLUMNS = (
    Prop.id.value,
    TYPE_KEY,
    SOURCE_KEY,
    TARGET_KEY,
    *(p.value for p in PROVENANCE_PROPS),
)
_KEY = "key"


def to_facts(source: Any) -> Facts:
    """Facts as given, or the whole graph of a store (read-only, via ``export_facts``)."""
    if isinstance(source, Facts):
        return source
    export = getattr(source, "export_facts", None)
    if export is None:
        raise StoreError(
            f"cannot export a {type(source).__name__}: give Facts or a GraphStore", subject="export"
        )
    return export()


def to_networkx(source: Any) -> nx.MultiDiGraph:
    """A ``MultiDiGraph``: node attributes = props + ``labels``; edge key = edge id; attributes = ``type`` + props."""
    facts = to_facts(source)
    G = nx.MultiDiGraph()
    for node in facts.nodes.values():
        G.add_node(
            node.id,
            **{LABELS_KEY: list(node.labels)},
            **{k: v for k, v in node.props.items() if k != Prop.id},
        )
    seen: set[tuple[str, str, str]] = set()
    for edge in facts.edges:
        key = edge.props.get(Prop.id) or edge.id
        if (edge.source, edge.target, key) in seen:
            key = f"{key}@{edge.props.get(Prop.charter)}"
        seen.add((edge.source, edge.target, key))
        G.add_edge(edge.source, edge.target, key=key, **{TYPE_KEY: edge.type}, **edge.props)
    return G


def to_node_link(source: Any) -> dict[str, Any]:
    """networkx ``node_link_data`` of :func:`to_networkx`: nodes carry ``id``, ``labels`` and
    props; links carry ``source``, ``target``, ``key``, ``type`` and props.

    Read it back with ``nx.node_link_graph(data, edges="links")``.
    """
    G = source if isinstance(source, nx.MultiDiGraph) else to_networkx(source)
    return nx.node_link_data(G, edges="links")


def _scalar(value: Any) -> Any:
    if isinstance(value, (list, tuple, dict, set)):
        return json.dumps(sorted(value) if isinstance(value, set) else value, ensure_ascii=False)
    return value


def _uniform(items: Iterable[dict[str, Any]]) -> None:
    # GraphML declares one type per attribute: a key with mixed value types becomes text
    kinds: dict[str, set[type]] = defaultdict(set)
    items = list(items)
    for attrs in items:
        for k, v in attrs.items():
            kinds[k].add(float if type(v) is int else type(v))
    mixed = {k for k, t in kinds.items() if len(t) > 1}
    for attrs in items:
        for k in mixed & set(attrs):
            attrs[k] = str(attrs[k])


def write_graphml(G: nx.MultiDiGraph, path: str | Path) -> Path:
    """Write GraphML for Gephi or yEd: lists and maps become JSON text, ``None`` is dropped.

    >>> import tempfile, pathlib
    >>> G = nx.MultiDiGraph(); G.add_node("a", labels=["Post"], note=None); G.add_edge("a", "a", key="e", months=[6])
    'e'
    >>> p = write_graphml(G, pathlib.Path(tempfile.mkdtemp()) / "g.graphml")
    >>> H = nx.read_graphml(p); H.nodes["a"]["labels"], list(H.edges(data="months"))
    ('["Post"]', [('a', 'a', '[6]')])
    """
    H = nx.MultiDiGraph()
    for n, attrs in G.nodes(data=True):
        H.add_node(n, **{k: _scalar(v) for k, v in attrs.items() if v is not None})
    for u, v, k, attrs in G.edges(keys=True, data=True):
        H.add_edge(u, v, key=k, **{a: _scalar(x) for a, x in attrs.items() if x is not None})
    _uniform(attrs for _, attrs in H.nodes(data=True))
    _uniform(attrs for _, _, attrs in H.edges(data=True))
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    nx.write_graphml(H, path, encoding="utf-8", named_key_ids=True)
    return path


def _columns(lead: tuple[str, ...], rows: list[dict[str, Any]]) -> list[str]:
    rest = sorted({k for r in rows for k in r} - set(lead))
    return [*lead, *rest]


def _cell(value: Any) -> Any:
    if value is None:
        return ""
    return _scalar(value)


def write_csv(G: nx.MultiDiGraph, directory: str | Path) -> tuple[Path, Path]:
    """Write ``nodes.csv`` and ``edges.csv`` (UTF-8) with a stable column order.

    Nodes: ``id, labels, name``, then the other properties sorted; edges: ``id, type,
    source, target, charter, provision, quote, start, end, rule, confidence``, then the
    others sorted. Lists and maps are JSON text; ``labels`` is JSON too.
    """
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    nodes = [{Prop.id.value: n, **attrs} for n, attrs in G.nodes(data=True)]
    edges = [
        {Prop.id.value: attrs.get(Prop.id, k), **attrs, SOURCE_KEY: u, TARGET_KEY: v}
        for u, v, k, attrs in G.edges(keys=True, data=True)
    ]
    out = []
    for name, lead, rows in (("nodes.csv", NODE_COLUMNS, nodes), ("edges.csv", EDGE_COLUMNS, edges)):
        path = directory / name
        columns = _columns(lead, rows)
        with path.open("w", encoding="utf-8", newline="") as fh:
            writer = csv.DictWriter(fh, fieldnames=columns)
            writer.writeheader()
            for row in sorted(rows, key=lambda r: str(r.get(Prop.id))):
                writer.writerow({c: _cell(row.get(c)) for c in columns})
        out.append(path)
    return out[0], out[1]
