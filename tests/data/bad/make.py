"""Generate the large, binary and re-encoded files of the bad-input corpus.

The small hand-written files of the corpus are committed next to this script; the files
listed in :data:`GENERATED` are written at test time (``tests/test_bad_inputs.py``), so
that no multi-megabyte or binary blob is committed. ``expected.yaml`` gives the outcome
of every file, committed or generated.

Run by hand::

    python tests/data/bad/make.py /tmp/bad      # writes the generated files there

The re-encoded copies of the clean charter use the inverse of the reader's own tables
(``govkg.loaders.read``): TCVN3 (one byte per lowercase toned vowel, the capitals drawn
with the same bytes), VNI-Windows (base letter + mark bytes) and Windows-1258 (tone marks
as combining characters).
"""

from __future__ import annotations

import io
import random
import sys
import unicodedata
import zipfile
from collections.abc import Callable
from pathlib import Path

from govkg.vn.text import decompose

__all__ = ["CLEAN", "GENERATED", "ROOT", "make", "to_cp1258", "to_tcvn3", "to_vni"]

ROOT = Path(__file__).resolve().parents[3]
#: The clean charter every re-encoded file must give the same facts as.
CLEAN = ROOT / "data" / "charters" / "003_c5d495fa5d9e6f4c.txt"


# --------------------------------------------------------------------------- encoders
def _tcvn3_encode_table() -> dict[str, int]:
    from govkg.loaders.read import _TCVN3_DECODE

    table: dict[str, int] = {}
    for byte, ch in enumerate(_TCVN3_DECODE):
        if byte >= 0x80 and ch not in table:
            table[ch] = byte
    for ch, byte in list(table.items()):
        # VN3 has no capital toned vowels: the all-caps .VnTimeH font draws these bytes
        table.setdefault(ch.upper(), byte)
    return table


def to_tcvn3(text: str) -> bytes:
    """TCVN 5712:1993 VN3 bytes of ``text`` (NFC)."""
    table = _tcvn3_encode_table()
    out = bytearray()
    for ch in unicodedata.normalize("NFC", text):
        out += bytes([table[ch]]) if ch in table else ch.encode("cp1252")
    return bytes(out)


def to_vni(text: str) -> bytes:
    """VNI-Windows bytes of ``text``: each Vietnamese letter as base + mark bytes."""
    from govkg.loaders.read import _vni_encode_letter

    return "".join(_vni_encode_letter(ch) or ch for ch in unicodedata.normalize("NFC", text)).encode("cp1252")


def to_cp1258(text: str) -> bytes:
    """Windows-1258: letter shapes precomposed (ô, ư, ă …), tone marks as combining characters."""
    tones = "\u0300\u0301\u0303\u0309\u0323"
    out = []
    for ch in unicodedata.normalize("NFC", text):
        parts = decompose(ch)
        marks = "".join(c for c in parts if c in tones)
        out.append(unicodedata.normalize("NFC", "".join(c for c in parts if c not in tones)) + marks)
    return "".join(out).encode("cp1258")


def _tabbed(text: str) -> str:
    # a tab before every line and instead of the first space of each (word-processor export)
    return "\n".join("\t" + line.replace(" ", "\t", 1) for line in text.split("\n"))


# --------------------------------------------------------------------------- hostile files
def _zip_bomb() -> bytes:
    """A .docx-looking zip whose document.xml inflates to 60 MB of zeros (about 60 KB on disk)."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as zf:
        zf.writestr(
            "[Content_Types].xml",
            '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>',
        )
        zf.writestr("word/document.xml", b"\0" * (60 * 1024 * 1024))
    return buf.getvalue()


def _binary() -> bytes:
    return random.Random(9).randbytes(64 * 1024)


def _big_text() -> bytes:
    # real charter text (not binary, not HTML), just ten megabytes of it
    unit = CLEAN.read_bytes()
    return unit * (10 * 1024 * 1024 // len(unit) + 1)


def _html_with_charter() -> bytes:
    body = CLEAN.read_text(encoding="utf-8").replace("&", "&amp;").replace("<", "&lt;")
    page = (
        '<!DOCTYPE html>\n<html lang="vi"><head><meta charset="utf-8"><title>Quyết định kiện toàn Ban Chỉ đạo</title>'
        "</head>\n<body>\n<div class=\"content\">\n" + body.replace("\n\n", "\n<p>\n") + "\n</div>\n</body></html>\n"
    )
    return page.encode("utf-8")


#: name -> how to make its bytes (the clean text is passed to the re-encodings)
GENERATED: dict[str, Callable[[], bytes]] = {
    "binary.txt": _binary,
    "zip_bomb.docx": _zip_bomb,
    "big_10mb.txt": _big_text,
    "page_with_charter.html": _html_with_charter,
    # pathological inputs for the regexes and the per-line work
    "million_dieu.txt": lambda: ("Điều " * 1_000_000).encode("utf-8"),  # 8 MB
    "dieu_flood.txt": lambda: ("Điều " * 650_000).encode("utf-8"),  # 5.2 MB, one line
    "dieu_lines.txt": lambda: "".join(f"Điều {i % 999 + 1}.\n" for i in range(190_000)).encode("utf-8"),
    "long_line.txt": lambda: ("Ban Chỉ đạo họp định kỳ " * 200_000).encode("utf-8")[:5_000_000],
    "long_line_article.txt": lambda: ("Điều 1. " + "Ban Chỉ đạo họp định kỳ " * 200_000).encode("utf-8")[:5_000_000],
    "many_lines.txt": lambda: b"a\n" * 1_000_000,
    # the clean charter, re-encoded: the same facts
    "nfd.txt": lambda: decompose(_clean()).encode("utf-8"),
    "cp1258.txt": lambda: to_cp1258(_clean()),
    "tcvn3.txt": lambda: to_tcvn3(_clean()),
    "vni.txt": lambda: to_vni(_clean()),
    "utf16le_bom.txt": lambda: b"\xff\xfe" + _clean().encode("utf-16-le"),
    "utf16be_bom.txt": lambda: b"\xfe\xff" + _clean().encode("utf-16-be"),
    "crlf.txt": lambda: _clean().replace("\n", "\r\n").encode("utf-8"),
    "tabs.txt": lambda: _tabbed(_clean()).encode("utf-8"),
}


def _clean() -> str:
    return CLEAN.read_text(encoding="utf-8")


def make(out: Path, names: list[str] | None = None) -> dict[str, Path]:
    """Write the generated files (all, or ``names``) into ``out``; return name -> path."""
    out.mkdir(parents=True, exist_ok=True)
    written = {}
    for name in names or list(GENERATED):
        path = out / name
        path.write_bytes(GENERATED[name]())
        written[name] = path
    return written


if __name__ == "__main__":  # pragma: no cover - manual use
    target = Path(sys.argv[1] if len(sys.argv) > 1 else "bad-generated")
    for name, path in make(target).items():
        print(f"{path.stat().st_size:>10}  {name}")
