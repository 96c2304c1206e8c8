"""Graph pages: offline assets, escaping of untrusted text, node counts, and ``govkg viz`` files.

The pages are fetched from a real uvicorn server (httpx); the page builders are also run
in-process against the embedded store they read; ``govkg viz`` runs as a subprocess.
Browser rendering is in ``test_api_browser.py``.
"""

from __future__ import annotations

import base64
import hashlib
import html
import itertools
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from servers import XSS_COMMITTEE, XSS_IMG, XSS_SCRIPT, LiveServer, sample_home

from govkg.config import Settings
from govkg.graph.store import open_store
from govkg.graph.viz import OVERVIEW_MAX, STATIC_DIR, overview_graph, render_page, script_json
from govkg.ontology.vocab import Label, Level

HD_COMMITTEE = "committee:2025/commune/10525"
SMART_GROUP = "Tổ Công tác về Phát triển Đô thị thông minh"
DATA_BLOCK = re.compile(r'<script type="application/json" id="govkg-data">(.*?)</script>', re.S)

pytestmark = pytest.mark.timeout(600)


@pytest.fixture(scope="module")
def home(tmp_path_factory):
    return sample_home(tmp_path_factory.getbasetemp(), "viz")


@pytest.fixture(scope="module")
def server(home):
    env = {"GOVKG_HOME": str(home), "GOVKG_API_TOKEN": None, "NEO4J_URI": None, "GOVKG_CONFIG": None}
    with LiveServer(env) as live:
        yield live


def page_data(page: str) -> dict:
    match = DATA_BLOCK.search(page)
    assert match, "no data block"
    return json.loads(match.group(1))


# --------------------------------------------------------------------------- escaping
def test_script_json_cannot_close_its_block():
    hostile = {"a": "</script><script>alert(1)</script>", "b": "<!-- x -->", "c": "a & b > c", "d": "\u2028\u2029"}
    text = script_json(hostile)
    for raw in ("<", ">", "&", "\u2028", "\u2029"):
        assert raw not in text
    assert json.loads(text) == hostile


def test_xss_committee_page_is_inert(client):
    page = client.get(f"/viz/committees/{XSS_COMMITTEE}").text
    for payload in (XSS_IMG, XSS_SCRIPT, "<svg onload", "<iframe", "<b>Thử</b>", "\u2028", "\u2029"):
        assert payload not in page
    # as text in the HTML (title, links) ...
    assert html.escape(XSS_IMG) in page
    # ... and as data the page script reads, unchanged
    data = page_data(page)
    labels = {n["label"] for n in data["nodes"]}
    assert XSS_IMG in labels and XSS_SCRIPT in labels
    tips = json.dumps([n["tip"] for n in data["nodes"]] + [e["tip"] for e in data["edges"]], ensure_ascii=False)
    assert "<img src=y onerror=alert(5)>" in tips  # a quote, in an edge tooltip
    # exactly two scripts run: the vendored vis-network and govkg's own, both from this server
    assert re.findall(r"<script[^>]*src=\"([^\"]+)\"", page) == ["/static/vis-network.min.js", "/static/govkg-viz.js"]


def test_render_page_escapes_every_text():
    from govkg.graph.viz import VizGraph

    g = VizGraph(XSS_IMG, XSS_SCRIPT, [{"id": "x", "label": XSS_IMG, "kind": XSS_SCRIPT, "tip": [["q", XSS_IMG]]}], [], {},
                 links=[("/viz?x=\"><script>", XSS_IMG)], notes=[XSS_SCRIPT])
    for standalone in (False, True):
        page = render_page(g, standalone=standalone)
        assert XSS_IMG not in page and "<script>alert" not in page and '"><script>' not in page


# --------------------------------------------------------------------------- offline
def test_pages_load_nothing_from_elsewhere(client):
    for path in ("/viz", f"/viz/committees/{HD_COMMITTEE}", "/viz/chains?from=committee:2025/commune/10525"):
        r = client.get(path)
        assert r.status_code == 200 and r.headers["content-type"].startswith("text/html")
        refs = re.findall(r'(?:src|href)="([^"]+)"', r.text)
        assert refs and all(ref.startswith("/") and not ref.startswith("//") for ref in refs), refs
        for cdn in ("cdn", "unpkg", "jsdelivr", "cloudflare", "googleapis"):
            assert cdn not in r.text.lower()
        csp = r.headers["content-security-policy"]
        assert "http" not in csp and "script-src 'self'" in csp
        for asset in (ref for ref in refs if ref.startswith("/static/")):
            assert client.get(asset).status_code == 200


def test_vendored_vis_network_is_the_pyvis_copy_and_licensed():
    import pyvis

    vendored = Path(pyvis.__file__).parent / "templates" / "lib" / "vis-9.1.2"
    notice = (STATIC_DIR / "THIRD_PARTY.txt").read_text(encoding="utf-8")
    for name in ("vis-network.min.js", "vis-network.css"):
        ours = (STATIC_DIR / name).read_bytes()
        assert ours == (vendored / name).read_bytes()
        assert hashlib.sha256(ours).hexdigest() in notice
    header = (STATIC_DIR / "vis-network.min.js").read_text(encoding="utf-8")[:1200]
    assert "Apache 2.0" in header and "MIT" in header and "@version 9.1.2" in header


# --------------------------------------------------------------------------- node counts
def test_committee_page_nodes_match_the_api(client):
    body = client.get(f"/bodies/{HD_COMMITTEE}").json()
    chain = client.get("/chains", params={"from": HD_COMMITTEE}).json()["hops"]
    expected = {HD_COMMITTEE}
    expected |= {h["to"]["id"] for h in chain}
    for item in body["posts"]:
        expected.add(item["post"]["id"])
        for holder in item["exOfficio"]:
            expected.add(holder["id"])
            expected |= {p["id"] for p in holder.get("persons", [])}
        expected |= {p["id"] for p in item["persons"]}
    for group in body["groups"]:
        expected.add(group["id"])
        expected |= {p["id"] for p in group["posts"]}
    expected |= {a["id"] for a in body["standingAgency"]}
    page = client.get(f"/viz/committees/{HD_COMMITTEE}").text
    data = page_data(page)
    assert {n["id"] for n in data["nodes"]} == expected
    assert f'<span id="node-count">{len(expected)}</span>' in page
    kinds = {n["kind"] for n in data["nodes"]}
    assert {Label.SteeringCommittee, Label.WorkingGroup, Label.Post, Label.Agency} <= kinds
    # hierarchical levels: the chain above, the committee, then its members
    level = {n["id"]: n["level"] for n in data["nodes"]}
    assert all(level[h["to"]["id"]] < level[HD_COMMITTEE] for h in chain)
    assert all(level[g["id"]] == level[HD_COMMITTEE] + 1 for g in body["groups"])
    # every edge is labelled with its relation and carries its clause in the tooltip
    assert all(e["label"] and e["tip"][0][0] == "relation" for e in data["edges"])
    assert data["options"]["physics"]["enabled"] is False
    assert data["options"]["layout"]["hierarchical"]["enabled"] is True


def test_chain_page_nodes_match_the_api(client):
    params = {"from": SMART_GROUP, "in": "Hải Dương"}
    hops = client.get("/chains", params=params).json()["hops"]
    page = client.get("/viz/chains", params=params)
    assert page.status_code == 200
    data = page_data(page.text)
    assert len(data["nodes"]) == len(hops) + 1 and len(data["edges"]) == len(hops)
    assert [e["label"] for e in data["edges"]] == [h["type"] for h in hops]
    # ambiguous and unknown names answer as the JSON resources do
    assert client.get("/viz/chains", params={"from": SMART_GROUP}).status_code == 409
    assert client.get("/viz/committees/committee:nope").status_code == 404


def test_overview_nodes_match_the_committees(client):
    total = client.get("/committees").json()["total"]
    data = page_data(client.get("/viz").text)
    assert len(data["nodes"]) == total <= OVERVIEW_MAX
    by_level = page_data(client.get("/viz", params={"level": "commune"}).text)
    communes = client.get("/committees", params={"level": "commune"}).json()["items"]
    assert {n["id"] for n in by_level["nodes"]} == {c["id"] for c in communes}
    assert all(n["url"].startswith("/viz/committees/") for n in data["nodes"])


def test_overview_of_a_large_graph_shows_levels_and_counts(home):
    with open_store(Settings(home=home), read_only=True) as store:
        graph = overview_graph(store, max_nodes=3)
        committees = store.query(f"MATCH (c:{Label.SteeringCommittee}) RETURN c.level AS level")
    counts = {}
    for r in committees:
        counts[r["level"]] = counts.get(r["level"], 0) + 1
    assert [n["id"] for n in graph.nodes] == [f"level:{lv.value}" for lv in Level if counts.get(lv.value)]
    assert all(n["url"] == f"/viz?level={n['id'].split(':')[1]}" for n in graph.nodes)
    assert any(str(counts[Level.commune.value]) in n["label"] for n in graph.nodes)
    assert any("too many" in note for note in graph.notes)


# --------------------------------------------------------------------------- govkg viz
def _govkg(*args: str, home: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "GOVKG_HOME": str(home)}
    env.pop("NEO4J_URI", None)
    return subprocess.run([sys.executable, "-m", "govkg.cli", *args], env=env, capture_output=True, text=True, timeout=300)


def test_govkg_viz_writes_a_self_contained_page(home, tmp_path):
    out = tmp_path / "page.html"
    done = _govkg("viz", "--committee", XSS_COMMITTEE, "-o", str(out), home=home)
    assert done.returncode == 0, done.stderr
    page = out.read_text(encoding="utf-8")
    assert not re.search(r'<(?:script|link|img)[^>]+(?:src|href)=', page), "nothing is loaded from elsewhere"
    assert "vis-network" in page and "Content-Security-Policy" in page
    assert XSS_IMG not in page and html.escape(XSS_IMG) in page
    # the CSP allows exactly the inline blocks, by hash
    csp = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', page).group(1)
    for block in re.findall(r"<script>(.*?)</script>", page, re.S):
        digest = base64.b64encode(hashlib.sha256(block.encode("utf-8")).digest()).decode()
        assert f"sha256-{digest}" in csp
    chain = tmp_path / "chain.html"
    done = _govkg("viz", "--chain", SMART_GROUP, "--in", "Hải Dương", "-o", str(chain), home=home)
    assert done.returncode == 0, done.stderr
    assert page_data(chain.read_text(encoding="utf-8"))["edges"]


def test_govkg_viz_reports_ambiguity(home, tmp_path):
    done = _govkg("viz", "--chain", SMART_GROUP, "-o", str(tmp_path / "x.html"), home=home)
    assert done.returncode == 2 and "candidates" in done.stderr
    assert not (tmp_path / "x.html").exists()


def test_big_pages_are_placed_by_the_server(tmp_path_factory):
    """Over BIG_PAGE nodes, positions come with the page (bands by level), and vis' layout is off."""
    from servers import BIG_COMMITTEE, big_committee_facts, xss_facts

    from govkg.graph.viz import BIG_PAGE, committee_graph

    home = sample_home(tmp_path_factory.getbasetemp(), "viz-big", extra=[xss_facts(), big_committee_facts()])
    with open_store(Settings(home=home), read_only=True) as store:
        graph = committee_graph(store, BIG_COMMITTEE)
    assert len(graph.nodes) == 1000 > BIG_PAGE
    assert graph.options["layout"]["hierarchical"]["enabled"] is False
    assert graph.options["physics"]["enabled"] is False
    by_level: dict[int, list[float]] = {}
    for n in graph.nodes:
        by_level.setdefault(n["level"], []).append(n["y"])
    levels = sorted(by_level)
    for upper, lower in itertools.pairwise(levels):
        assert max(by_level[upper]) < min(by_level[lower])  # every band below the one above
    assert len({(n["x"], n["y"]) for n in graph.nodes}) == 1000  # no two nodes on one spot
    # small pages keep vis' hierarchical layout
    with open_store(Settings(home=home), read_only=True) as store:
        small = committee_graph(store, HD_COMMITTEE)
    assert small.options["layout"]["hierarchical"]["enabled"] is True and "x" not in small.nodes[0]


# --------------------------------------------------------------------------- the whole hierarchy
def test_hierarchy_page_over_http_and_from_the_command_line(client, home, tmp_path):
    committees = client.get("/committees", params={"limit": 1000}).json()
    r = client.get("/viz/hierarchy")
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/html")
    data = page_data(r.text)
    ids = {n["id"] for n in data["nodes"]}
    assert {c["id"] for c in committees["items"]} <= ids  # every committee loaded
    # collapsed below the provinces: Hải Dương hangs under the Hải Phòng committee, hidden
    hd = next(n for n in data["nodes"] if n["id"] == HD_COMMITTEE)
    assert hd["hidden"] is True and hd["anchor"] == "committee:2025/province/31"
    assert "committee:2025/province/31" in data["hierarchy"]["anchors"]
    summary = next(n for n in data["nodes"] if n["id"] == "collapsed:committee:2025/province/31")
    assert not summary.get("hidden") and summary["anchorOf"] == "committee:2025/province/31"
    # its working groups come with it; its standing agency is on the hover card
    assert any(n.get("anchor") == hd["anchor"] and n["kind"] == "SupportGroup" for n in data["nodes"])
    assert dict(map(tuple, hd["tip"]))["standing agency"].startswith("Công an phường")
    # physics off, positions given, fill by level and border by programme
    assert data["options"]["physics"]["enabled"] is False
    assert all("x" in n and "y" in n for n in data["nodes"])
    assert hd["color"]["background"] != next(n for n in data["nodes"] if n["id"] == "committee:2025/province/24")["color"]["background"]
    assert 'id="govkg-search-input"' in r.text
    out = tmp_path / "hierarchy.html"
    done = _govkg("viz", "--hierarchy", "-o", str(out), home=home)
    assert done.returncode == 0, done.stderr
    assert {n["id"] for n in page_data(out.read_text(encoding="utf-8"))["nodes"]} == ids
    both = _govkg("viz", "--hierarchy", "--committee", HD_COMMITTEE, "-o", str(tmp_path / "x.html"), home=home)
    assert both.returncode == 2
