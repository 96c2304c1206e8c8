// audit_drafts: charter.draft: charters loaded while still drafts (number or date left blank)
MATCH (c:Charter)
WHERE c.status = 'draft' AND c.sha256 IS NOT NULL
RETURN c.id AS id, c.name AS name, c.path AS path, c.issuedOn AS issuedOn,
       c.validFrom AS validFrom, c.validTo AS validTo
ORDER BY id
