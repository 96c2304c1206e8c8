// history_charters: the charters that state a committee's make-up (its charter, its posts,
// its standing agency), oldest first, for read_models.history.
//
// $committee  id of the committee (a Body)
MATCH (committee:Body {id: $committee})<-[rule:GOVERNS|POST_IN|STANDING_AGENCY_OF]-()
UNWIND coalesce(rule.charters, [rule.charter]) AS charterId
WITH DISTINCT charterId
MATCH (charter:Charter {id: charterId})
RETURN charter {.id, .number, .title, .issuedOn, .validFrom, .validTo} AS charter
ORDER BY charter.validFrom, charter.id
