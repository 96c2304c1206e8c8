"""Tests for ``govkg.loaders.parse``: the charter parser.

The expectations below were written by reading the five seed charters and the synthetic
Party fixture (``tests/data/other_layout_party.txt``), not by running the parser. Each
seed is parsed twice: through ``read_text`` (the normal path) and from the raw file with
only NFC applied, which keeps every leftover of conversion (``**``, hard wraps, blank-line
runs) — the parser must give the same structure on both.
"""

from __future__ import annotations

import hashlib
import time
import unicodedata
from pathlib import Path

import pytest
from govkg.loaders.model import Document, PartialDate, SourceText
from govkg.loaders.parse import MAX_PROVISIONS, label_end, normalize_doc_number, parse, parse_citations, parse_file
from govkg.loaders.read import read_text

from govkg.errors import ParseError
from govkg.vn.text import decompose

ROOT = Path(__file__).resolve().parents[1]
CHARTERS = ROOT / "data" / "charters"
SEEDS = {n: next(CHARTERS.glob(f"{n:03d}_*.txt")) for n in range(5)}
PARTY = ROOT / "tests" / "data" / "other_layout_party.txt"


def raw_source(text: str, path: str = "raw.txt") -> SourceText:
    """A SourceText with NFC only: offsets are the identity, leftovers stay."""
    norm = unicodedata.normalize("NFC", text)
    return SourceText(
        path, text, norm, tuple(range(len(norm) + 1)), "utf-8", hashlib.sha256(text.encode()).hexdigest()
    )


_CACHE: dict[tuple[str, Path], Document] = {}


def _load(how: str, path: Path) -> Document:
    key = (how, path)
    if key not in _CACHE:
        if how == "read_text":
            _CACHE[key] = parse_file(path)
        else:
            _CACHE[key] = parse(raw_source(path.read_text(encoding="utf-8"), str(path)))
    return _CACHE[key]


@pytest.fixture(params=["read_text", "raw"])
def load(request):
    return lambda path: _load(request.param, path)


def numbers(part):
    return [b.number for b in part.bases]


def kinds(node):
    return [c.kind for c in node.children]


# --------------------------------------------------------------------------------------
# invariants, for every seed and the Party fixture
# --------------------------------------------------------------------------------------

ALL_FILES = [*SEEDS.values(), PARTY]


@pytest.mark.parametrize("path", ALL_FILES, ids=lambda p: p.name[:3])
def test_invariants(load, path):
    doc = load(path)
    text = doc.source.text
    refs = [p.ref for p in doc.provisions()]
    assert len(refs) == len(set(refs)), "refs must be unique within a document"
    for p in doc.provisions():
        assert p.text == text[p.start : p.end], p.ref
        for c in p.children:
            assert p.start <= c.start <= c.end <= p.end, c.ref
    prev_end = -1
    for part in doc.parts:
        assert prev_end <= part.start <= part.end
        prev_end = part.end
        assert all(p.human.startswith(part.name + ", ") for p in part.walk())
        assert all(p.ref.startswith(part.slug + "/") for p in part.walk())
        nums = [int(a.label) for a in part.articles()]
        assert nums == sorted(nums) and len(nums) == len(set(nums))
        cites = [*part.bases]
        if part.header.attached_to:
            cites.append(part.header.attached_to)
        if part.proposer:
            assert part.proposer.text == text[part.proposer.start : part.proposer.end]
            if part.proposer.submission:
                cites.append(part.proposer.submission)
        for c in cites:
            assert c.text == text[c.start : c.end], c.ref
        assert [b.ref for b in part.bases] == [
            f"{part.slug}/can-cu/{i}" for i in range(1, len(part.bases) + 1)
        ]
        if part.closing and part.closing.signature:
            sig = part.closing.signature
            assert sig.text == text[sig.start : sig.end]
            assert sig.ref == f"{part.slug}/chu-ky"
            last = part.articles()[-1]
            assert last.end <= part.closing.start, "the last article stops before the closing"
            assert "Nơi nhận" not in last.text


# --------------------------------------------------------------------------------------
# seed 000: decision + Quy chế, no masthead, dates in two styles
# --------------------------------------------------------------------------------------


def test_seed_000(load):
    doc = load(SEEDS[0])
    assert [p.slug for p in doc.parts] == ["quyet-dinh", "quy-che"]
    qd, qc = doc.parts
    assert (qd.kind, qd.name, qc.kind, qc.name) == ("decision", "Quyết định", "regulation", "Quy chế")
    h = qd.header
    assert h.issuing_bodies == () and h.motto is None
    assert (h.number, h.number_raw, h.place) == ("03/QĐ-BCĐ", "03/QĐ-BCĐ", "Hải Dương")
    assert h.date == PartialDate(2026, 7, 1) and h.date.iso == "2026-07-01" and not h.is_draft
    assert h.doc_type == "Quyết định"
    assert h.title.startswith("Ban hành Quy chế hoạt động của Ban Chỉ đạo về phát triển khoa học")
    assert h.title.endswith("Đề án 06 phường Hải Dương")
    assert h.issuer_line == (
        "TRƯỞNG BAN CHỈ ĐẠO VỀ PHÁT TRIỂN KHOA HỌC, CÔNG NGHỆ, ĐỔI MỚI SÁNG TẠO, CHUYÊN ĐỔI SỐ VÀ ĐỀ ÁN 06"
    )
    assert h.attached_to is None

    assert numbers(qd) == [
        None,
        "269/2025/NĐ-CP",
        "57-NQ/TW",
        "71/NQ-CP",
        "76/NQ-CP",
        "06/QĐ-TTg",
        "895/QĐ-UBND",
    ]
    assert [b.doc_type for b in qd.bases] == [
        "Luật",
        "Nghị định",
        "Nghị quyết",
        "Nghị quyết",
        "Nghị quyết",
        "Quyết định",
        "Quyết định",
    ]
    luat, nd, nq57 = qd.bases[:3]
    assert luat.title == "Luật Tổ chức chính quyền địa phương" and luat.issued_on.iso == "2025-06-16"
    assert luat.number_raw is None and luat.issuer is None
    assert (nd.issuer, nd.title, nd.issued_on.iso) == (
        "Chính phủ",
        "về phát triển đô thị thông minh",
        "2025-10-14",
    )
    assert nq57.issuer == "Bộ Chính trị" and nq57.issued_on.iso == "2024-12-22"
    assert qd.bases[3].title.startswith("về sửa đổi, bổ sung, cập nhật Chương trình hành động")
    assert qd.bases[5].issuer == "Thủ tướng Chính phủ" and qd.bases[5].title.startswith("phê duyệt Đề án")
    assert qd.bases[6].issuer == "UBND phường Hải Dương" and qd.bases[6].issued_on.iso == "2026-07-01"
    assert not qd.bases[6].title.endswith(";")

    assert qd.proposer.who == "Trưởng Công an phường" and qd.proposer.submission is None
    assert qd.proposer.ref == "quyet-dinh/de-nghi"
    closing = qd.closing
    assert closing.recipients[0] == "Như Điều 3" and closing.recipients[-1] == "Lưu: VT, CAP"
    assert len(closing.recipients) == 7
    sig = closing.signature
    assert (sig.authority, sig.titles, sig.signer) == (
        None,
        ("TRƯỞNG BAN", "CHỦ TỊCH UBND PHƯỜNG"),
        "Phạm Thị Thanh Vân",
    )

    assert (len(qd.chapters()), len(qd.articles())) == (0, 3)
    assert qd.articles()[0].title.startswith("Ban hành kèm theo Quyết định này Quy chế hoạt động")
    d3 = doc.find("quyet-dinh/dieu-3")
    assert d3.text.startswith("Điều 3. Các thành viên Ban Chỉ đạo") and d3.text.endswith(
        "thi hành Quyết định này./."
    )

    assert qc.header.doc_type == "Quy chế" and qc.header.title.startswith(
        "Hoạt động của Ban Chỉ đạo về phát triển"
    )
    att = qc.header.attached_to
    assert (att.doc_type, att.number, att.issued_on.iso) == ("Quyết định", "03/QĐ-BCĐ", "2026-07-01")
    assert (
        att.issuer.startswith("Trưởng Ban Chỉ đạo về phát triển khoa học") and att.ref == "quy-che/kem-theo"
    )
    assert qc.bases == () and qc.proposer is None and qc.closing is None
    assert [c.ref for c in qc.chapters()] == [f"quy-che/chuong-{i}" for i in range(1, 5)]
    assert [c.title for c in qc.chapters()] == [
        "NHỮNG QUY ĐỊNH CHUNG",
        "NHIỆM VỤ VÀ QUYỀN HẠN",
        "NGUYÊN TẮC, CHẾ ĐỘ LÀM VIỆC VÀ QUAN HỆ CÔNG TÁC",
        "TỔ CHỨC THỰC HIỆN",
    ]
    assert [len(c.children) for c in qc.chapters()] == [3, 6, 4, 1]
    assert len(qc.articles()) == 14
    assert qc.articles()[0].title == "Phạm vi, đối tượng áp dụng"

    d9 = doc.find("quy-che/dieu-9")
    assert d9.title == "Nhiệm vụ, quyền hạn của Cơ quan thường trực của Ban Chỉ đạo"
    assert kinds(d9) == ["paragraph"] + ["clause"] * 6
    assert d9.children[0].ref == "quy-che/dieu-9/doan-1"
    assert d9.children[0].text.startswith("Công an phường làm nhiệm vụ Cơ quan Thường trực")
    assert doc.find("quy-che/dieu-9/khoan-5").text == (
        "5. Lưu giữ hồ sơ tài liệu liên quan đến hoạt động của Ban Chỉ đạo. "
        "Bảo đảm các điều kiện cần thiết cho hoạt động của Ban Chỉ đạo."
    )
    assert [p.label for p in doc.find("quy-che/dieu-8/khoan-1").children] == ["a", "b", "c", "d", "e"]
    b = doc.find("quy-che/dieu-6/khoan-2/diem-b")
    assert b.human == "Quy chế, Điều 6, khoản 2, điểm b" and b.text.startswith("b) Tham dự đầy đủ")
    assert doc.find("quy-che/dieu-6/khoan-2").title == "Các Phó Trưởng Ban Chỉ đạo"
    assert doc.find("quy-che/chuong-2").human == "Quy chế, Chương II"
    # the two numberings do not collide
    assert doc.find("quyet-dinh/dieu-1").text != doc.find("quy-che/dieu-1").text


# --------------------------------------------------------------------------------------
# seed 001: masthead wrapped over lines, draft number/date, Tờ trình, "Chương IV **…**"
# --------------------------------------------------------------------------------------


def test_seed_001(load):
    doc = load(SEEDS[1])
    assert [p.slug for p in doc.parts] == ["quyet-dinh", "quy-che"]
    qd, qc = doc.parts
    h = qd.header
    assert h.issuing_bodies == (
        "UBND TỈNH BẮC NINH",
        "BCĐ VỀ PHÁT TRIỂN KHOA HỌC, CÔNG NGHỆ, ĐỔI MỚI SÁNG TẠO, CHUYỂN ĐỔI SỐ VÀ ĐỀ ÁN 06",
    )
    assert (
        h.motto.startswith("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM") and "Độc lập - Tự do - Hạnh phúc" in h.motto
    )
    assert (h.number, h.number_raw) == (None, "/QĐ-BCĐ")
    assert h.date == PartialDate(2026, 6, None) and h.date.iso == "2026-06" and h.place == "Bắc Ninh"
    assert h.is_draft
    assert h.title.startswith("Ban hành Quy chế tổ chức và hoạt động của Ban Chỉ đạo")
    assert h.issuer_line == (
        "TRƯỞNG BAN CHỈ ĐẠO VỀ PHÁT TRIỂN KHOA HỌC, CÔNG NGHỆ, ĐỔI MỚI SÁNG TẠO, "
        "CHUYỂN ĐỔI SỐ VÀ ĐỀ ÁN 06 TỈNH BẮC NINH"
    )
    assert numbers(qd) == [None, "1455/QĐ-UBND"]
    qd1455 = qd.bases[1]
    assert qd1455.issuer == "Chủ tịch UBND tỉnh Bắc Ninh" and qd1455.issued_on.iso == "2026-06-03"
    assert qd1455.title.startswith("về việc kiện toàn Ban Chỉ đạo")
    pr = qd.proposer
    assert pr.who == "Giám đốc Công an tỉnh"
    assert (pr.submission.doc_type, pr.submission.number, pr.submission.issued_on.iso) == (
        "Tờ trình",
        "3680/TTr-CAT-TM",
        "2026-06-02",
    )
    sig = qd.closing.signature
    assert (sig.authority, sig.titles, sig.signer) == (
        None,
        ("TRƯỞNG BAN", "CHỦ TỊCH UBND TỈNH"),
        "Phạm Hoàng Sơn",
    )
    assert len(qd.closing.recipients) == 7 and qd.closing.recipients[1] == "Văn phòng Chính phủ (b/c)"
    assert (len(qd.chapters()), len(qd.articles())) == (0, 3)
    assert "thay thế Quyết định số 394/QĐ-BCĐ" in doc.find("quyet-dinh/dieu-2").text

    att = qc.header.attached_to
    assert (att.number, att.number_raw, att.issued_on) == (None, "/QĐ-BCĐ", PartialDate(2026, 6, None))
    assert att.issuer.endswith("Đề án 06 tỉnh Bắc Ninh")
    assert qc.header.title.startswith("Tổ chức và hoạt động của Ban Chỉ đạo")
    assert (len(qc.chapters()), len(qc.articles())) == (4, 16)
    assert [c.title for c in qc.chapters()][0::3] == ["QUY ĐỊNH CHUNG", "TỔ CHỨC THỰC HIỆN"]
    k1 = doc.find("quy-che/dieu-5/khoan-1")
    assert k1.title == "Phó Trưởng Ban Thường trực Ban Chỉ đạo"
    assert kinds(k1) == ["bullet"] * 5 and k1.children[4].ref == "quy-che/dieu-5/khoan-1/gach-5"
    assert k1.children[4].text == "- Thực hiện các nhiệm vụ khác do Trưởng Ban giao."
    dd = doc.find("quy-che/dieu-8/khoan-1/diem-dd")
    assert (
        dd.label == "đ"
        and dd.human == "Quy chế, Điều 8, khoản 1, điểm đ"
        and dd.text.startswith("đ) Được huy động")
    )
    assert [len(a.children) for a in qc.articles()][:3] == [2, 5, 1]


# --------------------------------------------------------------------------------------
# seed 002: two acts in one Căn cứ, paragraphs under clauses, full-sentence headings
# --------------------------------------------------------------------------------------


def test_seed_002(load):
    doc = load(SEEDS[2])
    qd, qc = doc.parts
    h = qd.header
    assert h.issuing_bodies == (
        "UBND PHƯỜNG PHÚC LA",
        "BAN CHỈ ĐẠO CẢI CÁCH HÀNH CHÍNH, CHUYỂN ĐỔI SỐ VÀ ĐỀ ÁN 06",
    )
    assert (h.number, h.number_raw, h.place, h.date.iso) == (None, "/QĐ-BCĐ", "Phúc La", "2024-05")
    assert h.title == (
        "Ban hành Quy chế hoạt động và phân công nhiệm vụ của thành viên Ban Chỉ đạo cải cách "
        "hành chính, chuyển đổi số và Đề án 06 phường Phúc La"
    )
    assert h.issuer_line == "BAN CHỈ ĐẠO CẢI CÁCH HÀNH CHÍNH, CHUYỂN ĐỔI SỐ VÀ ĐỀ ÁN 06"
    assert [b.doc_type for b in qd.bases] == ["Luật", "Luật", "Quyết định"]
    assert numbers(qd) == [None, None, "51/QĐ-UBND"]
    assert [b.issued_on.iso for b in qd.bases] == ["2015-06-19", "2019-11-22", "2024-03-06"]
    assert qd.bases[1].title == (
        "Luật sửa đổi, bổ sung một số điều của Luật Tổ chức Chính phủ và Luật Tổ chức chính quyền địa phương"
    )
    assert qd.bases[2].issuer == "UBND phường Phúc La" and qd.bases[2].title.startswith("về việc hợp nhất")
    assert qd.proposer.who == "Văn phòng UBND phường Phúc La"
    sig = qd.closing.signature
    assert (sig.authority, sig.titles, sig.signer) == (
        "TM. BAN CHỈ ĐẠO",
        ("TRƯỞNG BAN", "CHỦ TỊCH UBND PHƯỜNG"),
        "Nguyễn Thị Thu Hằng",
    )
    assert qd.closing.recipients == (
        "UBND quận Hà Đông",
        "BCĐ CCHC, Chuyển đổi số và Đề án 06 quận",
        "Đảng ủy phường",
        "Như Điều 3",
        "Lưu: VT",
    )
    assert (len(qd.chapters()), len(qd.articles())) == (0, 3)

    assert qc.header.attached_to.issued_on == PartialDate(2024, 5, None)
    assert (len(qc.chapters()), len(qc.articles())) == (4, 11)
    assert qc.closing is None  # the Quy chế ends with its last article
    d7 = doc.find("quy-che/dieu-7")
    assert kinds(d7) == ["clause"] * 4
    assert kinds(d7.children[0]) == ["paragraph", "paragraph"]
    assert (
        d7.children[0]
        .children[1]
        .text.startswith("Tham mưu Trưởng Ban Chỉ đạo, Phó Trưởng Ban Chỉ đạo triển khai")
    )
    assert doc.find("quy-che/dieu-7/khoan-3/doan-1").text.startswith(
        "Ban Chỉ đạo thành lập Tổ giúp việc chung"
    )
    d8 = doc.find("quy-che/dieu-8")
    assert kinds(d8) == ["paragraph", "paragraph"] + ["clause"] * 6
    assert d8.children[1].text == "Thành viên Ban Chỉ đạo có nhiệm vụ cụ thể như sau:"
    assert [len(c.children) for c in d8.children[2:]] == [7, 7, 3, 4, 3, 2]
    assert (
        doc.find("quy-che/dieu-8/khoan-1").title == "Đồng chí Vũ Trọng Huân, Công chức Văn phòng – thống kê"
    )
    assert "“đúng, đủ, sạch, sống”" in doc.find("quy-che/dieu-8/khoan-2/gach-5").text
    assert len(doc.find("quy-che/dieu-9").children) == 7  # clauses with no blank line between them
    d10, d11 = doc.find("quy-che/dieu-10"), doc.find("quy-che/dieu-11")
    assert (
        d10.title
        == (
            "Kinh phí hoạt động của Ban Chỉ đạo và Tổ giúp việc trong từng chuyên đề được bố trí "
            "từ nguồn ngân sách do UBND quận cấp"
        )
        and d10.children == ()
    )
    assert d11.title == "Các thành viên Ban Chỉ đạo có trách nhiệm thực hiện Quy chế"
    assert d11.text.endswith("các thành viên Ban Chỉ đạo.")


# --------------------------------------------------------------------------------------
# seed 003: a decision alone, blank day and month, bullets and paragraphs mixed
# --------------------------------------------------------------------------------------


def test_seed_003(load):
    doc = load(SEEDS[3])
    assert [p.slug for p in doc.parts] == ["quyet-dinh"]
    qd = doc.main
    h = qd.header
    assert (h.number, h.number_raw, h.place) == (None, "/QĐ-UBND", "Hải An")
    assert h.date == PartialDate(2026, None, None) and h.date.iso == "2026"
    assert h.title.startswith("Kiện toàn Ban Chỉ đạo của phường Hải An")
    assert h.issuer_line == "ỦY BAN NHÂN DÂN PHƯỜNG HẢI AN" and h.issuing_bodies == ()
    assert numbers(qd) == [None, "57-NQ/TW", "11/NQ/CP", "269/2025/NQ-CP", "730/QĐ-TTg", "1780/QĐ-UBND"]
    assert qd.bases[2].number_raw == "11/NQ/CP" and qd.bases[2].title.startswith("sửa đổi, bổ sung, cập nhật")
    assert qd.bases[5].issuer == "Ủy ban nhân dân thành phố Hải Phòng"
    assert qd.proposer.who == "Trưởng phòng Văn hóa - Xã hội phường"
    assert (len(qd.chapters()), len(qd.articles())) == (0, 9)
    assert doc.find("quyet-dinh/dieu-1").title.endswith("gồm các thành viên sau")
    assert [c.title for c in doc.find("quyet-dinh/dieu-1").children[2:]] == [
        "Phó Trưởng Ban Chỉ đạo",
        "Các Thành viên",
        "Thư ký Ban Chỉ đạo",
    ]
    assert kinds(doc.find("quyet-dinh/dieu-1/khoan-3")) == ["bullet"] * 5
    k3 = doc.find("quyet-dinh/dieu-4/khoan-3")
    assert [(c.kind, c.label) for c in k3.children] == [
        ("bullet", "1"),
        ("bullet", "2"),
        ("bullet", "3"),
        ("paragraph", "1"),
        ("bullet", "4"),
    ]
    assert k3.children[3].text.startswith("Các Tổ Công tác có nhiệm vụ giúp việc")
    assert doc.find("quyet-dinh/dieu-3/khoan-4/doan-1").text.startswith("Sơ kết, đánh giá tình hình")
    assert doc.find("quyet-dinh/dieu-2").title == "Chức năng của Ban Chỉ đạo"
    sig = qd.closing.signature
    assert (sig.authority, sig.titles, sig.signer) == ("TM. ỦY BAN NHÂN DÂN", ("CHỦ TỊCH",), "Cao Huy Hiếu")
    assert len(qd.closing.recipients) == 9 and qd.closing.recipients[0] == "Như Điều 9"
    assert doc.find("quyet-dinh/dieu-9/khoan-3").text.startswith("3. Chánh Văn phòng Hội đồng nhân dân")


# --------------------------------------------------------------------------------------
# seed 004: a Quy chế alone (PDF-extracted), Party bases, closing at the very end
# --------------------------------------------------------------------------------------


def test_seed_004(load):
    doc = load(SEEDS[4])
    assert [(p.slug, p.kind, p.name) for p in doc.parts] == [("quy-che", "regulation", "Quy chế")]
    qc = doc.main
    h = qc.header
    assert h.doc_type == "Quy chế"
    assert h.title.startswith(
        "Ban Chỉ đạo và Tổ Giúp việc Ban Chỉ đạo về phát triển khoa học, công nghệ, đổi mới"
    )
    assert h.title.endswith("Đề án 06 xã Khánh Khê")
    assert (h.number, h.date, h.place, h.motto, h.attached_to) == (None, None, None, None, None)
    assert h.is_draft
    assert [b.doc_type for b in qc.bases] == [
        "Điều lệ",
        "Nghị quyết",
        "Nghị quyết",
        "Quyết định",
        "Quyết định",
        "Quy chế",
        "Quyết định",
    ]
    assert numbers(qc) == [None, "57-NQ/TW", "71/NQ-CP", "204-QĐ/TW", "04-QĐ/BCĐ", None, "92-QĐ/ĐU"]
    assert qc.bases[0].title == "Điều lệ Đảng Cộng sản Việt Nam"
    assert qc.bases[3].issuer == "Ban Bí thư"
    assert qc.bases[4].issuer == (
        "Ban chỉ đạo về phát triển khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số tỉnh Lạng Sơn"
    ) and qc.bases[4].title.startswith("về ban hành Quy chế làm việc")
    assert qc.bases[5].title == "Quy chế làm việc của Ban Chấp hành Đảng bộ xã khóa I, nhiệm kỳ 2025 - 2030"
    assert qc.bases[6].issuer == "Ban Thường vụ Đảng ủy" and qc.bases[6].issued_on.iso == "2025-07-24"
    assert qc.proposer is None
    assert (len(qc.chapters()), len(qc.articles())) == (4, 20)
    assert qc.chapters()[1].title == "CHỨC NĂNG, NHIỆM VỤ, QUYỀN HẠN"
    assert doc.find("quy-che/dieu-18/khoan-1").text.startswith("1. Định kỳ ngày 20 hằng tháng")
    assert (
        doc.find("quy-che/dieu-10").title
        == "Nhiệm vụ và quyền hạn của Phó Trưởng Ban Thường trực Ban chỉ đạo"
    )
    assert doc.find("quy-che/dieu-7").children[0].kind == "paragraph"
    assert len(doc.find("quy-che/dieu-5").children) == 10
    assert doc.find("quy-che/dieu-15/khoan-5").title == "Cơ chế phối hợp trong nội bộ Ban chỉ đạo"
    closing = qc.closing
    assert len(closing.recipients) == 10 and closing.recipients[0] == "Thường trực Tỉnh ủy (B/c)"
    sig = closing.signature
    assert (sig.authority, sig.titles, sig.signer) == (
        None,
        ("BÍ THƯ kiêm TRƯỞNG BAN CHỈ ĐẠO",),
        "Nguyễn Mạnh Tuấn",
    )


# --------------------------------------------------------------------------------------
# the Party layout: masthead in a flattened table, "1-" clauses, "2.1-", unnumbered sections
# --------------------------------------------------------------------------------------


def test_party_layout(load):
    doc = load(PARTY)
    assert [(p.slug, p.kind) for p in doc.parts] == [("quy-dinh", "regulation")]
    part = doc.main
    h = part.header
    assert h.issuing_bodies == ("ĐẢNG BỘ TỈNH LẠNG SƠN", "BAN THƯỜNG VỤ TỈNH ỦY")
    assert h.motto == "ĐẢNG CỘNG SẢN VIỆT NAM"
    assert (h.number, h.place, h.date.iso, h.doc_type) == ("96-QĐ/TU", "Lạng Sơn", "2025-03-05", "Quy định")
    assert h.title == (
        "chức năng, nhiệm vụ, quyền hạn và chế độ làm việc của Ban Chỉ đạo phát triển khoa học, "
        "công nghệ, đổi mới sáng tạo và chuyển đổi số tỉnh"
    )
    assert [b.doc_type for b in part.bases] == ["Điều lệ", "Quy chế", "Nghị quyết", "Kết luận"]
    assert numbers(part) == [None, None, "57-NQ/TW", "126-KL/TW"]
    assert part.bases[3].issuer == "Bộ Chính trị, Ban Bí thư"
    assert part.proposer.who == "Ban Tổ chức Tỉnh ủy" and part.proposer.text.endswith("Tỉnh ủy,")

    sections = part.chapters()
    assert [(s.kind, s.ref, s.title) for s in sections] == [
        ("section", "quy-dinh/de-muc-1", "NHỮNG QUY ĐỊNH CHUNG"),
        ("section", "quy-dinh/de-muc-2", "NHIỆM VỤ, QUYỀN HẠN VÀ CHẾ ĐỘ LÀM VIỆC"),
        ("section", "quy-dinh/de-muc-3", "TỔ CHỨC THỰC HIỆN"),
    ]
    assert [[a.label for a in s.children] for s in sections] == [["1", "2"], ["3", "4"], ["5"]]
    assert [a.title for a in part.articles()] == [
        "Vị trí, chức năng",
        "Nguyên tắc làm việc",
        "Nhiệm vụ, quyền hạn",
        "Chế độ làm việc",
        "Hiệu lực thi hành",
    ]
    d1 = doc.find("quy-dinh/dieu-1")
    assert [(c.kind, c.label) for c in d1.children] == [("clause", "1"), ("clause", "2")]
    k2 = d1.children[1]
    assert k2.title == "Ban Chỉ đạo có chức năng"
    assert [c.ref for c in k2.children] == [
        "quy-dinh/dieu-1/khoan-2.1",
        "quy-dinh/dieu-1/khoan-2.2",
    ]
    k22 = k2.children[1]
    assert [p.label for p in k22.children] == ["a", "b", "c", "d", "đ"]
    assert k22.children[-1].ref == "quy-dinh/dieu-1/khoan-2.2/diem-dd"
    assert k22.children[-1].human == "Quy định, Điều 1, khoản 2.2, điểm đ"
    assert kinds(doc.find("quy-dinh/dieu-2")) == ["paragraph"]
    k31 = doc.find("quy-dinh/dieu-3/khoan-1")
    assert kinds(k31) == ["bullet", "bullet"]
    assert [c.text for c in k31.children[1].children] == ["+ về tài chính;", "+ về nhân lực."]
    assert doc.find("quy-dinh/dieu-4/khoan-1/doan-1").text == "Thường trực Ban Chỉ đạo họp hằng tháng."
    assert doc.find("quy-dinh/dieu-5").text.endswith("của Ban Thường vụ Tỉnh ủy./.")
    closing = part.closing
    assert closing.recipients == (
        "Ban Tổ chức Trung ương (để b/c)",
        "Các đồng chí Tỉnh ủy viên",
        "Lưu Văn phòng Tỉnh ủy",
    )
    sig = closing.signature
    assert (sig.authority, sig.titles, sig.signer) == (
        "T/M BAN THƯỜNG VỤ",
        ("PHÓ BÍ THƯ THƯỜNG TRỰC",),
        "Đoàn Thị Hậu",
    )


# --------------------------------------------------------------------------------------
# other layouts, small and synthetic
# --------------------------------------------------------------------------------------

REG_WITH_MASTHEAD = """\
UBND TỈNH HÀ NAM
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Số: 12/QĐ-UBND
Hà Nam, ngày 3 tháng 4 năm 2025
QUYẾT ĐỊNH
Thành lập Ban Chỉ đạo chuyển đổi số tỉnh
CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH
Xét đề nghị của Giám đốc Sở Nội vụ tại Tờ trình số 45/TTr-SNV ngày 1/4/2025,
QUYẾT ĐỊNH:
Điều 1. Thành lập Ban Chỉ đạo chuyển đổi số tỉnh.
Điều 2. Ban hành kèm theo Quyết định này Quy chế hoạt động của Ban Chỉ đạo.
Nơi nhận:
- Như Điều 2;
- Lưu: VT.
KT. CHỦ TỊCH
PHÓ CHỦ TỊCH
Trần Văn An
UBND TỈNH HÀ NAM
BAN CHỈ ĐẠO CHUYỂN ĐỔI SỐ
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
QUY CHẾ
Hoạt động của Ban Chỉ đạo chuyển đổi số tỉnh
(Ban hành kèm theo Quyết định số 12/QĐ-UBND ngày 03/4/2025 của Chủ tịch UBND tỉnh)
Chương I: Quy định chung
Mục 1. PHẠM VI
Điều 1: Phạm vi điều chỉnh
Quy chế này quy định hoạt động của Ban Chỉ đạo.
Mục 2. NGUYÊN TẮC
Điều 2 - Nguyên tắc
1) Tập trung dân chủ;
2) Công khai, minh bạch.
CHƯƠNG 2
NHIỆM VỤ CỦA BAN CHỈ ĐẠO
Điều 3. Nhiệm vụ của Ban Chỉ đạo gồm nhiều nội dung quan trọng liên quan đến việc chỉ đạo, điều
phối chuyển đổi số trên địa bàn tỉnh
1. Chỉ đạo:
1.1. Xây dựng kế hoạch;
1.2. Kiểm tra, đôn đốc.
"""


def test_regulation_with_its_own_masthead_and_mixed_headings():
    doc = parse(raw_source(REG_WITH_MASTHEAD, "hanam.txt"))
    qd, qc = doc.parts
    assert (qd.slug, qc.slug) == ("quyet-dinh", "quy-che")
    assert qd.header.issuing_bodies == ("UBND TỈNH HÀ NAM",) and qd.header.number == "12/QĐ-UBND"
    assert qd.header.issuer_line == "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH"
    assert qd.proposer.who == "Giám đốc Sở Nội vụ" and qd.proposer.submission.number == "45/TTr-SNV"
    sig = qd.closing.signature
    assert (sig.authority, sig.titles, sig.signer) == ("KT. CHỦ TỊCH", ("PHÓ CHỦ TỊCH",), "Trần Văn An")
    # the Quy chế's own masthead belongs to it, not to the decision's signature
    assert qc.header.issuing_bodies == ("UBND TỈNH HÀ NAM", "BAN CHỈ ĐẠO CHUYỂN ĐỔI SỐ")
    assert qc.header.motto.startswith("CỘNG HÒA") and qc.start < doc.source.text.index("QUY CHẾ")
    assert (
        qc.header.attached_to.number == "12/QĐ-UBND" and qc.header.attached_to.issued_on.iso == "2025-04-03"
    )
    ch1, ch2 = qc.chapters()
    assert (ch1.label, ch1.title, ch2.label, ch2.title, ch2.ref) == (
        "I",
        "Quy định chung",
        "2",
        "NHIỆM VỤ CỦA BAN CHỈ ĐẠO",
        "quy-che/chuong-2",
    )
    assert [(s.kind, s.ref, s.title) for s in ch1.children] == [
        ("section", "quy-che/chuong-1/muc-1", "PHẠM VI"),
        ("section", "quy-che/chuong-1/muc-2", "NGUYÊN TẮC"),
    ]
    assert [a.title for a in qc.articles()] == [
        "Phạm vi điều chỉnh",
        "Nguyên tắc",
        "Nhiệm vụ của Ban Chỉ đạo gồm nhiều nội dung quan trọng liên quan đến việc chỉ đạo, điều phối chuyển "
        "đổi số trên địa bàn tỉnh",
    ]
    assert [c.label for c in doc.find("quy-che/dieu-2").children] == ["1", "2"]
    k1 = doc.find("quy-che/dieu-3/khoan-1")
    assert [c.ref for c in k1.children] == [
        "quy-che/dieu-3/khoan-1.1",
        "quy-che/dieu-3/khoan-1.2",
    ]
    assert k1.children[1].human == "Quy chế, Điều 3, khoản 1.2"


def test_attached_regulation_without_a_caps_title_line():
    text = (
        "QUYẾT ĐỊNH\nBan hành Quy chế\nĐiều 1. Ban hành kèm theo Quyết định này Quy chế.\n"
        "Điều 2. Quyết định có hiệu lực kể từ ngày ký.\nTRƯỞNG BAN\nLê Văn Bình\n"
        "Quy chế hoạt động của Ban Chỉ đạo\nchuyển đổi số xã\n"
        "(Kèm theo Quyết định số 5/QĐ-BCĐ ngày 2/3/2025 của Trưởng Ban Chỉ đạo)\n"
        "Điều 1. Phạm vi\nĐiều 2. Đối tượng\n"
    )
    qd, qc = parse(raw_source(text, "no_caps_title.txt")).parts
    assert qd.closing.signature.signer == "Lê Văn Bình" and [a.label for a in qd.articles()] == ["1", "2"]
    assert (qc.slug, qc.kind, qc.header.doc_type) == ("quy-che", "regulation", "Quy chế")
    assert qc.header.title == "Quy chế hoạt động của Ban Chỉ đạo chuyển đổi số xã"
    assert qc.header.attached_to.number == "5/QĐ-BCĐ" and [a.ref for a in qc.articles()] == [
        "quy-che/dieu-1",
        "quy-che/dieu-2",
    ]


def test_truncated_mid_article_still_parses():
    text = read_text(SEEDS[0]).text
    cut = text.index("3. Trực tiếp làm việc và đề nghị")  # inside quy-che Điều 9
    with pytest.raises(ParseError, match=r"^truncated\.txt: text ends mid-sentence"):
        parse(raw_source(text[: cut + 40], "truncated.txt"), strict=True)
    doc = parse(raw_source(text[: cut + 40], "truncated.txt"))  # a partial copy: what it states
    assert doc.truncated and doc.truncated.startswith("text ends mid-sentence")
    last = doc.parts[-1].articles()[-1]
    assert last.ref == "quy-che/dieu-9" and last.children[-1].ref == "quy-che/dieu-9/khoan-3"


def test_pipe_flattened_header_and_leftovers_in_the_parser_itself():
    text = (
        "UBND XÃ AN BÌNH | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
        "| Độc lập - Tự do - Hạnh phúc\n"
        "Số: 07/QĐ-UBND | An Bình, ngày 09 tháng 10 năm 2025\n\n\n\n"
        "**QUYẾT ĐỊNH**\n**Về việc kiện toàn Ban Chỉ đạo**\n\n"
        "**Điều 1.** Kiện toàn Ban Chỉ đạo xã.\n\n\n**Điều 2.** Hiệu lực kể từ ngày ký.\n"
    )
    doc = parse(raw_source(text, "anbinh.txt"))
    h = doc.main.header
    assert h.issuing_bodies == ("UBND XÃ AN BÌNH",) and h.motto.endswith("Hạnh phúc")
    assert (h.number, h.place, h.date.iso) == ("07/QĐ-UBND", "An Bình", "2025-10-09")
    assert (h.doc_type, h.title) == ("Quyết định", "Về việc kiện toàn Ban Chỉ đạo")
    assert [a.title for a in doc.main.articles()] == ["Kiện toàn Ban Chỉ đạo xã", "Hiệu lực kể từ ngày ký"]


def test_numbering_styles_of_real_copies():
    """Points "a-" like "a)"; a bullet's level from its marker's place in the list, whichever
    marker opens it; a caps heading cut over lines (a copy's bold or wrap) is one heading."""
    text = (
        "QUY ĐỊNH\nchức năng của Ban Chỉ đạo\n"
        "I- NHỮNG QUY ĐỊNH\nCHUNG\n"
        "Điều 1. Thành phần\n1- Ban Chỉ đạo gồm:\na- Trưởng Ban;\nb- Phó Trưởng Ban:\n"
        "+ Phó Trưởng Ban Thường trực;\n- giúp Trưởng Ban điều hành;\n- ký văn bản;\n+ Phó Trưởng Ban khác.\n"
        "• Thư ký;\n• Thành viên.\n"
        "Ban Chỉ đạo làm việc theo chế độ kiêm nhiệm.\n"
        "NHIỆM VỤ, QUYỀN\nHẠN VÀ\nCHẾ ĐỘ LÀM VIỆC\n"
        "Điều 2. Hiệu lực\nQuy định này có hiệu lực kể từ ngày ký.\n"
    )
    part = parse(raw_source(text, "styles.txt")).main
    refs = [p.ref for p in part.walk()]
    assert [r for r in refs if r.rsplit("/", 1)[-1].startswith("diem")] == [
        "quy-dinh/dieu-1/khoan-1/diem-a",
        "quy-dinh/dieu-1/khoan-1/diem-b",
    ]
    bullets = [r.rsplit("diem-b/", 1)[1] for r in refs if "diem-b/" in r]
    assert bullets == ["gach-1", "gach-1/gach-1", "gach-1/gach-2", "gach-2", "gach-2/gach-1", "gach-2/gach-2"]
    sections = [p for p in part.walk() if p.kind == "section"]
    assert [(s.ref, s.title) for s in sections] == [
        ("quy-dinh/muc-i", "NHỮNG QUY ĐỊNH CHUNG"),
        ("quy-dinh/de-muc-1", "NHIỆM VỤ, QUYỀN HẠN VÀ CHẾ ĐỘ LÀM VIỆC"),
    ]


@pytest.mark.parametrize(
    "text, words",
    [("Điều 1: Phạm vi", "Phạm vi"), ("Dieu 2 - Đối tượng", "Đối tượng"), ("1) Họp", "Họp"), ("2.1- Ban", "Ban"),
     ("a. Trưởng Ban", "Trưởng Ban"), ("đ- Thư ký", "Thư ký"), ("+ Phó Trưởng Ban", "Phó Trưởng Ban"),
     ("Ban Chỉ đạo họp", "Ban Chỉ đạo họp"), ("2025 là năm", "2025 là năm")],
)
def test_label_end_finds_the_words_after_any_provision_label(text, words):
    assert text[label_end(text) :] == words


def test_a_notice_section_heading_cut_over_lines_is_one_heading():
    text = (
        "THÔNG BÁO\nKết luận của Trưởng Ban Chỉ đạo\n"
        "I. ĐÁNH GIÁ CHUNG\nBan Chỉ đạo đã hoàn thành kế hoạch.\n"
        "II. NHIỆM\nVỤ TRONG\nTHỜI GIAN TỚI\n1. Bộ Tài chính bảo đảm kinh phí.\n"
    )
    part = parse(raw_source(text, "notice.txt")).main
    second = part.articles()[1]
    assert second.title == "NHIỆM VỤ TRONG THỜI GIAN TỚI"
    assert [c.kind for c in second.children] == ["clause"]


# --------------------------------------------------------------------------------------
# numbers and citations
# --------------------------------------------------------------------------------------


@pytest.mark.parametrize("raw", ["57-NQ/TW", "57- NQ/TW", "57-\nNQ/TW", "57 -NQ/tw", "57–NQ/TW,"])
def test_normalize_doc_number_same_act(raw):
    assert normalize_doc_number(raw) == "57-NQ/TW"


def test_normalize_doc_number_rule():
    assert normalize_doc_number("06/qđ-ttg") == "06/QĐ-TTg"  # leading zero and the mixed-case code kept
    assert normalize_doc_number("3680/ttr-cat-tm") == "3680/TTr-CAT-TM"
    assert normalize_doc_number("11/NQ/CP") == "11/NQ/CP" != normalize_doc_number("11/NQ-CP")
    assert normalize_doc_number("269 / 2025 / NĐ-CP") == "269/2025/NĐ-CP"


@pytest.mark.parametrize(
    "text",
    [
        "Nghị quyết số 57-NQ/TW ngày 22/12/2024",
        "Nghị quyết 57-NQ/TW",
        "Nghị quyết số 57- NQ/TW",
        "Nghị quyết số 57-\nNQ/TW của Bộ Chính trị",
    ],
)
def test_parse_citations_forms_of_one_number(text):
    (c,) = parse_citations(text)
    assert (c.doc_type, c.number) == ("Nghị quyết", "57-NQ/TW")


def test_parse_citations_inside_an_article():
    doc = _load("read_text", SEEDS[0])
    art = doc.find("quyet-dinh/dieu-2")
    (c,) = parse_citations(art.text, art.start)
    assert (c.doc_type, c.number, c.issued_on.iso) == ("Quyết định", "01/QĐ-BCĐ", "2025-08-05")
    assert c.issuer.startswith("Ban Chỉ đạo phát triển khoa học công nghệ") and c.issuer.endswith(
        "phường Hải Dương"
    )
    assert c.text == doc.source.text[c.start : c.end]


def test_parse_citations_nested_and_named():
    doc = _load("read_text", SEEDS[3])
    base = doc.main.bases[2]
    found = parse_citations(base.text, base.start)
    assert [c.number for c in found] == ["11/NQ/CP", "71/NQ-CP", "57-NQ/TW"]
    assert all(c.text == doc.source.text[c.start : c.end] for c in found)
    assert [
        c.title for c in parse_citations("theo quy định của Luật Ngân sách nhà nước và các văn bản hướng dẫn")
    ] == ["Luật Ngân sách nhà nước"]
    assert parse_citations("Quy chế này và Quyết định này có hiệu lực.") == []
    (c,) = parse_citations("thực hiện quyết định số 15/2023/qđ-ttg ngày 1-6-2023.")
    assert (c.doc_type, c.number, c.issued_on.iso) == ("Quyết định", "15/2023/QĐ-TTg", "2023-06-01")


# --------------------------------------------------------------------------------------
# errors
# --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("", "empty text"),
        ("  \n\n\t ", "empty text"),
        (
            "Căn cứ Luật Tổ chức chính quyền địa phương;\nMột đoạn văn không có điều nào.",
            "no article (Điều) found",
        ),
        ("Điều khoản thi hành được quy định tại Điều 5 của Luật.", "no article (Điều) found"),
        ("Điều 1. Phạm vi\nĐiều 2. Đối tượng\nĐiều 2. Lặp lại\n", "duplicate article Điều 2"),
        ("Điều 2. Một\nĐiều 1. Hai\n", "article numbering goes back from Điều 2 to Điều 1"),
        (
            "Điều 1. Một\nĐiều 2. Hai\nNơi nhận:\n- Lưu VT.\nĐiều 1. Không có khối tiêu đề\n",
            "duplicate article Điều 1",
        ),
        ("<!DOCTYPE html><html><body><p>Điều 1. x</p></body></html>", "HTML"),
    ],
)
def test_malformed_text_raises_with_file_name(text, reason):
    with pytest.raises(ParseError) as err:
        parse(raw_source(text, "bad_input.txt"))
    assert reason in str(err.value) and "bad_input.txt" in str(err.value)
    assert err.value.subject == "bad_input.txt"


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        ("", "empty"),
        ("Căn cứ Luật X;\nMột đoạn văn.\n", "no article (Điều) found, and no numbered sections or items: not a charter"),
        ("Điều 1. a\nĐiều 1. b\n", "duplicate article Điều 1"),
    ],
)
def test_parse_file_errors_name_the_file(tmp_path, content, reason):
    path = tmp_path / "broken_charter.txt"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(ParseError) as err:
        parse_file(path)
    assert reason in str(err.value) and "broken_charter.txt" in str(err.value)


def test_too_many_provisions_is_not_a_charter():
    text = "Điều 1. x\n" + "- a\n" * (MAX_PROVISIONS + 1)
    with pytest.raises(ParseError, match="provisions: not a charter"):
        parse(raw_source(text, "huge.txt"))


# --------------------------------------------------------------------------------------
# pathological input: must end (a typed error or a tree), never hang. Speed figures live
# in the benchmark (govkg bench), not in timed tests; the timeout here only catches a hang.
# --------------------------------------------------------------------------------------


ADVERSARIAL = {
    "a million-ish Điều words on one line": "Điều " * 200_000,
    "one 1 MB line after a heading": "Điều 1. " + "Ban Chỉ đạo họp định kỳ. " * 42_000,
    "one 5 MB line": "Căn cứ " + "x" * 5_000_000,
    "Điều lines repeated": "Điều 1. Phạm vi\n" * 62_000,
    "Điều headings without numbers": "Điều\n" * 200_000,
    "a 1 MB Căn cứ of Luật words": "Căn cứ " + "Luật " * 200_000 + ";\nĐiều 1. x\n",
    "dots and spaces": "Điều 1. " + ". " * 250_000 + "\n" + (" " * 1000 + "\n") * 500,
    "numbers without end": "Căn cứ Quyết định số 1" + "/QĐ-UBND" * 120_000 + "\nĐiều 1. x\n",
}


@pytest.mark.timeout(60)
@pytest.mark.parametrize("name", list(ADVERSARIAL))
def test_adversarial_input_ends_with_a_tree_or_a_typed_error(name):
    source = raw_source(ADVERSARIAL[name], "adversarial.txt")
    try:
        doc = parse(source)
    except ParseError as err:
        assert "adversarial.txt" in str(err)
    else:
        assert doc.parts


# --------------------------------------------------------------------------------------
# perturbations: the same charter in other encodings, forms and files gives the same tree
# --------------------------------------------------------------------------------------


def _tree(doc) -> list[tuple]:
    """Structure and text of a tree, whitespace-insensitive (a re-wrap moves line breaks)."""
    def squash(t: str) -> str:
        return " ".join(t.split())

    out = []
    for part in doc.parts:
        h = part.header
        out.append((part.slug, h.number, h.date.iso if h.date else None, h.doc_type, squash(h.title or "")))
        out += [(c.ref, c.number, c.doc_type) for c in part.bases]
        out += [(p.ref, p.kind, p.label, squash(p.text)) for p in part.walk()]
    return out


def _wrap70(text: str) -> str:
    import textwrap

    return "\n".join(
        "\n".join(textwrap.wrap(line, 70, break_long_words=False, break_on_hyphens=False)) if line.strip() else line
        for line in text.split("\n")
    )


def _docx(text: str) -> bytes:
    import io

    import docx

    document = docx.Document()
    for line in text.split("\n"):
        document.add_paragraph(line)
    buf = io.BytesIO()
    document.save(buf)
    return buf.getvalue()


_TONES = "\u0300\u0301\u0303\u0309\u0323"


def _cp1258(text: str) -> bytes:
    """cp1258 as Windows writes it: vowel letters precomposed (â, ơ, ư…), tone marks combining."""
    out = []
    for ch in text:
        d = decompose(ch)
        tones = "".join(c for c in d if c in _TONES)
        out.append(unicodedata.normalize("NFC", "".join(c for c in d if c not in _TONES)) + tones)
    return "".join(out).encode("cp1258")


PERTURBATIONS = {
    "nfd": lambda t: (decompose(t).encode("utf-8"), "x.txt"),
    "cp1258": lambda t: (_cp1258(t), "x.txt"),
    "wrapped-70": lambda t: (_wrap70(t).encode("utf-8"), "x.txt"),
    "docx": lambda t: (_docx(t), "x.docx"),
}


@pytest.mark.parametrize("variant", list(PERTURBATIONS))
@pytest.mark.parametrize("n", range(5))
def test_perturbed_seed_parses_to_the_same_tree(n, variant):
    from govkg.loaders.read import read_bytes

    clean = read_text(SEEDS[n])
    expected = _tree(parse(clean))
    data, name = PERTURBATIONS[variant](clean.text)
    got = _tree(parse(read_bytes(data, name)))
    assert got == expected
