// subtree: everything under a committee, level by level: its posts (POST_IN), parts
// (PART_OF), group leaders (LEADS), standing agencies (STANDING_AGENCY_OF) and the
// committees subordinate to it (SUBORDINATE_TO), each with the edge that attaches it to
// its parent. A node reached by several routes appears once per route; the caller keeps
// the shallowest.
//
// $committee  id of the committee (a Body)
// $excluded  ids of the charters NOT in force at the as-of date, or null for none
//            (an edge holds while ANY of its charters is in force: a folded inferred edge lists
//            several in `charters`, a stated one has its one `charter`)
MATCH (committee:Body {id: $committee})
MATCH route = (committee)<-[:PART_OF|POST_IN|LEADS|STANDING_AGENCY_OF|SUBORDINATE_TO*1..6]-(node)
WHERE $excluded IS NULL OR none(r IN relationships(route) WHERE all(c IN coalesce(r.charters, [r.charter]) WHERE c IN $excluded))
WITH node, route, last(relationships(route)) AS link, nodes(route)[-2] AS parent
RETURN node {.id, .name, .role, .level, .status, labels: labels(node)} AS node,
       length(route) AS depth, parent.id AS parent, type(link) AS type,
       coalesce(link.charter, head(link.charters)) AS charter, coalesce(link.provision, head(link.provisions)) AS provision, coalesce(link.quote, head(link.quotes)) AS quote
ORDER BY depth, parent, node.id, type, charter, provision
