"""Every quote is the source's own words: ``sourceText[quoteStart:quoteEnd] == quote``.

The promise auditors rely on (docs/guarantees.md): an edge's quote is the exact span of the
charter file's text as decoded, before any clean-up or normalisation, and the charter keeps
that text so the span can be checked and shown.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from govkg.loaders.extract import extract
from govkg.loaders.parse import parse
from govkg.loaders.read import read_bytes, read_text
from govkg.ontology.vocab import Label, Prop, Rel
from govkg.pipeline import SAMPLE_CHARTERS

ROOT = Path(__file__).resolve().parent.parent
CHARTERS = sorted(SAMPLE_CHARTERS.glob("*.txt")) + sorted((ROOT / "tests" / "data").glob("*.txt"))


def _facts(path: Path):
    return extract(parse(read_text(path)))


@pytest.mark.parametrize("path", CHARTERS, ids=lambda p: p.name)
def test_every_quote_is_a_span_of_the_decoded_source(path):
    facts = _facts(path)
    charter = next(facts.nodes_with(Label.Charter))
    source = charter.props[Prop.sourceText]
    assert source == path.read_bytes().decode("utf-8-sig")
    quoted = [e for e in facts.edges if e.props.get(Prop.quote)]
    assert quoted
    for e in quoted:
        start, end = e.props[Prop.quoteStart], e.props[Prop.quoteEnd]
        assert source[start:end] == e.props[Prop.quote], (e.type, e.props[Prop.rule])


def test_quotes_keep_wraps_markers_and_tone_spelling():
    raw = (
        "BAN CHỈ ĐẠO\n\nQUYẾT ĐỊNH\n\nBan hành Quy chế hoạt động của Ban Chỉ đạo\n\n"
        "**Điều 1.** Cơ quan thường trực\n\n"
        "1. Công an phường là Cơ quan thường trực của Ban Chỉ đạo, giúp\n"
        "Trưởng ban; báo cáo **Uỷ ban nhân dân** phường theo Nghị quyết 57-\n\nNQ/TW.\n"
    )
    src = read_bytes(raw.encode(), "q.md")
    facts = extract(parse(src))
    quotes = [e.props[Prop.quote] for e in facts.edges if e.props.get(Prop.quote)]
    assert quotes and all(q in raw for q in quotes)
    assert any("\n" in q for q in quotes), "a quote across a line wrap keeps the line break"


def test_signature_posts_quote_the_signature_lines():
    """POST_IN from a signature title once quoted words from the top of the file (offsets of a
    joined string applied to the source): the quote is now the title as the signature has it."""
    path = SAMPLE_CHARTERS / "002_b05610f85b8ab527.txt"
    facts = _facts(path)
    from_signature = [e for e in facts.edges if e.type == Rel.POST_IN and e.props[Prop.provision].endswith("chu-ky")]
    assert from_signature
    for e in from_signature:
        assert e.props[Prop.quote].upper().startswith("CHỦ TỊCH"), e.props[Prop.quote]
