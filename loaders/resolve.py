"""Facts of several charters merged into one graph: one node per real entity.

Ids are already content-derived (a committee by its administrative unit, an outside body by
kind, name and unit, an act by its normalised number), so most merging is by id. What this
step adds: a body defined by one charter and referenced by another keeps ``status: defined``;
aliases and number spellings are unioned; an act cited under two types ("269/2025/NĐ-CP"
and "269/2025/NQ-CP") is one node that records both.

Examples
--------
>>> from govkg.ontology.facts import Facts, Node
>>> a, b = Facts(), Facts()
>>> _ = a.add_node(Node("c1", ("Body", "SteeringCommittee"), {"status": "referenced", "aliases": ["BCĐ tỉnh"]}))
>>> _ = b.add_node(Node("c1", ("Body", "SteeringCommittee"), {"status": "defined", "aliases": ["Ban Chỉ đạo tỉnh"]}))
>>> m = merge([a, b])
>>> m.nodes["c1"].props["status"], sorted(m.nodes["c1"].props["aliases"])
('defined', ['BCĐ tỉnh', 'Ban Chỉ đạo tỉnh'])
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from govkg.ontology.facts import Edge, Facts, Node
from govkg.ontology.vocab import Prop, Status

__all__ = ["document_key", "merge"]

_LIST_PROPS = (Prop.aliases.value, Prop.numberVariants.value, Prop.docTypeVariants.value)


def document_key(number: str) -> str:
    """The identity of an act's number: the type letters of a Government act dropped.

    Resolutions and decrees of the Government share one number sequence per year, and the
    charters confuse them ("269/2025/NĐ-CP" vs "269/2025/NQ-CP"); Party numbers keep their form.

    >>> document_key("269/2025/NĐ-CP") == document_key("269/2025/NQ-CP")
    True
    >>> document_key("71/NQ-CP") == document_key("71/QĐ-CP")
    False
    >>> document_key("11/NQ/CP") == document_key("11/NQ-CP")
    True
    """
    n = re.sub(r"\s+", "", number.upper()).replace("/CP", "-CP")
    m = re.fullmatch(r"(\d+)/(\d{4})/(?:NĐ|NQ|ND)-CP", n)
    if m:
        return f"{m.group(1)}/{m.group(2)}/*-CP"
    return n


def merge(parts: Iterable[Facts]) -> Facts:
    """One ``Facts`` holding every node and edge of ``parts``, entities unified."""
    out = Facts()
    for facts in parts:
        for node in facts.nodes.values():
            _merge_node(out, node)
        for e in facts.edges:
            out.add_edge(Edge(e.type, e.source, e.target, dict(e.props)))
    return out


def _merge_node(out: Facts, node: Node) -> None:
    old = out.nodes.get(node.id)
    if old is None:
        out.add_node(Node(node.id, node.labels, {k: (list(v) if isinstance(v, list) else v) for k, v in node.props.items()}))
        return
    new_status = node.props.get(Prop.status.value)
    if new_status == Status.defined.value:
        old.props[Prop.status.value] = new_status
    for key in _LIST_PROPS:
        merged = list(old.props.get(key, []))
        for v in node.props.get(key, []):
            if v not in merged:
                merged.append(v)
        if merged:
            old.props[key] = merged
    out.add_node(node)
