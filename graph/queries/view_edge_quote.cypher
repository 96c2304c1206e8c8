// view_edge_quote: where an edge's quote stands in its charter's source text
//
// (a folded inferred edge: its evidence lists, of which the caller shows the first quoted entry)
//
// $id  the edge's id
MATCH ()-[e]->()
WHERE e.id = $id
RETURN e.charter AS charter, e.quoteStart AS quoteStart, e.quoteEnd AS quoteEnd, e.quote AS quote,
       e.charters AS charters, e.quoteStarts AS quoteStarts, e.quoteEnds AS quoteEnds, e.quotes AS quotes
