// name: ties-as-of
// title: Ties in force in a year
// description: Every tie of the focal state in force in a given year: begun by then (year_from <=
//   year) and not ended before it (year_to empty or >= year). Ties of one kind and direction with
//   a partner (one TIE per citing passage) are merged: the earliest since, the latest until and
//   the sources that attest them. Direction is out when the focal state initiated the tie. A
//   partner that had been succeeded (SUCCEEDED_BY) before the year holds no tie in it.
// param focal: string = "MNG"  id State  -- the focal state's id
// param year: int = 2020  in 1000..9999  -- the year the ties must be in force
// param undated: bool = false  -- also list ties whose start the sources do not date
MATCH (f:State {id: $focal})-[t:TIE]-(p:State)
WHERE (t.year_from <= $year OR ($undated AND t.year_from IS NULL))
  AND (t.year_to IS NULL OR t.year_to >= $year)
  AND NOT EXISTS { MATCH (p)-[s:SUCCEEDED_BY]->(:State) WHERE s.year < $year }
WITH p, t, CASE WHEN t.id STARTS WITH (f.id + '>') THEN 'out' ELSE 'in' END AS direction
ORDER BY t.source
WITH p, t.kind AS kind, direction, min(t.since) AS since, max(t.until) AS until,
     collect(DISTINCT t.source) AS sources
RETURN p.id AS partner, kind, direction, since, until, sources
ORDER BY partner, kind, direction
