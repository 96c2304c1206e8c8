// view_charter: one charter node
//
// $id  the charter's id
MATCH (c:Charter {id: $id})
RETURN c
