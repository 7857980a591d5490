// Kùzu variant: string_split for split, list_transform for the list comprehension, SKIP after ORDER BY in WITH.
MATCH (f:State {id: $focal})-[t:TIE]-(p:State)
WHERE t.kind IN ['third_neighbor', 'comprehensive_partnership', 'strategic_partnership',
                 'comprehensive_strategic_partnership']
  AND NOT p.id IN list_transform(string_split($neighbors, ','), n -> trim(n))
WITH p, t.kind AS kind, min(t.year_from) AS year
WITH p, kind, year,
     CASE kind
       WHEN 'third_neighbor' THEN 0
       WHEN 'comprehensive_partnership' THEN 2
       WHEN 'strategic_partnership' THEN 3
       ELSE 4
     END AS level
ORDER BY level, kind SKIP 0
WITH p, collect({level: level, kind: kind, year: year}) AS rungs,
     count(CASE WHEN kind = 'third_neighbor' THEN 1 END) > 0 AS designated,
     min(CASE WHEN kind = 'third_neighbor' THEN year END) AS designated_in
WITH p, designated, designated_in, rungs[-1] AS top
RETURN p.id AS partner, designated AS third_neighbor, designated_in AS since,
       CASE WHEN top.level > 0 THEN top.kind END AS partnership,
       CASE WHEN top.level > 0 THEN top.year END AS year
ORDER BY third_neighbor DESC, coalesce(top.level, 0) DESC, partner
