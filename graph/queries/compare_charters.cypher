// compare_charters: the charters that govern a body
//
// $id  the body's id
MATCH (c:Charter)-[g:GOVERNS]->(b:Body {id: $id})
RETURN DISTINCT c.id AS id, c.name AS name, c.number AS number, c.status AS status,
       c.issuedOn AS issuedOn, c.path AS path ORDER BY id
