"""Charter files to :class:`~govkg.loaders.model.SourceText`: decode, clean up, rejoin hard wraps.

Input formats: plain text and Markdown (``.txt``, ``.md``, no suffix), Word ``.docx`` and PDF
with a text layer. Plain text may be UTF-8 (with or without BOM), UTF-16 (BOM or not),
Windows-1258, or one of the two legacy 8-bit font encodings of Vietnamese: TCVN3 (ABC,
``.VnTime``) and VNI-Windows. The encoding is detected, never asked for.

The decoded text (``SourceText.original``) is then normalised, in this order:

1. NFC and one tone-mark placement (:func:`~govkg.vn.text.normalize`);
2. CRLF/CR and other line separators to LF, tabs and odd spaces to a space, zero-width
   characters and soft hyphens removed;
3. Markdown debris removed: ``**``/``__`` emphasis, ``*italic*`` pairs, ``#`` heading
   marks, backslash escapes;
4. website boilerplate before the charter's header (and a few link lines after it) dropped,
   page-number lines dropped;
5. pipe-flattened two-column layouts (``ỦY BAN NHÂN DÂN | CỘNG HÒA …``) split into lines,
   left column first;
6. spaces trimmed and collapsed, blank-line runs reduced to one blank line, and hard wraps
   rejoined (see :func:`_wrap_separator` for the rule).

``SourceText.offsets`` maps every character of the result back to ``original``.

Examples
--------
>>> src = read_bytes("Điều 1. Ban Chỉ đạo làm việc theo Nghị quyết 57-\\n\\nNQ/TW và\\n\\nQuy chế này.".encode(), "a.txt")
>>> src.text
'Điều 1. Ban Chỉ đạo làm việc theo Nghị quyết 57-NQ/TW và Quy chế này.'
>>> src.encoding
'utf-8'
>>> start = src.text.index("NQ/TW"); src.original[src.offsets[start]:src.offsets[start] + 5]
'NQ/TW'
"""

from __future__ import annotations

import codecs
import contextvars
import hashlib
import io
import itertools
import re
import unicodedata
import warnings
import zipfile
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path, PurePath

from govkg.errors import ParseError
from govkg.loaders.model import SourceText
from govkg.vn.text import decompose, fold, unify_tones

__all__ = [
    "MAX_BYTES",
    "MAX_LINES",
    "MAX_UNZIPPED_BYTES",
    "DecodingWarning",
    "lenient_decoding",
    "read_bytes",
    "read_text",
]

#: Largest file accepted, in bytes (charters are 20–200 KB; a scan-free PDF rarely passes 2 MB).
MAX_BYTES = 5 * 1024 * 1024
#: Largest total uncompressed size of a ``.docx``'s zip members.
MAX_UNZIPPED_BYTES = 50 * 1024 * 1024
# A docx part compresses 5-20x; far beyond that, and large, is a zip bomb.
_MAX_ZIP_RATIO = 200
_MAX_ZIP_MEMBERS = 5000
#: Most lines a text may have. A 5 MB PDF text layer has some 70 000; the clean-up costs a
#: few microseconds per line, so millions of tiny lines ("a\n" * 2.6M) would take a minute.
MAX_LINES = 200_000

_MEDIA_TYPES = {
    ".md": "text/markdown",
    ".markdown": "text/markdown",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".pdf": "application/pdf",
}


# --------------------------------------------------------------------------------------
# public API
# --------------------------------------------------------------------------------------


def read_text(path: str | Path, *, max_bytes: int | None = None) -> SourceText:
    """Read a charter file from disk.

    Parameters
    ----------
    path
        The file; its suffix picks the format (``.docx``, ``.pdf``, else text).
    max_bytes
        Size limit, default :data:`MAX_BYTES`.

    Raises
    ------
    ParseError
        The file is missing, too large, empty, binary, an HTML page, or not readable.

    Examples
    --------
    >>> import tempfile, os
    >>> with tempfile.TemporaryDirectory() as d:
    ...     p = os.path.join(d, "qd.txt")
    ...     _ = open(p, "w", encoding="utf-8").write("QUYẾT ĐỊNH\\r\\nĐiều 1. Quy chế này\\r\\ncó hiệu lực.")
    ...     read_text(p).text
    'QUYẾT ĐỊNH\\nĐiều 1. Quy chế này có hiệu lực.'
    """
    p = Path(path)
    name = str(path)
    limit = MAX_BYTES if max_bytes is None else max_bytes
    try:
        if not p.is_file():
            raise ParseError("no such file" if not p.exists() else "not a regular file", path=name)
        size = p.stat().st_size
        if size > limit:
            raise ParseError(f"file too large ({size} bytes, limit {limit})", path=name)
        with p.open("rb") as fh:
            data = fh.read(limit + 1)
    except OSError as exc:
        raise ParseError(f"cannot read file: {exc.strerror or exc}", path=name) from exc
    return read_bytes(data, name, max_bytes=limit)


def read_bytes(data: bytes, name: str, *, max_bytes: int | None = None) -> SourceText:
    """Read a charter from bytes.

    Parameters
    ----------
    data
        The file's content.
    name
        Only used to pick the format by suffix and to name the file in errors and in
        ``SourceText.path``; never opened.
    max_bytes
        Size limit, default :data:`MAX_BYTES`.

    Returns
    -------
    SourceText
        ``encoding`` is one of ``utf-8``, ``utf-8-sig``, ``utf-16-le``, ``utf-16-be``,
        ``utf-32-le``, ``utf-32-be``, ``cp1258``, ``tcvn3``, ``vni``, or ``unicode`` for
        text taken from a ``.docx``/``.pdf``; a ``+tcvn3``/``+vni`` suffix says the Unicode
        text was a legacy font's bytes seen as Latin-1 and was converted.

    Raises
    ------
    ParseError
        The data is too large (bytes, or more than :data:`MAX_LINES` lines), empty, binary,
        an HTML page, a zip bomb, or a broken
        ``.docx``/``.pdf``; the message starts with ``name``.

    Examples
    --------
    >>> src = read_bytes("Quy chế\\tnày\\r\\n".encode("utf-16"), "x.txt")
    >>> src.text, src.encoding
    ('Quy chế này', 'utf-16-le')
    >>> read_bytes(b"   \\n", "blank.txt")
    Traceback (most recent call last):
    ...
    govkg.errors.ParseError: blank.txt: empty file
    """
    limit = MAX_BYTES if max_bytes is None else max_bytes
    if len(data) > limit:
        raise ParseError(f"file too large ({len(data)} bytes, limit {limit})", path=name)
    suffix = PurePath(name).suffix.lower()
    if data.startswith(b"%PDF-") or suffix == ".pdf":
        original, encoding = _read_pdf(data, name), "unicode"
        media_type = _MEDIA_TYPES[".pdf"]
    elif data.startswith(b"PK\x03\x04") or suffix == ".docx":
        original, encoding = _read_docx(data, name, limit), "unicode"
        media_type = _MEDIA_TYPES[".docx"]
    elif data.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        raise ParseError("legacy Office (.doc) file: save it as .docx", path=name)
    else:
        original, encoding = _decode_text(data, name)
        media_type = _MEDIA_TYPES.get(suffix, "text/plain")
    if encoding not in _LEGACY_DECODERS:
        converted = _legacy_surface(original)
        if converted is not None:
            original, legacy = converted
            encoding = f"{encoding}+{legacy}"
    if not original.strip():
        raise ParseError("empty file", path=name)
    lines = max(original.count("\n"), original.count("\r"))
    if lines > MAX_LINES:
        raise ParseError(f"too many lines ({lines}, limit {MAX_LINES}): not a charter", path=name)
    if _is_html(original):
        raise ParseError("HTML page, not a charter text", path=name)
    text, offsets = _clean(original)
    if not text:
        raise ParseError("empty file", path=name)
    return SourceText(
        path=name,
        original=original,
        text=text,
        offsets=tuple(offsets),
        encoding=encoding,
        sha256=hashlib.sha256(data).hexdigest(),
        media_type=media_type,
    )


# --------------------------------------------------------------------------------------
# legacy 8-bit encodings
# --------------------------------------------------------------------------------------

# Tone order used by both tables below: grave, hook, tilde, acute, dot below.
_TONE_ORDER = "\u0300\u0309\u0303\u0301\u0323"

# TCVN 5712:1993 VN3 ("ABC", the .VnTime fonts): one byte per lowercase toned vowel.
# Uppercase toned vowels do not exist in VN3 (the all-caps .VnTimeH font draws these same
# bytes as capitals), hence the case recovery in _tcvn3_recase().
_TCVN3_ROWS = {
    "a": (0xB5, 0xB6, 0xB7, 0xB8, 0xB9),
    "ă": (0xBB, 0xBC, 0xBD, 0xBE, 0xC6),
    "â": (0xC7, 0xC8, 0xC9, 0xCA, 0xCB),
    "e": (0xCC, 0xCE, 0xCF, 0xD0, 0xD1),
    "ê": (0xD2, 0xD3, 0xD4, 0xD5, 0xD6),
    "i": (0xD7, 0xD8, 0xDC, 0xDD, 0xDE),
    "o": (0xDF, 0xE1, 0xE2, 0xE3, 0xE4),
    "ô": (0xE5, 0xE6, 0xE7, 0xE8, 0xE9),
    "ơ": (0xEA, 0xEB, 0xEC, 0xED, 0xEE),
    "u": (0xEF, 0xF1, 0xF2, 0xF3, 0xF4),
    "ư": (0xF5, 0xF6, 0xF7, 0xF8, 0xF9),
    "y": (0xFA, 0xFB, 0xFC, 0xFD, 0xFE),
}
_TCVN3_BASES = dict(zip(range(0xA1, 0xAF), "ĂÂÊÔƠƯĐăâêôơưđ", strict=True))


def _byte_table(extra: dict[int, str]) -> str:
    """A 256-char decoding table: ASCII, cp1252 punctuation in 0x80-0x9F, Latin-1 above."""
    chars = []
    for b in range(256):
        if b in extra:
            chars.append(extra[b])
        elif 0x80 <= b <= 0x9F:
            try:
                chars.append(bytes([b]).decode("cp1252"))
            except UnicodeDecodeError:
                chars.append(chr(b))  # undefined in cp1252: keep the C1 control (flags junk)
        else:
            chars.append(chr(b))
    return "".join(chars)


def _tcvn3_table() -> str:
    extra = dict(_TCVN3_BASES)
    for base, row in _TCVN3_ROWS.items():
        for byte, tone in zip(row, _TONE_ORDER, strict=True):
            extra[byte] = unicodedata.normalize("NFC", base + tone)
    return _byte_table(extra)


_TCVN3_DECODE = _tcvn3_table()
_CP1252_SURFACE = _byte_table({})

# VNI-Windows: a toned vowel is the base letter followed by one or two mark bytes.
_VNI_TONE = dict(zip(_TONE_ORDER, "øûõùï", strict=True))
_VNI_HAT = dict(zip(("", *_TONE_ORDER), "âàåãáä", strict=True))  # â ê ô (+ tone)
_VNI_BREVE = dict(zip(("", *_TONE_ORDER), "êèúüéë", strict=True))  # ă (+ tone)
_VNI_I = dict(zip(_TONE_ORDER, "ìæóíò", strict=True))  # the i row is one byte each


_SHAPES = {"\u0302": "aeo", "\u0306": "a", "\u031b": "ou"}  # circumflex, breve, horn


def _vni_encode_letter(ch: str) -> str | None:
    """The VNI-Windows spelling of one Vietnamese letter; None for other characters.

    >>> [_vni_encode_letter(c) for c in "ệẲỜịĐb"]
    ['eä', 'AÚ', 'ÔØ', 'ò', 'Ñ', None]
    """
    if ch in "đĐ":
        return "ñ" if ch == "đ" else "Ñ"
    base, *marks = decompose(ch)
    low = base.lower()
    tones = [m for m in marks if m in _TONE_ORDER]
    shapes = [m for m in marks if m not in _TONE_ORDER]
    if (
        low not in "aeiouy"
        or not marks
        or len(tones) > 1
        or len(shapes) > 1
        or (shapes and low not in _SHAPES.get(shapes[0], ""))
    ):
        return None
    tone = tones[0] if tones else ""
    shape = shapes[0] if shapes else ""
    if shape == "\u0302":
        seq = base + _VNI_HAT[tone]
    elif shape == "\u0306":
        seq = base + _VNI_BREVE[tone]
    elif shape == "\u031b":  # ơ and ư are one byte each, a tone mark may follow
        seq = ("ô" if low == "o" else "ö") + _VNI_TONE.get(tone, "")
    elif low == "i":
        seq = _VNI_I[tone]
    else:
        seq = base + _VNI_TONE[tone]
    return seq.upper() if base.isupper() else seq


def _vni_tables() -> tuple[dict[str, str], re.Pattern[str]]:
    decode: dict[str, str] = {}
    letters = [chr(cp) for cp in range(0xC0, 0x1EFA)]
    for ch in letters:
        if unicodedata.normalize("NFC", ch) != ch:
            continue
        seq = _vni_encode_letter(ch)
        if seq is None or seq == ch:
            continue
        decode[seq] = ch
        if len(seq) == 2:  # typists mix cases of base and mark ('Uû'): accept both
            decode.setdefault(seq[0] + seq[1].swapcase(), ch)
    singles = sorted(k for k in decode if len(k) == 1)
    bases = sorted({k[0] for k in decode if len(k) == 2})
    marks = sorted({k[1] for k in decode if len(k) == 2})
    pattern = re.compile(f"[{''.join(bases)}][{''.join(marks)}]|[{''.join(singles)}]")
    return decode, pattern


_VNI_DECODE, _VNI_SEQ = _vni_tables()


def _decode_vni(data: bytes) -> str:
    surface = codecs.charmap_decode(data, "strict", _CP1252_SURFACE)[0]
    return _vni_from_surface(surface)


def _vni_from_surface(surface: str) -> str:
    def one(m: re.Match[str]) -> str:
        seq = m.group(0)
        hit = _VNI_DECODE.get(seq)
        if hit is not None:
            return hit
        return _VNI_DECODE.get(seq[0], seq[0]) + seq[1:]  # an invalid pair ('eê'): base only

    return _VNI_SEQ.sub(one, surface)


_WORD = re.compile(r"[^\W\d_]+")
_UPPER_WITNESS = "ABCDEFGHIJKLMNOPQRSTUVWXYZĂÂÊÔƠƯĐ"
_LOWER_WITNESS = _UPPER_WITNESS.lower()
_TONED_LOWER = "".join(sorted({_TCVN3_DECODE[b] for row in _TCVN3_ROWS.values() for b in row}))
# A TCVN3 word whose case is unknown: toned vowels and capitals only, no lowercase witness.
_CASELESS = _UPPER_WITNESS + _TONED_LOWER
_CASELESS_WORD = re.compile(f"(?<![^\\W\\d_])[{_CASELESS}]*[{_TONED_LOWER}][{_CASELESS}]*(?![^\\W\\d_])")
_VOWELS = frozenset("AEIOUYĂÂÊÔƠƯ" + _TONED_LOWER)
_SPACE_SEP = re.compile(r"[ ,]+")
_LINE_START = re.compile(
    r"(?m)^[ \t]*(?:[-–+•*]\s*|\d{1,3}(?:\.\d{1,3})*[.)\-]\s*|[a-zđ]\)\s*|Điều\s+\d+\s*[.:\-]\s*)?"
)
_SENTENCE_START = re.compile(r"[.!?]\s+")
# In VN3 a capital toned vowel is the lowercase byte in the .VnTimeH font, so the case of a
# word-initial toned vowel is lost. "Ủy ban" is the one frequent such word in charters.
_TCVN3_PROPER = re.compile(r"\bủy ban\b")


def _decode_tcvn3(data: bytes) -> str:
    return _tcvn3_recase(codecs.charmap_decode(data, "strict", _TCVN3_DECODE)[0])


def _is_caps_word(word: str) -> bool:
    """A word in capitals that is a word, not an abbreviation like 'QĐ' (it has a vowel)."""
    return (
        not any(c in _LOWER_WITNESS for c in word)
        and any(c in _UPPER_WITNESS for c in word)
        and any(c in _VOWELS for c in word)
    )


def _neighbour_caps(text: str, start: int, end: int) -> bool:
    """Whether the word before or after [start, end), on the same line and separated
    only by spaces or commas, is a word in capitals."""
    before = _WORD.search(text[max(0, start - 40) : start][::-1])
    if before and before.start() and _SPACE_SEP.fullmatch(text[start - before.start() : start]):
        if _is_caps_word(before.group(0)[::-1]):
            return True
    after = _WORD.search(text, end, end + 40)
    return bool(after and _SPACE_SEP.fullmatch(text[end : after.start()]) and _is_caps_word(after.group(0)))


def _tcvn3_recase(text: str) -> str:
    """Recover the capitals VN3 cannot spell, from the case of the letters around them.

    >>> _decode_tcvn3(b"C\\xe9NG H\\xdfA X\\xb7 H\\xe9I")
    'CỘNG HÒA XÃ HỘI'
    >>> _decode_tcvn3(b"S\\xe8: 03/Q\\xa7-BC\\xa7. \\xf1y ban \\xe9i")
    'Số: 03/QĐ-BCĐ. Ủy ban ội'
    """
    out: list[str] | None = None
    for m in _CASELESS_WORD.finditer(text):
        word = m.group(0)
        upper = sum(c in _UPPER_WITNESS for c in word)
        if upper >= 2 or (upper == 1 and word[0] not in _UPPER_WITNESS) or _neighbour_caps(text, *m.span()):
            out = out if out is not None else list(text)
            out[m.start() : m.end()] = word.upper()
    # A sentence or a list item starts with a capital.
    for m in (*_LINE_START.finditer(text), *_SENTENCE_START.finditer(text)):
        i = m.end()
        if i < len(text) and text[i] in _TONED_LOWER and _after_unit_end(text, i):
            out = out if out is not None else list(text)
            out[i] = out[i].upper()
    return _TCVN3_PROPER.sub("Ủy ban", "".join(out) if out is not None else text)


def _after_unit_end(text: str, i: int) -> bool:
    """Whether position i starts a unit: after a marker or stop on its line, or on a line
    that follows one ending in . ; : ! ?"""
    line_begin = text.rfind("\n", 0, i) + 1
    if text[line_begin:i].strip():
        return True
    k = line_begin - 1
    while k >= 0 and text[k].isspace():
        k -= 1
    return k < 0 or text[k] in ".;:!?"


def _decode_cp1258(data: bytes) -> str:
    # cp1258 writes tone marks as combining characters; composing them is part of the
    # conversion to Unicode, so ``original`` holds the composed text.
    return unicodedata.normalize("NFC", data.decode("cp1258", errors="replace"))


_LEGACY_DECODERS: dict[str, Callable[[bytes], str]] = {
    "cp1258": _decode_cp1258,
    "tcvn3": _decode_tcvn3,
    "vni": _decode_vni,
}

_VIET_LOWER = frozenset(
    "abcdefghijklmnopqrstuvwxyzđ"
    + "".join(
        unicodedata.normalize("NFC", b + t)
        for b in ("a", "ă", "â", "e", "ê", "i", "o", "ô", "ơ", "u", "ư", "y")
        for t in ("", *_TONE_ORDER)
    )
)
_VIET_LETTERS = _VIET_LOWER | frozenset(c.upper() for c in _VIET_LOWER)
_TONED = frozenset(c for c in _VIET_LETTERS if set(decompose(c)) & set(_TONE_ORDER))


def _good_word_pattern() -> re.Pattern[str]:
    low = "".join(sorted(c for c in _VIET_LOWER if c not in _TONED))
    tone = "".join(sorted(c for c in _VIET_LOWER if c in _TONED))
    up, tone_up = low.upper(), tone.upper()
    lower = f"[{low}]+(?:[{tone}][{low}]*)?|[{tone}][{low}]*"
    title = f"[{up}][{low}]*(?:[{tone}][{low}]*)?|[{tone_up}][{low}]*"
    upper = f"[{up}]+(?:[{tone_up}][{up}]*)?|[{tone_up}][{up}]*"
    # Each word is matched whole, by the first branch (captured) when it is well spelled.
    return re.compile(f"({lower}|{title}|{upper})(?![^\\W\\d_])|[^\\W\\d_]+")


_WORD_CHECK = _good_word_pattern()


def _plausibility(text: str, sample: int = 8000) -> float:
    """Share of words spelled like Vietnamese (letters, one tone mark, one case pattern).

    >>> round(_plausibility("Quy chế làm việc"), 2), round(_plausibility("Quy chÕ lµm viÖc"), 2)
    (1.0, 0.25)
    """
    found = _WORD_CHECK.findall(unicodedata.normalize("NFC", text[:sample]))
    return (len(found) - found.count("")) / len(found) if found else 0.0


def _detect_legacy(data: bytes) -> tuple[str, str, float]:
    """Decode a sample with each legacy candidate; the one that reads most like Vietnamese wins."""
    head = data[:8000]  # single-byte encodings: as many characters as _plausibility reads
    best, best_score = "", -1.0
    for enc, decode in _LEGACY_DECODERS.items():
        score = _plausibility(decode(head))
        if score > best_score + 0.01:  # ties go to the earlier (more common) encoding
            best, best_score = enc, score
    return _LEGACY_DECODERS[best](data), best, best_score


# Characters outside Latin-1 that a legacy surface can still contain (cp1252 punctuation,
# and the two glyphs a PDF substitutes for TCVN3 bytes 0xAD/0xB7).
_SURFACE_EXTRA = {c for c in _CP1252_SURFACE[0x80:0xA0] if ord(c) > 0xFF} | {"\u2212", "\u2219"}
_BEYOND_SURFACE = re.compile(f"[^\\x00-\\xff{re.escape(''.join(sorted(_SURFACE_EXTRA)))}]")


_TO_SURFACE_BYTES = str.maketrans(
    {c: chr(b) for b, c in enumerate(_CP1252_SURFACE) if ord(c) > 0xFF} | {"\u2212": "\xad", "\u2219": "\xb7"}
)


def _legacy_surface(text: str) -> tuple[str, str] | None:
    """Unicode text that is really TCVN3/VNI bytes seen as Latin-1 ('Quy chÕ'), converted.

    Word and PDF files typed in a .VnTime or VNI-Times font come out this way.

    >>> _legacy_surface("Quy chÕ lµm viÖc cña Ban ChØ ®¹o")
    ('Quy chế làm việc của Ban Chỉ đạo', 'tcvn3')
    >>> _legacy_surface("Quy chế làm việc") is None
    True
    """
    if _BEYOND_SURFACE.search(text) or not re.search("[\xa0-\xff]", text):
        return None  # genuine Vietnamese has letters beyond Latin-1 (ơ, ư, ạ ...)
    data = text.translate(_TO_SURFACE_BYTES).encode("latin-1")
    best: tuple[str, str] | None = None
    best_score = _plausibility(text) + 0.15  # convert only on clear evidence
    for enc in ("tcvn3", "vni"):
        converted = _LEGACY_DECODERS[enc](data)
        score = _plausibility(converted)
        if score > best_score:
            best, best_score = (converted, enc), score
    return best


# --------------------------------------------------------------------------------------
# plain text decoding
# --------------------------------------------------------------------------------------

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
# C0/C1 controls that never occur in text (tab, LF, VT, FF, CR and ^Z are allowed).
_CONTROL = re.compile("[\x00-\x08\x0e-\x19\x1b-\x1f\x7f-\x9f\ufffd]")


class DecodingWarning(UserWarning):
    """Bytes that were not valid text were replaced by U+FFFD (only under :func:`lenient_decoding`)."""


_LENIENT = contextvars.ContextVar("govkg_lenient_decoding", default=False)


@contextmanager
def lenient_decoding() -> Iterator[None]:
    r"""Within this block, UTF-8 with a few invalid bytes is read with U+FFFD and a :class:`DecodingWarning`.

    Outside it, such a file is a :class:`~govkg.errors.ParseError` naming the first bad byte.

    >>> data = "Điều 1. Quy chế".encode() + b"\xff" + " này".encode()
    >>> read_bytes(data, "x.txt")
    Traceback (most recent call last):
    ...
    govkg.errors.ParseError: x.txt: invalid UTF-8 at byte offset 20 (ff), and not a known legacy encoding (cp1258, TCVN3, VNI): fix the file, or load it with --lenient-decoding
    >>> with warnings.catch_warnings(record=True) as caught, lenient_decoding():
    ...     warnings.simplefilter("always")
    ...     read_bytes(data, "x.txt").text, str(caught[0].message)
    ('Điều 1. Quy chế\ufffd này', 'x.txt: 1 invalid UTF-8 byte sequence(s), the first at byte offset 20, read as U+FFFD')
    """
    token = _LENIENT.set(True)
    try:
        yield
    finally:
        _LENIENT.reset(token)


def _decode_text(data: bytes, name: str) -> tuple[str, str]:
    if not data.strip():
        raise ParseError("empty file", path=name)
    text: str | None = None
    encoding = ""
    for bom, enc in _BOMS:
        if data.startswith(bom):
            try:
                text, encoding = data[len(bom) :].decode(enc.replace("-sig", "")), enc
            except UnicodeDecodeError as exc:
                raise ParseError(f"invalid {enc} text ({exc.reason})", path=name) from exc
            break
    if text is None:
        text, encoding = _decode_unmarked(data, name)
    if not text.strip():
        raise ParseError("empty file", path=name)
    bad = len(_CONTROL.findall(text, 0, 200_000))
    if "\x00" in text or bad > max(8, min(len(text), 200_000) // 500):
        raise ParseError("binary file", path=name)
    return text, encoding


def _decode_unmarked(data: bytes, name: str) -> tuple[str, str]:
    sample = data[:65536]
    if b"\x00" in sample:
        # UTF-16 without BOM: the high bytes of ASCII letters are NULs, all on one side.
        even, odd = sample[0::2].count(0), sample[1::2].count(0)
        half = max(1, len(sample) // 2)
        for enc, hits, misses in (("utf-16-le", odd, even), ("utf-16-be", even, odd)):
            # (misses: NFD text has U+0300, whose low byte is 0, on the other side)
            if hits > 0.2 * half and misses < 0.1 * half and len(data) % 2 == 0:
                try:
                    return data.decode(enc), enc
                except UnicodeDecodeError:
                    break
        raise ParseError("binary file", path=name)
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as exc:
        first_bad = exc
    lenient = data.decode("utf-8", errors="replace")
    damaged = lenient.count("\ufffd") - data.decode("utf-8", errors="ignore").count("\ufffd")
    if damaged <= max(2, len(lenient) // 2000):
        # a few damaged bytes in a UTF-8 file (a legacy file has invalid bytes everywhere)
        bad = first_bad.object[first_bad.start : first_bad.end].hex(" ")
        if not _LENIENT.get():
            raise ParseError(
                f"invalid UTF-8 at byte offset {first_bad.start} ({bad}), and not a known legacy encoding "
                "(cp1258, TCVN3, VNI): fix the file, or load it with --lenient-decoding",
                path=name,
            )
        warnings.warn(
            DecodingWarning(
                f"{name}: {damaged} invalid UTF-8 byte sequence(s), the first at byte offset {first_bad.start}, read as U+FFFD"
            ),
            stacklevel=2,
        )
        return lenient, "utf-8"
    text, enc, score = _detect_legacy(data)
    if score < 0.5:
        raise ParseError("binary file (no text encoding fits)", path=name)
    return text, enc


_HTML_START = re.compile(
    r"\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body)\b", re.I | re.S
)


def _is_html(text: str) -> bool:
    return bool(_HTML_START.match(text[:2000]))


# --------------------------------------------------------------------------------------
# containers: docx, pdf
# --------------------------------------------------------------------------------------


def _check_zip(data: bytes, name: str, limit: int) -> None:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            infos = zf.infolist()
    except (zipfile.BadZipFile, ValueError, EOFError) as exc:
        raise ParseError("not a valid .docx (not a zip archive)", path=name) from exc
    if len(infos) > _MAX_ZIP_MEMBERS:
        raise ParseError(f"zip bomb suspected: {len(infos)} members", path=name)
    total = sum(i.file_size for i in infos)
    if total > max(MAX_UNZIPPED_BYTES, 10 * limit):
        raise ParseError(f"zip bomb suspected: {total} bytes uncompressed", path=name)
    for info in infos:
        ratio = info.file_size / max(1, info.compress_size)
        if ratio > _MAX_ZIP_RATIO and info.file_size > 1024 * 1024:
            raise ParseError(f"zip bomb suspected: {info.filename} expands {ratio:.0f}x", path=name)
    if not any(i.filename == "word/document.xml" for i in infos):
        raise ParseError("not a valid .docx (no word/document.xml)", path=name)


def _read_docx(data: bytes, name: str, limit: int) -> str:
    """Paragraphs in order; a table row as its cells joined with ' | '."""
    _check_zip(data, name, limit)
    import docx  # python-docx; imported here so text-only use does not pay for it
    from docx.table import Table

    try:
        document = docx.Document(io.BytesIO(data))
        lines: list[str] = []
        for block in document.iter_inner_content():
            if isinstance(block, Table):
                for row in block.rows:
                    cells: list[str] = []
                    seen: list[object] = []  # the cells' XML elements, kept alive for `is`
                    for cell in row.cells:
                        if any(cell._tc is tc for tc in seen):  # a merged cell repeats
                            continue
                        seen.append(cell._tc)
                        cells.append(cell.text)
                    lines.append(" | ".join(cells))
            else:
                lines.append(block.text)
    except Exception as exc:  # python-docx raises KeyError, ValueError, lxml errors …
        raise ParseError(f"not a valid .docx ({type(exc).__name__}: {exc})", path=name) from exc
    return "\n".join(lines)


def _read_pdf(data: bytes, name: str) -> str:
    import logging

    from pypdf import PdfReader

    logging.getLogger("pypdf").setLevel(logging.ERROR)  # broken-xref chatter is not our error
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            raise ParseError("encrypted PDF", path=name)
        pages = [page.extract_text() or "" for page in reader.pages]
    except ParseError:
        raise
    except Exception as exc:  # pypdf raises many types on damaged files
        raise ParseError(f"not a valid PDF ({type(exc).__name__}: {exc})", path=name) from exc
    text = "\n\n".join(pages)
    if not text.strip():
        raise ParseError("PDF has no text layer (a scan? OCR it first)", path=name)
    return text


# --------------------------------------------------------------------------------------
# clean-up with offsets
# --------------------------------------------------------------------------------------

Edit = tuple[int, int, str, int]  # (start, end, replacement, anchor index for the replacement)


class _Tracked:
    """A string being rewritten, with each character's index in the original."""

    __slots__ = ("offs", "text")

    def __init__(self, text: str):
        self.text = text
        # A range until the first edit: slices and indexing work the same, at no cost.
        self.offs: Sequence[int] = range(len(text) + 1)

    def edit(self, edits: Iterable[Edit]) -> None:
        """Apply sorted, non-overlapping edits; list slicing keeps this at C speed."""
        text, offs = self.text, self.offs
        parts: list[str] = []
        new: list[int] = []
        last = 0
        for start, end, repl, anchor in edits:
            parts.append(text[last:start])
            new += offs[last:start]
            if repl:
                parts.append(repl)
                new += [offs[anchor]] * len(repl)
            last = end
        if not parts:
            return
        parts.append(text[last:])
        new += offs[last:]
        self.text = "".join(parts)
        self.offs = new

    def sub(self, pattern: re.Pattern[str], repl: str | Callable[[re.Match[str]], str | None]) -> None:
        """Like ``pattern.sub``; a callable may return None to keep the match."""
        edits: list[Edit] = []
        for m in pattern.finditer(self.text):
            r = repl(m) if callable(repl) else repl
            if r is None or r == m.group(0):
                continue
            edits.append((m.start(), m.end(), r, m.start()))
        if edits:
            self.edit(edits)


_MARK_CLASS = "[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]"
_MARKS = re.compile(f".{_MARK_CLASS}+", re.S)
_ONE_MARK = re.compile(_MARK_CLASS)


def _nfc(t: _Tracked) -> None:
    """NFC with offsets: a composed letter points at its base letter in the original."""
    if unicodedata.is_normalized("NFC", t.text):
        return
    out = unicodedata.normalize("NFC", t.text)
    # Fast path (all at C speed): when every base letter and its marks compose into one
    # character, the i-th output character is the i-th non-mark character of the input.
    flagged = _ONE_MARK.sub("\uffff", t.text)
    bases = list(itertools.compress(range(len(flagged)), map("\uffff".__ne__, flagged)))
    if len(bases) == len(out) and isinstance(t.offs, range):
        t.text, t.offs = out, [*bases, len(flagged)]
        return
    t.sub(_MARKS, lambda m: unicodedata.normalize("NFC", m.group(0)))
    if not unicodedata.is_normalized("NFC", t.text):
        # Exotic input (Hangul jamo, singletons): exact where the length is kept.
        out = unicodedata.normalize("NFC", t.text)
        if len(out) != len(t.text):
            n, m = len(out), len(t.text)
            t.offs = [t.offs[min(m, i * m // max(1, n))] for i in range(n)] + [t.offs[-1]]
        t.text = out


_ODD_SPACES = re.compile("[\t\xa0\u1680\u2000-\u200a\u202f\u205f\u3000]")
_BREAK_CHARS = "\r\x0b\x0c\x85\u2028\u2029\xad\u200b\u200c\u200d\u2060\ufeff"
_BREAKS = re.compile("\r\n?|[\x0b\x0c\x85\u2028\u2029]|[\xad\u200b-\u200d\u2060\ufeff]+")
_ODD_SPACE_CHARS = (
    "\t\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000"
)
_BOLD_STARS = re.compile(r"\*{2,}")
_BOLD_UNDERSCORES = re.compile(r"(?<![\w_])__(?=[^\W_])|(?<=[^\W_])__(?![\w_])")
# Starts with a literal so that re can skip ahead; the character before is checked in Python.
_ITALIC = re.compile(r"\*(?=[^\s*)])(?:[^*\n]|\n(?![ \t]*\n))*?[^\s*(]\*(?![*\w])")
_MD_HEADING = re.compile(r"(?m)^[ ]{0,3}#{1,6}[ ]+")
_MD_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|>])")


def _markdown(t: _Tracked) -> None:
    if "**" in t.text:
        t.sub(_BOLD_STARS, "")
    if "__" in t.text:
        t.sub(_BOLD_UNDERSCORES, "")
    if "*" in t.text:
        text = t.text
        edits: list[Edit] = []
        for m in _ITALIC.finditer(text):
            start = m.start()
            if start and (text[start - 1].isalnum() or text[start - 1] in "*_"):
                continue  # '2*3', or inside a word: not emphasis
            edits.append((start, start + 1, "", 0))
            edits.append((m.end() - 1, m.end(), "", 0))
        t.edit(edits)
    if "#" in t.text:
        t.sub(_MD_HEADING, "")
    if "\\" in t.text:
        edits = [(m.start(), m.start() + 1, "", 0) for m in _MD_ESCAPE.finditer(t.text)]
        t.edit(edits)


# --- header and boilerplate recognition (on one stripped line) -------------------------

_ISSUER_WORDS = re.compile(
    r"\b(?:uy ban|ubnd|hdnd|hoi dong|ban chi dao|bcd|ban chap hanh|ban thuong vu|dang uy|dang bo"
    r"|tinh uy|thanh uy|huyen uy|quan uy|chinh phu|thu tuong|bo|so|cuc|tong cuc|cong an|van phong"
    r"|quoc hoi|mat tran|tinh|thanh pho|huyen|quan|xa|phuong|truong|vien|doan|tap doan"
    r"|cong ty|ngan hang|kho bac|toa an|to cong tac)\b"
)
_MOTTO = re.compile(r"(?:cong hoa xa hoi chu nghia viet nam|dang cong san viet nam|doc lap\s*[-–]\s*tu do)")
_PLACE_DATE_F = re.compile(r"[a-z][^,;.\n]{0,40},\s*ngay\b.{0,30}\bthang\b")
_NUMBER_LINE_F = re.compile(r"so\s*:|so\s+\d")
_TITLE_WORDS = re.compile(
    r"(?:QUYẾT ĐỊNH|QUY CHẾ|QUY ĐỊNH|NGHỊ QUYẾT|KẾ HOẠCH|THÔNG BÁO|ĐIỀU LỆ)\b|(?:[-–+•]\s*)?Căn cứ\b"
)


def _is_caps(line: str) -> bool:
    """All letters uppercase, and at least two of them."""
    return line.upper() == line and sum(c.isalpha() for c in line[:40]) >= 2


def _looks_header(line: str) -> bool:
    """A line that can open a charter: issuer in capitals, motto, number, date, title."""
    line = line.strip().lstrip("|").strip()  # a Markdown table row opens with a pipe
    if not line:
        return False
    head = line[:200]
    f = fold(head)
    if _MOTTO.match(f) or _NUMBER_LINE_F.match(f) or _PLACE_DATE_F.match(f):
        return True
    if _TITLE_WORDS.match(head):
        return True
    first_cell = head.split("|", 1)[0].strip()
    return (
        _is_caps(first_cell) and len(first_cell.split()) >= 2 and bool(_ISSUER_WORDS.search(fold(first_cell)))
    )


_BOILERPLATE_TAIL = re.compile(
    r"(?:ve dau trang|len dau trang|chia se|in|in trang|in bai viet|ban in|tai ve|tai van ban|quay lai|tro ve"
    r"|trang chu|dang nhap|gui email|gui ban in|xem them|tin lien quan|bai viet lien quan"
    r"|(?:https?://|www\.)\S*|.*cookie.*|.*(?:ban quyen|copyright|all rights reserved|©).*)\s*[.:]?"
)
# "Tin cùng chuyên mục:" and its kin open a list of links that is no part of the charter
_RELATED_BLOCK = re.compile(
    r"(?m)^[ \t]*(?:tin cung chuyen muc|tin lien quan|bai viet lien quan|cac tin khac|van ban lien quan|tin moi"
    r"|cac van ban khac|xem them)\b[^\n]{0,40}$"
)
# Headings are sometimes typed without diacritics ("Dieu 1.", "Chuong I"): the same unit.
_ARTICLE_WORD = "(?:Điều|ĐIỀU|Dieu|DIEU)"
_DIVISION_WORD = "(?:Chương|CHƯƠNG|Chuong|CHUONG|Mục|MỤC|Muc|MUC|Phần|PHẦN|Phụ lục|PHỤ LỤC)"
_BODY_AFTER = re.compile(r"(?m)^\s*(?:" + _ARTICLE_WORD + r"\s+\d|Nơi nhận|TM\.|KT\.|T/M)")
_PAGE_NUMBER = re.compile(
    r"(?m)^[ ]*(?:[-–][ ]*\d{1,3}[ ]*[-–]|\d{1,3}|[Tt]rang \d{1,3}(?:/\d{1,3})?)[ ]*(?:\n|$)"
)
_HEADER_END = re.compile(r"(?:[-–+•]\s*)?Căn cứ\b|" + _ARTICLE_WORD + r"\s+\d")
_HEAD_WINDOW = 80  # lines searched for the header
_HEAD_CHARS = 6000  # and characters
_BODY_START = re.compile(r"(?:" + _ARTICLE_WORD + r"|Chương|CHƯƠNG|Chuong|CHUONG)\s+[\dIVXLC]")


def _boilerplate(t: _Tracked) -> None:
    text = t.text
    # Leading: drop everything before the first line that can open a charter, unless the
    # charter's body starts first (a file whose header was lost keeps all its text).
    pos = 0
    for _ in range(_HEAD_WINDOW):
        end = text.find("\n", pos)
        line = text[pos : end if end >= 0 else len(text)]
        if _looks_header(line):
            if text[:pos].strip():
                t.edit([(0, pos, "", 0)])
            break
        if end < 0 or end > _HEAD_CHARS or _BODY_START.match(line.strip()):
            break
        pos = end + 1
    # Trailing: a website's "related news" block, then its links after the signature.
    text = t.text
    cut = len(text)
    tail_from = max(0, len(text) - 3000)
    related = [m for m in _RELATED_BLOCK.finditer(fold(text[tail_from:]))]
    if related:
        at = tail_from + related[-1].start()
        if not _BODY_AFTER.search(text, at):
            cut = at
    while cut > 0:
        start = text.rfind("\n", 0, cut - 1) + 1 if cut > 1 else 0
        line = text[start:cut].strip()
        if line and not all(_BOILERPLATE_TAIL.fullmatch(fold(cell.strip()[:200])) for cell in line.split("|") if cell.strip()):
            break
        if start == 0:
            break
        cut = start
    if cut < len(text) and text[:cut].strip():
        t.edit([(cut, len(text), "", 0)])
    if _PAGE_NUMBER.search(t.text):
        t.sub(_PAGE_NUMBER, "")


_CELL = re.compile(r"[^|\n]+")
_MD_RULE = re.compile(r"\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)*\|?")
_SIGN_AUTHORITY = re.compile(r"(?:TM|KT|TL|TUQ|Q|T/M)\.?\s")


def _two_column(cells: list[str]) -> bool:
    """A layout row (header or closing), not a data table row."""
    if len(cells) != 2:
        return False
    left, right = (c.strip() for c in cells)
    return (
        _looks_header(left)
        or _looks_header(right)
        or bool(_SIGN_AUTHORITY.match(right) or left.startswith("Nơi nhận"))
    )


_COLUMN_GAP = re.compile(r"(?<=\S)[ ]{6,}(?=\S)")


def _space_columns(t: _Tracked) -> None:
    """Two columns laid out with spaces (a layout-preserving PDF or text export) become pipe
    cells, which :func:`_pipes` then splits like any two-column table."""
    if "      " in t.text and _COLUMN_GAP.search(t.text):
        t.sub(_COLUMN_GAP, " | ")


def _pipes(t: _Tracked) -> None:
    """Split pipe-flattened layout tables into lines, left column first.

    In the header region (before the first ``Căn cứ``/``Điều``) every pipe row is layout;
    further down only two-cell rows that look like a header or a signature block are,
    so that a real table (a member list) keeps its rows.
    """
    text = t.text
    if "|" not in text:
        return
    m = re.search(r"(?m)^[ ]*(?:" + _HEADER_END.pattern + ")", text)
    header_end = m.start() if m else len(text)
    blocks: list[tuple[int, int, list[tuple[int, int]]]] = []
    rows: list[list[tuple[int, int]]] = []
    block_start = block_end = -1
    closing = False  # inside a "Nơi nhận | TM. …" block: recipients left, signature right
    pos = 0
    while pos <= len(text):
        end = text.find("\n", pos)
        end = len(text) if end < 0 else end
        line = text[pos:end]
        row: list[tuple[int, int]] | None = None
        if rows and not line.strip():
            pos = end + 1
            continue  # a blank line between two rows does not end the table
        if "|" in line:
            if _MD_RULE.fullmatch(line.strip()):
                row = []
            else:
                cells = [_strip_span(text, c.start() + pos, c.end() + pos) for c in _CELL.finditer(line)]
                cells = [c for c in cells if c[1] > c[0]]
                if cells and fold(text[cells[0][0] : cells[0][1]]).startswith("noi nhan"):
                    closing = True
                if pos < header_end or closing or _two_column([text[a:b] for a, b in cells]):
                    row = cells
        elif closing and rows and line.lstrip()[:1] in "-+•":
            row = [_strip_span(text, pos, end)]  # a recipient with nothing beside it
        else:
            closing = False
        if row is not None:
            if not rows:
                block_start = pos
            rows.append(row)
            block_end = end
        elif rows:
            blocks.append((block_start, block_end, _column_major(rows)))
            rows = []
        pos = end + 1
    if rows:
        blocks.append((block_start, block_end, _column_major(rows)))
    if not blocks:
        return
    parts: list[str] = []
    new: list[int] = []
    offs = t.offs
    last = 0
    for start, end, cells in blocks:
        parts.append(text[last:start])
        new += offs[last:start]
        for k, (a, b) in enumerate(cells):
            if k:
                parts.append("\n")
                new.append(offs[cells[k - 1][1]])  # right after the previous cell
            parts.append(text[a:b])
            new += offs[a:b]
        last = end
    parts.append(text[last:])
    new += offs[last:]
    t.text = "".join(parts)
    t.offs = new


def _column_major(rows: list[list[tuple[int, int]]]) -> list[tuple[int, int]]:
    width = max((len(r) for r in rows), default=0)
    return [row[c] for c in range(width) for row in rows if c < len(row)]


def _strip_span(text: str, a: int, b: int) -> tuple[int, int]:
    while a < b and text[a] in " \t":
        a += 1
    while b > a and text[b - 1] in " \t":
        b -= 1
    return a, b


# --- hard-wrap rejoining --------------------------------------------------------------

_UPPER_VN = "".join(sorted(c for c in _VIET_LETTERS if c.isupper()))
_STRUCTURAL = re.compile(
    _ARTICLE_WORD + r"\s+\d+[a-zđ]?\s*(?:[.:\-–]|$|(?=\s+[" + _UPPER_VN + r"]))"
    r"|" + _DIVISION_WORD + r"\s+(?:[IVXLCDM]+|\d+)\b"
    r"|[IVXLCDM]+\s*[.\-–)]\s"
    r"|\d{1,3}(?:\.\d{1,3})*(?:[.)](?=\s|$|[^\W\d_])|[-–](?=\s))"
    r"|[a-zđ][.)\-](?=\s)|\((?:\d{1,2}|[a-zđ])\)\s"
    r"|[-–—+•●▪◦*|]"
    r"|(?:Căn cứ|Theo đề nghị|Xét đề nghị|Xét [Tt]ờ trình|Nơi nhận|Kính gửi|Ban hành kèm theo|Kèm theo"
    r"|Số\s*:|Số\s+\d|QUYẾT ĐỊNH|Quyết định:|TM\.|T/M|KT\.|TL\.|TUQ\.|Q\.\s)"
    r"|[^\W\d_][^,;.\n]{0,40},\s*ngày\b.{0,30}\btháng\b"
    # a sentence that opens on a date ("Ngày 10 tháng 11 năm 2025, tại …"): a notice's opening
    r"|Ngày\s+\d{1,2}\s+tháng\s+\d{1,2}\b"
)
# an enacting formula ("Ban Thường vụ Tỉnh ủy quy định như sau:") is a unit, but not the tail
# of a sentence that a hard wrap cut ("… Trần Văn" / "Nam - Trưởng Ban … kết luận như sau:")
_FORMULA_LINE = re.compile(r"[" + _UPPER_VN + r"][^.;:\n]{0,150}\bnhư sau\s*:$")
_HEADER_LINE = re.compile(
    r"(?:Độc lập\s*[-–]\s*Tự do|Số\s*:|Số\s+\d|Kính gửi|[^\W\d_][^,;.\n]{0,40},\s*ngày\b.{0,30}\btháng\b)"
)
_HEADING = re.compile(
    r"(?:" + _ARTICLE_WORD + r"\s+\d+[a-zđ]?\s*[.:\-–]?|" + _DIVISION_WORD + r"\s+(?:[IVXLCDM]+|\d+)\b)"
    r"[^.;:!?]*"
)
# Words a heading never ends on: a break after them is a wrap even after a heading.
_FUNCTION_WORDS = frozenset(
    "của và với về các những cho theo tại trong để là được bị do từ đến hoặc thuộc giữa như gồm"
    " khi mà thì nhằm đối".split()
)
_CODE_TAIL = re.compile(r"[A-ZĐ0-9][A-Za-zĐđ0-9]*(?:[/\-][A-Za-zĐđ0-9]+)*(?=$|[\s,;.:)])")
_OPENERS = "(“\"'‘«["
_ALNUM = re.compile(r"[^\W_]")
_CLOSERS = "”\"’'»"


def _wrap_separator(
    head: str, line: str, nxt: str, *, single: bool = True, wide: bool = False, full: bool = False,
    soft: bool = False, overflow: bool = False,
) -> str | None:
    """How to join ``line`` and the next line ``nxt``: ``" "``, ``""`` or None (a break).

    ``head`` is the start of the paragraph ``line`` ends (up to 301 characters);
    ``single`` says the paragraph is that one line; ``wide`` says the document is
    hard-wrapped and ``line`` runs to near the wrap width (``full``: to the width, which a
    heading in bold never does; ``overflow``: the next line's first word would not have
    fitted on ``line`` either, so the break can be the typesetter's). The rule, for this genre:

    - a document number cut after its hyphen (``57-`` / ``NQ/TW``) is glued back;
    - a line ending in ``. : ! ?`` ends its unit, and so does ``;`` unless the next line
      starts in lowercase (or the line was wrapped at full width); but a sentence that ends
      on a line filled to the width (``overflow``) goes on when the next line is no unit of
      its own (a hard wrap falls after a full stop as readily as after a word);
    - nothing is joined into a line that starts a unit (``Điều N.``, ``Chương``, a clause
      ``1.``/``1-``/``2.1-``, a point ``a)``, a bullet, ``Căn cứ``, ``Nơi nhận``, a
      place-and-date line, …) or into or out of a line in capitals (titles, signatures),
      nor out of a header line (motto, ``Số:``, date);
    - a next line starting in lowercase or with a digit continues the sentence;
    - a next line starting with a capital also continues it (the genre capitalises names:
      ``của Ban`` / ``Chỉ đạo``), unless the paragraph is a heading (``Điều 3. Hình thức
      làm việc`` / ``Ban Chỉ đạo làm việc …``) that does not end on a function word, the
      line is a short name (a signer), or the line ends with ``)``.

    >>> _wrap_separator("3. Tham gia ... của Ban", "3. Tham gia ... của Ban", "Chỉ đạo theo chức trách")
    ' '
    >>> _wrap_separator("Điều 3. Hình thức làm việc", "Điều 3. Hình thức làm việc", "Ban Chỉ đạo làm việc")
    >>> _wrap_separator("Căn cứ Nghị quyết số 57-", "Căn cứ Nghị quyết số 57-", "NQ/TW, ngày 22/12/2024")
    ''
    >>> _wrap_separator("Độc lập - Tự do - Hạnh phúc", "Độc lập - Tự do - Hạnh phúc", "Bắc Ninh, ngày 5 tháng 6 năm 2026")
    """
    if not line or not nxt:
        return None
    last = line[-1]
    if last in _CLOSERS:
        last = line.rstrip(_CLOSERS)[-1:]
    if last == "-" and _is_code_head(line) and _CODE_TAIL.match(nxt):
        return ""
    if "|" in line or "|" in nxt or _STRUCTURAL.match(nxt) or (_FORMULA_LINE.match(nxt) and not overflow):
        return None
    if overflow and last in ".!?" and not _is_caps(line[-80:]) and not _HEADER_LINE.match(line):
        first = nxt.lstrip(_OPENERS)[:1]
        if first.isalpha() and not _is_caps(nxt[:80]) and not (len(head) <= 300 and _HEADING.fullmatch(head)):
            return " "
    if last in ".:!?" or (last == ";" and soft):
        # a sentence end ends the paragraph, unless paragraphs are set apart by blank lines and
        # this break is a single newline: then it is a re-wrap ("… của Trưởng Ban Chỉ đạo." / "Tham gia …")
        if not soft or last == ":" or _is_caps(line[-80:]) or _HEADER_LINE.match(line):
            return None
        first = nxt.lstrip(_OPENERS)[:1]
        if not first.isalpha() or _is_caps(nxt[:80]):
            return None
        return " "
    first = nxt.lstrip(_OPENERS)[:1]
    if first.isalpha() and _is_caps(nxt[:80]):
        return None
    if _is_caps(line[-80:]) or _HEADER_LINE.match(line) or not _ALNUM.search(line):
        return None
    if nxt[0] in ",.;:)]”":
        return "" if last != ";" else None
    if first.islower() or first.isdigit():
        return " "
    if not first.isupper() or last == ")" or nxt[0] == "(":
        return None
    if last == ";":
        return " " if wide else None
    if len(head) <= 300 and _HEADING.fullmatch(head) and not soft:
        if line.rsplit(None, 1)[-1].lower() in _FUNCTION_WORDS or full or overflow:
            return " "
        return None
    if single and _is_name(line):
        return None
    return " "


def _first_word_length(text: str, start: int, end: int) -> int:
    space = text.find(" ", start, end)
    return (space if space >= 0 else end) - start


def _is_code_head(line: str) -> bool:
    """The line ends with the first half of a document number: '57-', '269/2025/NĐ-'."""
    token = line[-60:].rsplit(None, 1)[-1].lstrip("(")
    return len(token) > 1 and any(c.isdigit() or c == "/" for c in token)


def _is_name(line: str) -> bool:
    """'Nguyễn Văn An': two to five capitalised words, nothing else."""
    words = line.split()
    return (
        2 <= len(words) <= 5
        and len(line) <= 40
        and all(w[:1].isupper() and w[1:].islower() and w.isalpha() for w in words)
    )


def _wrap_width(lengths: list[int]) -> int:
    """The line width of a hard-wrapped text (PDF extraction), or 0 when it is not one.

    ``lengths`` are the lengths of the non-blank lines, trimmed.
    """
    if len(lengths) < 20:
        return 0
    ordered = sorted(lengths)
    p90 = ordered[int(len(ordered) * 0.9)]
    near = sum(1 for n in ordered if 0.8 * p90 <= n <= p90 + 5)
    return p90 if p90 <= 120 and near >= 0.4 * len(ordered) else 0


def _sure_wrap_width(text: str, spans: list[tuple[int, int]]) -> int:
    """The wrap width of a short hard-wrapped text, from its sure wraps: the lines whose next
    line goes on in lowercase. When at least three of them, and most, break within a few
    columns of the longest, that length is the width; else 0.

    >>> body = "\\n".join(["Quyết định này quy định chức năng, nhiệm vụ, quyền hạn của", "tổ công tác."] * 3)
    >>> t = "QUYẾT ĐỊNH\\n" + body
    >>> _sure_wrap_width(t, [m.span() for m in _CONTENT.finditer(t)])
    58
    """
    sure = [
        a[1] - a[0]
        for a, b in itertools.pairwise(spans)
        if text.count("\n", a[1], b[0]) == 1 and text[b[0]].islower()
    ]
    if len(sure) < 3:
        return 0
    top = max(sure)
    near = sum(1 for n in sure if n >= 0.85 * top)
    return top if top <= 120 and near >= 3 and near >= 0.6 * len(sure) else 0


_MULTISPACE = re.compile(r"[ ]{2,}")
# A line's content: first to last non-space character (linear even on a line of spaces).
_CONTENT = re.compile(r"[^\n ](?:[^\n]*[^\n ])?")


def _layout(t: _Tracked) -> None:
    """Trim lines, collapse spaces and blank lines, and rejoin hard wraps, in one pass."""
    text = t.text
    n = len(text)
    spans = [m.span() for m in _CONTENT.finditer(text)]
    width = _wrap_width([e - s for s, e in spans]) or _sure_wrap_width(text, spans)
    # paragraphs set apart by blank lines: then a single newline inside a paragraph is a re-wrap
    # (judged on the breaks after a sentence end, which is where paragraphs end)
    ends = [text.count("\n", a[1], b[0]) for a, b in itertools.pairwise(spans) if text[a[1] - 1] in ".;!?"]
    blank_style = len(ends) >= 5 and sum(1 for g in ends if g >= 2) >= 0.7 * len(ends) and any(g == 1 for g in ends)
    wide_from, full_from = (int(0.85 * width), int(0.95 * width)) if width else (n + 1, n + 1)
    edits: list[Edit] = []
    pcs = pce = -1  # content bounds of the previous non-blank line
    para = 0  # where the paragraph being built starts
    for cs, ce in spans:
        if pce < 0:
            if cs:
                edits.append((0, cs, "", 0))
            para = cs
        else:
            sep = _wrap_separator(
                text[para : min(pce, para + 301)],
                text[pcs:pce],
                text[cs : min(ce, cs + 400)],
                single=para == pcs,
                wide=pce - pcs >= wide_from,
                # in a text whose paragraphs are set apart by blank lines, a long heading is no wrap
                full=pce - pcs >= full_from and not blank_style,
                soft=blank_style and text.count("\n", pce, cs) == 1,
                overflow=pce - pcs >= wide_from
                and text.count("\n", pce, cs) == 1
                and pce - pcs + 1 + _first_word_length(text, cs, ce) > width,
            )
            if sep is None:
                sep = "\n" if text.count("\n", pce, cs) == 1 else "\n\n"
                para = cs
            if text[pce:cs] != sep:
                edits.append((pce, cs, sep, pce))
        if text.find("  ", cs, ce) >= 0:
            edits.extend((k.start(), k.end(), " ", k.start()) for k in _MULTISPACE.finditer(text, cs, ce))
        pcs, pce = cs, ce
    if pce < 0:
        edits.append((0, n, "", 0))  # nothing but whitespace
    elif pce < n:
        edits.append((pce, n, "", 0))
    t.edit(edits)


def _clean(original: str) -> tuple[str, Sequence[int]]:
    """The normalised text and, for each of its characters, its index in ``original``."""
    t = _Tracked(original)
    _nfc(t)
    t.text = unify_tones(t.text)  # length-preserving, like the space rewrite below
    if any(c in t.text for c in _ODD_SPACE_CHARS):
        t.text = _ODD_SPACES.sub(" ", t.text)
    if any(c in t.text for c in _BREAK_CHARS):
        t.sub(_BREAKS, lambda m: "\n" if m.group(0)[0] in "\r\x0b\x0c\x85\u2028\u2029" else "")
    _markdown(t)
    _boilerplate(t)
    _space_columns(t)
    _pipes(t)
    _layout(t)
    return t.text, t.offs
