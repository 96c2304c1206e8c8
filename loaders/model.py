"""The document model: typed, immutable values handed from the reader to the parser to the extractor.

Offsets (``start``/``end``) always index into ``SourceText.text``, the normalised text;
``SourceText.original_span`` maps them back to the file's own characters, so that a quote
can be shown verbatim as the file has it.

Examples
--------
>>> p = Provision(kind="article", label="9", title="Cơ quan thường trực", text="Điều 9. Cơ quan thường trực",
...               start=0, end=27, ref="quy-che/dieu-9", human="Quy chế, Điều 9")
>>> p.ref
'quy-che/dieu-9'
>>> list(p.walk()) == [p]
True
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field

__all__ = [
    "Citation",
    "Closing",
    "Document",
    "Header",
    "Part",
    "PartialDate",
    "Proposer",
    "Provision",
    "Signature",
    "SourceText",
]


@dataclass(frozen=True, slots=True)
class SourceText:
    """A file read and normalised.

    ``text`` is NFC with one tone-mark placement, conversion debris removed and hard
    wraps rejoined. ``offsets[i]`` is the index in ``original`` of ``text[i]``
    (``len(offsets) == len(text) + 1``).
    """

    path: str
    original: str
    text: str
    offsets: tuple[int, ...]
    encoding: str
    sha256: str
    media_type: str = "text/plain"

    def original_span(self, start: int, end: int) -> tuple[int, int]:
        """The span of ``original`` that ``text[start:end]`` came from, tight at both ends.

        It starts at the first character's origin and ends just past the last one's (with
        any combining marks the normalisation composed into it), so clean-up debris after
        the span (``**``, a page number, a line break) is left out, and what lies inside is
        kept as the file has it.

        >>> src = SourceText("a", "Uỷ  **ban**\\nnhân", "Ủy ban nhân", (0, 1, 2, 6, 7, 8, 11, 12, 13, 14, 15, 16), "utf-8", "")
        >>> a, b = src.original_span(0, 6); src.original[a:b]
        'Uỷ  **ban'
        """
        if end <= start:
            a = self.offsets[start]
            return a, a
        a = self.offsets[start]
        b = max(self.offsets[end - 1] + 1, a)
        original = self.original
        while b < len(original) and unicodedata.combining(original[b]):
            b += 1
        return a, b

    def quote(self, start: int, end: int) -> str:
        """The file's own words for ``text[start:end]``: what provenance quotes store."""
        a, b = self.original_span(start, end)
        return self.original[a:b]


@dataclass(frozen=True, slots=True)
class PartialDate:
    """A date that may lack its day or month, as drafts leave them blank.

    >>> PartialDate(2026, 6, None).iso
    '2026-06'
    >>> PartialDate(2026, 7, 1).iso
    '2026-07-01'
    """

    year: int | None
    month: int | None = None
    day: int | None = None

    @property
    def iso(self) -> str | None:
        if self.year is None:
            return None
        out = f"{self.year:04d}"
        if self.month:
            out += f"-{self.month:02d}"
            if self.day:
                out += f"-{self.day:02d}"
        return out

    @property
    def complete(self) -> bool:
        return bool(self.year and self.month and self.day)


@dataclass(frozen=True, slots=True)
class Citation:
    """A cited act: a legal basis (Căn cứ), a replaced decision, or a reference in the text.

    ``number`` is normalised (``57-NQ/TW``, ``269/2025/NĐ-CP``); ``number_raw`` is as written.
    """

    doc_type: str | None  # Luật, Nghị định, Nghị quyết, Quyết định, Quy chế, Điều lệ, Kế hoạch, ...
    number: str | None
    number_raw: str | None
    issuer: str | None
    issued_on: PartialDate | None
    title: str | None
    text: str
    start: int
    end: int
    ref: str = ""  # provision ref of the place it is cited, e.g. "quyet-dinh/can-cu/3"


@dataclass(frozen=True, slots=True)
class Proposer:
    """'Theo đề nghị của …' / 'Xét đề nghị của …', with the Tờ trình if any."""

    who: str
    submission: Citation | None
    text: str
    start: int
    end: int
    ref: str


@dataclass(frozen=True, slots=True)
class Provision:
    """One node of the provision tree.

    ``kind`` is one of ``chapter``, ``section``, ``article``, ``clause``, ``point``,
    ``bullet``, ``paragraph``. ``text`` is the provision's whole text (its heading
    included, its children included), ``text == source.text[start:end]``.
    """

    kind: str
    label: str
    title: str
    text: str
    start: int
    end: int
    ref: str
    human: str
    children: tuple[Provision, ...] = ()

    def walk(self) -> Iterator[Provision]:
        yield self
        for child in self.children:
            yield from child.walk()


@dataclass(frozen=True, slots=True)
class Signature:
    """The signature block: 'TM. …', 'KT. …', 'Q. …' authority line, titles, signer name."""

    authority: str | None
    titles: tuple[str, ...]
    signer: str | None
    text: str
    start: int
    end: int
    ref: str


@dataclass(frozen=True, slots=True)
class Closing:
    """'Nơi nhận' recipients and the signature."""

    recipients: tuple[str, ...]
    signature: Signature | None
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Header:
    """The masthead and title block of a part."""

    issuing_bodies: tuple[str, ...]  # the issuing-body block lines, joined per body
    motto: str | None
    number: str | None  # normalised, None when blank in a draft
    number_raw: str | None
    place: str | None
    date: PartialDate | None
    doc_type: str | None  # Quyết định, Quy chế, Quy định, Thông báo, ...
    title: str | None
    issuer_line: str | None  # "TRƯỞNG BAN CHỈ ĐẠO …", "ỦY BAN NHÂN DÂN PHƯỜNG HẢI AN"
    attached_to: Citation | None  # "(Ban hành kèm theo Quyết định số …)"
    start: int
    end: int

    @property
    def is_draft(self) -> bool:
        return self.number is None or self.date is None or not self.date.complete


@dataclass(frozen=True, slots=True)
class Part:
    """A decision, or a regulation attached to it, with its own article numbering.

    ``slug`` is the ref prefix: ``quyet-dinh``, ``quy-che``, ``quy-dinh``, …
    """

    kind: str  # decision | regulation
    slug: str
    name: str  # human prefix: "Quyết định", "Quy chế"
    header: Header
    bases: tuple[Citation, ...]
    proposer: Proposer | None
    provisions: tuple[Provision, ...]  # top level: chapters (holding articles) or articles
    closing: Closing | None
    start: int
    end: int

    def articles(self) -> list[Provision]:
        return [p for top in self.provisions for p in top.walk() if p.kind == "article"]

    def chapters(self) -> list[Provision]:
        return [p for p in self.provisions if p.kind in ("chapter", "section")]

    def walk(self) -> Iterator[Provision]:
        for top in self.provisions:
            yield from top.walk()


@dataclass(frozen=True, slots=True)
class Document:
    """A whole charter file: one or more parts."""

    source: SourceText
    parts: tuple[Part, ...] = field(default_factory=tuple)
    #: why the text looks cut off (a partial copy: header, preamble and first articles), else None
    truncated: str | None = None

    @property
    def path(self) -> str:
        return self.source.path

    @property
    def main(self) -> Part:
        """The part that frames the file: the decision if there is one, else the first part."""
        return self.parts[0]

    def provisions(self) -> Iterator[Provision]:
        for part in self.parts:
            yield from part.walk()

    def find(self, ref: str) -> Provision | None:
        for p in self.provisions():
            if p.ref == ref:
                return p
        return None
