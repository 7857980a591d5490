// name: partnership-ladder
// title: Partnership ladder
// description: A focal state's partners ranked by the highest partnership level reached:
//   diplomatic relations (1), comprehensive partnership (2), strategic partnership (3),
//   comprehensive strategic partnership (4); with the steps climbed and the year of each.
// param focal: string = "MNG"  -- the focal state's id (ISO3)
MATCH (f:State {id: $focal})-[t:TIE]-(p:State)
WHERE t.kind IN ['diplomatic_relations', 'comprehensive_partnership', 'strategic_partnership',
                 'comprehensive_strategic_partnership']
WITH p, t,
     CASE t.kind
       WHEN 'diplomatic_relations' THEN 1
       WHEN 'comprehensive_partnership' THEN 2
       WHEN 'strategic_partnership' THEN 3
       ELSE 4
     END AS level
ORDER BY level, t.year_from
WITH p, max(level) AS top, collect(t.kind) AS steps, collect(t.year_from) AS years
RETURN p.id AS partner, p.name AS name, top AS level, steps, years
ORDER BY level DESC, partner
