// search: nodes whose name contains a text, accent-insensitively, or whose id is exact.
//
// Names are matched on nameFolded, a copy of the name stored at load time in lowercase,
// without accents, đ→d, punctuation and spaces collapsed ("Công an phường" → "cong an phuong").
//
// $folded    the search text folded the same way
// $id        an exact id, or null
// $max_rows  the most rows to return
MATCH (n)
WHERE n.id = $id OR n.nameFolded CONTAINS $folded
RETURN n {.id, .name, .level, .status, .locality, .role, labels: labels(n)} AS node,
       coalesce(n.nameFolded = $folded, false) AS exact
ORDER BY exact DESC, n.id
LIMIT $max_rows
