// standing_agencies: the committees a body serves as standing agency (Cơ quan thường
// trực), found by the body's id or by its name, accent-insensitively.
//
// $agency    the agency's id, or null
// $folded    the agency's name folded like nameFolded (lowercase, no accents, đ→d),
//            matched as a substring
// $charters  ids of the charters in force at the as-of date, or null for all charters
MATCH (agency:Body)-[role:STANDING_AGENCY_OF]->(committee:Body)
WHERE (agency.id = $agency OR agency.nameFolded CONTAINS $folded)
  AND ($charters IS NULL OR role.charter IN $charters)
RETURN agency {.id, .name, .locality, labels: labels(agency)} AS agency,
       committee {.id, .name, .level, .locality, labels: labels(committee)} AS committee,
       role.domain AS domain,
       role.charter AS charter, role.provision AS provision, role.quote AS quote
ORDER BY committee.id, agency.id, charter
