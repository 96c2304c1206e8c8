// audit_reporting_cycles: reporting.cycle: REPORTS_TO paths that come back to where they started
MATCH p = (a)-[:REPORTS_TO*1..8]->(a)
RETURN [n IN nodes(p) | n.id] AS ids, [n IN nodes(p) | n.name] AS names,
       [r IN relationships(p) | r {.id, .charter, .provision, .quote, .charters, .provisions, .rules, .quotes}] AS rels
