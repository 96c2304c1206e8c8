"""The named queries (``govkg.graph.named_queries`` and ``graph/queries/*.cypher``).

The expected answers are written by hand from the fixtures in ``factories.py``. The suite
runs on the embedded store and, when ``NEO4J_URI`` is set, on Neo4j: the same query text.
"""

from __future__ import annotations

import time
from datetime import date, timedelta

import pytest
from factories import IDS, NAMES, STORE_KINDS, make_store, seed000, seed000_old, seed004

from govkg.errors import Ambiguous, NotFound, QueryRefused
from govkg.graph import named_queries as q
from govkg.graph.readonly import check_read_only

KEY = {v: k for k, v in IDS.items()}
CH000, CH000OLD, CH004 = IDS["ch000"], IDS["ch000old"], IDS["ch004"]


@pytest.fixture(scope="module", params=STORE_KINDS)
def store(request, tmp_path_factory):
    s = make_store(request.param, tmp_path_factory.mktemp(request.param))
    for facts in (seed000(), seed000_old(), seed004()):
        s.load(facts)
    yield s
    s.close()


def hops(chain):
    return [
        (h["type"], KEY[h["from"]["id"]], KEY[h["to"]["id"]], h["provision"], KEY[h["charter"]])
        for h in chain
    ]


# --------------------------------------------------------------------------- files
def test_every_named_query_is_a_guarded_read_with_provenance():
    for name in q.NAMED:
        text = q.load_query(name)
        check_read_only(text)
        assert text.startswith(f"// {name}:")
        if name != "search":
            assert "charter" in text and "provision" in text and "quote" in text
            assert "$excluded" in text  # as-of filter


def test_every_query_file_is_a_guarded_read_that_names_itself():
    """The audit, compare and view queries too: files an auditor can read, each a read-only statement."""
    names = sorted(p.stem for p in q.QUERY_DIR.glob("*.cypher"))
    assert {"audit_no_chair", "compare_groups", "view_charter", "view_subordination"} <= set(names)
    for name in names:
        text = q.load_query(name)
        check_read_only(text)
        assert text.startswith(f"// {name}: "), name


def test_load_query_and_params():
    assert q.query_params(q.load_query("chain")) == ["excluded", "id"]
    assert q.query_params(q.load_query("search")) == ["folded", "id", "max_rows"]
    with pytest.raises(NotFound):
        q.load_query("nope")
    with pytest.raises(NotFound):
        q.load_query("chain.cypher")


def test_run_named_checks_parameters(store):
    with pytest.raises(QueryRefused, match="missing parameters"):
        q.run_named(store, "members")
    rows = q.run_named(store, "members", committee=IDS["bcd000"], excluded=[CH000OLD])
    assert {KEY[r["post"]["id"]] for r in rows} == {"chair", "svice", "member"}
    assert q.valid_charters(store, "2026-01-01") == sorted([CH000OLD, CH004])
    assert q.out_of_force(store, "2026-01-01") == [CH000]
    assert q.out_of_force(store, "2026-07-01") == [CH000OLD]
    assert q.out_of_force(store, "2025-01-01") == sorted([CH000, CH000OLD, CH004])
    with pytest.raises(QueryRefused, match="ISO date"):
        q.run_named(store, "members", committee=IDS["bcd000"], as_of="last year")


# --------------------------------------------------------------------------- chain
def test_chain_seed000_working_group_via_standing_agency(store):
    chain = q.chain(store, IDS["wg_smart"])
    assert hops(chain) == [
        ("REPORTS_TO", "wg_smart", "cap", "quy-che/dieu-8/khoan-1/diem-c", "ch000"),
        ("via", "cap", "chair", "quy-che/dieu-8/khoan-1/diem-c", "ch000"),
        ("POST_IN", "chair", "bcd000", "quy-che/dieu-5", "ch000"),  # the current charter's statement
        ("SUBORDINATE_TO", "bcd000", "hp", "quy-che/dieu-12/khoan-1", "ch000"),
        ("SUBORDINATE_TO", "hp", "nat", "quy-che/dieu-12/khoan-1", "ch000"),
    ]
    first, second, third = chain[0], chain[1], chain[2]
    assert first["quote"].startswith("Kịp thời báo cáo") and first["charterNumber"] == "03/QĐ-BCĐ"
    assert first["edge"] == second["edge"] and first["inferred"] is False
    assert first["from"]["name"] == "Tổ Công tác về Phát triển Đô thị thông minh"
    assert first["from"]["labels"] == ["Body", "WorkingGroup"]
    assert second["heldBy"] == "Chủ tịch Ủy ban nhân dân phường"
    [holder] = second["heldExOfficioBy"]
    assert (KEY[holder["id"]], holder["provision"]) == ("ubnd_head", "quy-che/dieu-10/khoan-2")
    assert "heldBy" not in third
    assert chain[3]["to"]["status"] == "referenced" and chain[3]["to"]["level"] == "province"
    assert chain[4]["to"]["level"] == "national"


def test_chain_from_posts(store):
    assert hops(q.chain(store, IDS["member"])) == [
        ("REPORTS_TO", "member", "cap", "quy-che/dieu-13", "ch000"),
        ("via", "cap", "chair", "quy-che/dieu-13", "ch000"),
        ("POST_IN", "chair", "bcd000", "quy-che/dieu-5", "ch000"),
        ("SUBORDINATE_TO", "bcd000", "hp", "quy-che/dieu-12/khoan-1", "ch000"),
        ("SUBORDINATE_TO", "hp", "nat", "quy-che/dieu-12/khoan-1", "ch000"),
    ]
    # the ex-officio holder is an annotation, not a detour through the People's Committee
    assert [h[0] for h in hops(q.chain(store, IDS["chair"]))] == [
        "POST_IN",
        "SUBORDINATE_TO",
        "SUBORDINATE_TO",
    ]
    assert [h[2] for h in hops(q.chain(store, IDS["smart_leader"]))] == [
        "wg_smart",
        "cap",
        "chair",
        "bcd000",
        "hp",
        "nat",
    ]


def test_chain_seed004_prefers_only_routes_that_reach_the_top(store):
    # REPORTS_TO/ACCOUNTABLE_TO the Party standing committee is preferred in general but ends
    # there; SUBORDINATE_TO reaches the national committee
    assert hops(q.chain(store, IDS["sg004"])) == [
        ("DIRECTED_BY", "sg004", "bcd004", "quy-che/dieu-2/khoan-1", "ch004"),
        ("SUBORDINATE_TO", "bcd004", "ls", "quy-che/can-cu/5", "ch004"),
        ("SUBORDINATE_TO", "ls", "nat", "quy-che/can-cu/5", "ch004"),
    ]


def test_chain_top_and_unknown(store):
    assert q.chain(store, IDS["nat"]) == []
    with pytest.raises(NotFound):
        q.chain(store, "body:nowhere~0")


def test_chain_by_name(store):
    by_id = q.chain(store, IDS["wg_smart"])
    assert q.chain(store, "Tổ Công tác về Phát triển Đô thị thông minh") == by_id
    assert q.chain(store, "to cong tac ve phat trien do thi thong minh", in_="Hải Dương") == by_id
    assert q.chain(store, "TỔ CÔNG TÁC VỀ PHÁT TRIỂN ĐÔ THỊ THÔNG MINH") == by_id


def test_chain_as_of(store):
    # before 03/QĐ-BCĐ: the old set-up, which named no higher committee
    assert hops(q.chain(store, IDS["wg_cds"], as_of="2026-01-01")) == [
        ("REPORTS_TO", "wg_cds", "chair", "quy-che/dieu-8/khoan-3", "ch000old"),
        ("POST_IN", "chair", "bcd000", "quy-che/dieu-5", "ch000old"),
    ]
    assert "heldBy" not in q.chain(store, IDS["wg_cds"], as_of="2026-01-01")[0]
    assert q.chain(store, IDS["wg_cds"], as_of="2026-08-01") == []
    assert q.chain(store, IDS["wg_smart"], as_of="2026-01-01") == []
    assert hops(q.chain(store, IDS["wg_smart"], as_of="2026-07-01")) == hops(q.chain(store, IDS["wg_smart"]))


# --------------------------------------------------------------------------- resolve
def test_resolve_entity(store):
    assert q.resolve_entity(store, IDS["cap"])["name"] == "Công an phường"
    assert q.resolve_entity(store, "Công an phường")["id"] == IDS["cap"]
    assert q.resolve_entity(store, "cong an phuong")["id"] == IDS["cap"]
    assert q.resolve_entity(store, "Trưởng Ban Chỉ đạo", in_="Khánh Khê")["id"] == IDS["chair004"]
    assert q.resolve_entity(store, "truong ban chi dao", in_="hai duong")["id"] == IDS["chair"]
    assert q.resolve_entity(store, "Trưởng Ban Chỉ đạo", in_=IDS["bcd004"])["id"] == IDS["chair004"]
    assert q.resolve_entity(store, "Phạm Thị Thanh Vân")["id"] == IDS["van"]


def test_resolve_entity_ambiguous_lists_candidates(store):
    with pytest.raises(Ambiguous) as info:
        q.resolve_entity(store, "Trưởng Ban Chỉ đạo")
    cands = info.value.candidates
    assert {KEY[c["id"]] for c in cands} == {"chair", "chair004"}
    assert all(set(c) == {"id", "name", "labels", "locality"} and c["labels"] == ["Post"] for c in cands)
    with pytest.raises(Ambiguous) as info:
        q.resolve_entity(store, "Ban Chỉ đạo về phát triển khoa học, công nghệ")  # part of four committees
    assert {KEY[c["id"]] for c in info.value.candidates} == {"bcd000", "bcd004", "hp", "ls"}
    # part of "Công an phường" and of "Trưởng Công an phường": the one body wins
    assert q.resolve_entity(store, "cong an")["id"] == IDS["cap"]


@pytest.mark.parametrize(
    ("name", "in_"), [("Không có ban này", None), ("Trưởng Ban Chỉ đạo", "Hà Nội"), ("", None)]
)
def test_resolve_entity_not_found(store, name, in_):
    with pytest.raises(NotFound):
        q.resolve_entity(store, name, in_=in_)


@pytest.mark.parametrize(
    "value", ["' OR 1=1 //", "}) DETACH DELETE n //", "`) DETACH DELETE n //", "x'}) RETURN 1 //"]
)
def test_injection_strings_through_named_queries_are_harmless(store, value):
    before = store.content_hash()
    with pytest.raises(NotFound):
        q.resolve_entity(store, value)
    with pytest.raises(NotFound):
        q.members(store, value)
    assert q.standing_agencies(store, value) == []
    assert store.content_hash() == before


# --------------------------------------------------------------------------- committee views
def test_members(store):
    got = q.members(store, IDS["bcd000"])
    assert [(KEY[m["post"]["id"]], m["post"]["role"], KEY[m["charter"]], m["provision"]) for m in got] == [
        ("chair", "Chair", "ch000", "quy-che/dieu-5"),
        ("svice", "StandingViceChair", "ch000", "quy-che/dieu-5"),
        ("member", "Member", "ch000", "quy-che/dieu-5"),
    ]
    chair = got[0]
    assert [KEY[p["charter"]] for p in chair["postIn"]] == ["ch000", "ch000old"]  # in force first
    [holder] = chair["exOfficio"]
    assert (KEY[holder["id"]], KEY[holder["body"]["id"]], holder["provision"]) == (
        "ubnd_head",
        "ubnd",
        "quy-che/dieu-10/khoan-2",
    )
    assert [(KEY[p["id"]], p["provision"]) for p in holder["persons"]] == [("van", "quyet-dinh/chu-ky")]
    assert chair["persons"] == [] and got[1]["exOfficio"] == []


def test_members_by_name_and_as_of(store):
    assert q.members(
        store,
        "Ban Chỉ đạo về phát triển khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số và Đề án 06 xã Khánh Khê",
    ) == q.members(store, IDS["bcd004"])
    [chair004] = q.members(store, IDS["bcd004"])
    assert (KEY[chair004["post"]["id"]], KEY[chair004["exOfficio"][0]["id"]]) == ("chair004", "secretary")
    old = q.members(store, IDS["bcd000"], as_of="2026-01-01")
    assert [(KEY[m["post"]["id"]], KEY[m["charter"]], m["exOfficio"]) for m in old] == [
        ("chair", "ch000old", [])
    ]
    new = q.members(store, IDS["bcd000"], as_of="2026-08-01")
    assert [KEY[m["post"]["id"]] for m in new] == ["chair", "svice", "member"]
    assert [KEY[p["charter"]] for p in new[0]["postIn"]] == ["ch000"]


def test_delegations(store):
    got = q.delegations(store, IDS["bcd000"])
    assert [
        (
            r["type"],
            KEY[r["source"]["id"]],
            KEY[r["target"]["id"]],
            r["scope"],
            r["condition"],
            r["provision"],
            KEY[r["charter"]],
        )
        for r in got
    ] == [
        ("ACTS_FOR", "svice", "chair", None, "khi Trưởng ban vắng mặt", "quy-che/dieu-6/khoan-1", "ch000"),
        (
            "DELEGATES_TO",
            "chair",
            "svice",
            "giải quyết công việc thuộc thẩm quyền của Trưởng Ban",
            "Trong trường hợp cần thiết",
            "quy-che/dieu-5/khoan-4",
            "ch000",
        ),
    ]
    assert got[0]["quote"].endswith("khi Trưởng ban vắng mặt")
    assert q.delegations(store, IDS["bcd004"]) == []
    assert q.delegations(store, IDS["bcd000"], as_of="2026-01-01") == []


def test_reporting(store):
    got = q.reporting(store, IDS["bcd000"])
    flat = sorted(
        (
            KEY[r["reporter"]["id"]],
            KEY[r["recipient"]["id"]],
            r["via"] and KEY[r["via"]["id"]],
            r["cadence"],
            tuple(r["months"] or ()),
            r["adHoc"],
            r["provision"],
            KEY[r["charter"]],
        )
        for r in got
    )
    assert flat == sorted(
        [
            ("wg_smart", "chair", "cap", None, (), True, "quy-che/dieu-8/khoan-1/diem-c", "ch000"),
            ("wg_de06", "cap", None, "P6M", (), None, "quy-che/dieu-8/khoan-2/diem-b", "ch000"),
            ("cap", "chair", None, None, (), None, "quy-che/dieu-9/khoan-2", "ch000"),
            ("member", "chair", "cap", "P6M", (6, 12), None, "quy-che/dieu-13", "ch000"),
            ("wg_cds", "chair", None, None, (), None, "quy-che/dieu-8/khoan-3", "ch000old"),
        ]
    )
    assert all(r["quote"] for r in got)
    assert [KEY[r["reporter"]["id"]] for r in q.reporting(store, IDS["bcd000"], as_of="2026-01-01")] == [
        "wg_cds"
    ]
    [party] = q.reporting(store, IDS["bcd004"])
    assert (KEY[party["recipient"]["id"]], party["cadence"], party["adHoc"]) == ("btv", "P6M", True)


def test_standing_agencies(store):
    got = q.standing_agencies(store, "Công an phường")
    assert [
        (KEY[r["agency"]["id"]], KEY[r["committee"]["id"]], r["provision"], KEY[r["charter"]]) for r in got
    ] == [("cap", "bcd000", "quy-che/dieu-9", "ch000")]
    assert got[0]["quote"] == "Công an phường làm nhiệm vụ Cơ quan Thường trực của Ban Chỉ đạo"
    assert q.standing_agencies(store, "cong an") == got
    assert {
        (KEY[r["agency"]["id"]], KEY[r["committee"]["id"]]) for r in q.standing_agencies(store, "Văn phòng")
    } == {
        ("vp", "bcd000"),
        ("vpdu", "bcd004"),
    }
    assert [KEY[r["agency"]["id"]] for r in q.standing_agencies(store, "Văn phòng", as_of="2026-08-01")] == [
        "vpdu"
    ]
    assert [KEY[r["committee"]["id"]] for r in q.standing_agencies(store, IDS["vpdu"])] == ["bcd004"]
    assert q.standing_agencies(store, "Sở Nội vụ") == []


def test_subtree(store):
    got = q.subtree(store, IDS["bcd000"])
    assert {(KEY[r["node"]["id"]], r["depth"], KEY[r["parent"]]) for r in got} == {
        ("chair", 1, "bcd000"),
        ("svice", 1, "bcd000"),
        ("member", 1, "bcd000"),
        ("wg_smart", 1, "bcd000"),
        ("wg_de06", 1, "bcd000"),
        ("wg_cds", 1, "bcd000"),
        ("cap", 1, "bcd000"),
        ("vp", 1, "bcd000"),
        ("smart_leader", 2, "wg_smart"),
        ("cap_head", 2, "cap"),
    }
    by = {KEY[r["node"]["id"]]: r for r in got}
    assert (by["cap"]["type"], by["cap"]["provision"]) == ("STANDING_AGENCY_OF", "quy-che/dieu-9")
    assert by["smart_leader"]["type"] == "LEADS"  # LEADS and POST_IN both attach it; one row per node
    assert [r["depth"] for r in got] == sorted(r["depth"] for r in got)
    everything = q.subtree(store, IDS["nat"])
    depths = {}
    for r in everything:
        depths[r["depth"]] = depths.get(r["depth"], 0) + 1
    assert depths == {1: 2, 2: 2, 3: 12, 4: 2}
    old = q.subtree(store, IDS["bcd000"], as_of="2026-01-01")
    assert {KEY[r["node"]["id"]] for r in old} == {"chair", "wg_cds", "vp"}


def test_search(store):
    assert [KEY[r["id"]] for r in q.search(store, "hai phong")] == ["hp"]
    got = q.search(store, "Đảng ủy xã Khánh Khê")
    assert KEY[got[0]["id"]] == "du" and got[0]["exact"] is True
    assert {KEY[r["id"]] for r in got} == {"du", "btv"}
    assert {KEY[r["id"]] for r in q.search(store, "dang uy")} == {"du", "btv", "vpdu", "secretary"}
    assert [KEY[r["id"]] for r in q.search(store, IDS["sg004"])] == ["sg004"]
    assert len(q.search(store, "ban chi dao", limit=3)) == 3


# --------------------------------------------------------------------------- ranking (pure)
def _hop(t, to, level=None, labels=("Body", "SteeringCommittee"), charter=None):
    return {"type": t, "to": {"id": to, "level": level, "labels": list(labels)}, "charter": charter}


def test_rank_longer_route_between_equal_committees():
    short = [_hop("SUBORDINATE_TO", "natA", "national")]
    long_ = [_hop("PART_OF", "x", "commune"), _hop("SUBORDINATE_TO", "natB", "national")]
    assert [h["to"]["id"] for h in q.rank_routes([short, long_])] == ["x", "natB"]


def test_rank_detour_only_when_nothing_else_reaches_a_committee():
    detour = [
        _hop("HELD_EX_OFFICIO_BY", "head", labels=("Post",)),
        _hop("POST_IN", "ubnd", "commune", ("Body", "PeoplesCommittee")),
        _hop("SUBORDINATE_TO", "nat", "national"),
    ]
    plain = [_hop("POST_IN", "bcd", "commune")]
    assert [h["to"]["id"] for h in q.rank_routes([detour, plain])] == ["bcd"]
    assert [h["to"]["id"] for h in q.rank_routes([detour])] == ["head", "ubnd", "nat"]


def test_rank_without_any_committee_takes_the_highest_level():
    routes = [
        [_hop("REPORTS_TO", "party", "commune", ("Body", "PartyCommittee"))],
        [_hop("PART_OF", "g", None, ("Body", "WorkingGroup"))],
    ]
    assert [h["to"]["id"] for h in q.rank_routes(routes)] == ["party"]
    assert q.rank_routes([]) == []


def test_rank_prefers_charters_in_force_on_ties():
    old = [_hop("POST_IN", "bcd", "commune", charter="old")]
    new = [_hop("POST_IN", "bcd", "commune", charter="new")]
    assert q.rank_routes([old, new], {"old": False, "new": True})[0]["charter"] == "new"


# --------------------------------------------------------------------------- memo
def test_chain_memo_never_outlives_a_load(tmp_path):
    """chain() keeps step results per embedded store; a load must make it read the store again."""
    grown = make_store("embedded", tmp_path / "grown")
    fresh = make_store("embedded", tmp_path / "fresh")
    try:
        grown.load(seed000_old())
        before = q.chain(grown, IDS["wg_cds"])
        assert hops(before) and q._memo(grown)  # computed, and remembered
        generation = grown.generation
        grown.load(seed000())
        assert grown.generation > generation
        _assert_chains_of_both_charters(grown, fresh)
    finally:
        grown.close()
        fresh.close()


def _assert_chains_of_both_charters(grown, fresh) -> None:
    """``grown`` (seed 000's old charter, then the new one) answers as ``fresh``, which loads both now."""
    for facts in (seed000_old(), seed000()):
        fresh.load(facts)
    for start in ("wg_cds", "wg_smart", "chair"):
        assert q.chain(grown, IDS[start]) == q.chain(fresh, IDS[start])
    assert q.chain(grown, IDS["wg_smart"]) != []  # only the newer charter names this group


def test_no_memo_for_a_store_without_generations():
    class Plain:  # e.g. a Neo4j server, which other clients write
        pass

    assert q._memo(Plain()) is None


def test_chain_takes_a_resolved_start(store):
    start = q.resolve_entity(store, NAMES["wg_smart"])
    assert q.chain(store, start) == q.chain(store, IDS["wg_smart"]) != []


def test_chain_names_the_chair_of_each_defined_committee(store):
    """The chair annotation lives in the one chain (the CLI, /chains and the pages share it)."""
    chain = q.chain(store, IDS["wg_smart"])
    at_committee = [h for h in chain if KEY[h["to"]["id"]] == "bcd000"]
    assert [h["chair"] for h in at_committee] == [
        {"id": IDS["chair"], "title": "Trưởng Ban Chỉ đạo", "heldExOfficioBy": ["Chủ tịch Ủy ban nhân dân phường"]}
    ]
    assert q.chair_of(store, IDS["bcd000"]) == at_committee[0]["chair"]
    # a committee only referenced (the province's, the national one) has no chair to tell
    assert all("chair" not in h for h in chain if h["to"].get("status") == "referenced")
    assert q.chair_of(store, IDS["wg_smart"]) is None  # no Chair post in a working group


@pytest.fixture(scope="module")
def sample_store(tmp_path_factory):
    from servers import sample_home

    from govkg.config import Settings
    from govkg.graph.store import open_store

    home = sample_home(tmp_path_factory.getbasetemp(), "queries-search-home")
    with open_store(Settings(home=home), read_only=True) as s:
        yield s


@pytest.mark.parametrize(
    "text",
    ["Chủ tịch UBND phường Hải Dương", "Chủ tịch Ủy ban nhân dân phường Hải Dương", "phường Hải Dương chủ tịch ủy ban", "CHU TICH UBND PHUONG HAI DUONG"],
)
def test_search_expands_abbreviations_folds_accents_and_takes_words_in_any_order(sample_store, text):
    got = q.search(sample_store, text, limit=5)
    assert got, text
    top = got[0]
    assert top["name"].startswith("Chủ tịch Ủy ban nhân dân phường") and "Hải Dương" in top["name"]
    assert "Post" in top["labels"]


def test_search_ranks_the_whole_name_first_and_shorter_names_next(sample_store):
    got = q.search(sample_store, "Công an phường Hải Dương", limit=10)
    assert got[0]["name"] == "Công an phường Hải Dương" and got[0]["exact"]
    assert not any(r["exact"] for r in got[1:])
    assert q.search(sample_store, "hai duong cong a")[0]["name"] == "Công an phường Hải Dương"  # a word in part


def test_chain_over_a_folded_step_cites_each_charter_that_implies_it(sample_store):
    """Two sample charters imply the same SUBORDINATE_TO: one edge, and the chain's step lists both
    charters with their rules; at a date when one of them is not yet in force, only the other."""
    (link,) = sample_store.query(
        "MATCH (a)-[e:SUBORDINATE_TO]->(b) WHERE size(e.charters) > 1 "
        "RETURN a.id AS source, b.id AS target, e.charters AS charters, e.rules AS rules"
    )
    step = next(h for h in q.chain(sample_store, link["source"]) if h["from"]["id"] == link["source"])
    assert (step["type"], step["to"]["id"], step["inferred"]) == ("SUBORDINATE_TO", link["target"], True)
    assert [e["charter"] for e in step["evidence"]] == link["charters"]
    assert [e["rule"] for e in step["evidence"]] == link["rules"]
    assert all(e["charterNumber"] or e["charter"] for e in step["evidence"])
    charters = {c["id"]: c for c in sample_store.charters()}
    starts = sorted((str(charters[c].get("validFrom")), c) for c in link["charters"])
    assert starts[0][0] < starts[1][0]
    # the day before the later charter comes into force
    as_of = (date.fromisoformat(starts[1][0]) - timedelta(days=1)).isoformat()
    early = next(h for h in q.chain(sample_store, link["source"], as_of=as_of) if h["from"]["id"] == link["source"])
    assert [e["charter"] for e in early["evidence"]] == [starts[0][1]]


def test_chain_answers_are_kept_per_generation_and_dropped_by_a_load(tmp_path):
    """A snapshot reader (the API's store) answers a repeated chain from its cache, the same
    answer as computed; a load by another handle makes the reader see a new generation, and
    the answers computed before it are not served again."""
    from govkg.graph.embedded import EmbeddedStore

    writer = make_store("embedded", tmp_path)
    path, settings = writer.path, writer.settings
    writer.load(seed000_old())
    writer.close()
    reader = EmbeddedStore(path, settings=settings, read_only=True)
    try:
        start = q.resolve_entity(reader, IDS["wg_cds"])
        first = q.chain(reader, start)
        assert hops(first)
        kept = [k for k in q.generation_cache(reader) if k[0] == "chain"]
        assert len(kept) == 1  # the answer is kept ...
        assert q.chain(reader, start) == first == q._chain(reader, start, None)  # ... and is the computed one
        first[0]["to"]["name"] = "changed by a caller"
        assert q.chain(reader, start)[0]["to"]["name"] != "changed by a caller"  # a copy was handed out
        old_generation = reader.generation

        writer = EmbeddedStore(path, settings=settings)
        writer.load(seed000())
        writer.close()
        for _ in range(600):  # the reader notices the new file by a stat, then copies it in the background
            if reader.generation != old_generation:
                break
            time.sleep(0.05)
        assert reader.generation != old_generation
        assert not [k for k in q.generation_cache(reader) if k[0] == "chain"]  # nothing of the old content
        fresh = make_store("embedded", tmp_path / "fresh")
        try:
            for facts in (seed000_old(), seed000()):
                fresh.load(facts)
            for name in ("wg_cds", "wg_smart", "chair"):
                assert q.chain(reader, IDS[name]) == q.chain(fresh, IDS[name])
        finally:
            fresh.close()
        assert hops(q.chain(reader, IDS["wg_cds"])) != hops(first)  # the newer charter's provenance
    finally:
        reader.close()


# --------------------------------------------------------------------------- chain index
# undated, before the 2024 charters, between them and the 2025 ones, after them, a year alone
CHAIN_DATES = (None, "2019-01-01", "2024-06-01", "2025-07-01", "2026")


def _starts(store, every: int = 1) -> list[str]:
    """Every body, post and person (every ``every``-th), the starts a chain may be asked for."""
    ids = sorted(str(r["node"]["id"]) for r in q.run_named(store, "chain_sources", limit=10**6))
    return ids[::every]


def _refuse_queries(monkeypatch, store) -> None:
    def refuse(cypher, *args, **kwargs):
        raise AssertionError(f"a query after warm_chains: {cypher[:60]!r}")

    monkeypatch.setattr(store, "_read", refuse)


def assert_index_changes_no_chain(monkeypatch, cold, warmed, starts) -> int:
    """``chain()`` on ``warmed`` after :func:`warm_chains` makes no query and answers as ``cold`` (no index)
    does, from every start and at every date; returns the number of hops compared."""
    assert q.chain_index(warmed) is None and q.chain_index(cold) is None
    expected = {(s, d): q.chain(cold, s, as_of=d) for s in starts for d in CHAIN_DATES}
    dated = {d: q.out_of_force(cold, d) for d in CHAIN_DATES if d}
    assert q.warm_chains(warmed) > 0 and q.chain_index(warmed) is not None
    _refuse_queries(monkeypatch, warmed)  # a first chain from the index: no engine round trip
    assert {d: q.out_of_force(warmed, d) for d in dated} == dated
    for (s, d), answer in expected.items():
        assert q.chain(warmed, s, as_of=d) == answer, (s, d)
    monkeypatch.undo()
    return sum(len(a) for a in expected.values())


def test_warm_chains_changes_no_answer_on_the_test_charters(monkeypatch, tmp_path):
    warmed = make_store("embedded", tmp_path / "warmed")
    cold = make_store("embedded", tmp_path / "cold")
    try:
        for store in (warmed, cold):
            for facts in (seed000(), seed000_old(), seed004()):
                store.load(facts)
        assert assert_index_changes_no_chain(monkeypatch, cold, warmed, _starts(cold)) > 0
    finally:
        warmed.close()
        cold.close()


def test_warm_chains_changes_no_answer_on_the_sample_charters(monkeypatch, tmp_path):
    """The samples hold a REPORTS_TO through a ``via`` body, dated chairs and folded inferred steps."""
    from servers import sample_home

    from govkg.config import Settings
    from govkg.graph.store import open_store

    home = sample_home(tmp_path, "index-home")
    with open_store(Settings(home=home), read_only=True) as cold, open_store(Settings(home=home), read_only=True) as warmed:
        starts = _starts(cold)
        compared = assert_index_changes_no_chain(monkeypatch, cold, warmed, starts)
        answers = [q.chain(warmed, s) for s in starts]
    assert compared > 0
    assert any(h["type"] == q.VIA for a in answers for h in a), "no via hop: the samples no longer test it"
    assert any("chair" in h for a in answers for h in a)
    assert any(h.get("evidence") for a in answers for h in a)


def test_warm_chains_changes_no_answer_on_bench_charters(monkeypatch, tmp_path):
    """A few hundred charters of the benchmark's corpus: provinces, their communes, pre-2025 units."""
    from govkg.bench.corpus import generate_corpus
    from govkg.pipeline import load_paths

    manifest = generate_corpus(tmp_path / "corpus", seed=3, provinces=3, communes=250, legacy=4)
    warmed = make_store("embedded", tmp_path / "warmed")
    try:
        outcomes = load_paths(warmed, manifest.files(), validate=False)
        assert len(outcomes) > 230 and not [o for o in outcomes if o.status == "failed"]
        path, settings = warmed.path, warmed.settings
        warmed.close()
        from govkg.graph.embedded import EmbeddedStore

        warmed = EmbeddedStore(path, settings=settings, read_only=True)
        cold = EmbeddedStore(path, settings=settings, read_only=True)
        try:
            starts = _starts(cold, every=18)
            assert len(starts) > 300
            assert assert_index_changes_no_chain(monkeypatch, cold, warmed, starts) > 0
        finally:
            cold.close()
    finally:
        warmed.close()


def test_the_chain_index_is_dropped_by_the_next_write(tmp_path):
    """After a load, chains no longer read the index built before it: they answer from the new content."""
    grown = make_store("embedded", tmp_path / "grown")
    fresh = make_store("embedded", tmp_path / "fresh")
    try:
        grown.load(seed000_old())
        assert q.warm_chains(grown) > 0
        before = q.chain(grown, IDS["wg_cds"])
        assert hops(before) and q.chain_index(grown) is not None
        grown.load(seed000())
        assert q.chain_index(grown) is None
        _assert_chains_of_both_charters(grown, fresh)
    finally:
        grown.close()
        fresh.close()


def test_a_snapshot_reader_drops_its_chain_index_when_a_load_changes_the_file(tmp_path):
    """The API's store: warmed at start-up; another process's load makes it serve the new content."""
    from govkg.graph.embedded import EmbeddedStore

    writer = make_store("embedded", tmp_path)
    path, settings = writer.path, writer.settings
    writer.load(seed000_old())
    writer.close()
    reader = EmbeddedStore(path, settings=settings, read_only=True)
    try:
        assert q.warm_chains(reader) > 0
        first = q.chain(reader, IDS["wg_cds"])
        with pytest.raises(NotFound):
            q.chain(reader, IDS["wg_smart"])  # only the newer charter names this group
        old_generation = reader.generation
        writer = EmbeddedStore(path, settings=settings)
        writer.load(seed000())
        writer.close()
        for _ in range(600):
            if reader.generation != old_generation:
                break
            time.sleep(0.05)
        assert reader.generation != old_generation and q.chain_index(reader) is None
        assert q.chain(reader, IDS["wg_smart"]) != []
        assert hops(q.chain(reader, IDS["wg_cds"])) != hops(first)
    finally:
        reader.close()


def test_warm_chains_keeps_nothing_for_a_store_without_generations():
    class Plain:  # e.g. a Neo4j server, which other clients write
        pass

    assert q.warm_chains(Plain()) == 0
