"""Merges as judgements: what the resolver unified, what an analyst decided, and how a decision rewrites facts.

Extraction unifies entities by content-derived ids: two charters that name the same body, post,
person or act give it one id, and a body's other names become its ``aliases``. Each such
unification is a :class:`Judgement` that an analyst can review (``govkg merges``):

- ``merge``: charter ``charter``'s node ``ids[0]`` was unified with the same id in other charters
  (same committee of the same unit, same kind + name + unit, same post in the same body, same
  document number, same person's name);
- ``alias``: the name ``alias`` was taken as another name of ``ids[0]`` (an alias or an
  abbreviation expanded);
- ``pair``: two ids that may be one entity: ``ids = (survivor, retired)``. The resolver proposes
  pairs as candidates (``unsure``); an analyst's ``join`` makes one positive.

A verdict is ``positive``, ``negative`` or ``unsure``. The resolver's own judgements are positive
(``merge``, ``alias``) or unsure (candidate ``pair``); analysts' decisions (``by: analyst``) live
in ``$GOVKG_HOME/judgements.jsonl``, one JSON object per line, sorted by id, so the file diffs
well and can be kept under version control. :func:`apply_judgements` applies the analysts'
decisions to one charter's facts after extraction, before the load; extraction itself never
reads them:

- a negative ``merge`` gives the charter's node its own id (:func:`split_id`), and the posts of
  a split body with it;
- a negative ``alias`` drops the alias;
- a positive ``pair`` renames the retired id to the survivor, which lists it in ``replacedIds``.

Examples
--------
>>> from govkg.ontology.facts import Edge, Facts, Node
>>> f = Facts(charter_id="ch")
>>> _ = f.add_node(Node("ch", ("Charter",), {}))
>>> _ = f.add_node(Node("b1", ("Body", "Agency"), {"name": "Công an phường"}))
>>> _ = f.add_node(Node("b2", ("Body", "Agency"), {"name": "Công an"}))
>>> _ = f.add_edge(Edge("REPORTS_TO", "b2", "b1", {"charter": "ch", "id": "e:1"}))
>>> _ = f.add_edge(Edge("COORDINATES_WITH", "ch", "b2", {"charter": "ch", "id": "e:2"}))
>>> j = pair_judgement("b1", "b2", verdict="positive", by="analyst")
>>> g = apply_judgements(f, {j.id: j})
>>> sorted(g.nodes), g.nodes["b1"].props["replacedIds"], g.nodes["b1"].props["aliases"]
(['b1', 'ch'], ['b2'], ['Công an'])
>>> [(e.source, e.target) for e in g.edges]  # the report of b2 to b1 became a loop and is dropped
[('ch', 'b1')]
>>> g.nodes["ch"].props["judgements"] == [j.id]
True
>>> apply_judgements(f, {}) is f  # nothing to apply: the very same facts
True
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from govkg.errors import ParseError
from govkg.ontology.facts import Edge, Facts, Node, is_folded
from govkg.ontology.vocab import Label, Prop, Rel

__all__ = [
    "ANALYST",
    "JUDGEMENTS_FILE",
    "KINDS",
    "RESOLVER",
    "VERDICTS",
    "Judgement",
    "alias_judgement",
    "apply_judgements",
    "judgement_id",
    "judgements_path",
    "merge_judgement",
    "pair_judgement",
    "read_judgements",
    "retired_ids",
    "split_id",
    "write_judgements",
]

JUDGEMENTS_FILE = "judgements.jsonl"
VERDICTS = ("positive", "negative", "unsure")
KINDS = ("merge", "alias", "pair")
RESOLVER, ANALYST = "resolver", "analyst"


@dataclass(frozen=True)
class Judgement:
    """One merge decision (see the module docstring for ``kind``, ``ids`` and ``verdict``).

    ``names`` are the names merged (a node's name and aliases; a name and the alias taken for it;
    the two names of a pair); ``evidence`` holds, per charter, the clause and quote (and ``rule``,
    the extraction rule of the edge quoted).
    """

    id: str
    kind: str
    verdict: str
    ids: tuple[str, ...]
    charter: str | None = None
    alias: str | None = None
    rule: str = ""
    reason: str = ""
    names: tuple[str, ...] = field(default=(), compare=False)
    evidence: tuple[dict[str, Any], ...] = field(default=(), compare=False)
    by: str = RESOLVER

    def to_dict(self) -> dict[str, Any]:
        """A plain dict, ``None`` fields left out (what a line of the file holds)."""
        d = asdict(self)
        d["ids"], d["names"], d["evidence"] = list(self.ids), list(self.names), [dict(e) for e in self.evidence]
        return {k: v for k, v in d.items() if v not in (None, "", [])}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Judgement:
        """The judgement a line of the file describes.

        >>> Judgement.from_dict({"id": "x", "kind": "merge", "verdict": "maybe", "ids": ["a"]})
        Traceback (most recent call last):
        ...
        ValueError: judgement x: verdict 'maybe' is not one of positive, negative, unsure
        """
        if data.get("verdict") not in VERDICTS:
            raise ValueError(f"judgement {data.get('id')}: verdict {data.get('verdict')!r} is not one of {', '.join(VERDICTS)}")
        if data.get("kind") not in KINDS:
            raise ValueError(f"judgement {data.get('id')}: kind {data.get('kind')!r} is not one of {', '.join(KINDS)}")
        return cls(
            id=str(data["id"]),
            kind=str(data["kind"]),
            verdict=str(data["verdict"]),
            ids=tuple(str(i) for i in data.get("ids", ())),
            charter=data.get("charter"),
            alias=data.get("alias"),
            rule=str(data.get("rule", "")),
            reason=str(data.get("reason", "")),
            names=tuple(str(n) for n in data.get("names", ())),
            evidence=tuple(dict(e) for e in data.get("evidence", ())),
            by=str(data.get("by", RESOLVER)),
        )


def _hash(*parts: str) -> str:
    return hashlib.blake2b("|".join(parts).encode("utf-8"), digest_size=5).hexdigest()


def judgement_id(kind: str, *parts: str) -> str:
    """A judgement's id, derived from what it is about (so a reload finds the same id).

    A ``pair`` id does not depend on the order of the two ids.

    >>> judgement_id("pair", "a", "b") == judgement_id("pair", "b", "a")
    True
    >>> judgement_id("merge", "body:x", "charter:y").startswith("merge-")
    True
    """
    if kind == "pair":
        parts = tuple(sorted(parts))
    return f"{kind}-{_hash(kind, *parts)}"


def merge_judgement(node_id: str, charter: str, **fields: Any) -> Judgement:
    """The resolver's ``merge`` of ``charter``'s ``node_id`` with the same id elsewhere (positive)."""
    fields.setdefault("verdict", "positive")
    return Judgement(judgement_id("merge", node_id, charter), "merge", ids=(node_id,), charter=charter, **fields)


def alias_judgement(node_id: str, alias: str, **fields: Any) -> Judgement:
    """The resolver's taking ``alias`` as a name of ``node_id`` (positive)."""
    fields.setdefault("verdict", "positive")
    return Judgement(judgement_id("alias", node_id, alias), "alias", ids=(node_id,), alias=alias, **fields)


def pair_judgement(survivor: str, retired: str, **fields: Any) -> Judgement:
    """Two ids that may be one entity; ``positive`` retires ``retired`` into ``survivor``."""
    fields.setdefault("verdict", "unsure")
    return Judgement(judgement_id("pair", survivor, retired), "pair", ids=(survivor, retired), **fields)


def split_id(node_id: str, charter: str) -> str:
    """The id a charter's node gets when a negative judgement splits it from the others'.

    >>> split_id("body:cong-an~1a2b", "charter:03-qd~c1")
    'body:cong-an~1a2b.split-2e7796'
    """
    return f"{node_id}.split-{hashlib.blake2b(charter.encode('utf-8'), digest_size=3).hexdigest()}"


# --------------------------------------------------------------------------- the file
def judgements_path(home: str | Path) -> Path:
    """``$GOVKG_HOME/judgements.jsonl``."""
    return Path(home) / JUDGEMENTS_FILE


def read_judgements(path: str | Path) -> dict[str, Judgement]:
    """The judgements of a file by id (none when it does not exist).

    Raises
    ------
    ParseError
        A line is not a judgement (the message names the file and the line).
    """
    path = Path(path)
    if not path.exists():
        return {}
    out: dict[str, Judgement] = {}
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            j = Judgement.from_dict(json.loads(line))
        except (ValueError, KeyError, TypeError) as err:
            raise ParseError(f"line {number}: {err}", path=str(path)) from None
        out[j.id] = j
    return out


def write_judgements(path: str | Path, judgements: Iterable[Judgement]) -> Path:
    """Write judgements sorted by id, one JSON object per line with sorted keys (atomic replace).

    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "judgements.jsonl"
    >>> _ = write_judgements(p, [alias_judgement("b", "BCĐ", by="analyst", verdict="negative")])
    >>> list(read_judgements(p).values())[0].alias
    'BCĐ'
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    lines = [
        json.dumps(j.to_dict(), ensure_ascii=False, sort_keys=True) + "\n"
        for j in sorted(judgements, key=lambda j: j.id)
    ]
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".judgements-", suffix=".tmp")
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        fh.writelines(lines)
    os.replace(tmp, path)
    return path


# --------------------------------------------------------------------------- applying decisions
def _decisions(judgements: Mapping[str, Judgement]) -> list[Judgement]:
    return [j for j in sorted(judgements.values(), key=lambda j: j.id) if j.by == ANALYST]


def _survivors(decisions: Iterable[Judgement]) -> dict[str, tuple[str, str]]:
    """retired id → (survivor id, judgement id), chains followed, cycles refused."""
    direct: dict[str, tuple[str, str]] = {}
    for j in decisions:
        if j.kind == "pair" and j.verdict == "positive" and len(j.ids) == 2 and j.ids[0] != j.ids[1]:
            survivor, retired = j.ids
            if retired not in direct:
                direct[retired] = (survivor, j.id)
    out = {}
    for retired in direct:
        seen, cur = {retired}, direct[retired][0]
        while cur in direct and cur not in seen:
            seen.add(cur)
            cur = direct[cur][0]
        if cur != retired:  # a cycle of joins keeps every id
            out[retired] = (cur, direct[retired][1])
    return out


def retired_ids(judgements: Mapping[str, Judgement]) -> dict[str, str]:
    """Each id an analyst's join retired, with the id that now stands for it.

    >>> j1 = pair_judgement("a", "b", verdict="positive", by="analyst")
    >>> j2 = pair_judgement("b", "c", verdict="positive", by="analyst")
    >>> retired_ids({j1.id: j1, j2.id: j2})
    {'b': 'a', 'c': 'a'}
    """
    return {r: s for r, (s, _) in sorted(_survivors(_decisions(judgements)).items())}


def apply_judgements(facts: Facts, judgements: Mapping[str, Judgement]) -> Facts:
    """One charter's facts with the analysts' decisions applied (the same object when none applies).

    The charter node lists the judgements that changed something in ``judgements``, so a store
    reloads the charter when that list changes.
    """
    decisions = _decisions(judgements)
    if not decisions:
        return facts
    cid = facts.charter_id
    rename: dict[str, str] = {}
    applied: set[str] = set()
    for j in decisions:
        if j.kind == "merge" and j.verdict == "negative" and j.charter != cid and j.ids and j.ids[0] in facts.nodes:
            # another charter's view of the node was split off: this charter writes its properties again
            applied.add(j.id)
        if j.kind == "merge" and j.verdict == "negative" and j.charter == cid and j.ids and j.ids[0] in facts.nodes:
            node_id = j.ids[0]
            rename[node_id] = split_id(node_id, cid)
            # the posts of a split body are its own
            for e in facts.edges:
                if e.type == Rel.POST_IN and e.target == node_id and e.source in facts.nodes:
                    rename.setdefault(e.source, split_id(e.source, cid))
            applied.add(j.id)
    replaced: dict[str, set[str]] = {}
    for retired, (survivor, jid) in _survivors(decisions).items():
        if retired in facts.nodes or survivor in facts.nodes:
            rename.setdefault(retired, survivor)
            replaced.setdefault(survivor, set()).add(retired)
            applied.add(jid)
    dropped: dict[str, set[str]] = {}
    for j in decisions:
        if j.kind == "alias" and j.verdict == "negative" and j.alias and j.ids:
            node = facts.nodes.get(j.ids[0])
            if node is not None and j.alias in node.props.get(Prop.aliases.value, []):
                dropped.setdefault(j.ids[0], set()).add(j.alias)
                applied.add(j.id)
    if not applied:
        return facts
    out = Facts(charter_id=facts.charter_id, path=facts.path)
    for node in facts.nodes.values():
        props = {k: (list(v) if isinstance(v, list) else v) for k, v in node.props.items()}
        if node.id in dropped:
            props[Prop.aliases.value] = [a for a in props.get(Prop.aliases.value, []) if a not in dropped[node.id]]
            if not props[Prop.aliases.value]:
                del props[Prop.aliases.value]
        new_id = rename.get(node.id, node.id)
        if new_id in replaced and node.id != new_id and new_id not in facts.nodes:
            # the survivor is described elsewhere: its name stays its own, the retired one's becomes an alias
            names = [props.pop(k) for k in (Prop.name.value, Prop.nameEn.value) if k in props][:1]
            props[Prop.aliases.value] = list(dict.fromkeys([*names, *props.get(Prop.aliases.value, [])]))
        _merge_into(out, Node(new_id, tuple(node.labels), props), renamed_from=node.id if new_id != node.id else None)
    for survivor, olds in replaced.items():
        if survivor in out.nodes:
            held = out.nodes[survivor].props.get(Prop.replacedIds.value, [])
            out.nodes[survivor].props[Prop.replacedIds.value] = sorted(set(held) | olds)
    stated: set[tuple[str, str, str, Any]] = set()
    for e in facts.edges:
        source, target = rename.get(e.source, e.source), rename.get(e.target, e.target)
        if source == target and e.source != e.target:
            continue  # two ends joined into one: the relation would be a loop
        if is_folded(e):
            # a folded edge's id follows its ends: two that now join are one, with both evidences
            out.add_edge(Edge(e.type, source, target, {k: v for k, v in e.props.items() if k != "id"}))
            continue
        key = (e.type, source, target, e.props.get(Prop.provision.value))
        if key in stated and (source, target) != (e.source, e.target):
            continue  # the same clause named both joined entities: one relation
        stated.add(key)
        out.add_edge(Edge(e.type, source, target, dict(e.props)))
    if cid and cid in out.nodes:
        out.nodes[cid].props[Prop.judgements.value] = sorted(applied)
    return out


def _merge_into(out: Facts, node: Node, *, renamed_from: str | None) -> None:
    # a retired node's names stay findable as names of its survivor
    names = [n for n in (node.props.get(Prop.name.value), *node.props.get(Prop.aliases.value, [])) if n]
    old = out.nodes.get(node.id)
    if old is None:
        out.nodes[node.id] = node
    else:
        for k, v in node.props.items():
            if old.props.get(k) in (None, "", [], ()):
                old.props[k] = v
        if not _has_kind(old):
            old.labels = tuple(dict.fromkeys((*old.labels, *node.labels)))
    if renamed_from is not None or old is not None:
        target = out.nodes[node.id]
        aliases = list(target.props.get(Prop.aliases.value, []))
        for n in names:
            if n != target.props.get(Prop.name.value) and n not in aliases:
                aliases.append(n)
        if aliases:
            target.props[Prop.aliases.value] = aliases


def _has_kind(node: Node) -> bool:
    # a body keeps the one kind label it has (the survivor's)
    return Label.Body in node.labels and len(node.labels) > 1

