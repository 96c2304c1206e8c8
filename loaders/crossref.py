"""Internal cross-references: "theo quy định tại Điều 18 của Quy chế này", "khoản 1, 2 Điều này".

A charter's provisions cite one another. :func:`find_references` reads every provision's
own text (its heading and words before its first child, so that a sentence is read once)
and finds chains of units, smallest first, the way Vietnamese drafting writes them:
``điểm a khoản 2 Điều 5``, ``khoản 1, 2, 3, 4 Điều này``, ``từ Điều 5 đến Điều 8``,
``Chương II``. Matching is accent- and case-insensitive.

Each chain is resolved inside the document:

- ``Điều này`` / ``khoản này`` / ``điểm này`` name the citing provision's own article,
  clause or point; a chain without an article (``khoản 2``) is read in the citing article,
  one without a clause (``điểm a``) in the citing clause;
- ``… của Quy chế này`` (Quy định, Điều lệ, "Quy chế ban hành kèm theo Quyết định này")
  names the attached regulation, ``… Quyết định này`` the decision; no qualifier, the
  citing part;
- a chain followed by another act (``khoản 2 Điều 5 Luật Tổ chức chính quyền địa phương``,
  ``Điều 1 Quyết định số 1455/QĐ-UBND``) is external and left alone.

:func:`cross_references` turns them into ``REFERS_TO`` edges from the citing Provision to
the cited one, with provenance (``quote`` = the reference words, e.g. "theo quy định tại
Điều 18 của Quy chế này") and the cited address in ``ref``/``human``. A reference to a
provision the document does not have (a *dangling* one) points at the Charter node
instead, keeping the address it meant in ``ref``: ``govkg audit`` reports it
(``xref.dangling``), and :func:`topic_fits` lets it check that a cited article is about
what the citing words say (``xref.mismatch``).

Examples
--------
>>> from govkg.loaders.read import read_bytes
>>> from govkg.loaders.parse import parse
>>> text = ("QUY CHẾ\\nLàm việc của Ban Chỉ đạo\\n"
...         "Điều 1. Nhiệm vụ của thành viên\\n1. Báo cáo định kỳ theo quy định tại Điều 2 của Quy chế này.\\n"
...         "2. Thực hiện khoản 1 Điều này và khoản 9 Điều 2.\\n"
...         "Điều 2. Chế độ báo cáo\\n1. Định kỳ hằng tháng, thành viên báo cáo Trưởng Ban.\\n")
>>> doc = parse(read_bytes(text.encode(), "q.txt"))
>>> [(r.source.ref, r.target_ref, r.resolved, r.quote) for r in find_references(doc)]  # doctest: +NORMALIZE_WHITESPACE
[('quy-che/dieu-1/khoan-1', 'quy-che/dieu-2', True, 'theo quy định tại Điều 2 của Quy chế này'),
 ('quy-che/dieu-1/khoan-2', 'quy-che/dieu-1/khoan-1', True, 'khoản 1 Điều này'),
 ('quy-che/dieu-1/khoan-2', 'quy-che/dieu-2/khoan-9', False, 'khoản 9 Điều 2')]
>>> edges = cross_references(doc, "charter:q")
>>> [(e.source, e.target) for e in edges][-1]
('charter:q#quy-che/dieu-1/khoan-2', 'charter:q')
>>> topic_fits("chế độ báo cáo định kỳ, đột xuất", "Điều 2. Chế độ báo cáo")
True
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from govkg.loaders.model import Document, Part, Provision
from govkg.loaders.rules import Rule
from govkg.ontology.facts import Edge, edge_id
from govkg.ontology.vocab import Prop, Rel
from govkg.vn.text import deaccent, fold

__all__ = [
    "DANGLING",
    "INTERNAL",
    "RELATIVE",
    "RULES",
    "Reference",
    "content_tokens",
    "cross_references",
    "find_references",
    "heading_of",
    "provision_id",
    "reference_topic",
    "topic_fits",
]

# --------------------------------------------------------------------------- grammar
# Labels by unit (on deaccented text: "điểm đ" reads "diem d"); "nay" is "this one".
_LABEL = {
    "dieu": r"\d+[a-z]?\b",
    "khoan": r"\d+(?:\.\d+)*\b",
    "diem": r"[a-z]\b(?![\d.)/])",
    "chuong": r"[IVXLC]+\b|\d+\b",
    "muc": r"\d+\b|[IVXLC]+\b",
}
_UNIT = re.compile(r"\b(?P<unit>dieu|khoan|diem|chuong|muc)\s+(?=\S)", re.IGNORECASE)
# "trọng điểm", "thời điểm", "tài khoản": the same syllables, not units
# (read on the accented text: "tại khoản 1" is a reference, "tài khoản" an account)
_NOT_UNIT = {
    "diem": re.compile(r"\b(?:trọng|thời|địa|đặc|quan|ưu|khởi)\s+$", re.IGNORECASE),
    "khoan": re.compile(r"\b(?:tài|ngân|một|các)\s+$", re.IGNORECASE),
}
_NAY = re.compile(r"nay\b", re.IGNORECASE)
# Between list items: "1, 2, 3", "1 và 2", "1 hoặc 2", "5 đến 8", "5 - 8", "khoản 1 và khoản 2".
_SEP = re.compile(r"\s*(?:,\s*|;\s*)?(?P<word>va|hoac|den|toi|-|–)?\s*(?:(?P<again>dieu|khoan|diem)\s+)?", re.IGNORECASE)
_RANGE_WORDS = frozenset({"den", "toi", "-", "–"})
# Between two groups of a chain: "khoản 2 Điều 5", "khoản 2, Điều 5", "khoản 2 của Điều 5".
_LINK = re.compile(r"\s*,?\s*(?:cua\s+|tai\s+)?(?=(?:dieu|khoan|diem|chuong|muc)\s)", re.IGNORECASE)
_RANK = {"diem": 0, "khoan": 1, "dieu": 2, "muc": 3, "chuong": 4}
# "… của Quy chế này", "… Quy chế ban hành kèm theo Quyết định này", "… Quyết định này"
_THIS_DOC = re.compile(
    r"\s*,?\s*(?:cua\s+|tai\s+)?(?:ban\s+)?(?P<doc>quy\s+che|quy\s+dinh|dieu\s+le|quyet\s+dinh|ke\s+hoach|huong\s+dan|chuong\s+trinh)"
    r"(?P<attached>\s+(?:(?:ban\s+hanh|duoc\s+ban\s+hanh)\s+)?kem\s+theo\s+quyet\s+dinh)?\s+nay\b",
    re.IGNORECASE,
)
# another act named right after the chain: the reference is external
_OTHER_DOC = re.compile(
    r"\s*,?\s*(?:cua\s+|tai\s+)?(?:luat|bo\s+luat|hien\s+phap|phap\s+lenh|nghi\s+dinh|nghi\s+quyet|thong\s+tu|quyet\s+dinh|chi\s+thi|"
    r"quy\s+che|quy\s+dinh|dieu\s+le|ke\s+hoach|huong\s+dan|van\s+ban|cong\s+van|thong\s+bao|ket\s+luan)\b",
    re.IGNORECASE,
)
# the lead-in words that belong to the quote: "theo quy định tại", "được quy định cụ thể tại", "nêu tại"
_LEAD_IN = re.compile(
    r"(?:(?:theo\s+)?(?:(?:duoc\s+)?(?:quy\s+dinh|neu|ghi)(?:\s+cu\s+the)?\s+)?tai\s+|theo\s+|nhu\s+)$",
    re.IGNORECASE,
)
_DOC_PART = {"quyet dinh": "decision"}  # the other documents "này" names are the regulation


@dataclass(frozen=True, slots=True)
class Reference:
    """One cited provision: where the words stand, what they mean, and whether it exists.

    ``target`` is the cited provision, ``None`` when the document has none at
    ``target_ref`` (a dangling reference); ``start``/``end`` index the normalised text.
    """

    source: Provision
    target: Provision | None
    target_ref: str
    target_human: str
    quote: str
    start: int
    end: int
    relative: bool  # "Điều này", "khoản 2" read in the citing provision

    @property
    def resolved(self) -> bool:
        return self.target is not None


@dataclass(frozen=True, slots=True)
class _Group:
    unit: str
    labels: tuple[str, ...]  # "nay" for "this one"


# --------------------------------------------------------------------------- scanning
def _own_end(p: Provision) -> int:
    return p.children[0].start if p.children else p.end


def _labels(plain: str, pos: int, unit: str) -> tuple[list[str], int]:
    """The label list of one group starting at ``pos``; returns (labels, end)."""
    label = re.compile(_LABEL[unit], 0 if unit in ("chuong", "muc") else re.IGNORECASE)
    m = _NAY.match(plain, pos) or label.match(plain, pos)
    if not m:
        return [], pos
    out, end = [m.group(0)], m.end()
    if _NAY.fullmatch(m.group(0)):
        return ["nay"], end
    while True:
        sep = _SEP.match(plain, end)
        if not sep or sep.end() == end:
            break
        again = (sep.group("again") or "").lower()
        if again and again != unit:
            break  # "khoản 1 và Điều 3": a new chain, not a list item
        nxt = label.match(plain, sep.end())
        if not nxt or _NAY.fullmatch(nxt.group(0)):
            break
        if (sep.group("word") or "").lower() in _RANGE_WORDS and out[-1].isdigit() and nxt.group(0).isdigit():
            lo, hi = int(out[-1]), int(nxt.group(0))
            if lo < hi <= lo + 50:
                out += [str(i) for i in range(lo + 1, hi + 1)]
                end = nxt.end()
                continue
        out.append(nxt.group(0))
        end = nxt.end()
    return out, end


def _chains(text: str, plain: str, lo: int, hi: int) -> Iterator[tuple[int, int, list[_Group], str | None, bool]]:
    """(start, end, groups smallest first, part hint, attached) for each internal chain in plain[lo:hi]."""
    pos = lo
    while True:
        m = _UNIT.search(plain, pos, hi)
        if not m:
            return
        not_unit = _NOT_UNIT.get(m.group("unit").lower())
        if not_unit and not_unit.search(text[max(lo, m.start() - 8) : m.start()]):
            pos = m.end()
            continue
        start, groups, end = m.start(), [], m.start()
        cur = m
        while cur:
            unit = cur.group("unit").lower()
            labels, lend = _labels(plain, cur.end(), unit)
            if not labels or lend > hi:
                break
            if groups and _RANK[unit] <= _RANK[groups[-1].unit]:
                break  # the chain goes from small to large units
            groups.append(_Group(unit, tuple(labels)))
            end = lend
            link = _LINK.match(plain, end, hi)
            cur = _UNIT.match(plain, link.end(), hi) if link else None
        if not groups:
            pos = m.end()
            continue
        pos = end
        this = _THIS_DOC.match(plain, end, hi)
        if this:
            doc = re.sub(r"\s+", " ", this.group("doc").lower())
            hint = "regulation" if this.group("attached") else _DOC_PART.get(doc, "regulation")
            yield start, this.end(), groups, hint, True
            pos = this.end()
            continue
        if _OTHER_DOC.match(plain, end, hi):
            continue  # an article of another act
        yield start, end, groups, None, False


# --------------------------------------------------------------------------- resolution
def _ref_label(label: str) -> str:
    # the parser writes "đ" as "dd" in refs
    return label.lower().replace("đ", "dd")


def _trail(part: Part, target: Provision) -> list[Provision]:
    """The provisions of the part that hold ``target`` (itself included), outermost first."""
    holders = [p for p in part.walk() if p.start <= target.start and target.end <= p.end]
    return sorted(holders, key=lambda p: (p.start - p.end, p.start))


def _child(parent: Provision | Part, kind: str, label: str) -> Provision | None:
    """The provision of ``kind`` labelled ``label`` under ``parent`` (through paragraphs and headings)."""
    folded = fold(label)
    for p in parent.provisions if isinstance(parent, Part) else parent.children:
        if p.kind == kind and fold(p.label) == folded:
            return p
        if p.kind in ("paragraph", "section", "chapter"):
            found = _child(p, kind, label)
            if found is not None:
                return found
    return None


def _article(part: Part, label: str) -> Provision | None:
    folded = fold(label)
    return next((a for a in part.articles() if fold(a.label) == folded), None)


def _chapter(part: Part, label: str) -> Provision | None:
    folded = fold(label)
    return next((c for c in part.chapters() if fold(c.label) == folded), None)


def _human(part: Part, units: list[tuple[str, str]]) -> str:
    names = {"chuong": "Chương", "muc": "Mục", "dieu": "Điều", "khoan": "khoản", "diem": "điểm"}
    return ", ".join([part.name, *(f"{names[u]} {label}" for u, label in units)])


_ROMAN = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}


def _arabic(label: str) -> str:
    """Chapters and sections are numbered in refs: "II" → "2"."""
    if not label or not set(label) <= set(_ROMAN):
        return label
    total = 0
    for i, ch in enumerate(label):
        v = _ROMAN[ch]
        total += -v if i + 1 < len(label) and _ROMAN[label[i + 1]] > v else v
    return str(total)


def _slug(unit: str, label: str) -> str:
    if unit in ("chuong", "muc"):
        label = _arabic(label)
    return f"{unit}-{_ref_label(label)}"


def _resolve(
    doc: Document, part: Part, source: Provision, groups: list[_Group], hint: str | None
) -> Iterator[tuple[Provision | None, str, str, bool]]:
    """(target or None, intended ref, human label, relative) for each cited provision."""
    if hint == "decision":
        target_part = next((p for p in doc.parts if p.kind == "decision"), None)
    elif hint == "regulation":
        target_part = next((p for p in doc.parts if p.kind == "regulation"), None)
    else:
        target_part = part
    if target_part is None:
        return  # "Quyết định này" in a regulation filed without its decision: not in this file
    trail = _trail(part, source) if target_part is part else []
    here = {p.kind: p for p in trail}
    by_unit = {g.unit: g for g in groups}
    relative = any("nay" in g.labels for g in groups) or (target_part is part and "dieu" not in by_unit and "chuong" not in by_unit)

    if "chuong" in by_unit or "muc" in by_unit:
        for label in by_unit.get("chuong", _Group("chuong", ("",))).labels:
            chapter = _chapter(target_part, label) if label else None
            units = [("chuong", label)] if label else []
            ref = "/".join([target_part.slug, *(_slug(u, v) for u, v in units)])
            if "muc" in by_unit:
                for m in by_unit["muc"].labels:
                    section = _child(chapter, "section", m) if chapter else None
                    yield section, f"{ref}/{_slug('muc', m)}", _human(target_part, [*units, ("muc", m)]), relative
            elif label:
                yield chapter, ref, _human(target_part, units), relative
        return

    articles: list[tuple[Provision | None, str]] = []
    if "dieu" in by_unit:
        for label in by_unit["dieu"].labels:
            if label == "nay":
                if "article" in here:
                    articles.append((here["article"], here["article"].label))
            else:
                articles.append((_article(target_part, label), label))
    elif "article" in here:
        articles.append((here["article"], here["article"].label))
    for article, alabel in articles:
        units = [("dieu", alabel)]
        base_ref = f"{target_part.slug}/{_slug('dieu', alabel)}"
        if "khoan" not in by_unit and "diem" not in by_unit:
            yield article, base_ref, _human(target_part, units), relative
            continue
        clauses: list[tuple[Provision | None, str | None]] = []
        if "khoan" in by_unit:
            for label in by_unit["khoan"].labels:
                if label == "nay":
                    if "clause" in here:
                        clauses.append((here["clause"], here["clause"].label))
                else:
                    clauses.append((_child(article, "clause", label) if article else None, label))
        elif "clause" in here and article is here.get("article"):
            clauses.append((here["clause"], here["clause"].label))
        else:
            clauses.append((article, None))  # "điểm a Điều 5": points straight under the article
        for clause, clabel in clauses:
            cunits = [*units, ("khoan", clabel)] if clabel else units
            cref = f"{base_ref}/{_slug('khoan', clabel)}" if clabel else base_ref
            if "diem" not in by_unit:
                yield clause, cref, _human(target_part, cunits), relative
                continue
            for label in by_unit["diem"].labels:
                if label == "nay":
                    if "point" in here:
                        yield here["point"], f"{cref}/{_slug('diem', here['point'].label)}", _human(target_part, [*cunits, ("diem", here["point"].label)]), True
                    continue
                point = _child(clause, "point", label) if clause else None
                yield point, f"{cref}/{_slug('diem', label)}", _human(target_part, [*cunits, ("diem", label)]), relative


def find_references(document: Document, plain: str | None = None) -> list[Reference]:
    """Every internal reference in the document's provisions, in text order.

    A provision's own text is read (its heading and the words before its first child),
    so a reference is found once, in the deepest provision that holds it. A provision
    citing itself ("Điều này" in an article with no clauses) is left out. ``plain`` is
    ``deaccent`` of the document's text when the caller has it already.
    """
    text = document.source.text
    plain = deaccent(text) if plain is None else plain
    out: list[Reference] = []
    for part in document.parts:
        for p in part.walk():
            lo, hi = p.start, _own_end(p)
            # skip the provision's own label ("Điều 5.", "Chương II"): it is not a reference
            head = re.match(r"\s*(?:(?:dieu|chuong|muc)\s+[\dIVXLC]+[a-z]?\s*[.:\-]?)?", plain[lo:hi], re.IGNORECASE)
            lo += head.end() if head and p.kind in ("article", "chapter", "section") else 0
            for start, end, groups, hint, _ in _chains(text, plain, lo, hi):
                lead = _LEAD_IN.search(plain[max(lo, start - 40) : start])
                qstart = max(lo, start - 40) + lead.start() if lead else start
                quote = text[qstart:end]
                for target, ref, human, relative in _resolve(document, part, p, groups, hint):
                    if target is not None and target.ref == p.ref:
                        continue
                    out.append(Reference(p, target, target.ref if target is not None else ref, human, quote, qstart, end, relative))
    return out


INTERNAL = Rule(
    "xref.internal", "crossref", (Rel.REFERS_TO,),
    "A provision that cites another by its address (\"Điều 18 của Quy chế này\") refers to it.",
    "Thực hiện theo quy định tại Điều 18 của Quy chế này.",
)
RELATIVE = Rule(
    "xref.relative", "crossref", (Rel.REFERS_TO,),
    "A citation read in the citing article (\"khoản 1 Điều này\") refers to that provision.",
    "Thực hiện các nhiệm vụ nêu tại khoản 1 Điều này.",
)
DANGLING = Rule(
    "xref.dangling", "crossref", (Rel.REFERS_TO,),
    "A citation of a provision the charter does not have refers to the charter itself (with the address it cites).",
    "Thực hiện theo quy định tại Điều 99 của Quy chế này.",
)
RULES = (INTERNAL, RELATIVE, DANGLING)


def provision_id(charter_id: str, ref: str) -> str:
    """The id of a Provision node (as the extractor makes it).

    >>> provision_id("charter:x", "quy-che/dieu-9")
    'charter:x#quy-che/dieu-9'
    """
    return f"{charter_id}#{ref}"


def cross_references(document: Document, charter_id: str, plain: str | None = None) -> list[Edge]:
    """``REFERS_TO`` edges for the document's internal references, with provenance.

    Resolved: citing Provision → cited Provision (rule ``xref.internal``, or
    ``xref.relative`` for "Điều này", "khoản 2" read in the citing article). Dangling:
    citing Provision → the Charter (rule ``xref.dangling``). Every edge carries ``ref``
    and ``human``, the address the words cite, besides the usual provenance (``plain``: see
    :func:`find_references`).
    """
    edges: list[Edge] = []
    seen: set[str] = set()
    for r in find_references(document, plain):
        source = provision_id(charter_id, r.source.ref)
        target = provision_id(charter_id, r.target.ref) if r.target is not None else charter_id
        rule = DANGLING if r.target is None else RELATIVE if r.relative else INTERNAL
        props = {
            Prop.charter.value: charter_id,
            Prop.provision.value: r.source.ref,
            Prop.quote.value: document.source.quote(r.start, r.end),
            Prop.quoteStart.value: document.source.original_span(r.start, r.end)[0],
            Prop.quoteEnd.value: document.source.original_span(r.start, r.end)[1],
            Prop.start.value: r.start,
            Prop.end.value: r.end,
            Prop.rule.value: rule.id,
            Prop.confidence.value: 0.95 if r.target is not None and not r.relative else 0.9,
            Prop.ref.value: r.target_ref,
            Prop.human.value: r.target_human,
        }
        # one edge per reference occurrence (the same words may cite several provisions)
        eid = edge_id(Rel.REFERS_TO.value, source, target, r.source.ref, f"{r.start}:{r.target_ref}")
        if eid in seen:
            continue
        seen.add(eid)
        props[Prop.id.value] = eid
        edges.append(Edge(Rel.REFERS_TO.value, source, target, props))
    return edges


# --------------------------------------------------------------------------- topics
# Words that say nothing about what an article is about.
_STOP = frozenset(
    """
    va cua cac nhung theo tai quy dinh nay duoc la co cho voi ve trong tren den tu khi thi de do mot moi
    ban chi dao bcd thuc hien nghiem cu the neu sau day sau tren so nhu hoac cung phai viec
    dieu khoan diem chuong muc
    """.split()
)
_WORD = re.compile(r"[a-z0-9]+")
_BOUNDARY = re.compile(r"[.;:!?\n]")


def content_tokens(text: str) -> set[str]:
    """The folded syllables of ``text`` that carry meaning (stop words dropped).

    >>> sorted(content_tokens("Chế độ báo cáo của Ban Chỉ đạo"))
    ['bao', 'cao', 'che']
    """
    return {w for w in _WORD.findall(deaccent(text).lower()) if w not in _STOP and not w.isdigit()}


def heading_of(text: str) -> str:
    """A provision's heading: its first line without the label, cut at the first ':' or '.'.

    >>> heading_of("Điều 18. Chế độ báo cáo\\n1. Định kỳ …")
    'Chế độ báo cáo'
    >>> heading_of("2. Thành viên Tổ Giúp việc: báo cáo hằng tháng.")
    'Thành viên Tổ Giúp việc'
    """
    first = (text or "").strip().split("\n", 1)[0]
    first = re.sub(r"^\s*(?:Điều\s+\d+[a-z]?\s*[.:\-]?|\d+(?:\.\d+)*\s*[.\-)]|[a-zđ]\)|[-–+•])\s*", "", first, flags=re.IGNORECASE)
    return re.split(r"[:.;]", first, maxsplit=1)[0].strip()


def reference_topic(before: str) -> str:
    """What the citing words say the cited provision is about: the phrase before the reference.

    ``before`` is the citing text up to the reference's quote; the last clause of it
    (after the last '.', ';', ':' or line end) is the topic.

    >>> reference_topic("7. Thực hiện nghiêm chế độ báo cáo định kỳ, đột xuất ")
    'Thực hiện nghiêm chế độ báo cáo định kỳ, đột xuất'
    """
    parts = _BOUNDARY.split(before or "")
    tail = parts[-1] if parts else ""
    tail = re.sub(r"^\s*(?:\d+(?:\.\d+)*\s*[.\-)]|[a-zđ]\)|[-–+•])\s*", "", tail)
    return tail.strip(" ,")


def _conjuncts(topic: str) -> list[str]:
    """The topic and its last conjunct: "Thủ trưởng các cơ quan và các thành viên" → also "các thành viên"."""
    parts = re.split(r"\s*(?:,|\bvà\b|\bhoặc\b)\s*", topic)
    last = parts[-1].strip() if len(parts) > 1 else ""
    return [topic, last] if last else [topic]


def topic_fits(topic: str, target_heading: str, target_text: str = "") -> bool | None:
    """Whether a cited provision is about what the citing words say; ``None`` when they say nothing.

    It fits when at least half of the cited heading's meaningful words are in the topic, or
    half of the topic's are in the heading, or every topic word is in the cited text (a
    short topic such as "các thành viên" is then found in a composition list). The topic's
    last conjunct is tried too: in "Thủ trưởng các cơ quan … và các thành viên tại Điều 1"
    the reference belongs to "các thành viên".

    >>> topic_fits("chế độ báo cáo định kỳ, đột xuất", "Kinh phí hoạt động", "Điều 19. Kinh phí hoạt động …")
    False
    >>> topic_fits("Được quy định cụ thể", "Chế độ báo cáo") is None
    True
    """
    said = False
    h = content_tokens(target_heading)
    body = content_tokens(target_text) if target_text else set()
    # the whole phrase, or its last conjunct (what "tại Điều 1" attaches to in "A, B và các thành viên tại Điều 1")
    for candidate in _conjuncts(topic):
        t = content_tokens(candidate)
        if len(t) < 2:
            continue
        said = True
        shared = len(t & h)
        if h and (shared / len(h) >= 0.5 or shared / len(t) >= 0.5):
            return True
        if body and t <= body:
            return True
    return False if said else None
