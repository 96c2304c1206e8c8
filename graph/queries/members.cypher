// members: the posts of a committee and who holds each one, with provenance.
//
// A post is in the committee by POST_IN; it may be held ex officio by a post in another
// body (HELD_EX_OFFICIO_BY, e.g. "Chủ tịch UBND phường - Trưởng Ban Chỉ đạo") and/or by a
// named person (HOLDS, on the post or on the ex-officio post). Every edge walked comes
// back as {charter, provision, quote}; a post stated by two charters gives two rows.
//
// $committee  id of the committee (a Body)
// $charters   ids of the charters in force at the as-of date, or null for all charters
MATCH (committee:Body {id: $committee})<-[postIn:POST_IN]-(post:Post)
WHERE $charters IS NULL OR postIn.charter IN $charters
OPTIONAL MATCH (post)-[exOfficio:HELD_EX_OFFICIO_BY]->(holder:Post)
WHERE $charters IS NULL OR exOfficio.charter IN $charters
OPTIONAL MATCH (holder)-[holderIn:POST_IN]->(holderBody:Body)
OPTIONAL MATCH (holderPerson:Person)-[holderHolds:HOLDS]->(holder)
WHERE $charters IS NULL OR holderHolds.charter IN $charters
OPTIONAL MATCH (person:Person)-[holds:HOLDS]->(post)
WHERE $charters IS NULL OR holds.charter IN $charters
RETURN post {.id, .name, .role} AS post,
       postIn {.charter, .provision, .quote} AS postIn,
       holder {.id, .name, .role} AS holder,
       exOfficio {.charter, .provision, .quote} AS exOfficio,
       holderBody {.id, .name} AS holderBody,
       holderIn {.charter, .provision, .quote} AS holderIn,
       holderPerson {.id, .name} AS holderPerson,
       holderHolds {.charter, .provision, .quote} AS holderHolds,
       person {.id, .name} AS person,
       holds {.charter, .provision, .quote} AS holds
ORDER BY post.id, postIn.charter, holder.id, holderPerson.id, person.id
