// name: strategy-portfolio
// title: A state's strategy portfolio
// description: The strategies a state pursues, in the order it took them up: the period (since,
//   or since/until as in ISO 8601; empty where the sources give no date, listed last), how many
//   events implement each and how many outcomes are attributed to it (directly or through those
//   events), and the concepts it instantiates.
// param state: string = "MNG"  id State  -- the state's id
// column strategy: Strategy -- the strategy's id
// column period: Period -- since, or since/until
// column events: Events -- the events that implement it
// column outcomes: Outcomes -- the outcomes attributed to it
// column concepts: Concepts -- the concepts it instantiates
MATCH (:State {id: $state})-[p:PURSUES]->(st:Strategy)
WITH st, min(p.since) AS since, max(p.until) AS until
OPTIONAL MATCH (st)-[:INSTANCE_OF]->(c:Concept)
WITH st, since, until, c.id AS concept
ORDER BY concept SKIP 0  // SKIP 0: Kùzu takes an ORDER BY in WITH only with SKIP or LIMIT
WITH st, since, until, coalesce(collect(concept), []) AS concepts  // Kùzu's collect() of no values is null, not []
OPTIONAL MATCH (e:Event)-[:IMPLEMENTS]->(st)
WITH st, since, until, concepts, count(DISTINCT e) AS events
OPTIONAL MATCH (st)<-[:IMPLEMENTS*0..1]-()-[:LEADS_TO]->(o:Outcome)
WITH st, since, until, concepts, events, count(DISTINCT o) AS outcomes
RETURN st.id AS strategy,
       CASE WHEN until IS NULL THEN since ELSE coalesce(since, '..') + '/' + until END AS period,
       events, outcomes, concepts
ORDER BY since, strategy
