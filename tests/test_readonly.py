"""The read-only guard (``govkg.graph.readonly``): every write form refused, reads allowed."""

from __future__ import annotations

import pytest

from govkg.errors import QueryRefused
from govkg.graph.readonly import check_read_only, strip_literals

ALLOWED = [
    "MATCH (n:Body) RETURN n",
    "OPTIONAL MATCH (n:Body {id: $id}) WITH n UNWIND [1, 2] AS x RETURN n, x ORDER BY x DESC SKIP 1 LIMIT 5",
    "MATCH (n) WHERE EXISTS { MATCH (n)-[:POST_IN]->() } RETURN COUNT { (n)--() } AS degree",
    "MATCH p = shortestPath((a {id: $a})-[:REPORTS_TO|POST_IN*..8]->(b)) RETURN [r IN relationships(p) | type(r)]",
    "MATCH p = (a)-[:A|B*1..8]->(b) RETURN [n IN nodes(p) WHERE n.level IS NOT NULL | n.id] AS ids",
    "MATCH (n) RETURN n.set, n.delete, n.create AS created, $create AS param",  # property keys / params
    "MATCH (set:Body), (n:Delete) RETURN n",  # a variable before ':' and a label
    "MATCH (n {name: 'CREATE (x) DETACH DELETE n; CALL db.labels()'}) RETURN n",  # in a string
    'MATCH (n) WHERE n.name = "MERGE \\" SET" RETURN n',  # escaped double quote
    "MATCH (n) RETURN n // DELETE n; CREATE (m)",  # in a comment
    "MATCH (n) /* SET n.x = 1; */ RETURN n",
    "MATCH (`CREATE`:Body) RETURN `CREATE`.name",  # a quoted name
    "WITH 1 AS start, 2 AS stop RETURN start + stop",  # admin words as names
    "RETURN date('2026-01-01') AS d, duration.between(date('2025-01-01'), date('2026-01-01')) AS gap",
    "MATCH (a) RETURN a.id UNION MATCH (b:Post) RETURN b.id AS `a.id`",
    "EXPLAIN MATCH (n) RETURN n",
    # the quote closes the string, the rest is a comment: what runs is a read
    "MATCH (n) WHERE n.id = '' OR 1=1 // ' RETURN n DETACH DELETE n",
]

REFUSED = [
    ("CREATE (n:Body {id: 'x'})", "CREATE"),
    ("MATCH (n) MERGE (m:Body {id: n.id})", "MERGE"),
    ("MATCH (n) DELETE n", "DELETE"),
    ("MATCH (n) DETACH DELETE n", "DETACH"),
    ("MATCH (n) SET n.name = 'x'", "SET"),
    ("MATCH (n) SET n:Extra", "SET"),
    ("MATCH (n) REMOVE n.name", "REMOVE"),
    ("DROP INDEX foo", "DROP"),
    ("DROP CONSTRAINT govkg_Body_id", "DROP"),
    ("LOAD CSV FROM 'file:///etc/passwd' AS line RETURN line", "LOAD"),
    ("MATCH (n) FOREACH (x IN [1] | SET n.x = x)", "FOREACH"),
    ("CALL db.labels()", "CALL"),
    ("CALL dbms.components()", "CALL"),
    ("CALL apoc.periodic.iterate('MATCH (n) RETURN n', 'DETACH DELETE n', {})", "CALL"),
    ("MATCH (n) CALL { WITH n CREATE (m) } RETURN n", "CALL"),
    ("MATCH (n) CALL (n) { RETURN 1 AS one } RETURN one", "CALL"),
    ("OPTIONAL CALL db.info()", "CALL"),
    ("USE system MATCH (n) RETURN n", "USE"),
    ("MATCH (n) RETURN n; MATCH (m) RETURN m", "';'"),
    ("MATCH (n) RETURN n;", "';'"),
    ("SHOW DATABASES", "SHOW"),
    ("show indexes", "SHOW"),
    ("GRANT ROLE admin TO bob", "GRANT"),
    ("REVOKE ROLE admin FROM bob", "REVOKE"),
    ("DENY READ {*} ON GRAPH * TO bob", "DENY"),
    ("START DATABASE foo", "START"),
    ("STOP DATABASE neo4j", "STOP"),
    ("TERMINATE TRANSACTIONS 'neo4j-transaction-1'", "TERMINATE"),
    ("ALTER USER bob SET PASSWORD 'x'", "ALTER"),
    ("CYPHER 5 SHOW USERS", "SHOW"),
    ("PROFILE CREATE (n)", "CREATE"),
    ("INSERT (:Body {id: 'x'})", "INSERT"),
    (
        "RETURN apoc.cypher.runFirstColumnSingle('CREATE (n) RETURN n', {})",
        "apoc.cypher.runFirstColumnSingle",
    ),
    ("RETURN db.nameFromElementId('x')", "db.nameFromElementId"),
    ("RETURN custom . func ( 1 )", "custom.func"),
    # injection strings used as query text
    ("MATCH (n) WHERE n.id = '' OR 1=1 DETACH DELETE n //' RETURN n", "DETACH"),
    ("MATCH (n {id: ''}) DETACH DELETE n //'}) RETURN n", "DETACH"),
    ("MATCH (n) RETURN n /* */ DELETE n", "DELETE"),
    ("MATCH (n) RETURN n `x` DELETE n", "DELETE"),
    ("MATCH (n) WITH n\nSET\tn.x=1", "SET"),
]


@pytest.mark.parametrize("cypher", ALLOWED)
def test_reads_are_allowed(cypher):
    check_read_only(cypher)


@pytest.mark.parametrize(("cypher", "clause"), REFUSED)
def test_writes_and_admin_are_refused_naming_the_clause(cypher, clause):
    with pytest.raises(QueryRefused) as info:
        check_read_only(cypher)
    assert info.value.subject == clause
    assert clause in str(info.value)


@pytest.mark.parametrize(
    "cypher",
    ["", "   ", "RETURN 'open", 'RETURN "open', "RETURN `open", "MATCH (n) /* never closed RETURN n"],
)
def test_empty_or_unterminated_is_refused(cypher):
    with pytest.raises(QueryRefused):
        check_read_only(cypher)


def test_strip_literals_keeps_length_and_structure():
    text = 'MATCH (n {name: \'a // b\', x: "c\\"d"}) /* z */ RETURN `e f` // g'
    out = strip_literals(text)
    assert len(out) == len(text)
    assert "a // b" not in out and "z" not in out and "g" not in out.split("RETURN")[1].replace("`", "")
    assert out.startswith("MATCH (n {name: '")


def test_doubled_backtick_is_an_escape():
    check_read_only("MATCH (n:`we``ird`) RETURN n")
    with pytest.raises(QueryRefused, match="DELETE"):
        check_read_only("MATCH (n:`we``ird`) DELETE n")
