// Kùzu variant: a null inside a struct needs its type (CAST(NULL AS STRING)); events are reached from the dyad's own states and actors, not by joining every INVOLVES; (u:State:Actor) is a node of either table; collect() of nothing is null, not []; the actors are kept or dropped by CASE, as Kùzu 0.11.3 does not apply a condition on a parameter alone in an OPTIONAL MATCH's WHERE.
MATCH (sa:State)-[:SUCCEEDED_BY*0..3]->(:State {id: $a})
WHERE $predecessors OR sa.id = $a
WITH coalesce(collect(sa.id), []) AS side_a
MATCH (sb:State)-[:SUCCEEDED_BY*0..3]->(:State {id: $b})
WHERE $predecessors OR sb.id = $b
WITH side_a, coalesce(collect(sb.id), []) AS side_b
OPTIONAL MATCH (ga:Actor)-[:PART_OF]->(pa:State)
WHERE pa.id IN side_a
WITH side_a, side_b, side_a + CASE WHEN $actors THEN coalesce(collect(ga.id), []) ELSE [] END + [$a] AS actors_a
OPTIONAL MATCH (gb:Actor)-[:PART_OF]->(pb:State)
WHERE pb.id IN side_b
WITH side_a, side_b, actors_a, side_b + CASE WHEN $actors THEN coalesce(collect(gb.id), []) ELSE [] END + [$b] AS actors_b
MATCH (u:State:Actor)
WHERE u.id IN actors_a
WITH side_a, side_b, actors_b, u
OPTIONAL MATCH (u)<-[:INVOLVES]-(e:Event)-[:INVOLVES]->(v:State:Actor)
WHERE v.id IN actors_b AND u.id <> v.id
WITH DISTINCT side_a, side_b, e
WITH side_a, side_b,
     collect({date: CASE WHEN $paper_dates AND coalesce(e.date_basis, '') <> 'paper' THEN CAST(NULL AS STRING)
                          ELSE e.date END,
              year: CASE WHEN $paper_dates AND coalesce(e.date_basis, '') <> 'paper' THEN CAST(NULL AS INT64)
                         ELSE e.year END,
              element: 'Event', kind: e.kind, quad: e.quad, id: e.id}) AS events
OPTIONAL MATCH (u:State)-[t:TIE]-(v:State)
WHERE u.id IN side_a AND v.id IN side_b AND u.id <> v.id
WITH events,
     collect({date: CASE WHEN $paper_dates AND coalesce(t.date_basis, '') <> 'paper' THEN CAST(NULL AS STRING)
                          WHEN t.since IS NULL AND t.until IS NULL THEN CAST(NULL AS STRING)
                          WHEN t.until IS NULL THEN t.since
                          ELSE coalesce(t.since, '..') + '/' + t.until END,
              year: CASE WHEN $paper_dates AND coalesce(t.date_basis, '') <> 'paper' THEN CAST(NULL AS INT64)
                         ELSE t.year_from END, element: 'TIE', kind: t.kind, quad: CAST(NULL AS STRING), id: t.id}) AS ties
UNWIND ties + events AS row
WITH row
WHERE row.id IS NOT NULL
  AND ($from_year IS NULL OR row.year >= $from_year)
  AND ($to_year IS NULL OR row.year <= $to_year)
RETURN row.date AS date, row.element AS element, row.kind AS kind, row.quad AS quad,
       row.id AS id
ORDER BY row.year, date, element, id
