// replaced: the body, post, person or act that absorbed a retired id (a merge judgement joined
// them; the survivor lists the ids it replaced in replacedIds).
//
// $id  a retired id
MATCH (n:Body) WHERE $id IN n.replacedIds
RETURN n {.id, .name, .level, .status, .locality, .role, .replacedIds, labels: labels(n)} AS node
UNION ALL
MATCH (n:Post) WHERE $id IN n.replacedIds
RETURN n {.id, .name, .level, .status, .locality, .role, .replacedIds, labels: labels(n)} AS node
UNION ALL
MATCH (n:Person) WHERE $id IN n.replacedIds
RETURN n {.id, .name, .level, .status, .locality, .role, .replacedIds, labels: labels(n)} AS node
UNION ALL
MATCH (n:LegalDocument) WHERE $id IN n.replacedIds
RETURN n {.id, .name, .level, .status, .locality, .role, .replacedIds, labels: labels(n)} AS node
