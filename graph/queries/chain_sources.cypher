// chain_sources: every body, post and person (as nodes.cypher shows them): the nodes a chain may
// start from and a chain step may leave (chain_step.cypher matches these three labels).
// govkg.graph.named_queries.warm_chains keeps them, and reads the chain steps of all of them in
// batches, into one index per version of the store.
MATCH (n:Body)
RETURN n {.id, .name, .level, .status, .locality, .role, labels: labels(n)} AS node
UNION ALL
MATCH (n:Post)
RETURN n {.id, .name, .level, .status, .locality, .role, labels: labels(n)} AS node
UNION ALL
MATCH (n:Person)
RETURN n {.id, .name, .level, .status, .locality, .role, labels: labels(n)} AS node
