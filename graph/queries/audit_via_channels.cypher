// audit_via_channels: reporting.via_unknown: REPORTS_TO edges through a "qua …" channel (the node each names: audit_via_nodes, audit_via_mentions)
MATCH (a)-[r:REPORTS_TO]->(b)
WHERE r.via IS NOT NULL
RETURN r.id AS edge, a.id AS a, a.name AS aName, b.id AS b, b.name AS bName, r.via AS via,
       coalesce(r.charter, head(r.charters)) AS charter, coalesce(r.provision, head(r.provisions)) AS provision, coalesce(r.quote, head(r.quotes)) AS quote
ORDER BY edge
