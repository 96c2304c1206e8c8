// view_edge_quote: where an edge's quote stands in its charter's source text
//
// $id  the edge's id
MATCH ()-[e]->()
WHERE e.id = $id
RETURN coalesce(e.charter, head(e.charters)) AS charter, coalesce(e.quoteStart, head(e.quoteStarts)) AS quoteStart, coalesce(e.quoteEnd, head(e.quoteEnds)) AS quoteEnd, coalesce(e.quote, head(e.quotes)) AS quote
