// audit_no_standing_agency: committee.no_standing_agency: a defined steering committee no agency is the standing agency of, with the clause that governs it
MATCH (c:SteeringCommittee {status: 'defined'})
WHERE NOT EXISTS { MATCH (:Body)-[:STANDING_AGENCY_OF]->(c) }
OPTIONAL MATCH (charter:Charter)-[g:GOVERNS]->(c)
RETURN c.id AS id, c.name AS name, charter.id AS charter, g.provision AS provision, g.quote AS quote
ORDER BY id, charter
