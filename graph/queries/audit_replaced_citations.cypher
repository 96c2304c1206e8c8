// audit_replaced_citations: citation.replaced: a charter cites an act that another loaded charter replaces
MATCH (a:Charter)-[cite:BASED_ON|REFERS_TO]->(d:LegalDocument)<-[r:REPLACES]-(n:Charter)
WHERE a.id <> n.id
RETURN a.id AS charter, a.name AS aName, a.validTo AS aValidTo, d.id AS doc, d.name AS docName,
       n.id AS replacer, n.name AS nName, n.issuedOn AS nIssued,
       cite.provision AS provision, cite.quote AS quote, r.quote AS replacesQuote
ORDER BY charter, doc
