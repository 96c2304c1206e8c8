"""govkg.vn.words: one table of locality type words, one of abbreviations, one order of levels."""

from __future__ import annotations

import re

import pytest

from govkg.ontology.vocab import Level
from govkg.vn.text import fold, name_key
from govkg.vn.words import (
    ABBREVIATIONS,
    COMMUNE_KINDS,
    DISTRICT_KINDS,
    KIND_OF_FOLDED,
    LEVELS,
    LOCALITY_KINDS,
    PROVINCE_KINDS,
    depth,
    height,
    kind_pattern,
    level_of_word,
)


def test_every_kind_names_a_level_and_is_in_one_group():
    assert set(COMMUNE_KINDS) == {"phường", "xã", "thị trấn", "đặc khu"}
    assert set(DISTRICT_KINDS) == {"quận", "huyện", "thị xã"}
    assert set(PROVINCE_KINDS) == {"tỉnh", "thành phố"}
    assert set(COMMUNE_KINDS) | set(DISTRICT_KINDS) | set(PROVINCE_KINDS) == set(LOCALITY_KINDS)
    assert {fold(k) for k in LOCALITY_KINDS} == set(KIND_OF_FOLDED)


@pytest.mark.parametrize(("word", "level"), [("phuong", "commune"), ("thi  xa", "district"), ("tinh", "province"), ("thanh pho", "city"), ("TP.", "city"), ("national", "national"), ("ward", None)])
def test_level_of_word(word, level):
    assert level_of_word(word) == level


def test_kind_patterns_match_every_spelling():
    plain, marked = re.compile(rf"(?:{kind_pattern()})"), re.compile(rf"(?:{kind_pattern(marked=True)})")
    for kind in LOCALITY_KINDS:
        assert marked.fullmatch(kind) and plain.fullmatch(fold(kind).replace(" ", "   "))
    assert not plain.fullmatch("thi")


def test_levels_top_down():
    assert [height(lv) for lv in LEVELS] == [4, 3, 2, 1]
    assert [depth(lv) for lv in LEVELS] == [0, 1, 2, 3]
    assert sorted([Level.commune, Level.national, Level.district], key=depth) == [Level.national, Level.district, Level.commune]


def test_abbreviations_are_spelt_out_in_name_keys():
    for short, full in ABBREVIATIONS.items():
        assert name_key(short.upper()) == full
