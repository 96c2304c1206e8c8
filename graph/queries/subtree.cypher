// subtree: everything under a committee, level by level: its posts (POST_IN), parts
// (PART_OF), group leaders (LEADS), standing agencies (STANDING_AGENCY_OF) and the
// committees subordinate to it (SUBORDINATE_TO), each with the edge that attaches it to
// its parent. A node reached by several routes appears once per route; the caller keeps
// the shallowest.
//
// $committee  id of the committee (a Body)
// $excluded  ids of the charters NOT in force at the as-of date, or null for none
MATCH (committee:Body {id: $committee})
MATCH route = (committee)<-[:PART_OF|POST_IN|LEADS|STANDING_AGENCY_OF|SUBORDINATE_TO*1..6]-(node)
WHERE $excluded IS NULL OR none(r IN relationships(route) WHERE r.charter IN $excluded)
WITH node, route, last(relationships(route)) AS link, nodes(route)[-2] AS parent
RETURN node {.id, .name, .role, .level, .status, labels: labels(node)} AS node,
       length(route) AS depth, parent.id AS parent, type(link) AS type,
       link.charter AS charter, link.provision AS provision, link.quote AS quote
ORDER BY depth, parent, node.id, type, charter, provision
