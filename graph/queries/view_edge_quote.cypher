// view_edge_quote: where an edge's quote stands in its charter's source text
//
// $id  the edge's id
MATCH ()-[e]->()
WHERE e.id = $id
RETURN e.charter AS charter, e.quoteStart AS quoteStart, e.quoteEnd AS quoteEnd, e.quote AS quote
