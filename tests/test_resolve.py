"""Merging facts across charters."""

from govkg.loaders.resolve import document_key, merge
from govkg.ontology.facts import Edge, Facts, Node


def test_government_act_types_unify_but_others_do_not():
    assert document_key("269/2025/NĐ-CP") == document_key("269/2025/NQ-CP")
    assert document_key("57-NQ/TW") != document_key("57-QĐ/TW")


def test_defined_wins_and_lists_union():
    a, b = Facts(), Facts()
    a.add_node(Node("x", ("Body", "Agency"), {"status": "referenced", "aliases": ["A"]}))
    b.add_node(Node("x", ("Body", "Agency"), {"status": "defined", "aliases": ["B"], "nameEn": "Police"}))
    a.add_edge(Edge("PART_OF", "x", "y", {"provision": "p"}))
    b.add_edge(Edge("PART_OF", "x", "y", {"provision": "p"}))
    m = merge([a, b])
    assert m.nodes["x"].props["status"] == "defined"
    assert m.nodes["x"].props["aliases"] == ["A", "B"]
    assert m.nodes["x"].props["nameEn"] == "Police"
    assert len(m.edges) == 1
