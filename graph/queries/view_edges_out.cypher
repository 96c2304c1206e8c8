// view_edges_out: the edges of the given types out of a body, with the node at the other end
//
// $id     the body's id
// $types  relationship types
MATCH (b:Body {id: $id})-[e]->(x)
WHERE type(e) IN $types
RETURN x {.id, .name, .level, .status, .locality, .role, labels: labels(x)} AS node, properties(e) AS edge, type(e) AS type
ORDER BY type(e), x.id, e.charter
