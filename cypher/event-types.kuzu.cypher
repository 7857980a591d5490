// Kùzu variant: list_sort(list_distinct(...)) for the codes; collect() of only nulls is null, not [].
MATCH (e:Event)
WHERE ($state = '' OR EXISTS { MATCH (e)-[:INVOLVES]->(:State {id: $state}) })
WITH e, CASE WHEN NOT $paper_dates OR e.date_basis = 'paper' THEN e.year END AS year
WHERE ($from_year IS NULL OR year >= $from_year)
  AND ($to_year IS NULL OR year <= $to_year)
RETURN e.kind AS kind, e.quad AS quad, count(e) AS events, min(year) AS first, max(year) AS last,
       coalesce(list_sort(list_distinct(collect(e.cameo))), []) AS cameo
ORDER BY events DESC, kind, quad
