// nodes: bodies, posts and people by id (e.g. the `via` bodies of reporting lines).
//
// $ids  a list of ids
UNWIND $ids AS i
OPTIONAL MATCH (body:Body {id: i})
OPTIONAL MATCH (post:Post {id: i})
OPTIONAL MATCH (person:Person {id: i})
WITH coalesce(body, post, person) AS n
WHERE n IS NOT NULL
RETURN n {.id, .name, .level, .status, .locality, .role, labels: labels(n)} AS node
