// audit_no_chair: committee.no_chair: a defined steering committee with no post of role Chair, with the clause that governs it
MATCH (c:SteeringCommittee {status: 'defined'})
WHERE NOT EXISTS { MATCH (:Post {role: 'Chair'})-[:POST_IN]->(c) }
OPTIONAL MATCH (charter:Charter)-[g:GOVERNS]->(c)
RETURN c.id AS id, c.name AS name, charter.id AS charter, g.provision AS provision, g.quote AS quote
ORDER BY id, charter
