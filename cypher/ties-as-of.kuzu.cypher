// Kùzu variant: list_sort and list_distinct for the sources (Kùzu's collect(DISTINCT) ignores ORDER BY).
MATCH (f:State {id: $focal})-[t:TIE]-(p:State)
WHERE (t.year_from <= $year OR ($undated AND t.year_from IS NULL))
  AND (t.year_to IS NULL OR t.year_to >= $year)
  AND NOT EXISTS { MATCH (p)-[s:SUCCEEDED_BY]->(:State) WHERE s.year < $year }
WITH p, t, CASE WHEN t.id STARTS WITH (f.id + '>') THEN 'out' ELSE 'in' END AS direction
WITH p, t.kind AS kind, direction, min(t.since) AS since, max(t.until) AS until,
     list_sort(list_distinct(collect(t.source))) AS sources
RETURN p.id AS partner, kind, direction, since, until, sources
ORDER BY partner, kind, direction
