// chain_charters: number, title, dates and validity of every charter (charter_numbers.cypher for
// all of them), read once per version of the store by
// govkg.graph.named_queries.warm_chains: chains label their provenance and apply "as of" dates
// from them without a query.
MATCH (c:Charter)
RETURN c.id AS id, c.number AS number, c.title AS title, c.issuedOn AS issuedOn,
       c.validFrom AS validFrom, c.validTo AS validTo
ORDER BY id
