"""Packed rows (``govkg.graph.packed_rows``): what grafeo stores from them is what it stores from plain rows."""

from __future__ import annotations

import grafeo
import pytest
from factories import seed000, seed000_old, seed004
from hypothesis import given, settings
from hypothesis import strategies as st

from govkg.config import Settings
from govkg.graph.embedded import EmbeddedStore
from govkg.graph.packed_rows import SEPARATORS, pack_rows
from govkg.graph.store import edge_statements
from govkg.ontology.facts import Edge, Node

_TEXT = st.text(alphabet=st.sampled_from(["a", "Đ", "ổ", " ", "\n", *SEPARATORS[:3]]), max_size=6)
_VALUE = st.one_of(
    st.none(),
    _TEXT,
    st.integers(-(2**40), 2**40),
    st.floats(allow_nan=False, allow_infinity=False, width=64),
    st.booleans(),
    st.lists(_TEXT, max_size=3),
)
_KEYS = st.sampled_from(["name", "start", "end", "quote", "confidence", "charters", "match"])
_ROWS = st.lists(st.dictionaries(_KEYS, _VALUE, max_size=5), min_size=1, max_size=8)


def _stored(db, label: str) -> list[dict]:
    rows = db.execute_cypher(f"MATCH (n:{label}) RETURN properties(n) AS p")
    return sorted((row["p"] for row in rows), key=repr)


@settings(max_examples=150, deadline=None)
@given(_ROWS)
def test_packed_rows_store_what_plain_rows_store(props):
    """Strings (with separators in them, empty, Vietnamese), numbers, booleans, lists, missing
    values: a node created from packed rows holds what ``SET n = r.props`` gives it."""
    db = grafeo.GrafeoDB()
    rows = [{"props": p} for p in props]
    db.execute_cypher("UNWIND $rows AS r CREATE (n:Plain) SET n = r.props", {"rows": rows})
    packed = pack_rows(rows)
    assert packed is not None
    db.execute_cypher(f"{packed.head} CREATE (n:Packed {packed.map('props')})", packed.params)
    assert _stored(db, "Packed") == _stored(db, "Plain")


def test_a_column_of_floats_only_stays_a_list_of_floats():
    """grafeo's binding reads a list of floats only as an f32 vector, which indexing does not read:
    the confidences of a batch of edges were dropped before the trailing null."""
    db = grafeo.GrafeoDB()
    packed = pack_rows([{"props": {"confidence": 0.9}}, {"props": {"confidence": 0.123456789}}])
    db.execute_cypher(f"{packed.head} CREATE (n:E {packed.map('props')})", packed.params)
    assert sorted(r["c"] for r in db.execute_cypher("MATCH (n:E) RETURN n.confidence AS c")) == [0.123456789, 0.9]


def test_keys_that_are_not_identifiers_and_taken_separators_leave_the_rows_plain():
    """A map's keys are pasted into the statement (backquoted): only identifiers are."""
    assert pack_rows([{"props": {"a b": 1}}]) is None
    # rows of different shapes: a field only a later row has would have been dropped
    assert pack_rows([{"id": "a", "props": {}}, {"id": "b", "props": {}, "extra": 1}]) is None
    assert pack_rows([{"props": {"x`: 1}) DETACH DELETE n //": 1}}]) is None
    assert pack_rows([{"props": {"name": "".join(SEPARATORS)}}]) is None
    assert pack_rows([{"props": {"name": "x"}}, {"props": {"name": "".join(SEPARATORS[:-1])}}]).params["sep"] == SEPARATORS[-1]


def test_edge_statements_pack_only_created_edges():
    edge = Edge("PART_OF", "b1", "c1", {"id": "e:1", "charter": "ch", "quote": "Tổ"})
    keys = {"b1": "Body", "c1": "Body"}
    (created,) = edge_statements([edge], keys, create=True, packed=True)
    assert created.cypher.startswith("WITH split($strings, $sep) AS s") and created.expect == 1
    (merged,) = edge_statements([edge], keys, create=False, packed=True)
    assert merged.cypher.startswith("UNWIND $rows AS r")


def _odd(facts):
    """``facts`` with values packing must carry over as they are: separators and NUL in a quote, an
    empty string, a property key that is not an identifier (those rows go plain)."""
    odd = next(n for n in facts.nodes.values() if "Post" in n.labels)
    facts.nodes[odd.id] = Node(odd.id, odd.labels, {**odd.props, "note": "a\x1fb\x00c", "empty": "", "odd key": 1})
    for i, e in enumerate(facts.edges):
        if e.props.get("quote"):
            facts.edges[i] = Edge(e.type, e.source, e.target, {**e.props, "quote": e.props["quote"] + "\x1f\x1e"})
            break
    return facts


@pytest.mark.parametrize("batch", [False, True])
def test_a_store_writing_packed_rows_holds_the_graph_of_plain_rows(tmp_path, batch):
    """The same charters (one replacing another, shared nodes, odd values) loaded with packed rows and
    with plain ones: the same counts and content hash, one transaction per charter or in a batch."""
    results = []
    for packed in (True, False):
        s = Settings(home=tmp_path / f"{packed}-{batch}")
        with EmbeddedStore(s.embedded_path, settings=s) as store:
            store.packed_rows = packed
            facts = [seed000_old(), _odd(seed000()), seed004()]
            if batch:
                store.load_many(facts)
            else:
                for f in facts:
                    store.load(f)
            results.append((store.counts(), store.content_hash()))
            odd = store.query("MATCH (n:Post) WHERE n.note IS NOT NULL RETURN n.note AS note, n.empty AS empty")
            assert odd == [{"note": "a\x1fb\x00c", "empty": ""}]
    assert results[0] == results[1]
