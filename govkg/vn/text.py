"""Vietnamese text, once: Unicode normalisation, one tone-mark placement, the accent folds and name keys.

Every layer compares Vietnamese strings, and the same word reaches us in several spellings:
NFC or NFD, ``Hòa`` or ``Hoà``, ``Ủy`` or ``Uỷ``, with or without marks. This module is
the one place that knows how to bring them together; every layer imports it (``govkg.vn``
sits below ``loaders``, ``ontology``, ``graph`` and ``api``).

Tone placement
--------------
For the three open diphthongs ``oa``, ``oe`` and ``uy`` (when nothing follows them in the
syllable), the tone mark goes on the first vowel: ``Hòa``, ``Khỏe``, ``Thủy``, ``Ủy``. That
is the spelling of state documents (109 of the 112 such syllables in the seeds);
``Hoà``/``Uỷ`` are rewritten to it. A following letter (``hoàn``, ``thuyền``, ``khuỷu``) or a ``qu`` onset (``quý``)
leaves the syllable alone, because there both conventions already agree.

The folds
---------
One accent fold (every base letter from its Unicode decomposition, ``đ``/``Đ`` → ``d``/``D``
written out, because ``đ`` does not decompose), in the variants the layers need:

=====================  ======  ======  =============================================================
function             case    length  what else
=====================  ======  ======  =============================================================
:func:`fold`         lower   kept    ``ð`` (a stand-in for ``Đ`` in bad fonts) is ``d`` too
:func:`deaccent`     kept    kept    for regexes on accent-free text whose offsets index the text
:func:`pattern_fold` kept    kept    also one dash for ``–—−‐‑``, ``.`` for ``…``, space for NBSP
:func:`bare`         lower   not     every nonspacing mark dropped (any script)
:func:`strip_marks`  kept    not     every combining mark dropped (any script); ``đ`` → ``d``
=====================  ======  ======  =============================================================

and the keys built on them: :func:`fold_key` and :func:`words_key` (punctuation and spaces
collapsed), :func:`loose_key` (spaces, commas and dashes collapsed), :func:`name_key`
(abbreviations spelt out), :func:`slug` (ids) and :func:`tone_last` (a syllable with its
tone moved to the end, so that ``hoà`` and ``hòa`` agree but ``hoa`` does not).

Examples
--------
>>> normalize("Uỷ ban nhân dân phường Hoà Bình")
'Ủy ban nhân dân phường Hòa Bình'
>>> fold("Đảng ủy Công an")
'dang uy cong an'
>>> fold_key("  Ban Chỉ đạo (BCĐ) -- Hải  Dương ")
'ban chi dao bcd hai duong'
>>> deaccent("Ủy ban nhân dân phường Hải Dương")
'Uy ban nhan dan phuong Hai Duong'
>>> name_key("UBND phường Hải Dương") == name_key("Ủy ban nhân dân phường Hải Dương")
True
>>> slug("Tổ Công tác về Phát triển Đô thị thông minh")
'to-cong-tac-ve-phat-trien-do-thi-thong-minh'
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from functools import lru_cache

__all__ = [
    "bare",
    "deaccent",
    "decompose",
    "fold",
    "fold_key",
    "loose_key",
    "name_key",
    "nfc",
    "normalize",
    "pattern_fold",
    "slug",
    "strip_marks",
    "tone_last",
    "unify_tones",
    "words_key",
]

# Combining tone marks (grave, acute, tilde, hook above, dot below).
_TONES = "\u0300\u0301\u0303\u0309\u0323"


def nfc(text: str) -> str:
    """Unicode NFC composition (a no-op, and fast, on text that is already NFC).

    >>> nfc("Ho\\u0300a") == "Hòa"
    True
    """
    if unicodedata.is_normalized("NFC", text):
        return text
    return unicodedata.normalize("NFC", text)


def decompose(text: str) -> str:
    """Unicode NFD: each letter as its base and its combining marks (the encoders read them).

    >>> [hex(ord(c)) for c in decompose("ệ")]
    ['0x65', '0x323', '0x302']
    """
    return unicodedata.normalize("NFD", text)



def _build_tone_moves() -> dict[str, str]:
    """Map each old-position pair ('oà', 'Uỷ', …) to its first-vowel form ('òa', 'Ủy')."""
    moves: dict[str, str] = {}
    for firsts, seconds in (("oO", "aAeE"), ("uU", "yY")):
        for first in firsts:
            for second in seconds:
                for tone in _TONES:
                    old = unicodedata.normalize("NFC", first + second + tone)
                    moves[old] = unicodedata.normalize("NFC", first + tone) + second
    return moves


_TONE_MOVES = _build_tone_moves()
# Candidates only; the context checks (no letter after, no "q" before the "u") are done in
# Python on the few hits, which is several times faster than lookarounds on every character.
_MARKED_A_E = "".join(sorted({k[1] for k in _TONE_MOVES if k[0] in "oO"}))
_MARKED_Y = "".join(sorted({k[1] for k in _TONE_MOVES if k[0] in "uU"}))
_TONE_PAIR = re.compile(f"[oO][{_MARKED_A_E}]|[uU][{_MARKED_Y}]")


def unify_tones(text: str) -> str:
    """Put the tone mark of word-final ``oa``/``oe``/``uy`` on the first vowel.

    Expects NFC input; length-preserving.

    >>> unify_tones("Hoà, hoà, HOÀ, khoẻ, Thuỷ, Uỷ ban, UỶ")
    'Hòa, hòa, HÒA, khỏe, Thủy, Ủy ban, ỦY'
    >>> unify_tones("hoàn thuyền quý Quý thuở khuỷu")
    'hoàn thuyền quý Quý thuở khuỷu'
    """
    pieces: list[str] = []
    last = 0
    n = len(text)
    for m in _TONE_PAIR.finditer(text):
        start, end = m.span()
        if end < n and text[end].isalpha():
            continue  # "hoàn", "thuyền": the mark is already where both styles put it
        if start and text[start] in "uU" and text[start - 1] in "qQ":
            continue  # "quý": the u belongs to the onset
        pieces.append(text[last:start])
        pieces.append(_TONE_MOVES[m.group(0)])
        last = end
    if not pieces:
        return text
    pieces.append(text[last:])
    return "".join(pieces)


def normalize(text: str) -> str:
    """NFC, then one tone-mark placement.

    >>> normalize("Thu\\u0309y") == normalize("Thủy") == "Thủy"
    True
    """
    return unify_tones(nfc(text))


def _build_fold_table() -> str:
    table: dict[int, str] = {}
    # Latin-1 Supplement, Latin Extended-A/B, Latin Extended Additional (all of Vietnamese).
    for start, end in ((0x41, 0x5A), (0xC0, 0x24F), (0x1E00, 0x1EFF)):
        for cp in range(start, end + 1):
            ch = chr(cp)
            base = decompose(ch)[0]
            low = base.lower()
            if len(low) == 1 and low != ch:
                table[cp] = low
    table[ord("Đ")] = table[ord("đ")] = "d"
    table[ord("Ð")] = table[ord("ð")] = "d"  # eth, a frequent stand-in for Đ in bad fonts
    # A str indexed by code point: str.translate looks it up 4x faster than a dict, and a
    # code point past its end raises IndexError, which translate reads as "unchanged".
    return "".join(table.get(cp, chr(cp)) for cp in range(0x1F00))


_FOLD_TABLE = _build_fold_table()


def fold(text: str) -> str:
    """Lowercase and strip accents, one character for one character.

    ``đ``/``Đ`` become ``d``. On NFC input ``len(fold(s)) == len(s)`` and ``fold(s)[i]``
    is the folded ``s[i]``, so regex match positions in the folded text are positions
    in the input.

    >>> fold("Công an phường")
    'cong an phuong'
    >>> fold("ĐẢNG ỦY Xã")
    'dang uy xa'
    >>> s = "Trưởng Ban Chỉ đạo"; len(fold(s)) == len(s)
    True
    """
    out = text.translate(_FOLD_TABLE)
    if out.isascii():
        return out
    low = out.lower()  # other scripts; lower() never shrinks, so equal length = aligned
    if len(low) == len(out):
        return low
    return "".join(c if len(c.lower()) != 1 else c.lower() for c in out)  # 'İ' -> 'i̇' is 2


_NON_WORD = re.compile(r"[\W_]+")


def fold_key(text: str) -> str:
    """A comparison key for names: folded, punctuation and spaces collapsed to one space.

    >>> fold_key("Uỷ ban nhân dân") == fold_key("ỦY BAN  NHÂN DÂN")
    True
    >>> fold_key("**TM. Ủy ban nhân dân**")
    'tm uy ban nhan dan'
    """
    return _NON_WORD.sub(" ", fold(nfc(text))).strip()



# --------------------------------------------------------------------------- case-keeping folds
@lru_cache(maxsize=1)
def _deaccent_table() -> dict[int, str]:
    table: dict[int, str] = {0x0111: "d", 0x0110: "D"}
    for cp in range(0x00C0, 0x1EFA):
        ch = chr(cp)
        base = decompose(ch)[0]
        if base != ch and base.isascii():
            table[cp] = base
    return table


_COMBINING = re.compile("[\u0300-\u036f]")


def deaccent(text: str) -> str:
    """Strip Vietnamese marks, keep case and length (đ→d, Đ→D).

    Matching on ``deaccent(text)`` lets a pattern be written in ASCII ("Uỷ"/"Ủy" and a
    missing mark do not break it) while capitals still tell proper names, and a match's
    offsets index ``text``.

    >>> deaccent("Ủy ban nhân dân phường Hải Dương")
    'Uy ban nhan dan phuong Hai Duong'
    """
    if text.isascii():
        return text
    if len(text) <= 200:  # names, titles, gaps between mentions: the same ones come back all the time
        return _deaccent_short(text)
    return _deaccent(text)


def _deaccent(text: str) -> str:
    # NFD then dropping the marks runs in C; it keeps the length for NFC Vietnamese
    out = _COMBINING.sub("", decompose(text)).replace("đ", "d").replace("Đ", "D")
    if len(out) != len(text):  # a character NFD does not split one-to-one: the slow, exact way
        return text.translate(_deaccent_table())
    return out


_deaccent_short = lru_cache(maxsize=65536)(_deaccent)


def _build_pattern_fold_list() -> list[int]:
    table: dict[int, str] = {}
    for cp in itertools.chain(range(0xC0, 0x250), range(0x1E00, 0x1F00)):
        ch = chr(cp)
        base = decompose(ch)[0]
        if base != ch and base.isascii() and base.isalpha():
            table[cp] = base
    table[ord("đ")] = "d"
    table[ord("Đ")] = "D"
    for dash in "–—−‐‑":  # one dash for the regexes
        table[ord(dash)] = "-"
    table[ord("…")] = "."
    table[0xA0] = " "
    # A dense list is ~5x faster for str.translate than a sparse dict (a dict miss costs an
    # exception per character); code points past its end raise LookupError, which
    # translate reads as "keep the character".
    dense = list(range(0x3000))
    for cp, ch in table.items():
        dense[cp] = ord(ch)
    return dense


_PATTERN_FOLD = _build_pattern_fold_list()


def pattern_fold(text: str) -> str:
    """:func:`deaccent` for the document parser: also one ``-`` for every dash, ``.`` for ``…``, a space for NBSP.

    Case and length are kept, so that the parser's ASCII regexes find the same offsets.

    >>> pattern_fold("Điều 1 – Phạm vi…")
    'Dieu 1 - Pham vi.'
    """
    return text.translate(_PATTERN_FOLD)


# --------------------------------------------------------------------------- keys
_LOOSE_SEPARATORS = re.compile(r"[\s,\-–]+")


@lru_cache(maxsize=8192)
def loose_key(text: str) -> str:
    """Accent-free, lower case, runs of spaces, commas and dashes as one space.

    >>> loose_key("Tổ Công tác - Đề án 06,  phường")
    'to cong tac de an 06 phuong'
    """
    return _LOOSE_SEPARATORS.sub(" ", deaccent(text).lower()).strip()


_NAME_SEPARATORS = re.compile(r"[\s,.;:()\-–/*]+")


def name_key(text: str) -> str:
    """A comparison key for names: no marks, lower case, abbreviations spelt out, punctuation dropped.

    The abbreviations are :data:`govkg.vn.words.ABBREVIATIONS`.

    >>> name_key("UBND phường Hải Dương") == name_key("Ủy ban nhân dân phường Hải Dương")
    True
    >>> name_key("Uỷ ban MTTQ") == name_key("Ủy ban Mặt trận Tổ quốc")
    True
    """
    from govkg.vn.words import ABBREVIATIONS

    words = _NAME_SEPARATORS.split(deaccent(text).lower())
    return " ".join(ABBREVIATIONS.get(w, w) for w in words if w)


def bare(text: str) -> str:
    """Lower case without any nonspacing mark (``đ``/``Đ`` → ``d``); the length may change.

    >>> bare("ĐẢNG ỦY xã Khánh Khê")
    'dang uy xa khanh khe'
    """
    text = decompose(text.replace("đ", "d").replace("Đ", "D"))
    # Vietnamese marks are all in U+0300–U+036F (all of category Mn), dropped in C; what is left is
    # ASCII in an id's text, which has no Mn at all. Anything else goes the per-character way.
    stripped = _COMBINING.sub("", text)
    if stripped.isascii():
        return stripped.lower()
    return "".join(c for c in text if unicodedata.category(c) != "Mn").lower()


_NON_SLUG = re.compile(r"[^a-z0-9]+")


def slug(text: str, max_len: int = 60) -> str:
    """ASCII slug of Vietnamese text (for ids): :func:`bare`, runs of other characters as ``-``.

    >>> slug("Tổ Công tác về Phát triển Đô thị thông minh")
    'to-cong-tac-ve-phat-trien-do-thi-thong-minh'
    """
    return _NON_SLUG.sub("-", bare(text)).strip("-")[:max_len].strip("-")


def words_key(text: str | None) -> str:
    """:func:`bare` words: punctuation and spaces collapsed to one space (``None`` is ``""``).

    >>> words_key("ĐẢNG ỦY xã Khánh Khê"), words_key("Tổ Công tác - Đề án 06"), words_key(None)
    ('dang uy xa khanh khe', 'to cong tac de an 06', '')
    """
    if not text:
        return ""
    plain = bare(str(text))
    # bare() of Vietnamese text is ASCII, where a regular expression finds the words (the store
    # folds every name it writes); anything else goes the per-character way
    if plain.isascii():
        return " ".join(w for w in _NOT_ALNUM.split(plain) if w)
    return " ".join("".join(c if c.isalnum() else " " for c in plain).split())


_NOT_ALNUM = re.compile(r"[\W_]+")


_TONE_DIGITS = {"\u0300": "2", "\u0301": "1", "\u0303": "4", "\u0309": "3", "\u0323": "5"}


@lru_cache(maxsize=65536)
def tone_last(syllable: str) -> str:
    """The syllable with its tone mark moved to the end as a digit: where the mark sits stops mattering.

    >>> tone_last("hoà") == tone_last("hòa") == "hoa2", tone_last("hoa")
    (True, 'hoa')
    """
    d = decompose(syllable)
    tone = "".join(_TONE_DIGITS[c] for c in d if c in _TONE_DIGITS)
    return unicodedata.normalize("NFC", "".join(c for c in d if c not in _TONE_DIGITS)) + tone


@lru_cache(maxsize=65536)
def strip_marks(syllable: str) -> str:
    """Every combining mark dropped, ``đ`` → ``d``, case kept (the gazetteer's accent-free key of a token).

    >>> strip_marks("khánh"), strip_marks("đông")
    ('khanh', 'dong')
    """
    return "".join(c for c in decompose(syllable) if not unicodedata.combining(c)).replace("đ", "d")
