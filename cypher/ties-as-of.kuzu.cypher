// Kùzu variant: list_sort and list_distinct for the sources (Kùzu's collect(DISTINCT) ignores ORDER BY); each date's test written out in its CASE, as Kùzu 0.11.3 turns CASE WHEN on a boolean carried by a WITH into null for most rows of an undirected match.
MATCH (f:State {id: $focal})-[t:TIE]-(p:State)
WITH f, p, t,
     CASE WHEN NOT $paper_dates OR t.date_basis = 'paper' THEN t.year_from END AS start,
     CASE WHEN NOT $paper_dates OR t.date_basis = 'paper' THEN t.year_to END AS finish,
     CASE WHEN NOT $paper_dates OR t.date_basis = 'paper' THEN t.since END AS since,
     CASE WHEN NOT $paper_dates OR t.date_basis = 'paper' THEN t.until END AS until,
     CASE WHEN (NOT $paper_dates OR t.date_basis = 'paper') AND t.until IS NULL THEN 1 END AS open
WHERE (start <= $year OR ($undated AND start IS NULL))
  AND (finish IS NULL OR finish >= $year)
  AND NOT EXISTS {
    MATCH (p)-[s:SUCCEEDED_BY]->(:State)
    WHERE s.year < $year AND (NOT $paper_dates OR s.date_basis = 'paper')
  }
WITH p, t, since, until, open, CASE WHEN t.id STARTS WITH (f.id + '>') THEN 'out' ELSE 'in' END AS direction
WITH p, t.kind AS kind, direction, min(since) AS since,
     CASE WHEN count(open) = 0 THEN max(until) END AS until,
     list_sort(list_distinct(collect(t.source))) AS sources
RETURN p.id AS partner, kind, direction, since, until, sources
ORDER BY partner, kind, direction
