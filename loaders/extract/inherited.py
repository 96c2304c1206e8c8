"""Duties an article takes over from another: "Được quy định cụ thể tại Điều 9 … và các nhiệm vụ sau".

An article about one post's duties (seed 004's Điều 10, the Phó Trưởng Ban Thường trực) that
opens by applying another article's ("Điều 9", the Phó Trưởng Ban) takes over the relations
that article states of its own subject. The reference itself is a ``REFERS_TO`` edge
(:mod:`govkg.loaders.crossref`); each relation taken over is written again from the new
subject, marked ``inferred``, quoting the words that apply the other article. The text
states the reference, not each relation: so the inherited edges are never scored as stated.

Examples
--------
>>> [r.id for r in RULES]
['inherits.applied_article']
"""

from __future__ import annotations

import re

from govkg.loaders.extract.charter import Charter, own_text_end
from govkg.loaders.extract.sentences import article_subject
from govkg.loaders.rules import Rule
from govkg.ontology.vocab import Prop, Rel

__all__ = ["RULES", "inherited"]

FAMILY = "inherited"

#: the relations a post's or body's duties state, which an article applying them takes over
TAKEN_OVER = (
    Rel.REPORTS_TO, Rel.DIRECTED_BY, Rel.DIRECTS, Rel.ACCOUNTABLE_TO, Rel.DELEGATES_TO, Rel.ACTS_FOR,
    Rel.ADVISES, Rel.COORDINATES_WITH, Rel.SUPERVISES, Rel.USES_SEAL_OF,
)

APPLIED_ARTICLE = Rule(
    "inherits.applied_article", FAMILY, TAKEN_OVER,
    "An article on one subject's duties that opens by applying another article (\"Được quy định cụ thể tại Điều 9 "
    "của Quy chế này và các nhiệm vụ sau\") takes over the relations that article states of its subject; inferred.",
    "Điều 10. Nhiệm vụ của Phó Trưởng Ban Thường trực\nĐược quy định cụ thể tại Điều 9 của Quy chế này và các nhiệm vụ sau:",
)
RULES = (APPLIED_ARTICLE,)

# the article's own words open by applying another: "Được quy định (cụ thể) tại Điều 9 …",
# "Thực hiện nhiệm vụ, quyền hạn như quy định tại Điều 9 …"
_APPLIES = re.compile(
    r"^\s*(?:dieu\s+\d+[a-z]?\s*[.:\-]\s*[^\n]*\n\s*)?(?:\d+\.\s*)?"
    r"(?:(?:thuc\s+hien\s+)?(?:cac\s+)?nhiem\s+vu(?:\s*,\s*|\s+va\s+)?(?:quyen\s+han)?\s+)?"
    r"(?:duoc\s+)?(?:quy\s+dinh|thuc\s+hien|nhu)\s+(?:cu\s+the\s+)?(?:tai|theo|nhu)\s+(?:quy\s+dinh\s+tai\s+)?dieu\s+\d+",
    re.IGNORECASE,
)


def inherited(ch: Charter) -> None:
    """The relations an article takes over from the one it applies (see the module docstring)."""
    prefix = f"{ch.charter_id}#"
    for ref_edge in [e for e in ch.facts.edges if e.type == Rel.REFERS_TO]:
        if not ref_edge.target.startswith(prefix):
            continue
        source_ref, target_ref = ref_edge.props.get(Prop.provision.value, ""), ref_edge.target[len(prefix) :]
        citing, cited = ch.doc.find(source_ref), ch.doc.find(target_ref)
        if citing is None or cited is None or cited.kind != "article":
            continue
        article = _article_of(ch, source_ref)
        if article is None or article.ref == cited.ref:
            continue
        # the applying words are the article's own first words (its heading aside)
        own = ch.plain[article.start : own_text_end(citing)]
        if not _APPLIES.match(own):
            continue
        heirs, givers = article_subject(ch, article), article_subject(ch, cited)
        if not heirs or not givers or set(heirs) & set(givers):
            continue
        under = cited.ref + "/"
        stated = [
            e for e in ch.facts.edges
            if e.type in TAKEN_OVER and e.source in givers and not e.props.get(Prop.inferred.value)
            and (e.props.get(Prop.provision.value, "") == cited.ref or e.props.get(Prop.provision.value, "").startswith(under))
        ]
        kept = (Prop.condition.value, Prop.scope.value, Prop.cadence.value, Prop.adHoc.value, Prop.dayOfMonth.value, Prop.months.value, Prop.via.value)
        for e in stated:
            for heir in heirs:
                if e.target in heirs:
                    continue
                ch.edge(
                    APPLIED_ARTICLE, heir, e.target, citing, citing.start, own_text_end(citing), 0.7, type_=Rel(e.type),
                    inferred=True, **{k: e.props[k] for k in kept if k in e.props},
                )


def _article_of(ch: Charter, ref: str):
    """The article a provision ref lies in ("quy-che/dieu-10/doan-1" → "quy-che/dieu-10")."""
    m = re.match(r"^(.*?/dieu-[^/]+)", ref)
    return ch.doc.find(m.group(1)) if m else None
