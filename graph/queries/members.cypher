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
// $charters   ids of the charters in force at the as-of date, or null for all charters
MATCH (committee:Body {id: $committee})<-[postIn:POST_IN]-(post:Post)
WHERE $charters IS NULL OR postIn.charter IN $charters
RETURN post {.id, .name, .role} AS post,
       postIn {.charter, .provision, .quote} AS postIn,
       [(post)-[exOfficio:HELD_EX_OFFICIO_BY]->(holder:Post)
          WHERE $charters IS NULL OR exOfficio.charter IN $charters
          | holder {.id, .name, .role, charter: exOfficio.charter, provision: exOfficio.provision, quote: exOfficio.quote}] AS exOfficio,
       [(post)-[exOfficio:HELD_EX_OFFICIO_BY]->(holder:Post)-[holderIn:POST_IN]->(body:Body)
          WHERE $charters IS NULL OR exOfficio.charter IN $charters
          | {holder: holder.id, id: body.id, name: body.name,
             charter: holderIn.charter, provision: holderIn.provision, quote: holderIn.quote}] AS holderBodies,
       [(post)-[exOfficio:HELD_EX_OFFICIO_BY]->(holder:Post)<-[holds:HOLDS]-(person:Person)
          WHERE $charters IS NULL OR (exOfficio.charter IN $charters AND holds.charter IN $charters)
          | {holder: holder.id, id: person.id, name: person.name,
             charter: holds.charter, provision: holds.provision, quote: holds.quote}] AS holderPersons,
       [(post)<-[holds:HOLDS]-(person:Person)
          WHERE $charters IS NULL OR holds.charter IN $charters
          | person {.id, .name, charter: holds.charter, provision: holds.provision, quote: holds.quote}] AS persons
ORDER BY post.id, postIn.charter
