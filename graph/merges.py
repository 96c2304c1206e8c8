"""The merges in a store as reviewable judgements, the candidates the resolver was unsure of, and analysts' decisions.

The resolver's judgements are read off the graph, so they are the same on both stores and need
no bookkeeping at load time:

- a body, post, person or act that edges of two or more charters touch was unified across
  those charters: one ``merge`` judgement per charter (:func:`resolver_judgements`);
- each alias of a body is an ``alias`` judgement (an abbreviation expanded, or another name).

:func:`candidates` lists what the resolver did not merge but an analyst should look at (a pair)
and what it merged but may have got wrong (an alias that reads like a post's title).
:func:`decide` and :func:`join` record an analyst's verdict in ``$GOVKG_HOME/judgements.jsonl``;
the next load of the charters applies it (:func:`govkg.pipeline.load_paths`).

Examples
--------
>>> from govkg.ontology.facts import Edge, Facts, Node
>>> f = Facts()
>>> for c in ("ch1", "ch2"):
...     _ = f.add_node(Node(c, ("Charter",), {"number": c.upper()}))
...     _ = f.add_edge(Edge("BASED_ON", c, "doc", {"charter": c, "provision": "can-cu", "quote": "Căn cứ Luật"}))
>>> _ = f.add_node(Node("doc", ("LegalDocument",), {"name": "Nghị định 269/2025/NĐ-CP", "number": "269/2025/NĐ-CP",
...     "numberVariants": ["269/2025/NĐ-CP", "269/2025/NQ-CP"]}))
>>> js = resolver_judgements(f)
>>> [(j.kind, j.charter, j.rule) for j in js]
[('merge', 'ch1', 'resolve.document_number'), ('merge', 'ch2', 'resolve.document_number')]
>>> js[0].reason
'the same document number (cited as 269/2025/NĐ-CP, 269/2025/NQ-CP)'
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path
from typing import Any

from govkg.graph.export import to_facts
from govkg.graph.export_sources import Sources
from govkg.graph.store import fold_name
from govkg.loaders.judgements import (
    ANALYST,
    Judgement,
    alias_judgement,
    judgements_path,
    merge_judgement,
    pair_judgement,
    read_judgements,
    write_judgements,
)
from govkg.ontology.facts import Facts, Node
from govkg.ontology.vocab import Label, Prop, Status

from govkg.errors import GovkgError, NotFound

__all__ = [
    "candidates",
    "decide",
    "find_judgement",
    "join",
    "list_judgements",
    "resolver_judgements",
    "write_judgements_export",
]

_ENTITY_LABELS = (Label.Body, Label.Post, Label.Person, Label.LegalDocument)
# an alias that starts like a post's title ("Tổ trưởng Tổ Giúp việc", "Thành viên Tổ …") names a post, not the body
_POST_TITLE = re.compile(r"^(cac )?(thanh vien|to truong|truong ban|truong|pho truong|pho|chu tich|giam doc|bi thu|uy vien)\b")
# an abbreviation: two or more capitals in a row (UBND, BCĐ, HĐND)
_ABBREVIATION = re.compile(r"\b[A-ZĐ]{2,}\b")
# words every body name shares: what is left tells one body from another
_GENERIC = frozenset(
    "to cong tac giup viec ban chi dao ve cua va voi gan cho thanh pho tinh xa phuong quan huyen thi tran".split()
)


def _home(store: Any, home: str | Path | None) -> Path:
    if home is not None:
        return Path(home)
    settings = getattr(store, "settings", None)
    if settings is None or getattr(settings, "home", None) is None:
        raise GovkgError("no GOVKG_HOME to keep judgements in", subject="merges")
    return Path(settings.home)


def _rule(node: Node) -> tuple[str, str]:
    """(rule id, reason) of the resolver's unification of ``node`` across charters."""
    if Label.SteeringCommittee in node.labels:
        return "resolve.committee_unit", "the steering committee of the same administrative unit"
    if Label.Body in node.labels:
        return "resolve.body_name_unit", "the same kind of body, normalised name and administrative unit"
    if Label.Post in node.labels:
        return "resolve.post_in_body", "the same post (role) in the same body"
    if Label.Person in node.labels:
        return "resolve.person_name", "the same person's normalised name"
    variants = node.props.get(Prop.numberVariants.value, [])
    if node.props.get(Prop.number.value):
        extra = f" (cited as {', '.join(variants)})" if len(variants) > 1 else ""
        return "resolve.document_number", f"the same document number{extra}"
    return "resolve.document_title_year", "the same act's title and year"


def _evidence(sources: Iterable[dict[str, Any]]) -> tuple[dict[str, Any], ...]:
    return tuple({k: v for k, v in s.items() if v not in (None, "")} for s in sources)


def _names(node: Node) -> tuple[str, ...]:
    names = (node.name, *node.props.get(Prop.aliases.value, []), *node.props.get(Prop.numberVariants.value, []))
    return tuple(dict.fromkeys(n for n in names if n))


def _alias_sources(facts: Facts, src: Sources, node: Node, alias: str) -> list[dict[str, Any]]:
    """The clauses whose quote holds ``alias`` (accent-insensitive), one per charter; else the node's sources."""
    want = fold_name(alias)
    found: dict[str, dict[str, Any]] = {}
    for e in sorted(facts.edges, key=lambda e: str(e.props.get(Prop.id) or e.id)):
        if node.id in (e.source, e.target) and want and want in fold_name(e.props.get(Prop.quote)):
            found.setdefault(str(e.props.get(Prop.charter)), src.of_edge(e))
    return list(found.values()) or src.of_node(node.id)


def resolver_judgements(source: Any) -> list[Judgement]:
    """Every unification the resolver made in a store (or Facts), as positive judgements, by id."""
    facts: Facts = to_facts(source)
    src = Sources(facts)
    out: list[Judgement] = []
    for node in sorted(facts.nodes.values(), key=lambda n: n.id):
        if not any(label in node.labels for label in _ENTITY_LABELS):
            continue
        sources = src.of_node(node.id)
        if len(sources) > 1:
            rule, reason = _rule(node)
            for s in sources:
                others = [o for o in sources if o is not s]
                out.append(merge_judgement(node.id, s["charter"], rule=rule, reason=reason, names=_names(node),
                                           evidence=_evidence([s, *others])))
        for alias in node.props.get(Prop.aliases.value, []) if Label.Body in node.labels else ():
            abbreviated = bool(_ABBREVIATION.search(alias))
            out.append(
                alias_judgement(
                    node.id,
                    alias,
                    rule="resolve.abbreviation" if abbreviated else "resolve.alias",
                    reason=(
                        f"the abbreviation “{alias}” expanded to “{node.name}”"
                        if abbreviated
                        else f"“{alias}” taken as another name of “{node.name}”"
                    ),
                    names=(node.name, alias),
                    evidence=_evidence(_alias_sources(facts, src, node, alias)),
                )
            )
    return sorted(out, key=lambda j: j.id)


def _bare(node: Node) -> frozenset[str]:
    words = set(fold_name(node.name).split()) - set(fold_name(node.props.get(Prop.locality.value)).split())
    return frozenset(words - _GENERIC)


def candidates(source: Any) -> list[Judgement]:
    """What the resolver was unsure of, each as an ``unsure`` judgement:

    - ``candidate.post_title_alias``: a body's alias that reads like a post's title (a wrong
      ``alias`` merge, to split);
    - ``candidate.name_within_name``: two bodies of one kind and one unit whose names start
      alike, not both defined by a charter, one's distinctive words all in the other's name
      (a missed merge, to join);
    - ``candidate.same_name_two_units``: two bodies of one kind with the same name but for the
      unit, that one charter both mentions (to confirm they are two).
    """
    facts: Facts = to_facts(source)
    src = Sources(facts)
    out: list[Judgement] = []
    bodies = sorted((n for n in facts.nodes.values() if Label.Body in n.labels), key=lambda n: n.id)
    for node in bodies:
        for alias in node.props.get(Prop.aliases.value, []):
            if _POST_TITLE.match(fold_name(alias)):
                out.append(
                    alias_judgement(
                        node.id,
                        alias,
                        verdict="unsure",
                        rule="candidate.post_title_alias",
                        reason=f"“{alias}” reads like a post's title, not a name of “{node.name}”",
                        names=(node.name, alias),
                        evidence=_evidence(_alias_sources(facts, src, node, alias)),
                    )
                )
    charters_of = {n.id: {s["charter"] for s in src.of_node(n.id)} for n in bodies}
    groups: dict[tuple[str, str], list[Node]] = defaultdict(list)
    by_name: dict[tuple[str, frozenset[str]], list[Node]] = defaultdict(list)
    for node in bodies:
        groups[(node.kind, str(node.props.get(Prop.localityCode.value) or ""))].append(node)
        by_name[(node.kind, _bare(node))].append(node)
    for nodes in groups.values():
        for i, a in enumerate(nodes):
            for b in nodes[i + 1 :]:
                wa, wb = _bare(a), _bare(b)
                if not wa or not wb or wa == wb:
                    continue
                both_defined = all(n.props.get(Prop.status.value) == Status.defined for n in (a, b))
                # "Ban Thường vụ Đảng ủy" is an organ of "Đảng ủy", not another name of it: same head words only
                same_head = fold_name(a.name).split()[:2] == fold_name(b.name).split()[:2]
                if both_defined or not same_head or not (wa <= wb or wb <= wa):
                    continue
                out.append(_pair(a, b, src, "candidate.name_within_name",
                                 f"“{a.name}” and “{b.name}”: one name's distinctive words are all in the other's, same kind and unit"))
    for (_, words), nodes in by_name.items():
        if not words:
            continue
        for i, a in enumerate(nodes):
            for b in nodes[i + 1 :]:
                if a.props.get(Prop.localityCode.value) == b.props.get(Prop.localityCode.value):
                    continue
                if charters_of[a.id] & charters_of[b.id]:
                    out.append(_pair(a, b, src, "candidate.same_name_two_units",
                                     f"“{a.name}” and “{b.name}”: the same name in two units, in one charter"))
    return sorted({j.id: j for j in out}.values(), key=lambda j: j.id)


def _pair(a: Node, b: Node, src: Sources, rule: str, reason: str) -> Judgement:
    return pair_judgement(
        a.id, b.id, rule=rule, reason=reason, names=(a.name, b.name),
        evidence=_evidence(src.of_node(a.id)[:1] + src.of_node(b.id)[:1]),
    )


def list_judgements(store: Any, home: str | Path | None = None, *, charter: str | None = None) -> list[Judgement]:
    """The resolver's judgements with the analysts' decisions over them (and the analysts' joins), by id.

    ``charter`` keeps those about that charter (its merges, and those whose evidence cites it).
    """
    decided = read_judgements(judgements_path(_home(store, home)))
    merged = {j.id: j for j in resolver_judgements(store)}
    merged.update(decided)
    out = sorted(merged.values(), key=lambda j: j.id)
    if charter:
        out = [j for j in out if j.charter == charter or any(e.get("charter") == charter for e in j.evidence)]
    return out


def write_judgements_export(store: Any, path: str | Path | None = None) -> str:
    """Every judgement (the resolver's and the analysts') as JSON lines sorted by id, for ``govkg export -f judgements``.

    Written to ``path`` when given. The analysts' lines are those of ``judgements.jsonl``, so a
    recipient can put them in their own ``$GOVKG_HOME`` and load the charters the same way.
    """
    text = "".join(
        json.dumps(j.to_dict(), ensure_ascii=False, sort_keys=True) + "\n" for j in list_judgements(store)
    )
    if path is not None:
        Path(path).write_text(text, encoding="utf-8")
    return text


def find_judgement(store: Any, judgement_id: str, home: str | Path | None = None) -> Judgement:
    """A judgement by id: an analyst's decision, else the resolver's, else a candidate.

    Raises
    ------
    NotFound
        No judgement or candidate has this id.
    """
    decided = read_judgements(judgements_path(_home(store, home)))
    if judgement_id in decided:
        return decided[judgement_id]
    for j in (*resolver_judgements(store), *candidates(store)):
        if j.id == judgement_id:
            return j
    raise NotFound("no merge judgement or candidate has this id (see `govkg merges list` and `candidates`)", subject=judgement_id)


def decide(store: Any, judgement_id: str, verdict: str, home: str | Path | None = None) -> Judgement:
    """Record an analyst's ``verdict`` (positive, negative, unsure) on a judgement or candidate."""
    home = _home(store, home)
    j = replace(find_judgement(store, judgement_id, home), verdict=verdict, by=ANALYST)
    path = judgements_path(home)
    decided = read_judgements(path)
    decided[j.id] = j
    write_judgements(path, decided.values())
    return j


def join(store: Any, survivor: str, retired: str, home: str | Path | None = None, *, verdict: str = "positive") -> Judgement:
    """Record that ``retired`` is the same entity as ``survivor`` (or, with another verdict, that it is not, or may be).

    Both must be ids of bodies, posts, people or acts in the store (a retired id resolves to its
    survivor first).

    Raises
    ------
    NotFound
        An id names nothing.
    GovkgError
        The two ids are the same entity already.
    """
    from govkg.graph.queries import canonical_id

    home = _home(store, home)
    a, b = canonical_id(store, survivor), canonical_id(store, retired)
    if a == b:
        raise GovkgError(f"{survivor} and {retired} are one entity already", subject="merges join")
    facts = to_facts(store)
    src = Sources(facts)
    for i in (a, b):
        if i not in facts.nodes:
            raise NotFound("no body, post, person or act has this id", subject=i)
    if verdict == "positive" and set(facts.nodes[a].labels) != set(facts.nodes[b].labels):
        kinds = " and ".join("/".join(facts.nodes[i].labels) for i in (a, b))
        raise GovkgError(f"a {kinds} cannot be one entity", subject="merges join")
    j = pair_judgement(
        a, b, verdict=verdict, by=ANALYST, rule="analyst.join",
        reason=f"“{facts.nodes[b].name}” is “{facts.nodes[a].name}”" if verdict == "positive" else "reviewed by an analyst",
        names=(facts.nodes[a].name, facts.nodes[b].name),
        evidence=_evidence(src.of_node(a)[:1] + src.of_node(b)[:1]),
    )
    path = judgements_path(home)
    decided = read_judgements(path)
    decided[j.id] = j
    write_judgements(path, decided.values())
    return j
