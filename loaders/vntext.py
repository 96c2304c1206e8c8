"""Vietnamese text primitives: Unicode normalisation, one tone-mark placement, accent folding.

Every layer compares Vietnamese strings, and the same word reaches us in several spellings:
NFC or NFD, ``Hòa`` or ``Hoà``, ``Ủy`` or ``Uỷ``. These functions give one canonical form.

Tone placement
--------------
For the three open diphthongs ``oa``, ``oe`` and ``uy`` (when nothing follows them in the
syllable), the tone mark goes on the first vowel: ``Hòa``, ``Khỏe``, ``Thủy``, ``Ủy``. That
is the spelling of state documents (109 of the 112 such syllables in the seeds);
``Hoà``/``Uỷ`` are rewritten to it. A following letter (``hoàn``, ``thuyền``, ``khuỷu``) or a ``qu`` onset (``quý``)
leaves the syllable alone, because there both conventions already agree.

:func:`unify_tones` and :func:`fold` are length-preserving (one character in, one
character out), so an index found in their output is an index in their input.

Examples
--------
>>> normalize("Uỷ ban nhân dân phường Hoà Bình")
'Ủy ban nhân dân phường Hòa Bình'
>>> fold("Đảng ủy Công an")
'dang uy cong an'
>>> fold_key("  Ban Chỉ đạo (BCĐ) -- Hải  Dương ")
'ban chi dao bcd hai duong'
"""

from __future__ import annotations

import re
import unicodedata

__all__ = ["fold", "fold_key", "nfc", "normalize", "unify_tones"]

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
            base = unicodedata.normalize("NFD", ch)[0]
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
