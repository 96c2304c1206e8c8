"""Fuzz the loader: mutated real charters through read -> parse -> extract, in process.

The property: for any bytes and any file name, ``read_bytes`` -> ``parse`` -> ``extract``
either returns facts or raises :class:`~govkg.errors.ParseError` (``ExtractError`` is
one). Any other exception is a crash: its input is saved to ``--crashes`` and the run
exits 1. An input that takes longer than ``--slow`` seconds is reported too.

Inputs are real charters (``data/charters``, ``tests/data``) cut to a window of lines and
mutated one to four times: lines deleted, duplicated or swapped, random Unicode or control
characters inserted, the text truncated, article numbers (``Điều N``) changed, then
encoded (UTF-8 with or without BOM, UTF-16 with or without BOM, cp1258, TCVN3, VNI) and
possibly hit with random bytes, under a random file name (``.txt``, ``.md``, none, and
now and then ``.docx`` or ``.pdf``).

``tests/test_fuzz_loader.py`` draws the same mutations with Hypothesis (300 examples);
``make fuzz`` runs this script for 100,000 inputs::

    python scripts/fuzz_loader.py --examples 100000 [--seed 0] [--workers 2]

Output: the count, the outcomes (facts / refused / crash), the time, and the slowest input.
"""

from __future__ import annotations

import argparse
import io
import multiprocessing
import os
import random
import re
import sys
import time
import traceback
import unicodedata
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from govkg.vn.text import decompose, deaccent

__all__ = [
    "CONTROL_CHARS",
    "ENCODINGS",
    "OPS",
    "Mutation",
    "Outcome",
    "apply",
    "encode",
    "random_input",
    "run_one",
    "seed_texts",
    "window",
]

ROOT = Path(__file__).resolve().parent.parent
SEED_FILES = sorted((ROOT / "data" / "charters").glob("*.txt")) + sorted((ROOT / "tests" / "data").glob("*.txt"))

#: Characters that break naive text handling: C0/C1 controls, NUL, zero-width and bidi
#: controls, BOM, line and paragraph separators, a lone combining mark, replacement char.
CONTROL_CHARS = (
    "\x00\x01\x07\x08\x0b\x0c\x0e\x1b\x1f\x7f\x80\x85\x9f"
    "\u00ad\u200b\u200c\u200d\u200e\u200f\u202a\u202e\u2028\u2029\u2060\ufeff\ufffd\u0301\u0323"
)
ENCODINGS = ("utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "cp1258", "tcvn3", "vni")
_DIEU = re.compile(r"(Điều|ĐIỀU|Dieu)(\s+)(\d+)")


def seed_texts() -> list[str]:
    """The real charters the mutations start from."""
    return [p.read_text(encoding="utf-8") for p in SEED_FILES]


def window(text: str, start: int, size: int) -> str:
    """Lines ``start .. start+size`` (mod the line count) of ``text``; ``size <= 0``: all of it."""
    lines = text.split("\n")
    if size <= 0 or size >= len(lines):
        return text
    start %= len(lines)
    return "\n".join(lines[start : start + size])


# --------------------------------------------------------------------------- mutations
@dataclass(frozen=True, slots=True)
class Mutation:
    """One edit: ``op`` names it, ``a``/``b`` are positions or counts, ``s`` is inserted text."""

    op: str
    a: int = 0
    b: int = 0
    s: str = ""


def _lines_op(fn: Callable[[list[str], Mutation], list[str]]) -> Callable[[str, Mutation], str]:
    def run(text: str, m: Mutation) -> str:
        lines = text.split("\n")
        if not lines:
            return text
        return "\n".join(fn(lines, m))

    return run


def _delete(lines: list[str], m: Mutation) -> list[str]:
    i = m.a % len(lines)
    return lines[:i] + lines[i + 1 + m.b % 8 :]


def _duplicate(lines: list[str], m: Mutation) -> list[str]:
    i = m.a % len(lines)
    block = lines[i : i + 1 + m.b % 8]
    return lines[: i + len(block)] + block + lines[i + len(block) :]


def _swap(lines: list[str], m: Mutation) -> list[str]:
    i, j = m.a % len(lines), m.b % len(lines)
    lines = list(lines)
    lines[i], lines[j] = lines[j], lines[i]
    return lines


def _insert(text: str, m: Mutation) -> str:
    i = m.a % (len(text) + 1)
    return text[:i] + m.s + text[i:]


def _truncate(text: str, m: Mutation) -> str:
    return text[: m.a % (len(text) + 1)]


def _renumber(text: str, m: Mutation) -> str:
    """Give the ``a``-th 'Điều N' the number ``b`` (a duplicate, a gap, a step back, 0, 1000+)."""
    found = list(_DIEU.finditer(text))
    if not found:
        return text
    hit = found[m.a % len(found)]
    return text[: hit.start(3)] + str(m.b) + text[hit.end(3) :]


def _case(text: str, m: Mutation) -> str:
    """Upper-case or strip the accents of a stretch (the header and titles are often in capitals)."""
    i = m.a % (len(text) + 1)
    j = i + m.b % 2000
    part = text[i:j]
    if m.s == "strip":
        part = deaccent(part)  # typed without marks
    else:
        part = part.upper()
    return text[:i] + part + text[j:]


def _repeat(text: str, m: Mutation) -> str:
    """Repeat a short stretch many times (pathological runs: '**', '- ', 'Điều ')."""
    i = m.a % (len(text) + 1)
    piece = m.s or text[i : i + 1 + m.b % 6]
    return text[:i] + piece * (1 + m.b % 3000) + text[i:]


#: text ops: name -> function(text, mutation) -> text
OPS: dict[str, Callable[[str, Mutation], str]] = {
    "delete": _lines_op(_delete),
    "duplicate": _lines_op(_duplicate),
    "swap": _lines_op(_swap),
    "insert": _insert,
    "control": _insert,
    "truncate": _truncate,
    "renumber": _renumber,
    "case": _case,
    "repeat": _repeat,
}
#: byte ops (applied after encoding)
BYTE_OPS = ("bytes", "flip")


def _tcvn3_table() -> dict[str, int]:
    from govkg.loaders.read import _TCVN3_DECODE

    table: dict[str, int] = {}
    for byte, ch in enumerate(_TCVN3_DECODE):
        if byte >= 0x80:
            table.setdefault(ch, byte)
    for ch, byte in list(table.items()):
        table.setdefault(ch.upper(), byte)
    return table


_TCVN3: dict[str, int] | None = None


def encode(text: str, encoding: str) -> bytes:
    """``text`` in one of :data:`ENCODINGS`; characters the encoding lacks become '?'."""
    global _TCVN3
    if encoding == "tcvn3":
        _TCVN3 = _TCVN3 or _tcvn3_table()
        out = bytearray()
        for ch in unicodedata.normalize("NFC", text):
            out += bytes([_TCVN3[ch]]) if ch in _TCVN3 else ch.encode("cp1252", errors="replace")
        return bytes(out)
    if encoding == "vni":
        from govkg.loaders.read import _vni_encode_letter

        spelled = "".join(_vni_encode_letter(ch) or ch for ch in unicodedata.normalize("NFC", text))
        return spelled.encode("cp1252", errors="replace")
    if encoding == "cp1258":
        return decompose(text).encode("cp1258", errors="replace")
    return text.encode(encoding, errors="surrogatepass" if encoding.startswith("utf") else "replace")


def apply(text: str, mutations: Sequence[Mutation], encoding: str, byte_edits: Sequence[Mutation]) -> bytes:
    """Mutate ``text``, encode it, then apply the byte edits."""
    for m in mutations:
        text = OPS[m.op](text, m)
    data = encode(text, encoding)
    for m in byte_edits:
        if m.op == "bytes":
            i = m.a % (len(data) + 1)
            data = data[:i] + m.s.encode("latin-1") + data[i:]
        elif m.op == "flip" and data:
            i = m.a % len(data)
            data = data[:i] + bytes([data[i] ^ (1 + m.b % 255)]) + data[i + 1 :]
    return data


def _as_container(data: bytes, suffix: str) -> bytes:
    """Wrap text bytes in a minimal .docx (zip) or .pdf shell, so those readers get fuzzed too."""
    if suffix == ".docx":
        import docx  # python-docx: a real Word file, so the reader gets past the zip checks

        text = data.decode("utf-8", errors="replace")
        text = "".join(c for c in text if c in "\t\n" or (ord(c) >= 0x20 and not 0xD800 <= ord(c) <= 0xDFFF and c not in "\ufffe\uffff"))
        document = docx.Document()
        for line in text.split("\n")[:400]:
            document.add_paragraph(line)
        buf = io.BytesIO()
        document.save(buf)
        raw = buf.getvalue()
        if len(data) % 5 == 0:  # now and then a damaged one
            cut = len(raw) * (len(data) % 7 + 1) // 9
            raw = raw[:cut] + raw[cut + 64 :]
        return raw
    if suffix == ".pdf":
        return b"%PDF-1.4\n" + data[:5000] + b"\n%%EOF"
    return data


# --------------------------------------------------------------------------- one input
_UNICODE_POOLS = (
    "aăâbcdđeêghiklmnoôơpqrstuưvxyàáạảãằắặẳẵầấậẩẫèéẹẻẽềếệểễìíịỉĩòóọỏõồốộổỗờớợởỡùúụủũừứựửữỳýỵỷỹ",
    "ĐĂÂÊÔƠƯÀÁẠẢÃẰẮẶẲẴẦẤẬẨẪÈÉẸẺẼỀẾỆỂỄ",
    " \n\n\t\r\r\n.,;:()[]{}\"'`<>/|*_#-–—+•…“”‘’«»",
    "0123456789",
    "Điều Khoản Chương Mục QUYẾT ĐỊNH QUY CHẾ Nơi nhận TM. KT. Căn cứ Ban Chỉ đạo Tổ Công tác ",
    "😀𝔄𝕏中文한국어العربيةעברית",
)


def random_input(rng: random.Random, texts: Sequence[str]) -> tuple[bytes, str, str]:
    """A random (data, file name, description) from the seed texts."""
    text = texts[rng.randrange(len(texts))]
    size = 0 if rng.random() < 0.02 else rng.randint(8, 120)
    # most windows keep the header (title and number), so that extraction gets far
    text = window(text, 0 if rng.random() < 0.6 else rng.randrange(1 << 16), size)
    mutations = []
    for _ in range(rng.randint(1, 4)):
        op = rng.choice(list(OPS))
        a, b = rng.randrange(1 << 20), rng.randrange(1 << 12)
        s = ""
        if op == "insert":
            pool = rng.choice(_UNICODE_POOLS)
            s = "".join(rng.choice(pool) for _ in range(rng.randint(1, 40)))
            if rng.random() < 0.2:
                s = "".join(chr(rng.randrange(0x20, 0x2FFFF)) for _ in range(rng.randint(1, 20)))
                s = "".join(c for c in s if not 0xD800 <= ord(c) <= 0xDFFF)
        elif op == "control":
            s = "".join(rng.choice(CONTROL_CHARS) for _ in range(rng.randint(1, 10)))
        elif op == "case":
            s = rng.choice(("upper", "strip"))
        elif op == "repeat" and rng.random() < 0.5:
            s = rng.choice(("**", "- ", "Điều ", "1.", "a) ", "|", "\n", " ", "(", "Căn cứ ", "Số: "))
        elif op == "renumber":
            b = rng.choice((0, 1, 2, 3, 5, 9, 10, 99, 999, 1000, 12345, rng.randrange(200)))
        mutations.append(Mutation(op, a, b, s))
    encoding = rng.choice(ENCODINGS) if rng.random() < 0.4 else "utf-8"
    byte_edits = []
    if rng.random() < 0.25:
        for _ in range(rng.randint(1, 3)):
            op = rng.choice(BYTE_OPS)
            raw = bytes(rng.randrange(256) for _ in range(rng.randint(1, 16)))
            byte_edits.append(Mutation(op, rng.randrange(1 << 20), rng.randrange(256), raw.decode("latin-1")))
    data = apply(text, mutations, encoding, byte_edits)
    suffix = rng.choices((".txt", ".md", "", ".docx", ".pdf"), weights=(70, 10, 10, 6, 4))[0]
    data = _as_container(data, suffix)
    described = f"{[m.op for m in mutations]} {encoding} {[m.op for m in byte_edits]} {suffix or 'no suffix'}"
    return data, f"fuzz{suffix}", described


@dataclass(frozen=True, slots=True)
class Outcome:
    """What one input did: ``facts``, ``refused`` (a ParseError) or ``crash`` (anything else)."""

    kind: str
    seconds: float
    detail: str = ""


def run_one(data: bytes, name: str) -> Outcome:
    """read_bytes -> parse -> extract on one input."""
    from govkg.loaders.extract import extract
    from govkg.loaders.parse import parse
    from govkg.loaders.read import read_bytes

    from govkg.errors import ParseError

    started = time.perf_counter()
    try:
        extract(parse(read_bytes(data, name)))
        kind, detail = "facts", ""
    except ParseError as err:
        kind, detail = "refused", str(err)
    except Exception:
        kind, detail = "crash", traceback.format_exc()
    return Outcome(kind, time.perf_counter() - started, detail)


# --------------------------------------------------------------------------- the loop
def _worker(args: tuple[int, int, int, str, float]) -> dict:
    seed, start, count, crashes, slow = args
    texts = seed_texts()
    stats: Counter[str] = Counter()
    reasons: Counter[str] = Counter()
    slowest = (0.0, "")
    crashed: list[str] = []
    slow_inputs: list[str] = []
    for i in range(start, start + count):
        rng = random.Random(f"{seed}:{i}")
        data, name, described = random_input(rng, texts)
        outcome = run_one(data, name)
        stats[outcome.kind] += 1
        if outcome.kind == "refused":
            reasons[outcome.detail.split(": ", 1)[-1].split(" (")[0][:50]] += 1
        if outcome.seconds > slowest[0]:
            slowest = (outcome.seconds, f"#{i} {described} {len(data)} B")
        if outcome.kind == "crash" or outcome.seconds > slow:
            folder = Path(crashes)
            folder.mkdir(parents=True, exist_ok=True)
            tag = "crash" if outcome.kind == "crash" else "slow"
            (folder / f"{tag}-{seed}-{i}{Path(name).suffix or '.bin'}").write_bytes(data)
            (folder / f"{tag}-{seed}-{i}.txt").write_text(f"{described}\n{outcome.seconds:.2f} s\n{outcome.detail}", encoding="utf-8")
            (crashed if tag == "crash" else slow_inputs).append(f"#{i} {described}: {outcome.detail.strip().splitlines()[-1] if outcome.detail else ''}")
    return {"stats": stats, "reasons": reasons, "slowest": slowest, "crashes": crashed, "slow": slow_inputs}


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--examples", type=int, default=100_000, help="number of inputs (default 100000)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--workers", type=int, default=min(2, os.cpu_count() or 1), help="processes (default 2)")
    parser.add_argument("--crashes", default="fuzz-crashes", help="folder for crashing and slow inputs")
    parser.add_argument("--slow", type=float, default=10.0, help="report inputs slower than this (s)")
    args = parser.parse_args(argv)

    started = time.perf_counter()
    workers = max(1, args.workers)
    chunk = 500
    jobs = [
        (args.seed, s, min(chunk, args.examples - s), args.crashes, args.slow) for s in range(0, args.examples, chunk)
    ]
    stats: Counter[str] = Counter()
    reasons: Counter[str] = Counter()
    slowest = (0.0, "")
    crashes: list[str] = []
    slow: list[str] = []
    done = 0
    ctx = multiprocessing.get_context("fork" if sys.platform != "win32" else "spawn")
    with ctx.Pool(workers) as pool:
        for result in pool.imap_unordered(_worker, jobs):
            stats.update(result["stats"])
            reasons.update(result["reasons"])
            slowest = max(slowest, result["slowest"])
            crashes += result["crashes"]
            slow += result["slow"]
            done += sum(result["stats"].values())
            elapsed = time.perf_counter() - started
            print(f"  {done:>7} inputs  {elapsed:7.0f} s  {dict(stats)}", flush=True)
    elapsed = time.perf_counter() - started
    print(f"fuzz_loader: {done} inputs in {elapsed:.0f} s ({done / max(elapsed, 1e-9):.0f}/s, {workers} workers, seed {args.seed})")
    print(f"  outcomes: facts {stats['facts']}, refused (ParseError) {stats['refused']}, crash {stats['crash']}")
    print(f"  top refusals: {dict(reasons.most_common(8))}")
    print(f"  slowest input: {slowest[0]:.2f} s ({slowest[1]})")
    for line in crashes[:20]:
        print(f"  CRASH {line}")
    for line in slow[:20]:
        print(f"  SLOW {line}")
    ok = not crashes and not slow and done == args.examples
    print("RESULT: " + ("PASS (no exception but ParseError escaped)" if ok else f"FAIL ({len(crashes)} crashes, {len(slow)} slow; inputs in {args.crashes}/)"))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
