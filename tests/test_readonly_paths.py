"""Every query path is read-only: the library, ``govkg query`` and the HTTP API.

Each write form and injection trick is sent through each path and refused (``QueryRefused``
in the library, exit 2 on the command line, a 4xx ``application/problem+json`` from the
API), and the store's ``content_hash()`` is the same afterwards. Timeouts and row caps
apply on every path. ``tests/test_readonly.py`` unit-tests the guard itself; here the
queries go through real stores, a real subprocess and a real server.

The last test is a static check of the code: no Cypher or SPARQL text is built by string
formatting from anything but vocabulary terms and reviewed, validated values.
"""

from __future__ import annotations

import ast
import os
import re
import shutil
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import pytest
from factories import sparql_write_attempts

from govkg.config import Settings
from govkg.errors import NotFound, QueryRefused, QueryTimeout, StoreError
from govkg.graph.embedded import EmbeddedStore
from govkg.graph.sparql_index import rdf_facts
from govkg.graph.sparql_store import SparqlStore, named_query
from govkg.graph.store import edge_statements, node_statements, plan_charter
from govkg.ontology.facts import Edge, Facts, Node
from govkg.pipeline import load_paths

ROOT = Path(__file__).resolve().parent.parent
SEEDS = sorted((ROOT / "data" / "charters").glob("*.txt"))
TOKEN = "readonly-paths-token-1b2c3d"

pytestmark = pytest.mark.timeout(1200)

# Every write form, and tricks to smuggle one past a text check. All refused by the guard.
CYPHER_WRITES: list[str] = [
    "CREATE (n:Body {id: 'pwn'})",
    "MATCH (n) CREATE (m:Body {id: 'pwn'})",
    "MERGE (n:Body {id: 'pwn'})",
    "MATCH (n) DELETE n",
    "MATCH (n) DETACH DELETE n",
    "MATCH ()-[e]->() DELETE e",
    "MATCH (n) SET n.name = 'pwn'",
    "MATCH (n) SET n:Pwned",
    "MATCH (n) SET n += {name: 'pwn'}",
    "MATCH (n) REMOVE n.name",
    "MATCH (n) REMOVE n:Body",
    "DROP INDEX govkg_Body_nameFolded",
    "DROP CONSTRAINT govkg_Body_id",
    "CREATE INDEX pwn FOR (n:Body) ON (n.name)",
    "LOAD CSV FROM 'file:///etc/passwd' AS line RETURN line",
    "LOAD CSV WITH HEADERS FROM 'https://example.org/x.csv' AS row CREATE (n:Body {id: row.id})",
    "MATCH (n) FOREACH (x IN [1] | SET n.x = x)",
    "CALL dbms.components()",
    "CALL dbms.security.createUser('pwn', 'pwn', false)",
    "CALL apoc.periodic.iterate('MATCH (n) RETURN n', 'DETACH DELETE n', {})",
    "CALL apoc.create.node(['Body'], {id: 'pwn'})",
    "CALL db.labels()",
    "CALL db.createLabel('Pwned')",
    "RETURN apoc.cypher.runFirstColumnSingle('CREATE (n) RETURN n', {}) AS x",
    "MATCH (n) CALL { WITH n CREATE (m:Body {id: 'pwn'}) } RETURN n",
    "MATCH (n) CALL (n) { SET n.x = 1 } RETURN n",
    "CALL { CREATE (m:Body {id: 'pwn'}) RETURN m } RETURN m",
    "MATCH (n) RETURN n UNION CREATE (m:Body {id: 'pwn'}) RETURN m",
    "MATCH (n) WHERE EXISTS { CREATE (m) } RETURN n",
    # several statements
    "MATCH (n) RETURN n; CREATE (m:Body {id: 'pwn'})",
    "MATCH (n) RETURN n;\nMATCH (m) DETACH DELETE m",
    # comment tricks: the write is outside the comment
    "MATCH (n) /* a comment */ DETACH DELETE n",
    "MATCH (n) RETURN n /* ; */ ; CREATE (m)",
    "MATCH (n) // a comment\nDETACH DELETE n",
    "/* RETURN 1 */ CREATE (m:Body {id: 'pwn'})",
    # string-literal tricks: the quote closes, the write follows
    "MATCH (n) WHERE n.name = ''; CREATE (m:Body {id: 'pwn'}) //'",
    "MATCH (n) WHERE n.id = '' OR 1=1 DETACH DELETE n //' RETURN n",
    "MATCH (n {id: ''}) DETACH DELETE n //'}) RETURN n",
    'MATCH (n) WHERE n.name = "x\\\\" DETACH DELETE n //"',
    "MATCH (n) WHERE n.name = 'x\\\\' SET n.name = 'pwn' //'",
    "MATCH (n:`Body`) SET n.x = 1",
    "MATCH (n:`a``b`) DELETE n",
    # case, spacing
    "match (n) detach delete n",
    "MATCH (n)\tWITH n\nSET\tn.x = 1",
    "EXPLAIN CREATE (m:Body {id: 'pwn'})",
    "PROFILE MATCH (n) DELETE n",
    "CYPHER 5 MATCH (n) DETACH DELETE n",
    # admin
    "SHOW DATABASES",
    "USE system MATCH (n) RETURN n",
    "GRANT ROLE admin TO pwn",
    "ALTER USER neo4j SET PASSWORD 'pwn'",
    "INSERT (:Body {id: 'pwn'})",
    # Unicode letters the engine upper-cases to ASCII: 'ſET' runs as SET in grafeo
    "MATCH (n) \u017fET n.name = 'pwn' RETURN n",
    "MATCH (n) \u017fet n.name = 'pwn' RETURN n",
    "\u0131NSERT (:Body {id: 'pwn'})",
    "MATCH (n) DETACH DELETE n // \u212a",
    "MATCH (n) \uff33ET n.name = 'pwn' RETURN n",
    "MATCH (n) RETURN n.id AS id \ufb05",
    # empty, unterminated
    "",
    "   ",
    "MATCH (n) WHERE n.name = 'open RETURN n",
    "MATCH (n) /* never closed DETACH DELETE n",
]
# Look-alikes the engine does not read as ASCII at all (Cyrillic С, Greek Ε, Unicode
# semicolon): not a write, a syntax error; refused either way.
CYPHER_SYNTAX_LOOKALIKES: list[str] = [
    "\u0421REATE (n:Body {id: 'pwn'})",  # Cyrillic Es
    "MATCH (n) D\u0395TACH DELETE n",  # Greek Epsilon
    "MATCH (n) RETURN n LIMIT 1 \uff1b CREATE (m)",  # fullwidth semicolon, CREATE seen anyway
    "MATCH (n) RETURN n \u037e CREATE (m)",  # Greek question mark (looks like ';')
]
READS = [
    "MATCH (n:Body {id: $id}) RETURN n.name AS name",
    "MATCH (n) WHERE n.name = 'CREATE (x) DETACH DELETE n; CALL db.labels()' RETURN n",
    "MATCH (bcđ:SteeringCommittee) RETURN bcđ.name AS tên LIMIT 1",  # Vietnamese names are fine
]
SPARQL_UPDATES: list[str] = [
    "INSERT DATA { <https://govkg.org/id/x> <https://govkg.org/id/p> 'pwn' }",
    "DELETE DATA { <https://govkg.org/id/x> <https://govkg.org/id/p> 'pwn' }",
    "DELETE WHERE { ?s ?p ?o }",
    "DELETE { ?s ?p ?o } INSERT { ?s ?p 'pwn' } WHERE { ?s ?p ?o }",
    "WITH <https://govkg.org/g> DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }",
    "LOAD <http://example.org/data.ttl>",
    "LOAD <file:///etc/passwd> INTO GRAPH <https://govkg.org/g>",
    "CLEAR ALL",
    "CLEAR DEFAULT",
    "DROP ALL",
    "DROP GRAPH <https://govkg.org/g>",
    "CREATE GRAPH <https://govkg.org/g>",
    "ADD DEFAULT TO <https://govkg.org/g>",
    "MOVE DEFAULT TO <https://govkg.org/g>",
    "COPY DEFAULT TO <https://govkg.org/g>",
    "SELECT * WHERE { ?s ?p ?o } ; INSERT DATA { <a:x> <a:y> <a:z> }",
    "INSERT DATA { <a:x> <a:y> <a:z> } ; SELECT * WHERE { ?s ?p ?o }",
    "SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }",
    "# a comment\nDELETE WHERE { ?s ?p ?o }",
    "PREFIX x: <http://x/> CLEAR ALL",
]
SPARQL_READS = [
    "SELECT ?name WHERE { ?c a govkg:SteeringCommittee ; govkg:name ?name } LIMIT 3",
    "SELECT ?s WHERE { ?s govkg:name 'INSERT DATA { <a:b> <a:c> <a:d> }' }",
    "ASK { ?s ?p ?o }",
]
# Long but memory-flat queries. A timed-out query cannot be cancelled inside grafeo or
# pyoxigraph and runs on in the background, so these end by themselves (some 5-30 s) and
# hold a few MB: `range(1, 300000000)` would be materialised by grafeo (about 24 GB).
LONG_CYPHER = "UNWIND range(1, 6000) AS a RETURN sum(size([x IN range(1, 5000) WHERE x % 7 = a % 7])) AS r"
BIG_CYPHER = "UNWIND range(1, 50000) AS x RETURN x"
LONG_SPARQL = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?p ?b . ?c ?q ?d }"


# --------------------------------------------------------------------------- a loaded home
@pytest.fixture(scope="module")
def home(tmp_path_factory) -> Path:
    home = tmp_path_factory.mktemp("readonly-home")
    s = Settings(home=home)
    with EmbeddedStore(s.embedded_path, settings=s) as store:
        outcomes = load_paths(store, SEEDS[:2])
        assert {o.status for o in outcomes} == {"loaded"}, [o.error for o in outcomes]
    return home


def content(home: Path) -> tuple[dict, str]:
    s = Settings(home=home)
    with EmbeddedStore(s.embedded_path, settings=s) as store:
        return store.counts(), store.content_hash()


# --------------------------------------------------------------------------- the library
@pytest.mark.parametrize("read_only", [False, True], ids=["writable", "read-only"])
def test_library_refuses_every_write_form(home, read_only):
    before = content(home)
    s = Settings(home=home)
    with EmbeddedStore(s.embedded_path, settings=s, read_only=read_only) as store:
        for cypher in CYPHER_WRITES:
            with pytest.raises(QueryRefused):
                store.query(cypher)
        for cypher in CYPHER_SYNTAX_LOOKALIKES:
            with pytest.raises((QueryRefused, StoreError)):  # refused, or not Cypher at all
                store.query(cypher)
        some_id = store.query("MATCH (n:Body) RETURN n.id AS id LIMIT 1")[0]["id"]
        for cypher in READS:
            store.query(cypher, {"id": some_id})
    assert content(home) == before


def test_library_timeout_and_row_cap(home):
    s = Settings(home=home, row_cap=25)
    with EmbeddedStore(s.embedded_path, settings=s) as store:
        started = time.monotonic()
        with pytest.raises(QueryTimeout):
            store.query(LONG_CYPHER, timeout=1.0)
        assert time.monotonic() - started < 5
        capped = store.query(BIG_CYPHER)  # the settings' cap
        assert len(capped) == 25 and capped.truncated
        small = store.query(BIG_CYPHER, limit=7)
        assert len(small) == 7 and small.truncated
        whole = store.query("UNWIND range(1, 10) AS x RETURN x", limit=7000)
        assert len(whole) == 10 and not whole.truncated


@pytest.fixture(scope="module")
def sparql_store(home) -> SparqlStore:
    s = Settings(home=home)
    with EmbeddedStore(s.embedded_path, settings=s) as store:
        facts, _ = rdf_facts(store.export_facts())  # as the derived SPARQL index holds them
    sp = SparqlStore()
    sp.load_facts(facts, check=False)
    return sp


def test_sparql_library_refuses_every_update(sparql_store):
    triples = len(sparql_store)
    for update in SPARQL_UPDATES:
        with pytest.raises(QueryRefused):
            sparql_store.query(update)
    for query in SPARQL_READS:
        sparql_store.query(query)
    assert len(sparql_store) == triples


def test_sparql_library_timeout(sparql_store):
    started = time.monotonic()
    with pytest.raises(QueryTimeout):
        sparql_store.query(LONG_SPARQL, timeout=1.0)
    assert time.monotonic() - started < 5


def test_named_query_names_are_not_paths():
    from govkg.graph.named_queries import load_query

    for name in ("../../etc/passwd", "chain/../../x", "chain.cypher", "CHAIN", ""):
        with pytest.raises(NotFound):
            load_query(name)
        with pytest.raises(NotFound):
            named_query(name)


def test_labels_and_types_from_data_never_reach_the_query_text():
    """The few names pasted into Cypher (labels, types) are checked against the vocabulary first."""
    evil = "Body) DETACH DELETE n //"
    with pytest.raises(StoreError):
        node_statements([Node("x", ("Body", evil), {})])
    with pytest.raises(StoreError):
        edge_statements([Edge("PART_OF]->() DETACH DELETE n //", "a", "b", {"charter": "c"})], {"a": "Body", "b": "Body"})
    with pytest.raises(StoreError):  # even a key label handed in by a caller
        edge_statements([Edge("PART_OF", "a", "b", {"charter": "c"})], {"a": evil, "b": "Body"})
    facts = Facts(charter_id="c")
    facts.add_node(Node("c", ("Charter", evil), {}))
    with pytest.raises(StoreError):
        plan_charter(facts)


# --------------------------------------------------------------------------- the command line
def _cli(home: Path, *args: str, **env: str) -> subprocess.CompletedProcess:
    environ = {**os.environ, "GOVKG_HOME": str(home), "PYTHONIOENCODING": "utf-8", "COLUMNS": "250", **env}
    for var in ("NEO4J_URI", "GOVKG_CONFIG"):
        environ.pop(var, None)
    return subprocess.run(
        [sys.executable, "-m", "govkg.cli", "query", *args], capture_output=True, text=True, env=environ, cwd=ROOT, timeout=300
    )


def test_cli_refuses_every_write_form_and_exits_2(home, tmp_path):
    # `govkg query` opens the store for itself: one copy of the home per worker
    homes = []
    for i in range(2):
        shutil.copytree(home, tmp_path / f"h{i}")
        homes.append(tmp_path / f"h{i}")
    before = content(home)
    jobs = [("--cypher", q) for q in [*CYPHER_WRITES, *CYPHER_SYNTAX_LOOKALIKES] if q.strip()]
    jobs += [("--sparql", q) for q in SPARQL_UPDATES]

    def run(k: int) -> tuple[tuple[str, str], subprocess.CompletedProcess]:
        flag, query = jobs[k]
        return jobs[k], _cli(homes[k % 2], flag, query)

    with ThreadPoolExecutor(2) as pool:
        results = list(pool.map(run, range(len(jobs))))
    for (flag, query), result in results:
        assert result.returncode == 2, (flag, query, result.stdout[-500:], result.stderr[-1500:])
        err = " ".join(result.stderr.split())
        assert "Traceback" not in result.stderr and err.startswith("error:"), (query, err)
        assert "another process" not in err, "refused for the wrong reason (the store lock)"
        assert result.stdout.strip() == "", (query, result.stdout[:300])
    for h in homes:
        assert content(h) == before


def test_cli_empty_query_is_refused(home, tmp_path):
    shutil.copytree(home, tmp_path / "h")
    result = _cli(tmp_path / "h", "--cypher", "   ")
    assert result.returncode == 2


def test_cli_timeout_and_row_cap(home, tmp_path):
    shutil.copytree(home, tmp_path / "h")
    timed_out = _cli(tmp_path / "h", "--cypher", LONG_CYPHER, GOVKG_QUERY_TIMEOUT_S="1")
    assert timed_out.returncode == 2 and "time limit" in timed_out.stderr
    import json

    capped = _cli(tmp_path / "h", "--cypher", BIG_CYPHER, "--limit", "3")
    assert capped.returncode == 0, capped.stderr
    assert json.loads(capped.stdout) == [{"x": 1}, {"x": 2}, {"x": 3}]
    default_cap = _cli(tmp_path / "h", "--cypher", BIG_CYPHER, GOVKG_ROW_CAP="4")
    assert len(json.loads(default_cap.stdout)) == 4
    sparql = _cli(tmp_path / "h", "--sparql", SPARQL_READS[0])
    assert sparql.returncode == 0, sparql.stderr
    assert len(json.loads(sparql.stdout)) == 3


# --------------------------------------------------------------------------- the HTTP API
@pytest.fixture(scope="module")
def server(home, tmp_path_factory):
    from servers import LiveServer

    copy = tmp_path_factory.mktemp("readonly-api") / "home"
    shutil.copytree(home, copy)
    env = {
        "GOVKG_HOME": str(copy),
        "GOVKG_API_TOKEN": TOKEN,  # uploads on: the server opens the store writable, only the guards stand
        "GOVKG_QUERY_TIMEOUT_S": "2",
        "GOVKG_ROW_CAP": "9",
        "GOVKG_CONFIG": None,
        "NEO4J_URI": None,
        "GOVKG_CORS_ORIGINS": None,
    }
    live = LiveServer(env)
    live.copy = copy
    with live:
        yield live


def _problem(r: httpx.Response, query: str) -> None:
    assert 400 <= r.status_code < 500, (query, r.status_code, r.text[:300])
    assert r.headers["content-type"].startswith("application/problem+json"), (query, r.headers["content-type"])


def test_api_refuses_every_write_form(server):
    with httpx.Client(base_url=server.url, timeout=120) as c:
        count = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
        triples = c.get("/sparql", params={"query": count}).json()["results"]["bindings"][0]["n"]["value"]
        before = c.post("/query/cypher", json={"query": "MATCH (n) RETURN count(n) AS n"}).json()["rows"]
        for cypher in [*CYPHER_WRITES, *CYPHER_SYNTAX_LOOKALIKES]:
            _problem(c.post("/query/cypher", json={"query": cypher}), cypher)
            _problem(c.post("/query/cypher", json={"query": "RETURN 1 AS x", "parameters": {}, "extra": cypher}), cypher)
        for update in SPARQL_UPDATES:
            for r in sparql_write_attempts(c, update):
                _problem(r, update)
        for query in SPARQL_READS:
            assert c.get("/sparql", params={"query": query}).status_code == 200, query
        assert c.get("/sparql", params={"query": count}).json()["results"]["bindings"][0]["n"]["value"] == triples
        assert c.post("/query/cypher", json={"query": "MATCH (n) RETURN count(n) AS n"}).json()["rows"] == before


def test_api_timeout_and_row_cap(server):
    with httpx.Client(base_url=server.url, timeout=120) as c:
        started = time.monotonic()
        r = c.post("/query/cypher", json={"query": LONG_CYPHER})
        assert r.status_code == 503 and r.headers.get("retry-after"), r.text[:300]
        assert time.monotonic() - started < 30
        r = c.get("/sparql", params={"query": LONG_SPARQL})
        assert r.status_code == 503, r.text[:300]
        body = c.post("/query/cypher", json={"query": BIG_CYPHER}).json()
        assert len(body["rows"]) == 9 and body["truncated"] and body["row_cap"] == 9
        r = c.get("/sparql", params={"query": "SELECT ?s ?p ?o WHERE { ?s ?p ?o }"})
        assert len(r.json()["results"]["bindings"]) == 9 and r.headers["x-govkg-truncated"] == "true"


def test_api_store_unchanged_after_everything(server, home):
    # runs after the API tests above (file order): stop the server, then read its copy
    before = content(home)
    server.stop()
    assert content(server.copy) == before


# --------------------------------------------------------------------------- the code
_QUERY_WORDS = re.compile(
    r"\b(MATCH|MERGE|CREATE|UNWIND|RETURN|SELECT|WHERE|PREFIX|VALUES|INSERT|DELETE|SET|CONSTRUCT|OPTIONAL|CALL|INDEX)\b"
)
# Interpolations of vocabulary terms (enums of ontology/vocab.py) are safe by construction.
_VOCAB = re.compile(r"^(Rel|Prop|Label|Status|Level|Role)\.\w+(\.value)?$")
# Every other interpolation into query text, reviewed: why it cannot carry user input.
REVIEWED: dict[tuple[str, str], str] = {
    ("graph/store.py", "key"): "key_label() of labels checked by _check_labels (vocabulary)",
    ("graph/store.py", "extra"): "'n:<label>, ' of labels checked by _check_labels",
    ("graph/store.py", "src"): "key label of an endpoint, checked by _check_labels in edge_statements",
    ("graph/store.py", "dst"): "key label of an endpoint, checked by _check_labels in edge_statements",
    ("graph/store.py", "type_"): "relationship type checked by _check_type (vocabulary)",
    ("graph/store.py", "'CREATE' if create else 'MERGE'"): "a constant keyword",
    ("graph/store.py", "label"): "_lookup_statement/charter_statement: KEY_LABELS or labels checked by _check_labels",
    ("graph/store.py", "pattern"): "':'-joined labels checked by _check_labels (node_statements, charter_statement)",
    ("graph/store.py", "sets"): "'c:<label>' of labels checked by _check_labels in charter_statement",
    ("graph/store.py", "label.value"): "iterates the Label enum",
    # packed rows (graph/packed_rows.py): the head is a constant; a value is s[$cN[i]] or $cN[i]
    # with generated parameter names; a map's keys match [A-Za-z_][A-Za-z0-9_]* and are backquoted
    # (pack_rows returns None for any other key, and the rows go plain)
    ("graph/store.py", "p.head"): "packed rows: a constant head",
    ("graph/store.py", "p.value('charter')"): "packed rows: a generated parameter expression",
    ("graph/store.py", "p.value('source')"): "packed rows: a generated parameter expression",
    ("graph/store.py", "p.value('target')"): "packed rows: a generated parameter expression",
    ("graph/store.py", "p.map('edge')"): "packed rows: identifier keys to generated parameter expressions",
    ("graph/store.py", "p.map('node')"): "packed rows: identifier keys to generated parameter expressions",
    ("graph/store.py", "p.map('props')"): "packed rows: identifier keys to generated parameter expressions",
    ("graph/store.py", "p.map('props', id='id')"): "packed rows: identifier keys to generated parameter expressions",
    ("graph/embedded.py", "pattern"): "warm(): one of two constant patterns",
    ("graph/embedded.py", "kind"): "warm(): 'type(x)' or 'labels(x)', constants",
    ("graph/embedded.py", "counts"): "warm(): count(x.<p>) of Prop members and NAME_FOLDED, constants",
    ("graph/neo4j_store.py", "label"): "iterates (Label.Body, Label.Post, Label.Person)",
    ("graph/neo4j_store.py", "NAME_FOLDED"): "a module constant",
    ("graph/neo4j_store.py", "rel.value"): "iterates the Rel enum",
    ("graph/sparql_store.py", "p"): "PREFIXES constant (prefix names)",
    ("graph/sparql_store.py", "ns"): "PREFIXES constant (namespace IRIs)",
    ("graph/sparql_store.py", "name"): "a parameter name declared by the .rq file's #@param header (unknown ones refused)",
    ("graph/sparql_store.py", "names"): "'?name' list of declared parameter names",
    ("graph/sparql_store.py", "terms"): "pyoxigraph Literal/NamedNode serialisation (escaped)",
    ("graph/sparql_store.py", "values"): "the VALUES block built from the two above",
    ("graph/sparql_store.py", "' '.join((str(_literal(v)) for v in _as_list(value)))"): "pyoxigraph literals (escaped)",
}


def _interpolations(path: Path) -> list[tuple[int, str]]:
    """(line, expression) of every value formatted into a string literal that reads like a query."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    nested = {id(v) for node in ast.walk(tree) if isinstance(node, ast.JoinedStr) for v in ast.walk(node) if v is not node}
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.JoinedStr) and id(node) not in nested:
            literal = "".join(v.value for v in node.values if isinstance(v, ast.Constant))
            if _QUERY_WORDS.search(literal):
                found += [(node.lineno, ast.unparse(v.value)) for v in node.values if isinstance(v, ast.FormattedValue)]
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "format":
            target = node.func.value
            if isinstance(target, ast.Constant) and isinstance(target.value, str) and _QUERY_WORDS.search(target.value):
                found.append((node.lineno, f".format({', '.join(map(ast.unparse, node.args))})"))
        elif isinstance(node, ast.BinOp) and isinstance(node.op, (ast.Mod, ast.Add)):
            for side, other in ((node.left, node.right), (node.right, node.left)):
                if isinstance(side, ast.Constant) and isinstance(side.value, str) and _QUERY_WORDS.search(side.value):
                    found.append((node.lineno, ast.unparse(other)))
                    break
    return found


def test_query_text_is_never_built_from_user_input():
    """Static audit of graph/, ontology/, api/, govkg/: every value pasted into query text is reviewed."""
    unreviewed = []
    for folder in ("graph", "ontology", "api", "govkg"):
        for path in sorted((ROOT / folder).rglob("*.py")):
            rel = path.relative_to(ROOT).as_posix()
            for line, expr in _interpolations(path):
                if _VOCAB.match(expr) or (rel, expr) in REVIEWED:
                    continue
                unreviewed.append(f"{rel}:{line}: {expr}")
    assert not unreviewed, "values formatted into Cypher/SPARQL text; review each and add it to REVIEWED:\n" + "\n".join(unreviewed)
