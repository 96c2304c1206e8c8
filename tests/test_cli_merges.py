"""``govkg merges``, run as a real subprocess over a home loaded with the sample charters."""

from __future__ import annotations

import json

import pytest
from test_cli import ROOT, govkg

CHARTERS = str(ROOT / "data" / "charters")
HAI_AN = "charter:kien-toan-ban-chi-dao-cua-phuong-hai-an-f52c5447~d639f0dc76"
DOC_269 = "doc:269-2025-cp~e19628684f"
CITY_06 = "body:workinggroup-to-cong-tac-de-an-06-cua-thanh-pho~4da66c2bf8"
CITY_06_LONG = "body:workinggroup-to-cong-tac-ve-trien-khai-de-an-06~e379f8e2bb"


@pytest.fixture(scope="module")
def home(tmp_path_factory):
    home = tmp_path_factory.mktemp("merges-home")
    r = govkg("load", CHARTERS, "--no-validate", home=home)
    assert r.returncode == 0, r.stderr
    return home


def _json(r):
    assert r.returncode == 0, r.stderr
    return json.loads(r.stdout)


def test_list_show_and_candidates(home):
    listed = _json(govkg("merges", "list", "--json", home=home))
    doc = [j for j in listed if j["ids"] == [DOC_269]]
    assert {j["charter"] for j in doc} == {HAI_AN, "charter:03-qd-bcd-d99e2719269c59cf~c135b976ab"}
    mine = _json(govkg("merges", "list", "--json", "--charter", HAI_AN, home=home))
    assert 0 < len(mine) < len(listed)
    r = govkg("merges", "show", doc[0]["id"], home=home)
    assert r.returncode == 0 and "resolve.document_number" in r.stdout and "269/2025/" in r.stdout
    shown = _json(govkg("merges", "show", doc[0]["id"], "--json", home=home))
    assert shown["id"] == doc[0]["id"] and shown["evidence"]
    cands = _json(govkg("merges", "candidates", "--json", home=home))
    assert cands and all(c["verdict"] == "unsure" for c in cands)
    assert any(j.get("alias") == "Tổ công tác giúp việc" for j in listed if j["kind"] == "alias")
    table = govkg("merges", "list", home=home)
    assert table.returncode == 0 and "merges (" in table.stdout


def test_split_join_and_unsure_with_reload(home):
    [merge] = [j for j in _json(govkg("merges", "list", "--json", home=home)) if j["ids"] == [DOC_269] and j["charter"] == HAI_AN]
    r = govkg("merges", "split", merge["id"], "--reload", CHARTERS, home=home)
    assert r.returncode == 0, r.stderr
    assert "reloaded 2 charter(s), 3 unchanged" in r.stdout
    line = json.loads((home / "judgements.jsonl").read_text(encoding="utf-8").splitlines()[0])
    assert line["id"] == merge["id"] and line["verdict"] == "negative" and line["by"] == "analyst"
    r = govkg("merges", "join", CITY_06, CITY_06_LONG, "--reload", CHARTERS, home=home)
    assert r.returncode == 0, r.stderr
    rows = _json(govkg("query", "--cypher", "MATCH (b:Body) WHERE $id IN b.replacedIds RETURN b.id AS id",
                       "--param", f"id={CITY_06_LONG}", home=home))
    assert [row["id"] for row in rows] == [CITY_06]
    # the judgements travel with the export
    popolo = _json(govkg("export", "-f", "popolo", home=home))
    org = next(o for o in popolo["organizations"] if o["id"] == CITY_06)
    assert {"scheme": "govkg-replaced", "identifier": CITY_06_LONG} in org["identifiers"]
    r = govkg("export", "-f", "judgements", home=home)
    assert r.returncode == 0, r.stderr
    exported = [json.loads(line) for line in r.stdout.splitlines() if line]
    assert [j["id"] for j in exported] == sorted(j["id"] for j in exported)
    analysts = {j["id"]: j for j in exported if j["by"] == "analyst"}
    on_file = {json.loads(line)["id"]: json.loads(line) for line in (home / "judgements.jsonl").read_text(encoding="utf-8").splitlines()}
    assert analysts == on_file and len(analysts) == 2
    # without --reload the decision is recorded and waits for the next load
    r = govkg("merges", "unsure", CITY_06, "body:agency-cong-an-2025-commune-11413~cd362b6992", home=home)
    assert r.returncode == 0 and "unsure" in r.stdout
    assert len((home / "judgements.jsonl").read_text(encoding="utf-8").splitlines()) == 3


def test_bad_ids_exit_2_with_one_line(home):
    r = govkg("merges", "split", "merge-0000000000", home=home)
    assert r.returncode == 2 and "merge-0000000000" in r.stderr and "Traceback" not in r.stderr
    r = govkg("merges", "join", CITY_06, CITY_06, home=home)
    assert r.returncode == 2 and "one entity already" in r.stderr
