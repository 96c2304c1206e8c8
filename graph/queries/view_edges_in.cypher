// view_edges_in: the edges of the given types into a body, with the node at the other end
//
// $id     the body's id
// $types  relationship types
MATCH (x)-[e]->(b:Body {id: $id})
WHERE type(e) IN $types
RETURN x {.id, .name, .level, .status, .locality, .role, labels: labels(x)} AS node, properties(e) AS edge, type(e) AS type
ORDER BY type(e), x.id, e.charter
