// audit_no_reporting_line: group.no_reporting_line: a defined working group with no REPORTS_TO from itself, its posts or its leader
MATCH (w:WorkingGroup {status: 'defined'})
WHERE NOT EXISTS { MATCH (w)-[:REPORTS_TO]->() }
  AND NOT EXISTS { MATCH (w)<-[:POST_IN]-(:Post)-[:REPORTS_TO]->() }
  AND NOT EXISTS { MATCH (w)<-[:LEADS]-()-[:REPORTS_TO]->() }
OPTIONAL MATCH (w)-[p:PART_OF]->(parent:Body)
RETURN w.id AS id, w.name AS name, parent.name AS parent, p.charter AS charter, p.provision AS provision, p.quote AS quote
ORDER BY id, charter
