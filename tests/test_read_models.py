"""graph/read_models.py: a charter, a body and the committees as JSON-able dicts, each fact with its clause."""

from __future__ import annotations

import pytest
from factories import IDS, NAMES, STORE_KINDS, make_store, seed000, seed000_old, seed004

from govkg.errors import NotFound, QueryRefused
from govkg.graph.read_models import body_view, charter_view, committee_list, kind_of, strip_node, who

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
def history(request, tmp_path_factory):
    """The Hải Dương committee under 03/QĐ-BCĐ (2026-07-01) and the 01/QĐ-BCĐ it replaced."""
    s = make_store(request.param, tmp_path_factory.mktemp(f"who-{request.param}"))
    for facts in (seed000(), seed000_old()):
        s.load(facts)
    yield s
    s.close()


def test_who_a_person_holds_seats_directly_and_ex_officio(history):
    answer = who(history, NAMES["van"])
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
    assert who(history, IDS["ubnd_head"])["seats"][1] == chair


def test_who_as_of_reads_the_charters_in_force(history):
    before = who(history, IDS["chair"], as_of="2026-01-01")  # only 01/QĐ-BCĐ was in force
    [seat] = before["seats"]
    assert [b["charterNumber"] for b in seat["in"]] == ["01/QĐ-BCĐ"]
    assert seat["actedForBy"] == [] and seat["delegates"] == []
    assert [c["charterNumber"] for c in before["chairs"]] == ["01/QĐ-BCĐ"]
    now = who(history, IDS["chair"], as_of="2026-08-01")
    assert [b["charterNumber"] for b in now["seats"][0]["in"]] == ["03/QĐ-BCĐ"]
    assert [a["condition"] for a in now["seats"][0]["actedForBy"]] == ["khi Trưởng ban vắng mặt"]


def test_who_refuses_a_body(history):
    with pytest.raises(QueryRefused, match="members"):
        who(history, IDS["bcd000"])
    with pytest.raises(NotFound):
        who(history, "Không Có Ai Tên Này")
