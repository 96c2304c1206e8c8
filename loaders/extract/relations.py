"""The relation pass: each sentence is read by the triggers and sentence readers, in registry order.

A :class:`~govkg.loaders.rules.Trigger` asserts its relation from the mention list before
it (else the sentence's leading or implicit subject) to the mention list after it; a
:class:`~govkg.loaders.rules.SentenceReader` reads the sentence its own way. The order is
the registry's ``RELATION_PASS``: when two rules give the same edge, the first is credited.

Examples
--------
>>> from govkg.loaders.extract.registry import RELATION_PASS
>>> RELATION_PASS[0].id
'reports.bao_cao'
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from govkg.loaders.extract.charter import Charter, Sentence, prepare
from govkg.loaders.extract.referents import ids
from govkg.loaders.extract.registry import RELATION_PASS
from govkg.loaders.extract.sentences import (
    VAGUE_SUBJECT,
    addressees,
    leading_subject,
    objects_after,
    subjects_before,
)
from govkg.loaders.rules import SentenceReader, Trigger
from govkg.ontology.vocab import Label, Rel

__all__ = ["relations", "trigger_matches", "trigger_positions", "trigger_scanner"]

# how far back a trigger's ``not_after`` looks: the words just before it, or a clause of the same sentence
# ("báo cáo … gửi X để tổng hợp, báo cáo"); a bounded window keeps the pass linear in a long sentence
NOT_AFTER_REACH = 400

# what follows a verb of direction or oversight that has no object of its own: another such verb, or the matter
_NO_OBJECT = ("don doc", "kiem tra", "giam sat", "chi dao", "viec ")


def trigger_scanner(triggers: Iterable[Trigger]) -> re.Pattern[str] | None:
    """One pattern that matches wherever one of ``triggers`` matches (their alternation), or None
    when they cannot be joined (different flags, named groups or back-references).

    >>> from govkg.loaders.rules import COMMON_FILLER, Rule, pattern
    >>> r = Rule("reports.example", "reporting", (Rel.REPORTS_TO,), "X báo cáo Y", "Tổ A báo cáo Ban Chỉ đạo.")
    >>> scanner = trigger_scanner([Trigger(r, pattern(r"\\bbao\\s+cao\\b"), COMMON_FILLER), Trigger(r, pattern(r"\\bgui\\b"), COMMON_FILLER)])
    >>> [m.group(0) for m in scanner.finditer("Gui bao cao")]
    ['Gui', 'bao cao']
    """
    patterns = [t.trigger for t in triggers]
    if not patterns or len({p.flags for p in patterns}) != 1:
        return None
    if any(p.groupindex or re.search(r"\\[1-9]|\(\?P=", p.pattern) for p in patterns):
        return None
    try:
        return re.compile("|".join(f"(?:{p.pattern})" for p in patterns), patterns[0].flags)
    except re.error:  # e.g. a trigger with inline global flags, which only stand at the start
        return None


def trigger_positions(scanner: re.Pattern[str], plain: str) -> list[int]:
    """Every position of ``plain`` where one of the scanner's triggers matches, in order.

    One scan of the sentence in C finds them all; most sentences have none or one.

    >>> import re
    >>> trigger_positions(re.compile(r"\\bbao\\s+cao|\\bcao\\b"), "bao cao, gui bao cao")
    [0, 4, 13, 17]
    """
    out: list[int] = []
    pos = 0
    while (hit := scanner.search(plain, pos)) is not None:
        out.append(hit.start())
        pos = hit.start() + 1
    return out


def trigger_matches(trigger: re.Pattern[str], plain: str, positions: list[int]) -> list[re.Match[str]] | None:
    """``list(trigger.finditer(plain))``, trying ``trigger`` only at ``positions``: a superset of
    where it matches (see :func:`trigger_positions`). None when it matches the empty string,
    where ``finditer`` has rules of its own.

    >>> import re
    >>> [m.span() for m in trigger_matches(re.compile(r"\\bbao\\s+cao"), "bao cao, gui bao cao", [0, 4, 13, 17])]
    [(0, 7), (13, 20)]
    """
    out: list[re.Match[str]] = []
    end = 0
    for pos in positions:
        if pos < end:
            continue  # finditer's matches do not overlap
        m = trigger.match(plain, pos)
        if m is None:
            continue
        if m.end() == pos:
            return None
        out.append(m)
        end = m.end()
    return out


def _scanner() -> re.Pattern[str] | None:
    return trigger_scanner(step for step in RELATION_PASS if isinstance(step, Trigger))


# the relation pass's triggers as one scanner: ~15 regex scans per sentence become one
_SCANNER = _scanner()


def relations(ch: Charter, s: Sentence) -> None:
    """Every relation the sentence states, by every trigger and reader in ``RELATION_PASS``."""
    plain = prepare(ch, s)
    spans = [(m.start - s.start, m.end - s.start) for m in s.mentions]
    positions = trigger_positions(_SCANNER, plain) if _SCANNER is not None else None
    for step in RELATION_PASS:
        if isinstance(step, SentenceReader):
            step.read(ch, s, plain)
        elif positions is None:
            _apply(ch, s, plain, spans, step, step.trigger.finditer(plain))
        elif positions:  # no position: no trigger matches the sentence
            found = trigger_matches(step.trigger, plain, positions)
            if found is None:
                _apply(ch, s, plain, spans, step, step.trigger.finditer(plain))
            elif found:
                _apply(ch, s, plain, spans, step, found)


def _apply(ch: Charter, s: Sentence, plain: str, spans: list[tuple[int, int]], rule: Trigger, found: Iterable[re.Match[str]]) -> None:
    for t in found:
        if any(a <= t.start() < b or a < t.end() <= b for a, b in spans):
            continue
        if rule.not_after and rule.not_after.search(plain, max(0, t.start() - NOT_AFTER_REACH), t.start()):
            continue
        objects = objects_after(s, plain, t.end(), rule.filler)
        quote_start = s.start
        if not objects and rule.type in (Rel.DIRECTS, Rel.SUPERVISES) and not rule.reverse and plain[t.end() :].lstrip().startswith(_NO_OBJECT):
            # "Với A, B:" / "Ban chỉ đạo chỉ đạo, đôn đốc, kiểm tra, giám sát việc …": the lead-in names the objects,
            # and the quote runs from it
            quote_start, objects = addressees(ch, s)
        if not objects:
            continue
        if not subjects_before(s, plain, t.start()) and VAGUE_SUBJECT.search(plain[: t.start()]):
            continue
        subjects = subjects_before(s, plain, t.start())
        if subjects:
            source_ids = ids(ch, subjects, s)
        else:
            lead = leading_subject(ch, s)
            between = plain[s.mentions[0].end - s.start : t.start()] if s.mentions else ""
            if lead and s.mentions[0].end - s.start <= t.start() and not re.search(r"\bthi\s+(?!phai\b)", between, re.IGNORECASE):
                source_ids = list(lead)
            else:
                source_ids = list(s.subject)
        target_ids = ids(ch, objects, s)
        if rule.needs_post_object:
            target_ids = [t_ for t_ in target_ids if Label.Post.value in ch.facts.nodes[t_].labels or Label.Person.value in ch.facts.nodes[t_].labels]
        if rule.type == Rel.COORDINATES_WITH and t.group(0).lower().endswith("giua") and len(target_ids) > 1:
            # "phối hợp giữa A, B và C": each of A, B works with C
            for src in target_ids[:-1]:
                ch.edge(rule.rule, src, target_ids[-1], s.provision, s.start, s.end, rule.confidence)
            continue
        if not source_ids or not target_ids:
            continue
        props = rule.props(ch, rule, s, plain, objects) if rule.props else {}
        for src in source_ids:
            for dst in target_ids:
                a, b = (dst, src) if rule.reverse else (src, dst)
                ch.edge(rule.rule, a, b, s.provision, quote_start, s.end, rule.confidence, **props)
