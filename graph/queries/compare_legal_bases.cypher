// compare_legal_bases: the legal bases (BASED_ON) of the charters that govern a body
//
// $id  the body's id
MATCH (c:Charter)-[:GOVERNS]->(b:Body {id: $id})
MATCH (c)-[cite:BASED_ON]->(d:LegalDocument)
RETURN DISTINCT d.id AS id, d.name AS name, d.number AS number, d.docType AS docType
ORDER BY id
