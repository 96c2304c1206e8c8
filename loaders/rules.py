"""What an extraction rule is: an id, its family, the relation types it gives, a description.

Every edge the extractor writes carries the id of the rule that built it (``rule``), so a
wrong fact leads to its rule and a rule to its tests. The rules themselves live in their
families (:mod:`govkg.loaders.extract`) and are collected, in order, by
:mod:`govkg.loaders.extract.registry`; this module only says what a row looks like, so
that every family (and :mod:`govkg.loaders.crossref`) can declare rows without
importing the extractor.

A :class:`Trigger` is a rule read by the generic relation pass: a pattern on the
accent-stripped text of a sentence, the relationship type it asserts and how its two ends
are found. The subject is the list of mentions just before the trigger, or else the
sentence's implicit subject (the body or post the article or clause is about); the
objects are the list of mentions right after the trigger, past a few allowed filler words.
A :class:`SentenceReader` is a rule with its own reading of a sentence, run at its place
in the same pass.

Examples
--------
>>> from govkg.ontology.vocab import Rel
>>> r = Rule("reports.example", "reporting", (Rel.REPORTS_TO,), "X báo cáo Y", "Tổ A báo cáo Ban Chỉ đạo.")
>>> t = Trigger(r, pattern(r"\\bbao\\s+cao\\b"), COMMON_FILLER)
>>> (t.id, t.type, bool(t.trigger.search("dinh ky bao cao Ban Chi dao")))
('reports.example', <Rel.REPORTS_TO: 'REPORTS_TO'>, True)
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from govkg.ontology.vocab import Rel

__all__ = ["COMMON_FILLER", "Rule", "SentenceReader", "Trigger", "pattern"]


@dataclass(frozen=True, slots=True)
class Rule:
    """One extraction rule: the row ``govkg rules`` prints and every edge it builds names.

    ``types`` are the relationship types its edges carry (one, except for a rule that
    states one fact in two ways); ``example`` is a sentence it reads.
    """

    id: str
    family: str
    types: tuple[Rel, ...]
    description: str
    example: str

    @property
    def type(self) -> Rel:
        """The (first) relationship type the rule gives."""
        return self.types[0]

    def as_dict(self) -> dict[str, Any]:
        """The row as plain values (``govkg rules --json``)."""
        return {
            "id": self.id,
            "family": self.family,
            "types": [t.value for t in self.types],
            "description": self.description,
            "example": self.example,
        }


@dataclass(frozen=True, slots=True)
class Trigger:
    """A rule the relation pass reads: ``trigger`` asserts ``rule.type`` from subject to objects.

    ``filler`` is what may stand between the trigger and the first object;
    ``not_after`` vetoes a trigger preceded by it (ending where the trigger starts, within
    ``relations.NOT_AFTER_REACH`` characters); ``reverse`` swaps the ends (passive
    wordings); ``needs_post_object`` drops objects that are not posts or persons (acting
    for someone, not for a body); ``props`` adds the family's properties to each edge
    (``props(charter, trigger, sentence, plain, objects) -> dict``).
    """

    rule: Rule
    trigger: re.Pattern[str]
    filler: re.Pattern[str]
    not_after: re.Pattern[str] | None = None
    reverse: bool = False
    needs_post_object: bool = False
    confidence: float = 0.9
    props: Callable[..., dict] | None = None

    @property
    def id(self) -> str:
        return self.rule.id

    @property
    def type(self) -> Rel:
        return self.rule.type


@dataclass(frozen=True, slots=True)
class SentenceReader:
    """A rule with a reading of its own, run in the relation pass: ``read(charter, sentence, plain)``."""

    rule: Rule
    read: Callable[..., None]

    @property
    def id(self) -> str:
        return self.rule.id


def pattern(p: str) -> re.Pattern[str]:
    """A case-blind pattern on accent-stripped text."""
    return re.compile(p, re.IGNORECASE)


# what may stand between most triggers and their object: "báo cáo cho …", "thay mặt đồng chí …"
COMMON_FILLER = pattern(r"(?:\s*(?:cua|cho|doi\s+voi|voi|dong\s+chi|d/c|cac))*\s*")
