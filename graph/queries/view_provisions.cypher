// view_provisions: a charter's provisions, in text order
//
// $id  the charter's id
MATCH (c:Charter {id: $id})-[:HAS_PROVISION]->(p:Provision)
RETURN p
ORDER BY p.start, p.id
