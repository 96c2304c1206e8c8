// audit_no_leader: group.no_leader: a defined working group that no post or person LEADS, with the clause that makes it part of its body
MATCH (w:WorkingGroup {status: 'defined'})
WHERE NOT EXISTS { MATCH ()-[:LEADS]->(w) }
OPTIONAL MATCH (w)-[p:PART_OF]->(parent:Body)
RETURN w.id AS id, w.name AS name, parent.name AS parent, p.charter AS charter, p.provision AS provision, p.quote AS quote
ORDER BY id, charter
