// audit_superseded_citations: citation.superseded: a charter cites an act that is a loaded charter no longer in force
MATCH (a:Charter)-[cite:BASED_ON|REFERS_TO]->(d:LegalDocument)
MATCH (old:Charter)
WHERE old.number = d.number AND old.validTo IS NOT NULL AND old.id <> a.id
RETURN a.id AS charter, a.name AS aName, d.id AS doc, d.name AS docName, old.id AS old,
       old.validTo AS validTo, cite.provision AS provision, cite.quote AS quote
ORDER BY charter, doc
