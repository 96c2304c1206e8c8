// view_committees: the steering committees, of one level or all
//
// $level  a level (national, province, district, commune) or null for all
MATCH (c:SteeringCommittee)
WHERE $level IS NULL OR c.level = $level
RETURN c {.id, .name, .level, .status, .locality, .role, .localityCode, labels: labels(c)} AS c
ORDER BY c.id
