"""Precision and recall of extraction against gold fixtures written by reading the charters.

A gold file (``tests/gold/*.yaml``, format in ``tests/gold/README.md``) lists entities with
their names and relations ``[TYPE, source, target, provisions, {required props}]``.
A gold entity matches extracted nodes by kind and folded name (or alias); a post matches by
role and the body it is in. A relation is found when an extracted edge of that type joins
matching nodes, cites a provision equal to or below one of the gold provisions, and carries
the required properties. Precision counts distinct extracted (type, source, target) triples.
Only stated edges are scored: an ``inferred`` edge (relations an article takes over from the one
it applies, a hierarchy drawn from a citation) says more than the words, and the gold lists the words.

Examples
--------
>>> s = Score()
>>> s.tp, s.fp, s.fn = 9, 1, 0
>>> round(s.precision, 2), round(s.recall, 2)
(0.9, 1.0)
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from govkg.errors import GovkgError
from govkg.ontology.facts import Facts, Node
from govkg.ontology.vocab import Label, Prop, Rel
from govkg.vn.text import name_key
from govkg.vn.words import kind_pattern

__all__ = ["EVALUATED_TYPES", "Evaluation", "Score", "evaluate_gold", "evaluate_many", "format_table"]

# What the gold files assert: structure and governance read from the text, and document relations.
EVALUATED_TYPES: frozenset[str] = frozenset(
    r.value
    for r in Rel
    if r not in (Rel.POST_IN, Rel.HAS_PROVISION, Rel.LOCATED_IN, Rel.WITHIN, Rel.SUBORDINATE_TO, Rel.REFERS_TO)
)


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        found = self.tp_recall if hasattr(self, "tp_recall") else self.tp
        return found / (found + self.fn) if found + self.fn else 1.0


@dataclass
class Evaluation:
    """Scores per relation type, with the misses and false positives for reading."""

    name: str
    by_type: dict[str, Score] = field(default_factory=lambda: defaultdict(Score))
    missed: list[tuple] = field(default_factory=list)
    spurious: list[tuple] = field(default_factory=list)
    unmatched_entities: list[str] = field(default_factory=list)
    refused: str | None = None  # why the charter was refused, when it was
    by_prop: dict[str, PropScore] = field(default_factory=dict)

    def total(self) -> Score:
        t = Score()
        for s in self.by_type.values():
            t.tp += s.tp
            t.fp += s.fp
            t.fn += s.fn
        return t


def _names(node: Node) -> set[str]:
    out = {name_key(node.props.get(Prop.name.value, ""))}
    for key in (Prop.aliases.value, Prop.title.value, Prop.number.value):
        v = node.props.get(key)
        if isinstance(v, str):
            out.add(name_key(v))
        elif isinstance(v, list):
            out.update(name_key(x) for x in v)
    loc = node.props.get(Prop.locality.value)
    if loc:
        for suffix in (name_key(loc), name_key(re.sub(rf"^(?:{kind_pattern(marked=True, sep=' ')})\s+", "", loc))):
            out |= {x[: -len(suffix)].strip() for x in list(out) if suffix and x.endswith(suffix)}
    return {x for x in out if x}


def _doc_key(text: str) -> str:
    return re.sub(r"[\s\-/]+", "", name_key(text)).replace("nq", "nq")


def _match_entities(gold: dict, facts: Facts) -> dict[str, set[str]]:
    entities = gold.get("entities", {})
    post_in: dict[str, str] = {e.source: e.target for e in facts.edges if e.type == Rel.POST_IN}
    out: dict[str, set[str]] = {}

    def match(key: str) -> set[str]:
        if key in out:
            return out[key]
        out[key] = set()
        ent = entities[key]
        kind = ent["kind"]
        names = {name_key(n) for n in ent.get("names", [])}
        found: set[str] = set()
        if kind == Label.Charter.value:
            found = {n.id for n in facts.nodes_with(Label.Charter)}
        elif kind == Label.Post.value:
            bodies = match(ent["in"]) if ent.get("in") in entities else set()
            found = {n.id for n in facts.nodes_with(Label.Post) if n.props.get(Prop.role.value) == ent.get("role") and post_in.get(n.id) in bodies}
        elif kind == Label.LegalDocument.value:
            keys = {_doc_key(n) for n in ent.get("names", [])}
            for n in facts.nodes_with(Label.LegalDocument):
                cands = {_doc_key(x) for x in (n.props.get(Prop.number.value) or "", n.props.get(Prop.name.value) or "", n.props.get(Prop.title.value) or "") if x}
                cands |= {_doc_key(x) for x in n.props.get(Prop.numberVariants.value, [])}
                if keys & cands:
                    found.add(n.id)
        else:
            found = {n.id for n in facts.nodes_with(kind) if names & _names(n)}
        out[key] = found
        return found

    for key in entities:
        match(key)
    return out


def _under(ref: str, golds: Iterable[str]) -> bool:
    return any(ref == g or ref.startswith(g + "/") for g in golds)


def _props_ok(edges: list, required: dict, matched: dict[str, set[str]]) -> bool:
    if not required:
        return True
    for e in edges:
        ok = True
        for k, want in required.items():
            have = e.props.get(k)
            if want is True:
                ok &= have not in (None, "", [], False)
            elif k == Prop.via.value:
                ok &= have in matched.get(want, set())
            elif isinstance(want, list):
                ok &= list(have or []) == want
            else:
                ok &= have == want
        if ok:
            return True
    return False


def evaluate_gold(gold: dict, facts: Facts, name: str = "") -> Evaluation:
    """Score ``facts`` against one parsed gold file."""
    ev = Evaluation(name or gold.get("charter", ""))
    matched = _match_entities(gold, facts)
    ev.unmatched_entities = [k for k, v in matched.items() if not v]
    predicted: dict[tuple[str, str, str], list] = defaultdict(list)
    for e in facts.edges:
        if e.type in EVALUATED_TYPES and not e.props.get(Prop.inferred.value):
            predicted[(e.type, e.source, e.target)].append(e)
    used: set[tuple[str, str, str]] = set()
    for rel in gold.get("relations", []):
        type_, src, dst, provs = rel[0], rel[1], rel[2], rel[3]
        required = rel[4] if len(rel) > 4 else {}
        provs = [provs] if isinstance(provs, str) else list(provs)
        hit = False
        for triple, edges in predicted.items():
            if triple[0] != type_ or triple[1] not in matched.get(src, ()) or triple[2] not in matched.get(dst, ()):
                continue
            good = [e for e in edges if _under(e.props.get(Prop.provision.value, ""), provs)]
            if good:
                _score_props(ev, good, required, matched)
            if good and _props_ok(good, required, matched):
                hit = True
                used.add(triple)
        score = ev.by_type[type_]
        if hit:
            score.tp += 1
        else:
            score.fn += 1
            ev.missed.append(tuple(rel))
    for triple, edges in predicted.items():
        if triple in used:
            continue
        ev.by_type[triple[0]].fp += 1
        ev.spurious.append((triple[0], _label(facts, triple[1]), _label(facts, triple[2]), edges[0].props.get(Prop.provision.value), edges[0].props.get(Prop.rule.value)))
    return ev


#: the modifiers a relation can carry, scored one by one (issue 15: "accuracy per property")
SCORED_PROPS = (Prop.cadence, Prop.adHoc, Prop.dayOfMonth, Prop.months, Prop.via, Prop.condition, Prop.scope)


@dataclass
class PropScore:
    """Of the relations found with their endpoints and clause: how often a modifier was right."""

    right: int = 0
    wrong: int = 0  # gold has it, the edge has another value
    missing: int = 0  # gold has it, the edge lacks it
    spurious: int = 0  # the edge has it, gold does not

    @property
    def total(self) -> int:
        return self.right + self.wrong + self.missing + self.spurious

    @property
    def accuracy(self) -> float:
        return self.right / self.total if self.total else 1.0


def _score_props(ev: Evaluation, edges: list, required: dict, matched: dict[str, set[str]]) -> None:
    for prop in SCORED_PROPS:
        score = ev.by_prop.setdefault(prop.value, PropScore())
        have = [e.props.get(prop.value) for e in edges if e.props.get(prop.value) not in (None, "", [], False)]
        if prop.value not in required:
            score.spurious += bool(have)
            continue
        if not have:
            score.missing += 1
        elif _props_ok(edges, {prop.value: required[prop.value]}, matched):
            score.right += 1
        else:
            score.wrong += 1


def property_table(evaluations: list[Evaluation]) -> list[tuple[str, int, int, int, int, float]]:
    """Rows (property, right, wrong, missing, spurious, accuracy) over all evaluations."""
    agg: dict[str, PropScore] = defaultdict(PropScore)
    for ev in evaluations:
        for name, sc in ev.by_prop.items():
            a = agg[name]
            a.right, a.wrong, a.missing, a.spurious = a.right + sc.right, a.wrong + sc.wrong, a.missing + sc.missing, a.spurious + sc.spurious
    return [(name, a.right, a.wrong, a.missing, a.spurious, a.accuracy) for name, a in sorted(agg.items())]


def _label(facts: Facts, node_id: str) -> str:
    n = facts.nodes.get(node_id)
    return n.props.get(Prop.name.value, node_id) if n else node_id


def evaluate_many(gold_paths: Iterable[Path], charter_dirs: Iterable[Path]) -> list[Evaluation]:
    """Parse, extract and score each gold file's charter (looked up in ``charter_dirs``)."""
    from govkg.loaders.extract import extract
    from govkg.loaders.parse import parse_file

    dirs = list(charter_dirs)
    out = []
    for gp in gold_paths:
        gold = yaml.safe_load(Path(gp).read_text(encoding="utf-8"))
        path = next((d / gold["charter"] for d in dirs if (d / gold["charter"]).exists()), None)
        if path is None:
            raise FileNotFoundError(f"{gp}: charter {gold['charter']} not found in {', '.join(map(str, dirs))}")
        try:
            facts = extract(parse_file(path))
        except GovkgError as err:  # a refused charter scores what it states as missed
            ev = evaluate_gold(gold, Facts(), Path(gp).stem)
            ev.refused = str(err)
            out.append(ev)
            continue
        out.append(evaluate_gold(gold, facts, Path(gp).stem))
    return out


def format_table(evaluations: list[Evaluation]) -> list[tuple[str, int, int, int, float, float]]:
    """Rows (type, tp, fp, fn, precision, recall) over all evaluations, then a TOTAL row."""
    agg: dict[str, Score] = defaultdict(Score)
    for ev in evaluations:
        for t, s in ev.by_type.items():
            agg[t].tp += s.tp
            agg[t].fp += s.fp
            agg[t].fn += s.fn
    rows = [(t, s.tp, s.fp, s.fn, s.precision, s.recall) for t, s in sorted(agg.items())]
    tot = Score(sum(s.tp for s in agg.values()), sum(s.fp for s in agg.values()), sum(s.fn for s in agg.values()))
    rows.append(("TOTAL", tot.tp, tot.fp, tot.fn, tot.precision, tot.recall))
    return rows
