"""Tests for govkg.loaders.vntext: NFC, one tone placement, length-preserving folds."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from govkg.loaders.vntext import fold, fold_key, nfc, normalize, unify_tones

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
    assert normalize(unicodedata.normalize("NFD", old)) == new


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
    nfd = unicodedata.normalize("NFD", "Trưởng Ban Chỉ đạo Hoà Bình")
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
        (unicodedata.normalize("NFD", "Phó Trưởng Ban"), "pho truong ban"),
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
