"""The named queries: Cypher files auditors can read and copy (``graph/queries/*.cypher``), and the Python calls around them.

Each query is one file in ``graph/queries/`` (``chain.cypher``, ``members.cypher``, …) with
``$parameters``; it runs unchanged on the embedded store and on Neo4j and returns the
provenance (``charter``, ``provision``, ``quote``) of every edge it walks.
:func:`run_named` runs a file by name; the functions below resolve names to ids,
apply "as of" dates and shape the rows.

"As of" a date, only charters in force on that date count, and only edges those charters
assert: the queries skip the edges of the charters out of force (``out_of_force.cypher``).

Examples
--------
>>> sorted(NAMED)[:3]
['chain', 'delegations', 'members']
>>> query_params(load_query("members"))
['committee', 'excluded']
>>> load_query("../etc/passwd")
Traceback (most recent call last):
...
govkg.errors.NotFound: ../etc/passwd: no such named query
"""

from __future__ import annotations

import re
import sys
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import cache, lru_cache
from pathlib import Path
from typing import Any
from weakref import WeakKeyDictionary

from govkg.errors import Ambiguous, NotFound, QueryRefused
from govkg.graph.store import LABELS_KEY, TYPE_KEY, GraphStore, Rows, fold_name
from govkg.ontology.facts import EVIDENCE_KEYS, evidence
from govkg.ontology.vocab import Label, Prop, Rel, Role, Status
from govkg.vn.words import LEVELS, height

__all__ = [
    "CHAIN_PREFERENCE",
    "LEVEL_RANK",
    "NAMED",
    "QUERY_DIR",
    "VIA",
    "ChainIndex",
    "canonical_id",
    "chain",
    "chain_index",
    "chair_of",
    "delegations",
    "generation_cache",
    "load_query",
    "members",
    "out_of_force",
    "provenance",
    "query_params",
    "rank_routes",
    "reporting",
    "resolve_entity",
    "run_named",
    "search",
    "standing_agencies",
    "subtree",
    "valid_charters",
    "warm_chains",
]

QUERY_DIR = Path(__file__).parent / "queries"

# why an inferred edge holds, by the rule that inferred it (the words every surface shows)
_INFERRED_BASIS = {
    "hierarchy.gazetteer": "inferred from the gazetteer: no charter states it",
    "hierarchy.located_in": "inferred from the gazetteer: no charter states it",
}


def provenance(edge: Mapping[str, Any]) -> dict[str, Any]:
    """Where a relation comes from: ``charter``, ``provision`` and ``quote``; an inferred one says so.

    An inferred relation also carries ``inferred``, the ``rule`` and the ``basis`` in the
    words the command line prints, and no empty quote (``None``: no words state it).

    >>> provenance({"charter": "c", "provision": "dieu-1", "quote": "x"})
    {'charter': 'c', 'provision': 'dieu-1', 'quote': 'x'}
    >>> p = provenance({"charter": "c", "provision": "dieu-1", "quote": "", "inferred": True, "rule": "hierarchy.gazetteer"})
    >>> p["quote"], p["inferred"], p["basis"]
    (None, True, 'inferred from the gazetteer: no charter states it')

    A folded inferred edge cites its first evidence entry and lists them all in ``evidence``:

    >>> p = provenance({"charters": ["c1", "c2"], "provisions": ["a", "b"], "rules": ["hierarchy.gazetteer"] * 2,
    ...                 "quotes": ["", ""], "quoteStarts": [-1, -1], "quoteEnds": [-1, -1], "inferred": True})
    >>> p["charter"], [e["charter"] for e in p["evidence"]], p["basis"]
    ('c1', ['c1', 'c2'], 'inferred from the gazetteer: no charter states it')
    """
    out = _provenance(edge)
    if edge.get(Prop.inferred):
        rule = edge.get(Prop.rule) or (out.get(Prop.evidence.value) or [{}])[0].get(Prop.rule.value)
        out[Prop.quote.value] = out[Prop.quote.value] or None
        out[Prop.inferred.value] = True
        out[Prop.rule.value] = rule
        out["basis"] = _INFERRED_BASIS.get(str(rule), f"inferred (rule {rule})")
    return out


NAMED = ("chain", "members", "delegations", "reporting", "standing_agencies", "subtree", "search")

# At each step of a chain, the preferred edge type (smaller is better).
CHAIN_PREFERENCE: dict[str, int] = {
    Rel.REPORTS_TO: 0,
    Rel.ACCOUNTABLE_TO: 1,
    Rel.DIRECTED_BY: 2,
    Rel.STANDING_AGENCY_OF: 3,
    Rel.PART_OF: 4,
    Rel.POST_IN: 5,
    Rel.SUBORDINATE_TO: 6,
    # a detour through the ex-officio holder's own body: only when nothing else reaches up
    Rel.HELD_EX_OFFICIO_BY: 7,
}
LEVEL_RANK: dict[str, int] = {lv: height(lv) for lv in LEVELS}
# The hop type of the second half of a REPORTS_TO edge with a `via` body (via body -> recipient).
VIA = Prop.via.value
_ENTITY_LABELS = frozenset({Label.Body, Label.Post, Label.Person})
_ROLE_ORDER = {role.value: i for i, role in enumerate(Role)}
_PARAM = re.compile(r"\$([A-Za-z_][A-Za-z0-9_]*)")
_NAME = re.compile(r"^[a-z][a-z0-9_]*$")
_PROVENANCE = (Prop.charter.value, Prop.provision.value, Prop.quote.value)
# plain strings for the chain's inner loops (an enum member's .value is a descriptor call)
_ID, _VIA, _CHARTER, _CHARTERS, _INFERRED = (p.value for p in (Prop.id, Prop.via, Prop.charter, Prop.charters, Prop.inferred))
_REPORTS_TO = Rel.REPORTS_TO.value


# --------------------------------------------------------------------------- files
@cache
def load_query(name: str) -> str:
    """The text of a named query file (``graph/queries/<name>.cypher``)."""
    path = QUERY_DIR / f"{name}.cypher"
    if not _NAME.match(name) or not path.is_file():
        raise NotFound("no such named query", subject=name)
    return path.read_text(encoding="utf-8")


def query_params(cypher: str) -> list[str]:
    """The ``$parameters`` a query uses (comments and strings ignored).

    >>> query_params("MATCH (n {id: $id}) // $not_this\\nRETURN '$nor_this', $limit")
    ['id', 'limit']
    """
    return list(_query_params(cypher))


@lru_cache(maxsize=256)
def _query_params(cypher: str) -> tuple[str, ...]:
    # cached by text: stripping literals is a Python loop over every character, and the
    # named queries run thousands of times (it was 40% of a chain's time)
    from govkg.graph.readonly import strip_literals

    return tuple(sorted(set(_PARAM.findall(strip_literals(cypher)))))


def _iso_day(as_of: str | date) -> str:
    day = as_of.isoformat() if isinstance(as_of, date) else str(as_of).strip()
    if not re.match(r"^\d{4}(-\d{2}){0,2}$", day):
        raise QueryRefused("as_of must be an ISO date (YYYY-MM-DD)", subject=day)
    # a real calendar day (or month): 2026-13-45 and 2026-02-30 are refused
    try:
        date.fromisoformat(day if len(day) == 10 else (day + "-01-01")[:10])
    except ValueError:
        raise QueryRefused("as_of is not a calendar date (YYYY-MM-DD)", subject=day) from None
    return day


def valid_charters(store: GraphStore, as_of: str | date) -> list[str]:
    """Ids of the charters in force on ``as_of`` (an ISO date or a ``date``)."""
    return [r["id"] for r in store.query(load_query("valid_charters"), {"date": _iso_day(as_of)}, limit=None)]


def out_of_force(store: GraphStore, as_of: str | date) -> list[str]:
    """Ids of the charters NOT in force on ``as_of``: replaced before it, or issued after it.

    The named queries skip the edges of these (usually few) charters, rather than test
    every edge against the (many) charters in force. The :class:`ChainIndex` of the store's
    version, when :func:`warm_chains` built one, answers without a query.
    """
    day = _iso_day(as_of)
    index = chain_index(store)
    if index is not None:
        return index.out_of_force(day)
    return [r["id"] for r in store.query(load_query("out_of_force"), {"date": day}, limit=None)]


def run_named(
    store: GraphStore,
    name: str,
    *,
    as_of: str | date | None = None,
    timeout: float | None = None,
    limit: int | None = None,
    **params: Any,
) -> Rows:
    """Run a named query with its parameters; ``as_of`` fills ``$excluded``.

    Every ``$parameter`` of the file must be given, except ``excluded`` (no charter is
    excluded when neither it nor ``as_of`` is given).
    """
    text = load_query(name)
    wanted = query_params(text)
    if "excluded" in wanted and "excluded" not in params:
        params["excluded"] = None if as_of is None else out_of_force(store, as_of)
    missing = [p for p in wanted if p not in params]
    if missing:
        raise QueryRefused(f"missing parameters {missing}", subject=name)
    return store.query(text, {k: params[k] for k in wanted}, timeout=timeout, limit=limit)


# --------------------------------------------------------------------------- helpers
def _summary(node: Mapping[str, Any] | None) -> dict[str, Any] | None:
    # grafeo projects a missing (OPTIONAL) node as a map of nulls; Neo4j as null
    if not node or node.get(Prop.id) is None:
        return None
    out = {k: v for k, v in node.items() if v is not None}
    if LABELS_KEY in out:
        out[LABELS_KEY] = sorted(out[LABELS_KEY])  # Neo4j returns labels in no set order
    return out


def _by_provenance(item: Mapping[str, Any]) -> tuple[str, ...]:
    return tuple(str(item.get(k) or "") for k in (Prop.charter, Prop.provision, Prop.id, "holder", Prop.quote))


def _provenance(rel: Mapping[str, Any] | None) -> dict[str, Any]:
    """``charter``, ``provision``, ``quote`` of a relation; a folded one's first evidence entry, and
    ``evidence``: every entry (charter, provision, rule, quote)."""
    rel = rel or {}
    if not rel.get(Prop.charters):
        return {k: rel.get(k) for k in _PROVENANCE}
    entries = [
        {Prop.charter.value: e[Prop.charter], Prop.provision.value: e[Prop.provision], Prop.rule.value: e[Prop.rule],
         Prop.quote.value: e[Prop.quote] or None}
        for e in evidence(rel)
    ]
    return {**{k: entries[0][k] for k in _PROVENANCE}, Prop.evidence.value: entries}


def _in_force(rel: dict[str, Any], excluded: Sequence[str] | None) -> dict[str, Any]:
    """``rel`` with only the evidence of charters in force (not in ``excluded``); a stated one as it is."""
    if not excluded or not rel.get(Prop.charters):
        return rel
    gone = set(excluded)
    kept = [i for i, c in enumerate(rel[Prop.charters]) if c not in gone]
    return {**rel, **{k: [rel[k][i] for i in kept] for k in EVIDENCE_KEYS if rel.get(k) is not None}}


def _cited_charter(rel: Mapping[str, Any]) -> str | None:
    # the charter _provenance cites: a folded relation's first, else its one charter
    charters = rel.get(_CHARTERS)
    return charters[0] if charters else rel.get(_CHARTER)


def _lead_charter(rel: Mapping[str, Any]) -> str | None:
    # a stated relation's charter, or the first of a folded one's
    return rel.get(Prop.charter) or next(iter(rel.get(Prop.charters) or ()), None)


def _candidate(node: Mapping[str, Any]) -> dict[str, Any]:
    return {
        Prop.id.value: node.get(Prop.id),
        Prop.name.value: node.get(Prop.name),
        LABELS_KEY: node.get(LABELS_KEY, []),
        Prop.locality.value: node.get(Prop.locality),
    }


def search(store: GraphStore, text: str, *, limit: int = 20) -> list[dict[str, Any]]:
    """Nodes whose name holds every word of ``text``, in any order, or whose id is ``text``, best first.

    Accents and case are ignored and abbreviations spelt out (``UBND`` is ``Ủy ban nhân
    dân``); the last word may be the start of a word. A post's name holds its body's, and a
    body's its locality, so the words may fall on either. Each row is a node summary plus
    ``exact`` (the whole name matched); rows are ranked: whole name, then the fewest other
    words in the name, then id. An id a merge judgement retired finds the entity that absorbed it.
    """
    from govkg.vn.text import name_key

    words = name_key(text).split()
    if not words:
        return []
    key = " ".join(words)
    rows = run_named(
        store, "search_words", words=words[:-1], last=words[-1], id=text, max_rows=_cap(store), limit=None
    )

    def rank(r: Mapping[str, Any]) -> tuple[Any, ...]:
        folded = r["folded"] or ""
        return (r["node"].get(Prop.id) != text, folded != key, len(folded.split()) - len(words), str(r["node"].get(Prop.id)))

    best = sorted({r["node"][Prop.id]: r for r in rows}.values(), key=rank)[:limit]
    found = [{**(_summary(r["node"]) or {}), "exact": (r["folded"] or "") == key} for r in best]
    if not any(f.get(Prop.id) == text for f in found):
        survivor = _replacing(store, text)  # an id a merge judgement retired finds the entity that absorbed it
        if survivor is not None:
            found = [{**survivor, "exact": True}, *(f for f in found if f.get(Prop.id) != survivor[Prop.id])][:limit]
    return found


def _cap(store: GraphStore) -> int:
    settings = getattr(store, "settings", None)
    return int(getattr(settings, "row_cap", 10_000))


def _entity_scope(store: GraphStore, ids: Sequence[str]) -> dict[str, list[str]]:
    rows = run_named(store, "entity_scope", ids=list(ids), limit=None)
    return {r["id"]: [*r["committees"], *(n for n in r["names"] if n)] for r in rows}


def resolve_entity(store: GraphStore, name_or_id: str, in_: str | None = None) -> dict[str, Any]:
    """The one body, post or person ``name_or_id`` names.

    An exact id wins. Otherwise names are matched accent-insensitively (whole name first,
    then part of the name), and ``in_`` — a locality or a committee (name or id) — keeps
    the nodes whose ``locality`` matches it or that an edge of that committee's charter
    touches.

    Raises
    ------
    NotFound
        Nothing matches.
    Ambiguous
        Several match; ``candidates`` lists their id, name, labels and locality.
    """
    text = (name_or_id or "").strip()
    if not text:
        raise NotFound("empty name", subject="entity")
    # an exact id of a body, post or person: from the chain index, else indexed lookups (no scan)
    index = chain_index(store)
    if index is not None:
        node = index.nodes.get(text)
        if node is not None and _ENTITY_LABELS & set(node[LABELS_KEY]):
            return {**node, LABELS_KEY: list(node[LABELS_KEY])}
    for r in run_named(store, "nodes", ids=[text]):
        return _summary(r["node"]) or {}
    # an id a merge judgement retired stands for the entity that absorbed it
    survivor = _replacing(store, text)
    if survivor is not None:
        return survivor
    folded = fold_name(text)
    # the whole name (an index lookup), else part of a name (a scan)
    pool = [r["node"] for r in run_named(store, "by_name", folded=folded, limit=None)] if folded else []
    if not pool:
        rows = run_named(store, "search", folded=folded or None, id=text, max_rows=_cap(store), limit=None)
        pool = [r["node"] for r in rows if _ENTITY_LABELS & set(r["node"].get(LABELS_KEY, []))]
    if not pool:
        pool = _best_by_words(store, text)
    if in_:
        where = fold_name(in_)
        local = [n for n in pool if where and where in fold_name(n.get(Prop.locality))]
        rest = [n for n in pool if n not in local]
        scope = _entity_scope(store, [n[Prop.id] for n in rest]) if rest else {}
        pool = local + [
            n for n in rest if any(in_ == s or (where and where in s) for s in scope.get(n[Prop.id], []))
        ]
        if not pool:
            raise NotFound(f"nothing named like this in {in_!r}", subject=text)
    if not pool:
        raise NotFound("no body, post or person has this id or name", subject=text)
    if len(pool) > 1:
        # "Tổ Công tác X" also matches "Tổ trưởng (Tổ Công tác X)": a lone body beats the posts named after it
        bodies = [n for n in pool if Label.Body in n.get(LABELS_KEY, [])]
        if len(bodies) == 1:
            return _summary(bodies[0]) or {}
    if len(pool) > 1:
        raise Ambiguous(
            f"{len(pool)} matches; give an id, or narrow by a locality or committee (--in on the command line, in= in the API)",
            subject=text,
            candidates=[_candidate(n) for n in sorted(pool, key=lambda n: str(n.get(Prop.id)))],
        )
    return _summary(pool[0]) or {}


def _best_by_words(store: GraphStore, text: str) -> list[dict[str, Any]]:
    """The bodies, posts and persons whose name holds every word of ``text`` (as :func:`search`
    finds them: any order, abbreviations spelt out) with the fewest other words.

    "Chủ tịch UBND phường Hải Dương" is then the ward's People's Committee chair, not its
    vice-chair ("Phó Chủ tịch …", one word more).
    """
    found = [n for n in search(store, text, limit=_cap(store)) if _ENTITY_LABELS & set(n.get(LABELS_KEY, []))]
    if not found:
        return []
    extra = {n[Prop.id]: len(fold_name(n.get(Prop.name)).split()) for n in found}
    fewest = min(extra.values())
    return [{k: v for k, v in n.items() if k != "exact"} for n in found if extra[n[Prop.id]] == fewest]


_MEMOS: WeakKeyDictionary = WeakKeyDictionary()
# entries before the memo starts over: a node's chain edges with their quotes (~1–2 KB; the
# upper levels they are for are a few thousand nodes even for the whole country), a chain's
# answer (~5 KB) and the API's encoded /chains answer (~3 KB) per start; 20,000 keep a
# process's memo under ~150 MB (each API worker has its own)
_MEMO_MAX = 20_000


def _memo(store: GraphStore) -> dict[Any, Any] | None:
    """Read results kept for ``store`` until its next write, or None where that is unsafe.

    Only a store that says which ``generation`` of its content it holds takes part: the
    embedded store, whose file no other process can write while it is open (and which
    counts its own writes). A Neo4j server has other writers, so nothing is kept for it.
    """
    generation = getattr(store, "generation", None)
    if generation is None:
        return None
    held = _MEMOS.get(store)
    if held is None or held[0] != generation or len(held[1]) > _MEMO_MAX:
        held = (generation, {})
        _MEMOS[store] = held
    return held[1]


def generation_cache(store: GraphStore) -> dict[Any, Any] | None:
    """A dict for answers computed from ``store``, emptied when its content changes; None where unsafe.

    The embedded store counts the versions of its content (``generation``): its own writes,
    and for a snapshot reader (the API server) each newer file a ``govkg load`` left, which
    it notices by a stat at most every 0.2 s. A store without a generation (Neo4j, which
    other processes write) gets None: nothing may be kept for it. :func:`chain` keeps its
    answers here, and the API its encoded ``/chains`` responses.

    >>> generation_cache(object()) is None
    True
    """
    return _memo(store)


def _fresh(value: Any) -> Any:
    """A copy of nested dicts and lists (a cached answer handed out stays intact)."""
    if isinstance(value, dict):
        return {k: _fresh(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_fresh(v) for v in value]
    return value


def _charter_info(store: GraphStore, ids: Iterable[str | None]) -> dict[str, dict[str, Any]]:
    wanted = sorted({i for i in ids if i})
    if not wanted:
        return {}
    index = chain_index(store)
    if index is not None:
        return {i: index.charters[i] for i in wanted if i in index.charters}
    memo = _memo(store)
    if memo is None:
        return {r["id"]: r for r in run_named(store, "charter_numbers", ids=wanted, limit=None)}
    missing = [i for i in wanted if ("charter", i) not in memo]
    if missing:
        found = {r["id"]: r for r in run_named(store, "charter_numbers", ids=missing, limit=None)}
        for i in missing:
            memo["charter", i] = found.get(i)
    return {i: memo["charter", i] for i in wanted if memo["charter", i] is not None}


def _is_current(info: Mapping[str, Any] | None) -> bool:
    return not info or info.get(Prop.validTo.value) is None


def _replacing(store: GraphStore, node_id: str) -> dict[str, Any] | None:
    if ":" not in node_id:  # not an id: no scan for it
        return None
    for r in run_named(store, "replaced", id=node_id, limit=1):
        return _summary(r["node"])
    return None


def canonical_id(store: GraphStore, node_id: str) -> str:
    """The id that stands for ``node_id``: itself, unless a merge judgement retired it, then the
    id of the entity that absorbed it (whose ``replacedIds`` lists it).

    The CLI, the API and the queries all resolve ids through here or :func:`resolve_entity`,
    so an id that was once published keeps working.
    """
    if run_named(store, "nodes", ids=[node_id], limit=1):
        return node_id
    survivor = _replacing(store, node_id)
    return str(survivor[Prop.id]) if survivor else node_id


def _resolve_id(store: GraphStore, name_or_id: str, in_: str | None) -> str:
    return str(resolve_entity(store, name_or_id, in_)[Prop.id])


# --------------------------------------------------------------------------- chain
def _is_committee(node: Mapping[str, Any]) -> bool:
    return Label.SteeringCommittee in node.get(LABELS_KEY, [])


def _level(node: Mapping[str, Any]) -> int:
    return LEVEL_RANK.get(node.get(Prop.level) or "", 0)


def _pref(hop: Mapping[str, Any]) -> int:
    return CHAIN_PREFERENCE.get(
        Rel.REPORTS_TO if hop[TYPE_KEY] == VIA else hop[TYPE_KEY], len(CHAIN_PREFERENCE)
    )


def rank_routes(
    routes: Sequence[Sequence[Mapping[str, Any]]], current: Mapping[str, bool] | None = None
) -> list[Mapping[str, Any]]:
    """The chain: of all upward routes (lists of hops), the one to the highest committee.

    1. Routes end at a committee (``SteeringCommittee``) when any does; routes through
       ``HELD_EX_OFFICIO_BY`` count only when no other route reaches a committee.
    2. The highest level wins (national > province > district > commune); between
       committees of that level, the one reached by the longest route.
    3. Of the routes to that committee, the one preferring, step by step, REPORTS_TO >
       ACCOUNTABLE_TO > DIRECTED_BY > STANDING_AGENCY_OF > PART_OF > POST_IN > SUBORDINATE_TO
       (a ``via`` hop counts as REPORTS_TO); then the longer one; then the one whose hops
       come from charters still in force (``current`` maps charter ids to that), so that a
       relation restated by a newer charter is shown with the newer provenance.

    >>> def hop(t, to, level=None, labels=("Body", "SteeringCommittee")):
    ...     return {"type": t, "to": {"id": to, "level": level, "labels": list(labels)}}
    >>> short = [hop("PART_OF", "c", "commune"), hop("SUBORDINATE_TO", "n", "national")]
    >>> long_ = [hop("REPORTS_TO", "p", labels=("Post",)), hop("POST_IN", "c", "commune"),
    ...          hop("SUBORDINATE_TO", "n", "national")]
    >>> dead = [hop("REPORTS_TO", "party", labels=("Body", "PartyCommittee"))]
    >>> [h["to"]["id"] for h in rank_routes([short, long_, dead])]
    ['p', 'c', 'n']
    """
    routes = [list(r) for r in routes if r]
    if not routes:
        return []
    plain = [r for r in routes if all(h[TYPE_KEY] != Rel.HELD_EX_OFFICIO_BY for h in r)]
    candidates = (
        [r for r in plain if _is_committee(r[-1]["to"])]
        or [r for r in routes if _is_committee(r[-1]["to"])]
        or plain
        or routes
    )
    top = max(_level(r[-1]["to"]) for r in candidates)
    candidates = [r for r in candidates if _level(r[-1]["to"]) == top]
    longest: dict[str, int] = defaultdict(int)
    for r in candidates:
        end = str(r[-1]["to"][Prop.id])
        longest[end] = max(longest[end], len(r))
    target = min(longest, key=lambda end: (-longest[end], end))
    candidates = [r for r in candidates if str(r[-1]["to"][Prop.id]) == target]
    current = current or {}

    def key(r: list[Mapping[str, Any]]) -> tuple:
        return (
            [_pref(h) for h in r],
            -len(r),
            [str(h["to"][Prop.id]) for h in r],
            [not current.get(h.get(Prop.charter), True) for h in r],
            [str(h.get(Prop.charter)) for h in r],
        )

    return min(candidates, key=key)


def _node_summary(node: Mapping[str, Any]) -> dict[str, Any]:
    keys = (Prop.id, Prop.name, LABELS_KEY, Prop.level, Prop.status, Prop.locality, Prop.role)
    out = {str(k): node[k] for k in keys if node.get(k) is not None}
    out[LABELS_KEY] = sorted(out.get(LABELS_KEY, []))
    return out


# The longest route chain() follows (as chain.cypher's *1..10).
CHAIN_MAX_HOPS = 10


def _chain_steps(
    store: GraphStore, ids: list[str], excluded: list[str] | None, memo: dict[Any, Any] | None
) -> dict[str, list[tuple[dict[str, Any], dict[str, Any]]]]:
    """``chain_step`` for ``ids``: {id: [(rel, node), ...]}, from the memo where it has them.

    The upper levels (a province's committee and what it reports to) are shared by the
    chains of every commune below them, so a chain mostly asks only for its own levels.
    The :class:`ChainIndex` of the store's version, when there is one, holds every node's
    steps: no query then.
    """
    index = chain_index(store)
    if index is not None:
        return {i: index.steps_from(i, excluded) for i in ids}
    key = tuple(excluded) if excluded is not None else None
    out: dict[str, list[tuple[dict[str, Any], dict[str, Any]]]] = {}
    missing = []
    for i in ids:
        hit = memo.get(("step", i, key)) if memo is not None else None
        if hit is None:
            missing.append(i)
        else:
            out[i] = hit
    if missing:
        fetched: dict[str, list[tuple[dict[str, Any], dict[str, Any]]]] = {i: [] for i in missing}
        for r in run_named(store, "chain_step", ids=missing, excluded=excluded, limit=None):
            fetched[r["source"]].append((_in_force(r["rel"], excluded), r["node"]))
        if memo is not None:
            for i, rows in fetched.items():
                memo["step", i, key] = rows
        out.update(fetched)
    return out


def _chain_rows(store: GraphStore, start: Mapping[str, Any], as_of: str | date | None) -> list[dict[str, Any]]:
    """The routes of ``chain.cypher`` (rows of ``nodes`` and ``rels``), walked level by level.

    ``chain_step.cypher`` fetches the chain edges leaving the frontier, one query per level,
    instead of letting the engine enumerate every route: on the national graph a province
    committee is tied to the national one by a SUBORDINATE_TO from each commune charter, so
    the routes (and the time) grew with the number of communes. Parallel edges of one type
    between the same two nodes (and through the same ``via``) are folded into the one
    :func:`rank_routes` would pick: from a charter in force, then the smallest charter id
    (then the first provision ref, then the smallest edge id); routes are then enumerated over the folded edges without
    repeating a node, up to ``CHAIN_MAX_HOPS``.
    """
    excluded = None if as_of is None else out_of_force(store, as_of)
    start_id = str(start[Prop.id])
    nodes: dict[str, dict[str, Any]] = {start_id: dict(start)}
    leaving: dict[str, list[tuple[dict[str, Any], str]]] = defaultdict(list)
    frontier, seen = [start_id], {start_id}
    memo = _memo(store)
    for _ in range(CHAIN_MAX_HOPS):  # a node at distance d < 10 may start the last hop of a route
        if not frontier:
            break
        step = sorted(frontier)
        frontier = []
        for source, rows in _chain_steps(store, step, excluded, memo).items():
            for rel, node in rows:
                target = node[Prop.id]
                nodes.setdefault(target, node)
                leaving[source].append((rel, target))
                if target not in seen:
                    seen.add(target)
                    frontier.append(target)
    info = _charter_info(store, (_lead_charter(rel) for edges in leaving.values() for rel, _ in edges))

    def rank(rel: Mapping[str, Any]) -> tuple[bool, str, str, str]:
        charter = _lead_charter(rel)
        return (not _is_current(info.get(charter)), str(charter), str(rel.get(Prop.provision)), str(rel.get(Prop.id)))

    folded: dict[str, list[tuple[dict[str, Any], str]]] = {}
    for source, edges in leaving.items():
        best: dict[tuple, tuple[dict[str, Any], str]] = {}
        for rel, target in edges:
            slot = (rel[TYPE_KEY], target, rel.get(Prop.via))
            kept = best.get(slot)
            if kept is None or rank(rel) < rank(kept[0]):
                best[slot] = (rel, target)
        folded[source] = [best[k] for k in sorted(best, key=lambda k: (k[0], k[1], str(k[2])))]
    rows: list[dict[str, Any]] = []

    def walk(path: list[str], rels: list[dict[str, Any]]) -> None:
        for rel, target in folded.get(path[-1], ()):
            if target in path:
                continue  # a route never repeats a node
            route, route_rels = [*path, target], [*rels, rel]
            rows.append({"nodes": [nodes[n] for n in route], "rels": route_rels})
            if len(route_rels) < CHAIN_MAX_HOPS:
                walk(route, route_rels)

    walk([start_id], [])
    return rows


@dataclass(frozen=True, slots=True)
class ChainIndex:
    """Everything a chain reads from the store, for one version (``generation``) of its content.

    :func:`warm_chains` builds it in a few scans; :func:`chain` then makes no query. It holds
    every body, post and person (``nodes.cypher``'s rows: a start given by id is resolved
    here), their chain steps (``chain_step.cypher``'s rows, grouped by the node they leave),
    the nodes those steps and their ``via`` reach, every charter's
    number and dates, and each steering committee's Chair posts with their ex-officio holders
    (what :func:`chair_of` reads).
    It is compact: each node is one dict shared by every step reaching it, no property is
    stored as None, and repeated strings (types, charter ids, provisions, names) are interned.
    A store's next version (a load, or a newer file a snapshot reader notices) drops it.
    """

    generation: int
    steps: dict[str, tuple[tuple[dict[str, Any], dict[str, Any]], ...]]
    nodes: dict[str, dict[str, Any]]
    charters: dict[str, dict[str, Any]]
    chair_rows: dict[str, tuple[dict[str, Any], ...]]
    # out_of_force by day, as chains ask for it (a day is a short string; a few hundred kept)
    days: dict[str, list[str]] = field(default_factory=dict)

    def steps_from(
        self, node_id: str, excluded: Sequence[str] | None
    ) -> Sequence[tuple[dict[str, Any], dict[str, Any]]]:
        """The (rel, node) steps leaving ``node_id``, as ``chain_step.cypher`` returns them for ``$excluded``."""
        steps = self.steps.get(node_id, ())
        if excluded is None:
            return steps
        gone = set(excluded)
        return [(_in_force(rel, excluded), node) for rel, node in steps if _holds(rel, gone)]

    def chair(self, committee_id: str, excluded: Sequence[str] | None) -> dict[str, Any] | None:
        """:func:`chair_of` the steering committee ``committee_id`` for ``$excluded`` (None: every charter)."""
        gone = set(excluded or ())
        rows = []
        for r in self.chair_rows.get(committee_id, ()):
            post_in = r["postIn"]
            if excluded is not None and not _holds(post_in, gone):
                continue
            holders = [
                {k: v for k, v in h.items() if k != Prop.charters}
                for h in r["exOfficio"]
                if excluded is None or _holds(h, gone)
            ]
            rows.append({"post": r["post"], "postIn": _in_force(post_in, excluded), "exOfficio": holders})
        return _chair(_member_entries(rows, {}))

    def out_of_force(self, day: str) -> list[str]:
        """``out_of_force.cypher`` for ``day`` (an ISO date, checked): issued after it or replaced on or before it."""
        known = self.days.get(day)
        if known is not None:
            return list(known)
        if len(self.days) > 512:
            self.days.clear()
        self.days[day] = found = sorted(
            cid
            for cid, c in self.charters.items()
            if (c.get("validFrom") is not None and c["validFrom"] > day)
            or (c.get("validTo") is not None and c["validTo"] <= day)
        )
        return list(found)


def _holds(rel: Mapping[str, Any], gone: set[str]) -> bool:
    # chain_step.cypher's filter: any(c IN coalesce(r.charters, [r.charter]) WHERE NOT c IN $excluded),
    # where a null charter is "in" nothing only when the list is empty
    charters = rel.get(Prop.charters)
    if charters is None:
        charters = [rel.get(Prop.charter)]
    return any((c not in gone) if c is not None else not gone for c in charters)


_INDEXES: WeakKeyDictionary = WeakKeyDictionary()
# ids per chain_step query while the index is built: a bigger batch holds more rows at once
_INDEX_BATCH = 2_000
# no row cap on the scans that build the index (the API's cap is for answers, not for these)
_ALL_ROWS = sys.maxsize


def chain_index(store: GraphStore) -> ChainIndex | None:
    """The :class:`ChainIndex` :func:`warm_chains` built for the store's current version, or None.

    >>> chain_index(object()) is None
    True
    """
    held = _INDEXES.get(store) if _weakrefable(store) else None
    if held is None:
        return None
    if held.generation != getattr(store, "generation", None):
        _INDEXES.pop(store, None)  # a newer version: what it held may be stale
        return None
    return held


def _weakrefable(store: Any) -> bool:
    return hasattr(type(store), "__weakref__")


def _interned(value: Any) -> Any:
    if isinstance(value, str):
        return sys.intern(value)
    if isinstance(value, list):
        return [sys.intern(v) if isinstance(v, str) else v for v in value]
    return value


def _compact(props: Mapping[str, Any]) -> dict[str, Any]:
    """``props`` without its None values, repeated strings interned (quotes and ids are unique: kept as they are)."""
    unique = (Prop.id, Prop.quote, Prop.quotes)
    return {sys.intern(k): (v if k in unique else _interned(v)) for k, v in props.items() if v is not None}


def _build_chain_index(store: GraphStore, generation: int) -> ChainIndex:
    """Read everything :func:`chain` reads, for the version ``generation`` (read before the scans)."""
    label_sets: dict[tuple[str, ...], tuple[str, ...]] = {}
    nodes: dict[str, dict[str, Any]] = {}

    def shared(node: Mapping[str, Any]) -> dict[str, Any]:
        held = nodes.get(node[Prop.id])
        if held is None:
            held = _compact(node)
            labels = tuple(sorted(held.get(LABELS_KEY) or ()))
            held[LABELS_KEY] = label_sets.setdefault(labels, labels)
            nodes[held[Prop.id]] = held
        return held

    ids = [shared(r["node"])[Prop.id] for r in run_named(store, "chain_sources", limit=_ALL_ROWS)]
    grouped: dict[str, list[tuple[dict[str, Any], dict[str, Any]]]] = defaultdict(list)
    for start in range(0, len(ids), _INDEX_BATCH):
        batch = ids[start : start + _INDEX_BATCH]
        for r in run_named(store, "chain_step", ids=batch, excluded=None, limit=_ALL_ROWS):
            grouped[sys.intern(r["source"])].append((_compact(r["rel"]), shared(r["node"])))
    steps = {source: tuple(rows) for source, rows in grouped.items()}
    del grouped
    vias = sorted({rel[Prop.via] for rows in steps.values() for rel, _ in rows if rel.get(Prop.via)} - nodes.keys())
    if vias:
        for r in run_named(store, "nodes", ids=vias, limit=_ALL_ROWS):
            shared(r["node"])
    charters = {str(r["id"]): r for r in run_named(store, "chain_charters", limit=_ALL_ROWS)}
    chair_rows: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for r in run_named(store, "chain_chairs", role=Role.Chair.value, limit=_ALL_ROWS):
        chair_rows[r["committee"]].append(
            {"post": _compact(r["post"]), "postIn": _compact(r["postIn"]), "exOfficio": [_compact(h) for h in r["exOfficio"]]}
        )
    return ChainIndex(
        generation=generation,
        steps=steps,
        nodes=nodes,
        charters=charters,
        chair_rows={cid: tuple(rows) for cid, rows in chair_rows.items()},
    )


def warm_chains(store: GraphStore) -> int:
    """Read everything a chain reads into a :class:`ChainIndex` for the store's current version.

    One scan per kind of thing: the chain steps of every body, post and person (in batches of
    ``chain_step.cypher``), the ``via`` bodies, the charters' numbers and dates, and each
    steering committee's chair. A first chain then makes no query (until the next version).
    The API server calls this at start-up (after :meth:`~govkg.graph.embedded.EmbeddedStore.warm`),
    before it forks its workers, which share the index. Returns the number of nodes with
    steps kept (0 for a store without generations, Neo4j, which other processes write).
    """
    generation = getattr(store, "generation", None)
    if generation is None or not _weakrefable(store):
        return 0
    index = _build_chain_index(store, generation)  # the generation is read before the scans: never newer than they are
    _INDEXES[store] = index
    return len(index.steps)


def chain(
    store: GraphStore,
    from_: str | Mapping[str, Any],
    in_: str | None = None,
    as_of: str | date | None = None,
    *,
    remember: bool = True,
) -> list[dict[str, Any]]:
    """The upward chain from a body or post (id or name) to the highest committee it reaches.

    ``from_`` may also be the node :func:`resolve_entity` returned, for a caller that has
    resolved it already (it is not looked up again).

    Each hop: ``{"from", "to"`` (id, name, labels, …), ``"type"``, ``"edge"`` (edge id),
    ``"charter"``, ``"charterNumber"``, ``"provision"``, ``"quote"``, ``"inferred"``}. A
    REPORTS_TO edge with a ``via`` body gives two hops grounded by the same clause and
    edge: REPORTS_TO from the start to the via body, then ``type == "via"`` from the via
    body on to the recipient. A hop to a post held ex
    officio carries ``heldBy`` (the holders' names) and ``heldExOfficioBy`` (the holders
    with the provenance of that edge). A hop to a defined steering committee carries
    ``chair`` (:func:`chair_of`: the chair post and who holds it ex officio). No node
    repeats; an empty list means nothing is above. The CLI, the API (``/chains``), the pages
    and the notebooks all show this one answer. ``remember=False`` computes it without keeping
    it (for a caller that keeps what it makes of it, e.g. the API's encoded answers).
    """
    day = None if as_of is None else _iso_day(as_of)  # a bad date is refused before any lookup
    start = from_ if isinstance(from_, Mapping) else resolve_entity(store, from_, in_)
    # the answer depends only on the start node, the day and the content: kept until the next
    # load, so a repeated chain is a lookup (and a copy: callers may change what they get)
    cache = _memo(store)
    key = ("chain", repr(sorted(start.items(), key=lambda kv: str(kv[0]))), day)
    if cache is not None and key in cache:
        return _fresh(cache[key])
    best = _chain(store, start, as_of)
    if cache is not None and remember:
        cache[key] = _fresh(best)
    return best


def _chain(store: GraphStore, start: Mapping[str, Any], as_of: str | date | None) -> list[dict[str, Any]]:
    """:func:`chain` from a resolved start node, computed (not from the cache)."""
    rows = _chain_rows(store, start, as_of)
    known: dict[str, dict[str, Any]] = {}
    ex_officio: dict[str, dict[str, tuple[dict, dict]]] = defaultdict(dict)
    for row in rows:
        for node in row["nodes"]:
            if node[Prop.id] not in known:  # routes share their prefixes: summarise each node once
                known[node[Prop.id]] = _node_summary(node)
        for i, rel in enumerate(row["rels"]):
            if rel[TYPE_KEY] == Rel.HELD_EX_OFFICIO_BY:
                holder = row["nodes"][i + 1]
                ex_officio[row["nodes"][i][Prop.id]][holder[Prop.id]] = (_node_summary(holder), rel)
    via_ids = {r[Prop.via] for row in rows for r in row["rels"] if r.get(Prop.via)} - set(known)
    index = chain_index(store)
    if via_ids and index is not None:
        known.update((v, _node_summary(index.nodes[v])) for v in via_ids if v in index.nodes)
    elif via_ids:
        for r in run_named(store, "nodes", ids=sorted(via_ids)):
            known[r["node"][Prop.id]] = _node_summary(r["node"])

    # routes of light hops (what rank_routes reads: type, ends, the cited charter); the full
    # provenance is built for the chosen route only (routes share prefixes: ~20 per chain)
    routes = []
    rel_of: dict[int, dict[str, Any]] = {}
    # an edge always joins the same two nodes: its light hops are made once and shared by the routes through it
    hops_of: dict[int, tuple[dict[str, Any], ...]] = {}
    for row in rows:
        hops: list[dict[str, Any]] = []
        for i, rel in enumerate(row["rels"]):
            made = hops_of.get(id(rel))
            if made is None:
                src, dst = row["nodes"][i][_ID], row["nodes"][i + 1][_ID]
                cited = _cited_charter(rel)
                via = rel.get(_VIA)
                if rel[TYPE_KEY] == _REPORTS_TO and via and via in known and via not in (src, dst):
                    made = (
                        {"from": known[src], "to": known[via], TYPE_KEY: rel[TYPE_KEY], _CHARTER: cited},
                        {"from": known[via], "to": known[dst], TYPE_KEY: VIA, _CHARTER: cited},
                    )
                else:
                    made = ({"from": known[src], "to": known[dst], TYPE_KEY: rel[TYPE_KEY], _CHARTER: cited},)
                hops_of[id(rel)] = made
                rel_of.update((id(h), rel) for h in made)
            hops.extend(made)
        seen = [hops[0]["from"][_ID], *(h["to"][_ID] for h in hops)]
        if len(set(seen)) == len(seen):  # no repeated node: stop at cycles
            routes.append(hops)

    rels = {id(rel): rel for row in rows for rel in row["rels"]}.values()
    info = _charter_info(store, (c for rel in rels for c in (rel.get(_CHARTER), *(rel.get(Prop.charters) or ()))))
    current = {cid: _is_current(i) for cid, i in info.items()}
    best = []
    for light in rank_routes(routes, current):
        rel = rel_of[id(light)]
        best.append(
            {
                "from": light["from"],
                "to": light["to"],
                TYPE_KEY: light[TYPE_KEY],
                "edge": rel.get(_ID),
                **_provenance(rel),
                _INFERRED: bool(rel.get(Prop.inferred)),
            }
        )
    excluded = None if as_of is None or index is None else out_of_force(store, as_of)
    for hop in best:
        hop["charterNumber"] = (info.get(hop.get(Prop.charter)) or {}).get(Prop.number.value)
        if hop.get(Prop.evidence.value):
            # an inferred step cites every charter and rule that implies it
            hop[Prop.evidence.value] = [
                {**e, "charterNumber": (info.get(e[Prop.charter]) or {}).get(Prop.number.value)} for e in hop[Prop.evidence.value]
            ]
        holders = ex_officio.get(hop["to"][Prop.id])
        if holders and Label.Post in hop["to"].get(LABELS_KEY, []):
            hop["heldExOfficioBy"] = [{**h, **_provenance(rel)} for h, rel in holders.values()]
            hop["heldBy"] = ", ".join(h.get(Prop.name) or h[Prop.id] for h, _ in holders.values())
        to = hop["to"]
        if _is_committee(to) and to.get(Prop.status) != Status.referenced:
            if index is not None:  # the index holds every steering committee's chair posts
                found = index.chair(to[Prop.id], excluded)
            else:
                found = chair_of(store, to[Prop.id], as_of=as_of)
            if found is not None:
                hop["chair"] = {**found, "heldExOfficioBy": list(found["heldExOfficioBy"])}  # the memo's stays intact
    return best


def chair_of(store: GraphStore, committee_id: str, *, as_of: str | date | None = None) -> dict[str, Any] | None:
    """The chair of a committee: ``{"id", "title", "heldExOfficioBy": [holder names]}``, or None.

    The post of role Chair among :func:`members` (the last by id when several are), its
    name as the title, and the names of the posts holding it ex officio (e.g. "Chủ tịch
    Ủy ban nhân dân phường"). :func:`chain` puts it on each hop to a defined committee.
    """
    memo = _memo(store)
    key = ("chair", committee_id, None if as_of is None else _iso_day(as_of))
    if memo is not None and key in memo:
        return memo[key]
    # the id is the committee's own (chain() has it from the graph): no resolving lookup
    found = _chair(_members(store, committee_id, as_of))
    if memo is not None:
        memo[key] = found
    return found


def _chair(members_of: Iterable[Mapping[str, Any]]) -> dict[str, Any] | None:
    """:func:`chair_of` from a committee's :func:`members`: its (last) post of role Chair, or None."""
    found = None
    for row in members_of:
        post = row.get("post") or {}
        if post.get(Prop.role) == Role.Chair:
            found = {
                Prop.id.value: post.get(Prop.id),
                Prop.title.value: post.get(Prop.title) or post.get(Prop.name),
                "heldExOfficioBy": [x.get(Prop.name) for x in row.get("exOfficio", []) if x.get(Prop.name)],
            }
    return found


# --------------------------------------------------------------------------- committee views
def members(
    store: GraphStore, committee: str, *, in_: str | None = None, as_of: str | date | None = None
) -> list[dict[str, Any]]:
    """The posts of a committee (by role), each with its POST_IN provenance and its holders.

    Each item: ``{"post": {id, name, role}, "charter", "provision", "quote", "postIn": [every
    POST_IN assertion, charters in force first], "exOfficio": [{id, name, role, charter,
    provision, quote, "body": {id, name, charter, …} | None, "persons": [...]}], "persons":
    [{id, name, charter, provision, quote}]}``; the top-level provenance is the first ``postIn``.
    """
    return _members(store, _resolve_id(store, committee, in_), as_of)


def _members(store: GraphStore, cid: str, as_of: str | date | None) -> list[dict[str, Any]]:
    """:func:`members` of the committee whose id is ``cid``."""
    excluded = None if as_of is None else out_of_force(store, as_of)
    rows = run_named(store, "members", excluded=excluded, committee=cid, limit=None)
    for r in rows:
        if r["postIn"]:
            r["postIn"] = _in_force(r["postIn"], excluded)  # a folded POST_IN cites the charters in force
    info = _charter_info(store, (_lead_charter(r["postIn"]) for r in rows if r["postIn"]))
    return _member_entries(rows, info)


def _member_entries(rows: Iterable[dict[str, Any]], info: Mapping[str, Any]) -> list[dict[str, Any]]:
    """:func:`members` from the rows of ``members.cypher`` (``chain_chairs.cypher``'s lack the holders' bodies and
    persons) and the charters' dates (``info``: which ``postIn`` comes first)."""
    posts: dict[str, dict[str, Any]] = {}

    def add(items: list[dict[str, Any]], item: dict[str, Any], key: str = Prop.id.value) -> dict[str, Any]:
        for old in items:
            if old.get(key) == item.get(key) and old.get(Prop.charter) == item.get(Prop.charter):
                return old
        items.append(item)
        return item

    for r in rows:
        # pattern comprehensions come in no set order: sort them, so that "the first" is the same on every engine
        for key in ("exOfficio", "holderBodies", "holderPersons", "persons"):
            r[key] = sorted(r.get(key) or [], key=_by_provenance)
        post = _summary(r["post"]) or {}
        entry = posts.setdefault(post[Prop.id], {"post": post, "postIn": [], "exOfficio": [], "persons": []})
        add(entry["postIn"], _provenance(r["postIn"]), Prop.charter.value)
        for holder in r["exOfficio"]:
            item = add(entry["exOfficio"], {**(_summary(holder) or {}), "body": None, "persons": []})
            bodies = [b for b in r["holderBodies"] if b["holder"] == item[Prop.id]]
            if bodies and item["body"] is None:
                item["body"] = {k: v for k, v in bodies[0].items() if k != "holder"}
            for person in r["holderPersons"]:
                if person["holder"] == item[Prop.id]:
                    add(item["persons"], {k: v for k, v in person.items() if k != "holder"})
        for person in r["persons"]:
            add(entry["persons"], _summary(person) or {})
    out = []
    for entry in posts.values():
        entry["postIn"].sort(key=lambda p: (not _is_current(info.get(p[Prop.charter])), str(p[Prop.charter])))
        out.append(
            {
                "post": entry["post"],
                **entry["postIn"][0],
                **{k: entry[k] for k in ("postIn", "exOfficio", "persons")},
            }
        )
    return sorted(out, key=lambda m: (_ROLE_ORDER.get(m["post"].get(Prop.role), 99), m["post"][Prop.id]))


def delegations(
    store: GraphStore, committee: str, *, in_: str | None = None, as_of: str | date | None = None
) -> list[dict[str, Any]]:
    """DELEGATES_TO and ACTS_FOR edges among a committee and its posts, with scope, condition and provenance."""
    cid = _resolve_id(store, committee, in_)
    rows = run_named(store, "delegations", as_of=as_of, committee=cid, limit=None)
    return [{**r, "source": _summary(r["source"]), "target": _summary(r["target"])} for r in rows]


def reporting(
    store: GraphStore, committee: str, *, in_: str | None = None, as_of: str | date | None = None
) -> list[dict[str, Any]]:
    """Reporting lines at a committee, its posts, parts and standing agency: cadence, via, provenance."""
    cid = _resolve_id(store, committee, in_)
    rows = run_named(store, "reporting", as_of=as_of, committee=cid, limit=None)
    return [
        {
            **r,
            "reporter": _summary(r["reporter"]),
            "recipient": _summary(r["recipient"]),
            "via": _summary(r["via"]),
        }
        for r in rows
    ]


def standing_agencies(
    store: GraphStore, agency_name: str, *, as_of: str | date | None = None
) -> list[dict[str, Any]]:
    """The committees whose standing agency (Cơ quan thường trực) is ``agency_name``.

    ``agency_name`` is a body's id or its whole name (accent-insensitive: every "Công an
    phường" of every ward); when nothing has that whole name, bodies whose name contains it.
    """
    folded = fold_name(agency_name) or None
    rows = run_named(
        store, "standing_agencies", as_of=as_of, folded=folded, agencies=[agency_name], limit=None
    )
    if not rows and folded:
        ids = [
            n[Prop.id]
            for n in search(store, agency_name, limit=_cap(store))
            if Label.Body in n.get(LABELS_KEY, [])
        ]
        if ids:
            rows = run_named(store, "standing_agencies", as_of=as_of, folded=None, agencies=ids, limit=None)
    out = [{**r, "agency": _summary(r["agency"]), "committee": _summary(r["committee"])} for r in rows]
    return sorted(
        out,
        key=lambda r: (
            r["committee"][Prop.id],
            r["agency"][Prop.id],
            str(r.get(Prop.charter)),
            str(r.get(Prop.provision)),
        ),
    )


def subtree(
    store: GraphStore,
    committee: str,
    *,
    in_: str | None = None,
    as_of: str | date | None = None,
    limit: int | None = None,
) -> list[dict[str, Any]]:
    """Everything under a committee, shallowest first: each node once, with its parent and the attaching edge."""
    cid = _resolve_id(store, committee, in_)
    out: dict[str, dict[str, Any]] = {}
    for r in run_named(store, "subtree", as_of=as_of, committee=cid, limit=limit):
        node = _summary(r["node"]) or {}
        if node.get(Prop.id) not in out:
            out[node[Prop.id]] = {**r, "node": node}
    return list(out.values())
