"""Internal cross-references (``govkg.loaders.crossref``): finding, resolving, edges, topics."""

from __future__ import annotations

from pathlib import Path

import pytest
from govkg.loaders.crossref import (
    content_tokens,
    cross_references,
    find_references,
    heading_of,
    reference_topic,
    topic_fits,
)
from govkg.loaders.extract import charter_id_of, extract
from govkg.loaders.parse import parse, parse_file
from govkg.loaders.read import read_bytes
from govkg.ontology.rdf import to_rdf, validate
from govkg.ontology.vocab import Label, Prop, Rel

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "data" / "charters"

DECISION = """ỦY BAN NHÂN DÂN
PHƯỜNG HẢI AN
Số: 12/QĐ-UBND
QUYẾT ĐỊNH
Ban hành Quy chế hoạt động của Ban Chỉ đạo phường Hải An
Điều 1. Ban hành kèm theo Quyết định này Quy chế hoạt động của Ban Chỉ đạo.
Điều 2. Quyết định này có hiệu lực kể từ ngày ký.
Điều 3. Các thành viên tại Điều 1 và Điều 7 Quyết định này chịu trách nhiệm thi hành.
QUY CHẾ
Hoạt động của Ban Chỉ đạo
(Ban hành kèm theo Quyết định số 12/QĐ-UBND)
Chương I
QUY ĐỊNH CHUNG
Điều 1. Phạm vi điều chỉnh
1. Quy chế này quy định chế độ làm việc của Ban Chỉ đạo.
2. Các nội dung tại khoản 1 Điều này áp dụng cho thành viên.
Điều 2. Nhiệm vụ của thành viên
1. Tham mưu Trưởng Ban.
2. Thực hiện các nhiệm vụ tại khoản 1, 2, 3, 4 Điều 3 của Quy chế này.
3. Thực hiện chế độ báo cáo định kỳ, đột xuất theo quy định tại Điều 4 của Quy chế này.
4. Thực hiện điểm a khoản 2 Điều 3 và điểm c khoản 2 Điều 3.
5. Thực hiện khoản 2 Điều 5 Luật Tổ chức chính quyền địa phương và Điều 1 Quyết định số 1455/QĐ-UBND.
6. Theo quy định tại Chương II, từ Điều 3 đến Điều 4 của Quy chế này.
7. Giữ bí mật tài khoản 1 của cơ quan; tại thời điểm a nêu trên.
Chương II
TỔ CHỨC THỰC HIỆN
Điều 3. Chế độ làm việc
1. Ban Chỉ đạo họp định kỳ 6 tháng.
2. Các cuộc họp:
a) Họp thường kỳ;
b) Họp đột xuất.
3. Thành viên dự họp đầy đủ.
Điều 4. Chế độ báo cáo
Định kỳ hằng quý, thành viên báo cáo Trưởng Ban Chỉ đạo theo khoản này và điểm b khoản 2 Điều 3.
"""


@pytest.fixture(scope="module")
def doc():
    return parse(read_bytes(DECISION.encode("utf-8"), "decision.txt"))


@pytest.fixture(scope="module")
def refs(doc):
    return find_references(doc)


def _by_source(refs, ref):
    return [(r.target_ref, r.resolved, r.quote) for r in refs if r.source.ref == ref]


def test_parts_of_the_fixture(doc):
    assert [p.kind for p in doc.parts] == ["decision", "regulation"]


def test_decision_refers_to_its_own_articles_and_a_missing_one(refs):
    # "Điều 1 và Điều 7 Quyết định này" is one list; the decision has 3 articles
    assert _by_source(refs, "quyet-dinh/dieu-3") == [
        ("quyet-dinh/dieu-1", True, "tại Điều 1 và Điều 7 Quyết định này"),
        ("quyet-dinh/dieu-7", False, "tại Điều 1 và Điều 7 Quyết định này"),
    ]


def test_relative_clause_of_this_article(refs):
    assert _by_source(refs, "quy-che/dieu-1/khoan-2") == [("quy-che/dieu-1/khoan-1", True, "tại khoản 1 Điều này")]
    assert all(r.relative for r in refs if r.source.ref == "quy-che/dieu-1/khoan-2")


def test_clause_list_resolves_each_and_flags_the_missing(refs):
    got = _by_source(refs, "quy-che/dieu-2/khoan-2")
    assert [t for t, _, _ in got] == [f"quy-che/dieu-3/khoan-{i}" for i in (1, 2, 3, 4)]
    assert [ok for _, ok, _ in got] == [True, True, True, False]  # Điều 3 has three clauses
    assert {q for _, _, q in got} == {"tại khoản 1, 2, 3, 4 Điều 3 của Quy chế này"}


def test_quote_keeps_the_lead_in_words(refs):
    assert _by_source(refs, "quy-che/dieu-2/khoan-3") == [
        ("quy-che/dieu-4", True, "theo quy định tại Điều 4 của Quy chế này")
    ]


def test_points_of_a_clause_and_a_missing_point(refs):
    got = _by_source(refs, "quy-che/dieu-2/khoan-4")
    assert got == [
        ("quy-che/dieu-3/khoan-2/diem-a", True, "điểm a khoản 2 Điều 3"),
        ("quy-che/dieu-3/khoan-2/diem-c", False, "điểm c khoản 2 Điều 3"),
    ]


def test_references_to_other_acts_are_left_alone(refs):
    assert _by_source(refs, "quy-che/dieu-2/khoan-5") == []


def test_chapter_and_article_range(refs):
    got = _by_source(refs, "quy-che/dieu-2/khoan-6")
    assert [t for t, _, _ in got] == ["quy-che/chuong-2", "quy-che/dieu-3", "quy-che/dieu-4"]
    assert all(ok for _, ok, _ in got)


def test_homographs_are_not_units(refs):
    # "tài khoản 1", "thời điểm a" are not clause 1 and point a
    assert _by_source(refs, "quy-che/dieu-2/khoan-7") == []


def test_this_clause_in_an_article_without_clauses_is_skipped_but_the_point_resolves(refs):
    got = _by_source(refs, "quy-che/dieu-4/doan-1")
    assert got == [("quy-che/dieu-3/khoan-2/diem-b", True, "điểm b khoản 2 Điều 3")]


def test_the_regulation_of_this_decision_is_not_a_reference(refs):
    assert not any(r.source.ref in ("quyet-dinh/dieu-1", "quyet-dinh/dieu-2", "quy-che/dieu-1/khoan-1") for r in refs)


def test_edges_carry_provenance_and_point_at_the_charter_when_dangling(doc):
    edges = cross_references(doc, "charter:t")
    assert edges and all(e.type == Rel.REFERS_TO for e in edges)
    for e in edges:
        assert e.source.startswith("charter:t#")
        assert e.props[Prop.charter] == "charter:t"
        assert doc.source.original[e.props[Prop.quoteStart] : e.props[Prop.quoteEnd]] == e.props[Prop.quote]
        assert e.props[Prop.ref] and e.props[Prop.human]
    dangling = [e for e in edges if e.props[Prop.rule] == "xref.dangling"]
    assert {e.target for e in dangling} == {"charter:t"}
    assert {e.props[Prop.ref] for e in dangling} == {"quyet-dinh/dieu-7", "quy-che/dieu-3/khoan-4", "quy-che/dieu-3/khoan-2/diem-c"}
    assert len({e.id for e in edges}) == len(edges)


def test_no_reference_no_edge():
    text = "QUY CHẾ\nLàm việc\nĐiều 1. Phạm vi\nQuy chế này quy định việc làm.\nĐiều 2. Hiệu lực\nCó hiệu lực từ ngày ký.\n"
    assert cross_references(parse(read_bytes(text.encode(), "x.txt")), "charter:x") == []


def test_seed_references_resolve_and_fit():
    refs = find_references(parse_file(SEEDS / "004_b14482fbbc8d4dbb.txt"))
    got = {(r.source.ref, r.target_ref, r.resolved) for r in refs}
    assert ("quy-che/dieu-11/khoan-7", "quy-che/dieu-18", True) in got
    assert ("quy-che/dieu-10/doan-1", "quy-che/dieu-9", True) in got
    r = next(r for r in refs if r.target_ref == "quy-che/dieu-18")
    before = r.source.text[: r.start - r.source.start]
    assert topic_fits(reference_topic(before), heading_of(r.target.text), r.target.text) is True


def test_extract_adds_refers_to_and_the_rdf_validates():
    document = parse_file(SEEDS / "004_b14482fbbc8d4dbb.txt")
    facts = extract(document)
    cid = charter_id_of(document)
    edges = [e for e in facts.edges if e.type == Rel.REFERS_TO]
    assert len(edges) == 2
    for e in edges:
        assert Label.Provision in facts.nodes[e.source].labels
        assert Label.Provision in facts.nodes[e.target].labels
        assert e.props[Prop.charter] == cid
    graph = to_rdf(facts)
    result = validate(graph, raise_on_violation=False)
    assert not [v for v in result.violations if "REFERS_TO" in str(v.get("focus")) or v.get("shape") == "ProvisionShape"]


def test_topic_helpers():
    assert heading_of("Điều 9. Nhiệm vụ và quyền hạn của các Phó Trưởng Ban chỉ đạo\n1. …") == (
        "Nhiệm vụ và quyền hạn của các Phó Trưởng Ban chỉ đạo"
    )
    assert reference_topic("a) Họp thường kỳ; thực hiện chế độ báo cáo ") == "thực hiện chế độ báo cáo"
    assert content_tokens("Điều 18 của Quy chế này") == {"che"}
    assert topic_fits("chế độ báo cáo định kỳ", "Kinh phí hoạt động") is False
    assert topic_fits("Thủ trưởng các cơ quan và các thành viên", "Kiện toàn Ban Chỉ đạo", "gồm các thành viên sau") is True
    assert topic_fits("", "Chế độ báo cáo") is None
