"""Tests for govkg.vn.text: NFC, one tone placement, the folds and keys."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from govkg.vn.text import (
    bare,
    deaccent,
    decompose,
    fold,
    fold_key,
    loose_key,
    name_key,
    nfc,
    normalize,
    pattern_fold,
    slug,
    strip_marks,
    tone_last,
    unify_tones,
    words_key,
)

SEEDS = sorted((Path(__file__).parents[1] / "data" / "charters").glob("*.txt"))

# Every Vietnamese letter, both cases (NFC).
_BASES = "aăâeêioôơuưy"
_TONES = ("", "\u0300", "\u0301", "\u0303", "\u0309", "\u0323")
VIET = "".join(unicodedata.normalize("NFC", b + t) for b in _BASES for t in _TONES) + "đbcdghklmnpqrstvx"
VIET += VIET.upper()


def test_seeds_exist():
    assert len(SEEDS) == 5


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("Hoà", "Hòa"),
        ("Hòa", "Hòa"),
        ("HOÀ", "HÒA"),
        ("hoá", "hóa"),
        ("Uỷ ban", "Ủy ban"),
        ("uỷ quyền", "ủy quyền"),
        ("UỶ BAN", "ỦY BAN"),
        ("Thuỷ", "Thủy"),
        ("thuỵ", "thụy"),
        ("khoẻ", "khỏe"),
        ("Toà án", "Tòa án"),
        ("loè", "lòe"),
    ],
)
def test_unify_tones_moves_mark_to_first_vowel(old, new):
    assert unify_tones(old) == new
    assert normalize(decompose(old)) == new


@pytest.mark.parametrize(
    "word",
    # a letter after the pair, or a 'qu' onset: both conventions agree, nothing moves
    [
        "hoàn",
        "Hoàng",
        "toán",
        "thuyền",
        "khuyến",
        "khuỷu",
        "Huỳnh",
        "quý",
        "Quý",
        "QUÝ",
        "quỳ",
        "thuở",
        "quà",
        "giỏi",
    ],
)
def test_unify_tones_leaves_closed_syllables_and_qu(word):
    assert unify_tones(word) == word


def test_unify_tones_at_punctuation_and_end():
    assert unify_tones("(Uỷ)") == "(Ủy)"
    assert unify_tones("hoà,hoà.") == "hòa,hòa."
    assert unify_tones("") == ""


def test_nfc_and_normalize_on_nfd():
    nfd = decompose("Trưởng Ban Chỉ đạo Hoà Bình")
    assert nfc(nfd) == "Trưởng Ban Chỉ đạo Hoà Bình"
    assert normalize(nfd) == "Trưởng Ban Chỉ đạo Hòa Bình"
    text = "đã NFC"
    assert nfc(text) is text  # fast path returns the same object


def test_normalize_is_idempotent_on_seeds():
    for path in SEEDS:
        once = normalize(path.read_text(encoding="utf-8"))
        assert normalize(once) == once


@pytest.mark.parametrize("path", SEEDS, ids=lambda p: p.name[:3])
def test_length_preserved_on_seeds(path):
    text = nfc(path.read_text(encoding="utf-8"))
    assert len(unify_tones(text)) == len(text)
    assert len(normalize(text)) == len(text)
    folded = fold(text)
    assert len(folded) == len(text)
    assert all(c.isascii() for c in folded if c.isalpha())  # punctuation (–, “”) is left as is
    # index i of the fold is the fold of character i
    for i in range(0, len(text), 7):
        assert folded[i] == fold(text[i])


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("Công an phường", "cong an phuong"),
        ("Đảng ủy", "dang uy"),
        ("ĐẢNG ỦY", "dang uy"),
        ("Trưởng Ban Chỉ đạo", "truong ban chi dao"),
        ("Nghị quyết số 57-NQ/TW", "nghi quyet so 57-nq/tw"),
        ("Ơ Ư ơ ư Ă Â Ê Ô", "o u o u a a e o"),
    ],
)
def test_fold(text, folded):
    assert fold(text) == folded


def test_fold_covers_every_vietnamese_letter():
    folded = fold(VIET)
    assert len(folded) == len(VIET)
    assert folded.isascii() and folded.islower()


def test_fold_other_scripts_keeps_length():
    for s in ("İstanbul", "ΑΒΓ Ω", "Straße", "日本"):
        assert len(fold(s)) == len(s)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Uỷ ban nhân dân", "ỦY BAN NHÂN DÂN"),
        ("**TM. Ủy ban**", "TM Uỷ ban"),
        ("Ban  Chỉ đạo\n(BCĐ)", "ban chi dao bcd"),
        (decompose("Phó Trưởng Ban"), "pho truong ban"),
    ],
)
def test_fold_key_equates_spellings(a, b):
    assert fold_key(a) == fold_key(b)


def test_fold_key_strips():
    assert fold_key("  -- Hải  Dương!! ") == "hai duong"
    assert fold_key("") == ""


_viet_text = st.text(alphabet=VIET + " ,.;:-()\n0123456789qQ", max_size=200)


@given(_viet_text)
def test_properties_length_and_idempotence(text):
    text = nfc(text)
    unified = unify_tones(text)
    assert len(unified) == len(text)
    assert unify_tones(unified) == unified
    assert len(fold(text)) == len(text)
    assert fold(unified) == fold(text)  # moving a tone mark never changes the folded letters
    assert fold_key(text) == fold_key(unified)


def test_name_key_and_deaccent():
    assert deaccent("Đảng ủy") == "Dang uy"
    assert len(deaccent("Hòa Bình Ủy")) == len("Hòa Bình Ủy")
    assert name_key("UBND phường") == name_key("Ủy ban nhân dân phường")


@pytest.mark.parametrize("text", ["Trưởng Ban Chỉ đạo", "ĐẢNG ỦY – Xã Khánh Khê…", "Hòa\u00a0Bình — Uỷ"])
def test_case_keeping_folds_keep_length_and_case(text):
    for folded in (deaccent(text), pattern_fold(text)):
        assert len(folded) == len(text)
        assert [c.isupper() for c in folded] == [c.isupper() for c in text]
        assert all(c.isascii() for c, o in zip(folded, text, strict=True) if o.isalpha())
    assert pattern_fold(text).isascii()


def test_pattern_fold_unifies_punctuation_deaccent_does_not():
    assert pattern_fold("Điều 1 – a…b\u00a0c") == "Dieu 1 - a.b c"
    assert deaccent("Điều 1 – a…b") == "Dieu 1 – a…b"


@given(st.text(alphabet="aăâdđeêioôơuưyAĂĐƠƯ 09_-–.,()“”\t\u00a0\u0300\u0301\u0309\u0323éệẻß²½ﬁΩ") | st.text())
def test_words_key_is_bare_words_whatever_the_characters(text):
    # the regex path for text that is ASCII once its Vietnamese marks are off equals the definition
    assert words_key(text) == " ".join("".join(c if c.isalnum() else " " for c in bare(text)).split())


def test_keys():
    assert loose_key("Tổ Công tác – Đề án 06,  phường") == "to cong tac de an 06 phuong"
    assert words_key("**TM. Ủy ban (nhân dân)**") == "tm uy ban nhan dan"
    assert bare("Đà Nẵng") == "da nang" and strip_marks("đà nẵng") == "da nang"
    assert slug("Ban Chỉ đạo phường Hải Dương", 20) == "ban-chi-dao-phuong-h"
    assert tone_last("thuỷ") == tone_last("thủy") != tone_last("thuy")


def test_one_accent_fold_agrees_across_variants():
    """Every fold gives the same accent-free letters on Vietnamese words."""
    for word in ("Đường", "Khỏe", "Uỷ", "Nghĩa", "Thị trấn"):
        assert deaccent(word).lower() == fold(word) == bare(word) == strip_marks(word.lower()) == pattern_fold(word).lower()


def test_bare_drops_exactly_the_nonspacing_marks():
    """``bare`` drops U+0300–U+036F in one regex pass when that leaves ASCII: the same as dropping
    every character of category Mn, one by one, on any text."""
    import random
    import unicodedata

    from govkg.vn.text import bare, decompose

    def per_character(text):
        text = decompose(text.replace("đ", "d").replace("Đ", "D"))
        return "".join(c for c in text if unicodedata.category(c) != "Mn").lower()

    rnd = random.Random(5)
    alphabet = "aăâbdđeêioôơuưyÁÀẢÃẠẤẦĐỦỨ -,.()/069İıſKéñß\u0301\u0323\u0483\u05b0漢"
    for _ in range(20000):
        text = "".join(rnd.choice(alphabet) for _ in range(rnd.randint(0, 16)))
        assert bare(text) == per_character(text), text
