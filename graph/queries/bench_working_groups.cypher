// bench_working_groups: the ids of every working group (the benchmark's chain starts)
MATCH (w:WorkingGroup)
RETURN w.id AS id
ORDER BY id
