// view_subordination: SUBORDINATE_TO edges between steering committees (the overview page)
MATCH (a:SteeringCommittee)-[e:SUBORDINATE_TO]->(b:SteeringCommittee)
RETURN a.id AS source, b.id AS target, coalesce(e.charter, head(e.charters)) AS charter, coalesce(e.provision, head(e.provisions)) AS provision, coalesce(e.quote, head(e.quotes)) AS quote, e.inferred AS inferred
