// bench_committees: the ids of every defined steering committee (the benchmark's members queries)
MATCH (c:SteeringCommittee)
WHERE c.status = 'defined'
RETURN c.id AS id
ORDER BY id
