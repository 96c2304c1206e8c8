"""Every quote is the source's own words: ``sourceText[quoteStart:quoteEnd] == quote``.

The promise auditors rely on (docs/guarantees.md): an edge's quote is the exact span of the
charter file's text as decoded, before any clean-up or normalisation, and the charter keeps
that text so the span can be checked and shown.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from govkg.graph.embedded import EmbeddedStore
from govkg.loaders.extract import extract
from govkg.loaders.parse import parse
from govkg.loaders.read import read_bytes, read_text
from govkg.ontology.facts import evidence, is_folded
from govkg.ontology.vocab import Label, Prop, Rel
from govkg.pipeline import SAMPLE_CHARTERS, load_paths

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
    # a folded inferred edge holds its quotes in its evidence: each entry is checked the same way
    quoted = [(e, q) for e in facts.edges for q in evidence(e) if q[Prop.quote]]
    assert quoted
    for e, q in quoted:
        assert source[q[Prop.quoteStart] : q[Prop.quoteEnd]] == q[Prop.quote], (e.type, q[Prop.rule])


def test_every_evidence_quote_is_a_span_of_its_own_charters_source(tmp_path):
    """Loaded together, the samples share folded inferred edges: each evidence entry quotes the
    source of the charter it names, not of the charter that was loaded first."""
    with EmbeddedStore(tmp_path / "store") as store:
        load_paths(store, [SAMPLE_CHARTERS], validate=False)
        facts = store.export_facts()
    sources = {n.id: n.props[Prop.sourceText] for n in facts.nodes_with(Label.Charter)}
    folded = [e for e in facts.edges if is_folded(e)]
    assert any(len(set(e.props[Prop.charters])) > 1 for e in folded), "no pair is implied by two charters"
    entries = [q for e in folded for q in evidence(e) if q[Prop.quote]]
    assert entries
    for q in entries:
        assert sources[q[Prop.charter]][q[Prop.quoteStart] : q[Prop.quoteEnd]] == q[Prop.quote], q
    assert all(q[Prop.quoteStart] == q[Prop.quoteEnd] == -1 for e in folded for q in evidence(e) if not q[Prop.quote])


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
