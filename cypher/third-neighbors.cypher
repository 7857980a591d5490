// name: third-neighbors
// title: Third neighbours
// description: The focal state's partners beyond its neighbours: states it has designated third
//   neighbours or holds a partnership with (comprehensive, strategic or comprehensive strategic),
//   leaving out the neighbours themselves. For each: whether it is a third neighbour and since
//   when, and the highest partnership reached with its year (the earliest year the sources give).
// param focal: string = "MNG"  id State  -- the focal state's id
// param neighbors: string = "CHN,RUS"  ids State  -- comma-separated ids of the focal state's neighbours
// column partner: Partner -- the partner state's id (ISO3)
// column third_neighbor: Third neighbour -- whether the focal state designated it a third neighbour
// column since: Since -- the year of the designation
// column partnership: Partnership -- the highest partnership reached
// column year: Year -- that partnership's year
MATCH (f:State {id: $focal})-[t:TIE]-(p:State)
WHERE t.kind IN ['third_neighbor', 'comprehensive_partnership', 'strategic_partnership',
                 'comprehensive_strategic_partnership']
  AND NOT $neighbors =~ ('(.*,)?\\s*' + p.id + '\\s*(,.*)?')  // p.id an item of the list (spaces around items ignored)
WITH p, t.kind AS kind, min(t.year_from) AS year
WITH p, kind, year,
     CASE kind
       WHEN 'third_neighbor' THEN 0
       WHEN 'comprehensive_partnership' THEN 2
       WHEN 'strategic_partnership' THEN 3
       ELSE 4
     END AS level
ORDER BY level, kind SKIP 0  // SKIP 0: Kùzu takes an ORDER BY in WITH only with SKIP or LIMIT
WITH p, collect({level: level, kind: kind, year: year}) AS rungs,
     count(CASE WHEN kind = 'third_neighbor' THEN 1 END) > 0 AS designated,
     min(CASE WHEN kind = 'third_neighbor' THEN year END) AS designated_in
WITH p, designated, designated_in, rungs[-1] AS top
RETURN p.id AS partner, designated AS third_neighbor, designated_in AS since,
       CASE WHEN top.level > 0 THEN top.kind END AS partnership,
       CASE WHEN top.level > 0 THEN top.year END AS year
ORDER BY third_neighbor DESC, coalesce(top.level, 0) DESC, partner
