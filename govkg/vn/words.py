"""Vietnamese administrative words, once: the locality type words, the abbreviations, the order of levels.

One table of locality type words (``phường``, ``xã``, ``thị trấn``, ``đặc khu``, ``quận``,
``huyện``, ``thị xã``, ``tỉnh``, ``thành phố``) and the levels each can name; the regexes
that find them are built from it. One table of the abbreviations charters use (UBND, HĐND,
BCĐ, MTTQ, …) and one of the short forms of type words (TP., TX., …). One order of the
administrative levels, top down.

Examples
--------
>>> KIND_OF_FOLDED["thi tran"], sorted(lv.value for lv in LOCALITY_KINDS["thành phố"])
('thị trấn', ['district', 'province'])
>>> level_of_word("phuong"), level_of_word("thanh  pho"), level_of_word("tp.")
('commune', 'city', 'city')
>>> [str(lv) for lv in LEVELS], height(Level.province), depth(Level.province)
(['national', 'province', 'district', 'commune'], 3, 1)
>>> bool(re.fullmatch(kind_pattern(), "thi  tran")), bool(re.fullmatch(kind_pattern(marked=True), "thị trấn"))
(True, True)
"""

from __future__ import annotations

import re

from govkg.ontology.vocab import Level
from govkg.vn.text import fold

__all__ = [
    "ABBREVIATIONS",
    "COMMUNE_KINDS",
    "DISTRICT_KINDS",
    "KIND_ABBREVIATIONS",
    "KIND_OF_FOLDED",
    "LEVELS",
    "LOCALITY_KINDS",
    "PROVINCE_KINDS",
    "SPELT_OUT",
    "depth",
    "height",
    "kind_pattern",
    "level_of_word",
    "spell_out",
]

#: Locality type words and the levels each can name ("thành phố" is a province or a legacy district).
LOCALITY_KINDS: dict[str, frozenset[Level]] = {
    "tỉnh": frozenset({Level.province}),
    "thành phố": frozenset({Level.province, Level.district}),
    "quận": frozenset({Level.district}),
    "huyện": frozenset({Level.district}),
    "thị xã": frozenset({Level.district}),
    "phường": frozenset({Level.commune}),
    "xã": frozenset({Level.commune}),
    "thị trấn": frozenset({Level.commune}),
    "đặc khu": frozenset({Level.commune}),
}
#: The type words by the level they name.
PROVINCE_KINDS = tuple(k for k, levels in LOCALITY_KINDS.items() if Level.province in levels)
DISTRICT_KINDS = tuple(k for k, levels in LOCALITY_KINDS.items() if levels == {Level.district})
COMMUNE_KINDS = tuple(k for k, levels in LOCALITY_KINDS.items() if levels == {Level.commune})
#: Accent-free type word → the type word ("thi tran" → "thị trấn").
KIND_OF_FOLDED: dict[str, str] = {fold(k): k for k in LOCALITY_KINDS}
#: Short forms of type words ("TP. Hải Phòng", "TX. Sơn Tây"), accent-free and lower case.
KIND_ABBREVIATIONS: dict[str, str] = {"tp": "thành phố", "tx": "thị xã", "tt": "thị trấn", "p": "phường", "q": "quận", "h": "huyện"}

#: The abbreviations of names charters use, accent-free and lower case, spelt out.
ABBREVIATIONS: dict[str, str] = {
    "ubnd": "uy ban nhan dan",
    "hdnd": "hoi dong nhan dan",
    "bcd": "ban chi dao",
    "mttq": "mat tran to quoc",
    "tp": fold(KIND_ABBREVIATIONS["tp"]),  # "thanh pho"
    "cchc": "cai cach hanh chinh",
    "cds": "chuyen doi so",
    "kh&cn": "khoa hoc va cong nghe",
    "khcn": "khoa hoc cong nghe",
    "tthc": "thu tuc hanh chinh",
    "vp": "van phong",
    "cap": "cong an phuong",
}

#: Abbreviations as charters write them, spelt out with their marks (for names shown to a reader).
SPELT_OUT: dict[str, str] = {
    "UBND": "Ủy ban nhân dân",
    "HĐND": "Hội đồng nhân dân",
    "BCĐ": "Ban Chỉ đạo",
    "MTTQ": "Mặt trận Tổ quốc",
    "MTTQVN": "Mặt trận Tổ quốc Việt Nam",
    "CCHC": "cải cách hành chính",
    "CĐS": "chuyển đổi số",
    "TTHC": "thủ tục hành chính",
    "KH&CN": "Khoa học và Công nghệ",
    "TP.": "thành phố",
}

_SPELT_OUT = re.compile(r"(?<![\w&])(" + "|".join(re.escape(k) for k in sorted(SPELT_OUT, key=len, reverse=True)) + r")(?![\w&])")


def spell_out(name: str) -> str:
    """``name`` with the abbreviations of :data:`SPELT_OUT` written in full (capitals only: "Ubnd" is not one).

    >>> spell_out("Chủ tịch UBND tỉnh")
    'Chủ tịch Ủy ban nhân dân tỉnh'
    >>> spell_out("Ủy ban MTTQ Việt Nam phường"), spell_out("Sở KH&CN"), spell_out("TP. Hải Phòng")
    ('Ủy ban Mặt trận Tổ quốc Việt Nam phường', 'Sở Khoa học và Công nghệ', 'thành phố Hải Phòng')
    """
    return re.sub(r"\s+", " ", _SPELT_OUT.sub(lambda m: SPELT_OUT[m.group(1)], name)).strip()


#: The administrative levels, top down.
LEVELS: tuple[Level, ...] = (Level.national, Level.province, Level.district, Level.commune)


def depth(level: Level | str) -> int:
    """How far below the national level: 0 for national, 3 for a commune.

    >>> depth("commune")
    3
    """
    return LEVELS.index(Level(level))


def height(level: Level | str) -> int:
    """How high above nothing: 4 for national, 1 for a commune (higher ranks first when sorted descending).

    >>> height("district")
    2
    """
    return len(LEVELS) - depth(level)


def kind_pattern(*, marked: bool = False, sep: str = r"\s+", kinds: tuple[str, ...] = tuple(LOCALITY_KINDS)) -> str:
    """A regex alternation of the type words ``kinds``, accent-free unless ``marked``, words joined by ``sep``.

    >>> kind_pattern(kinds=("thị trấn", "xã"))
    'thi\\\\s+tran|xa'
    """
    return "|".join(sep.join(map(re.escape, (k if marked else fold(k)).split())) for k in kinds)


#: Accent-free type word (and "tp", "national") → the level it names; "thành phố" is ``city``:
#: a province or a district, the context decides.
_LEVEL_OF_WORD: dict[str, str] = {
    **{fold(k): ("city" if len(levels) > 1 else next(iter(levels)).value) for k, levels in LOCALITY_KINDS.items()},
    "tp": "city",
    "national": "national",
}


def level_of_word(word: str | None) -> str | None:
    """The level a locality word names; "thành phố" is ``city`` (province or district: context decides).

    >>> level_of_word("xa"), level_of_word(None)
    ('commune', None)
    """
    if not word:
        return None
    return _LEVEL_OF_WORD.get(re.sub(r"\s+", " ", word.lower()).rstrip("."))
