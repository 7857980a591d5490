// name: concept-map
// title: Concept map
// description: The theories and concepts of the analysis: for each, who proposed it or is credited
//   with its definition (PROPOSED_BY, as short citations in year order), how it relates to other
//   concepts (RELATES_TO: "→ kind other" when it is the subject, "← kind other" when the other
//   concept is), and which strategies instantiate it (INSTANCE_OF). Theories first.
// param concept: string = ""  id Concept  -- a Concept id; empty for every concept
// param kind: string = ""  -- theory or concept; empty for both
// column concept: Concept -- the concept's id
// column kind: Kind -- theory or concept
// column proposed_by: Proposed by -- short citations of who proposed or defined it
// column relations: Relations -- its relations to other concepts
// column instances: Strategies -- the strategies that instantiate it
MATCH (c:Concept)
WHERE ($concept = '' OR c.id = $concept) AND ($kind = '' OR c.kind = $kind)
OPTIONAL MATCH (c)-[r:RELATES_TO]-(o:Concept)
WITH DISTINCT c,
     CASE WHEN o IS NULL THEN null
          WHEN r.id STARTS WITH (c.id + '>') THEN '→ ' + r.kind + ' ' + o.id
          ELSE '← ' + r.kind + ' ' + o.id END AS relation
ORDER BY relation SKIP 0  // SKIP 0: Kùzu takes an ORDER BY in WITH only with SKIP or LIMIT
WITH c, coalesce(collect(relation), []) AS relations  // Kùzu's collect() of no values is null, not []
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
