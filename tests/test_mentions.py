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
    (_, key), = keys("Trưởng phòng Kinh tế, Hạ tầng và Đô thị phường")
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


def _charter_texts():
    """(text, folded text, working-group rules) of the sample and test charters, read as extraction reads them."""
    from pathlib import Path

    from govkg.loaders.extract import bodies, documents, groups, locality
    from govkg.loaders.extract.charter import Charter
    from govkg.loaders.parse import parse_file

    root = Path(__file__).resolve().parent.parent
    for path in sorted([*(root / "data" / "charters").glob("*.txt"), *(root / "tests" / "data").glob("*.txt")]):
        ch = Charter(parse_file(path))
        locality.locate(ch)
        documents.charter_node(ch)
        documents.provision_nodes(ch)
        bodies.committee(ch)
        groups.groups(ch)  # as in extraction: the charter's working-group names become mention rules
        yield ch.src.text, ch.plain, ch.group_rules


def test_the_streaming_scan_takes_the_mentions_of_every_match_sorted():
    """The scan that tries rules only at anchors outside a mention already taken gives what sorting
    every match of every rule by start, length and rule gives (the definition of leftmost-longest)."""
    from govkg.loaders import mentions as M

    compared = 0
    for text, plain, group_rules in _charter_texts():
        for extra in ((), group_rules):
            index, unanchored, scanner, optional_cac = M._anchor_index_for(extra)
            assert not unanchored
            fast = M._find_mentions(text, 0, extra, plain)
            slow = M._every_match_then_accept(text, plain, 0, index, unanchored, scanner, optional_cac)
            assert fast == slow
            compared += len(fast)
    assert compared > 1000


def test_group_rules_merged_into_the_lexicon_index_give_what_one_index_of_all_rules_gives():
    from govkg.loaders import mentions as M

    with_groups = 0
    for text, plain, group_rules in _charter_texts():
        if not group_rules:
            continue
        with_groups += 1
        whole = M._anchor_index((*group_rules, *mention_rules()))
        merged = M._with_extra(M._lexicon_index(), group_rules)
        assert merged[2].pattern == whole[2].pattern and merged[3] == whole[3]
        # the same rules in the same order under every anchor word (priorities are only compared)
        assert {w: [r for _, r, _ in v] for w, v in merged[0].items()} == {w: [r for _, r, _ in v] for w, v in whole[0].items()}
        assert M._every_match_then_accept(text, plain, 0, *merged) == M._every_match_then_accept(text, plain, 0, *whole)
    assert with_groups


def test_the_anchor_trie_matches_as_the_longest_first_alternation():
    import random
    import re

    from govkg.loaders.mentions import _trie_pattern

    rnd = random.Random(7)
    for _ in range(200):
        words = sorted({"".join(rnd.choice("abc") for _ in range(rnd.randint(1, 4))) for _ in range(rnd.randint(1, 8))})
        trie = re.compile(rf"(?<![a-c]){_trie_pattern(words)}(?![a-c])", re.IGNORECASE)
        flat = re.compile(rf"(?<![a-c])(?:{'|'.join(sorted(words, key=len, reverse=True))})(?![a-c])", re.IGNORECASE)
        for _ in range(20):
            text = "".join(rnd.choice("abcAB ") for _ in range(rnd.randint(0, 30)))
            assert [m.span() for m in trie.finditer(text)] == [m.span() for m in flat.finditer(text)], (words, text)
