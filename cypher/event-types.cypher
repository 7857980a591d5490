// name: event-types
// title: Event types
// description: How many events of each kind and CAMEO quad class the graph holds, optionally only
//   those involving one state and within a span of years: with the first and last year and the
//   CAMEO codes used. For content analysis of the record (what kind of relationship the events
//   describe) and for checking the coding. Events without a year (undated, or habitual with no
//   start) are counted but give no first or last year; a year bound leaves them out. With
//   paper_dates, an event dated from another work than the paper counts as undated.
// param state: string = ""  id State  -- only events involving this state; empty for every event
// param from_year: int = null  in 1000..9999  -- the first year counted (empty: no lower bound)
// param to_year: int = null  in 1000..9999  -- the last year counted (empty: no upper bound)
// param paper_dates: bool = false  -- only the dates the paper gives (date_basis paper); others count as unknown
// column kind: Kind -- the events' kind
// column quad: Quad class -- their CAMEO quad class
// column events: Events -- how many
// column first: First -- the first year
// column last: Last -- the last year
// column cameo: CAMEO codes -- the CAMEO codes used
MATCH (e:Event)
WHERE ($state = '' OR EXISTS { MATCH (e)-[:INVOLVES]->(:State {id: $state}) })
WITH e, CASE WHEN NOT $paper_dates OR e.date_basis = 'paper' THEN e.year END AS year
WHERE ($from_year IS NULL OR year >= $from_year)
  AND ($to_year IS NULL OR year <= $to_year)
// One row per code, sorted, then collected: Kùzu's collect(DISTINCT) does not keep the order.
WITH e.kind AS kind, e.quad AS quad, e.cameo AS code, count(e) AS coded, min(year) AS code_first,
     max(year) AS code_last
ORDER BY code SKIP 0  // SKIP 0: Kùzu takes an ORDER BY in WITH only with SKIP or LIMIT
RETURN kind, quad, sum(coded) AS events, min(code_first) AS first, max(code_last) AS last,
       coalesce(collect(code), []) AS cameo  // Kùzu's collect() of no values is null, not []
ORDER BY events DESC, kind, quad
