// Kùzu variant: list_sort(list_distinct(...)) for the codes; collect() of only nulls is null, not [].
MATCH (e:Event)
WHERE ($state = '' OR EXISTS { MATCH (e)-[:INVOLVES]->(:State {id: $state}) })
  AND ($from_year IS NULL OR e.year >= $from_year)
  AND ($to_year IS NULL OR e.year <= $to_year)
RETURN e.kind AS kind, e.quad AS quad, count(e) AS events, min(e.year) AS first, max(e.year) AS last,
       coalesce(list_sort(list_distinct(collect(e.cameo))), []) AS cameo
ORDER BY events DESC, kind, quad
