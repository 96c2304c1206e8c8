// compare_parent: the steering committees a body is SUBORDINATE_TO
//
// $id  the body's id
MATCH (b:Body {id: $id})-[s:SUBORDINATE_TO]->(p:SteeringCommittee)
RETURN p.id AS id, p.name AS name, p.status AS status, p.level AS level,
       s.inferred AS inferred ORDER BY id
