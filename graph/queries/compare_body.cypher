// compare_body: one body by id
//
// $id  the body's id
MATCH (n:Body {id: $id})
RETURN n
