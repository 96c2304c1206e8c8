// seat_edges: every edge that says what a post (a seat) or a person does, for read_models.who.
//
// Out of each node: the body its post is in (POST_IN), the post it holds (HOLDS), the post
// holding it ex officio (HELD_EX_OFFICIO_BY), what it delegates (DELEGATES_TO), whom it acts
// for (ACTS_FOR), reports to (REPORTS_TO) and is accountable to (ACCOUNTABLE_TO). Into it:
// who holds it (HOLDS, HELD_EX_OFFICIO_BY) and who acts for it (ACTS_FOR). Each edge comes
// back with its provenance; `outgoing` says which way it points. (One branch per label, so
// that both engines look the ids up in their index.)
//
// $ids       ids of the posts or persons
// $excluded  ids of the charters NOT in force at the as-of date, or null for none
//            (an edge holds while ANY of its charters is in force: a folded inferred edge lists
//            several in `charters`, a stated one has its one `charter`)
UNWIND $ids AS seatId
MATCH (seat:Post {id: seatId})-[rule:POST_IN|HOLDS|HELD_EX_OFFICIO_BY|DELEGATES_TO|ACTS_FOR|REPORTS_TO|ACCOUNTABLE_TO]-(other)
WHERE $excluded IS NULL OR any(c IN coalesce(rule.charters, [rule.charter]) WHERE NOT c IN $excluded)
RETURN seatId AS seat, type(rule) AS type, startNode(rule).id = seatId AS outgoing,
       other {.id, .name, .role, .level, .locality, labels: labels(other)} AS other,
       rule {.id, .charter, .provision, .quote, .charters, .provisions, .rules, .quotes, .scope, .condition, .cadence, .dayOfMonth, .months, .adHoc, .via} AS rule
UNION ALL
UNWIND $ids AS seatId
MATCH (seat:Person {id: seatId})-[rule:HOLDS]->(other:Post)
WHERE $excluded IS NULL OR any(c IN coalesce(rule.charters, [rule.charter]) WHERE NOT c IN $excluded)
RETURN seatId AS seat, type(rule) AS type, true AS outgoing,
       other {.id, .name, .role, .level, .locality, labels: labels(other)} AS other,
       rule {.id, .charter, .provision, .quote, .charters, .provisions, .rules, .quotes, .scope, .condition, .cadence, .dayOfMonth, .months, .adHoc, .via} AS rule
