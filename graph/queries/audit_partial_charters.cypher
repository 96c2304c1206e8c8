// audit_partial_charters: charter.partial: charters loaded from a copy that stops short (header,
// preamble and first articles, or cut mid-sentence): what they state is in the graph, what the
// rest of the text says is not
MATCH (c:Charter)
WHERE c.status = 'partial' AND c.sha256 IS NOT NULL
RETURN c.id AS id, c.name AS name, c.path AS path
ORDER BY id
