// audit_article_headings: xref.mismatch: the headings of the citing articles (read when the citing words name no topic)
//
// $charters  ids of the charters
MATCH (a:Provision {kind: 'article'})
WHERE a.charter IN $charters
RETURN a.charter AS charter, a.ref AS ref, a.text AS text
