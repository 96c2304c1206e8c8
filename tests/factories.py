"""Hand-built Facts for the graph tests, shaped like the sample charters.

- :func:`seed000` — a ward committee (phường Hải Dương, Quyết định 03/QĐ-BCĐ of 2026-07-01)
  with working groups, Công an phường as standing agency, posts (the Chair held ex officio
  by the ward People's Committee chair), a REPORTS_TO with ``via``, the city committee of
  Hải Phòng (referenced) and the national committee, linked by SUBORDINATE_TO.
- :func:`seed000_old` — the decision it replaces (01/QĐ-BCĐ of 2025-08-05).
- :func:`seed004` — a Party-led commune committee (xã Khánh Khê, Lạng Sơn) sharing the
  national committee and the 57-NQ/TW document with seed 000.
- :func:`broken` — a charter whose last edge points at a node that exists nowhere.
- :func:`bulk_charter` — a large synthetic charter for the crash test.

Ids come from ``make_id`` like the extractor's; ``IDS`` maps short keys to them.

>>> f = seed000()
>>> f.charter_id == IDS["ch000"], len(f.edges) > 20
(True, True)
"""

from __future__ import annotations

import os
from typing import Any

import pytest
from govkg.ontology.facts import Edge, Facts, Node, edge_id, make_id
from govkg.ontology.vocab import Label, Level, Prop, Rel, Role, Status

from govkg.config import Settings

__all__ = [
    "ENGINE_GAPS",
    "IDS",
    "NAMES",
    "NEO4J_REASON",
    "STORE_KINDS",
    "Charter",
    "bolt_engine",
    "broken",
    "bulk_charter",
    "make_store",
    "seed000",
    "seed000_old",
    "seed004",
    "sparql_write_attempts",
    "wipe_neo4j",
    "xfail_on_engine_gap",
]

NAMES = {
    "bcd000": "Ban Chỉ đạo về phát triển khoa học, công nghệ, đổi mới sáng tạo, chuyển đổi số, cải cách hành chính và Đề án 06 phường Hải Dương",
    "wg_smart": "Tổ Công tác về Phát triển Đô thị thông minh",
    "wg_de06": "Tổ Công tác về triển khai Đề án 06",
    "wg_cds": "Tổ Công tác về chuyển đổi số",
    "cap": "Công an phường",
    "vp": "Văn phòng HĐND và UBND phường",
    "ubnd": "Ủy ban nhân dân phường Hải Dương",
    "hp": "Ban Chỉ đạo về phát triển khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số thành phố Hải Phòng",
    "nat": "Ban Chỉ đạo Trung ương về phát triển khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số",
    "bcd004": "Ban Chỉ đạo về phát triển khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số và Đề án 06 xã Khánh Khê",
    "sg004": "Tổ Giúp việc Ban Chỉ đạo",
    "sb004": "Thường trực Ban Chỉ đạo",
    "btv": "Ban Thường vụ Đảng ủy xã Khánh Khê",
    "du": "Đảng ủy xã Khánh Khê",
    "vpdu": "Văn phòng Đảng ủy",
    "ls": "Ban Chỉ đạo về phát triển khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số tỉnh Lạng Sơn",
    "van": "Phạm Thị Thanh Vân",
    "bad_group": "Tổ lỗi",
}


def _body(key: str, locality: str = "") -> str:
    return make_id("body", NAMES[key], locality)


def _post(body_id: str, role: Role, name: str) -> str:
    return make_id("post", body_id, role.value, name)


IDS: dict[str, str] = {
    "ch000": make_id("charter", "03/QĐ-BCĐ", "hai-duong"),
    "ch000old": make_id("charter", "01/QĐ-BCĐ", "hai-duong"),
    "ch004": make_id("charter", "quy-che-khanh-khe"),
    "bcd000": _body("bcd000", "Hải Dương"),
    "wg_smart": _body("wg_smart", "Hải Dương"),
    "wg_de06": _body("wg_de06", "Hải Dương"),
    "wg_cds": _body("wg_cds", "Hải Dương"),
    "cap": _body("cap", "Hải Dương"),
    "vp": _body("vp", "Hải Dương"),
    "ubnd": _body("ubnd", "Hải Dương"),
    "hp": _body("hp", "Hải Phòng"),
    "nat": _body("nat"),
    "bcd004": _body("bcd004", "Khánh Khê"),
    "sg004": _body("sg004", "Khánh Khê"),
    "sb004": _body("sb004", "Khánh Khê"),
    "btv": _body("btv", "Khánh Khê"),
    "du": _body("du", "Khánh Khê"),
    "vpdu": _body("vpdu", "Khánh Khê"),
    "ls": _body("ls", "Lạng Sơn"),
    "doc57": make_id("doc", "57-NQ/TW"),
    "doc01": make_id("doc", "01/QĐ-BCĐ"),
    "van": make_id("person", NAMES["van"]),
    "chbad": make_id("charter", "99/QĐ-BCĐ"),
    "bad_group": make_id("body", NAMES["bad_group"]),
}
IDS.update(
    {
        "chair": _post(IDS["bcd000"], Role.Chair, "Trưởng Ban Chỉ đạo"),
        "svice": _post(IDS["bcd000"], Role.StandingViceChair, "Phó Trưởng Ban Thường trực"),
        "member": _post(IDS["bcd000"], Role.Member, "Thành viên Ban Chỉ đạo"),
        "smart_leader": _post(IDS["wg_smart"], Role.GroupLeader, "Tổ trưởng"),
        "ubnd_head": _post(IDS["ubnd"], Role.Head, "Chủ tịch Ủy ban nhân dân phường"),
        "cap_head": _post(IDS["cap"], Role.Head, "Trưởng Công an phường"),
        "chair004": _post(IDS["bcd004"], Role.Chair, "Trưởng Ban Chỉ đạo"),
        "secretary": _post(IDS["du"], Role.Head, "Bí thư Đảng ủy"),
    }
)


class Charter:
    """A small builder: nodes by key, edges with full provenance."""

    def __init__(self, key: str, props: dict[str, Any]):
        self.key = key
        self.id = IDS[key]
        self.facts = Facts(charter_id=self.id, path=f"{key}.txt")
        self.facts.add_node(
            Node(self.id, (Label.Charter.value,), {Prop.status.value: Status.signed.value, **props})
        )
        self._offset = 0

    def body(self, key: str, kind: Label, **props: Any) -> str:
        props = {Prop.name.value: NAMES[key], **props}
        self.facts.add_node(Node(IDS[key], (Label.Body.value, kind.value), props))
        return IDS[key]

    def post(self, key: str, name: str, role: Role) -> str:
        self.facts.add_node(
            Node(IDS[key], (Label.Post.value,), {Prop.name.value: name, Prop.role.value: role.value})
        )
        return IDS[key]

    def node(self, key: str, label: Label, **props: Any) -> str:
        self.facts.add_node(Node(IDS[key], (label.value,), props))
        return IDS[key]

    def edge(self, type_: Rel, source: str, target: str, provision: str, quote: str, **props: Any) -> Edge:
        start = self._offset
        self._offset += len(quote) + 1
        out = {
            Prop.charter.value: self.id,
            Prop.provision.value: provision,
            Prop.quote.value: quote,
            Prop.start.value: start,
            Prop.end.value: start + len(quote),
            Prop.rule.value: "fixture",
            Prop.confidence.value: 1.0,
            **props,
        }
        return self.facts.add_edge(Edge(type_.value, IDS.get(source, source), IDS.get(target, target), out))


def _higher_committees(
    c: Charter, local: str, local_key: str, province_key: str, province_loc: str, provision: str
) -> None:
    c.body(
        province_key,
        Label.SteeringCommittee,
        level=Level.province.value,
        locality=province_loc,
        status=Status.referenced.value,
    )
    c.body("nat", Label.SteeringCommittee, level=Level.national.value, status=Status.referenced.value)
    c.edge(
        Rel.SUBORDINATE_TO,
        local_key,
        province_key,
        provision,
        f"Ban Chỉ đạo {local} chịu sự chỉ đạo của Ban Chỉ đạo cấp trên",
    )
    c.edge(
        Rel.SUBORDINATE_TO,
        province_key,
        "nat",
        provision,
        "Ban Chỉ đạo Trung ương về phát triển khoa học, công nghệ",
    )


def seed000() -> Facts:
    """The ward committee of phường Hải Dương (shape of sample 000)."""
    c = Charter(
        "ch000",
        {
            Prop.number.value: "03/QĐ-BCĐ",
            Prop.docType.value: "Quyết định",
            Prop.title.value: "Ban hành Quy chế hoạt động của Ban Chỉ đạo phường Hải Dương",
            Prop.issuedOn.value: "2026-07-01",
            Prop.sha256.value: "000" * 21 + "0",
            Prop.locality.value: "Hải Dương",
        },
    )
    loc = {Prop.locality.value: "Hải Dương"}
    c.body("bcd000", Label.SteeringCommittee, level=Level.commune.value, status=Status.defined.value, **loc)
    c.body("wg_smart", Label.WorkingGroup, status=Status.defined.value, **loc)
    c.body("wg_de06", Label.WorkingGroup, status=Status.defined.value, **loc)
    c.body("cap", Label.Agency, status=Status.referenced.value, **loc)
    c.body("ubnd", Label.PeoplesCommittee, level=Level.commune.value, status=Status.referenced.value, **loc)
    c.post("chair", "Trưởng Ban Chỉ đạo", Role.Chair)
    c.post("svice", "Phó Trưởng Ban Thường trực", Role.StandingViceChair)
    c.post("member", "Thành viên Ban Chỉ đạo", Role.Member)
    c.post("smart_leader", "Tổ trưởng Tổ Công tác về Phát triển Đô thị thông minh", Role.GroupLeader)
    c.post("ubnd_head", "Chủ tịch Ủy ban nhân dân phường", Role.Head)
    c.post("cap_head", "Trưởng Công an phường", Role.Head)
    c.node("doc57", Label.LegalDocument, number="57-NQ/TW", docType="Nghị quyết", issuedOn="2024-12-22")
    c.node("doc01", Label.LegalDocument, number="01/QĐ-BCĐ", docType="Quyết định", issuedOn="2025-08-05")
    c.node("van", Label.Person, name=NAMES["van"])

    c.edge(
        Rel.GOVERNS,
        "ch000",
        "bcd000",
        "quyet-dinh/dieu-1",
        "Ban hành kèm theo Quyết định này Quy chế hoạt động của Ban Chỉ đạo",
    )
    c.edge(
        Rel.BASED_ON,
        "ch000",
        "doc57",
        "quyet-dinh/can-cu/3",
        "Căn cứ Nghị quyết số 57-NQ/TW ngày 22/12/2024 của Bộ Chính trị",
    )
    c.edge(
        Rel.REPLACES, "ch000", "doc01", "quyet-dinh/dieu-2", "thay thế Quyết định số 01/QĐ-BCĐ ngày 05/8/2025"
    )
    c.edge(Rel.SIGNED_BY, "ch000", "van", "quyet-dinh/chu-ky", "Phạm Thị Thanh Vân")
    c.edge(
        Rel.PROPOSED_BY, "ch000", "cap_head", "quyet-dinh/de-nghi", "Theo đề nghị của Trưởng Công an phường"
    )
    c.edge(
        Rel.PART_OF,
        "wg_smart",
        "bcd000",
        "quy-che/dieu-8/khoan-5",
        "Tổ Công tác về Phát triển Đô thị thông minh",
    )
    c.edge(Rel.PART_OF, "wg_de06", "bcd000", "quy-che/dieu-8/khoan-2", "Tổ Công tác về triển khai Đề án 06")
    for post in ("chair", "svice", "member"):
        c.edge(
            Rel.POST_IN,
            post,
            "bcd000",
            "quy-che/dieu-5",
            "Trưởng Ban Chỉ đạo, Phó Trưởng Ban, thành viên Ban Chỉ đạo",
        )
    c.edge(Rel.POST_IN, "smart_leader", "wg_smart", "quy-che/dieu-8/khoan-5", "Tổ trưởng Tổ Công tác")
    c.edge(Rel.LEADS, "smart_leader", "wg_smart", "quy-che/dieu-8/khoan-5", "Tổ trưởng Tổ Công tác")
    c.edge(Rel.POST_IN, "ubnd_head", "ubnd", "quy-che/dieu-10/khoan-2", "Chủ tịch Ủy ban nhân dân phường")
    c.edge(Rel.POST_IN, "cap_head", "cap", "quyet-dinh/de-nghi", "Trưởng Công an phường")
    c.edge(
        Rel.HELD_EX_OFFICIO_BY,
        "chair",
        "ubnd_head",
        "quy-che/dieu-10/khoan-2",
        "Chủ tịch Ủy ban nhân dân phường - Trưởng Ban Chỉ đạo",
    )
    c.edge(Rel.HOLDS, "van", "ubnd_head", "quyet-dinh/chu-ky", "CHỦ TỊCH UBND PHƯỜNG Phạm Thị Thanh Vân")
    c.edge(
        Rel.STANDING_AGENCY_OF,
        "cap",
        "bcd000",
        "quy-che/dieu-9",
        "Công an phường làm nhiệm vụ Cơ quan Thường trực của Ban Chỉ đạo",
    )
    c.edge(
        Rel.REPORTS_TO,
        "wg_smart",
        "chair",
        "quy-che/dieu-8/khoan-1/diem-c",
        "Kịp thời báo cáo những vấn đề phát sinh ... thông qua Cơ quan thường trực của Ban Chỉ đạo",
        via=IDS["cap"],
        adHoc=True,
    )
    c.edge(
        Rel.REPORTS_TO,
        "wg_de06",
        "cap",
        "quy-che/dieu-8/khoan-2/diem-b",
        "gửi báo cáo định kỳ về Cơ quan thường trực của Ban Chỉ đạo",
        cadence="P6M",
    )
    c.edge(
        Rel.REPORTS_TO,
        "cap",
        "chair",
        "quy-che/dieu-9/khoan-2",
        "Báo cáo tình hình thực hiện các chương trình, kế hoạch của Ban Chỉ đạo",
    )
    c.edge(
        Rel.REPORTS_TO,
        "member",
        "chair",
        "quy-che/dieu-13",
        "Định kỳ 6 tháng ... các thành viên Ban Chỉ đạo báo cáo bằng văn bản với Ban Chỉ đạo và Trưởng Ban Chỉ đạo (qua cơ quan Thường trực",
        via=IDS["cap"],
        cadence="P6M",
        months=[6, 12],
    )
    c.edge(
        Rel.ACCOUNTABLE_TO,
        "svice",
        "chair",
        "quy-che/dieu-6/khoan-1",
        "chịu trách nhiệm trước Trưởng Ban Chỉ đạo về toàn bộ hoạt động",
    )
    c.edge(
        Rel.ACCOUNTABLE_TO,
        "member",
        "chair",
        "quy-che/dieu-7/khoan-1",
        "Chấp hành và chịu trách nhiệm trước Trưởng Ban Chỉ đạo",
    )
    c.edge(
        Rel.DELEGATES_TO,
        "chair",
        "svice",
        "quy-che/dieu-5/khoan-4",
        "Trong trường hợp cần thiết, ủy quyền cho Phó Trưởng Ban Thường trực",
        scope="giải quyết công việc thuộc thẩm quyền của Trưởng Ban",
        condition="Trong trường hợp cần thiết",
    )
    c.edge(
        Rel.ACTS_FOR,
        "svice",
        "chair",
        "quy-che/dieu-6/khoan-1",
        "thay mặt Trưởng Ban Chỉ đạo chủ trì và điều phối hoạt động chung của Ban Chỉ đạo khi Trưởng ban vắng mặt",
        condition="khi Trưởng ban vắng mặt",
    )
    c.edge(
        Rel.DIRECTED_BY,
        "bcd000",
        "ubnd_head",
        "quy-che/dieu-10/khoan-2",
        "Ban Chỉ đạo chịu sự lãnh đạo, chỉ đạo trực tiếp của Chủ tịch Ủy ban nhân dân phường",
    )
    c.edge(
        Rel.COORDINATES_WITH,
        "member",
        "cap",
        "quy-che/dieu-11/khoan-3",
        "phối hợp với Cơ quan thường trực của Ban Chỉ đạo",
    )
    _higher_committees(c, "phường", "bcd000", "hp", "Hải Phòng", "quy-che/dieu-12/khoan-1")
    return c.facts


def seed000_old() -> Facts:
    """The decision 03/QĐ-BCĐ replaces: 01/QĐ-BCĐ of 2025-08-05, with a different set-up."""
    c = Charter(
        "ch000old",
        {
            Prop.number.value: "01/QĐ-BCĐ",
            Prop.docType.value: "Quyết định",
            Prop.title.value: "Ban hành Quy chế hoạt động của Ban Chỉ đạo phường Hải Dương (2025)",
            Prop.issuedOn.value: "2025-08-05",
            Prop.sha256.value: "0ld" * 21 + "0",
        },
    )
    loc = {Prop.locality.value: "Hải Dương"}
    c.body("bcd000", Label.SteeringCommittee, level=Level.commune.value, status=Status.defined.value, **loc)
    c.body("wg_cds", Label.WorkingGroup, status=Status.defined.value, **loc)
    c.body("vp", Label.Agency, status=Status.referenced.value, **loc)
    c.post("chair", "Trưởng Ban Chỉ đạo", Role.Chair)
    c.edge(
        Rel.GOVERNS,
        "ch000old",
        "bcd000",
        "quyet-dinh/dieu-1",
        "Ban hành kèm theo Quyết định này Quy chế hoạt động",
    )
    c.edge(Rel.PART_OF, "wg_cds", "bcd000", "quy-che/dieu-8", "Tổ Công tác về chuyển đổi số")
    # the same relation, the same article number as in 03/QĐ-BCĐ: a distinct assertion
    c.edge(Rel.POST_IN, "chair", "bcd000", "quy-che/dieu-5", "Trưởng Ban Chỉ đạo")
    c.edge(
        Rel.STANDING_AGENCY_OF,
        "vp",
        "bcd000",
        "quy-che/dieu-9",
        "Văn phòng HĐND và UBND phường là cơ quan thường trực",
    )
    c.edge(
        Rel.REPORTS_TO, "wg_cds", "chair", "quy-che/dieu-8/khoan-3", "Tổ Công tác báo cáo Trưởng Ban Chỉ đạo"
    )
    return c.facts


def seed004() -> Facts:
    """A Party-led commune committee (shape of sample 004): directed by the Party standing committee."""
    c = Charter(
        "ch004",
        {
            Prop.docType.value: "Quy chế",
            Prop.title.value: "Quy chế làm việc của Ban Chỉ đạo và Tổ Giúp việc Ban Chỉ đạo xã Khánh Khê",
            Prop.issuedOn.value: "2025-08-15",
            Prop.sha256.value: "004" * 21 + "0",
            Prop.locality.value: "Khánh Khê",
        },
    )
    loc = {Prop.locality.value: "Khánh Khê"}
    c.body("bcd004", Label.SteeringCommittee, level=Level.commune.value, status=Status.defined.value, **loc)
    c.body("sg004", Label.SupportGroup, status=Status.defined.value, **loc)
    c.body("sb004", Label.StandingBoard, status=Status.defined.value, **loc)
    c.body("btv", Label.PartyCommittee, level=Level.commune.value, status=Status.referenced.value, **loc)
    c.body("du", Label.PartyCommittee, level=Level.commune.value, status=Status.referenced.value, **loc)
    c.body("vpdu", Label.Agency, status=Status.referenced.value, **loc)
    c.post("chair004", "Trưởng Ban Chỉ đạo", Role.Chair)
    c.post("secretary", "Bí thư Đảng ủy", Role.Head)
    c.node("doc57", Label.LegalDocument, number="57-NQ/TW", docType="Nghị quyết", issuedOn="2024-12-22")

    c.edge(
        Rel.GOVERNS,
        "ch004",
        "bcd004",
        "quy-che/dieu-1/khoan-1",
        "Quy chế này quy định nguyên tắc, nhiệm vụ, quyền hạn",
    )
    c.edge(
        Rel.BASED_ON,
        "ch004",
        "doc57",
        "quy-che/can-cu/2",
        "Căn cứ Nghị quyết số 57-NQ/TW, ngày 22/12/2024 của Bộ Chính trị",
    )
    c.edge(Rel.PART_OF, "sg004", "bcd004", "quy-che/dieu-1/khoan-2", "Tổ Giúp việc Ban Chỉ đạo")
    c.edge(
        Rel.PART_OF,
        "sb004",
        "bcd004",
        "quy-che/dieu-6",
        "Thường trực Ban chỉ đạo gồm: Trưởng Ban, các Phó Trưởng Ban",
    )
    c.edge(
        Rel.DIRECTED_BY,
        "sg004",
        "bcd004",
        "quy-che/dieu-2/khoan-1",
        "Tổ Giúp việc Ban Chỉ đạo chịu sự lãnh đạo, chỉ đạo trực tiếp của Ban Chỉ đạo",
    )
    c.edge(
        Rel.DIRECTED_BY,
        "bcd004",
        "btv",
        "quy-che/dieu-2/khoan-1",
        "Ban Chỉ đạo chịu sự lãnh đạo, chỉ đạo trực tiếp của Ban Thường vụ Đảng ủy",
    )
    c.edge(
        Rel.ACCOUNTABLE_TO, "bcd004", "btv", "quy-che/dieu-4", "chịu trách nhiệm trước Ban Thường vụ Đảng ủy"
    )
    c.edge(
        Rel.REPORTS_TO,
        "bcd004",
        "btv",
        "quy-che/dieu-5/khoan-3",
        "định kỳ hoặc đột xuất báo cáo Ban Chấp hành, Ban Thường vụ Đảng ủy",
        cadence="P6M",
        adHoc=True,
    )
    c.edge(Rel.POST_IN, "chair004", "bcd004", "quy-che/dieu-6", "Trưởng Ban")
    c.edge(Rel.POST_IN, "secretary", "du", "quy-che/dieu-7/khoan-1", "Bí thư Đảng ủy")
    c.edge(
        Rel.HELD_EX_OFFICIO_BY, "chair004", "secretary", "quy-che/dieu-7/khoan-1", "BÍ THƯ kiêm TRƯỞNG BAN"
    )
    c.edge(
        Rel.STANDING_AGENCY_OF,
        "vpdu",
        "bcd004",
        "quy-che/dieu-8",
        "Văn phòng Đảng ủy là Cơ quan Thường trực của Ban Chỉ đạo",
    )
    _higher_committees(c, "xã", "bcd004", "ls", "Lạng Sơn", "quy-che/can-cu/5")
    return c.facts


def broken() -> Facts:
    """A charter that fails at its last edge: the target exists neither in it nor in the store."""
    c = Charter(
        "chbad", {Prop.number.value: "99/QĐ-BCĐ", Prop.issuedOn.value: "2026-01-01", Prop.sha256.value: "bad"}
    )
    c.body("bad_group", Label.WorkingGroup, status=Status.defined.value)
    c.edge(Rel.GOVERNS, "chbad", "bad_group", "quyet-dinh/dieu-1", "x")
    c.edge(Rel.PART_OF, "bad_group", "body:does-not-exist~0", "quy-che/dieu-1", "y")
    return c.facts


def bulk_charter(i: int, groups: int = 300) -> Facts:
    """A big synthetic charter: one committee, ``groups`` working groups with a post each.

    Its edge count is ``4 * groups + 2`` (PART_OF, POST_IN, REPORTS_TO, LEADS per group;
    GOVERNS and SUBORDINATE_TO).
    """
    cid = make_id("charter", "bulk", str(i))
    f = Facts(charter_id=cid)
    f.add_node(
        Node(cid, (Label.Charter.value,), {Prop.number.value: f"{i}/QĐ-BULK", Prop.sha256.value: f"bulk{i}"})
    )
    com = make_id("body", "bulk committee", str(i))
    nat = IDS["nat"]
    f.add_node(
        Node(
            com,
            (Label.Body.value, Label.SteeringCommittee.value),
            {Prop.name.value: f"Ban Chỉ đạo {i}", Prop.level.value: Level.commune.value},
        )
    )
    f.add_node(
        Node(
            nat,
            (Label.Body.value, Label.SteeringCommittee.value),
            {
                Prop.name.value: NAMES["nat"],
                Prop.level.value: Level.national.value,
                Prop.status.value: Status.referenced.value,
            },
        )
    )

    def edge(t: Rel, s: str, d: str, n: int) -> None:
        f.add_edge(
            Edge(
                t.value,
                s,
                d,
                {
                    Prop.id.value: edge_id(t.value, s, d, f"p{n}", cid),
                    Prop.charter.value: cid,
                    Prop.provision.value: f"quy-che/dieu-{n}",
                    Prop.quote.value: "q" * 40,
                },
            )
        )

    edge(Rel.GOVERNS, cid, com, 0)
    edge(Rel.SUBORDINATE_TO, com, nat, 0)
    for g in range(groups):
        wg = make_id("body", "bulk group", str(i), str(g))
        post = make_id("post", wg, "leader")
        f.add_node(
            Node(
                wg,
                (Label.Body.value, Label.WorkingGroup.value),
                {Prop.name.value: f"Tổ Công tác {i}.{g}", "blob": "x" * 200},
            )
        )
        f.add_node(
            Node(
                post,
                (Label.Post.value,),
                {Prop.name.value: f"Tổ trưởng {i}.{g}", Prop.role.value: Role.GroupLeader.value},
            )
        )
        edge(Rel.PART_OF, wg, com, g)
        edge(Rel.POST_IN, post, wg, g)
        edge(Rel.LEADS, post, wg, g)
        edge(Rel.REPORTS_TO, wg, com, g)
    return f


# --------------------------------------------------------------------------- stores
NEO4J_REASON = "NEO4J_URI not set: no Neo4j server to run the same suite against"


# What the Bolt server of the test run (ArcadeDB) cannot prove; only a real Neo4j can.
ENGINE_GAPS = {
    "read_access": "ArcadeDB: writes are not refused in a READ_ACCESS session; govkg's guard is what stops them there",
    "timeout": "ArcadeDB: transaction timeouts are ignored; only a real Neo4j proves the server-side deadline",
    "unique_across_kinds": "ArcadeDB: a unique constraint on a label misses a duplicate that carries other kinds",
    "kind_change": "ArcadeDB: adding a label to a stored node with some kinds trips its own unique index",
}


def bolt_engine(store: Any) -> str | None:
    """``"ArcadeDB"`` or ``"Neo4j"`` for a Bolt store (from the server's agent string), ``None`` otherwise."""
    agent = getattr(store, "server_agent", None)
    if agent is None:
        return None
    return "ArcadeDB" if "ArcadeDB" in agent else "Neo4j"


def xfail_on_engine_gap(request: Any, store: Any, gap: str) -> None:
    """Mark the running test an expected failure (strict, naming the engine) when ``store`` cannot prove ``gap``."""
    reason = ENGINE_GAPS[gap]
    if bolt_engine(store) == reason.split(":")[0]:
        request.applymarker(pytest.mark.xfail(reason=reason, strict=True))


def wipe_neo4j(store: Any) -> None:
    """Empty the Neo4j test database, refusing when it holds non-govkg labels (not a test database)."""
    labels = {label.value for label in Label}
    with store._driver.session(database=store.database) as session:
        found = {r["label"] for r in session.run("MATCH (n) UNWIND labels(n) AS label RETURN DISTINCT label")}
        if found - labels:
            pytest.skip(
                f"NEO4J_URI database holds other data ({sorted(found - labels)[:3]}); use an empty one"
            )
        session.run("MATCH (n) DETACH DELETE n").consume()


def make_store(kind: str, tmp_path: Any, **settings: Any):
    """An empty store of ``kind`` ("embedded" or "neo4j"), skipping neo4j without ``NEO4J_URI``."""
    if kind == "embedded":
        from govkg.graph.embedded import EmbeddedStore

        s = Settings(home=tmp_path, **settings)
        return EmbeddedStore(s.embedded_path, settings=s)
    uri = os.environ.get("NEO4J_URI")
    if not uri:
        pytest.skip(NEO4J_REASON)
    from govkg.graph.neo4j_store import Neo4jStore

    s = Settings(
        home=tmp_path,
        neo4j_uri=uri,
        neo4j_user=os.environ.get("NEO4J_USER", "neo4j"),
        neo4j_password=os.environ.get("NEO4J_PASSWORD"),
        neo4j_database=os.environ.get("NEO4J_DATABASE") or None,
        **settings,
    )
    store = Neo4jStore.from_settings(s)
    wipe_neo4j(store)
    return store


STORE_KINDS = ["embedded", pytest.param("neo4j", marks=pytest.mark.neo4j)]


def sparql_write_attempts(client: Any, update: str) -> list[Any]:
    """Every way the HTTP API takes a SPARQL text, each sent ``update``: all must be refused.

    GET and form POST with ``query`` or ``update``, and a raw body as sparql-update and as
    sparql-query. One list, so that the API tests and the read-only audit cover the same forms.
    """
    return [
        client.get("/sparql", params={"query": update}),
        client.get("/sparql", params={"update": update}),
        client.post("/sparql", data={"query": update}),
        client.post("/sparql", data={"update": update}),
        client.post("/sparql", content=update.encode(), headers={"Content-Type": "application/sparql-update"}),
        client.post("/sparql", content=update.encode(), headers={"Content-Type": "application/sparql-query"}),
    ]
