"""The one narrow store interface, the load logic both backends share, and ``open_store``.

A :class:`GraphStore` loads one charter's :class:`~govkg.ontology.facts.Facts` per
transaction (all or nothing, idempotent by the charter's ``sha256``), answers read-only
Cypher, and reports counts, a content hash and the charters it holds. Two backends
implement it: :class:`~govkg.graph.embedded.EmbeddedStore` (grafeo, in-process, the
default) and :class:`~govkg.graph.neo4j_store.Neo4jStore` (a Neo4j server or Aura).

The writes are built here, by small pure functions that return ``(cypher, params)``
statements, so both backends send the same Cypher:

- nodes are grouped by label set, never one round trip per node: a new node is written with
  all its labels at once (``UNWIND $rows AS r MERGE (n:Key:Kind {id: r.id}) SET n += r.props``),
  a stored one is matched on its key label and gets a label only when its kind changes
  (see :func:`node_statements`: the same form is right on Neo4j, ArcadeDB and grafeo);
- edges are grouped by (type, source key label, target key label) and written with
  ``MERGE (a)-[e:TYPE {id: r.id, charter: r.charter}]->(b) SET e = r.props`` (``CREATE``
  on the embedded store, see :func:`edge_statements`); each batch returns how many it
  wrote, and a short count (a missing endpoint) fails the whole charter;
- the ``Charter`` node is created first (edges hang off it) but gets its ``sha256`` last,
  in the same transaction: a Charter with a ``sha256`` is a completely loaded charter;
- on the embedded store the rows of new nodes, edges and provisions go packed (the batch's
  strings in one string, a list per column: :mod:`~govkg.graph.packed_rows`), which grafeo's
  binding converts an order of magnitude faster than a list of dicts; the graph is the same.

Validity: a charter whose facts hold ``REPLACES`` → a document numbered like a loaded
``Charter`` closes that charter (``validTo`` = the new one's ``issuedOn``); every charter
gets ``validFrom`` (its own, or its ``issuedOn``). Loading in either order gives the same graph.

Returned values are plain JSON-able Python: a node is a dict of its properties plus
``labels`` (sorted); a relationship is a dict of its properties plus ``type``, ``source``
and ``target`` (the endpoint ids); a path is a list ``[node, rel, node, ...]``.

Examples
--------
>>> fold_name("Công an  phường Hải Dương")
'cong an phuong hai duong'
>>> key_label(("Body", "WorkingGroup")), key_label(("Post",))
('Body', 'Post')
>>> [s.cypher.split(" SET")[0] for s in node_statements([Node("p1", ("Post",), {"name": "Trưởng Ban"})])]
['UNWIND $rows AS r MERGE (n:Post {id: r.id})']
"""

from __future__ import annotations

import hashlib
import json
import time
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from typing import Any, NamedTuple, Protocol, runtime_checkable

from govkg.config import Settings, load_settings
from govkg.errors import GovkgError, StoreError
from govkg.graph.packed_rows import pack_rows
from govkg.graph.readonly import check_read_only
from govkg.ontology.facts import Edge, Facts, Node, drop_evidence, is_folded, keep_evidence, merge_evidence
from govkg.ontology.vocab import Label, Prop, Rel, Status
from govkg.vn.text import words_key

__all__ = [
    "BATCH_SIZE",
    "KEY_LABELS",
    "LABELS_KEY",
    "NAME_FOLDED",
    "SOURCE_KEY",
    "TARGET_KEY",
    "TYPE_KEY",
    "CharterPlan",
    "CypherStore",
    "GraphStore",
    "LoadReport",
    "Rows",
    "Statement",
    "charter_statement",
    "clean_props",
    "constraint_statements",
    "content_digest",
    "edge_statements",
    "fold_name",
    "folded_lookup_statements",
    "folded_update_statements",
    "key_label",
    "merge_node_props",
    "node_statements",
    "open_store",
    "plan_charter",
    "split_charters",
]

# A derived, store-only property (not an ontology term): the folded name used by search.
NAME_FOLDED = "nameFolded"
# Keys of the dicts a store returns for nodes and relationships (structure, not properties).
LABELS_KEY = "labels"
TYPE_KEY = "type"
SOURCE_KEY = "source"
TARGET_KEY = "target"

BATCH_SIZE = 2000
# The label a node is MERGEd on (and looked up by): Body for every body, else its own label.
KEY_LABELS: tuple[Label, ...] = (
    Label.Charter,
    Label.Provision,
    Label.LegalDocument,
    Label.Body,
    Label.Post,
    Label.Person,
    Label.AdminUnit,
)
_LABELS = frozenset(label.value for label in Label)
_RELS = frozenset(rel.value for rel in Rel)


# --------------------------------------------------------------------------- values
class Rows(list):
    """A list of result rows; ``truncated`` is true when the row cap cut it short.

    >>> r = Rows([{"a": 1}], truncated=True); r.truncated, r == [{"a": 1}]
    (True, True)
    """

    def __init__(self, rows: Iterable[dict] = (), *, truncated: bool = False):
        super().__init__(rows)
        self.truncated = truncated


@dataclass(frozen=True, slots=True)
class LoadReport:
    """What loading one charter did.

    ``unchanged`` is true when the same charter (same ``sha256``) was already loaded and
    nothing was written. ``closed`` lists the charters this one replaced (their ``validTo``
    was set); ``valid_to`` is set when a charter already loaded replaces this one.
    """

    charter: str
    sha256: str
    unchanged: bool = False
    nodes: int = 0
    edges: int = 0
    valid_from: str | None = None
    valid_to: str | None = None
    closed: tuple[str, ...] = ()
    seconds: float = 0.0

    @property
    def status(self) -> str:
        return "unchanged" if self.unchanged else "loaded"


class Statement(NamedTuple):
    """One Cypher statement with its parameters; ``expect`` is the count it must return."""

    cypher: str
    params: dict[str, Any]
    expect: int | None = None


@runtime_checkable
class GraphStore(Protocol):
    """The narrow interface every part of govkg uses to reach a graph."""

    def load(self, facts: Facts) -> LoadReport:
        """Write one charter's facts in one transaction (idempotent by ``sha256``)."""
        ...

    def query(
        self,
        cypher: str,
        params: Mapping[str, Any] | None = None,
        *,
        timeout: float | None = None,
        limit: int | None = None,
    ) -> Rows:
        """Run one read-only Cypher statement; refuse writes; stop after ``limit`` rows."""
        ...

    def counts(self) -> dict[str, Any]:
        """Node and edge totals, per label and per type, and the number of charters."""
        ...

    def content_hash(self) -> str:
        """An order-independent hash of every node, edge and property."""
        ...

    def charters(self) -> list[dict[str, Any]]:
        """The loaded charters with their number, dates, validity, sha256 and edge count."""
        ...

    def export_facts(self) -> Facts:
        """The whole graph as Facts (read-only), for exports."""
        ...

    def close(self) -> None:
        """Release the store (connections, file locks)."""
        ...


# --------------------------------------------------------------------------- pure helpers
def fold_name(text: str | None) -> str:
    """Lowercase, accents dropped (``đ`` → ``d``), punctuation and spaces collapsed.

    >>> fold_name("ĐẢNG ỦY xã Khánh Khê"), fold_name("Tổ Công tác - Đề án 06"), fold_name(None)
    ('dang uy xa khanh khe', 'to cong tac de an 06', '')
    """
    return words_key(text)


def key_label(labels: Iterable[str]) -> str:
    """The label a node is MERGEd and looked up by (``Body`` for any body).

    >>> key_label(["Charter", "LegalDocument"])
    'Charter'
    >>> key_label(["Nope"])
    Traceback (most recent call last):
    ...
    govkg.errors.StoreError: ['Nope']: no key label (one of Charter, Provision, LegalDocument, Body, Post, Person, AdminUnit)
    """
    labels = list(labels)
    for label in KEY_LABELS:
        if label in labels:
            return label.value
    raise StoreError(f"no key label (one of {', '.join(k.value for k in KEY_LABELS)})", subject=str(labels))


def _check_labels(labels: Iterable[str], subject: str) -> list[str]:
    labels = tuple(labels)
    checked = _CHECKED_LABELS.get(labels)
    if checked is not None:
        return list(checked)
    unique = list(dict.fromkeys(labels))
    bad = [label for label in unique if label not in _LABELS]
    if bad:
        # labels are pasted into Cypher text: only vocabulary terms may get there
        raise StoreError(f"unknown labels {bad}", subject=subject)
    _CHECKED_LABELS[labels] = tuple(unique)
    return unique


# label tuples already checked (a load checks the same few label sets for every node)
_CHECKED_LABELS: dict[tuple[str, ...], tuple[str, ...]] = {}


def _check_type(type_: str, subject: str) -> str:
    if type_ not in _RELS:
        raise StoreError(f"unknown relationship type {type_!r}", subject=subject)
    return str(type_)


def _clean_value(value: Any) -> Any:
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    if isinstance(value, (list, tuple, set, frozenset)):
        raw = [v for v in (sorted(value) if isinstance(value, (set, frozenset)) else value) if v is not None]
        if any(isinstance(v, (dict, list, tuple, set, frozenset)) for v in raw):
            return json.dumps(raw, ensure_ascii=False, sort_keys=True, default=str)
        items = [_clean_value(v) for v in raw]
        kinds = {type(v) for v in items}
        # graph properties hold flat, homogeneous lists only; anything else is kept as JSON text
        if len(kinds - {int, float}) > 1 or (kinds & {int, float} and kinds - {int, float}):
            return json.dumps(items, ensure_ascii=False, sort_keys=True)
        return items
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False, sort_keys=True, default=str)
    if isinstance(value, (str, int, float, bool)) or value is None:
        return value
    return str(value)


def clean_props(props: Mapping[str, Any]) -> dict[str, Any]:
    """Properties as both stores can hold them: no ``None``, flat lists, maps as JSON text.

    >>> clean_props({"a": None, "b": (3, 6), "c": {"x": 1}, "d": "", "e": [1, "x"]})
    {'b': [3, 6], 'c': '{"x": 1}', 'd': '', 'e': '[1, "x"]'}
    """
    out = {}
    for key, value in props.items():
        kind = type(value)
        # fast paths, for what most values are: plain strings and numbers, None, lists of strings
        if kind not in _SCALARS:
            if value is None:
                continue
            if kind is list and value and all(type(v) is str for v in value):
                value = list(value)
            else:
                value = _clean_value(value)
                if value is None:
                    continue
        out[key if type(key) is str else str(key)] = value
    return out


_SCALARS = frozenset({str, int, float, bool})
_ID, _CHARTER, _CHARTERS = Prop.id.value, Prop.charter.value, Prop.charters.value


def merge_node_props(existing: Mapping[str, Any] | None, new: Mapping[str, Any]) -> dict[str, Any]:
    """The properties to ``SET n += ...`` on a node that may already be stored.

    A charter that only *references* a body does not overwrite what the charter that
    *defines* it says (it only fills gaps); otherwise the newer values win.

    >>> merge_node_props({"status": "defined", "name": "A", "level": None}, {"status": "referenced", "name": "a", "level": "commune"})
    {'level': 'commune'}
    >>> merge_node_props({"status": "referenced", "name": "a"}, {"status": "defined", "name": "A"})
    {'status': 'defined', 'name': 'A'}
    """
    if not existing:
        return dict(new)
    if existing.get(Prop.status) == Status.defined and new.get(Prop.status) != Status.defined:
        return {k: v for k, v in new.items() if existing.get(k) in (None, "", [], ())}
    return dict(new)


def _node_props(node: Node) -> dict[str, Any]:
    props = clean_props(node.props)
    props.pop(_ID, None)
    name = props.get(Prop.name) or props.get(Prop.title) or props.get(Prop.number)
    if name:
        props[NAME_FOLDED] = fold_name(name)
    return props


def node_statements(
    nodes: Iterable[Node],
    *,
    existing: Mapping[str, Mapping[str, Any]] | None = None,
    batch_size: int = BATCH_SIZE,
    packed: bool = False,
) -> list[Statement]:
    """Batched ``UNWIND …`` statements for nodes: new ones created with all their labels at once.

    ``existing`` maps the ids of stored nodes to ``{"labels": [...], "props": {...}}`` (what
    the load looked up, in its own transaction). A node not stored yet is written with
    ``MERGE (n:Key:Kind {id: r.id})``: every label in the pattern, none added afterwards. A
    stored node is ``MATCH``ed on its key label and gets the new properties (see
    :func:`merge_node_props`); only when a charter gives it a kind it lacks (a kind change,
    checked here, explicitly) does the statement add that label with ``SET n:Kind``. No label
    is ever added to a node created in the same transaction: ArcadeDB refuses that under
    unique constraints, and nothing here depends on it. Statements on stored nodes return
    ``count(n) AS n`` and carry ``expect``. ``packed=True`` (the embedded store) sends the new
    nodes' rows packed (:mod:`~govkg.graph.packed_rows`) and writes them with ``CREATE``:
    they were looked up, in the same transaction, and are not stored.

    >>> st = node_statements([Node("b1", ("Body", "WorkingGroup"), {"name": "Tổ A"}),
    ...                       Node("b2", ("Body", "WorkingGroup"), {"name": "Tổ B"})])
    >>> len(st), st[0].cypher
    (1, 'UNWIND $rows AS r MERGE (n:Body:WorkingGroup {id: r.id}) SET n += r.props')
    >>> st[0].params["rows"][0]
    {'id': 'b1', 'props': {'name': 'Tổ A', 'nameFolded': 'to a'}}
    >>> stored = {"b1": {"labels": ["Body", "Agency"], "props": {"name": "Tổ A"}}}
    >>> [(s.cypher, s.expect) for s in node_statements([Node("b1", ("Body", "WorkingGroup"), {})], existing=stored)]
    [('UNWIND $rows AS r MATCH (n:Body {id: r.id}) SET n:WorkingGroup, n += r.props RETURN count(n) AS n', 1)]
    """
    existing = existing or {}
    # (stored?, key label, labels written) -> rows
    groups: dict[tuple[bool, str, tuple[str, ...]], list[dict[str, Any]]] = defaultdict(list)
    for node in nodes:
        labels = _check_labels(node.labels, node.id)
        key = key_label(labels)
        others = sorted(label for label in labels if label != key)
        stored = existing.get(node.id)
        if stored is None:
            props = merge_node_props(None, _node_props(node))
            groups[(False, key, tuple(others))].append({"id": node.id, "props": props})
        else:
            props = merge_node_props(stored.get("props"), _node_props(node))
            added = tuple(label for label in others if label not in set(stored.get(LABELS_KEY) or ()))
            groups[(True, key, added)].append({"id": node.id, "props": props})
    return _node_group_statements(groups, batch_size, packed=packed)


def _node_group_statements(
    groups: Mapping[tuple[bool, str, tuple[str, ...]], list[dict[str, Any]]],
    batch_size: int = BATCH_SIZE,
    *,
    packed: bool = False,
) -> list[Statement]:
    """The statements of :func:`node_statements` from its rows grouped by (stored?, key label,
    labels written): ``MERGE`` with every label for a new node (``CREATE`` from packed rows),
    ``MATCH`` and ``SET`` for a stored one."""
    out = []
    for (stored, key, labels), rows in sorted(groups.items()):
        if stored:
            extra = "".join(f"n:{label}, " for label in labels)
            cypher = f"UNWIND $rows AS r MATCH (n:{key} {{id: r.id}}) SET {extra}n += r.props RETURN count(n) AS n"
        else:
            pattern = ":".join((key, *labels))
            cypher = f"UNWIND $rows AS r MERGE (n:{pattern} {{id: r.id}}) SET n += r.props"
        for i in range(0, len(rows), batch_size):
            chunk = rows[i : i + batch_size]
            p = pack_rows(chunk) if packed and not stored else None
            if p is not None:
                out.append(Statement(f"{p.head} CREATE (n:{pattern} {p.map('props', id='id')})", p.params, None))
            else:
                out.append(Statement(cypher, {"rows": chunk}, len(chunk) if stored else None))
    return out


def charter_statement(charter_id: str, labels: Sequence[str], stored: Sequence[str] | None) -> Statement | None:
    """The statement that puts the ``Charter`` node in place before its edges, or ``None``.

    ``stored`` is the stored node's labels (``None``: not stored yet). A new charter is
    created with all its labels at once; a stored one gets only the labels it lacks.

    >>> charter_statement("c", ("Charter", "LegalDocument"), None).cypher
    'MERGE (c:Charter:LegalDocument {id: $id})'
    >>> charter_statement("c", ("Charter", "LegalDocument"), ["Charter"]).cypher
    'MATCH (c:Charter {id: $id}) SET c:LegalDocument'
    >>> charter_statement("c", ("Charter",), ["Charter"]) is None
    True
    """
    labels = _check_labels(labels, charter_id)
    others = [label for label in labels if label != Label.Charter]
    if stored is None:
        pattern = ":".join((Label.Charter.value, *others))
        return Statement(f"MERGE (c:{pattern} {{id: $id}})", {"id": charter_id})
    added = [label for label in others if label not in set(stored)]
    if not added:
        return None
    sets = ", ".join(f"c:{label}" for label in added)
    return Statement(f"MATCH (c:Charter {{id: $id}}) SET {sets}", {"id": charter_id})


def edge_statements(
    edges: Iterable[Edge],
    key_labels: Mapping[str, str],
    *,
    batch_size: int = BATCH_SIZE,
    create: bool = False,
    packed: bool = False,
) -> list[Statement]:
    """Batched ``UNWIND … MATCH … MERGE`` statements for edges, grouped by type and endpoint labels.

    ``key_labels`` maps every endpoint id to its key label. Each statement returns
    ``count(e) AS n`` and carries ``expect``: the store fails the charter when fewer
    edges were written (an endpoint was missing).

    ``create=True`` writes ``CREATE`` instead of ``MERGE``: for a store whose relationship
    MERGE is slow, and only where the caller knows none of these edges exists yet (the
    load removes a charter's old edges before writing it again, and an edge belongs to
    one charter). ``packed=True`` (with ``create``) sends the rows packed
    (:mod:`~govkg.graph.packed_rows`): the same edges, for less conversion work in grafeo.

    A stated edge is identified by its ``id`` *and* its ``charter``: the extractor's ids are
    deterministic per charter (type, ends, provision ref), so two charters stating the
    same relation in a same-numbered article keep one edge each, each with its provenance.
    A folded inferred edge (:func:`~govkg.ontology.facts.is_folded`) is identified by its
    ``id`` alone (type and ends): the load has merged its evidence with the stored edge's and
    writes it here only when none is stored (see :func:`folded_update_statements`).

    >>> e = Edge("PART_OF", "b1", "c1", {"id": "e:1", "charter": "ch"})
    >>> st = edge_statements([e], {"b1": "Body", "c1": "Body"})
    >>> print(st[0].cypher)
    UNWIND $rows AS r MATCH (a:Body {id: r.source}) MATCH (b:Body {id: r.target}) MERGE (a)-[e:PART_OF {id: r.id, charter: r.charter}]->(b) SET e = r.props RETURN count(e) AS n
    >>> st[0].params["rows"], st[0].expect
    ([{'id': 'e:1', 'charter': 'ch', 'source': 'b1', 'target': 'c1', 'props': {'id': 'e:1', 'charter': 'ch'}}], 1)
    """
    groups: dict[tuple[str, str, str, bool], list[dict[str, Any]]] = defaultdict(list)
    for row in _edge_rows(edges, key_labels):
        groups[row.pop("group")].append(row)
    out = []
    for (type_, src, dst, folded), rows in sorted(groups.items()):
        # CREATE takes its key from r.props (which holds it): a key in the pattern would be written twice
        key = "" if create else " {id: r.id}" if folded else " {id: r.id, charter: r.charter}"
        cypher = (
            f"UNWIND $rows AS r MATCH (a:{src} {{id: r.source}}) MATCH (b:{dst} {{id: r.target}}) "
            f"{'CREATE' if create else 'MERGE'} (a)-[e:{type_}{key}]->(b) "
            "SET e = r.props RETURN count(e) AS n"
        )
        for i in range(0, len(rows), batch_size):
            chunk = rows[i : i + batch_size]
            p = (
                pack_rows([{"source": r["source"], "target": r["target"], "props": r["props"]} for r in chunk])
                if packed and create
                else None
            )
            if p is not None:
                created = (
                    f"{p.head} MATCH (a:{src} {{id: {p.value('source')}}}) MATCH (b:{dst} {{id: {p.value('target')}}}) "
                    f"CREATE (a)-[e:{type_} {p.map('props')}]->(b) RETURN count(e) AS n"
                )
                out.append(Statement(created, p.params, len(chunk)))
            else:
                out.append(Statement(cypher, {"rows": chunk}, len(chunk)))
    return out


def _edge_rows(edges: Iterable[Edge], key_labels: Mapping[str, str]) -> list[dict[str, Any]]:
    """One row per edge for :func:`edge_statements` (``group``: its type, endpoint key labels, folded?)."""
    out = []
    for edge in edges:
        type_, src, dst = _edge_key(edge, key_labels)
        props = clean_props(edge.props)
        edge_id = props[_ID] = edge.id
        folded = _CHARTERS in edge.props
        if not (props.get(_CHARTERS) if folded else props.get(_CHARTER) is not None):
            raise StoreError("edge has no charter (provenance)", subject=edge_id)
        if folded:
            row = {"id": edge_id, "source": edge.source, "target": edge.target, "props": props}
        else:
            row = {"id": edge_id, "charter": props[_CHARTER], "source": edge.source, "target": edge.target, "props": props}
        row["group"] = (type_, src, dst, folded)
        out.append(row)
    return out


def _edge_key(edge: Edge, key_labels: Mapping[str, str]) -> tuple[str, str, str]:
    """The edge's type and its endpoints' key labels, all checked against the vocabulary (they are
    pasted into Cypher text)."""
    try:
        src, dst = key_labels[edge.source], key_labels[edge.target]
    except KeyError as err:
        raise StoreError(f"endpoint {err.args[0]!r} is not a known node", subject=edge.id) from None
    if edge.type not in _RELS or src not in _LABELS or dst not in _LABELS:
        _check_type(edge.type, edge.id)
        _check_labels((src, dst), edge.id)
    return str(edge.type), src, dst


def _folded_groups(edges: Iterable[Edge], key_labels: Mapping[str, str]) -> dict[tuple[str, str, str], list[Edge]]:
    groups: dict[tuple[str, str, str], list[Edge]] = defaultdict(list)
    for edge in edges:
        groups[_edge_key(edge, key_labels)].append(edge)
    return groups


def folded_lookup_statements(edges: Iterable[Edge], key_labels: Mapping[str, str]) -> list[Statement]:
    """Statements that read the stored folded edges among ``edges``, by their endpoints and id.

    Each returns ``id`` and ``props`` of the edges found.

    >>> st = folded_lookup_statements([Edge("WITHIN", "u1", "u2", {"id": "e:1", "charters": ["c"]})], {"u1": "AdminUnit", "u2": "AdminUnit"})
    >>> print(st[0].cypher)
    UNWIND $rows AS r MATCH (a:AdminUnit {id: r.source})-[e:WITHIN {id: r.id}]->(b:AdminUnit {id: r.target}) RETURN r.id AS id, properties(e) AS props
    """
    out = []
    for (type_, src, dst), group in sorted(_folded_groups(edges, key_labels).items()):
        cypher = (
            f"UNWIND $rows AS r MATCH (a:{src} {{id: r.source}})-[e:{type_} {{id: r.id}}]->(b:{dst} {{id: r.target}}) "
            "RETURN r.id AS id, properties(e) AS props"
        )
        rows = [{"id": e.id, "source": e.source, "target": e.target} for e in group]
        for i in range(0, len(rows), BATCH_SIZE):
            out.append(Statement(cypher, {"rows": rows[i : i + BATCH_SIZE]}))
    return out


def folded_update_statements(
    edges: Iterable[Edge], key_labels: Mapping[str, str], *, delete: bool = False
) -> list[Statement]:
    """Statements that replace the properties of stored folded edges (``SET e = r.props``), or
    delete them (``delete=True``); each returns ``count(e) AS n`` and carries ``expect``.

    >>> e = Edge("WITHIN", "u1", "u2", {"id": "e:1", "charters": ["c"]})
    >>> print(folded_update_statements([e], {"u1": "AdminUnit", "u2": "AdminUnit"}, delete=True)[0].cypher)
    UNWIND $rows AS r MATCH (a:AdminUnit {id: r.source})-[e:WITHIN {id: r.id}]->(b:AdminUnit {id: r.target}) DELETE e RETURN count(*) AS n
    """
    out = []
    for (type_, src, dst), group in sorted(_folded_groups(edges, key_labels).items()):
        action = "DELETE e RETURN count(*) AS n" if delete else "SET e = r.props RETURN count(e) AS n"
        cypher = (
            f"UNWIND $rows AS r MATCH (a:{src} {{id: r.source}})-[e:{type_} {{id: r.id}}]->(b:{dst} {{id: r.target}}) "
            + action
        )
        rows = [
            {"id": e.id, "source": e.source, "target": e.target, **({} if delete else {"props": {**clean_props(e.props), Prop.id.value: e.id}})}
            for e in group
        ]
        for i in range(0, len(rows), BATCH_SIZE):
            chunk = rows[i : i + BATCH_SIZE]
            out.append(Statement(cypher, {"rows": chunk}, len(chunk)))
    return out


def constraint_statements() -> list[Statement]:
    """``CREATE CONSTRAINT … IF NOT EXISTS … REQUIRE n.id IS UNIQUE`` for every label.

    >>> constraint_statements()[0].cypher
    'CREATE CONSTRAINT govkg_Charter_id IF NOT EXISTS FOR (n:Charter) REQUIRE n.id IS UNIQUE'
    >>> len(constraint_statements()) == len(Label)
    True
    """
    return [
        Statement(
            f"CREATE CONSTRAINT govkg_{label.value}_id IF NOT EXISTS FOR (n:{label.value}) REQUIRE n.id IS UNIQUE",
            {},
        )
        for label in Label
    ]


def split_charters(facts: Facts) -> list[Facts]:
    """One Facts per Charter node: its edges (by their ``charter`` property) and their endpoints.

    A folded inferred edge belongs to every charter in its ``charters``: each part gets it with
    that charter's evidence only.

    >>> f = Facts()
    >>> for cid in ("c1", "c2"):
    ...     _ = f.add_node(Node(cid, ("Charter",), {}))
    ...     _ = f.add_node(Node("b" + cid, ("Body", "SteeringCommittee"), {}))
    ...     _ = f.add_edge(Edge("GOVERNS", cid, "b" + cid, {"charter": cid}))
    >>> [(p.charter_id, sorted(p.nodes), len(p.edges)) for p in split_charters(f)]
    [('c1', ['bc1', 'c1'], 1), ('c2', ['bc2', 'c2'], 1)]
    """
    charter_ids = [n.id for n in facts.nodes_with(Label.Charter)]
    if facts.charter_id and facts.charter_id not in charter_ids:
        charter_ids.insert(0, facts.charter_id)
    out = []
    for cid in charter_ids:
        part = Facts(charter_id=cid, path=facts.path if len(charter_ids) == 1 else None)
        if cid in facts.nodes:
            part.add_node(facts.nodes[cid])
        for edge in facts.edges:
            if is_folded(edge):
                own = keep_evidence(edge, lambda c, cid=cid: c == cid)
                if own is None:
                    continue
                edge = own
            elif not (edge.props.get(Prop.charter) == cid or (len(charter_ids) == 1 and not edge.props.get(Prop.charter))):
                continue
            for end in (edge.source, edge.target):
                if end in facts.nodes:
                    part.add_node(facts.nodes[end])
            part.add_edge(Edge(edge.type, edge.source, edge.target, dict(edge.props)))
        out.append(part)
    return out


def _digest(obj: Any) -> str:
    return hashlib.sha256(
        json.dumps(obj, ensure_ascii=False, sort_keys=True, default=str).encode("utf-8")
    ).hexdigest()


@dataclass(slots=True)
class CharterPlan:
    """Everything :meth:`CypherStore.load` writes for one charter, computed before any I/O."""

    charter_id: str
    sha256: str
    props: dict[str, Any]
    nodes: list[Node]
    edges: list[Edge]
    replaced_numbers: list[str] = field(default_factory=list)
    labels: tuple[str, ...] = (Label.Charter.value,)

    @property
    def number(self) -> str | None:
        return self.props.get(Prop.number)

    @property
    def issued_on(self) -> str | None:
        return self.props.get(Prop.issuedOn)


def plan_charter(facts: Facts) -> CharterPlan:
    """Check one charter's facts and sort out what to write.

    The charter is ``facts.charter_id`` (or the only ``Charter`` node). Without a
    ``sha256`` property, a digest of the facts stands in for it, so reloads stay no-ops.

    >>> f = Facts(charter_id="ch")
    >>> _ = f.add_node(Node("ch", ("Charter",), {"number": "03/QĐ-BCĐ", "issuedOn": "2026-07-01", "sha256": "ab"}))
    >>> _ = f.add_node(Node("d", ("LegalDocument",), {"number": "01/QĐ-BCĐ"}))
    >>> _ = f.add_edge(Edge("REPLACES", "ch", "d", {"charter": "ch"}))
    >>> p = plan_charter(f); p.sha256, p.replaced_numbers, p.props["validFrom"], [n.id for n in p.nodes]
    ('ab', ['01/QĐ-BCĐ'], '2026-07-01', ['d'])
    """
    charters = [n for n in facts.nodes.values() if Label.Charter in n.labels]
    cid = facts.charter_id
    if cid is None:
        if len(charters) != 1:
            raise StoreError(
                f"facts hold {len(charters)} charters; load one at a time (see split_charters)",
                subject=facts.path,
            )
        cid = charters[0].id
    if sum(
        1
        for e in facts.edges
        if (cid not in e.props[Prop.charters] if is_folded(e) else e.props.get(Prop.charter) not in (None, cid))
    ):
        raise StoreError(
            "facts hold edges of other charters; load one at a time (see split_charters)", subject=cid
        )
    node = facts.nodes.get(cid) or Node(cid, (Label.Charter.value,), {})
    props = _node_props(node)
    sha = props.get(Prop.sha256) or _digest(
        [facts.node_link()["nodes"], sorted((e.props.get("id") or e.id) for e in facts.edges)]
    )
    props[Prop.sha256.value] = sha
    if props.get(Prop.validFrom) is None and props.get(Prop.issuedOn):
        props[Prop.validFrom.value] = props[Prop.issuedOn]
    replaced = sorted(
        {
            str(facts.nodes[e.target].props[Prop.number])
            for e in facts.edges
            if e.type == Rel.REPLACES
            and e.source == cid
            and e.target in facts.nodes
            and facts.nodes[e.target].props.get(Prop.number)
        }
    )
    others = [n for n in facts.nodes.values() if n.id != cid]
    # an edge without provenance belongs to the charter being loaded; one edge per id
    edges, seen = [], set()
    for e in facts.edges:
        if e.id in seen:
            continue
        seen.add(e.id)
        if is_folded(e):
            # only this charter's evidence is this charter's to load
            e = keep_evidence(e, lambda c: c == cid)
        elif not e.props.get(Prop.charter):
            e = Edge(e.type, e.source, e.target, {**e.props, Prop.charter.value: cid})
        edges.append(e)
    labels = tuple(_check_labels((Label.Charter.value, *node.labels), cid))
    return CharterPlan(cid, str(sha), props, others, edges, replaced, labels)


def content_digest(nodes: Iterable[Mapping[str, Any]], edges: Iterable[Mapping[str, Any]]) -> str:
    """Order-independent sha256 of nodes (``id``, ``labels``, props) and edges (``type``, ends, props).

    >>> a = content_digest([{"id": "x", "labels": ["Post"], "name": "A"}], [])
    >>> a == content_digest([{"labels": ["Post"], "name": "A", "id": "x"}], [])
    True
    """
    items = []
    for n in nodes:
        n = dict(n)
        n[LABELS_KEY] = sorted(n.get(LABELS_KEY) or [])
        items.append("n" + _digest(n))
    for e in edges:
        items.append("e" + _digest(dict(e)))
    h = hashlib.sha256()
    for item in sorted(items):
        h.update(item.encode("ascii"))
    return h.hexdigest()


# --------------------------------------------------------------------------- shared store logic
RunFn = Callable[[str, Mapping[str, Any]], list[dict[str, Any]]]

_GET_CHARTER = "MATCH (c:Charter {id: $id}) RETURN c.sha256 AS sha256, c.judgements AS judgements, labels(c) AS labels"
_GET_CHARTERS = (
    "UNWIND $ids AS i MATCH (c:Charter {id: i}) "
    "RETURN c.id AS id, c.sha256 AS sha256, c.judgements AS judgements, labels(c) AS labels"
)
_NUMBERED_CHARTERS = "MATCH (c:Charter) WHERE c.number IN $numbers RETURN c.id AS id, c.number AS number, c.validTo AS validTo"
_STORED_REPLACERS = (
    "MATCH (n:Charter)-[:REPLACES]->(d) WHERE d.number IN $numbers AND n.issuedOn IS NOT NULL "
    "RETURN n.id AS id, d.number AS number, n.issuedOn AS date"
)
_CREATE_PROVISIONS = (
    "UNWIND $rows AS r MATCH (c:Charter {id: r.charter}) CREATE (c)-[e:HAS_PROVISION]->(n:Provision) "
    "SET n = r.node, e = r.edge RETURN count(e) AS n"
)


def _provision_statement(rows: list[dict[str, Any]], *, packed: bool) -> tuple[str, dict[str, Any]]:
    """:data:`_CREATE_PROVISIONS` for ``rows``, packed where asked and possible."""
    p = pack_rows(rows) if packed else None
    if p is None:
        return _CREATE_PROVISIONS, {"rows": rows}
    return (
        f"{p.head} MATCH (c:Charter {{id: {p.value('charter')}}}) "
        f"CREATE (c)-[e:HAS_PROVISION {p.map('edge')}]->(n:Provision {p.map('node')}) RETURN count(e) AS n",
        p.params,
    )


_SET_VALID_TO = "UNWIND $rows AS r MATCH (c:Charter {id: r.id}) SET c.validTo = r.validTo"
_FORGET_JUDGEMENTS = "MATCH (c:Charter {id: $id}) REMOVE c.judgements"
_DELETE_CHARTER_EDGES = "MATCH ()-[e]->() WHERE e.charter = $id DELETE e RETURN count(*) AS n"
_FINISH_CHARTER = "MATCH (c:Charter {id: $id}) SET c += $props"
_CLOSE_REPLACED = (
    "MATCH (c:Charter) WHERE c.number IN $numbers AND c.id <> $id "
    "SET c.validTo = CASE WHEN c.validTo IS NULL OR c.validTo > $date THEN $date ELSE c.validTo END "
    "RETURN c.id AS id"
)
_REPLACED_BY = (
    "MATCH (n:Charter)-[:REPLACES]->(d) WHERE d.number = $number AND n.id <> $id AND n.issuedOn IS NOT NULL "
    "RETURN n.issuedOn AS date"
)


_DELETE_EDGELESS = (
    "UNWIND $ids AS i MATCH (n:{label} {{id: i}}) WHERE NOT (n)--() DELETE n RETURN count(*) AS n"
)
_DELETE_EDGELESS_SUFFIX = (
    "MATCH (n:{label}) WHERE n.id ENDS WITH $suffix AND NOT (n)--() DELETE n RETURN count(*) AS n"
)
_KEEP_REPLACED = (
    "MATCH (n) WHERE n.replacedIds IS NOT NULL SET n.replacedIds = [x IN n.replacedIds WHERE x IN $retired]"
)
_FORGET_REPLACED = "MATCH (n) WHERE size(n.replacedIds) = 0 REMOVE n.replacedIds"
_GIVE_BACK_NAMES = (
    "UNWIND $rows AS r MATCH (s {id: r.survivor}) WHERE r.retired IN coalesce(s.replacedIds, []) "
    "MATCH (o {id: r.retired}) "
    "WITH s, o, [a IN coalesce(s.aliases, []) WHERE a <> o.name AND NOT a IN coalesce(o.aliases, [])] AS kept "
    "WHERE size(kept) < size(coalesce(s.aliases, [])) "
    "SET s.aliases = CASE WHEN size(kept) = 0 THEN null ELSE kept END"
)
_DROP_ALIASES = (
    "UNWIND $rows AS r MATCH (n {id: r.id}) WHERE n.aliases IS NOT NULL "
    "SET n.aliases = [a IN n.aliases WHERE NOT a IN r.names]"
)


_FOLDED_OF_CHARTER = (
    "MATCH (a)-[e]->(b) WHERE $id IN e.charters "
    "RETURN type(e) AS type, a.id AS source, b.id AS target, labels(a) AS sourceLabels, labels(b) AS targetLabels, "
    "properties(e) AS props"
)


@dataclass(slots=True)
class _Deferred:
    """The folded edges of a batch, merged in Python until the batch writes them once."""

    edges: dict[str, Edge] = field(default_factory=dict)
    key_of: dict[str, str] = field(default_factory=dict)
    # the stated edges of each charter of the batch, written together at its end
    stated: dict[str, list[Edge]] = field(default_factory=dict)
    # the charters whose evidence the deferred folded edges hold
    charters: set[str] = field(default_factory=set)

    def add_stated(self, stated: list[Edge], key_of: Mapping[str, str], charter_id: str) -> None:
        self.stated[charter_id] = stated
        for e in stated:
            self.key_of[e.source], self.key_of[e.target] = key_of[e.source], key_of[e.target]

    def add(self, folded: Iterable[Edge], key_of: Mapping[str, str]) -> None:
        for e in folded:
            self.charters.update(e.props[Prop.charters.value])
            held = self.edges.get(e.id)
            self.edges[e.id] = e if held is None else merge_evidence(held, e)
            self.key_of[e.source], self.key_of[e.target] = key_of[e.source], key_of[e.target]

    def drop(self, charter_id: str) -> None:
        self.stated.pop(charter_id, None)
        if charter_id not in self.charters:
            return  # (the common case: the charter's first version in the batch)
        self.charters.discard(charter_id)
        for eid, e in list(self.edges.items()):
            left = drop_evidence(e, charter_id)
            if left is None:
                del self.edges[eid]
            else:
                self.edges[eid] = left


def _unchanged(stored: Mapping[str, Any], plan: CharterPlan) -> bool:
    """Whether the stored charter is this one: the same file, the same analysts' judgements applied."""
    judged = list(plan.props.get(Prop.judgements) or [])
    return stored.get("sha256") == plan.sha256 and list(stored.get("judgements") or []) == judged


def _earlier(held: Any, date_: Any) -> Any:
    """What ``_CLOSE_REPLACED`` leaves in ``validTo``: the earlier of the two, ``date_`` when none is held."""
    return date_ if held is None or held > date_ else held


def _drop_folded_evidence(run: RunFn, charter_id: str) -> None:
    """Take ``charter_id``'s evidence off every folded edge that lists it; delete the edges left with none."""
    kept, gone, key_of = [], [], {}
    for r in run(_FOLDED_OF_CHARTER, {"id": charter_id}):
        key_of[r["source"]] = key_label(r["sourceLabels"])
        key_of[r["target"]] = key_label(r["targetLabels"])
        edge = Edge(r["type"], r["source"], r["target"], dict(r["props"]))
        left = drop_evidence(edge, charter_id)
        if left is None:
            gone.append(edge)
        else:
            kept.append(left)
    for st in [*folded_update_statements(kept, key_of), *folded_update_statements(gone, key_of, delete=True)]:
        rows = run(st.cypher, st.params)
        if (rows[0]["n"] if rows else 0) != st.expect:
            raise StoreError(f"updated {rows[0]['n'] if rows else 0} of {st.expect} folded edges", subject=charter_id)


def _lookup_statement(label: str) -> str:
    return f"UNWIND $ids AS i MATCH (n:{label} {{id: i}}) RETURN n.id AS id, labels(n) AS labels, properties(n) AS props"


class CypherStore:
    """The logic both backends share; a backend supplies ``_write`` and ``_read``.

    ``_write(work)`` runs ``work(run)`` in ONE write transaction and commits it, or rolls
    it back when ``work`` raises. ``_read(cypher, params, timeout, limit)`` runs one
    read in a read-only transaction and returns converted rows.
    """

    settings: Settings
    # write a charter's edges with CREATE rather than MERGE (safe: see edge_statements)
    create_edges: bool = False
    # send the rows of new nodes and edges packed (graph/packed_rows.py: grafeo converts them ~10× faster)
    packed_rows: bool = False
    # how many charters a bulk load (govkg.pipeline.load_paths) commits per transaction (load_many)
    load_batch: int = 1

    # -- backend hooks
    def _write(self, work: Callable[[RunFn], Any]) -> Any:  # pragma: no cover - abstract
        raise NotImplementedError

    def _read(self, cypher: str, params: Mapping[str, Any], timeout: float | None, limit: int | None) -> Rows:
        raise NotImplementedError  # pragma: no cover - abstract

    def close(self) -> None:  # pragma: no cover - abstract
        raise NotImplementedError

    def __enter__(self):
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # -- reads
    def query(
        self,
        cypher: str,
        params: Mapping[str, Any] | None = None,
        *,
        timeout: float | None = None,
        limit: int | None = None,
    ) -> Rows:
        """Run one read-only statement (see :func:`~govkg.graph.readonly.check_read_only`).

        ``timeout`` (seconds) defaults to ``settings.query_timeout_s``, ``limit`` to
        ``settings.row_cap``; the result's ``truncated`` tells whether the cap cut it.
        """
        check_read_only(cypher)
        timeout = self.settings.query_timeout_s if timeout is None else timeout
        limit = self.settings.row_cap if limit is None else limit
        return self._read(cypher, dict(params or {}), timeout, limit)

    def _internal(self, cypher: str, params: Mapping[str, Any] | None = None) -> Rows:
        # store-owned reads: still guarded, but uncapped and without a deadline (dumps, counts)
        check_read_only(cypher)
        return self._read(cypher, dict(params or {}), None, None)

    def counts(self) -> dict[str, Any]:
        """Totals: ``nodes``, ``edges``, ``charters`` (complete ones), ``labels`` and ``types``."""
        labels = {
            r["label"]: r["n"]
            for r in self._internal("MATCH (n) UNWIND labels(n) AS label RETURN label, count(*) AS n")
        }
        types = {
            r["type"]: r["n"]
            for r in self._internal("MATCH ()-[e]->() RETURN type(e) AS type, count(*) AS n")
        }
        nodes = self._internal("MATCH (n) RETURN count(n) AS n")[0]["n"]
        charters = self._internal("MATCH (c:Charter) WHERE c.sha256 IS NOT NULL RETURN count(c) AS n")[0]["n"]
        return {
            "nodes": nodes,
            "edges": sum(types.values()),
            "charters": charters,
            "labels": dict(sorted(labels.items())),
            "types": dict(sorted(types.items())),
        }

    def _dump(self) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
        nodes = [
            {**r["props"], Prop.id.value: r["id"], LABELS_KEY: sorted(r["labels"])}
            for r in self._internal(
                "MATCH (n) RETURN n.id AS id, labels(n) AS labels, properties(n) AS props"
            )
        ]
        edges = [
            {**r["props"], TYPE_KEY: r["type"], SOURCE_KEY: r["source"], TARGET_KEY: r["target"]}
            for r in self._internal(
                "MATCH (a)-[e]->(b) RETURN type(e) AS type, a.id AS source, b.id AS target, properties(e) AS props"
            )
        ]
        return nodes, edges

    def content_hash(self) -> str:
        """Order-independent sha256 of every node, edge and property (see :func:`content_digest`)."""
        return content_digest(*self._dump())

    def export_facts(self) -> Facts:
        """The stored graph as Facts: nodes with labels and props, edges with type and props."""
        nodes, edges = self._dump()
        facts = Facts()
        for n in sorted(nodes, key=lambda n: str(n[Prop.id])):
            props = {k: v for k, v in n.items() if k not in (Prop.id, LABELS_KEY)}
            facts.nodes[n[Prop.id]] = Node(n[Prop.id], tuple(_ordered_labels(n[LABELS_KEY])), props)
        for e in sorted(edges, key=lambda e: str(e.get(Prop.id))):
            props = {k: v for k, v in e.items() if k not in (TYPE_KEY, SOURCE_KEY, TARGET_KEY)}
            facts.edges.append(Edge(e[TYPE_KEY], e[SOURCE_KEY], e[TARGET_KEY], props))
        return facts

    def charters(self) -> list[dict[str, Any]]:
        """Loaded charters (complete ones have a ``sha256``), each with its ``edges`` count."""
        per = {
            r["charter"]: r["n"]
            for r in self._internal(
                "MATCH ()-[e]->() UNWIND coalesce(e.charters, [e.charter]) AS charter RETURN charter, count(*) AS n"
            )
        }
        out = []
        for r in self._internal("MATCH (c:Charter) RETURN c ORDER BY c.id"):
            c = {k: v for k, v in r["c"].items() if k not in (LABELS_KEY, NAME_FOLDED)}
            c["edges"] = per.get(c.get(Prop.id), 0)
            c["complete"] = c.get(Prop.sha256) is not None
            out.append(c)
        return out

    # -- writes
    def load(self, facts: Facts) -> LoadReport:
        """Write one charter in one transaction; a no-op when its ``sha256`` is already loaded.

        A reload with a different ``sha256`` (a re-extraction) first removes the edges
        the old version asserted, and its evidence from the folded edges it shared. Any
        failure rolls the whole charter back.
        """
        plan = plan_charter(facts)
        started = time.perf_counter()
        report = self._write(lambda run: self._write_charter(run, plan, None))
        return replace(report, seconds=round(time.perf_counter() - started, 6))

    def load_many(self, batch: Sequence[Facts]) -> list[LoadReport | GovkgError]:
        """Write several charters in ONE transaction: whole charters or none of them.

        Each charter is written as :meth:`load` writes it (reload checks included), in order,
        but the folded inferred edges of the batch are merged in Python and written once, at
        the end: a link that 50 charters imply is read and written once, not 50 times. When
        the batch fails (a charter with a missing endpoint, say), it is rolled back and each
        charter is written again in its own transaction, so that a failing charter fails
        alone. Returns, per charter, its :class:`LoadReport` or the error that refused it.
        """
        plans: list[CharterPlan | GovkgError] = []
        for facts in batch:
            try:
                plans.append(plan_charter(facts))
            except GovkgError as err:
                plans.append(err)
        good = [p for p in plans if isinstance(p, CharterPlan)]
        started = time.perf_counter()

        def work(run: RunFn) -> list[LoadReport]:
            reports = self._write_batch(run, good)
            return reports if reports is not None else self._write_in_order(run, good)

        try:
            written = self._write(work) if good else []
        except StoreError:
            if len(good) == 1:
                written = [self._retry_alone(good[0])]
            else:
                written = [self._retry_alone(plan) for plan in good]
        per = (time.perf_counter() - started) / max(1, len(good))
        out: list[LoadReport | GovkgError] = []
        it = iter(written)
        for plan in plans:
            if isinstance(plan, CharterPlan):
                r = next(it)
                out.append(replace(r, seconds=round(per, 6)) if isinstance(r, LoadReport) else r)
            else:
                out.append(plan)
        return out

    def _write_in_order(self, run: RunFn, plans: Sequence[CharterPlan]) -> list[LoadReport]:
        """The batch written charter by charter (reloads of changed charters, a charter twice), in
        the caller's transaction; stated and folded edges still written once, at the end."""
        deferred = _Deferred()
        reports = [self._write_charter(run, plan, deferred) for plan in plans]
        stated = [e for edges in deferred.stated.values() for e in edges]
        self._write_edges(run, stated, deferred.key_of, "batch")
        self._write_folded(run, list(deferred.edges.values()), deferred.key_of, "batch")
        return reports

    def _write_edges(self, run: RunFn, stated: list[Edge], key_of: Mapping[str, str], subject: str) -> None:
        for st in edge_statements(stated, key_of, create=self.create_edges, packed=self.packed_rows):
            rows = run(st.cypher, st.params)
            written = rows[0]["n"] if rows else 0
            if written != st.expect:
                raise StoreError(f"wrote {written} of {st.expect} edges", subject=subject)

    def _write_batch(self, run: RunFn, plans: Sequence[CharterPlan]) -> list[LoadReport] | None:
        """The batch as sequential loads would leave it, with a few statements for all its charters.

        The common bulk load (charters not stored yet, or stored unchanged): the stored nodes,
        endpoints, replaced and replacing charters of the whole batch are read once; each node's
        properties and labels are worked out in Python, charter after charter, as
        :meth:`_write_charter` would leave them (:func:`merge_node_props` in load order); then
        each node is written once (one statement per label group), each charter with its
        validity and ``sha256``, then the edges. Returns ``None``, having written nothing, when
        the batch reloads a changed charter, holds a charter twice, or names a charter of the
        batch as another's node: the caller writes it charter by charter instead.
        """
        ids = [plan.charter_id for plan in plans]
        if len(set(ids)) != len(ids):
            return None
        old = {r["id"]: r for r in run(_GET_CHARTERS, {"ids": ids})}
        reports: list[LoadReport | None] = []
        fresh: list[CharterPlan] = []
        for plan in plans:
            stored = old.get(plan.charter_id)
            if stored is None:
                reports.append(None)
                fresh.append(plan)
            elif _unchanged(stored, plan):
                reports.append(LoadReport(plan.charter_id, plan.sha256, unchanged=True))
            else:
                return None
        if not fresh:
            return reports  # type: ignore[return-value]
        fresh_ids = {plan.charter_id for plan in fresh}

        # nodes: every charter's, in load order, each under one key label
        key_of: dict[str, str] = dict.fromkeys(fresh_ids, Label.Charter.value)
        labels_of: dict[int, list[str]] = {}
        by_key: dict[str, list[str]] = defaultdict(list)
        for plan in fresh:
            for node in plan.nodes:
                labels = labels_of[id(node)] = _check_labels(node.labels, node.id)
                key = key_label(labels)
                held = key_of.get(node.id)
                if held is None:
                    key_of[node.id] = key
                    by_key[key].append(node.id)
                elif held != key or node.id in fresh_ids:
                    return None  # one id under two key labels, or a charter of the batch as a node
        stored_nodes: dict[str, tuple[set[str], dict[str, Any]]] = {}
        for label, node_ids in by_key.items():
            for r in run(_lookup_statement(label), {"ids": node_ids}):
                stored_nodes[r["id"]] = (set(r["labels"]), r["props"])
        # id -> [labels now, properties now, properties to SET]
        state: dict[str, list[Any]] = {}
        for plan in fresh:
            for node in plan.nodes:
                labels, props = labels_of[id(node)], _node_props(node)
                held = state.get(node.id)
                if held is None:
                    stored = stored_nodes.get(node.id)
                    if stored is None:
                        state[node.id] = [set(labels), props, props]
                    else:
                        delta = merge_node_props(stored[1], props)
                        state[node.id] = [stored[0] | set(labels), {**stored[1], **delta}, delta]
                else:
                    delta = merge_node_props(held[1], props)
                    held[0].update(labels)
                    held[1].update(delta)
                    held[2].update(delta)

        # endpoints a charter does not describe: stored, or described by an earlier charter of the batch
        seen: set[str] = set()
        wanted: dict[str, str] = {}
        for plan in fresh:
            own = {plan.charter_id, *(node.id for node in plan.nodes)}
            for e in plan.edges:
                for end in (e.source, e.target):
                    if end not in own and end not in seen and end not in wanted:
                        wanted[end] = plan.charter_id
            seen |= own
        missing = sorted(wanted)
        for label in KEY_LABELS:
            if not missing:
                break
            for r in run(_lookup_statement(label.value), {"ids": missing}):
                key_of.setdefault(r["id"], label.value)
                wanted.pop(r["id"], None)
            missing = [i for i in missing if i in wanted]
        if missing:
            raise StoreError(f"edges point at unknown nodes {missing[:5]}", subject=wanted[missing[0]])

        # validity: what each charter's _CLOSE_REPLACED and _REPLACED_BY would have found
        closing = sorted({n for plan in fresh if plan.issued_on for n in plan.replaced_numbers})
        numbered = run(_NUMBERED_CHARTERS, {"numbers": closing}) if closing else []
        own_numbers = sorted({plan.number for plan in fresh if plan.number})
        replacers = run(_STORED_REPLACERS, {"numbers": own_numbers}) if own_numbers else []
        valid_to_rows = []
        for c in numbered:
            valid_to = c["validTo"]
            for plan in fresh:
                if plan.issued_on and c["number"] in plan.replaced_numbers and c["id"] != plan.charter_id:
                    valid_to = _earlier(valid_to, plan.issued_on)
            if valid_to != c["validTo"]:
                valid_to_rows.append({"id": c["id"], "validTo": valid_to})
        groups: dict[tuple[bool, str, tuple[str, ...]], list[dict[str, Any]]] = defaultdict(list)
        for i, plan in enumerate(fresh):
            props = dict(plan.props)
            closed = [c["id"] for c in numbered if c["number"] in plan.replaced_numbers and c["id"] != plan.charter_id]
            closed += [
                p.charter_id
                for p in fresh[:i]
                if plan.issued_on and p.number in plan.replaced_numbers and p.charter_id != plan.charter_id
            ]
            if not plan.issued_on:
                closed = []
            if plan.number:
                dates = [str(r["date"]) for r in replacers if r["number"] == plan.number and r["id"] != plan.charter_id]
                dates += [
                    str(p.issued_on)
                    for p in fresh[:i]
                    if p.issued_on and plan.number in p.replaced_numbers and p.charter_id != plan.charter_id
                ]
                if dates:
                    props[Prop.validTo.value] = min(dates)
            reported_valid_to = props.get(Prop.validTo)
            # a later charter of the batch that replaces this one closes it
            for p in fresh[i + 1 :]:
                if p.issued_on and plan.number in p.replaced_numbers and p.charter_id != plan.charter_id:
                    props[Prop.validTo.value] = _earlier(props.get(Prop.validTo), p.issued_on)
            others = tuple(sorted(label for label in plan.labels if label != Label.Charter))
            groups[(False, Label.Charter.value, others)].append({"id": plan.charter_id, "props": props})
            reports[reports.index(None)] = LoadReport(
                plan.charter_id,
                plan.sha256,
                nodes=len(plan.nodes) + 1,
                edges=len(plan.edges),
                valid_from=props.get(Prop.validFrom),
                valid_to=reported_valid_to,
                closed=tuple(closed),
            )

        stated = [e for plan in fresh for e in plan.edges if not is_folded(e)]
        # a store that creates edges creates a new provision and its one HAS_PROVISION edge from its
        # charter in one statement (one id lookup fewer per provision)
        with_provision: dict[str, Edge] = {}
        if self.create_edges:
            heads: dict[str, list[Edge]] = defaultdict(list)
            for e in stated:
                if e.target in state and key_of.get(e.target) == Label.Provision:
                    heads[e.target].append(e)
            with_provision = {
                target: edges[0]
                for target, edges in heads.items()
                if len(edges) == 1
                and edges[0].type == Rel.HAS_PROVISION
                and edges[0].source in fresh_ids
                and target not in stored_nodes
                and state[target][0] == {Label.Provision.value}
            }
            stated = [e for e in stated if with_provision.get(e.target) is not e]

        # the writes: each node once, the charters (complete: with their sha256), then the edges
        for node_id, (labels, _props, to_set) in state.items():
            key = key_of[node_id]
            stored = stored_nodes.get(node_id)
            if node_id in with_provision:
                continue
            if stored is None:
                groups[(False, key, tuple(sorted(labels - {key})))].append({"id": node_id, "props": to_set})
            else:
                added = tuple(sorted(labels - stored[0]))
                if added or to_set:
                    groups[(True, key, added)].append({"id": node_id, "props": to_set})
        for st in _node_group_statements(groups, packed=self.packed_rows):
            rows = run(st.cypher, st.params)
            updated = rows[0]["n"] if rows else 0
            if st.expect is not None and updated != st.expect:
                raise StoreError(f"updated {updated} of {st.expect} stored nodes", subject="batch")
        if with_provision:
            rows = [
                {"charter": e.source, "node": {**state[target][2], _ID: target}, "edge": edge_row["props"]}
                for (target, e), edge_row in zip(
                    with_provision.items(), _edge_rows(with_provision.values(), key_of), strict=True
                )
            ]
            for i in range(0, len(rows), BATCH_SIZE):
                chunk = rows[i : i + BATCH_SIZE]
                written = run(*_provision_statement(chunk, packed=self.packed_rows))
                if (written[0]["n"] if written else 0) != len(chunk):
                    raise StoreError(f"wrote {written[0]['n'] if written else 0} of {len(chunk)} provisions", subject="batch")
        if valid_to_rows:
            run(_SET_VALID_TO, {"rows": valid_to_rows})
        self._write_edges(run, stated, key_of, "batch")
        folded: dict[str, Edge] = {}
        for plan in fresh:
            for e in plan.edges:
                if is_folded(e):
                    held = folded.get(e.id)
                    folded[e.id] = e if held is None else merge_evidence(held, e)
        self._write_folded(run, list(folded.values()), key_of, "batch")
        return reports  # type: ignore[return-value]

    def _retry_alone(self, plan: CharterPlan) -> LoadReport | StoreError:
        try:
            return self._write(lambda run: self._write_charter(run, plan, None))
        except StoreError as err:
            return err

    def _write_folded(self, run: RunFn, folded: list[Edge], key_of: Mapping[str, str], subject: str) -> None:
        """Merge ``folded`` edges with the stored ones (read by endpoints and id) and write them."""
        stored: dict[str, dict[str, Any]] = {}
        for st in folded_lookup_statements(folded, key_of):
            for r in run(st.cypher, st.params):
                stored[r["id"]] = r["props"]
        merged = [merge_evidence(Edge(e.type, e.source, e.target, stored[e.id]), e) for e in folded if e.id in stored]
        fresh = [e for e in folded if e.id not in stored]
        for st in [*edge_statements(fresh, key_of, create=self.create_edges, packed=self.packed_rows), *folded_update_statements(merged, key_of)]:
            rows = run(st.cypher, st.params)
            written = rows[0]["n"] if rows else 0
            if written != st.expect:
                raise StoreError(f"wrote {written} of {st.expect} folded edges", subject=subject)

    def _write_charter(self, run: RunFn, plan: CharterPlan, deferred: _Deferred | None) -> LoadReport:
        """One charter's writes, in the caller's transaction; its folded edges into ``deferred``
        (a batch writes them at its end) or, without one, written here."""
        old = run(_GET_CHARTER, {"id": plan.charter_id})
        # the same file with the same analysts' judgements applied is already loaded
        judged = list(plan.props.get(Prop.judgements) or [])
        if old and _unchanged(old[0], plan):
            return LoadReport(plan.charter_id, plan.sha256, unchanged=True)
        if old:
            run(_DELETE_CHARTER_EDGES, {"id": plan.charter_id})
            _drop_folded_evidence(run, plan.charter_id)
            if old[0].get("judgements") and not judged:
                run(_FORGET_JUDGEMENTS, {"id": plan.charter_id})
        if deferred is not None:
            deferred.drop(plan.charter_id)  # an earlier version of it in the same batch
        touch = charter_statement(plan.charter_id, plan.labels, old[0]["labels"] if old else None)
        if touch is not None:
            run(touch.cypher, touch.params)
        key_of = {plan.charter_id: Label.Charter.value}
        by_key: dict[str, list[str]] = defaultdict(list)
        for node in plan.nodes:
            key_of[node.id] = key_label(_check_labels(node.labels, node.id))
            by_key[key_of[node.id]].append(node.id)
        existing: dict[str, dict[str, Any]] = {}
        for label, ids in by_key.items():
            for r in run(_lookup_statement(label), {"ids": ids}):
                existing[r["id"]] = {LABELS_KEY: r["labels"], "props": r["props"]}
        for st in node_statements(plan.nodes, existing=existing, packed=self.packed_rows):
            rows = run(st.cypher, st.params)
            # a stored node found in this transaction must still be there to update
            updated = rows[0]["n"] if rows else 0
            if st.expect is not None and updated != st.expect:
                raise StoreError(f"updated {updated} of {st.expect} stored nodes", subject=plan.charter_id)
        # endpoints this charter does not describe must already be stored
        missing = sorted({end for e in plan.edges for end in (e.source, e.target)} - set(key_of))
        for label in KEY_LABELS:
            if not missing:
                break
            found = run(_lookup_statement(label.value), {"ids": missing})
            for r in found:
                key_of[r["id"]] = label.value
            missing = [i for i in missing if i not in key_of]
        if missing:
            raise StoreError(f"edges point at unknown nodes {missing[:5]}", subject=plan.charter_id)
        stated = [e for e in plan.edges if not is_folded(e)]
        if deferred is not None:
            # a batch writes its charters' edges together at its end, one statement per type and
            # endpoint labels; REPLACES now, since the validity of a later charter reads it
            deferred.add_stated([e for e in stated if e.type != Rel.REPLACES], key_of, plan.charter_id)
            stated = [e for e in stated if e.type == Rel.REPLACES]
        for st in edge_statements(stated, key_of, create=self.create_edges, packed=self.packed_rows):
            rows = run(st.cypher, st.params)
            written = rows[0]["n"] if rows else 0
            if written != st.expect:
                raise StoreError(f"wrote {written} of {st.expect} edges", subject=plan.charter_id)
        # a folded edge another charter already implies takes this charter's evidence too
        folded = [e for e in plan.edges if is_folded(e)]
        if deferred is None:
            self._write_folded(run, folded, key_of, plan.charter_id)
        else:
            deferred.add(folded, key_of)
        props = dict(plan.props)
        closed: list[str] = []
        if plan.replaced_numbers and plan.issued_on:
            closed = [
                r["id"]
                for r in run(
                    _CLOSE_REPLACED,
                    {"numbers": plan.replaced_numbers, "id": plan.charter_id, "date": plan.issued_on},
                )
            ]
        if plan.number:
            dates = sorted(
                str(r["date"]) for r in run(_REPLACED_BY, {"number": plan.number, "id": plan.charter_id})
            )
            if dates:
                props[Prop.validTo.value] = dates[0]
        # the sha256 written last marks the charter complete (in a batch, its folded edges follow
        # in the same transaction: a commit holds all of them or none)
        run(_FINISH_CHARTER, {"id": plan.charter_id, "props": props})
        return LoadReport(
            plan.charter_id,
            plan.sha256,
            nodes=len(plan.nodes) + 1,
            edges=len(plan.edges),
            valid_from=props.get(Prop.validFrom),
            valid_to=props.get(Prop.validTo),
            closed=tuple(closed),
        )

    def settle_judgements(
        self,
        retired: Iterable[str],
        aliases: Mapping[str, Iterable[str]],
        suffixes: Iterable[str] = (),
        unjoined: Mapping[str, str] | None = None,
    ) -> int:
        """After a load that applied merge judgements: delete the nodes of ``retired`` ids (and of
        ids ending with one of ``suffixes``) that no edge touches any more, remove the
        ``aliases`` (node id → names) judged wrong, keep in ``replacedIds`` only ids
        that are still ``retired``, and take back from a survivor the names of the entity a
        join undone gave back (``unjoined``: survivor id → the id it no longer replaces; only
        where the survivor still lists that id in ``replacedIds``).

        Returns how many nodes were deleted. One write transaction.
        """
        retired = sorted(set(retired))
        drops = [{"id": i, "names": sorted(set(names))} for i, names in sorted(aliases.items())]
        suffixes = sorted(set(suffixes))

        def work(run: RunFn) -> int:
            deleted = 0
            if retired:
                for label in KEY_LABELS:
                    rows = run(_DELETE_EDGELESS.format(label=label.value), {"ids": retired})
                    deleted += rows[0]["n"] if rows else 0
            for suffix in suffixes:
                for label in KEY_LABELS:
                    rows = run(_DELETE_EDGELESS_SUFFIX.format(label=label.value), {"suffix": suffix})
                    deleted += rows[0]["n"] if rows else 0
            if drops:
                run(_DROP_ALIASES, {"rows": drops})
            if unjoined:
                rows = [{"survivor": k, "retired": v} for k, v in sorted(unjoined.items())]
                run(_GIVE_BACK_NAMES, {"rows": rows})
            # a join undone: its survivor no longer stands for the id it gave back
            run(_KEEP_REPLACED, {"retired": retired})
            run(_FORGET_REPLACED, {})
            return deleted

        return self._write(work)


def _ordered_labels(labels: Sequence[str]) -> list[str]:
    # Facts order: Body first, then the kind (the most specific label last)
    return sorted(labels, key=lambda label: (label != Label.Body, label))


# --------------------------------------------------------------------------- factory
def open_store(settings: Settings | None = None, *, read_only: bool = False, shared: bool = False) -> GraphStore:
    """The configured store: Neo4j when ``settings.neo4j_uri`` is set, else the embedded one.

    ``read_only`` opens the embedded file as a snapshot reader: any number of processes
    read while a load writes, and see its charters once it has finished. ``shared`` (the
    API server) reads the same way and writes by taking the writer's role per charter.
    Without either, the embedded file is held by this process, the one writer.

    >>> import tempfile, pathlib
    >>> with open_store(Settings(home=pathlib.Path(tempfile.mkdtemp()))) as store:
    ...     store.counts()["nodes"]
    0
    """
    settings = settings or load_settings()
    if settings.neo4j_uri:
        from govkg.graph.neo4j_store import Neo4jStore

        return Neo4jStore.from_settings(settings)
    from govkg.graph.embedded import EmbeddedStore

    return EmbeddedStore(settings.embedded_path, settings=settings, read_only=read_only, shared=shared)
