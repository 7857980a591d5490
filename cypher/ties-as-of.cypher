// name: ties-as-of
// title: Ties in force in a year
// description: Every tie of the focal state in force in a given year: begun by then (year_from <=
//   year) and not ended before it (year_to empty or >= year). Ties of one kind and direction with
//   a partner (one TIE per citing passage) are merged: the earliest since, the latest until and
//   the sources that attest them. Direction is out when the focal state initiated the tie. A
//   partner that had been succeeded (SUCCEEDED_BY) before the year holds no tie in it. With
//   paper_dates, only the dates the paper itself gives count: a tie or succession dated from
//   another work is undated (listed with undated, its since and until empty).
// param focal: string = "MNG"  id State  -- the focal state's id
// param year: int = 2020  in 1000..9999  -- the year the ties must be in force
// param undated: bool = false  -- also list ties whose start the sources do not date
// param paper_dates: bool = false  -- only the dates the paper gives (date_basis paper); others count as unknown
// column partner: Partner -- the partner state's id (ISO3)
// column kind: Kind -- the tie's kind
// column direction: Direction -- out when the focal state initiated the tie
// column since: Since -- the earliest start
// column until: Until -- the latest end
// column sources cites: Sources -- the works that attest the tie
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
ORDER BY t.source
WITH p, t.kind AS kind, direction, min(CASE WHEN dated THEN t.since END) AS since,
     max(CASE WHEN dated THEN t.until END) AS until, collect(DISTINCT t.source) AS sources
RETURN p.id AS partner, kind, direction, since, until, sources
ORDER BY partner, kind, direction
