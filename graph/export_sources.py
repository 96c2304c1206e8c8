"""Where an exported record comes from: the charter, its validity and the clause, for the Popolo and FtM exports.

A relation's source is its edge's charter, provision ref and quote. An entity's sources are the
edges that touch it (the first per charter, in id order), so each exported organization, post
or person names the charters and clauses that speak of it. Dates come from the charters'
validity (``validFrom``/``validTo``), never from the text offsets ``start``/``end``.

Examples
--------
>>> from govkg.ontology.facts import Edge, Facts, Node
>>> f = Facts()
>>> _ = f.add_node(Node("ch", ("Charter",), {"number": "03/QĐ-BCĐ", "validFrom": "2026-07-01"}))
>>> _ = f.add_node(Node("p", ("Post",), {"name": "Trưởng Ban"}))
>>> _ = f.add_node(Node("b", ("Body", "SteeringCommittee"), {"name": "Ban Chỉ đạo"}))
>>> e = f.add_edge(Edge("POST_IN", "p", "b", {"charter": "ch", "provision": "dieu-2/khoan-1", "quote": "Trưởng Ban"}))
>>> s = Sources(f)
>>> s.of_edge(e)["provision"], s.validity(e)
('dieu-2/khoan-1', ('2026-07-01', None))
>>> [x["charter"] for x in s.of_node("b")]
['ch']
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from govkg.ontology.facts import Edge, Facts, is_folded, unfold
from govkg.ontology.vocab import Label, Prop, Rel

__all__ = ["Sources", "charter_ref"]


def charter_ref(charter_id: str, provision: str | None) -> str:
    """A stable reference to a clause of a charter: ``<charter id>#<provision ref>``.

    >>> charter_ref("charter:03-qd~ab", "quy-che/dieu-8/khoan-5")
    'charter:03-qd~ab#quy-che/dieu-8/khoan-5'
    """
    return f"{charter_id}#{provision}" if provision else charter_id


class Sources:
    """Charter metadata and per-node provenance of one graph, computed once."""

    def __init__(self, facts: Facts):
        self.facts = facts
        self.charters = {n.id: n.props for n in facts.nodes_with(Label.Charter)}
        touching: dict[str, dict[str, Edge]] = defaultdict(dict)
        # a folded inferred edge speaks for each charter of its evidence
        for e in sorted((x for f in facts.edges for x in unfold(f)), key=lambda e: (str(e.props.get(Prop.id) or e.id), str(e.props.get(Prop.charter)))):
            if e.type == Rel.HAS_PROVISION:
                continue
            charter = str(e.props.get(Prop.charter) or "")
            for end in (e.source, e.target):
                held = touching[end].get(charter)
                # an edge with a quote is the better source (inferred edges have none)
                if held is None or (not held.props.get(Prop.quote) and e.props.get(Prop.quote)):
                    touching[end][charter] = e
        self._touching = touching

    def of_edge(self, edge: Edge) -> dict[str, Any]:
        """``charter`` (id), ``number`` (the charter's number, if any), ``provision`` and ``quote``
        (of a folded edge: its first evidence entry, with ``evidence``: every entry's source)."""
        if is_folded(edge):
            sources = [self.of_edge(e) for e in unfold(edge)]
            return {**sources[0], "evidence": sources}
        charter = str(edge.props.get(Prop.charter) or "")
        return {
            "charter": charter,
            "number": self.charters.get(charter, {}).get(Prop.number.value),
            "provision": edge.props.get(Prop.provision),
            "quote": edge.props.get(Prop.quote),
            "rule": edge.props.get(Prop.rule),
        }

    def of_node(self, node_id: str) -> list[dict[str, Any]]:
        """One source per charter whose edges touch the node (its first quoted edge there, by id)."""
        return [self.of_edge(e) for _, e in sorted(self._touching.get(node_id, {}).items())]

    def validity(self, edge: Edge) -> tuple[str | None, str | None]:
        """The (start, end) ISO dates of the charter that states ``edge``; of a folded edge, from the
        first start of its charters to the last end (open while one of them is)."""
        if is_folded(edge):
            spans = [self.validity(e) for e in unfold(edge)]
            starts = sorted(s for s, _ in spans if s)
            ends = [e for _, e in spans]
            return (starts[0] if starts else None, None if None in ends else max(ends))
        props = self.charters.get(str(edge.props.get(Prop.charter) or ""), {})
        start = props.get(Prop.validFrom.value) or props.get(Prop.issuedOn.value)
        return (str(start) if start else None, props.get(Prop.validTo.value))
