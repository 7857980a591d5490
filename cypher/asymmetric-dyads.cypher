// name: asymmetric-dyads
// title: Asymmetric dyads
// description: Pairs of states linked by at least one TIE, politically relevant dyads first:
//   neighbours (a land_border tie) come before the rest, as in Womack's asymmetric neighbours;
//   then ranked by the smaller state's dependence on the larger (its highest TRADE export,
//   import or total share with it in the year; empty when no share is recorded) and by material
//   asymmetry (the larger state's value of the indicator divided by the smaller's); with the
//   kinds of tie between them. Dyads lacking the indicator for either state are left out.
// param indicator: string = "gdp_current_usd"  id Indicator  -- the Indicator id that measures size
// param year: int = 2020  in 1000..9999  -- the year of the indicator values and of the trade shares
// column small: Smaller state -- the state with the smaller value of the indicator (ISO3)
// column large: Larger state -- the state with the larger value (ISO3)
// column neighbors: Neighbours -- whether a land_border tie joins them
// column ratio: Ratio -- the larger state's value of the indicator divided by the smaller's
// column dependence: Dependence -- the smaller state's highest TRADE share with the larger in the year
// column ties: Ties -- the kinds of tie between them
MATCH (a:State)-[t:TIE]-(b:State)
WHERE a.id < b.id
WITH DISTINCT a, b, t.kind AS kind
ORDER BY kind SKIP 0  // SKIP 0: Kùzu takes an ORDER BY in WITH only with SKIP or LIMIT
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
WITH small, large, raw_ratio, ties, dependence, 'land_border' IN ties AS neighbors
RETURN small, large, neighbors, round(raw_ratio, 1) AS ratio, dependence, ties
ORDER BY neighbors DESC, coalesce(dependence, -1.0) DESC, raw_ratio DESC, small, large
