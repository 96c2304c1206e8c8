"""The HTTP API against a real uvicorn server on 127.0.0.1, with real clients (httpx, SPARQLWrapper, schemathesis).

Servers run in child processes (:class:`servers.LiveServer` (tests/servers.py)) over copies of a
``GOVKG_HOME`` loaded with the five sample charters (plus a hand-built charter whose names
are HTML payloads):

- ``server``: uploads on (``GOVKG_API_TOKEN``), a small upload limit, row cap 500;
- ``restricted``: no token (uploads off), a 1 s query timeout, row cap 5, one CORS origin.
"""

from __future__ import annotations

import io
import itertools
import json
import xml.dom.minidom
from urllib.parse import quote, urlencode

import httpx
import pytest
import rdflib
import schemathesis
from factories import sparql_write_attempts
from hypothesis import HealthCheck, Phase, assume, given, settings
from hypothesis.errors import Unsatisfiable
from schemathesis.checks import not_a_server_error
from servers import LiveServer, sample_charter_files, sample_home
from SPARQLWrapper import CSV, JSON, POST, TURTLE, XML, SPARQLWrapper

from govkg.api.middleware import MAX_REQUEST_HEAD_BYTES
from govkg.config import Settings
from govkg.graph.store import open_store
from govkg.ontology.vocab import Label, Level, Prop, Rel

TOKEN = "test-token-7f3a9c1e"
MAX_UPLOAD = 200_000
SMART_GROUP = "Tổ Công tác về Phát triển Đô thị thông minh"
HD_COMMITTEE = "committee:2025/commune/10525"
NATIONAL = "committee:national"
ALLOWED_ORIGIN = "http://allowed.example"
PROBLEM_KEYS = {"type", "title", "status", "detail", "instance"}

pytestmark = pytest.mark.timeout(600)


def _env(home, **extra):
    # a clean configuration: nothing from the developer's shell leaks into the server
    env = {
        "GOVKG_HOME": str(home),
        "GOVKG_CONFIG": None,
        "NEO4J_URI": None,
        "GOVKG_API_TOKEN": None,
        "GOVKG_CORS_ORIGINS": None,
        "GOVKG_ROW_CAP": None,
        "GOVKG_QUERY_TIMEOUT_S": None,
        "GOVKG_MAX_UPLOAD_BYTES": None,
    }
    env.update(extra)
    return env


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    home = sample_home(tmp_path_factory.getbasetemp(), "api-main")
    env = _env(home, GOVKG_API_TOKEN=TOKEN, GOVKG_MAX_UPLOAD_BYTES=str(MAX_UPLOAD), GOVKG_ROW_CAP="500")
    with LiveServer(env) as live:
        yield live


@pytest.fixture(scope="module")
def restricted(tmp_path_factory):
    home = sample_home(tmp_path_factory.getbasetemp(), "api-restricted")
    env = _env(home, GOVKG_QUERY_TIMEOUT_S="1", GOVKG_ROW_CAP="5", GOVKG_CORS_ORIGINS=ALLOWED_ORIGIN)
    with LiveServer(env) as live:
        yield live


def assert_problem(response: httpx.Response, status: int) -> dict:
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/problem+json")
    body = response.json()
    assert PROBLEM_KEYS <= set(body) and body["status"] == status
    assert body["type"].startswith(("https://govkg.org/problems/", "about:blank"))
    return body


# --------------------------------------------------------------------------- health and resources
def test_health_and_readiness(client):
    assert client.get("/healthz").json() == {"status": "ok"}
    ready = client.get("/readyz").json()
    assert ready == {"status": "ready", "backend": "embedded", "uploads": True}


def test_charters_list_and_one_charter(client):
    charters = client.get("/charters").json()
    numbered = {c.get(Prop.number.value) for c in charters}
    assert len([c for c in charters if c.get(Prop.path.value, "").endswith(".txt")]) == 5
    assert "03/QĐ-BCĐ" in numbered
    hd = next(c for c in charters if c.get(Prop.number.value) == "03/QĐ-BCĐ")
    one = client.get(f"/charters/{hd['id']}").json()
    assert one["charter"]["id"] == hd["id"] and one["charter"][Prop.sha256.value] == hd[Prop.sha256.value]
    assert len(one["provisions"]) > 20 and all(p[Prop.text.value] for p in one["provisions"])
    edges, nodes = one["facts"]["edges"], one["facts"]["nodes"]
    assert edges and all(e[Prop.charter.value] == hd["id"] for e in edges)
    assert not any(e["type"] == Rel.HAS_PROVISION for e in edges)
    node_ids = {n["id"] for n in nodes}
    assert {e["target"] for e in edges if e["type"] == Rel.POST_IN} <= node_ids
    assert HD_COMMITTEE in node_ids
    assert_problem(client.get("/charters/charter:nope"), 404)
    # by number, as `govkg audit --charter` takes it (the slash escaped or not)
    for path in ("/charters/03/QĐ-BCĐ", "/charters/03%2FQĐ-BCĐ"):
        by_number = client.get(path)
        assert by_number.status_code == 200 and by_number.json()["charter"]["id"] == hd["id"]


def test_body_with_posts_groups_agency_and_provenance(client):
    body = client.get(f"/bodies/{HD_COMMITTEE}").json()
    assert body["body"]["id"] == HD_COMMITTEE and Label.SteeringCommittee in body["body"]["labels"]
    roles = {p["post"].get(Prop.role.value) for p in body["posts"]}
    assert {"Chair", "Member"} <= roles
    for post in body["posts"]:
        assert post[Prop.charter.value] and post[Prop.provision.value] and post[Prop.quote.value]
    groups = {g[Prop.name.value]: g for g in body["groups"]}
    smart = next(g for name, g in groups.items() if name.startswith(SMART_GROUP))
    assert smart["relation"] == Rel.PART_OF and smart[Prop.quote.value] and smart[Prop.provision.value]
    assert smart["posts"] and smart["posts"][0][Prop.quote.value]
    agencies = [a[Prop.name.value] for a in body["standingAgency"]]
    assert any(name.startswith("Công an phường") for name in agencies)
    assert body["holders"] and all(h[Prop.quote.value] for h in body["holders"])
    # the committee above it (which one is the extractor's business): a higher level
    assert any(p.get(Prop.level.value) in (Level.province, Level.national) for p in body["partOf"])
    # an inferred parent says so, as the command line does, and shows no empty quote
    inferred = [p for p in body["partOf"] if p.get("inferred")]
    assert inferred and all(p["basis"].startswith("inferred from the gazetteer") and p["quote"] is None for p in inferred)
    assert all(p.get("quote") for p in body["partOf"] if not p.get("inferred"))
    assert_problem(client.get("/bodies/committee:nope"), 404)


def test_committees_by_level_and_locality(client):
    communes = client.get("/committees", params={"level": "commune"}).json()
    assert communes["total"] >= 4 and all(c[Prop.level.value] == Level.commune for c in communes["items"])
    # accent-insensitive locality
    hd = client.get("/committees", params={"locality": "hai duong"}).json()
    assert [c["id"] for c in hd["items"]] == [HD_COMMITTEE]
    national = client.get("/committees", params={"level": "national"}).json()
    assert NATIONAL in [c["id"] for c in national["items"]]
    assert all(c[Prop.level.value] == Level.national for c in national["items"])
    page = client.get("/committees", params={"limit": 2, "offset": 1}).json()
    assert len(page["items"]) == 2 and page["total"] > 2
    assert_problem(client.get("/committees", params={"level": "galaxy"}), 422)


def test_chain_ambiguous_name_is_409_with_candidates(client):
    body = assert_problem(client.get("/chains", params={"from": SMART_GROUP}), 409)
    candidates = body["candidates"]
    assert len(candidates) >= 2
    assert all({"id", "name", "labels", "locality"} <= set(c) for c in candidates)
    assert any("Hải Dương" in (c["locality"] or "") for c in candidates)
    assert any("Hải An" in (c["locality"] or "") for c in candidates)


def test_chain_in_hai_duong(client):
    r = client.get("/chains", params={"from": SMART_GROUP, "in": "Hải Dương"})
    assert r.status_code == 200, r.text
    body = r.json()
    hops = body["hops"]
    assert body["from"][Prop.name.value].startswith(SMART_GROUP) and hops
    assert hops[0]["from"]["id"] == body["from"]["id"]
    for a, b in itertools.pairwise(hops):
        assert a["to"]["id"] == b["from"]["id"]  # ordered, connected
    for hop in hops:
        assert hop["type"] and hop[Prop.provision.value] and hop[Prop.charter.value]
        # a stated hop quotes its clause; an inferred one (e.g. from the locality) may not
        assert hop[Prop.quote.value] or hop[Prop.inferred.value]
    assert hops[-1]["to"][Prop.level.value] == Level.national
    [at_committee] = [h for h in hops if h["to"]["id"] == HD_COMMITTEE]
    # the same chain as `govkg chain`: the committee's chair, held ex officio
    [holder] = at_committee["chair"]["heldExOfficioBy"]
    assert holder.startswith("Chủ tịch Ủy ban nhân dân phường") and "Hải Dương" in holder
    # as_of before the charter was issued: nothing is in force
    early = client.get("/chains", params={"from": SMART_GROUP, "in": "Hải Dương", "as_of": "2000-01-01"}).json()
    assert early["hops"] == []


def test_chain_unknown_and_invalid(client):
    assert_problem(client.get("/chains", params={"from": "Ban không tồn tại xyz"}), 404)
    assert_problem(client.get("/chains", params={"from": SMART_GROUP, "as_of": "yesterday"}), 422)
    assert_problem(client.get("/chains"), 422)


def test_materialised_chains_are_the_computed_answers(tmp_path):
    """The answers the server encodes at start-up for every working group are the bytes a request
    would compute without them, and the server sends them (its start-up materialises them)."""
    from govkg.api.routes.chains import _MATERIALISED, chain_body, materialise_chains
    from govkg.graph.named_queries import warm_chains

    home = sample_home(tmp_path, "materialised")
    with open_store(Settings(home=home), read_only=True) as computed, open_store(Settings(home=home), read_only=True) as kept:
        groups = [r["id"] for r in computed.query("MATCH (g:WorkingGroup) RETURN g.id AS id ORDER BY id")]
        assert groups and materialise_chains(kept) == 0  # nothing without the chain index
        warm_chains(kept)
        assert materialise_chains(kept) == len(groups)
        assert sorted(_MATERIALISED[kept][1]) == groups
        for g in groups:
            assert chain_body(kept, g) == chain_body(computed, g), g
        assert sum(bool(json.loads(chain_body(kept, g))["hops"]) for g in groups) > len(groups) // 2
    with LiveServer(_env(home)) as live, httpx.Client(base_url=live.url) as http:
        for g in groups[:3]:
            with open_store(Settings(home=home), read_only=True) as computed:
                assert http.get("/chains", params={"from": g}).content == chain_body(computed, g)


def test_a_dated_chain_is_kept_once_as_its_encoded_answer(tmp_path):
    """A request's answer is kept encoded, not also as the list of hops it was made from
    (a dated request per working group filled each national worker's memo with both)."""
    from govkg.api.routes.chains import chain_body
    from govkg.graph.named_queries import chain, generation_cache

    home = sample_home(tmp_path, "dated")
    with open_store(Settings(home=home), read_only=True) as store:
        group = store.query("MATCH (g:WorkingGroup) RETURN g.id AS id ORDER BY id LIMIT 1")[0]["id"]
        body = json.loads(chain_body(store, group, as_of="2026-01-01"))
        assert body["hops"] and body["hops"] == chain(store, group, as_of="2026-01-01", remember=False)
        kinds = [key[0] for key in generation_cache(store)]
        assert kinds.count("GET /chains") == 1 and "chain" not in kinds, kinds


def test_materialised_chains_are_not_served_after_a_load(tmp_path):
    from factories import IDS, make_store, seed000, seed000_old

    from govkg.api.routes.chains import chain_body, materialise_chains
    from govkg.graph.named_queries import warm_chains

    grown = make_store("embedded", tmp_path / "grown")
    fresh = make_store("embedded", tmp_path / "fresh")
    try:
        grown.load(seed000_old())
        warm_chains(grown)
        assert materialise_chains(grown) > 0
        before = chain_body(grown, IDS["wg_cds"])
        grown.load(seed000())
        for facts in (seed000_old(), seed000()):
            fresh.load(facts)
        after = chain_body(grown, IDS["wg_cds"])
        assert after == chain_body(fresh, IDS["wg_cds"]) != before  # the newer charter's provenance
    finally:
        grown.close()
        fresh.close()


def test_search_is_accent_insensitive(client):
    results = client.get("/search", params={"q": "cong an phuong"}).json()["results"]
    names = [r[Prop.name.value] for r in results]
    assert "Công an phường Hải Dương" in names
    assert client.get("/search", params={"q": "CÔNG AN PHƯỜNG"}).json()["results"] == results


def test_errors_are_problem_json(client):
    assert_problem(client.get("/no/such/route"), 404)
    r = client.delete("/charters")
    assert_problem(r, 405)
    body = assert_problem(client.get("/search"), 422)
    assert body["errors"][0]["loc"] == ["query", "q"]
    assert_problem(client.post("/query/cypher", content=b"{not json", headers={"Content-Type": "application/json"}), 422)


# --------------------------------------------------------------------------- Cypher
def test_cypher_rows_parameters_and_row_cap(client):
    r = client.post(
        "/query/cypher",
        json={"query": f"MATCH (c:{Label.SteeringCommittee} {{id: $id}}) RETURN c.name AS name, c.level AS level", "parameters": {"id": HD_COMMITTEE}},
    )
    body = r.json()
    assert r.status_code == 200 and body["columns"] == ["name", "level"]
    assert body["rows"] == [{"name": body["rows"][0]["name"], "level": "commune"}] and not body["truncated"]
    answer = client.post("/query/cypher", json={"query": "UNWIND range(1, 2000) AS i RETURN i"})
    capped = answer.json()
    assert len(capped["rows"]) == 500 and capped["truncated"] and capped["row_cap"] == 500
    assert answer.headers["x-govkg-truncated"] == "true"  # as /sparql says it
    assert "x-govkg-truncated" not in r.headers
    assert_problem(client.post("/query/cypher", json={"query": "MATCH (n RETURN n"}), 400)
    assert_problem(client.post("/query/cypher", json={"query": "RETURN 1", "extra": 1}), 422)


def test_cypher_timeout_is_enforced_server_side(restricted):
    with httpx.Client(base_url=restricted.url, timeout=60) as c:
        # a three-way cross product counted as it streams: CPU only, far past any one-second budget
        r = c.post("/query/cypher", json={"query": "MATCH (a), (b), (c) RETURN count(*) AS n"})
        body = assert_problem(r, 503)
        assert "time limit" in body["detail"]
        capped = c.post("/query/cypher", json={"query": "UNWIND range(1, 100) AS i RETURN i"}).json()
        assert len(capped["rows"]) == 5 and capped["truncated"]


WRITES = [
    "CREATE (n:Body {id: 'x'}) RETURN n",
    "MERGE (n:Body {id: 'x'}) RETURN n",
    "MATCH (n) DETACH DELETE n",
    "MATCH (n:Post) DELETE n",
    "MATCH (n:Body) SET n.name = 'pwned' RETURN n",
    "match (n:Body) set n.name = 'pwned' return n",
    "MATCH (n:Body) /* harmless */ REMOVE n.name RETURN n",
    "LOAD CSV FROM 'file:///etc/passwd' AS row RETURN row",
    "CALL dbms.components()",
    "CALL dbms.security.listUsers()",
    "RETURN apoc.version()",
    "CALL apoc.create.node(['Body'], {id: 'x'}) YIELD node RETURN node",
    "MATCH (n) CALL { WITH n SET n.x = 1 } RETURN n",
    "MATCH (n) FOREACH (x IN [1] | SET n.y = 1)",
    "MATCH (n) RETURN n; CREATE (m:Body {id: 'y'})",
]
SPARQL_UPDATES = [
    "INSERT DATA { <https://govkg.org/id/x> <https://govkg.org/ontology#name> \"pwned\" }",
    "DELETE WHERE { ?s ?p ?o }",
    "DELETE { ?s govkg:name ?n } INSERT { ?s govkg:name \"pwned\" } WHERE { ?s govkg:name ?n }",
    "CLEAR ALL",
    "DROP ALL",
    "LOAD <http://example.org/data.ttl>",
]


def test_writes_are_refused_and_nothing_changes(tmp_path_factory):
    """Every write form is a 4xx, and the store's content hash and the SPARQL index are unchanged."""
    home = sample_home(tmp_path_factory.getbasetemp(), "api-readonly")
    settings = Settings(home=home)
    with open_store(settings, read_only=True) as store:
        before = store.content_hash()
    count = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
    # uploads on: the server opens the store writable, so only the guards stand in the way
    with LiveServer(_env(home, GOVKG_API_TOKEN=TOKEN)) as live, httpx.Client(base_url=live.url, timeout=60) as c:
        triples = c.get("/sparql", params={"query": count}).json()["results"]["bindings"][0]["n"]["value"]
        for cypher in WRITES:
            r = c.post("/query/cypher", json={"query": cypher})
            assert 400 <= r.status_code < 500, (cypher, r.status_code, r.text)
            assert r.headers["content-type"].startswith("application/problem+json")
        for update in SPARQL_UPDATES:
            for r in sparql_write_attempts(c, update):
                assert 400 <= r.status_code < 500, (update, r.request.url, r.status_code, r.text)
        assert c.get("/sparql", params={"query": count}).json()["results"]["bindings"][0]["n"]["value"] == triples
    with open_store(settings, read_only=True) as store:
        assert store.content_hash() == before


# --------------------------------------------------------------------------- SPARQL
SELECT = "SELECT ?c ?name WHERE { ?c a govkg:SteeringCommittee ; govkg:level \"commune\" ; govkg:name ?name } ORDER BY ?c"


def _wrapper(server, query, fmt, method=None):
    sw = SPARQLWrapper(server.url + "/sparql")
    sw.setQuery(query)
    sw.setReturnFormat(fmt)
    if method:
        sw.setMethod(method)
    return sw.query()


def test_sparqlwrapper_json_xml_csv(server):
    rows = _wrapper(server, SELECT, JSON).convert()["results"]["bindings"]
    names = [r["name"]["value"] for r in rows]
    assert len(names) >= 4 and any("Hải Dương" in n for n in names)
    posted = _wrapper(server, SELECT, JSON, POST).convert()["results"]["bindings"]
    assert [r["name"]["value"] for r in posted] == names
    doc = _wrapper(server, SELECT, XML).convert()
    assert isinstance(doc, xml.dom.minidom.Document)
    assert len(doc.getElementsByTagName("result")) == len(names)
    table = _wrapper(server, SELECT, CSV).convert().decode("utf-8").splitlines()
    assert table[0].strip() == "c,name" and len(table) == len(names) + 1
    assert _wrapper(server, "ASK { ?c a govkg:SteeringCommittee }", JSON).convert()["boolean"] is True


def test_sparqlwrapper_construct_turtle(server):
    q = f"CONSTRUCT {{ ?c govkg:name ?n }} WHERE {{ ?c govkg:id \"{HD_COMMITTEE}\" ; govkg:name ?n }}"
    result = _wrapper(server, q, TURTLE)
    assert result.response.headers["Content-Type"].startswith("text/turtle")
    g = rdflib.Graph().parse(data=result.convert(), format="turtle")
    assert len(g) == 1 and "Hải Dương" in str(next(iter(g.objects())))


def test_sparql_protocol_forms_and_negotiation(client):
    q = "SELECT (COUNT(?c) AS ?n) WHERE { ?c a govkg:SteeringCommittee }"
    via_get = client.get("/sparql", params={"query": q}, headers={"Accept": "application/sparql-results+json"})
    assert via_get.headers["content-type"].startswith("application/sparql-results+json")
    via_form = client.post("/sparql", data={"query": q}, headers={"Accept": "application/sparql-results+json"})
    via_body = client.post("/sparql", content=q.encode(), headers={"Content-Type": "application/sparql-query"})
    assert via_get.json() == via_form.json() == via_body.json()
    tsv = client.get("/sparql", params={"query": q}, headers={"Accept": "text/tab-separated-values"})
    assert tsv.headers["content-type"].startswith("text/tab-separated-values") and tsv.text.startswith("?n")
    pref = client.get("/sparql", params={"query": q}, headers={"Accept": "text/csv;q=0.4, application/sparql-results+xml;q=0.9"})
    assert pref.headers["content-type"].startswith("application/sparql-results+xml")
    nt = client.get("/sparql", params={"query": "CONSTRUCT WHERE { ?c a govkg:SteeringCommittee }"}, headers={"Accept": "application/n-triples"})
    assert nt.headers["content-type"].startswith("application/n-triples") and nt.text.count("\n") >= 5
    described = client.get("/sparql", params={"query": f"DESCRIBE <https://govkg.org/id/{NATIONAL}>"})
    assert described.headers["content-type"].startswith("text/turtle")  # the default for graphs
    assert len(rdflib.Graph().parse(data=described.text, format="turtle")) > 3
    assert_problem(client.get("/sparql", params={"query": q}, headers={"Accept": "text/html"}), 406)
    assert_problem(client.get("/sparql"), 400)
    assert_problem(client.get("/sparql", params={"query": "SELECT nonsense {"}), 400)
    assert_problem(client.post("/sparql", content=b"x", headers={"Content-Type": "text/plain"}), 415)
    assert_problem(client.get("/sparql", params={"query": "SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }"}), 400)


def test_sparql_row_cap(restricted):
    with httpx.Client(base_url=restricted.url, timeout=60) as c:
        r = c.get("/sparql", params={"query": "SELECT ?s WHERE { ?s ?p ?o } LIMIT 50"})
        assert r.status_code == 200 and r.headers["x-govkg-truncated"] == "true"
        assert len(r.json()["results"]["bindings"]) == 5


# --------------------------------------------------------------------------- uploads
def _files(*items):
    return [("files", (name, io.BytesIO(data), "text/plain")) for name, data in items]


def test_upload_is_off_without_a_token(restricted):
    data = sample_charter_files()[3].read_bytes()
    with httpx.Client(base_url=restricted.url, timeout=60) as c:
        assert_problem(c.post("/charters", files=_files(("a.txt", data))), 403)
        assert_problem(c.post("/charters", files=_files(("a.txt", data)), headers={"Authorization": "Bearer anything"}), 403)


def test_upload_needs_the_right_token(client):
    data = sample_charter_files()[3].read_bytes()
    r = client.post("/charters", files=_files(("a.txt", data)))
    assert_problem(r, 401)
    assert r.headers["www-authenticate"].startswith("Bearer")
    for header in ("Bearer wrong", f"Bearer {TOKEN}x", f"Basic {TOKEN}", "Bearer", TOKEN):
        assert_problem(client.post("/charters", files=_files(("a.txt", data)), headers={"Authorization": header.encode("utf-8")}), 401)


def test_upload_size_limits(client):
    auth = {"Authorization": f"Bearer {TOKEN}".encode()}
    big = b"x" * (MAX_UPLOAD + 100_000)
    body = assert_problem(client.post("/charters", files=_files(("big.txt", big)), headers=auth), 413)
    assert "limit" in body["detail"]
    # no Content-Length: the body streams in chunks and is cut off while it streams
    boundary = "govkgboundary"

    def chunks():
        yield f'--{boundary}\r\nContent-Disposition: form-data; name="files"; filename="big.txt"\r\nContent-Type: text/plain\r\n\r\n'.encode()
        for _ in range(40):
            yield b"y" * 10_000
        yield f"\r\n--{boundary}--\r\n".encode()

    r = client.post("/charters", content=chunks(), headers={**auth, "Content-Type": f"multipart/form-data; boundary={boundary}"})
    assert "content-length" not in {k.lower() for k in r.request.headers}
    assert_problem(r, 413)
    # other endpoints have a body limit too
    assert_problem(client.post("/query/cypher", content=b"{" + b" " * 2_000_000 + b"}", headers={"Content-Type": "application/json"}), 413)


def test_upload_loads_like_govkg_load(client, tmp_path_factory):
    """An upload does what ``govkg load`` does with the same file (parse, extract, SHACL, load)."""
    from govkg.pipeline import load_paths

    path = sample_charter_files()[3]
    copy = sample_home(tmp_path_factory.getbasetemp(), "api-parity")
    with open_store(Settings(home=copy)) as store:
        expected = load_paths(store, [path])[0]
    auth = {"Authorization": f"Bearer {TOKEN}"}
    r = client.post("/charters", files=_files(("../../../etc/" + path.name, path.read_bytes())), headers=auth)
    outcome = (r.json().get("outcomes") or [None])[0]
    assert outcome["status"] == expected.status, (outcome, expected)
    assert (outcome["error"] is None) == (expected.error is None)
    # the client's file name is never a path: only a cleaned last component survives
    assert outcome["path"] == f"upload-0-{path.stem}.txt"
    assert r.status_code == (422 if expected.status == "failed" else 200)


def test_upload_with_script_in_a_body_name_is_stored_as_text(client):
    """A charter whose group is named with a <script> loads; pages show it as inert text."""
    text = sample_charter_files()[3].read_text(encoding="utf-8")
    evil = "Tổ Công tác về Phát triển Đô thị <script>alert(2)</script>"
    text = text.replace(SMART_GROUP, evil)
    auth = {"Authorization": f"Bearer {TOKEN}"}
    # SHACL is not the subject here (see test_upload_loads_like_govkg_load)
    r = client.post("/charters", params={"validate": "false"}, files=_files(("evil.txt", text.encode("utf-8"))), headers=auth)
    assert r.status_code == 200, r.text
    assert r.json()["outcomes"][0]["status"] == "loaded"
    found = [x for x in client.get("/search", params={"q": "script alert"}).json()["results"] if "<script>" in x[Prop.name.value]]
    assert found, "the body name is stored as given"
    body = next(x for x in found if Label.Body in x["labels"])
    committee = next(p for p in client.get(f"/bodies/{body['id']}").json()["partOf"])
    page = client.get(f"/viz/committees/{committee['id']}")
    assert page.status_code == 200 and "<script>alert" not in page.text
    assert "\\u003cscript\\u003ealert" in page.text
    assert page.headers["content-security-policy"].startswith("default-src 'none'; script-src 'self'")


# --------------------------------------------------------------------------- headers, CORS, docs
def test_security_headers(client):
    for path in ("/healthz", "/viz", "/no/such/route"):
        r = client.get(path)
        assert r.headers["x-content-type-options"] == "nosniff"
        assert r.headers["x-frame-options"] == "DENY"
        assert r.headers["referrer-policy"] == "no-referrer"
        csp = r.headers["content-security-policy"]
        assert "default-src 'none'" in csp and "http" not in csp
    page_csp = client.get("/viz").headers["content-security-policy"]
    assert "script-src 'self'" in page_csp and "unsafe-inline" not in page_csp.split("script-src")[1].split(";")[0]


def test_cors_is_strict_by_default(client):
    r = client.get("/charters", headers={"Origin": "http://evil.example"})
    assert r.status_code == 200 and "access-control-allow-origin" not in r.headers
    pre = client.options("/query/cypher", headers={"Origin": "http://evil.example", "Access-Control-Request-Method": "POST"})
    assert 400 <= pre.status_code < 500 and "access-control-allow-origin" not in pre.headers


def test_cors_only_for_configured_origins(restricted):
    with httpx.Client(base_url=restricted.url, timeout=60) as c:
        ok = c.get("/charters", headers={"Origin": ALLOWED_ORIGIN})
        assert ok.headers["access-control-allow-origin"] == ALLOWED_ORIGIN
        other = c.get("/charters", headers={"Origin": "http://evil.example"})
        assert "access-control-allow-origin" not in other.headers
        pre = c.options("/query/cypher", headers={"Origin": ALLOWED_ORIGIN, "Access-Control-Request-Method": "POST"})
        assert pre.status_code == 200 and pre.headers["access-control-allow-origin"] == ALLOWED_ORIGIN


def test_docs_are_self_contained(client):
    for path, assets in (("/docs", ("/static/docs/swagger-ui-bundle.js", "/static/swagger-init.js", "/static/docs/swagger-ui.css")),):
        page = client.get(path)
        assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
        assert "http://" not in page.text and "https://" not in page.text and "//cdn" not in page.text
        for asset in assets:
            assert asset in page.text
            assert client.get(asset).status_code == 200
    spec = client.get("/openapi.json").json()
    assert {"/charters", "/chains", "/sparql", "/query/cypher", "/viz/committees/{committee_id}"} <= set(spec["paths"])
    assert spec["paths"]["/chains"]["get"]["responses"]["409"]["content"]["application/problem+json"]


# --------------------------------------------------------------------------- schemathesis
schemathesis.serializer.alias(["application/sparql-query", "application/sparql-update"], "text/plain")


def test_openapi_no_server_errors(server):
    """Schemathesis-generated requests (valid and invalid) for every operation of the live spec: no 5xx.

    The operations come from the running server's /openapi.json; each gets a bounded number
    of examples. (Schemathesis' lazy pytest loader does not run on pytest 9, so the cases are
    drawn through its Hypothesis strategies here.)
    """
    from schemathesis import GenerationMode

    schema = schemathesis.openapi.from_url(server.url + "/openapi.json")
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 12
    seen: list[tuple[str, int]] = []

    def fuzz(label: str, strategy) -> None:
        @given(case=strategy)
        @settings(
            max_examples=8,
            deadline=None,
            suppress_health_check=list(HealthCheck),
            derandomize=True,
            database=None,
            phases=[Phase.explicit, Phase.generate],  # report, don't spend minutes shrinking
        )
        def check(case):
            # a URL past the HTTP server's request-head limit is refused by uvicorn itself
            # (400 and close, before the app); such cases say nothing about the app
            query = urlencode(case.query or {}, doseq=True)
            assume(len(quote(case.formatted_path)) + len(query) < MAX_REQUEST_HEAD_BYTES - 8192)
            response = case.call(base_url=server.url, timeout=60)
            case.validate_response(response, checks=[not_a_server_error])
            seen.append((label, response.status_code))
            if response.status_code >= 400:
                content_type = {k.lower(): v for k, v in response.headers.items()}.get("content-type", [""])
                content_type = content_type[0] if isinstance(content_type, list) else content_type
                assert content_type.startswith("application/problem+json"), (case.path, response.text[:300])
                assert PROBLEM_KEYS <= set(json.loads(response.text))

        check()

    for operation in operations:
        for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):
            try:
                fuzz(operation.label, operation.as_strategy(generation_mode=mode))
            except Unsatisfiable:
                # nothing to make invalid (an operation without parameters or body)
                assert mode == GenerationMode.NEGATIVE, operation.label
    assert seen and max(code for _, code in seen) < 500
    assert {label.split(" ")[0] for label, _ in seen} >= {"GET", "POST"}


def test_the_package_does_not_import_dev_only_httpx():
    """httpx is a dev dependency: the test servers live in tests/servers.py, the benchmark uses urllib."""
    import ast
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent
    found = []
    for folder in ("api", "graph", "govkg", "loaders", "ontology"):
        for path in sorted((root / folder).rglob("*.py")):
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                names = [a.name for a in node.names] if isinstance(node, ast.Import) else [node.module or ""] if isinstance(node, ast.ImportFrom) else []
                found += [f"{path.relative_to(root)}: {n}" for n in names if n.split(".")[0] == "httpx"]
    assert found == []


def test_a_charters_source_text_and_a_quote_marked_in_it(client):
    """Every quote is a span of its charter's source text: the API serves the text and a page marks the span."""
    charter = next(c for c in client.get("/charters").json() if c.get("number") == "03/QĐ-BCĐ")
    text = client.get(f"/charters/{charter['id']}/text")
    assert text.status_code == 200 and text.headers["content-type"].startswith("text/plain")
    assert client.get("/charters/03/QĐ-BCĐ/text").text == text.text  # by number too
    facts = client.get(f"/charters/{charter['id']}").json()["facts"]["edges"]
    quoted = [e for e in facts if e.get("quote") and e.get("quoteStart") is not None]
    assert quoted
    for e in quoted[:50]:
        assert text.text[e["quoteStart"] : e["quoteEnd"]] == e["quote"]
    page = client.get(f"/viz/quotes/{quoted[0]['id']}")
    assert page.status_code == 200 and '<mark id="quote">' in page.text
    assert "default-src 'none'" in page.headers["content-security-policy"]
    assert client.get("/viz/quotes/e:nowhere").status_code == 404
    assert client.get("/charters/charter:nowhere/text").status_code == 404


def test_a_method_not_allowed_names_every_method_of_the_path(client):
    """OPTIONS /charters once said ``allow: GET`` although POST /charters exists (issue 16)."""
    r = client.request("OPTIONS", "/charters")
    assert r.status_code == 405
    allowed = {m.strip() for m in r.headers["allow"].split(",")}
    assert {"GET", "POST"} <= allowed
    assert r.headers["content-type"].startswith("application/problem+json")
