// entity_scope: for bodies and posts by id, the committees governed by the charters that
// assert an edge at them (used to tell apart namesakes: "Trưởng Ban Chỉ đạo" of which committee?).
//
// $ids  a list of ids
UNWIND $ids AS i
OPTIONAL MATCH (body:Body {id: i})
OPTIONAL MATCH (post:Post {id: i})
WITH i, coalesce(body, post) AS n
WHERE n IS NOT NULL
MATCH (n)-[r]-()
WITH DISTINCT i, r.charter AS charter
MATCH (c:Charter {id: charter})-[:GOVERNS]->(committee:Body)
RETURN i AS id, collect(DISTINCT committee.id) AS committees, collect(DISTINCT committee.nameFolded) AS names
