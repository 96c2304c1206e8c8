"""Judgements (``govkg.loaders.judgements``): the file, and how analysts' decisions rewrite a charter's facts."""

from __future__ import annotations

import json

import pytest

from govkg.errors import ParseError
from govkg.loaders.judgements import (
    ANALYST,
    Judgement,
    alias_judgement,
    apply_judgements,
    judgement_id,
    merge_judgement,
    pair_judgement,
    read_judgements,
    retired_ids,
    split_id,
    write_judgements,
)
from govkg.ontology.facts import Edge, Facts, Node
from govkg.pipeline import SAMPLE_CHARTERS, extract_file

SEED = SAMPLE_CHARTERS / "000_5614ed0167487373.txt"
PHUC_LA = SAMPLE_CHARTERS / "002_b05610f85b8ab527.txt"
DOC_269 = "doc:269-2025-cp~e19628684f"


def _by_id(*judgements: Judgement) -> dict[str, Judgement]:
    return {j.id: j for j in judgements}


def test_the_file_is_sorted_stable_and_round_trips(tmp_path):
    path = tmp_path / "judgements.jsonl"
    js = [
        pair_judgement("body:b", "body:a", verdict="positive", by=ANALYST, rule="analyst.join",
                       evidence=({"charter": "c", "quote": "“x”"},)),
        alias_judgement("body:x", "Tổ công tác giúp việc", verdict="negative", by=ANALYST),
        merge_judgement(DOC_269, "charter:c", verdict="negative", by=ANALYST, reason="two acts"),
    ]
    write_judgements(path, js)
    first = path.read_text(encoding="utf-8")
    write_judgements(path, reversed(js))
    assert path.read_text(encoding="utf-8") == first  # same content, same bytes: it diffs cleanly
    lines = first.splitlines()
    assert [json.loads(line)["id"] for line in lines] == sorted(j.id for j in js)
    assert "Tổ công tác" in first  # UTF-8 as written, not escaped
    back = read_judgements(path)
    assert set(back) == {j.id for j in js}
    for j in js:
        assert back[j.id] == j and back[j.id].evidence == j.evidence


def test_a_bad_line_names_the_file_and_line(tmp_path):
    path = tmp_path / "judgements.jsonl"
    path.write_text('{"id": "a", "kind": "pair", "verdict": "positive", "ids": ["x", "y"]}\n{"id": "b"}\n', encoding="utf-8")
    with pytest.raises(ParseError, match=r"judgements.jsonl.*line 2"):
        read_judgements(path)


def test_missing_file_is_no_judgements(tmp_path):
    assert read_judgements(tmp_path / "nope.jsonl") == {}


def test_ids_are_derived_from_what_they_judge():
    assert merge_judgement("n", "c").id == merge_judgement("n", "c", verdict="negative").id == judgement_id("merge", "n", "c")
    assert merge_judgement("n", "c").id != merge_judgement("n", "d").id
    assert pair_judgement("a", "b").id == pair_judgement("b", "a").id


def test_nothing_to_apply_gives_the_same_facts():
    facts = extract_file(SEED)
    resolver_only = _by_id(merge_judgement(DOC_269, facts.charter_id, verdict="negative"))  # not an analyst's
    assert apply_judgements(facts, {}) is facts
    assert apply_judgements(facts, resolver_only) is facts


def test_a_split_gives_the_charter_its_own_node():
    facts = extract_file(SEED)
    before = [(e.type, e.source) for e in facts.edges if e.target == DOC_269]
    j = merge_judgement(DOC_269, facts.charter_id, verdict="negative", by=ANALYST)
    out = apply_judgements(facts, _by_id(j))
    new = split_id(DOC_269, facts.charter_id)
    assert DOC_269 not in out.nodes and new in out.nodes
    assert [(e.type, e.source) for e in out.edges if e.target == new] == before
    assert out.nodes[facts.charter_id].props["judgements"] == [j.id]
    assert len(out.edges) == len(facts.edges) and DOC_269 in facts.nodes  # the input is left alone
    # another charter's view of the node is untouched, but it is written again (its properties)
    other = merge_judgement(DOC_269, "charter:someone-else", verdict="negative", by=ANALYST)
    kept = apply_judgements(facts, _by_id(other))
    assert DOC_269 in kept.nodes and kept.nodes[facts.charter_id].props["judgements"] == [other.id]


def test_splitting_a_body_takes_its_posts_with_it():
    f = Facts(charter_id="ch")
    f.add_node(Node("ch", ("Charter",), {}))
    f.add_node(Node("body:c", ("Body", "SteeringCommittee"), {"name": "Ban Chỉ đạo"}))
    f.add_node(Node("post:c-chair", ("Post",), {"name": "Trưởng Ban", "role": "Chair"}))
    f.add_edge(Edge("POST_IN", "post:c-chair", "body:c", {"charter": "ch", "provision": "d1"}))
    out = apply_judgements(f, _by_id(merge_judgement("body:c", "ch", verdict="negative", by=ANALYST)))
    assert [(e.source, e.target) for e in out.edges] == [(split_id("post:c-chair", "ch"), split_id("body:c", "ch"))]


def test_an_alias_judged_wrong_is_dropped():
    facts = extract_file(PHUC_LA)
    [group] = [n for n in facts.nodes.values() if "Tổ công tác giúp việc" in n.props.get("aliases", [])]
    j = alias_judgement(group.id, "Tổ công tác giúp việc", verdict="negative", by=ANALYST)
    out = apply_judgements(facts, _by_id(j))
    assert "Tổ công tác giúp việc" not in out.nodes[group.id].props["aliases"]
    assert "Tổ giúp việc" in out.nodes[group.id].props["aliases"]
    assert len(out.edges) == len(facts.edges)
    # unsure and positive change nothing
    for verdict in ("unsure", "positive"):
        assert apply_judgements(facts, _by_id(alias_judgement(group.id, "Tổ công tác giúp việc", verdict=verdict, by=ANALYST))) is facts


def test_a_join_retires_one_id_into_the_other():
    f = Facts(charter_id="ch")
    f.add_node(Node("ch", ("Charter",), {}))
    f.add_node(Node("body:a", ("Body", "WorkingGroup"), {"name": "Tổ Công tác Đề án 06", "status": "referenced"}))
    f.add_node(Node("body:b", ("Body", "WorkingGroup"), {"name": "Tổ Công tác triển khai Đề án 06", "aliases": ["Tổ 06"]}))
    f.add_node(Node("body:w", ("Body", "SteeringCommittee"), {"name": "Ban Chỉ đạo phường"}))
    f.add_edge(Edge("REPORTS_TO", "body:w", "body:a", {"charter": "ch", "provision": "d6"}))
    f.add_edge(Edge("REPORTS_TO", "body:w", "body:b", {"charter": "ch", "provision": "d6"}))
    f.add_edge(Edge("REPORTS_TO", "body:w", "body:b", {"charter": "ch", "provision": "d7"}))
    j = pair_judgement("body:a", "body:b", verdict="positive", by=ANALYST)
    out = apply_judgements(f, _by_id(j))
    assert "body:b" not in out.nodes
    a = out.nodes["body:a"].props
    assert a["replacedIds"] == ["body:b"] and sorted(a["aliases"]) == ["Tổ 06", "Tổ Công tác triển khai Đề án 06"]
    # the clause that named both is one relation now; the other clause's stays
    assert sorted(e.props["provision"] for e in out.edges) == ["d6", "d7"]
    assert all(e.target == "body:a" for e in out.edges)
    # negative or unsure: nothing joined
    for verdict in ("negative", "unsure"):
        assert apply_judgements(f, _by_id(pair_judgement("body:a", "body:b", verdict=verdict, by=ANALYST))) is f


def test_joins_chain_and_cycles_keep_every_id():
    j1 = pair_judgement("a", "b", verdict="positive", by=ANALYST)
    j2 = pair_judgement("b", "c", verdict="positive", by=ANALYST)
    assert retired_ids(_by_id(j1, j2)) == {"b": "a", "c": "a"}
    loop = pair_judgement("b", "a", verdict="positive", by=ANALYST)
    # "a is b" and "b is a" are one pair (one id): the later decision replaces the earlier
    assert loop.id == j1.id and retired_ids(_by_id(loop)) == {"a": "b"}
    j3 = pair_judgement("c", "a", verdict="positive", by=ANALYST)
    assert retired_ids(_by_id(j1, j2, j3)) == {}  # a → b → c → a: no survivor, nothing retired


def test_a_join_keeps_the_survivors_name_where_another_charter_describes_it():
    f = Facts(charter_id="ch2")
    f.add_node(Node("ch2", ("Charter",), {}))
    f.add_node(Node("body:b", ("Body", "WorkingGroup"), {"name": "Tổ Công tác triển khai Đề án 06", "nameEn": "Team 06"}))
    f.add_node(Node("body:w", ("Body", "SteeringCommittee"), {"name": "Ban Chỉ đạo phường"}))
    f.add_edge(Edge("REPORTS_TO", "body:w", "body:b", {"charter": "ch2", "provision": "d6"}))
    j = pair_judgement("body:a", "body:b", verdict="positive", by=ANALYST)
    out = apply_judgements(f, {j.id: j})
    a = out.nodes["body:a"].props
    # body:a is not in this charter: its name is not overwritten when this charter loads
    assert "name" not in a and "nameEn" not in a
    assert a["aliases"] == ["Tổ Công tác triển khai Đề án 06"] and a["replacedIds"] == ["body:b"]
    assert [(e.source, e.target) for e in out.edges] == [("body:w", "body:a")]
