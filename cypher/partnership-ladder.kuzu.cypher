// Kùzu variant: ORDER BY in WITH needs SKIP; no toString (CAST ... AS STRING).
MATCH (f:State {id: $focal})-[t:TIE]-(p:State)
WHERE t.kind IN ['diplomatic_relations', 'comprehensive_partnership', 'strategic_partnership',
                 'comprehensive_strategic_partnership']
WITH p, t.kind AS kind, min(t.year_from) AS year
WITH p, kind, year,
     CASE kind
       WHEN 'diplomatic_relations' THEN 1
       WHEN 'comprehensive_partnership' THEN 2
       WHEN 'strategic_partnership' THEN 3
       ELSE 4
     END AS level
ORDER BY level, kind SKIP 0
WITH p, collect({level: level, year: year}) AS rungs,
     collect(kind + ' ' + coalesce(CAST(year AS STRING), '?')) AS steps
WITH p, rungs[-1] AS top, steps
RETURN p.id AS partner, p.name AS name, top.level AS level, top.year AS since, steps
ORDER BY level DESC, partner
