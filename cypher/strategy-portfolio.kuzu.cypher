// Kùzu variant: ORDER BY in WITH needs SKIP; collect() of nothing but nulls is null, not [].
MATCH (:State {id: $state})-[p:PURSUES]->(st:Strategy)
WITH st, min(p.since) AS since, max(p.until) AS until
OPTIONAL MATCH (st)-[:INSTANCE_OF]->(c:Concept)
WITH st, since, until, c.id AS concept
ORDER BY concept SKIP 0
WITH st, since, until, coalesce(collect(concept), []) AS concepts
OPTIONAL MATCH (e:Event)-[:IMPLEMENTS]->(st)
WITH st, since, until, concepts, count(DISTINCT e) AS events
OPTIONAL MATCH (st)<-[:IMPLEMENTS*0..1]-()-[:LEADS_TO]->(o:Outcome)
WITH st, since, until, concepts, events, count(DISTINCT o) AS outcomes
RETURN st.id AS strategy,
       CASE WHEN until IS NULL THEN since ELSE coalesce(since, '..') + '/' + until END AS period,
       events, outcomes, concepts
ORDER BY since, strategy
