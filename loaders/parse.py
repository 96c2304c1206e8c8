"""Parse a charter's normalised text (``SourceText``) into the document model (``Document``).

The parser is written for the genre — Vietnamese administrative decisions and
regulations and Party documents — not for particular files:

* **parts**: a decision (Quyết định) with its own articles, and each attached
  regulation ("QUY CHẾ" / "QUY ĐỊNH" / "KẾ HOẠCH" … title block after the decision's
  closing, or at the file start) with its own chapters and articles;
* **header** per part: issuing-body block, motto, number, place and date, document
  type, title, issuer line, "(Ban hành kèm theo …)" citation;
* **legal bases** ("Căn cứ …;"), **proposer** ("Theo/Xét đề nghị của …");
* **body**: chapters (Chương), sections (Mục, "I. …", unnumbered caps headings),
  articles (Điều), clauses ("1." "1-" "2.1-"), points ("a)"), bullets ("-", "+")
  and plain paragraphs;
* **closing**: "Nơi nhận" recipients and the signature block.

Every offset indexes ``source.text``; ``Provision.text == source.text[start:end]``.
The parser tolerates leftovers of conversion (stray ``**``, blank lines, hard-wrapped
lines) and never backtracks catastrophically: every regex is anchored or bounded, and
each line is classified once.

Examples
--------
>>> from govkg.loaders.model import SourceText
>>> text = "QUYẾT ĐỊNH\\nThành lập Tổ công tác\\nCăn cứ Luật Tổ chức chính quyền địa phương ngày 16/6/2025;\\n" \\
...        "QUYẾT ĐỊNH:\\nĐiều 1. Thành lập Tổ công tác.\\n1. Tổ trưởng: Chủ tịch UBND xã.\\n" \\
...        "Điều 2. Quyết định này có hiệu lực kể từ ngày ký./.\\n"
>>> src = SourceText("x.txt", text, text, tuple(range(len(text) + 1)), "utf-8", "")
>>> doc = parse(src)
>>> [p.slug for p in doc.parts], doc.main.header.doc_type, doc.main.header.title
(['quyet-dinh'], 'Quyết định', 'Thành lập Tổ công tác')
>>> doc.main.bases[0].title, doc.main.bases[0].issued_on.iso
('Luật Tổ chức chính quyền địa phương', '2025-06-16')
>>> doc.find("quyet-dinh/dieu-1/khoan-1").human
'Quyết định, Điều 1, khoản 1'
>>> normalize_doc_number("57- NQ/tw")
'57-NQ/TW'
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path

from govkg.loaders.model import (
    Citation,
    Closing,
    Document,
    Header,
    Part,
    PartialDate,
    Proposer,
    Provision,
    Signature,
    SourceText,
)

from govkg.errors import ParseError
from govkg.vn.text import pattern_fold

__all__ = ["MAX_PROVISIONS", "label_end", "normalize_doc_number", "parse", "parse_citations", "parse_file"]

#: The most provisions one document may hold. The largest codes have some ten thousand;
#: beyond this the input is not a charter, and the cap bounds the work on hostile input.
MAX_PROVISIONS = 50_000


# --------------------------------------------------------------------------------------
# Folding: a length- and case-preserving accent fold, so that regexes can be written in
# ASCII and their match offsets still index the original text (govkg.vn.text.pattern_fold).
# --------------------------------------------------------------------------------------
_fold = pattern_fold

_WS_RE = re.compile(r"\s+")


def _clean(s: str) -> str:
    """Collapse whitespace and drop Markdown emphasis left over by conversion."""
    return " ".join(s.replace("*", "").split())


def _is_caps(s: str) -> bool:
    """All cased letters upper case, and at least one of them."""
    return s.upper() == s and s.lower() != s


# --------------------------------------------------------------------------------------
# Document numbers and citations (public: the extractor reuses them inside articles).
# --------------------------------------------------------------------------------------

_MIXED_CASE_CODES = {"TTG": "TTg", "TTR": "TTr"}
_NUM_SEP_RE = re.compile(r"([/-])")
_NUM_REPEAT_SEP_RE = re.compile(r"([/-])[/-]+")


def normalize_doc_number(raw: str) -> str:
    """Normalise a document number so that one act written differently compares equal.

    The rule: whitespace (including line breaks) is removed; en/em dashes become
    ``-``; letters are upper-cased (``đ`` → ``Đ``) except the two mixed-case codes
    of the official notation, ``TTg`` (Thủ tướng) and ``TTr`` (Tờ trình); the
    separators ``/`` and ``-`` are kept as written (``11/NQ/CP`` stays distinct from
    ``11/NQ-CP``) but a run of them collapses to its first; leading zeros are kept;
    surrounding punctuation is dropped.

    Parameters
    ----------
    raw
        The number as written, e.g. ``"57- NQ/TW"``.

    Returns
    -------
    str
        The normalised number.

    Examples
    --------

    >>> normalize_doc_number("57- NQ/TW")
    '57-NQ/TW'
    >>> normalize_doc_number("57-\\nNQ/TW")
    '57-NQ/TW'
    >>> normalize_doc_number("06/qđ-ttg")
    '06/QĐ-TTg'
    >>> normalize_doc_number("11/NQ/CP")
    '11/NQ/CP'
    >>> normalize_doc_number(" 269/2025/NĐ–CP, ")
    '269/2025/NĐ-CP'
    """
    s = _WS_RE.sub("", raw)
    for dash in "–—−‐‑":
        s = s.replace(dash, "-")
    s = s.strip(".,;:()[]")
    s = _NUM_REPEAT_SEP_RE.sub(r"\1", s)
    pieces = _NUM_SEP_RE.split(s)
    out = []
    for piece in pieces:
        if piece in ("/", "-"):
            out.append(piece)
        else:
            up = piece.upper()
            out.append(_MIXED_CASE_CODES.get(up, up))
    return "".join(out)


# doc types as they are cited, folded (first letter upper) → canonical name
_CITE_TYPES: tuple[tuple[str, str], ...] = (
    ("Nghi quyet lien tich", "Nghị quyết liên tịch"),
    ("Thong tu lien tich", "Thông tư liên tịch"),
    ("Nghi dinh", "Nghị định"),
    ("Nghi quyet", "Nghị quyết"),
    ("Quyet dinh", "Quyết định"),
    ("Thong tu", "Thông tư"),
    ("Chi thi", "Chỉ thị"),
    ("Ket luan", "Kết luận"),
    ("Quy che", "Quy chế"),
    ("Quy dinh", "Quy định"),
    ("Dieu le", "Điều lệ"),
    ("Hien phap", "Hiến pháp"),
    ("Ke hoach", "Kế hoạch"),
    ("Bo luat", "Bộ luật"),
    ("Luat", "Luật"),
    ("Phap lenh", "Pháp lệnh"),
    ("Thong bao", "Thông báo"),
    ("Huong dan", "Hướng dẫn"),
    ("Cong van", "Công văn"),
    ("To trinh", "Tờ trình"),
    ("Chuong trinh", "Chương trình"),
    ("De an", "Đề án"),
)
_CITE_CANON = {k.lower(): v for k, v in _CITE_TYPES}
# acts cited by name without number (a Luật has no number in the usual citation)
_NAMED_ACTS = {"Luật", "Bộ luật", "Hiến pháp", "Điều lệ", "Pháp lệnh"}
_TYPE_ALT = "|".join(k for k, _ in _CITE_TYPES)
_TYPE_ALT_LOWER = "|".join(k[0].lower() + k[1:] for k, _ in _CITE_TYPES)
# Title-case doc type anywhere; lower-case only when "số <digit>" follows.
_CITE_RE = re.compile(
    rf"(?<![A-Za-z])(?:({_TYPE_ALT})|({_TYPE_ALT_LOWER})(?=\s{{1,3}}so\s{{0,3}}:?\s{{0,3}}\d))(?![A-Za-z])"
)
_CITE_START_RE = re.compile(rf"(?:{_TYPE_ALT}|{_TYPE_ALT_LOWER})(?![A-Za-z])")
_SO_RE = re.compile(r"\s{0,4}(?:so|So|SO)(?![A-Za-z])\s{0,4}:?\s{0,4}")
_NUM_RE = re.compile(
    r"(?:\d{1,6}[a-zA-Z]?|[._]{0,12})"
    r"(?:\s{0,3}[/-]\s{0,3}(?:\d{4}(?![0-9])|[A-Z]{2,12}[A-Za-z0-9&]{0,10})"
    # a code typed in lower case ("qđ-ttg") only when glued to its separator
    r"|[/-][a-z]{2,12}(?![A-Za-z])){1,6}"
)
_DATE_RE = re.compile(
    r"(?<![A-Za-z])[Nn]gay[ \t\n]{0,4}(?:(\d{1,2})|[._ \t]{0,12})[ \t\n]{0,4}(?:"
    r"[Tt]hang[ \t\n]{0,4}(?:(\d{1,2})|[._ \t]{0,12})[ \t\n]{0,4}[Nn]am[ \t\n]{0,4}(\d{4})"
    r"|[/-][ \t]{0,2}(\d{1,2})?[ \t]{0,2}[/-][ \t]{0,2}(\d{4}))"
)
_LEAD_SEP_RE = re.compile(r"[\s,]{0,6}")
_SPACES_RE = re.compile(r"\s{0,4}")
_CUA_RE = re.compile(r"[\s,]{0,6}cua\s{1,4}")
_TITLE_MARK_RE = re.compile(
    r"(?<=[\s,])(ve viec|[Vv]/v|phe duyet|ban hanh|thanh lap|kien toan|sua doi|hop nhat|"
    r"quy dinh|huong dan|ve)(?![A-Za-z])"
)
_COMMITTEE_HEADS = (
    "ban chi dao",
    "truong ban chi dao",
    "pho truong ban",
    "bcd",
    "to cong tac",
    "to giup viec",
    "hoi dong",
    "ban chi dao",
)
_NAME_END_RE = re.compile(r"[,;.()]|\s(?:va|ngay|so|cua|nam|tai|theo|de|duoc|nay)(?![A-Za-z])")
_CLAUSE_END_RE = re.compile(r";|\./\.|\.(?=\s+[A-Z]|\s*$)|\n\s*\n")
_YEAR_TAIL_RE = re.compile(r"nam\s(\d{4})\s*$")
_CITE_WINDOW = 800  # an inline citation is never longer; bounds the work on pathological text
_NAME_WINDOW = 250  # nor is the name of a Luật
_LEAD_WORDS_RE = re.compile(r"(?:(?:va|cac|Can cu|can cu)\s{1,4}){0,4}")
_PROPOSER_CUA_RE = re.compile(r"cua\s{1,4}")
_PROPOSER_LINK_RE = re.compile(r"(?:,?\s{0,4}(?:tai|theo|kem theo))?[\s,]{0,6}$")


def _date_from_match(m: re.Match[str]) -> PartialDate:
    if m.group(3):
        day, month, year = m.group(1), m.group(2), m.group(3)
    else:
        day, month, year = m.group(1), m.group(4), m.group(5)
    d = int(day) if day else None
    mo = int(month) if month else None
    if mo is not None and not 1 <= mo <= 12:
        mo = None
    if d is not None and not 1 <= d <= 31:
        d = None
    return PartialDate(int(year), mo, d if mo else None)


def _strip_span(text: str, s: int, e: int, chars: str = " \t\r\n;,.:") -> tuple[int, int]:
    while s < e and text[s] in chars:
        s += 1
    while e > s and text[e - 1] in chars:
        e -= 1
    return s, e


def _cite_at(
    text: str, ftext: str, pos: int, limit: int, *, base: bool, offset: int, ref: str = ""
) -> Citation | None:
    """The citation whose doc-type word starts at ``pos`` and which ends by ``limit``.

    ``base`` (a legal basis or an attachment line) keeps unnumbered, undated acts and
    takes their whole text as the title; inline, only numbered, dated or named acts count.
    """
    m = _CITE_START_RE.match(ftext, pos)
    if m is None:
        return None
    key = ftext[pos : m.end()].lower()
    doc_type = _CITE_CANON.get(key)
    p = m.end()
    number_raw: str | None = None
    has_so = False
    sm = _SO_RE.match(ftext, p, limit)
    if sm:
        has_so = True
        q = sm.end()
    else:
        q = _SPACES_RE.match(ftext, p, limit).end()
    nm = _NUM_RE.match(ftext, q, limit)
    if nm and nm.end() > q:
        raw = text[nm.start() : nm.end()].strip()
        if raw[:1].isdigit() or has_so:
            number_raw = raw
            p = nm.end()
    issued_on: PartialDate | None = None
    issuer: str | None = None
    title: str | None = None
    if number_raw is None and (base or doc_type in _NAMED_ACTS):
        # a named act: its name runs to the date (or, inline, to the first function word)
        if not base:
            if not ftext[p : p + 2].strip()[:1].isupper():
                return None
            nm_end = _NAME_END_RE.search(ftext, p, min(limit, p + _NAME_WINDOW))
            name_end = nm_end.start() if nm_end else min(limit, p + _NAME_WINDOW)
        else:
            dm = _DATE_RE.search(ftext, p, limit)
            name_end = dm.start() if dm else limit
        s, e = _strip_span(text, pos, name_end)
        title = _clean(text[s:e])
        if not base:
            limit = name_end
        dm = _DATE_RE.match(ftext, _LEAD_SEP_RE.match(ftext, name_end).end(), limit)
        if dm:
            issued_on = _date_from_match(dm)
            p = dm.end()
            if not base:
                limit = dm.end()
        else:
            ym = _YEAR_TAIL_RE.search(ftext, max(pos, name_end - 12), name_end)
            if ym:
                issued_on = PartialDate(int(ym.group(1)))
            p = name_end
    elif number_raw is None and not has_so:
        # unnumbered, unnamed, inline: only a dated mention counts ("Kế hoạch ngày …")
        dm = _DATE_RE.match(ftext, _LEAD_SEP_RE.match(ftext, p).end(), limit)
        if dm is None:
            return None
    # date, issuer, title, in the usual order: "[,] ngày … của … về …"
    dm = _DATE_RE.match(ftext, _LEAD_SEP_RE.match(ftext, p).end(), limit)
    if dm:
        issued_on = _date_from_match(dm)
        p = dm.end()
    cm = _CUA_RE.match(ftext, p, limit)
    if cm and title is None:
        istart = cm.end()
        head = ftext[istart : istart + 24].lower()
        skip_ve = head.startswith(_COMMITTEE_HEADS)
        tstart = limit
        for tm in _TITLE_MARK_RE.finditer(ftext, istart, limit):
            if tm.group(1) == "ve" and skip_ve:
                skip_ve = False
                continue
            tstart = tm.start()
            break
        iend = tstart
        dm2 = _DATE_RE.search(ftext, istart, iend)
        if dm2:
            iend = dm2.start()
            if issued_on is None:
                issued_on = _date_from_match(dm2)
        s, e = _strip_span(text, istart, iend)
        issuer = _clean(text[s:e]) or None
        p = tstart
    if title is None:
        s, e = _strip_span(text, p, limit, " \t\r\n;,.:-–")
        title = _clean(text[s:e]) or None
    s, e = _strip_span(text, pos, limit)
    number = None
    if number_raw is not None:
        number_raw = _WS_RE.sub(" ", number_raw)
        if number_raw[:1].isdigit():
            number = normalize_doc_number(number_raw)
    return Citation(
        doc_type=doc_type,
        number=number,
        number_raw=number_raw,
        issuer=issuer,
        issued_on=issued_on,
        title=title,
        text=text[s:e],
        start=s + offset,
        end=e + offset,
        ref=ref,
    )


def parse_citations(text: str, start_offset: int = 0) -> list[Citation]:
    """Every act cited in ``text``: numbered, dated or named (Luật, Điều lệ, …) mentions.

    Parameters
    ----------
    text
        Any text, e.g. a provision's ``text``.
    start_offset
        Added to every offset, so that passing a provision's ``start`` gives offsets
        into the source.

    Returns
    -------
    list of Citation
        In order of appearance. A citation runs from its doc-type word to the end of its
        clause (``;`` or the sentence end); one nested in another's title is returned
        too. ``number`` is normalised by :func:`normalize_doc_number`; ``issuer`` is the
        "của …" text; ``title`` the "về …"/"phê duyệt …" rest.

    Examples
    --------

    >>> cs = parse_citations("thay thế Quyết định số 01/QĐ-BCĐ ngày 05/8/2025 của Ban Chỉ đạo phường X.", 100)
    >>> c = cs[0]
    >>> c.doc_type, c.number, c.issued_on.iso, c.issuer, c.start
    ('Quyết định', '01/QĐ-BCĐ', '2025-08-05', 'Ban Chỉ đạo phường X', 109)
    >>> [c.title for c in parse_citations("theo quy định của Luật Ngân sách nhà nước và các văn bản hướng dẫn.")]
    ['Luật Ngân sách nhà nước']
    >>> parse_citations("Quy chế này áp dụng đối với các thành viên.")
    []
    """
    ftext = _fold(text)
    out: list[Citation] = []
    # clause ends found in one pass, then looked up: no rescanning per citation
    ends = [m.start() for m in _CLAUSE_END_RE.finditer(ftext)]
    for m in _CITE_RE.finditer(ftext):
        k = bisect.bisect_left(ends, m.end())
        limit = min(ends[k] if k < len(ends) else len(ftext), m.start() + _CITE_WINDOW)
        c = _cite_at(text, ftext, m.start(), limit, base=False, offset=start_offset)
        if c is not None:
            out.append(c)
    return out


# --------------------------------------------------------------------------------------
# Line classification
# --------------------------------------------------------------------------------------


class _K(StrEnum):
    """Line kinds."""

    ART = "article"
    CHAP = "chapter"
    SEC = "section"
    RSEC = "roman-section"
    CLAUSE = "clause"
    POINT = "point"
    BULLET = "bullet"
    NOINHAN = "noi-nhan"
    AUTH = "authority"
    MOTTO = "motto"
    SLOGAN = "slogan"
    SO = "so"
    PLACEDATE = "place-date"
    DOCTITLE = "doc-title"
    FORMULA = "formula"
    ATTACHED = "attached"
    CANCU = "can-cu"
    PROPOSER = "proposer"
    CAPS = "caps"
    SEP = "separator"
    TEXT = "text"


_ART_RE = re.compile(r"(?:Dieu|DIEU)[ \t]*(\d{1,3})[ \t]*(?:[.:)-][ \t]*|$)")
_CHAP_RE = re.compile(r"(?:Chuong|CHUONG)[ \t]+([IVXLC]{1,7}|\d{1,3})(?![A-Za-z0-9])[ \t]*([.:-])?[ \t]*")
_SEC_RE = re.compile(r"(?:Muc|MUC)[ \t]+(\d{1,3}|[IVXLC]{1,7})(?![A-Za-z0-9])[ \t]*([.:-])?[ \t]*")
_RSEC_RE = re.compile(r"([IVXLC]{1,7})[ \t]*[.)-][ \t]*(?=\S)")
_CLAUSE_RE = re.compile(
    r"(\d{1,2}(?:\.\d{1,2}){0,2})(?:\.(?:[ \t]+|(?=[A-Z]))|[ \t]?-[ \t]+|\)[ \t]*)(?=\S)"
    r"|(\d{1,2}(?:\.\d{1,2}){1,2})[ \t]+(?=[A-Z])"
)
_POINT_RE = re.compile(r"([a-zđ])(?:\)[ \t]*|[.-][ \t]+)(?=\S)")  # "a)" and, in some offices, "a." or "a-"
_BULLET_RE = re.compile(r"([-–—−•+])(?:[ \t]+|(?=[^\W\d_]))(?=\S)")
_DASHES = dict.fromkeys("–—−", "-")  # typists mix the dashes of one list
_NOINHAN_RE = re.compile(r"(?i:noi[ \t]*nhan)(?![A-Za-z])")
_AUTH_RE = re.compile(r"(?:T/M|K/T|T/L|TM|KT|TL|TUQ|Q)[ \t]*[.:]?[ \t]+(?=[A-Z])")
_MOTTO_RE = re.compile(r"CONG HOA XA HOI CHU NGHIA VIET NAM|^DANG CONG SAN VIET NAM$")
_SLOGAN_RE = re.compile(r"(?i)doc lap\s*-\s*tu do\s*-\s*hanh phuc")
_SO_LINE_RE = re.compile(r"(?:So|SO)[ \t]*[:.]?[ \t]*([\d._ \t]{0,20}[/-][^\s]{1,40})[ \t]*$")
_PLACE_RE = re.compile(r"(?:([^,\d;:()]{1,60}),[ \t]*)?(?=[Nn]gay(?![A-Za-z]))")
_DOCTITLE_RE = re.compile(
    r"(QUYET DINH|QUY CHE|QUY DINH|KE HOACH|HUONG DAN|THONG BAO|NGHI QUYET|CHI THI|DIEU LE|"
    r"CHUONG TRINH|DE AN|QUY TRINH|NOI QUY|KET LUAN)(?![A-Z0-9])"
)
_DOCTITLE_INFO: dict[str, tuple[str, str, str]] = {
    # folded caps → (doc type, part kind, slug)
    "QUYET DINH": ("Quyết định", "decision", "quyet-dinh"),
    "QUY CHE": ("Quy chế", "regulation", "quy-che"),
    "QUY DINH": ("Quy định", "regulation", "quy-dinh"),
    "KE HOACH": ("Kế hoạch", "regulation", "ke-hoach"),
    "HUONG DAN": ("Hướng dẫn", "regulation", "huong-dan"),
    "THONG BAO": ("Thông báo", "decision", "thong-bao"),
    "NGHI QUYET": ("Nghị quyết", "decision", "nghi-quyet"),
    "CHI THI": ("Chỉ thị", "decision", "chi-thi"),
    "DIEU LE": ("Điều lệ", "regulation", "dieu-le"),
    "CHUONG TRINH": ("Chương trình", "regulation", "chuong-trinh"),
    "DE AN": ("Đề án", "regulation", "de-an"),
    "QUY TRINH": ("Quy trình", "regulation", "quy-trinh"),
    "NOI QUY": ("Nội quy", "regulation", "noi-quy"),
    "KET LUAN": ("Kết luận", "decision", "ket-luan"),
}
_KIND_SLUG = {dt: (kind, slug) for dt, kind, slug in _DOCTITLE_INFO.values()}
_ATTACHED_RE = re.compile(r"\([ \t]*(?:[Bb]an hanh[ \t]+)?(?:[Kk]em theo|KEM THEO)(?![A-Za-z])")
_CANCU_RE = re.compile(r"(?:[-+•][ \t]*)?(?:Can cu|CAN CU)(?![A-Za-z])(?:[ \t]+vao(?![A-Za-z]))?[ \t]*")
_PROPOSER_RE = re.compile(
    r"(?:[-+•][ \t]*)?(?:Theo|Xet|THEO|XET)[ \t]+(?:de nghi|de xuat|De nghi|DE NGHI)(?![A-Za-z])[ \t]*"
)
_HEADERISH_RE = re.compile(
    r"CONG HOA XA HOI|DANG CONG SAN|(?i:doc lap)|(?:So|SO)[ \t]*[:.]?[ \t]*[\d._ ]{0,20}[/-]|"
    r"[^,\d]{1,60},[ \t]*ngay|(?i:noi nhan)"
)
_CONNECTOR_END_RE = re.compile(r"(?:,|-|\b(?:VA|VE|CUA|TINH|VA CAC))$")
_TERMINAL_CHARS = ".;:!?)\"”'…"


def _to_roman(n: int) -> str:
    out = []
    for v, sym in (
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ):
        while n >= v:
            out.append(sym)
            n -= v
    return "".join(out)


# every well-formed numeral a heading can carry; malformed ones ("IIII", "VX") are absent
_ROMAN_VALUES = {_to_roman(i): i for i in range(1, 400)}


def _roman(s: str) -> int | None:
    """
    >>> _roman("IV"), _roman("XIV"), _roman("IIII")
    (4, 14, None)
    """
    return _ROMAN_VALUES.get(s)


@dataclass(slots=True)
class _Line:
    start: int
    end: int
    clean: str
    fold: str
    kind: _K = _K.TEXT
    data: tuple = ()
    chtitle: bool = False  # consumed as a chapter's title


def _classify(ln: _Line) -> None:
    """Set ``ln.kind``/``ln.data``; cheap first-character guards keep this near O(1) per line."""
    c, f = ln.clean, ln.fold
    c0 = f[:1]
    # the commonest lines first: clauses, points, plain sentences
    if c0.isdigit():
        if m := _CLAUSE_RE.match(f):
            ln.kind, ln.data = _K.CLAUSE, (m.group(1) or m.group(2),)
        return
    if (c[1:2] == ")" or c[1:3] in (". ", ".\t", "- ", "-\t")) and (m := _POINT_RE.match(c)):
        ln.kind, ln.data = _K.POINT, (m.group(1),)
        return
    if c0.islower():
        return  # TEXT: a line starting in lower case is never a heading
    if c0 in ("D", "C", "M"):
        if c0 == "D" and (m := _ART_RE.match(f)):
            ln.kind, ln.data = _K.ART, (int(m.group(1)), c[m.end() :].strip(), "dieu", m.group(1))
            return
        for kind, rx in ((_K.CHAP, _CHAP_RE), (_K.SEC, _SEC_RE)):
            if m := rx.match(f):
                rest = c[m.end() :].strip()
                label = m.group(1)
                value = int(label) if label.isdigit() else _roman(label)
                if value and (not rest or m.group(2) or _is_caps(rest)):
                    ln.kind, ln.data = kind, (label, value, rest)
                    return
    if c0 in ("N", "n") and _NOINHAN_RE.match(f):
        ln.kind = _K.NOINHAN
        return
    short = len(c) < 120
    caps = _is_caps(c) if short else False
    if caps and c0 in ("T", "K", "Q") and _AUTH_RE.match(f):
        ln.kind = _K.AUTH
        return
    if caps and len(c) < 80 and "VIET NAM" in f and _MOTTO_RE.search(f):
        ln.kind = _K.MOTTO
        return
    if len(c) < 60 and "ap" in f and _SLOGAN_RE.search(f):
        ln.kind = _K.SLOGAN
        return
    if c0 == "S" and len(c) < 70 and (m := _SO_LINE_RE.match(f)):
        ln.kind, ln.data = _K.SO, (c[m.start(1) : m.end(1)].strip(),)
        return
    if short and "gay" in f and (m := _PLACE_RE.match(f)):
        dm = _DATE_RE.match(f, m.end())
        if dm and len(f) - dm.end() < 4:
            place = c[m.start(1) : m.end(1)].strip(" .…_") if m.group(1) else ""
            ln.kind, ln.data = _K.PLACEDATE, (place or None, _date_from_match(dm))
            return
    if c0 == "(" and _ATTACHED_RE.match(f):
        ln.kind = _K.ATTACHED
        return
    if c0 in ("C", "-", "+", "•") and _CANCU_RE.match(f):
        ln.kind = _K.CANCU
        return
    if c0 in ("T", "X", "-", "+", "•") and _PROPOSER_RE.match(f):
        ln.kind = _K.PROPOSER
        return
    if c0 in ("-", "•", "+") and (m := _BULLET_RE.match(c)):
        ln.kind, ln.data = _K.BULLET, (_DASHES.get(m.group(1), m.group(1)),)
        return
    if not c[0].isalnum() and not any(ch.isalnum() for ch in c[:200]):
        ln.kind = _K.SEP
        return
    if caps or (not short and _is_caps(c)):
        if c.endswith(":"):
            ln.kind = _K.FORMULA
            return
        if (m := _DOCTITLE_RE.match(f)) and len(c) <= 160:
            extra = c[m.end() :].strip(" .:-")
            if not extra[:1].isdigit():
                ln.kind, ln.data = _K.DOCTITLE, (m.group(1), extra)
                return
        if m := _RSEC_RE.match(f):
            value = _roman(m.group(1))
            if value:
                ln.kind, ln.data = _K.RSEC, (m.group(1), value, c[m.end() :].strip())
                return
        ln.kind = _K.CAPS


# a provision's label at the start of its text, in every style of the genre's copies
_LABEL_RE = re.compile(
    r"[ \t]*(?:(?:Điều|ĐIỀU|Dieu|DIEU)[ \t]+\d{1,3}[a-zđ]?[ \t]*(?:[.:)]|[ \t]?[-–])?"
    r"|\d{1,2}(?:\.\d{1,2}){0,2}[ \t]*(?:[.)]|-(?=[ \t]))|[a-zđ](?:\)|[.-](?=[ \t]))|[-–—−+•])[ \t]*"
)


def label_end(text: str) -> int:
    """Where a provision's own words start, after its label: ``Điều 1.``/``Điều 1:``/``Điều 1 -``,
    a clause ``1.``/``1-``/``1)``/``2.1-``, a point ``a)``/``a.``/``a-``, a bullet ``-``/``+``/``•``
    (0 when the text has none, as a plain paragraph).

    >>> [label_end(t) for t in ("a- Trưởng Ban;", "2.1- Ban Chỉ đạo", "• Thư ký", "Điều 3 - Hiệu lực", "Ban Chỉ đạo")]
    [3, 5, 2, 9, 0]
    """
    m = _LABEL_RE.match(text)
    return m.end() if m else 0


def _starts_lower(s: str) -> bool:
    return s[:1].islower()


def _ends_terminal(s: str) -> bool:
    return s[-1:] in _TERMINAL_CHARS if s else True


# --------------------------------------------------------------------------------------
# Signature helpers
# --------------------------------------------------------------------------------------

_SIG_TITLE_WORDS = (
    "TRƯỞNG",
    "PHÓ",
    "CHỦ TỊCH",
    "BÍ THƯ",
    "GIÁM ĐỐC",
    "THỦ TRƯỞNG",
    "CHÁNH VĂN PHÒNG",
    "TỔNG",
    "BỘ TRƯỞNG",
    "THƯ KÝ",
    "THƯ KÍ",
    "ỦY VIÊN",
    "UỶ VIÊN",
    "KIÊM",
    "THỨ TRƯỞNG",
    "CỤC TRƯỞNG",
)
_NON_NAME_WORDS = frozenset(
    "TRƯỞNG PHÓ CHỦ TỊCH BÍ THƯ GIÁM ĐỐC BAN ỦY UỶ UBND HĐND BCĐ SỞ BỘ TỈNH PHƯỜNG XÃ HUYỆN "
    "QUẬN THÀNH PHỐ ĐẢNG CÔNG AN VĂN PHÒNG KIÊM KÝ KÍ VIÊN HỘI ĐỒNG TM KT TL TUQ NHÂN DÂN "
    "CHỈ ĐẠO THƯỜNG TRỰC VỤ ĐỘC LẬP".split()
)


def _is_sig_title(clean: str) -> bool:
    up = clean.upper()
    return up.startswith(_SIG_TITLE_WORDS) or up == "KIÊM"


def _is_name(clean: str) -> bool:
    """A person's name: 2–6 alphabetic words, all capitalised or all upper case."""
    words = clean.split()
    if not 2 <= len(words) <= 6 or not all(w.isalpha() for w in words):
        return False
    if all(w.isupper() for w in words):
        return not any(w in _NON_NAME_WORDS for w in words)
    return all(w[0].isupper() and (len(w) == 1 or w[1:].islower()) for w in words)


def _name_case(name: str) -> str:
    if name.isupper():
        return " ".join(w[:1] + w[1:].lower() for w in name.split())
    return name


# --------------------------------------------------------------------------------------
# The provision tree under construction
# --------------------------------------------------------------------------------------


@dataclass(slots=True)
class _Node:
    kind: str
    label: str
    title: str
    start: int
    end: int
    ref: str
    human: str
    level: int = 0  # bullets: their depth in the list
    marker: str = ""  # bullets: "-", "+", "•" …
    extended: bool = False  # a wrapped line continued its first line
    first: str = ""  # its first line's text after the marker
    children: list[_Node] = field(default_factory=list)
    counters: dict[str, int] = field(default_factory=dict)
    used: set[str] = field(default_factory=set)
    last_clause: int = 0
    style: str = "dieu"  # an article's numbering: dieu | roman | item | opening

    def next_count(self, kind: str) -> int:
        n = self.counters.get(kind, 0) + 1
        self.counters[kind] = n
        return n

    def freeze(self, text: str) -> Provision:
        kids = tuple(c.freeze(text) for c in self.children)
        end = max([self.end, *(k.end for k in kids)])
        return Provision(
            kind=self.kind,
            label=self.label,
            title=self.title,
            text=text[self.start : end],
            start=self.start,
            end=end,
            ref=self.ref,
            human=self.human,
            children=kids,
        )


# a sentence ends at . ! ? before a capital ("TP. Hải Phòng" is an abbreviation, not an end)
_SENTENCE_END_RE = re.compile(r"(?<!\bTP)(?<!\bTp)[.!?](?=\s+[A-Z])")


def _first_sentence(clean: str) -> str:
    """A heading's title: the text up to its first sentence end, without end punctuation.

    >>> _first_sentence("Các thành viên thực hiện Quy chế. Văn phòng theo dõi.")
    'Các thành viên thực hiện Quy chế'
    """
    m = _SENTENCE_END_RE.search(_fold(clean))
    head = clean[: m.start()] if m else clean
    return head.rstrip(" ./;:").strip()


# --------------------------------------------------------------------------------------
# The parser
# --------------------------------------------------------------------------------------

# a notice's "I. ĐÁNH GIÁ CHUNG", a Party document's "1- Vị trí, chức năng" (folded, at a line start)
_NUMBERED_UNIT_RE = re.compile(r"(?m)^[ \t*]{0,8}(?:[IVX]{1,4}[ \t]*[.)-][ \t]*[A-Z]|1[ \t]?[-.)][ \t]+[A-Z])")
# how a title in capitals opens (folded): what the act does, or what it is about
_CAPS_TITLE_START_RE = re.compile(
    r"(?:VE VIEC|VE|BAN HANH|THANH LAP|KIEN TOAN|CUNG CO|SUA DOI|BO SUNG|HOAT DONG|TO CHUC VA HOAT DONG|"
    r"LAM VIEC|CHUC NANG|KET LUAN|PHAN CONG|QUY DINH|QUY CHE|PHE DUYET|GIAO)\b"
)
# an issuer line under a title: a post or a body ("BỘ TRƯỞNG BỘ …", "TRƯỞNG BAN CHỈ ĐẠO …", "ỦY BAN …")
_ISSUER_START_RE = re.compile(
    r"(?:BO TRUONG|THU TUONG|TRUONG BAN|CHU TICH|GIAM DOC|CHANH|VU TRUONG|CUC TRUONG|BI THU|UY BAN|"
    r"UBND|BAN CHAP HANH|BAN THUONG VU|BO CHINH TRI|BAN BI THU|DANG UY|HOI DONG NHAN DAN|CHINH PHU)\b"
)
_ANY_ARTICLE_RE = re.compile(r"(?m)^[ \t*]{0,8}(?:Dieu|DIEU)[ \t]{0,8}\d{1,3}[ \t]*(?:[.:)-]|\**[ \t]*$)")
_INLINE_ITEM_RE = re.compile(r"(?:^|\s)[-–+]\s+")
_HTML_RE = re.compile(r"<\s*(?:!doctype|html|head|body|div|p|table|span)\b", re.IGNORECASE)
# how a finished text may end (closing quotes and brackets after the stop included)
_COMPLETE_END = frozenset(".!?…)]”\"'»/")


class _Parser:
    def __init__(self, source: SourceText, *, strict: bool = False):
        self.src = source
        self.strict = strict
        self.text = source.text
        self.path = source.path
        self.ftext = _fold(self.text)
        self.lines: list[_Line] = []
        self.refs: set[str] = set()
        self.repeats: dict[str, int] = {}

    def fail(self, reason: str) -> ParseError:
        return ParseError(reason, path=self.path)

    # ---- lines ---------------------------------------------------------------------

    def _split_lines(self) -> None:
        text, ftext, pos = self.text, self.ftext, 0
        append = self.lines.append
        for seg in text.split("\n"):
            size = len(seg)
            if seg and not seg.isspace():
                cells = [(pos, seg)]
                if (
                    "|" in seg
                    and size < 400
                    and (
                        _HEADERISH_RE.search(_fold(seg))
                        or any(_is_caps(x.replace("*", "")) for x in seg.split("|") if x.strip())
                    )
                ):
                    cells, off = [], pos
                    for part in seg.split("|"):
                        cells.append((off, part))
                        off += len(part) + 1
                for cstart, cseg in cells:
                    stripped = cseg.strip()
                    if not stripped:
                        continue
                    s = cstart + (len(cseg) - len(cseg.lstrip())) if cseg[0].isspace() else cstart
                    e = s + len(stripped)
                    if "*" in stripped or "  " in stripped or "\t" in stripped or "\r" in stripped:
                        clean = " ".join(stripped.replace("*", "").split())
                        if not clean:
                            continue
                        # the fold is length-preserving and leaves spaces and '*' alone, so
                        # cleaning the folded slice equals folding the cleaned one
                        fold = " ".join(ftext[s:e].replace("*", "").split())
                    else:
                        clean, fold = stripped, ftext[s:e]
                    ln = _Line(s, e, clean, fold)
                    _classify(ln)
                    append(ln)
            pos += size + 1
        self._mark_chapter_titles()

    def _mark_chapter_titles(self) -> None:
        lines = self.lines
        for i, ln in enumerate(lines):
            if ln.kind in (_K.ART, _K.SEC, _K.RSEC):
                self._mark_heading_run(i)
            if ln.kind not in (_K.CHAP, _K.SEC, _K.RSEC):
                continue
            inline = ln.data[2]
            if ln.kind == _K.RSEC:
                # "II- TỔ CHỨC" / "BỘ MÁY": a caps title cut over lines (a copy's bold or wrap)
                j = i + 1
                while j < len(lines) and j - i <= 3 and lines[j].kind == _K.CAPS and len(lines[j].clean) <= 150:
                    if _is_sig_title(lines[j].clean):
                        break
                    lines[j].chtitle = True
                    j += 1
                continue
            j = i + 1
            taken = 0
            while j < len(lines) and taken < 3:
                nxt = lines[j]
                if nxt.kind in (
                    _K.ART,
                    _K.CHAP,
                    _K.SEC,
                    _K.NOINHAN,
                    _K.AUTH,
                    _K.CLAUSE,
                    _K.POINT,
                    _K.BULLET,
                    _K.ATTACHED,
                ):
                    break
                if taken == 0 and not inline:
                    # the title on the next line, in caps or not ("Chương I" / "Những quy định chung")
                    if len(nxt.clean) > 200 or (not _is_caps(nxt.clean) and nxt.clean.endswith(".")):
                        break
                elif not _is_caps(nxt.clean):
                    break
                nxt.chtitle = True
                taken += 1
                j += 1

    def _mark_heading_run(self, k: int) -> None:
        """An unnumbered caps heading cut over lines right before the article (or section)
        at ``k`` ("NHIỆM VỤ, QUYỀN" / "HẠN VÀ" / "CHẾ ĐỘ LÀM VIỆC"): its lines after the first
        are the heading's title, like a chapter's. Only inside a body: the run follows text."""
        lines = self.lines
        j = k
        while j > 0 and k - j < 4 and lines[j - 1].kind == _K.CAPS and not lines[j - 1].chtitle:
            if len(lines[j - 1].clean) > 150 or _is_sig_title(lines[j - 1].clean):
                return
            j -= 1
        if k - j < 2 or k - j > 3 or j == 0 or lines[j - 1].kind not in (_K.TEXT, _K.CLAUSE, _K.POINT, _K.BULLET):
            return
        for m in range(j + 1, k):
            lines[m].chtitle = True

    def _chapter_title(self, i: int) -> tuple[str, int]:
        """The title of the chapter/section heading at ``i`` and the index of its last line."""
        parts = [self.lines[i].data[2]] if self.lines[i].data[2] else []
        j = i + 1
        while j < len(self.lines) and self.lines[j].chtitle:
            parts.append(self.lines[j].clean)
            j += 1
        return " ".join(p for p in parts if p), j - 1

    # ---- parts ---------------------------------------------------------------------

    def run(self) -> Document:
        if not self.text.strip():
            raise self.fail("empty text")
        if _HTML_RE.search(self.text[:4096]) and self.text.lstrip()[:1] == "<":
            raise self.fail("looks like HTML, not a charter text")
        has_articles = bool(_ANY_ARTICLE_RE.search(self.ftext))
        if not has_articles and not _NUMBERED_UNIT_RE.search(self.ftext):
            # fail fast, before line work
            raise self.fail("no article (Điều) found, and no numbered sections or items: not a charter")
        self._split_lines()
        arts = [i for i, ln in enumerate(self.lines) if ln.kind == _K.ART]
        if not arts:
            arts = self._units_without_articles()
        if not arts:
            raise self.fail("no article (Điều) found, and no title followed by numbered sections or items: not a charter")
        starts = self._part_starts(arts)
        parts: list[Part] = []
        slugs: dict[str, int] = {}
        bounds = [*starts, len(self.lines)]
        for k in range(len(starts)):
            lo, hi = bounds[k], bounds[k + 1]
            if not any(self.lines[i].kind == _K.ART for i in range(lo, hi)):
                continue
            parts.append(self._part(lo, hi, slugs))
        truncated = self._truncation(parts)
        if truncated and self.strict:
            raise self.fail(truncated)
        return Document(source=self.src, parts=tuple(parts), truncated=truncated)

    def _units_without_articles(self) -> list[int]:
        """Notices and Party documents have no Điều: their units are the Roman-numbered sections
        ("I. ĐÁNH GIÁ CHUNG") or the top-level items ("1- Vị trí, chức năng", "2.1-" inside),
        after a title; a notice's opening paragraph (who met, who chaired) is a unit of its own.

        Lines that become units are turned into article lines with their own ref style, so the
        rest of the parser reads them as it reads articles. Returns the unit line indexes.
        """
        lines = self.lines
        title = next((i for i, ln in enumerate(lines) if ln.kind == _K.DOCTITLE and not ln.chtitle), None)
        if title is None:
            return []
        stop = next((i for i in range(title, len(lines)) if lines[i].kind in (_K.NOINHAN, _K.AUTH)), len(lines))
        romans = [i for i in range(title + 1, stop) if lines[i].kind == _K.RSEC]
        if romans:
            expected = 1
            for i in romans:
                label, value, heading = lines[i].data
                if value != expected:
                    continue  # a Roman numeral out of sequence is text, not a section
                lines[i].kind, lines[i].data = _K.ART, (value, heading, "roman", label)
                expected += 1
        else:
            expected = 1
            for i in range(title + 1, stop):
                ln = lines[i]
                if ln.kind == _K.CLAUSE and ln.data[0] == str(expected):
                    m = _CLAUSE_RE.match(ln.fold)
                    ln.kind, ln.data = _K.ART, (expected, ln.clean[m.end() :].strip() if m else "", "item", str(expected))
                    expected += 1
            if expected <= 2:  # one numbered line is a list, not a document's structure
                for ln in lines[title + 1 : stop]:
                    if ln.kind == _K.ART:
                        ln.kind, ln.data = _K.CLAUSE, (ln.data[3],)
                return []
        units = [i for i in range(title + 1, stop) if lines[i].kind == _K.ART]
        if not units:
            return []
        # the opening paragraph: the first finished sentence between the title and the first unit
        for i in range(title + 1, units[0]):
            ln = lines[i]
            if ln.kind == _K.TEXT and not ln.chtitle and (ln.clean[-1:] in ".:;" or len(ln.clean) > 200):
                if ln.clean.endswith(":") and len(ln.clean) < 200:
                    break  # "… quy định … như sau:": the enacting formula, not an opening
                ln.kind, ln.data = _K.ART, (0, "", "opening", "")
                units.insert(0, i)
                break
        return units

    def _truncation(self, parts: list[Part]) -> str | None:
        """Why the text looks cut off inside its last article (a partial download or copy), or None.

        A charter ends with its closing (recipients, signature) or, for a regulation
        published alone, with a finished sentence; a last body line ending in a word, a
        comma, a colon or a semicolon is a cut. An article heading with its sentence on the
        same line ("Điều 3. Phó Trưởng Ban … chịu trách nhiệm trước") is a body line too.
        """
        if not parts or parts[-1].closing is not None:
            return None
        last = self.lines[-1]
        if last.kind == _K.ART:
            if len(last.data[1]) < 80:
                return None  # a heading-only stub ('Điều 2. Đối tượng') is an outline, not a cut
        elif last.kind not in (_K.TEXT, _K.CLAUSE, _K.POINT, _K.BULLET):
            return None
        tail = last.clean.rstrip(" *_")
        if tail and tail[-1] not in _COMPLETE_END:
            return f"text ends mid-sentence ('…{tail[-40:]}'): truncated file?"
        return None

    def _part_starts(self, arts: list[int]) -> list[int]:
        """Line indexes where parts start: 0, then each title block after a part's articles."""
        lines = self.lines
        n = len(lines)
        starts = [0]
        first_art = arts[0]
        # next article index after each line, for "a part must hold an article"
        next_art = [n] * (n + 1)
        for i in range(n - 1, -1, -1):
            next_art[i] = i if lines[i].kind == _K.ART else next_art[i + 1]
        last_art = -1
        evidence = False  # a closing seen since the last article of the current part
        for i, ln in enumerate(lines):
            if ln.kind == _K.ART:
                last_art = i
                evidence = False
                continue
            if i < first_art:
                continue
            if ln.kind in (_K.NOINHAN, _K.AUTH):
                evidence = True
                continue
            if next_art[i] >= n or last_art < starts[-1]:
                continue  # no article after it, or a boundary already placed since the last one
            if ln.kind == _K.ATTACHED:
                # "(Ban hành kèm theo …)" never opens a line inside an article: a title block
                # whose caps title line is missing; its sentence-case title lines sit above
                t = i
                while (
                    t - 1 > last_art
                    and i - (t - 1) <= 3
                    and lines[t - 1].kind == _K.TEXT
                    and not _is_name(lines[t - 1].clean)
                    and not _ends_terminal(lines[t - 1].clean)
                ):
                    t -= 1
                starts.append(self._masthead_start(t, last_art))
                evidence = False
                continue
            if ln.kind != _K.DOCTITLE or ln.chtitle:
                continue
            near_attached = any(lines[j].kind == _K.ATTACHED for j in range(i + 1, min(n, i + 8)))
            near_motto = any(
                lines[j].kind in (_K.MOTTO, _K.SLOGAN) for j in range(max(last_art + 1, i - 10), i)
            )
            if not (evidence or near_attached or near_motto):
                continue
            starts.append(self._masthead_start(i, last_art))
            evidence = False
        return starts

    def _masthead_start(self, t: int, floor: int) -> int:
        """Walk back from a title line over the new part's masthead (never into a signature)."""
        i = t
        while i - 1 > floor and t - (i - 1) <= 15:
            ln = self.lines[i - 1]
            if ln.kind in (_K.MOTTO, _K.SLOGAN, _K.SO, _K.PLACEDATE, _K.SEP):
                i -= 1
                continue
            if ln.kind == _K.CAPS and not _is_sig_title(ln.clean) and not _is_name(ln.clean):
                i -= 1
                continue
            break
        # a masthead needs a motto, number or date; bare caps lines belong to the signature
        if not any(self.lines[j].kind in (_K.MOTTO, _K.SLOGAN, _K.SO, _K.PLACEDATE) for j in range(i, t)):
            return t
        while i < t and self.lines[i].kind == _K.SEP:
            i += 1
        return i

    def _part(self, lo: int, hi: int, slugs: dict[str, int]) -> Part:
        lines = self.lines
        body_start = self._body_start(lo, hi)
        header_info = self._header(lo, body_start)
        doc_type, kind, slug = header_info["doc_type"], header_info["kind"], header_info["slug"]
        seen = slugs.get(slug, 0)
        slugs[slug] = seen + 1
        if seen:
            slug = f"{slug}-{seen + 1}"
        name = doc_type or "Văn bản"
        last_art = max(i for i in range(body_start, hi) if lines[i].kind == _K.ART)
        closing_start = hi
        for j in range(last_art + 1, hi):
            k = lines[j].kind
            if k in (_K.NOINHAN, _K.AUTH) or (
                k in (_K.CAPS, _K.DOCTITLE, _K.FORMULA, _K.RSEC, _K.MOTTO) and not lines[j].chtitle
            ):
                closing_start = j
                break
        provisions = self._body(body_start, closing_start, slug, name)
        closing = self._closing(closing_start, hi, slug) if closing_start < hi else None
        bases, proposer = self._bases(lo, body_start, slug)
        attached = self._attached(header_info.get("attached"), slug)
        hs = lines[lo].start
        he = header_info["end"] if header_info["end"] is not None else hs
        header = Header(
            issuing_bodies=tuple(header_info["bodies"]),
            motto=header_info["motto"],
            number=header_info["number"],
            number_raw=header_info["number_raw"],
            place=header_info["place"],
            date=header_info["date"],
            doc_type=doc_type,
            title=header_info["title"],
            issuer_line=header_info["issuer"],
            attached_to=attached,
            start=hs,
            end=max(hs, he),
        )
        return Part(
            kind=kind,
            slug=slug,
            name=name,
            header=header,
            bases=tuple(bases),
            proposer=proposer,
            provisions=provisions,
            closing=closing,
            start=lines[lo].start,
            end=lines[hi - 1].end,
        )

    def _body_start(self, lo: int, hi: int) -> int:
        lines = self.lines
        preamble_seen = False
        for i in range(lo, hi):
            ln = lines[i]
            if ln.kind in (_K.ART, _K.CHAP, _K.SEC, _K.RSEC) and not ln.chtitle:
                return i
            if ln.kind in (_K.CANCU, _K.PROPOSER, _K.FORMULA) or (
                ln.kind == _K.TEXT and ln.clean.endswith(":")
            ):
                preamble_seen = True
            if preamble_seen and self._is_heading(i):
                return i
        return hi  # unreachable: every part holds an article

    def _is_heading(self, i: int) -> bool:
        """An unnumbered caps heading: a caps line right before an article or section."""
        ln = self.lines[i]
        if ln.kind not in (_K.CAPS, _K.DOCTITLE) or ln.chtitle or len(ln.clean) > 150:
            return False
        j = i + 1
        while j < len(self.lines) and self.lines[j].chtitle:
            j += 1  # the rest of a heading cut over lines
        return j < len(self.lines) and self.lines[j].kind in (_K.ART, _K.SEC, _K.RSEC)

    # ---- header --------------------------------------------------------------------

    def _header(self, lo: int, hi: int) -> dict:
        lines = self.lines
        info: dict = {
            "bodies": [],
            "motto": None,
            "number": None,
            "number_raw": None,
            "place": None,
            "date": None,
            "doc_type": None,
            "kind": None,
            "slug": None,
            "title": None,
            "issuer": None,
            "attached": None,
            "end": None,
        }
        body_lines: list[_Line] = []
        motto: list[str] = []
        loose: list[_Line] = []  # sentence-case lines before any title line
        i = lo
        title_seen = False
        stop_kinds = (_K.CANCU, _K.PROPOSER)

        def mark(ln: _Line) -> None:
            info["end"] = ln.end if info["end"] is None else max(info["end"], ln.end)

        while i < hi:
            ln = lines[i]
            k = ln.kind
            if k in stop_kinds:
                break
            if k == _K.MOTTO or k == _K.SLOGAN:
                motto.append(ln.clean)
                mark(ln)
            elif k == _K.SO and info["number_raw"] is None:
                raw = ln.data[0]
                info["number_raw"] = raw
                info["number"] = normalize_doc_number(raw) if raw[:1].isdigit() else None
                mark(ln)
            elif k == _K.PLACEDATE and info["date"] is None:
                info["place"], info["date"] = ln.data
                mark(ln)
            elif (
                k == _K.DOCTITLE
                and not title_seen
                and not (body_lines and _CONNECTOR_END_RE.search(_fold(body_lines[-1].clean)))
            ):
                title_seen = True
                dt, kind, slug = _DOCTITLE_INFO[ln.data[0]]
                info["doc_type"], info["kind"], info["slug"] = dt, kind, slug
                mark(ln)
                i, title = self._title_lines(i + 1, hi, ln.data[1])
                info["title"] = title[0]
                if title[1] is not None:
                    mark(title[1])
                continue
            elif k == _K.ATTACHED and info["attached"] is None:
                if not title_seen and loose:
                    self._title_from_text(info, loose)
                    title_seen = True
                    mark(loose[-1])
                j = i
                while j < hi - 1 and j - i < 6 and not lines[j].clean.endswith(")"):
                    j += 1
                info["attached"] = (lines[i].start, lines[j].end)
                mark(lines[j])
                i = j + 1
                continue
            elif k in (_K.CAPS, _K.DOCTITLE) and not title_seen:
                body_lines.append(ln)
                mark(ln)
            elif k in (_K.CAPS, _K.DOCTITLE) and title_seen and info["issuer"] is None:
                j = i
                parts = []
                while j < hi and lines[j].kind in (_K.CAPS, _K.DOCTITLE):
                    parts.append(lines[j].clean)
                    j += 1
                info["issuer"] = " ".join(parts)
                mark(lines[j - 1])
                i = j
                continue
            elif k in (_K.ART, _K.CHAP, _K.SEC, _K.RSEC):
                break
            elif k == _K.TEXT and not title_seen and len(loose) < 5:
                loose.append(ln)
            i += 1
        info["motto"] = "\n".join(motto) or None
        info["bodies"] = self._group_bodies(body_lines)
        if info["doc_type"] is None:
            # no title line: a decision if its enacting formula says so
            if any(
                lines[j].kind == _K.FORMULA and lines[j].fold.startswith("QUYET DINH") for j in range(lo, hi)
            ):
                info["doc_type"], info["kind"], info["slug"] = "Quyết định", "decision", "quyet-dinh"
            else:
                info["kind"], info["slug"] = "decision", "van-ban"
        return info

    @staticmethod
    def _title_from_text(info: dict, loose: list[_Line]) -> None:
        """A title block with no caps type line: "Quy chế hoạt động của …" then "(Kèm theo …)"."""
        title = " ".join(ln.clean for ln in loose)
        info["title"] = title
        m = _CITE_START_RE.match(_fold(title))
        doc_type = _CITE_CANON.get(_fold(title)[: m.end()].lower()) if m else None
        kind, slug = _KIND_SLUG.get(doc_type, ("regulation", "van-ban"))
        info["doc_type"], info["kind"], info["slug"] = doc_type, kind, slug

    def _title_lines(self, i: int, hi: int, inline: str) -> tuple[int, tuple[str | None, _Line | None]]:
        lines = self.lines
        parts: list[str] = []
        last: _Line | None = None
        caps_title = False
        while i < hi and len(parts) < 5:
            ln = lines[i]
            if ln.kind == _K.SEP and parts:
                i += 1
                break
            if ln.kind in (_K.CAPS, _K.DOCTITLE) and (
                (not parts and _CAPS_TITLE_START_RE.match(ln.fold)) or (caps_title and not _ISSUER_START_RE.match(ln.fold))
            ):
                # a title set in capitals ("BAN HÀNH QUY CHẾ HOẠT ĐỘNG CỦA BAN CHỈ ĐẠO NHÀ" /
                # "NƯỚC VỀ DU LỊCH"), not the issuer line ("BỘ TRƯỞNG BỘ …") that follows some titles
                caps_title = True
                parts.append(ln.clean)
                last = ln
                i += 1
                continue
            if caps_title or ln.kind != _K.TEXT or _is_caps(ln.clean):
                break
            if parts and _ends_terminal(parts[-1]) and not _starts_lower(ln.clean):
                break
            if not parts and ln.clean.endswith((";", ".")):
                break
            parts.append(ln.clean)
            last = ln
            i += 1
        title = " ".join(parts) if parts else (inline or None)
        return i, (title, last)

    @staticmethod
    def _group_bodies(body_lines: list[_Line]) -> list[str]:
        heads = (
            "UBND",
            "ỦY BAN",
            "UỶ BAN",
            "HĐND",
            "HỘI ĐỒNG",
            "BAN ",
            "BCĐ",
            "ĐẢNG BỘ",
            "ĐẢNG ỦY",
            "ĐẢNG UỶ",
            "TỈNH ỦY",
            "TỈNH UỶ",
            "THÀNH ỦY",
            "THÀNH UỶ",
            "HUYỆN ỦY",
            "HUYỆN UỶ",
            "QUẬN ỦY",
            "CHI BỘ",
            "SỞ ",
            "BỘ ",
            "CÔNG AN",
            "VĂN PHÒNG",
            "TỔ ",
            "PHÒNG ",
            "TRUNG TÂM",
            "CỤC ",
            "CHÍNH PHỦ",
            "THỦ TƯỚNG",
            "MẶT TRẬN",
            "ĐOÀN ",
            "TRƯỜNG ",
            "CƠ QUAN",
        )
        bodies: list[list[str]] = []
        prev_fold = ""
        for ln in body_lines:
            c = ln.clean
            if bodies and (_CONNECTOR_END_RE.search(prev_fold) or not c.upper().startswith(heads)):
                bodies[-1].append(c)  # a wrapped body name
            else:
                bodies.append([c])
            prev_fold = ln.fold
        return [" ".join(b) for b in bodies]

    def _attached(self, span: tuple[int, int] | None, slug: str) -> Citation | None:
        if span is None:
            return None
        s, e = span
        m = _ATTACHED_RE.match(self.ftext, s)
        p = m.end() if m else s
        p = _LEAD_SEP_RE.match(self.ftext, p).end()
        end = e - 1 if self.text[e - 1] == ")" else e
        return _cite_at(self.text, self.ftext, p, end, base=True, offset=0, ref=f"{slug}/kem-theo")

    # ---- legal bases and proposer -------------------------------------------------------

    def _paragraph(self, i: int, hi: int, terminal: str = _TERMINAL_CHARS) -> int:
        """Index of the last line of the header paragraph starting at ``i`` (rejoins wraps)."""
        lines = self.lines
        j = i
        while j + 1 < hi:
            nxt = lines[j + 1]
            if nxt.kind != _K.TEXT and nxt.kind not in (_K.SO, _K.PLACEDATE):
                break
            if _starts_lower(nxt.clean) or lines[j].clean[-1:] not in terminal:
                j += 1
                continue
            break
        return j

    def _bases(self, lo: int, hi: int, slug: str) -> tuple[list[Citation], Proposer | None]:
        lines = self.lines
        bases: list[Citation] = []
        proposer: Proposer | None = None
        i = lo
        while i < hi:
            ln = lines[i]
            if ln.kind == _K.CANCU:
                j = self._paragraph(i, hi)
                for s, e in self._segments(ln.start, lines[j].end):
                    c = self._base(s, e, f"{slug}/can-cu/{len(bases) + 1}")
                    if c is not None:
                        bases.append(c)
                i = j + 1
                continue
            if ln.kind == _K.PROPOSER and proposer is None:
                # Party style ends the proposer line with a comma: "Xét đề nghị của Ban Tổ chức,"
                j = self._paragraph(i, hi, _TERMINAL_CHARS + ",")
                proposer = self._proposer(ln.start, lines[j].end, f"{slug}/de-nghi")
                i = j + 1
                continue
            i += 1
        return bases, proposer

    def _segments(self, s: int, e: int) -> list[tuple[int, int]]:
        """A Căn cứ paragraph split at top-level ';' into one span per act."""
        f = self.ftext
        m = _CANCU_RE.match(f, s)
        p = m.end() if m else s
        cuts: list[int] = []
        depth = 0
        for sm in re.finditer(r"[;()]", f[p:e]):
            ch = sm.group()
            if ch == "(":
                depth += 1
            elif ch == ")":
                depth = max(0, depth - 1)
            elif depth == 0:
                cuts.append(p + sm.start())
        spans: list[tuple[int, int]] = []
        prev = p
        for cut in [*cuts, e]:
            a, b = _strip_span(self.text, prev, cut)
            prev = cut + 1
            if b <= a:
                continue
            # a piece that names no act continues the previous one ("…; (sau đây gọi là …)")
            lead = _LEAD_SEP_RE.match(f, a).end()
            lead = _LEAD_WORDS_RE.match(f, lead, min(e, lead + 40)).end()
            if spans and not _CITE_START_RE.match(f, lead):
                spans[-1] = (spans[-1][0], b)
            else:
                spans.append((a, b))
        return spans

    def _base(self, s: int, e: int, ref: str) -> Citation | None:
        f = self.ftext
        lead = _LEAD_WORDS_RE.match(f, s, min(e, s + 40)).end()
        c = None
        if _CITE_START_RE.match(f, lead):
            c = _cite_at(self.text, f, lead, e, base=True, offset=0, ref=ref)
        if c is None:
            a, b = _strip_span(self.text, s, e)
            c = Citation(
                doc_type=None,
                number=None,
                number_raw=None,
                issuer=None,
                issued_on=None,
                title=_clean(self.text[a:b]) or None,
                text=self.text[a:b],
                start=a,
                end=b,
                ref=ref,
            )
        return c

    def _proposer(self, s: int, e: int, ref: str) -> Proposer:
        f = self.ftext
        m = _PROPOSER_RE.match(f, s)
        p = m.end() if m else s
        cm = _PROPOSER_CUA_RE.match(f, p)
        who_start = cm.end() if cm else p
        submission = None
        found = [x for x in (f.find("To trinh", who_start, e), f.find("to trinh", who_start, e)) if x >= 0]
        who_end = e
        if found:
            tpos = min(found)
            submission = _cite_at(
                self.text, f, tpos, _strip_span(self.text, tpos, e)[1], base=True, offset=0, ref=ref
            )
            # "… của X tại Tờ trình …": X ends before the linking word
            window_start = max(who_start, tpos - 30)
            lm = _PROPOSER_LINK_RE.search(f, window_start, tpos)
            who_end = lm.start() if lm else tpos
        a, b = _strip_span(self.text, who_start, who_end)
        who = _clean(self.text[a:b])
        if not who and submission is not None and submission.issuer:
            who = submission.issuer
        ts, te = _strip_span(self.text, s, e, " \t\r\n")
        return Proposer(who=who, submission=submission, text=self.text[ts:te], start=ts, end=te, ref=ref)

    # ---- body ----------------------------------------------------------------------

    def _new(
        self, kind: str, label: str, title: str, ln: _Line, ref: str, human: str, level: int = 0
    ) -> _Node:
        if len(self.refs) >= MAX_PROVISIONS:
            raise self.fail(f"more than {MAX_PROVISIONS} provisions: not a charter")
        if ref in self.refs:
            # only headings can repeat here (duplicate articles fail earlier): keep refs unique
            n = self.repeats.get(ref, 1) + 1
            while f"{ref}~{n}" in self.refs:
                n += 1
            self.repeats[ref] = n
            ref = f"{ref}~{n}"
        self.refs.add(ref)
        return _Node(kind, label, title, ln.start, ln.end, ref, human, level)

    def _body(self, lo: int, hi: int, slug: str, name: str) -> tuple[Provision, ...]:
        lines = self.lines
        top: list[_Node] = []
        chapter: _Node | None = None
        section: _Node | None = None
        seen_arts: dict[int, int] = {}
        prev_art = 0
        unnumbered = 0
        i = lo
        while i < hi:
            ln = lines[i]
            k = ln.kind
            if ln.chtitle:
                i += 1
                continue
            if k == _K.CHAP:
                label, value, _ = ln.data
                title, last = self._chapter_title(i)
                chapter = self._new(
                    "chapter", label, title, ln, f"{slug}/chuong-{value}", f"{name}, Chương {label}"
                )
                chapter.end = lines[last].end
                top.append(chapter)
                section = None
                i = last + 1
                continue
            if k in (_K.SEC, _K.RSEC) or (k in (_K.CAPS, _K.DOCTITLE) and self._is_heading(i)):
                if k == _K.SEC:
                    label, value, _ = ln.data
                    title, last = self._chapter_title(i)
                    ref_tail, human_tail = f"muc-{value}", f"Mục {label}"
                elif k == _K.RSEC:
                    label, value, _ = ln.data
                    title, last = self._chapter_title(i)
                    ref_tail, human_tail = f"muc-{label.lower()}", f"Mục {label}"
                else:
                    unnumbered += 1
                    label, last = str(unnumbered), i
                    while last + 1 < hi and lines[last + 1].chtitle:
                        last += 1
                    title = " ".join(lines[m].clean for m in range(i, last + 1))
                    ref_tail, human_tail = f"de-muc-{unnumbered}", f"đề mục {unnumbered}"
                parent_ref = chapter.ref if chapter else slug
                parent_human = chapter.human if chapter else name
                section = self._new(
                    "section", label, title, ln, f"{parent_ref}/{ref_tail}", f"{parent_human}, {human_tail}"
                )
                section.end = lines[last].end
                (chapter.children if chapter else top).append(section)
                i = last + 1
                continue
            if k == _K.ART:
                num = ln.data[0]
                if num in seen_arts:
                    raise self.fail(f"duplicate article Điều {num}")
                if num < prev_art:
                    raise self.fail(
                        f"article numbering goes back from Điều {prev_art} to Điều {num} "
                        "with no new title block"
                    )
                seen_arts[num] = i
                prev_art = num
                j = i + 1
                while j < hi and not self._structural(j):
                    j += 1
                art = self._article(i, j, slug, name)
                (section.children if section else chapter.children if chapter else top).append(art)
                i = j
                continue
            # text before any article (e.g. a chapter's preamble) stays inside the chapter's span
            holder = section or chapter
            if holder is not None:
                holder.end = max(holder.end, ln.end)
            i += 1
        return tuple(n.freeze(self.text) for n in top)

    def _structural(self, j: int) -> bool:
        ln = self.lines[j]
        if ln.chtitle:
            return False
        if ln.kind in (_K.ART, _K.CHAP, _K.SEC, _K.RSEC):
            return True
        return ln.kind in (_K.CAPS, _K.DOCTITLE) and self._is_heading(j)

    def _article(self, i: int, j: int, slug: str, name: str) -> _Node:
        lines = self.lines
        head = lines[i]
        num, heading, style, label = head.data
        if style == "roman":
            ref, human = f"{slug}/muc-{label.lower()}", f"{name}, Mục {label}"
        elif style == "item":
            ref, human = f"{slug}/muc-{num}", f"{name}, mục {num}"
        elif style == "opening":
            ref, human = f"{slug}/mo-dau", f"{name}, phần mở đầu"
        else:
            ref, human = f"{slug}/dieu-{num}", f"{name}, Điều {num}"
        art = self._new("article", str(num), "", head, ref, human)
        art.style = style
        stack: list[_Node] = [art]
        prev_clean = head.clean
        heading_parts = [heading] if heading else []
        heading_open = True
        for idx in range(i + 1, j):
            ln = lines[idx]
            k = ln.kind
            c = ln.clean
            if heading_open and (ln.chtitle or (k not in (_K.CLAUSE, _K.POINT, _K.BULLET) and _starts_lower(c))):
                heading_parts.append(c)  # a wrapped heading
                art.end = ln.end
                prev_clean = c
                continue
            heading_open = False
            node = None
            if k == _K.CLAUSE:
                node = self._clause(stack, ln)
            elif k == _K.POINT:
                node = self._point(stack, ln)
            elif k == _K.BULLET:
                node = self._bullet(stack, ln)
            if node is None:
                if _starts_lower(c) or (not _ends_terminal(prev_clean) and len(stack) > 1):
                    stack[-1].end = ln.end  # a continuation of the block above
                    stack[-1].extended = True
                else:
                    while stack[-1].kind not in ("clause", "article"):
                        stack.pop()
                    holder = stack[-1]
                    n = holder.next_count("doan")
                    node = self._new(
                        "paragraph", str(n), "", ln, f"{holder.ref}/doan-{n}", f"{holder.human}, đoạn {n}"
                    )
                    holder.children.append(node)
                    stack.append(node)
            prev_clean = c
        art.title = _first_sentence(" ".join(heading_parts)) if heading_parts else ""
        self._block_titles(art)
        return art

    @staticmethod
    def _block_titles(node: _Node) -> None:
        """A clause or point whose one line reads as a heading ("2. Các Phó Trưởng Ban:") gets it as title."""
        for child in node.children:
            if child.kind in ("clause", "point") and not child.extended:
                first = child.first
                # a heading introduces sub-items; a lone line without a period is just a sentence
                if first.endswith(":") or (
                    child.children and not _ends_terminal(first) and len(first) <= 200
                ):
                    child.title = first.rstrip(" :")
            _Parser._block_titles(child)

    def _clause(self, stack: list[_Node], ln: _Line) -> _Node | None:
        label = ln.data[0]
        art = stack[0]
        if art.style == "item" and label.startswith(f"{art.label}."):
            label = label[len(art.label) + 1 :]  # "2.1-" under "2-" is its clause 1
        if "." in label:
            parent_label = label.rsplit(".", 1)[0]
            parent = next(
                (n for n in reversed(stack) if n.kind == "clause" and n.label == parent_label), None
            )
            if parent is None:
                parent = next(
                    (n for n in art.children if n.kind == "clause" and n.label == parent_label), None
                )
            if parent is None:
                parent = art
            if label in parent.used:
                return None
            while stack[-1] is not parent:
                if len(stack) == 1:
                    break
                stack.pop()
            if stack[-1] is not parent:
                stack.append(parent)
        else:
            n = int(label)
            if label in art.used or not art.last_clause < n <= art.last_clause + 5:
                return None  # a number starting a wrapped line, or a restarted list
            art.last_clause = n
            del stack[1:]
            parent = art
        parent.used.add(label)
        node = self._new(
            "clause", label, "", ln, f"{art.ref}/khoan-{label}", f"{art.human}, khoản {label}"
        )
        m = _CLAUSE_RE.match(ln.fold)
        node.first = ln.clean[m.end() :].strip() if m else ""
        parent.children.append(node)
        stack.append(node)
        return node

    def _point(self, stack: list[_Node], ln: _Line) -> _Node | None:
        label = ln.data[0]
        depth = len(stack)
        while depth > 1 and stack[depth - 1].kind not in ("clause", "article"):
            depth -= 1
        holder = stack[depth - 1]
        key = f"point:{label}"
        if key in holder.used:
            return None
        del stack[depth:]
        holder.used.add(key)
        tail = "dd" if label == "đ" else label
        node = self._new("point", label, "", ln, f"{holder.ref}/diem-{tail}", f"{holder.human}, điểm {label}")
        node.first = ln.clean[label_end(ln.clean) :].strip()
        holder.children.append(node)
        stack.append(node)
        return node

    def _bullet(self, stack: list[_Node], ln: _Line) -> _Node:
        """A bullet's level comes from its marker's place in the list: a marker already open
        on the stack starts a sibling, another one nests ("-" then "+", or "+" then "-");
        a first bullet under its block is level 1 whatever its marker."""
        marker = ln.data[0]
        while len(stack) > 1 and stack[-1].kind == "paragraph":
            stack.pop()
        k = len(stack) - 1
        while k > 0 and stack[k].kind == "bullet" and stack[k].marker != marker:
            k -= 1
        if k > 0 and stack[k].kind == "bullet":
            del stack[k:]  # a sibling of the open bullet with the same marker
        holder = stack[-1]
        level = holder.level + 1 if holder.kind == "bullet" else 1
        n = holder.next_count("gach")
        node = self._new(
            "bullet",
            str(n),
            "",
            ln,
            f"{holder.ref}/gach-{n}",
            f"{holder.human}, gạch đầu dòng {n}",
            level=level,
        )
        node.marker = marker
        holder.children.append(node)
        stack.append(node)
        return node

    # ---- closing -------------------------------------------------------------------

    def _closing(self, lo: int, hi: int, slug: str) -> Closing | None:
        lines = self.lines
        recipients: list[list[str]] = []  # each item's pieces, joined at the end
        authority: str | None = None
        titles: list[str] = []
        signer: str | None = None
        sig_first: _Line | None = None
        sig_last: _Line | None = None
        last: _Line | None = None
        in_recipients = False
        joining = False  # the previous title line was "kiêm": join the next one to it
        for idx in range(lo, hi):
            ln = lines[idx]
            c = ln.clean
            if ln.kind == _K.NOINHAN:
                in_recipients = True
                rest = c.split(":", 1)[1] if ":" in c else ""
                recipients.extend([x] for x in (self._recipient(p) for p in _INLINE_ITEM_RE.split(rest)) if x)
                last = ln
                continue
            if in_recipients:
                if ln.kind == _K.BULLET:
                    item = self._recipient(c[1:])
                    if item:
                        recipients.append([item])
                    last = ln
                    continue
                if recipients and ln.kind == _K.TEXT and _starts_lower(c):
                    recipients[-1].append(self._recipient(c))
                    last = ln
                    continue
                if ln.kind == _K.TEXT and not _is_name(c) and not c.startswith(("(", "[")):
                    recipients.append([self._recipient(c)])  # an item written without its dash
                    last = ln
                    continue
                in_recipients = False
            if signer is not None:
                continue
            if c.startswith(("(", "[")) or c.lower() in ("đã ký", "ký"):
                continue  # "(Đã ký)", "(Ký tên, đóng dấu)"
            if ln.kind == _K.AUTH and authority is None and not titles:
                authority = c
            elif c.lower() == "kiêm" and titles:
                titles[-1] = f"{titles[-1]} kiêm"
                joining = True
            elif c.lower().startswith("kiêm ") and titles:
                titles[-1] = f"{titles[-1]} {c}"
            elif _is_name(c) and not _is_sig_title(c):
                signer = _name_case(c)
            elif _is_caps(c) or _is_sig_title(c):
                if joining:
                    titles[-1] = f"{titles[-1]} {c}"
                    joining = False
                else:
                    titles.append(c)
            else:
                continue
            sig_first = sig_first or ln
            sig_last = ln
            last = ln
        if not recipients and sig_first is None:
            return None
        signature = None
        if sig_first is not None and sig_last is not None:
            signature = Signature(
                authority=authority,
                titles=tuple(titles),
                signer=signer,
                text=self.text[sig_first.start : sig_last.end],
                start=sig_first.start,
                end=sig_last.end,
                ref=f"{slug}/chu-ky",
            )
        end = last.end if last is not None else lines[lo].end
        return Closing(
            recipients=tuple(" ".join(r) for r in recipients),
            signature=signature,
            start=lines[lo].start,
            end=end,
        )

    @staticmethod
    def _recipient(s: str) -> str:
        return _clean(s).strip(" ;,.")


def parse(source: SourceText, *, strict: bool = False) -> Document:
    """Parse a read and normalised charter into its parts, headers and provision tree.

    Parameters
    ----------
    source
        The text as ``read_text`` returns it (or any ``SourceText``: leftovers such as
        ``**``, blank-line runs and hard wraps are tolerated).
    strict
        Refuse a text cut off inside its last article. By default it is parsed for what it
        states, and ``Document.truncated`` says why it looks cut off (the loader marks the
        charter ``partial``).

    Returns
    -------
    Document
        One part per decision or attached regulation; every offset indexes ``source.text``.
        Refs are ``<part>/dieu-N/khoan-N/diem-x`` (``đ`` → ``dd``), ``…/gach-N`` for bullets,
        ``…/doan-N`` for plain paragraphs, ``<part>/chuong-N`` and ``…/muc-N`` for headings.

    Raises
    ------
    ParseError
        When the text is empty, looks like HTML, has no article (Điều), repeats an
        article number within one part, has article numbers going back with no new title
        block, holds more than ``MAX_PROVISIONS`` provisions, or (with ``strict``) ends
        mid-sentence with no closing.

    Examples
    --------
    >>> text = "QUY CHẾ\\nHoạt động của Tổ\\nChương I\\nQUY ĐỊNH CHUNG\\nĐiều 1. Phạm vi\\n" \\
    ...        "Tổ làm việc theo quy chế.\\n1. Tổ trưởng chỉ đạo:\\na) Họp định kỳ;\\n- hằng tháng.\\n"
    >>> src = SourceText("q.txt", text, text, tuple(range(len(text) + 1)), "utf-8", "")
    >>> part = parse(src).main
    >>> part.slug, part.chapters()[0].title, part.articles()[0].title
    ('quy-che', 'QUY ĐỊNH CHUNG', 'Phạm vi')
    >>> [p.ref for p in part.walk()][1:]
    ['quy-che/dieu-1', 'quy-che/dieu-1/doan-1', 'quy-che/dieu-1/khoan-1', 'quy-che/dieu-1/khoan-1/diem-a', 'quy-che/dieu-1/khoan-1/diem-a/gach-1']
    >>> parse(SourceText("e.txt", " ", " ", (0, 1), "utf-8", ""))
    Traceback (most recent call last):
    ...
    govkg.errors.ParseError: e.txt: empty text
    """
    return _Parser(source, strict=strict).run()


def parse_file(path: str | Path, *, strict: bool = False) -> Document:
    """Read a charter file and parse it.

    Parameters
    ----------
    path
        A ``.txt``/``.md``/``.docx``/``.pdf`` charter; ``read_text`` decodes it, normalises
        it and rejoins hard wraps.

    Returns
    -------
    Document
        As :func:`parse` returns it.

    Raises
    ------
    ParseError
        From reading (empty file, HTML, undecodable bytes) or from parsing; the message
        names the file.

    Examples
    --------
    >>> doc = parse_file("data/charters/003_c5d495fa5d9e6f4c.txt")
    >>> [p.slug for p in doc.parts], len(doc.main.articles()), doc.main.header.date.iso
    (['quyet-dinh'], 9, '2026')
    >>> doc.main.closing.signature.signer
    'Cao Huy Hiếu'
    """
    from govkg.loaders.read import read_text  # the reader is a sibling module; import at use

    return parse(read_text(path), strict=strict)
