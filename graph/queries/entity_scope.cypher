// entity_scope: for bodies and posts by id, the committees governed by the charters that
// assert an edge at them (tells namesakes apart: "Trưởng Ban Chỉ đạo" of which committee?).
//
// $ids  a list of ids
UNWIND $ids AS i
MATCH (n:Body {id: i})-[r]-()
UNWIND coalesce(r.charters, [r.charter]) AS charter
WITH DISTINCT i, charter
MATCH (c:Charter {id: charter})-[:GOVERNS]->(committee:Body)
RETURN i AS id, collect(DISTINCT committee.id) AS committees, collect(DISTINCT committee.nameFolded) AS names
UNION ALL
UNWIND $ids AS i
MATCH (n:Post {id: i})-[r]-()
UNWIND coalesce(r.charters, [r.charter]) AS charter
WITH DISTINCT i, charter
MATCH (c:Charter {id: charter})-[:GOVERNS]->(committee:Body)
RETURN i AS id, collect(DISTINCT committee.id) AS committees, collect(DISTINCT committee.nameFolded) AS names
