"""The FollowTheMoney export (``govkg.graph.export_ftm``) of the sample charters, validated with ``followthemoney``."""

from __future__ import annotations

import csv
import io
import json

import pytest
from factories import make_store
from govkg.graph.export import to_facts
from govkg.graph.export_ftm import (
    STATEMENT_COLUMNS,
    UNLINKED_RELS,
    ftm_id,
    to_ftm,
    to_statements,
    write_ftm,
    write_statements,
)
from govkg.ontology.vocab import Rel

from govkg.pipeline import SAMPLE_CHARTERS, load_paths

ftm = pytest.importorskip("followthemoney")
from followthemoney import model  # noqa: E402
from followthemoney.statement.serialize import read_csv_statements  # noqa: E402


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    s = make_store("embedded", tmp_path_factory.mktemp("ftm"))
    assert all(o.status == "loaded" for o in load_paths(s, [SAMPLE_CHARTERS], validate=False))
    yield s
    s.close()


@pytest.fixture(scope="module")
def entities(store):
    return to_ftm(store)


def test_every_entity_is_valid_followthemoney(entities):
    by_id = {e["id"]: e for e in entities}
    assert len(by_id) == len(entities)
    for data in entities:
        schema = model.get(data["schema"])
        assert schema is not None and not schema.abstract, data["schema"]
        proxy = model.get_proxy({k: data[k] for k in ("id", "schema", "properties")}, cleaned=False)
        for prop, values in data["properties"].items():
            assert prop in schema.properties, (data["schema"], prop)
            # cleaning keeps every value: none was invalid for its FtM type
            assert len(proxy.get(prop)) == len(values), (data["id"], prop, values, proxy.get(prop))
            target = schema.properties[prop]
            if target.type.name == "entity":
                for ref in values:
                    assert ref in by_id, (data["id"], prop, ref)
                    assert model.get(by_id[ref]["schema"]).is_a(target.range), (prop, ref)
        for prop in schema.required:
            assert proxy.get(prop), (data["id"], prop)


def test_schemas_and_relations(store, entities):
    kinds = {}
    for e in entities:
        kinds[e["schema"]] = kinds.get(e["schema"], 0) + 1
    labels, types = store.counts()["labels"], store.counts()["types"]
    assert kinds["PublicBody"] + kinds["Organization"] == labels["Body"]
    assert kinds["Position"] == labels["Post"] and kinds["Person"] == labels["Person"]
    assert kinds["Occupancy"] == types["HOLDS"] and kinds["Membership"] == types["PART_OF"]
    links = [e for e in entities if e["schema"] == "UnknownLink"]
    roles = {e["properties"]["role"][0] for e in links}
    assert {Rel.REPORTS_TO, Rel.DELEGATES_TO, Rel.ACTS_FOR, Rel.HELD_EX_OFFICIO_BY} <= roles <= UNLINKED_RELS
    party = [e for e in entities if e["schema"] == "Organization"]
    assert party and all(e["properties"]["classification"][0] in ("PartyCommittee", "MassOrganization", "CommunityGroup") for e in party)
    # a relation carries its clause, quote and the charter's validity
    occ = next(e for e in entities if e["schema"] == "Occupancy" and e["properties"]["holder"][0].startswith("person.pham-thi-thanh-van"))
    assert occ["properties"]["startDate"] == ["2026-07-01"] and occ["properties"]["recordId"][0].endswith("#quyet-dinh/chu-ky")
    assert "Phạm Thị Thanh Vân" in occ["properties"]["summary"][0]


def test_statement_table(store, entities):
    rows = list(to_statements(store))
    values = sum(len(v) for e in entities for v in e["properties"].values())
    assert len(rows) == values + len(entities)  # one per value, plus each entity's id
    assert all(r["origin"].startswith("charter:") and "#" in r["origin"] for r in rows)
    # a value without a quote comes only from inferred edges (the gazetteer's SUBORDINATE_TO, …)
    facts = to_facts(store)
    quoted = {ftm_id(n) for e in facts.edges if e.props.get("quote") for n in (e.source, e.target, f"rel:{e.props['id']}")}
    unquoted = {r["entity_id"] for r in rows if not r["quote"]}
    assert unquoted and not unquoted & quoted
    assert len([r for r in rows if r["quote"]]) > 0.9 * len(rows)
    text = write_statements(store)
    assert next(csv.reader(io.StringIO(text))) == list(STATEMENT_COLUMNS)
    read = list(read_csv_statements(io.BytesIO(text.encode("utf-8"))))
    assert len(read) == len(rows)
    assert {(s.entity_id, s.prop, s.value, s.origin) for s in read} == {
        (r["entity_id"], r["prop"], r["value"], r["origin"]) for r in rows
    }
    # the statements rebuild the entities
    grouped: dict[str, list] = {}
    for s in read:
        grouped.setdefault(s.entity_id, []).append(s)
    for e in entities[:20]:
        props = {(s.prop, s.value) for s in grouped[e["id"]] if s.prop != "id"}
        assert props == {(p, v) for p, vs in e["properties"].items() for v in vs}


def test_write_ftm_json_lines(store, tmp_path):
    path = tmp_path / "ftm.jsonl"
    write_ftm(store, path)
    lines = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    assert lines == [json.loads(json.dumps(e, sort_keys=True)) for e in to_ftm(store)]
