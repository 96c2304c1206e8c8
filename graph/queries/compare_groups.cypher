// compare_groups: the groups PART_OF a body, with their leader post, its ex-officio holder and the person holding it
//
// $id  the body's id
MATCH (g:Body)-[p:PART_OF]->(b:Body {id: $id})
OPTIONAL MATCH (leader:Post)-[:LEADS]->(g)
OPTIONAL MATCH (leader)-[:HELD_EX_OFFICIO_BY]->(holder:Post)
OPTIONAL MATCH (person:Person)-[:HOLDS]->(leader)
RETURN g.id AS id, g.name AS name, labels(g) AS labels, g.status AS status,
       g.meetingCadence AS meetingCadence, leader.name AS leader,
       holder.name AS holder, person.name AS person, p.provision AS provision, p.charter AS charter
ORDER BY id
