// audit_duplicate_charters: charter.duplicate: two loaded charters with the same number by the same issuer
// (the issuing body's code is part of the number; its place is the charter's locality)
MATCH (a:Charter), (b:Charter)
WHERE a.sha256 IS NOT NULL AND b.sha256 IS NOT NULL AND a.id < b.id
  AND a.number IS NOT NULL AND a.number = b.number
  AND coalesce(a.locality, '') = coalesce(b.locality, '')
RETURN a.id AS a, a.name AS aName, a.path AS aPath, b.id AS b, b.name AS bName, b.path AS bPath,
       a.number AS number, a.locality AS locality
ORDER BY a, b
