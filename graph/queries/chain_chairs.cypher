// chain_chairs: the posts of role $role (the Chair) of every steering committee, as members.cypher
// returns them for one committee (every charter: `charters` on each holder lists the charters of
// its HELD_EX_OFFICIO_BY edge, for "as of" dates), with the posts holding them ex officio.
// govkg.graph.named_queries.warm_chains keeps them, and a chain shapes them as chair_of does:
// it names the chair of each committee it reaches without a members query per committee.
//
// $role  the role of the posts wanted (Role.Chair)
MATCH (committee:SteeringCommittee)<-[postIn:POST_IN]-(post:Post)
WHERE post.role = $role
RETURN committee.id AS committee,
       post {.id, .name, .role} AS post,
       postIn {.charter, .provision, .quote, .charters, .provisions, .rules, .quotes} AS postIn,
       [(post)-[exOfficio:HELD_EX_OFFICIO_BY]->(holder:Post)
          | holder {.id, .name, .role, charters: coalesce(exOfficio.charters, [exOfficio.charter]), charter: coalesce(exOfficio.charter, head(exOfficio.charters)), provision: coalesce(exOfficio.provision, head(exOfficio.provisions)), quote: coalesce(exOfficio.quote, head(exOfficio.quotes))}] AS exOfficio
ORDER BY committee, post.id, postIn.charter
