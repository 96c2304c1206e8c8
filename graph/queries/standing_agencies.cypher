// standing_agencies: the committees a body serves as standing agency (Cơ quan thường
// trực), found by the body's whole name, accent-insensitively, or by its id.
//
// $folded    the agency's name folded like nameFolded (lowercase, no accents, đ→d),
//            e.g. "cong an phuong" for every "Công an phường"
// $agencies  a list of agency ids (may be empty)
// $excluded  ids of the charters NOT in force at the as-of date, or null for none
//            (an edge holds while ANY of its charters is in force: a folded inferred edge lists
//            several in `charters`, a stated one has its one `charter`)
MATCH (agency:Body {nameFolded: $folded})-[role:STANDING_AGENCY_OF]->(committee:Body)
WHERE $excluded IS NULL OR NOT role.charter IN $excluded
RETURN agency {.id, .name, .locality, labels: labels(agency)} AS agency,
       committee {.id, .name, .level, .locality, labels: labels(committee)} AS committee,
       role.domain AS domain, role.charter AS charter, role.provision AS provision, role.quote AS quote
UNION
UNWIND $agencies AS agencyId
MATCH (agency:Body {id: agencyId})-[role:STANDING_AGENCY_OF]->(committee:Body)
WHERE $excluded IS NULL OR NOT role.charter IN $excluded
RETURN agency {.id, .name, .locality, labels: labels(agency)} AS agency,
       committee {.id, .name, .level, .locality, labels: labels(committee)} AS committee,
       role.domain AS domain, role.charter AS charter, role.provision AS provision, role.quote AS quote
