// nodes: bodies, posts and people by id (e.g. to resolve an id, or the `via` body of a report).
//
// $ids  a list of ids
UNWIND $ids AS i
MATCH (n:Body {id: i})
RETURN n {.id, .name, .level, .status, .locality, .role, labels: labels(n)} AS node
UNION ALL
UNWIND $ids AS i
MATCH (n:Post {id: i})
RETURN n {.id, .name, .level, .status, .locality, .role, labels: labels(n)} AS node
UNION ALL
UNWIND $ids AS i
MATCH (n:Person {id: i})
RETURN n {.id, .name, .level, .status, .locality, .role, labels: labels(n)} AS node
