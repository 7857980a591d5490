// Kùzu variant: Kùzu requires SKIP or LIMIT after ORDER BY in WITH.
MATCH (a:State)-[t:TIE]-(b:State)
WHERE a.id < b.id
WITH DISTINCT a, b, t.kind AS kind
ORDER BY kind SKIP 0
WITH a, b, collect(kind) AS ties
MATCH (i:Indicator {id: $indicator})
MATCH (a)-[ma:MEASURED]->(i)
WHERE ma.year = $year
WITH a, b, ties, i, max(ma.value) AS va
MATCH (b)-[mb:MEASURED]->(i)
WHERE mb.year = $year
WITH a, b, ties, va, max(mb.value) AS vb
WITH ties,
     CASE WHEN va <= vb THEN a.id ELSE b.id END AS small,
     CASE WHEN va <= vb THEN b.id ELSE a.id END AS large,
     CASE WHEN va <= vb THEN vb / va ELSE va / vb END AS raw_ratio
OPTIONAL MATCH (:State {id: small})-[tr:TRADE]->(:State {id: large})
WHERE tr.year = $year
UNWIND [tr.export_share, tr.import_share, tr.trade_share] AS share
WITH small, large, raw_ratio, ties, max(share) AS dependence
WITH small, large, raw_ratio, ties, dependence, list_contains(ties, 'land_border') AS neighbors
RETURN small, large, neighbors, round(raw_ratio, 1) AS ratio, dependence, ties
ORDER BY neighbors DESC, coalesce(dependence, -1.0) DESC, raw_ratio DESC, small, large
