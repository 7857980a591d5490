// Kùzu variant: Kùzu's paths are walks unless TRAIL is asked for; no reduce (list_to_string, list_transform).
MATCH (s {id: $start})
MATCH p = (s)-[:LEADS_TO* TRAIL 1..5]->(x)
WHERE length(p) <= $depth
WITH length(p) AS hops, rels(p)[-1] AS step, nodes(p)[-2] AS previous, x,
     ' ' + list_to_string(' ', list_transform(nodes(p), n -> n.id)) AS node_key,
     ' ' + list_to_string(' ', list_transform(rels(p), r -> r.id)) AS step_key
RETURN hops, previous.id AS from, x.id AS to, step.confidence AS confidence,
       step.claim AS claim
ORDER BY node_key, step_key
