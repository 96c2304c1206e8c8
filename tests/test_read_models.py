"""graph/read_models.py: a charter, a body and the committees as JSON-able dicts, each fact with its clause."""

from __future__ import annotations

import pytest
from factories import IDS, NAMES, STORE_KINDS, make_store, seed000, seed000_amendment, seed000_old, seed004

from govkg.errors import NotFound, QueryRefused
from govkg.graph.read_models import body_view, charter_view, committee_list, history, kind_of, strip_node, who

KEY = {v: k for k, v in IDS.items()}


@pytest.fixture(scope="module", params=STORE_KINDS)
def store(request, tmp_path_factory):
    s = make_store(request.param, tmp_path_factory.mktemp(request.param))
    for facts in (seed000(), seed004()):
        s.load(facts)
    yield s
    s.close()


def test_body_view(store):
    view = body_view(store, IDS["bcd000"])
    assert view["body"]["id"] == IDS["bcd000"] and "nameFolded" not in view["body"]
    assert KEY[view["posts"][0]["post"]["id"]] == "chair"
    assert {(KEY[h["post"]], KEY[h["holder"]["id"]], h["kind"]) for h in view["holders"]} >= {("chair", "ubnd_head", "HELD_EX_OFFICIO_BY")}
    groups = {KEY[g["id"]]: g for g in view["groups"]}
    assert {"wg_smart", "wg_de06"} <= set(groups)
    assert groups["wg_smart"]["provision"] == "quy-che/dieu-8/khoan-5" and groups["wg_smart"]["quote"]
    assert [KEY[p["id"]] for p in groups["wg_smart"]["posts"]] == ["smart_leader"]
    [agency] = view["standingAgency"]
    assert (KEY[agency["id"]], agency["relation"], agency["provision"]) == ("cap", "STANDING_AGENCY_OF", "quy-che/dieu-9")
    with pytest.raises(NotFound):
        body_view(store, "body:nope")


def test_charter_view(store):
    view = charter_view(store, IDS["ch000"])
    assert view["charter"]["id"] == IDS["ch000"] and view["truncated"] is False
    edges = view["facts"]["edges"]
    assert edges and all(e["charter"] == IDS["ch000"] for e in edges)
    assert view["charter"]["edges"] == len(edges)
    assert {n["id"] for n in view["facts"]["nodes"]} >= {IDS["bcd000"], IDS["wg_smart"]}
    assert charter_view(store, IDS["ch000"], limit=2)["truncated"] is True
    with pytest.raises(NotFound):
        charter_view(store, "charter:nope")


def test_committee_list(store):
    every = committee_list(store)
    assert every["total"] == len(every["items"]) >= 2
    levels = [c.get("level") for c in every["items"]]
    order = ["national", "province", "district", "commune", None]
    assert levels == sorted(levels, key=order.index)  # top level first
    local = committee_list(store, locality="khanh khe")  # accents optional
    assert [KEY.get(c["id"]) for c in local["items"]] == ["bcd004"]
    assert committee_list(store, level="commune", limit=1)["limit"] == 1


def test_strip_node_and_kind_of():
    assert strip_node({"id": None}) is None
    assert strip_node({"id": "a", "x": None, "labels": ["b", "a"]}) == {"id": "a", "labels": ["a", "b"]}
    assert kind_of(["SteeringCommittee", "Body"]) == "SteeringCommittee" and kind_of([]) == ""


# --------------------------------------------------------------------------- who
@pytest.fixture(scope="module", params=STORE_KINDS)
def replaced(request, tmp_path_factory):
    """The Hải Dương committee under 03/QĐ-BCĐ (2026-07-01) and the 01/QĐ-BCĐ it replaced."""
    s = make_store(request.param, tmp_path_factory.mktemp(f"who-{request.param}"))
    for facts in (seed000(), seed000_old()):
        s.load(facts)
    yield s
    s.close()


def test_who_a_person_holds_seats_directly_and_ex_officio(replaced):
    answer = who(replaced, NAMES["van"])
    assert answer["subject"]["id"] == IDS["van"]
    seats = {s["post"]["id"]: s for s in answer["seats"]}
    assert list(seats) == [IDS["ubnd_head"], IDS["chair"]]  # held in person first, then ex officio
    assert [h["how"] for h in seats[IDS["ubnd_head"]]["holding"]] == ["HOLDS"]
    [ex_officio] = seats[IDS["chair"]]["holding"]
    assert ex_officio["how"] == "HELD_EX_OFFICIO_BY" and ex_officio["through"]["id"] == IDS["ubnd_head"]
    assert ex_officio["quote"] == "Chủ tịch Ủy ban nhân dân phường - Trưởng Ban Chỉ đạo"
    assert [c["committee"]["id"] for c in answer["chairs"]] == [IDS["bcd000"]]
    chair = seats[IDS["chair"]]
    [acting] = chair["actedForBy"]
    assert acting["by"]["id"] == IDS["svice"] and acting["condition"] == "khi Trưởng ban vắng mặt"
    assert acting["charterNumber"] == "03/QĐ-BCĐ" and acting["provision"] == "quy-che/dieu-6/khoan-1"
    [delegation] = chair["delegates"]
    assert delegation["to"]["id"] == IDS["svice"] and delegation["scope"] == "giải quyết công việc thuộc thẩm quyền của Trưởng Ban"
    # a post answers for its own seat and the seats it holds ex officio, the same way
    assert who(replaced, IDS["ubnd_head"])["seats"][1] == chair


def test_who_as_of_reads_the_charters_in_force(replaced):
    before = who(replaced, IDS["chair"], as_of="2026-01-01")  # only 01/QĐ-BCĐ was in force
    [seat] = before["seats"]
    assert [b["charterNumber"] for b in seat["in"]] == ["01/QĐ-BCĐ"]
    assert seat["actedForBy"] == [] and seat["delegates"] == []
    assert [c["charterNumber"] for c in before["chairs"]] == ["01/QĐ-BCĐ"]
    now = who(replaced, IDS["chair"], as_of="2026-08-01")
    assert [b["charterNumber"] for b in now["seats"][0]["in"]] == ["03/QĐ-BCĐ"]
    assert [a["condition"] for a in now["seats"][0]["actedForBy"]] == ["khi Trưởng ban vắng mặt"]


def test_who_refuses_a_body(replaced):
    with pytest.raises(QueryRefused, match="members"):
        who(replaced, IDS["bcd000"])
    with pytest.raises(NotFound):
        who(replaced, "Không Có Ai Tên Này")


# --------------------------------------------------------------------------- history
@pytest.fixture(scope="module", params=STORE_KINDS)
def versions(request, tmp_path_factory):
    """The committee (01/QĐ-BCĐ), its re-composition (03/QĐ-BCĐ, replacing it), then an amendment (05/QĐ-BCĐ)."""
    s = make_store(request.param, tmp_path_factory.mktemp(f"history-{request.param}"))
    for facts in (seed000_old(), seed000(), seed000_amendment()):
        s.load(facts)
    yield s
    s.close()


def test_history_lists_the_charters_in_order_and_what_changed(versions):
    answer = history(versions, IDS["bcd000"])
    assert [c["number"] for c in answer["charters"]] == ["01/QĐ-BCĐ", "03/QĐ-BCĐ", "05/QĐ-BCĐ"]
    recomposed, amended = answer["changes"]
    assert (recomposed["from"], recomposed["to"]) == (IDS["ch000old"], IDS["ch000"])
    # the re-composition: new seats, the chair now held ex officio, the standing agency moved
    assert {s["post"]["id"] for s in recomposed["seatsAdded"]} == {IDS["svice"], IDS["member"]}
    assert all(s["charter"] == IDS["ch000"] and s["quote"] for s in recomposed["seatsAdded"])
    assert recomposed["seatsRemoved"] == []
    [chair] = recomposed["reheld"]
    assert chair["post"]["id"] == IDS["chair"] and chair["before"] == []
    assert [h["post"]["id"] for h in chair["after"]] == [IDS["ubnd_head"]] and chair["after"][0]["provision"] == "quy-che/dieu-10/khoan-2"
    agency = recomposed["standingAgency"]
    assert [a["agency"]["id"] for a in agency["before"]] == [IDS["vp"]] and agency["before"][0]["charter"] == IDS["ch000old"]
    assert [a["agency"]["id"] for a in agency["after"]] == [IDS["cap"]] and agency["after"][0]["charter"] == IDS["ch000"]
    # the amendment adds to what stays in force
    assert [s["post"]["id"] for s in amended["seatsAdded"]] == [IDS["secretary000"]]
    [chair] = amended["reheld"]
    assert {h.get("person", {}).get("id") for h in chair["after"]} - {h.get("person", {}).get("id") for h in chair["before"]} == {IDS["binh"]}
    assert {a["agency"]["id"] for a in amended["standingAgency"]["after"]} == {IDS["cap"], IDS["vp"]}
    [cadence] = amended["cadences"]
    assert cadence["reporter"]["id"] == IDS["wg_de06"]
    assert [c["cadence"] for c in cadence["before"]] == ["P6M"]
    assert sorted((c["cadence"], c["charter"]) for c in cadence["after"]) == [("P3M", IDS["ch000am"]), ("P6M", IDS["ch000"])]


def test_who_as_of_after_an_amendment(versions):
    before = who(versions, IDS["chair"], as_of="2026-08-01")
    after = who(versions, IDS["chair"], as_of="2026-10-02")
    assert [h["person"]["id"] for h in after["seats"][0]["heldBy"] if "person" in h] == [IDS["binh"]]
    assert not [h for h in before["seats"][0]["heldBy"] if "person" in h]


def test_a_folded_edge_shows_its_first_quoted_evidence_and_each_charter_its_own(tmp_path):
    """A link two charters imply: the gazetteer's entry quotes nothing, the other quotes a căn cứ.
    Its quote is that entry's; each charter's view shows the edge with its own evidence."""
    from govkg.graph.read_models import edge_quote
    from govkg.ontology.facts import Edge, Node, fold_edge

    store = make_store("embedded", tmp_path)
    try:
        link = None
        for facts, quote in ((seed000(), ""), (seed004(), "Căn cứ")):
            cid = facts.charter_id
            facts.add_node(Node("unit:a", ("AdminUnit",), {"name": "a"}))
            facts.add_node(Node("unit:b", ("AdminUnit",), {"name": "b"}))
            link = facts.add_edge(fold_edge(Edge("WITHIN", "unit:a", "unit:b", {
                "charter": cid, "provision": "can-cu/1", "rule": "hierarchy.gazetteer" if not quote else "hierarchy.cited_committee",
                "quote": quote, "quoteStart": 7, "quoteEnd": 7 + len(quote), "confidence": 0.7, "inferred": True})))
            store.load(facts)
        where = edge_quote(store, link.id)
        assert (where["charter"], where["quote"], where["quoteStart"]) == (IDS["ch004"], "Căn cứ", 7)
        for cid in (IDS["ch000"], IDS["ch004"]):
            (mine,) = [e for e in charter_view(store, cid)["facts"]["edges"] if e.get("id") == link.id]
            assert mine["charter"] == cid and mine["charters"] == [cid]
    finally:
        store.close()
