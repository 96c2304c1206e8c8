// audit_dangling_xrefs: xref.dangling: REFERS_TO edges that did not reach the provision they cite
MATCH (s:Provision)-[r:REFERS_TO]->(t)
WHERE NOT t:Provision OR t.ref <> r.ref
RETURN s.id AS source, r.ref AS ref, r.human AS human, t.id AS target,
       r.charter AS charter, r.provision AS provision, r.quote AS quote
ORDER BY charter, provision
