"""Merges as judgements on the sample charters (``govkg.graph.merges`` with ``govkg.pipeline.load_paths``):
the resolver's merges listed with their evidence, a wrong merge split and the split surviving reloads,
a missed merge joined, a retired id resolving, and both exports valid after it."""

from __future__ import annotations

import pytest
from factories import STORE_KINDS, make_store

from govkg.errors import GovkgError, NotFound
from govkg.graph.export_ftm import ftm_id, to_ftm
from govkg.graph.export_popolo import REPLACED_SCHEME, check_references, to_popolo
from govkg.graph.merges import candidates, decide, find_judgement, join, list_judgements, resolver_judgements
from govkg.graph.named_queries import canonical_id, resolve_entity, search
from govkg.graph.read_models import body_view
from govkg.loaders.judgements import judgements_path, read_judgements, split_id
from govkg.pipeline import SAMPLE_CHARTERS, load_paths

DOC_269 = "doc:269-2025-cp~e19628684f"
HAI_AN = "charter:kien-toan-ban-chi-dao-cua-phuong-hai-an-f52c5447~d639f0dc76"
HAI_DUONG = "charter:03-qd-bcd-d99e2719269c59cf~c135b976ab"
PHUC_LA_GROUP = "body:supportgroup-to-giup-viec-ban-chi-dao-legacy-com~263f4920ee"
CITY_06 = "body:workinggroup-to-cong-tac-de-an-06-cua-thanh-pho~4da66c2bf8"
CITY_06_LONG = "body:workinggroup-to-cong-tac-ve-trien-khai-de-an-06~e379f8e2bb"


@pytest.fixture(params=STORE_KINDS)
def loaded(request, tmp_path):
    store = make_store(request.param, tmp_path)
    assert all(o.status == "loaded" for o in load_paths(store, [SAMPLE_CHARTERS], validate=False))
    yield store
    store.close()


def _reload(store):
    return {o.charter: o.status for o in load_paths(store, [SAMPLE_CHARTERS], validate=False)}


def _touching(store, node_id):
    rows = store.query("MATCH (n {id: $id})-[e]-() RETURN DISTINCT e.charter AS c", {"id": node_id})
    return sorted(r["c"] for r in rows)


def _shape(store):
    nodes, edges = store._dump()
    return sorted(n["id"] for n in nodes), sorted((e["type"], e["source"], e["target"], e["id"]) for e in edges)


def test_every_resolver_merge_is_a_judgement_with_evidence(loaded):
    js = resolver_judgements(loaded)
    merges = [j for j in js if j.kind == "merge"]
    # 269/2025 is cited as NĐ-CP by Hải Dương and as NQ-CP by Hải An: one act, one judgement per charter
    doc = {j.charter: j for j in merges if j.ids == (DOC_269,)}
    assert set(doc) == {HAI_AN, HAI_DUONG}
    j = doc[HAI_AN]
    assert j.rule == "resolve.document_number" and j.verdict == "positive" and j.by == "resolver"
    quotes = {e["charter"]: e["quote"] for e in j.evidence}
    assert "269/2025/NQ-CP" in quotes[HAI_AN] and "269/2025/NĐ-CP" in quotes[HAI_DUONG]
    assert all(e.get("provision") for e in j.evidence)
    # the city committee both Hải Phòng wards cite: unified by its administrative unit
    assert {j.rule for j in merges if j.ids == ("committee:2025/province/31",)} == {"resolve.committee_unit"}
    aliases = [j for j in js if j.kind == "alias" and j.ids == (PHUC_LA_GROUP,)]
    assert "Tổ công tác giúp việc" in {j.alias for j in aliases}
    # listing by charter keeps those that cite it
    mine = list_judgements(loaded, charter=HAI_AN)
    assert doc[HAI_AN] in mine and all(
        j.charter == HAI_AN or any(e.get("charter") == HAI_AN for e in j.evidence) for j in mine
    )
    assert len(mine) < len(list_judgements(loaded))


def test_candidates_on_the_samples(loaded):
    found = {(j.rule, j.ids, j.alias) for j in candidates(loaded)}
    # a post's title is no longer taken as a body's name (issue 15), so none is proposed here
    assert not any(rule == "candidate.post_title_alias" and ids == (PHUC_LA_GROUP,) for rule, ids, _ in found)
    assert ("candidate.name_within_name", (CITY_06, CITY_06_LONG), None) in found
    # two defined working groups of one charter are never proposed (the charter says they are two)
    assert not any(j.rule == "candidate.name_within_name" and "phuong-hai-duong" in "".join(j.ids) for j in candidates(loaded))
    assert all(j.verdict == "unsure" for j in candidates(loaded))


def test_a_wrong_merge_split_survives_reloads(loaded, tmp_path):
    merge = next(j for j in resolver_judgements(loaded) if j.ids == (DOC_269,) and j.charter == HAI_AN)
    decide(loaded, merge.id, "negative")
    assert read_judgements(judgements_path(tmp_path))[merge.id].verdict == "negative"
    statuses = _reload(loaded)
    # Hải An gets its own act; Hải Dương, which cites the same node, is written again too
    assert statuses[HAI_AN] == statuses[HAI_DUONG] == "loaded"
    assert sum(s == "unchanged" for s in statuses.values()) == 3
    own = split_id(DOC_269, HAI_AN)
    assert _touching(loaded, own) == [HAI_AN] and _touching(loaded, DOC_269) == [HAI_DUONG]
    variants = {r["id"]: r["v"] for r in loaded.query(
        "MATCH (d:LegalDocument) WHERE d.id IN $ids RETURN d.id AS id, d.numberVariants AS v", {"ids": [own, DOC_269]})}
    assert variants == {own: ["269/2025/NQ-CP"], DOC_269: ["269/2025/NĐ-CP"]}
    digest = loaded.content_hash()
    shape = _shape(loaded)
    # a reload changes nothing; the analyst's judgement is listed in place of the resolver's
    assert set(_reload(loaded).values()) == {"unchanged"} and loaded.content_hash() == digest
    assert find_judgement(loaded, merge.id).verdict == "negative"
    # a store built afresh from the same home applies it on the first load
    fresh = make_store("embedded", tmp_path / "again")
    try:
        load_paths(fresh, [SAMPLE_CHARTERS], validate=False, judgements=read_judgements(judgements_path(tmp_path)))
        # the same nodes and edges (a shared node's properties are the last writer's, as in any load order)
        assert _shape(fresh) == shape
    finally:
        fresh.close()
    # undoing it (unsure) brings the one act back and removes the split-off node
    decide(loaded, merge.id, "unsure")
    _reload(loaded)
    assert _touching(loaded, DOC_269) == sorted([HAI_AN, HAI_DUONG])
    assert not loaded.query("MATCH (d:LegalDocument {id: $id}) RETURN d.id AS id", {"id": own})


def test_a_wrong_alias_split_survives_a_reload(loaded):
    alias = next(j for j in list_judgements(loaded) if j.kind == "alias" and j.alias == "Tổ công tác giúp việc")
    decide(loaded, alias.id, "negative")
    _reload(loaded)

    def aliases():
        return loaded.query("MATCH (b:Body {id: $id}) RETURN b.aliases AS a", {"id": PHUC_LA_GROUP})[0]["a"]

    assert "Tổ công tác giúp việc" not in aliases() and "Tổ giúp việc" in aliases()
    _reload(loaded)
    assert "Tổ công tác giúp việc" not in aliases()
    assert alias.id not in {j.id for j in candidates(loaded)} or find_judgement(loaded, alias.id).verdict == "negative"


def test_a_missed_merge_joined_and_the_retired_id_resolving(loaded):
    names_before = loaded.query("MATCH (b:Body {id: $id}) RETURN b.aliases AS a", {"id": CITY_06})[0]["a"]
    j = join(loaded, CITY_06, CITY_06_LONG)
    assert j.verdict == "positive" and j.ids == (CITY_06, CITY_06_LONG) and j.by == "analyst"
    before = {r["t"] for r in loaded.query(
        "MATCH (w)-[e:REPORTS_TO]->(t) WHERE t.id IN $ids RETURN t.id AS t", {"ids": [CITY_06, CITY_06_LONG]})}
    assert before == {CITY_06, CITY_06_LONG}
    _reload(loaded)
    # the retired node is gone; its relations and names moved to the survivor, which lists it
    assert not loaded.query("MATCH (b:Body {id: $id}) RETURN b.id AS id", {"id": CITY_06_LONG})
    survivor = loaded.query("MATCH (b:Body {id: $id}) RETURN b.replacedIds AS r, b.aliases AS a", {"id": CITY_06})[0]
    assert survivor["r"] == [CITY_06_LONG]
    assert any(a.startswith("Tổ Công tác về triển khai Đề án 06") for a in survivor["a"])
    # the retired id resolves: in the graph lookup, the CLI/API entity resolution and the body page
    assert canonical_id(loaded, CITY_06_LONG) == CITY_06
    assert resolve_entity(loaded, CITY_06_LONG)["id"] == CITY_06
    assert body_view(loaded, CITY_06_LONG)["body"]["id"] == CITY_06
    assert search(loaded, CITY_06_LONG)[0]["id"] == CITY_06
    with pytest.raises(NotFound):
        resolve_entity(loaded, "body:never-was~0000000000")
    # joining the same entity again is refused
    with pytest.raises(GovkgError, match="one entity already"):
        join(loaded, CITY_06, CITY_06_LONG)
    # both exports are valid and carry the retired id
    doc = to_popolo(loaded)
    assert check_references(doc) == []
    org = next(o for o in doc["organizations"] if o["id"] == CITY_06)
    assert {"scheme": REPLACED_SCHEME, "identifier": CITY_06_LONG} in org["identifiers"]
    assert not any(o["id"] == CITY_06_LONG for o in doc["organizations"])
    entities = {e["id"]: e for e in to_ftm(loaded)}
    assert entities[ftm_id(CITY_06)]["referents"] == [ftm_id(CITY_06_LONG)]
    followthemoney = pytest.importorskip("followthemoney")
    for data in entities.values():
        proxy = followthemoney.model.get_proxy({k: data[k] for k in ("id", "schema", "properties")}, cleaned=False)
        assert all(len(proxy.get(p)) == len(v) for p, v in data["properties"].items())
    # undoing the join brings the second group back
    decide(loaded, j.id, "negative")
    _reload(loaded)
    assert canonical_id(loaded, CITY_06_LONG) == CITY_06_LONG
    after = loaded.query("MATCH (b:Body {id: $id}) RETURN b.replacedIds AS r, b.aliases AS a", {"id": CITY_06})[0]
    assert after == {"r": None, "a": names_before}


def test_bad_decisions_are_refused(loaded, tmp_path):
    with pytest.raises(NotFound, match="merges list"):
        decide(loaded, "merge-0000000000", "negative")
    with pytest.raises(NotFound):
        join(loaded, CITY_06, "body:never-was~0000000000")
    # a working group and a People's Committee are not one entity, whatever an analyst types
    with pytest.raises(GovkgError, match="cannot be one entity"):
        join(loaded, CITY_06, "body:peoplescommittee-uy-ban-nhan-dan-phuong-phuc-la~0d1c2c4c74")
    assert not judgements_path(tmp_path).exists()  # nothing refused was written
