// standing_agency_at: the standing agencies (Cơ quan thường trực) of one committee, with
// provenance, for read_models.history.
//
// $committee  id of the committee (a Body)
// $excluded  ids of the charters NOT in force at the as-of date, or null for none
//            (an edge holds while ANY of its charters is in force: a folded inferred edge lists
//            several in `charters`, a stated one has its one `charter`)
MATCH (agency:Body)-[role:STANDING_AGENCY_OF]->(committee:Body {id: $committee})
WHERE $excluded IS NULL OR NOT role.charter IN $excluded
RETURN agency {.id, .name} AS agency, role {.charter, .provision, .quote} AS role
ORDER BY agency.id, role.charter, role.provision
