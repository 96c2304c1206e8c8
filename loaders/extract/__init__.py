"""Facts from a parsed charter: bodies, posts, people, relations, each edge with provenance.

``extract(document)`` walks the provision tree once. Every sentence is read with its
*implicit subject* (:mod:`.sentences`) and matched by the rule families, one module each:
:mod:`.documents` (header, legal bases, signature), :mod:`.bodies` (the committee and its
organs), :mod:`.groups` (working groups and their leaders), :mod:`.posts` (who holds which
post, ex officio or by name), :mod:`.standing` (the standing agency), :mod:`.reporting`,
:mod:`.oversight` (direction, supervision, advice, coordination), :mod:`.delegation`
(delegation and acting for), :mod:`.funding` (funding and seal) and :mod:`.hierarchy`.
:mod:`.registry` lists every rule in order (``govkg rules``). Every edge records the
charter, the provision ref, the verbatim sentence, its offsets, the id of a registered
rule and a confidence.

Examples
--------
>>> from govkg.loaders.parse import parse_file
>>> from govkg.ontology.vocab import Rel
>>> facts = extract(parse_file("data/charters/000_5614ed0167487373.txt"))
>>> sorted({e.type for e in facts.edges if e.type == Rel.STANDING_AGENCY_OF})
['STANDING_AGENCY_OF']
>>> all(e.props["quote"] for e in facts.edges if e.type == Rel.REPORTS_TO)
True
"""

from __future__ import annotations

from govkg.errors import ExtractError
from govkg.loaders.extract import (
    bodies,
    documents,
    funding,
    groups,
    hierarchy,
    inherited,
    posts,
    relations,
    reporting,
    sentences,
    standing,
)
from govkg.loaders.extract.charter import Charter, Sentence, charter_id_of, own_text_end
from govkg.loaders.extract.locality import locate
from govkg.loaders.model import Document
from govkg.ontology.facts import Facts

__all__ = ["Sentence", "charter_id_of", "extract"]


def extract(document: Document) -> Facts:
    """Facts for one parsed charter (see the module docstring)."""
    try:
        return _extract(document)
    except ExtractError:
        raise
    except (ValueError, KeyError, IndexError, AttributeError, TypeError) as err:  # a rule broke on odd input
        raise ExtractError(f"extraction failed: {type(err).__name__}: {err}", path=document.path) from err


def _extract(document: Document) -> Facts:
    ch = Charter(document)
    locate(ch)
    documents.charter_node(ch)
    documents.provision_nodes(ch)
    bodies.committee(ch)
    groups.groups(ch)
    bodies.organs(ch)
    # standing agencies first: later sentences (and article subjects) say "Cơ quan thường trực" for them
    standing.standing_agencies(ch, list(sentences.sentences(ch)))
    funded_in: set[str] = set()
    for s in sentences.sentences(ch):
        relations.relations(ch, s)
        posts.ex_officio(ch, s)
        groups.leaders(ch, s)
        reporting.meetings(ch, s)
        documents.replaces(ch, s)
        if s.provision.ref not in funded_in:
            # funding clauses pair payers and groups across ';' ("Sở X đối với Tổ A; Công an tỉnh đối với Tổ B")
            funded_in.add(s.provision.ref)
            p = s.provision
            own_end = own_text_end(p)
            funding.funding(ch, Sentence(ch.src.text[p.start : own_end], p.start, own_end, p, s.subject))
    posts.seats(ch)  # once the composition is read: a role held by several offices is several seats
    documents.documents(ch)
    documents.amends(ch)
    documents.signatures(ch)
    hierarchy.hierarchy(ch)
    from govkg.loaders.crossref import cross_references  # REFERS_TO between provisions

    for e in cross_references(document, ch.charter_id, ch.plain):
        ch.facts.add_edge(e)
    inherited.inherited(ch)  # an article applying another's duties takes over its relations (inferred)
    return ch.facts
