// audit_via_mentions: reporting.via_unknown: what else the charter that names a channel says of it
//
// $pairs  a list of {via, charter} maps
UNWIND $pairs AS p
MATCH (v {id: p.via})-[e]-()
WHERE e.charter = p.charter AND type(e) <> 'REPORTS_TO' AND e.inferred IS NULL
RETURN p.via AS via, p.charter AS charter, count(e) AS mentions
