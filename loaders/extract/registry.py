"""One registry of every extraction rule, by id, in order; and the order of the relation pass.

Each family module exports its table (``RULES``; the relation families also ``TRIGGERS``).
:data:`REGISTRY` collects the tables in family order, like Python-Markdown's registry:
a rule is registered by its id, once, and looked up by it. Every edge the extractor
writes carries the id of a registered rule (``tests/test_rules_registry.py`` holds a
positive and a negative example for each).

Examples
--------
>>> REGISTRY["reports.bao_cao"].family
'reporting'
>>> "delegation.passive" in REGISTRY and len(REGISTRY) == len(list(REGISTRY))
True
>>> rules_table()[0]["id"]
'documents.governs'
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from govkg.loaders.crossref import RULES as CROSSREF_RULES
from govkg.loaders.extract import (
    bodies,
    delegation,
    documents,
    funding,
    groups,
    hierarchy,
    inherited,
    oversight,
    posts,
    reporting,
    standing,
)
from govkg.loaders.rules import Rule, SentenceReader, Trigger

__all__ = ["FAMILIES", "REGISTRY", "RELATION_PASS", "Registry", "rules_table"]


class Registry:
    """Rules by id, in the order they were registered."""

    def __init__(self, rules: Iterable[Rule] = ()):
        self._rules: dict[str, Rule] = {}
        for rule in rules:
            self.register(rule)

    def register(self, rule: Rule) -> None:
        """Add ``rule``; an id registered twice is a programming error."""
        if rule.id in self._rules:
            raise ValueError(f"rule {rule.id!r} is registered twice")
        self._rules[rule.id] = rule

    def __getitem__(self, rule_id: str) -> Rule:
        return self._rules[rule_id]

    def __contains__(self, rule_id: object) -> bool:
        return rule_id in self._rules

    def __iter__(self) -> Iterator[Rule]:
        return iter(self._rules.values())

    def __len__(self) -> int:
        return len(self._rules)

    def ids(self) -> list[str]:
        return list(self._rules)


FAMILIES = (documents, bodies, groups, posts, standing, reporting, oversight, delegation, funding, hierarchy, inherited)
"""The family modules, in the order ``govkg rules`` lists them."""

REGISTRY = Registry([*(r for family in FAMILIES for r in family.RULES), *CROSSREF_RULES])

# The order the relation pass tries its rules in a sentence. When two rules give the same
# edge, the first is credited; this order is the one the facts snapshot pins.
RELATION_PASS: tuple[Trigger | SentenceReader, ...] = (
    reporting.BAO_CAO_TRIGGER,
    reporting.GUI_VE_TRIGGER,
    reporting.BAO_CAO_GUI_TRIGGER,
    reporting.ON_REQUEST_READER,
    oversight.DIRECTED_CHIU_SU_TRIGGER,
    oversight.DIRECTS_TRIGGER,
    oversight.SUPERVISED_CHIU_SU_TRIGGER,
    oversight.DIRECTED_VA_SU_TRIGGER,
    oversight.ACCOUNTABLE_TRIGGER,
    delegation.UY_QUYEN_CHO_TRIGGER,
    delegation.PASSIVE_DELEGATION_READER,
    delegation.THAY_MAT_TRIGGER,
    oversight.THAM_MUU_TRIGGER,
    oversight.TU_VAN_TRIGGER,
    oversight.DE_XUAT_VOI_TRIGGER,
    oversight.PHOI_HOP_TRIGGER,
    oversight.KIEM_TRA_TRIGGER,
    funding.SEAL_TRIGGER,
    groups.SET_UP_TO_HELP_READER,
    groups.SET_UP_BY_READER,
)


def rules_table() -> list[dict[str, Any]]:
    """Every registered rule as a row: id, family, relation types, description, example (``govkg rules``)."""
    return [r.as_dict() for r in REGISTRY]
