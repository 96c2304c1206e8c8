"""Comparing committees (``govkg.graph.compare``): topics, the side-by-side table, the parent, the seeds."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from govkg.config import Settings
from govkg.errors import NotFound
from govkg.graph.compare import (
    compare,
    generic_name,
    match_groups,
    parent_committee,
    profile,
    structure_table,
    topic_similarity,
)
from govkg.graph.embedded import EmbeddedStore
from govkg.graph.store import split_charters
from govkg.ontology.facts import Edge, Facts, Node
from govkg.ontology.vocab import Label, Prop, Rel, Role, Status

ROOT = Path(__file__).resolve().parent.parent


class Build:
    def __init__(self) -> None:
        self.facts = Facts()
        self._n = 0

    def node(self, nid: str, labels: tuple[str, ...], **props: Any) -> str:
        self.facts.add_node(Node(nid, labels, props))
        return nid

    def edge(self, type_: Rel, source: str, target: str, charter: str, **props: Any) -> None:
        self._n += 1
        base = {Prop.charter.value: charter, Prop.provision.value: f"quy-che/dieu-{self._n}", Prop.quote.value: "trích",
                Prop.start.value: 0, Prop.end.value: 5, Prop.rule.value: "test", Prop.confidence.value: 1.0}
        self.facts.add_edge(Edge(type_.value, source, target, {**base, **props}))

    def committee(self, key: str, unit: str, level: str, *, status: str = Status.defined.value, groups: dict[str, str] = (),
                  chair_held_by: str | None = None, agency: str | None = None, cadence: str | None = None,
                  bases: tuple[str, ...] = (), delegation: dict | None = None) -> str:
        charter = f"charter:{key}"
        cid = f"committee:{key}"
        self.node(charter, (Label.Charter.value,), name=f"Quyết định {key}", number=f"{key}/QĐ-BCĐ", status="signed",
                  sha256=key, issuedOn="2026-07-01")
        self.node(cid, (Label.Body.value, Label.SteeringCommittee.value), name=f"Ban Chỉ đạo {unit}", status=status,
                  level=level, locality=unit, **({"meetingCadence": cadence} if cadence else {}))
        self.edge(Rel.GOVERNS, charter, cid, charter)
        chair = self.node(f"post:{key}-chair", (Label.Post.value,), name=f"Trưởng Ban Chỉ đạo (Ban Chỉ đạo {unit})", role=Role.Chair.value)
        self.edge(Rel.POST_IN, chair, cid, charter)
        vice = self.node(f"post:{key}-vice", (Label.Post.value,), name="Phó Trưởng Ban Chỉ đạo", role=Role.ViceChair.value)
        self.edge(Rel.POST_IN, vice, cid, charter)
        if chair_held_by:
            body = self.node(f"body:{key}-ubnd", (Label.Body.value, Label.PeoplesCommittee.value), name=f"Ủy ban nhân dân {unit}")
            head = self.node(f"post:{key}-ubnd-head", (Label.Post.value,), name=f"{chair_held_by} ({'Ủy ban nhân dân ' + unit})", role=Role.Head.value)
            self.edge(Rel.POST_IN, head, body, charter)
            self.edge(Rel.HELD_EX_OFFICIO_BY, chair, head, charter)
        for i, name in enumerate(dict(groups)):
            g = self.node(f"body:{key}-wg{i}", (Label.Body.value, Label.WorkingGroup.value), name=f"{name} {unit}", status=Status.defined.value)
            self.edge(Rel.PART_OF, g, cid, charter)
            lp = self.node(f"post:{key}-wg{i}-leader", (Label.Post.value,), name=f"Tổ trưởng ({name})", role=Role.GroupLeader.value)
            self.edge(Rel.LEADS, lp, g, charter)
            self.edge(Rel.REPORTS_TO, lp, chair, charter, cadence="P1M")
        if agency:
            a = self.node(f"body:{key}-agency", (Label.Body.value, Label.Agency.value), name=f"{agency} {unit}")
            self.edge(Rel.STANDING_AGENCY_OF, a, cid, charter)
        for number in bases:
            d = self.node(f"doc:{number}", (Label.LegalDocument.value,), name=f"Nghị quyết {number}", number=number)
            self.edge(Rel.BASED_ON, charter, d, charter)
        if delegation is not None:
            self.edge(Rel.DELEGATES_TO, chair, vice, charter, **delegation)
        return cid


@pytest.fixture()
def store(tmp_path):
    settings = Settings(home=tmp_path)
    with EmbeddedStore(settings.embedded_path, settings=settings) as s:
        yield s


def load(store, facts: Facts) -> None:
    for part in split_charters(facts):
        store.load(part)


def two_wards() -> Facts:
    b = Build()
    b.committee("a", "phường Hải Dương", "commune", chair_held_by="Chủ tịch Ủy ban nhân dân phường",
                groups={"Tổ Công tác về Phát triển Đô thị thông minh": "x", "Tổ Công tác về cải cách hành chính": "y"},
                agency="Công an", cadence="P6M", bases=("57-NQ/TW", "71/NQ-CP"),
                delegation={"scope": "chủ trì cuộc họp", "condition": "khi Trưởng Ban vắng mặt"})
    b.committee("b", "xã Khánh Khê", "commune", chair_held_by="Chủ tịch UBND xã",
                groups={"Tổ công tác phát triển đô thị thông minh": "x", "Tổ Công tác liên ngành": "z"},
                agency="Công an", cadence="P3M", bases=("57-NQ/TW", "11/NQ-CP"), delegation={})
    return b.facts


def test_topic_similarity_and_generic_names():
    assert topic_similarity("Tổ Công tác về triển khai Đề án 06", "Tổ công tác Đề án 06 phường Hải An") > 0.7
    assert topic_similarity("Tổ Công tác về chuyển đổi số", "Tổ Công tác về cải cách hành chính") == 0.0
    assert generic_name("Chủ tịch UBND xã (Ủy ban nhân dân xã Khánh Khê)") == generic_name("Chủ tịch Ủy ban nhân dân phường")


def test_match_groups_pairs_by_topic_and_kind():
    a = [{"name": "Tổ Công tác về Đề án 06", "kind": "WorkingGroup"}, {"name": "Tổ Giúp việc", "kind": "SupportGroup"}]
    b = [{"name": "Tổ Giúp việc Ban Chỉ đạo", "kind": "SupportGroup"}, {"name": "Tổ công tác triển khai Đề án 06", "kind": "WorkingGroup"}]
    pairs = [(m.a["name"], m.b["name"]) for m in match_groups(a, b) if m.a and m.b]
    assert pairs == [("Tổ Công tác về Đề án 06", "Tổ công tác triển khai Đề án 06"), ("Tổ Giúp việc", "Tổ Giúp việc Ban Chỉ đạo")]
    # no pair across kinds, even with the same words
    assert all(m.a is None or m.b is None for m in match_groups([a[0]], [{"name": a[0]["name"], "kind": "SupportGroup"}]))


def test_compare_two_wards_side_by_side(store):
    load(store, two_wards())
    c = compare(store, "committee:a", "committee:b")
    rows = {(r.section, r.aspect): r for r in c.rows}
    assert rows[("committee", "level")].same is True
    assert rows[("committee", "locality")].same is False
    chair = rows[("posts", "Chair")]
    assert chair.same is True  # the People's Committee chair, whatever the ward
    assert "ex officio: Chủ tịch Ủy ban nhân dân phường" in chair.a and "Chủ tịch UBND xã" in chair.b
    smart = [r for r in c.rows if r.section == "groups" and "Đô thị thông minh" in r.aspect]
    assert len(smart) == 1 and smart[0].a != "—" and smart[0].b != "—"
    alone = {r.aspect: (r.a == "—", r.b == "—") for r in c.rows if r.section == "groups" and r.same is None}
    assert alone == {"WorkingGroup: Tổ Công tác về cải cách hành chính": (False, True), "WorkingGroup: Tổ Công tác liên ngành": (True, False)}
    assert rows[("standing agency", "Cơ quan thường trực")].same is True
    assert rows[("cadence", "meetings of the committee")].a == "P6M" and rows[("cadence", "meetings of the committee")].same is False
    delegation = next(r for r in c.rows if r.section == "delegation")
    assert delegation.same is False and "khi Trưởng Ban vắng mặt" in delegation.a
    assert [d["number"] for d in c.shared_bases] == ["57-NQ/TW"]
    assert [d["number"] for d in c.only_a_bases] == ["71/NQ-CP"] and [d["number"] for d in c.only_b_bases] == ["11/NQ-CP"]
    recs = c.records()
    assert {"section", "aspect", "phường Hải Dương", "xã Khánh Khê", "same"} == set(recs[0])
    assert c.as_dict()["legalBases"]["shared"][0]["number"] == "57-NQ/TW"


def test_compare_by_name(store):
    load(store, two_wards())
    assert compare(store, "Ban Chỉ đạo phường Hải Dương", "Ban Chỉ đạo xã Khánh Khê").b.id == "committee:b"


def _ward_and_province(province_status: str) -> Facts:
    b = Build()
    b.committee("ward", "phường Hải An", "commune", chair_held_by="Chủ tịch Ủy ban nhân dân phường", agency="Công an", cadence="P6M")
    if province_status == Status.defined:
        b.committee("city", "thành phố Hải Phòng", "province", chair_held_by="Chủ tịch Ủy ban nhân dân thành phố", agency="Công an", cadence="P3M")
    else:
        b.node("committee:city", (Label.Body.value, Label.SteeringCommittee.value), name="Ban Chỉ đạo thành phố Hải Phòng",
               status=Status.referenced.value, level="province")
    b.edge(Rel.SUBORDINATE_TO, "committee:ward", "committee:city", "charter:ward")
    return b.facts


def test_against_parent_compares_with_the_loaded_committee_above(store):
    load(store, _ward_and_province(Status.defined))
    assert parent_committee(store, "committee:ward") == "committee:city"
    c = compare(store, "committee:ward", against_parent=True)
    assert c.b.id == "committee:city"
    level = next(r for r in c.rows if r.aspect == "level")
    assert (level.a, level.b, level.same) == ("commune", "province", False)
    assert next(r for r in c.rows if r.aspect == "Chair").same is True


def test_against_parent_without_the_charter_above_says_so(store):
    load(store, _ward_and_province(Status.referenced))
    with pytest.raises(NotFound, match="not loaded"):
        compare(store, "committee:ward", against_parent=True)


def test_no_second_committee(store):
    load(store, two_wards())
    with pytest.raises(NotFound):
        compare(store, "committee:a")
    with pytest.raises(NotFound):
        compare(store, "committee:a", "Ban Chỉ đạo không có")


@pytest.fixture(scope="module")
def seed_store(tmp_path_factory):
    from govkg.pipeline import extract_paths

    settings = Settings(home=tmp_path_factory.mktemp("seeds"))
    with EmbeddedStore(settings.embedded_path, settings=settings) as s:
        load(s, extract_paths([ROOT / "data" / "charters"]))
        yield s


def test_seed_structure_table(seed_store):
    ids = [r["id"] for r in seed_store.query("MATCH (c:SteeringCommittee {status: 'defined'}) RETURN c.id AS id ORDER BY id")]
    assert len(ids) == 5
    table = structure_table(seed_store, ids)
    by = {r["aspect"]: r for r in table}
    agencies = {k: v for k, v in by["standing agency"].items() if k != "aspect"}
    assert sum(1 for v in agencies.values() if v and v.startswith("Công an")) == 4  # Khánh Khê's is the Phòng Văn hóa
    assert by["level"]["thành phố Bắc Ninh"] == "province"
    assert all(isinstance(v, int) for k, v in by["working groups"].items() if k != "aspect")


def test_seed_two_wards_share_their_smart_city_group(seed_store):
    c = compare(seed_store, "committee:2025/commune/10525", "committee:2025/commune/11413")
    smart = [m for m in c.groups if m.a and m.b and "thong minh" in generic_name(m.a["name"])]
    assert len(smart) == 1 and smart[0].similarity == 1.0
    assert next(r for r in c.rows if r.section == "standing agency").same is True
    assert any("269/2025" in (d.get("number") or "") for d in c.shared_bases)


def test_seed_profile_of_the_commune(seed_store):
    p = profile(seed_store, "committee:2025/commune/06286")
    assert p.meeting_cadence == "P3M" and p.level == "commune"
    assert {x["role"] for x in p.posts} >= {"Chair", "ViceChair"}
    assert any(g["kind"] == "StandingBoard" for g in p.groups)


def test_a_place_name_compares_the_committees_of_those_places(seed_store):
    # "Hải Dương" also names posts, groups and agencies of the ward: the one committee is meant
    c = compare(seed_store, "Hải Dương", "Hải An")
    assert c.a.id == "committee:2025/commune/10525" and c.b.id == "committee:2025/commune/11413"


def test_an_ambiguous_committee_lists_only_committees_and_asks_for_an_id(seed_store):
    from govkg.errors import Ambiguous

    with pytest.raises(Ambiguous) as caught:
        compare(seed_store, "Ban Chỉ đạo", "Hải An")
    assert "give an id" in str(caught.value) and "in_" not in str(caught.value) and "--in" not in str(caught.value)
    assert len(caught.value.candidates) >= 2
    assert all(Label.SteeringCommittee in c["labels"] for c in caught.value.candidates)
