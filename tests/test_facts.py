"""ontology/facts.py: the facts contract, and folded inferred edges (one per type and ends, with evidence)."""

from __future__ import annotations

import pytest

from govkg.ontology.facts import (
    EVIDENCE_KEYS,
    Edge,
    Facts,
    drop_evidence,
    edge_id,
    evidence,
    fold_edge,
    is_folded,
    merge_evidence,
    unfold,
)
from govkg.ontology.vocab import Prop, Rel


def inferred(charter: str, *, provision: str = "quyet-dinh/dieu-1", rule: str = "hierarchy.gazetteer",
             quote: str = "", start: int = 0, confidence: float = 0.7, **extra) -> Edge:
    """One charter's inferred SUBORDINATE_TO, as Charter.edge writes it before folding."""
    return Edge(Rel.SUBORDINATE_TO.value, "committee:ward", "committee:national", {
        Prop.charter.value: charter, Prop.provision.value: provision, Prop.rule.value: rule,
        Prop.quote.value: quote, Prop.quoteStart.value: start, Prop.quoteEnd.value: start + len(quote),
        Prop.start.value: 4, Prop.end.value: 9, Prop.confidence.value: confidence, Prop.inferred.value: True, **extra})


def test_a_folded_edge_is_keyed_by_type_and_ends_and_holds_one_evidence_entry():
    e = fold_edge(inferred("c1", quote="Quyết định số 730", start=40))
    assert is_folded(e) and e.id == edge_id(Rel.SUBORDINATE_TO.value, "committee:ward", "committee:national")
    assert [e.props[k] for k in EVIDENCE_KEYS] == [["c1"], ["quyet-dinh/dieu-1"], ["hierarchy.gazetteer"],
                                                   ["Quyết định số 730"], [40], [57]]
    # per-charter provenance and offsets into one charter's normalised text are gone from the edge itself
    assert not {"charter", "provision", "rule", "quote", "quoteStart", "quoteEnd", "start", "end"} & set(e.props)
    assert fold_edge(inferred("c1")).props["quoteStarts"] == [-1]  # no quote: -1, not an offset


def test_two_charters_implying_one_pair_give_one_edge_with_two_entries():
    facts = Facts()
    facts.add_edge(fold_edge(inferred("c2", rule="hierarchy.cited_committee", quote="730/QĐ-TTg", confidence=0.85)))
    facts.add_edge(fold_edge(inferred("c1")))
    (edge,) = facts.edges
    assert edge.props["charters"] == ["c1", "c2"] and edge.props["rules"] == ["hierarchy.gazetteer", "hierarchy.cited_committee"]
    assert edge.props["confidence"] == 0.85
    assert [q["charter"] for q in evidence(edge)] == ["c1", "c2"]
    assert [(u.props["charter"], u.props.get("quote")) for u in unfold(edge)] == [("c1", None), ("c2", "730/QĐ-TTg")]
    # Facts.merge of two charters' facts does the same
    a, b = Facts(), Facts()
    a.add_edge(fold_edge(inferred("c1")))
    b.add_edge(fold_edge(inferred("c2", rule="hierarchy.cited_committee", quote="730/QĐ-TTg", confidence=0.85)))
    assert a.merge(b).edges[0].props == edge.props


def test_merging_evidence_is_order_independent_and_idempotent():
    a = fold_edge(inferred("c1", condition="khi được phân công"))
    b = fold_edge(inferred("c2", condition="theo phân công", confidence=0.9))
    assert merge_evidence(a, b).props == merge_evidence(b, a).props
    assert merge_evidence(a, b).props["condition"] == "khi được phân công"  # from the first charter's evidence
    assert merge_evidence(merge_evidence(a, b), a).props == merge_evidence(a, b).props
    with pytest.raises(ValueError, match="not the same type and ends"):
        merge_evidence(a, fold_edge(Edge(Rel.WITHIN.value, "u1", "u2", {"charter": "c1"})))


def test_dropping_a_charters_evidence_and_the_last_one():
    both = merge_evidence(fold_edge(inferred("c1")), fold_edge(inferred("c2", provision="quyet-dinh/can-cu/3")))
    left = drop_evidence(both, "c1")
    assert left.props["charters"] == ["c2"] and left.props["provisions"] == ["quyet-dinh/can-cu/3"] and left.id == both.id
    assert drop_evidence(both, "c3").props == both.props
    assert drop_evidence(left, "c2") is None


def test_stated_edges_are_not_folded():
    stated = Edge(Rel.REPORTS_TO.value, "a", "b", {"charter": "c1", "provision": "dieu-2", "quote": "báo cáo"})
    assert not is_folded(stated) and unfold(stated) == [stated]
    assert stated.id != edge_id(Rel.REPORTS_TO.value, "a", "b")
    assert evidence(stated) == [{"charter": "c1", "provision": "dieu-2", "rule": None, "quote": "báo cáo",
                                 "quoteStart": None, "quoteEnd": None}]


def test_a_charters_facts_cross_a_process_boundary_unchanged():
    """A pooled load pickles every charter's facts: they come back equal, in order, and adding an
    edge they hold again still finds it (the id index is rebuilt)."""
    import pickle

    from govkg.pipeline import SAMPLE_CHARTERS, extract_file

    facts = extract_file(SAMPLE_CHARTERS / "000_5614ed0167487373.txt")
    back = pickle.loads(pickle.dumps(facts, protocol=pickle.HIGHEST_PROTOCOL))
    assert (back.charter_id, back.path) == (facts.charter_id, facts.path)
    assert list(back.nodes.items()) == list(facts.nodes.items())
    assert back.edges == facts.edges
    assert [list(e.props) for e in back.edges] == [list(e.props) for e in facts.edges]
    first = back.edges[0]
    assert back.add_edge(Edge(first.type, first.source, first.target, dict(first.props))) is first
    assert len(back.edges) == len(facts.edges)
