// search_words: nodes whose name holds every search word, in any order, accent-insensitively;
// or whose id is exact. A post's folded name holds its body's name, and a body's its locality,
// so "Chủ tịch UBND phường Hải Dương" finds the post of the ward's People's Committee.
//
// Names are matched on nameFolded (lowercase, no accents, đ→d, punctuation and spaces collapsed).
//
// $words     the search words but the last, folded, abbreviations spelt out (UBND → uy ban nhan dan)
// $last      the last word, matched as the start of a word (so a name can be typed in part)
// $id        an exact id, or null
// $max_rows  the most rows to return
MATCH (n)
WHERE n.id = $id
   OR (n.nameFolded IS NOT NULL
       AND (' ' + n.nameFolded) CONTAINS (' ' + $last)
       AND all(w IN $words WHERE (' ' + n.nameFolded + ' ') CONTAINS (' ' + w + ' ')))
RETURN n {.id, .name, .level, .status, .locality, .role, labels: labels(n)} AS node, n.nameFolded AS folded
ORDER BY n.id
LIMIT $max_rows
