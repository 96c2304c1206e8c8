// reporting: the reporting lines (REPORTS_TO) that start or end at a committee, one of
// its posts, one of its parts (PART_OF) or its standing agency, with cadence, the body
// reports go through (via) and provenance.
//
// $committee  id of the committee (a Body)
// $excluded  ids of the charters NOT in force at the as-of date, or null for none
MATCH (committee:Body {id: $committee})
WITH committee, [(committee)<-[:POST_IN|PART_OF|STANDING_AGENCY_OF]-(inside) | inside] + [committee] AS members
UNWIND members AS member
MATCH (member)-[line:REPORTS_TO]-()
WITH DISTINCT line
WHERE $excluded IS NULL OR NOT line.charter IN $excluded
WITH line, startNode(line) AS reporter, endNode(line) AS recipient
OPTIONAL MATCH (via:Body {id: line.via})
RETURN reporter {.id, .name, .role, labels: labels(reporter)} AS reporter,
       recipient {.id, .name, .role, labels: labels(recipient)} AS recipient,
       CASE WHEN via IS NULL THEN null ELSE via {.id, .name} END AS via,
       line.cadence AS cadence, line.dayOfMonth AS dayOfMonth, line.months AS months, line.adHoc AS adHoc,
       line.charter AS charter, line.provision AS provision, line.quote AS quote
ORDER BY reporter.id, recipient.id, provision, charter
