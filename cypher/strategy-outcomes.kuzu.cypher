// Kùzu variant: no list comprehension (list_transform), and REL lists cannot be concatenated.
MATCH (s:Strategy {id: $strategy})
MATCH p = (s)<-[:IMPLEMENTS*0..1]-(step)
MATCH (step)-[l:LEADS_TO]->(o:Outcome)
RETURN CASE WHEN length(p) = 0 THEN NULL ELSE step.id END AS event,
       o.id AS outcome,
       l.confidence AS confidence,
       l.claim AS claim,
       list_transform(rels(p), r -> r.source + CASE WHEN r.locator IS NULL THEN '' ELSE ' ' + r.locator END)
         + [l.source + CASE WHEN l.locator IS NULL THEN '' ELSE ' ' + l.locator END] AS citations
ORDER BY outcome, coalesce(event, ''), l.id, list_to_string('', list_transform(rels(p), r -> r.id))
