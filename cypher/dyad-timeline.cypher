// name: dyad-timeline
// title: A dyad's timeline
// description: The ties and events of one dyad in date order: every TIE between the two states and
//   every event that involves both, with the event's CAMEO quad class. With predecessors, a state's
//   predecessors (SUCCEEDED_BY, e.g. the USSR for Russia) count as that state, so the dyad's
//   history survives a change of state identity. With actors, an event involving an actor that is
//   part of a side (PART_OF: Inner Mongolia for China, Mongolia's media for Mongolia) counts for
//   that side; a or b may itself be an actor (a region, a group). A tie's date is its period,
//   since/until as in ISO 8601 ("1960/1989", "../1990" when only the end is known). Rows are in
//   order of their start year; undated rows come last, and are left out when a year bound is given.
//   With paper_dates, a row dated from another work than the paper counts as undated.
// param a: string = "MNG"  id State|Actor  -- the first state's (or actor's) id
// param b: string = "CHN"  id State|Actor  -- the second state's (or actor's) id
// param from_year: int = null  in 1000..9999  -- the first year shown (empty: no lower bound)
// param to_year: int = null  in 1000..9999  -- the last year shown (empty: no upper bound)
// param predecessors: bool = true  -- include the states each one succeeded
// param actors: bool = true  -- include the events of the actors that are part of each side's states
// param paper_dates: bool = false  -- only the dates the paper gives (date_basis paper); others count as unknown
// column date: Date -- the event's date or the tie's period
// column element: Element -- Event or TIE
// column kind: Kind -- the event's or tie's kind
// column quad: Quad class -- the event's CAMEO quad class
// column id: Id -- the event's or tie's id
MATCH (sa:State)-[:SUCCEEDED_BY*0..3]->(:State {id: $a})
WHERE $predecessors OR sa.id = $a
WITH collect(sa.id) AS side_a
MATCH (sb:State)-[:SUCCEEDED_BY*0..3]->(:State {id: $b})
WHERE $predecessors OR sb.id = $b
WITH side_a, collect(sb.id) AS side_b
OPTIONAL MATCH (ga:Actor)-[:PART_OF]->(pa:State)
WHERE $actors AND pa.id IN side_a
WITH side_a, side_b, side_a + collect(ga.id) + [$a] AS actors_a
OPTIONAL MATCH (gb:Actor)-[:PART_OF]->(pb:State)
WHERE $actors AND pb.id IN side_b
WITH side_a, side_b, actors_a, side_b + collect(gb.id) + [$b] AS actors_b
OPTIONAL MATCH (u:State)-[t:TIE]-(v:State)
WHERE u.id IN side_a AND v.id IN side_b AND u.id <> v.id
WITH actors_a, actors_b,
     collect({date: CASE WHEN $paper_dates AND coalesce(t.date_basis, '') <> 'paper' THEN null
                          WHEN t.since IS NULL AND t.until IS NULL THEN null
                          WHEN t.until IS NULL THEN t.since
                          ELSE coalesce(t.since, '..') + '/' + t.until END,
              year: CASE WHEN $paper_dates AND coalesce(t.date_basis, '') <> 'paper' THEN null ELSE t.year_from END,
              element: 'TIE', kind: t.kind, quad: null, id: t.id}) AS ties
OPTIONAL MATCH (u)<-[:INVOLVES]-(e:Event)-[:INVOLVES]->(v)
WHERE (u:State OR u:Actor) AND (v:State OR v:Actor) AND u.id IN actors_a AND v.id IN actors_b
  AND u.id <> v.id
WITH DISTINCT ties, e
WITH ties,
     collect({date: CASE WHEN $paper_dates AND coalesce(e.date_basis, '') <> 'paper' THEN null ELSE e.date END,
              year: CASE WHEN $paper_dates AND coalesce(e.date_basis, '') <> 'paper' THEN null ELSE e.year END,
              element: 'Event', kind: e.kind, quad: e.quad, id: e.id}) AS events
UNWIND ties + events AS row
WITH row
WHERE row.id IS NOT NULL
  AND ($from_year IS NULL OR row.year >= $from_year)
  AND ($to_year IS NULL OR row.year <= $to_year)
RETURN row.date AS date, row.element AS element, row.kind AS kind, row.quad AS quad,
       row.id AS id
ORDER BY row.year, date, element, id
