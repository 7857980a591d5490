// Kùzu variant: list_sort and list_distinct for the sources (Kùzu's collect(DISTINCT) ignores ORDER BY).
MATCH (f:State {id: $focal})-[t:TIE]-(p:State)
WITH f, p, t, NOT $paper_dates OR t.date_basis = 'paper' AS dated
WITH f, p, t, dated, CASE WHEN dated THEN t.year_from END AS start, CASE WHEN dated THEN t.year_to END AS finish
WHERE (start <= $year OR ($undated AND start IS NULL))
  AND (finish IS NULL OR finish >= $year)
  AND NOT EXISTS {
    MATCH (p)-[s:SUCCEEDED_BY]->(:State)
    WHERE s.year < $year AND (NOT $paper_dates OR s.date_basis = 'paper')
  }
WITH p, t, dated, CASE WHEN t.id STARTS WITH (f.id + '>') THEN 'out' ELSE 'in' END AS direction
WITH p, t.kind AS kind, direction, min(CASE WHEN dated THEN t.since END) AS since,
     max(CASE WHEN dated THEN t.until END) AS until,
     list_sort(list_distinct(collect(t.source))) AS sources
RETURN p.id AS partner, kind, direction, since, until, sources
ORDER BY partner, kind, direction
