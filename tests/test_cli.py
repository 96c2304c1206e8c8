"""The govkg command line, run as a real subprocess."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "data" / "charters" / "000_5614ed0167487373.txt"


def govkg(*args: str, home: Path | None = None, **kw) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONIOENCODING": "utf-8", "COLUMNS": "200"}
    if home is not None:
        env["GOVKG_HOME"] = str(home)
    env.pop("NEO4J_URI", None)
    return subprocess.run(
        [sys.executable, "-m", "govkg.cli", *args], capture_output=True, text=True, env=env, cwd=ROOT, timeout=300, **kw
    )


def test_parse_prints_the_tree():
    r = govkg("parse", str(SEED))
    assert r.returncode == 0, r.stderr
    assert "03/QĐ-BCĐ" in r.stdout and "Quy chế" in r.stdout


def test_parse_json():
    r = govkg("parse", str(SEED), "--json")
    data = json.loads(r.stdout)
    assert [p["slug"] for p in data["parts"]] == ["quyet-dinh", "quy-che"]
    assert data["parts"][0]["header"]["number"] == "03/QĐ-BCĐ"


def test_rules_lists_every_registered_rule():
    from govkg.loaders.extract.registry import REGISTRY

    r = govkg("rules", "--json")
    assert r.returncode == 0, r.stderr
    rows = json.loads(r.stdout)
    assert [row["id"] for row in rows] == REGISTRY.ids()
    delegation = next(row for row in rows if row["id"] == "delegation.uy_quyen_cho")
    assert delegation["family"] == "delegation" and delegation["types"] == ["DELEGATES_TO"]
    assert all(row["description"] and row["example"] for row in rows)
    table = govkg("rules")
    assert table.returncode == 0 and "reports.bao_cao" in table.stdout


@pytest.mark.parametrize("content", ["", "just some words, no articles at all\n", "\x00\x01\x02binary"])
def test_bad_input_exits_2_and_names_the_file(tmp_path, content):
    bad = tmp_path / "bad.txt"
    bad.write_bytes(content.encode("utf-8"))
    r = govkg("parse", str(bad))
    assert r.returncode == 2
    assert "bad.txt" in r.stderr


def test_extract_node_link_resolves_charters_together():
    r = govkg("extract", str(ROOT / "data" / "charters" / "000_5614ed0167487373.txt"),
              str(ROOT / "data" / "charters" / "003_c5d495fa5d9e6f4c.txt"), "-f", "node-link")
    assert r.returncode == 0, r.stderr
    data = json.loads(r.stdout)
    assert {"nodes", "links"} <= set(data)
    haiphong = [n for n in data["nodes"] if "SteeringCommittee" in n["labels"] and n.get("locality") == "thành phố Hải Phòng"]
    assert len(haiphong) == 1
    assert all({"source", "target", "type"} <= set(link) for link in data["links"])


def test_eval_reports_the_contract_bar():
    r = govkg("eval", "--json")
    assert r.returncode == 0, r.stderr
    rows = {row["type"]: row for row in json.loads(r.stdout)["relations"]}
    assert rows["TOTAL"]["recall"] >= 0.95 and rows["TOTAL"]["precision"] >= 0.9


def test_load_then_chain(tmp_path):
    r = govkg("load", str(ROOT / "data" / "charters"), home=tmp_path)
    assert r.returncode == 0, r.stderr + r.stdout
    r = govkg("chain", "Tổ Công tác về Phát triển Đô thị thông minh", "--in", "Hải Dương", "--json", home=tmp_path)
    assert r.returncode == 0, r.stderr
    hops = json.loads(r.stdout)
    assert hops[0]["type"] == "REPORTS_TO"
    assert hops[-1]["to"]["level"] == "national"


def test_ambiguous_chain_lists_candidates_and_exits_2(tmp_path):
    assert govkg("load", str(ROOT / "data" / "charters"), home=tmp_path).returncode == 0
    r = govkg("chain", "Tổ Công tác về Phát triển Đô thị thông minh", home=tmp_path)
    assert r.returncode == 2
    assert "Hải An" in r.stderr and "Hải Dương" in r.stderr


def test_export_popolo_and_followthemoney(tmp_path):
    home = tmp_path / "home"
    assert govkg("load", str(ROOT / "data" / "charters"), "--no-validate", home=home).returncode == 0
    r = govkg("export", "-f", "popolo", home=home)
    assert r.returncode == 0, r.stderr
    doc = json.loads(r.stdout)
    assert {"persons", "organizations", "posts", "memberships"} == set(doc) and doc["organizations"]
    out = tmp_path / "ftm.jsonl"
    assert govkg("export", "-f", "ftm", "-o", str(out), home=home).returncode == 0
    schemas = {json.loads(line)["schema"] for line in out.read_text(encoding="utf-8").splitlines()}
    assert {"PublicBody", "Position", "Occupancy", "Membership", "Person"} <= schemas
    r = govkg("export", "-f", "ftm-statements", home=home)
    assert r.returncode == 0 and r.stdout.startswith("id,entity_id,canonical_id,prop,")
    assert govkg("export", "-f", "popolo-xml", home=home).returncode == 2
