// view_subordination: SUBORDINATE_TO edges between steering committees (the overview page)
MATCH (a:SteeringCommittee)-[e:SUBORDINATE_TO]->(b:SteeringCommittee)
RETURN a.id AS source, b.id AS target, e.charter AS charter, e.provision AS provision, e.quote AS quote, e.inferred AS inferred
