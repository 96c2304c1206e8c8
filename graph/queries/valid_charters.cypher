// valid_charters: the charters in force on a date.
//
// A charter is in force from validFrom (its issue date unless stated) until validTo (the
// issue date of the charter that replaces it); an open end counts as in force. Dates are
// ISO strings, compared as text. (The named queries take the complement, out_of_force.)
//
// $date  an ISO date, e.g. 2026-01-01
MATCH (c:Charter)
WHERE c.sha256 IS NOT NULL
  AND (c.validFrom IS NULL OR c.validFrom <= $date)
  AND (c.validTo IS NULL OR c.validTo > $date)
RETURN c.id AS id
ORDER BY id
