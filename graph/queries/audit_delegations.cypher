// audit_delegations: delegation.no_scope / delegation.no_condition: DELEGATES_TO edges without a scope or a condition
MATCH (a)-[d:DELEGATES_TO]->(b)
WHERE d.scope IS NULL OR d.condition IS NULL
RETURN d.id AS edge, a.id AS a, a.name AS aName, b.id AS b, b.name AS bName,
       d.scope AS scope, d.condition AS condition,
       coalesce(d.charter, head(d.charters)) AS charter, coalesce(d.provision, head(d.provisions)) AS provision, coalesce(d.quote, head(d.quotes)) AS quote
ORDER BY edge
