"""The gold matcher counts what it should."""

from govkg.loaders.evaluate import evaluate_gold, format_table
from govkg.ontology.facts import Edge, Facts, Node


def _facts():
    f = Facts()
    f.add_node(Node("c", ("Charter",), {"name": "QĐ 1"}))
    f.add_node(Node("b", ("Body", "SteeringCommittee"), {"name": "Ban Chỉ đạo xã A", "aliases": ["Ban Chỉ đạo"]}))
    f.add_node(Node("u", ("Body", "PeoplesCommittee"), {"name": "Ủy ban nhân dân xã A", "locality": "xã A"}))
    f.add_edge(Edge("REPORTS_TO", "b", "u", {"provision": "quy-che/dieu-5/khoan-1", "cadence": "P6M"}))
    f.add_edge(Edge("ADVISES", "b", "u", {"provision": "quy-che/dieu-9"}))
    return f


GOLD = {
    "charter": "x.txt",
    "entities": {
        "bcd": {"kind": "SteeringCommittee", "names": ["Ban Chỉ đạo"]},
        "ubnd": {"kind": "PeoplesCommittee", "names": ["UBND xã"]},
    },
    "relations": [
        ["REPORTS_TO", "bcd", "ubnd", "quy-che/dieu-5", {"cadence": "P6M"}],
        ["DIRECTED_BY", "bcd", "ubnd", "quy-che/dieu-2"],
    ],
}


def test_counts():
    ev = evaluate_gold(GOLD, _facts())
    assert (ev.by_type["REPORTS_TO"].tp, ev.by_type["DIRECTED_BY"].fn, ev.by_type["ADVISES"].fp) == (1, 1, 1)
    rows = format_table([ev])
    assert rows[-1][:4] == ("TOTAL", 1, 1, 1)


def test_required_properties_are_checked():
    gold = {**GOLD, "relations": [["REPORTS_TO", "bcd", "ubnd", "quy-che/dieu-5", {"cadence": "P3M"}]]}
    assert evaluate_gold(gold, _facts()).by_type["REPORTS_TO"].fn == 1


def test_provision_must_be_under_a_gold_provision():
    gold = {**GOLD, "relations": [["REPORTS_TO", "bcd", "ubnd", "quy-che/dieu-6"]]}
    assert evaluate_gold(gold, _facts()).by_type["REPORTS_TO"].tp == 0


def test_an_inferred_edge_is_not_scored():
    """Relations an article takes over from the one it applies are inferred: the gold lists what is stated."""
    facts = _facts()
    facts.add_edge(Edge("SUPERVISES", "b", "u", {"provision": "quy-che/dieu-10", "inferred": True}))
    assert evaluate_gold(GOLD, facts).by_type["SUPERVISES"].fp == 0
    facts.add_edge(Edge("SUPERVISES", "b", "u", {"provision": "quy-che/dieu-11"}))
    assert evaluate_gold(GOLD, facts).by_type["SUPERVISES"].fp == 1
