// audit_via_nodes: reporting.via_unknown: the nodes the channels name
// Looked up apart, with MATCH on a list: grafeo answers an OPTIONAL MATCH on a value taken
// from another row (`OPTIONAL MATCH (v {id: r.via})`) by scanning every node, 0.2 s a row
// on the national graph, where an UNWIND + MATCH uses the id index.
//
// $ids  ids of the channels' nodes
UNWIND $ids AS i
MATCH (v {id: i})
RETURN v.id AS id, v.name AS name, labels(v) AS labels
