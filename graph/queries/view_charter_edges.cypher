// view_charter_edges: the edges a charter asserts (but the types in $skip), with their endpoints
//
// $id    the charter's id
// $skip  relationship types to leave out (HAS_PROVISION)
MATCH (a)-[e]->(b)
WHERE $id IN coalesce(e.charters, [e.charter]) AND NOT type(e) IN $skip
RETURN properties(e) AS e, type(e) AS type, a.id AS source, b.id AS target,
       a {.id, .name, .level, .status, .locality, .role, labels: labels(a)} AS a, b {.id, .name, .level, .status, .locality, .role, labels: labels(b)} AS b
ORDER BY e.start, e.id
