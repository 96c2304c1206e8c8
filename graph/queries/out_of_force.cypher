// out_of_force: the charters NOT in force on a date, for "as of" reads (the named
// queries then skip every edge these charters assert).
//
// A charter is in force from validFrom (its issue date unless stated) until validTo (the
// issue date of the charter that replaces it); an open end counts as in force. Dates are
// ISO strings, compared as text.
//
// $date  an ISO date, e.g. 2026-01-01
MATCH (c:Charter)
WHERE c.validFrom > $date OR c.validTo <= $date
RETURN c.id AS id
ORDER BY id
