// reporting: the reporting lines (REPORTS_TO) that start or end at a committee, one of
// its posts, one of its parts (PART_OF) or its standing agency, with cadence, the body
// reports go through (via) and provenance.
//
// $committee  id of the committee (a Body)
// $excluded  ids of the charters NOT in force at the as-of date, or null for none
//            (an edge holds while ANY of its charters is in force: a folded inferred edge lists
//            several in `charters`, a stated one has its one `charter`)
MATCH (committee:Body {id: $committee})
WITH committee, [(committee)<-[:POST_IN|PART_OF|STANDING_AGENCY_OF]-(inside) | inside] + [committee] AS members
UNWIND members AS member
MATCH (member)-[line:REPORTS_TO]-()
WITH DISTINCT line
WHERE $excluded IS NULL OR any(c IN coalesce(line.charters, [line.charter]) WHERE NOT c IN $excluded)
WITH line, startNode(line) AS reporter, endNode(line) AS recipient
OPTIONAL MATCH (via:Body {id: line.via})
RETURN reporter {.id, .name, .role, labels: labels(reporter)} AS reporter,
       recipient {.id, .name, .role, labels: labels(recipient)} AS recipient,
       CASE WHEN via IS NULL THEN null ELSE via {.id, .name} END AS via,
       line.cadence AS cadence, line.dayOfMonth AS dayOfMonth, line.months AS months, line.adHoc AS adHoc,
       coalesce(line.charter, head(line.charters)) AS charter, coalesce(line.provision, head(line.provisions)) AS provision, coalesce(line.quote, head(line.quotes)) AS quote
ORDER BY reporter.id, recipient.id, provision, charter
