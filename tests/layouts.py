"""Layout variants of a charter text: the ways real copies of one charter differ.

Each transform takes the clean text of a charter (``read_text(path).text``: one paragraph a
line, blank lines between paragraphs, header lines on their own) and returns the text of
another copy of the same charter, or None when the variant does not apply to it (there is
nothing to rewrite). The copies carry the same facts; ``tests/test_layout_fuzzer.py``
requires that the extraction agrees.

The variants are written from how the genre's copies are known to differ, never from a
real copy:

- ``markdown``: a legal-document website's crawl: a metadata block and copyright banners,
  the two-column header and the signature block as pipe-table rows, ``|``-only lines and
  ``-------`` rules, ``**`` bold that cuts through a name and runs across line breaks,
  ``**Điều 1.****`` doubled markers, italic ``*Căn cứ …;*`` wrapped over several lines;
- ``no_blank``: no blank lines at all;
- ``wrap60`` / ``wrap70`` / ``wrap80``: hard wraps at that column (a PDF's text layer);
- ``no_header``: the page header (issuer, motto, number, place and date) lost, the number
  and date left only in a "(Ban hành kèm theo Quyết định số … ngày …)" line;
- ``caps_title``: the title under "QUYẾT ĐỊNH"/"QUY CHẾ" in capitals;
- ``article_colon`` / ``article_dash`` / ``article_dot``: "Điều 1:", "Điều 1 -", "Điều 1.";
- ``point_paren`` / ``point_dot`` / ``point_dash``: points "a)", "a.", "a-";
- ``clause_dot`` / ``clause_dash`` / ``clause_paren``: clauses "1.", "1-", "1)";
- ``bullet_dash`` / ``bullet_plus`` / ``bullet_dot``: first-level bullets "-", "+", "•"
  (a second level, if any, takes the marker the first one gave up);
- ``old_tones``: the older tone placement ("Uỷ ban", "Hoà", "thuỷ");
- ``plain_headings``: headings typed without diacritics ("Dieu 1.", "Chuong I").

Examples
--------
>>> print(VARIANTS["article_colon"]("QUYẾT ĐỊNH\\n\\nĐiều 1. Phạm vi\\n\\n1. Quy chế này."))
QUYẾT ĐỊNH
<BLANKLINE>
Điều 1: Phạm vi
<BLANKLINE>
1. Quy chế này.
>>> print(VARIANTS["point_dash"]("a) Họp;\\nb) Báo cáo."))
a- Họp;
b- Báo cáo.
>>> VARIANTS["old_tones"]("Ủy ban nhân dân của Hòa Bình, quý")
'Uỷ ban nhân dân của Hoà Bình, quý'
"""

from __future__ import annotations

import re
import textwrap
import unicodedata
from collections.abc import Callable

__all__ = ["VARIANTS", "Transform"]

Transform = Callable[[str], str | None]

_DOC_TITLE = re.compile(r"(?:QUYẾT ĐỊNH|QUY CHẾ|QUY ĐỊNH|NGHỊ QUYẾT|KẾ HOẠCH|THÔNG BÁO|ĐIỀU LỆ)(?:\s+[A-ZĐÀ-Ỹ ]*)?$")
_RIGHT_COLUMN = re.compile(r"(?:CỘNG HÒA XÃ HỘI|ĐẢNG CỘNG SẢN|Độc lập\s*-|[^,;.\d]{1,40},\s*ngày\b)")
_ARTICLE = re.compile(r"(?m)^(Điều|ĐIỀU)[ ]+(\d{1,3}[a-zđ]?)[ ]*(?:[.:]|[ ]?[-–])[ ]*")
_POINT = re.compile(r"(?m)^([a-zđ])(?:\)|\.(?= )|-)[ ]*(?=\S)")
_CLAUSE = re.compile(r"(?m)^(\d{1,2})(?:\.|-|\))[ ]+(?=\S)")
_BULLET = re.compile(r"(?m)^([-–+•])[ ]+(?=\S)")
_BASIS = re.compile(r"(?:[-+•][ ]*)?Căn cứ\b")
_CLOSING = re.compile(r"Nơi nhận\b")
_SIGN_AUTHORITY = re.compile(r"(?:TM|KT|TL|TUQ|T/M)\.?\s")
_ATTACHED = re.compile(r"\((?:Ban hành )?[Kk]èm theo\b")
_NUMBER_LINE = re.compile(r"Số\s*:?\s*(\S*[/-]\S*)")


def _is_caps(line: str) -> bool:
    return line.upper() == line and sum(c.isalpha() for c in line) >= 2


def _title_index(lines: list[str]) -> int | None:
    """The first document-title line ("QUYẾT ĐỊNH", "QUY CHẾ HOẠT ĐỘNG" …)."""
    for i, line in enumerate(lines[:80]):
        if _DOC_TITLE.match(line.strip()) and not line.strip().endswith(":"):
            return i
    return None


def _paragraph_after(lines: list[str], i: int) -> list[int]:
    """Indices of the title text under the doc-title line ``i`` (up to the next blank line)."""
    out: list[int] = []
    j = i + 1
    while j < len(lines) and not lines[j].strip():
        j += 1
    while j < len(lines) and lines[j].strip():
        s = lines[j].strip()
        if _is_caps(s) or _BASIS.match(s) or s.startswith("(") or s.startswith("Điều") or set(s) <= set("-_*"):
            break
        out.append(j)
        j += 1
    return out


# --- (a) the website Markdown crawl ------------------------------------------------------


def _cut_bold(line: str) -> list[str]:
    """Bold that cuts through a name and runs over two line breaks:
    ``**BAN CHỈ ĐẠO NHÀ`` / ``NƯỚC **`` / ``VỀ DU LỊCH``."""
    words = line.split()
    if len(words) < 5:
        return [f"**{line}**"]
    a, b = max(2, len(words) * 2 // 5), max(3, len(words) * 3 // 5)
    return [f"**{' '.join(words[:a])}", f"{' '.join(words[a:b])} **", " ".join(words[b:])]


def _rows(left: list[str], right: list[str]) -> list[str]:
    out = []
    for k in range(max(len(left), len(right))):
        a = left[k] if k < len(left) else ""
        b = right[k] if k < len(right) else ""
        out.append(f"| {a} | {b} |")
        if k == 0:
            out.append("|---|---|")
    return out


def markdown(text: str) -> str | None:
    lines = text.split("\n")
    t = _title_index(lines)
    out: list[str] = [
        "Bản quyền thuộc về Thư viện Văn bản. Mọi hình thức sao chép phải ghi rõ nguồn.",
        "",
        "Loại văn bản: Quyết định",
        "Nơi ban hành: Ủy ban nhân dân",
        "Người ký: Đang cập nhật",
        "Ngày ban hành: Đang cập nhật",
        "Tình trạng: Còn hiệu lực",
        "",
        "-------",
        "",
    ]
    start = 0
    if t is not None and t > 0:
        head = [ln.strip() for ln in lines[:t] if ln.strip() and not set(ln.strip()) <= set("-_*")]
        left = [h for h in head if not _RIGHT_COLUMN.match(h)]
        right = [h for h in head if _RIGHT_COLUMN.match(h)]
        out += _rows(left, right) if left and right else head
        out += ["|", "", "-------", ""]
        start = t
    i = start
    in_title = set(_paragraph_after(lines, t)) if t is not None else set()
    while i < len(lines):
        line = lines[i]
        s = line.strip()
        if _CLOSING.match(s):
            # the closing block up to the next document title (an attached Quy chế) or the end
            j = i
            while j < len(lines) and not (j > i and _DOC_TITLE.match(lines[j].strip())):
                j += 1
            block = [b.strip() for b in lines[i:j] if b.strip()]
            if len(block) <= 30:
                left = [b for b in block if _CLOSING.match(b) or b[:1] in "-+•"]
                right = [b for b in block if b not in left]
                out += _rows(left, [f"**{r}**" for r in right]) + ["|", ""]
                i = j
                continue
        if i in in_title:
            first, last = i - 1 not in in_title, i + 1 not in in_title
            out.append(("**" if first else "") + s + ("**" if last else ""))
        elif _DOC_TITLE.match(s):
            out.append(f"**{s}**")
        elif _is_caps(s) and not _SIGN_AUTHORITY.match(s) and not _DOC_TITLE.match(s):
            # a caps block (one line or several) in bold, cut anew by the crawl
            j = i
            while j + 1 < len(lines) and _is_caps(lines[j + 1].strip()) and not _DOC_TITLE.match(lines[j + 1].strip()):
                j += 1
            block = " ".join(x.strip() for x in lines[i : j + 1])
            if len(block.split()) >= 5:
                out += _cut_bold(block)
                i = j + 1
                continue
            out.append(line)
        elif m := _ARTICLE.match(s):
            rest = s[m.end() :]
            if rest and (len(rest) > 120 or rest.endswith((".", ";", "./."))):
                out.append(f"**{s[: m.end()].rstrip()}** {rest}")  # an article stated on its heading line
            else:
                out.append(f"**{s[: m.end()].rstrip()}****" + (f" {rest}**" if rest else ""))
        elif _BASIS.match(s):
            wrapped = textwrap.wrap(s, 70, break_on_hyphens=False) or [s]
            wrapped[0] = "*" + wrapped[0]
            wrapped[-1] = wrapped[-1] + "*"
            out += wrapped
        else:
            out.append(line)
        i += 1
    out += ["", "|", "", "Copyright © Legal Documents Library. All rights reserved.", "Về đầu trang"]
    return "\n".join(out) + "\n"


# --- (b) (c) blank lines and hard wraps --------------------------------------------------


def no_blank(text: str) -> str | None:
    return re.sub(r"\n[ \t]*(?:\n[ \t]*)+", "\n", text)


def _wrap_line(line: str, width: int) -> list[str]:
    if len(line) <= width:
        return [line]
    words = line.split(" ")
    out: list[str] = []
    cur = ""
    for w in words:
        # a typesetter does not start a line with a lone dash or plus
        if cur and len(cur) + 1 + len(w) > width and w not in ("-", "–", "+"):
            out.append(cur)
            cur = w
        else:
            cur = f"{cur} {w}" if cur else w
    if cur:
        out.append(cur)
    return out


def _wrap(width: int) -> Transform:
    def wrap(text: str) -> str | None:
        return "\n".join(part for line in text.split("\n") for part in _wrap_line(line, width))

    wrap.__name__ = f"wrap{width}"
    return wrap


# --- (d) the header lost -----------------------------------------------------------------


def no_header(text: str) -> str | None:
    lines = text.split("\n")
    t = _title_index(lines)
    if not t:
        return None  # no header to lose
    head = [ln.strip() for ln in lines[:t] if ln.strip()]
    number = next((m.group(1) for h in head if (m := _NUMBER_LINE.match(h))), None)
    date = next((m.group(1) for h in head if (m := re.search(r",\s*(ngày\b.*)$", h))), "")
    if number is None:
        return None
    body = lines[t:]
    if not any(_ATTACHED.match(ln.strip()) for ln in body):
        kind = lines[t].strip()
        kind = kind[:1] + kind[1:].lower()
        title = _paragraph_after(lines, t)
        at = (title[-1] + 1 if title else t + 1) - t
        body[at:at] = ["", f"(Ban hành kèm theo {kind} số {number} {date})".replace("  ", " ")]
    return "\n".join(body)


# --- (e) the title in capitals -----------------------------------------------------------


def caps_title(text: str) -> str | None:
    lines = text.split("\n")
    changed = False
    for i, line in enumerate(lines[: len(lines)]):
        if _DOC_TITLE.match(line.strip()):
            for j in _paragraph_after(lines, i):
                if lines[j] != lines[j].upper():
                    lines[j] = lines[j].upper()
                    changed = True
    return "\n".join(lines) if changed else None


# --- (f) (g) (h) numbering ----------------------------------------------------------------


def _article(sep: str) -> Transform:
    def article(text: str) -> str | None:
        return _ARTICLE.sub(lambda m: f"{m.group(1)} {m.group(2)}{sep} ", text)

    return article


def _point(sep: str) -> Transform:
    def point(text: str) -> str | None:
        return _POINT.sub(lambda m: f"{m.group(1)}{sep} ", text)

    return point


def _clause(sep: str) -> Transform:
    def clause(text: str) -> str | None:
        return _CLAUSE.sub(lambda m: f"{m.group(1)}{sep} ", text)

    return clause


def _bullet(marker: str) -> Transform:
    def bullet(text: str) -> str | None:
        seen: list[str] = []
        for m in _BULLET.finditer(text):
            if m.group(1) not in seen:
                seen.append(m.group(1))
        if not seen:
            return None
        swap = {seen[0]: marker}
        if marker in seen[1:]:
            swap[marker] = seen[0]
        return _BULLET.sub(lambda m: f"{swap.get(m.group(1), m.group(1))} ", text)

    return bullet


# --- (i) (j) spelling ----------------------------------------------------------------------

_TONES = "\u0300\u0301\u0303\u0309\u0323"
# a toned o/u before a word-final a, e or y (not after q): "hòa" → "hoà", "ủy" → "uỷ"
_NEW_TONE = re.compile(
    r"(?<![qQ])(?:([oO])([\u0300\u0301\u0303\u0309\u0323])([aAeE])|([uU])([\u0300\u0301\u0303\u0309\u0323])([yY]))"
    r"(?![^\W\d_])"
)


def old_tones(text: str) -> str | None:
    nfd = unicodedata.normalize("NFD", text)
    out = _NEW_TONE.sub(lambda m: m.group(1) + m.group(3) + m.group(2) if m.group(1) else m.group(4) + m.group(6) + m.group(5), nfd)
    out = unicodedata.normalize("NFC", out)
    return out if out != text else None


_PLAIN = {"Điều": "Dieu", "ĐIỀU": "DIEU", "Chương": "Chuong", "CHƯƠNG": "CHUONG", "Mục": "Muc", "MỤC": "MUC"}
_HEADING_WORD = re.compile(r"(?m)^(Điều|ĐIỀU|Chương|CHƯƠNG|Mục|MỤC)(?=[ ]+(?:\d|[IVXLC]+\b))")


def plain_headings(text: str) -> str | None:
    return _HEADING_WORD.sub(lambda m: _PLAIN[m.group(1)], text)


VARIANTS: dict[str, Transform] = {
    "markdown": markdown,
    "no_blank": no_blank,
    "wrap60": _wrap(60),
    "wrap70": _wrap(70),
    "wrap80": _wrap(80),
    "no_header": no_header,
    "caps_title": caps_title,
    "article_colon": _article(":"),
    "article_dash": _article(" -"),
    "article_dot": _article("."),
    "point_paren": _point(")"),
    "point_dot": _point("."),
    "point_dash": _point("-"),
    "clause_dot": _clause("."),
    "clause_dash": _clause("-"),
    "clause_paren": _clause(")"),
    "bullet_dash": _bullet("-"),
    "bullet_plus": _bullet("+"),
    "bullet_dot": _bullet("•"),
    "old_tones": old_tones,
    "plain_headings": plain_headings,
}
