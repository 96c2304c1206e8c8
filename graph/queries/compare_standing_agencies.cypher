// compare_standing_agencies: the standing agencies of a body, with their domain
//
// $id  the body's id
MATCH (a:Body)-[s:STANDING_AGENCY_OF]->(b:Body {id: $id})
RETURN a.id AS id, a.name AS name, s.domain AS domain, s.provision AS provision ORDER BY id
