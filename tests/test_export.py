"""Exports (``govkg.graph.export``): networkx, node-link JSON, GraphML, CSV — from a store or from Facts."""

from __future__ import annotations

import csv
import json

import networkx as nx
import pytest
from factories import IDS, STORE_KINDS, make_store, seed000, seed000_old, seed004

from govkg.errors import StoreError
from govkg.graph.export import (
    EDGE_COLUMNS,
    NODE_COLUMNS,
    to_facts,
    to_networkx,
    to_node_link,
    write_csv,
    write_graphml,
)

NODES, EDGES = 30, 48  # seed 000, its replaced decision and seed 004


@pytest.fixture(scope="module", params=STORE_KINDS)
def store(request, tmp_path_factory):
    s = make_store(request.param, tmp_path_factory.mktemp(request.param))
    for facts in (seed000(), seed000_old(), seed004()):
        s.load(facts)
    yield s
    s.close()


def test_to_networkx_from_store(store):
    before = store.content_hash()
    G = to_networkx(store)
    assert store.content_hash() == before  # read-only
    assert (
        (G.number_of_nodes(), G.number_of_edges())
        == (NODES, EDGES)
        == (store.counts()["nodes"], store.counts()["edges"])
    )
    assert G.nodes[IDS["wg_smart"]]["labels"] == ["Body", "WorkingGroup"]
    assert G.nodes[IDS["cap"]]["name"] == "Công an phường" and "id" not in G.nodes[IDS["cap"]]
    [(key, data)] = [
        (k, d) for _, _, k, d in G.edges(IDS["wg_smart"], keys=True, data=True) if d["type"] == "REPORTS_TO"
    ]
    assert key == data["id"] and data["via"] == IDS["cap"] and data["charter"] == IDS["ch000"]
    # the same relation stated by two charters: two edges, one per charter
    keys = sorted(k for _, _, k, d in G.edges(IDS["chair"], keys=True, data=True) if d["type"] == "POST_IN")
    assert len(set(keys)) == 2  # edge ids include the charter, so each charter's copy has its own id


def test_to_networkx_from_facts_matches_the_store(store):
    facts = seed000().merge(seed000_old()).merge(seed004())
    G = to_networkx(facts)
    # edge ids include the charter: Facts.merge and the store keep the same edges
    assert G.number_of_nodes() == NODES and G.number_of_edges() == EDGES


def test_node_link_round_trip(store):
    data = to_node_link(store)
    text = json.dumps(data, ensure_ascii=False)
    data = json.loads(text)
    assert data["directed"] and data["multigraph"]
    node = next(n for n in data["nodes"] if n["id"] == IDS["cap"])
    assert node["labels"] == ["Body", "Agency"] and node["locality"] == "Hải Dương"
    link = next(
        li for li in data["links"] if li["type"] == "STANDING_AGENCY_OF" and li["source"] == IDS["cap"]
    )
    assert (link["target"], link["provision"], link["key"]) == (IDS["bcd000"], "quy-che/dieu-9", link["id"])
    G = nx.node_link_graph(data, edges="links")
    assert isinstance(G, nx.MultiDiGraph)
    assert (G.number_of_nodes(), G.number_of_edges()) == (NODES, EDGES)
    assert G.nodes[IDS["nat"]]["level"] == "national"


def test_graphml_readable(store, tmp_path):
    path = write_graphml(to_networkx(store), tmp_path / "out" / "govkg.graphml")
    H = nx.read_graphml(path)
    assert (H.number_of_nodes(), H.number_of_edges()) == (NODES, EDGES)
    assert json.loads(H.nodes[IDS["wg_smart"]]["labels"]) == ["Body", "WorkingGroup"]
    months = [d["months"] for _, _, d in H.edges(data=True) if "months" in d]
    assert months == ["[6, 12]"]
    assert all("None" not in str(v) for _, d in H.nodes(data=True) for v in d.values())


def test_csv(store, tmp_path):
    nodes_csv, edges_csv = write_csv(to_networkx(store), tmp_path / "csv")
    with nodes_csv.open(encoding="utf-8", newline="") as fh:
        nodes = list(csv.DictReader(fh))
    with edges_csv.open(encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        edges = list(reader)
        header = reader.fieldnames
    assert (len(nodes), len(edges)) == (NODES, EDGES)
    assert list(nodes[0])[: len(NODE_COLUMNS)] == list(NODE_COLUMNS)
    assert header[: len(EDGE_COLUMNS)] == list(EDGE_COLUMNS)
    assert header[len(EDGE_COLUMNS) :] == sorted(header[len(EDGE_COLUMNS) :])
    cap = next(n for n in nodes if n["id"] == IDS["cap"])
    assert json.loads(cap["labels"]) == ["Body", "Agency"] and cap["name"] == "Công an phường"
    # a second export writes the same files (stable order)
    again = write_csv(to_networkx(store), tmp_path / "csv2")
    assert [p.read_text(encoding="utf-8") for p in again] == [
        nodes_csv.read_text(encoding="utf-8"),
        edges_csv.read_text(encoding="utf-8"),
    ]


def test_to_facts():
    f = seed000()
    assert to_facts(f) is f
    with pytest.raises(StoreError):
        to_facts(object())
