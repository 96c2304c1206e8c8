// audit_no_meeting_cadence: committee.no_meeting_cadence: a defined steering committee whose charter sets no meeting cadence, with the clause that governs it
MATCH (c:SteeringCommittee {status: 'defined'})
WHERE c.meetingCadence IS NULL
OPTIONAL MATCH (charter:Charter)-[g:GOVERNS]->(c)
RETURN c.id AS id, c.name AS name, charter.id AS charter, g.provision AS provision, g.quote AS quote
ORDER BY id, charter
