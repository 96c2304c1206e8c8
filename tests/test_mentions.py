"""The lexicon: mentions of bodies and posts, on wordings from the seeds and from other places."""

import pytest

from govkg.loaders.mentions import Key, Kind, Within, find_mentions, mention_rules
from govkg.vn.text import deaccent


def keys(text):
    return [(m.text, m.key) for m in find_mentions(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Trưởng Ban Chỉ đạo", Key(Kind.POST, role="Chair", within=Within.COMMITTEE)),
        ("Phó Trưởng Ban Thường trực Ban Chỉ đạo", Key(Kind.POST, role="StandingViceChair", within=Within.COMMITTEE)),
        ("các Phó Trưởng Ban Chỉ đạo", Key(Kind.POST, role="ViceChair", within=Within.COMMITTEE)),
        ("Thường trực Ban Chỉ đạo", Key(Kind.STANDING_BOARD)),
        ("Cơ quan thường trực Ban Chỉ đạo", Key(Kind.STANDING_AGENCY)),
        ("Tổ Giúp việc Ban Chỉ đạo", Key(Kind.SUPPORT_GROUP)),
        ("Hội đồng Tư vấn", Key(Kind.ADVISORY_COUNCIL)),
        ("Ủy ban nhân dân phường", Key(Kind.BODY, label="PeoplesCommittee", level_word="phuong")),
        ("UBND tỉnh", Key(Kind.BODY, label="PeoplesCommittee", level_word="tinh")),
        ("Ban Thường vụ Đảng ủy", Key(Kind.BODY, label="PartyCommittee", name="Ban Thường vụ Đảng ủy")),
        ("Văn phòng Đảng ủy", Key(Kind.BODY, label="Agency", name="Văn phòng Đảng ủy")),
        ("Ủy ban Mặt trận Tổ quốc Việt Nam xã", Key(Kind.BODY, label="MassOrganization", name="Ủy ban Mặt trận Tổ quốc Việt Nam", level_word="xa")),
    ],
)
def test_single_mentions(text, expected):
    found = keys(text)
    assert found and found[0][0] == text and found[0][1] == expected


def test_heads_of_bodies():
    (text, key), = keys("Trưởng phòng Kinh tế, Hạ tầng và Đô thị phường")
    assert key == Key(Kind.HEAD, role="Head", body=Key(Kind.BODY, label="Agency", name="Phòng Kinh tế, Hạ tầng và Đô thị", level_word="phuong"))
    (_, key), = keys("Các Phó Trưởng Công an phường")
    assert (key.kind, key.role) == (Kind.HEAD, "DeputyHead")


def test_party_line():
    k = keys("BÍ THƯ kiêm TRƯỞNG BAN CHỈ ĐẠO")[0][1]
    assert (k.kind, k.role) == (Kind.HEAD, "Head")
    assert keys("Trưởng Ban Tuyên giáo và Dân vận Tỉnh ủy")[0][1].body.name == "Ban Tuyên giáo và Dân vận Tỉnh ủy"
    assert keys("Đảng ủy Ủy ban nhân dân tỉnh")[0][1].name == "Đảng ủy Ủy ban nhân dân"


def test_marks_tell_tinh_from_tinh():
    """'tình hình' is not 'tỉnh': a committee followed by 'tình' has no locality."""
    assert keys("báo cáo với Ban chỉ đạo tình hình")[0][1] == Key(Kind.COMMITTEE)
    assert keys("Ban chỉ đạo tỉnh Lạng Sơn")[0][1] == Key(Kind.OTHER_COMMITTEE, level_word="tinh", locality="Lạng Sơn")


def test_not_inside_document_numbers():
    assert all(k.kind != Kind.BODY for _, k in keys("Quyết định số 1780/QĐ-UBND ngày 13/5/2026"))


def test_other_committees():
    assert keys("Ban chỉ đạo của thành phố về phát triển khoa học")[0][1] == Key(Kind.OTHER_COMMITTEE, level_word="thanh pho")
    assert keys("Ban Chỉ đạo của Chính phủ về phát triển")[0][1] == Key(Kind.OTHER_COMMITTEE, level_word="national")
    assert keys("BCĐ CCHC, Chuyển đổi số và Đề án 06 quận")[0][1] == Key(Kind.OTHER_COMMITTEE, level_word="quan")


def test_spelling_noise_does_not_matter():
    assert keys("Uỷ ban nhân dân xã")[0][1] == keys("Ủy ban nhân dân xã")[0][1]
    assert keys("Tổ  Giúp   việc")[0][1] == Key(Kind.SUPPORT_GROUP)


def test_every_rule_has_anchors_that_open_its_matches():
    """A rule only runs where an anchor word opens; its pattern must not match elsewhere."""
    import re

    from govkg.loaders.read import read_text

    texts = [read_text(p).text for p in __import__("glob").glob("data/charters/*.txt")]
    for rule in mention_rules():
        for t in texts:
            plain = deaccent(t)
            for m in rule.pattern.finditer(plain):
                if m.start() and plain[m.start() - 1].isalnum():
                    continue
                first = re.match(r"[A-Za-z0-9&]+", plain[m.start():])
                word = first.group(0).lower() if first else ""
                ok = word in rule.anchors or (re.fullmatch(r"0\d", word) and "0#" in rule.anchors)
                assert ok, (rule.id, m.group(0))
