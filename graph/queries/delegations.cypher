// delegations: who delegates to whom (DELEGATES_TO) and who acts for whom (ACTS_FOR)
// among a committee and its posts, with scope, condition and provenance.
//
// $committee  id of the committee (a Body)
// $excluded  ids of the charters NOT in force at the as-of date, or null for none
//            (an edge holds while ANY of its charters is in force: a folded inferred edge lists
//            several in `charters`, a stated one has its one `charter`)
MATCH (committee:Body {id: $committee})
WITH committee, [(committee)<-[:POST_IN]-(post:Post) | post] + [committee] AS members
UNWIND members AS member
MATCH (member)-[rule:DELEGATES_TO|ACTS_FOR]-()
WITH DISTINCT rule
WHERE $excluded IS NULL OR any(c IN coalesce(rule.charters, [rule.charter]) WHERE NOT c IN $excluded)
WITH rule, startNode(rule) AS source, endNode(rule) AS target
RETURN type(rule) AS type,
       source {.id, .name, .role, labels: labels(source)} AS source,
       target {.id, .name, .role, labels: labels(target)} AS target,
       rule.scope AS scope, rule.condition AS condition,
       coalesce(rule.charter, head(rule.charters)) AS charter, coalesce(rule.provision, head(rule.provisions)) AS provision, coalesce(rule.quote, head(rule.quotes)) AS quote
ORDER BY type, source.id, target.id, charter, provision
