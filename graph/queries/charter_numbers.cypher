// charter_numbers: number, title, dates and validity of charters by id, to label provenance.
//
// $ids  a list of charter ids
UNWIND $ids AS i
MATCH (c:Charter {id: i})
RETURN c.id AS id, c.number AS number, c.title AS title, c.issuedOn AS issuedOn,
       c.validFrom AS validFrom, c.validTo AS validTo
