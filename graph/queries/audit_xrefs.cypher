// audit_xrefs: xref.mismatch: resolved cross-references, with the citing and cited texts
MATCH (s:Provision)-[r:REFERS_TO]->(t:Provision)
RETURN s.id AS source, s.text AS sText, s.start AS sStart, t.id AS target, t.ref AS tRef,
       t.human AS tHuman, t.text AS tText, r.start AS start,
       r.charter AS charter, r.provision AS provision, r.quote AS quote
ORDER BY charter, provision
