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
MATCH (committee:Body {id: $committee})<-[postIn:POST_IN]-(post:Post)
WHERE $excluded IS NULL OR NOT postIn.charter IN $excluded
RETURN post {.id, .name, .role} AS post,
       postIn {.charter, .provision, .quote} AS postIn,
       [(post)-[exOfficio:HELD_EX_OFFICIO_BY]->(holder:Post)
          WHERE $excluded IS NULL OR NOT exOfficio.charter IN $excluded
          | holder {.id, .name, .role, charter: exOfficio.charter, provision: exOfficio.provision, quote: exOfficio.quote}] AS exOfficio,
       [(post)-[exOfficio:HELD_EX_OFFICIO_BY]->(holder:Post)-[holderIn:POST_IN]->(body:Body)
          WHERE $excluded IS NULL OR NOT exOfficio.charter IN $excluded
          | {holder: holder.id, id: body.id, name: body.name,
             charter: holderIn.charter, provision: holderIn.provision, quote: holderIn.quote}] AS holderBodies,
       [(post)-[exOfficio:HELD_EX_OFFICIO_BY]->(holder:Post)<-[holds:HOLDS]-(person:Person)
          WHERE $excluded IS NULL OR NOT (exOfficio.charter IN $excluded OR holds.charter IN $excluded)
          | {holder: holder.id, id: person.id, name: person.name,
             charter: holds.charter, provision: holds.provision, quote: holds.quote}] AS holderPersons,
       [(post)<-[holds:HOLDS]-(person:Person)
          WHERE $excluded IS NULL OR NOT holds.charter IN $excluded
          | person {.id, .name, charter: holds.charter, provision: holds.provision, quote: holds.quote}] AS persons
ORDER BY post.id, postIn.charter
