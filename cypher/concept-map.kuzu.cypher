// Kùzu variant: ORDER BY in WITH needs SKIP; collect() of nothing but nulls is null, not [].
MATCH (c:Concept)
WHERE ($concept = '' OR c.id = $concept) AND ($kind = '' OR c.kind = $kind)
OPTIONAL MATCH (c)-[r:RELATES_TO]-(o:Concept)
WITH DISTINCT c,
     CASE WHEN o IS NULL THEN NULL
          WHEN r.id STARTS WITH (c.id + '>') THEN '→ ' + r.kind + ' ' + o.id
          ELSE '← ' + r.kind + ' ' + o.id END AS relation
ORDER BY relation SKIP 0
WITH c, coalesce(collect(relation), []) AS relations
OPTIONAL MATCH (c)-[:PROPOSED_BY]->(s:Source)
WITH DISTINCT c, relations, s
ORDER BY s.year, s.id SKIP 0
WITH c, relations, coalesce(collect(s.name), []) AS proposed_by
OPTIONAL MATCH (st:Strategy)-[:INSTANCE_OF]->(c)
WITH DISTINCT c, relations, proposed_by, st.id AS strategy
ORDER BY strategy SKIP 0
WITH c, relations, proposed_by, coalesce(collect(strategy), []) AS instances
RETURN c.id AS concept, c.kind AS kind, proposed_by, relations, instances
ORDER BY kind DESC, concept
