// chain_step: the chain edges leaving some bodies, posts or people: one level of the upward
// walk of govkg.graph.named_queries.chain, which repeats it from the start until nothing new is
// reached (at most 10 levels) and then ranks the routes. The same edges as chain.cypher,
// fetched level by level: a variable-length MATCH enumerates every route inside the engine,
// and their number grows with the graph (a province committee is linked to the national
// one by an edge from each of its communes' charters).
//
// $ids       ids of the nodes to step from
// $excluded  ids of the charters NOT in force at the as-of date, or null for none
//            (an edge holds while ANY of its charters is in force: a folded inferred edge lists
//            several in `charters`, a stated one has its one `charter`)
UNWIND $ids AS i
MATCH (a:Body {id: i})-[r:REPORTS_TO|ACCOUNTABLE_TO|DIRECTED_BY|STANDING_AGENCY_OF|PART_OF|POST_IN|SUBORDINATE_TO|HELD_EX_OFFICIO_BY]->(b)
WHERE $excluded IS NULL OR any(c IN coalesce(r.charters, [r.charter]) WHERE NOT c IN $excluded)
RETURN i AS source,
       r {.id, .charter, .provision, .quote, .charters, .provisions, .rules, .quotes, .via, .inferred, .confidence, type: type(r)} AS rel,
       b {.id, .name, .level, .status, .locality, .role, labels: labels(b)} AS node
UNION ALL
UNWIND $ids AS i
MATCH (a:Post {id: i})-[r:REPORTS_TO|ACCOUNTABLE_TO|DIRECTED_BY|STANDING_AGENCY_OF|PART_OF|POST_IN|SUBORDINATE_TO|HELD_EX_OFFICIO_BY]->(b)
WHERE $excluded IS NULL OR any(c IN coalesce(r.charters, [r.charter]) WHERE NOT c IN $excluded)
RETURN i AS source,
       r {.id, .charter, .provision, .quote, .charters, .provisions, .rules, .quotes, .via, .inferred, .confidence, type: type(r)} AS rel,
       b {.id, .name, .level, .status, .locality, .role, labels: labels(b)} AS node
UNION ALL
UNWIND $ids AS i
MATCH (a:Person {id: i})-[r:REPORTS_TO|ACCOUNTABLE_TO|DIRECTED_BY|STANDING_AGENCY_OF|PART_OF|POST_IN|SUBORDINATE_TO|HELD_EX_OFFICIO_BY]->(b)
WHERE $excluded IS NULL OR any(c IN coalesce(r.charters, [r.charter]) WHERE NOT c IN $excluded)
RETURN i AS source,
       r {.id, .charter, .provision, .quote, .charters, .provisions, .rules, .quotes, .via, .inferred, .confidence, type: type(r)} AS rel,
       b {.id, .name, .level, .status, .locality, .role, labels: labels(b)} AS node
