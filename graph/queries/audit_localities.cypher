// audit_localities: locality.reformed / locality.unresolved: committees, their locality and gazetteer key, with the clause that names them
MATCH (c:SteeringCommittee)
WHERE c.level IS NULL OR c.level <> 'national'
OPTIONAL MATCH (charter:Charter)-[g:GOVERNS]->(c)
// a committee only named by a charter: the edges of that charter that name it
OPTIONAL MATCH (c)-[m]-()
WHERE g IS NULL AND m.charter IS NOT NULL
RETURN c.id AS id, c.name AS name, c.status AS status, c.level AS level,
       c.locality AS locality, c.localityCode AS code,
       coalesce(charter.id, m.charter) AS charter, coalesce(g.provision, m.provision) AS provision,
       coalesce(g.quote, m.quote) AS quote, m.inferred AS inferred
ORDER BY id, inferred, charter
