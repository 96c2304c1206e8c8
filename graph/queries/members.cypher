// members: the posts of a committee and who holds each one, with provenance.
//
// A post is in the committee by POST_IN; it may be held ex officio by a post in another
// body (HELD_EX_OFFICIO_BY, e.g. "Chủ tịch UBND phường - Trưởng Ban Chỉ đạo") and/or by a
// named person (HOLDS, on the post or on the ex-officio post). Every edge walked comes
// back with its {charter, provision, quote}; a post stated by two charters gives two rows.
// (Patterns start from the nodes already matched, and pattern comprehensions stand in for
// OPTIONAL MATCH: both engines then expand from the committee instead of scanning.)
//
// $committee  id of the committee (a Body)
// $excluded  ids of the charters NOT in force at the as-of date, or null for none
//            (an edge holds while ANY of its charters is in force: a folded inferred edge lists
//            several in `charters`, a stated one has its one `charter`)
MATCH (committee:Body {id: $committee})<-[postIn:POST_IN]-(post:Post)
WHERE $excluded IS NULL OR any(c IN coalesce(postIn.charters, [postIn.charter]) WHERE NOT c IN $excluded)
RETURN post {.id, .name, .role} AS post,
       postIn {.charter, .provision, .quote, .charters, .provisions, .rules, .quotes} AS postIn,
       [(post)-[exOfficio:HELD_EX_OFFICIO_BY]->(holder:Post)
          WHERE $excluded IS NULL OR any(c IN coalesce(exOfficio.charters, [exOfficio.charter]) WHERE NOT c IN $excluded)
          | holder {.id, .name, .role, charter: coalesce(exOfficio.charter, head(exOfficio.charters)), provision: coalesce(exOfficio.provision, head(exOfficio.provisions)), quote: coalesce(exOfficio.quote, head(exOfficio.quotes))}] AS exOfficio,
       [(post)-[exOfficio:HELD_EX_OFFICIO_BY]->(holder:Post)-[holderIn:POST_IN]->(body:Body)
          WHERE $excluded IS NULL OR any(c IN coalesce(exOfficio.charters, [exOfficio.charter]) WHERE NOT c IN $excluded)
          | {holder: holder.id, id: body.id, name: body.name,
             charter: coalesce(holderIn.charter, head(holderIn.charters)), provision: coalesce(holderIn.provision, head(holderIn.provisions)), quote: coalesce(holderIn.quote, head(holderIn.quotes))}] AS holderBodies,
       [(post)-[exOfficio:HELD_EX_OFFICIO_BY]->(holder:Post)<-[holds:HOLDS]-(person:Person)
          WHERE $excluded IS NULL OR (any(c IN coalesce(exOfficio.charters, [exOfficio.charter]) WHERE NOT c IN $excluded) AND any(c IN coalesce(holds.charters, [holds.charter]) WHERE NOT c IN $excluded))
          | {holder: holder.id, id: person.id, name: person.name,
             charter: coalesce(holds.charter, head(holds.charters)), provision: coalesce(holds.provision, head(holds.provisions)), quote: coalesce(holds.quote, head(holds.quotes))}] AS holderPersons,
       [(post)<-[holds:HOLDS]-(person:Person)
          WHERE $excluded IS NULL OR any(c IN coalesce(holds.charters, [holds.charter]) WHERE NOT c IN $excluded)
          | person {.id, .name, charter: coalesce(holds.charter, head(holds.charters)), provision: coalesce(holds.provision, head(holds.provisions)), quote: coalesce(holds.quote, head(holds.quotes))}] AS persons
ORDER BY post.id, postIn.charter
