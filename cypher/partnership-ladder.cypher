// name: partnership-ladder
// title: Partnership ladder
// description: A focal state's partners ranked by the highest partnership level reached:
//   diplomatic relations (1), comprehensive partnership (2), strategic partnership (3),
//   comprehensive strategic partnership (4); with the year the top level was first reached and
//   the steps climbed, each as "kind year" ("?" where the source gives no year). Several TIEs of
//   one kind (one per citing passage) count as one step, dated by the earliest.
// param focal: string = "MNG"  id State  -- the focal state's id (ISO3)
// column partner: Partner -- the partner state's id (ISO3)
// column name: Name -- the partner's name
// column level: Level -- the highest partnership level reached (1 to 4)
// column since: Since -- the year the top level was first reached
// column steps: Steps -- the steps climbed, each as kind and year
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
ORDER BY level, kind
WITH p, collect({level: level, year: year}) AS rungs,
     collect(kind + ' ' + coalesce(toString(year), '?')) AS steps
WITH p, rungs[-1] AS top, steps
RETURN p.id AS partner, p.name AS name, top.level AS level, top.year AS since, steps
ORDER BY level DESC, partner
