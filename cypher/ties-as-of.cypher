// name: ties-as-of
// title: Ties in force in a year
// description: Every tie of the focal state in force in a given year: begun by then (year_from <=
//   year) and not ended before it (year_to empty or >= year). Ties of one kind and direction with
//   a partner (one TIE per citing passage, one per span of an imported dataset's observations) are
//   merged: the earliest since, the latest until (none while one of them is in force with no end)
//   and the sources that attest them, the datasets imported beside the paper's works. Direction is
//   out when the focal state initiated the tie. A partner that had been succeeded (SUCCEEDED_BY)
//   before the year holds no tie in it. With paper_dates, only the dates the paper itself gives
//   count: a tie or succession dated from another work is undated (listed with undated, its since
//   and until empty).
// param focal: string = "MNG"  id State  -- the focal state's id
// param year: int = 2020  in 1000..9999  -- the year the ties must be in force
// param undated: bool = false  -- also list ties whose start the sources do not date
// param paper_dates: bool = false  -- only the dates the paper gives (date_basis paper); others count as unknown
// column partner: Partner -- the partner state's id (ISO3)
// column kind: Kind -- the tie's kind
// column direction: Direction -- out when the focal state initiated the tie
// column since: Since -- the earliest start
// column until: Until -- the latest end (empty while one of them has none)
// column sources cites: Sources -- the works that attest the tie
// Each date's test is written out in its own CASE: Kùzu 0.11.3 turns a CASE WHEN on a boolean
// carried by an earlier WITH into null for most rows of an undirected match.
MATCH (f:State {id: $focal})-[t:TIE]-(p:State)
WITH f, p, t,
     CASE WHEN NOT $paper_dates OR t.date_basis = 'paper' THEN t.year_from END AS start,
     CASE WHEN NOT $paper_dates OR t.date_basis = 'paper' THEN t.year_to END AS finish,
     CASE WHEN NOT $paper_dates OR t.date_basis = 'paper' THEN t.since END AS since,
     CASE WHEN NOT $paper_dates OR t.date_basis = 'paper' THEN t.until END AS until,
     CASE WHEN (NOT $paper_dates OR t.date_basis = 'paper') AND t.until IS NULL THEN 1 ELSE 0 END AS open
WHERE (start <= $year OR ($undated AND start IS NULL))
  AND (finish IS NULL OR finish >= $year)
  AND NOT EXISTS {
    MATCH (p)-[s:SUCCEEDED_BY]->(:State)
    WHERE s.year < $year AND (NOT $paper_dates OR s.date_basis = 'paper')
  }
WITH p, t, since, until, open, CASE WHEN t.id STARTS WITH (f.id + '>') THEN 'out' ELSE 'in' END AS direction
// One row per source, sorted, then collected: Kùzu's collect(DISTINCT) does not keep the order.
WITH p, t.kind AS kind, direction, t.source AS source, min(since) AS since, max(until) AS until,
     sum(open) AS open
ORDER BY source SKIP 0  // SKIP 0: Kùzu takes an ORDER BY in WITH only with SKIP or LIMIT
WITH p, kind, direction, min(since) AS since, CASE WHEN sum(open) = 0 THEN max(until) END AS until,
     collect(source) AS sources
RETURN p.id AS partner, kind, direction, since, until, sources
ORDER BY partner, kind, direction
