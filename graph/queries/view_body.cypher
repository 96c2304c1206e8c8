// view_body: one body node
//
// $id  the body's id
MATCH (b:Body {id: $id})
RETURN b
