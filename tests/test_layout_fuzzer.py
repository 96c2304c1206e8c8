"""Layout fuzzer: every sample, test and genre charter, rewritten the ways real copies differ
(``tests/layouts.py``), must give the same facts.

Same facts, precisely (:func:`canonical`):

- every edge as (type, source id, target id, properties), as a multiset, where the
  properties leave out provenance that moves with the layout (``quote``, ``quoteStart``,
  ``quoteEnd``, ``start``, ``end``, and a folded edge's ``quotes``, ``quoteStarts``, ``quoteEnds``) and the edge ``id`` (a hash of the fields compared);
- every node as (id, labels, properties), leaving out where it sits in the text (``start``,
  ``end``), the text itself (a provision's ``text``, the charter's ``sourceText``, ``sha256``,
  ``path``), and comparing the charter's ``title``/``name`` case-blind with spaces
  collapsed (a capitals title is the same title);
- the charter's id is a digest of its text, so it differs between copies: it is replaced by
  one placeholder wherever it occurs (provision ids, ``charter`` properties). Every other id
  (bodies, posts, people, provisions by ref) must be equal, which pins names, endpoints and
  the provision tree.

A copy that is refused (``ParseError``) counts as changed. Each (charter, variant) pair is
compared with the facts of the charter file itself; a pair whose variant finds nothing to
rewrite is not counted. The table of unchanged shares, per variant and overall, is printed.
"""

from __future__ import annotations

import collections
import json
from functools import cache
from pathlib import Path

import pytest
from layouts import VARIANTS

from govkg.errors import GovkgError
from govkg.loaders.extract import extract
from govkg.loaders.parse import parse
from govkg.loaders.read import read_bytes, read_text
from govkg.ontology.facts import Facts
from govkg.ontology.vocab import Label, Prop
from govkg.pipeline import SAMPLE_CHARTERS

ROOT = Path(__file__).resolve().parent.parent
GENRE = ROOT / "tests" / "data" / "genre"
CHARTERS = (
    sorted(SAMPLE_CHARTERS.glob("*.txt"))
    + sorted((ROOT / "tests" / "data").glob("*.txt"))
    # the genre fixtures (issue 14), but not the texts outside the genre, which are refused
    + sorted(p for p in GENRE.glob("*.*") if p.suffix in (".txt", ".md") and not p.name.startswith("not_genre"))
)

#: Least share of transformed charters with unchanged facts, overall and per variant: the
#: levels reached, so that a regression fails. Issue 14's target is 0.95 overall.
FLOOR = 0.95
VARIANT_FLOOR = dict.fromkeys(VARIANTS, 1.0) | {
    # the header code: the date and status when the page header is lost and no "(Ban hành kèm
    # theo …)" line names the decision; aliases and titles read from a capitals title
    "no_header": 0.52, "caps_title": 0.78,
    # a clause renumbered "1." / "1)" in a charter with one clause per article reads as a paragraph
    "clause_dot": 0.66, "clause_paren": 0.94,
    # seed 004 17.2 "Với các cấp ủy …:" read as a lead-in loses its DIRECTS when its clause is renumbered "1-"
    "clause_dash": 0.93,
}

# a folded (inferred) edge keeps its evidence's quotes and offsets as lists
_EDGE_PROVENANCE = frozenset({"id", "quote", "quoteStart", "quoteEnd", "start", "end", "quotes", "quoteStarts", "quoteEnds"})
_NODE_PLACE = frozenset({"start", "end", "text", "sourceText", "sha256", "path"})
_CHARTER = "⟨charter⟩"


def _freeze(value):
    return json.dumps(value, sort_keys=True, ensure_ascii=False, default=str)


def canonical(facts: Facts) -> tuple[collections.Counter, dict[str, tuple]]:
    """The facts of one charter, with what a layout may move left out (see the module doc)."""
    cid = facts.charter_id or ""

    def unmark(value):
        if isinstance(value, str):
            return value.replace(cid, _CHARTER) if cid else value
        if isinstance(value, list | tuple):
            return [unmark(v) for v in value]
        if isinstance(value, dict):
            return {k: unmark(v) for k, v in value.items()}
        return value

    edges = collections.Counter(
        (e.type, unmark(e.source), unmark(e.target),
         _freeze(unmark({k: v for k, v in e.props.items() if k not in _EDGE_PROVENANCE})))
        for e in facts.edges
    )
    nodes = {}
    for node in facts.nodes.values():
        props = {k: v for k, v in node.props.items() if k not in _NODE_PLACE}
        if Label.Charter in node.labels:
            for key in (Prop.title, Prop.name):
                if isinstance(props.get(key), str):
                    props[key] = " ".join(props[key].split()).casefold()
        nodes[unmark(node.id)] = (sorted(node.labels), _freeze(unmark(props)))
    return edges, nodes


def differences(want, got, limit: int = 4) -> list[str]:
    """What ``got`` (canonical facts) lacks or adds against ``want``: a few lines."""
    (we, wn), (ge, gn) = want, got
    out = [f"- edge {k[:3]} {k[3][:160]}" for k in (we - ge)][:limit]
    out += [f"+ edge {k[:3]} {k[3][:160]}" for k in (ge - we)][:limit]
    for nid in sorted(set(wn) | set(gn)):
        a, b = wn.get(nid), gn.get(nid)
        if a == b or len(out) >= 3 * limit:
            continue
        if a is None or b is None:
            out.append(f"{'+' if a is None else '-'} node {nid}")
            continue
        pa, pb = json.loads(a[1]), json.loads(b[1])
        keys = sorted(k for k in set(pa) | set(pb) if pa.get(k) != pb.get(k))
        out.append(f"~ node {nid}: " + "; ".join(f"{k}: {str(pa.get(k))[:90]!r} -> {str(pb.get(k))[:90]!r}" for k in keys))
    return out


def _facts_of_text(text: str, name: str) -> Facts:
    return extract(parse(read_bytes(text.encode("utf-8"), name)))


@cache
def _baseline(path: Path):
    return canonical(extract(parse(read_text(path))))


@cache
def _clean(path: Path) -> str:
    return read_text(path).text


def run_variant(path: Path, variant: str) -> tuple[str, list[str], Facts | None, str | None]:
    """(outcome, differences, facts, text): outcome is 'same', 'changed', 'refused' or 'n/a'."""
    text = VARIANTS[variant](_clean(path))
    if text is None or text == _clean(path):
        return "n/a", [], None, None  # nothing to rewrite: the copy would measure nothing
    try:
        facts = _facts_of_text(text, path.name)
    except GovkgError as exc:
        return "refused", [str(exc)[:200]], None, text
    diff = differences(_baseline(path), canonical(facts))
    return ("changed" if diff else "same"), diff, facts, text


@pytest.fixture(scope="module")
def outcomes() -> dict[tuple[str, str], tuple]:
    return {(p.name, v): run_variant(p, v) for p in CHARTERS for v in VARIANTS}


def _table(outcomes) -> tuple[str, dict[str, float], float]:
    rows, shares = [], {}
    total = same_total = 0
    for v in VARIANTS:
        counted = [o for (_, var), o in outcomes.items() if var == v and o[0] != "n/a"]
        same = sum(o[0] == "same" for o in counted)
        shares[v] = same / len(counted) if counted else 1.0
        total += len(counted)
        same_total += same
        rows.append(f"{v:<16} {same:>3}/{len(counted):<3} {shares[v]:6.1%}")
    overall = same_total / total if total else 1.0
    rows.append(f"{'overall':<16} {same_total:>3}/{total:<3} {overall:6.1%}")
    failures = [
        f"  {name} × {v}: {o[0]}" + "".join(f"\n      {d}" for d in o[1])
        for (name, v), o in sorted(outcomes.items())
        if o[0] in ("changed", "refused")
    ]
    text = "\n".join(["", "layout fuzzer: charters with unchanged facts", *rows])
    if failures:
        text += "\nchanged:\n" + "\n".join(failures)
    return text, shares, overall


def test_share_of_copies_with_unchanged_facts(outcomes, capsys):
    text, _, overall = _table(outcomes)
    with capsys.disabled():
        print(text)
    assert overall >= FLOOR, overall


@pytest.mark.parametrize("variant", list(VARIANTS))
def test_each_variant_keeps_the_facts(outcomes, variant):
    _, shares, _ = _table(outcomes)
    failed = {name: o[1][:3] for (name, v), o in outcomes.items() if v == variant and o[0] in ("changed", "refused")}
    assert shares[variant] >= VARIANT_FLOOR[variant], failed


@pytest.mark.parametrize("path", CHARTERS, ids=lambda p: p.name)
def test_the_clean_text_read_again_has_the_same_facts(path):
    """The fixed point the variants start from: the reader's own output, read as a file, is
    the same charter (else every variant of it would differ for no fault of its layout)."""
    got = canonical(_facts_of_text(_clean(path), path.name))
    assert not differences(_baseline(path), got)


def test_a_copy_that_changes_a_fact_is_told_apart():
    """The comparison is not blind: one member post renamed is a changed fact."""
    path = SAMPLE_CHARTERS / "000_5614ed0167487373.txt"
    text = _clean(path).replace("Công an phường", "Văn phòng phường")
    assert differences(_baseline(path), canonical(_facts_of_text(text, path.name)))


def test_every_variant_applies_somewhere(outcomes):
    """A variant that rewrites nothing anywhere measures nothing."""
    for v in VARIANTS:
        assert any(o[0] != "n/a" for (_, var), o in outcomes.items() if var == v), v


def test_quotes_of_every_copy_are_spans_of_that_copy(outcomes):
    """Whatever the layout, a quote is the copy's own words (the verbatim-quote promise)."""
    for (name, v), (_, _, facts, text) in outcomes.items():
        if facts is None:
            continue
        for e in facts.edges:
            if e.props.get(Prop.quote):
                assert text[e.props[Prop.quoteStart] : e.props[Prop.quoteEnd]] == e.props[Prop.quote], (name, v)
