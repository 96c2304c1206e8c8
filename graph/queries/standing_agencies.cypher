// standing_agencies: the committees a body serves as standing agency (Cơ quan thường
// trực), found by the body's whole name, accent-insensitively, or by its id.
//
// $folded    the agency's name folded like nameFolded (lowercase, no accents, đ→d),
//            e.g. "cong an phuong" for every "Công an phường"
// $agencies  a list of agency ids (may be empty)
// $charters  ids of the charters in force at the as-of date, or null for all charters
MATCH (agency:Body {nameFolded: $folded})-[role:STANDING_AGENCY_OF]->(committee:Body)
WHERE $charters IS NULL OR role.charter IN $charters
RETURN agency {.id, .name, .locality, labels: labels(agency)} AS agency,
       committee {.id, .name, .level, .locality, labels: labels(committee)} AS committee,
       role.domain AS domain, role.charter AS charter, role.provision AS provision, role.quote AS quote
UNION
UNWIND $agencies AS agencyId
MATCH (agency:Body {id: agencyId})-[role:STANDING_AGENCY_OF]->(committee:Body)
WHERE $charters IS NULL OR role.charter IN $charters
RETURN agency {.id, .name, .locality, labels: labels(agency)} AS agency,
       committee {.id, .name, .level, .locality, labels: labels(committee)} AS committee,
       role.domain AS domain, role.charter AS charter, role.provision AS provision, role.quote AS quote
