// audit_citations: citation.inconsistent_type / citation.inconsistent_date: every citation of an act, as written
MATCH (a:Charter)-[cite:BASED_ON|REPLACES]->(d:LegalDocument)
RETURN d.id AS doc, d.name AS docName, d.number AS number, d.docType AS docType,
       d.numberVariants AS numberVariants, d.docTypeVariants AS docTypeVariants,
       a.id AS charter, cite.provision AS provision, cite.quote AS quote
ORDER BY doc, charter, provision
