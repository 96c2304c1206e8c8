// by_name: bodies, posts and people whose whole name is a given one, accent-insensitively
// (an index lookup on nameFolded; search.cypher finds parts of names).
//
// $folded  the name folded like nameFolded (lowercase, no accents, đ→d)
MATCH (n:Body {nameFolded: $folded})
RETURN n {.id, .name, .level, .status, .locality, .role, labels: labels(n)} AS node
UNION ALL
MATCH (n:Post {nameFolded: $folded})
RETURN n {.id, .name, .level, .status, .locality, .role, labels: labels(n)} AS node
UNION ALL
MATCH (n:Person {nameFolded: $folded})
RETURN n {.id, .name, .level, .status, .locality, .role, labels: labels(n)} AS node
