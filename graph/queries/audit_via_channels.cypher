// audit_via_channels: reporting.via_unknown: REPORTS_TO edges through a "qua …" channel (the node each names: audit_via_nodes, audit_via_mentions)
MATCH (a)-[r:REPORTS_TO]->(b)
WHERE r.via IS NOT NULL
RETURN r.id AS edge, a.id AS a, a.name AS aName, b.id AS b, b.name AS bName, r.via AS via,
       r.charter AS charter, r.provision AS provision, r.quote AS quote
ORDER BY edge
