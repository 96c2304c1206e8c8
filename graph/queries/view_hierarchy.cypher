// view_hierarchy: what the hierarchy page draws around the committees: their working groups
// (PART_OF) and the names of their standing agencies (STANDING_AGENCY_OF, shown on hover).
//
// (no parameters)
MATCH (part:Body)-[:PART_OF]->(committee:SteeringCommittee)
RETURN committee.id AS committee, 'group' AS row, part {.id, .name, .level, .locality, labels: labels(part)} AS node
UNION ALL
MATCH (agency:Body)-[:STANDING_AGENCY_OF]->(committee:SteeringCommittee)
RETURN committee.id AS committee, 'agency' AS row, agency {.id, .name, .level, .locality, labels: labels(agency)} AS node
