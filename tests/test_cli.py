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
    # the chair comes with the chain itself (graph.named_queries.chain), as on /chains
    [chair] = [h["chair"] for h in hops if h.get("chair")]
    [holder] = chair["heldExOfficioBy"]
    assert holder.startswith("Chủ tịch Ủy ban nhân dân phường") and "Hải Dương" in holder


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
# --------------------------------------------------------------------------- export of a loaded store
@pytest.fixture(scope="module")
def loaded_home(tmp_path_factory) -> Path:
    from servers import sample_home

    return sample_home(tmp_path_factory.getbasetemp(), "cli-export-home")


@pytest.mark.parametrize("fmt", ["ttl", "nt", "jsonld", "node-link", "graphml", "csv"])
def test_every_export_format_from_a_loaded_store(loaded_home, tmp_path, fmt):
    import networkx as nx
    import rdflib

    out = tmp_path / "out"
    out.mkdir()
    # a folder as -o: the file lands inside it, named after the format
    r = govkg("export", "-f", fmt, "-o", str(out), home=loaded_home)
    assert r.returncode == 0, r.stderr
    written = [p for p in out.rglob("*") if p.is_file()]
    assert written, r.stderr
    if fmt in ("ttl", "nt", "jsonld"):
        g = rdflib.Graph().parse(written[0], format={"ttl": "turtle", "nt": "nt", "jsonld": "json-ld"}[fmt])
        charters = set(g.subjects(rdflib.RDF.type, rdflib.URIRef("https://govkg.org/ontology#Charter")))
        assert len(g) > 10_000 and len(charters) >= 5
        assert "nameFolded" not in written[0].read_text(encoding="utf-8")
    elif fmt == "node-link":
        data = json.loads(written[0].read_text(encoding="utf-8"))
        assert len(data["nodes"]) > 500
    elif fmt == "graphml":
        assert nx.read_graphml(written[0]).number_of_nodes() > 500
    else:
        assert {p.name for p in written} >= {"nodes.csv", "edges.csv"}


# --------------------------------------------------------------------------- load: bad bytes, warnings, folders
def test_load_refuses_damaged_utf8_naming_the_offset_unless_lenient(tmp_path):
    good = SEED.read_bytes()
    cut = good.index(b"\n", len(good) // 2) + 1
    bad = tmp_path / "damaged.txt"
    bad.write_bytes(good[:cut] + b"\xff\xfe\x80" * 3 + good[cut:])  # nine bad bytes in the middle
    home = tmp_path / "home"
    r = govkg("load", "--no-validate", str(bad), home=home)
    assert r.returncode == 2
    assert f"invalid UTF-8 at byte offset {cut}" in r.stderr and "damaged.txt" in r.stderr
    assert "Traceback" not in r.stderr
    r = govkg("load", "--no-validate", "--lenient-decoding", "--warnings", str(bad), home=home)
    assert r.returncode == 0, r.stderr
    assert f"first at byte offset {cut}, read as U+FFFD" in r.stdout


def test_load_lists_warnings_and_reports_skipped_files_and_empty_folders(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "page.html").write_text("<html></html>", encoding="utf-8")
    r = govkg("load", str(folder), home=tmp_path / "home")
    assert r.returncode == 2
    assert "skipped 1 file(s)" in r.stderr and "page.html" in r.stderr
    assert "no charter files" in r.stderr
    text = SEED.read_text(encoding="utf-8")
    (folder / "cut.txt").write_text(text[: len(text) * 6 // 10], encoding="utf-8")  # stops short: warnings
    r = govkg("load", str(folder), home=tmp_path / "home")
    assert r.returncode == 0, r.stderr
    assert "skipped 1 file(s)" in r.stderr and "--warnings" in r.stderr
    r = govkg("load", "--warnings", str(folder), home=tmp_path / "home")
    assert "cut.txt: warning:" in r.stdout and "partial text" in r.stdout  # listed one by one


# --------------------------------------------------------------------------- arguments and errors (issue 16 §5)
@pytest.mark.parametrize(
    ("args", "said"),
    [
        (("chain", "Tổ Giúp việc", "--as-of", "2026-13-45"), "not a calendar date"),
        (("chain", "Tổ Giúp việc", "--as-of", "2026-02-30"), "not a calendar date"),
        (("query", "--cypher", "RETURN 1 AS x", "--sparql", "ASK { ?s ?p ?o }"), "not both"),
        (("query", "--cypher", "RETURN $id AS x", "--param", "id"), "'id' is not k=v"),
        (("query", "--cypher", "RETURN 1 AS x", "--limit", "-5"), "greater than or equal to 1"),
        (("compare", "a", "b", "--against-parent"), "give only A"),
    ],
    ids=["as-of-month-13", "as-of-feb-30", "cypher-and-sparql", "param-without-equals", "negative-limit", "against-parent-with-b"],
)
def test_bad_arguments_are_refused_with_exit_2(loaded_home, args, said):
    r = govkg(*args, home=loaded_home)
    assert r.returncode == 2
    assert said in " ".join((r.stdout + r.stderr).split())


def test_the_row_cap_is_said_on_stderr(loaded_home):
    r = govkg("query", "--cypher", "UNWIND range(1, 20) AS x RETURN x", "--limit", "3", home=loaded_home)
    assert r.returncode == 0
    assert len(json.loads(r.stdout)) == 3
    assert "truncated: the first 3 rows" in r.stderr


def test_eval_without_gold_files_is_an_error(tmp_path):
    r = govkg("eval", "--gold-dir", str(tmp_path / "nowhere"))
    assert r.returncode == 2 and "no gold files" in r.stderr


def test_ambiguous_names_say_in_and_show_whole_ids_as_text_or_json(loaded_home):
    r = govkg("chain", "Tổ Giúp việc", home=loaded_home)
    assert r.returncode == 2
    assert "--in" in r.stderr and "in_" not in r.stderr
    ids = [line.split()[0] for line in r.stderr.splitlines() if line.startswith("  ")]
    assert len(ids) >= 2 and all("~" in i and len(i.split("~")[1]) == 10 for i in ids), r.stderr
    r = govkg("chain", "Tổ Giúp việc", "--json", home=loaded_home)
    assert r.returncode == 2
    answer = json.loads(r.stdout)
    assert answer["kind"] == "Ambiguous" and sorted(c["id"] for c in answer["candidates"]) == sorted(ids)


def test_nothing_found_names_the_store_and_says_when_it_is_empty(tmp_path, loaded_home):
    r = govkg("chain", "không có gì như vậy", home=loaded_home)
    assert r.returncode == 2 and str(loaded_home / "graph.grafeo") in r.stderr
    r = govkg("chain", "Tổ Giúp việc", home=tmp_path / "elsewhere")
    assert r.returncode == 2
    assert "no store here" in r.stderr and "empty" in r.stderr and str(tmp_path / "elsewhere") in r.stderr
    assert not (tmp_path / "elsewhere").exists()  # reading made no store


@pytest.mark.parametrize("command", ["chain", "compare", "run", "load", "query", "export", "audit", "eval", "viz"])
def test_help_shows_no_value_for_flags_and_a_help_text_for_every_option(command):
    r = govkg(command, "--help")
    assert r.returncode == 0
    assert "<bool>" not in r.stdout
    options = r.stdout.split("Options:", 1)[1]
    for line in options.splitlines():
        # an option line whose text column is empty has no help text (continuations are indented further)
        if line.startswith("  -"):
            assert len(line.split("  ")) > 2 or line.rstrip().endswith(("]",)), f"{command}: no help for {line.strip()!r}"
