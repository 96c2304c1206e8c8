// view_group_posts: the posts of the groups that are PART_OF a body
//
// $id  the body's id
MATCH (p:Post)-[e:POST_IN]->(g:Body)-[:PART_OF]->(b:Body {id: $id})
RETURN g.id AS group, p {.id, .name, .level, .status, .locality, .role, labels: labels(p)} AS post, e AS edge
ORDER BY g.id, p.id, e.charter
