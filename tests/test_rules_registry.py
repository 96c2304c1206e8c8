"""Every registered extraction rule, read on a sentence that must give its edge and a near miss that must not.

Each case wraps its sentences in a small ward decision (header, căn cứ, articles, an
optional signature) and runs the real reader, parser and extractor. A rule added to a
family without a case here fails ``test_every_rule_has_examples``.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest

from govkg.errors import ExtractError
from govkg.loaders.extract import extract
from govkg.loaders.extract.registry import FAMILIES, REGISTRY, RELATION_PASS, rules_table
from govkg.loaders.parse import parse
from govkg.loaders.read import read_bytes
from govkg.ontology.facts import Facts, evidence
from govkg.pipeline import extract_file

ROOT = Path(__file__).resolve().parent.parent

WARD = "PHƯỜNG HẢI DƯƠNG", "Hải Dương", "phường Hải Dương"
PROVINCE = "TỈNH BẮC NINH", "Bắc Ninh", "tỉnh Bắc Ninh"
UNKNOWN_WARD = "PHƯỜNG ĐÔNG KHÔNG", "Đông Không", "phường Đông Không"
BASIS = "Căn cứ Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025;"
LAST_ARTICLE = "Điều 10. Quyết định này có hiệu lực kể từ ngày ký."
RECIPIENTS = "Nơi nhận:\n- Như Điều 10;\n- Lưu: VT.\n\n"
SIGNATURE = RECIPIENTS + "TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH\n\nNguyễn Văn An"


def charter(body: str, *, bases: str = BASIS, closing: str = "", where: tuple[str, str, str] = WARD, proposer: str = "") -> str:
    """A small decision of a people's committee that sets up the committee's charter around ``body``."""
    caps, place, name = where
    return (
        f"ỦY BAN NHÂN DÂN | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n{caps} | Độc lập - Tự do - Hạnh phúc\n"
        f"Số: 01/QĐ-UBND | {place}, ngày 10 tháng 8 năm 2025\n\nQUYẾT ĐỊNH\n"
        f"Ban hành Quy chế hoạt động của Ban Chỉ đạo phát triển khoa học, công nghệ, đổi mới sáng tạo, "
        f"chuyển đổi số và Đề án 06 {name}\n\nỦY BAN NHÂN DÂN {caps}\n\n{bases}\n{proposer}\n\nQUYẾT ĐỊNH:\n\n{body}\n{LAST_ARTICLE}\n\n{closing}\n"
    )


@dataclass(frozen=True)
class Example:
    """A charter text and the edge it must give: type, and fragments of the source's and target's names."""

    text: str
    type: str = ""
    source: str = ""
    target: str = ""


@dataclass(frozen=True)
class Case:
    positive: Example
    negative: str  # a near miss: must not give an edge of the rule


def _facts(text: str) -> Facts:
    return extract(parse(read_bytes(text.encode("utf-8"), "fixture.txt")))


def _edges(text: str, rule_id: str) -> list[tuple[str, str, str]]:
    facts = _facts(text)

    def name(node_id: str) -> str:
        node = facts.nodes.get(node_id)
        return node.props.get("name", node_id) if node else node_id

    # a folded (inferred) edge names its rules in its evidence
    return [(e.type, name(e.source), name(e.target)) for e in facts.edges if rule_id in _rules_of(e)]


def _rules_of(edge) -> set[str]:
    return {x["rule"] for x in evidence(edge) if x["rule"]}


ART = "Điều 1. Ban hành kèm theo Quyết định này Quy chế hoạt động của Ban Chỉ đạo.\n"

CASES: dict[str, Case] = {
    # ------------------------------------------------------------------ documents
    "documents.governs": Case(
        Example(charter(ART), "GOVERNS", "Quyết định 01/QĐ-UBND", "Ban Chỉ đạo phát triển khoa học"),
        # a decision whose title names no committee governs none (extraction refuses it)
        charter(ART).replace("của Ban Chỉ đạo phát triển khoa học, công nghệ, đổi mới sáng tạo, ", "về phát triển khoa học, công nghệ, đổi mới sáng tạo, ", 1),
    ),
    "documents.based_on": Case(
        Example(charter(ART), "BASED_ON", "Quyết định 01/QĐ-UBND", "Luật Tổ chức chính quyền địa phương"),
        charter(ART, bases="Căn cứ tình hình thực tế của địa phương;"),
    ),
    "documents.proposed_by": Case(
        Example(charter(ART, proposer="Theo đề nghị của Trưởng Công an phường."), "PROPOSED_BY", "Quyết định 01/QĐ-UBND", "Trưởng Công an phường"),
        charter(ART, proposer="Theo tình hình thực tế của phường."),
    ),
    "documents.replaces": Case(
        Example(charter(ART + "Điều 2. Quyết định này thay thế Quyết định số 35/QĐ-UBND ngày 10/7/2025 của Ủy ban nhân dân phường.\n"),
                "REPLACES", "Quyết định 01/QĐ-UBND", "35/QĐ-UBND"),
        charter(ART + "Điều 2. Quyết định này được thực hiện cùng Quyết định số 35/QĐ-UBND ngày 10/7/2025 của Ủy ban nhân dân phường.\n"),
    ),
    "documents.signed_by": Case(
        Example(charter(ART, closing=SIGNATURE), "SIGNED_BY", "Quyết định 01/QĐ-UBND", "Nguyễn Văn An"),
        charter(ART, closing=RECIPIENTS + "TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH"),
    ),
    # ------------------------------------------------------------------ bodies
    "structure.organ_defined": Case(
        Example(charter("Điều 1. Ban Chỉ đạo có Tổ Giúp việc Ban Chỉ đạo.\nĐiều 2. Tổ chức\n1. Tổ Giúp việc Ban Chỉ đạo gồm công chức của Công an phường.\n2. Ban Chỉ đạo họp định kỳ.\n"),
                "PART_OF", "Tổ Giúp việc", "Ban Chỉ đạo phát triển"),
        charter("Điều 1. Ban Chỉ đạo có Tổ Giúp việc Ban Chỉ đạo.\nĐiều 2. Tổ chức\n1. Công chức của Công an phường tham gia Tổ Giúp việc Ban Chỉ đạo.\n2. Ban Chỉ đạo họp định kỳ.\n"),
    ),
    "structure.organ_part_of": Case(
        Example(charter("Điều 1. Tổ Giúp việc Ban Chỉ đạo có nhiệm vụ tham mưu cho Ban Chỉ đạo.\n"), "PART_OF", "Tổ Giúp việc", "Ban Chỉ đạo phát triển"),
        charter("Điều 1. Công an phường có nhiệm vụ tham mưu cho Ban Chỉ đạo.\n"),
    ),
    # ------------------------------------------------------------------ groups
    "structure.group_part_of": Case(
        Example(charter(ART + "Điều 2. Các Tổ công tác\na) Tổ công tác Đề án 06, do Trưởng Công an phường làm Tổ trưởng;\n"),
                "PART_OF", "Tổ công tác Đề án 06", "Ban Chỉ đạo phát triển"),
        charter(ART + "Điều 2. Các Tổ công tác\na) Tổ công tác có nhiệm vụ giúp Ban Chỉ đạo;\n"),
    ),
    "structure.group_first_mention": Case(
        Example(charter("Điều 1. Ban Chỉ đạo làm việc với Tổ công tác Đề án 06.\n"
                        "Điều 2. Các Tổ công tác\na) Tổ công tác Đề án 06, do Trưởng Công an phường làm Tổ trưởng;\n"),
                "PART_OF", "Tổ công tác Đề án 06", "Ban Chỉ đạo phát triển"),
        charter("Điều 1. Ban Chỉ đạo làm việc với Công an phường.\n"),
    ),
    "structure.subgroup_part_of": Case(
        Example(charter("Điều 1. Tổ trưởng Tổ giúp việc được thành lập các Nhóm công tác để thực hiện nhiệm vụ.\n"), "PART_OF", "Nhóm công tác", "Tổ Giúp việc"),
        charter("Điều 1. Trưởng Ban Chỉ đạo được thành lập các Nhóm công tác để thực hiện nhiệm vụ.\n"),
    ),
    "groups.leader": Case(
        Example(charter(ART + "Điều 2. Các Tổ công tác\na) Tổ công tác Đề án 06, do Trưởng Công an phường làm Tổ trưởng;\n"),
                "LEADS", "Tổ trưởng", "Tổ công tác Đề án 06"),
        charter(ART + "Điều 2. Các Tổ công tác\na) Tổ công tác Đề án 06, do Trưởng Công an phường phụ trách;\n"),
    ),
    "groups.leader_post": Case(
        Example(charter("Điều 1. Tổ trưởng Tổ Giúp việc báo cáo Trưởng Ban Chỉ đạo.\n"), "LEADS", "Tổ trưởng", "Tổ Giúp việc"),
        charter("Điều 1. Thành viên Tổ Giúp việc báo cáo Trưởng Ban Chỉ đạo.\n"),
    ),
    "groups.leader_person": Case(
        Example(charter(ART + "Điều 2. Các Tổ công tác\na) Tổ công tác về khoa học, do đồng chí Đỗ Thanh Bình, Phó Giám đốc Sở Khoa học và Công nghệ làm Tổ trưởng;\n"),
                "HOLDS", "Đỗ Thanh Bình", "Tổ trưởng"),
        charter(ART + "Điều 2. Các Tổ công tác\na) Tổ công tác về khoa học, do đồng chí Phó Giám đốc Sở Khoa học và Công nghệ làm Tổ trưởng;\n"),
    ),
    "groups.leader_person_title": Case(
        Example(charter(ART + "Điều 2. Các Tổ công tác\na) Tổ công tác về khoa học, do đồng chí Đỗ Thanh Bình, Phó Giám đốc Sở Khoa học và Công nghệ làm Tổ trưởng;\n"),
                "HOLDS", "Đỗ Thanh Bình", "Phó Giám đốc Sở Khoa học"),
        charter(ART + "Điều 2. Các Tổ công tác\na) Tổ công tác về khoa học, do đồng chí Đỗ Thanh Bình làm Tổ trưởng;\n"),
    ),
    "groups.leader_ex_officio": Case(
        Example(charter("Điều 1. Ban Chỉ đạo có Tổ Giúp việc Ban Chỉ đạo. Tổ trưởng là đồng chí Phó Trưởng Ban Chỉ đạo.\n"), "HELD_EX_OFFICIO_BY", "Tổ trưởng", "Phó Trưởng Ban Chỉ đạo"),
        charter("Điều 1. Ban Chỉ đạo có Tổ Giúp việc Ban Chỉ đạo. Thư ký là đồng chí Phó Trưởng Ban Chỉ đạo.\n"),
    ),
    # ------------------------------------------------------------------ posts
    "structure.post_in": Case(
        Example(charter("Điều 1. Trưởng Ban Chỉ đạo chỉ đạo Công an phường.\n"), "POST_IN", "Trưởng Ban Chỉ đạo", "Ban Chỉ đạo phát triển"),
        charter("Điều 1. Ban Chỉ đạo làm việc với Công an phường.\n"),
    ),
    "people.named_member": Case(
        Example(charter("Điều 1. Thành phần\n1. Đồng chí Trịnh Xuân Hoàn, Trưởng Công an phường:\na) Theo dõi lĩnh vực an ninh.\n"),
                "HOLDS", "Trịnh Xuân Hoàn", "Thành viên"),
        charter("Điều 1. Thành phần\n1. Trưởng Công an phường:\na) Theo dõi lĩnh vực an ninh.\n"),
    ),
    "people.named_member_title": Case(
        Example(charter("Điều 1. Thành phần\n1. Đồng chí Trịnh Xuân Hoàn, Trưởng Công an phường:\na) Theo dõi lĩnh vực an ninh.\n"),
                "HOLDS", "Trịnh Xuân Hoàn", "Trưởng Công an phường"),
        charter("Điều 1. Thành phần\n1. Đồng chí Trịnh Xuân Hoàn, thành viên:\na) Theo dõi lĩnh vực an ninh.\n"),
    ),
    "people.named_composition": Case(
        Example(charter("Điều 1. Thành phần Ban Chỉ đạo gồm:\n1. Ông Nguyễn Văn Bình - Chủ tịch UBND phường - Trưởng ban;\n"),
                "HOLDS", "Nguyễn Văn Bình", "Trưởng Ban Chỉ đạo"),
        charter("Điều 1. Thành phần Ban Chỉ đạo gồm:\n1. Chủ tịch UBND phường - Trưởng ban;\n"),
    ),
    "documents.amends": Case(
        Example(charter("Điều 1. Sửa đổi, bổ sung một số điều của Quy chế ban hành kèm theo Quyết định số 411/QĐ-UBND ngày 12 tháng 5 năm 2025 như sau:\n"
                        "1. Sửa đổi, bổ sung khoản 2 Điều 6 như sau: Công an phường là cơ quan thường trực.\n"),
                "AMENDS", "", "411/QĐ-UBND"),
        charter("Điều 1. Ban hành kèm theo Quyết định này Quy chế hoạt động theo Quyết định số 411/QĐ-UBND ngày 12 tháng 5 năm 2025.\n"),
    ),
    "people.apposition": Case(
        Example(charter("Điều 1. Ngày 10 tháng 8, Thứ trưởng Bộ Tư pháp Lê Văn Hùng - Trưởng Ban Chỉ đạo chủ trì cuộc họp.\n"),
                "HOLDS", "Lê Văn Hùng", "Trưởng Ban Chỉ đạo"),
        charter("Điều 1. Ngày 10 tháng 8, Thứ trưởng Bộ Tư pháp - Trưởng Ban Chỉ đạo chủ trì cuộc họp.\n"),
    ),
    "people.signer_holds": Case(
        Example(charter(ART, closing=SIGNATURE), "HOLDS", "Nguyễn Văn An", "Chủ tịch"),
        charter(ART, closing=RECIPIENTS + "Nguyễn Văn An"),
    ),
    "ex_officio.apposition": Case(
        Example(charter("Điều 1. Thành phần Ban Chỉ đạo gồm:\n1. Trưởng Công an phường - Phó Trưởng ban.\n"),
                "HELD_EX_OFFICIO_BY", "Phó Trưởng Ban Chỉ đạo", "Trưởng Công an phường"),
        charter("Điều 1. Thành phần Ban Chỉ đạo gồm:\n1. Trưởng Công an phường báo cáo Phó Trưởng ban.\n"),
    ),
    "ex_officio.composition": Case(
        Example(charter("Điều 1. Thành phần Ban Chỉ đạo gồm:\n1. Trưởng Ban Chỉ đạo:Chủ tịch Ủy ban nhân dân phường.\n"),
                "HELD_EX_OFFICIO_BY", "Trưởng Ban Chỉ đạo", "Chủ tịch"),
        charter("Điều 1. Thành phần Ban Chỉ đạo gồm:\n1. Trưởng Ban Chỉ đạo:Thành viên Ủy ban nhân dân phường.\n"),
    ),
    "ex_officio.composition_bullet": Case(
        Example(charter("Điều 1. Thành phần Ban Chỉ đạo gồm:\n2. Phó Trưởng Ban Chỉ đạo:\n- Trưởng Công an phường.\n"),
                "HELD_EX_OFFICIO_BY", "Phó Trưởng Ban Chỉ đạo", "Trưởng Công an phường"),
        charter("Điều 1. Thành phần Ban Chỉ đạo gồm:\n2. Phó Trưởng Ban Chỉ đạo:\n- Trưởng Công an phường báo cáo Ban Chỉ đạo.\n"),
    ),
    "ex_officio.staff": Case(
        Example(charter("Điều 1. Thành phần Ban Chỉ đạo gồm:\n3. Thư ký Ban Chỉ đạo:\n- Công chức Phòng Văn hóa - Xã hội phường.\n"),
                "HELD_EX_OFFICIO_BY", "Thư ký", "Công chức Phòng Văn hóa - Xã hội"),
        charter("Điều 1. Thành phần Ban Chỉ đạo gồm:\n3. Thư ký Ban Chỉ đạo:\n- Công chức do Trưởng Ban Chỉ đạo chỉ định.\n"),
    ),
    "ex_officio.signature": Case(
        Example(charter(ART, closing=RECIPIENTS + "TRƯỞNG BAN\n\nCHỦ TỊCH UBND PHƯỜNG\nNguyễn Văn An"),
                "HELD_EX_OFFICIO_BY", "Trưởng Ban Chỉ đạo", "Chủ tịch"),
        charter(ART, closing=RECIPIENTS + "TRƯỞNG BAN\n\nNguyễn Văn An"),
    ),
    # ------------------------------------------------------------------ standing agency
    "standing_agency.x_la": Case(
        Example(charter("Điều 1. Công an phường là cơ quan thường trực của Ban Chỉ đạo.\n"), "STANDING_AGENCY_OF", "Công an phường", "Ban Chỉ đạo phát triển"),
        charter("Điều 1. Công an phường phối hợp với cơ quan thường trực của Ban Chỉ đạo.\n"),
    ),
    "standing_agency.cqtt_la_x": Case(
        Example(charter("Điều 1. Cơ quan Thường trực Ban Chỉ đạo phụ trách Đề án 06 là Công an phường.\n"), "STANDING_AGENCY_OF", "Công an phường", "Ban Chỉ đạo phát triển"),
        charter("Điều 1. Cơ quan Thường trực Ban Chỉ đạo phối hợp với Công an phường.\n"),
    ),
    "standing_agency.subject_la": Case(
        Example(charter("Điều 1. Trách nhiệm của Công an phường\n1. Là cơ quan thường trực của Ban Chỉ đạo;\n2. Tham mưu cho Ban Chỉ đạo.\n"),
                "STANDING_AGENCY_OF", "Công an phường", "Ban Chỉ đạo phát triển"),
        charter("Điều 1. Trách nhiệm của Công an phường\n1. Phối hợp với cơ quan thường trực của Ban Chỉ đạo;\n2. Tham mưu cho Ban Chỉ đạo.\n"),
    ),
    # ------------------------------------------------------------------ reporting
    "reports.bao_cao": Case(
        Example(charter("Điều 1. Tổ Giúp việc báo cáo Ban Chỉ đạo định kỳ 6 tháng.\n"), "REPORTS_TO", "Tổ Giúp việc", "Ban Chỉ đạo phát triển"),
        charter("Điều 1. Tổ Giúp việc nghe báo cáo Ban Chỉ đạo định kỳ 6 tháng.\n"),
    ),
    "reports.gui_ve": Case(
        Example(charter("Điều 1. Tổ Giúp việc gửi báo cáo hằng tháng về Công an phường trước ngày 10.\n"), "REPORTS_TO", "Tổ Giúp việc", "Công an phường"),
        charter("Điều 1. Tổ Giúp việc gửi báo cáo hằng tháng trước ngày 10.\n"),
    ),
    "reports.bao_cao_gui": Case(
        Example(
            charter("Điều 1. Tổ Giúp việc báo cáo định kỳ trước ngày 31 tháng 12 hằng năm về kết quả thực hiện gửi Công an phường để tổng hợp, báo cáo Ban Chỉ đạo.\n"),
            "REPORTS_TO", "Tổ Giúp việc", "Công an phường",
        ),
        # the report is what is sent, not what is received: "tiếp nhận báo cáo … gửi" reports to no one
        charter("Điều 1. Tổ Giúp việc tiếp nhận báo cáo của các thành viên và gửi Công an phường.\n"),
    ),
    "reports.on_request": Case(
        Example(charter("Điều 1. Tổ Giúp việc báo cáo đầy đủ các nội dung theo yêu cầu của Trưởng Ban Chỉ đạo.\n"),
                "REPORTS_TO", "Tổ Giúp việc", "Trưởng Ban Chỉ đạo"),
        # the request is for the work, not a report: "thực hiện … theo yêu cầu của"
        charter("Điều 1. Tổ Giúp việc thực hiện đầy đủ các nội dung theo yêu cầu của Trưởng Ban Chỉ đạo.\n"),
    ),
    # ------------------------------------------------------------------ oversight
    "directed.chiu_su": Case(
        Example(charter("Điều 1. Tổ Giúp việc chịu sự chỉ đạo trực tiếp của Phó Trưởng Ban Thường trực.\n"), "DIRECTED_BY", "Tổ Giúp việc", "Phó Trưởng Ban Thường trực"),
        charter("Điều 1. Tổ Giúp việc chịu trách nhiệm về chỉ đạo trực tiếp của Phó Trưởng Ban Thường trực.\n"),
    ),
    "directs.chi_dao": Case(
        Example(charter("Điều 1. Phó Trưởng Ban Thường trực trực tiếp chỉ đạo hoạt động của Tổ Giúp việc.\n"), "DIRECTS", "Phó Trưởng Ban Thường trực", "Tổ Giúp việc"),
        charter("Điều 1. Phó Trưởng Ban Thường trực xin ý kiến chỉ đạo Tổ Giúp việc.\n"),
    ),
    "supervises.chiu_su": Case(
        Example(charter("Điều 1. Công an phường chịu sự kiểm tra, giám sát của Ban Chỉ đạo.\n"), "SUPERVISES", "Ban Chỉ đạo phát triển", "Công an phường"),
        charter("Điều 1. Công an phường chịu sự lãnh đạo của Ban Chỉ đạo.\n"),
    ),
    "directed.va_su": Case(
        Example(charter("Điều 1. Ban Chỉ đạo chịu sự lãnh đạo của Đảng ủy phường và sự chỉ đạo, điều hành của Ủy ban nhân dân phường.\n"),
                "DIRECTED_BY", "Ban Chỉ đạo phát triển", "Ủy ban nhân dân"),
        charter("Điều 1. Ban Chỉ đạo chịu sự lãnh đạo của Đảng ủy phường và phối hợp với Ủy ban nhân dân phường.\n"),
    ),
    "accountable.truoc": Case(
        Example(charter("Điều 1. Phó Trưởng Ban Chỉ đạo chịu trách nhiệm trước Trưởng Ban Chỉ đạo về nhiệm vụ được phân công.\n"),
                "ACCOUNTABLE_TO", "Phó Trưởng Ban Chỉ đạo", "Trưởng Ban Chỉ đạo"),
        charter("Điều 1. Phó Trưởng Ban Chỉ đạo chịu trách nhiệm về nhiệm vụ do Trưởng Ban Chỉ đạo phân công.\n"),
    ),
    "advises.tham_muu": Case(
        Example(charter("Điều 1. Công an phường tham mưu cho Trưởng Ban Chỉ đạo các nhiệm vụ thuộc lĩnh vực phụ trách.\n"), "ADVISES", "Công an phường", "Trưởng Ban Chỉ đạo"),
        charter("Điều 1. Công an phường thực hiện các nhiệm vụ thuộc lĩnh vực phụ trách.\n"),
    ),
    "advises.tu_van": Case(
        Example(charter("Điều 1. Hội đồng tư vấn có nhiệm vụ tư vấn cho Ban Chỉ đạo về các chủ trương, giải pháp lớn.\n"), "ADVISES", "Hội đồng Tư vấn", "Ban Chỉ đạo phát triển"),
        charter("Điều 1. Hội đồng tư vấn có nhiệm vụ tư vấn về các chủ trương, giải pháp lớn.\n"),
    ),
    "advises.de_xuat_voi": Case(
        Example(charter("Điều 1. Công an phường nghiên cứu, đề xuất với Ủy ban nhân dân phường các giải pháp.\n"), "ADVISES", "Công an phường", "Ủy ban nhân dân"),
        charter("Điều 1. Công an phường nghiên cứu, đề xuất các giải pháp.\n"),
    ),
    "coordinates.phoi_hop": Case(
        Example(charter("Điều 1. Thành viên Ban Chỉ đạo phối hợp với Công an phường trong thực hiện nhiệm vụ.\n"), "COORDINATES_WITH", "Thành viên", "Công an phường"),
        charter("Điều 1. Thành viên Ban Chỉ đạo thực hiện nhiệm vụ cùng Công an phường.\n"),
    ),
    "supervises.kiem_tra": Case(
        Example(charter("Điều 1. Công an phường kiểm tra, đôn đốc Tổ Giúp việc trong việc cập nhật dữ liệu dân cư.\n"), "SUPERVISES", "Công an phường", "Tổ Giúp việc"),
        charter("Điều 1. Công an phường chịu sự kiểm tra của Tổ Giúp việc trong việc cập nhật dữ liệu dân cư.\n").replace("chịu sự kiểm tra của", "được kiểm tra bởi"),
    ),
    # ------------------------------------------------------------------ delegation
    "delegation.uy_quyen_cho": Case(
        Example(charter("Điều 1. Trưởng Ban Chỉ đạo ủy quyền cho Phó Trưởng Ban Chỉ đạo điều hành hoạt động của Ban Chỉ đạo khi cần thiết.\n"),
                "DELEGATES_TO", "Trưởng Ban Chỉ đạo", "Phó Trưởng Ban Chỉ đạo"),
        charter("Điều 1. Trưởng Ban Chỉ đạo phân công Phó Trưởng Ban Chỉ đạo điều hành hoạt động của Ban Chỉ đạo khi cần thiết.\n"),
    ),
    "delegation.passive": Case(
        Example(charter("Điều 1. Nhiệm vụ của Phó Trưởng Ban Thường trực\nKý văn bản và thực hiện nhiệm vụ khác do Trưởng Ban Chỉ đạo phân công hoặc ủy quyền.\n"),
                "DELEGATES_TO", "Trưởng Ban Chỉ đạo", "Phó Trưởng Ban Thường trực"),
        charter("Điều 1. Nhiệm vụ của Phó Trưởng Ban Thường trực\nKý văn bản và thực hiện nhiệm vụ khác do Trưởng Ban Chỉ đạo phân công.\n"),
    ),
    "acting.thay_mat": Case(
        Example(charter("Điều 1. Trưởng Ban Chỉ đạo thay mặt Ban Chỉ đạo ký ban hành Quy chế làm việc.\n"), "ACTS_FOR", "Trưởng Ban Chỉ đạo", "Ban Chỉ đạo phát triển"),
        charter("Điều 1. Trưởng Ban Chỉ đạo ký ban hành Quy chế làm việc của Ban Chỉ đạo.\n"),
    ),
    # ------------------------------------------------------------------ funding and seal
    "funding.per_group": Case(
        Example(charter(ART + "Điều 2. Các Tổ công tác\na) Tổ công tác Đề án 06, do Trưởng Công an phường làm Tổ trưởng;\n"
                        "Điều 3. Kinh phí hoạt động của từng Tổ công tác do Công an phường đối với Tổ công tác Đề án 06 bảo đảm.\n"),
                "FUNDED_BY", "Tổ công tác Đề án 06", "Công an phường"),
        charter(ART + "Điều 2. Các Tổ công tác\na) Tổ công tác Đề án 06, do Trưởng Công an phường làm Tổ trưởng;\n"
                "Điều 3. Kinh phí hoạt động của từng Tổ công tác do Công an phường và Tổ công tác Đề án 06 bảo đảm.\n"),
    ),
    "funding.budget_of": Case(
        Example(charter("Điều 1. Kinh phí hoạt động của Ban Chỉ đạo được bố trí từ nguồn ngân sách do Ủy ban nhân dân phường cấp.\n"),
                "FUNDED_BY", "Ban Chỉ đạo phát triển", "Ủy ban nhân dân"),
        charter("Điều 1. Ban Chỉ đạo được bố trí làm việc tại trụ sở của Ủy ban nhân dân phường.\n"),
    ),
    "funding.payer_list": Case(
        Example(charter(ART + "Điều 2. Các Tổ công tác\na) Tổ Công tác về Phát triển Đô thị thông minh, do Trưởng phòng Kinh tế, Hạ tầng và Đô thị làm Tổ trưởng;\n"
                        "Điều 3. Kinh phí hoạt động của các Tổ công tác được bố trí từ nguồn ngân sách cấp cho Công an phường, các phòng chuyên môn.\n"),
                "FUNDED_BY", "Tổ Công tác về Phát triển Đô thị", "Phòng Kinh tế, Hạ tầng và Đô thị"),
        # one payer: every funded body is its, by the plain rule
        charter(ART + "Điều 2. Các Tổ công tác\na) Tổ Công tác về Phát triển Đô thị thông minh, do Trưởng phòng Kinh tế, Hạ tầng và Đô thị làm Tổ trưởng;\n"
                "Điều 3. Kinh phí hoạt động của các Tổ công tác được bố trí từ nguồn ngân sách cấp cho Công an phường.\n"),
    ),
    "seal.su_dung": Case(
        Example(charter("Điều 1. Trưởng Ban Chỉ đạo sử dụng con dấu của Ủy ban nhân dân phường.\n"), "USES_SEAL_OF", "Trưởng Ban Chỉ đạo", "Ủy ban nhân dân"),
        charter("Điều 1. Trưởng Ban Chỉ đạo sử dụng trụ sở của Ủy ban nhân dân phường.\n"),
    ),
    # ------------------------------------------------------------------ hierarchy
    "hierarchy.gazetteer": Case(
        Example(charter(ART), "SUBORDINATE_TO", "Ban Chỉ đạo phát triển", "Ban Chỉ đạo"),
        # a province's committee whose căn cứ names the Government's committee: cited, not inferred
        charter(ART, where=PROVINCE, bases=BASIS + "\nCăn cứ Quyết định số 37/QĐ-TTg ngày 10/5/2025 của Thủ tướng Chính phủ về việc thành lập Ban Chỉ đạo của Chính phủ về phát triển khoa học, công nghệ;"),
    ),
    "hierarchy.located_in": Case(
        Example(charter(ART), "LOCATED_IN", "Ban Chỉ đạo phát triển", "phường Hải Dương"),
        charter(ART, where=UNKNOWN_WARD),
    ),
    "hierarchy.cited_committee": Case(
        Example(charter(ART, where=PROVINCE, bases=BASIS + "\nCăn cứ Quyết định số 37/QĐ-TTg ngày 10/5/2025 của Thủ tướng Chính phủ về việc thành lập Ban Chỉ đạo của Chính phủ về phát triển khoa học, công nghệ;"),
                "SUBORDINATE_TO", "Ban Chỉ đạo phát triển", "Ban Chỉ đạo của Chính phủ"),
        charter(ART, where=PROVINCE, bases=BASIS + "\nCăn cứ Quyết định số 37/QĐ-TTg ngày 10/5/2025 của Thủ tướng Chính phủ về phát triển khoa học, công nghệ;"),
    ),
    # ------------------------------------------------------------------ cross-references
    "xref.internal": Case(
        Example(charter(ART + "Điều 2. Công an phường thực hiện theo quy định tại Điều 1 của Quyết định này.\n"), "REFERS_TO", "", ""),
        charter(ART + "Điều 2. Công an phường thực hiện theo quy định của pháp luật.\n"),
    ),
    "xref.relative": Case(
        Example(charter(ART + "Điều 2. Nhiệm vụ\n1. Tham mưu cho Ban Chỉ đạo.\n2. Thực hiện các nhiệm vụ nêu tại khoản 1 Điều này.\n"), "REFERS_TO", "", ""),
        charter(ART + "Điều 2. Nhiệm vụ\n1. Tham mưu cho Ban Chỉ đạo.\n2. Thực hiện các nhiệm vụ khác.\n"),
    ),
    "structure.set_up_to_help": Case(
        Example(charter("Điều 1. Phó Trưởng Ban Chỉ đạo quyết định thành lập Văn phòng Ban Chỉ đạo để giúp việc Ban Chỉ đạo.\n"),
                "PART_OF", "Văn phòng Ban Chỉ đạo", "Ban Chỉ đạo phát triển"),
        charter("Điều 1. Văn phòng Ban Chỉ đạo giúp việc Trưởng Ban Chỉ đạo trong công tác văn thư.\n"),
    ),
    "structure.set_up_by": Case(
        Example(charter("Điều 1. Ủy ban nhân dân phường quyết định thành lập Văn phòng Ban Chỉ đạo để giúp việc Ban Chỉ đạo.\n"),
                "ESTABLISHED_BY", "Văn phòng Ban Chỉ đạo", "Ủy ban nhân dân"),
        # no one named before the verb: the office is set up, by no one the sentence says
        charter("Điều 1. Thành lập Văn phòng Ban Chỉ đạo để giúp việc Ban Chỉ đạo.\n"),
    ),
    "inherits.applied_article": Case(
        Example(charter(ART + "Điều 2. Nhiệm vụ của các Phó Trưởng Ban Chỉ đạo\n1. Tham mưu cho Trưởng Ban Chỉ đạo.\n"
                        "Điều 3. Nhiệm vụ của Phó Trưởng Ban Thường trực\nĐược quy định cụ thể tại Điều 2 của Quyết định này và các nhiệm vụ sau:\n"
                        "1. Trực tiếp chỉ đạo Công an phường.\n"), "ADVISES", "Phó Trưởng Ban Thường trực", "Trưởng Ban Chỉ đạo"),
        charter(ART + "Điều 2. Nhiệm vụ của các Phó Trưởng Ban Chỉ đạo\n1. Tham mưu cho Trưởng Ban Chỉ đạo.\n"
                "Điều 3. Nhiệm vụ của Phó Trưởng Ban Thường trực\n1. Theo dõi việc thực hiện các nhiệm vụ quy định tại Điều 2 của Quyết định này.\n"),
    ),
    "xref.dangling": Case(
        Example(charter(ART + "Điều 2. Công an phường thực hiện theo quy định tại Điều 12 của Quyết định này.\n"), "REFERS_TO", "", ""),
        charter(ART + "Điều 2. Công an phường thực hiện theo quy định tại Điều 1 của Quyết định này.\n"),
    ),
}


def test_every_rule_has_examples():
    """A new rule needs a positive and a negative example here."""
    assert sorted(set(REGISTRY.ids()) - set(CASES)) == []
    assert sorted(set(CASES) - set(REGISTRY.ids())) == []


@pytest.mark.parametrize("rule_id", REGISTRY.ids())
def test_positive_example_gives_the_edge(rule_id):
    case = CASES.get(rule_id)
    if case is None:
        pytest.fail(f"no examples for {rule_id}")
    ex = case.positive
    got = _edges(ex.text, rule_id)
    assert any(t == ex.type and ex.source in s and ex.target in d for t, s, d in got), got


@pytest.mark.parametrize("rule_id", REGISTRY.ids())
def test_near_miss_does_not_give_the_edge(rule_id):
    case = CASES.get(rule_id)
    if case is None:
        pytest.fail(f"no examples for {rule_id}")
    try:
        got = _edges(case.negative, rule_id)
    except ExtractError:
        got = []
    assert got == []


def test_every_rule_on_the_sample_and_test_charters_is_registered():
    paths = sorted((ROOT / "data" / "charters").glob("*.txt")) + sorted((ROOT / "tests" / "data").glob("*.txt"))
    edges = [e for p in paths for e in extract_file(p).edges]
    seen = {r for e in edges for r in _rules_of(e)}
    assert seen and seen <= set(REGISTRY.ids()), seen - set(REGISTRY.ids())
    # only the structural provision tree is ruleless (a charter has its provisions)
    assert {e.type for e in edges if not _rules_of(e)} == {"HAS_PROVISION"}


def test_every_trigger_runs_once_in_the_relation_pass():
    exported = [t for family in FAMILIES for t in getattr(family, "TRIGGERS", ())]
    assert sorted(map(id, exported)) == sorted(map(id, RELATION_PASS))
    assert all(step.rule is REGISTRY[step.id] for step in RELATION_PASS)


def test_rules_table_rows_are_complete():
    rows = rules_table()
    assert [r["id"] for r in rows] == REGISTRY.ids()
    assert all(r["family"] and r["types"] and r["description"] and r["example"] for r in rows)


def test_a_rule_is_registered_once():
    from govkg.loaders.extract.registry import Registry

    with pytest.raises(ValueError, match="twice"):
        Registry([REGISTRY["reports.bao_cao"], REGISTRY["reports.bao_cao"]])
