// chain: every upward route from one body or post, for govkg.graph.named_queries.chain to rank.
//
// Follows edges in their stored direction over the types below, 1 to 10 hops. The
// caller drops routes that repeat a node, expands REPORTS_TO edges that have a `via`
// body (start -> via body -> recipient) and keeps the route to the highest committee.
// Every relationship comes back with its provenance (charter, provision, quote).
//
// $id        id of the starting Body or Post
// $excluded  ids of the charters NOT in force at the as-of date, or null for none
//            (an edge holds while ANY of its charters is in force: a folded inferred edge lists
//            several in `charters`, a stated one has its one `charter`)
OPTIONAL MATCH (body:Body {id: $id})
OPTIONAL MATCH (post:Post {id: $id})
WITH coalesce(body, post) AS start
MATCH route = (start)-[:REPORTS_TO|ACCOUNTABLE_TO|DIRECTED_BY|STANDING_AGENCY_OF|PART_OF|POST_IN|SUBORDINATE_TO|HELD_EX_OFFICIO_BY*1..10]->(top)
WHERE $excluded IS NULL OR none(r IN relationships(route) WHERE all(c IN coalesce(r.charters, [r.charter]) WHERE c IN $excluded))
RETURN [n IN nodes(route) | n {.id, .name, .level, .status, .locality, .role, labels: labels(n)}] AS nodes,
       [r IN relationships(route) | r {.id, .charter, .provision, .quote, .charters, .provisions, .rules, .quotes, .via, .inferred, .confidence, type: type(r)}] AS rels
