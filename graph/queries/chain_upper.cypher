// chain_upper: the committees above the communes (national, province, district), whose chain
// steps govkg.graph.named_queries.warm_chains keeps before the first chain asks for them:
// every chain from below passes through one of them, and a province committee holds one
// SUBORDINATE_TO edge per commune charter that states it (the first visit paid for them all).
MATCH (c:SteeringCommittee)
WHERE c.level IN ['national', 'province', 'district']
RETURN c.id AS id
ORDER BY id
